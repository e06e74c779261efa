//! Chinese words: their pinyin, as Latin-script texts (and, through Palladius, Russian ones)
//! write Chinese names; personal names also as surname and given name apart.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{data_lines, is_pinyin_syllable, is_stop_word, k_best, Keys};
use crate::evidence::lexicon::Readings;

/// Pinyin spellings of a whole word kept when its characters have several readings.
const WHOLE_VARIANTS: usize = 4;
/// Spellings of a given name kept (each also gives a whole-name key).
const GIVEN_VARIANTS: usize = 3;

/// Characters that end common words (会, 部, 省, 人, 们 …) and are hardly ever part of a given
/// name: a three-character word with one of them after a surname character (安理会, 江苏省,
/// 任何人) is a word, not a person.
const NOT_IN_GIVEN_NAMES: &str = concat!(
    "的了们是在不这那个人上下里外内后前和与或及其为于以所被把从对性化者员部局会省市县区镇村乡",
    "街站厂院馆店业界式型率量法书表图线网机器车船费税品物件类点面处期年月日号次种些么吗呢吧啊",
);

pub(super) fn keys(form: &str, readings: &Readings, out: &mut Keys) {
    let chars: Vec<char> = form.chars().collect();
    if chars.len() < 2 || is_stop_word("zh", "zh", form) {
        return;
    }
    let slots: Option<Vec<Vec<String>>> = chars.iter().map(|c| char_readings(readings, *c)).collect();
    let Some(slots) = slots else { return };
    match personal_name(&chars) {
        Some((surname_len, surname)) => {
            let given_slots: Vec<&[String]> = slots[surname_len..].iter().map(Vec::as_slice).collect();
            let given = k_best(&given_slots, GIVEN_VARIANTS);
            for g in &given {
                out.push(&format!("{surname}{g}"), 2);
            }
            out.push(surname, 2);
            // A one-syllable given name alone would match any word of that sound.
            if chars.len() - surname_len >= 2 {
                for g in &given {
                    out.push(g, 2);
                }
            }
        }
        None => {
            let slots: Vec<&[String]> = slots.iter().map(Vec::as_slice).collect();
            for whole in k_best(&slots, WHOLE_VARIANTS) {
                out.push(&whole, 2);
            }
        }
    }
}

/// The readings of one character as keys spell them (toneless, ü as u, only real syllables),
/// `None` when it has none.
fn char_readings(readings: &Readings, c: char) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for r in readings.get(&c)? {
        let r = r.to_lowercase().replace("u:", "u").replace('ü', "u");
        let r: String = r.chars().filter(|c| c.is_ascii_lowercase()).map(|c| if c == 'v' { 'u' } else { c }).collect();
        if is_pinyin_syllable(&r) && !out.contains(&r) {
            out.push(r);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// When `chars` look like a personal name — a surname of `surnames.tsv` followed by a given
/// name of two characters (or one, after a compound surname) — the surname's length in
/// characters and its pinyin.
fn personal_name(chars: &[char]) -> Option<(usize, &'static str)> {
    let table = surnames();
    let (len, surname) = match chars.len() {
        3 => match table.get(&chars[..2]) {
            Some(s) => (2, *s),
            None => (1, *table.get(&chars[..1])?),
        },
        4 => (2, *table.get(&chars[..2])?),
        _ => return None,
    };
    if chars[len..].iter().any(|c| NOT_IN_GIVEN_NAMES.contains(*c)) {
        return None;
    }
    Some((len, surname))
}

/// Surname (one or two characters) → its pinyin as a surname.
fn surnames() -> &'static HashMap<Vec<char>, &'static str> {
    static TABLE: OnceLock<HashMap<Vec<char>, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        data_lines(include_str!("surnames.tsv"))
            .map(|line| {
                let (surname, pinyin) =
                    line.split_once('\t').unwrap_or_else(|| panic!("surnames.tsv: no tab in `{line}`"));
                let pinyin: &'static str = match pinyin {
                    "lü" => "lu",
                    p => p,
                };
                (surname.chars().collect(), pinyin)
            })
            .collect()
    })
}
