//! The text formats of a run: sentence lists, `.align` files, CSV tables.
//!
//! Every table is written from a [`Review`], so that `align` and `export`
//! write the same bytes for the same beads and statuses.

use super::{format_link, Link};
use crate::align::Bead;
use crate::input::one_line;
use crate::lang::Lang;
use crate::review::{Review, RowView};

/// `LANG.sentences.txt`: line k is sentence k (line breaks inside a sentence
/// shown as spaces).
pub fn sentences_file(sentences: &[String]) -> Vec<u8> {
    let mut out = String::new();
    for s in sentences {
        out.push_str(&one_line(s));
        out.push('\n');
    }
    out.into_bytes()
}

/// `P-X.align`: `[ids]:[ids]:score`, one bead per line.
pub fn align_file<'a>(beads: impl IntoIterator<Item = (&'a Bead, f64)>) -> Vec<u8> {
    let mut out = String::new();
    for (b, s) in beads {
        let link = Link::from_bead(b, Some(s));
        out.push_str(&format_link(&link.src, &link.tgt, link.score));
        out.push('\n');
    }
    out.into_bytes()
}

/// The text of consecutive sentences as one cell: joined with a space, or
/// with nothing in languages written without spaces (Chinese).
pub fn side_text(lang: &Lang, sentences: &[String]) -> String {
    let sep = if lang.script().is_some_and(|s| s.is_unspaced()) { "" } else { " " };
    sentences.iter().map(|s| one_line(s)).collect::<Vec<_>>().join(sep)
}

fn ids(r: std::ops::Range<usize>) -> String {
    r.map(|i| i.to_string()).collect::<Vec<_>>().join(" ")
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().expect("writing to memory cannot fail")
}

/// A row's place in the review queue, 1 first; empty for a row not in the
/// queue (reviewed already).
fn rank_cell(ranks: &[Option<usize>], row: usize) -> String {
    ranks[row].map(|r| r.to_string()).unwrap_or_default()
}

/// `P-X.csv` of pair `k`: `bead,P_ids,X_ids,type,score,P,X,status,flags,queue`,
/// one row per bead; `queue` is the rank in the review queue of the row
/// that holds the bead (`ranks[row]`, see [`crate::review::queue`]).
pub fn pair_csv(review: &Review, k: usize, rows: &[RowView], ranks: &[Option<usize>]) -> Vec<u8> {
    let (pivot, other) = (review.pivot(), review.other(k));
    let mut w = writer();
    let (p, x) = (pivot.lang.code(), other.lang.code());
    w.write_record([
        "bead",
        &format!("{p}_ids"),
        &format!("{x}_ids"),
        "type",
        "score",
        p,
        x,
        "status",
        "flags",
        "queue",
    ])
    .expect("writing to memory cannot fail");
    let mut row = 0;
    for (n, (b, mark)) in review.pairs[k].alignment.beads().enumerate() {
        // Rows and beads both follow the documents' order: the bead's row is
        // the next one, from the last bead's, that holds one of its sentences.
        let holds = |r: &RowView| {
            (!b.src.is_empty() && r.pivot.contains(&b.src.start))
                || (!b.tgt.is_empty() && r.others[k].contains(&b.tgt.start))
        };
        while !holds(&rows[row]) {
            row += 1;
        }
        w.write_record([
            n.to_string(),
            ids(b.src.clone()),
            ids(b.tgt.clone()),
            b.kind(),
            format!("{:.4}", mark.score),
            side_text(&pivot.lang, &pivot.sentences[b.src.clone()]),
            side_text(&other.lang, &other.sentences[b.tgt.clone()]),
            mark.status.to_string(),
            mark.flags.to_string(),
            rank_cell(ranks, row),
        ])
        .expect("writing to memory cannot fail");
    }
    finish(w)
}

/// `P-X-Y.csv`: `row,P_ids,X_ids,Y_ids,P,X,Y,X_score,Y_score,status,flags,queue`;
/// a score cell is empty where that language has no bead in the row.
pub fn join_csv(review: &Review, rows: &[RowView], ranks: &[Option<usize>]) -> Vec<u8> {
    let pivot = review.pivot();
    let others: Vec<_> = (0..review.pairs.len()).map(|k| review.other(k)).collect();
    let mut w = writer();
    let mut header = vec!["row".to_string(), format!("{}_ids", pivot.lang)];
    header.extend(others.iter().map(|o| format!("{}_ids", o.lang)));
    header.push(pivot.lang.to_string());
    header.extend(others.iter().map(|o| o.lang.to_string()));
    header.extend(others.iter().map(|o| format!("{}_score", o.lang)));
    header.extend(["status", "flags", "queue"].map(String::from));
    w.write_record(&header).expect("writing to memory cannot fail");
    for row in rows {
        let mut rec = vec![row.index.to_string(), ids(row.pivot.clone())];
        rec.extend(row.others.iter().map(|r| ids(r.clone())));
        rec.push(side_text(&pivot.lang, &pivot.sentences[row.pivot.clone()]));
        rec.extend(others.iter().zip(&row.others).map(|(o, r)| side_text(&o.lang, &o.sentences[r.clone()])));
        rec.extend(row.scores.iter().map(|s| s.map(|s| format!("{s:.4}")).unwrap_or_default()));
        rec.extend([row.status.to_string(), row.flags.to_string(), rank_cell(ranks, row.index)]);
        w.write_record(&rec).expect("writing to memory cannot fail");
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Alignment;
    use crate::review::{BeadMark, Flags, Language, PairReview, PairRun, ReviewedAlignment, Status};

    fn language(code: &str, texts: &[&str]) -> Language {
        Language {
            lang: Lang::new(code).unwrap(),
            file: format!("{code}.txt"),
            sha256: String::new(),
            sentences: texts.iter().map(|t| t.to_string()).collect(),
            origin: None,
        }
    }

    #[test]
    fn pair_csv_quotes_joins_sides_and_carries_status_flags_and_queue() {
        let en = language("en", &["He said, \"yes.\"", "Two.", "Three."]);
        let zh = language("zh", &["他说：“是的。”", "二。", "三。"]);
        let a = Alignment::new(vec![Bead::new(0..1, 0..1), Bead::new(1..3, 1..3)], 3, 3).unwrap();
        let marks = vec![
            BeadMark { score: 0.98765, status: Status::Confirmed, risk: None, flags: Flags::new() },
            BeadMark { score: 0.5, status: Status::Auto, risk: None, flags: "not-1-1".parse().unwrap() },
        ];
        let pair =
            PairReview { other: 1, run: PairRun::default(), alignment: ReviewedAlignment::new(a, marks).unwrap() };
        let review = Review::new(vec![en, zh], vec![pair], 0.5, 0.0, vec![]).unwrap();
        let text = String::from_utf8(pair_csv(&review, 0, &review.rows(), &[None, Some(1)])).unwrap();
        assert_eq!(
            text,
            "bead,en_ids,zh_ids,type,score,en,zh,status,flags,queue\r\n\
             0,0,0,1-1,0.9877,\"He said, \"\"yes.\"\"\",他说：“是的。”,confirmed,,\r\n\
             1,1 2,1 2,2-2,0.5000,Two. Three.,二。三。,auto,not-1-1,1\r\n"
        );
        let beads = review.pairs[0].alignment.beads().map(|(b, m)| (b, m.score));
        assert_eq!(String::from_utf8(align_file(beads)).unwrap(), "[0]:[0]:0.9877\n[1,2]:[1,2]:0.5000\n");
    }

    #[test]
    fn sentences_file_keeps_one_sentence_per_line() {
        let s = ["A wrapped\r\nline.".to_string(), "B.".to_string()];
        assert_eq!(sentences_file(&s), b"A wrapped line.\nB.\n");
    }
}
