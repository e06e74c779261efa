//! The byte layout of cache payloads: little-endian `u32`s (tables read by
//! index), LEB128 varints (streams read in order) and raw bytes. Reading
//! never panics: a read past the end is `None`, and the caller takes the
//! cache for corrupt.

/// Builds a payload.
#[derive(Debug, Default)]
pub struct Writer(Vec<u8>);

impl Writer {
    pub fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }

    pub fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }

    /// Seven bits a byte, low first; the high bit says more follow.
    pub fn varint(&mut self, mut x: u64) {
        while x >= 0x80 {
            self.0.push(x as u8 | 0x80);
            x >>= 7;
        }
        self.0.push(x as u8);
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.0.extend_from_slice(b);
    }

    /// Bytes written so far.
    pub fn written(&self) -> usize {
        self.0.len()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

/// Reads a payload from the front.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            x |= u64::from(b & 0x7F).checked_shl(shift)?;
            if b < 0x80 {
                return Some(x);
            }
        }
        None
    }

    /// A varint that must fit a `usize` no larger than `max`.
    pub fn count(&mut self, max: usize) -> Option<usize> {
        usize::try_from(self.varint()?).ok().filter(|&n| n <= max)
    }

    /// A table of `n` little-endian `u32`s.
    pub fn u32s(&mut self, n: usize) -> Option<U32s<'a>> {
        Some(U32s(self.take(n.checked_mul(4)?)?))
    }

    /// What is left unread.
    pub fn rest(&self) -> &'a [u8] {
        self.bytes
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// A table of little-endian `u32`s inside a payload.
#[derive(Debug, Clone, Copy)]
pub struct U32s<'a>(&'a [u8]);

impl U32s<'_> {
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// The `i`-th number; panics past the end, like a slice.
    pub fn get(&self, i: usize) -> u32 {
        let b = &self.0[4 * i..4 * i + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Where `x` is, in an ascending table.
    pub fn search(&self, x: u32) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(&x) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let mut w = Writer::default();
        w.u32(7);
        for x in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            w.varint(x);
        }
        w.u64(u64::MAX - 1);
        w.u32(1);
        w.u32(2);
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u32(), Some(7));
        for x in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(r.varint(), Some(x));
        }
        assert_eq!(r.u64(), Some(u64::MAX - 1));
        let table = r.u32s(2).unwrap();
        assert_eq!((table.len(), table.get(0), table.get(1)), (2, 1, 2));
        assert_eq!(table.iter().collect::<Vec<_>>(), [1, 2]);
        assert_eq!((table.search(2), table.search(1), table.search(3)), (Some(1), Some(0), None));
        assert!(r.is_empty() && r.u32().is_none() && r.varint().is_none());
    }

    #[test]
    fn bad_input_reads_as_none() {
        assert!(Reader::new(&[0x80, 0x80]).varint().is_none(), "unfinished varint");
        assert!(Reader::new(&[0xFF; 11]).varint().is_none(), "too long a varint");
        assert!(Reader::new(&[1, 2, 3]).u32().is_none());
        assert!(Reader::new(&[9]).count(8).is_none());
        assert!(Reader::new(&[0; 7]).u32s(2).is_none());
    }
}
