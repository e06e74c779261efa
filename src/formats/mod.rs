//! Stage 6: the files a run writes, each made whole and then all put in
//! place at once, atomically.
//!
//! [`Outputs`] collects named files, in memory or ([`Outputs::staged_in`])
//! each written to a temporary file in the target folder as it is made;
//! [`Outputs::commit`] renames them into place only when all were written,
//! so that a failed run leaves the previous outputs as they were and never
//! half a file.
//!
//! Formats (see the README for examples):
//! - `LANG.sentences.txt`: one sentence per line, line k = sentence id k;
//! - `P-X.align`: one bead per line, `[ids]:[ids]:score`;
//! - `P-X.csv`: one row per bead with ids, type, score and the texts;
//! - `P-X-Y.csv`: the three-language table;
//! - the exports chosen with `--export` (`exports.rs`): TSV, xlsx, TMX,
//!   Moses and JSON lines, each in its own file here;
//! - `summary.json`: figures of the run;
//! - `report.html`: a review as one self-contained page (`trialign report`).

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

mod band;
mod batch_file;
mod bead_dump;
mod corpus;
mod exports;
mod journal;
mod jsonl;
mod links;
mod manifest;
mod moses;
mod report;
mod review_file;
mod run_files;
mod run_folder;
mod summary;
mod tables;
#[cfg(test)]
mod testing;
mod tmx;
mod tsv;
mod xlsx;

pub use batch_file::{
    batch_file, read_batch_file, BatchFileError, BatchRow, BatchTable, DocStatus, PairFigures, BATCH_FILE,
};
pub use bead_dump::{bead_table, DumpedDoc};
pub use corpus::corpus_outputs;
pub use exports::{parse_delimiter, ExportFormat, ExportOptions, ExportOptionsError, UnknownExport};
pub use journal::{Journal, JournalError, JOURNAL_FILE};
pub use jsonl::{jsonl_file, read_jsonl, JsonlBead};
pub use links::{format_link, parse_links, read_links, sentences_covered, Link, LinksError};
pub use manifest::{parse_manifest, read_manifest, Manifest, ManifestError, ManifestRow};
pub use moses::moses_files;
pub use report::html_report;
pub use review_file::{
    parse_review, parse_review_and_exports, read_review, read_review_and_exports, review_json, review_json_with,
    save_review, ReviewFileError, REVIEW_FILE,
};
pub use run_files::{run_file_names, run_outputs, run_outputs_at};
pub use run_folder::{folder_outputs, previous_run, replace_run, FolderError, Previous};
pub use summary::{ExportSummary, LexiconUse, PairSummary, Summary, WeakBead};
pub use tables::{
    align_file, csv_file, join_table, lowest_score, neutralised, pair_table, sentences_file, side_text, Column,
    CsvKind, Table, TableRow,
};
pub use tmx::{read_tmx, tmx_corpus, tmx_file, Tmx, TmxError, TmxUnit};
pub use tsv::{read_tsv, tsv_file};
pub use xlsx::{xlsx_file, XlsxExportError};

/// Files to write, by name, in the order they were added: held in memory
/// ([`Outputs::default`]), or each written to a temporary file in the
/// target folder as it is added ([`Outputs::staged_in`]), so that a run
/// holds one file at a time, whatever its length. Either way nothing takes
/// the place of an old file before [`Outputs::commit`].
#[derive(Debug, Default)]
pub struct Outputs {
    files: Vec<(String, Content)>,
    staging: Option<Staging>,
}

#[derive(Debug)]
enum Content {
    Bytes(Vec<u8>),
    /// Written, synced, and removed when dropped unless committed.
    Staged(tempfile::NamedTempFile),
}

#[derive(Debug)]
struct Staging {
    dir: PathBuf,
    /// Whether staging made the folder, which then goes again if the
    /// outputs are dropped without a commit.
    made_dir: bool,
    /// The first file that could not be staged: [`Outputs::commit`] gives it.
    error: Option<WriteError>,
}

/// A folder or file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot write")]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl WriteError {
    fn at(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    }
}

/// A temporary file in `dir` holding `bytes`, synced, to be renamed to `name`.
fn stage(dir: &Path, name: &str, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let target = dir.join(name);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        // As an ordinary file is created (0666 less the umask), not
        // tempfile's private 0600.
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(WriteError::at(&target))?;
    tmp.write_all(bytes).map_err(WriteError::at(&target))?;
    tmp.as_file().sync_all().map_err(WriteError::at(&target))?;
    Ok(tmp)
}

impl Outputs {
    /// Outputs for the folder `dir` (made at the first file if missing),
    /// each file written there to a temporary file as it is added, then
    /// freed: what a long run writes never has to fit in memory at once.
    /// [`Outputs::commit`] must be given the same folder.
    pub fn staged_in(dir: &Path) -> Outputs {
        let staging = Staging { dir: dir.to_path_buf(), made_dir: false, error: None };
        Outputs { files: Vec::new(), staging: Some(staging) }
    }

    pub fn add(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        let name = name.into();
        let content = match &mut self.staging {
            None => Content::Bytes(bytes),
            // After a failure the commit fails anyway: nothing more is written.
            Some(staging) if staging.error.is_some() => Content::Bytes(Vec::new()),
            Some(staging) => match staging.stage(&name, &bytes) {
                Ok(tmp) => Content::Staged(tmp),
                Err(e) => {
                    staging.error = Some(e);
                    Content::Bytes(Vec::new())
                }
            },
        };
        self.files.push((name, content));
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(n, _)| n.as_str())
    }

    /// The files by name, for a caller that writes them elsewhere or
    /// compares them (staged ones read back).
    pub fn into_files(mut self) -> std::io::Result<Vec<(String, Vec<u8>)>> {
        std::mem::take(&mut self.files)
            .into_iter()
            .map(|(name, content)| match content {
                Content::Bytes(bytes) => Ok((name, bytes)),
                Content::Staged(tmp) => Ok((name, std::fs::read(tmp.path())?)),
            })
            .collect()
    }

    /// Writes every file into `dir` (created if needed): all to temporary
    /// files first (staged ones are already), then renamed into place.
    pub fn commit(mut self, dir: &Path) -> Result<(), WriteError> {
        if let Some(staging) = &mut self.staging {
            debug_assert_eq!(staging.dir, dir, "staged outputs are committed where they were staged");
            if let Some(e) = staging.error.take() {
                return Err(e);
            }
        }
        std::fs::create_dir_all(dir).map_err(WriteError::at(dir))?;
        let mut staged = Vec::with_capacity(self.files.len());
        for (name, content) in std::mem::take(&mut self.files) {
            let tmp = match content {
                Content::Bytes(bytes) => stage(dir, &name, &bytes)?,
                Content::Staged(tmp) => tmp,
            };
            staged.push((tmp, dir.join(name)));
        }
        // Every file is on disk: now replace the old ones. A temporary file
        // not persisted is removed when dropped.
        if let Some(staging) = &mut self.staging {
            staging.made_dir = false;
        }
        for (tmp, target) in staged {
            tmp.persist(&target).map_err(|e| WriteError { path: target.clone(), source: e.error })?;
        }
        Ok(())
    }
}

impl Staging {
    fn stage(&mut self, name: &str, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
        if !self.dir.is_dir() {
            std::fs::create_dir_all(&self.dir).map_err(WriteError::at(&self.dir))?;
            self.made_dir = true;
        }
        stage(&self.dir, name, bytes)
    }
}

impl Drop for Outputs {
    /// Outputs dropped without a commit leave nothing behind: their
    /// temporary files go, and the folder if staging made it.
    fn drop(&mut self) {
        self.files.clear();
        if let Some(staging) = &self.staging {
            if staging.made_dir {
                let _ = std::fs::remove_dir(&staging.dir);
            }
        }
    }
}

/// Writes one file atomically (a temporary file beside it, then renamed).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(name) = path.file_name() else {
        return Err(WriteError { path: path.to_path_buf(), source: std::io::ErrorKind::InvalidInput.into() });
    };
    let mut outputs = Outputs::default();
    outputs.add(name.to_string_lossy(), bytes.to_vec());
    outputs.commit(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_outputs_are_on_disk_as_they_are_added_and_in_place_only_after_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("run");
        let listing = || -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(&out_dir)
                .map(|d| d.map(|e| e.unwrap().file_name().into_string().unwrap()).collect())
                .unwrap_or_default();
            names.sort();
            names
        };
        let mut o = Outputs::staged_in(&out_dir);
        o.add("x.txt", b"one\n".to_vec());
        let hidden = listing();
        assert!(hidden.len() == 1 && hidden[0].starts_with(".x.txt."), "{hidden:?}");
        o.add("y.txt", b"two\n".to_vec());
        o.commit(&out_dir).unwrap();
        assert_eq!(listing(), ["x.txt", "y.txt"]);
        assert_eq!(std::fs::read(out_dir.join("x.txt")).unwrap(), b"one\n");
        // Dropped before its commit: nothing stays, not even the folder it made.
        let other = dir.path().join("other");
        let mut o = Outputs::staged_in(&other);
        o.add("x.txt", b"one\n".to_vec());
        assert!(other.is_dir());
        drop(o);
        assert!(!other.exists());
        // A file that cannot be staged fails the commit, and nothing is replaced.
        let mut o = Outputs::staged_in(&out_dir);
        o.add("z.txt", b"three\n".to_vec());
        o.add("missing/y.txt", b"new\n".to_vec());
        o.add("w.txt", b"after\n".to_vec());
        assert_eq!(listing().iter().filter(|n| n.starts_with('.')).count(), 1, "nothing staged after the failure");
        assert!(o.commit(&out_dir).is_err());
        assert_eq!(listing(), ["x.txt", "y.txt"]);
    }

    #[test]
    fn commit_writes_all_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("a/b");
        let mut o = Outputs::default();
        o.add("x.txt", b"one\n".to_vec());
        o.add("y.txt", b"two\n".to_vec());
        o.commit(&out_dir).unwrap();
        let mut names: Vec<String> =
            std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["x.txt", "y.txt"]);
        assert_eq!(std::fs::read(out_dir.join("y.txt")).unwrap(), b"two\n");
        // Created as any file is (the umask decides), not private.
        std::fs::File::create(dir.path().join("plain")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out_dir.join("x.txt")), mode(&dir.path().join("plain")));
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "").unwrap();
        let err = Outputs::default().commit(&file.join("sub")).unwrap_err();
        assert!(err.to_string().contains("f/sub"), "{err}");
    }
}
