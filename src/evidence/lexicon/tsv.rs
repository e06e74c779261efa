//! The user's own lexicon: two tab-separated columns.

use std::path::Path;

use super::{read_bytes, utf8, Lexicon, LexiconError};

/// Reads a user's two-column TSV `source<TAB>target` (UTF-8, a BOM is
/// dropped). Phrases are allowed in either column; blank lines and lines
/// starting with `#` are skipped. A line without exactly two non-empty
/// columns is an error naming the file and the line: a silently skipped
/// line would be a lexicon entry the user thinks is used.
pub fn read_tsv(path: &Path, src: &str, tgt: &str) -> Result<Lexicon, LexiconError> {
    let text = utf8(path, read_bytes(path)?)?;
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').map(str::trim).collect();
        match columns[..] {
            [s, t] if !s.is_empty() && !t.is_empty() => entries.push((s.to_string(), t.to_string())),
            _ => {
                return Err(LexiconError::Malformed {
                    path: path.to_path_buf(),
                    line: i + 1,
                    message: format!(
                        "expected two non-empty columns `source<TAB>target`, found {} column(s)",
                        columns.len()
                    ),
                })
            }
        }
    }
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Lexicon { name, path: path.to_path_buf(), src: src.into(), tgt: tgt.into(), entries })
}
