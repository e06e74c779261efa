//! Bead confidence: the probability that a bead of the best path is right.
//!
//! The search gives each bead its posterior probability under the model.
//! That posterior is over-confident (the evidence is summed as if each kind
//! were independent, which it is not: a long sentence has more characters,
//! more words and more anchors, all telling the same story) and it knows
//! nothing of how often beads of each shape turn out wrong. A logistic
//! regression maps it to a calibrated probability:
//!
//! ```text
//! score = σ(w · [1, deletion, one_to_one, three_sentences, two_to_two, four_or_more_sentences,
//!                 L, L², no_lexicon, no_lexicon · L])      with L = ln(1 − p + 10⁻⁴)
//! ```
//!
//! with `p` the posterior. The "doubt" `1 − p` is what carries the ranking;
//! the shape flags say how often beads of that shape are wrong at the same
//! doubt (deletions, 2-2 and beads of four or more sentences more often,
//! 1-1 less); `no_lexicon` says that no lexicon matched the documents, when
//! the word translations are only what the documents taught, and the model
//! is right less often at the same doubt and its doubt means less. The weights live in `confidence.tsv` beside this module and are
//! refitted with `scripts/fit_confidence.py` from
//! `trialign eval --set DIR --dump-beads FILE`. The map must be increasing
//! in `p` for every shape (checked when the weights are read), so within a shape the ranking of beads is the
//! posterior's. A logit feature was tried and left out: its fitted weight
//! was about zero and, being negative, made the map non-monotone.

use std::sync::OnceLock;

use super::{Bead, Confidence, Posterior};

/// The features of a bead, in the order of `confidence.tsv`.
pub const FEATURES: [&str; 10] = [
    "bias",
    "deletion",
    "one_to_one",
    "three_sentences",
    "two_to_two",
    "four_or_more_sentences",
    "log_doubt",
    "log_doubt_squared",
    "no_lexicon",
    "log_doubt_without_lexicon",
];

/// Indices of the terms in L = ln(1 − p + 10⁻⁴) in [`FEATURES`].
const LOG_DOUBT: usize = 6;
const LOG_DOUBT_SQUARED: usize = 7;
const LOG_DOUBT_WITHOUT_LEXICON: usize = 9;

/// The range of L.
const LEAST_LOG_DOUBT: f64 = -9.210_340_371_976_182; // ln(1e-4)

/// A fitted confidence model.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfidenceModel {
    weights: [f64; FEATURES.len()],
}

impl ConfidenceModel {
    /// The weights shipped in `confidence.tsv`.
    pub fn fitted() -> &'static ConfidenceModel {
        static FITTED: OnceLock<ConfidenceModel> = OnceLock::new();
        FITTED.get_or_init(|| {
            ConfidenceModel::parse(include_str!("confidence.tsv")).expect("confidence.tsv names every feature once")
        })
    }

    /// Reads `feature<TAB>weight` lines ([`crate::weights`]); every feature
    /// must be given once, and the scores must grow with the posterior: the score's
    /// slope in L, linear in L, must be negative at both ends of its range,
    /// with and without a lexicon.
    pub fn parse(text: &str) -> Result<ConfidenceModel, String> {
        let values = crate::weights::named_values(text, &FEATURES)?;
        let weights: [f64; FEATURES.len()] = values.try_into().expect("one value per feature");
        for l in [0.0, LEAST_LOG_DOUBT] {
            for without_lexicon in [0.0, 1.0] {
                let slope = weights[LOG_DOUBT]
                    + 2.0 * weights[LOG_DOUBT_SQUARED] * l
                    + weights[LOG_DOUBT_WITHOUT_LEXICON] * without_lexicon;
                if slope >= 0.0 {
                    return Err("the weights make the score fall as the posterior rises (its slope in log_doubt must be negative)".into());
                }
            }
        }
        Ok(ConfidenceModel { weights })
    }

    /// The feature values of a bead with posterior `posterior`, aligned
    /// with (`lexicon`) or without a lexicon that matched the documents.
    pub fn features(bead: &Bead, posterior: Posterior, lexicon: bool) -> [f64; FEATURES.len()] {
        let l = (1.0 - posterior.get() + 1e-4).ln();
        let (a, b) = (bead.src.len(), bead.tgt.len());
        let flag = |x: bool| if x { 1.0 } else { 0.0 };
        let without = flag(!lexicon);
        [
            1.0,
            flag(a == 0 || b == 0),
            flag(a == 1 && b == 1),
            flag(a + b == 3),
            flag(a >= 2 && b >= 2),
            flag(a + b >= 4),
            l,
            l * l,
            without,
            without * l,
        ]
    }

    /// The probability that `bead`, with posterior `posterior`, is right.
    pub fn score(&self, bead: &Bead, posterior: Posterior, lexicon: bool) -> Confidence {
        let z: f64 =
            self.weights.iter().zip(ConfidenceModel::features(bead, posterior, lexicon)).map(|(w, x)| w * x).sum();
        Confidence::new(1.0 / (1.0 + (-z).exp()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_parse() {
        let c = ConfidenceModel::fitted();
        let one = Bead::new(0..1, 0..1);
        assert!(c.score(&one, Posterior::new(0.999), true).get() > 0.9);
        assert!(c.score(&one, Posterior::new(0.5), true).get() < 0.8);
        assert!(c.score(&one, Posterior::new(0.999), false).get() < c.score(&one, Posterior::new(0.999), true).get());
    }

    #[test]
    fn scores_grow_with_the_posterior_for_every_shape() {
        let c = ConfidenceModel::fitted();
        for bead in [Bead::new(0..1, 0..1), Bead::new(0..1, 0..0), Bead::new(0..2, 0..3), Bead::new(0..1, 0..2)] {
            let scores: Vec<f64> =
                (0..=100).map(|k| c.score(&bead, Posterior::new(k as f64 / 100.0), false).get()).collect();
            assert!(scores.windows(2).all(|w| w[0] <= w[1] + 1e-12), "{bead:?}: {scores:?}");
        }
    }

    #[test]
    fn a_deletion_is_trusted_less_than_a_one_to_one_bead_at_the_same_posterior() {
        let c = ConfidenceModel::fitted();
        let p = Posterior::new(0.9);
        assert!(c.score(&Bead::new(0..1, 0..0), p, true) < c.score(&Bead::new(0..1, 0..1), p, true));
    }

    #[test]
    fn bad_weight_files_are_refused() {
        assert!(ConfidenceModel::parse("bias\t1\n").unwrap_err().contains("no weight"));
        assert!(ConfidenceModel::parse("colour\t1\n").unwrap_err().contains("unknown"));
        assert!(ConfidenceModel::parse("bias one\n").is_err());
        let weights = |log_doubt: f64, squared: f64| {
            FEATURES
                .iter()
                .map(|f| match *f {
                    "log_doubt" => format!("{f}\t{log_doubt}\n"),
                    "log_doubt_squared" => format!("{f}\t{squared}\n"),
                    _ => format!("{f}\t0\n"),
                })
                .collect::<String>()
        };
        assert!(ConfidenceModel::parse(&weights(-0.4, 0.0)).is_ok());
        assert!(ConfidenceModel::parse(&weights(0.5, 0.0)).unwrap_err().contains("negative"));
        // Falling at p near 1 (L near ln 1e-4) though rising near p = 0.
        assert!(ConfidenceModel::parse(&weights(-0.4, -0.1)).unwrap_err().contains("negative"));
    }
}
