//! Languages and scripts: what a language code means to the other stages,
//! and guessing the language of a text from its script (and, within a
//! script, from its function words).
//!
//! The table of known languages is the data file `languages.tsv` beside this
//! module.

use std::fmt;

/// A writing system, as far as segmentation and length models care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Cyrillic,
    /// Chinese characters (no spaces between words).
    Han,
    /// Japanese kana (with Han).
    Kana,
    Other,
}

impl Script {
    /// The script of one character, `None` for characters of no script
    /// (digits, punctuation, spaces, symbols).
    pub fn of(c: char) -> Option<Script> {
        let u = c as u32;
        Some(match u {
            _ if c.is_ascii_alphabetic() => Script::Latin,
            0x00C0..=0x024F | 0x1E00..=0x1EFF if c.is_alphabetic() => Script::Latin,
            0x0400..=0x052F => Script::Cyrillic,
            0x3040..=0x30FF => Script::Kana,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => Script::Han,
            _ if c.is_alphabetic() => Script::Other,
            _ => return None,
        })
    }

    /// Scripts that write words without spaces between them, so that a
    /// sentence's length is best counted in characters, not words.
    pub fn is_unspaced(self) -> bool {
        matches!(self, Script::Han | Script::Kana)
    }

    fn parse(name: &str) -> Script {
        match name {
            "Latin" => Script::Latin,
            "Cyrillic" => Script::Cyrillic,
            "Han" => Script::Han,
            "Kana" => Script::Kana,
            _ => Script::Other,
        }
    }
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A language, named by its (lower-case) ISO 639 code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(String);

/// A language code that is not a code.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a language code (use ISO 639 codes such as en, ru, zh)")]
pub struct BadLangCode(pub String);

struct Known {
    code: &'static str,
    script: Script,
    name: &'static str,
    function_words: Vec<&'static str>,
}

fn known() -> &'static [Known] {
    static TABLE: std::sync::OnceLock<Vec<Known>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("languages.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|line| {
                let mut cols = line.split('\t');
                let code = cols.next().unwrap_or_default();
                let script = Script::parse(cols.next().unwrap_or_default());
                let name = cols.next().unwrap_or(code);
                let function_words = cols.next().unwrap_or_default().split(' ').filter(|w| !w.is_empty()).collect();
                Known { code, script, name, function_words }
            })
            .collect()
    })
}

impl Lang {
    /// Parses a code such as `en`, `RU` or `zh`: 2 or 3 ASCII letters.
    pub fn new(code: &str) -> Result<Lang, BadLangCode> {
        let code = code.trim();
        if (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Lang(code.to_ascii_lowercase()))
        } else {
            Err(BadLangCode(code.to_string()))
        }
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    /// The English name of a known language, else its code.
    pub fn name(&self) -> &str {
        self.known().map_or(&self.0, |k| k.name)
    }

    /// The script of a known language; `None` for a code trialign has no
    /// entry for (its script is then read off the text).
    pub fn script(&self) -> Option<Script> {
        self.known().map(|k| k.script)
    }

    fn known(&self) -> Option<&'static Known> {
        known().iter().find(|k| k.code == self.0)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The script most of the letters of `text` are written in (`None` when it
/// has no letters); see [`Letters::dominant`].
pub fn dominant_script(text: &str) -> Option<Script> {
    Letters::of(text).dominant()
}

/// The scripts in the order of their discriminants, which index [`Letters`].
const SCRIPTS: [Script; 5] = [Script::Latin, Script::Cyrillic, Script::Han, Script::Kana, Script::Other];

/// The letters of a text per script: counted once, for every question
/// asked about the script of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letters([usize; 5]);

impl Letters {
    /// Counts the letters of `text`. Whole documents are counted, so the
    /// count goes by the first byte of each character where that tells its
    /// script (ASCII, and the Cyrillic and Han blocks most of such texts are
    /// in), and through ASCII eight bytes at a time.
    pub fn of(text: &str) -> Letters {
        let mut counts = [0; 5];
        // The script of other characters, as last looked up by code point
        // modulo 64 (a text uses few: punctuation, say); NUL, never looked
        // up, marks an empty slot.
        let mut memo = [('\0', None); 64];
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let (script, len) = match b {
                0..=0x7F => match bytes.get(i..i + 8).filter(|chunk| chunk.is_ascii()) {
                    Some(chunk) => {
                        counts[Script::Latin as usize] += chunk.iter().filter(|b| b.is_ascii_alphabetic()).count();
                        (None, 8)
                    }
                    None => (b.is_ascii_alphabetic().then_some(Script::Latin), 1),
                },
                // U+0400–U+04FF: all Cyrillic.
                0xD0..=0xD3 => (Some(Script::Cyrillic), 2),
                // U+4000–U+4DBF and U+4E00–U+9FFF: all Han (not the
                // hexagrams U+4DC0–U+4DFF, E4 B7 ..).
                0xE4 if bytes.get(i + 1) != Some(&0xB7) => (Some(Script::Han), 3),
                0xE5..=0xE9 => (Some(Script::Han), 3),
                _ => {
                    let c = text[i..].chars().next().unwrap_or_default();
                    let slot = &mut memo[c as usize % 64];
                    if slot.0 != c {
                        *slot = (c, Script::of(c));
                    }
                    (slot.1, c.len_utf8())
                }
            };
            if let Some(script) = script {
                counts[script as usize] += 1;
            }
            i += len;
        }
        Letters(counts)
    }

    /// The script most letters are written in (`None` without letters). Han
    /// wins over Kana only when there is no kana at all, since Japanese mixes
    /// both.
    pub fn dominant(&self) -> Option<Script> {
        let mut counts = self.0;
        let (han, kana) = (Script::Han as usize, Script::Kana as usize);
        if counts[kana] * 10 > counts[han] {
            counts[kana] += counts[han];
            counts[han] = 0;
        }
        let (best, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
        (n > 0).then(|| SCRIPTS[best])
    }

    /// The share of the letters written in `script` (0 without letters).
    pub fn share(&self, script: Script) -> f64 {
        let letters: usize = self.0.iter().sum();
        if letters == 0 {
            0.0
        } else {
            self.0[script as usize] as f64 / letters as f64
        }
    }
}

/// Guesses the language of `text`, whose letters are `letters`: the
/// dominant script, then within it the known language whose function words
/// are most frequent. Returns `None` for a text without letters.
pub fn detect(text: &str, letters: &Letters) -> Option<Lang> {
    let script = letters.dominant()?;
    let candidates: Vec<&Known> = known().iter().filter(|k| k.script == script).collect();
    match candidates.len() {
        0 => return None,
        1 => return Some(Lang(candidates[0].code.to_string())),
        _ => {}
    }
    let sample = text.char_indices().nth(SAMPLE_CHARS).map_or(text, |(end, _)| &text[..end]);
    // On a tie the language listed first wins: the table lists the most
    // common language of each script first.
    let mut hits = vec![0usize; candidates.len()];
    let mut word = String::new();
    for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        if w.contains('Σ') {
            // A capital sigma lower-cases by its neighbours: the whole word at once.
            word = w.to_lowercase();
        } else {
            word.clear();
            word.extend(w.chars().flat_map(char::to_lowercase));
        }
        for (k, n) in candidates.iter().zip(&mut hits) {
            *n += usize::from(k.function_words.contains(&word.as_str()));
        }
    }
    let mut best = (candidates[0], 0);
    for (&k, &n) in candidates.iter().zip(&hits) {
        if n > best.1 {
            best = (k, n);
        }
    }
    Some(Lang(best.0.code.to_string()))
}

/// The characters at the start of a text that [`detect`] reads words in.
const SAMPLE_CHARS: usize = 20_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> String {
        detect(text, &Letters::of(text)).map(|l| l.0).unwrap_or_default()
    }

    #[test]
    fn detects_by_script_then_function_words() {
        assert_eq!(code("Russian President Vladimir Putin met Xi in the Kremlin."), "en");
        assert_eq!(code("Президент России Владимир Путин и Си Цзиньпин встретились в Москве."), "ru");
        assert_eq!(code("俄罗斯总统普京与中国国家主席习近平在莫斯科会谈。"), "zh");
        assert_eq!(code("Die Expedition ist nicht mit den Trägern auf den Gipfel gestiegen."), "de");
        assert_eq!(code("La cordée est partie dans la nuit pour le sommet et les guides."), "fr");
        assert_eq!(code("1234 — ..."), "");
    }

    #[test]
    fn letters_are_counted_by_the_script_of_each_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut expected = [0; 5];
            if let Some(script) = Script::of(c) {
                expected[script as usize] = 1;
            }
            assert_eq!(Letters::of(&c.to_string()), Letters(expected), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn letters_of_a_text_are_those_of_its_characters(text in "(\\PC|[a-zA-Z ,.]{1,12}|[а-яА-Я]{1,5}|[\u{4000}-\u{4E10}])*") {
            let mut expected = [0; 5];
            for script in text.chars().filter_map(Script::of) {
                expected[script as usize] += 1;
            }
            proptest::prop_assert_eq!(Letters::of(&text), Letters(expected));
        }
    }

    #[test]
    fn codes_are_validated_and_lower_cased() {
        assert_eq!(Lang::new("ZH").unwrap().code(), "zh");
        assert!(Lang::new("english").is_err());
        assert_eq!(Lang::new("ru").unwrap().script(), Some(Script::Cyrillic));
        assert_eq!(Lang::new("xx").unwrap().script(), None);
    }
}
