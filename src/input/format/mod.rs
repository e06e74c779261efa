//! Document formats: which one a file is in (by its content, then its
//! name), and each converted to text with paragraphs — paragraphs separated
//! by a blank line, line breaks inside a paragraph kept as line breaks —
//! which is what the segmenter reads.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Serialize};

use super::InputError;

mod docx;
mod html;
mod markdown;
mod odt;
mod paragraphs;
mod pdf;
mod tmx;

pub use html::declared_charset;
pub use paragraphs::Paragraphs;
pub use tmx::xml_declared_charset;

/// A document format trialign reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Docx,
    Odt,
    Pdf,
    Tmx,
}

/// The `--format` names.
pub const FORMAT_NAMES: &str = "text, markdown, html, docx, odt, pdf, tmx";

/// The biggest member of a DOCX or ODT archive read (a guard against zip bombs).
const MAX_MEMBER: u64 = 1 << 30;

impl Format {
    /// The format a `--format` name means (`txt` and `md` too).
    pub fn for_name(name: &str) -> Option<Format> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Format::Text,
            "markdown" | "md" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "pdf" => Format::Pdf,
            "tmx" => Format::Tmx,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
            Format::Tmx => "tmx",
        }
    }

    /// Whether the document's text is the file's text itself (so sentence
    /// spans point into the file), rather than text taken out of markup.
    pub fn is_plain(self) -> bool {
        self == Format::Text
    }

    /// The format of `bytes` from `path`: what the content shows (a zip
    /// archive holding a Word or OpenDocument text, a PDF, an HTML page or
    /// a TMX memory, whatever the file is named), else what the name says
    /// (`.md`, `.html`, `.tmx`), else plain text. Refuses formats it cannot
    /// read (legacy `.doc`, RTF, other archives) with what to do instead.
    pub fn detect(path: &Path, bytes: &[u8]) -> Result<Format, InputError> {
        let unsupported = |what: &str, advice: &str| InputError::Unsupported {
            path: path.to_path_buf(),
            what: what.to_string(),
            advice: advice.to_string(),
        };
        if bytes.starts_with(b"PK\x03\x04") {
            let archive = archive(path, Format::Docx, bytes)?;
            let names: Vec<String> = archive.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
            let has = |name: &str| names.iter().any(|n| n == name);
            if has("word/document.xml") {
                return Ok(Format::Docx);
            }
            if has("content.xml") {
                return Ok(Format::Odt);
            }
            return Err(unsupported(
                "a zip archive that is neither a DOCX nor an ODT document",
                "unpack it and give the documents inside",
            ));
        }
        if bytes.starts_with(b"%PDF-") {
            return Ok(Format::Pdf);
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            return Err(unsupported("a legacy Word (.doc) or other OLE file", "save it as .docx or .odt"));
        }
        if bytes.starts_with(b"{\\rtf") {
            return Err(unsupported("an RTF document", "save it as .docx, .odt or plain text"));
        }
        let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        match Format::for_name(&extension) {
            Some(f @ (Format::Markdown | Format::Html | Format::Tmx)) => return Ok(f),
            Some(f @ (Format::Docx | Format::Odt | Format::Pdf)) => {
                return Err(InputError::BadFormat {
                    path: path.to_path_buf(),
                    format: f,
                    reason: format!("it is named .{extension} but its content is not ({})", sniff(bytes).name()),
                })
            }
            _ => {}
        }
        Ok(sniff(bytes))
    }
}

/// Text that is really HTML or TMX, told by its first bytes.
fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(2048)];
    let head = super::encoding::decode(head, None, None).text.to_ascii_lowercase();
    let head = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && head.contains("<body"))
    {
        Format::Html
    } else if head.starts_with('<') && head.contains("<tmx") {
        Format::Tmx
    } else {
        Format::Text
    }
}

/// The text of `bytes` in `format` (not plain text, which is only decoded),
/// with paragraphs. `text` decodes HTML, Markdown and TMX files (which
/// carry text); `lang` picks a TMX memory's language.
pub(super) fn convert(
    path: &Path,
    format: Format,
    bytes: &[u8],
    text: impl FnOnce() -> Result<String, InputError>,
    lang: Option<&str>,
) -> Result<String, InputError> {
    match format {
        Format::Text => text(),
        Format::Markdown => Ok(markdown::to_text(&text()?)),
        Format::Html => Ok(html::to_text(&text()?)),
        Format::Tmx => tmx::to_text(path, &text()?, lang),
        Format::Docx => docx::to_text(path, &member(path, format, bytes, "word/document.xml")?),
        Format::Odt => odt::to_text(path, &member(path, format, bytes, "content.xml")?),
        Format::Pdf => pdf::to_text(path, bytes),
    }
}

fn archive<'a>(
    path: &Path,
    format: Format,
    bytes: &'a [u8],
) -> Result<zip::ZipArchive<std::io::Cursor<&'a [u8]>>, InputError> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| InputError::BadFormat {
        path: path.to_path_buf(),
        format,
        reason: format!("not a readable zip archive: {e}"),
    })
}

/// The XML text of the member `name` of a zip archive.
fn member(path: &Path, format: Format, bytes: &[u8], name: &str) -> Result<String, InputError> {
    let bad = |reason: String| InputError::BadFormat { path: path.to_path_buf(), format, reason };
    let mut archive = archive(path, format, bytes)?;
    let file = archive.by_name(name).map_err(|e| bad(format!("{name}: {e}")))?;
    let mut xml = Vec::new();
    file.take(MAX_MEMBER).read_to_end(&mut xml).map_err(|e| bad(format!("{name}: {e}")))?;
    if xml.len() as u64 >= MAX_MEMBER {
        return Err(bad(format!("{name} is larger than {MAX_MEMBER} bytes")));
    }
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(xml);
    String::from_utf8(xml).map_err(|e| bad(format!("{name} is not UTF-8: {e}")))
}

/// One step through an XML document: an element opened (an empty element
/// is opened and closed), closed (by its local name), or text, with entity
/// and character references resolved.
enum Node<'a, 'x> {
    Open(&'a BytesStart<'x>),
    Close(&'a str),
    Text(Cow<'a, str>),
}

/// Walks the XML text `xml` of `path`, handing each [`Node`] to `visit`.
fn walk_xml(path: &Path, format: Format, xml: &str, mut visit: impl FnMut(Node<'_, '_>)) -> Result<(), InputError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        let event = reader.read_event().map_err(|e| InputError::BadFormat {
            path: path.to_path_buf(),
            format,
            reason: format!("bad XML at byte {}: {e}", reader.error_position()),
        })?;
        match event {
            Event::Start(e) => visit(Node::Open(&e)),
            Event::Empty(e) => {
                visit(Node::Open(&e));
                visit(Node::Close(e.local_name().into_inner()));
            }
            Event::End(e) => visit(Node::Close(e.local_name().into_inner())),
            Event::Text(t) => visit(Node::Text(t.xml10_content())),
            Event::CData(t) => visit(Node::Text(t.into_inner())),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                if let Some(c) = c {
                    visit(Node::Text(c.into()));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The value of attribute `name` (qualified, e.g. `w:type`), if present.
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = e.try_get_attribute(name).ok()??;
    attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content_before_name() {
        let detect = |name: &str, bytes: &[u8]| Format::detect(Path::new(name), bytes);
        assert_eq!(detect("a.txt", b"<!DOCTYPE html><p>x").unwrap(), Format::Html);
        assert_eq!(detect("a.txt", b"\n  <html lang=en>").unwrap(), Format::Html);
        assert_eq!(detect("a", b"<?xml version='1.0'?><tmx version='1.4'>").unwrap(), Format::Tmx);
        assert_eq!(detect("a.txt", b"%PDF-1.4 ...").unwrap(), Format::Pdf);
        assert_eq!(detect("a.md", b"# Title").unwrap(), Format::Markdown);
        assert_eq!(detect("a.txt", b"# Title").unwrap(), Format::Text);
        assert_eq!(detect("-", b"Plain text.").unwrap(), Format::Text);
        let doc = detect("a.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....").unwrap_err().to_string();
        assert!(doc.contains("a.doc: ") && doc.contains(".docx"), "{doc}");
        let fake = detect("a.docx", b"Plain text.").unwrap_err().to_string();
        assert!(fake.contains("not (text)"), "{fake}");
        assert!(detect("a.txt", b"PK\x03\x04 broken").is_err());
    }

    #[test]
    fn format_names() {
        assert_eq!(Format::for_name("MD"), Some(Format::Markdown));
        assert_eq!(Format::for_name("doc"), None);
        for name in FORMAT_NAMES.split(", ") {
            assert_eq!(Format::for_name(name).map(Format::name), Some(name));
        }
    }
}
