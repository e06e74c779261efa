//! What a person reads: the rows of a review.
//!
//! With one pair, a row is a bead. With two pairs or more, the rows are the
//! joined table ([`crate::join`]): a row groups pivot sentences with the
//! sentences of every other language aligned to them, and takes the union
//! where the pairings split the pivot differently. Either way a row is, in
//! every pair, a run of whole beads (possibly none), and the rows cover
//! every sentence of every side once, in order — which is what lets the
//! edits ([`super::edit`]) work on rows.

use std::ops::Range;

use crate::join::join;

use super::flags::{Flag, Flags, CONFIDENT_SCORE};
use super::state::Review;
use super::status::Status;

/// A side of a review: the pivot or the other language of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SideRef {
    Pivot,
    /// Index into [`Review::pairs`].
    Other(usize),
}

/// One row as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct RowView {
    pub index: usize,
    /// Pivot sentence ids.
    pub pivot: Range<usize>,
    /// Per pair: the other language's sentence ids.
    pub others: Vec<Range<usize>>,
    /// Per pair: the product of its beads' scores in the row, `None` where
    /// the pair has no bead in it (sentences inserted in another language).
    pub scores: Vec<Option<f64>>,
    /// Per pair: the status of its beads in the row ([`Status::of_group`]).
    pub statuses: Vec<Option<Status>>,
    /// `Auto` unless every bead of the row is confirmed or edited; `Edited`
    /// if any of them is edited.
    pub status: Status,
    /// Sentences per side, pivot first: `1-1`, `2-1-1`.
    pub kind: String,
    /// The flags of the row's beads, and those of the row itself
    /// ([`Flag::PairingsDiffer`], [`Flag::OneSidedDeletion`]).
    pub flags: Flags,
}

/// How many rows stand where: for a status bar and the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub rows: usize,
    pub auto: usize,
    pub confirmed: usize,
    pub edited: usize,
    /// Rows still `auto` that carry a flag: the doubtful work left.
    pub flagged: usize,
}

/// A row as the edits see it: its sentences and, per pair, its beads.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RowSpan {
    pub pivot: Range<usize>,
    pub others: Vec<Range<usize>>,
    /// Per pair: indices of its beads that make up the row.
    pub beads: Vec<Range<usize>>,
}

impl RowSpan {
    /// The sentences of `side` in the row.
    pub fn side(&self, side: SideRef) -> Range<usize> {
        match side {
            SideRef::Pivot => self.pivot.clone(),
            SideRef::Other(k) => self.others[k].clone(),
        }
    }
}

impl Review {
    /// The rows in reading order.
    pub fn rows(&self) -> Vec<RowView> {
        self.spans().into_iter().enumerate().map(|(index, span)| self.view(index, span)).collect()
    }

    /// Rows by status, and the unreviewed rows with flags.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for row in self.rows() {
            c.rows += 1;
            match row.status {
                Status::Auto => {
                    c.auto += 1;
                    c.flagged += usize::from(!row.flags.is_empty());
                }
                Status::Confirmed => c.confirmed += 1,
                Status::Edited => c.edited += 1,
            }
        }
        c
    }

    /// The row that holds sentence `sentence` of `side`; `None` for a side
    /// or sentence the review does not have.
    pub fn row_of(&self, side: SideRef, sentence: usize) -> Option<usize> {
        if matches!(side, SideRef::Other(k) if k >= self.pairs.len()) {
            return None;
        }
        let spans = self.spans();
        // Every side's ranges follow each other in row order.
        let row = spans.partition_point(|s| s.side(side).end <= sentence);
        spans.get(row).filter(|s| s.side(side).contains(&sentence)).map(|_| row)
    }

    pub(super) fn spans(&self) -> Vec<RowSpan> {
        if let [pair] = &self.pairs[..] {
            return pair
                .alignment
                .alignment()
                .beads()
                .iter()
                .enumerate()
                .map(|(k, b)| {
                    let bead = std::iter::once(k..k + 1).collect();
                    RowSpan { pivot: b.src.clone(), others: vec![b.tgt.clone()], beads: bead }
                })
                .collect();
        }
        let scores: Vec<Vec<f64>> =
            self.pairs.iter().map(|p| p.alignment.marks().iter().map(|m| m.score).collect()).collect();
        let inputs: Vec<_> = self.pairs.iter().zip(&scores).map(|(p, s)| (p.alignment.alignment(), &s[..])).collect();
        let mut next = vec![0; self.pairs.len()];
        join(&inputs)
            .into_iter()
            .map(|row| {
                // A row is whole beads of every pair: take each pair's beads
                // while they end inside the row on both sides.
                let beads = self
                    .pairs
                    .iter()
                    .zip(&mut next)
                    .zip(&row.others)
                    .map(|((p, next), other)| {
                        let all = p.alignment.alignment().beads();
                        let start = *next;
                        while all.get(*next).is_some_and(|b| b.src.end <= row.pivot.end && b.tgt.end <= other.end) {
                            *next += 1;
                        }
                        start..*next
                    })
                    .collect();
                RowSpan { pivot: row.pivot, others: row.others, beads }
            })
            .collect()
    }

    fn view(&self, index: usize, span: RowSpan) -> RowView {
        let marks: Vec<_> = self.pairs.iter().zip(&span.beads).map(|(p, b)| &p.alignment.marks()[b.clone()]).collect();
        let scores = marks.iter().map(|m| (!m.is_empty()).then(|| m.iter().map(|m| m.score).product())).collect();
        let statuses: Vec<Option<Status>> =
            marks.iter().map(|m| Status::of_group(m.iter().map(|m| m.status))).collect();
        let status = Status::of_group(statuses.iter().flatten().copied()).unwrap_or(Status::Auto);
        let sides: Vec<usize> = std::iter::once(span.pivot.len()).chain(span.others.iter().map(|o| o.len())).collect();
        let kind = sides.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("-");
        let mut flags = Flags::new();
        for m in marks.iter().flat_map(|m| m.iter()) {
            flags.extend_from(&m.flags);
        }
        if sides.iter().any(|&n| n != 1) {
            flags.insert(Flag::NotOneToOne);
        }
        if self.pairs.len() > 1 {
            if span.beads.iter().any(|b| b.len() > 1) {
                flags.insert(Flag::PairingsDiffer);
            }
            if self.one_sided_deletion(&span) {
                flags.insert(Flag::OneSidedDeletion);
            }
        }
        RowView { index, pivot: span.pivot, others: span.others, scores, statuses, status, kind, flags }
    }

    /// One pair is a confident 1-1 in the row where another deletes a pivot
    /// sentence: one of them is wrong.
    fn one_sided_deletion(&self, span: &RowSpan) -> bool {
        let beads = |k: usize| self.pairs[k].alignment.beads().skip(span.beads[k].start).take(span.beads[k].len());
        let confident = (0..self.pairs.len())
            .any(|k| beads(k).any(|(b, m)| b.src.len() == 1 && b.tgt.len() == 1 && m.score >= CONFIDENT_SCORE));
        let deletes = (0..self.pairs.len()).any(|k| beads(k).any(|(b, _)| !b.src.is_empty() && b.tgt.is_empty()));
        confident && deletes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::review;

    #[test]
    fn one_pair_has_one_row_per_bead() {
        let r = review(&[&[(1, 1), (2, 1), (0, 1), (1, 0)]]);
        let rows = r.rows();
        let kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, ["1-1", "2-1", "0-1", "1-0"]);
        assert_eq!(rows[1].pivot, 1..3);
        assert_eq!(rows[1].scores, [Some(0.8)]);
        assert_eq!(rows[1].statuses, [Some(Status::Auto)]);
        assert!(rows[1].flags.contains(Flag::NotOneToOne) && !rows[0].flags.contains(Flag::NotOneToOne));
        assert_eq!(r.row_of(SideRef::Pivot, 2), Some(1));
        assert_eq!(r.row_of(SideRef::Other(0), 2), Some(2));
        assert_eq!(r.row_of(SideRef::Pivot, 3), Some(3));
        assert_eq!(r.row_of(SideRef::Pivot, 4), None);
        assert_eq!(r.row_of(SideRef::Other(1), 0), None);
    }

    #[test]
    fn joined_rows_tell_where_pairings_differ() {
        // ru: 1-1 | 1-1 | 1-1 ; zh: 1-1 | 2-1
        let mut r = review(&[&[(1, 1), (1, 1), (1, 1)], &[(1, 1), (2, 1)]]);
        let rows = r.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].kind, "2-2-1");
        assert_eq!(rows[1].scores, [Some(0.8 * 0.8), Some(0.8)]);
        assert!(rows[1].flags.contains(Flag::PairingsDiffer));
        assert!(!rows[0].flags.contains(Flag::PairingsDiffer));
        r.pairs[0].alignment.marks_mut()[0].status = Status::Edited;
        r.pairs[1].alignment.marks_mut()[0].status = Status::Confirmed;
        let rows = r.rows();
        assert_eq!(rows[0].status, Status::Edited);
        assert_eq!(rows[0].statuses, [Some(Status::Edited), Some(Status::Confirmed)]);
        assert_eq!(r.row_of(SideRef::Other(1), 1), Some(1));
    }

    #[test]
    fn a_confident_1_1_against_a_deletion_is_flagged() {
        let mut r = review(&[&[(1, 1), (1, 1)], &[(1, 1), (1, 0)]]);
        assert!(!r.rows()[1].flags.contains(Flag::OneSidedDeletion), "0.8 is not confident");
        r.pairs[0].alignment.marks_mut()[1].score = 0.95;
        let rows = r.rows();
        assert!(rows[1].flags.contains(Flag::OneSidedDeletion));
        assert_eq!(rows[1].kind, "1-1-0");
        assert_eq!(rows[1].statuses[1], Some(Status::Auto));
    }

    #[test]
    fn inserted_sentences_make_rows_without_a_bead_of_the_other_pair() {
        let r = review(&[&[(1, 1), (0, 2), (1, 1)], &[(1, 1), (1, 1)]]);
        let rows = r.rows();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].kind, "0-2-0");
        assert_eq!(rows[1].scores, [Some(0.8), None]);
        assert_eq!(rows[1].statuses, [Some(Status::Auto), None]);
    }
}
