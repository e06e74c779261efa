//! Lexical evidence: the words of two spans translate each other.
//!
//! Under "these spans translate each other" every target word comes either
//! from one of the source words, with probability τ(t | s) averaged over
//! them (IBM Model 1), or, with probability `null_prob`, from nowhere (then
//! it is as frequent as anywhere, u(t)). Under "unrelated" every word has its
//! unigram probability u(t). The log ratio per target word is
//!
//! ```text
//! ln( null_prob + (1 − null_prob) · mean_s τ(t | s) / u(t) )
//! ```
//!
//! summed over the words, computed in both directions and averaged, and
//! weighted by [`LexicalWeights::weight`] (Model 1 is over-confident: its
//! words are not independent). A word the table knows nothing about scores 0.
//!
//! A bead spans up to four sentences a side, and the search asks for the
//! same sentence pairs many times over; so the sums over one source and one
//! target sentence are kept per sentence pair ("cell", only its non-zero
//! sums). Both directions split by sentence: the target side's term is a sum
//! over its sentences of each one's words given the whole source span, and
//! the other way round; so a cell also keeps those per-sentence terms for
//! the spans of 1 to 4 sentences ending at it, and the ten bead shapes that
//! hold the same sentence against the same span take its logarithms once.
//! Cells live in a [`Scratch`] that keeps those of the last few source
//! sentences: beads scored in the order of their last source sentence, as a
//! band is, compute each cell once, and memory does not grow with the
//! document. A source sentence's words are looked up in the table once, as a
//! list of candidate target words; a cell then costs one look-up per target
//! word.

use std::ops::Range;
use std::sync::Arc;

use super::translation::TranslationTable;
use super::Evidence;
use crate::align::Shape;

/// Settings of the lexical evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LexicalWeights {
    /// Weight of the log ratio in the bead score.
    pub weight: f64,
}

/// The most sentences on one side of a bead.
const MAX_SPAN: usize = 4;
const _: () = {
    let mut k = 0;
    while k < Shape::ALL.len() {
        assert!(Shape::ALL[k].src() <= MAX_SPAN && Shape::ALL[k].tgt() <= MAX_SPAN);
        k += 1;
    }
};

/// One non-zero sum of a cell: a word's index in its sentence and the
/// counted part of Σ τ for it.
#[derive(Clone, Copy)]
struct Entry {
    word: u32,
    sum: f32,
}

/// A sentence pair (source sentence i, target sentence j): its entries in
/// its row's arena — first those of the target sentence's words (summed
/// over the source sentence's words), then the reverse; most word pairs have
/// no count, so most sums are zero and left out — and the per-sentence log
/// ratios the beads ending at this pair are made of.
#[derive(Clone, Copy)]
struct Cell {
    start: u32,
    forward: u32,
    backward: u32,
    /// `to_tgt[a - 1]`: the log ratio of target sentence j's words given
    /// the `a` source sentences ending at i; NaN until worked out.
    to_tgt: [f64; MAX_SPAN],
    /// `to_src[b - 1]`: the log ratio of source sentence i's words given
    /// the `b` target sentences ending at j; NaN until worked out.
    to_src: [f64; MAX_SPAN],
}

impl Cell {
    const NONE: Cell =
        Cell { start: u32::MAX, forward: 0, backward: 0, to_tgt: [f64::NAN; MAX_SPAN], to_src: [f64::NAN; MAX_SPAN] };
}

/// A word of a source sentence that the table pairs with target word `tgt`.
#[derive(Clone, Copy)]
struct Candidate {
    tgt: u32,
    /// The source word's index in its sentence.
    word: u32,
    forward: f32,
    backward: f32,
}

/// The cells of one source sentence, computed on first use.
struct Row {
    sentence: usize,
    /// The candidates of the sentence's words, grouped by target word (in
    /// word order within a group), and where each target word's run is.
    candidates: Vec<Candidate>,
    /// The candidates in word order, before grouping.
    gathered: Vec<Candidate>,
    index: WordIndex,
    /// `cells[k]` is the cell of target sentence `first + k`.
    first: usize,
    cells: Vec<Cell>,
    entries: Vec<Entry>,
}

impl Row {
    fn empty() -> Row {
        Row {
            sentence: usize::MAX,
            candidates: Vec::new(),
            gathered: Vec::new(),
            index: WordIndex::default(),
            first: 0,
            cells: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// The entries of cell `k`: those of the target sentence's words, then
    /// those of the source sentence's.
    fn entries(&self, k: usize) -> (&[Entry], &[Entry]) {
        let cell = &self.cells[k];
        self.entries[cell.start as usize..][..(cell.forward + cell.backward) as usize].split_at(cell.forward as usize)
    }
}

/// Target word → its run of candidates: open addressing, as a sentence has
/// a few hundred candidates at most.
#[derive(Default)]
struct WordIndex {
    keys: Vec<u32>,
    runs: Vec<(u32, u32)>,
}

impl WordIndex {
    /// Groups `gathered` by target word into `grouped` and indexes the
    /// runs: a counting sort, two look-ups a candidate.
    fn build(&mut self, gathered: &[Candidate], grouped: &mut Vec<Candidate>) {
        let size = (gathered.len() * 2).next_power_of_two().max(8);
        self.keys.clear();
        self.keys.resize(size, u32::MAX);
        self.runs.clear();
        self.runs.resize(size, (0, 0));
        // Count each target word's candidates, then give each its place…
        for c in gathered {
            let slot = self.slot_of(c.tgt);
            self.keys[slot] = c.tgt;
            self.runs[slot].1 += 1;
        }
        let mut start = 0;
        for (key, run) in self.keys.iter().zip(&mut self.runs) {
            if *key != u32::MAX {
                let count = run.1;
                *run = (start, start);
                start += count;
            }
        }
        // …and put them there: each run's end moves on to where it ends.
        grouped.clear();
        grouped.resize(gathered.len(), Candidate { tgt: 0, word: 0, forward: 0.0, backward: 0.0 });
        for c in gathered {
            let slot = self.slot_of(c.tgt);
            grouped[self.runs[slot].1 as usize] = *c;
            self.runs[slot].1 += 1;
        }
    }

    /// The slot of `t`, or the free slot it goes in.
    fn slot_of(&self, t: u32) -> usize {
        let size = self.keys.len();
        let mut slot = Self::slot(t, size);
        while self.keys[slot] != u32::MAX && self.keys[slot] != t {
            slot = (slot + 1) & (size - 1);
        }
        slot
    }

    fn slot(t: u32, size: usize) -> usize {
        (t.wrapping_mul(0x9E37_79B1) as usize) & (size - 1)
    }

    fn get(&self, t: u32) -> Option<(u32, u32)> {
        let size = self.keys.len();
        if size == 0 {
            return None;
        }
        let mut slot = Self::slot(t, size);
        loop {
            match self.keys[slot] {
                u32::MAX => return None,
                k if k == t => return Some(self.runs[slot]),
                _ => slot = (slot + 1) & (size - 1),
            }
        }
    }
}

/// Working space for scoring beads with [`Lexical::log_ratio_in`]; one per
/// thread.
pub struct Scratch {
    rows: [Row; MAX_SPAN],
    /// Per word of one sentence pair's sentences: the counted parts summed
    /// over the other sentence.
    forward: Vec<f64>,
    backward: Vec<f64>,
    /// Per word of one sentence: the counted parts summed over a span.
    sums: Vec<f64>,
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            rows: std::array::from_fn(|_| Row::empty()),
            forward: Vec::new(),
            backward: Vec::new(),
            sums: Vec::new(),
        }
    }
}

/// Lexical evidence over one document pair.
pub struct Lexical {
    table: Arc<TranslationTable>,
    src: Vec<Vec<u32>>,
    tgt: Vec<Vec<u32>>,
    /// Per sentence, the smoothing shares of its words summed: the part of
    /// Σ_s τ(t | s) that is `u(t)` times this.
    src_smoothing: Vec<f64>,
    tgt_smoothing: Vec<f64>,
    weights: LexicalWeights,
}

impl Lexical {
    /// Evidence for sentences given as word ids (`src[i]`: the content words
    /// of source sentence i) under a translation table.
    pub fn new(
        table: Arc<TranslationTable>,
        src: Vec<Vec<u32>>,
        tgt: Vec<Vec<u32>>,
        weights: LexicalWeights,
    ) -> Lexical {
        let src_smoothing = src.iter().map(|w| w.iter().map(|&s| table.src_smoothing(s)).sum()).collect();
        let tgt_smoothing = tgt.iter().map(|w| w.iter().map(|&t| table.tgt_smoothing(t)).sum()).collect();
        Lexical { table, src, tgt, src_smoothing, tgt_smoothing, weights }
    }

    /// The row of source sentence `i` in the scratch, set up on first use.
    fn row<'s>(&self, rows: &'s mut [Row; MAX_SPAN], i: usize) -> &'s mut Row {
        let row = &mut rows[i % MAX_SPAN];
        if row.sentence != i {
            row.sentence = i;
            row.gathered.clear();
            for (a, &s) in self.src[i].iter().enumerate() {
                row.gathered.extend(self.table.translations(s).iter().map(|c| Candidate {
                    tgt: c.tgt,
                    word: a as u32,
                    forward: c.forward,
                    backward: c.backward,
                }));
            }
            row.index.build(&row.gathered, &mut row.candidates);
            row.cells.clear();
            row.entries.clear();
        }
        row
    }

    /// The index in `row` (source sentence i's) of the cell of target
    /// sentence `j`, its entries computed on first use.
    fn cell(&self, row: &mut Row, forward: &mut Vec<f64>, backward: &mut Vec<f64>, j: usize) -> usize {
        if row.cells.is_empty() {
            row.first = j.saturating_sub(2 * MAX_SPAN);
        } else if j < row.first {
            let first = j.saturating_sub(2 * MAX_SPAN);
            row.cells.splice(0..0, std::iter::repeat_n(Cell::NONE, row.first - first));
            row.first = first;
        }
        let k = j - row.first;
        if k >= row.cells.len() {
            row.cells.resize(k + 1, Cell::NONE);
        }
        if row.cells[k].start != u32::MAX {
            return k;
        }
        let t_words = &self.tgt[j];
        forward.clear();
        forward.resize(t_words.len(), 0.0);
        backward.clear();
        backward.resize(self.src[row.sentence].len(), 0.0);
        for (b, &t) in t_words.iter().enumerate() {
            if let Some((from, to)) = row.index.get(t) {
                for c in &row.candidates[from as usize..to as usize] {
                    forward[b] += c.forward as f64;
                    backward[c.word as usize] += c.backward as f64;
                }
            }
        }
        // Only the non-zero sums go into the arena.
        let start = row.entries.len();
        row.entries.extend(nonzero(forward));
        let forward_len = row.entries.len() - start;
        row.entries.extend(nonzero(backward));
        let cell = &mut row.cells[k];
        cell.start = start as u32;
        cell.forward = forward_len as u32;
        cell.backward = (row.entries.len() - start - forward_len) as u32;
        k
    }

    /// The log ratio of the bead `src` × `tgt` (both non-empty), with the
    /// cells kept in `scratch`: the per-sentence terms of its sentences
    /// against the other side's span, added up.
    pub fn log_ratio_in(&self, scratch: &mut Scratch, src: Range<usize>, tgt: Range<usize>) -> f64 {
        assert!(src.len() <= MAX_SPAN && tgt.len() <= MAX_SPAN, "beads span at most {MAX_SPAN} sentences a side");
        let src_len: usize = self.src[src.clone()].iter().map(Vec::len).sum();
        let tgt_len: usize = self.tgt[tgt.clone()].iter().map(Vec::len).sum();
        if src_len == 0 || tgt_len == 0 {
            return 0.0;
        }
        let (last_src, last_tgt) = (src.end - 1, tgt.end - 1);
        let to_tgt: f64 = tgt.clone().map(|j| self.to_tgt(scratch, last_src, j)[src.len() - 1]).sum();
        let to_src: f64 = src.clone().map(|i| self.to_src(scratch, i, last_tgt)[tgt.len() - 1]).sum();
        self.weights.weight * (to_tgt + to_src) / 2.0
    }

    /// The log ratios of target sentence `j`'s words given the 1, 2, … 4
    /// source sentences ending at `last` (0 where those have no words).
    fn to_tgt(&self, scratch: &mut Scratch, last: usize, j: usize) -> [f64; MAX_SPAN] {
        let Scratch { rows, forward, backward, sums } = scratch;
        let k = self.cell(self.row(rows, last), forward, backward, j);
        let kept = rows[last % MAX_SPAN].cells[k].to_tgt;
        if !kept[0].is_nan() {
            return kept;
        }
        sums.clear();
        sums.resize(self.tgt[j].len(), 0.0);
        let mut terms = [0.0; MAX_SPAN];
        let (mut len, mut smoothing) = (0, 0.0);
        for (a, i) in (last.saturating_sub(MAX_SPAN - 1)..=last).rev().enumerate() {
            let row = self.row(rows, i);
            let at = self.cell(row, forward, backward, j);
            for e in row.entries(at).0 {
                sums[e.word as usize] += e.sum as f64;
            }
            len += self.src[i].len();
            smoothing += self.src_smoothing[i];
            if len > 0 {
                terms[a] = self.direction(&self.tgt[j], sums, len, smoothing, |t| self.table.tgt_unigram(t));
            }
        }
        let row = &mut rows[last % MAX_SPAN];
        row.cells[k].to_tgt = terms;
        terms
    }

    /// The log ratios of source sentence `i`'s words given the 1, 2, … 4
    /// target sentences ending at `last` (0 where those have no words).
    fn to_src(&self, scratch: &mut Scratch, i: usize, last: usize) -> [f64; MAX_SPAN] {
        let Scratch { rows, forward, backward, sums } = scratch;
        let row = self.row(rows, i);
        let k = self.cell(row, forward, backward, last);
        if !row.cells[k].to_src[0].is_nan() {
            return row.cells[k].to_src;
        }
        sums.clear();
        sums.resize(self.src[i].len(), 0.0);
        let mut terms = [0.0; MAX_SPAN];
        let (mut len, mut smoothing) = (0, 0.0);
        for (b, j) in (last.saturating_sub(MAX_SPAN - 1)..=last).rev().enumerate() {
            let at = self.cell(row, forward, backward, j);
            for e in row.entries(at).1 {
                sums[e.word as usize] += e.sum as f64;
            }
            len += self.tgt[j].len();
            smoothing += self.tgt_smoothing[j];
            if len > 0 {
                terms[b] = self.direction(&self.src[i], sums, len, smoothing, |s| self.table.src_unigram(s));
            }
        }
        // The cells of earlier target sentences may have moved the row's
        // first column: find this one again.
        let k = last - row.first;
        row.cells[k].to_src = terms;
        terms
    }

    /// Log ratio of one direction: the words `to` of one sentence, whose
    /// counted sums over the `from_len` words of the other side are `counted`
    /// (in word order), with the smoothing shares of that side summed. A word
    /// with nothing counted gets the same term as every other such word, so
    /// its logarithm is taken once.
    fn direction(
        &self,
        to: &[u32],
        counted: &[f64],
        from_len: usize,
        from_smoothing: f64,
        unigram: impl Fn(u32) -> f64,
    ) -> f64 {
        let null = self.table.options.null_prob;
        let per_count = (1.0 - null) / from_len as f64;
        let nothing_counted = null + per_count * from_smoothing;
        let mut uncounted = 0usize;
        let mut sum = 0.0;
        for (&w, &c) in to.iter().zip(counted) {
            if c > 0.0 {
                sum += (nothing_counted + per_count * (c / unigram(w))).ln();
            } else {
                uncounted += 1;
            }
        }
        sum + uncounted as f64 * nothing_counted.ln()
    }
}

/// The non-zero sums of one sentence's words, as entries.
fn nonzero(sums: &[f64]) -> impl Iterator<Item = Entry> + '_ {
    sums.iter().enumerate().filter(|(_, &x)| x > 0.0).map(|(w, &x)| Entry { word: w as u32, sum: x as f32 })
}

impl Evidence for Lexical {
    fn name(&self) -> &'static str {
        "lexical"
    }

    fn log_ratio(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        self.log_ratio_in(&mut Scratch::default(), src, tgt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    use crate::evidence::translation::{TableOptions, Vocab};

    /// Two French and two German sentences, the lexicon knowing `haus` →
    /// `maison` and `buch` → `livre`.
    fn evidence() -> Lexical {
        let mut de = Vocab::default();
        let mut fr = Vocab::default();
        let src: Vec<Vec<u32>> =
            ["haus gross", "buch alt"].iter().map(|s| s.split(' ').map(|w| de.add(w)).collect()).collect();
        let tgt: Vec<Vec<u32>> =
            ["livre ancien", "maison grande"].iter().map(|s| s.split(' ').map(|w| fr.add(w)).collect()).collect();
        let prior = HashMap::from([
            ((de.get("haus").unwrap(), fr.get("maison").unwrap()), 1.0),
            ((de.get("buch").unwrap(), fr.get("livre").unwrap()), 1.0),
        ]);
        let table = Arc::new(TranslationTable::new(&de, &fr, prior, TableOptions::default()));
        Lexical::new(table, src, tgt, LexicalWeights { weight: 1.0 })
    }

    #[test]
    fn translations_score_above_unrelated_sentences() {
        let e = evidence();
        assert!(e.log_ratio(0..1, 1..2) > 0.1, "{}", e.log_ratio(0..1, 1..2));
        assert!(e.log_ratio(1..2, 0..1) > 0.1);
        assert!(e.log_ratio(0..1, 0..1) < 0.0);
        assert!(e.log_ratio(0..1, 1..2) > e.log_ratio(0..1, 0..1) + 0.3);
    }

    #[test]
    fn a_bead_of_two_sentences_adds_its_cells_up() {
        let e = evidence();
        // Both German sentences against both French ones: every word has its
        // translation inside, but further away than in the right 1-1 beads.
        let two = e.log_ratio(0..2, 0..2);
        assert!(two < e.log_ratio(0..1, 1..2) + e.log_ratio(1..2, 0..1));
        assert!(two > e.log_ratio(0..1, 0..1) + e.log_ratio(1..2, 1..2));
    }

    #[test]
    fn a_shared_scratch_gives_the_scores_of_a_fresh_one() {
        let e = evidence();
        let mut scratch = Scratch::default();
        for (src, tgt) in [(0..1, 0..1), (0..1, 0..2), (0..2, 1..2), (1..2, 0..1), (0..2, 0..2), (0..1, 1..2)] {
            let fresh = e.log_ratio(src.clone(), tgt.clone());
            assert_eq!(e.log_ratio_in(&mut scratch, src, tgt), fresh);
        }
    }

    /// The log ratio of a bead as the module's formula says, word by word
    /// over the whole bead, without cells.
    fn by_the_formula(e: &Lexical, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let src_words: Vec<u32> = e.src[src].concat();
        let tgt_words: Vec<u32> = e.tgt[tgt].concat();
        if src_words.is_empty() || tgt_words.is_empty() {
            return 0.0;
        }
        let null = e.table.options.null_prob;
        let side = |to: &[u32], from: &[u32], tau: &dyn Fn(u32, u32) -> f64, unigram: &dyn Fn(u32) -> f64| -> f64 {
            to.iter()
                .map(|&w| {
                    let mean = from.iter().map(|&v| tau(v, w)).sum::<f64>() / from.len() as f64;
                    (null + (1.0 - null) * mean / unigram(w)).ln()
                })
                .sum()
        };
        let t = &e.table;
        let to_tgt = side(&tgt_words, &src_words, &|s, w| t.forward(s, w), &|w| t.tgt_unigram(w));
        let to_src = side(&src_words, &tgt_words, &|w, s| t.backward(s, w), &|w| t.src_unigram(w));
        e.weights.weight * (to_tgt + to_src) / 2.0
    }

    proptest::proptest! {
        /// Beads scored in band order through one scratch, their terms split
        /// by sentence and shared between shapes, score as the formula does.
        #[test]
        fn kept_per_sentence_terms_add_up_to_the_formula(
            src in proptest::collection::vec(proptest::collection::vec(0u32..12, 0..6), 1..12),
            tgt in proptest::collection::vec(proptest::collection::vec(0u32..12, 0..6), 1..12),
            pairs in proptest::collection::vec((0u32..12, 0u32..12, 0.5f32..5.0), 0..40),
        ) {
            let mut de = Vocab::default();
            let mut fr = Vocab::default();
            for w in 0..12 {
                de.add(&format!("d{w}"));
                fr.add(&format!("f{w}"));
            }
            let prior: HashMap<(u32, u32), f32> = pairs.into_iter().map(|(s, t, c)| ((s, t), c)).collect();
            let table = Arc::new(TranslationTable::new(&de, &fr, prior, TableOptions::default()));
            let e = Lexical::new(table, src.clone(), tgt.clone(), LexicalWeights { weight: 0.7 });
            let mut scratch = Scratch::default();
            for i in 1..=src.len() {
                for j in 1..=tgt.len() {
                    for shape in Shape::ALL.into_iter().filter(|s| s.src() > 0 && s.tgt() > 0) {
                        let (a, b) = (shape.src(), shape.tgt());
                        if a > i || b > j {
                            continue;
                        }
                        let (s, t) = (i - a..i, j - b..j);
                        let kept = e.log_ratio_in(&mut scratch, s.clone(), t.clone());
                        let formula = by_the_formula(&e, s, t);
                        proptest::prop_assert!((kept - formula).abs() <= 1e-5 * (1.0 + formula.abs()), "{kept} {formula}");
                    }
                }
            }
        }
    }

    #[test]
    fn words_unknown_to_the_table_are_no_evidence() {
        let mut de = Vocab::default();
        let mut fr = Vocab::default();
        let src = vec![vec![de.add("berg")]];
        let tgt = vec![vec![fr.add("montagne")]];
        let table = Arc::new(TranslationTable::new(&de, &fr, HashMap::new(), TableOptions::default()));
        let e = Lexical::new(table, src, tgt, LexicalWeights { weight: 1.0 });
        assert!(e.log_ratio(0..1, 0..1).abs() < 1e-9);
    }
}
