//! HTML escaping: sentence texts and file names go into element content and
//! attribute values (including SVG `<title>`s), where `<`, `&` and quotes
//! would otherwise end the text or the attribute.

/// Appends `text` to `out` with `&`, `<`, `>`, `"` and `'` replaced by
/// entities: safe in element content and in quoted attribute values alike.
pub fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// `text` escaped, for `format!` arguments.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(escaped(r#"a<b & "c" 'd'>"#), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    }

    #[test]
    fn other_text_is_kept_exactly() {
        let text = "Путин — 习近平\n  x\u{301}";
        assert_eq!(escaped(text), text);
    }

    #[test]
    fn entities_in_the_input_are_escaped_again() {
        assert_eq!(escaped("&amp;"), "&amp;amp;");
    }
}
