//! The text a converter builds: paragraphs separated by one blank line,
//! line breaks inside a paragraph kept, no paragraph empty.

/// Text built paragraph by paragraph.
#[derive(Debug, Default)]
pub struct Paragraphs {
    out: String,
    current: String,
}

impl Paragraphs {
    pub fn new() -> Paragraphs {
        Paragraphs::default()
    }

    /// Appends text as it is.
    pub fn push(&mut self, text: &str) {
        self.current.push_str(text);
    }

    /// Appends text whose runs of white space (ASCII, as HTML and ODF
    /// collapse them) count as one space, none at the start of a line or
    /// after a space.
    pub fn push_collapsed(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    /// A line break inside the paragraph (`<br>`, a soft line break).
    pub fn line_break(&mut self) {
        let kept = self.current.trim_end_matches(' ').len();
        self.current.truncate(kept);
        self.current.push('\n');
    }

    /// Ends the paragraph; an empty one (only white space) leaves nothing.
    pub fn end(&mut self) {
        let text = self.current.trim_matches(|c: char| c.is_ascii_whitespace());
        if !text.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(text);
        }
        self.current.clear();
    }

    /// The text, ending with a line break.
    pub fn finish(mut self) -> String {
        self.end();
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_a_blank_line_and_empty_ones_dropped() {
        let mut p = Paragraphs::new();
        p.push_collapsed("  One \n  two.  ");
        p.end();
        p.push("   ");
        p.end();
        p.push_collapsed("Line ");
        p.line_break();
        p.push_collapsed(" next.\u{A0}");
        assert_eq!(p.finish(), "One two.\n\nLine\nnext.\u{A0}\n");
        assert_eq!(Paragraphs::new().finish(), "");
    }
}
