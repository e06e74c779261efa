//! The search: a banded lattice over positions (i, j) — "the first i source
//! and j target sentences are aligned" — walked forward and backward.
//!
//! * Forward (log-sum-exp) and backward passes give each possible bead its
//!   posterior probability under the model: the bead's score.
//! * A max-product pass gives the best path: the alignment.
//!
//! Only cells inside a band around a guide path are visited. The first band
//! is the diagonal's, or for the fast search, where the path leaves it, a
//! band that follows the drift if its path scores better; when the best
//! path runs close to the band's edge, the
//! band is re-centred on that path and widened, and the search runs again.
//! Memory is proportional to (n + m) × band width, never n × m.

use std::ops::Range;

use super::{Alignment, Band, Bead, PerShape, Posterior, Scored, Shape, SHAPES};

/// What the search needs from the model: the log-score of a bead (a log
/// probability up to a constant shared by all paths: bead-type prior plus
/// the evidence). `NEG_INFINITY` forbids a bead.
pub trait BeadScorer {
    /// `src` and `tgt` have the sentence counts of `shape`.
    fn log_score(&self, shape: Shape, src: Range<usize>, tgt: Range<usize>) -> f64;

    /// Called with each band before the search asks for its beads: a scorer
    /// may work out at once, and keep, what stays the same over the band.
    fn prepare(&self, _band: &Band) {}
}

/// Knobs of the search.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    /// Half-width of the first band around the diagonal, in target
    /// sentences (it grows with the length difference of the two sides).
    pub band: usize,
    /// Beads whose posterior falls below this are left out of
    /// [`Aligned::expected`].
    pub min_expected: f64,
    /// Every search over a wide band around the diagonal, never a narrow
    /// band around an earlier path: the reference for the fast search.
    pub exact: bool,
    /// Half-width of the band around an earlier path ([`align_near`]).
    /// 6, 5 and 8 give the same strict F1 on every development set and on
    /// a 4.5k-sentence document; 4 loses 0.004 on MAC-Dev without lexicons.
    pub near: usize,
    /// The most it grows to on each side of the path: the memory bound.
    pub max_near: usize,
}

impl Default for AlignOptions {
    fn default() -> AlignOptions {
        AlignOptions { band: 30, min_expected: 1e-3, exact: false, near: 6, max_near: 256 }
    }
}

/// A bead of the lattice with its posterior probability: what a model
/// re-estimates itself from.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub shape: Shape,
    pub bead: Bead,
    pub posterior: f64,
}

/// The result of a search.
#[derive(Debug, Clone)]
pub struct Aligned {
    /// The best path, with the posterior of each of its beads.
    pub path: Scored<Posterior>,
    /// Every bead of the lattice whose posterior is at least
    /// [`AlignOptions::min_expected`].
    pub expected: Vec<Expected>,
}

/// A table of values over the band's cells.
struct Table<T = f64> {
    start: Vec<usize>,
    cells: Vec<T>,
}

impl<T: Clone> Table<T> {
    fn new(band: &Band, fill: T) -> Table<T> {
        let mut start = Vec::with_capacity(band.n() + 1);
        let mut total = 0;
        for i in 0..=band.n() {
            start.push(total);
            total += band.width(i);
        }
        Table { start, cells: vec![fill; total] }
    }
}

impl Table<f64> {
    fn at(&self, band: &Band, i: usize, j: usize) -> f64 {
        if band.contains(i, j) {
            self.cells[self.start[i] + j - band.row(i).0]
        } else {
            f64::NEG_INFINITY
        }
    }

    fn set(&mut self, band: &Band, i: usize, j: usize, v: f64) {
        self.cells[self.start[i] + j - band.row(i).0] = v;
    }
}

/// ln Σ exp(x) over the `terms` (−∞ for none), their maximum `top` given:
/// one exponential a term and one logarithm, where adding them up in pairs
/// takes a logarithm each. Terms more than [`NEGLIGIBLE`] nats below the
/// maximum change the sum by less than its rounding and are left out.
fn log_sum_exp(terms: &[f64], top: f64) -> f64 {
    if top == f64::NEG_INFINITY {
        return top;
    }
    let mut sum = 0.0;
    for &x in terms {
        let d = x - top;
        if d > -NEGLIGIBLE {
            sum += d.exp();
        }
    }
    top + sum.ln()
}

/// exp(−40) is 4·10⁻¹⁸: a dozen such terms add less than f64's rounding of 1.
const NEGLIGIBLE: f64 = 40.0;

/// The log-scores of the beads inside a band, by the cell they end in and
/// their type: the search walks the band three times (best path, forward,
/// backward) and scoring is the costly part, so every bead is scored once.
/// In f32, half the memory: a score's rounding (10⁻⁷ of it) is far below
/// anything the evidence can tell.
struct BeadScores(Table<PerShape<f32>>);

impl BeadScores {
    fn new(band: &Band, scorer: &dyn BeadScorer) -> BeadScores {
        let mut table = Table::new(band, PerShape::filled(f32::NEG_INFINITY));
        for i in 0..=band.n() {
            let (lo, hi) = band.row(i);
            for j in lo..=hi {
                let cell = &mut table.cells[table.start[i] + j - lo];
                for t in Shape::ALL {
                    if t.src() <= i && t.tgt() <= j && band.contains(i - t.src(), j - t.tgt()) {
                        cell[t] = scorer.log_score(t, i - t.src()..i, j - t.tgt()..j) as f32;
                    }
                }
            }
        }
        BeadScores(table)
    }

    /// The log-score of the bead of `shape` ending in cell (i, j), which
    /// starts inside the band.
    fn get(&self, band: &Band, shape: Shape, i: usize, j: usize) -> f64 {
        self.0.cells[self.0.start[i] + j - band.row(i).0][shape] as f64
    }
}

/// Aligns `n` source with `m` target sentences under `scorer`, over a band
/// around the diagonal that doubles wherever the best path comes near its
/// edge, until the path stays clear of it: the exact search.
pub fn align(n: usize, m: usize, scorer: &dyn BeadScorer, options: &AlignOptions) -> Aligned {
    // The diagonal already follows the length difference of the two sides.
    let mut half = options.band.max(4);
    let band = Band::diagonal(n, m, half);
    let mut walk = scored_walk(n, m, scorer);
    let first = walk(&band);
    let (band, beads, scores) = search_growing(band, first, walk, |_, beads, _| {
        half *= 2;
        Some(Band::along(beads, n, m, half))
    });
    finish(n, m, &band, beads, &scores, options)
}

/// Aligns like [`align`], but over a narrow band along `guide` (a path of
/// an earlier search, tiling the same lattice), [`AlignOptions::near`]
/// cells on each side, or without one around the diagonal as [`align`]
/// starts. Where the best path comes near the band's edge, the band grows
/// there only (see [`local_growth`]).
pub fn align_near(
    n: usize,
    m: usize,
    scorer: &dyn BeadScorer,
    guide: Option<&[Bead]>,
    options: &AlignOptions,
) -> Aligned {
    let (half, band) = match guide {
        Some(guide) => (options.near.max(2), Band::along(guide, n, m, options.near.max(2))),
        None => (options.band.max(4), first_band(n, m, options.band.max(4), scorer).0),
    };
    let mut walk = scored_walk(n, m, scorer);
    let first = walk(&band);
    let (band, beads, scores) = search_growing(band, first, walk, local_growth(n, m, half, options));
    finish(n, m, &band, beads, &scores, options)
}

/// The best path alone, no posteriors: a guide for [`align_near`]. The
/// band starts as [`align_near`]'s without a guide ([`first_band`],
/// [`AlignOptions::band`] cells a side) and grows like it; each bead is
/// scored when the walk reaches it and not kept, so memory is a byte a cell.
pub fn best_path_near(n: usize, m: usize, scorer: &dyn BeadScorer, options: &AlignOptions) -> Vec<Bead> {
    let half = options.band.max(4);
    let walk = |band: &Band| {
        scorer.prepare(band);
        let (beads, touched) = best_path(n, m, band, |t, i, j| unkept_score(scorer, t, i, j));
        (beads, touched, ())
    };
    let (band, beads, touched) = first_band(n, m, half, scorer);
    search_growing(band, (beads, touched, ()), walk, local_growth(n, m, half, options)).1
}

/// The log-score of the bead of `shape` ending in cell (i, j), for a walk
/// that keeps no scores: rounded to f32 as [`BeadScores`] keeps them, so
/// that it finds the path a scoring walk of the same band finds.
fn unkept_score(scorer: &dyn BeadScorer, shape: Shape, i: usize, j: usize) -> f64 {
    scorer.log_score(shape, i - shape.src()..i, j - shape.tgt()..j) as f32 as f64
}

/// The first band of a search without a guide, with the best path through
/// it and the rows where that path comes near the band's edge: the band
/// `half` cells either side of the diagonal, or, where its path comes near
/// an edge, the band that follows the drift ([`tracked_band`]) if its path
/// scores better. The tracked band follows a path that leaves the diagonal
/// far behind, as a long document's does, but a walk that follows its own
/// best cells favours paths that put off what costs (a deletion, a merge)
/// and may run ahead of the true path where the evidence is weak, as on a
/// document that repeats itself; the whole path's score tells which band
/// holds the better one. Growing the diagonal band instead would cost a
/// walk for each doubling over the whole drift.
fn first_band(n: usize, m: usize, half: usize, scorer: &dyn BeadScorer) -> (Band, Vec<Bead>, Vec<usize>) {
    let score = |t: Shape, i: usize, j: usize| unkept_score(scorer, t, i, j);
    let total = |path: &[Bead]| -> f64 {
        path.iter().map(|b| score(Shape::of(b).expect("a path's beads have shapes"), b.src.end, b.tgt.end)).sum()
    };
    let diagonal = Band::diagonal(n, m, half);
    let (beads, touched) = best_path(n, m, &diagonal, score);
    if touched.is_empty() {
        return (diagonal, beads, touched);
    }
    let tracked = tracked_band(n, m, half, scorer);
    let (tracked_beads, tracked_touched) = best_path(n, m, &tracked, score);
    let (tracked_score, diagonal_score) = (total(&tracked_beads), total(&beads));
    // The same path in both: the band it comes near the edge of less.
    if tracked_score > diagonal_score || (tracked_score == diagonal_score && tracked_touched.len() < touched.len()) {
        (tracked, tracked_beads, tracked_touched)
    } else {
        (diagonal, beads, touched)
    }
}

/// The band around a path that follows a Viterbi walk of its own
/// ([`tracked_path`]), `half` cells a side. A band around the diagonal
/// misses a path that drifts further from it than `half`, as a long
/// document's does (by about the square root of its length: hundreds of
/// sentences in 100k), and growing it to follow costs time and memory in the
/// drift times the length; this one follows the drift at the cost of a
/// second walk of the same width.
fn tracked_band(n: usize, m: usize, half: usize, scorer: &dyn BeadScorer) -> Band {
    Band::along(&tracked_path(n, m, half, scorer), n, m, half)
}

/// A path of 1-0 and 0-1 steps from (0, 0) to (n, m) that follows the
/// best cells of a Viterbi walk over anti-diagonals (i + j = k, the cells
/// where k sentences are aligned, in any proportion): anti-diagonal k holds
/// the `half / 2` cells on each side of the path's cell k, and the path
/// steps towards the best of them, along the diagonal's slope when it is
/// its own. Cells of one anti-diagonal have aligned as many sentences, so
/// their values compare fairly; along a row, a path ahead would look
/// better for the deletions it has not paid for yet. The walk keeps the
/// values of the last anti-diagonals only (an adaptive band, as
/// Suzuki and Kasahara's for sequences).
fn tracked_path(n: usize, m: usize, half: usize, scorer: &dyn BeadScorer) -> Vec<Bead> {
    // A bead spans at most this many anti-diagonals.
    const SLOTS: usize = 6;
    let reach = (half / 2).max(2);
    // Slot k % SLOTS: anti-diagonal k's first row and values.
    let mut slots: Vec<(usize, Vec<f64>)> = vec![(0, Vec::new()); SLOTS];
    let value = |slots: &[(usize, Vec<f64>)], i: usize, j: usize| {
        let (lo, values) = &slots[(i + j) % SLOTS];
        match i.checked_sub(*lo) {
            Some(d) if d < values.len() => values[d],
            _ => f64::NEG_INFINITY,
        }
    };
    let (mut ci, mut cj) = (0usize, 0usize);
    let mut path = Vec::with_capacity(n + m);
    for k in 0..=n + m {
        let (lo, hi) = (ci.saturating_sub(reach).max(k.saturating_sub(m)), (ci + reach).min(n).min(k));
        let mut values = std::mem::take(&mut slots[k % SLOTS].1);
        values.clear();
        for i in lo..=hi {
            let j = k - i;
            let mut top = if k == 0 { 0.0 } else { f64::NEG_INFINITY };
            for t in Shape::ALL {
                if t.src() > i || t.tgt() > j {
                    continue;
                }
                let prev = value(&slots, i - t.src(), j - t.tgt());
                if prev > f64::NEG_INFINITY {
                    top = top.max(prev + unkept_score(scorer, t, i, j));
                }
            }
            values.push(top);
        }
        let best = (lo..=hi).zip(&values).fold((ci, f64::NEG_INFINITY), |b, (i, &v)| if v > b.1 { (i, v) } else { b });
        slots[k % SLOTS] = (lo, values);
        if k == n + m {
            break;
        }
        let down = if ci == n {
            false
        } else if cj == m || best.0 > ci {
            true
        } else if best.0 < ci {
            false
        } else {
            ci * m <= cj * n
        };
        if down {
            path.push(Bead::new(ci..ci + 1, cj..cj));
            ci += 1;
        } else {
            path.push(Bead::new(ci..ci, cj..cj + 1));
            cj += 1;
        }
    }
    path
}

/// How [`align_near`] grows its band from `half` cells a side: near the
/// rows where the path came close to the edge, the cells along the new
/// path, twice as wide each time, are added, up to
/// [`AlignOptions::max_near`] cells on each side of it. A long document's
/// path drifts from the diagonal in places; widening the whole band for
/// each would make time and memory grow with the drift times the length.
fn local_growth(
    n: usize,
    m: usize,
    mut half: usize,
    options: &AlignOptions,
) -> impl FnMut(&Band, &[Bead], &[usize]) -> Option<Band> + '_ {
    move |band, beads, rows| {
        if half >= options.max_near {
            return None;
        }
        half = (half * 2).min(options.max_near);
        // Rows this far from a touch grow too: the path may leave the band
        // for as long as it runs beside the edge.
        Some(band.union_near(&Band::along(beads, n, m, half), rows, 4 * half))
    }
}

/// A walk of a band that scores each of its beads once and keeps the
/// scores, for the forward–backward pass after the best path.
fn scored_walk<'a>(
    n: usize,
    m: usize,
    scorer: &'a dyn BeadScorer,
) -> impl FnMut(&Band) -> (Vec<Bead>, Vec<usize>, BeadScores) + 'a {
    move |band| {
        scorer.prepare(band);
        let scores = BeadScores::new(band, scorer);
        let (beads, touched) = best_path(n, m, band, |t, i, j| scores.get(band, t, i, j));
        (beads, touched, scores)
    }
}

/// Grows `band` while the path `first` found in it (with the rows where it
/// comes near the band's edge, and what else the caller keeps of the walk)
/// comes near the edge: walks the band `grow(band, path, rows)` gives
/// instead, with `walk`, until it gives none. The last band walked, its
/// path and what was kept.
fn search_growing<T>(
    mut band: Band,
    first: (Vec<Bead>, Vec<usize>, T),
    mut walk: impl FnMut(&Band) -> (Vec<Bead>, Vec<usize>, T),
    mut grow: impl FnMut(&Band, &[Bead], &[usize]) -> Option<Band>,
) -> (Band, Vec<Bead>, T) {
    let (mut beads, mut touched, mut kept) = first;
    loop {
        let grown = if !touched.is_empty() && !band.is_full() { grow(&band, &beads, &touched) } else { None };
        match grown {
            Some(wider) => {
                band = wider;
                (beads, touched, kept) = walk(&band);
            }
            None => return (band, beads, kept),
        }
    }
}

/// The most rows a bead spans, and so the rows a pass looks back (or ahead).
const MAX_ROWS: usize = {
    let mut most = 0;
    let mut k = 0;
    while k < Shape::ALL.len() {
        if Shape::ALL[k].src() > most {
            most = Shape::ALL[k].src();
        }
        k += 1;
    }
    most
};

/// The values of the last [`MAX_ROWS`] + 1 rows a pass walked: all a pass
/// that looks back (or ahead) one bead needs, in memory of a few rows.
struct Rows {
    /// Slot `i % (MAX_ROWS + 1)` holds row i: its first column and values.
    slots: Vec<(usize, Vec<f64>)>,
}

impl Rows {
    fn new() -> Rows {
        Rows { slots: vec![(0, Vec::new()); MAX_ROWS + 1] }
    }

    /// Makes row `i` the current one, its columns `lo..=hi`, every cell −∞.
    fn start(&mut self, i: usize, (lo, hi): (usize, usize)) {
        let slot = &mut self.slots[i % (MAX_ROWS + 1)];
        slot.0 = lo;
        slot.1.clear();
        slot.1.resize(hi + 1 - lo, f64::NEG_INFINITY);
    }

    /// Cell (i, j), −∞ outside row i's columns; row i is one of the last
    /// started.
    fn at(&self, i: usize, j: usize) -> f64 {
        let (lo, values) = &self.slots[i % (MAX_ROWS + 1)];
        match j.checked_sub(*lo) {
            Some(k) if k < values.len() => values[k],
            _ => f64::NEG_INFINITY,
        }
    }

    fn set(&mut self, i: usize, j: usize, v: f64) {
        let (lo, values) = &mut self.slots[i % (MAX_ROWS + 1)];
        values[j - *lo] = v;
    }
}

/// Viterbi over the band, `score(shape, i, j)` the log-score of the bead
/// of `shape` ending in cell (i, j) (asked only for beads starting inside
/// the band, reached by a path): the best beads, and the rows (ascending)
/// where the path comes within a few cells of a band edge that is not the
/// lattice's own edge.
fn best_path(
    n: usize,
    m: usize,
    band: &Band,
    mut score: impl FnMut(Shape, usize, usize) -> f64,
) -> (Vec<Bead>, Vec<usize>) {
    let mut best = Rows::new();
    let mut back: Table<u8> = Table::new(band, u8::MAX);
    for i in 0..=n {
        best.start(i, band.row(i));
        let (lo, hi) = band.row(i);
        for j in lo..=hi {
            if i == 0 && j == 0 {
                best.set(0, 0, 0.0);
                continue;
            }
            let mut top = (f64::NEG_INFINITY, u8::MAX);
            for t in Shape::ALL {
                if t.src() > i || t.tgt() > j {
                    continue;
                }
                let prev = best.at(i - t.src(), j - t.tgt());
                if prev == f64::NEG_INFINITY {
                    continue;
                }
                let v = prev + score(t, i, j);
                if v > top.0 {
                    top = (v, t.index() as u8);
                }
            }
            best.set(i, j, top.0);
            back.cells[back.start[i] + j - lo] = top.1;
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    let mut touched = Vec::new();
    const MARGIN: usize = 3;
    while i > 0 || j > 0 {
        let k = back.cells[back.start[i] + j - band.row(i).0];
        assert!(k != u8::MAX, "the band always connects (0,0) to (n,m)");
        if band.near_edge(i, j, MARGIN) && touched.last() != Some(&i) {
            touched.push(i);
        }
        let t = Shape::ALL[k as usize];
        beads.push(Bead::new(i - t.src()..i, j - t.tgt()..j));
        i -= t.src();
        j -= t.tgt();
    }
    beads.reverse();
    touched.reverse();
    (beads, touched)
}

/// Forward–backward over the band: the posterior of each path bead and the
/// expected beads. The forward values are kept for the whole band, the
/// backward ones for the last rows only: each bead's posterior is taken as
/// the backward pass reaches its start.
fn finish(n: usize, m: usize, band: &Band, beads: Vec<Bead>, scores: &BeadScores, options: &AlignOptions) -> Aligned {
    let mut fwd = Table::new(band, f64::NEG_INFINITY);
    fwd.set(band, 0, 0, 0.0);
    for i in 0..=n {
        let (lo, hi) = band.row(i);
        for j in lo..=hi {
            if i == 0 && j == 0 {
                continue;
            }
            let mut terms = [f64::NEG_INFINITY; SHAPES];
            let mut top = f64::NEG_INFINITY;
            for (term, t) in terms.iter_mut().zip(Shape::ALL) {
                if t.src() > i || t.tgt() > j {
                    continue;
                }
                let prev = fwd.at(band, i - t.src(), j - t.tgt());
                if prev > f64::NEG_INFINITY {
                    *term = prev + scores.get(band, t, i, j);
                    top = top.max(*term);
                }
            }
            fwd.set(band, i, j, log_sum_exp(&terms, top));
        }
    }
    let mut bwd = Rows::new();
    let total = fwd.at(band, n, m);
    let mut expected = Vec::new();
    // Below this by a margin for the exponential's rounding.
    let log_min_expected = options.min_expected.ln() - 1e-9;
    let mut posteriors = vec![Posterior::new(0.0); beads.len()];
    // The path beads not reached yet are beads[..ahead]: the walk goes
    // backwards, and so does the path.
    let mut ahead = beads.len();
    for i in (0..=n).rev() {
        bwd.start(i, band.row(i));
        let (lo, hi) = band.row(i);
        for j in (lo..=hi).rev() {
            if i == n && j == m {
                bwd.set(i, j, 0.0);
                continue;
            }
            let on_path = ahead > 0 && (beads[ahead - 1].src.start, beads[ahead - 1].tgt.start) == (i, j);
            let mut terms = [f64::NEG_INFINITY; SHAPES];
            let mut top = f64::NEG_INFINITY;
            let here = fwd.at(band, i, j);
            for (term, t) in terms.iter_mut().zip(Shape::ALL) {
                let (i2, j2) = (i + t.src(), j + t.tgt());
                if i2 > n || j2 > m {
                    continue;
                }
                let next = bwd.at(i2, j2);
                if next == f64::NEG_INFINITY {
                    continue;
                }
                *term = scores.get(band, t, i2, j2) + next;
                top = top.max(*term);
                let path_bead = on_path && (beads[ahead - 1].src.end, beads[ahead - 1].tgt.end) == (i2, j2);
                // Most beads of a band are far too unlikely to count: their
                // exponential is not taken.
                let log_p = here + *term - total;
                if log_p < log_min_expected && !path_bead {
                    continue;
                }
                let p = log_p.exp();
                if p >= options.min_expected {
                    expected.push(Expected { shape: t, bead: Bead::new(i..i2, j..j2), posterior: p.min(1.0) });
                }
                if path_bead {
                    posteriors[ahead - 1] = Posterior::new(p);
                }
            }
            if on_path {
                ahead -= 1;
            }
            bwd.set(i, j, log_sum_exp(&terms, top));
        }
    }
    let alignment = Alignment::new(beads, n, m).expect("a lattice path covers both sides in order");
    let path = Scored::new(alignment, posteriors).expect("one posterior per bead");
    Aligned { path, expected }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn log_sum_exp_adds_the_probabilities_and_leaves_out_only_negligible_ones() {
        let terms = [-1.0, -2.5, f64::NEG_INFINITY, -0.3, -60.0];
        let exact = terms.iter().map(|x| x.exp()).sum::<f64>().ln();
        assert!((log_sum_exp(&terms, -0.3) - exact).abs() < 1e-15);
        assert_eq!(log_sum_exp(&[f64::NEG_INFINITY; 3], f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(log_sum_exp(&[-7.0], -7.0), -7.0);
    }

    /// A toy model: sentence "lengths" on both sides; beads whose summed
    /// lengths agree score high.
    struct Lengths {
        src: Vec<f64>,
        tgt: Vec<f64>,
    }

    impl BeadScorer for Lengths {
        fn log_score(&self, shape: Shape, src: Range<usize>, tgt: Range<usize>) -> f64 {
            let a: f64 = self.src[src].iter().sum();
            let b: f64 = self.tgt[tgt].iter().sum();
            let prior: PerShape<f64> =
                PerShape([0.0, -2.5, -2.5, -4.0, -4.0, -5.0, -6.0, -6.0, -7.0, -7.0, -8.0, -8.0]);
            let prior = prior[shape];
            if a == 0.0 || b == 0.0 {
                return prior;
            }
            prior - (a - b).powi(2) / (a + b)
        }
    }

    #[test]
    fn finds_merges_and_deletions() {
        let src = vec![10.0, 20.0, 5.0, 30.0, 12.0];
        let tgt = vec![10.0, 12.0, 8.0, 5.0, 30.0, 25.0, 12.0];
        let got = align(5, 7, &Lengths { src, tgt }, &AlignOptions::default());
        let kinds: Vec<String> = got.path.alignment().beads().iter().map(Bead::kind).collect();
        assert_eq!(kinds, ["1-1", "1-2", "1-1", "1-1", "0-1", "1-1"]);
        assert!(got.path.values().iter().all(|s| (0.0..=1.0).contains(&s.get())));
    }

    #[test]
    fn empty_sides() {
        let m = Lengths { src: vec![], tgt: vec![3.0, 4.0] };
        let got = align(0, 2, &m, &AlignOptions::default());
        assert_eq!(got.path.alignment().beads().len(), 2);
        assert!(align(0, 0, &m, &AlignOptions::default()).path.alignment().beads().is_empty());
    }

    #[test]
    fn band_grows_to_follow_a_long_insertion() {
        // 60 target sentences with no source counterpart in the middle:
        // far outside the first band.
        let src: Vec<f64> = (0..100).map(|k| 5.0 + (k * 7 % 23) as f64).collect();
        let mut tgt = src[..50].to_vec();
        tgt.extend(std::iter::repeat_n(1.0, 60));
        tgt.extend_from_slice(&src[50..]);
        let got = align(100, 160, &Lengths { src, tgt }, &AlignOptions { band: 5, ..Default::default() });
        let one_to_one = got.path.alignment().beads().iter().filter(|b| b.kind() == "1-1").count();
        assert!(one_to_one >= 95, "{one_to_one}");
    }

    #[test]
    fn the_narrow_band_follows_a_long_insertion_far_from_its_guide() {
        let src: Vec<f64> = (0..100).map(|k| 5.0 + (k * 7 % 23) as f64).collect();
        let mut tgt = src[..50].to_vec();
        tgt.extend(std::iter::repeat_n(1.0, 60));
        tgt.extend_from_slice(&src[50..]);
        let model = Lengths { src, tgt };
        let exact = align(100, 160, &model, &AlignOptions::default());
        // Without a guide the band starts on the diagonal, 30 sentences away
        // from the path in the middle, and grows there.
        let near = align_near(100, 160, &model, None, &AlignOptions { band: 5, ..Default::default() });
        assert_eq!(near.path.alignment(), exact.path.alignment());
        // Capped at 8 cells a side, it cannot reach the path: it still tiles
        // the lattice, and memory stayed within the cap.
        let capped = align_near(100, 160, &model, None, &AlignOptions { band: 4, max_near: 8, ..Default::default() });
        assert_ne!(capped.path.alignment(), exact.path.alignment());
        assert_eq!(capped.path.alignment().n_tgt(), 160);
    }

    #[test]
    fn without_a_guide_the_band_follows_a_path_that_drifts_far_from_the_diagonal() {
        // 40 target sentences inserted over the first half and 40 source
        // sentences dropped over the second: both sides have 300, and the
        // path runs up to 40 cells beside the diagonal, as a long
        // document's drifts. Lengths five times the other tests' make a
        // shifted pair cost more than a deletion, as real evidence does: the
        // walk that tracks the path compares paths before either has paid
        // for what comes later.
        let src: Vec<f64> = (0..300).map(|k| 5.0 * (5.0 + (k * 7 % 23) as f64)).collect();
        let mut tgt = Vec::new();
        for (k, &x) in src.iter().enumerate() {
            if k < 150 && k % 3 == 0 && k / 3 < 40 {
                tgt.push(5.0);
            }
            if !(150..300).contains(&k) || k % 3 != 0 || (k - 150) / 3 >= 40 {
                tgt.push(x);
            }
        }
        assert_eq!(tgt.len(), 300);
        let model = Lengths { src, tgt };
        let exact = align(300, 300, &model, &AlignOptions::default());
        assert!(exact.path.alignment().beads().iter().filter(|b| b.kind() == "1-1").count() >= 210);
        // 10 cells a side, grown to 16 at most: even the widest band around
        // the diagonal would miss the path; the tracked one holds it.
        let on_path = |band: &Band| exact.path.alignment().beads().iter().all(|b| band.contains(b.src.end, b.tgt.end));
        assert!(!on_path(&Band::diagonal(300, 300, 16)));
        let tracked = tracked_band(300, 300, 10, &model);
        assert!(on_path(&tracked));
        assert!(tracked.cells() <= 301 * (2 * 10 + 3), "{}", tracked.cells());
        let options = AlignOptions { band: 10, max_near: 16, ..Default::default() };
        assert_eq!(align_near(300, 300, &model, None, &options).path.alignment(), exact.path.alignment());
        assert_eq!(best_path_near(300, 300, &model, &options), exact.path.alignment().beads());
    }

    /// A scorer that counts how many beads the searches ask for.
    struct Counting<'a>(&'a Lengths, std::cell::Cell<usize>);

    impl BeadScorer for Counting<'_> {
        fn log_score(&self, shape: Shape, src: Range<usize>, tgt: Range<usize>) -> f64 {
            self.1.set(self.1.get() + 1);
            self.0.log_score(shape, src, tgt)
        }
    }

    proptest! {
        #[test]
        fn along_its_own_path_the_narrow_band_finds_the_same_alignment_or_a_better_one(
            src in prop::collection::vec(1.0f64..50.0, 1..120),
            tgt in prop::collection::vec(1.0f64..50.0, 1..120),
        ) {
            let (n, m) = (src.len(), tgt.len());
            let model = Lengths { src, tgt };
            let wide = Counting(&model, Default::default());
            let exact = align(n, m, &wide, &AlignOptions::default());
            let narrow = Counting(&model, Default::default());
            let near = align_near(n, m, &narrow, Some(exact.path.alignment().beads()), &AlignOptions::default());
            // The same path for fewer beads scored, or a better path: the
            // exact search stops doubling once its path is clear of the
            // edge, and a better path may lie outside its band (3 × 57
            // sentences, say) but inside the narrow one, grown to reach it.
            if near.path.alignment() == exact.path.alignment() {
                prop_assert!(narrow.1.get() <= wide.1.get());
            } else {
                let score = |a: &Aligned| -> f64 {
                    let beads = a.path.alignment().beads();
                    beads.iter().map(|b| model.log_score(Shape::of(b).unwrap(), b.src.clone(), b.tgt.clone())).sum()
                };
                prop_assert!(score(&near) > score(&exact), "{} {}", score(&near), score(&exact));
            }
        }

        #[test]
        fn every_sentence_once_in_order_and_scores_are_probabilities(
            src in prop::collection::vec(1.0f64..50.0, 0..40),
            tgt in prop::collection::vec(1.0f64..50.0, 0..40),
        ) {
            let (n, m) = (src.len(), tgt.len());
            let got = align(n, m, &Lengths { src, tgt }, &AlignOptions { band: 4, ..Default::default() });
            // Alignment::new already checked coverage; check it again from outside.
            let covered_src: usize = got.path.alignment().beads().iter().map(|b| b.src.len()).sum();
            let covered_tgt: usize = got.path.alignment().beads().iter().map(|b| b.tgt.len()).sum();
            prop_assert_eq!((covered_src, covered_tgt), (n, m));
            for s in got.path.values() {
                prop_assert!((0.0..=1.0).contains(&s.get()));
            }
            // Posteriors of the beads leaving (0,0) sum to 1.
            if n + m > 0 {
                let out: f64 = got.expected.iter().filter(|e| e.bead.src.start == 0 && e.bead.tgt.start == 0).map(|e| e.posterior).sum();
                prop_assert!((out - 1.0).abs() < 0.02, "{}", out);
            }
        }
    }
}
