//! Stop-word lists: data files `stopwords/<lang>.txt`, one word per line,
//! `#` comments. A second field `dict` marks a Chinese character that is a
//! function word when the dictionary cuts it out alone (会 "can"), but part
//! of content words when every character is a word (会议, 社会).

use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};

use unicode_normalization::UnicodeNormalization;

pub(super) const EN: &str = include_str!("stopwords/en.txt");
pub(super) const RU: &str = include_str!("stopwords/ru.txt");
pub(super) const DE: &str = include_str!("stopwords/de.txt");
pub(super) const FR: &str = include_str!("stopwords/fr.txt");
pub(super) const ZH: &str = include_str!("stopwords/zh.txt");

/// A word as stop-words are compared: NFKC, lower case, ё→е, `'` for
/// apostrophes.
pub(super) fn comparison_form(word: &str) -> String {
    word.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            '\u{2019}' | '\u{02BC}' => '\'',
            c => c,
        })
        .collect()
}

/// The stop-words of one language.
#[derive(Debug, Default)]
pub(super) struct StopWords {
    always: HashSet<Box<str>, Fnv>,
    /// Left out only from a dictionary segmentation.
    segmented: HashSet<Box<str>, Fnv>,
}

impl StopWords {
    /// The list of a language code; empty for a language without one.
    pub(super) fn for_lang(code: &str) -> StopWords {
        match code {
            "en" => StopWords::parse(EN),
            "ru" => StopWords::parse(RU),
            "de" => StopWords::parse(DE),
            "fr" => StopWords::parse(FR),
            "zh" => StopWords::parse(ZH),
            _ => StopWords::default(),
        }
    }

    /// Reads a list, bringing each word to [`comparison_form`].
    pub(super) fn parse(text: &str) -> StopWords {
        let mut stop = StopWords::default();
        for line in text.lines() {
            let mut fields = line.split('#').next().unwrap_or("").split_whitespace();
            let Some(word) = fields.next() else { continue };
            let word = comparison_form(word);
            match fields.next() {
                Some("dict") => stop.segmented.insert(word.into()),
                _ => stop.always.insert(word.into()),
            };
        }
        stop
    }

    /// Whether `word` (in comparison form) is a stop-word; `segmented` when
    /// it is a whole word, not a character cut off alone.
    #[inline]
    pub(super) fn contains(&self, word: &str, segmented: bool) -> bool {
        self.always.contains(word) || (segmented && self.segmented.contains(word))
    }

    pub(super) fn len(&self) -> usize {
        self.always.len() + self.segmented.len()
    }
}

/// FNV-1a: for short keys much faster than the default SipHash, and the
/// lists are fixed data, so hash flooding is no concern.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Fnv;

pub(super) struct FnvHasher(u64);

impl BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
