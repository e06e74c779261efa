//! Character classes and word boundaries, on NFKC text.

/// Han characters (CJK unified ideographs and their extensions, compatibility
/// ideographs, 〇): cut by the Chinese rules whatever the language, since
/// they are written without spaces between words.
#[inline]
pub(super) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{3007}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Letters and digits of words other than Han characters.
#[inline]
pub(super) fn is_word_char(c: char) -> bool {
    match c {
        '0'..='9' => true,
        _ => is_letter(c) || (!c.is_ascii() && c.is_numeric()),
    }
}

/// Letters other than Han characters. Basic Latin and Cyrillic first: the
/// standard library's table search for other letters was a quarter of the
/// time on Russian text.
#[inline]
pub(super) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'А'..='я' | 'Ё' | 'ё' => true,
        '\0'..='\x7F' => false,
        _ => c.is_alphabetic() && !is_han(c) && !is_apostrophe(c),
    }
}

/// Whether a letter is upper case (Basic Latin and Cyrillic looked up fast).
#[inline]
pub(super) fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ё' => true,
        'a'..='z' | 'а'..='я' | 'ё' => false,
        _ => c.is_uppercase(),
    }
}

/// Appends the lower case of `c` (Basic Latin and Cyrillic done fast).
#[inline]
pub(super) fn push_lower(out: &mut String, c: char) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'Ё' => out.push('ё'),
        'a'..='z' | 'а'..='я' | 'ё' => out.push(c),
        _ if c.is_ascii() => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Apostrophes as typed (`'`), typeset (`’`) and as the modifier letter
/// (`ʼ`, which Unicode counts as a letter).
#[inline]
pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Characters inside a word that are not part of it: combining accents
/// left after NFKC (Russian stress marks: `приве́т`), the soft hyphen, and
/// zero-width joiners. The word goes on across them.
#[inline]
pub(super) fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

/// End (byte offset) of the word starting at `start` (a word character):
/// letters, digits, ignorables, and apostrophes followed by a letter
/// (`don't`, `O'Brien`, `l'Europe`, Ukrainian `м'ясо`). Hyphens and dashes
/// end a word: `Putin–Xi` and `Нью-Йорк` are two words each, as English
/// writes most compounds apart.
pub(super) fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if is_word_char(c) || is_ignorable(c) {
            end = start + k + c.len_utf8();
        } else if is_apostrophe(c) && chars.peek().is_some_and(|&(_, next)| is_letter(next)) {
            continue;
        } else {
            break;
        }
    }
    end
}

/// End of an abbreviation of single letters with dots starting at `start`
/// (`U.S.`, `e.g.`, `т.е.`): at least two letters, each followed by a dot.
/// `None` when the text there is not one.
pub(super) fn abbreviation_end(text: &str, start: usize) -> Option<usize> {
    let mut end = start;
    let mut letters = 0;
    loop {
        let mut chars = text[end..].chars();
        match (chars.next(), chars.next()) {
            (Some(c), Some('.')) if is_letter(c) => {
                letters += 1;
                end += c.len_utf8() + 1;
            }
            _ => break,
        }
    }
    (letters >= 2).then_some(end)
}
