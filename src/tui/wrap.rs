//! Wrapping a sentence to a column by display width: a Chinese character takes two terminal
//! cells, a combining mark none, so counting `char`s would overflow CJK columns and cut accents
//! from their letters.

use unicode_width::UnicodeWidthChar;

/// The lines of `text` at most `width` cells wide. Breaks at spaces where it can, between any two
/// wide (CJK) characters, and inside a word only when the word alone is wider than the column.
/// Spaces at a break are dropped and every other run of white space or control characters is shown
/// as one space (a control character written to a terminal would move its cursor); nothing else of
/// the text is changed, and a zero-width mark stays with the character before it.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2); // a wide character needs two cells
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    let mut space = false; // a space is pending between the line and the next token
    for token in tokens(text) {
        match token {
            Token::Space => space = !line.is_empty(),
            Token::Text(range, w) => {
                let t = &text[range];
                let gap = usize::from(space);
                if line_width + gap + w <= width {
                    if space {
                        line.push(' ');
                    }
                    line.push_str(t);
                    line_width += gap + w;
                } else if w <= width {
                    lines.push(std::mem::take(&mut line));
                    line.push_str(t);
                    line_width = w;
                } else {
                    // A word wider than the column: fill the line, then cut it where it must be cut.
                    if space && line_width + 1 < width {
                        line.push(' ');
                        line_width += 1;
                    } else if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0;
                    }
                    for c in t.chars() {
                        let cw = c.width().unwrap_or(0);
                        if line_width + cw > width {
                            lines.push(std::mem::take(&mut line));
                            line_width = 0;
                        }
                        line.push(c);
                        line_width += cw;
                    }
                }
                space = false;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The display width of a text in terminal cells.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

enum Token {
    Space,
    /// A word (or one wide character): its byte range in the text and its width.
    Text(std::ops::Range<usize>, usize),
}

/// Words, single wide characters (each a break opportunity, as CJK text has no spaces) and runs of
/// white space. A zero-width character or a closing punctuation mark joins the token before it.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Option<(usize, usize)> = None; // byte start and width of the word being read
    let flush = |word: &mut Option<(usize, usize)>, out: &mut Vec<Token>, end: usize| {
        if let Some((start, w)) = word.take() {
            out.push(Token::Text(start..end, w));
        }
    };
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if c.is_whitespace() || c.is_control() {
            flush(&mut word, &mut out, i);
            if !matches!(out.last(), Some(Token::Space)) {
                out.push(Token::Space);
            }
        } else if closes(c) {
            // A line must not begin with a full stop or a closing bracket: it joins the text before.
            match (&mut word, out.last_mut()) {
                (Some((_, word_width)), _) => *word_width += w,
                (None, Some(Token::Text(range, width))) => {
                    range.end = i + c.len_utf8();
                    *width += w;
                }
                _ => out.push(Token::Text(i..i + c.len_utf8(), w)),
            }
        } else if w >= 2 {
            flush(&mut word, &mut out, i);
            out.push(Token::Text(i..i + c.len_utf8(), w));
        } else if w == 0 && word.is_none() {
            match out.last_mut() {
                Some(Token::Text(range, _)) => range.end = i + c.len_utf8(),
                _ => word = Some((i, 0)),
            }
        } else {
            word.get_or_insert((i, 0)).1 += w;
        }
    }
    flush(&mut word, &mut out, text.len());
    out
}

/// Punctuation that closes a phrase in CJK text (and the closing quotes it uses).
fn closes(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '”'
            | '’'
            | '…'
            | '．'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(lines: &[String]) -> Vec<usize> {
        lines.iter().map(|l| width(l)).collect()
    }

    #[test]
    fn words_break_at_spaces() {
        assert_eq!(wrap("the cat sat on the mat", 10), ["the cat", "sat on the", "mat"]);
        assert_eq!(wrap("short", 10), ["short"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn chinese_breaks_between_characters_by_width() {
        let lines = wrap("中华人民共和国主席习近平", 9);
        assert_eq!(lines, ["中华人民", "共和国主", "席习近平"]);
        assert!(widths(&lines).iter().all(|&w| w <= 9));
    }

    #[test]
    fn no_line_begins_with_closing_punctuation() {
        assert_eq!(wrap("安理会成员讨论了该地区局势。", 26), ["安理会成员讨论了该地区局", "势。"]);
        assert_eq!(wrap("签署了12项协议。", 8), ["签署了12", "项协议。"]);
    }

    #[test]
    fn mixed_scripts_keep_latin_words_whole() {
        assert_eq!(wrap("习近平会见Putin总统", 8), ["习近平会", "见Putin", "总统"]);
    }

    #[test]
    fn combining_marks_stay_with_their_letter_and_take_no_width() {
        // "e" + COMBINING ACUTE ACCENT, Cyrillic "и" + COMBINING BREVE
        let text = "cafe\u{301} caf\u{301}e и\u{306}од";
        let lines = wrap(text, 5);
        assert_eq!(lines, ["cafe\u{301}", "caf\u{301}e", "и\u{306}од"]);
        assert_eq!(width("cafe\u{301}"), 4);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(wrap("a\tb\u{1b}[2Jc\r\nd", 20), ["a b [2Jc d"]);
    }

    #[test]
    fn a_word_wider_than_the_column_is_cut() {
        assert_eq!(wrap("a Donaudampfschifffahrt", 8), ["a Donaud", "ampfschi", "fffahrt"]);
    }

    #[test]
    fn nothing_but_break_spaces_is_lost() {
        let text = "Путин встретился с Си Цзиньпином 12 мая, 习近平说：“合作”。 Done.";
        for w in 2..30 {
            let lines = wrap(text, w);
            assert!(widths(&lines).iter().all(|&lw| lw <= w), "width {w}: {lines:?}");
            let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
            let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(joined, expected, "width {w}");
        }
    }
}
