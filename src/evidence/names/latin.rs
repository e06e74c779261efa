//! Latin-script words: the spelling with diacritics folded, which is how another Latin-script
//! language (or an English transliteration) most often writes the same name.

use unicode_normalization::char::decompose_canonical;

use super::{is_apostrophe, is_combining, is_hyphen, is_stop_word, Keys};

/// Elided articles and prepositions before an apostrophe (French, Italian, Catalan): not part
/// of the name (`d'estaing`, `l'aquila`, `dell'orto`). Cut in every language, so that a
/// French name quoted in English is keyed alike.
const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "dell", "all", "nell", "sull",
    "dall", "coll", "un", "quest", "quell",
];

pub(super) fn keys(lang: &str, form: &str, out: &mut Keys) {
    let word = trim_clitics(form);
    // A Latin word in a text of another script is most likely English.
    let list = if matches!(lang, "ru" | "uk" | "bg" | "sr" | "zh" | "ja") { "en" } else { lang };
    if is_stop_word(list, "en", word) {
        return;
    }
    let Some(folded) = fold(word) else { return };
    out.push(&folded.plain, 2);
    if let Some(expanded) = &folded.expanded {
        out.push(expanded, 2);
    }
    // German genitive of names: "Putins Rede", "Chinas Präsident".
    if lang == "de" && folded.plain.len() >= 5 && folded.plain.ends_with('s') && !folded.plain.ends_with("ss") {
        out.push(&folded.plain[..folded.plain.len() - 1], 2);
    }
}

/// Cuts an elided article (`d'`, `l'` …) and an English possessive (`'s`, `s'`).
fn trim_clitics(form: &str) -> &str {
    let mut word = form;
    if let Some((i, c)) = word.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        if ELIDED.contains(&&word[..i]) && word.len() > i + c.len_utf8() {
            word = &word[i + c.len_utf8()..];
        }
    }
    let mut chars = word.chars();
    match (chars.next_back(), chars.next_back()) {
        (Some('s'), Some(c)) if is_apostrophe(c) => &word[..word.len() - 1 - c.len_utf8()],
        (Some(c), Some(_)) if is_apostrophe(c) => &word[..word.len() - c.len_utf8()],
        _ => word,
    }
}

/// A word's folded spellings.
#[derive(Debug, PartialEq)]
pub(super) struct Folded {
    /// Diacritics dropped: `müller` → `muller`, `đoković` → `dokovic`.
    pub plain: String,
    /// With umlauts written out and `đ` as `dj` (`mueller`, `djokovic`), when it differs.
    pub expanded: Option<String>,
}

/// Folds a Latin-script word to ASCII letters; `None` if it holds a letter that has no ASCII
/// spelling here (the word is then better left without a key than keyed wrongly).
pub(super) fn fold(word: &str) -> Option<Folded> {
    let mut plain = String::with_capacity(word.len());
    let mut expanded = String::with_capacity(word.len() + 2);
    let mut differs = false;
    for c in word.chars() {
        if is_apostrophe(c) || is_hyphen(c) || is_combining(c) {
            continue;
        }
        if c.is_ascii_alphabetic() {
            plain.push(c.to_ascii_lowercase());
            expanded.push(c.to_ascii_lowercase());
            continue;
        }
        let special = match c {
            'ß' | 'ẞ' => Some(("ss", "ss")),
            'ø' | 'Ø' => Some(("o", "o")),
            'æ' | 'Æ' => Some(("ae", "ae")),
            'œ' | 'Œ' => Some(("oe", "oe")),
            'đ' | 'Đ' => Some(("d", "dj")),
            'ð' | 'Ð' => Some(("d", "d")),
            'þ' | 'Þ' => Some(("th", "th")),
            'ł' | 'Ł' => Some(("l", "l")),
            'ı' => Some(("i", "i")),
            'ŋ' => Some(("ng", "ng")),
            'ħ' => Some(("h", "h")),
            'ŧ' => Some(("t", "t")),
            'ſ' => Some(("s", "s")),
            'ĸ' => Some(("k", "k")),
            'ŀ' => Some(("l", "l")),
            'ə' | 'Ə' => Some(("a", "a")),
            _ => None,
        };
        if let Some((p, e)) = special {
            plain.push_str(p);
            expanded.push_str(e);
            differs |= p != e;
            continue;
        }
        // An accented letter: its base letter, and for a German umlaut also the spelled-out form.
        let mut base = None;
        let mut umlaut = false;
        decompose_canonical(c, |d| {
            if d.is_ascii_alphabetic() && base.is_none() {
                base = Some(d.to_ascii_lowercase());
            } else if d == '\u{0308}' {
                umlaut = true;
            }
        });
        let base = base?;
        plain.push(base);
        expanded.push(base);
        if umlaut && matches!(base, 'a' | 'o' | 'u') {
            expanded.push('e');
            differs = true;
        }
    }
    if plain.is_empty() {
        return None;
    }
    Some(Folded { plain, expanded: differs.then_some(expanded) })
}
