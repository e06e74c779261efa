//! Whether the words of aligned sentences go together beyond chance, with
//! no lexicon. In a translation, two beads that share a rare word on one
//! side (a name, a term) share one on the other side too; in two unrelated
//! texts they do so only as often as when the beads of one side are paired
//! with those of the other shifted along the document (a toroidal shift:
//! each side keeps its own run of topics, only the tie between the sides
//! is taken away).

use std::collections::{HashMap, HashSet};

use crate::align::Alignment;

/// Pairs of beads linked on both sides, against the same alignment with
/// its target sides shifted.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Recurrence {
    /// Beads with both sides and words on both.
    pub beads: usize,
    /// Pairs of those beads linked on both sides.
    pub linked: f64,
    /// The same count, averaged over the shifted pairings.
    pub chance: f64,
    /// Its standard deviation over the shifted pairings, at least 1 (a
    /// count that hardly moves must not turn one more pair into a
    /// certainty).
    pub spread: f64,
}

impl Recurrence {
    /// How far the pairs linked on both sides lie above chance, in
    /// standard deviations of the shifted pairings.
    pub fn z(&self) -> f64 {
        (self.linked - self.chance) / self.spread
    }
}

/// A word links two beads of its side when it occurs in 2 to this many
/// beads: a common word links everything, in translations and unrelated
/// texts alike (6 and 12 separated the development sets' translations from
/// unrelated pairs less well).
const RARE: usize = 3;

/// Beads per pair of linked beads of a side, at most, for the count to be
/// measured.
const BEADS_PER_LINK: usize = 4;

/// Shifted pairings the chance level is measured on, at most (evenly
/// spread over the document).
const MAX_SHIFTS: usize = 48;

/// The recurrence of `alignment`; `src` and `tgt` are the content word ids
/// of each sentence. `None` under two beads with words on both sides, or
/// with fewer than one linked pair of beads a side per 4 beads.
pub fn recurrence(alignment: &Alignment, src: &[Vec<u32>], tgt: &[Vec<u32>]) -> Option<Recurrence> {
    let bag = |side: &[Vec<u32>], range: std::ops::Range<usize>| {
        let mut words: Vec<u32> = side[range].concat();
        words.sort_unstable();
        words.dedup();
        words
    };
    let (src_bags, tgt_bags): (Vec<Vec<u32>>, Vec<Vec<u32>>) = alignment
        .beads()
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
        .map(|b| (bag(src, b.src.clone()), bag(tgt, b.tgt.clone())))
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .unzip();
    let n = src_bags.len();
    if n < 2 {
        return None;
    }
    let (src_links, tgt_links) = (links(&src_bags), links(&tgt_bags));
    // A text of common words only (a small vocabulary drawn at random, as
    // the benchmark's generated text) has no rare words to follow.
    if src_links.len().min(tgt_links.len()) * BEADS_PER_LINK < n {
        return None;
    }
    // Target beads a and b paired with source beads a − shift and b − shift.
    let linked = |shift: usize| {
        tgt_links
            .iter()
            .filter(|&&(a, b)| {
                let (a, b) = ((a + n - shift) % n, (b + n - shift) % n);
                src_links.contains(&(a.min(b), a.max(b)))
            })
            .count() as f64
    };
    let shifts = (n - 1).min(MAX_SHIFTS);
    let step = (n - 1) as f64 / shifts as f64;
    let baseline: Vec<f64> = (0..shifts).map(|k| linked(1 + (k as f64 * step) as usize)).collect();
    let chance = baseline.iter().sum::<f64>() / shifts as f64;
    let variance = baseline.iter().map(|x| (x - chance).powi(2)).sum::<f64>() / shifts as f64;
    Some(Recurrence { beads: n, linked: linked(0), chance, spread: variance.sqrt().max(1.0) })
}

/// The pairs of beads (a < b) that share a rare word.
fn links(bags: &[Vec<u32>]) -> HashSet<(usize, usize)> {
    let mut beads_of: HashMap<u32, Vec<usize>> = HashMap::new();
    for (b, bag) in bags.iter().enumerate() {
        for &w in bag {
            beads_of.entry(w).or_default().push(b);
        }
    }
    let mut pairs = HashSet::new();
    for beads in beads_of.values().filter(|v| (2..=RARE).contains(&v.len())) {
        for (k, &a) in beads.iter().enumerate() {
            pairs.extend(beads[k + 1..].iter().map(|&b| (a, b)));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;

    fn one_to_one(n: usize) -> Alignment {
        Alignment::new((0..n).map(|k| Bead::new(k..k + 1, k..k + 1)).collect(), n, n).unwrap()
    }

    #[test]
    fn words_that_come_back_together_lie_above_chance_and_shuffled_ones_do_not() {
        // Word w is in sentences w and w² + 5 (mod n), gaps that vary, and
        // every sentence holds a common word 1000; the translation the same
        // ids + 500.
        let n = 40;
        let mut src: Vec<Vec<u32>> = vec![vec![1000]; n];
        for w in 0..n {
            src[w].push(w as u32);
            src[(w * w + 5) % n].push(w as u32);
        }
        let tgt: Vec<Vec<u32>> = src.iter().map(|s| s.iter().map(|w| w + 500).collect()).collect();
        let translation = recurrence(&one_to_one(n), &src, &tgt).unwrap();
        assert_eq!(translation.beads, n);
        assert!(translation.z() > 5.0, "{translation:?}");
        // The target's pairs scattered: sentence k gets the words of 7k mod n.
        let scattered: Vec<Vec<u32>> = (0..n).map(|k| tgt[(7 * k) % n].clone()).collect();
        let unrelated = recurrence(&one_to_one(n), &src, &scattered).unwrap();
        assert!(unrelated.z() < 2.0, "{unrelated:?}");
    }

    #[test]
    fn one_bead_with_words_is_not_measured() {
        let alignment = Alignment::new(vec![Bead::new(0..1, 0..1), Bead::new(1..2, 1..1)], 2, 1).unwrap();
        assert_eq!(recurrence(&alignment, &[vec![1], vec![2]], &[vec![3]]), None);
        // Common words only: nothing links beads.
        let common: Vec<Vec<u32>> = (0..40).map(|k| vec![k % 2]).collect();
        assert_eq!(recurrence(&one_to_one(40), &common, &common), None);
    }
}
