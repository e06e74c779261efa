//! DOCX (Office Open XML): the paragraphs of `word/document.xml` in
//! document order. Soft line breaks (`<w:br/>`, `<w:cr/>`) stay line breaks
//! inside the paragraph, page and column breaks end it; tracked deletions,
//! field codes and the fallback copies of text boxes are left out, and so
//! are footnotes, endnotes and comments (other members of the archive).

use std::path::Path;

use super::{attribute, walk_xml, Format, InputError, Node, Paragraphs};

pub(super) fn to_text(path: &Path, xml: &str) -> Result<String, InputError> {
    let mut out = Paragraphs::new();
    // Depth inside left-out elements, and whether the walk is in `<w:t>`.
    let (mut skipping, mut in_text) = (0usize, false);
    walk_xml(path, Format::Docx, xml, |node| match node {
        Node::Open(e) => match e.local_name().into_inner() {
            "del" | "moveFrom" | "instrText" | "delInstrText" | "Fallback" => skipping += 1,
            _ if skipping > 0 => {}
            "p" => out.end(),
            "t" => in_text = true,
            "tab" => out.push("\t"),
            "br" if matches!(attribute(e, "w:type").as_deref(), Some("page" | "column")) => out.end(),
            "br" | "cr" => out.line_break(),
            "noBreakHyphen" => out.push("\u{2011}"),
            _ => {}
        },
        Node::Close(name) => match name {
            "del" | "moveFrom" | "instrText" | "delInstrText" | "Fallback" => skipping = skipping.saturating_sub(1),
            _ if skipping > 0 => {}
            "p" => out.end(),
            "t" => in_text = false,
            _ => {}
        },
        Node::Text(t) if in_text && skipping == 0 => out.push(&t),
        Node::Text(_) => {}
    })?;
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_in_order_without_deletions_and_with_soft_breaks() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Title &amp; more</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">One </w:t></w:r><w:del><w:r><w:delText>gone </w:delText></w:r></w:del><w:ins><w:r><w:t>new</w:t></w:r></w:ins><w:r><w:t>.</w:t><w:br/><w:t>Next line.</w:t><w:footnoteReference w:id="1"/></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText> PAGE </w:instrText><w:t>3</w:t></w:r></w:p>
<w:p/><w:p><w:r><w:t>Before</w:t><w:br w:type="page"/><w:t>after.</w:t></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            to_text(Path::new("a.docx"), xml).unwrap(),
            "Title & more\n\nOne new.\nNext line.\n\n3\n\nBefore\n\nafter.\n"
        );
        let err = to_text(Path::new("a.docx"), "<w:p><w:t>x</w:p>").unwrap_err().to_string();
        assert!(err.starts_with("a.docx: ") && err.contains("XML"), "{err}");
    }
}
