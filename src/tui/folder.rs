//! The review of an output folder on disk: `review.json` and its journal. Each change is appended to
//! the journal (fsynced) before it is shown; a save writes `review.json` atomically and then clears
//! the journal. A journal left by a session that ended without saving is replayed or set aside under
//! a new name, never deleted.

use std::path::{Path, PathBuf};

use anyhow::Context;
use trialign::formats::{
    read_review_and_exports, run_outputs, ExportOptions, Journal, Outputs, JOURNAL_FILE, REVIEW_FILE,
};
use trialign::review::{Review, Session};

pub struct Folder {
    dir: PathBuf,
    journal: Journal,
    /// The exports the folder holds, which a save writes again.
    exports: ExportOptions,
}

/// The complete lines of a journal that no save cleared.
pub struct Pending {
    pub path: PathBuf,
    lines: Vec<String>,
}

impl Folder {
    /// Reads `DIR/review.json` (refused with the reason when it is not a valid review of this
    /// folder) and opens its journal.
    pub fn open(dir: &Path) -> anyhow::Result<(Folder, Review)> {
        let (review, exports) = read_review_and_exports(&dir.join(REVIEW_FILE))?;
        let journal = Journal::open(dir)?;
        Ok((Folder { dir: dir.to_path_buf(), journal, exports }, review))
    }

    pub fn review_path(&self) -> PathBuf {
        self.dir.join(REVIEW_FILE)
    }

    /// The changes a previous session made and did not save, if any.
    pub fn pending(&self) -> anyhow::Result<Option<Pending>> {
        let lines = Journal::pending(&self.dir)?;
        Ok(lines.map(|lines| Pending { path: self.journal.path().to_path_buf(), lines }))
    }

    /// Writes one journal line (an edit as `Edit::display` writes it, or `undo` / `redo`) to disk.
    pub fn record(&mut self, line: &str) -> anyhow::Result<()> {
        Ok(self.journal.append(line)?)
    }

    /// Saves the session's review with every output made from it (`.align`, summary, the exports
    /// the folder holds: what `trialign export` writes), all atomically, and then clears the journal.
    pub fn save(&mut self, session: &mut Session) -> anyhow::Result<()> {
        run_outputs(session.review(), &self.exports, Outputs::staged_in(&self.dir))
            .map_err(anyhow::Error::from)
            .and_then(|outputs| Ok(outputs.commit(&self.dir)?))
            .with_context(|| format!("{} was not saved", self.review_path().display()))?;
        self.journal.clear().context("review.json is saved, but its journal still holds the saved edits: delete it")?;
        session.mark_saved();
        Ok(())
    }

    /// Renames the journal `review.journal.<UTC time>` and starts an empty one; the new name.
    pub fn set_aside(&mut self, pending: Pending) -> anyhow::Result<PathBuf> {
        let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string().replace(':', "-");
        let kept = (0..)
            .map(|n| {
                let name =
                    if n == 0 { format!("{JOURNAL_FILE}.{stamp}") } else { format!("{JOURNAL_FILE}.{stamp}.{n}") };
                self.dir.join(name)
            })
            .find(|p| !p.exists())
            .expect("some name is free");
        std::fs::rename(&pending.path, &kept)
            .with_context(|| format!("{} could not be renamed {}", pending.path.display(), kept.display()))?;
        // The open journal is the renamed file now: appends must go to a new one.
        self.journal = Journal::open(&self.dir)?;
        Ok(kept)
    }
}

impl Pending {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Makes the journal's changes again in `session`, in order.
    pub fn replay(&self, session: &mut Session) -> Result<(), trialign::review::ReplayError> {
        session.replay(&self.lines).map(|_| ())
    }

    /// The lines a failed replay made (the journal as it should have been).
    pub fn replayed(&self, error: &trialign::review::ReplayError) -> &[String] {
        &self.lines[..error.applied]
    }
}
