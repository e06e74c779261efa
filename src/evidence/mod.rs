//! Stage 3: the evidence that two spans of sentences translate each other,
//! and the model that combines it into bead scores.
//!
//! Each kind of evidence is a small type implementing [`Evidence`]: a log
//! likelihood ratio — how much more likely the two spans are under "these
//! translate each other" than under "unrelated" — for spans non-empty on
//! both sides. [`PairModel`] adds them to the log prior of the bead's shape;
//! deletions and insertions (1-0, 0-1) get their prior alone, since there is
//! nothing to compare.
//!
//! The model fits itself to each document pair by expectation–maximisation:
//! align, take the posterior expected beads, re-estimate the bead-type
//! priors and the length model, align again ([`PairModel::reestimate`]).

use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

use crate::align::{Band, BeadScorer, Expected, PerShape, Shape};
use crate::lang::Script;
use crate::segment::Sentence;
use translation::TableOptions;

pub mod anchors;
pub mod bilingual;
mod cache;
pub mod length;
pub mod lexical;
pub mod lexicon;
pub mod names;
pub mod paragraphs;
pub mod recurrence;
pub mod support;
pub mod training;
pub mod translation;
pub mod words;

pub use anchors::{AnchorWeights, Anchors};
pub use length::LengthModel;
pub use lexical::{Lexical, LexicalWeights};
pub use paragraphs::Paragraphs;

/// One kind of evidence about a pair of spans.
pub trait Evidence {
    /// A short name, for reports.
    fn name(&self) -> &'static str;

    /// Log likelihood ratio (nats) that `src` and `tgt` translate each other;
    /// both ranges are non-empty.
    fn log_ratio(&self, src: Range<usize>, tgt: Range<usize>) -> f64;

    /// Re-fits parameters to the expected beads of a search. Most evidence
    /// has nothing to re-fit.
    fn reestimate(&mut self, _expected: &[Expected]) {}
}

/// Default probabilities of the bead shapes (in the order of [`Shape::ALL`]), the starting
/// point of the per-document estimate (and its prior: a short document
/// cannot move them far). Deletions and insertions at 0.02 each (Gale &
/// Church: 0.01): short documents cannot learn their own rate, and at 0.01
/// a sentence left out was mostly merged into its neighbour (FLORES en-zh
/// perturbed: strict F1 0.978 at 0.01, 0.981 at 0.02), and long ones
/// re-estimate theirs (up to [`MAX_DELETION_PRIOR`]).
pub const DEFAULT_PRIORS: PerShape<f64> =
    PerShape([0.836, 0.04, 0.04, 0.02, 0.02, 0.01, 0.012, 0.012, 0.002, 0.002, 0.003, 0.003]);

/// The most the re-estimate gives each of 1-0 and 0-1. Text+Berg's gold has
/// 9.5 % 0-1 beads and still aligned best under this cap (F1 0.852 against
/// 0.855 uncapped, with ten bead shapes), which saves single free translations from collapsing.
const MAX_DELETION_PRIOR: f64 = 0.05;

/// Weight of [`DEFAULT_PRIORS`] in the re-estimate, in beads.
const PRIOR_STRENGTH: f64 = 40.0;

/// Settings of the model.
///
/// The weights are fitted on the development sets and shipped in
/// `weights.tsv` beside this module ([`ModelOptions::fitted`], the default);
/// `--weights FILE` reads others of the same form ([`ModelOptions::parse`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelOptions {
    pub anchors: AnchorWeights,
    /// Cost of a paragraph disagreement, in nats.
    pub paragraph_penalty: f64,
    pub lexical: LexicalWeights,
    /// The word-translation table's smoothing and empty-word probability.
    pub table: TableOptions,
}

/// The names of the weights in `weights.tsv`, in the order [`ModelOptions::parse`] reads them.
pub const WEIGHT_NAMES: [&str; 17] = [
    "lexical",
    "smoothing",
    "null_prob",
    "paragraph",
    "number_per_digit",
    "number_max",
    "number_missing",
    "token",
    "token_missing",
    "mark",
    "mark_missing",
    "quote",
    "quote_missing",
    "colon",
    "colon_missing",
    "unterminated",
    "unterminated_missing",
];

impl ModelOptions {
    /// The weights shipped in `weights.tsv`.
    pub fn fitted() -> &'static ModelOptions {
        static FITTED: OnceLock<ModelOptions> = OnceLock::new();
        FITTED.get_or_init(|| {
            ModelOptions::parse(include_str!("weights.tsv")).expect("weights.tsv names every weight once")
        })
    }

    /// Reads `name<TAB>value` lines ([`crate::weights`]) naming each of
    /// [`WEIGHT_NAMES`] once. No weight may be negative: each is the size
    /// of a reward or a cost, its sign fixed by the model.
    pub fn parse(text: &str) -> Result<ModelOptions, String> {
        let v = crate::weights::named_values(text, &WEIGHT_NAMES)?;
        if let Some((name, value)) = WEIGHT_NAMES.iter().zip(&v).find(|(_, x)| **x < 0.0) {
            return Err(format!("{name} is negative ({value}): weights are sizes, the model gives their signs"));
        }
        if v[2] >= 1.0 {
            return Err(format!("null_prob is a probability below 1, not {}", v[2]));
        }
        if v[1] == 0.0 {
            return Err("smoothing must be above 0: without it a word pair the table never saw is impossible".into());
        }
        Ok(ModelOptions {
            lexical: LexicalWeights { weight: v[0] },
            table: TableOptions { smoothing: v[1], null_prob: v[2] },
            paragraph_penalty: v[3],
            anchors: AnchorWeights {
                number_per_digit: v[4],
                number_max: v[5],
                number_missing: v[6],
                token: v[7],
                token_missing: v[8],
                mark: v[9],
                mark_missing: v[10],
                quote: v[11],
                quote_missing: v[12],
                colon: v[13],
                colon_missing: v[14],
                unterminated: v[15],
                unterminated_missing: v[16],
            },
        })
    }
}

impl Default for ModelOptions {
    fn default() -> ModelOptions {
        ModelOptions::fitted().clone()
    }
}

/// The bead model of one document pair.
///
/// The priors and the length model re-fit in every EM round; the other
/// evidence does not, so its score of each bead of the bands searched is
/// kept ([`BeadScorer::prepare`]) and only looked up afterwards.
pub struct PairModel {
    log_priors: PerShape<f64>,
    length: LengthModel,
    fixed: FixedEvidence,
    n_src: usize,
    /// Whether [`BeadScorer::prepare`] keeps the fixed evidence's scores.
    keeps: bool,
    kept: RefCell<cache::Cache>,
}

/// The evidence that scores a bead the same in every EM round.
struct FixedEvidence {
    anchors: Anchors,
    lexical: Option<Lexical>,
    paragraphs: Option<Paragraphs>,
}

impl FixedEvidence {
    /// The log ratio of a bead with both sides.
    /// `scratch` is set up on first use: a model without words needs none.
    fn log_ratio(&self, scratch: &mut Option<lexical::Scratch>, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let mut score = self.anchors.log_ratio(src.clone(), tgt.clone());
        if let Some(p) = &self.paragraphs {
            score += p.log_ratio(src.clone(), tgt.clone());
        }
        if let Some(l) = &self.lexical {
            score += l.log_ratio_in(scratch.get_or_insert_with(lexical::Scratch::default), src, tgt);
        }
        score
    }
}

impl PairModel {
    /// A model for two lists of sentences written in the given scripts
    /// (`None` when unknown).
    pub fn new(
        src: &[Sentence],
        tgt: &[Sentence],
        scripts: (Option<Script>, Option<Script>),
        lexical: Option<Lexical>,
        options: &ModelOptions,
    ) -> PairModel {
        PairModel::with_anchors(src, tgt, scripts, Anchors::new(src, tgt, options.anchors.clone()), lexical, options)
    }

    /// [`PairModel::new`] with the pair's anchors found already: they are
    /// the same in every pass over a pair, and finding them costs more
    /// than a search's EM round.
    pub fn with_anchors(
        src: &[Sentence],
        tgt: &[Sentence],
        scripts: (Option<Script>, Option<Script>),
        anchors: Anchors,
        lexical: Option<Lexical>,
        options: &ModelOptions,
    ) -> PairModel {
        PairModel {
            log_priors: DEFAULT_PRIORS.map(f64::ln),
            length: LengthModel::new(src, tgt, scripts),
            fixed: FixedEvidence { anchors, lexical, paragraphs: Paragraphs::new(src, tgt, options.paragraph_penalty) },
            n_src: src.len(),
            keeps: true,
            kept: RefCell::default(),
        }
    }

    /// The model for a single search: each bead is scored once anyway, so
    /// keeping the scores would only cost memory.
    pub fn for_one_search(self) -> PairModel {
        PairModel { keeps: false, ..self }
    }

    /// The evidence in use, by name.
    pub fn evidence_names(&self) -> Vec<&'static str> {
        let f = &self.fixed;
        let (lexical, paragraphs) = (f.lexical.as_ref().map(|l| l.name()), f.paragraphs.as_ref().map(|p| p.name()));
        [Some(self.length.name()), Some(f.anchors.name()), lexical, paragraphs].into_iter().flatten().collect()
    }

    /// One maximisation step: bead-type priors from the expected counts
    /// (smoothed towards [`DEFAULT_PRIORS`]), then every evidence re-fits.
    ///
    /// The 2-2, 2-3 and 3-2 priors keep their default shares: length
    /// evidence alone cannot tell a 2-2 bead from two 1-1 beads (the summed
    /// lengths always fit at least as well), so its expected count feeds on
    /// itself and EM would turn runs of 1-1 beads into 2-2 (seen on
    /// Text+Berg: 79 2-2 beads for 16 in the gold).
    pub fn reestimate(&mut self, expected: &[Expected]) {
        let mut counts = DEFAULT_PRIORS.map(|p| p * PRIOR_STRENGTH);
        for e in expected {
            counts[e.shape] += e.posterior;
        }
        let others: f64 = counts.iter().filter(|(s, _)| !s.is_many_to_many()).map(|(_, c)| c).sum();
        let fixed_share: f64 = DEFAULT_PRIORS.iter().filter(|(s, _)| s.is_many_to_many()).map(|(_, p)| p).sum();
        for s in Shape::ALL.into_iter().filter(|s| s.is_many_to_many()) {
            counts[s] = others * DEFAULT_PRIORS[s] / (1.0 - fixed_share);
        }
        let total: f64 = counts.0.iter().sum();
        let mut priors = counts.map(|c| c / total);
        // Deletions feed on themselves too, once the words are learned from
        // a poor first alignment: MAC-Dev 002 alone, without a lexicon, ended
        // with 64 % of its beads 1-0 or 0-1 (F1 0.15; capped: 0.48).
        let excess: f64 =
            priors.iter().filter(|(s, _)| s.is_deletion()).map(|(_, p)| (p - MAX_DELETION_PRIOR).max(0.0)).sum();
        if excess > 0.0 {
            let rest: f64 = priors.iter().filter(|(s, _)| !s.is_deletion()).map(|(_, p)| p).sum();
            for s in Shape::ALL {
                let p = priors[s];
                priors[s] = if s.is_deletion() { p.min(MAX_DELETION_PRIOR) } else { p * (rest + excess) / rest };
            }
        }
        self.log_priors = priors.map(f64::ln);
        self.length.reestimate(expected);
    }

    /// Target characters per source character, as the length model fitted it.
    pub fn length_ratio(&self) -> f64 {
        self.length.ratio
    }

    /// The length variance per character, as fitted: how loosely the lengths
    /// of the aligned spans follow each other.
    pub fn length_variance(&self) -> f64 {
        self.length.variance
    }
}

impl BeadScorer for PairModel {
    fn log_score(&self, shape: Shape, src: Range<usize>, tgt: Range<usize>) -> f64 {
        debug_assert_eq!((shape.src(), shape.tgt()), (src.len(), tgt.len()));
        let mut score = self.log_priors[shape];
        if !src.is_empty() && !tgt.is_empty() {
            score += self.length.log_ratio(src.clone(), tgt.clone());
            score += match self.kept.borrow().get(shape, &src, &tgt) {
                Some(kept) => kept,
                None => self.fixed.log_ratio(&mut None, src, tgt),
            };
        }
        score
    }

    fn prepare(&self, band: &Band) {
        if !self.keeps {
            return;
        }
        let fixed = &self.fixed;
        let score = |scratch: &mut Option<lexical::Scratch>, _, src, tgt| fixed.log_ratio(scratch, src, tgt);
        self.kept.borrow_mut().fill(band, self.n_src, || None, score);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_parse_and_are_the_default() {
        let fitted = ModelOptions::fitted();
        assert_eq!(&ModelOptions::default(), fitted);
        assert!(fitted.lexical.weight > 0.0 && fitted.anchors.token > 0.0);
    }

    #[test]
    fn a_weights_file_names_every_weight_once_and_none_is_negative() {
        let all: String =
            WEIGHT_NAMES.iter().map(|n| format!("{n}\t{}\n", if *n == "null_prob" { 0.5 } else { 1.0 })).collect();
        let options = ModelOptions::parse(&all).unwrap();
        assert_eq!(
            (options.lexical.weight, options.paragraph_penalty, options.anchors.unterminated_missing),
            (1.0, 1.0, 1.0)
        );
        let without_quote: String =
            all.lines().filter(|l| !l.starts_with("quote\t")).map(|l| format!("{l}\n")).collect();
        assert!(ModelOptions::parse(&without_quote).unwrap_err().contains("no weight for quote"));
        let negative = all.replace("token_missing\t1", "token_missing\t-0.7");
        assert!(ModelOptions::parse(&negative).unwrap_err().contains("token_missing is negative"));
        let certain_null = all.replace("null_prob\t0.5", "null_prob\t1");
        assert!(ModelOptions::parse(&certain_null).unwrap_err().contains("below 1"));
        let unsmoothed = all.replace("smoothing\t1", "smoothing\t0");
        assert!(ModelOptions::parse(&unsmoothed).unwrap_err().contains("smoothing must be above 0"));
    }
}
