//! The manifest of `trialign batch`: a CSV file whose header names the
//! languages, the pivot first (`id,en,ru,zh`), and a row per document:
//!
//! ```csv
//! id,en,ru,zh
//! statement,statement/en.txt,statement/ru.txt,statement/zh.txt
//! letter,letter.en.txt,letter.ru.txt,
//! ```
//!
//! Paths are relative to the manifest's folder; a row may leave any
//! language but the pivot empty. Everything that would stop the batch later
//! is refused here, with the manifest's line: a column that is no language
//! trialign knows, an id that is not a safe folder name or is given twice
//! (ignoring case, as some file systems do), a row without a translation, a
//! file that does not exist.

use std::path::{Path, PathBuf};

use crate::lang::Lang;

/// A manifest as read: its languages and documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub path: PathBuf,
    /// The language columns in order, the pivot first.
    pub langs: Vec<Lang>,
    pub rows: Vec<ManifestRow>,
}

/// One document of a manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestRow {
    pub id: String,
    /// Its line in the manifest (1-based), for messages.
    pub line: u64,
    /// One per language of the manifest, in its order: the file (resolved
    /// against the manifest's folder), or none where the row left it empty.
    pub files: Vec<Option<PathBuf>>,
}

/// What is wrong with a manifest, and where.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("{path}: cannot read the manifest")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {reason}")]
    Bad { path: PathBuf, line: u64, reason: String },
}

/// Names the batch writes beside the document folders: an id may not take
/// them.
const RESERVED_SUFFIXES: [&str; 5] = [".csv", ".tsv", ".tmx", ".xlsx", ".jsonl"];

/// Reads the manifest at `path` and checks every row.
pub fn read_manifest(path: &Path) -> Result<Manifest, ManifestError> {
    let bytes = std::fs::read(path).map_err(|source| ManifestError::Io { path: path.to_owned(), source })?;
    parse_manifest(path, &bytes)
}

/// [`read_manifest`] of the manifest's `bytes` (`path` names it and is what
/// its paths are relative to).
pub fn parse_manifest(path: &Path, bytes: &[u8]) -> Result<Manifest, ManifestError> {
    let bad = |line: u64, reason: String| ManifestError::Bad { path: path.to_owned(), line, reason };
    // Spreadsheets save CSV with a byte-order mark.
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).trim(csv::Trim::All).from_reader(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(bad(csv_line(&e), e.to_string())),
        None => return Err(bad(1, "empty manifest; the first line names the columns, e.g. `id,en,ru,zh`".into())),
    };
    let (id_column, langs) = columns(&header).map_err(|reason| bad(1, reason))?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut rows: Vec<ManifestRow> = Vec::new();
    for record in records {
        let record = record.map_err(|e| bad(csv_line(&e), row_error(&e)))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            return Err(bad(line, "empty row; remove it".into()));
        }
        let id = record[id_column].to_string();
        check_id(&id).map_err(|reason| bad(line, reason))?;
        if let Some(first) = rows.iter().find(|r| r.id.eq_ignore_ascii_case(&id)) {
            return Err(bad(
                line,
                format!("id `{id}` is given twice (first on line {}); ids name folders", first.line),
            ));
        }
        let cells = (0..record.len()).filter(|&c| c != id_column).map(|c| &record[c]);
        let files: Vec<Option<PathBuf>> = cells.map(|cell| (!cell.is_empty()).then(|| base.join(cell))).collect();
        if files[0].is_none() {
            return Err(bad(line, format!("`{id}` has no {} document, the pivot every other is aligned to", langs[0])));
        }
        if files[1..].iter().all(Option::is_none) {
            return Err(bad(line, format!("`{id}` names no translation of its {} document", langs[0])));
        }
        for (file, lang) in files.iter().zip(&langs) {
            if let Some(file) = file.as_ref().filter(|f| !f.is_file()) {
                return Err(bad(line, format!("`{id}`: the {lang} file {} does not exist", file.display())));
            }
        }
        rows.push(ManifestRow { id, line, files });
    }
    Ok(Manifest { path: path.to_owned(), langs, rows })
}

/// The place of the `id` column and the languages of the others, in order.
fn columns(header: &csv::StringRecord) -> Result<(usize, Vec<Lang>), String> {
    let mut id = None;
    let mut langs: Vec<Lang> = Vec::new();
    for (n, name) in header.iter().enumerate() {
        if name == "id" {
            if id.replace(n).is_some() {
                return Err("the column `id` is named twice".into());
            }
            continue;
        }
        let lang = Lang::new(name).ok().filter(|l| l.script().is_some()).ok_or_else(|| {
            format!("unknown column `{name}`: the columns are `id` and language codes trialign knows (e.g. en, ru, zh)")
        })?;
        if langs.contains(&lang) {
            return Err(format!("the language column `{lang}` is named twice"));
        }
        langs.push(lang);
    }
    let id = id.ok_or("no `id` column; the first line names the columns, e.g. `id,en,ru,zh`")?;
    if langs.len() < 2 {
        return Err("name the pivot's language and at least one more as columns, e.g. `id,en,ru,zh`".into());
    }
    Ok((id, langs))
}

/// An id names the document's folder: ASCII letters, digits, `-`, `_` and
/// `.`, a letter or digit first, and not a name the batch writes itself.
fn check_id(id: &str) -> Result<(), String> {
    let safe = id.len() <= 100
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if id.is_empty() {
        return Err("a row without an id; every document needs one (it names its folder)".into());
    }
    if !safe {
        return Err(format!(
            "id `{id}` is not safe as a folder name: use ASCII letters, digits, `-`, `_` and `.`, a letter or digit first, at most 100"
        ));
    }
    let lower = id.to_ascii_lowercase();
    if lower.starts_with("corpus.") || RESERVED_SUFFIXES.iter().any(|s| lower.ends_with(s)) {
        return Err(format!("id `{id}` looks like a file the batch writes beside the folders (batch.csv, the corpus exports); rename it"));
    }
    Ok(())
}

fn csv_line(e: &csv::Error) -> u64 {
    e.position().map_or(0, |p| p.line())
}

/// A row the CSV reader refused, in the manifest's terms.
fn row_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} cells where the header names {expected_len} columns")
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(dir: &Path, text: &str) -> Result<Manifest, ManifestError> {
        parse_manifest(&dir.join("batch.csv"), text.as_bytes())
    }

    fn reason(dir: &Path, text: &str) -> (u64, String) {
        match parse(dir, text).unwrap_err() {
            ManifestError::Bad { line, reason, .. } => (line, reason),
            e => panic!("{e}"),
        }
    }

    #[test]
    fn rows_name_files_relative_to_the_manifest_and_may_leave_languages_out() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a.en", "a.ru", "a.zh", "b.en", "b.zh"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let m = parse(dir.path(), "\u{feff}id,en,ru,zh\na,a.en,a.ru,a.zh\n b ,b.en,,b.zh\n").unwrap();
        assert_eq!(m.langs.iter().map(Lang::code).collect::<Vec<_>>(), ["en", "ru", "zh"]);
        assert_eq!(m.rows.len(), 2);
        assert_eq!(m.rows[1].id, "b");
        assert_eq!(m.rows[1].line, 3);
        assert_eq!(m.rows[1].files, [Some(dir.path().join("b.en")), None, Some(dir.path().join("b.zh"))]);
        // The id column may stand anywhere.
        let m = parse(dir.path(), "en,zh,id\na.en,a.zh,a\n").unwrap();
        assert_eq!(m.rows[0].files, [Some(dir.path().join("a.en")), Some(dir.path().join("a.zh"))]);
    }

    #[test]
    fn every_mistake_is_named_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a.en", "a.ru"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let cases: [(&str, u64, &str); 11] = [
            ("", 1, "empty manifest"),
            ("id,en,notes\n", 1, "unknown column `notes`"),
            ("en,ru\n", 1, "no `id` column"),
            ("id,en,en\n", 1, "named twice"),
            ("id,en\n", 1, "at least one more"),
            ("id,en,ru\na,a.en,a.ru\nA,a.en,a.ru\n", 3, "given twice (first on line 2)"),
            ("id,en,ru\n../x,a.en,a.ru\n", 2, "not safe as a folder name"),
            ("id,en,ru\nx.csv,a.en,a.ru\n", 2, "looks like a file the batch writes"),
            ("id,en,ru\na,a.en,missing.ru\n", 2, "does not exist"),
            ("id,en,ru\na,a.en,\n", 2, "names no translation"),
            ("id,en,ru\na,a.en,a.ru\n,,\n", 3, "empty row"),
        ];
        for (text, line, why) in cases {
            let (l, r) = reason(dir.path(), text);
            assert_eq!(l, line, "{text:?}: {r}");
            assert!(r.contains(why), "{text:?}: {r}");
        }
        assert!(reason(dir.path(), "id,en,ru\na,,a.ru\n").1.contains("no en document"));
        assert!(reason(dir.path(), "id,en,ru\na,a.en\n").1.contains("2 cells where the header names 3"));
        let err = parse(dir.path(), "id,en,ru\n,a.en,a.ru\n").unwrap_err().to_string();
        assert!(err.contains("batch.csv, line 2: a row without an id"), "{err}");
    }
}
