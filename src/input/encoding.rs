//! Which encoding a text file is in, and its text decoded to UTF-8.
//!
//! In order: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); the
//! encoding the user named (`--encoding`); an encoding the file declares
//! (HTML's `<meta charset>`, an XML declaration; only for those formats);
//! UTF-16 without a BOM, told by its own test (chardetng does not look for
//! it); valid UTF-8; else chardetng's guess among the legacy encodings
//! (Windows-1251, KOI8-R, GB18030/GBK, Big5, Shift_JIS, Windows-1252, …).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use serde::{Deserialize, Serialize};

/// An encoding a file can be in: one of `encoding_rs`'s, or UTF-32, which
/// it does not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Web(&'static Encoding),
    Utf32 { big_endian: bool },
}

impl Charset {
    pub const UTF8: Charset = Charset::Web(UTF_8);

    /// The encoding a `--encoding` name means: any WHATWG label (`utf-8`,
    /// `cp1251`, `koi8-r`, `gb18030`, `big5`, `shift_jis`, `latin1`,
    /// `utf-16le`, …) or `utf-32`, `utf-32le`, `utf-32be`.
    pub fn for_name(name: &str) -> Option<Charset> {
        match name.trim().to_ascii_lowercase().as_str() {
            "utf-32" | "utf32" | "utf-32le" | "utf32le" => Some(Charset::Utf32 { big_endian: false }),
            "utf-32be" | "utf32be" => Some(Charset::Utf32 { big_endian: true }),
            label => Encoding::for_label_no_replacement(label.as_bytes()).map(Charset::Web),
        }
    }

    /// Its usual name: `UTF-8`, `windows-1251`, `GB18030` (chardetng says
    /// GBK, whose decoder is GB18030's), `UTF-32LE`.
    pub fn name(self) -> &'static str {
        match self {
            Charset::Web(e) if e == encoding_rs::GBK => "GB18030",
            Charset::Web(e) => e.name(),
            Charset::Utf32 { big_endian: false } => "UTF-32LE",
            Charset::Utf32 { big_endian: true } => "UTF-32BE",
        }
    }

    /// The text of `bytes` (no BOM) in this encoding, and whether any byte
    /// sequence was malformed (each became U+FFFD).
    pub fn decode(self, bytes: &[u8]) -> (Cow<'_, str>, bool) {
        match self {
            Charset::Web(e) => e.decode_without_bom_handling(bytes),
            Charset::Utf32 { big_endian } => {
                let mut malformed = bytes.len() % 4 != 0;
                let text = bytes
                    .chunks(4)
                    .map(|c| {
                        let unit = if c.len() < 4 {
                            None
                        } else if big_endian {
                            Some(u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                        } else {
                            Some(u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                        };
                        unit.and_then(char::from_u32).unwrap_or_else(|| {
                            malformed = true;
                            char::REPLACEMENT_CHARACTER
                        })
                    })
                    .collect();
                (Cow::Owned(text), malformed)
            }
        }
    }
}

/// How the encoding of a file was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Detection {
    /// Its byte-order mark.
    Bom,
    /// Named by the user (`--encoding`).
    Given,
    /// Declared by the file itself (HTML `<meta charset>`, XML declaration).
    Declared,
    /// The bytes are valid UTF-8 (ASCII included).
    Utf8,
    /// UTF-16 without a BOM: most characters have a zero byte on one side.
    Utf16Test,
    /// chardetng's guess.
    Guessed,
    /// Fixed by the format (DOCX and ODT hold UTF-8 XML, pdftotext writes UTF-8).
    Format,
}

impl Detection {
    /// Its name in `summary.json` and `review.json`.
    pub fn name(self) -> &'static str {
        match self {
            Detection::Bom => "bom",
            Detection::Given => "given",
            Detection::Declared => "declared",
            Detection::Utf8 => "utf8",
            Detection::Utf16Test => "utf16-test",
            Detection::Guessed => "guessed",
            Detection::Format => "format",
        }
    }

    /// How it was chosen, for people: "guessed", "declared by the file".
    pub fn describe(self) -> &'static str {
        match self {
            Detection::Bom => "byte-order mark",
            Detection::Given => "as given",
            Detection::Declared => "declared by the file",
            Detection::Utf8 => "valid UTF-8",
            Detection::Utf16Test => "UTF-16 by its zero bytes",
            Detection::Guessed => "guessed",
            Detection::Format => "fixed by the format",
        }
    }
}

/// A file's text decoded to UTF-8.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Bytes of the file before the text (its BOM).
    pub bom: usize,
    pub charset: Charset,
    pub detection: Detection,
    /// For [`Detection::Utf16Test`], the share of the code units that passed
    /// the test; 1 otherwise (a guess is measured by the caller, who knows
    /// the scripts).
    pub confidence: f64,
    /// Whether decoding met malformed bytes (turned into U+FFFD).
    pub malformed: bool,
}

/// Decodes `bytes`: BOM, else `given`, else `declared`, else UTF-16 by its
/// test, else UTF-8 when valid, else chardetng's guess.
pub fn decode(bytes: &[u8], given: Option<Charset>, declared: Option<Charset>) -> Decoded<'_> {
    let decoded = |charset: Charset, bom: usize, detection: Detection, confidence: f64| {
        let (text, malformed) = charset.decode(&bytes[bom..]);
        Decoded { text, bom, charset, detection, confidence, malformed }
    };
    if let Some((charset, bom)) = bom(bytes) {
        return decoded(charset, bom, Detection::Bom, 1.0);
    }
    if let Some(charset) = given {
        return decoded(charset, 0, Detection::Given, 1.0);
    }
    if let Some(charset) = declared {
        return decoded(charset, 0, Detection::Declared, 1.0);
    }
    // UTF-16 of ASCII text is valid UTF-8 too (with NULs): tested first.
    if let Some((charset, share)) = utf16_without_bom(bytes) {
        return decoded(charset, 0, Detection::Utf16Test, share);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return decoded(Charset::UTF8, 0, Detection::Utf8, 1.0);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    decoded(Charset::Web(guess), 0, Detection::Guessed, 1.0)
}

/// The encoding a byte-order mark at the start of `bytes` names, and the
/// mark's length. UTF-32 LE's mark begins with UTF-16 LE's: tried first.
pub fn bom(bytes: &[u8]) -> Option<(Charset, usize)> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Some((Charset::Utf32 { big_endian: false }, 4));
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some((Charset::Utf32 { big_endian: true }, 4));
    }
    Encoding::for_bom(bytes).map(|(e, n)| (Charset::Web(e), n))
}

/// UTF-16 without a BOM: an even length, no NUL unit, and either at least
/// 90 % of the code units with a zero byte on the same side (ASCII, Latin)
/// or, for texts in other scripts, zero bytes (line breaks, spaces,
/// punctuation) in at least 1 % of the units, more on one side than on the
/// other (`一`, U+4E00, has its zero on the other side), and a clean decode
/// (no malformed unit, no stray control character: binary data has those).
/// No legacy encoding of text has zero bytes at all. Returns the encoding and the share of the
/// zero-byte units on its side.
fn utf16_without_bom(bytes: &[u8]) -> Option<(Charset, f64)> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    // Units with a zero high byte: [little-endian, big-endian].
    let mut zero = [0usize; 2];
    for pair in bytes.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (0, 0) => return None,
            (_, 0) => zero[0] += 1,
            (0, _) => zero[1] += 1,
            _ => {}
        }
    }
    let side = usize::from(zero[1] > zero[0]);
    let charset = [UTF_16LE, UTF_16BE][side];
    let (units, other) = ((bytes.len() / 2) as f64, zero[1 - side]);
    let share = zero[side] as f64 / (zero[side] + other).max(1) as f64;
    if zero[side] as f64 >= 0.9 * units {
        return Some((Charset::Web(charset), share));
    }
    if zero[side] as f64 >= 0.01 * units && zero[side] > other {
        let (text, malformed) = Charset::Web(charset).decode(bytes);
        if garbage(&text, malformed, Charset::Web(charset)).is_none() {
            return Some((Charset::Web(charset), share));
        }
    }
    None
}

/// What makes a text decoded as `charset` garbage, if anything: malformed
/// bytes (U+FFFD where there was none in the file), or control characters
/// no text holds (C0 other than tab, line feed, form feed and carriage
/// return; C1).
pub fn garbage(text: &str, malformed: bool, charset: Charset) -> Option<String> {
    if malformed {
        let at = text.find(char::REPLACEMENT_CHARACTER).unwrap_or(0);
        let chars = text[..at].chars().count();
        return Some(format!("bytes that are not {} at character {chars}", charset.name()));
    }
    let (at, c) = text.char_indices().find(|&(_, c)| is_stray_control(c))?;
    let chars = text[..at].chars().count();
    Some(format!("a control character U+{:04X} at character {chars}", c as u32))
}

fn is_stray_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')) || c == '\0'
}

/// The encodings tried when a file decodes into garbage, to suggest one.
const CANDIDATES: [&str; 10] = [
    "utf-8",
    "windows-1251",
    "koi8-r",
    "gb18030",
    "big5",
    "shift_jis",
    "euc-kr",
    "windows-1252",
    "utf-16le",
    "utf-16be",
];

/// The encoding among the common ones, other than the one `tried` (by
/// name), in which `bytes` decode cleanly and `fit` (the caller's measure
/// of how well a text fits, 0–1) is best; none where no clean one fits at
/// least half.
pub fn suggest(bytes: &[u8], tried: &str, fit: impl Fn(&str) -> f64) -> Option<Charset> {
    let mut best: Option<(Charset, f64)> = None;
    let candidates = CANDIDATES.iter().filter_map(|name| Charset::for_name(name));
    for charset in candidates.filter(|c| !c.name().eq_ignore_ascii_case(tried)) {
        let (text, malformed) = charset.decode(bytes);
        if garbage(&text, malformed, charset).is_some() {
            continue;
        }
        let f = fit(&text);
        if f >= 0.5 && best.is_none_or(|(_, b)| f > b) {
            best = Some((charset, f));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    }

    #[test]
    fn byte_order_marks_come_first() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16("Привет, мир.", false));
        let d = decode(&le, Some(Charset::for_name("koi8-r").unwrap()), None);
        assert_eq!(
            (d.text.as_ref(), d.bom, d.detection, d.charset.name()),
            ("Привет, мир.", 2, Detection::Bom, "UTF-16LE")
        );
        let mut be32 = vec![0, 0, 0xFE, 0xFF];
        be32.extend("你好。".chars().flat_map(|c| (c as u32).to_be_bytes()));
        let d = decode(&be32, None, None);
        assert_eq!((d.text.as_ref(), d.charset.name()), ("你好。", "UTF-32BE"));
        let d = decode(b"\xEF\xBB\xBFok", None, None);
        assert_eq!((d.text.as_ref(), d.bom, d.charset.name()), ("ok", 3, "UTF-8"));
    }

    #[test]
    fn utf16_without_a_bom_is_told_by_its_zero_bytes() {
        for big_endian in [false, true] {
            let latin = utf16("Plain English text.\n", big_endian);
            let d = decode(&latin, None, None);
            assert_eq!((d.text.as_ref(), d.detection), ("Plain English text.\n", Detection::Utf16Test));
            assert_eq!(d.charset.name(), if big_endian { "UTF-16BE" } else { "UTF-16LE" });
            let han = utf16("中华人民共和国主席习近平。\n\n俄罗斯总统。\n", big_endian);
            let d = decode(&han, None, None);
            assert_eq!(d.text, "中华人民共和国主席习近平。\n\n俄罗斯总统。\n");
            let d = decode(b"ab\0\0cd\0\0", None, None);
            assert_eq!(d.detection, Detection::Utf8, "NUL units are not UTF-16 text");
        }
    }

    #[test]
    fn legacy_encodings_are_guessed() {
        let ru = "Президент России Владимир Путин и председатель КНР Си Цзиньпин провели переговоры.";
        let zh = "俄罗斯总统普京和中国国家主席习近平在莫斯科会谈了七个多小时，随后签署了一系列合作协议。";
        let traditional = "俄羅斯總統普京和中國國家主席習近平在莫斯科會談了七個多小時，隨後簽署了一系列合作協議。";
        // chardetng names KOI8-R text KOI8-U, which decodes it alike.
        for (text, name, told) in [
            (ru, "windows-1251", "windows-1251"),
            (ru, "KOI8-R", "KOI8-U"),
            (zh, "GB18030", "GB18030"),
            (traditional, "Big5", "Big5"),
        ] {
            let charset = Charset::for_name(name).unwrap();
            let (bytes, _, _) = match charset {
                Charset::Web(e) => e.encode(text),
                Charset::Utf32 { .. } => unreachable!(),
            };
            let d = decode(&bytes, None, None);
            assert_eq!((d.text.as_ref(), d.detection, d.charset.name()), (text, Detection::Guessed, told), "{name}");
        }
    }

    #[test]
    fn detection_names_are_their_serde_names() {
        for d in [Detection::Bom, Detection::Utf16Test, Detection::Format] {
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{}\"", d.name()));
        }
    }

    #[test]
    fn names_include_utf32_and_the_usual_aliases() {
        assert_eq!(Charset::for_name("CP1251").unwrap().name(), "windows-1251");
        assert_eq!(Charset::for_name("utf-32be"), Some(Charset::Utf32 { big_endian: true }));
        assert_eq!(Charset::for_name("gbk").unwrap().name(), "GB18030");
        assert_eq!(Charset::for_name("no-such"), None);
    }

    #[test]
    fn garbage_is_malformed_bytes_or_stray_control_characters() {
        let (text, malformed) = Charset::UTF8.decode(b"ab\xFFcd");
        assert_eq!(garbage(&text, malformed, Charset::UTF8).unwrap(), "bytes that are not UTF-8 at character 2");
        assert!(garbage("tab\tand\r\nfeed\x0C", false, Charset::UTF8).is_none());
        assert!(garbage("a\u{85}b", false, Charset::UTF8).unwrap().contains("U+0085"));
    }

    #[test]
    fn a_suggestion_is_the_clean_encoding_that_fits_best() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, мир.");
        let cyrillic = |t: &str| t.chars().filter(|c| ('а'..='я').contains(c)).count() as f64 / 8.0;
        assert_eq!(suggest(&bytes, "UTF-8", cyrillic).map(Charset::name), Some("windows-1251"));
        assert_ne!(
            suggest(&bytes, "windows-1251", cyrillic).map(Charset::name),
            Some("windows-1251"),
            "not the one tried"
        );
        assert_eq!(suggest(&bytes, "UTF-8", |_| 0.0), None);
    }
}
