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

/// What a stem must end in for a case-ending rule (`case_endings.tsv`).
enum StemEnd {
    Any,
    /// A consonant other than й, and none of these endings.
    Consonant(Vec<String>),
    /// One of these letters or letter strings.
    OneOf(Vec<String>),
}

impl StemEnd {
    fn parse(text: &str) -> StemEnd {
        let list = |t: &str| t.split('|').map(str::to_string).collect();
        match text {
            "*" => StemEnd::Any,
            "C" => StemEnd::Consonant(Vec::new()),
            _ => match text.strip_prefix("C-") {
                Some(except) => StemEnd::Consonant(list(except)),
                None => StemEnd::OneOf(list(text)),
            },
        }
    }

    fn holds(&self, stem: &str) -> bool {
        match self {
            StemEnd::Any => true,
            StemEnd::Consonant(except) => {
                stem.chars().next_back().is_some_and(|c| is_consonant(c) && c != 'й')
                    && !except.iter().any(|e| stem.ends_with(e.as_str()))
            }
            StemEnd::OneOf(endings) => endings.iter().any(|e| stem.ends_with(e.as_str())),
        }
    }
}

/// One line of `case_endings.tsv`.
struct CaseRule {
    lang: String,
    ending: String,
    stem: StemEnd,
    nominatives: Vec<String>,
}

fn case_rules() -> &'static [CaseRule] {
    static RULES: OnceLock<Vec<CaseRule>> = OnceLock::new();
    RULES.get_or_init(|| {
        include_str!("case_endings.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|line| {
                let cols: Vec<&str> = line.split('\t').collect();
                let [lang, ending, stem, nominatives] = cols[..] else {
                    panic!("case_endings.tsv: not 4 columns: {line:?}")
                };
                CaseRule {
                    lang: lang.to_string(),
                    ending: ending.to_string(),
                    stem: StemEnd::parse(stem),
                    nominatives: nominatives
                        .split(' ')
                        .map(|n| if n == "-" { String::new() } else { n.to_string() })
                        .collect(),
                }
            })
            .collect()
    })
}

/// Nominatives a declined word may come from, best guess first (at most two): the other
/// language writes the name in the nominative. The rules are `case_endings.tsv`: Russian and
/// Ukrainian endings after a consonant, adjectival surnames (-ский), Chinese names
/// (Цзиньпин-а, Цзэмин-я → Цзэминь). Stems shorter than 3 letters are not guessed.
pub(super) fn stems(lang: &str, word: &str) -> Vec<Vec<char>> {
    let rule = case_rules().iter().filter(|r| r.lang == lang).find_map(|r| {
        let stem = word.strip_suffix(r.ending.as_str())?;
        r.stem.holds(stem).then_some((r, stem))
    });
    let Some((rule, stem)) = rule else { return Vec::new() };
    rule.nominatives
        .iter()
        .map(|n| format!("{stem}{n}").chars().collect::<Vec<char>>())
        .filter(|s| s.len() >= 3)
        .collect()
}
