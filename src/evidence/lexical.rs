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
//! target sentence are cached per sentence pair ("cell", only its non-zero
//! sums, in one arena) and beads add cells up.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use super::translation::{pair_key, PairMap, TranslationTable};
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

/// A sentence pair's entries in the arena: first those of the target
/// sentence's words (summed over the source sentence's words), then the
/// reverse. Most word pairs have no count, so most sums are zero and left out.
#[derive(Clone, Copy, Default)]
struct Cell {
    start: u32,
    forward: u32,
    backward: u32,
}

/// The non-zero sums of one sentence's words, as entries.
fn nonzero(sums: &[f64]) -> impl Iterator<Item = Entry> + '_ {
    sums.iter().enumerate().filter(|(_, &x)| x > 0.0).map(|(w, &x)| Entry { word: w as u32, sum: x as f32 })
}

/// The cells computed so far, and scratch space for one bead.
#[derive(Default)]
struct Cells {
    index: PairMap<Cell>,
    entries: Vec<Entry>,
    /// Per word of a bead's target side, then of its source side: the
    /// counted parts summed over the other side.
    forward: Vec<f64>,
    backward: Vec<f64>,
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
    cells: Mutex<Cells>,
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
        Lexical { table, src, tgt, src_smoothing, tgt_smoothing, weights, cells: Mutex::new(Cells::default()) }
    }

    /// The cell of source sentence `i` and target sentence `j`, computed on
    /// first use.
    fn cell(&self, cells: &mut Cells, i: usize, j: usize) -> Cell {
        if let Some(&cell) = cells.index.get(&pair_key(i as u32, j as u32)) {
            return cell;
        }
        let (s_words, t_words) = (&self.src[i], &self.tgt[j]);
        cells.forward.clear();
        cells.forward.resize(t_words.len(), 0.0);
        cells.backward.clear();
        cells.backward.resize(s_words.len(), 0.0);
        for (a, &s) in s_words.iter().enumerate() {
            for (b, &t) in t_words.iter().enumerate() {
                if let Some((forward, backward)) = self.table.counted(s, t) {
                    cells.forward[b] += forward;
                    cells.backward[a] += backward;
                }
            }
        }
        // Only the non-zero sums go into the arena.
        let Cells { entries, forward, backward, .. } = cells;
        let start = entries.len();
        entries.extend(nonzero(forward));
        let forward_len = entries.len() - start;
        entries.extend(nonzero(backward));
        let cell = Cell {
            start: start as u32,
            forward: forward_len as u32,
            backward: (entries.len() - start - forward_len) as u32,
        };
        cells.index.insert(pair_key(i as u32, j as u32), cell);
        cell
    }

    /// Log ratio of one direction: the words of the `to` sentences, whose
    /// counted sums over the `from_len` words of the other side are `counted`
    /// (in word order), with the smoothing shares of that side summed.
    fn direction(
        &self,
        to: &[Vec<u32>],
        counted: &[f64],
        from_len: usize,
        from_smoothing: f64,
        unigram: impl Fn(u32) -> f64,
    ) -> f64 {
        let null = self.table.options.null_prob;
        to.iter()
            .flatten()
            .zip(counted)
            .map(|(&w, &c)| (null + (1.0 - null) * (c / unigram(w) + from_smoothing) / from_len as f64).ln())
            .sum()
    }
}

impl Evidence for Lexical {
    fn name(&self) -> &'static str {
        "lexical"
    }

    fn log_ratio(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        assert!(src.len() <= MAX_SPAN && tgt.len() <= MAX_SPAN, "beads span at most {MAX_SPAN} sentences a side");
        let (src_words, tgt_words) = (&self.src[src.clone()], &self.tgt[tgt.clone()]);
        let src_len: usize = src_words.iter().map(Vec::len).sum();
        let tgt_len: usize = tgt_words.iter().map(Vec::len).sum();
        if src_len == 0 || tgt_len == 0 {
            return 0.0;
        }
        let mut guard = self.cells.lock().expect("a scorer never panics holding its cache");
        let cells = &mut *guard;
        let mut found = [[Cell::default(); MAX_SPAN]; MAX_SPAN];
        for (a, i) in src.clone().enumerate() {
            for (b, j) in tgt.clone().enumerate() {
                found[a][b] = self.cell(cells, i, j);
            }
        }
        // Where each sentence's words start in the bead's word order.
        let offsets = |words: &[Vec<u32>]| {
            let mut at = [0usize; MAX_SPAN];
            for k in 1..words.len() {
                at[k] = at[k - 1] + words[k - 1].len();
            }
            at
        };
        let (src_at, tgt_at) = (offsets(src_words), offsets(tgt_words));
        cells.forward.clear();
        cells.forward.resize(tgt_len, 0.0);
        cells.backward.clear();
        cells.backward.resize(src_len, 0.0);
        for (a, row) in found.iter().enumerate().take(src.len()) {
            for (b, cell) in row.iter().enumerate().take(tgt.len()) {
                let entries = &cells.entries[cell.start as usize..][..(cell.forward + cell.backward) as usize];
                let (forward, backward) = entries.split_at(cell.forward as usize);
                for e in forward {
                    cells.forward[tgt_at[b] + e.word as usize] += e.sum as f64;
                }
                for e in backward {
                    cells.backward[src_at[a] + e.word as usize] += e.sum as f64;
                }
            }
        }
        let src_smoothing: f64 = self.src_smoothing[src.clone()].iter().sum();
        let tgt_smoothing: f64 = self.tgt_smoothing[tgt.clone()].iter().sum();
        let forward = self.direction(tgt_words, &cells.forward, src_len, src_smoothing, |t| self.table.tgt_unigram(t));
        let backward =
            self.direction(src_words, &cells.backward, tgt_len, tgt_smoothing, |s| self.table.src_unigram(s));
        self.weights.weight * (forward + backward) / 2.0
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
