//! CC-CEDICT (zh → en) and the pinyin readings it gives.

use std::borrow::Cow;
use std::path::Path;

use super::text::{is_han, remove_bracketed, squeeze, starts_with_ci, strip_prefix_ci};
use super::{gunzip, read_bytes, utf8, Lexicon, LexiconError, Readings};

/// Glosses that are not translations: classifiers, cross references to
/// other headwords, pronunciation notes, descriptions. Compared ignoring
/// ASCII case, after parenthesised notes are removed.
const NOT_TRANSLATIONS: &[&str] = &[
    "cl:",
    "variant of",
    "old variant",
    "archaic variant",
    "ancient variant",
    "japanese variant",
    "erhua variant",
    "erroneous variant",
    "same as",
    "see ",
    "see:",
    "abbr. for",
    "abbr. to",
    "abbr. of",
    "also written",
    "also pr.",
    "taiwan pr.",
    "pr. ",
    "used in",
    "used for",
    "also called",
    "also known as",
    "another name for",
    "alternative name",
    "old name",
    "short name",
    "name of",
    "refers to",
    "mandarin equivalent",
    "classifier for",
    // The literal rendering of an idiom; its "fig." sense is kept.
    "lit. ",
    "lit.:",
];

/// Longest gloss kept, in words: longer ones are explanations.
const MAX_GLOSS_WORDS: usize = 6;

/// Reads CC-CEDICT (plain, or gzip when the name ends in `.gz`).
pub fn read_cedict(path: &Path) -> Result<(Lexicon, Readings), LexiconError> {
    let bytes = read_bytes(path)?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") { gunzip(path, &bytes)? } else { bytes };
    let text = utf8(path, bytes)?;
    parse_cedict(&text, path)
}

/// Parses CC-CEDICT text; `path` only names the file in the lexicon and in
/// errors. A line that is neither a comment nor an entry is an error (a
/// truncated download ends in one).
pub fn parse_cedict(text: &str, path: &Path) -> Result<(Lexicon, Readings), LexiconError> {
    let mut entries = Vec::with_capacity(text.len() / 30);
    let mut readings = ReadingCounts::default();
    let mut glosses = Vec::new();
    let mut syllables = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((trad, simp, pinyin, senses)) = split_line(line) else {
            return Err(LexiconError::Malformed {
                path: path.to_path_buf(),
                line: i + 1,
                message: "expected `TRADITIONAL SIMPLIFIED [pin1 yin1] /gloss/…/`".into(),
            });
        };
        syllables.clear();
        syllables.extend(pinyin.split_whitespace().map(pack));
        readings.add(trad, simp, &syllables);

        let proper = pinyin.starts_with(|c: char| c.is_uppercase());
        let key: String = if proper { syllables.iter().flatten().map(|&c| unpack(c)).collect() } else { String::new() };
        glosses.clear();
        for sense in senses.split('/') {
            clean_sense(sense, proper, &key, &mut glosses);
        }
        for g in &glosses {
            entries.push((simp.to_string(), g.clone()));
            if trad != simp {
                entries.push((trad.to_string(), g.clone()));
            }
        }
    }
    let lexicon =
        Lexicon { name: "CC-CEDICT".into(), path: path.to_path_buf(), src: "zh".into(), tgt: "en".into(), entries };
    Ok((lexicon, readings.finish()))
}

/// `傳統 传统 [chuan2 tong3] /tradition/traditional/` → its four parts.
fn split_line(line: &str) -> Option<(&str, &str, &str, &str)> {
    let (trad, rest) = line.split_once(' ')?;
    let (simp, rest) = rest.split_once(' ')?;
    let (pinyin, rest) = rest.strip_prefix('[')?.split_once(']')?;
    let senses = rest.trim_start().strip_prefix('/')?.strip_suffix('/')?;
    (!trad.is_empty() && !simp.is_empty()).then_some((trad, simp, pinyin, senses))
}

/// A toneless syllable, lower-case, packed 5 bits a letter (a = 1 … z = 26)
/// so that counting readings needs no allocation: `Lu:3` → `lu`, `Xi2` →
/// `xi`. `None` for what is not a syllable: punctuation, the placeholder
/// `xx`, the erhua `r5` (a suffix written with 兒/儿, not a reading of it),
/// more than 16 letters.
fn pack(syllable: &str) -> Option<u128> {
    let s = syllable.trim_end_matches(|c: char| c.is_ascii_digit());
    let (mut code, mut letters) = (0u128, 0);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let letter = match c {
            'u' | 'U' if chars.peek() == Some(&':') => {
                chars.next();
                b'u'
            }
            'ü' | 'Ü' => b'u',
            c if c.is_ascii_alphabetic() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        letters += 1;
        if letters > 16 {
            return None;
        }
        code = code << 5 | u128::from(letter - b'a' + 1);
    }
    const XX: u128 = 24 << 5 | 24;
    const R: u128 = 18;
    (letters > 0 && code != XX && code != R).then_some(code)
}

/// The letters of a [`pack`]ed syllable.
fn unpack(mut code: u128) -> String {
    let mut letters = Vec::new();
    while code > 0 {
        letters.push(b'a' - 1 + (code & 31) as u8);
        code >>= 5;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Cleans one `/`-separated sense into glosses, appended to `out` when new.
/// `proper`: the headword is a name (capitalised pinyin); `key`: its toneless
/// pinyin run together, to tell a Chinese name from a transliterated one.
fn clean_sense(sense: &str, proper: bool, key: &str, out: &mut Vec<String>) {
    let sense = sense.trim();
    if sense.is_empty() || is_cross_reference(sense) {
        return;
    }
    let person = proper && has_life_dates(sense);
    let bare: Cow<str> = if sense.contains(['(', ')', '[', ']', '{', '}', '|']) || sense.chars().any(is_han) {
        Cow::Owned(remove_bracketed(sense).chars().filter(|&c| !is_han(c) && c != '|').collect())
    } else {
        Cow::Borrowed(sense)
    };
    let mut bare = bare.trim();
    if let Some(rest) = strip_prefix_ci(bare, "fig. ") {
        bare = rest.trim_start();
    }
    for part in bare.split(';') {
        let mut g = part.trim();
        if g.is_empty() || is_cross_reference(g) || g.contains("variant of") {
            continue;
        }
        if proper {
            g = g.split(',').next().unwrap_or_default();
        }
        if let Some(rest) = strip_prefix_ci(g, "surname ") {
            g = rest;
        }
        for article in ["to ", "a ", "an "] {
            if let Some(rest) = strip_prefix_ci(g, article) {
                g = rest;
                break;
            }
        }
        let g = g.trim_matches(|c: char| c.is_whitespace() || ".,;:!?\"".contains(c));
        if !g.chars().any(char::is_alphabetic) || g.contains(['~', '…']) || g.contains("...") {
            continue;
        }
        let words = g.split_whitespace().count();
        if words > MAX_GLOSS_WORDS {
            continue;
        }
        push_new(out, squeeze(g));
        if person && words > 1 && name_letters(g) != key {
            // A transliterated foreign name: Chinese text usually writes the surname alone.
            if let Some(last) = g.split_whitespace().last() {
                if last.starts_with(|c: char| c.is_uppercase()) {
                    push_new(out, last.to_string());
                }
            }
        }
    }
}

fn push_new(out: &mut Vec<String>, g: String) {
    if !out.contains(&g) {
        out.push(g);
    }
}

fn is_cross_reference(s: &str) -> bool {
    let Some(first) = s.bytes().next().map(|b| b.to_ascii_lowercase()) else { return false };
    NOT_TRANSLATIONS.iter().any(|p| p.as_bytes()[0] == first && starts_with_ci(s, p))
}

/// A parenthesised note starting with a year and a dash: `(1952-)`,
/// `(1893-1976)`, `(c. 551-479 BC)`.
fn has_life_dates(sense: &str) -> bool {
    sense.match_indices('(').any(|(i, _)| {
        let rest = &sense[i + 1..];
        let rest = rest.strip_prefix("c. ").unwrap_or(rest);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits >= 2 && (rest[digits..].starts_with('-') || rest[digits..].starts_with('–'))
    })
}

/// The letters of a name, lower-cased, ü as u: "Xi Jinping" → "xijinping".
fn name_letters(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ü' { 'u' } else { c })
        .collect()
}

/// (character, packed syllable) pairs, one per sighting: sorting them at
/// the end counts them, faster than a map of lists of strings.
#[derive(Default)]
struct ReadingCounts(Vec<u128>);

impl ReadingCounts {
    /// Pairs characters with syllables when their counts match (also for
    /// single characters); non-Han characters and non-syllables are skipped.
    fn add(&mut self, trad: &str, simp: &str, syllables: &[Option<u128>]) {
        if simp.chars().count() != syllables.len() || trad.chars().count() != syllables.len() {
            return;
        }
        for ((t, s), syl) in trad.chars().zip(simp.chars()).zip(syllables) {
            let Some(syl) = *syl else { continue };
            if is_han(s) {
                self.0.push(u128::from(u32::from(s)) << 80 | syl);
            }
            if t != s && is_han(t) {
                self.0.push(u128::from(u32::from(t)) << 80 | syl);
            }
        }
    }

    /// Most frequent first; ties in a fixed order.
    fn finish(mut self) -> Readings {
        self.0.sort_unstable();
        let mut readings = Readings::new();
        let mut counted: Vec<(u32, u128)> = Vec::new();
        let mut flush = |c: Option<char>, counted: &mut Vec<(u32, u128)>| {
            if let Some(c) = c {
                counted.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
                readings.insert(c, counted.iter().map(|&(_, syl)| unpack(syl)).collect());
            }
            counted.clear();
        };
        let mut current: Option<char> = None;
        for pair in self.0.chunk_by(|a, b| a == b) {
            let c = char::from_u32((pair[0] >> 80) as u32);
            let syl = pair[0] & ((1u128 << 80) - 1);
            if c != current {
                flush(current, &mut counted);
                current = c;
            }
            counted.push((pair.len() as u32, syl));
        }
        flush(current, &mut counted);
        readings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glosses(sense: &str, proper: bool, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        clean_sense(sense, proper, key, &mut out);
        out
    }

    fn toneless(syllable: &str) -> Option<String> {
        pack(syllable).map(unpack)
    }

    #[test]
    fn syllables_lose_tone_and_umlaut() {
        assert_eq!(toneless("Xi2").as_deref(), Some("xi"));
        assert_eq!(toneless("lu:4").as_deref(), Some("lu"));
        assert_eq!(toneless("Lü3").as_deref(), Some("lu"));
        assert_eq!(toneless(","), None);
        assert_eq!(toneless("xx5"), None);
        assert_eq!(toneless("r5"), None);
        assert_eq!(toneless("zhuang4").as_deref(), Some("zhuang"));
        assert_eq!(toneless("abcdefghijklmnopq"), None);
    }

    #[test]
    fn senses_are_cleaned() {
        assert_eq!(glosses("CL:個|个[ge4]", false, ""), Vec::<String>::new());
        assert_eq!(glosses("old variant of 罔[wang3]", false, ""), Vec::<String>::new());
        assert_eq!(glosses("(bound form) to practice", false, ""), ["practice"]);
        assert_eq!(glosses("a taxi; a cab (abbr. for 的士[di1 shi4])", false, ""), ["taxi", "cab"]);
        assert_eq!(glosses("of; ~'s (possessive particle)", false, ""), ["of"]);
        assert_eq!(glosses("(completed action marker)", false, ""), Vec::<String>::new());
        assert_eq!(
            glosses("lit. see the wind and set your sails (idiom); fig. to act pragmatically", false, ""),
            Vec::<String>::new()
        );
        assert_eq!(glosses("fig. to act pragmatically", false, ""), ["act pragmatically"]);
        assert_eq!(glosses("OK!", false, ""), ["OK"]);
        assert_eq!(glosses("four grandparents, two parents and an only child", false, ""), Vec::<String>::new());
    }

    #[test]
    fn names_keep_the_name() {
        assert_eq!(glosses("surname Xi", true, "xi"), ["Xi"]);
        assert_eq!(glosses("Xi Jinping (1953-), PRC politician", true, "xijinping"), ["Xi Jinping"]);
        assert_eq!(glosses("Vladimir Putin (1952-), president of Russia", true, "pujing"), ["Vladimir Putin", "Putin"]);
        assert_eq!(
            glosses(
                "Zhushan, district of Jingdezhen City 景德鎮市|景德镇市[Jing3 de2 zhen4 Shi4], Jiangxi",
                true,
                "zhushan"
            ),
            ["Zhushan"]
        );
        assert_eq!(
            glosses("Liquan county in Xianyang 咸陽|咸阳, Shaanxi", true, "liquanxian"),
            ["Liquan county in Xianyang"]
        );
    }
}
