//! TMX 1.4b, the translation memory CAT tools (Trados, memoQ, OmegaT) read,
//! written and read.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <tmx version="1.4">
//!   <header creationtool="trialign" creationtoolversion="0.1.0" datatype="plaintext" segtype="sentence"
//!     adminlang="en" srclang="en" o-tmf="trialign" creationdate="20261202T101500Z"/>
//!   <body>
//!     <tu tuid="3">
//!       <prop type="x-score">0.8123</prop>
//!       <prop type="x-status">confirmed</prop>
//!       <prop type="x-flags">not-1-1</prop>
//!       <prop type="x-ids-en">3 4</prop>
//!       <prop type="x-ids-ru">3</prop>
//!       <prop type="x-score-ru">0.8123</prop>
//!       <tuv xml:lang="en"><seg>Two. Sentences.</seg></tuv>
//!       <tuv xml:lang="ru"><seg>Одно.</seg></tuv>
//!     </tu>
//!   </body>
//! </tmx>
//! ```
//!
//! One `<tu>` per row of the review (a bead, with one pair), `tuid` its
//! number, a `<tuv>` for every language with sentences in the row; a row with
//! sentences in one language only is no translation unit and is left out.
//! `x-score` is the row's lowest score (what `--min-score` goes by). Texts are
//! as in the CSV ([`super::side_text`]); XML 1.0 cannot hold the control
//! characters other than tab, LF and CR even escaped, so those are written as
//! spaces.

use quick_xml::events::Event;

use super::side_text;
use super::tables::lowest_score;
use super::ExportOptions;
use crate::review::{Review, RowView};

/// The bytes of the TMX file of `review`'s `rows`, rows under
/// `options.min_score` left out; `created` is the creation date, RFC 3339
/// (`2026-12-02T10:15:00Z`).
pub fn tmx_file(review: &Review, rows: &[RowView], options: &ExportOptions, created: &str) -> Vec<u8> {
    let mut out = tmx_head(review.pivot().lang.code(), created);
    tmx_units(&mut out, review, rows, options, None);
    out.push_str("  </body>\n</tmx>\n");
    out.into_bytes()
}

/// One TMX file of the rows of several documents (`trialign batch`), all
/// with the same pivot: each unit's `tuid` is `DOCUMENT:ROW` and its
/// `x-document` property the document's id.
pub fn tmx_corpus(docs: &[(&str, &Review)], options: &ExportOptions, created: &str) -> Vec<u8> {
    let pivot = docs.first().map_or("en", |(_, r)| r.pivot().lang.code());
    let mut out = tmx_head(pivot, created);
    for (id, review) in docs {
        tmx_units(&mut out, review, &review.rows(), options, Some(id));
    }
    out.push_str("  </body>\n</tmx>\n");
    out.into_bytes()
}

/// The XML declaration, the header and the opening of the body.
fn tmx_head(pivot: &str, created: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    out.push_str(&format!(
        "  <header creationtool=\"trialign\" creationtoolversion=\"{}\" datatype=\"plaintext\" segtype=\"sentence\" \
         adminlang=\"en\" srclang=\"{}\" o-tmf=\"trialign\" creationdate=\"{}\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION"),
        escaped(pivot),
        tmx_date(created)
    ));
    out
}

/// The units of `rows` (those `options` keeps), of `document` when given.
fn tmx_units(out: &mut String, review: &Review, rows: &[RowView], options: &ExportOptions, document: Option<&str>) {
    let langs: Vec<_> = review.languages.iter().collect();
    for row in rows {
        let score = lowest_score(row);
        if !options.keeps(score) {
            continue;
        }
        let sides: Vec<_> = std::iter::once(&row.pivot).chain(&row.others).collect();
        if sides.iter().filter(|r| !r.is_empty()).count() < 2 {
            continue;
        }
        let tuid = match document {
            Some(id) => format!("{}:{}", escaped(id), row.index),
            None => row.index.to_string(),
        };
        out.push_str(&format!("    <tu tuid=\"{tuid}\">\n"));
        let mut prop = |name: &str, value: &str| {
            if !value.is_empty() {
                out.push_str(&format!("      <prop type=\"x-{name}\">{}</prop>\n", escaped(value)));
            }
        };
        prop("document", document.unwrap_or_default());
        prop("score", &score.map(|s| format!("{s:.4}")).unwrap_or_default());
        prop("status", row.status.name());
        prop("flags", &row.flags.to_string());
        for (lang, ids) in langs.iter().zip(&sides) {
            prop(&format!("ids-{}", lang.lang), &(*ids).clone().map(|i| i.to_string()).collect::<Vec<_>>().join(" "));
        }
        for (k, s) in row.scores.iter().enumerate() {
            prop(&format!("score-{}", review.other(k).lang), &s.map(|s| format!("{s:.4}")).unwrap_or_default());
        }
        for (lang, ids) in langs.iter().zip(&sides).filter(|(_, ids)| !ids.is_empty()) {
            let text = side_text(&lang.lang, &lang.sentences[(*ids).clone()]);
            out.push_str(&format!(
                "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n",
                escaped(lang.lang.code()),
                escaped(&text)
            ));
        }
        out.push_str("    </tu>\n");
    }
}

/// `2026-12-02T10:15:00Z` as TMX writes dates, `20261202T101500Z`.
fn tmx_date(rfc3339: &str) -> String {
    rfc3339.chars().filter(|c| !matches!(c, '-' | ':')).collect()
}

/// `text` escaped for XML 1.0 text and attribute values.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A translation memory as read: its source language and units.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tmx {
    /// The header's `srclang` (`*all*` in some memories).
    pub srclang: String,
    pub units: Vec<TmxUnit>,
}

/// One `<tu>`: its id, its properties and a text per language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TmxUnit {
    pub tuid: Option<String>,
    /// `(type, value)` of each `<prop>`, in order.
    pub props: Vec<(String, String)>,
    /// `(language, text)` of each `<tuv>`, in order; the text of its `<seg>`
    /// without inline codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`).
    pub texts: Vec<(String, String)>,
}

/// A file that is no readable TMX.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TmxError {
    #[error("not well-formed XML at byte {position}: {message}")]
    Xml { position: u64, message: String },
    #[error("not a TMX file (its root element is <{0}>, expected <tmx>)")]
    NotTmx(String),
    #[error("a <tuv> without xml:lang (or lang) in unit {0}")]
    NoLang(usize),
}

/// Reads a TMX file (1.1 to 1.4b): every `<tu>` with its `<tuv>` texts.
pub fn read_tmx(text: &str) -> Result<Tmx, TmxError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let fail = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| TmxError::Xml {
        position: reader.buffer_position(),
        message: e.to_string(),
    };
    let mut tmx = Tmx::default();
    let mut root = None;
    // Where the reader is: in a unit, in a <prop> (its type), a <tuv> (its
    // language), a <seg> (its text so far), and how deep in inline codes.
    let mut unit: Option<TmxUnit> = None;
    let mut prop: Option<(String, String)> = None;
    let mut tuv: Option<String> = None;
    let mut seg: Option<String> = None;
    let mut code_depth = 0usize;
    let mut open = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| fail(&reader, &e))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.local_name().as_ref().to_string();
                let attr = |key: &str| -> Result<Option<String>, TmxError> {
                    for a in e.attributes() {
                        let a = a.map_err(|err| fail(&reader, &err))?;
                        if a.key.as_ref() == key {
                            let v = a.normalized_value(quick_xml::XmlVersion::Implicit1_0);
                            return Ok(Some(v.map_err(|err| fail(&reader, &err))?.into_owned()));
                        }
                    }
                    Ok(None)
                };
                if root.is_none() {
                    if name != "tmx" {
                        return Err(TmxError::NotTmx(name));
                    }
                    root = Some(());
                }
                let empty = matches!(event, Event::Empty(_));
                match name.as_str() {
                    _ if seg.is_some() => code_depth += usize::from(!empty && is_code(&name)),
                    "header" => tmx.srclang = attr("srclang")?.unwrap_or_default(),
                    "tu" => unit = Some(TmxUnit { tuid: attr("tuid")?, ..TmxUnit::default() }),
                    "prop" if unit.is_some() && tuv.is_none() && !empty => {
                        prop = Some((attr("type")?.unwrap_or_default(), String::new()))
                    }
                    "tuv" if unit.is_some() => {
                        let lang = attr("xml:lang")?.or(attr("lang")?);
                        tuv = Some(lang.ok_or(TmxError::NoLang(tmx.units.len()))?);
                        if empty {
                            tuv = None;
                        }
                    }
                    "seg" if tuv.is_some() => {
                        if empty {
                            push_text(&mut unit, &tuv, String::new());
                        } else {
                            seg = Some(String::new());
                        }
                    }
                    _ => {}
                }
                if !empty {
                    open.push(name);
                }
            }
            Event::End(_) => {
                let name = open.pop().unwrap_or_default();
                match name.as_str() {
                    "seg" if seg.is_some() && code_depth == 0 => push_text(&mut unit, &tuv, seg.take().unwrap()),
                    _ if seg.is_some() => code_depth -= usize::from(is_code(&name)),
                    "prop" => {
                        if let (Some(u), Some(p)) = (unit.as_mut(), prop.take()) {
                            u.props.push(p);
                        }
                    }
                    "tuv" => tuv = None,
                    "tu" => tmx.units.extend(unit.take()),
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                let content = t.xml10_content();
                if let Some(s) = seg.as_mut().filter(|_| code_depth == 0) {
                    s.push_str(&content);
                } else if let Some((_, v)) = prop.as_mut() {
                    v.push_str(&content);
                }
            }
            Event::CData(ref t) => {
                let content = t.as_ref().to_string();
                if let Some(s) = seg.as_mut().filter(|_| code_depth == 0) {
                    s.push_str(&content);
                } else if let Some((_, v)) = prop.as_mut() {
                    v.push_str(&content);
                }
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| fail(&reader, &e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.as_ref().to_string();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| fail(&reader, &format!("unknown entity &{name};")))?
                            .to_string()
                    }
                };
                if let Some(s) = seg.as_mut().filter(|_| code_depth == 0) {
                    s.push_str(&resolved);
                } else if let Some((_, v)) = prop.as_mut() {
                    v.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if root.is_none() {
        return Err(TmxError::NotTmx(String::new()));
    }
    if let Some(name) = open.last() {
        return Err(fail(&reader, &format!("<{name}> is not closed")));
    }
    Ok(tmx)
}

/// Inline elements whose content is markup of the original format, not text.
fn is_code(name: &str) -> bool {
    matches!(name, "bpt" | "ept" | "ph" | "it" | "ut")
}

fn push_text(unit: &mut Option<TmxUnit>, tuv: &Option<String>, text: String) {
    if let (Some(u), Some(lang)) = (unit.as_mut(), tuv) {
        u.texts.push((lang.clone(), text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{CsvKind, ExportFormat};
    use crate::review::testing::review;
    use crate::review::Status;

    fn sample() -> Review {
        let mut r = review(&[&[(1, 1), (2, 1), (1, 0)], &[(1, 1), (1, 1), (1, 2), (1, 1)]]);
        r.languages[0].sentences[0] = "Ice & <fire> \"quoted\" 'x'\u{0c}page".into();
        r.languages[1].sentences[0] = "Лёд\nи пламя".into();
        r.pairs[0].alignment.marks_mut()[1].status = Status::Confirmed;
        r.pairs[1].alignment.marks_mut()[1].score = 0.3;
        r
    }

    #[test]
    fn every_row_with_two_languages_is_a_unit_and_reads_back() {
        let r = sample();
        let rows = r.rows();
        let bytes = tmx_file(&r, &rows, &ExportOptions::default(), "2026-12-02T10:15:00Z");
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("srclang=\"en\" o-tmf=\"trialign\" creationdate=\"20261202T101500Z\""), "{text}");
        let tmx = read_tmx(&text).unwrap();
        assert_eq!(tmx.srclang, "en");
        // Rows: en 0 | en 1-2 (ru 1, zh 1-2) | en 3 (ru none, zh 3): all with two languages or more.
        assert_eq!(tmx.units.len(), rows.len());
        let first = &tmx.units[0];
        assert_eq!(first.tuid.as_deref(), Some("0"));
        assert_eq!(
            first.texts,
            [
                ("en".to_string(), "Ice & <fire> \"quoted\" 'x' page".to_string()),
                ("ru".to_string(), "Лёд и пламя".to_string()),
                ("zh".to_string(), r.languages[2].sentences[0].clone()),
            ]
        );
        let prop = |u: &TmxUnit, name: &str| u.props.iter().find(|(t, _)| t == name).map(|(_, v)| v.clone());
        assert_eq!(prop(first, "x-score").as_deref(), Some("0.8000"));
        assert_eq!(prop(first, "x-status").as_deref(), Some("auto"));
        assert_eq!(prop(&tmx.units[1], "x-ids-en").as_deref(), Some("1 2"));
        // zh has two beads in the row, 0.3 and 0.8: the row scores their product.
        assert_eq!(prop(&tmx.units[1], "x-score").as_deref(), Some("0.2400"));
        let last = tmx.units.last().unwrap();
        assert_eq!(last.texts.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(), ["en", "zh"]);
        assert_eq!(prop(last, "x-score-ru").as_deref(), Some("0.8000"), "the ru deletion's score");

        let cut = ExportOptions::new(&[ExportFormat::Tmx], CsvKind::Machine, Some(0.5)).unwrap();
        let tmx = read_tmx(&String::from_utf8(tmx_file(&r, &rows, &cut, "2026-12-02T10:15:00Z")).unwrap()).unwrap();
        assert_eq!(tmx.units.len(), rows.len() - 1);
    }

    #[test]
    fn a_row_with_one_language_is_no_unit() {
        let r = review(&[&[(1, 1), (1, 0), (0, 1)]]);
        let text =
            String::from_utf8(tmx_file(&r, &r.rows(), &ExportOptions::default(), "2026-01-01T00:00:00Z")).unwrap();
        assert_eq!(read_tmx(&text).unwrap().units.len(), 1);
    }

    #[test]
    fn inline_codes_entities_and_cdata_are_read() {
        let text = r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv lang="EN-US"><seg>A <bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept> &#x263A; &amp; <![CDATA[<raw>]]></seg></tuv>
            <tuv xml:lang="de"><seg/></tuv></tu></body></tmx>"#;
        let tmx = read_tmx(text).unwrap();
        assert_eq!(
            tmx.units[0].texts,
            [("EN-US".to_string(), "A bold ☺ & <raw>".to_string()), ("de".to_string(), String::new())]
        );
    }

    proptest::proptest! {
        /// Whatever the sentences hold, the TMX reads back as the rows' texts
        /// (the control characters XML cannot hold as spaces).
        #[test]
        fn any_review_reads_back(
            r in crate::formats::testing::arb_review_with_texts(),
        ) {
            let rows = r.rows();
            let text = String::from_utf8(tmx_file(&r, &rows, &ExportOptions::default(), "2026-01-01T00:00:00Z")).unwrap();
            let tmx = read_tmx(&text).unwrap();
            let xml_safe = |t: String| t.chars().map(|c| if escaped(&c.to_string()) == " " { ' ' } else { c }).collect::<String>();
            let mut units = tmx.units.iter();
            for row in &rows {
                let sides: Vec<_> = std::iter::once(&row.pivot).chain(&row.others).collect();
                if sides.iter().filter(|s| !s.is_empty()).count() < 2 {
                    continue;
                }
                let unit = units.next().expect("a unit per row with two languages");
                let expected: Vec<(String, String)> = r
                    .languages
                    .iter()
                    .zip(&sides)
                    .filter(|(_, ids)| !ids.is_empty())
                    .map(|(l, ids)| (l.lang.to_string(), xml_safe(side_text(&l.lang, &l.sentences[(*ids).clone()]))))
                    .collect();
                proptest::prop_assert_eq!(&unit.texts, &expected);
            }
            proptest::prop_assert!(units.next().is_none());
        }
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(matches!(read_tmx("<html></html>"), Err(TmxError::NotTmx(n)) if n == "html"));
        assert!(matches!(read_tmx("<tmx><body><tu>"), Err(TmxError::Xml { .. })));
        assert!(matches!(
            read_tmx("<tmx><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>"),
            Err(TmxError::NoLang(0))
        ));
        assert!(matches!(read_tmx(""), Err(TmxError::NotTmx(_))));
        assert!(matches!(read_tmx("<tmx>&bogus;</tmx>"), Err(TmxError::Xml { .. })));
    }
}
