//! Stage 1: read a file, decode it, and derive the comparison keys.
//!
//! The text of a [`Document`] is the file's text exactly as written (only a
//! leading byte-order mark is set aside), so that every sentence cut from it
//! can be written out unchanged and located by its byte span in the file.
//! Normalisation happens only in [`key`] (`key.rs`), which builds the
//! strings the evidence compares.

use std::path::{Path, PathBuf};

mod key;

pub use key::key;

/// Why a file could not be read as a document.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: cannot read the file")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: looks like a binary file (NUL bytes at byte {offset}); give a plain-text UTF-8 file")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: is not valid UTF-8 (first bad byte at offset {offset}); convert it to UTF-8, e.g. `iconv -f WINDOWS-1251 -t UTF-8`")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: the document is empty (no text besides white space)")]
    Empty { path: PathBuf },
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A decoded text file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where the text came from (used in messages).
    pub path: PathBuf,
    /// The file's text after the byte-order mark, exactly as written.
    pub text: String,
    /// Bytes before `text` in the file (3 for a UTF-8 BOM, else 0): add it to
    /// a range of `text` to get a byte span of the file.
    pub offset: usize,
}

/// The bytes of `path`, for [`Document::from_bytes`] (the caller may keep a
/// hash of them, to tell later whether the file changed).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|source| InputError::Io { path: path.to_path_buf(), source })
}

impl Document {
    /// Decodes bytes that came from `path`: UTF-8 with or without a BOM.
    /// Rejects binary data (NUL bytes), invalid UTF-8 and documents with no
    /// visible text.
    pub fn from_bytes(path: &Path, mut bytes: Vec<u8>) -> Result<Document, InputError> {
        let path = path.to_path_buf();
        let offset = if bytes.starts_with(UTF8_BOM) { UTF8_BOM.len() } else { 0 };
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            return Err(InputError::Binary { path, offset: nul });
        }
        bytes.drain(..offset); // in place: no copy of a large text
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let bad = offset + e.utf8_error().valid_up_to();
                return Err(InputError::NotUtf8 { path, offset: bad });
            }
        };
        if text.chars().all(is_space) {
            return Err(InputError::Empty { path });
        }
        Ok(Document { path, text, offset })
    }
}

/// White space as a reader sees it: ASCII and Unicode spaces (NBSP, thin and
/// ideographic spaces…), line and paragraph separators, and the zero-width
/// characters and BOM that editors leave behind.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Replaces each line break (LF, CRLF, CR, and U+2028/2029) inside `text` by
/// one space, for formats that hold one sentence per line. Nothing else
/// changes.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(bytes: &[u8]) -> Result<Document, InputError> {
        Document::from_bytes(Path::new("x.txt"), bytes.to_vec())
    }

    #[test]
    fn bom_is_set_aside_and_counted_in_offset() {
        let d = doc(b"\xEF\xBB\xBFHello.").unwrap();
        assert_eq!(d.text, "Hello.");
        assert_eq!(d.offset, 3);
    }

    #[test]
    fn bad_inputs_are_named() {
        assert!(matches!(doc(b"ab\x00cd"), Err(InputError::Binary { offset: 2, .. })));
        assert!(matches!(doc(b"ok \xFF"), Err(InputError::NotUtf8 { offset: 3, .. })));
        assert!(matches!(doc(b" \n\xC2\xA0\r\n"), Err(InputError::Empty { .. })));
        let msg = doc(b"").unwrap_err().to_string();
        assert!(msg.starts_with("x.txt: "), "{msg}");
    }

    #[test]
    fn one_line_joins_every_kind_of_line_break() {
        assert_eq!(one_line("a\r\nb\rc\nd"), "a b c d");
        assert_eq!(one_line("no breaks"), "no breaks");
    }
}
