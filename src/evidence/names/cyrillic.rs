//! Cyrillic words: transliterated as English, German and French texts spell Russian (and
//! Ukrainian, Bulgarian, Serbian) names, by the rules of `cyrillic.tsv`; and, when the word is
//! a Chinese name in Palladius spelling, its pinyin (see `palladius`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{data_lines, is_apostrophe, is_combining, is_hyphen, is_stop_word, k_best, palladius, Keys};

/// English spellings kept per word (the German and French ones come on top): the usual one
/// and the few variants English usage has; more would be combinations nobody writes.
const EN_VARIANTS: usize = 6;

/// Transliterations need this many Cyrillic letters: shorter words are function words or
/// abbreviations, and their 2-letter spellings (`on`, `no`) collide with everything.
const MIN_LETTERS: usize = 3;

pub(super) fn keys(lang: &str, form: &str, out: &mut Keys) {
    // Languages with rules of their own; any other Cyrillic-script word is read as Russian.
    let lang = match lang {
        "uk" | "bg" | "sr" => lang,
        _ => "ru",
    };
    let letters: Vec<char> = form.chars().filter(|&c| !(is_apostrophe(c) || is_hyphen(c) || is_combining(c))).collect();
    let word: String = letters.iter().collect();
    if letters.is_empty() || is_stop_word(lang, "ru", &word) {
        return;
    }
    let stems = stems(lang, &word);

    // Bulgarian and Serbian write Chinese names their own way (Си Дзинпин, Си Ђинпинг).
    if lang != "bg" && lang != "sr" {
        let stem_pinyin: Vec<String> = stems.iter().filter_map(|s| palladius::pinyin(lang, s)).collect();
        if stem_pinyin.is_empty() {
            if let Some(p) = palladius::pinyin(lang, &letters) {
                out.push(&p, 2);
            }
        }
        for p in stem_pinyin.iter().take(2) {
            out.push(p, 2);
        }
    }

    if letters.len() < MIN_LETTERS {
        return;
    }
    let whole = read(lang, &letters);
    let stem = stems.first().and_then(|s| read(lang, s));
    let readings: Vec<&Reading> = [whole.as_ref(), stem.as_ref()].into_iter().flatten().collect();
    // The usual English spelling of each, then German and French, then English variants.
    for r in &readings {
        out.push(&r.en[0], MIN_LETTERS);
    }
    for r in &readings {
        out.push(&r.de, MIN_LETTERS);
        out.push(&r.fr, MIN_LETTERS);
    }
    for i in 1..EN_VARIANTS {
        for r in &readings {
            if let Some(e) = r.en.get(i) {
                out.push(e, MIN_LETTERS);
            }
        }
    }
}

/// The spellings of one word.
#[derive(Debug)]
pub(super) struct Reading {
    /// English, most usual first; never empty.
    pub en: Vec<String>,
    pub de: String,
    pub fr: String,
}

/// Transliterates `word` by the rules of `lang` (then the common ones); `None` when a letter
/// has no rule (a language whose letters the table lacks).
pub(super) fn read(lang: &str, word: &[char]) -> Option<Reading> {
    let table = table();
    let own = table.get(lang);
    let common = table.get("*");
    let mut slots: Vec<&[&str]> = Vec::with_capacity(word.len());
    let mut de = String::with_capacity(word.len() + 4);
    let mut fr = String::with_capacity(word.len() + 4);
    let mut i = 0;
    while i < word.len() {
        let rule = [own, common]
            .into_iter()
            .flatten()
            .filter_map(|rules| rules.get(&word[i]))
            .flat_map(|rules| rules.iter())
            .find(|r| r.applies(word, i))?;
        slots.push(&rule.en);
        de.push_str(rule.de);
        fr.push_str(rule.fr);
        i += rule.letters.len();
    }
    Some(Reading { en: k_best(&slots, EN_VARIANTS), de, fr })
}

/// One row of `cyrillic.tsv`.
#[derive(Debug)]
struct Rule {
    letters: Vec<char>,
    before: u8,
    after: u8,
    en: Vec<&'static str>,
    de: &'static str,
    fr: &'static str,
}

impl Rule {
    /// Whether the rule reads `word` at position `i`: its letters are there, in its context.
    fn applies(&self, word: &[char], i: usize) -> bool {
        let j = i + self.letters.len();
        if j > word.len() || word[i..j] != self.letters[..] {
            return false;
        }
        let prev = i.checked_sub(1).map(|k| word[k]);
        let next = word.get(j).copied();
        let before = match self.before {
            b'^' => prev.is_none(),
            b'V' => prev.is_some_and(is_vowel),
            b'C' => prev.is_some_and(is_consonant),
            b'S' => prev.is_some_and(|c| matches!(c, 'ж' | 'ч' | 'ш' | 'щ')),
            _ => true,
        };
        let after = match self.after {
            b'$' => next.is_none(),
            b'V' => next.is_some_and(is_vowel),
            b'C' => next.is_some_and(is_consonant),
            _ => true,
        };
        before && after
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'і' | 'ї' | 'є')
}

fn is_consonant(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}') && c.is_alphabetic() && !is_vowel(c) && !matches!(c, 'ъ' | 'ь')
}

/// Rules by language (`*` for all), then by first letter; longest letters first, then in the
/// order of the file.
type Table = HashMap<&'static str, HashMap<char, Vec<Rule>>>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(include_str!("cyrillic.tsv")))
}

fn parse(text: &'static str) -> Table {
    let mut table: Table = HashMap::new();
    for line in data_lines(text) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [lang, letters, place, en, de, fr] = cols[..] else {
            panic!("cyrillic.tsv: expected 6 columns in `{line}`")
        };
        let place = place.as_bytes();
        assert!(place.len() == 2, "cyrillic.tsv: bad context in `{line}`");
        let empty = |s: &'static str| if s == "-" { "" } else { s };
        let rule = Rule {
            letters: letters.chars().collect(),
            before: place[0],
            after: place[1],
            en: en.split(' ').filter(|s| !s.is_empty()).map(empty).collect(),
            de: empty(de),
            fr: empty(fr),
        };
        assert!(!rule.letters.is_empty() && !rule.en.is_empty(), "cyrillic.tsv: empty rule `{line}`");
        table.entry(lang).or_default().entry(rule.letters[0]).or_default().push(rule);
    }
    for rules in table.values_mut().flat_map(|m| m.values_mut()) {
        rules.sort_by_key(|r| std::cmp::Reverse(r.letters.len())); // stable
    }
    table
}

/// Surname suffixes before a case ending (Путин-ым, Лавров-ой).
const SURNAME_SUFFIXES: &[&str] = &["ов", "ев", "ёв", "ин", "ын"];

/// Nominatives a declined word may come from, best guess first (at most two): the other
/// language writes the name in the nominative. Only what names need: Russian and Ukrainian
/// endings after a consonant, adjectival surnames (-ский), Chinese names (Цзиньпин-а,
/// Цзэмин-я → Цзэминь). Stems shorter than 3 letters are not guessed.
pub(super) fn stems(lang: &str, word: &str) -> Vec<Vec<char>> {
    let mut out: Vec<String> = Vec::new();
    match lang {
        "ru" => ru_stems(word, &mut out),
        "uk" => uk_stems(word, &mut out),
        _ => {}
    }
    out.into_iter().map(|s| s.chars().collect::<Vec<char>>()).filter(|s| s.len() >= 3).collect()
}

/// `word` without `ending`, if it has it.
fn cut<'a>(word: &'a str, ending: &str) -> Option<&'a str> {
    word.strip_suffix(ending)
}

fn ends_in_consonant(stem: &str) -> bool {
    stem.chars().next_back().is_some_and(|c| is_consonant(c) && c != 'й')
}

fn ends_in_hushing(stem: &str) -> bool {
    stem.chars().next_back().is_some_and(|c| matches!(c, 'ж' | 'ш' | 'ч' | 'щ' | 'ц'))
}

fn ru_stems(word: &str, out: &mut Vec<String>) {
    for (ending, nominative) in [
        ("ского", "ский"),
        ("скому", "ский"),
        ("ским", "ский"),
        ("ском", "ский"),
        ("цкого", "цкий"),
        ("цкому", "цкий"),
        ("цким", "цкий"),
        ("цком", "цкий"),
    ] {
        if let Some(stem) = cut(word, ending) {
            out.push(format!("{stem}{nominative}"));
            return;
        }
    }
    if let Some(stem) = cut(word, "ым").filter(|s| SURNAME_SUFFIXES.iter().any(|x| s.ends_with(x))) {
        out.push(stem.to_string()); // Путиным
        return;
    }
    if let Some(stem) = cut(word, "ой").filter(|s| SURNAME_SUFFIXES.iter().any(|x| s.ends_with(x))) {
        out.push(format!("{stem}а")); // Петровой → Петрова
        return;
    }
    if let Some(stem) = cut(word, "ом").filter(|s| ends_in_consonant(s)) {
        out.push(stem.to_string()); // Цзиньпином, Трампом
        return;
    }
    if let Some(stem) = cut(word, "ем").filter(|s| ends_in_consonant(s)) {
        // Шольцем → Шольц; Игорем, Цзэминем → Игорь, Цзэминь.
        out.push(if ends_in_hushing(stem) { stem.to_string() } else { format!("{stem}ь") });
        return;
    }
    for soft in ["я", "ю"] {
        if let Some(stem) = cut(word, soft).filter(|s| ends_in_consonant(s) && !ends_in_hushing(s)) {
            out.push(format!("{stem}ь")); // Игоря, Цзэминю
            return;
        }
    }
    for hard in ["а", "у", "е"] {
        if let Some(stem) = cut(word, hard).filter(|s| ends_in_consonant(s)) {
            out.push(stem.to_string()); // Путина, Лаврову, Медведеве
            if hard == "е" && stem.ends_with(['л', 'н', 'р']) {
                out.push(format!("{stem}ь")); // Цзэмине
            }
            return;
        }
    }
}

fn uk_stems(word: &str, out: &mut Vec<String>) {
    for (ending, nominative) in [
        ("ського", "ський"),
        ("ському", "ський"),
        ("ським", "ський"),
        ("ськім", "ський"),
        ("цького", "цький"),
        ("цькому", "цький"),
        ("цьким", "цький"),
        ("цькім", "цький"),
    ] {
        if let Some(stem) = cut(word, ending) {
            out.push(format!("{stem}{nominative}"));
            return;
        }
    }
    // Шевченка → Шевченко: the -енко surnames lose their -о.
    let nominative = |stem: &str| if stem.ends_with("енк") { format!("{stem}о") } else { stem.to_string() };
    if let Some(stem) = cut(word, "им").filter(|s| ["ов", "ев", "ін", "ин"].iter().any(|x| s.ends_with(x))) {
        out.push(stem.to_string()); // Путіним
        return;
    }
    for ending in ["ові", "еві", "ом", "ем", "а", "у", "і", "ю", "я"] {
        if let Some(stem) = cut(word, ending).filter(|s| ends_in_consonant(s)) {
            out.push(nominative(stem));
            return;
        }
    }
}
