//! The self-training policy: which beads of a pass teach the word
//! translations of the next (IBM Model 1 over the documents' own likely
//! beads), and how many rounds of it a run makes.

use super::translation::TrainingPair;
use crate::align::Expected;

/// The content words of each sentence of a document pair, as word ids:
/// source side, target side.
pub type WordBags = (Vec<Vec<u32>>, Vec<Vec<u32>>);

/// Self-training rounds by default.
pub const SELF_TRAINING_ROUNDS: usize = 2;

/// Model 1 rounds per self-training round.
pub const MODEL_ONE_ROUNDS: usize = 4;

/// Beads at least this likely teach word translations, where a lexicon
/// matched the documents. Without one the first pass rests on lengths and
/// names, and what its less sure beads teach is more often wrong: strict F1
/// at 0.5 and 0.8 without a lexicon, MAC-Dev 0.789 and 0.809, FLORES en-ru
/// 0.972 and 0.982, en-zh 0.957 and 0.968, Text+Berg 0.886 and 0.882; with
/// lexicons 0.5 is best (MAC-Dev 0.865 against 0.85 at 0.8).
const MIN_TRAINING_POSTERIOR: f64 = 0.5;
const MIN_TRAINING_POSTERIOR_WITHOUT_LEXICON: f64 = 0.8;

/// The least posterior of a bead that teaches, with or without a lexicon
/// that matched the documents.
pub fn min_training_posterior(lexicon_matched: bool) -> f64 {
    if lexicon_matched {
        MIN_TRAINING_POSTERIOR
    } else {
        MIN_TRAINING_POSTERIOR_WITHOUT_LEXICON
    }
}

/// The word bags of the expected beads with both sides and a posterior of
/// at least `min_posterior`, weighted by it, over every document pair
/// (`(expected beads, word bags)` per pair).
pub fn training_pairs<'a>(
    docs: impl IntoIterator<Item = (&'a [Expected], &'a WordBags)>,
    min_posterior: f64,
) -> Vec<TrainingPair> {
    let mut pairs = Vec::new();
    for (expected, (src, tgt)) in docs {
        for e in expected {
            if e.posterior < min_posterior || e.shape.is_deletion() {
                continue;
            }
            pairs.push(TrainingPair {
                src: src[e.bead.src.clone()].concat(),
                tgt: tgt[e.bead.tgt.clone()].concat(),
                weight: e.posterior,
            });
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Bead, Shape};

    #[test]
    fn only_likely_beads_with_both_sides_teach() {
        let bags: WordBags = (vec![vec![1], vec![2, 3]], vec![vec![7], vec![8]]);
        let e = |src: std::ops::Range<usize>, tgt: std::ops::Range<usize>, posterior| {
            let bead = Bead::new(src, tgt);
            Expected { shape: Shape::of(&bead).unwrap(), bead, posterior }
        };
        let expected = [e(0..1, 0..1, 0.9), e(1..2, 1..1, 0.99), e(1..2, 1..2, 0.6)];
        let pairs = training_pairs([(&expected[..], &bags)], min_training_posterior(false));
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].src.clone(), pairs[0].tgt.clone(), pairs[0].weight), (vec![1], vec![7], 0.9));
        assert_eq!(training_pairs([(&expected[..], &bags)], min_training_posterior(true)).len(), 2);
    }
}
