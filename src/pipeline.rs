//! The stages in order, for the commands: load a document as sentences,
//! align two of them, check that the result is plausible.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::align::{self, AlignOptions, Aligned, Alignment, BEAD_TYPES};
use crate::eval::{calibration, format_link, read_links, read_set, score, Calibration, EvalError, Link, Scores};
use crate::evidence::{ModelOptions, PairModel};
use crate::input::{Document, InputError};
use crate::join::{join, Row};
use crate::lang::{self, Lang};
use crate::output::{align_file, join_csv, pair_csv, sentences_file, side_text, Outputs, PairSummary, PairTable, Summary, WeakBead};
use crate::segment::{self, Sentence};

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Eval(#[from] EvalError),
    #[error(transparent)]
    Lang(#[from] lang::BadLangCode),
    #[error("{path}: has no letters, so its language cannot be told; name it with --lang/--langs")]
    NoLetters { path: PathBuf },
    #[error("{path}: is written in {found} script ({found_lang}), but the language given is {declared} ({declared_script}); check the file order or --lang/--langs")]
    WrongScript { path: PathBuf, declared: Lang, declared_script: lang::Script, found: lang::Script, found_lang: Lang },
    #[error("{src} and {tgt} do not look like translations of each other: {matched:.0}% of the sentences found a likely counterpart (translations: 30% or more) and the lengths of aligned sentences vary by {variance:.1} per character (translations: 5.8 or less; mean score {mean:.2}); check that the files belong together")]
    NotTranslations { src: PathBuf, tgt: PathBuf, matched: f64, variance: f64, mean: f64 },
}

/// A document read, its language settled, split into sentences.
#[derive(Debug, Clone)]
pub struct Side {
    pub path: PathBuf,
    pub lang: Lang,
    /// The script of the language, or of the text for an unknown language.
    pub script: Option<lang::Script>,
    pub sentences: Vec<Sentence>,
    /// A note for the user (e.g. the language was detected), if any.
    pub note: Option<String>,
}

/// Reads `path` and splits it into sentences (or takes its lines as
/// sentences when `presegmented`). With `lang` the language is checked
/// against the script of the text; without it the language is detected.
pub fn load(path: &Path, lang: Option<&Lang>, presegmented: bool) -> Result<Side, Error> {
    let doc = Document::read(path)?;
    let detected = lang::detect(&doc.text);
    let found_script = lang::dominant_script(&doc.text);
    let (lang, note) = match (lang, detected) {
        (Some(given), detected) => {
            // Names and quotations in another script are normal; a text with
            // hardly a letter in the declared script is the wrong file.
            if let (Some(declared_script), Some(found), Some(found_lang)) = (given.script(), found_script, detected) {
                if declared_script != found && lang::script_share(&doc.text, declared_script) < 0.1 {
                    return Err(Error::WrongScript {
                        path: path.to_path_buf(),
                        declared: given.clone(),
                        declared_script,
                        found,
                        found_lang,
                    });
                }
            }
            (given.clone(), None)
        }
        (None, Some(d)) => {
            let note = format!("{}: language detected as {} ({})", path.display(), d.name(), d.code());
            (d, Some(note))
        }
        (None, None) => return Err(Error::NoLetters { path: path.to_path_buf() }),
    };
    let sentences = if presegmented { segment::presegmented(&doc) } else { segment::split(&doc, &lang) };
    let script = lang.script().or(found_script);
    Ok(Side { path: path.to_path_buf(), lang, script, sentences, note })
}

/// Settings of one pair alignment.
#[derive(Debug, Clone, Default)]
pub struct PairOptions {
    pub model: ModelOptions,
    pub search: AlignOptions,
}

/// The alignment of two sides and how it was reached.
#[derive(Debug, Clone)]
pub struct PairResult {
    pub aligned: Aligned,
    /// Target characters per source character, as fitted.
    pub length_ratio: f64,
    /// Length variance per character, as fitted (Gale & Church: 6.8).
    pub length_variance: f64,
    /// Names of the evidence the model used.
    pub evidence: Vec<&'static str>,
    pub seconds: f64,
}

/// Expectation–maximisation rounds before the final alignment.
const EM_ROUNDS: usize = 3;

/// Aligns two lists of sentences: the model fits itself to this pair over a
/// few EM rounds, then the final search gives the beads and their scores.
pub fn align_pair(src: &Side, tgt: &Side, options: &PairOptions) -> PairResult {
    let start = Instant::now();
    let scripts = (src.script, tgt.script);
    let (src, tgt) = (&src.sentences, &tgt.sentences);
    let mut model = PairModel::new(src, tgt, scripts, &options.model);
    let mut aligned = align::align(src.len(), tgt.len(), &model, &options.search);
    for _ in 0..EM_ROUNDS {
        model.reestimate(&aligned.expected);
        aligned = align::align(src.len(), tgt.len(), &model, &options.search);
    }
    PairResult {
        length_ratio: model.length_ratio(),
        length_variance: model.length_variance(),
        evidence: model.evidence_names(),
        aligned,
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// Refuses a pair of documents that are not translations of each other (or
/// of which one is a different part of the text). Very short documents are
/// let through: they hold too little evidence either way.
///
/// Two signs, either enough: few sentences found a counterpart, or the
/// lengths of the aligned spans follow each other too loosely (the length
/// variance EM fitted is larger than any translation on the development
/// sets shows). Without lexical evidence two unrelated documents whose
/// sentence lengths happen to match can still pass.
pub fn check_translations(src: &Side, tgt: &Side, result: &PairResult) -> Result<(), Error> {
    let beads = result.aligned.alignment.beads();
    let total = src.sentences.len() + tgt.sentences.len();
    if total < 6 {
        return Ok(());
    }
    // Sentences in beads with both sides and a fair score.
    let matched: usize = beads
        .iter()
        .zip(&result.aligned.scores)
        .filter(|(b, s)| !b.src.is_empty() && !b.tgt.is_empty() && **s >= 0.3)
        .map(|(b, _)| b.src.len() + b.tgt.len())
        .sum();
    let share = matched as f64 / total as f64;
    let mean = result.aligned.scores.iter().sum::<f64>() / beads.len().max(1) as f64;
    if share < MIN_MATCHED_SHARE || result.length_variance > MAX_LENGTH_VARIANCE {
        return Err(Error::NotTranslations {
            src: src.path.clone(),
            tgt: tgt.path.clone(),
            matched: 100.0 * share,
            variance: result.length_variance,
            mean,
        });
    }
    Ok(())
}

/// The least share of sentences in beads with both sides scored at least
/// 0.3. Real translations on the development sets: 0.4 (the freest, MAC-Dev
/// 002) to 0.96; unrelated documents: 0 to 0.34.
const MIN_MATCHED_SHARE: f64 = 0.3;

/// The largest fitted length variance per character of a translation.
/// Development sets: 1.5 to 5.6 (MAC-Dev 002, a free literary translation),
/// the statement 2.0 and 3.7; unrelated documents seen: 6.0 to 8.7 and up.
const MAX_LENGTH_VARIANCE: f64 = 5.8;

/// Counts the beads of each shape, in the order of [`BEAD_TYPES`], by name.
pub fn bead_counts(aligned: &Aligned) -> Vec<(String, usize)> {
    BEAD_TYPES
        .iter()
        .map(|t| {
            let n = aligned.alignment.beads().iter().filter(|b| b.src.len() == t.src && b.tgt.len() == t.tgt).count();
            (format!("{}-{}", t.src, t.tgt), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// A whole `align` run: the pivot and each other document aligned to it,
/// and with two or more others, the joined table.
#[derive(Debug, Clone)]
pub struct Run {
    pub pivot: Side,
    pub pairs: Vec<(Side, PairResult)>,
    pub rows: Option<Vec<Row>>,
    pub seconds: f64,
}

/// Loads the pivot and the other documents (languages from `langs`, in file
/// order, or detected), aligns each other document to the pivot, checks the
/// pairs are translations, and joins them.
pub fn run(pivot: &Path, others: &[PathBuf], langs: Option<&[Lang]>, presegmented: bool, options: &PairOptions) -> Result<Run, Error> {
    let start = Instant::now();
    let lang_of = |k: usize| langs.and_then(|l| l.get(k));
    let pivot = load(pivot, lang_of(0), presegmented)?;
    let mut pairs = Vec::with_capacity(others.len());
    for (k, path) in others.iter().enumerate() {
        let side = load(path, lang_of(k + 1), presegmented)?;
        let result = align_pair(&pivot, &side, options);
        check_translations(&pivot, &side, &result)?;
        pairs.push((side, result));
    }
    let rows = (pairs.len() >= 2).then(|| {
        let alignments: Vec<(&Alignment, &[f64])> =
            pairs.iter().map(|(_, r)| (&r.aligned.alignment, r.aligned.scores.as_slice())).collect();
        join(&alignments)
    });
    Ok(Run { pivot, pairs, rows, seconds: start.elapsed().as_secs_f64() })
}

impl Run {
    /// Every output file of the run, ready to be committed to a folder.
    pub fn outputs(&self, review_threshold: f64) -> Outputs {
        let mut out = Outputs::default();
        let p = &self.pivot;
        let pivot_table = PairTable { lang: &p.lang, sentences: &p.sentences };
        out.add(format!("{}.sentences.txt", p.lang), sentences_file(&p.sentences));
        for (side, result) in &self.pairs {
            let table = PairTable { lang: &side.lang, sentences: &side.sentences };
            let a = &result.aligned;
            out.add(format!("{}.sentences.txt", side.lang), sentences_file(&side.sentences));
            out.add(format!("{}-{}.align", p.lang, side.lang), align_file(&a.alignment, &a.scores));
            out.add(format!("{}-{}.csv", p.lang, side.lang), pair_csv(pivot_table, table, &a.alignment, &a.scores));
        }
        if let Some(rows) = &self.rows {
            let tables: Vec<PairTable> =
                self.pairs.iter().map(|(s, _)| PairTable { lang: &s.lang, sentences: &s.sentences }).collect();
            let name = std::iter::once(p.lang.code()).chain(self.pairs.iter().map(|(s, _)| s.lang.code())).collect::<Vec<_>>().join("-");
            out.add(format!("{name}.csv"), join_csv(pivot_table, &tables, rows));
        }
        let summary = self.summary(review_threshold);
        let mut json = serde_json::to_vec_pretty(&summary).expect("a summary always serialises");
        json.push(b'\n');
        out.add("summary.json", json);
        out
    }

    /// Figures of the run, for `summary.json` and the printed summary.
    pub fn summary(&self, review_threshold: f64) -> Summary {
        let p = &self.pivot;
        let pairs = self
            .pairs
            .iter()
            .map(|(side, r)| {
                let a = &r.aligned;
                let beads = a.alignment.beads();
                let mean = if beads.is_empty() { 0.0 } else { a.scores.iter().sum::<f64>() / beads.len() as f64 };
                let mut order: Vec<usize> = (0..beads.len()).collect();
                order.sort_by(|&x, &y| a.scores[x].total_cmp(&a.scores[y]));
                let weakest = order
                    .iter()
                    .take(3)
                    .map(|&k| WeakBead {
                        bead: k,
                        ids: format_link(&beads[k].src.clone().collect::<Vec<_>>(), &beads[k].tgt.clone().collect::<Vec<_>>(), None),
                        score: round4(a.scores[k]),
                        pivot: side_text(&p.lang, &p.sentences[beads[k].src.clone()]),
                        other: side_text(&side.lang, &side.sentences[beads[k].tgt.clone()]),
                    })
                    .collect();
                PairSummary {
                    pair: format!("{}-{}", p.lang, side.lang),
                    files: [p.path.display().to_string(), side.path.display().to_string()],
                    sentences: [p.sentences.len(), side.sentences.len()],
                    beads: beads.len(),
                    beads_by_type: bead_counts(a).into_iter().collect(),
                    mean_score: round4(mean),
                    below_threshold: a.scores.iter().filter(|&&s| s < review_threshold).count(),
                    length_ratio: round4(r.length_ratio),
                    evidence: r.evidence.iter().map(|e| e.to_string()).collect(),
                    weakest,
                    seconds: round4(r.seconds),
                }
            })
            .collect();
        Summary {
            pivot: p.lang.to_string(),
            pairs,
            joined_rows: self.rows.as_ref().map(Vec::len),
            merged_rows: self.rows.as_ref().map(|r| r.iter().filter(|r| r.merged).count()),
            review_threshold,
            seconds: round4(self.seconds),
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// One document of an evaluation set, aligned and scored against its gold.
#[derive(Debug, Clone)]
pub struct DocReport {
    pub name: String,
    pub gold: Vec<Link>,
    pub predicted: Vec<Link>,
    pub scores: Scores,
    pub seconds: f64,
}

/// An evaluation set, aligned document by document.
#[derive(Debug, Clone)]
pub struct SetReport {
    pub src: String,
    pub tgt: String,
    pub docs: Vec<DocReport>,
    /// Micro-averaged over the documents.
    pub scores: Scores,
    pub calibration: Calibration,
    pub seconds: f64,
}

/// Aligns every document of a set folder (`../shared/data` layout: lines are
/// sentences, languages from the folder name) and scores it against its gold.
/// `progress` is called after each document.
pub fn evaluate_set(dir: &Path, options: &PairOptions, progress: &dyn Fn(usize, usize)) -> Result<SetReport, Error> {
    let start = Instant::now();
    let (src_code, tgt_code, docs) = read_set(dir)?;
    let (src_lang, tgt_lang) = (Lang::new(&src_code)?, Lang::new(&tgt_code)?);
    let mut reports = Vec::with_capacity(docs.len());
    for (k, doc) in docs.iter().enumerate() {
        let doc_start = Instant::now();
        let src = load(&doc.src, Some(&src_lang), true)?;
        let tgt = load(&doc.tgt, Some(&tgt_lang), true)?;
        let gold = read_links(&doc.gold)?;
        let result = align_pair(&src, &tgt, options);
        let predicted = links(&result.aligned);
        let scores = score(&[(&gold, &predicted)]);
        reports.push(DocReport { name: doc.name.clone(), gold, predicted, scores, seconds: doc_start.elapsed().as_secs_f64() });
        progress(k + 1, docs.len());
    }
    let pairs: Vec<(&[Link], &[Link])> = reports.iter().map(|r| (r.gold.as_slice(), r.predicted.as_slice())).collect();
    Ok(SetReport {
        src: src_code,
        tgt: tgt_code,
        scores: score(&pairs),
        calibration: calibration(&pairs),
        docs: reports,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// The beads of an alignment as scored links.
pub fn links(aligned: &Aligned) -> Vec<Link> {
    aligned
        .alignment
        .beads()
        .iter()
        .zip(&aligned.scores)
        .map(|(b, s)| Link { src: b.src.clone().collect(), tgt: b.tgt.clone().collect(), score: Some(*s) })
        .collect()
}
