//! The bead table `eval --set DIR --dump-beads FILE` writes: every predicted
//! bead with its posterior, whether the gold has it, the confidence model's
//! features and the review queue's (`queue_…`) — what
//! `scripts/fit_confidence.py` fits `src/align/confidence.tsv` on and
//! `scripts/fit_queue.py` `src/review/queue.tsv`.

use crate::align::{BeadScore, ConfidenceModel, Scored};
use crate::formats::Link;
use crate::review::queue::{self, QueueItem};

/// One document of the table: its name, its gold and its predicted beads.
pub struct DumpedDoc<'a> {
    pub name: &'a str,
    pub gold: &'a [Link],
    pub beads: &'a Scored<BeadScore>,
    /// One item per bead.
    pub queue: &'a [QueueItem],
}

/// The TSV text: `document, src, tgt, posterior, correct` and the features
/// of [`crate::align::confidence::FEATURES`], one bead a line.
pub fn bead_table<'a>(docs: impl IntoIterator<Item = DumpedDoc<'a>>, lexicon: bool) -> String {
    use crate::align::confidence::FEATURES;
    let mut out = format!(
        "document\tsrc\ttgt\tposterior\tcorrect\t{}\tqueue_{}\n",
        FEATURES.join("\t"),
        queue::FEATURES.join("\tqueue_")
    );
    for doc in docs {
        let queued = queue::features(doc.queue);
        for ((bead, score), q) in doc.beads.iter().zip(&queued) {
            let link = Link::from_bead(bead, None);
            let correct = doc.gold.iter().any(|g| g.ids() == link.ids());
            let features: Vec<String> =
                ConfidenceModel::features(bead, score.posterior, lexicon).iter().map(|x| format!("{x:.6}")).collect();
            let ids = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
            let q: Vec<String> = q.iter().map(|x| format!("{x:.6}")).collect();
            out += &format!(
                "{}\t{}\t{}\t{:.6}\t{}\t{}\t{}\n",
                doc.name,
                ids(&link.src),
                ids(&link.tgt),
                score.posterior.get(),
                u8::from(correct),
                features.join("\t"),
                q.join("\t")
            );
        }
    }
    out
}
