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

use rayon::prelude::*;

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
    /// `α / (c(s) + α)` and `α / (c(t) + α)` of every word, worked out once
    /// a table: scoring and learning read them for every word pair.
    src_smoothing: Vec<f64>,
    tgt_smoothing: Vec<f64>,
    src_unigrams: Vec<f64>,
    tgt_unigrams: Vec<f64>,
    /// The counted parts of every pair, by source word: what scoring reads.
    by_src: BySource,
    pub options: TableOptions,
}

/// The counted parts of τ of one word pair, as [`TranslationTable::counted`] gives them.
#[derive(Debug, Clone, Copy)]
pub struct Counted {
    pub tgt: u32,
    pub forward: f32,
    pub backward: f32,
}

/// The pairs with a count, grouped by source word (sorted by target word
/// within): a sentence's candidates are a few slices, not a hash look-up
/// per word pair.
#[derive(Debug, Clone, Default)]
struct BySource {
    start: Vec<u32>,
    pairs: Vec<Counted>,
}

/// The least expected count of one link that learning adds up. Smaller
/// ones — a word's mass spread over the words of a bead beside its real
/// translation — would take more than twenty beads to reach a count that
/// is kept (0.02), and are most of the links: adding them up was most of
/// the learning time.
const MIN_LINK: f64 = 1e-3;

/// Training pairs a learning job takes: enough to outweigh a job's cost,
/// few enough to spread a document's pairs over the cores.
const PAIRS_PER_JOB: usize = 256;
const JOBS_AT_ONCE: usize = 8;

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
            src_smoothing: Vec::new(),
            tgt_smoothing: Vec::new(),
            src_unigrams: src.unigrams(),
            tgt_unigrams: tgt.unigrams(),
            by_src: BySource::default(),
            options,
        };
        table.set_counts(table.prior.clone());
        table
    }

    fn set_counts(&mut self, counts: PairMap<f32>) {
        self.src_totals = vec![0.0; self.src_unigrams.len()];
        self.tgt_totals = vec![0.0; self.tgt_unigrams.len()];
        self.counts = counts;
        let mut keys: Vec<u64> = self.counts.keys().copied().collect();
        keys.sort_unstable();
        // Summed in key order: the map's order depends on how it was
        // filled, and f32 sums in another order round otherwise.
        for key in &keys {
            let c = self.counts[key];
            self.src_totals[(key >> 32) as usize] += c;
            self.tgt_totals[*key as u32 as usize] += c;
        }
        let a = self.options.smoothing;
        self.src_smoothing = self.src_totals.iter().map(|&c| a / (c as f64 + a)).collect();
        self.tgt_smoothing = self.tgt_totals.iter().map(|&c| a / (c as f64 + a)).collect();
        let mut by_src = BySource { start: Vec::with_capacity(self.src_unigrams.len() + 1), pairs: Vec::new() };
        let mut at = 0;
        for s in 0..self.src_unigrams.len() as u32 {
            by_src.start.push(by_src.pairs.len() as u32);
            while at < keys.len() && (keys[at] >> 32) as u32 == s {
                let t = keys[at] as u32;
                let (forward, backward) = self.counted(s, t).expect("a key of the counts");
                by_src.pairs.push(Counted { tgt: t, forward: forward as f32, backward: backward as f32 });
                at += 1;
            }
        }
        by_src.start.push(by_src.pairs.len() as u32);
        self.by_src = by_src;
    }

    /// Every target word `s` has a count with, and the counted parts.
    pub fn translations(&self, s: u32) -> &[Counted] {
        let (a, b) = (self.by_src.start[s as usize], self.by_src.start[s as usize + 1]);
        &self.by_src.pairs[a as usize..b as usize]
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
        self.src_smoothing[s as usize]
    }

    /// `α / (c(t) + α)`, the same for τ(· | t).
    pub fn tgt_smoothing(&self, t: u32) -> f64 {
        self.tgt_smoothing[t as usize]
    }

    /// τ(t | s).
    pub fn forward(&self, s: u32, t: u32) -> f64 {
        self.both(s, t).0
    }

    /// τ(s | t).
    pub fn backward(&self, s: u32, t: u32) -> f64 {
        self.both(s, t).1
    }

    /// Re-learns the counts from pairs of word bags that translate each
    /// other, by `rounds` EM rounds of Model 1 in both directions, starting
    /// from the current table. The prior stays in.
    pub fn learn(&mut self, pairs: &[TrainingPair], rounds: usize) {
        for _ in 0..rounds {
            // The expectation of fixed chunks of pairs on all cores, their
            // links added up in the order of the pairs: the f32 sums, and so
            // the table, are those of one core.
            // A few jobs at a time, so the links waiting to be added stay few.
            let mut counts = self.prior.clone();
            for batch in pairs.chunks(PAIRS_PER_JOB * JOBS_AT_ONCE) {
                let links: Vec<Vec<(u64, f32)>> =
                    batch.par_chunks(PAIRS_PER_JOB).map(|chunk| self.expected_links(chunk)).collect();
                for &(key, x) in links.iter().flatten() {
                    *counts.entry(key).or_insert(0.0) += x;
                }
            }
            // Counts too small to matter cost memory and time in scoring.
            counts.retain(|_, c| *c >= 0.02);
            self.set_counts(counts);
        }
    }

    /// The expected count of every link of `pairs` that learning adds up,
    /// in order: each target word from one of the source words (or none),
    /// and each source word from one of the target words, the two
    /// directions' expected counts averaged.
    fn expected_links(&self, pairs: &[TrainingPair]) -> Vec<(u64, f32)> {
        let mut links = Links::default();
        let mut out = Vec::new();
        for pair in pairs.iter().filter(|p| !p.src.is_empty() && !p.tgt.is_empty()) {
            links.expect(self, pair);
            for (a, &s) in pair.src.iter().enumerate() {
                for (b, &t) in pair.tgt.iter().enumerate() {
                    let x = links.at(a, b) / 2.0;
                    if x >= MIN_LINK {
                        out.push((pair_key(s, t), x as f32));
                    }
                }
            }
        }
        out
    }

    /// τ(t | s) and τ(s | t) with one look-up, the counted parts read from
    /// the pairs by source word (in f32).
    fn both(&self, s: u32, t: u32) -> (f64, f64) {
        let (forward, backward) = counted_in(self.translations(s), t);
        (forward + self.src_smoothing(s) * self.tgt_unigram(t), backward + self.tgt_smoothing(t) * self.src_unigram(s))
    }
}

/// The counted parts of τ(t | s) and τ(s | t) in `s`'s row of pairs (0
/// where the pair has no count).
fn counted_in(row: &[Counted], t: u32) -> (f64, f64) {
    match row.binary_search_by_key(&t, |c| c.tgt) {
        Ok(k) => (row[k].forward as f64, row[k].backward as f64),
        Err(_) => (0.0, 0.0),
    }
}

/// Model 1's expectation for one training pair: the expected count of each
/// link (source word a, target word b), both directions summed.
#[derive(Default)]
struct Links {
    width: usize,
    /// τ(t | s) and τ(s | t) of every link, then the expected counts.
    forward: Vec<f64>,
    backward: Vec<f64>,
    counts: Vec<f64>,
    /// Per target word: its unigram and smoothing share.
    tgt_parts: Vec<(f64, f64)>,
}

impl Links {
    fn at(&self, a: usize, b: usize) -> f64 {
        self.counts[a * self.width + b]
    }

    /// Each target word `t` comes from one of the source words with
    /// probability τ(t | s) averaged over them, or from nowhere; the same the
    /// other way.
    fn expect(&mut self, table: &TranslationTable, pair: &TrainingPair) {
        let (src, tgt) = (&pair.src, &pair.tgt);
        let (n, m) = (src.len(), tgt.len());
        self.width = m;
        for v in [&mut self.forward, &mut self.backward, &mut self.counts] {
            v.clear();
            v.resize(n * m, 0.0);
        }
        // τ as `TranslationTable::both` gives it, each word's own parts
        // looked up once.
        self.tgt_parts.clear();
        self.tgt_parts.extend(tgt.iter().map(|&t| (table.tgt_unigram(t), table.tgt_smoothing(t))));
        for (a, &s) in src.iter().enumerate() {
            let (row, smoothing, unigram) = (table.translations(s), table.src_smoothing(s), table.src_unigram(s));
            for (b, &t) in tgt.iter().enumerate() {
                let (forward, backward) = counted_in(row, t);
                let (t_unigram, t_smoothing) = self.tgt_parts[b];
                self.forward[a * m + b] = forward + smoothing * t_unigram;
                self.backward[a * m + b] = backward + t_smoothing * unigram;
            }
        }
        let null = table.options.null_prob;
        for (b, &t) in tgt.iter().enumerate() {
            let from_words: f64 = (0..n).map(|a| self.forward[a * m + b]).sum::<f64>() / n as f64;
            let total = null * table.tgt_unigram(t) + (1.0 - null) * from_words;
            let scale = pair.weight * (1.0 - null) / (n as f64 * total);
            for a in 0..n {
                self.counts[a * m + b] += self.forward[a * m + b] * scale;
            }
        }
        for (a, &s) in src.iter().enumerate() {
            let row = &self.backward[a * m..(a + 1) * m];
            let from_words: f64 = row.iter().sum::<f64>() / m as f64;
            let total = null * table.src_unigram(s) + (1.0 - null) * from_words;
            let scale = pair.weight * (1.0 - null) / (m as f64 * total);
            for b in 0..m {
                self.counts[a * m + b] += self.backward[a * m + b] * scale;
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

    /// Learning on one core, and on several where the chunks of pairs run
    /// at once, must give the same table, to the last bit.
    #[test]
    fn learning_on_all_cores_gives_the_table_of_one() {
        let words: Vec<String> = (0..60).map(|k| format!("w{k}")).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let (src, tgt) = (vocab(&words), vocab(&words));
        // More pairs than a batch of jobs, of words that recur at varied gaps.
        let pairs: Vec<TrainingPair> = (0..PAIRS_PER_JOB * JOBS_AT_ONCE + 700)
            .map(|k| TrainingPair {
                src: (0..6).map(|a| ((k * 7 + a * a * 3) % 60) as u32).collect(),
                tgt: (0..5).map(|b| ((k * 7 + b * 11 + k % 3) % 60) as u32).collect(),
                weight: 0.5 + (k % 5) as f64 / 10.0,
            })
            .collect();
        let learned = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut table = TranslationTable::new(&src, &tgt, HashMap::new(), TableOptions::default());
            pool.install(|| table.learn(&pairs, 2));
            let mut counts: Vec<(u64, u32)> = table.counts.iter().map(|(&k, &c)| (k, c.to_bits())).collect();
            counts.sort_unstable();
            counts
        };
        let one = learned(1);
        assert!(one.len() > 100, "{}", one.len());
        assert_eq!(one, learned(3));
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
