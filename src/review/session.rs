//! A review being edited: exact undo and redo, and whether there is
//! anything unsaved.
//!
//! Undo keeps whole snapshots of the pairs and the log (the documents never
//! change in a session), so that undoing returns exactly the state before
//! the edit — marks, flags and log included — however the edit rebuilt the
//! beads. The history is unlimited and survives saves.

use super::edit::{Edit, EditError};
use super::rows::Counts;
use super::state::{LogEntry, PairReview, Review};
use super::syntax::ParseEditError;

/// A review with its undo history.
#[derive(Debug, Clone)]
pub struct Session {
    review: Review,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The id of the current state: every edit makes a new one, undo and
    /// redo bring old ones back.
    state: u64,
    next_state: u64,
    saved: u64,
}

/// What an edit changed: the pairs and the log (the rest never changes).
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    pairs: Vec<PairReview>,
    log: Vec<LogEntry>,
}

/// A state to go back (or forward) to.
#[derive(Debug, Clone)]
struct Step {
    snapshot: Snapshot,
    state: u64,
    /// The row the edit was made on, for the cursor after an undo.
    edited_row: usize,
    /// The row the edit put the cursor on, for the cursor after a redo.
    cursor: usize,
}

/// A journal line that cannot be replayed.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("line {line} (`{text}`): {reason}; the {applied} lines before it were recovered")]
pub struct ReplayError {
    /// 1-based.
    pub line: usize,
    pub text: String,
    /// Lines replayed before it.
    pub applied: usize,
    pub reason: ReplayFailure,
}

#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ReplayFailure {
    #[error(transparent)]
    Parse(#[from] ParseEditError),
    #[error(transparent)]
    Edit(#[from] EditError),
    /// An `undo` of an edit saved before the journal began (the journal is
    /// cleared on every save).
    #[error("there is nothing to undo (the undone edit was saved before the journal began)")]
    NothingToUndo,
    #[error("there is nothing to redo")]
    NothingToRedo,
}

/// The journal's word for an undo.
pub const UNDO: &str = "undo";
/// The journal's word for a redo.
pub const REDO: &str = "redo";

impl Session {
    /// A session on a review as loaded (saved, nothing to undo).
    pub fn new(review: Review) -> Session {
        Session { review, undo: Vec::new(), redo: Vec::new(), state: 0, next_state: 1, saved: 0 }
    }

    pub fn review(&self) -> &Review {
        &self.review
    }

    /// Applies `edit` now (the log records the current time).
    pub fn apply(&mut self, edit: &Edit) -> Result<usize, EditError> {
        self.apply_at(edit, &humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string())
    }

    /// Applies `edit` with `now` (RFC 3339) as its time in the log; an edit
    /// clears what could be redone.
    pub fn apply_at(&mut self, edit: &Edit, now: &str) -> Result<usize, EditError> {
        let edited_row = self.review.resolve_row(edit.row())?;
        let before = self.snapshot();
        let cursor = self.review.apply(edit, now)?;
        self.undo.push(Step { snapshot: before, state: self.state, edited_row, cursor });
        self.redo.clear();
        self.state = self.next_state;
        self.next_state += 1;
        Ok(cursor)
    }

    /// Goes back to the state before the last edit; the row to put the
    /// cursor on, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<usize> {
        let step = self.undo.pop()?;
        let (row, cursor) = (step.edited_row, step.cursor);
        let current = Step { snapshot: self.snapshot(), state: self.state, edited_row: row, cursor };
        self.restore(step);
        self.redo.push(current);
        Some(row)
    }

    /// Makes the last undone edit again; `None` when there is none.
    pub fn redo(&mut self) -> Option<usize> {
        let step = self.redo.pop()?;
        let (row, cursor) = (step.edited_row, step.cursor);
        let current = Step { snapshot: self.snapshot(), state: self.state, edited_row: row, cursor };
        self.restore(step);
        self.undo.push(current);
        Some(cursor)
    }

    /// Whether the review differs from what was last saved (or loaded).
    pub fn is_dirty(&self) -> bool {
        self.state != self.saved
    }

    /// The current state is on disk.
    pub fn mark_saved(&mut self) {
        self.saved = self.state;
    }

    pub fn counts(&self) -> Counts {
        self.review.counts()
    }

    /// Replays journal lines (edits as [`Edit::display`] writes them,
    /// [`UNDO`], [`REDO`]) in order, as they were made; stops at the first
    /// line that fails. Returns the cursor after the last line (`None` for
    /// no lines).
    pub fn replay(&mut self, lines: &[String]) -> Result<Option<usize>, ReplayError> {
        let mut cursor = None;
        for (n, text) in lines.iter().enumerate() {
            let fail = |reason: ReplayFailure| ReplayError { line: n + 1, text: text.clone(), applied: n, reason };
            cursor = Some(match text.trim() {
                UNDO => self.undo().ok_or_else(|| fail(ReplayFailure::NothingToUndo))?,
                REDO => self.redo().ok_or_else(|| fail(ReplayFailure::NothingToRedo))?,
                line => {
                    let edit = Edit::parse(line, &self.review).map_err(|e| fail(e.into()))?;
                    self.apply(&edit).map_err(|e| fail(e.into()))?
                }
            });
        }
        Ok(cursor)
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot { pairs: self.review.pairs.clone(), log: self.review.log.clone() }
    }

    fn restore(&mut self, step: Step) {
        self.review.pairs = step.snapshot.pairs;
        self.review.log = step.snapshot.log;
        self.state = step.state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::edit::RowRef;
    use crate::review::rows::SideRef;
    use crate::review::testing::review;

    #[test]
    fn undo_and_redo_are_exact_and_track_the_saved_state() {
        let mut s = Session::new(review(&[&[(1, 1), (1, 1), (1, 1)], &[(1, 1), (1, 1), (1, 2)]]));
        let start = s.review().clone();
        assert!(!s.is_dirty());
        s.apply_at(&Edit::Merge { row: RowRef::Index(0) }, "2026-12-01T00:00:00Z").unwrap();
        let merged = s.review().clone();
        s.mark_saved();
        assert_eq!(s.apply_at(&Edit::Confirm { row: RowRef::Index(1) }, "2026-12-01T00:00:01Z"), Ok(1));
        assert!(s.is_dirty());
        assert_eq!(s.undo(), Some(1));
        assert_eq!(s.review(), &merged);
        assert!(!s.is_dirty(), "back at the saved state");
        assert_eq!(s.undo(), Some(0));
        assert_eq!(s.review(), &start);
        assert!(s.is_dirty());
        assert_eq!(s.undo(), None);
        assert!(s.redo().is_some());
        assert_eq!(s.review(), &merged);
        // A new edit forgets what could be redone.
        s.apply_at(&Edit::Detach { row: RowRef::Index(1), side: SideRef::Pivot }, "t").unwrap();
        assert_eq!(s.redo(), None);
        assert!(s.is_dirty());
    }

    #[test]
    fn a_failed_edit_leaves_no_history() {
        let mut s = Session::new(review(&[&[(1, 1), (1, 1)]]));
        assert!(s.apply_at(&Edit::Merge { row: RowRef::Index(1) }, "t").is_err());
        assert!(!s.is_dirty());
        assert_eq!(s.undo(), None);
    }

    #[test]
    fn replay_repeats_edits_undos_and_redos() {
        let r = review(&[&[(1, 1), (1, 1), (1, 1)]]);
        let lines: Vec<String> = ["merge en:0", "confirm en:2", "undo", "redo", "undo"].map(String::from).to_vec();
        let mut s = Session::new(r.clone());
        s.replay(&lines).unwrap();
        let mut by_hand = Session::new(r.clone());
        by_hand.apply_at(&Edit::Merge { row: RowRef::Index(0) }, "t").unwrap();
        assert_eq!(s.review().pairs, by_hand.review().pairs);
        assert_eq!(s.review().log.len(), 1);
        let err = Session::new(r).replay(&["merge en:0".into(), "undo".into(), "undo".into()]).unwrap_err();
        assert_eq!((err.line, err.applied, err.reason), (3, 2, ReplayFailure::NothingToUndo));
    }
}
