//! ODT (OpenDocument text): the paragraphs and headings of `content.xml` in
//! document order, white space collapsed as ODF does (`<text:s/>` for kept
//! spaces), `<text:line-break/>` a line break inside the paragraph;
//! footnotes and endnotes, tracked changes (the deleted text they keep) and
//! annotations left out.

use std::path::Path;

use super::{attribute, walk_xml, Format, InputError, Node, Paragraphs};

pub(super) fn to_text(path: &Path, xml: &str) -> Result<String, InputError> {
    let mut out = Paragraphs::new();
    // Depth inside left-out elements, and inside `<office:text>`, the body.
    let (mut skipping, mut body) = (0usize, 0usize);
    walk_xml(path, Format::Odt, xml, |node| match node {
        Node::Open(e) => match e.local_name().into_inner() {
            "note" | "tracked-changes" | "annotation" => skipping += 1,
            _ if skipping > 0 => {}
            "text" => body += 1,
            "p" | "h" => out.end(),
            "s" => {
                let n = attribute(e, "text:c").and_then(|c| c.parse().ok()).unwrap_or(1usize);
                out.push(&" ".repeat(n.min(1000)));
            }
            "tab" => out.push("\t"),
            "line-break" => out.line_break(),
            _ => {}
        },
        Node::Close(name) => match name {
            "note" | "tracked-changes" | "annotation" => skipping = skipping.saturating_sub(1),
            _ if skipping > 0 => {}
            "text" => body = body.saturating_sub(1),
            "p" | "h" => out.end(),
            _ => {}
        },
        Node::Text(t) if body > 0 && skipping == 0 => out.push_collapsed(&t),
        Node::Text(_) => {}
    })?;
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_without_notes_and_changes() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:automatic-styles><style:style/></office:automatic-styles>
<office:body><office:text>
<text:tracked-changes><text:changed-region><text:deletion><text:p>Deleted.</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">Title</text:h>
<text:p>One <text:span>two</text:span>.<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note> Three<text:s text:c="2"/>four.<text:line-break/>Next
   line.</text:p>
<text:list><text:list-item><text:p>Item.</text:p></text:list-item></text:list>
</office:text></office:body></office:document-content>"#;
        assert_eq!(to_text(Path::new("a.odt"), xml).unwrap(), "Title\n\nOne two. Three  four.\nNext line.\n\nItem.\n");
    }
}
