//! `report.html`: a review as one self-contained HTML page — the summary
//! per pair, a histogram of the scores by status, the alignment path of
//! each pair as an SVG plot, and the rows side by side with filters.
//!
//! Self-contained means the page is a single file with its style sheet and
//! script inline and no fonts, images or links outside it, so that it works
//! offline and as an e-mail attachment. The script filters the table and
//! opens the edit log for printing: without it every row is shown. Nothing
//! in the page depends on the time it was made, so the same review always
//! gives the same bytes.

use std::collections::BTreeMap;

use crate::align::Bead;
use crate::input::Origin;
use crate::review::{Flag, Review, RowView, Status};

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {
        std::fmt::Write::write_fmt($out, format_args!($($arg)*)).expect("writing to a String cannot fail")
    };
}

use super::band;
mod escape;
mod histogram;
mod plot;
mod summary;
mod table;

use escape::escaped;

const STYLE: &str = include_str!("report/style.css");
const SCRIPT: &str = include_str!("report/page.js");

/// Characters of each side's text in a plot mark's hover text.
const HOVER_CHARS: usize = 120;

/// The report of `review` as one HTML document.
pub fn html_report(review: &Review) -> String {
    let rows = review.rows();
    let mut out = String::with_capacity(4096 + rows.len() * 600);
    // File names only: the documents table gives the paths, which would make a long title.
    let files: Vec<String> = review
        .languages
        .iter()
        .map(|l| std::path::Path::new(&l.file).file_name().map_or(l.file.clone(), |n| n.to_string_lossy().into_owned()))
        .collect();
    let title = format!("Alignment review: {}", files.join(" · "));
    w!(
        &mut out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"trialign report\"><title>{}</title><style>\n{STYLE}</style></head><body>\n",
        escaped(&title)
    );
    header(&mut out, review, &rows, &title);
    for k in 0..review.pairs.len() {
        pair_section(&mut out, review, k, &rows);
    }
    rows_section(&mut out, review, &rows);
    log_section(&mut out, review);
    w!(&mut out, "<script>\n{SCRIPT}</script>\n</body></html>\n");
    out
}

/// `en-ru`: the name of pair `k`.
fn pair_name(review: &Review, k: usize) -> String {
    format!("{}-{}", review.pivot().lang.code(), review.other(k).lang.code())
}

fn header(out: &mut String, review: &Review, rows: &[RowView], title: &str) {
    w!(out, "<header><h1>{}</h1>", escaped(title));
    let flagged = rows.iter().filter(|r| !r.flags.is_empty()).count();
    w!(
        out,
        r#"<p class="muted">{} rows · {} confirmed · {} edited · {} auto · {flagged} flagged · review threshold {} · aligned in {:.1} s</p>"#,
        rows.len(),
        rows.iter().filter(|r| r.status == Status::Confirmed).count(),
        rows.iter().filter(|r| r.status == Status::Edited).count(),
        rows.iter().filter(|r| r.status == Status::Auto).count(),
        review.review_threshold,
        review.seconds
    );
    out.push_str(r##"<nav><a href="#documents">documents</a>"##);
    for k in 0..review.pairs.len() {
        let name = pair_name(review, k);
        w!(out, r##"<a href="#pair-{0}">{0}</a>"##, escaped(&name));
    }
    out.push_str(r##"<a href="#rows-section">rows</a><a href="#log">edit log</a></nav></header>"##);
    out.push_str(r#"<section id="documents"><h2>Documents</h2><table class="facts"><tr><th>language</th>"#);
    out.push_str(r#"<th>file</th><th>format</th><th>encoding</th><th>detected by</th><th class="n">confidence</th>"#);
    out.push_str(r#"<th class="n">sentences</th><th>sha256</th></tr>"#);
    for language in &review.languages {
        w!(
            out,
            r#"<tr><td>{} <span class="muted">{}</span></td><td>{}</td>"#,
            escaped(language.lang.name()),
            escaped(language.lang.code()),
            escaped(&language.file)
        );
        origin_cells(out, language.origin.as_ref());
        w!(
            out,
            r#"<td class="n">{}</td><td class="mono" title="{}">{}…</td></tr>"#,
            language.sentences.len(),
            escaped(&language.sha256),
            escaped(&language.sha256.chars().take(12).collect::<String>())
        );
    }
    out.push_str("</table>");
    legend(out);
    out.push_str("</section>\n");
}

/// The cells of how a file was read: its format, its encoding, how that was
/// chosen and how sure that is (a review from before trialign kept it has
/// none).
fn origin_cells(out: &mut String, origin: Option<&Origin>) {
    let Some(origin) = origin else {
        out.push_str(r#"<td colspan="4" class="muted">not recorded</td>"#);
        return;
    };
    // Only an uncertain choice (a guess, UTF-16 by its test) is worth a colour.
    let doubt = if origin.confidence < 1.0 { r#" class="n doubt""# } else { r#" class="n""# };
    w!(
        out,
        "<td>{}</td><td>{}</td><td>{}</td><td{doubt}>{:.2}</td>",
        origin.format.name(),
        escaped(&origin.encoding),
        origin.detection.describe(),
        origin.confidence
    );
}

/// What the colours and shapes of the plots and histograms mean.
fn legend(out: &mut String) {
    out.push_str(r#"<div class="legend"><span>score:</span>"#);
    for (b, label) in band::LABELS.iter().enumerate() {
        w!(out, r#"<span><svg width="12" height="12"><circle class="b{b}" cx="6" cy="6" r="5"/></svg> {label}</span>"#);
    }
    out.push_str(r#"</div><div class="legend"><span>plot:</span>"#);
    out.push_str(r#"<span><svg width="12" height="12"><circle class="b4" cx="6" cy="6" r="4"/></svg> 1-1 bead</span>"#);
    out.push_str(r#"<span><svg width="12" height="12"><rect class="b4" x="1" y="1" width="10" height="10"/></svg> other shapes (over the sentences they span)</span>"#);
    out.push_str(
        r#"<span><svg width="12" height="12"><circle class="m b2 f" cx="6" cy="6" r="4"/></svg> flagged</span>"#,
    );
    out.push_str(r#"<span>histogram:</span>"#);
    for status in [Status::Edited, Status::Confirmed, Status::Auto] {
        w!(
            out,
            r#"<span><svg width="12" height="12"><rect class="st-{0}" x="1" y="1" width="10" height="10"/></svg> {0}</span>"#,
            status.name()
        );
    }
    out.push_str("</div>");
}

fn pair_section(out: &mut String, review: &Review, k: usize, rows: &[RowView]) {
    let pair = &review.pairs[k];
    let (pivot, other) = (review.pivot(), review.other(k));
    let name = pair_name(review, k);
    w!(out, r#"<section id="pair-{0}"><h2>{0}</h2><div class="pair"><div>"#, escaped(&name));
    summary::pair_facts(out, pair, pivot.sentences.len(), other.sentences.len(), review.review_threshold);
    out.push_str("<figure>");
    histogram::histogram(out, &name, pair.alignment.marks(), review.review_threshold);
    out.push_str("<figcaption>scores of the beads by status</figcaption></figure></div><figure>");
    let row_of = BeadRows::new(rows, k);
    let marks: Vec<plot::Mark> = pair
        .alignment
        .beads()
        .map(|(bead, mark)| {
            let row = row_of.row(bead);
            let ids =
                format!("#{row} · {} {} ↔ {} {}", pivot.lang.code(), ids(&bead.src), other.lang.code(), ids(&bead.tgt));
            let flags = mark.flags.to_string();
            let title = format!(
                "{ids} · {} · {:.3} · {}{}{}\n{}: {}\n{}: {}",
                bead.kind(),
                mark.score,
                mark.status.name(),
                if flags.is_empty() { "" } else { " · " },
                flags,
                pivot.lang.code(),
                hover_text(&pivot.sentences[bead.src.clone()]),
                other.lang.code(),
                hover_text(&other.sentences[bead.tgt.clone()])
            );
            plot::Mark { bead, score: mark.score, flagged: !flags.is_empty(), row, title }
        })
        .collect();
    plot::plot(out, [pivot.lang.code(), other.lang.code()], pivot.sentences.len(), other.sentences.len(), &marks);
    out.push_str("<figcaption>alignment path: hover a mark for its sentences, click it for its row</figcaption>");
    out.push_str("</figure></div></section>\n");
}

/// The row each bead of pair `k` sits in: by its first pivot sentence, or
/// by its first other sentence for an insertion (0-1). Built once from the
/// rows, as `Review::row_of` rebuilds them on every call.
struct BeadRows {
    pivot: Vec<usize>,
    other: Vec<usize>,
}

impl BeadRows {
    fn new(rows: &[RowView], k: usize) -> BeadRows {
        let (mut pivot, mut other) = (Vec::new(), Vec::new());
        for row in rows {
            pivot.extend(row.pivot.clone().map(|_| row.index));
            other.extend(row.others[k].clone().map(|_| row.index));
        }
        BeadRows { pivot, other }
    }

    fn row(&self, bead: &Bead) -> usize {
        if bead.src.is_empty() {
            self.other[bead.tgt.start]
        } else {
            self.pivot[bead.src.start]
        }
    }
}

/// `3`, `3–5` (inclusive) or `—` for no sentence.
fn ids(range: &std::ops::Range<usize>) -> String {
    match range.len() {
        0 => "—".to_string(),
        1 => range.start.to_string(),
        _ => format!("{}–{}", range.start, range.end - 1),
    }
}

/// The sentences of one side for a hover text: joined, on one line, cut to
/// `HOVER_CHARS` characters (the table has them whole).
fn hover_text(sentences: &[String]) -> String {
    if sentences.is_empty() {
        return "—".to_string();
    }
    let joined = crate::input::one_line(&sentences.join(" ")).into_owned();
    if joined.chars().count() <= HOVER_CHARS {
        return joined;
    }
    let mut cut: String = joined.chars().take(HOVER_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn rows_section(out: &mut String, review: &Review, rows: &[RowView]) {
    out.push_str(r#"<section id="rows-section"><h2>Rows</h2>"#);
    out.push_str(r#"<form id="filters" hidden><label>score<select name="band"><option value="">all</option>"#);
    for (b, label) in band::LABELS.iter().enumerate() {
        let n = rows.iter().filter(|r| band::row_band(r) == Some(b)).count();
        w!(out, r#"<option value="{b}">{label} ({n})</option>"#);
    }
    out.push_str(r#"</select></label><label>flag<select name="flag"><option value="">all</option>"#);
    let flagged = rows.iter().filter(|r| !r.flags.is_empty()).count();
    w!(out, r#"<option value="any">any flag ({flagged})</option>"#);
    w!(out, r#"<option value="none">no flag ({})</option>"#, rows.len() - flagged);
    for flag in Flag::ALL {
        let n = rows.iter().filter(|r| r.flags.contains(flag)).count();
        if n > 0 {
            w!(out, r#"<option value="{0}">{0} ({n})</option>"#, flag.name());
        }
    }
    out.push_str(r#"</select></label><label>shape<select name="kind"><option value="">all</option>"#);
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        *kinds.entry(&row.kind).or_default() += 1;
    }
    let mut kinds: Vec<(&str, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (kind, n) in kinds {
        w!(out, r#"<option value="{0}">{0} ({n})</option>"#, escaped(kind));
    }
    out.push_str(r#"</select></label><label>status<select name="status"><option value="">all</option>"#);
    let reviewed = rows.iter().filter(|r| r.status.is_reviewed()).count();
    w!(out, r#"<option value="reviewed">confirmed or edited ({reviewed})</option>"#);
    for status in Status::ALL {
        let n = rows.iter().filter(|r| r.status == status).count();
        w!(out, r#"<option value="{0}">{0} ({n})</option>"#, status.name());
    }
    out.push_str(
        r#"</select></label><button type="reset">show all</button><output id="shown" class="count"></output></form>"#,
    );
    table::table(out, review, rows);
    out.push_str("</section>\n");
}

fn log_section(out: &mut String, review: &Review) {
    w!(out, r#"<section id="log"><h2>Edit log</h2>"#);
    if review.log.is_empty() {
        out.push_str(r#"<p class="muted">No edits yet.</p></section>"#);
        return;
    }
    let n = review.log.len();
    w!(out, r#"<details class="log"><summary>{n} {}</summary><ol>"#, if n == 1 { "edit" } else { "edits" });
    for entry in &review.log {
        w!(out, r#"<li><span class="mono">{}</span> {}</li>"#, escaped(&entry.time), escaped(&entry.edit));
    }
    out.push_str("</ol></details></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Detection, Format};
    use crate::review::testing::review;
    use crate::review::{BeadMark, Flags, LogEntry};

    /// en-ru-zh with a 2-1, a deletion and an insertion; bead 1 of en-ru
    /// confirmed and flagged low, bead 2 edited.
    fn three_languages() -> Review {
        let mut r = review(&[&[(1, 1), (2, 1), (1, 0), (1, 1)], &[(1, 1), (1, 1), (1, 1), (0, 1), (1, 1), (1, 1)]]);
        let marks = r.pairs[0].alignment.marks_mut();
        marks[1] = BeadMark {
            score: 0.2,
            status: Status::Confirmed,
            risk: None,
            flags: [Flag::LowScore].into_iter().collect(),
        };
        marks[2] = BeadMark { score: 1.0, status: Status::Edited, risk: None, flags: Flags::new() };
        r
    }

    fn row_tag(html: &str, row: usize) -> &str {
        let start = html.find(&format!("<tr id=\"r{row}\"")).unwrap_or_else(|| panic!("row {row} missing"));
        &html[start..start + html[start..].find('>').unwrap() + 1]
    }

    #[test]
    fn every_section_is_there() {
        let html = html_report(&three_languages());
        assert!(html.starts_with("<!DOCTYPE html>\n<html") && html.ends_with("</html>\n"));
        for id in ["documents", "pair-en-ru", "pair-en-zh", "rows-section", "log", "filters", "rows"] {
            assert!(html.contains(&format!("id=\"{id}\"")), "#{id} missing");
        }
        assert_eq!(html.matches(r#"<svg class="plot""#).count(), 2);
        assert_eq!(html.matches(r#"<svg class="histogram""#).count(), 2);
        assert!(html.contains("@media print"), "print styles");
        assert_eq!(html.matches("<tr id=\"r").count(), three_languages().rows().len());
    }

    #[test]
    fn nothing_outside_the_file_is_needed() {
        let html = html_report(&three_languages());
        for external in ["src=", "href=\"http", "<link", "@import", "url("] {
            assert!(!html.contains(external), "{external}");
        }
    }

    #[test]
    fn texts_and_names_are_escaped() {
        let mut r = three_languages();
        r.languages[0].sentences[0] = r#"<b>Tom & "Jerry"</b> isn't </td>"#.to_string();
        r.languages[1].file = "<ru>.txt".to_string();
        let html = html_report(&r);
        assert!(html.contains("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; isn&#39;t &lt;/td&gt;"), "in the table");
        assert!(html.contains("#0 · en 0 ↔ ru 0 · 1-1 · 0.800 · auto\nen: &lt;b&gt;Tom"), "the plot's hover text");
        assert!(!html.contains("<b>Tom") && !html.contains("<ru>"));
        assert!(html.contains("&lt;ru&gt;.txt"));
    }

    #[test]
    fn rows_carry_what_the_filters_test() {
        let r = three_languages();
        let html = html_report(&r);
        // Row 0: 1-1-1 at 0.8 twice, auto, no flags.
        assert_eq!(
            row_tag(&html, 0),
            r#"<tr id="r0" data-band="3" data-kind="1-1-1" data-status="auto" data-flags="">"#
        );
        // Row 1: en 1-2 with ru 1 (confirmed, 0.2) and zh 1-2 (auto): the weakest score decides the band.
        let row1 = &r.rows()[1];
        assert_eq!(row1.kind, "2-1-2");
        assert_eq!(
            row_tag(&html, 1),
            format!(
                r#"<tr id="r1" data-band="0" data-kind="2-1-2" data-status="auto" data-flags="{}" class="flagged">"#,
                row1.flags
            )
        );
        for b in 0..5 {
            assert!(html.contains(&format!("<option value=\"{b}\">")), "band option {b}");
        }
        assert!(html.contains(r#"<option value="low-score">low-score (1)</option>"#));
        assert!(html.contains(r#"<option value="1-1-1">1-1-1 ("#));
        assert!(html.contains(r#"<option value="edited">edited (0)</option>"#), "row 2 also holds an auto zh bead");
    }

    #[test]
    fn without_the_script_every_row_is_shown_and_the_filters_are_not() {
        let html = html_report(&three_languages());
        assert!(html.contains(r#"<form id="filters" hidden>"#));
        let rows: Vec<&str> = html.split("<tr ").skip(1).map(|t| &t[..t.find('>').unwrap()]).collect();
        assert!(!rows.is_empty() && rows.iter().all(|t| !t.contains("hidden")));
    }

    #[test]
    fn the_documents_table_tells_how_each_file_was_read() {
        let mut r = three_languages();
        r.languages[0].origin = Some(Origin::default());
        r.languages[1].origin = Some(Origin {
            format: Format::Html,
            encoding: "windows-1251".into(),
            detection: Detection::Guessed,
            confidence: 0.87,
        });
        let html = html_report(&r);
        let documents = &html[html.find(r#"<section id="documents">"#).unwrap()..html.find("</table>").unwrap()];
        assert!(
            documents.contains("<th>format</th><th>encoding</th><th>detected by</th><th class=\"n\">confidence</th>")
        );
        assert!(
            documents.contains(r#"<td>text</td><td>UTF-8</td><td>valid UTF-8</td><td class="n">1.00</td>"#),
            "{documents}"
        );
        assert!(
            documents.contains(r#"<td>html</td><td>windows-1251</td><td>guessed</td><td class="n doubt">0.87</td>"#),
            "{documents}"
        );
        // A review file from before the origin was kept.
        assert!(documents.contains(r#"<td colspan="4" class="muted">not recorded</td>"#), "{documents}");
        assert_eq!(documents.matches("<tr>").count(), 4, "a header and a row per language");
    }

    #[test]
    fn the_edit_log_is_listed() {
        let mut r = three_languages();
        r.log.push(LogEntry { time: "2026-12-01T10:00:00Z".into(), edit: "split en:5 at ru:<7>".into() });
        let html = html_report(&r);
        assert!(html.contains("<summary>1 edit</summary>"));
        assert!(html.contains(r#"<li><span class="mono">2026-12-01T10:00:00Z</span> split en:5 at ru:&lt;7&gt;</li>"#));
    }

    #[test]
    fn the_same_review_gives_the_same_bytes() {
        assert_eq!(html_report(&three_languages()), html_report(&three_languages()));
    }

    #[test]
    fn a_pair_shows_its_score_without_a_language_and_links_marks_to_rows() {
        let r = review(&[&[(1, 1), (1, 2), (0, 1), (1, 1)]]);
        let html = html_report(&r);
        assert!(html.contains(r#"<td class="score"><span class="b3">0.800</span></td>"#));
        // Bead 2 is an insertion: its row is found by its Russian sentence.
        assert!(html.contains(r##"<a href="#r2"><rect class="m b3""##));
        assert_eq!(html.matches("<tr id=\"r").count(), 4);
        assert!(html.contains("No edits yet."));
    }

    #[test]
    fn ten_thousand_rows_stay_small() {
        let shapes: Vec<(usize, usize)> = (0..10_000).map(|i| if i % 50 == 0 { (2, 1) } else { (1, 1) }).collect();
        let r = review(&[&shapes]);
        let html = html_report(&r);
        let text: usize = r.languages.iter().flat_map(|l| &l.sentences).map(|s| s.len()).sum();
        // The table and the plot's hover texts hold the sentences about twice; the rest is markup.
        let per_row = (html.len() - 2 * text) / 10_000;
        assert!(per_row < 900, "{per_row} bytes of markup per row");
    }
}
