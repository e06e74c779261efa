//! An alignment with one value per bead, and the two kinds of bead score.
//!
//! [`Posterior`] is what the search gives: the bead's probability under the
//! model, over-confident by construction. [`Confidence`] is what a user
//! reads: the calibrated probability that the bead is right
//! ([`super::confidence`]). They are different types so that one can never
//! be written where the other is meant.

use super::{Alignment, Bead};

/// The posterior probability of a bead under the alignment model, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Posterior(f64);

impl Posterior {
    /// Clamps `p` into [0, 1] (the forward–backward sums can overshoot by a
    /// rounding error).
    pub fn new(p: f64) -> Posterior {
        Posterior(p.clamp(0.0, 1.0))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// The calibrated probability that a bead is right, in [0, 1]: a score of
/// 0.9 means "right about nine times in ten".
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Confidence(f64);

impl Confidence {
    pub fn new(p: f64) -> Confidence {
        Confidence(p.clamp(0.0, 1.0))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// What a bead of a final path carries: its posterior, and the confidence
/// calibrated from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BeadScore {
    pub posterior: Posterior,
    pub confidence: Confidence,
}

/// Why values do not fit an alignment.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{values} values for {beads} beads: an alignment has one value per bead")]
pub struct CountMismatch {
    pub values: usize,
    pub beads: usize,
}

/// An [`Alignment`] with one value per bead (a score, a mark), the lengths
/// tied by the constructor.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored<T> {
    alignment: Alignment,
    values: Vec<T>,
}

impl<T> Scored<T> {
    pub fn new(alignment: Alignment, values: Vec<T>) -> Result<Scored<T>, CountMismatch> {
        if values.len() != alignment.beads().len() {
            return Err(CountMismatch { values: values.len(), beads: alignment.beads().len() });
        }
        Ok(Scored { alignment, values })
    }

    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// Each bead with its value, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&Bead, &T)> {
        self.alignment.beads().iter().zip(&self.values)
    }

    /// The values, to change in place (the beads cannot be changed this
    /// way: build a new alignment for that).
    pub fn values_mut(&mut self) -> &mut [T] {
        &mut self.values
    }

    pub fn into_parts(self) -> (Alignment, Vec<T>) {
        (self.alignment, self.values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_must_match_the_beads() {
        let a = Alignment::new(vec![Bead::new(0..1, 0..1), Bead::new(1..2, 1..1)], 2, 1).unwrap();
        assert_eq!(Scored::new(a.clone(), vec![0.5]).unwrap_err(), CountMismatch { values: 1, beads: 2 });
        let s = Scored::new(a, vec![0.5, 0.25]).unwrap();
        assert_eq!(s.values(), [0.5, 0.25]);
        assert_eq!(Posterior::new(1.0000001).get(), 1.0);
    }
}
