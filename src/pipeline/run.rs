//! A whole `align` run: the pivot and each other document aligned to it,
//! the pairs checked, joined into one table, and the files it writes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::parallel::parallel_map;
use super::{
    align_pair, check_translations, keep_reviewed, load_with, Error, Kept, PairOptions, PairResult, Progress,
    Resources, Side,
};
use crate::lang::Lang;
use crate::review::queue::{self, QueueWeights};
use crate::review::{Flag, Language, LogEntry, PairRun, Review};

/// A whole `align` run: the pivot and each other document aligned to it.
#[derive(Debug, Clone)]
pub struct Run {
    pub pivot: Side,
    pub pairs: Vec<AlignedPair>,
    /// The edit log of the review the run kept beads from.
    pub log: Vec<LogEntry>,
    pub seconds: f64,
}

/// One other document aligned to the pivot.
#[derive(Debug, Clone)]
pub struct AlignedPair {
    pub side: Side,
    pub result: PairResult,
    /// The reviewed beads of an earlier review kept in (and lost from) it.
    pub kept: Kept,
    /// Why the pair could not be checked as a translation, if it could not
    /// ([`check_translations`]).
    pub unchecked: Option<String>,
}

/// Loads the pivot and the other documents (languages from `langs`, in file
/// order, or detected), aligns each other document to the pivot, checks the
/// pairs are translations, and joins them. With the `previous` review of the
/// folder, the beads a person reviewed there are kept ([`keep_reviewed`]).
pub fn run(
    pivot: &Path,
    others: &[PathBuf],
    langs: Option<&[Lang]>,
    presegmented: bool,
    options: &PairOptions,
    previous: Option<&Review>,
    progress: &dyn Progress,
) -> Result<Run, Error> {
    let start = Instant::now();
    let lang_of = |k: usize| langs.and_then(|l| l.get(k));
    progress.stage("reading documents");
    let pivot = load_with(pivot, lang_of(0), presegmented, &options.read_options(0))?;
    let sides: Vec<Side> = others
        .iter()
        .enumerate()
        .map(|(k, path)| load_with(path, lang_of(k + 1), presegmented, &options.read_options(k + 1)))
        .collect::<Result<_, _>>()?;
    one_file_per_language(&pivot, &sides)?;
    let codes: Vec<&str> = std::iter::once(&pivot).chain(&sides).map(|s| s.lang.code()).collect();
    if options.lexical {
        progress.stage("reading lexicons");
    }
    let resources = Resources::load(&codes, options)?;
    let kept: Vec<Kept> =
        sides.iter().map(|s| previous.map(|p| keep_reviewed(p, &pivot, s)).unwrap_or_default()).collect();
    let results = parallel_map(sides.len(), |k| {
        progress.stage(&format!("aligning {}–{}", pivot.lang, sides[k].lang));
        align_pair(&pivot, &sides[k], &kept[k].fixed(), &resources, options, progress)
    });
    let mut pairs = Vec::with_capacity(others.len());
    for ((side, result), kept) in sides.into_iter().zip(results).zip(kept) {
        let result = result?;
        let unchecked = check_translations(&pivot, &side, &result)?;
        pairs.push(AlignedPair { side, result, kept, unchecked });
    }
    let log = previous.map(|p| p.log.clone()).unwrap_or_default();
    Ok(Run { pivot, pairs, log, seconds: start.elapsed().as_secs_f64() })
}

/// Each language's files are named by its code, so two documents in one
/// language would overwrite each other's outputs: refuse them, and the same
/// file given twice (but for a TMX memory, read once per language).
fn one_file_per_language(pivot: &Side, others: &[Side]) -> Result<(), Error> {
    let all: Vec<&Side> = std::iter::once(pivot).chain(others).collect();
    for (k, later) in all.iter().enumerate().skip(1) {
        let tmx = |s: &Side| s.origin.format == crate::input::Format::Tmx;
        let twice = |s: &Side| same_file(&s.path, &later.path) && !(tmx(s) && tmx(later));
        if let Some(earlier) = all[..k].iter().find(|s| s.lang == later.lang || twice(s)) {
            return Err(Error::SameLanguage {
                first: earlier.path.clone(),
                second: later.path.clone(),
                lang: later.lang.clone(),
            });
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

impl Run {
    /// The review state of the run — what `align` writes as `review.json`
    /// and every other output is made from: every bead with its score, its
    /// flags and its queue risk, status `auto`, except the kept reviewed
    /// beads, which keep the marks a person gave them.
    pub fn review(&self, review_threshold: f64) -> Review {
        let language = |side: &Side| Language {
            lang: side.lang.clone(),
            file: side.path.display().to_string(),
            sha256: side.sha256.clone(),
            sentences: side.sentences.iter().map(|s| s.text.clone()).collect(),
            origin: Some(side.origin.clone()),
        };
        let languages: Vec<Language> =
            std::iter::once(&self.pivot).chain(self.pairs.iter().map(|p| &p.side)).map(language).collect();
        let pairs = self
            .pairs
            .iter()
            .map(|AlignedPair { result, unchecked, .. }| {
                let run = PairRun {
                    length_ratio: result.length_ratio,
                    length_variance: result.length_variance,
                    evidence: result.evidence.iter().map(|e| e.to_string()).collect(),
                    lexicons: result.words.lexicons.clone(),
                    name_pairs: result.words.names,
                    word_pairs: result.word_pairs,
                    lexicon_support: result.prior_support,
                    unchecked: unchecked.clone(),
                    seconds: result.seconds,
                };
                (run, result.beads.alignment().clone(), result.confidences())
            })
            .collect();
        let mut review = Review::from_run(languages, pairs, review_threshold, self.seconds)
            .expect("a run's alignments cover its documents");
        // What only the run knows: the words that tie each sentence, and
        // the queue's risk with the lattice's rival beads and boundaries.
        let weights = QueueWeights::fitted();
        for (pair, AlignedPair { result, kept, .. }) in review.pairs.iter_mut().zip(&self.pairs) {
            let unsupported = result.support.unsupported(result.beads.alignment());
            let risks = queue::risks(&result.queue, weights);
            for ((mark, unsupported), risk) in pair.alignment.marks_mut().iter_mut().zip(unsupported).zip(risks) {
                if unsupported {
                    mark.flags.insert(Flag::Unsupported);
                }
                mark.risk = Some(risk);
            }
            // A kept bead is a person's: it keeps the mark they gave it.
            let beads = result.beads.alignment().beads();
            let mut next = 0;
            for reviewed in &kept.beads {
                next += beads[next..].iter().position(|b| *b == reviewed.bead).expect("the path keeps its fixed beads");
                pair.alignment.marks_mut()[next] = reviewed.tag.clone();
            }
        }
        review.log = self.log.clone();
        review
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_three_language_run_makes_a_review_of_both_pairs() {
        let dir = Path::new("corpora/statement");
        let others = [dir.join("ru.txt"), dir.join("zh.txt")];
        let options = PairOptions { lexical: false, ..Default::default() };
        let run = run(&dir.join("en.txt"), &others, None, false, &options, None, &super::super::Silent).unwrap();
        let review = run.review(0.5);
        let codes: Vec<&str> = review.languages.iter().map(|l| l.lang.code()).collect();
        assert_eq!(codes, ["en", "ru", "zh"]);
        assert_eq!(review.pivot().sentences.len(), run.pivot.sentences.len());
        assert_eq!(review.pivot().sentences[0], run.pivot.sentences[0].text);
        let rows = review.rows();
        assert_eq!(rows.last().unwrap().pivot.end, run.pivot.sentences.len());
        let auto = crate::review::Status::Auto;
        assert!(review.pairs.iter().all(|p| p.alignment.marks().iter().all(|m| m.status == auto)));
        let low = review.pairs[1].alignment.marks().iter().filter(|m| m.score < 0.5);
        assert!(low.clone().all(|m| m.flags.contains(crate::review::Flag::LowScore)));
    }
}
