//! Small string helpers shared by the parsers (no regex crate: the files are
//! large and the patterns simple).

/// `s` without the bracketed parts (nested, any of `()`, `[]`, `{}`), each
/// replaced by a space. An unclosed bracket removes the rest; a stray closing
/// one is dropped.
pub(crate) fn remove_bracketed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' | '{' => {
                if depth == 0 {
                    out.push(' ');
                }
                depth += 1;
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words of `s` joined by single spaces.
pub(crate) fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `s` starts with the ASCII `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// `s` without the ASCII `prefix` (ignoring case), if it has it.
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    // The prefix is ASCII, so the cut is on a char boundary.
    starts_with_ci(s, prefix).then(|| &s[prefix.len()..])
}

/// A Han character (CJK unified ideographs and their extensions, compatibility ideographs, 〇).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

/// Whether `s` has a Latin letter (ASCII).
pub(crate) fn has_latin(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Whether `s` has a Cyrillic letter.
pub(crate) fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_nested_unclosed_and_stray() {
        assert_eq!(squeeze(&remove_bracketed("a (b [c] d) e")), "a e");
        assert_eq!(squeeze(&remove_bracketed("проливать(ся) (о крови)")), "проливать");
        assert_eq!(squeeze(&remove_bracketed("a ) b (c")), "a b");
    }

    #[test]
    fn prefixes_ignore_ascii_case() {
        assert_eq!(strip_prefix_ci("Surname Xi", "surname "), Some("Xi"));
        assert_eq!(strip_prefix_ci("Лю", "surname "), None);
        assert!(!starts_with_ci("to", "to "));
    }
}
