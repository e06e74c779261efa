//! Stage 1: read a file, find its format and encoding, take its text out,
//! and derive the comparison keys.
//!
//! A [`Document`] is the text the segmenter reads. For a plain-text file in
//! UTF-8 it is the file's text exactly as written (only a leading
//! byte-order mark is set aside), so every sentence cut from it is written
//! out unchanged and located by its byte span in the file. A text file in
//! another encoding is decoded (`encoding.rs`); Markdown, HTML, DOCX, ODT,
//! PDF and TMX are converted to text with paragraphs (`format/`).
//! Normalisation happens only in [`key`] (`key.rs`), which builds the
//! strings the evidence compares.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub mod encoding;
pub mod format;
mod key;

pub use encoding::{Charset, Detection};
pub use format::{Format, FORMAT_NAMES};
pub use key::key;

/// The path that means standard input.
pub const STDIN: &str = "-";

/// Why a file could not be read as a document.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: cannot read the file")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: looks like a binary file (NUL bytes at byte {offset}); give a text, Markdown, HTML, DOCX, ODT, PDF or TMX file")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: decoded as {encoding} ({how}), the text is garbled: {why}; {advice}")]
    Garbled { path: PathBuf, encoding: String, how: String, why: String, advice: String },
    #[error("{path}: is {what}, which trialign does not read; {advice}")]
    Unsupported { path: PathBuf, what: String, advice: String },
    #[error("{path}: not a readable {} file: {reason}; check the file, or name its format with --format ({FORMAT_NAMES})", .format.name())]
    BadFormat { path: PathBuf, format: Format, reason: String },
    #[error("{path}: reading a PDF needs pdftotext, which is not installed: install poppler-utils (`sudo apt-get install poppler-utils` on Debian and Ubuntu, `brew install poppler` on macOS), or save the document as text")]
    NoPdftotext { path: PathBuf },
    #[error("{path}: the memory holds no segments in {lang} (its languages: {found}); name the language with --lang/--langs")]
    TmxLanguage { path: PathBuf, lang: String, found: String },
    #[error("{path}: the document is empty (no text besides white space)")]
    Empty { path: PathBuf },
}

impl InputError {
    /// The error for a text that decoded as `charset` into garbage (`why`),
    /// with the encoding it reads well in, if one was found.
    pub fn garbled(
        path: &Path,
        charset: Charset,
        detection: Detection,
        why: String,
        suggestion: Option<Charset>,
    ) -> InputError {
        let advice = garbled_advice(suggestion);
        InputError::Garbled {
            path: path.to_path_buf(),
            encoding: charset.name().to_string(),
            how: detection.describe().to_string(),
            why,
            advice,
        }
    }
}

/// What to do with a garbled text: the `--encoding` it reads well in, or
/// how to name one.
pub fn garbled_advice(suggestion: Option<Charset>) -> String {
    match suggestion {
        Some(s) => format!("it reads as {}: give --encoding {}", s.name(), s.name().to_ascii_lowercase()),
        None => "give its encoding with --encoding NAME (e.g. windows-1251, koi8-r, gb18030, big5, shift_jis, windows-1252, utf-16le)".to_string(),
    }
}

/// How a file is to be read: its encoding and format, when the user named
/// them (`--encoding`, `--format`); detected otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReadOptions {
    pub encoding: Option<Charset>,
    pub format: Option<Format>,
}

/// How a file became a document's text: its format, the encoding it was
/// decoded from and how that was chosen, and how sure that is (0–1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    pub format: Format,
    pub encoding: String,
    pub detection: Detection,
    /// 1 for a BOM, a given or declared encoding, valid UTF-8 and formats
    /// that fix it; for UTF-16 by its test the share of code units that
    /// passed it; for a guess, how well the text fits one script
    /// (`pipeline::load` measures it).
    pub confidence: f64,
}

impl Default for Origin {
    /// Plain text in UTF-8.
    fn default() -> Origin {
        Origin {
            format: Format::Text,
            encoding: Charset::UTF8.name().into(),
            detection: Detection::Utf8,
            confidence: 1.0,
        }
    }
}

/// A document's text.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where the text came from (used in messages).
    pub path: PathBuf,
    /// The text: the file's after the byte-order mark, decoded, or taken
    /// out of its format.
    pub text: String,
    /// Bytes before `text` in the file (3 for a UTF-8 BOM, else 0): add it to
    /// a range of `text` to get a byte span of the file. 0 where the text is
    /// not the file's bytes (another encoding, another format): spans are
    /// then ranges of `text`.
    pub offset: usize,
    pub origin: Origin,
}

/// The bytes of `path` (standard input for `-`), for [`Document::read`]
/// (the caller may keep a hash of them, to tell later whether the file
/// changed).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let io = |source| InputError::Io { path: path.to_path_buf(), source };
    if path == Path::new(STDIN) {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(io)?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(io)
}

impl Document {
    /// The document in `bytes` that came from `path`, its format and
    /// encoding detected.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document, InputError> {
        Document::read(path, &bytes, &ReadOptions::default(), None)
    }

    /// The document in `bytes` from `path`: in the format and encoding of
    /// `options`, or those detected; `lang` picks a TMX memory's language.
    /// Rejects binary data, text that decodes into garbage (malformed bytes,
    /// stray control characters), formats it cannot read and documents with
    /// no visible text.
    pub fn read(path: &Path, bytes: &[u8], options: &ReadOptions, lang: Option<&str>) -> Result<Document, InputError> {
        let format = match options.format {
            Some(format) => format,
            None => Format::detect(path, bytes)?,
        };
        let mut origin = Origin { format, encoding: "UTF-8".into(), detection: Detection::Format, confidence: 1.0 };
        let mut offset = 0;
        let decode = || {
            let declared = match format {
                Format::Html => format::declared_charset(bytes),
                Format::Tmx => format::xml_declared_charset(bytes),
                _ => None,
            };
            let decoded = encoding::decode(bytes, options.encoding, declared);
            if let Some(nul) = decoded.text.find('\0').filter(|_| options.encoding.is_none()) {
                let offset = if decoded.charset == Charset::UTF8 { decoded.bom + nul } else { nul };
                return Err(InputError::Binary { path: path.to_path_buf(), offset });
            }
            if let Some(why) = encoding::garbage(&decoded.text, decoded.malformed, decoded.charset) {
                return Err(InputError::garbled(path, decoded.charset, decoded.detection, why, None));
            }
            origin.encoding = decoded.charset.name().to_string();
            origin.detection = decoded.detection;
            origin.confidence = decoded.confidence;
            if decoded.charset == Charset::UTF8 && format.is_plain() {
                offset = decoded.bom;
            }
            Ok(decoded.text.into_owned())
        };
        let text = format::convert(path, format, bytes, decode, lang)?;
        if text.chars().all(is_space) {
            return Err(InputError::Empty { path: path.to_path_buf() });
        }
        Ok(Document { path: path.to_path_buf(), text, offset, origin })
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
        assert_eq!((d.origin.encoding.as_str(), d.origin.detection), ("UTF-8", Detection::Bom));
    }

    #[test]
    fn text_in_another_encoding_is_decoded_and_its_spans_are_of_the_decoded_text() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Это было в 1956 году. Да, именно тогда.");
        let d = doc(&bytes).unwrap();
        assert_eq!(d.text, "Это было в 1956 году. Да, именно тогда.");
        assert_eq!((d.offset, d.origin.encoding.as_str(), d.origin.detection), (0, "windows-1251", Detection::Guessed));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Hello.".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!((doc(&utf16).unwrap().text.as_str(), doc(&utf16).unwrap().offset), ("Hello.", 0));
    }

    #[test]
    fn html_in_a_txt_file_is_converted_in_its_declared_encoding() {
        let (page, _, _) = encoding_rs::KOI8_R
            .encode("<html><head><meta charset=koi8-r><script>x</script></head><p>Да &amp; нет.</p>");
        let d = doc(&page).unwrap();
        assert_eq!(d.text, "Да & нет.\n");
        assert_eq!(
            (d.origin.format, d.origin.encoding.as_str(), d.origin.detection),
            (Format::Html, "KOI8-R", Detection::Declared)
        );
    }

    #[test]
    fn bad_inputs_are_named() {
        assert!(matches!(doc(b"ab\x00cd"), Err(InputError::Binary { offset: 2, .. })));
        let options = ReadOptions { encoding: Charset::for_name("utf-8"), format: None };
        let err = Document::read(Path::new("x.txt"), b"ok \xFF", &options, None).unwrap_err().to_string();
        assert!(err.starts_with("x.txt: decoded as UTF-8 (as given), the text is garbled"), "{err}");
        assert!(err.contains("--encoding NAME"), "{err}");
        assert!(matches!(doc(b" \n\xC2\xA0\r\n"), Err(InputError::Empty { .. })));
        let msg = doc(b"").unwrap_err().to_string();
        assert!(msg.starts_with("x.txt: "), "{msg}");
    }

    proptest::proptest! {
        /// Any bytes, under any name and format, give a document or an
        /// error, never a panic.
        #[test]
        fn any_bytes_give_a_document_or_an_error(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            name in proptest::sample::select(vec!["a.txt", "a.md", "a.html", "a.tmx", "a.docx", "a.odt", "-"]),
            prefix in proptest::sample::select(vec![&b""[..], b"\xFF\xFE", b"PK\x03\x04", b"<html>", b"<?xml version='1.0'?><tmx>"]),
        ) {
            let bytes = [prefix, &bytes[..]].concat();
            let _ = Document::read(Path::new(name), &bytes, &ReadOptions::default(), Some("en"));
        }
    }

    #[test]
    fn one_line_joins_every_kind_of_line_break() {
        assert_eq!(one_line("a\r\nb\rc\nd"), "a b c d");
        assert_eq!(one_line("no breaks"), "no breaks");
    }
}
