//! Length evidence: translations have proportional lengths.
//!
//! A sentence's length is the number of non-space characters of its key. The
//! ratio between the two languages is not assumed (one Chinese character
//! carries about as much as 3–4 English ones) but estimated from the two
//! documents, first from their totals, then again from the beads the
//! aligner found likely (see [`LengthModel::reestimate`]).
//!
//! With the target length `b` rescaled to source units, `b' = b / ratio`,
//! the model is Gale & Church's: `z = (b' − a) / √(variance · (a + b') / 2)`
//! is standard normal for a translation, so a bead scores `−z² / 2`
//! (0 for a perfect fit).

use std::ops::Range;

use crate::align::Bead;
use crate::lang::Script;
use crate::segment::Sentence;

use super::Evidence;

/// Fitted length model of one document pair.
#[derive(Debug, Clone)]
pub struct LengthModel {
    src: Vec<f64>,
    tgt: Vec<f64>,
    /// Target characters per source character.
    pub ratio: f64,
    /// Variance per character of source length (Gale & Church: 6.8).
    pub variance: f64,
}

/// Length of a sentence for the length model.
pub fn length(s: &Sentence) -> f64 {
    key_length(&s.key)
}

/// Length of a comparison key ([`crate::input::key`]): its non-space
/// characters.
pub fn key_length(key: &str) -> f64 {
    key.chars().filter(|c| *c != ' ').count() as f64
}

/// Gale & Church's z of a source length `a` and a target length `b` already
/// rescaled to source units, under `variance` per character: about standard
/// normal for a translation.
pub fn gale_church_z(a: f64, b: f64, variance: f64) -> f64 {
    (b - a) / (variance * ((a + b) / 2.0 + 1.0)).sqrt()
}

/// How many beads the fitted ratio and variance of the previous round
/// weigh against those of a new round.
const PRIOR_BEADS: f64 = 5.0;

/// How many sentences the typical ratio of two scripts weighs against the
/// ratio of the documents' totals.
pub const TYPICAL_RATIO_WEIGHT: f64 = 10.0;

/// The typical length ratio of `tgt` text to `src` text
/// (`length_ratios.tsv`).
pub fn typical_ratio(src: Script, tgt: Script) -> f64 {
    let table = include_str!("length_ratios.tsv").lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let name = |s: Script| s.to_string();
    for line in table {
        let cols: Vec<&str> = line.split('\t').collect();
        let [a, b, r] = cols[..] else { continue };
        let Ok(r) = r.trim().parse::<f64>() else { continue };
        if a == name(src) && b == name(tgt) {
            return r;
        }
        if a == name(tgt) && b == name(src) {
            return 1.0 / r;
        }
    }
    1.0
}

impl LengthModel {
    /// A model for two documents in the given scripts (`None`: unknown).
    pub fn new(src: &[Sentence], tgt: &[Sentence], scripts: (Option<Script>, Option<Script>)) -> LengthModel {
        let typical = match scripts {
            (Some(a), Some(b)) => typical_ratio(a, b),
            _ => 1.0,
        };
        let n = src.len().min(tgt.len()) as f64;
        let src: Vec<f64> = src.iter().map(length).collect();
        let tgt: Vec<f64> = tgt.iter().map(length).collect();
        let (a, b): (f64, f64) = (src.iter().sum(), tgt.iter().sum());
        let ratio = if a > 0.0 && b > 0.0 {
            ((TYPICAL_RATIO_WEIGHT * typical.ln() + n * (b / a).ln()) / (TYPICAL_RATIO_WEIGHT + n)).exp()
        } else {
            typical
        };
        LengthModel { src, tgt, ratio, variance: 6.8 }
    }

    fn lengths(&self, src: Range<usize>, tgt: Range<usize>) -> (f64, f64) {
        let a: f64 = self.src[src].iter().sum();
        let b: f64 = self.tgt[tgt].iter().sum();
        (a, b / self.ratio)
    }

    fn z(&self, a: f64, b: f64) -> f64 {
        gale_church_z(a, b, self.variance)
    }
}

impl Evidence for LengthModel {
    fn name(&self) -> &'static str {
        "length"
    }

    fn log_ratio(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let (a, b) = self.lengths(src, tgt);
        let z = self.z(a, b);
        -0.5 * z * z
    }

    /// Re-fits the ratio and the variance to the expected beads with both
    /// sides: the ratio as total target over total source length, the
    /// variance as the mean squared residual. The old values count as
    /// [`PRIOR_BEADS`] beads of average length, so that a short document
    /// cannot move them far.
    fn reestimate(&mut self, expected: &[(usize, Bead, f64)]) {
        let both: Vec<(f64, f64, f64)> = expected
            .iter()
            .filter(|(_, b, _)| !b.src.is_empty() && !b.tgt.is_empty())
            .map(|(_, b, p)| (self.src[b.src.clone()].iter().sum(), self.tgt[b.tgt.clone()].iter().sum(), *p))
            .collect();
        let weight: f64 = both.iter().map(|&(_, _, p)| p).sum();
        let (sa, sb) = both.iter().fold((0.0, 0.0), |(sa, sb), &(a, b, p)| (sa + p * a, sb + p * b));
        if sa > 0.0 && sb > 0.0 {
            let prior_a = PRIOR_BEADS * sa / weight;
            self.ratio = (prior_a * self.ratio + sb) / (prior_a + sa);
        }
        let residuals: f64 = both
            .iter()
            .map(|&(a, b, p)| {
                let b = b / self.ratio;
                p * (b - a).powi(2) / ((a + b) / 2.0 + 1.0)
            })
            .sum();
        self.variance = ((PRIOR_BEADS * self.variance + residuals) / (PRIOR_BEADS + weight)).clamp(0.5, 100.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typical_ratios_read_both_ways() {
        assert_eq!(typical_ratio(Script::Latin, Script::Han), 0.34);
        assert!((typical_ratio(Script::Han, Script::Latin) - 1.0 / 0.34).abs() < 1e-12);
        assert_eq!(typical_ratio(Script::Other, Script::Latin), 1.0);
    }
}
