//! The edits a person makes to a review, and how each is applied.
//!
//! Every edit works on rows ([`super::rows`]): a row is, in every pair, a
//! run of whole beads (possibly none). An edit says which rows it replaces
//! and by which rows; each affected pair then gets one bead per new row and
//! is rebuilt through [`Alignment::new`] and [`ReviewedAlignment::new`], so
//! that no edit can leave a sentence out, twice, or out of order — the
//! library enforces it, not the caller. An edit that makes no sense (merge
//! the last row, move from an empty side, …) returns an [`EditError`] and
//! changes nothing.
//!
//! The `--apply` line syntax, one edit per line (side names are language
//! codes; a row is `#12`, its index, or `en:12`, the row holding that
//! sentence):
//!
//! ```text
//! confirm #0          confirm-to #40       merge #12
//! split en:5          split en:5 at ru:7   detach #9 en
//! move-prev #3 ru     move-next en:4 zh    realign en:5
//! ```

use std::ops::Range;

use crate::align::{Alignment, AlignmentError, Bead};
use crate::evidence::length::key_length;
use crate::input::key;

use super::flags::text_flags;
use super::rows::{RowSpan, SideRef};
use super::state::{BeadMark, LogEntry, Review, ReviewedAlignment};
use super::status::Status;

/// Which row an edit acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowRef {
    /// The row's index (`#12`): what a person sees now.
    Index(usize),
    /// The row that holds a sentence (`en:12`, `ru:3`): stable across
    /// re-alignment, so scripts and logs use it.
    Sentence(SideRef, usize),
}

/// One change to a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// Mark the row's automatic beads confirmed.
    Confirm { row: RowRef },
    /// Confirm every row from the top to this one.
    ConfirmTo { row: RowRef },
    /// Merge the row with the next one.
    Merge { row: RowRef },
    /// Without `at`: each pivot sentence its own row, the other sides
    /// distributed by length. With `at`: two rows, the first ending before
    /// that sentence, the other sides cut where the length proportion fits.
    Split { row: RowRef, at: Option<(SideRef, usize)> },
    /// Move the side's first sentence in the row to the previous row (for
    /// the pivot: in every pair).
    MoveFirstToPrevious { row: RowRef, side: SideRef },
    /// Move the side's last sentence in the row to the next row.
    MoveLastToNext { row: RowRef, side: SideRef },
    /// Make the side's sentences of the row a row of their own, without
    /// counterpart.
    Detach { row: RowRef, side: SideRef },
    /// Align the automatic beads around the row again, between the nearest
    /// reviewed beads before and after it ([`super::realign`]).
    Realign { row: RowRef },
}

impl Edit {
    /// The row the edit acts on.
    pub fn row(&self) -> RowRef {
        match *self {
            Edit::Confirm { row }
            | Edit::ConfirmTo { row }
            | Edit::Merge { row }
            | Edit::Split { row, .. }
            | Edit::MoveFirstToPrevious { row, .. }
            | Edit::MoveLastToNext { row, .. }
            | Edit::Detach { row, .. }
            | Edit::Realign { row } => row,
        }
    }
}

/// Why an edit cannot be applied; the review is unchanged.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is no row #{index}: the review has {rows} rows")]
    NoSuchRow { index: usize, rows: usize },
    #[error("there is no sentence {lang}:{sentence}: {lang} has {count} sentences (ids from 0)")]
    NoSuchSentence { lang: String, sentence: usize, count: usize },
    #[error("the review has no pair {pair}")]
    NoSuchSide { pair: usize },
    #[error("row #{row} is the last row: there is no next row")]
    LastRow { row: usize },
    #[error("row #{row} is the first row: there is no previous row")]
    FirstRow { row: usize },
    #[error("row #{row} has no {lang} sentence")]
    EmptySide { row: usize, lang: String },
    #[error("row #{row} has {pivot} pivot sentence(s): say where to split it, e.g. `split #{row} at {lang}:ID`")]
    NeedsSplitPoint { row: usize, pivot: usize, lang: String },
    #[error("{lang}:{sentence} is not in row #{row}: split the row that holds it")]
    SplitOutsideRow { row: usize, lang: String, sentence: usize },
    #[error("{lang}:{sentence} is the first {lang} sentence of row #{row}: nothing would be left before it")]
    SplitAtStart { row: usize, lang: String, sentence: usize },
    #[error("row #{row} has no pivot sentence: its sentences stay in one row however they are split (move or detach them instead)")]
    NoPivotToSplit { row: usize },
    #[error("the {lang} sentences of row #{row} have no counterpart already")]
    AlreadyDetached { row: usize, lang: String },
    #[error("nothing to do: {0}")]
    Unchanged(String),
    #[error("the edit would break pair {pair} ({source}); this is a bug in trialign, please report it")]
    Broken {
        pair: usize,
        #[source]
        source: AlignmentError,
    },
}

/// What an edit does to the rows: rows `replaced` become `rows`, in the
/// pairs marked in `pairs`; the cursor goes to the row of `anchor`.
struct Plan {
    replaced: Range<usize>,
    rows: Vec<NewRow>,
    pairs: Vec<bool>,
    anchor: (SideRef, usize),
}

struct NewRow {
    pivot: Range<usize>,
    others: Vec<Range<usize>>,
}

impl Review {
    /// Applies `edit` at time `now` (RFC 3339, for the log) and returns the
    /// row to put the cursor on. On error nothing changes.
    pub fn apply(&mut self, edit: &Edit, now: &str) -> Result<usize, EditError> {
        let line = edit.display(self).to_string();
        let spans = self.spans();
        let cursor = match *edit {
            Edit::Confirm { row } => {
                let r = self.resolve(row, &spans)?;
                self.confirm(&spans[r..=r], &format!("row #{r} is confirmed already"))?;
                (r + 1).min(spans.len() - 1)
            }
            Edit::ConfirmTo { row } => {
                let r = self.resolve(row, &spans)?;
                self.confirm(&spans[..=r], &format!("rows #0 to #{r} are confirmed already"))?;
                (r + 1).min(spans.len() - 1)
            }
            Edit::Realign { row } => {
                let r = self.resolve(row, &spans)?;
                self.realign(r, &spans)?
            }
            _ => {
                let plan = self.plan(edit, &spans)?;
                self.rebuild(&spans, &plan)?;
                let (side, sentence) = plan.anchor;
                self.row_of(side, sentence).unwrap_or(plan.replaced.start)
            }
        };
        self.log.push(LogEntry { time: now.to_string(), edit: line });
        Ok(cursor)
    }

    /// The index of the row `row` names.
    pub fn resolve_row(&self, row: RowRef) -> Result<usize, EditError> {
        self.resolve(row, &self.spans())
    }

    fn resolve(&self, row: RowRef, spans: &[RowSpan]) -> Result<usize, EditError> {
        match row {
            RowRef::Index(index) if index < spans.len() => Ok(index),
            RowRef::Index(index) => Err(EditError::NoSuchRow { index, rows: spans.len() }),
            RowRef::Sentence(side, sentence) => {
                let count = self.side_len(side)?;
                let lang = self.code(side).to_string();
                let row = spans.partition_point(|s| s.side(side).end <= sentence);
                (sentence < count).then_some(row).ok_or(EditError::NoSuchSentence { lang, sentence, count })
            }
        }
    }

    fn side_len(&self, side: SideRef) -> Result<usize, EditError> {
        match side {
            SideRef::Pivot => Ok(self.pivot().sentences.len()),
            SideRef::Other(k) if k < self.pairs.len() => Ok(self.other(k).sentences.len()),
            SideRef::Other(pair) => Err(EditError::NoSuchSide { pair }),
        }
    }

    /// The language code of a side (`?` for a side the review lacks).
    pub fn code(&self, side: SideRef) -> &str {
        match side {
            SideRef::Pivot => self.pivot().lang.code(),
            SideRef::Other(k) if k < self.pairs.len() => self.other(k).lang.code(),
            SideRef::Other(_) => "?",
        }
    }

    fn confirm(&mut self, spans: &[RowSpan], already: &str) -> Result<(), EditError> {
        let mut changed = false;
        for span in spans {
            for (pair, beads) in self.pairs.iter_mut().zip(&span.beads) {
                for mark in &mut pair.alignment.marks_mut()[beads.clone()] {
                    if mark.status == Status::Auto {
                        mark.status = Status::Confirmed;
                        changed = true;
                    }
                }
            }
        }
        if changed {
            Ok(())
        } else {
            Err(EditError::Unchanged(already.to_string()))
        }
    }

    fn plan(&self, edit: &Edit, spans: &[RowSpan]) -> Result<Plan, EditError> {
        let all = vec![true; self.pairs.len()];
        let only = |side: SideRef| match side {
            SideRef::Pivot => all.clone(),
            SideRef::Other(k) => (0..self.pairs.len()).map(|j| j == k).collect(),
        };
        let this = |r: usize| NewRow { pivot: spans[r].pivot.clone(), others: spans[r].others.clone() };
        match *edit {
            Edit::Confirm { .. } | Edit::ConfirmTo { .. } | Edit::Realign { .. } => {
                unreachable!("confirming changes no bead; re-aligning plans no rows")
            }
            Edit::Merge { row } => {
                let r = self.resolve(row, spans)?;
                let next = spans.get(r + 1).ok_or(EditError::LastRow { row: r })?;
                let (a, b) = (&spans[r], next);
                let others = a.others.iter().zip(&b.others).map(|(x, y)| x.start..y.end).collect();
                let anchor = first_sentence(a);
                Ok(Plan {
                    replaced: r..r + 2,
                    rows: vec![NewRow { pivot: a.pivot.start..b.pivot.end, others }],
                    pairs: all,
                    anchor,
                })
            }
            Edit::Split { row, at: None } => {
                let r = self.resolve(row, spans)?;
                let span = &spans[r];
                if span.pivot.len() < 2 {
                    let lang = self.code(SideRef::Other(0)).to_string();
                    return Err(EditError::NeedsSplitPoint { row: r, pivot: span.pivot.len(), lang });
                }
                // Cut every other side at the pivot sentences' length shares.
                let pivot_weights = self.weights(SideRef::Pivot, span.pivot.clone());
                let cuts: Vec<Vec<usize>> = (0..self.pairs.len())
                    .map(|k| {
                        let weights = self.weights(SideRef::Other(k), span.others[k].clone());
                        let mut cuts = vec![span.others[k].start];
                        for i in 1..span.pivot.len() {
                            let at = best_cut(&weights, span.others[k].start, share(&pivot_weights, i));
                            cuts.push(at.max(*cuts.last().unwrap_or(&0)));
                        }
                        cuts.push(span.others[k].end);
                        cuts
                    })
                    .collect();
                let rows = span
                    .pivot
                    .clone()
                    .enumerate()
                    .map(|(i, p)| NewRow { pivot: p..p + 1, others: cuts.iter().map(|c| c[i]..c[i + 1]).collect() })
                    .collect();
                Ok(Plan { replaced: r..r + 1, rows, pairs: all, anchor: (SideRef::Pivot, span.pivot.start) })
            }
            Edit::Split { row, at: Some((side, sentence)) } => {
                let r = self.resolve(row, spans)?;
                self.side_len(side)?;
                let span = &spans[r];
                let range = span.side(side);
                let lang = self.code(side).to_string();
                if !range.contains(&sentence) {
                    return Err(EditError::SplitOutsideRow { row: r, lang, sentence });
                }
                if sentence == range.start {
                    return Err(EditError::SplitAtStart { row: r, lang, sentence });
                }
                // Joined rows gather all insertions at one pivot position:
                // the two halves would still be one row.
                if span.pivot.is_empty() && self.pairs.len() > 1 {
                    return Err(EditError::NoPivotToSplit { row: r });
                }
                let q = share(&self.weights(side, range.clone()), sentence - range.start);
                let cut_at = |s: SideRef| {
                    let range = span.side(s);
                    if s == side {
                        sentence
                    } else {
                        best_cut(&self.weights(s, range.clone()), range.start, q)
                    }
                };
                let p = cut_at(SideRef::Pivot);
                // The other pairs change only where the pivot is cut inside
                // the row; else the split is the chosen pair's alone.
                let pairs = if side == SideRef::Pivot || (p > span.pivot.start && p < span.pivot.end) {
                    all
                } else {
                    only(side)
                };
                let cuts: Vec<usize> = (0..self.pairs.len()).map(|k| cut_at(SideRef::Other(k))).collect();
                let first = NewRow {
                    pivot: span.pivot.start..p,
                    others: span.others.iter().zip(&cuts).map(|(o, &c)| o.start..c).collect(),
                };
                let second = NewRow {
                    pivot: p..span.pivot.end,
                    others: span.others.iter().zip(&cuts).map(|(o, &c)| c..o.end).collect(),
                };
                Ok(Plan { replaced: r..r + 1, rows: vec![first, second], pairs, anchor: (side, sentence) })
            }
            Edit::MoveFirstToPrevious { row, side } | Edit::MoveLastToNext { row, side } => {
                let r = self.resolve(row, spans)?;
                self.side_len(side)?;
                let lang = self.code(side).to_string();
                let range = spans[r].side(side);
                if range.is_empty() {
                    return Err(EditError::EmptySide { row: r, lang });
                }
                let to_previous = matches!(edit, Edit::MoveFirstToPrevious { .. });
                let (first, sentence) = if to_previous {
                    (r.checked_sub(1).ok_or(EditError::FirstRow { row: r })?, range.start)
                } else {
                    spans.get(r + 1).ok_or(EditError::LastRow { row: r })?;
                    (r, range.end - 1)
                };
                // The boundary between the two rows moves by one sentence on
                // this side.
                let (mut a, mut b) = (this(first), this(first + 1));
                let boundary = if to_previous { sentence + 1 } else { sentence };
                match side {
                    SideRef::Pivot => (a.pivot.end, b.pivot.start) = (boundary, boundary),
                    SideRef::Other(k) => (a.others[k].end, b.others[k].start) = (boundary, boundary),
                }
                Ok(Plan { replaced: first..first + 2, rows: vec![a, b], pairs: only(side), anchor: (side, sentence) })
            }
            Edit::Detach { row, side } => {
                let r = self.resolve(row, spans)?;
                self.side_len(side)?;
                let span = &spans[r];
                let lang = self.code(side).to_string();
                let range = span.side(side);
                if range.is_empty() {
                    return Err(EditError::EmptySide { row: r, lang });
                }
                let counterparts = match side {
                    SideRef::Pivot => span.others.iter().any(|o| !o.is_empty()),
                    SideRef::Other(_) => !span.pivot.is_empty(),
                };
                if !counterparts {
                    return Err(EditError::AlreadyDetached { row: r, lang });
                }
                // The row's pivot sentences first (for the pivot: as
                // deletions), then the detached or the other sentences, as
                // insertions after them.
                let (mut alone, mut rest) = (this(r), this(r));
                rest.pivot = span.pivot.end..span.pivot.end;
                match side {
                    SideRef::Pivot => alone.others.iter_mut().for_each(|o| *o = o.start..o.start),
                    SideRef::Other(k) => alone.others[k] = range.start..range.start,
                }
                let anchor = (side, range.start);
                Ok(Plan { replaced: r..r + 1, rows: vec![alone, rest], pairs: only(side), anchor })
            }
        }
    }

    /// Length weights of a side's sentences in `range`: non-space characters
    /// of the key, plus one so that an empty sentence still counts.
    fn weights(&self, side: SideRef, range: Range<usize>) -> Vec<f64> {
        let texts = match side {
            SideRef::Pivot => &self.pivot().sentences,
            SideRef::Other(k) => &self.other(k).sentences,
        };
        texts[range].iter().map(|t| key_length(&key(t)) + 1.0).collect()
    }

    /// Replaces, in every pair of the plan, the beads of the replaced rows by
    /// one bead per new row. A new bead equal to an old one keeps its mark;
    /// the others are the person's: edited, score 1, flags from the texts.
    fn rebuild(&mut self, spans: &[RowSpan], plan: &Plan) -> Result<(), EditError> {
        let mut rebuilt = Vec::new();
        for (k, pair) in self.pairs.iter().enumerate().filter(|(k, _)| plan.pairs[*k]) {
            let old = pair.alignment.alignment();
            let range = spans[plan.replaced.start].beads[k].start..spans[plan.replaced.end - 1].beads[k].end;
            let replaced: Vec<(&Bead, &BeadMark)> =
                pair.alignment.beads().skip(range.start).take(range.len()).collect();
            let mut beads = old.beads()[..range.start].to_vec();
            let mut marks = pair.alignment.marks()[..range.start].to_vec();
            for row in &plan.rows {
                let bead = Bead::new(row.pivot.clone(), row.others[k].clone());
                if bead.src.is_empty() && bead.tgt.is_empty() {
                    continue;
                }
                let mark = match replaced.iter().find(|(b, _)| **b == bead) {
                    Some((_, m)) => (*m).clone(),
                    None => {
                        let (pivot, other) = (&self.languages[0].sentences, &self.languages[pair.other].sentences);
                        let flags = text_flags(pivot, other, &pair.run, &bead, 1.0, self.review_threshold);
                        BeadMark { score: 1.0, status: Status::Edited, risk: None, flags }
                    }
                };
                beads.push(bead);
                marks.push(mark);
            }
            beads.extend_from_slice(&old.beads()[range.end..]);
            marks.extend_from_slice(&pair.alignment.marks()[range.end..]);
            let alignment = Alignment::new(beads, old.n_src(), old.n_tgt())
                .map_err(|source| EditError::Broken { pair: k, source })?;
            let reviewed = ReviewedAlignment::new(alignment, marks).expect("one mark pushed per bead");
            if reviewed != pair.alignment {
                rebuilt.push((k, reviewed));
            }
        }
        if rebuilt.is_empty() {
            return Err(EditError::Unchanged("the edit leaves every bead as it was".to_string()));
        }
        for (k, reviewed) in rebuilt {
            self.pairs[k].alignment = reviewed;
        }
        Ok(())
    }
}

/// The first sentence of a row: its first pivot sentence, else the first of
/// another side (a row of inserted sentences).
pub(super) fn first_sentence(span: &RowSpan) -> (SideRef, usize) {
    if !span.pivot.is_empty() {
        return (SideRef::Pivot, span.pivot.start);
    }
    let k = span.others.iter().position(|o| !o.is_empty()).unwrap_or(0);
    (SideRef::Other(k), span.others[k].start)
}

/// The share of the total weight of the first `n` items.
fn share(weights: &[f64], n: usize) -> f64 {
    let total: f64 = weights.iter().sum();
    weights[..n].iter().sum::<f64>() / total
}

/// Where to cut a run of sentences (with these weights, starting at sentence
/// `start`) so that the part before the cut has the share of the weight
/// nearest to `share`; the earliest such cut on a tie.
fn best_cut(weights: &[f64], start: usize, share_wanted: f64) -> usize {
    (0..=weights.len())
        .map(|n| (n, if weights.is_empty() { 0.0 } else { (share(weights, n) - share_wanted).abs() }))
        .fold((0, f64::INFINITY), |best, (n, d)| if d < best.1 { (n, d) } else { best })
        .0
        + start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::session::Session;
    use crate::review::testing::{arb_edit, arb_review, review};
    use proptest::prelude::*;

    const NOW: &str = "2026-12-01T22:40:00Z";

    /// Each pair's beads as `(pivot, other)` shapes.
    fn shapes(r: &Review) -> Vec<Vec<(usize, usize)>> {
        r.pairs
            .iter()
            .map(|p| p.alignment.alignment().beads().iter().map(|b| (b.src.len(), b.tgt.len())).collect())
            .collect()
    }

    fn statuses(r: &Review, k: usize) -> Vec<Status> {
        r.pairs[k].alignment.marks().iter().map(|m| m.status).collect()
    }

    fn row(i: usize) -> RowRef {
        RowRef::Index(i)
    }

    #[test]
    fn merge_joins_a_row_with_the_next_in_every_pair() {
        let mut r = review(&[&[(1, 1), (1, 1), (1, 2)], &[(1, 1), (1, 0), (1, 1)]]);
        assert_eq!(r.apply(&Edit::Merge { row: row(1) }, NOW), Ok(1));
        assert_eq!(shapes(&r), [vec![(1, 1), (2, 3)], vec![(1, 1), (2, 1)]]);
        assert_eq!(statuses(&r, 0), [Status::Auto, Status::Edited], "the untouched bead keeps its mark");
        let edited = &r.pairs[0].alignment.marks()[1];
        assert_eq!(edited.score, 1.0);
        assert!(edited.flags.contains(crate::review::Flag::NotOneToOne));
        assert_eq!(r.log, [LogEntry { time: NOW.into(), edit: "merge en:1".into() }]);
        assert_eq!(r.apply(&Edit::Merge { row: row(1) }, NOW), Err(EditError::LastRow { row: 1 }));
    }

    #[test]
    fn split_gives_each_pivot_sentence_a_row_and_shares_the_others_by_length() {
        // Pivot sentences of lengths 8, 13, 18, 23 ("en 0 word." …).
        let mut r = review(&[&[(2, 2), (2, 1)]]);
        assert_eq!(r.apply(&Edit::Split { row: row(0), at: None }, NOW), Ok(0));
        assert_eq!(shapes(&r), [vec![(1, 1), (1, 1), (2, 1)]]);
        let err = r.apply(&Edit::Split { row: row(0), at: None }, NOW).unwrap_err();
        assert!(matches!(err, EditError::NeedsSplitPoint { row: 0, pivot: 1, .. }), "{err}");
        // A 2-1 split: one pivot sentence gets the other sentence, the
        // other none.
        r.apply(&Edit::Split { row: row(2), at: None }, NOW).unwrap();
        assert_eq!(shapes(&r), [vec![(1, 1), (1, 1), (1, 0), (1, 1)]]);
    }

    #[test]
    fn split_at_a_sentence_cuts_the_other_sides_where_the_lengths_fit() {
        let mut r = review(&[&[(3, 3)], &[(3, 1)]]);
        let at = Some((SideRef::Other(0), 2));
        assert_eq!(r.apply(&Edit::Split { row: row(0), at }, NOW), Ok(1));
        assert_eq!(shapes(&r), [vec![(2, 2), (1, 1)], vec![(2, 1), (1, 0)]]);
        let err = r.apply(&Edit::Split { row: row(0), at: Some((SideRef::Pivot, 0)) }, NOW).unwrap_err();
        assert_eq!(err, EditError::SplitAtStart { row: 0, lang: "en".into(), sentence: 0 });
        let err = r.apply(&Edit::Split { row: row(0), at: Some((SideRef::Pivot, 2)) }, NOW).unwrap_err();
        assert_eq!(err, EditError::SplitOutsideRow { row: 0, lang: "en".into(), sentence: 2 });
    }

    #[test]
    fn moves_shift_one_sentence_between_neighbouring_rows() {
        let mut r = review(&[&[(1, 1), (2, 1)], &[(1, 2), (2, 1)]]);
        // The pivot: in every pair.
        let first = |side| Edit::MoveFirstToPrevious { row: row(1), side };
        assert_eq!(r.apply(&first(SideRef::Pivot), NOW), Ok(0));
        assert_eq!(shapes(&r), [vec![(2, 1), (1, 1)], vec![(2, 2), (1, 1)]]);
        // Another side: in its pair only.
        let last = Edit::MoveLastToNext { row: row(0), side: SideRef::Other(1) };
        assert_eq!(r.apply(&last, NOW), Ok(1));
        assert_eq!(shapes(&r), [vec![(2, 1), (1, 1)], vec![(2, 1), (1, 2)]]);
        assert_eq!(r.apply(&first(SideRef::Other(0)), NOW), Ok(0));
        assert_eq!(shapes(&r)[0], [(2, 2), (1, 0)]);
        assert_eq!(r.apply(&first(SideRef::Other(0)), NOW), Err(EditError::EmptySide { row: 1, lang: "ru".into() }));
        let err = r.apply(&Edit::MoveFirstToPrevious { row: row(0), side: SideRef::Pivot }, NOW);
        assert_eq!(err, Err(EditError::FirstRow { row: 0 }));
        let err = r.apply(&Edit::MoveLastToNext { row: row(1), side: SideRef::Pivot }, NOW);
        assert_eq!(err, Err(EditError::LastRow { row: 1 }));
    }

    #[test]
    fn detach_makes_a_side_a_row_of_its_own() {
        let mut r = review(&[&[(1, 1), (1, 1)], &[(1, 1), (1, 1)]]);
        assert_eq!(r.apply(&Edit::Detach { row: row(0), side: SideRef::Other(0) }, NOW), Ok(1));
        assert_eq!(shapes(&r), [vec![(1, 0), (0, 1), (1, 1)], vec![(1, 1), (1, 1)]]);
        let kinds: Vec<String> = r.rows().into_iter().map(|v| v.kind).collect();
        assert_eq!(kinds, ["1-0-1", "0-1-0", "1-1-1"]);
        let err = r.apply(&Edit::Detach { row: row(1), side: SideRef::Other(0) }, NOW).unwrap_err();
        assert_eq!(err, EditError::AlreadyDetached { row: 1, lang: "ru".into() });
        assert_eq!(r.apply(&Edit::Detach { row: row(2), side: SideRef::Pivot }, NOW), Ok(2));
        assert_eq!(shapes(&r), [vec![(1, 0), (0, 1), (1, 0), (0, 1)], vec![(1, 1), (1, 0), (0, 1)]]);
    }

    #[test]
    fn rows_of_inserted_sentences_take_and_give_sentences() {
        // Row 1 holds a Russian insertion; the Chinese pair has no bead there.
        let mut r = review(&[&[(1, 1), (0, 2), (1, 1)], &[(1, 1), (1, 1)]]);
        let kinds = |r: &Review| r.rows().into_iter().map(|v| v.kind).collect::<Vec<_>>();
        assert_eq!(kinds(&r), ["1-1-1", "0-2-0", "1-1-1"]);
        let err = r.apply(&Edit::Split { row: row(1), at: Some((SideRef::Other(0), 2)) }, NOW).unwrap_err();
        assert_eq!(err, EditError::NoPivotToSplit { row: 1 });
        // The pivot sentence of row 2 joins the inserted Russian sentences;
        // in the Chinese pair it becomes a deletion, its sentence an insertion.
        assert_eq!(r.apply(&Edit::MoveFirstToPrevious { row: row(2), side: SideRef::Pivot }, NOW), Ok(1));
        assert_eq!(shapes(&r), [vec![(1, 1), (1, 2), (0, 1)], vec![(1, 1), (1, 0), (0, 1)]]);
        assert_eq!(kinds(&r), ["1-1-1", "1-2-0", "0-1-1"]);
        assert_eq!(statuses(&r, 1), [Status::Auto, Status::Edited, Status::Edited]);
    }

    #[test]
    fn confirm_marks_auto_beads_and_refuses_to_do_nothing() {
        let mut r = review(&[&[(1, 1), (1, 1), (1, 1)]]);
        assert_eq!(r.apply(&Edit::Confirm { row: RowRef::Sentence(SideRef::Other(0), 1) }, NOW), Ok(2));
        assert_eq!(statuses(&r, 0), [Status::Auto, Status::Confirmed, Status::Auto]);
        assert_eq!(r.apply(&Edit::ConfirmTo { row: row(2) }, NOW), Ok(2));
        assert_eq!(statuses(&r, 0), [Status::Confirmed; 3]);
        assert!(matches!(r.apply(&Edit::Confirm { row: row(0) }, NOW), Err(EditError::Unchanged(_))));
        assert_eq!(r.log.len(), 2);
        let missing = Edit::Confirm { row: RowRef::Sentence(SideRef::Pivot, 3) };
        assert_eq!(r.apply(&missing, NOW), Err(EditError::NoSuchSentence { lang: "en".into(), sentence: 3, count: 3 }));
        assert_eq!(r.apply(&Edit::Confirm { row: row(3) }, NOW), Err(EditError::NoSuchRow { index: 3, rows: 3 }));
    }

    /// Every side's sentences in the rows exactly once, in order.
    fn check_rows(r: &Review) -> Result<(), TestCaseError> {
        let mut next = vec![0; r.pairs.len() + 1];
        for v in r.rows() {
            let sides = std::iter::once(&v.pivot).chain(&v.others);
            prop_assert!(sides.clone().any(|s| !s.is_empty()), "no empty row");
            for (n, s) in next.iter_mut().zip(sides) {
                prop_assert_eq!(s.start, *n);
                *n = s.end;
            }
        }
        prop_assert_eq!(next[0], r.pivot().sentences.len());
        // And the rows are whole beads of every pair, each bead in one row.
        for (k, pair) in r.pairs.iter().enumerate() {
            let mut bead = 0;
            for span in r.spans() {
                prop_assert_eq!(span.beads[k].start, bead);
                bead = span.beads[k].end;
            }
            prop_assert_eq!(bead, pair.alignment.marks().len());
        }
        for k in 0..r.pairs.len() {
            prop_assert_eq!(next[k + 1], r.other(k).sentences.len());
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn random_edits_keep_every_alignment_and_undo_is_exact(
            start in arb_review(),
            edits in prop::collection::vec(arb_edit(), 1..25),
        ) {
            let mut session = Session::new(start.clone());
            check_rows(&start)?;
            let mut states = vec![start];
            for edit in &edits {
                let before = session.review().clone();
                // The line form of the edit does the same as the edit (a
                // side the review lacks has no name: such an edit fails).
                let line = edit.display(&before).to_string();
                let by_line = Edit::parse(&line, &before).ok().map(|reread| {
                    let mut r = before.clone();
                    (reread.display(&before).to_string(), r.apply(&reread, NOW).map(|c| (c, r)))
                });
                let result = session.apply_at(edit, NOW);
                if let Some((reline, by_line)) = by_line {
                    prop_assert_eq!(&reline, &line);
                    let pairs = &session.review().pairs;
                    prop_assert_eq!(by_line.as_ref().map(|(c, r)| (*c, &r.pairs)), result.as_ref().map(|c| (*c, pairs)));
                } else {
                    prop_assert!(result.is_err());
                }
                match result {
                    Ok(cursor) => {
                        let after = session.review();
                        prop_assert!(cursor < after.rows().len());
                        let rebuilt = Review::new(after.languages.clone(), after.pairs.clone(), 0.5, 0.0, vec![]);
                        prop_assert!(rebuilt.is_ok());
                        check_rows(after)?;
                        states.push(after.clone());
                    }
                    Err(e) => {
                        prop_assert!(!matches!(e, EditError::Broken { .. }), "{}", e);
                        prop_assert_eq!(session.review(), &before, "a failed edit changes nothing");
                    }
                }
            }
            while session.undo().is_some() {
                states.pop();
                prop_assert_eq!(session.review(), states.last().unwrap());
            }
            prop_assert_eq!(states.len(), 1);
        }
    }
}
