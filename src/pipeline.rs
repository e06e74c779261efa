//! The stages in order, for the commands: load a document as sentences,
//! align two of them, check that the result is plausible.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::align::{self, confidence, AlignOptions, Aligned, Alignment, Bead, Confidence, BEAD_TYPES};
use crate::eval::{calibration, format_link, read_links, read_set, score, Calibration, EvalError, Link, Scores};
use crate::evidence::bilingual::{PriorReport, WordSpace};
use crate::evidence::lexicon::{self, Found, Lexicon, LexiconError};
use crate::evidence::support::{support, SideWords, Support};
use crate::evidence::translation::{TrainingPair, TranslationTable};
use crate::evidence::words::{Tokenizer, WordsError};
use crate::evidence::{Lexical, ModelOptions, PairModel, WEIGHT_NAMES};
use crate::formats::{
    align_file, join_csv, pair_csv, sentences_file, side_text, Outputs, PairSummary, PairTable, Summary, WeakBead,
};
use crate::input::{Document, InputError};
use crate::join::{join, Row};
use crate::lang::{self, Lang};
use crate::review::queue::{self, QueueItem, QueueWeights};
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
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error(transparent)]
    Words(#[from] WordsError),
    #[error("{path}: has no letters, so its language cannot be told; name it with --lang/--langs")]
    NoLetters { path: PathBuf },
    #[error("{path}: is written in {found} script ({found_lang}), but the language given is {declared} ({declared_script}); check the file order or --lang/--langs")]
    WrongScript { path: PathBuf, declared: Lang, declared_script: lang::Script, found: lang::Script, found_lang: Lang },
    #[error(
        "{src} and {tgt} do not look like translations of each other: {why}; check that the files belong together"
    )]
    NotTranslations { src: PathBuf, tgt: PathBuf, why: String },
    #[error("{path}: cannot be read: {source}")]
    WeightsUnreadable { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a weights file: {reason}; it needs `name<TAB>value` lines naming each of {}", WEIGHT_NAMES.join(", "))]
    BadWeights { path: PathBuf, reason: String },
}

/// Model weights from a file of the form of `evidence/weights.tsv`
/// (`--weights`), in place of the fitted ones.
pub fn read_weights(path: &Path) -> Result<ModelOptions, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|source| Error::WeightsUnreadable { path: path.to_owned(), source })?;
    ModelOptions::parse(&text).map_err(|reason| Error::BadWeights { path: path.to_owned(), reason })
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

/// Settings of an alignment.
#[derive(Debug, Clone)]
pub struct PairOptions {
    pub model: ModelOptions,
    pub search: AlignOptions,
    /// Lexical evidence at all (words, lexicons, self-training).
    pub lexical: bool,
    /// Look for the built-in lexicons (CC-CEDICT, Müller) and jieba's
    /// dictionary in the data directories.
    pub builtin_lexicons: bool,
    /// The user's own lexicons (`--lexicon`): two-column TSV, the pivot (or
    /// source) language first.
    pub user_lexicons: Vec<PathBuf>,
    /// Rounds of "align, learn word translations from the likely beads,
    /// align again".
    pub self_training: usize,
}

impl Default for PairOptions {
    fn default() -> PairOptions {
        PairOptions {
            model: ModelOptions::default(),
            search: AlignOptions::default(),
            lexical: true,
            builtin_lexicons: true,
            user_lexicons: Vec::new(),
            self_training: SELF_TRAINING_ROUNDS,
        }
    }
}

/// Self-training rounds by default.
const SELF_TRAINING_ROUNDS: usize = 2;
/// Model 1 rounds per self-training round.
const MODEL_ONE_ROUNDS: usize = 4;
/// Beads at least this likely teach word translations, where a lexicon
/// matched the documents. Without one the first pass rests on lengths and
/// names, and what its less sure beads teach is more often wrong: strict F1
/// at 0.5 and 0.8 without a lexicon, MAC-Dev 0.789 and 0.809, FLORES en-ru
/// 0.972 and 0.982, en-zh 0.957 and 0.968, Text+Berg 0.886 and 0.882; with
/// lexicons 0.5 is best (MAC-Dev 0.865 against 0.85 at 0.8).
const MIN_TRAINING_POSTERIOR: f64 = 0.5;
const MIN_TRAINING_POSTERIOR_WITHOUT_LEXICON: f64 = 0.8;

/// The alignment of two sides and how it was reached.
#[derive(Debug, Clone)]
pub struct PairResult {
    /// The best path; its `scores` are the calibrated confidences
    /// ([`Confidence`]) of the beads.
    pub aligned: Aligned,
    /// The posterior of each bead of the path under the model, before
    /// calibration.
    pub posteriors: Vec<f64>,
    /// Target characters per source character, as fitted.
    pub length_ratio: f64,
    /// Length variance per character, as fitted (Gale & Church: 6.8).
    pub length_variance: f64,
    /// Names of the evidence the model used.
    pub evidence: Vec<&'static str>,
    /// What the word-translation prior was made of (lexicons, names).
    pub words: PriorReport,
    /// Word pairs in the translation table after self-training.
    pub word_pairs: usize,
    /// The share of aligned beads (with both sides) that hold a word pair a
    /// lexicon or a name match gave (see [`prior_support`]); `None` without
    /// a lexicon that matched the documents, or with too few beads.
    pub prior_support: Option<f64>,
    /// What ties each sentence to the other side of its bead (review queue).
    pub support: Support,
    pub seconds: f64,
}

/// Expectation–maximisation rounds before the final alignment.
const EM_ROUNDS: usize = 3;

/// The lexicons of a run, loaded once.
#[derive(Debug, Default)]
pub struct Resources {
    pub found: Found,
    /// The user's lexicons as read (languages set per pair).
    pub user: Vec<Lexicon>,
}

impl Resources {
    /// Finds the built-in lexicons for `langs` (unless switched off) and
    /// reads the user's.
    pub fn load(langs: &[&str], options: &PairOptions) -> Result<Resources, Error> {
        if !options.lexical {
            return Ok(Resources::default());
        }
        let found = if options.builtin_lexicons { lexicon::find(langs)? } else { Found::default() };
        let (src, tgt) = (langs.first().copied().unwrap_or(""), langs.get(1).copied().unwrap_or(""));
        let user = options.user_lexicons.iter().map(|p| lexicon::read_tsv(p, src, tgt)).collect::<Result<_, _>>()?;
        Ok(Resources { found, user })
    }

    /// The lexicons that may hold entries for `src`–`tgt`: the built-in ones
    /// (each knows its languages) and the user's, taken as `src`→`tgt`.
    fn lexicons_for(&self, src: &str, tgt: &str) -> Vec<Lexicon> {
        let user = self.user.iter().map(|l| Lexicon { src: src.to_owned(), tgt: tgt.to_owned(), ..l.clone() });
        self.found.lexicons.iter().cloned().chain(user).collect()
    }
}

/// The content words of each sentence of a document pair, as word ids:
/// source side, target side.
type WordBags = (Vec<Vec<u32>>, Vec<Vec<u32>>);

/// Aligns two sides (see [`align_documents`]).
pub fn align_pair(src: &Side, tgt: &Side, resources: &Resources, options: &PairOptions) -> Result<PairResult, Error> {
    let mut results = align_documents(&[(src, tgt)], resources, options, &|_, _| {})?;
    Ok(results.pop().expect("one result per document pair"))
}

/// Aligns document pairs of one language pair together.
///
/// Each pair is first aligned on length, anchors and what the lexicons and
/// names say about its words; the model fits itself to each pair over a few
/// EM rounds. Then, [`PairOptions::self_training`] times, word translations
/// are learned (IBM Model 1) from the likely beads of all pairs at once, and
/// every pair is aligned again with them. `progress(done, total)` is called
/// after each pair alignment.
pub fn align_documents(
    docs: &[(&Side, &Side)],
    resources: &Resources,
    options: &PairOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<PairResult>, Error> {
    let Some(&(first_src, first_tgt)) = docs.first() else { return Ok(Vec::new()) };
    let rounds = if options.lexical { options.self_training } else { 0 };
    let total = docs.len() * (rounds + 1);
    let mut seconds = vec![0.0; docs.len()];
    let done = AtomicUsize::new(0);
    let mut align_all = |table: Option<&Arc<TranslationTable>>, bags: &[WordBags], previous: Option<&[Fitted]>| {
        let timed = parallel_map(docs.len(), |k| {
            let start = Instant::now();
            let (src, tgt) = docs[k];
            let lexical =
                table.map(|t| Lexical::new(t.clone(), bags[k].0.clone(), bags[k].1.clone(), options.model.lexical));
            let fitted = fit_and_align(src, tgt, lexical, previous.map(|p| &p[k].aligned), options);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            (fitted, start.elapsed().as_secs_f64())
        });
        timed
            .into_iter()
            .enumerate()
            .map(|(k, (fitted, secs))| {
                seconds[k] += secs;
                fitted
            })
            .collect::<Vec<_>>()
    };
    if !options.lexical {
        let results = align_all(None, &[], None);
        let supports = supports(docs, &results, None, &[]);
        return Ok(finish(results, &seconds, &vec![None; docs.len()], supports, PriorReport::default(), 0));
    }
    let start = Instant::now();
    let (src_lang, tgt_lang) = (first_src.lang.code(), first_tgt.lang.code());
    let jieba = resources.found.jieba_dict.as_deref();
    let mut space =
        WordSpace::new(src_lang, tgt_lang, Tokenizer::new(src_lang, jieba)?, Tokenizer::new(tgt_lang, jieba)?);
    let bags: Vec<WordBags> = docs
        .iter()
        .map(|(s, t)| {
            (
                space.add_src(s.sentences.iter().map(|x| x.text.as_str())),
                space.add_tgt(t.sentences.iter().map(|x| x.text.as_str())),
            )
        })
        .collect();
    let (prior, report) = space.prior(&resources.lexicons_for(src_lang, tgt_lang), resources.found.readings.as_ref());
    let mut table = Arc::new(TranslationTable::new(&space.src_vocab, &space.tgt_vocab, prior, options.model.table));
    // Reading words and lexicons is shared work: spread it over the pairs.
    let shared = start.elapsed().as_secs_f64() / docs.len() as f64;
    let mut results = align_all(Some(&table), &bags, None);
    let min_posterior =
        if report.lexicon_matched() { MIN_TRAINING_POSTERIOR } else { MIN_TRAINING_POSTERIOR_WITHOUT_LEXICON };
    for _ in 0..rounds {
        let mut learned = (*table).clone();
        learned.learn(&training_pairs(&results, &bags, min_posterior), MODEL_ONE_ROUNDS);
        table = Arc::new(learned);
        results = align_all(Some(&table), &bags, Some(&results));
    }
    let seconds: Vec<f64> = seconds.iter().map(|s| s + shared).collect();
    let support: Vec<Option<f64>> = results
        .iter()
        .zip(&bags)
        .map(|(f, (s, t))| if report.lexicon_matched() { prior_support(&table, &f.aligned, s, t) } else { None })
        .collect();
    let supports = supports(docs, &results, Some(&table), &bags);
    Ok(finish(results, &seconds, &support, supports, report, table.len()))
}

// Review queue: the support of every sentence of each document's path.
fn supports(
    docs: &[(&Side, &Side)],
    results: &[Fitted],
    table: Option<&TranslationTable>,
    bags: &[WordBags],
) -> Vec<Support> {
    let no_bags = (Vec::new(), Vec::new());
    docs.iter()
        .zip(results)
        .enumerate()
        .map(|(k, ((src, tgt), fitted))| {
            let (s, t) = bags.get(k).unwrap_or(&no_bags);
            support(
                &fitted.aligned.alignment,
                table,
                SideWords { sentences: &src.sentences, words: s },
                SideWords { sentences: &tgt.sentences, words: t },
            )
        })
        .collect()
}

/// `f(0..n)` on all cores, in order of `k`. The jobs (document pairs) are
/// independent and of very different sizes, so threads take the next one
/// as they finish.
fn parallel_map<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()).min(n);
    if threads <= 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        if k >= n {
                            return mine;
                        }
                        mine.push((k, f(k)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("an alignment thread never panics")).collect()
    });
    results.sort_by_key(|(k, _)| *k);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The word bags of the beads of every pair with a posterior of at least
/// `min_posterior`, weighted by it.
fn training_pairs(results: &[Fitted], bags: &[WordBags], min_posterior: f64) -> Vec<TrainingPair> {
    let mut pairs = Vec::new();
    for (fitted, (src, tgt)) in results.iter().zip(bags) {
        for (_, bead, p) in &fitted.aligned.expected {
            if *p < min_posterior || bead.src.is_empty() || bead.tgt.is_empty() {
                continue;
            }
            pairs.push(TrainingPair {
                src: src[bead.src.clone()].concat(),
                tgt: tgt[bead.tgt.clone()].concat(),
                weight: *p,
            });
        }
    }
    pairs
}

/// Beads with both sides the alignment must have for [`prior_support`] to
/// be measured (besides a lexicon that matched: names alone are too few,
/// Text+Berg, German–French with names and identical words only, has 0.58
/// and unrelated English–Russian texts up to 0.55).
const MIN_SUPPORT_BEADS: usize = 4;

/// The share of beads with both sides that hold a word pair of the table's
/// prior (a lexicon entry or a name match).
fn prior_support(table: &TranslationTable, aligned: &Aligned, src: &[Vec<u32>], tgt: &[Vec<u32>]) -> Option<f64> {
    let both: Vec<&Bead> =
        aligned.alignment.beads().iter().filter(|b| !b.src.is_empty() && !b.tgt.is_empty()).collect();
    if both.len() < MIN_SUPPORT_BEADS {
        return None;
    }
    let supported = both
        .iter()
        .filter(|b| {
            let t_words: Vec<u32> = tgt[b.tgt.clone()].concat();
            src[b.src.clone()].iter().flatten().any(|&s| t_words.iter().any(|&t| table.in_prior(s, t)))
        })
        .count();
    Some(supported as f64 / both.len() as f64)
}

/// One pair aligned by a fitted model.
struct Fitted {
    aligned: Aligned,
    length_ratio: f64,
    length_variance: f64,
    evidence: Vec<&'static str>,
}

/// The model fits itself to the pair over a few EM rounds, then the final
/// search gives the beads and their scores. With the alignment of a
/// `previous` pass, the model starts from what that pass fitted and one
/// round is enough.
fn fit_and_align(
    src: &Side,
    tgt: &Side,
    lexical: Option<Lexical>,
    previous: Option<&Aligned>,
    options: &PairOptions,
) -> Fitted {
    let scripts = (src.script, tgt.script);
    let (src, tgt) = (&src.sentences, &tgt.sentences);
    let mut model = PairModel::new(src, tgt, scripts, lexical, &options.model);
    if let Some(previous) = previous {
        model.reestimate(&previous.expected);
    }
    let mut aligned = align::align(src.len(), tgt.len(), &model, &options.search);
    for _ in 0..if previous.is_some() { 1 } else { EM_ROUNDS } {
        model.reestimate(&aligned.expected);
        aligned = align::align(src.len(), tgt.len(), &model, &options.search);
    }
    Fitted {
        length_ratio: model.length_ratio(),
        length_variance: model.length_variance(),
        evidence: model.evidence_names(),
        aligned,
    }
}

/// The results, the posteriors of the best paths turned into confidences.
fn finish(
    results: Vec<Fitted>,
    seconds: &[f64],
    support: &[Option<f64>],
    supports: Vec<Support>,
    words: PriorReport,
    word_pairs: usize,
) -> Vec<PairResult> {
    let confidence = Confidence::fitted();
    let lexicon = words.lexicon_matched();
    results
        .into_iter()
        .zip(seconds)
        .zip(support)
        .zip(supports)
        .map(|(((f, &seconds), &prior_support), support)| {
            let posteriors = f.aligned.scores;
            let scores = f
                .aligned
                .alignment
                .beads()
                .iter()
                .zip(&posteriors)
                .map(|(b, &p)| confidence.score(b, p, lexicon))
                .collect();
            PairResult {
                aligned: Aligned { scores, ..f.aligned },
                posteriors,
                length_ratio: f.length_ratio,
                length_variance: f.length_variance,
                evidence: f.evidence,
                words: words.clone(),
                word_pairs,
                prior_support,
                support,
                seconds,
            }
        })
        .collect()
}

/// Refuses a pair of documents that are not translations of each other (or
/// of which one is a different part of the text). Very short documents are
/// let through: they hold too little evidence either way.
///
/// Two signs, either enough: few sentences found a counterpart; or few
/// aligned sentence pairs share a word the lexicons pair, or a name
/// ([`PairResult::prior_support`]). Where no lexicon gives that measure,
/// the length variance EM fitted stands in: larger than any translation on
/// the development sets shows (then two unrelated documents whose sentence
/// lengths happen to match can still pass).
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
    let both_sided = beads.iter().filter(|b| !b.src.is_empty() && !b.tgt.is_empty()).count();
    let why = if share < MIN_MATCHED_SHARE {
        format!("{:.0}% of the sentences found a likely counterpart (translations: 30% or more)", 100.0 * share)
    } else if let Some(support) = result.prior_support {
        if support >= MIN_PRIOR_SUPPORT {
            return Ok(());
        }
        format!(
            "only {:.0}% of the aligned sentence pairs share a word the lexicons pair or a name (translations: 65% or more)",
            100.0 * support
        )
    } else if both_sided >= MIN_VARIANCE_BEADS && result.length_variance > MAX_LENGTH_VARIANCE {
        format!(
            "the lengths of aligned sentences vary by {:.1} per character (translations: {MAX_LENGTH_VARIANCE} or less), and no lexicon could tell more",
            result.length_variance
        )
    } else {
        return Ok(());
    };
    Err(Error::NotTranslations { src: src.path.clone(), tgt: tgt.path.clone(), why })
}

/// The least share of sentences in beads with both sides scored at least
/// 0.3. Real translations on the development sets: 0.79 to 1.0; unrelated
/// documents: 0.01 to 0.04 (MAC-Dev chapters paired with other chapters).
const MIN_MATCHED_SHARE: f64 = 0.3;

/// The least [`PairResult::prior_support`] of a translation. Development
/// sets: 0.76 (MAC-Dev 002) to 1.0 (FLORES documents of 4 lines or more:
/// 0.8 and up); unrelated documents: 0.29 to 0.55.
const MIN_PRIOR_SUPPORT: f64 = 0.65;

/// The largest fitted length variance per character of a translation, used
/// when there is no prior support to measure. Development sets: 1.5 to 6.8
/// (MAC-Dev 002, a free literary translation); unrelated documents of 12
/// beads or more seen: 8.3 to 9.7 (one of 6.0 before lexical evidence).
/// Refusing a real translation leaves the user no way on, so the line sits
/// above the translations.
const MAX_LENGTH_VARIANCE: f64 = 7.0;

/// Beads with both sides the variance must be fitted on to be trusted: on
/// FLORES documents of 4 to 6 lines it ranges up to 17 for translations.
const MIN_VARIANCE_BEADS: usize = 12;

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
pub fn run(
    pivot: &Path,
    others: &[PathBuf],
    langs: Option<&[Lang]>,
    presegmented: bool,
    options: &PairOptions,
) -> Result<Run, Error> {
    let start = Instant::now();
    let lang_of = |k: usize| langs.and_then(|l| l.get(k));
    let pivot = load(pivot, lang_of(0), presegmented)?;
    let sides: Vec<Side> = others
        .iter()
        .enumerate()
        .map(|(k, path)| load(path, lang_of(k + 1), presegmented))
        .collect::<Result<_, _>>()?;
    let codes: Vec<&str> = std::iter::once(&pivot).chain(&sides).map(|s| s.lang.code()).collect();
    let resources = Resources::load(&codes, options)?;
    let results = parallel_map(sides.len(), |k| align_pair(&pivot, &sides[k], &resources, options));
    let mut pairs = Vec::with_capacity(others.len());
    for (side, result) in sides.into_iter().zip(results) {
        let result = result?;
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
            let name = std::iter::once(p.lang.code())
                .chain(self.pairs.iter().map(|(s, _)| s.lang.code()))
                .collect::<Vec<_>>()
                .join("-");
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
                        ids: format_link(
                            &beads[k].src.clone().collect::<Vec<_>>(),
                            &beads[k].tgt.clone().collect::<Vec<_>>(),
                            None,
                        ),
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
                    lexicons: r.words.lexicons.clone(),
                    name_pairs: r.words.names,
                    word_pairs: r.word_pairs,
                    lexicon_support: r.prior_support.map(round4),
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
    /// The beads with their confidences.
    pub predicted: Vec<Link>,
    /// The posterior of each predicted bead, before calibration.
    pub posteriors: Vec<f64>,
    /// What the review queue knows of each predicted bead.
    pub queue: Vec<QueueItem>,
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
    /// What the word-translation prior was made of (shared by the documents).
    pub words: PriorReport,
    /// Word pairs in the translation table after self-training.
    pub word_pairs: usize,
    pub calibration: Calibration,
    pub seconds: f64,
}

/// Aligns every document of a set folder (`../shared/data` layout: lines are
/// sentences, languages from the folder name) and scores it against its gold.
/// `progress` is called after each document.
pub fn evaluate_set(
    dir: &Path,
    options: &PairOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<SetReport, Error> {
    let start = Instant::now();
    let (src_code, tgt_code, docs) = read_set(dir)?;
    let (src_lang, tgt_lang) = (Lang::new(&src_code)?, Lang::new(&tgt_code)?);
    let mut sides = Vec::with_capacity(docs.len());
    for doc in &docs {
        sides.push((
            load(&doc.src, Some(&src_lang), true)?,
            load(&doc.tgt, Some(&tgt_lang), true)?,
            read_links(&doc.gold)?,
        ));
    }
    let resources = Resources::load(&[&src_code, &tgt_code], options)?;
    let pairs: Vec<(&Side, &Side)> = sides.iter().map(|(s, t, _)| (s, t)).collect();
    let results = align_documents(&pairs, &resources, options, progress)?;
    let mut reports = Vec::with_capacity(docs.len());
    for ((doc, (src, tgt, gold)), result) in docs.iter().zip(sides).zip(&results) {
        let predicted = links(&result.aligned);
        let scores = score(&[(&gold, &predicted)]);
        let posteriors = result.posteriors.clone();
        let queue = QueueItem::for_beads(
            &result.aligned,
            &result.posteriors,
            &result.support,
            (&src.sentences, &tgt.sentences),
            (result.length_ratio, result.length_variance),
        );
        reports.push(DocReport {
            name: doc.name.clone(),
            gold,
            predicted,
            posteriors,
            queue,
            scores,
            seconds: result.seconds,
        });
    }
    let pairs: Vec<(&[Link], &[Link])> = reports.iter().map(|r| (r.gold.as_slice(), r.predicted.as_slice())).collect();
    let items: Vec<&[QueueItem]> = reports.iter().map(|r| r.queue.as_slice()).collect();
    let review_queue = queue::order(&items, QueueWeights::fitted());
    Ok(SetReport {
        src: src_code,
        tgt: tgt_code,
        scores: score(&pairs),
        calibration: calibration(&pairs).with_queue(&pairs, &review_queue),
        words: results.first().map(|r| r.words.clone()).unwrap_or_default(),
        word_pairs: results.first().map_or(0, |r| r.word_pairs),
        docs: reports,
        seconds: start.elapsed().as_secs_f64(),
    })
}

impl SetReport {
    /// Every predicted bead as a TSV row — document, ids, posterior, whether
    /// the gold has it, the confidence model's features, and the review
    /// queue's (`queue_…`) — the data `scripts/fit_confidence.py` fits the
    /// confidence weights on and `scripts/fit_queue.py` the queue's.
    pub fn bead_table(&self) -> String {
        let mut out = format!(
            "document\tsrc\ttgt\tposterior\tcorrect\t{}\tqueue_{}\n",
            confidence::FEATURES.join("\t"),
            queue::FEATURES.join("\tqueue_")
        );
        for doc in &self.docs {
            let queued = queue::features(&doc.queue);
            for ((link, &posterior), q) in doc.predicted.iter().zip(&doc.posteriors).zip(&queued) {
                if link.src.is_empty() && link.tgt.is_empty() {
                    continue;
                }
                let correct = doc.gold.iter().any(|g| g.src == link.src && g.tgt == link.tgt);
                let bead = Bead::new(
                    link.src.first().map_or(0, |&i| i)..link.src.last().map_or(0, |&i| i + 1),
                    link.tgt.first().map_or(0, |&j| j)..link.tgt.last().map_or(0, |&j| j + 1),
                );
                let features: Vec<String> = Confidence::features(&bead, posterior, self.words.lexicon_matched())
                    .iter()
                    .map(|x| format!("{x:.6}"))
                    .collect();
                let ids = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
                let q: Vec<String> = q.iter().map(|x| format!("{x:.6}")).collect();
                out += &format!(
                    "{}\t{}\t{}\t{posterior:.6}\t{}\t{}\t{}\n",
                    doc.name,
                    ids(&link.src),
                    ids(&link.tgt),
                    u8::from(correct),
                    features.join("\t"),
                    q.join("\t")
                );
            }
        }
        out
    }
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
