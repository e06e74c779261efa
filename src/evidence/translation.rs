//! Word translation probabilities: a table of counts `c(s, t)` between
//! source and target words, filled from lexicons and names (a fixed prior)
//! and learned from aligned sentences with IBM Model 1.
//!
//! Both directions are read from the same counts, smoothed towards the
//! unigram distribution of the other language:
//!
//! ```text
//! τ(t | s) = (c(s, t) + α · u(t)) / (c(s) + α)
//! ```
//!
//! so that a word the table knows nothing about translates into "any word,
//! as frequent as it is" — evidence of nothing — and a word seen often with
//! the same translation puts most of its mass there.
//!
//! Learning ([`TranslationTable::learn`]) is symmetric: one EM round of
//! Model 1 in each direction, the two expected counts averaged. Averaging
//! keeps a frequent word of one side from soaking up the mass of every rare
//! word beside it, Model 1's known failing ("garbage collectors").

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already well spread integers (word and
/// sentence id pairs): one multiplication instead of SipHash, which the
/// scoring loops would otherwise spend most of their time in.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by a pair of ids, see [`pair_key`].
pub type PairMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Two 32-bit ids as one key.
pub fn pair_key(a: u32, b: u32) -> u64 {
    (a as u64) << 32 | b as u64
}

/// Interns the word keys of one language as dense ids.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: HashMap<String, u32>,
    /// Occurrences of each word in the documents (not lexicons).
    counts: Vec<u32>,
}

impl Vocab {
    /// The id of `key`, counted as one occurrence in the text.
    pub fn add(&mut self, key: &str) -> u32 {
        let id = self.intern(key);
        self.counts[id as usize] += 1;
        id
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.counts.len() as u32;
        self.ids.insert(key.to_owned(), id);
        self.counts.push(0);
        id
    }

    /// The words seen in the text, with their ids (in no order).
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.ids.iter().filter(|&(_, &id)| self.counts[id as usize] > 0).map(|(key, &id)| (key.as_str(), id))
    }

    /// The id of a word seen in the text.
    pub fn get(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied().filter(|&id| self.counts[id as usize] > 0)
    }

    /// Unigram probabilities of the words, add-one smoothed.
    pub fn unigrams(&self) -> Vec<f64> {
        let total: f64 = self.counts.iter().map(|&c| c as f64 + 1.0).sum();
        self.counts.iter().map(|&c| (c as f64 + 1.0) / total).collect()
    }
}

/// Settings of the table; the fitted ones are in `weights.tsv`
/// ([`super::ModelOptions::fitted`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableOptions {
    /// α: how many occurrences' worth of the unigram distribution each
    /// word's translations are smoothed with.
    pub smoothing: f64,
    /// Probability that a word has no counterpart on the other side (Model
    /// 1's empty word), in training and in scoring.
    pub null_prob: f64,
}

impl Default for TableOptions {
    fn default() -> TableOptions {
        super::ModelOptions::fitted().table
    }
}

/// Translation counts between two vocabularies.
#[derive(Debug, Clone)]
pub struct TranslationTable {
    /// Fixed pseudo-counts from lexicons and names.
    prior: PairMap<f32>,
    /// `prior` plus what was learned.
    counts: PairMap<f32>,
    src_totals: Vec<f32>,
    tgt_totals: Vec<f32>,
    src_unigrams: Vec<f64>,
    tgt_unigrams: Vec<f64>,
    pub options: TableOptions,
}

/// A pair of word bags that translate each other, with how sure we are.
pub struct TrainingPair {
    pub src: Vec<u32>,
    pub tgt: Vec<u32>,
    pub weight: f64,
}

impl TranslationTable {
    /// A table over two vocabularies, knowing only `prior` (pseudo-counts
    /// for word pairs from lexicons and names).
    pub fn new(src: &Vocab, tgt: &Vocab, prior: HashMap<(u32, u32), f32>, options: TableOptions) -> TranslationTable {
        let prior: PairMap<f32> = prior.into_iter().map(|((s, t), c)| (pair_key(s, t), c)).collect();
        let mut table = TranslationTable {
            counts: PairMap::default(),
            prior,
            src_totals: Vec::new(),
            tgt_totals: Vec::new(),
            src_unigrams: src.unigrams(),
            tgt_unigrams: tgt.unigrams(),
            options,
        };
        table.set_counts(table.prior.clone());
        table
    }

    fn set_counts(&mut self, counts: PairMap<f32>) {
        self.src_totals = vec![0.0; self.src_unigrams.len()];
        self.tgt_totals = vec![0.0; self.tgt_unigrams.len()];
        for (&key, &c) in &counts {
            self.src_totals[(key >> 32) as usize] += c;
            self.tgt_totals[key as u32 as usize] += c;
        }
        self.counts = counts;
    }

    /// Whether a lexicon or a name match pairs `s` with `t`.
    pub fn in_prior(&self, s: u32, t: u32) -> bool {
        self.prior.contains_key(&pair_key(s, t))
    }

    /// Whether the table knows any word pair.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Number of word pairs with a count.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Unigram probability of a target word.
    pub fn tgt_unigram(&self, t: u32) -> f64 {
        self.tgt_unigrams[t as usize]
    }

    /// Unigram probability of a source word.
    pub fn src_unigram(&self, s: u32) -> f64 {
        self.src_unigrams[s as usize]
    }

    /// The counted parts of τ(t | s) and τ(s | t): `c(s, t) / (c(s) + α)`
    /// and `c(s, t) / (c(t) + α)`, `None` when the pair has no count. The
    /// rest of τ(t | s) is `α / (c(s) + α)` times the unigram of `t` (see
    /// [`TranslationTable::src_smoothing`]), and the same the other way.
    pub fn counted(&self, s: u32, t: u32) -> Option<(f64, f64)> {
        let &c = self.counts.get(&pair_key(s, t))?;
        let a = self.options.smoothing;
        let c = c as f64;
        Some((c / (self.src_totals[s as usize] as f64 + a), c / (self.tgt_totals[t as usize] as f64 + a)))
    }

    /// `α / (c(s) + α)`: the share of τ(· | s) that follows the unigrams.
    pub fn src_smoothing(&self, s: u32) -> f64 {
        let a = self.options.smoothing;
        a / (self.src_totals[s as usize] as f64 + a)
    }

    /// `α / (c(t) + α)`, the same for τ(· | t).
    pub fn tgt_smoothing(&self, t: u32) -> f64 {
        let a = self.options.smoothing;
        a / (self.tgt_totals[t as usize] as f64 + a)
    }

    /// τ(t | s).
    pub fn forward(&self, s: u32, t: u32) -> f64 {
        self.counted(s, t).map_or(0.0, |c| c.0) + self.src_smoothing(s) * self.tgt_unigram(t)
    }

    /// τ(s | t).
    pub fn backward(&self, s: u32, t: u32) -> f64 {
        self.counted(s, t).map_or(0.0, |c| c.1) + self.tgt_smoothing(t) * self.src_unigram(s)
    }

    /// Re-learns the counts from pairs of word bags that translate each
    /// other, by `rounds` EM rounds of Model 1 in both directions, starting
    /// from the current table. The prior stays in.
    pub fn learn(&mut self, pairs: &[TrainingPair], rounds: usize) {
        for _ in 0..rounds {
            let mut counts = self.prior.clone();
            let mut posts = Vec::new();
            for pair in pairs {
                if pair.src.is_empty() || pair.tgt.is_empty() {
                    continue;
                }
                // Each target word from one of the source words (or none), and
                // each source word from one of the target words.
                self.expect(
                    &pair.tgt,
                    &pair.src,
                    pair.weight,
                    |t, s| self.forward(s, t),
                    |t| self.tgt_unigram(t),
                    &mut posts,
                    |t, s, x| *counts.entry(pair_key(s, t)).or_insert(0.0) += (x / 2.0) as f32,
                );
                self.expect(
                    &pair.src,
                    &pair.tgt,
                    pair.weight,
                    |s, t| self.backward(s, t),
                    |s| self.src_unigram(s),
                    &mut posts,
                    |s, t, x| *counts.entry(pair_key(s, t)).or_insert(0.0) += (x / 2.0) as f32,
                );
            }
            // Counts too small to matter cost memory and time in scoring.
            counts.retain(|_, c| *c >= 0.02);
            self.set_counts(counts);
        }
    }
}

impl TranslationTable {
    /// Model 1's expectation for one bead in one direction: each word `w` of
    /// `words` comes from one of the words `o` of `others` with probability
    /// `tau(w, o)` averaged over them, or from nowhere. `add(w, o, x)`
    /// receives the expected count of each link.
    #[allow(clippy::too_many_arguments)]
    fn expect(
        &self,
        words: &[u32],
        others: &[u32],
        weight: f64,
        tau: impl Fn(u32, u32) -> f64,
        unigram: impl Fn(u32) -> f64,
        posts: &mut Vec<f64>,
        mut add: impl FnMut(u32, u32, f64),
    ) {
        let null = self.options.null_prob;
        for &w in words {
            posts.clear();
            posts.extend(others.iter().map(|&o| tau(w, o)));
            let from_words: f64 = posts.iter().sum::<f64>() / others.len() as f64;
            let total = null * unigram(w) + (1.0 - null) * from_words;
            let scale = weight * (1.0 - null) / (others.len() as f64 * total);
            for (&o, &p) in others.iter().zip(posts.iter()) {
                add(w, o, p * scale);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        let mut v = Vocab::default();
        for w in words {
            v.add(w);
        }
        v
    }

    #[test]
    fn unknown_words_translate_into_the_unigrams() {
        let (src, tgt) = (vocab(&["haus", "katze"]), vocab(&["maison", "chat", "chat"]));
        let table = TranslationTable::new(&src, &tgt, HashMap::new(), TableOptions::default());
        let (chat, maison) = (tgt.get("chat").unwrap(), tgt.get("maison").unwrap());
        let haus = src.get("haus").unwrap();
        assert!((table.forward(haus, chat) - table.tgt_unigram(chat)).abs() < 1e-12);
        assert!(table.forward(haus, chat) > table.forward(haus, maison));
    }

    #[test]
    fn model_one_learns_from_co_occurrence() {
        let mut src = Vocab::default();
        let mut tgt = Vocab::default();
        let sentences =
            [("das haus", "la maison"), ("das buch", "le livre"), ("ein buch", "un livre"), ("ein haus", "une maison")];
        let bags: Vec<(Vec<u32>, Vec<u32>)> = sentences
            .iter()
            .map(|(a, b)| (a.split(' ').map(|w| src.add(w)).collect(), b.split(' ').map(|w| tgt.add(w)).collect()))
            .collect();
        let mut table = TranslationTable::new(&src, &tgt, HashMap::new(), TableOptions::default());
        let pairs: Vec<TrainingPair> =
            bags.into_iter().map(|(src, tgt)| TrainingPair { src, tgt, weight: 1.0 }).collect();
        table.learn(&pairs, 5);
        let (haus, buch) = (src.get("haus").unwrap(), src.get("buch").unwrap());
        let (maison, livre) = (tgt.get("maison").unwrap(), tgt.get("livre").unwrap());
        assert!(table.forward(haus, maison) > 2.0 * table.forward(haus, livre));
        assert!(table.backward(buch, livre) > 2.0 * table.backward(haus, livre));
    }

    #[test]
    fn the_prior_stays_through_learning() {
        let (src, tgt) = (vocab(&["путин"]), vocab(&["putin", "said"]));
        let (s, t) = (src.get("путин").unwrap(), tgt.get("putin").unwrap());
        let mut table = TranslationTable::new(&src, &tgt, HashMap::from([((s, t), 1.0)]), TableOptions::default());
        let before = table.forward(s, t);
        table.learn(&[], 3);
        assert_eq!(table.forward(s, t), before);
        assert!(before > table.tgt_unigram(t));
    }
}
