//! Names across scripts: the same proper name written in Latin, Cyrillic or Chinese letters
//! is evidence that two sentences translate each other.
//!
//! # Keys
//! [`latin_keys`] turns one word into a few **keys**: lower-case ASCII spellings in the Latin
//! alphabet. Two words of different languages are taken as the same name when their key sets
//! intersect, so a key is a guess at how the name would be spelled in a Latin-script text:
//!
//! - **Latin-script words** (`en`, `de`, `fr`, …): the word with its diacritics folded
//!   (`müller` → `muller`, `straße` → `strasse`, `søren` → `soren`), letters only (`o'neill` →
//!   `oneill`; an elided French or Italian article and an English possessive are cut off:
//!   `d'estaing` → `estaing`, `putin's` → `putin`). Umlauts also give the German spelling
//!   without them (`müller` → `mueller`), `đ` also gives `dj` (`đoković` → `djokovic`), and a
//!   German genitive `-s` its stem (`putins` → `putin`).
//! - **Cyrillic words**: transliterated as English newspapers spell Russian names, with the
//!   variants English usage really has (`х` kh/h, `й` i/y, `ю` yu/iu, `я` ya/ia, `е` ye/e at
//!   the start, `-ий` y/iy/i …), plus the one German (Duden) and one French spelling
//!   (`шойгу` → `shoigu`, `shoygu`, `schoigu`, `choigou`; `путин` → `putin`, `poutine`), from
//!   the table `cyrillic.tsv`. Ukrainian, Bulgarian and Serbian have rows of their own there.
//!   Case endings of Russian and Ukrainian surnames are taken off as well (`путиным` →
//!   `putin`, `зеленского` → `zelensky`; rules in `case_endings.tsv`), since the other
//!   language writes the nominative.
//! - **Chinese names in Russian** (the Palladius system, table `palladius.tsv`): a Cyrillic
//!   word that divides wholly into Palladius syllables also gives their pinyin (`си` → `xi`,
//!   `цзиньпин` → `jinping`, `тяньаньмэнь` → `tiananmen`; `ъ` may separate syllables, as in
//!   `чанъань` → `changan`). Ukrainian spelling (`сі`, `цзіньпін`) is read too.
//! - **Chinese words**, given the pinyin [`Readings`] of the characters: the pinyin of the whole
//!   word (`北京` → `beijing`); a word of three characters starting with a common surname
//!   (`surnames.tsv`; four after a compound surname such as 欧阳) is taken for a personal name
//!   and also gives the surname and the given name apart, as Latin and Cyrillic texts write
//!   them as two words (`习近平` → `xijinping`, `xi`, `jinping`). Several readings of a
//!   character give a few combinations (the surname's reading is the one of `surnames.tsv`:
//!   曾 is zeng). Without readings, no keys.
//!
//! Every key is lower-case ASCII of at least 2 letters; a 2-letter key must be a pinyin
//! syllable (`xi`, `li`, `hu`), as Chinese surnames are the only 2-letter names worth matching
//! (so English `of`, `to` never give one). Cyrillic transliterations need 3 letters (`но` is no
//! name). A word gives at most [`MAX_KEYS`] keys. The function words of `stopwords.tsv` give
//! none: they are no names and collide across languages (Russian `но`/`лес`, French
//! `son`/`les`, English `he` = the surname 何).
//!
//! # Limits
//! - Keys match spellings, not translations: exonyms (Москва/Moscow, 北京/Peking,
//!   München/Munich) and foreign names in Chinese characters (普京 is `pujing`, not `putin`)
//!   don't match; neither do English names in Russian spelling (Трамп is `tramp`).
//! - Common words that happen to be spelled alike match too (Russian `дата`, English `data`):
//!   which words are names (capitalised, rare in the document) is for the caller to weigh.
//!   Two-letter pinyin keys (surnames) are weak evidence on their own.
//! - Two-character Chinese names (姚明) give only the whole key (`yaoming`), which matches a
//!   Latin or Cyrillic text only if the caller also keys two adjacent words together
//!   (`latin_keys("en", "yaoming", …)`, `latin_keys("ru", "яомин", …)`). A single character
//!   gives no key at all: one syllable is shared by dozens of common characters.
//! - Stripping Russian case endings is a guess: `медведева` (Medvedeva, or Medvedev's) gives
//!   both `medvedeva` and `medvedev`, and a nominative such as `шойгу` also gives a harmless
//!   `shoig`.
//! - A Russian word that happens to divide into Palladius syllables gets a pinyin key too
//!   (`путин` → `puting`, `мама` → `mama`): harmless unless a Chinese name is spelled so.
//!   Russian spellings outside the standard (`Ден` for `Дэн`) don't divide.
//! - Without jieba's dictionary the tokenizer gives Chinese one character a word, and so no
//!   keys; the caller could key runs of two or three characters instead.

mod cyrillic;
mod han;
mod latin;
mod palladius;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::evidence::lexicon::Readings;
use crate::lang::Script;

/// The most keys one word gets: enough for the usual spellings of a Russian name in English,
/// German and French, few enough that a word cannot match by sheer number of guesses.
pub const MAX_KEYS: usize = 8;

/// Latin-letter keys under which a word of language `lang` may be the same name as a word of
/// another language: "putin" for Путин, "jinping" for Цзиньпин, "xi"/"jinping"/"xijinping" for 习近平.
/// `form` is NFKC and lower-cased (an upper-case form is lowered first). Empty when the word
/// cannot be a name key.
///
/// The script of the word, not `lang`, decides how it is read (a Russian name quoted in a
/// German text is still Cyrillic); `lang` picks that language's rules and function words
/// (`uk` spells `г` as h; a Cyrillic word in a non-Cyrillic language is read as Russian).
pub fn latin_keys(lang: &str, form: &str, readings: Option<&Readings>) -> Vec<String> {
    let lang = base_lang(lang);
    let lowered;
    let form = if form.chars().any(char::is_uppercase) {
        lowered = form.to_lowercase();
        &lowered
    } else {
        form
    };
    let mut keys = Keys::default();
    match script_of_word(form) {
        Some(Script::Latin) => latin::keys(&lang, form, &mut keys),
        Some(Script::Cyrillic) => cyrillic::keys(&lang, form, &mut keys),
        Some(Script::Han) => {
            if let Some(readings) = readings {
                han::keys(form, readings, &mut keys)
            }
        }
        _ => {}
    }
    keys.0
}

/// Whether `s` is a (toneless) pinyin syllable, such as "xi" or "zhuang" (ü written u).
pub fn is_pinyin_syllable(s: &str) -> bool {
    palladius::table().syllables.contains(s)
}

/// The keys of one word, as they are found: checked, unique, at most [`MAX_KEYS`].
#[derive(Default)]
struct Keys(Vec<String>);

impl Keys {
    fn is_full(&self) -> bool {
        self.0.len() >= MAX_KEYS
    }

    /// Adds `key` when it is a valid key of at least `min_len` letters and new.
    fn push(&mut self, key: &str, min_len: usize) {
        if !self.is_full() && is_valid_key(key, min_len) && !self.0.iter().any(|k| k == key) {
            self.0.push(key.to_string());
        }
    }
}

/// Lower-case ASCII, at least `min_len` (and 2) letters, and a pinyin syllable if 2 letters.
fn is_valid_key(key: &str, min_len: usize) -> bool {
    key.len() >= min_len.max(2)
        && key.bytes().all(|b| b.is_ascii_lowercase())
        && (key.len() > 2 || is_pinyin_syllable(key))
}

/// `zh-Hans`, `ZH_cn` → `zh`.
fn base_lang(lang: &str) -> String {
    lang.split(['-', '_']).next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Apostrophes inside words (`o'neill`, Ukrainian `м'ята`): not letters, but no word break.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

/// Hyphens inside words (`jean-pierre`, `цзинь-пин`): the parts are read as one word.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Combining marks left after NFKC (a decomposed accent).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// The one script of the letters of `form`; `None` if it has none, several, or anything that
/// is neither a letter nor an apostrophe, hyphen or combining mark (digits: `g7` is no name).
fn script_of_word(form: &str) -> Option<Script> {
    let mut script = None;
    for c in form.chars() {
        if is_apostrophe(c) || is_hyphen(c) || is_combining(c) {
            continue;
        }
        let s = Script::of(c)?;
        match script {
            None => script = Some(s),
            Some(t) if t != s => return None,
            _ => {}
        }
    }
    script
}

/// Function words per language (`stopwords.tsv`).
fn stop_words() -> &'static HashMap<&'static str, HashSet<&'static str>> {
    static TABLE: OnceLock<HashMap<&'static str, HashSet<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&str, HashSet<&str>> = HashMap::new();
        for line in data_lines(include_str!("stopwords.tsv")) {
            let (lang, words) = line.split_once('\t').unwrap_or_else(|| panic!("stopwords.tsv: no tab in `{line}`"));
            table.entry(lang).or_default().extend(words.split(' ').filter(|w| !w.is_empty()));
        }
        table
    })
}

/// Whether `word` is a function word of `lang`, or, when `lang` has no list, of `fallback`
/// (a Cyrillic word in an English text is checked against Russian).
fn is_stop_word(lang: &str, fallback: &str, word: &str) -> bool {
    let table = stop_words();
    match table.get(lang) {
        Some(words) => words.contains(word),
        None => table.get(fallback).is_some_and(|w| w.contains(word)),
    }
}

/// The lines of a data file that carry data: not blank, not `#` comments.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Up to `k` concatenations of one alternative from each slot, by increasing sum of the
/// alternatives' ranks (the first alternative of every slot first, then one second choice …),
/// without repeats: the most usual spellings of a word, without enumerating all combinations.
fn k_best<S: AsRef<str>>(slots: &[&[S]], k: usize) -> Vec<String> {
    let mut beam: Vec<(usize, String)> = vec![(0, String::new())];
    for alternatives in slots {
        let mut next: Vec<(usize, String)> = Vec::with_capacity(beam.len() * alternatives.len());
        for (cost, prefix) in &beam {
            for (rank, alternative) in alternatives.iter().enumerate() {
                let mut s = String::with_capacity(prefix.len() + 8);
                s.push_str(prefix);
                s.push_str(alternative.as_ref());
                if !next.iter().any(|(_, t)| *t == s) {
                    next.push((cost + rank, s));
                }
            }
        }
        next.sort_by_key(|(cost, _)| *cost); // stable: on ties, earlier slots keep their first choice
        next.truncate(k);
        beam = next;
    }
    beam.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests;
