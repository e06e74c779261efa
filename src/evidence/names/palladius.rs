//! Chinese names in Russian spelling (the Palladius system): a Cyrillic word read as a run of
//! Palladius syllables (`palladius.tsv`) gives their pinyin — Цзиньпин → jinping.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::data_lines;

/// Syllables are spelled in at most this many Cyrillic letters (чжуань, цзюань).
const MAX_SYLLABLE: usize = 6;

pub(super) struct Table {
    /// Cyrillic syllable → pinyin (ü written u, as keys have it).
    to_pinyin: HashMap<&'static str, String>,
    /// Every pinyin syllable (ü written u).
    pub syllables: HashSet<String>,
}

pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut to_pinyin = HashMap::new();
        let mut syllables = HashSet::new();
        for line in data_lines(include_str!("palladius.tsv")) {
            let (cyrillic, pinyin) =
                line.split_once('\t').unwrap_or_else(|| panic!("palladius.tsv: no tab in `{line}`"));
            let pinyin = pinyin.replace('ü', "u");
            assert!(cyrillic.chars().count() <= MAX_SYLLABLE, "palladius.tsv: `{cyrillic}` is too long");
            syllables.insert(pinyin.clone());
            to_pinyin.insert(cyrillic, pinyin);
        }
        Table { to_pinyin, syllables }
    })
}

/// The pinyin of `word` when the whole of it is a run of Palladius syllables (at least one;
/// `ъ` may separate two, as in Чанъань), else `None`. Of several divisions the one with the
/// fewest syllables wins, then the one with longer syllables first.
///
/// Ukrainian writes the same syllables in its own letters (Сі Цзіньпін, Ден Сяопін): for `uk`
/// they are put back into Russian letters first.
pub(super) fn pinyin(lang: &str, word: &[char]) -> Option<String> {
    if word.len() < 2 {
        return None; // и, у, а: words, not names
    }
    let mut spelled = String::with_capacity(word.len() * 2);
    let mut starts = Vec::with_capacity(word.len() + 1); // byte offset of each letter
    for &c in word {
        starts.push(spelled.len());
        spelled.push(if lang == "uk" { ukrainian_to_russian(c) } else { c });
    }
    starts.push(spelled.len());

    let table = table();
    let n = word.len();
    // best[i]: the fewest syllables covering letters i.., and the first one's length (0 for a
    // skipped separator).
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, 0));
    for i in (0..n).rev() {
        if spelled[starts[i]..].starts_with('ъ') {
            if i > 0 && i + 1 < n && !spelled[starts[i + 1]..].starts_with('ъ') {
                best[i] = best[i + 1].map(|(count, _)| (count, 0));
            }
            continue;
        }
        for len in (1..=MAX_SYLLABLE.min(n - i)).rev() {
            let Some((count, _)) = best[i + len] else { continue };
            let fewer = best[i].is_none_or(|(c, _)| count + 1 < c);
            if fewer && table.to_pinyin.contains_key(&spelled[starts[i]..starts[i + len]]) {
                best[i] = Some((count + 1, len));
            }
        }
    }
    best[0]?;
    let mut out = String::with_capacity(n + 4);
    let mut i = 0;
    while i < n {
        let (_, len) = best[i]?;
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&table.to_pinyin[&spelled[starts[i]..starts[i + len]]]);
        i += len;
    }
    Some(out)
}

/// Ukrainian letters as Russian writes the same sounds: і и, и ы, е э, є е, ї и.
fn ukrainian_to_russian(c: char) -> char {
    match c {
        'і' | 'ї' => 'и',
        'и' => 'ы',
        'е' => 'э',
        'є' => 'е',
        'ґ' => 'г',
        c => c,
    }
}
