//! Document pairs of one language pair aligned together: the model fits
//! itself to each pair, and word translations are learned from all of them.

use std::sync::Arc;
use std::time::Instant;

use super::check::prior_support;
use super::parallel::parallel_map;
use super::{Error, PairOptions, Progress, Resources, Side};
use crate::align::{self, Aligned, Alignment, Bead, BeadScore, ConfidenceModel, Scored};
use crate::evidence::bilingual::{PriorReport, WordSpace};
use crate::evidence::recurrence::{recurrence, Recurrence};
use crate::evidence::support::{support, SideWords, Support};
use crate::evidence::training::{min_training_posterior, training_pairs, WordBags, MODEL_ONE_ROUNDS};
use crate::evidence::translation::TranslationTable;
use crate::evidence::words::Tokenizer;
use crate::evidence::{Anchors, Lexical, PairModel};
use crate::review::queue::QueueItem;

/// The alignment of two sides and how it was reached.
#[derive(Debug, Clone)]
pub struct PairResult {
    /// The best path, each bead with its posterior and its calibrated
    /// confidence.
    pub beads: Scored<BeadScore>,
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
    /// How often the word pairs of aligned beads recur beyond chance (see
    /// [`recurrence`]); `None` without word evidence or under two beads.
    pub recurrence: Option<Recurrence>,
    /// What ties each sentence to the other side of its bead.
    pub support: Support,
    /// What the review queue knows of each bead of the path (in order):
    /// beside the scores, the lattice's rival beads and boundaries, which
    /// only the run sees.
    pub queue: Vec<QueueItem>,
    pub seconds: f64,
}

impl PairResult {
    /// The calibrated confidence of each bead, in order.
    pub fn confidences(&self) -> Vec<f64> {
        self.beads.values().iter().map(|s| s.confidence.get()).collect()
    }
}

/// Expectation–maximisation rounds before the final alignment.
const EM_ROUNDS: usize = 3;

/// Aligns two sides (see [`align_documents`]), keeping the `fixed` beads.
pub fn align_pair(
    src: &Side,
    tgt: &Side,
    fixed: &[Bead],
    resources: &Resources,
    options: &PairOptions,
    progress: &dyn Progress,
) -> Result<PairResult, Error> {
    let mut results = align_documents(&[(src, tgt, fixed)], resources, options, progress)?;
    Ok(results.pop().expect("one result per document pair"))
}

/// Aligns document pairs of one language pair together.
///
/// Each pair is first aligned on length, anchors and what the lexicons and
/// names say about its words; the model fits itself to each pair over a few
/// EM rounds. Then, [`PairOptions::self_training`] times, word translations
/// are learned (IBM Model 1) from the likely beads of all pairs at once, and
/// every pair is aligned again with them. Each pair's path keeps its fixed
/// beads (beads a person reviewed; empty for none), which teach the model
/// as certain ones. Each pass over a pair reports its sentences as steps
/// done to `progress`.
pub fn align_documents(
    docs: &[(&Side, &Side, &[Bead])],
    resources: &Resources,
    options: &PairOptions,
    progress: &dyn Progress,
) -> Result<Vec<PairResult>, Error> {
    let Some(&(first_src, first_tgt, _)) = docs.first() else { return Ok(Vec::new()) };
    let rounds = if options.lexical { options.self_training } else { 0 };
    let pair = format!("{}–{}", first_src.lang.code(), first_tgt.lang.code());
    let steps = |k: usize| (docs[k].0.sentences.len() + docs[k].1.sentences.len()) as u64;
    progress.plan((0..docs.len()).map(steps).sum::<u64>() * (rounds + 1) as u64);
    let mut seconds = vec![0.0; docs.len()];
    let anchors = parallel_map(docs.len(), |k| {
        let start = Instant::now();
        let anchors = Anchors::new(&docs[k].0.sentences, &docs[k].1.sentences, options.model.anchors.clone());
        (anchors, start.elapsed().as_secs_f64())
    });
    for (k, (_, secs)) in anchors.iter().enumerate() {
        seconds[k] += secs;
    }
    let mut align_all = |table: Option<&Arc<TranslationTable>>, bags: &[WordBags], previous: Option<&[Fitted]>| {
        let timed = parallel_map(docs.len(), |k| {
            let start = Instant::now();
            let (src, tgt, fixed) = docs[k];
            let lexical =
                table.map(|t| Lexical::new(t.clone(), bags[k].0.clone(), bags[k].1.clone(), options.model.lexical));
            let fitted =
                fit_and_align(src, tgt, fixed, &anchors[k].0, lexical, previous.map(|p| &p[k].aligned), options);
            progress.done(steps(k));
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
        progress.stage(&format!("{pair}: aligning on lengths and anchors"));
        let results = align_all(None, &[], None);
        let supports = supports(docs, &results, None, &[]);
        let none = vec![(None, None); docs.len()];
        return Ok(finish(docs, results, &seconds, &none, supports, PriorReport::default(), 0));
    }
    let start = Instant::now();
    let (src_lang, tgt_lang) = (first_src.lang.code(), first_tgt.lang.code());
    progress.stage(&format!("{pair}: reading words and lexicon entries"));
    let jieba = resources.found.jieba_dict.as_deref();
    // Chinese needs only the dictionary words made of the documents' characters.
    let chars = resources
        .han_chars(docs.iter().flat_map(|(s, t, _)| s.sentences.iter().chain(&t.sentences)).map(|x| x.text.as_str()));
    let tokenizer = |lang| Tokenizer::for_chars(lang, jieba, &chars);
    let mut space = WordSpace::new(src_lang, tgt_lang, tokenizer(src_lang)?, tokenizer(tgt_lang)?);
    let bags: Vec<WordBags> = docs
        .iter()
        .map(|(s, t, _)| {
            (
                space.add_src(s.sentences.iter().map(|x| x.text.as_str())),
                space.add_tgt(t.sentences.iter().map(|x| x.text.as_str())),
            )
        })
        .collect();
    let (prior, report) = resources.prior(&space, &chars);
    let mut table = Arc::new(TranslationTable::new(&space.src_vocab, &space.tgt_vocab, prior, options.model.table));
    // Reading words and lexicons is shared work: spread it over the pairs.
    let shared = start.elapsed().as_secs_f64() / docs.len() as f64;
    progress.stage(&format!("{pair}: aligning"));
    let mut results = align_all(Some(&table), &bags, None);
    // Measured before self-training, which pairs the words of any two texts
    // into beads that agree.
    let recurrences: Vec<Option<Recurrence>> =
        results.iter().zip(&bags).map(|(f, (s, t))| recurrence(f.aligned.path.alignment(), s, t)).collect();
    let min_posterior = min_training_posterior(report.lexicon_matched());
    for round in 1..=rounds {
        progress.stage(&format!("{pair}: learning word translations, round {round} of {rounds}"));
        let mut learned = (*table).clone();
        let teaching = results.iter().map(|f| f.aligned.expected.as_slice()).zip(&bags);
        learned.learn(&training_pairs(teaching, min_posterior), MODEL_ONE_ROUNDS);
        table = Arc::new(learned);
        results = align_all(Some(&table), &bags, Some(&results));
    }
    let seconds: Vec<f64> = seconds.iter().map(|s| s + shared).collect();
    let support: Vec<(Option<f64>, Option<Recurrence>)> = results
        .iter()
        .zip(&bags)
        .zip(recurrences)
        .map(|((f, (s, t)), recurrence)| {
            let alignment = f.aligned.path.alignment();
            let prior = report.lexicon_matched().then(|| prior_support(&table, alignment, s, t)).flatten();
            (prior, recurrence)
        })
        .collect();
    let supports = supports(docs, &results, Some(&table), &bags);
    Ok(finish(docs, results, &seconds, &support, supports, report, table.len()))
}

/// The support of every sentence of each document's path.
fn supports(
    docs: &[(&Side, &Side, &[Bead])],
    results: &[Fitted],
    table: Option<&TranslationTable>,
    bags: &[WordBags],
) -> Vec<Support> {
    let no_bags = (Vec::new(), Vec::new());
    docs.iter()
        .zip(results)
        .enumerate()
        .map(|(k, ((src, tgt, _), fitted))| {
            let (s, t) = bags.get(k).unwrap_or(&no_bags);
            support(
                fitted.aligned.path.alignment(),
                table,
                SideWords { sentences: &src.sentences, words: s },
                SideWords { sentences: &tgt.sentences, words: t },
            )
        })
        .collect()
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
///
/// Each search runs in a narrow band along the path before it
/// ([`align::align_fixed_near`]); the first along the path lengths and
/// anchors alone find, which costs little over a wide band. With
/// [`align::AlignOptions::exact`] every search runs over the wide band
/// around the diagonal instead.
fn fit_and_align(
    src: &Side,
    tgt: &Side,
    fixed: &[Bead],
    anchors: &Anchors,
    lexical: Option<Lexical>,
    previous: Option<&Aligned>,
    options: &PairOptions,
) -> Fitted {
    let scripts = (src.script, tgt.script);
    let (src, tgt) = (&src.sentences, &tgt.sentences);
    let search = |model: &PairModel, guide: Option<&Alignment>| {
        align::align_fixed_near(src.len(), tgt.len(), model, fixed, guide, &options.search)
            .expect("fixed beads are carried over checked")
    };
    let guide = match previous {
        Some(previous) => Some(previous.path.alignment().clone()),
        None if lexical.is_some() && !options.search.exact => {
            let coarse =
                PairModel::with_anchors(src, tgt, scripts, anchors.clone(), None, &options.model).for_one_search();
            Some(
                align::guide_path(src.len(), tgt.len(), &coarse, fixed, &options.search)
                    .expect("fixed beads are carried over checked"),
            )
        }
        None => None,
    };
    let mut model = PairModel::with_anchors(src, tgt, scripts, anchors.clone(), lexical, &options.model);
    if let Some(previous) = previous {
        model.reestimate(&previous.expected);
    }
    let mut aligned = search(&model, guide.as_ref());
    for _ in 0..if previous.is_some() { 1 } else { EM_ROUNDS } {
        model.reestimate(&aligned.expected);
        let guide = aligned.path.alignment().clone();
        aligned = search(&model, Some(&guide));
    }
    Fitted {
        length_ratio: model.length_ratio(),
        length_variance: model.length_variance(),
        evidence: model.evidence_names(),
        aligned,
    }
}

/// The results, the posteriors of the best paths calibrated into
/// confidences.
fn finish(
    docs: &[(&Side, &Side, &[Bead])],
    results: Vec<Fitted>,
    seconds: &[f64],
    support: &[(Option<f64>, Option<Recurrence>)],
    supports: Vec<Support>,
    words: PriorReport,
    word_pairs: usize,
) -> Vec<PairResult> {
    let model = ConfidenceModel::fitted();
    let lexicon = words.lexicon_matched();
    results
        .into_iter()
        .zip(seconds)
        .zip(support)
        .zip(supports)
        .zip(docs)
        .map(|((((f, &seconds), &(prior_support, recurrence)), support), (src, tgt, _))| {
            let (alignment, posteriors) = f.aligned.path.into_parts();
            let scores = alignment
                .beads()
                .iter()
                .zip(posteriors)
                .map(|(b, posterior)| BeadScore { posterior, confidence: model.score(b, posterior, lexicon) })
                .collect();
            let beads = Scored::new(alignment, scores).expect("one score per bead");
            let queue = QueueItem::for_beads(
                &beads,
                &f.aligned.expected,
                &support,
                (&src.sentences, &tgt.sentences),
                (f.length_ratio, f.length_variance),
            );
            PairResult {
                beads,
                length_ratio: f.length_ratio,
                length_variance: f.length_variance,
                evidence: f.evidence,
                words: words.clone(),
                word_pairs,
                prior_support,
                recurrence,
                support,
                queue,
                seconds,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_shipped_pair_aligns_with_lengths_and_anchors_alone() {
        let en = super::super::load(Path::new("corpora/statement/en.txt"), None, false).unwrap();
        let ru = super::super::load(Path::new("corpora/statement/ru.txt"), None, false).unwrap();
        let options = PairOptions { lexical: false, ..Default::default() };
        let result = align_pair(&en, &ru, &[], &Resources::default(), &options, &super::super::Silent).unwrap();
        assert_eq!(result.beads.alignment().n_src(), en.sentences.len());
        assert!(result.evidence.contains(&"length") && !result.evidence.contains(&"lexical"));
        let mean: f64 = result.confidences().iter().sum::<f64>() / result.beads.values().len() as f64;
        assert!(mean > 0.6, "{mean}");
        assert!(result.beads.values().iter().all(|s| s.confidence.get() <= 1.0 && s.posterior.get() <= 1.0));
    }

    /// The shipped pair repeated into a long document, with a few sentences
    /// left out of the Russian side so the path leaves the diagonal.
    fn long_pair(dir: &Path) -> (Side, Side) {
        let en = std::fs::read_to_string("corpora/statement/en.txt").unwrap();
        let ru = std::fs::read_to_string("corpora/statement/ru.txt").unwrap();
        let ru_paragraphs: Vec<&str> = ru.split("\n\n").collect();
        let mut long_en = String::new();
        let mut long_ru = String::new();
        for k in 0..40 {
            long_en.push_str(&en);
            long_en.push_str("\n\n");
            for (p, paragraph) in ru_paragraphs.iter().enumerate() {
                if (k * 7 + p) % 13 != 0 {
                    long_ru.push_str(paragraph);
                    long_ru.push_str("\n\n");
                }
            }
        }
        std::fs::write(dir.join("en.txt"), long_en).unwrap();
        std::fs::write(dir.join("ru.txt"), long_ru).unwrap();
        let load = |name: &str| super::super::load(&dir.join(name), None, false).unwrap();
        (load("en.txt"), load("ru.txt"))
    }

    #[test]
    fn the_fast_search_agrees_with_the_exact_one_on_a_long_document() {
        let dir = tempfile::tempdir().unwrap();
        let (en, ru) = long_pair(dir.path());
        assert!(en.sentences.len() > 700);
        let run = |exact: bool| {
            let mut options = PairOptions { builtin_lexicons: false, ..Default::default() };
            options.search.exact = exact;
            align_pair(&en, &ru, &[], &Resources::default(), &options, &super::super::Silent).unwrap()
        };
        let (fast, exact) = (run(false), run(true));
        let same =
            fast.beads.alignment().beads().iter().filter(|b| exact.beads.alignment().beads().contains(b)).count();
        let share = same as f64 / exact.beads.alignment().beads().len() as f64;
        assert!(share >= 0.998, "{share}");
    }
}
