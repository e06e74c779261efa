//! A run folder holds exactly one run: what an earlier run left there is
//! either carried over (its review) or replaced (its files), never left to
//! contradict the new outputs, and a person's review is never discarded
//! unless asked.

use std::path::{Path, PathBuf};

use super::{
    read_review_and_exports, run_file_names, ExportOptions, Journal, JournalError, Outputs, ReviewFileError,
    WriteError, REVIEW_FILE,
};
use crate::review::Review;

/// What an earlier run left in a folder.
#[derive(Debug, Default)]
pub struct Previous {
    /// Its review state, when it had one.
    pub review: Option<Review>,
    /// The exports it was written with (kept in its review).
    pub exports: ExportOptions,
    /// Lines of review edits made after the review was last saved.
    pub journal: Option<Vec<String>>,
    /// The files of the earlier run (those its languages name), as found.
    pub files: Vec<String>,
}

/// Why a folder's earlier run could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error(transparent)]
    Review(#[from] ReviewFileError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("{path}: cannot read")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot remove a file of the earlier run")]
    Remove {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Reads what an earlier run left in `dir` (nothing when `dir` does not
/// exist). An unreadable `review.json` is an error: it may hold a person's
/// work.
pub fn previous_run(dir: &Path) -> Result<Previous, FolderError> {
    let review_path = dir.join(REVIEW_FILE);
    let (review, exports) = if review_path.exists() {
        let (review, exports) = read_review_and_exports(&review_path)?;
        (Some(review), exports)
    } else {
        (None, ExportOptions::default())
    };
    let journal = if dir.is_dir() { Journal::pending(dir)? } else { None };
    let langs: Vec<String> = match &review {
        Some(r) => r.languages.iter().map(|l| l.lang.code().to_string()).collect(),
        None => summary_langs(dir),
    };
    let codes: Vec<&str> = langs.iter().map(String::as_str).collect();
    let files = run_file_names(&codes, &exports).into_iter().filter(|n| dir.join(n).is_file()).collect();
    Ok(Previous { review, exports, journal, files })
}

/// The languages of a run that wrote no review (an older trialign), from its
/// `summary.json`: the pivot, then the other side of each pair.
fn summary_langs(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join("summary.json")) else { return Vec::new() };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { return Vec::new() };
    let Some(pivot) = json["pivot"].as_str() else { return Vec::new() };
    let others = json["pairs"].as_array().into_iter().flatten().filter_map(|p| p["pair"].as_str());
    std::iter::once(pivot.to_string())
        .chain(others.filter_map(|p| p.split_once('-')).map(|(_, x)| x.to_string()))
        .collect()
}

/// Writes `outputs` into `dir` atomically, then removes the files of the
/// earlier run that the new one did not write again, and its journal when
/// `discard_journal` (the review it belonged to was carried over or
/// discarded on request).
pub fn replace_run(
    dir: &Path,
    outputs: Outputs,
    previous: &Previous,
    discard_journal: bool,
) -> Result<(), FolderError> {
    let written: Vec<String> = outputs.names().map(str::to_string).collect();
    outputs.commit(dir)?;
    let remove = |path: PathBuf| std::fs::remove_file(&path).map_err(|source| FolderError::Remove { path, source });
    for stale in previous.files.iter().filter(|f| !written.contains(f)) {
        remove(dir.join(stale))?;
    }
    if discard_journal && previous.journal.is_some() {
        remove(dir.join(super::JOURNAL_FILE))?;
    }
    Ok(())
}

/// The files of the run folder `dir` as they are (hidden files, such as
/// the temporaries of a write, left out), to write into another folder
/// (`batch --merge`).
pub fn folder_outputs(dir: &Path) -> Result<Outputs, FolderError> {
    let read_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FolderError::Read { path, source }
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(read_error(dir))?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let mut outputs = Outputs::default();
    for name in names {
        let path = dir.join(&name);
        outputs.add(name, std::fs::read(&path).map_err(read_error(&path))?);
    }
    Ok(outputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_an_earlier_run_that_are_not_written_again_go_and_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["en.sentences.txt", "zh.sentences.txt", "en-zh.csv", "en-zh.align", "notes.txt"] {
            std::fs::write(dir.path().join(name), "old").unwrap();
        }
        std::fs::write(dir.path().join("summary.json"), r#"{"pivot": "en", "pairs": [{"pair": "en-zh"}]}"#).unwrap();
        let previous = previous_run(dir.path()).unwrap();
        assert_eq!(previous.files.len(), 5, "{:?}", previous.files);
        let mut outputs = Outputs::default();
        for name in ["en.sentences.txt", "ru.sentences.txt", "summary.json"] {
            outputs.add(name, b"new".to_vec());
        }
        replace_run(dir.path(), outputs, &previous, false).unwrap();
        let mut left: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, ["en.sentences.txt", "notes.txt", "ru.sentences.txt", "summary.json"]);
    }

    #[test]
    fn a_folder_that_does_not_exist_has_no_earlier_run() {
        let previous = previous_run(Path::new("/nonexistent/trialign")).unwrap();
        assert!(previous.review.is_none() && previous.files.is_empty());
    }
}
