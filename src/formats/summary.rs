//! `summary.json`: the figures of a run, made from its review state.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{format_link, lowest_score, side_text, ExportOptions, Link};
pub use crate::evidence::bilingual::LexiconUse;
use crate::review::{Flag, Review, RowView, Status};

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Language code of the pivot document.
    pub pivot: String,
    /// Each input document: its file, and how it was read.
    pub languages: Vec<LanguageSummary>,
    pub pairs: Vec<PairSummary>,
    /// Rows of the joined table (with two or more other documents).
    pub joined_rows: Option<usize>,
    /// Rows that merge beads because the pairings split the pivot
    /// differently.
    pub merged_rows: Option<usize>,
    /// Beads scored below this are counted in `below_threshold`.
    pub review_threshold: f64,
    /// Rows a person has not confirmed yet, in the review queue.
    pub queue: usize,
    pub seconds: f64,
    /// The exports chosen, when they are not the default (the CSV alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exports: Option<ExportSummary>,
}

/// What a run folder exports, and what `--min-score` left out.
#[derive(Debug, Clone, Serialize)]
pub struct ExportSummary {
    /// `csv`, `tmx`, …
    pub formats: Vec<String>,
    /// `machine`, or `excel` (`--excel`).
    pub csv: String,
    /// The delimiter of the Excel CSV.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    pub min_score: Option<f64>,
    /// Rows left out of the corpus exports (tsv, tmx, moses) for a score
    /// under `min_score`.
    pub rows_below_min_score: usize,
}

/// One input document: its language, its file, and the format and encoding
/// it was read in, with how the encoding was chosen and how sure that is
/// (absent for reviews written before trialign recorded it).
#[derive(Debug, Clone, Serialize)]
pub struct LanguageSummary {
    pub lang: String,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<crate::input::Origin>,
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
    /// `"auto": 30, "confirmed": 8, "edited": 2`: beads by review status.
    pub beads_by_status: BTreeMap<String, usize>,
    /// Beads carrying each flag, only flags that occur.
    pub flags: BTreeMap<String, usize>,
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
    /// Why the pair could not be checked as a translation, if it could not.
    pub unchecked: Option<String>,
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

impl Summary {
    /// The figures of `review`, whose rows are `rows` and whose queue holds
    /// `queued` rows, exported as `exports` says.
    pub fn of(review: &Review, rows: &[RowView], queued: usize, exports: &ExportOptions) -> Summary {
        let pivot = review.pivot();
        let pairs = (0..review.pairs.len())
            .map(|k| {
                let (pair, other) = (&review.pairs[k], review.other(k));
                let beads: Vec<_> = pair.alignment.beads().collect();
                let scores: Vec<f64> = beads.iter().map(|(_, m)| m.score).collect();
                let mean = if beads.is_empty() { 0.0 } else { scores.iter().sum::<f64>() / beads.len() as f64 };
                let mut order: Vec<usize> = (0..beads.len()).collect();
                order.sort_by(|&x, &y| scores[x].total_cmp(&scores[y]));
                let weakest = order
                    .iter()
                    .take(3)
                    .map(|&n| {
                        let (bead, _) = beads[n];
                        let link = Link::from_bead(bead, None);
                        WeakBead {
                            bead: n,
                            ids: format_link(&link.src, &link.tgt, None),
                            score: round4(scores[n]),
                            pivot: side_text(&pivot.lang, &pivot.sentences[bead.src.clone()]),
                            other: side_text(&other.lang, &other.sentences[bead.tgt.clone()]),
                        }
                    })
                    .collect();
                let mut by_type = BTreeMap::new();
                let mut by_status: BTreeMap<String, usize> =
                    [Status::Auto, Status::Confirmed, Status::Edited].map(|s| (s.to_string(), 0)).into();
                let mut flags = BTreeMap::new();
                for (bead, mark) in &beads {
                    *by_type.entry(bead.kind()).or_insert(0) += 1;
                    *by_status.entry(mark.status.to_string()).or_insert(0) += 1;
                    for f in mark.flags.iter() {
                        *flags.entry(f.to_string()).or_insert(0) += 1;
                    }
                }
                PairSummary {
                    pair: format!("{}-{}", pivot.lang, other.lang),
                    files: [pivot.file.clone(), other.file.clone()],
                    sentences: [pivot.sentences.len(), other.sentences.len()],
                    beads: beads.len(),
                    beads_by_type: by_type,
                    beads_by_status: by_status,
                    flags,
                    mean_score: round4(mean),
                    below_threshold: scores.iter().filter(|&&s| s < review.review_threshold).count(),
                    length_ratio: round4(pair.run.length_ratio),
                    evidence: pair.run.evidence.clone(),
                    lexicons: pair.run.lexicons.clone(),
                    name_pairs: pair.run.name_pairs,
                    word_pairs: pair.run.word_pairs,
                    lexicon_support: pair.run.lexicon_support.map(round4),
                    unchecked: pair.run.unchecked.clone(),
                    weakest,
                    seconds: round4(pair.run.seconds),
                }
            })
            .collect();
        let joined = review.pairs.len() >= 2;
        let languages = review
            .languages
            .iter()
            .map(|l| LanguageSummary { lang: l.lang.to_string(), file: l.file.clone(), input: l.origin.clone() })
            .collect();
        Summary {
            pivot: pivot.lang.to_string(),
            languages,
            pairs,
            joined_rows: joined.then_some(rows.len()),
            merged_rows: joined.then(|| rows.iter().filter(|r| r.flags.contains(Flag::PairingsDiffer)).count()),
            review_threshold: review.review_threshold,
            queue: queued,
            seconds: round4(review.seconds),
            exports: (exports != &ExportOptions::default()).then(|| ExportSummary {
                formats: exports.formats().iter().map(|f| f.to_string()).collect(),
                csv: exports.csv_name().to_string(),
                delimiter: exports.delimiter(),
                min_score: exports.min_score,
                rows_below_min_score: rows.iter().filter(|r| !exports.keeps(lowest_score(r))).count(),
            }),
        }
    }

    /// The bytes of `summary.json`.
    pub fn to_json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self).expect("a summary always serialises");
        json.push(b'\n');
        json
    }
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}
