//! A whole `align` run: the pivot and each other document aligned to it,
//! the pairs checked, joined into one table, and the files it writes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::parallel::parallel_map;
use super::{align_pair, check_translations, load, Error, PairOptions, PairResult, Resources, Side};
use crate::align::{Alignment, Shape};
use crate::formats::{
    align_file, format_link, join_csv, pair_csv, sentences_file, side_text, Link, Outputs, PairSummary, PairTable,
    Summary, WeakBead,
};
use crate::join::{join, Row};
use crate::lang::Lang;

/// Counts the beads of each shape, in the order of [`Shape::ALL`], by name.
fn bead_counts(alignment: &Alignment) -> Vec<(String, usize)> {
    Shape::ALL
        .iter()
        .map(|&t| (t.to_string(), alignment.beads().iter().filter(|b| Shape::of(b) == Some(t)).count()))
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
    one_file_per_language(&pivot, &sides)?;
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
        let confidences: Vec<Vec<f64>> = pairs.iter().map(|(_, r)| r.confidences()).collect();
        let alignments: Vec<(&Alignment, &[f64])> =
            pairs.iter().zip(&confidences).map(|((_, r), c)| (r.beads.alignment(), c.as_slice())).collect();
        join(&alignments)
    });
    Ok(Run { pivot, pairs, rows, seconds: start.elapsed().as_secs_f64() })
}

/// Each language's files are named by its code, so two documents in one
/// language would overwrite each other's outputs: refuse them, and the same
/// file given twice.
fn one_file_per_language(pivot: &Side, others: &[Side]) -> Result<(), Error> {
    let all: Vec<&Side> = std::iter::once(pivot).chain(others).collect();
    for (k, later) in all.iter().enumerate().skip(1) {
        if let Some(earlier) = all[..k].iter().find(|s| s.lang == later.lang || same_file(&s.path, &later.path)) {
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
    /// Every output file of the run, ready to be committed to a folder.
    pub fn outputs(&self, review_threshold: f64) -> Outputs {
        let mut out = Outputs::default();
        let p = &self.pivot;
        let pivot_table = PairTable { lang: &p.lang, sentences: &p.sentences };
        out.add(format!("{}.sentences.txt", p.lang), sentences_file(&p.sentences));
        for (side, result) in &self.pairs {
            let table = PairTable { lang: &side.lang, sentences: &side.sentences };
            let (alignment, scores) = (result.beads.alignment(), result.confidences());
            out.add(format!("{}.sentences.txt", side.lang), sentences_file(&side.sentences));
            out.add(
                format!("{}-{}.align", p.lang, side.lang),
                align_file(alignment.beads().iter().zip(scores.iter().copied())),
            );
            out.add(format!("{}-{}.csv", p.lang, side.lang), pair_csv(pivot_table, table, alignment, &scores));
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
                let beads = r.beads.alignment().beads();
                let scores = r.confidences();
                let mean = if beads.is_empty() { 0.0 } else { scores.iter().sum::<f64>() / beads.len() as f64 };
                let mut order: Vec<usize> = (0..beads.len()).collect();
                order.sort_by(|&x, &y| scores[x].total_cmp(&scores[y]));
                let weakest = order
                    .iter()
                    .take(3)
                    .map(|&k| WeakBead {
                        bead: k,
                        ids: {
                            let link = Link::from_bead(&beads[k], None);
                            format_link(&link.src, &link.tgt, None)
                        },
                        score: round4(scores[k]),
                        pivot: side_text(&p.lang, &p.sentences[beads[k].src.clone()]),
                        other: side_text(&side.lang, &side.sentences[beads[k].tgt.clone()]),
                    })
                    .collect();
                PairSummary {
                    pair: format!("{}-{}", p.lang, side.lang),
                    files: [p.path.display().to_string(), side.path.display().to_string()],
                    sentences: [p.sentences.len(), side.sentences.len()],
                    beads: beads.len(),
                    beads_by_type: bead_counts(r.beads.alignment()).into_iter().collect(),
                    mean_score: round4(mean),
                    below_threshold: scores.iter().filter(|&&s| s < review_threshold).count(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_three_language_run_writes_every_file_and_joins_the_pairs() {
        let dir = Path::new("corpora/statement");
        let others = [dir.join("ru.txt"), dir.join("zh.txt")];
        let options = PairOptions { lexical: false, ..Default::default() };
        let run = run(&dir.join("en.txt"), &others, None, false, &options).unwrap();
        let outputs = run.outputs(0.5);
        let names: Vec<&str> = outputs.names().collect();
        assert_eq!(
            names,
            [
                "en.sentences.txt",
                "ru.sentences.txt",
                "en-ru.align",
                "en-ru.csv",
                "zh.sentences.txt",
                "en-zh.align",
                "en-zh.csv",
                "en-ru-zh.csv",
                "summary.json"
            ]
        );
        let rows = run.rows.as_ref().unwrap();
        assert_eq!(rows.last().unwrap().pivot.end, run.pivot.sentences.len());
        let summary = run.summary(0.5);
        assert_eq!(summary.pairs.len(), 2);
        assert_eq!(summary.pairs[0].sentences[0], run.pivot.sentences.len());
    }
}
