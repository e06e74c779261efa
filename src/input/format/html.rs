//! HTML: the text of a page, parsed as a browser parses it (html5ever,
//! through `scraper`), entities decoded; paragraphs from block elements,
//! line breaks from `<br>`; scripts, styles, navigation, page headers and
//! footers and asides left out.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::Paragraphs;
use crate::input::encoding::Charset;

/// Elements whose content is not the document's text.
const IGNORED: [&str; 12] =
    ["head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "svg", "button", "select"];

/// Elements that start and end a paragraph.
const BLOCKS: [&str; 35] = [
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
];

/// The text of the page `html`.
pub(super) fn to_text(html: &str) -> String {
    let page = Html::parse_document(html);
    let mut out = Paragraphs::new();
    // The element being skipped, and how many `<pre>` hold the walk.
    let (mut skipping, mut pre) = (None, 0usize);
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Element(e) if IGNORED.contains(&e.name()) => skipping = Some(node.id()),
                Node::Element(e) if e.name() == "br" => out.line_break(),
                Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    out.end();
                    pre += usize::from(e.name() == "pre");
                }
                Node::Text(t) if pre > 0 => out.push(t),
                Node::Text(t) => out.push_collapsed(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                _ if skipping == Some(node.id()) => skipping = None,
                Node::Element(e) if skipping.is_none() && BLOCKS.contains(&e.name()) => {
                    out.end();
                    pre = pre.saturating_sub(usize::from(e.name() == "pre"));
                }
                _ => {}
            },
            Edge::Open(_) => {}
        }
    }
    out.finish()
}

/// The encoding a page declares in its first 1024 bytes (`<meta
/// charset=…>` or `content="text/html; charset=…"`); a declared UTF-16 is
/// not believed of a page whose markup reads as ASCII (as browsers do).
pub fn declared_charset(bytes: &[u8]) -> Option<Charset> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("<meta")?;
    let value = head[at..].split("charset=").nth(1)?;
    let value = value.trim_start_matches(['"', '\'']);
    let end = value.find(|c: char| matches!(c, '"' | '\'' | ';' | '>' | '/') || c.is_whitespace())?;
    Charset::for_name(&value[..end]).filter(|c| !c.name().starts_with("UTF-16"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_elements_make_paragraphs_and_the_rest_is_left_out() {
        let html = r#"<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>
<body><header>Menu</header><nav><a href="/">Home</a></nav>
<h1>Putin &amp; Xi</h1>
<p>First   sentence,
 wrapped.&nbsp;Second<br>line <b>bold</b>.</p>
<script>var x = "<p>no</p>";</script>
<ul><li>One</li><li>Two &#x201C;quoted&#x201D;</li></ul>
<aside>Ad</aside><pre>  kept
  as is</pre><footer>© 2025</footer></body></html>"#;
        assert_eq!(
            to_text(html),
            "Putin & Xi\n\nFirst sentence, wrapped.\u{A0}Second\nline bold.\n\nOne\n\nTwo \u{201C}quoted\u{201D}\n\nkept\n  as is\n"
        );
    }

    #[test]
    fn the_declared_charset_is_read_from_the_meta_element() {
        let page = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#;
        assert_eq!(declared_charset(page).map(Charset::name), Some("windows-1251"));
        assert_eq!(declared_charset(b"<meta charset=\"utf-16\">").map(Charset::name), None);
        assert_eq!(declared_charset(b"<meta charset=gb2312>").map(Charset::name), Some("GB18030"));
        assert_eq!(declared_charset(b"<p>charset=koi8-r</p>"), None);
    }
}
