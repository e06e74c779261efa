//! `review.journal`: every change to a review since it was last saved, one
//! line each, written to disk before the next key is read.
//!
//! A line is an edit as [`Edit::display`](crate::review::Edit::display)
//! writes it, or `undo` / `redo`; each is appended and fsynced on its own,
//! so that a crash (even `kill -9`) loses at most the change being made. A
//! save writes `review.json` atomically and then clears the journal; a
//! journal that is not empty when a review is opened holds changes never
//! saved, which [`Session::replay`](crate::review::Session::replay) makes
//! again. A last line without its newline was being written when the
//! process died: it is not part of the journal.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The name of the journal in a run folder, beside `review.json`.
pub const JOURNAL_FILE: &str = "review.journal";

/// The journal of a run folder, open for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
}

/// The journal could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot {action} the review journal")]
pub struct JournalError {
    pub path: PathBuf,
    pub action: &'static str,
    #[source]
    pub source: std::io::Error,
}

impl Journal {
    /// Opens (or creates) the journal in `dir`; its complete lines stay
    /// (read them with [`Journal::pending`] first), a cut last line goes, so
    /// that the next line does not run on from it.
    pub fn open(dir: &Path) -> Result<Journal, JournalError> {
        let path = dir.join(JOURNAL_FILE);
        let fail = |action| {
            let path = path.clone();
            move |source| JournalError { path, action, source }
        };
        let file = OpenOptions::new().create(true).append(true).read(true).open(&path).map_err(fail("open"))?;
        let bytes = std::fs::read(&path).map_err(fail("read"))?;
        let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |end| end + 1);
        if whole < bytes.len() {
            file.set_len(whole as u64).map_err(fail("repair"))?;
        }
        // The new file's name must survive a crash too.
        File::open(dir).and_then(|d| d.sync_all()).map_err(fail("create"))?;
        Ok(Journal { path, file })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one line (without line breaks) and waits until it is on disk.
    pub fn append(&mut self, line: &str) -> Result<(), JournalError> {
        debug_assert!(!line.contains('\n'), "a journal line is one line");
        let fail = |source| JournalError { path: self.path.clone(), action: "write", source };
        self.file.write_all(format!("{line}\n").as_bytes()).map_err(fail)?;
        self.file.sync_data().map_err(|source| JournalError { path: self.path.clone(), action: "write", source })
    }

    /// Empties the journal, after the review was saved.
    pub fn clear(&mut self) -> Result<(), JournalError> {
        let fail = |source| JournalError { path: self.path.clone(), action: "clear", source };
        self.file.set_len(0).map_err(fail)?;
        self.file.sync_all().map_err(|source| JournalError { path: self.path.clone(), action: "clear", source })
    }

    /// The complete lines of the journal in `dir`, when there are any:
    /// changes made after the last save.
    pub fn pending(dir: &Path) -> Result<Option<Vec<String>>, JournalError> {
        let path = dir.join(JOURNAL_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(JournalError { path, action: "read", source }),
        };
        let text = String::from_utf8(bytes).map_err(|e| JournalError {
            path: path.clone(),
            action: "read",
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?;
        // Only lines with their newline were written whole.
        let complete = text.rfind('\n').map_or("", |end| &text[..end]);
        let lines: Vec<String> = complete.split('\n').filter(|l| !l.trim().is_empty()).map(String::from).collect();
        Ok((!lines.is_empty()).then_some(lines))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_survive_and_a_cut_last_line_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Journal::pending(dir.path()).unwrap().is_none());
        let mut j = Journal::open(dir.path()).unwrap();
        j.append("merge en:5").unwrap();
        j.append("undo").unwrap();
        drop(j);
        let mut f = OpenOptions::new().append(true).open(dir.path().join(JOURNAL_FILE)).unwrap();
        f.write_all(b"split en:").unwrap();
        assert_eq!(Journal::pending(dir.path()).unwrap(), Some(vec!["merge en:5".to_string(), "undo".to_string()]));
        let mut j = Journal::open(dir.path()).unwrap();
        j.append("confirm en:1").unwrap();
        let lines = Journal::pending(dir.path()).unwrap().unwrap();
        assert_eq!(lines.last().unwrap(), "confirm en:1", "the cut line was dropped when opened");
        j.clear().unwrap();
        assert!(Journal::pending(dir.path()).unwrap().is_none());
        j.append("redo").unwrap();
        assert_eq!(Journal::pending(dir.path()).unwrap(), Some(vec!["redo".to_string()]));
    }

    #[test]
    fn a_killed_session_is_recovered_from_the_saved_review_and_its_journal() {
        use crate::formats::{read_review, save_review, REVIEW_FILE};
        use crate::review::testing::review;
        use crate::review::{Edit, RowRef, Session, SideRef, UNDO};

        let dir = tempfile::tempdir().unwrap();
        save_review(dir.path(), &review(&[&[(1, 1), (1, 1), (2, 1)], &[(1, 2), (1, 1), (2, 1)]])).unwrap();
        let mut session = Session::new(read_review(&dir.path().join(REVIEW_FILE)).unwrap());
        let mut journal = Journal::open(dir.path()).unwrap();
        let edits = [
            Edit::Merge { row: RowRef::Index(0) },
            Edit::Split { row: RowRef::Index(1), at: None },
            Edit::Detach { row: RowRef::Sentence(SideRef::Other(1), 2), side: SideRef::Other(1) },
        ];
        for edit in &edits {
            // The line is written for the review as it is before the edit.
            let line = edit.display(session.review()).to_string();
            session.apply(edit).unwrap();
            journal.append(&line).unwrap();
        }
        session.undo().unwrap();
        journal.append(UNDO).unwrap();
        drop(journal); // killed: nothing saved

        let lines = Journal::pending(dir.path()).unwrap().unwrap();
        let mut recovered = Session::new(read_review(&dir.path().join(REVIEW_FILE)).unwrap());
        recovered.replay(&lines).unwrap();
        assert_eq!(recovered.review().pairs, session.review().pairs);
        let logged: Vec<&str> = recovered.review().log.iter().map(|e| e.edit.as_str()).collect();
        assert_eq!(logged, ["merge en:0", "split en:2"]);
    }

    #[test]
    fn a_folder_that_is_not_there_is_named() {
        let err = Journal::open(Path::new("/nonexistent/run")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/run/review.journal"), "{err}");
    }
}
