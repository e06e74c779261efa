//! Re-aligning a folder that holds a review: the beads a person confirmed
//! or edited are carried over to the new sentences (matched by text, so an
//! edit elsewhere in a file does not lose them) and kept as fixed parts of
//! the new path; only the stretches between them are aligned again.

use super::{Run, Side};
use crate::align::Bead;
use crate::review::carry::{carry, Lost, Reviewed, Texts};
use crate::review::{BeadMark, Review};

/// The reviewed beads of one pair carried over to a new run.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// In the new sentence ids, in order, each with the mark a person gave it.
    pub beads: Vec<Reviewed<BeadMark>>,
    /// Those that could not be kept, in the old ids, with the reason.
    pub lost: Vec<Lost<BeadMark>>,
}

impl Kept {
    /// The kept beads, as fixed beads of the new alignment.
    pub fn fixed(&self) -> Vec<Bead> {
        self.beads.iter().map(|r| r.bead.clone()).collect()
    }
}

/// The beads a person reviewed in the pair of `previous` with the language
/// of `other`, carried over to the new `pivot` and `other` sentences.
/// Nothing is kept for a language the earlier review did not align.
pub fn keep_reviewed(previous: &Review, pivot: &Side, other: &Side) -> Kept {
    let Some(k) = (0..previous.pairs.len()).find(|&k| previous.other(k).lang == other.lang) else {
        return Kept::default();
    };
    let reviewed: Vec<Reviewed<BeadMark>> = previous.pairs[k]
        .alignment
        .beads()
        .filter(|(_, m)| m.status.is_reviewed())
        .map(|(b, m)| Reviewed { bead: b.clone(), tag: m.clone() })
        .collect();
    if reviewed.is_empty() {
        return Kept::default();
    }
    let old = Texts { src: &previous.pivot().sentences[..], tgt: &previous.other(k).sentences[..] };
    let new_src: Vec<&str> = pivot.sentences.iter().map(|s| s.text.as_str()).collect();
    let new_tgt: Vec<&str> = other.sentences.iter().map(|s| s.text.as_str()).collect();
    let carried = carry(old, Texts { src: &new_src[..], tgt: &new_tgt[..] }, reviewed)
        .expect("a review's beads are ranges of its own sentences");
    Kept { beads: carried.kept, lost: carried.lost }
}

/// A language pair of an earlier review none of whose reviewed beads a run
/// keeps (the run does not align it, or its files are other documents):
/// aligning over it would throw a person's work away.
#[derive(Debug, Clone, PartialEq)]
pub struct LostReview {
    /// `en-ru`.
    pub pair: String,
    /// Its confirmed and edited beads.
    pub reviewed: usize,
    pub why: &'static str,
}

impl std::fmt::Display for LostReview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "holds a review with {} confirmed or edited {} beads, {}", self.reviewed, self.pair, self.why)
    }
}

impl Run {
    /// The first pair of `previous` whose reviewed beads this run keeps
    /// none of; losing some, to edits of the files, is no loss of this kind.
    pub fn lost_review(&self, previous: &Review) -> Option<LostReview> {
        (0..previous.pairs.len()).find_map(|k| {
            let lang = &previous.other(k).lang;
            let reviewed = previous.pairs[k].alignment.marks().iter().filter(|m| m.status.is_reviewed()).count();
            let why = match self.pairs.iter().find(|p| &p.side.lang == lang) {
                _ if reviewed == 0 => return None,
                None => "which this run does not align",
                Some(p) if p.kept.beads.is_empty() => "none of which matches the new files (other documents?)",
                Some(_) => return None,
            };
            Some(LostReview { pair: format!("{}-{lang}", previous.pivot().lang), reviewed, why })
        })
    }
}
