//! The evidence that does not re-fit, kept per bead. Anchors, paragraphs
//! and words score a bead the same in every EM round of a pass (only the
//! shape priors and the length model re-fit), so each bead of the bands
//! searched is scored once a pass, row by row on all cores, and looked up
//! afterwards.

use std::ops::Range;

use rayon::prelude::*;

use crate::align::{Band, PerShape, Shape};

/// Rows worked out by one job: a job's first rows compute the cells of the
/// sentences before them again, so jobs should be much longer than a bead.
const ROWS_PER_JOB: usize = 256;

/// Scores of the beads ending in each cell, for the cells of every band
/// prepared so far; NaN where a bead was not scored.
#[derive(Default)]
pub(super) struct Cache {
    rows: Vec<CacheRow>,
}

#[derive(Default, Clone)]
struct CacheRow {
    /// `scores[k]` belongs to the cell in column `first + k`.
    first: usize,
    scores: Vec<PerShape<f32>>,
}

impl Cache {
    /// The kept score of the bead `src` × `tgt`, if it was scored.
    pub(super) fn get(&self, shape: Shape, src: &Range<usize>, tgt: &Range<usize>) -> Option<f64> {
        let row = self.rows.get(src.end)?;
        let v = row.scores.get(tgt.end.checked_sub(row.first)?)?[shape];
        (!v.is_nan()).then_some(v as f64)
    }

    /// Scores every bead of `band` (in the document's lattice: see
    /// [`Band::origin`]) with both sides non-empty that is not kept yet.
    /// `score(scratch, shape, src, tgt)` scores one bead; each job has its
    /// own scratch from `scratch()`, and meets its beads in row order.
    pub(super) fn fill<S>(
        &mut self,
        band: &Band,
        n_src: usize,
        scratch: impl Fn() -> S + Sync,
        score: impl Fn(&mut S, Shape, Range<usize>, Range<usize>) -> f64 + Sync,
    ) {
        if self.rows.len() < n_src + 1 {
            self.rows.resize(n_src + 1, CacheRow::default());
        }
        let (i0, j0) = band.origin();
        let rows = &mut self.rows[i0..=i0 + band.n()];
        for (i, row) in rows.iter_mut().enumerate() {
            let (lo, hi) = band.row(i);
            row.cover(j0 + lo, j0 + hi);
        }
        rows.par_chunks_mut(ROWS_PER_JOB).enumerate().for_each(|(job, chunk)| {
            let mut scratch = scratch();
            for (k, row) in chunk.iter_mut().enumerate() {
                let i = job * ROWS_PER_JOB + k;
                let (lo, hi) = band.row(i);
                for j in lo..=hi {
                    let cell = &mut row.scores[j0 + j - row.first];
                    for t in Shape::ALL {
                        let (a, b) = (t.src(), t.tgt());
                        if a == 0 || b == 0 || a > i || b > j || !band.contains(i - a, j - b) || !cell[t].is_nan() {
                            continue;
                        }
                        let (src, tgt) = (i0 + i - a..i0 + i, j0 + j - b..j0 + j);
                        cell[t] = score(&mut scratch, t, src, tgt) as f32;
                    }
                }
            }
        });
    }
}

impl CacheRow {
    /// Makes room for the columns `lo..=hi`.
    fn cover(&mut self, lo: usize, hi: usize) {
        let blank = PerShape::filled(f32::NAN);
        if self.scores.is_empty() {
            self.first = lo;
        } else if lo < self.first {
            self.scores.splice(0..0, std::iter::repeat_n(blank, self.first - lo));
            self.first = lo;
        }
        if hi + 1 > self.first + self.scores.len() {
            self.scores.resize(hi + 1 - self.first, blank);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn each_bead_of_a_band_is_scored_once_and_kept() {
        let calls = AtomicUsize::new(0);
        let score = |_: &mut (), t: Shape, src: Range<usize>, tgt: Range<usize>| {
            calls.fetch_add(1, Ordering::Relaxed);
            (t.index() * 1000 + src.start * 10 + tgt.start) as f64
        };
        let mut cache = Cache::default();
        let band = Band::diagonal(600, 600, 3);
        cache.fill(&band, 600, || (), score);
        let first = calls.load(Ordering::Relaxed);
        assert!(first > 600);
        let one = Shape::of(&crate::align::Bead::new(0..1, 0..1)).unwrap();
        assert_eq!(cache.get(one, &(299..300), &(300..301)), Some((one.index() * 1000 + 2990 + 300) as f64));
        assert_eq!(cache.get(one, &(10..11), &(500..501)), None, "outside the band");
        cache.fill(&band, 600, || (), score);
        assert_eq!(calls.load(Ordering::Relaxed), first, "nothing scored twice");
        // A wider band scores only its new beads.
        cache.fill(&Band::diagonal(600, 600, 6), 600, || (), score);
        assert!(calls.load(Ordering::Relaxed) < 3 * first);
        assert!(cache.get(one, &(10..11), &(15..16)).is_some());
    }

    #[test]
    fn a_stretch_fills_the_rows_of_the_document() {
        let mut cache = Cache::default();
        let band = Band::diagonal(5, 5, 1).shifted(10, 20);
        cache.fill(&band, 20, || (), |_, _, src, tgt| (src.end * 100 + tgt.end) as f64);
        let one = Shape::of(&crate::align::Bead::new(0..1, 0..1)).unwrap();
        assert_eq!(cache.get(one, &(12..13), &(22..23)), Some(1323.0));
        assert_eq!(cache.get(one, &(2..3), &(2..3)), None);
    }
}
