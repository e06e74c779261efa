//! The comparison key of a text: NFKC, lower case, white space folded.
//!
//! Every sentence of every document gets a key, so the key is built in one
//! pass without running the normaliser over text it cannot change: NFKC of a
//! text is the NFKC of its pieces cut before each *starter* (a character of
//! combining class 0 that NFKC keeps and that never composes with the
//! character before it), so a piece that is one starter alone is copied as
//! it is, and only the pieces around combining marks and compatibility
//! characters (`，`, `…`, `ﬁ`) go through the normaliser.

use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::is_space;

/// The comparison key of a piece of text: NFKC, case-folded (lower-cased),
/// every run of white space turned into one ASCII space, trimmed.
///
/// Keys are for comparing only; the output always shows the text as written.
pub fn key(text: &str) -> String {
    let mut key = Key { out: String::with_capacity(text.len()), pending_space: false };
    if text.is_ascii() {
        // Most English sentences: NFKC changes no ASCII character.
        for b in text.bytes() {
            key.push_lower(char::from(b.to_ascii_lowercase()));
        }
        return key.out;
    }
    // The piece not yet written starts at `piece`; while it is one starter
    // alone (`held`), NFKC leaves it as it is.
    let (mut piece, mut held) = (0, None);
    for (i, c) in text.char_indices() {
        if is_starter(c) {
            key.piece(held, &text[piece..i]);
            (piece, held) = (i, Some(c));
        } else {
            held = None;
        }
    }
    key.piece(held, &text[piece..]);
    key.out
}

/// A key being built from the normalised characters.
struct Key {
    out: String,
    /// White space seen since the last character written.
    pending_space: bool,
}

impl Key {
    /// Appends a piece: the starter `alone` that it is, or else the piece
    /// normalised.
    fn piece(&mut self, alone: Option<char>, piece: &str) {
        match alone {
            Some(c) => self.push(c),
            None => piece.nfkc().for_each(|c| self.push(c)),
        }
    }

    /// Appends `c` (normalised) lower-cased, folding white space.
    fn push(&mut self, c: char) {
        match lower_case(c) {
            Some(c) => self.push_lower(c),
            None => c.to_lowercase().for_each(|c| self.push_lower(c)),
        }
    }

    fn push_lower(&mut self, c: char) {
        if is_space(c) {
            self.pending_space = !self.out.is_empty();
        } else {
            if self.pending_space {
                self.out.push(' ');
                self.pending_space = false;
            }
            self.out.push(c);
        }
    }
}

/// `char::to_lowercase` for the scripts of most documents, which it answers
/// by searching a table: ASCII, Russian Cyrillic, and the Chinese and
/// Japanese blocks, which have no case. `None` elsewhere.
fn lower_case(c: char) -> Option<char> {
    let u = c as u32;
    let lower = match u {
        0..=0x7F => u8::try_from(u).ok()?.to_ascii_lowercase().into(),
        0x0400..=0x040F => u + 0x50, // Ѐ…Џ → ѐ…џ
        0x0410..=0x042F => u + 0x20, // А…Я → а…я
        0x0430..=0x045F | 0x3000..=0x9FFF => u,
        _ => return None,
    };
    char::from_u32(lower)
}

/// A starter: NFKC keeps it (quick check Yes), its combining class is 0, and
/// so is that of the first character of its canonical decomposition, which
/// never composes with a character before it (quick check Yes again). A
/// table for the Basic Multilingual Plane; other planes are normalised.
fn is_starter(c: char) -> bool {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    if c.is_ascii() {
        return true;
    }
    let u = c as usize;
    let table = TABLE.get_or_init(|| {
        let mut table = vec![0u64; 0x10000 / 64];
        for c in (0x80..0x10000).filter_map(char::from_u32).filter(|&c| starter_by_tables(c)) {
            table[c as usize / 64] |= 1 << (c as usize % 64);
        }
        table
    });
    table.get(u / 64).is_some_and(|bits| bits >> (u % 64) & 1 == 1)
}

fn starter_by_tables(c: char) -> bool {
    let kept = |c: char| canonical_combining_class(c) == 0 && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
    let mut first = None;
    decompose_canonical(c, |d| {
        first.get_or_insert(d);
    });
    kept(c) && first.is_none_or(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The key as first written: the normaliser over the whole text.
    fn reference(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pending_space = false;
        for c in text.nfkc().flat_map(char::to_lowercase) {
            if is_space(c) {
                pending_space = !out.is_empty();
            } else {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn keys_fold_case_width_and_spaces() {
        assert_eq!(key("  Ｐｕｔｉｎ\u{A0}and  XI\n"), "putin and xi");
        assert_eq!(key("Ёлки"), "ёлки");
        assert_eq!(key("１，０００"), "1,000");
        assert_eq!(key("Кафе\u{301} и\u{306} «ﬁn…»，好"), "кафе\u{301} й «fin...»,好");
    }

    #[test]
    fn the_lower_case_shortcut_agrees_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(lower) = lower_case(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), lower.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn a_starter_alone_is_its_own_normal_form() {
        for c in (0..0x10000).filter_map(char::from_u32).filter(|&c| is_starter(c)) {
            assert_eq!(std::iter::once(c).nfkc().collect::<String>(), c.to_string(), "{c:?}");
        }
    }

    /// Characters that compose, reorder, decompose or stand alone: every
    /// path through the pieces.
    fn tricky() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a',
            'e',
            'E',
            'A',
            'i',
            'о',
            'и',
            'Й',
            'е',
            'Ё',
            'ё',
            '字',
            'か',
            'カ',
            'ｶ',
            '\u{1100}',
            '\u{1161}',
            '\u{11A8}',
            '가',
            '\u{301}',
            '\u{308}',
            '\u{306}',
            '\u{323}',
            '\u{3099}',
            '\u{309A}',
            '\u{345}',
            'ᾳ',
            'Σ',
            'İ',
            'ß',
            'Ω',
            'Å',
            'K',
            'ﬁ',
            '…',
            '，',
            '①',
            '²',
            'Ǆ',
            'ǅ',
            '\u{958}',
            '\u{F900}',
            '\u{FB2A}',
            '\u{0F73}',
            '\u{0344}',
            '\u{0CD5}',
            '\u{0CC6}',
            ' ',
            '\u{A0}',
            '\u{3000}',
            '\u{2028}',
            '\u{200B}',
            '\u{FEFF}',
            '\u{2000}',
            '\n',
            '\u{1D400}',
            '\u{2F800}',
            '\u{1F600}',
        ])
    }

    proptest! {
        #[test]
        fn keys_match_the_whole_text_normaliser(chars in prop::collection::vec(tricky(), 0..40)) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(key(&text), reference(&text));
        }

        #[test]
        fn keys_of_any_string_match_the_whole_text_normaliser(text in any::<String>()) {
            prop_assert_eq!(key(&text), reference(&text));
        }
    }
}
