//! Stage 4: find the beads (groups of consecutive sentences that translate
//! each other) and score each one.
//!
//! [`Alignment`] is the invariant-carrying result: its beads cover every
//! sentence of both sides exactly once, in order. It can only be built
//! through [`Alignment::new`], which checks that.

use std::ops::Range;

mod band;
mod fixed;
mod scored;
mod search;
mod shape;

pub mod confidence;
#[cfg(test)]
pub(crate) mod testing;

pub use band::Band;
pub use confidence::ConfidenceModel;
pub use fixed::{align_fixed, align_fixed_near, guide_path, realign_window, FixedError, Realigned, WINDOW_REACH};
pub use scored::{BeadScore, Confidence, CountMismatch, Posterior, Scored};
pub use search::{align, align_near, AlignOptions, Aligned, BeadScorer, Expected};
pub use shape::{PerShape, Shape, SHAPES};

/// A group of consecutive source sentences aligned to a group of consecutive
/// target sentences. An empty range on one side is a deletion (1-0) or an
/// insertion (0-1); both sides empty never occurs in an [`Alignment`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
}

impl Bead {
    pub fn new(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead { src, tgt }
    }

    /// "1-1", "2-1", "0-1", …: sentences on the source side, then target
    /// (any counts, not only the search's [`Shape`]s).
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// Why a list of beads is not an alignment.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AlignmentError {
    #[error("bead {index} is empty on both sides")]
    EmptyBead { index: usize },
    #[error("bead {index} starts at source {found}, expected {expected} (beads must follow each other without gaps)")]
    SourceGap { index: usize, expected: usize, found: usize },
    #[error("bead {index} starts at target {found}, expected {expected} (beads must follow each other without gaps)")]
    TargetGap { index: usize, expected: usize, found: usize },
    #[error("the beads cover {covered} of {total} source sentences")]
    SourceNotCovered { covered: usize, total: usize },
    #[error("the beads cover {covered} of {total} target sentences")]
    TargetNotCovered { covered: usize, total: usize },
}

/// Beads that cover sentences `0..n_src` and `0..n_tgt` exactly once, in
/// order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    beads: Vec<Bead>,
    n_src: usize,
    n_tgt: usize,
}

impl Alignment {
    /// Checks that `beads` are non-empty, follow each other without gaps or
    /// overlaps, and end at `n_src` and `n_tgt`.
    pub fn new(beads: Vec<Bead>, n_src: usize, n_tgt: usize) -> Result<Alignment, AlignmentError> {
        let (mut i, mut j) = (0, 0);
        for (index, b) in beads.iter().enumerate() {
            if b.src.is_empty() && b.tgt.is_empty() {
                return Err(AlignmentError::EmptyBead { index });
            }
            if b.src.start != i {
                return Err(AlignmentError::SourceGap { index, expected: i, found: b.src.start });
            }
            if b.tgt.start != j {
                return Err(AlignmentError::TargetGap { index, expected: j, found: b.tgt.start });
            }
            i = b.src.end;
            j = b.tgt.end;
        }
        if i != n_src {
            return Err(AlignmentError::SourceNotCovered { covered: i, total: n_src });
        }
        if j != n_tgt {
            return Err(AlignmentError::TargetNotCovered { covered: j, total: n_tgt });
        }
        Ok(Alignment { beads, n_src, n_tgt })
    }

    pub fn beads(&self) -> &[Bead] {
        &self.beads
    }

    pub fn n_src(&self) -> usize {
        self.n_src
    }

    pub fn n_tgt(&self) -> usize {
        self.n_tgt
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_checks_coverage_and_order() {
        let ok = vec![Bead::new(0..1, 0..2), Bead::new(1..1, 2..3), Bead::new(1..3, 3..3)];
        assert!(Alignment::new(ok.clone(), 3, 3).is_ok());
        assert_eq!(Alignment::new(ok.clone(), 4, 3), Err(AlignmentError::SourceNotCovered { covered: 3, total: 4 }));
        let gap = vec![Bead::new(0..1, 0..1), Bead::new(2..3, 1..2)];
        assert!(matches!(Alignment::new(gap, 3, 2), Err(AlignmentError::SourceGap { index: 1, .. })));
        let empty = vec![Bead::new(0..0, 0..0)];
        assert_eq!(Alignment::new(empty, 0, 0), Err(AlignmentError::EmptyBead { index: 0 }));
        assert!(Alignment::new(vec![], 0, 0).is_ok());
    }
}
