//! `--shard K/N`: the K-th of N disjoint parts of a batch, so that a
//! cluster's jobs each align one. A document's part follows from a stable
//! hash of its id alone, not from its row: reordering or extending the
//! manifest moves no other document to another part.

use std::str::FromStr;

use sha2::{Digest, Sha256};

/// The `k`-th (1-based) of `n` parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    k: u64,
    n: u64,
}

/// A `--shard` that is not `K/N` with 1 ≤ K ≤ N.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--shard {0}: give K/N with 1 ≤ K ≤ N, e.g. 3/8 for the third of eight parts")]
pub struct BadShard(pub String);

impl Shard {
    /// Whether the document `id` is in this part.
    pub fn holds(&self, id: &str) -> bool {
        let digest = Sha256::digest(id.as_bytes());
        let bucket = u64::from_be_bytes(digest[..8].try_into().expect("eight bytes"));
        bucket % self.n == self.k - 1
    }
}

impl FromStr for Shard {
    type Err = BadShard;

    fn from_str(s: &str) -> Result<Shard, BadShard> {
        let bad = || BadShard(s.to_string());
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (u64, u64) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if k == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_are_disjoint_cover_every_id_and_do_not_move() {
        let ids: Vec<String> = (0..500).map(|k| format!("doc-{k}")).collect();
        for n in 1..=5 {
            let shards: Vec<Shard> = (1..=n).map(|k| format!("{k}/{n}").parse().unwrap()).collect();
            for id in &ids {
                assert_eq!(shards.iter().filter(|s| s.holds(id)).count(), 1, "{id} in {n} parts");
            }
            // Each part gets its share, roughly.
            for s in &shards {
                let held = ids.iter().filter(|id| s.holds(id)).count();
                assert!(held * (n as usize) > 300 && held * (n as usize) < 700, "{s:?}: {held}");
            }
        }
        // The hash is part of the contract: a cluster's parts must not move between versions.
        let two: Shard = "2/2".parse().unwrap();
        assert_eq!(["a", "b", "c", "statement"].map(|id| two.holds(id)), [false, false, false, true]);
    }

    #[test]
    fn only_k_of_n_is_a_shard() {
        for bad in ["0/2", "3/2", "1", "a/b", "1/0", "-1/2"] {
            assert_eq!(bad.parse::<Shard>(), Err(BadShard(bad.into())), "{bad}");
        }
        assert!("1/1".parse::<Shard>().unwrap().holds("anything"));
    }
}
