//! dictd dictionaries, and the Müller English–Russian articles in them.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use super::text::{has_cyrillic, has_latin, remove_bracketed};
use super::{gunzip, read_bytes, utf8, Lexicon, LexiconError};

/// A dictd dictionary in memory: the whole text and, per index line, the
/// headword and the byte range of its article.
#[derive(Debug)]
pub struct Dictd {
    pub text: String,
    pub articles: Vec<(String, Range<usize>)>,
}

impl Dictd {
    /// The article of the `i`-th index line.
    pub fn article(&self, i: usize) -> &str {
        &self.text[self.articles[i].1.clone()]
    }
}

/// A dictd number: base-64 digits `A–Z a–z 0–9 + /`, most significant first.
pub fn decode_number(digits: &str) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u64, |n, b| {
        let d = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        n.checked_mul(64)?.checked_add(u64::from(d))
    })
}

/// Reads a dictd pair. The dictionary is decompressed whole when its name
/// ends in `.dz` or `.gz` (dictzip is gzip), read as is otherwise. Every
/// index line must point inside it, on character boundaries.
pub fn read_dictd(index: &Path, dict: &Path) -> Result<Dictd, LexiconError> {
    let bytes = read_bytes(dict)?;
    let bytes = if dict.extension().is_some_and(|e| e == "dz" || e == "gz") { gunzip(dict, &bytes)? } else { bytes };
    let text = String::from_utf8(bytes)
        .map_err(|_| LexiconError::Corrupt { path: dict.to_path_buf(), message: "not UTF-8".into() })?;
    let index_text = utf8(index, read_bytes(index)?)?;
    let mut articles = Vec::with_capacity(index_text.len() / 16);
    for (i, line) in index_text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let malformed = |message: String| LexiconError::Malformed { path: index.to_path_buf(), line: i + 1, message };
        let mut fields = line.split('\t');
        let (Some(headword), Some(offset), Some(length)) = (fields.next(), fields.next(), fields.next()) else {
            return Err(malformed("expected `headword<TAB>offset<TAB>length`".into()));
        };
        let (Some(offset), Some(length)) = (decode_number(offset), decode_number(length)) else {
            return Err(malformed("offset and length must be base-64 numbers (A–Z a–z 0–9 + /)".into()));
        };
        let range = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(length).ok())
            .and_then(|(o, l)| Some(o..o.checked_add(l)?))
            .filter(|r| r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let Some(range) = range else {
            return Err(malformed(format!(
                "offset {offset} + length {length} is not inside {} ({} bytes)",
                dict.display(),
                text.len()
            )));
        };
        articles.push((headword.to_string(), range));
    }
    Ok(Dictd { text, articles })
}

/// Reads the Müller dictionary (or any dictd dictionary in its format) as
/// an en → ru lexicon: (headword, Russian gloss) pairs.
pub fn read_mueller(index: &Path, dict: &Path) -> Result<Lexicon, LexiconError> {
    let dictd = read_dictd(index, dict)?;
    let mut entries = Vec::with_capacity(dictd.articles.len() * 4);
    for (i, (headword, _)) in dictd.articles.iter().enumerate() {
        if is_meta(headword) {
            continue;
        }
        if let Some((head, glosses)) = parse_mueller_article(dictd.article(i)) {
            entries.extend(glosses.into_iter().map(|g| (head.clone(), g)));
        }
    }
    Ok(Lexicon { name: "Müller 7".into(), path: dict.to_path_buf(), src: "en".into(), tgt: "ru".into(), entries })
}

/// dictd's own entries: `00-database-info`, `00databaseshort`, …
fn is_meta(headword: &str) -> bool {
    headword.starts_with("00-database") || headword.starts_with("00database")
}

/// Where a line of an article starts a new sense, and which kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Before any mark: the line after the headword.
    Start,
    /// `_I`, `_II`: another word spelt the same.
    Homonym,
    /// `1.`: part of speech.
    Major,
    /// `1)`: a sense.
    Sense,
    /// `а)`: a sub-sense, usually of the idiom or phrasal verb just before it.
    Sub,
}

/// The mark a line (trimmed) starts with, and the rest of the line.
fn marker(line: &str) -> Option<(Mark, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(')') {
            return Some((Mark::Sense, r));
        }
        if let Some(r) = rest.strip_prefix('.') {
            if r.is_empty() || r.starts_with(char::is_whitespace) {
                return Some((Mark::Major, r));
            }
        }
        return None;
    }
    if let Some(r) = line.strip_prefix('_') {
        let n = r.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X')).count();
        if n > 0 && !r[n..].starts_with(char::is_alphanumeric) && !r[n..].starts_with('.') {
            return Some((Mark::Homonym, &r[n..]));
        }
        return None;
    }
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some('а'..='я'), Some(')')) => Some((Mark::Sub, chars.as_str())),
        _ => None,
    }
}

/// Parses one Müller article: its headword (the first line, as written)
/// and the Russian glosses of the headword itself, in order, without
/// repeats. `None` for dictd's meta entries and empty articles.
pub fn parse_mueller_article(article: &str) -> Option<(String, Vec<String>)> {
    let mut lines = article.lines().skip_while(|l| l.trim().is_empty());
    let head = lines.next()?.trim();
    if head.is_empty() || is_meta(head) {
        return None;
    }
    let mut senses = vec![(Mark::Start, String::new())];
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some((mark, rest)) = marker(line) {
            senses.push((mark, rest.trim().to_string()));
            continue;
        }
        let buf = &mut senses.last_mut().expect("senses starts non-empty").1;
        // Lines wrap after a hyphen inside a word: "северо-" / "восток".
        let mut tail = buf.chars().rev();
        let hyphen_wrap = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
        if !buf.is_empty() && !hyphen_wrap {
            buf.push(' ');
        }
        buf.push_str(line);
    }
    let mut glosses = Vec::new();
    let mut in_example = false;
    for (mark, text) in &senses {
        if *mark != Mark::Sub {
            in_example = false;
        }
        sense_glosses(text, &mut in_example, &mut glosses);
    }
    Some((head.to_string(), glosses))
}

/// Adds the glosses of one sense. Segments are separated by `;` (and `:`,
/// which introduces examples). The first segment with English in it (an
/// example, idiom, phrasal verb or cross reference) sets `in_example`, and
/// what follows it translates that, not the headword: skipped up to the next
/// sense (sub-senses `а)` continue it).
fn sense_glosses(text: &str, in_example: &mut bool, out: &mut Vec<String>) {
    if *in_example {
        return;
    }
    let mut text = Cow::Borrowed(text);
    if text.contains(['(', ')', '[', ']', '{', '}']) {
        text = Cow::Owned(remove_bracketed(&text));
    }
    if text.contains('_') {
        text = Cow::Owned(remove_labels(&text));
    }
    let mut rest = &*text;
    while !*in_example {
        let end = rest.find([';', ':']);
        let segment = &rest[..end.unwrap_or(rest.len())];
        if end.is_some_and(|i| rest[i..].starts_with(':')) || has_latin(segment) || segment.contains('=') {
            *in_example = true;
            break;
        }
        let segment = segment.trim();
        if !(segment.starts_with("см.") || segment.starts_with("ср.")) {
            for g in segment.split(',').filter_map(clean_gloss) {
                if !out.contains(&g) {
                    out.push(g);
                }
            }
        }
        match end {
            Some(i) => rest = &rest[i + 1..],
            None => break,
        }
    }
}

/// `s` without labels: `_n.`, `_разг.`, `_ж-д.` (from `_` to a space or `;`, `:`, `,`).
fn remove_labels(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_label = false;
    let mut prev_space = true;
    for c in s.chars() {
        if in_label {
            if c.is_whitespace() || matches!(c, ';' | ':' | ',') {
                in_label = false;
            } else {
                continue;
            }
        } else if c == '_' && prev_space {
            in_label = true;
            continue;
        }
        prev_space = c.is_whitespace();
        out.push(c);
    }
    out
}

/// Longest gloss kept, in words: longer ones are explanations.
const MAX_GLOSS_WORDS: usize = 5;

/// Abbreviations that only extend a list.
const ETC: &[&str] = &["и т.п.", "и т. п.", "и т.д.", "и т. д.", "и пр.", "и др.", "т.п.", "т.д."];

/// First words of the pieces of an explanation that a `,` split off ("тот,
/// кто выбирает"; "товар, … для привлечения покупателей"; "указывает на то, что …").
const NOT_A_GLOSS_START: &[&str] = &[
    "то",
    "тот",
    "та",
    "те",
    "тем",
    "того",
    "кто",
    "что",
    "чем",
    "который",
    "которая",
    "которое",
    "которые",
    "для",
    "указывает",
    "означает",
    "обозначает",
    "выражает",
];

/// A Russian gloss as it can match text, or `None` for what is not one:
/// no Cyrillic, an abbreviation left (a `.`: "употр.", "напр."), too long.
/// Quotes, "и т.п." and placeholders like "кого-л." are removed.
fn clean_gloss(g: &str) -> Option<String> {
    let mut s = Cow::Borrowed(g);
    if s.contains(['"', '«', '»']) {
        s = Cow::Owned(s.replace(['"', '«', '»'], " "));
    }
    if s.contains('.') {
        for etc in ETC {
            if s.contains(etc) {
                s = Cow::Owned(s.replace(etc, " "));
            }
        }
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace().filter(|w| !w.ends_with("-л.") && !w.ends_with("-л")) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    let t = out.trim_matches(|c: char| c.is_whitespace() || ",!?-–—".contains(c));
    if t.is_empty() || t.contains('.') || !has_cyrillic(t) || t.split_whitespace().count() > MAX_GLOSS_WORDS {
        return None;
    }
    let first = t.split_whitespace().next().unwrap_or_default();
    if NOT_A_GLOSS_START.iter().any(|w| first.eq_ignore_ascii_case(w)) {
        return None;
    }
    Some(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_base64() {
        assert_eq!(decode_number("A"), Some(0));
        assert_eq!(decode_number("B"), Some(1));
        assert_eq!(decode_number("/"), Some(63));
        assert_eq!(decode_number("BA"), Some(64));
        assert_eq!(decode_number("C+m"), Some(2 * 4096 + 62 * 64 + 38));
        assert_eq!(decode_number(""), None);
        assert_eq!(decode_number("A-"), None);
        assert_eq!(decode_number("//////////////"), None, "overflow");
    }

    #[test]
    fn marks() {
        assert_eq!(marker("10)стадо"), Some((Mark::Sense, "стадо")));
        assert_eq!(marker("2. _v. бить"), Some((Mark::Major, " _v. бить")));
        assert_eq!(marker("б) играть"), Some((Mark::Sub, " играть")));
        assert_eq!(marker("_II [bæŋk]"), Some((Mark::Homonym, " [bæŋk]")));
        assert_eq!(marker("_III[bæŋk] _n."), Some((Mark::Homonym, "[bæŋk] _n.")));
        assert_eq!(marker("_ист. слуга"), None);
        assert_eq!(marker("1-я буква"), None);
        assert_eq!(marker("1/16 рупии"), None);
    }

    fn glosses(article: &str) -> Vec<String> {
        parse_mueller_article(article).map(|(_, g)| g).unwrap_or_default()
    }

    #[test]
    fn one_line_article() {
        let (head, g) =
            parse_mueller_article("Lantern\n   [↗læntɜn] _n. _уст. фонарь, светильник (_особ. ручной)\n").unwrap();
        assert_eq!(head, "Lantern");
        assert_eq!(g, ["фонарь", "светильник"]);
    }

    #[test]
    fn examples_end_their_sense_only() {
        let a = "walk\n   [wɘ:k]\n   1. _n.\n      1) прогулка, ходьба; to go for a walk пойти\n      гулять; пройтись\n      2) походка\n   2. _v. ходить, гулять; walk off\n         а) уходить;\n         б) уводить\n   _II _n. _разг. тропа\n";
        assert_eq!(glosses(a), ["прогулка", "ходьба", "походка", "ходить", "гулять", "тропа"]);
    }

    #[test]
    fn cross_references_and_explanations_give_nothing() {
        assert!(glosses("'cause\n   [kɘz] _уст. = because\n").is_empty());
        assert!(glosses("went\n   [wɛnt] _past от go\n").is_empty());
        assert!(glosses("x\n   1) употр. перед сущ. для выделения: the book книга\n").is_empty());
    }

    #[test]
    fn glosses_are_cleaned() {
        assert_eq!(clean_gloss(" проливать "), Some("проливать".into()));
        assert_eq!(clean_gloss("жёлоб и т.п."), Some("жёлоб".into()));
        assert_eq!(clean_gloss("натолкнуться на кого-л."), Some("натолкнуться на".into()));
        assert_eq!(clean_gloss("\"малина\""), Some("малина".into()));
        assert_eq!(clean_gloss("1-я буква англ. алфавита"), None);
        assert_eq!(clean_gloss("тот кто спрашивает и ведёт допрос"), None);
        assert_eq!(clean_gloss(" кто выбирает"), None);
        assert_eq!(remove_labels("_n. _ж-д. пробег; _разг.;x"), "  пробег; ;x");
        assert_eq!(remove_labels("snake_case"), "snake_case");
    }

    #[test]
    fn hyphen_wrapped_lines_join() {
        assert_eq!(glosses("northeast\n   _n. северо-\n   восток\n"), ["северо-восток"]);
        assert_eq!(glosses("pig\n   _n. свинья -\n   животное\n"), ["свинья - животное"]);
    }
}
