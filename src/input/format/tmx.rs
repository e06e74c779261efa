//! TMX (translation memory exchange, 1.1–1.4): the segments of one language,
//! one paragraph per translation unit that has it, in file order. Inline
//! codes (`<bpt>`, `<ept>`, `<it>`, `<ph>`, `<ut>`) and sub-flows (`<sub>`)
//! are left out; `<hi>` keeps its text.

use std::path::Path;

use super::{attribute, walk_xml, Format, InputError, Node, Paragraphs};
use crate::input::encoding::Charset;

/// The segments of `lang` (a language code, matched against the primary
/// subtag of each `xml:lang`: `en` takes `en-US`); without one, those of
/// the memory's source language (the header's `srclang`, else the first
/// variant's language).
pub(super) fn to_text(path: &Path, xml: &str, lang: Option<&str>) -> Result<String, InputError> {
    let mut out = Paragraphs::new();
    let mut wanted = lang.map(str::to_ascii_lowercase);
    let mut found: Vec<String> = Vec::new();
    // In a variant of the wanted language, in its `<seg>`, depth in codes.
    let (mut in_variant, mut in_seg, mut skipping, mut segments) = (false, false, 0usize, 0usize);
    walk_xml(path, Format::Tmx, xml, |node| match node {
        Node::Open(e) => match e.local_name().into_inner() {
            "header" if wanted.is_none() => {
                wanted = attribute(e, "srclang").filter(|l| l != "*all*").map(|l| l.to_ascii_lowercase());
            }
            "tuv" => {
                let tag = attribute(e, "xml:lang").or_else(|| attribute(e, "lang")).unwrap_or_default();
                let tag = tag.to_ascii_lowercase();
                if !found.contains(&tag) {
                    found.push(tag.clone());
                }
                let wanted = wanted.get_or_insert_with(|| tag.clone());
                in_variant = *wanted == tag || tag.split(['-', '_']).next() == Some(wanted.as_str());
            }
            "seg" if in_variant => in_seg = true,
            "bpt" | "ept" | "it" | "ph" | "ut" | "sub" if in_seg => skipping += 1,
            _ => {}
        },
        Node::Close(name) => match name {
            "tuv" => in_variant = false,
            "seg" if in_seg => {
                in_seg = false;
                segments += 1;
                out.end();
            }
            "bpt" | "ept" | "it" | "ph" | "ut" | "sub" if in_seg => skipping = skipping.saturating_sub(1),
            _ => {}
        },
        Node::Text(t) if in_seg && skipping == 0 => out.push(&t),
        Node::Text(_) => {}
    })?;
    if segments == 0 {
        return Err(InputError::TmxLanguage {
            path: path.to_path_buf(),
            lang: wanted.unwrap_or_else(|| "any language".into()),
            found: if found.is_empty() { "none".into() } else { found.join(", ") },
        });
    }
    Ok(out.finish())
}

/// The encoding an XML declaration names (`<?xml version="1.0"
/// encoding="ISO-8859-1"?>`), if any.
pub fn xml_declared_charset(bytes: &[u8]) -> Option<Charset> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    let decl = head.strip_prefix("<?xml")?.split("?>").next()?;
    let value = decl.split("encoding").nth(1)?.trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let value = &value[1..];
    Charset::for_name(&value[..value.find(quote)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
<tu><tuv xml:lang="en-US"><seg>Putin &amp; Xi met.</seg></tuv><tuv xml:lang="ru-RU"><seg>Путин и Си <ph x="1">&lt;br/&gt;</ph>встретились.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Only English.</seg></tuv></tu>
<tu><tuv xml:lang="ru-RU"><seg>Только <hi>русский</hi>.</seg></tuv><tuv xml:lang="en-US"><seg>Only Russian, in English.</seg></tuv></tu>
</body></tmx>"#;

    #[test]
    fn the_segments_of_one_language_become_paragraphs() {
        let path = Path::new("m.tmx");
        assert_eq!(
            to_text(path, TMX, None).unwrap(),
            "Putin & Xi met.\n\nOnly English.\n\nOnly Russian, in English.\n"
        );
        assert_eq!(to_text(path, TMX, Some("ru")).unwrap(), "Путин и Си встретились.\n\nТолько русский.\n");
        let err = to_text(path, TMX, Some("zh")).unwrap_err().to_string();
        assert!(err.contains("zh") && err.contains("en-us, ru-ru"), "{err}");
    }

    #[test]
    fn the_xml_declaration_names_the_encoding() {
        let name = |xml: &[u8]| xml_declared_charset(xml).map(Charset::name);
        assert_eq!(name(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><tmx>"), Some("windows-1252"));
        assert_eq!(name(b"<?xml version='1.0' encoding = 'koi8-r' ?>"), Some("KOI8-R"));
        assert_eq!(name(b"<?xml version=\"1.0\"?><tmx encoding=\"x\">"), None);
    }
}
