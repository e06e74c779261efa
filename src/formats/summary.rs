//! `summary.json`: the figures of an `align` run.

use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::evidence::bilingual::LexiconUse;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Language code of the pivot document.
    pub pivot: String,
    pub pairs: Vec<PairSummary>,
    /// Rows of the joined table (with two or more other documents).
    pub joined_rows: Option<usize>,
    /// Rows that merge beads because the pairings split the pivot
    /// differently.
    pub merged_rows: Option<usize>,
    /// Beads scored below this are counted in `below_threshold`.
    pub review_threshold: f64,
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairSummary {
    /// `en-ru`.
    pub pair: String,
    pub files: [String; 2],
    pub sentences: [usize; 2],
    pub beads: usize,
    /// `"1-1": 40`, …, only shapes that occur.
    pub beads_by_type: BTreeMap<String, usize>,
    pub mean_score: f64,
    pub below_threshold: usize,
    /// Target characters per pivot character, as fitted.
    pub length_ratio: f64,
    pub evidence: Vec<String>,
    /// The lexicons the lexical evidence looked up.
    pub lexicons: Vec<LexiconUse>,
    /// Word pairs taken for the same name in both languages.
    pub name_pairs: usize,
    /// Word pairs in the translation table after self-training.
    pub word_pairs: usize,
    /// The share of aligned pairs (both sides) that share a word the
    /// lexicons pair or a name; absent without a lexicon that matched.
    pub lexicon_support: Option<f64>,
    /// The three lowest-scored beads.
    pub weakest: Vec<WeakBead>,
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeakBead {
    pub bead: usize,
    /// `[3]:[4,5]`.
    pub ids: String,
    pub score: f64,
    pub pivot: String,
    pub other: String,
}
