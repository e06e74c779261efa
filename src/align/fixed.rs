//! Alignment with fixed beads: beads a person confirmed or edited stay exactly
//! as they are, and only the stretches between them are searched.
//!
//! Every path that holds a fixed bead passes through its two corners, so the
//! lattice falls apart into independent sub-lattices, one per free stretch
//! between consecutive fixed beads. The distribution over constrained paths
//! is the product of the stretches' own distributions: the search run on each
//! stretch alone, as if it were a document (`Offset`), gives the best
//! constrained path and the posteriors with the fixed beads in place. Each
//! stretch also gets a band around its own diagonal, corner to corner, which
//! the fixed beads pin far better than the document's diagonal.

use std::ops::Range;

use super::search::{align, align_near, best_path_near, AlignOptions, Aligned, BeadScorer};
use super::Band;
use super::{Alignment, Bead};
use super::{Expected, Posterior, Scored, Shape};

/// Why fixed beads cannot be kept, or a window cannot be re-aligned.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FixedError {
    #[error("fixed bead {index} holds no sentence")]
    Empty { index: usize },
    #[error("fixed bead {index} has a range that runs backwards")]
    Backwards { index: usize },
    #[error("fixed bead {index} reaches past the last sentence ({n_src} source, {n_tgt} target sentences)")]
    OutOfRange { index: usize, n_src: usize, n_tgt: usize },
    #[error(
        "fixed bead {index} starts before the one before it ends (fixed beads must be in order and must not overlap)"
    )]
    NotIncreasing { index: usize },
    #[error("{mask} fixed marks for an alignment of {beads} beads")]
    MaskLength { mask: usize, beads: usize },
    #[error("bead {around} does not exist (the alignment has {beads} beads)")]
    NoSuchBead { around: usize, beads: usize },
}

/// The best alignment of `n_src` source with `n_tgt` target sentences that
/// holds every bead of `fixed` (sorted, non-overlapping) exactly.
///
/// Fixed beads may have any shape (a person's edit need not be one of
/// [`Shape::ALL`]) and get posterior 1: they are a decision, not a guess.
/// `expected` holds the free stretches' expected beads and the fixed beads
/// with probability 1 — EM conditioned on what a person settled counts them
/// as observed, and they are the surest beads the model can re-fit its
/// length ratio and words from — except fixed beads of a shape outside
/// [`Shape::ALL`], which no shape prior can count.
pub fn align_fixed(
    n_src: usize,
    n_tgt: usize,
    scorer: &dyn BeadScorer,
    fixed: &[Bead],
    options: &AlignOptions,
) -> Result<Aligned, FixedError> {
    align_fixed_near(n_src, n_tgt, scorer, fixed, None, options)
}

/// [`align_fixed`] over a narrow band along `guide`, the path of an earlier
/// search with the same fixed beads, or around each stretch's diagonal
/// without one, the band growing where the path needs ([`align_near`]);
/// with [`AlignOptions::exact`], always as [`align`] does.
pub fn align_fixed_near(
    n_src: usize,
    n_tgt: usize,
    scorer: &dyn BeadScorer,
    fixed: &[Bead],
    guide: Option<&Alignment>,
    options: &AlignOptions,
) -> Result<Aligned, FixedError> {
    check(fixed, n_src, n_tgt)?;
    let guide = guide.map(Alignment::beads).unwrap_or(&[]);
    let span = align_span(scorer, 0..n_src, 0..n_tgt, fixed, guide, Want::Posteriors, options);
    let alignment = Alignment::new(span.beads, n_src, n_tgt).expect("checked fixed beads and searched stretches tile");
    let path = Scored::new(alignment, span.posteriors).expect("one posterior per bead");
    Ok(Aligned { path, expected: span.expected })
}

/// The best path through the `fixed` beads alone, without posteriors: a
/// first guide for [`align_fixed_near`], found from each stretch's diagonal
/// in a narrow band that grows where the path needs, no bead score kept
/// ([`super::search::best_path_near`]).
pub fn guide_path(
    n_src: usize,
    n_tgt: usize,
    scorer: &dyn BeadScorer,
    fixed: &[Bead],
    options: &AlignOptions,
) -> Result<Alignment, FixedError> {
    check(fixed, n_src, n_tgt)?;
    let span = align_span(scorer, 0..n_src, 0..n_tgt, fixed, &[], Want::Path, options);
    Ok(Alignment::new(span.beads, n_src, n_tgt).expect("checked fixed beads and searched stretches tile"))
}

/// What a search of the free stretches gives.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    /// The path with the posterior of each bead, and the expected beads.
    Posteriors,
    /// The path alone.
    Path,
}

/// An alignment with one window of it aligned again (see [`realign_window`]).
#[derive(Debug, Clone)]
pub struct Realigned {
    /// The whole alignment: the old beads outside the window, unchanged.
    pub alignment: Alignment,
    /// The beads of the old alignment that the window replaced (indices).
    pub replaced: Range<usize>,
    /// The beads of `alignment` that replace them (indices); the fixed bead
    /// the window was taken around, if it was one, is among them, unchanged.
    pub window: Range<usize>,
    /// The posterior of each bead of `window`, in order (1 for a fixed one).
    pub posteriors: Vec<Posterior>,
}

/// The most free beads [`realign_window`] takes on each side of its bead. A
/// window is a local repair and must answer at once whatever the document:
/// with nothing confirmed, the stretch between fixed beads is the whole
/// document, and the shipped corpus repeated 100 times (2,000 English, 1,300
/// Russian sentences) takes 1 s to align on length and anchors and 5–7 s
/// with word evidence (2 busy cores); 50 beads a side take 0.06 s and
/// 0.35 s, 100 a side 0.15 s and 0.9 s.
pub const WINDOW_REACH: usize = 50;

/// Re-aligns the stretch of `alignment` around bead `around` — from the
/// nearest fixed bead before it to the nearest fixed bead after it, both
/// excluded, and at most [`WINDOW_REACH`] beads away — and keeps every other
/// bead: the "re-align from here" of a review. `fixed[k]` tells whether
/// bead `k` is fixed (confirmed or edited).
///
/// When `around` is itself fixed (the bead a person just edited), it stays,
/// and the free beads on both sides of it are aligned again: an edit changes
/// what fits before it as well as after it. Only the window is searched, so
/// the time is that of the window, not of the document; its posteriors are
/// those given the beads outside it (at the reach limit, free beads are taken
/// as settled too).
pub fn realign_window(
    scorer: &dyn BeadScorer,
    alignment: &Alignment,
    fixed: &[bool],
    around: usize,
    options: &AlignOptions,
) -> Result<Realigned, FixedError> {
    let beads = alignment.beads();
    if fixed.len() != beads.len() {
        return Err(FixedError::MaskLength { mask: fixed.len(), beads: beads.len() });
    }
    if around >= beads.len() {
        return Err(FixedError::NoSuchBead { around, beads: beads.len() });
    }
    let first = around.saturating_sub(WINDOW_REACH);
    let last = (around + 1 + WINDOW_REACH).min(beads.len());
    let start = fixed[first..around].iter().rposition(|&f| f).map_or(first, |k| first + k + 1);
    let end = fixed[around + 1..last].iter().position(|&f| f).map_or(last, |k| around + 1 + k);
    let src = beads[start].src.start..beads[end - 1].src.end;
    let tgt = beads[start].tgt.start..beads[end - 1].tgt.end;
    let kept: &[Bead] = if fixed[around] { std::slice::from_ref(&beads[around]) } else { &[] };
    let span = align_span(scorer, src, tgt, kept, &[], Want::Posteriors, options);
    let window = start..start + span.beads.len();
    let mut spliced = beads[..start].to_vec();
    spliced.extend(span.beads);
    spliced.extend_from_slice(&beads[end..]);
    let alignment = Alignment::new(spliced, alignment.n_src(), alignment.n_tgt())
        .expect("a window re-aligned between kept beads tiles the same sentences");
    Ok(Realigned { alignment, replaced: start..end, window, posteriors: span.posteriors })
}

/// Checks that `fixed` can all be beads of one alignment of `n_src` × `n_tgt`.
fn check(fixed: &[Bead], n_src: usize, n_tgt: usize) -> Result<(), FixedError> {
    let (mut i, mut j) = (0, 0);
    for (index, b) in fixed.iter().enumerate() {
        if b.src.start > b.src.end || b.tgt.start > b.tgt.end {
            return Err(FixedError::Backwards { index });
        }
        if b.src.is_empty() && b.tgt.is_empty() {
            return Err(FixedError::Empty { index });
        }
        if b.src.end > n_src || b.tgt.end > n_tgt {
            return Err(FixedError::OutOfRange { index, n_src, n_tgt });
        }
        // Equal ends are fine: a 1-0 bead and the 0-1 bead after it share
        // the target position they sit at.
        if b.src.start < i || b.tgt.start < j {
            return Err(FixedError::NotIncreasing { index });
        }
        (i, j) = (b.src.end, b.tgt.end);
    }
    Ok(())
}

/// The beads of the sub-lattice `src` × `tgt` (absolute sentence ids) with
/// the checked `fixed` beads in it, and what the search says about them
/// (with [`Want::Path`], the beads alone).
struct Span {
    beads: Vec<Bead>,
    posteriors: Vec<Posterior>,
    expected: Vec<Expected>,
}

/// Each free stretch is searched along the beads of `guide` (sorted; empty
/// for none) that tile it, around its diagonal where none do.
fn align_span(
    scorer: &dyn BeadScorer,
    src: Range<usize>,
    tgt: Range<usize>,
    fixed: &[Bead],
    guide: &[Bead],
    want: Want,
    options: &AlignOptions,
) -> Span {
    let mut span = Span { beads: Vec::new(), posteriors: Vec::new(), expected: Vec::new() };
    let (mut i, mut j) = (src.start, tgt.start);
    let along = |src: Range<usize>, tgt: Range<usize>| tiling(guide, src, tgt);
    for b in fixed {
        span.free(scorer, i..b.src.start, j..b.tgt.start, along(i..b.src.start, j..b.tgt.start), want, options);
        span.beads.push(b.clone());
        span.posteriors.push(Posterior::new(1.0));
        if let Some(shape) = Shape::of(b) {
            span.expected.push(Expected { shape, bead: b.clone(), posterior: 1.0 });
        }
        (i, j) = (b.src.end, b.tgt.end);
    }
    span.free(scorer, i..src.end, j..tgt.end, along(i..src.end, j..tgt.end), want, options);
    span
}

/// The beads of `guide` that tile `src` × `tgt` exactly, if they do.
fn tiling(guide: &[Bead], src: Range<usize>, tgt: Range<usize>) -> Option<&[Bead]> {
    let first = guide.partition_point(|b| b.src.start < src.start || b.tgt.start < tgt.start);
    let (mut i, mut j) = (src.start, tgt.start);
    let mut end = first;
    while (i, j) != (src.end, tgt.end) {
        let b = guide.get(end)?;
        if (b.src.start, b.tgt.start) != (i, j) || b.src.end > src.end || b.tgt.end > tgt.end {
            return None;
        }
        (i, j) = (b.src.end, b.tgt.end);
        end += 1;
    }
    (end > first).then(|| &guide[first..end])
}

impl Span {
    /// Searches the free stretch `src` × `tgt` and appends its beads. A
    /// stretch empty on one side has one path (all 1-0 or all 0-1), which the
    /// search finds like any other; empty on both, it has no bead.
    fn free(
        &mut self,
        scorer: &dyn BeadScorer,
        src: Range<usize>,
        tgt: Range<usize>,
        guide: Option<&[Bead]>,
        want: Want,
        options: &AlignOptions,
    ) {
        if src.is_empty() && tgt.is_empty() {
            return;
        }
        let offset = Offset { scorer, src: src.start, tgt: tgt.start };
        let shift = |b: &Bead| offset.shift(b.src.clone(), b.tgt.clone());
        if want == Want::Path {
            let beads = best_path_near(src.len(), tgt.len(), &offset, options);
            self.beads.extend(beads.iter().map(shift));
            return;
        }
        let local: Option<Vec<Bead>> = guide.map(|guide| {
            let shift = |r: &Range<usize>, by: usize| r.start - by..r.end - by;
            guide.iter().map(|b| Bead::new(shift(&b.src, src.start), shift(&b.tgt, tgt.start))).collect()
        });
        let found = if options.exact {
            align(src.len(), tgt.len(), &offset, options)
        } else {
            align_near(src.len(), tgt.len(), &offset, local.as_deref(), options)
        };
        self.beads.extend(found.path.alignment().beads().iter().map(shift));
        self.posteriors.extend(found.path.values().iter().copied());
        self.expected.extend(found.expected.iter().map(|e| Expected {
            shape: e.shape,
            bead: shift(&e.bead),
            posterior: e.posterior,
        }));
    }
}

/// A scorer seen from a sub-lattice: its sentence 0 is `src` (`tgt`) of the
/// document, so the search can run on a stretch as if it were a document.
struct Offset<'a> {
    scorer: &'a dyn BeadScorer,
    src: usize,
    tgt: usize,
}

impl Offset<'_> {
    fn shift(&self, src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead::new(src.start + self.src..src.end + self.src, tgt.start + self.tgt..tgt.end + self.tgt)
    }
}

impl BeadScorer for Offset<'_> {
    fn log_score(&self, shape: Shape, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let b = self.shift(src, tgt);
        self.scorer.log_score(shape, b.src, b.tgt)
    }

    fn prepare(&self, band: &Band) {
        self.scorer.prepare(&band.shifted(self.src, self.tgt));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::tile;
    use super::*;
    use proptest::prelude::*;

    /// Sentence "lengths" per side: a bead scores well when its two sides'
    /// lengths agree; deletions and many-sentence beads pay a prior.
    #[derive(Debug)]
    struct Lengths {
        src: Vec<f64>,
        tgt: Vec<f64>,
    }

    impl BeadScorer for Lengths {
        fn log_score(&self, t: Shape, src: Range<usize>, tgt: Range<usize>) -> f64 {
            assert_eq!((t.src(), t.tgt()), (src.len(), tgt.len()), "the offset keeps shapes");
            let prior = -2.0 * ((t.src() + t.tgt()) as f64 - 2.0) - if t.is_deletion() { 3.0 } else { 0.0 };
            let (a, b): (f64, f64) = (self.src[src].iter().sum(), self.tgt[tgt].iter().sum());
            if a == 0.0 || b == 0.0 {
                return prior;
            }
            prior - (a - b).powi(2) / (a + b)
        }
    }

    /// A band wider than any test lattice, so that the search is exact and
    /// constrained and unconstrained optima can be compared.
    fn exact() -> AlignOptions {
        AlignOptions { band: 100, ..Default::default() }
    }

    fn kinds(aligned: &Aligned) -> Vec<String> {
        aligned.path.alignment().beads().iter().map(Bead::kind).collect()
    }

    fn scores(aligned: &Aligned) -> Vec<f64> {
        aligned.path.values().iter().map(|p| p.get()).collect()
    }

    #[test]
    fn keeps_fixed_beads_at_the_ends_adjacent_and_of_any_shape() {
        let m = Lengths { src: vec![10.0, 20.0, 5.0, 30.0, 12.0, 7.0], tgt: vec![10.0, 20.0, 5.0, 30.0, 12.0, 7.0] };
        // 2-0 and 0-3 are no search shape; a person may still make them.
        let fixed = [Bead::new(0..2, 0..0), Bead::new(2..2, 0..3), Bead::new(5..6, 5..6)];
        let got = align_fixed(6, 6, &m, &fixed, &exact()).unwrap();
        assert_eq!(kinds(&got), ["2-0", "0-3", "1-0", "1-1", "1-1", "1-1"]);
        assert_eq!((scores(&got)[0], scores(&got)[1], scores(&got)[5]), (1.0, 1.0, 1.0));
        // Only the searchable fixed shape (1-1) counts among the expected beads with certainty.
        let certain: Vec<&Bead> = got.expected.iter().filter(|e| e.posterior == 1.0).map(|e| &e.bead).collect();
        assert!(certain.contains(&&fixed[2]) && !certain.contains(&&fixed[0]) && !certain.contains(&&fixed[1]));
    }

    #[test]
    fn a_stretch_empty_on_one_side_is_all_deletions() {
        let m = Lengths { src: vec![10.0, 3.0, 4.0, 20.0], tgt: vec![10.0, 20.0] };
        let fixed = [Bead::new(0..1, 0..1), Bead::new(3..4, 1..2)];
        let got = align_fixed(4, 2, &m, &fixed, &exact()).unwrap();
        assert_eq!(kinds(&got), ["1-1", "1-0", "1-0", "1-1"]);
        // One path through the stretch: its beads are certain too.
        assert!(scores(&got).iter().all(|&s| (s - 1.0).abs() < 1e-9), "{:?}", scores(&got));
    }

    #[test]
    fn every_sentence_fixed_or_none() {
        let m = Lengths { src: vec![], tgt: vec![] };
        assert!(align_fixed(0, 0, &m, &[], &exact()).unwrap().path.alignment().beads().is_empty());
        let m = Lengths { src: vec![4.0, 9.0], tgt: vec![13.0] };
        let fixed = [Bead::new(0..2, 0..1)];
        assert_eq!(align_fixed(2, 1, &m, &fixed, &exact()).unwrap().path.alignment().beads(), &fixed);
    }

    #[test]
    fn refuses_beads_no_alignment_can_hold() {
        let m = Lengths { src: vec![1.0; 4], tgt: vec![1.0; 4] };
        let refused = |fixed: &[Bead]| align_fixed(4, 4, &m, fixed, &exact()).unwrap_err();
        assert_eq!(refused(&[Bead::new(1..1, 2..2)]), FixedError::Empty { index: 0 });
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = Bead::new(3..1, 0..1);
        assert_eq!(refused(&[backwards]), FixedError::Backwards { index: 0 });
        assert_eq!(refused(&[Bead::new(3..5, 3..4)]), FixedError::OutOfRange { index: 0, n_src: 4, n_tgt: 4 });
        assert_eq!(refused(&[Bead::new(0..2, 0..2), Bead::new(1..3, 2..3)]), FixedError::NotIncreasing { index: 1 });
        assert_eq!(refused(&[Bead::new(2..3, 2..3), Bead::new(0..1, 0..1)]), FixedError::NotIncreasing { index: 1 });
        // A deletion and an insertion at the same place follow each other.
        assert!(align_fixed(4, 4, &m, &[Bead::new(1..2, 1..1), Bead::new(2..2, 1..2)], &exact()).is_ok());
    }

    #[test]
    fn realigns_only_between_the_nearest_fixed_beads() {
        let lengths = vec![10.0, 20.0, 5.0, 30.0, 12.0, 7.0, 16.0];
        let m = Lengths { src: lengths.clone(), tgt: lengths };
        // A poor alignment: everything shifted, as after a bad edit.
        let (beads, n, t) = tile(&[(1, 1), (2, 1), (1, 1), (1, 2), (1, 1), (1, 1)]);
        let old = Alignment::new(beads.clone(), n, t).unwrap();
        let fixed = [true, false, false, true, false, false];
        let got = realign_window(&m, &old, &fixed, 2, &exact()).unwrap();
        assert_eq!((got.replaced.clone(), got.window.clone()), (1..3, 1..4));
        let window: Vec<String> = got.alignment.beads()[got.window.clone()].iter().map(Bead::kind).collect();
        assert_eq!(window, ["1-1", "1-1", "1-0"]);
        assert_eq!(&got.alignment.beads()[..1], &beads[..1]);
        assert_eq!(&got.alignment.beads()[got.window.end..], &beads[3..]);
        assert_eq!(got.posteriors.len(), got.window.len());
        // Around a fixed bead: both free runs next to it, the bead kept.
        let got = realign_window(&m, &old, &fixed, 3, &exact()).unwrap();
        assert_eq!(got.replaced, 1..6);
        assert!(got.alignment.beads()[got.window.clone()].contains(&beads[3]));
        assert!(got
            .window
            .clone()
            .zip(&got.posteriors)
            .any(|(k, &p)| got.alignment.beads()[k] == beads[3] && p.get() == 1.0));
        assert_eq!(
            realign_window(&m, &old, &fixed[..2], 0, &exact()).unwrap_err(),
            FixedError::MaskLength { mask: 2, beads: 6 }
        );
        assert_eq!(
            realign_window(&m, &old, &fixed, 6, &exact()).unwrap_err(),
            FixedError::NoSuchBead { around: 6, beads: 6 }
        );
    }

    #[test]
    fn a_window_reaches_no_further_than_its_limit() {
        let lengths: Vec<f64> = (0..400).map(|k| 5.0 + (k * 7 % 23) as f64).collect();
        let m = Lengths { src: lengths.clone(), tgt: lengths };
        let (beads, n, t) = tile(&[(1, 1); 400]);
        let old = Alignment::new(beads, n, t).unwrap();
        let got = realign_window(&m, &old, &[false; 400], 200, &AlignOptions::default()).unwrap();
        assert_eq!(got.replaced, 200 - WINDOW_REACH..201 + WINDOW_REACH);
        assert_eq!(got.alignment, old, "the best path was already there");
        let got = realign_window(&m, &old, &[false; 400], 10, &AlignOptions::default()).unwrap();
        assert_eq!(got.replaced, 0..11 + WINDOW_REACH);
    }

    /// A random tiling (with shapes the search does not have), random
    /// lengths on each side, and a random choice of beads.
    fn case() -> impl Strategy<Value = (Vec<Bead>, Lengths, Vec<bool>)> {
        prop::collection::vec((0usize..4, 0usize..4, any::<bool>()), 0..14).prop_flat_map(|shapes| {
            let (beads, n, m) = tile(&shapes.iter().map(|&(a, b, _)| (a, b)).collect::<Vec<_>>());
            let chosen: Vec<bool> = shapes.iter().map(|s| s.2).collect();
            (prop::collection::vec(1.0f64..40.0, n), prop::collection::vec(1.0f64..40.0, m))
                .prop_map(move |(src, tgt)| (beads.clone(), Lengths { src, tgt }, chosen.clone()))
        })
    }

    proptest! {
        #[test]
        fn fixing_beads_of_the_best_path_finds_that_path(
            src in prop::collection::vec(1.0f64..40.0, 0..30),
            tgt in prop::collection::vec(1.0f64..40.0, 0..30),
            pick in prop::collection::vec(any::<bool>(), 60),
        ) {
            let (n, m) = (src.len(), tgt.len());
            let scorer = Lengths { src, tgt };
            let free = align(n, m, &scorer, &exact());
            let none = align_fixed(n, m, &scorer, &[], &exact()).unwrap();
            prop_assert_eq!(none.path.alignment(), free.path.alignment());
            prop_assert_eq!(scores(&none), scores(&free));
            let fixed: Vec<Bead> =
                free.path.alignment().beads().iter().zip(&pick).filter(|(_, &p)| p).map(|(b, _)| b.clone()).collect();
            let got = align_fixed(n, m, &scorer, &fixed, &exact()).unwrap();
            prop_assert_eq!(got.path.alignment(), free.path.alignment());
        }

        #[test]
        fn random_fixed_beads_are_all_kept((beads, scorer, chosen) in case()) {
            let (n, m) = (scorer.src.len(), scorer.tgt.len());
            let fixed: Vec<Bead> = beads.iter().zip(&chosen).filter(|(_, &c)| c).map(|(b, _)| b.clone()).collect();
            let got = align_fixed(n, m, &scorer, &fixed, &AlignOptions { band: 4, ..Default::default() }).unwrap();
            prop_assert_eq!((got.path.alignment().n_src(), got.path.alignment().n_tgt()), (n, m));
            prop_assert_eq!(got.path.values().len(), got.path.alignment().beads().len());
            for b in &fixed {
                let k = got.path.alignment().beads().iter().position(|x| x == b);
                prop_assert!(k.is_some(), "{:?} lost", b);
                prop_assert_eq!(scores(&got)[k.unwrap()], 1.0);
            }
            prop_assert!(scores(&got).iter().all(|s| (0.0..=1.0).contains(s)));
        }

        #[test]
        fn the_guide_path_is_the_path_of_the_search_it_guides((beads, scorer, chosen) in case()) {
            // The walk that keeps no score finds the path the scoring one
            // finds over the same band, through the same fixed beads.
            let (n, m) = (scorer.src.len(), scorer.tgt.len());
            let fixed: Vec<Bead> = beads.iter().zip(&chosen).filter(|(_, &c)| c).map(|(b, _)| b.clone()).collect();
            let options = AlignOptions { band: 3, near: 3, ..Default::default() };
            let guide = guide_path(n, m, &scorer, &fixed, &options).unwrap();
            let searched = align_fixed_near(n, m, &scorer, &fixed, None, &options).unwrap();
            prop_assert_eq!(&guide, searched.path.alignment());
        }

        #[test]
        fn a_window_realigns_as_if_every_bead_outside_it_were_fixed(
            (beads, scorer, chosen) in case(),
            around in any::<prop::sample::Index>(),
        ) {
            prop_assume!(!beads.is_empty());
            let (n, m) = (scorer.src.len(), scorer.tgt.len());
            let old = Alignment::new(beads.clone(), n, m).unwrap();
            let around = around.index(beads.len());
            let got = realign_window(&scorer, &old, &chosen, around, &exact()).unwrap();
            let outside: Vec<Bead> = beads
                .iter()
                .enumerate()
                .filter(|(k, _)| !got.replaced.contains(k) || chosen[*k])
                .map(|(_, b)| b.clone())
                .collect();
            let whole = align_fixed(n, m, &scorer, &outside, &exact()).unwrap();
            prop_assert_eq!(&got.alignment, whole.path.alignment());
            prop_assert_eq!(&got.posteriors[..], &whole.path.values()[got.window.clone()]);
            prop_assert_eq!(&got.alignment.beads()[..got.replaced.start], &beads[..got.replaced.start]);
            prop_assert_eq!(got.alignment.beads().len() - got.window.end, beads.len() - got.replaced.end);
        }
    }
}
