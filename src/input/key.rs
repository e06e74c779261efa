//! The comparison key of a text: NFKC, lower case, white space folded.
//!
//! Every sentence of every document gets a key, so the key is built in one
//! pass without running the normaliser over text it cannot change. NFKC of a
//! text is the NFKC of its *pieces*, cut before each character that nothing
//! before it composes with: the first character of its compatibility
//! decomposition has combining class 0 and is not the second of any
//! composition (quick check not Maybe). A piece that is one character NFKC
//! keeps alone (a *starter*) is its own normal form, so a run of such pieces
//! that lower case does not change either is copied as it is; a space
//! between two of them too. Only the pieces around combining marks and
//! compatibility characters (`…`, `ﬁ`) go through the normaliser, and the
//! full-width forms of ASCII (`，`, `：`) are mapped directly.

use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::is_space;

/// The comparison key of a piece of text: NFKC, case-folded (lower-cased),
/// every run of white space turned into one ASCII space, trimmed.
///
/// Keys are for comparing only; the output always shows the text as written.
pub fn key(text: &str) -> String {
    let mut key = Key { out: String::with_capacity(text.len()), pending_space: false };
    let mut classes = Classes::new();
    // `text[run..piece]` is copied pieces not yet written; the piece being
    // read starts at `piece`.
    let (mut run, mut piece, mut pending) = (0, 0, Piece::Copied);
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        while pending == Piece::Copied {
            // Most of a text: characters whose key is themselves, and single
            // spaces between one of them and one whose key starts with
            // itself.
            let len = classes.copied_at(bytes, i).or_else(|| {
                let space = bytes.get(i) == Some(&b' ') && i > run;
                let mut next_copied = || {
                    bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase) || classes.copied_at(bytes, i + 1).is_some()
                };
                (space && next_copied()).then_some(1)
            });
            let Some(len) = len else { break };
            (piece, i) = (i, i + len);
        }
        let Some((c, next)) = char_at(text, i) else { break };
        let class = classes.of(c);
        if class == Class::Joins {
            pending = Piece::Normalised;
            i = next;
            continue;
        }
        // `c` starts a piece: the one before is complete.
        if pending != Piece::Copied {
            key.copy(&text[run..piece]);
            key.piece(pending, &text[piece..i]);
            run = i;
        }
        pending = match class {
            Class::Copied => Piece::Copied,
            Class::Starter => Piece::Starter(c),
            _ => Piece::Normalised,
        };
        (piece, i) = (i, next);
    }
    if pending == Piece::Copied {
        key.copy(&text[run..]);
    } else {
        key.copy(&text[run..piece]);
        key.piece(pending, &text[piece..]);
    }
    key.out
}

/// The character at byte `i` of `text`, and where the next one starts.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let &b = text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), i + 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, i + c.len_utf8()))
}

/// An ASCII character whose key is itself: [`Class::Copied`], by bytes.
fn copied_ascii(b: u8) -> bool {
    COPIED_ASCII.get(usize::from(b)) == Some(&true)
}

/// ASCII but capitals and white space (as [`is_space`] has it: checked
/// against the tables by a test).
const COPIED_ASCII: [bool; 128] = {
    let mut table = [true; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = !(b as u8).is_ascii_uppercase() && !matches!(b, 0x09..=0x0D | 0x20);
        b += 1;
    }
    table
};

/// [`Class::of`] remembering the table of the block last looked at: a text
/// keeps to a few blocks.
struct Classes {
    block: usize,
    bits: &'static [u64; 8],
}

impl Classes {
    fn new() -> Classes {
        Classes { block: usize::MAX, bits: &[0; 8] }
    }

    fn of(&mut self, c: char) -> Class {
        let u = c as usize;
        if let Some(b) = u8::try_from(u).ok().filter(u8::is_ascii) {
            return if copied_ascii(b) { Class::Copied } else { Class::Starter };
        }
        self.beyond_ascii(u)
    }

    /// The length of the character at byte `i` of a text if it is
    /// [`Class::Copied`], read off the bytes.
    #[inline]
    fn copied_at(&mut self, bytes: &[u8], i: usize) -> Option<usize> {
        let &b = bytes.get(i)?;
        let byte = |k: usize| bytes.get(i + k).map(|&b| usize::from(b & 0x3F));
        let (u, len) = match b {
            0..=0x7F => return copied_ascii(b).then_some(1),
            0xC0..=0xDF => (usize::from(b & 0x1F) << 6 | byte(1)?, 2),
            0xE0..=0xEF => (usize::from(b & 0x0F) << 12 | byte(1)? << 6 | byte(2)?, 3),
            // Beyond the Basic Multilingual Plane.
            _ => return None,
        };
        (self.beyond_ascii(u) == Class::Copied).then_some(len)
    }

    #[inline]
    fn beyond_ascii(&mut self, u: usize) -> Class {
        if u >> 8 != self.block {
            let Some(bits) = Class::block(u >> 8) else { return Class::Joins };
            (self.block, self.bits) = (u >> 8, bits);
        }
        Class::ALL[(self.bits[u % 256 / 32] >> (u % 32 * 2) & 3) as usize]
    }
}

/// What a character is to the pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A starter whose key is itself (not white space, no other lower case).
    Copied,
    /// Another starter: white space, or a letter with another lower case.
    Starter,
    /// Starts a piece but is changed by NFKC (`，`, `…`, `ﬁ`).
    Compatibility,
    /// Belongs to the piece before it: combining marks, characters that
    /// compose with the one before, and (not tabulated) those beyond the
    /// Basic Multilingual Plane.
    Joins,
}

impl Class {
    const ALL: [Class; 4] = [Class::Copied, Class::Starter, Class::Compatibility, Class::Joins];

    #[cfg(test)]
    fn of(c: char) -> Class {
        Classes::new().of(c)
    }

    /// The classes of the 256 characters of a block of the Basic
    /// Multilingual Plane, two bits each, made on first use (a document uses
    /// a few); `None` beyond it.
    fn block(block: usize) -> Option<&'static [u64; 8]> {
        static BLOCKS: [OnceLock<[u64; 8]>; 256] = [const { OnceLock::new() }; 256];
        Some(BLOCKS.get(block)?.get_or_init(|| {
            let mut bits = [0u64; 8];
            for k in 0..256 {
                let class = char::from_u32((block * 256 + k) as u32).map_or(Class::Joins, Class::by_tables);
                bits[k / 32] |= (class as u64) << (k % 32 * 2);
            }
            bits
        }))
    }

    fn by_tables(c: char) -> Class {
        let kept =
            |c: char| canonical_combining_class(c) == 0 && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
        let mut first = None;
        decompose_compatible(c, |d| {
            first.get_or_insert(d);
        });
        let first = first.unwrap_or(c);
        if kept(c) && kept(first) {
            let lower_is_itself = c.to_lowercase().eq(std::iter::once(c));
            if lower_is_itself && !is_space(c) {
                Class::Copied
            } else {
                Class::Starter
            }
        } else if canonical_combining_class(first) == 0 && !composes_with_the_one_before(first) {
            Class::Compatibility
        } else {
            Class::Joins
        }
    }
}

/// Quick check Maybe: `c` may be the second of a composition.
fn composes_with_the_one_before(c: char) -> bool {
    let once = std::iter::once(c);
    is_nfc_quick(once.clone()) == IsNormalized::Maybe || is_nfkc_quick(once) == IsNormalized::Maybe
}

/// The piece being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Characters whose key is themselves (or nothing yet).
    Copied,
    /// One starter alone.
    Starter(char),
    /// Anything else: its key is that of its normal form.
    Normalised,
}

/// A key being built from the normalised characters.
struct Key {
    out: String,
    /// White space seen since the last character written.
    pending_space: bool,
}

impl Key {
    /// Appends text whose key is itself.
    fn copy(&mut self, text: &str) {
        if !text.is_empty() {
            if self.pending_space {
                self.out.push(' ');
                self.pending_space = false;
            }
            self.out.push_str(text);
        }
    }

    /// Appends a piece read as `kind`.
    fn piece(&mut self, kind: Piece, piece: &str) {
        match kind {
            Piece::Copied => self.copy(piece),
            Piece::Starter(c) => self.push(c),
            Piece::Normalised => match full_width_ascii(piece) {
                Some(c) => self.push(c),
                None => piece.nfkc().for_each(|c| self.push(c)),
            },
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

/// The normal form of a piece that is one full-width form of an ASCII
/// character (`，` is `,`): the punctuation of Chinese text.
fn full_width_ascii(piece: &str) -> Option<char> {
    let mut chars = piece.chars();
    let c = chars.next().filter(|c| ('\u{FF01}'..='\u{FF5E}').contains(c))?;
    chars.next().is_none().then(|| char::from_u32(c as u32 - 0xFEE0)).flatten()
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
    fn starters_alone_are_their_own_normal_form_and_copied_ones_their_own_key() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            let alone = c.to_string();
            match Class::of(c) {
                Class::Copied => assert_eq!(reference(&alone), alone, "{c:?}"),
                Class::Starter => assert_eq!(alone.nfkc().collect::<String>(), alone, "{c:?}"),
                Class::Compatibility | Class::Joins => {}
            }
        }
    }

    /// Pieces are cut before a character only when what it decomposes to
    /// starts with one that composes with nothing before it: every later
    /// character of the decomposition of a character NFC composes (and every
    /// Hangul vowel and final consonant) that has combining class 0 is a
    /// quick-check Maybe.
    #[test]
    fn what_may_compose_with_the_character_before_is_known() {
        let mut seconds: Vec<char> = ('\u{1161}'..='\u{1175}').chain('\u{11A8}'..='\u{11C2}').collect();
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| c.to_string().nfc().eq([c])) {
            let mut parts = Vec::new();
            unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
            seconds.extend(parts.into_iter().skip(1));
        }
        for c in seconds.into_iter().filter(|&c| canonical_combining_class(c) == 0) {
            assert!(composes_with_the_one_before(c), "{c:?}");
        }
    }

    #[test]
    fn copied_ascii_is_the_copied_class() {
        for b in 0..=255u8 {
            assert_eq!(copied_ascii(b), b.is_ascii() && Class::by_tables(char::from(b)) == Class::Copied, "{b}");
        }
    }

    #[test]
    fn full_width_ascii_is_its_normal_form() {
        for c in '\u{FF01}'..='\u{FF5E}' {
            assert_eq!(full_width_ascii(&c.to_string()).map(String::from), Some(c.to_string().nfkc().collect()));
        }
        assert_eq!(full_width_ascii("，\u{301}"), None);
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
            '¨',
            '´',
            'Ａ',
            'ｚ',
            '：',
            '\u{FF9E}',
            '⑴',
            '㌀',
            '\u{1E9B}',
            '\u{0CC2}',
            '\u{0B3E}',
            '\u{0B47}',
            '-',
            '.',
        ])
    }

    /// Single spaces between characters of every class, where the key
    /// copies the space or folds it.
    fn spaced() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            ' ',
            ' ',
            ' ',
            ' ',
            'a',
            'Z',
            '1',
            '.',
            'я',
            'Я',
            '字',
            '，',
            '¨',
            '\u{301}',
            '\u{1161}',
            '\u{1100}',
            '\u{A0}',
            '\n',
            '\u{3000}',
            '\u{1F600}',
            'ﬁ',
        ])
    }

    proptest! {
        #[test]
        fn keys_with_spaces_match_the_whole_text_normaliser(chars in prop::collection::vec(spaced(), 0..30)) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(key(&text), reference(&text));
        }

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
