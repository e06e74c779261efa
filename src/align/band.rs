//! The band: the cells of the lattice a search visits. Row `i` (the first
//! `i` source sentences aligned) holds the columns `lo[i]..=hi[i]`; rows
//! always overlap their neighbours, so a band built here always connects
//! (0, 0) to (n, m). Memory and time of a search are proportional to the
//! band's cells, never to n × m.

use super::Bead;

/// The cells of a lattice of `n` source and `m` target sentences that a
/// search visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    m: usize,
    /// Where the lattice's (0, 0) lies in the document's lattice: a stretch
    /// between fixed beads is searched as a lattice of its own.
    origin: (usize, usize),
}

impl Band {
    /// Every row spans the columns the diagonal crosses between rows i and
    /// i + 1, widened by `half` on both sides.
    pub fn diagonal(n: usize, m: usize, half: usize) -> Band {
        let centres: Vec<(usize, usize)> = (0..=n)
            .map(|i| {
                if n == 0 {
                    return (0, m);
                }
                (i * m / n, ((i + 1) * m).div_ceil(n).min(m))
            })
            .collect();
        Band::around(&centres, half, m)
    }

    /// The columns a path of `beads` (tiling n × m) visits in each row,
    /// widened by `half` on both sides.
    pub fn along(beads: &[Bead], n: usize, m: usize, half: usize) -> Band {
        Band::around(&path_rows(beads, n), half, m)
    }

    fn around(centres: &[(usize, usize)], half: usize, m: usize) -> Band {
        let lo = centres.iter().map(|&(a, _)| a.saturating_sub(half)).collect();
        let hi = centres.iter().map(|&(_, b)| (b + half).min(m)).collect();
        Band { lo, hi, m, origin: (0, 0) }
    }

    /// The cells of both bands in the rows within `reach` of one of `rows`
    /// (ascending), this band's alone elsewhere: the band grown where a
    /// path needs it. Both bands must hold that path, so that the rows
    /// still connect.
    pub fn union_near(&self, other: &Band, rows: &[usize], reach: usize) -> Band {
        debug_assert_eq!((self.lo.len(), self.m, self.origin), (other.lo.len(), other.m, other.origin));
        let mut grown = self.clone();
        let mut next = 0; // rows below it are grown already
        for &r in rows {
            let (from, to) = (r.saturating_sub(reach).max(next), (r + reach + 1).min(self.lo.len()));
            for i in from..to {
                grown.lo[i] = grown.lo[i].min(other.lo[i]);
                grown.hi[i] = grown.hi[i].max(other.hi[i]);
            }
            next = next.max(to);
        }
        grown
    }

    /// The same band, its lattice starting at source sentence `src` and
    /// target sentence `tgt` of a larger one.
    pub fn shifted(&self, src: usize, tgt: usize) -> Band {
        Band { origin: (self.origin.0 + src, self.origin.1 + tgt), ..self.clone() }
    }

    /// Where row 0, column 0 lies in the document's lattice.
    pub fn origin(&self) -> (usize, usize) {
        self.origin
    }

    /// Source sentences of the lattice (rows − 1).
    pub fn n(&self) -> usize {
        self.lo.len() - 1
    }

    /// Target sentences of the lattice.
    pub fn m(&self) -> usize {
        self.m
    }

    /// The first and last column of row `i`.
    pub fn row(&self, i: usize) -> (usize, usize) {
        (self.lo[i], self.hi[i])
    }

    pub fn contains(&self, i: usize, j: usize) -> bool {
        self.lo[i] <= j && j <= self.hi[i]
    }

    pub fn width(&self, i: usize) -> usize {
        self.hi[i] - self.lo[i] + 1
    }

    /// The widest row.
    pub fn max_width(&self) -> usize {
        (0..self.lo.len()).map(|i| self.width(i)).max().unwrap_or(0)
    }

    /// Cells in all.
    pub fn cells(&self) -> usize {
        (0..self.lo.len()).map(|i| self.width(i)).sum()
    }

    /// Whether the band is the whole lattice.
    pub fn is_full(&self) -> bool {
        self.lo.iter().zip(&self.hi).all(|(&lo, &hi)| lo == 0 && hi == self.m)
    }

    /// Whether `j` in row `i` lies within `margin` cells of a band edge that
    /// is not the lattice's own edge: a path there may want to leave.
    pub fn near_edge(&self, i: usize, j: usize, margin: usize) -> bool {
        (self.lo[i] > 0 && j < self.lo[i] + margin) || (self.hi[i] < self.m && j + margin > self.hi[i])
    }
}

/// For each row i, the columns the path visits there (first, last).
fn path_rows(beads: &[Bead], n: usize) -> Vec<(usize, usize)> {
    let mut rows = vec![(usize::MAX, 0); n + 1];
    let mut visit = |i: usize, j: usize| {
        rows[i].0 = rows[i].0.min(j);
        rows[i].1 = rows[i].1.max(j);
    };
    visit(0, 0);
    for b in beads {
        // Rows a multi-sentence source side passes through lie between its ends.
        for i in b.src.start..=b.src.end {
            visit(i, b.tgt.start);
            visit(i, b.tgt.end);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diagonal_band_connects_its_rows() {
        let band = Band::diagonal(10, 25, 2);
        for i in 1..=10 {
            let ((lo, hi), (plo, phi)) = (band.row(i), band.row(i - 1));
            assert!(lo <= phi && plo <= hi, "rows {} and {i} overlap", i - 1);
        }
        assert_eq!((band.row(0).0, band.row(10).1), (0, 25));
        assert!(!band.is_full() && Band::diagonal(3, 3, 10).is_full());
    }

    #[test]
    fn a_band_along_a_path_holds_its_cells_and_grows_near_the_rows_given() {
        let path = [Bead::new(0..1, 0..2), Bead::new(1..2, 2..2), Bead::new(2..4, 2..3)];
        let band = Band::along(&path, 4, 3, 0);
        assert_eq!((band.row(0), band.row(1), band.row(2), band.row(4)), ((0, 2), (0, 2), (2, 3), (2, 3)));
        let wide = Band::along(&path, 4, 3, 1);
        let wider = band.union_near(&wide, &[0, 4], 4);
        assert_eq!(wider.row(2), (1, 3));
        assert_eq!(wider.cells(), band.union_near(&wider, &[2], 9).cells());
        assert!(wider.near_edge(2, 1, 1) && !wider.near_edge(0, 0, 1));
        // Grown near row 4 only: rows 0 to 2 keep their columns.
        let local = band.union_near(&wide, &[4], 1);
        assert_eq!((local.row(2), local.row(3)), ((2, 3), (1, 3)));
        assert_eq!(local.row(4), (1, 3));
    }
}
