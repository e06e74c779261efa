//! Stage 2: split a document into sentences, by the rules of its language.
//!
//! Every [`Sentence`] is a slice of the document's text, trimmed of white
//! space at both ends and otherwise unchanged, and knows its byte span in
//! the file. Sentences never overlap and come in the order of the file.

use std::ops::Range;

use crate::input::{self, Document};
use crate::lang::Lang;

mod rules;

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The text as written in the file (may hold line breaks when the file
    /// wraps lines inside a paragraph).
    pub text: String,
    /// Byte range of `text` in the file (byte-order mark included).
    pub span: Range<usize>,
    /// Index of the paragraph the sentence belongs to (paragraphs are
    /// separated by blank lines, or are single lines in line-per-paragraph
    /// files); 0-based.
    pub paragraph: usize,
    /// Normalised comparison key ([`input::key`]).
    pub key: String,
}

impl Sentence {
    fn new(doc: &Document, range: Range<usize>, paragraph: usize) -> Sentence {
        let text = doc.text[range.clone()].to_string();
        let key = input::key(&text);
        Sentence { text, span: range.start + doc.offset..range.end + doc.offset, paragraph, key }
    }
}

/// A "sentence" longer than this many characters is a text written without
/// sentence punctuation (a list, verse, a transcript), not a sentence: it is
/// split at its line breaks instead. The longest sentences of the
/// evaluation sets have under 1,000 characters.
pub const MAX_SENTENCE_CHARS: usize = 2000;

/// Splits `doc` into sentences with the rules of `lang` (see [`split_noted`]).
pub fn split(doc: &Document, lang: &Lang) -> Vec<Sentence> {
    split_noted(doc, lang).0
}

/// [`split`], and a note for the user when a "sentence" was longer than
/// [`MAX_SENTENCE_CHARS`]: such a run of text is split at its line breaks,
/// each line a sentence, and one without line breaks is kept whole (it then
/// aligns as one bead or none).
pub fn split_noted(doc: &Document, lang: &Lang) -> (Vec<Sentence>, Option<String>) {
    let mut out = Vec::new();
    let (mut broken, mut whole) = (0, 0);
    for (range, paragraph) in rules::split(&doc.text, lang) {
        // Bytes first: counting characters is for the few long ones.
        let text = &doc.text[range.clone()];
        if range.len() <= MAX_SENTENCE_CHARS || text.chars().count() <= MAX_SENTENCE_CHARS {
            out.push(Sentence::new(doc, range, paragraph));
        } else if text.contains(['\n', '\r']) {
            broken += 1;
            out.extend(lines(text, range.start).map(|line| Sentence::new(doc, line, paragraph)));
        } else {
            whole += 1;
            out.push(Sentence::new(doc, range, paragraph));
        }
    }
    let mut notes = Vec::new();
    if broken > 0 {
        notes.push(format!(
            "{broken} passage(s) of over {MAX_SENTENCE_CHARS} characters without sentence punctuation were split at their line breaks"
        ));
    }
    if whole > 0 {
        notes.push(format!(
            "{whole} passage(s) of over {MAX_SENTENCE_CHARS} characters have neither sentence punctuation nor line breaks: each is one sentence, and may align badly"
        ));
    }
    (out, (!notes.is_empty()).then(|| notes.join("; ")))
}

/// The non-blank lines of `text` (which starts at byte `start`), trimmed,
/// as byte ranges.
fn lines(text: &str, start: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = start;
    text.split('\n').filter_map(move |line| {
        let lead = line.len() - line.trim_start_matches(input::is_space).len();
        let trimmed = line.trim_matches(input::is_space);
        let range = at + lead..at + lead + trimmed.len();
        at += line.len() + 1;
        (!trimmed.is_empty()).then_some(range)
    })
}

/// Takes `doc` as already split: every line is one sentence (line k is
/// sentence k, blank lines included, so that ids match gold files that count
/// lines). A blank line also starts a new paragraph.
pub fn presegmented(doc: &Document) -> Vec<Sentence> {
    let text = &doc.text;
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut start = 0;
    let body_end = text.trim_end_matches(['\n', '\r']).len();
    while start <= body_end {
        let rest = &text[start..];
        let (line_len, break_len) = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => (i, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        let line = &text[start..start + line_len];
        let lead = line.len() - line.trim_start_matches(input::is_space).len();
        let trimmed = line.trim_matches(input::is_space);
        let range = start + lead..start + lead + trimmed.len();
        out.push(Sentence::new(doc, range, paragraph));
        if trimmed.is_empty() {
            paragraph += 1;
        }
        if break_len == 0 {
            break;
        }
        start += line_len + break_len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn doc(text: &str) -> Document {
        Document::from_bytes(Path::new("t.txt"), text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn presegmented_keeps_one_sentence_per_line_and_spans() {
        let d = doc("\u{FEFF}One.\r\n  Two two.\n\nFour\n");
        let s = presegmented(&d);
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["One.", "Two two.", "", "Four"]);
        let raw = "\u{FEFF}One.\r\n  Two two.\n\nFour\n".as_bytes();
        assert_eq!(&raw[s[1].span.clone()], b"Two two.");
        assert_eq!(s[3].paragraph, 1);
    }

    #[test]
    fn an_enormous_sentence_is_split_at_its_line_breaks() {
        let line = "a line of verse without any punctuation at all";
        let raw = format!("First sentence.\n\n{}", vec![line; 60].join("\r\n"));
        let d = doc(&raw);
        let (s, note) = split_noted(&d, &Lang::new("en").unwrap());
        assert_eq!(s.len(), 61);
        assert_eq!(s[0].text, "First sentence.");
        assert!(s[1..].iter().all(|s| s.text == line && &raw[s.span.clone()] == line && s.paragraph == 1));
        assert!(note.unwrap().contains("1 passage(s) of over 2000 characters"));
        // Without a line break there is nothing to fall back on: kept, and said.
        let one_line = vec![line; 60].join(" ");
        let (s, note) = split_noted(&doc(&one_line), &Lang::new("en").unwrap());
        assert_eq!(s.len(), 1);
        assert!(note.unwrap().contains("neither sentence punctuation nor line breaks"));
        // Short sentences get no note.
        assert_eq!(split_noted(&doc("One. Two."), &Lang::new("en").unwrap()).1, None);
    }

    #[test]
    fn split_spans_count_the_byte_order_mark() {
        let raw = "\u{FEFF}Mr. Lee came.\r\n\r\nThen he left. ";
        let d = doc(raw);
        let s = split(&d, &Lang::new("en").unwrap());
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Mr. Lee came.", "Then he left."]);
        assert_eq!(&raw.as_bytes()[s[1].span.clone()], b"Then he left.");
        assert_eq!((s[0].paragraph, s[1].paragraph), (0, 1));
        assert_eq!(s[0].key, "mr. lee came.");
    }
}
