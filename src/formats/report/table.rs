//! The rows side by side: one `<tr>` per row with its id, shape, scores,
//! status, flags and the sentences of every language. Every row carries
//! what the filters test as data attributes (`data-band`, `data-kind`,
//! `data-status`, `data-flags`), so that the script only compares strings and
//! the page without the script is the full table.

use std::ops::Range;

use crate::review::{Review, RowView};

use super::band::{band, row_band};
use super::escape::{escaped, push_escaped};

/// Appends the `<table>` of `rows`.
pub fn table(out: &mut String, review: &Review, rows: &[RowView]) {
    out.push_str(r#"<table id="rows" class="rows"><colgroup><col class="row"><col class="kind"><col class="score">"#);
    out.push_str(r#"<col class="status"><col class="flags">"#);
    // The pivot, then each pair's other language: the order of `RowView::others`.
    let columns: Vec<_> =
        std::iter::once(0).chain(review.pairs.iter().map(|p| p.other)).map(|l| &review.languages[l]).collect();
    for _ in &columns {
        out.push_str(r#"<col class="text">"#);
    }
    out.push_str("</colgroup><thead><tr><th>row</th><th>shape</th><th>score</th><th>status</th><th>flags</th>");
    for language in &columns {
        w!(
            out,
            r#"<th title="{}">{} <span class="muted">{}</span></th>"#,
            escaped(&language.file),
            escaped(language.lang.name()),
            escaped(language.lang.code())
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in rows {
        let flags = row.flags.to_string();
        w!(
            out,
            r#"<tr id="r{}" data-band="{}" data-kind="{}" data-status="{}" data-flags="{}"{}>"#,
            row.index,
            row_band(row).map_or_else(|| "none".to_string(), |b| b.to_string()),
            escaped(&row.kind),
            row.status.name(),
            flags,
            if flags.is_empty() { "" } else { r#" class="flagged""# }
        );
        w!(
            out,
            r##"<td class="row"><a href="#r{0}">{0}</a></td><td class="kind">{1}</td><td class="score">"##,
            row.index,
            escaped(&row.kind)
        );
        for (k, score) in row.scores.iter().enumerate() {
            // With one pair the column says it all; with more, each score names its language.
            let lang = if row.scores.len() > 1 {
                format!("{} ", review.languages[review.pairs[k].other].lang.code())
            } else {
                String::new()
            };
            match score {
                Some(s) => w!(out, r#"<span class="b{}">{}{s:.3}</span>"#, band(*s), escaped(&lang)),
                None => w!(out, "<span>{}—</span>", escaped(&lang)),
            }
        }
        w!(out, r#"</td><td class="status"><span class="{0}">{0}</span></td><td class="flags">"#, row.status.name());
        for flag in row.flags.iter() {
            w!(out, "<span>{}</span>", flag.name());
        }
        out.push_str("</td>");
        for (language, range) in columns.iter().zip(std::iter::once(&row.pivot).chain(&row.others)) {
            text_cell(out, language.lang.code(), &language.sentences, range);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>");
}

/// The sentences of one side of a row, each with its id.
fn text_cell(out: &mut String, lang: &str, sentences: &[String], range: &Range<usize>) {
    w!(out, r#"<td class="text" lang="{}">"#, escaped(lang));
    if range.is_empty() {
        out.push_str(r#"<span class="none">—</span>"#);
    }
    for id in range.clone() {
        w!(out, r#"<div><span class="id">{id}</span>"#);
        push_escaped(out, &sentences[id]);
        out.push_str("</div>");
    }
    out.push_str("</td>");
}
