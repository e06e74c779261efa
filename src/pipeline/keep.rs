//! Re-aligning a folder that holds a review: the beads a person confirmed
//! or edited are carried over to the new sentences (matched by text, so an
//! edit elsewhere in a file does not lose them) and kept as fixed parts of
//! the new path; only the stretches between them are aligned again.

use super::Side;
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
