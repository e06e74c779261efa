//! Aligning an evaluation set and scoring it against its gold.

use std::path::Path;
use std::time::Instant;

use super::{align_documents, load, Error, PairOptions, Progress, Resources, Side};
use crate::align::{BeadScore, Scored};
use crate::eval::{calibration, read_set, score, Calibration, Scores};
use crate::evidence::bilingual::PriorReport;
use crate::formats::{bead_table, read_links, DumpedDoc, Link};
use crate::lang::Lang;
use crate::review::queue::{self, QueueItem, QueueWeights};

/// One document of an evaluation set, aligned and scored against its gold.
#[derive(Debug, Clone)]
pub struct DocReport {
    pub name: String,
    pub gold: Vec<Link>,
    /// The predicted beads with their posteriors and confidences.
    pub beads: Scored<BeadScore>,
    /// The predicted beads as links scored with their confidences.
    pub predicted: Vec<Link>,
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
/// The alignments report to `progress`.
pub fn evaluate_set(dir: &Path, options: &PairOptions, progress: &dyn Progress) -> Result<SetReport, Error> {
    let start = Instant::now();
    let (src_code, tgt_code, docs) = read_set(dir)?;
    let (src_lang, tgt_lang) = (Lang::new(&src_code)?, Lang::new(&tgt_code)?);
    progress.stage("reading the set");
    let mut sides = Vec::with_capacity(docs.len());
    for doc in &docs {
        sides.push((
            load(&doc.src, Some(&src_lang), true)?,
            load(&doc.tgt, Some(&tgt_lang), true)?,
            read_links(&doc.gold)?,
        ));
    }
    if options.lexical {
        progress.stage("reading lexicons");
    }
    let resources = Resources::load(&[&src_code, &tgt_code], options)?;
    progress.stage(&format!("aligning {src_code}–{tgt_code}"));
    let pairs: Vec<(&Side, &Side, &[crate::align::Bead])> = sides.iter().map(|(s, t, _)| (s, t, &[][..])).collect();
    let results = align_documents(&pairs, &resources, options, progress)?;
    let mut reports = Vec::with_capacity(docs.len());
    for ((doc, (_, _, gold)), result) in docs.iter().zip(sides).zip(results.iter()) {
        let predicted: Vec<Link> =
            result.beads.iter().map(|(b, s)| Link::from_bead(b, Some(s.confidence.get()))).collect();
        let scores = score(&[(&gold, &predicted)]);
        reports.push(DocReport {
            name: doc.name.clone(),
            gold,
            beads: result.beads.clone(),
            predicted,
            queue: result.queue.clone(),
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
    /// Every predicted bead as a TSV row ([`bead_table`]).
    pub fn bead_table(&self) -> String {
        let docs =
            self.docs.iter().map(|d| DumpedDoc { name: &d.name, gold: &d.gold, beads: &d.beads, queue: &d.queue });
        bead_table(docs, self.words.lexicon_matched())
    }
}
