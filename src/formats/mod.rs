//! Stage 6: the files a run writes, built in memory and then written all at
//! once, atomically.
//!
//! [`Outputs`] collects named files; [`Outputs::commit`] writes each to a
//! temporary file in the target folder and renames them into place only
//! when all were written, so that a failed run leaves the previous outputs
//! as they were and never half a file.
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

/// Files to write, by name, in the order they were added.
#[derive(Debug, Default)]
pub struct Outputs {
    files: Vec<(String, Vec<u8>)>,
}

/// A folder or file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot write")]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl Outputs {
    pub fn add(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        self.files.push((name.into(), bytes));
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(n, _)| n.as_str())
    }

    /// The files by name, for a caller that writes them elsewhere or
    /// compares them.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files
    }

    /// Writes every file into `dir` (created if needed): all to temporary
    /// files first, then renamed into place.
    pub fn commit(self, dir: &Path) -> Result<(), WriteError> {
        let fail = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WriteError { path, source }
        };
        std::fs::create_dir_all(dir).map_err(fail(dir))?;
        let mut staged = Vec::with_capacity(self.files.len());
        for (name, bytes) in &self.files {
            let target = dir.join(name);
            let mut tmp = tempfile::Builder::new()
                .prefix(&format!(".{name}."))
                // As an ordinary file is created (0666 less the umask),
                // not tempfile's private 0600.
                .permissions(std::fs::Permissions::from_mode(0o666))
                .tempfile_in(dir)
                .map_err(fail(&target))?;
            tmp.write_all(bytes).map_err(fail(&target))?;
            tmp.as_file().sync_all().map_err(fail(&target))?;
            staged.push((tmp, target));
        }
        // Every file is on disk: now replace the old ones. A temporary file
        // not persisted is removed when dropped.
        for (tmp, target) in staged {
            tmp.persist(&target).map_err(|e| WriteError { path: target.clone(), source: e.error })?;
        }
        Ok(())
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
