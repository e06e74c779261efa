//! Markdown (CommonMark with tables, footnotes and strikethrough, read by
//! `pulldown-cmark`): the markup stripped; headings, list items, table
//! cells and code blocks each a paragraph of their own, so they are their
//! own sentences; line breaks inside a paragraph kept; images, raw HTML,
//! footnote definitions and front matter left out.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Paragraphs;

pub(super) fn to_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Paragraphs::new();
    // How many left-out elements hold the walk.
    let mut skipping = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) if is_left_out(&tag) => skipping += 1,
            Event::End(end) if is_left_out_end(end) => skipping = skipping.saturating_sub(1),
            _ if skipping > 0 => {}
            Event::Start(tag) if is_block(&tag) => out.end(),
            Event::End(end) if is_block_end(end) => out.end(),
            Event::Text(text) | Event::Code(text) => out.push(&text),
            Event::SoftBreak | Event::HardBreak => out.line_break(),
            Event::Rule => out.end(),
            _ => {}
        }
    }
    out.finish()
}

fn is_left_out(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::Image { .. } | Tag::HtmlBlock | Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_))
}

fn is_left_out_end(end: TagEnd) -> bool {
    matches!(end, TagEnd::Image | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition | TagEnd::MetadataBlock(_))
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::Item
            | Tag::TableCell
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_block_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_is_stripped_and_blocks_become_paragraphs() {
        let md = "---\ntitle: x\n---\n# Putin and *Xi*\n\nTalks took place\nin the `Kremlin`. ![photo](a.png)\n\n\
                  - first item\n- second [link](http://x)\n\n<div>raw</div>\n\n> Quoted.[^1]\n\n[^1]: A note.\n";
        assert_eq!(
            to_text(md),
            "Putin and Xi\n\nTalks took place\nin the Kremlin.\n\nfirst item\n\nsecond link\n\nQuoted.\n"
        );
    }
}
