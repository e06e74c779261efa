//! The facts of a pair as a small table: what the beads are, how far the
//! review has got, what the flags found, and what the run drew on.

use std::collections::BTreeMap;

use crate::review::{Flag, PairReview, Status};

use super::escape::escaped;

/// Appends the facts table of `pair` (`n_pivot` pivot sentences).
pub fn pair_facts(out: &mut String, pair: &PairReview, n_pivot: usize, n_other: usize, threshold: f64) {
    let marks = pair.alignment.marks();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for bead in pair.alignment.alignment().beads() {
        *kinds.entry(bead.kind()).or_default() += 1;
    }
    let mean = if marks.is_empty() { 0.0 } else { marks.iter().map(|m| m.score).sum::<f64>() / marks.len() as f64 };
    let below = marks.iter().filter(|m| m.score < threshold).count();
    out.push_str(r#"<table class="facts">"#);
    w!(out, "<tr><th>sentences</th><td>{n_pivot} + {n_other}</td></tr>");
    w!(out, r#"<tr><th>beads</th><td>{} <span class="chips">"#, marks.len());
    for (kind, n) in &kinds {
        w!(out, "<span>{}: {n}</span>", escaped(kind));
    }
    out.push_str("</span></td></tr>");
    w!(out, "<tr><th>mean score</th><td>{mean:.3}</td></tr>");
    w!(out, "<tr><th>below {threshold}</th><td>{below}</td></tr>");
    let statuses: Vec<String> = [Status::Confirmed, Status::Edited, Status::Auto]
        .iter()
        .map(|&s| format!("{} {}", marks.iter().filter(|m| m.status == s).count(), s.name()))
        .collect();
    w!(out, "<tr><th>status</th><td>{}</td></tr>", statuses.join(", "));
    out.push_str(r#"<tr><th>flags</th><td><span class="chips">"#);
    let mut flagged = false;
    for flag in Flag::ALL {
        let n = marks.iter().filter(|m| m.flags.contains(flag)).count();
        if n > 0 {
            flagged = true;
            w!(out, "<span>{}: {n}</span>", flag.name());
        }
    }
    if !flagged {
        out.push_str("none");
    }
    out.push_str("</span></td></tr>");
    let run = &pair.run;
    let lexicons: Vec<String> =
        run.lexicons.iter().map(|l| format!("{} ({} entries used)", l.name, l.entries_used)).collect();
    let lexicons = if lexicons.is_empty() { "none".to_string() } else { lexicons.join(", ") };
    w!(out, "<tr><th>lexicons</th><td>{}</td></tr>", escaped(&lexicons));
    let evidence = if run.evidence.is_empty() { "—".to_string() } else { run.evidence.join(", ") };
    w!(out, "<tr><th>evidence</th><td>{}</td></tr>", escaped(&evidence));
    w!(
        out,
        "<tr><th>words</th><td>{} name pairs, {} word pairs learned{}</td></tr>",
        run.name_pairs,
        run.word_pairs,
        run.lexicon_support.map_or_else(String::new, |s| format!(", lexicon support {s:.2}"))
    );
    w!(out, "<tr><th>length ratio</th><td>{:.3} (variance {:.2})</td></tr>", run.length_ratio, run.length_variance);
    w!(out, "<tr><th>time</th><td>{:.2} s</td></tr>", run.seconds);
    out.push_str("</table>");
}
