//! The text formats: sentence lists, `.align` files, CSV tables.

use super::{format_link, Link};
use crate::align::{Alignment, Bead};
use crate::input::one_line;
use crate::join::Row;
use crate::lang::Lang;
use crate::segment::Sentence;

/// One side of a pair as the tables need it.
#[derive(Debug, Clone, Copy)]
pub struct PairTable<'a> {
    pub lang: &'a Lang,
    pub sentences: &'a [Sentence],
}

/// `LANG.sentences.txt`: line k is sentence k (line breaks inside a sentence
/// shown as spaces).
pub fn sentences_file(sentences: &[Sentence]) -> Vec<u8> {
    let mut out = String::new();
    for s in sentences {
        out.push_str(&one_line(&s.text));
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
pub fn side_text(lang: &Lang, sentences: &[Sentence]) -> String {
    let sep = if lang.script().is_some_and(|s| s.is_unspaced()) { "" } else { " " };
    sentences.iter().map(|s| one_line(&s.text)).collect::<Vec<_>>().join(sep)
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

/// `P-X.csv`: `bead,P_ids,X_ids,type,score,P,X`, one row per bead.
pub fn pair_csv(src: PairTable, tgt: PairTable, alignment: &Alignment, scores: &[f64]) -> Vec<u8> {
    let mut w = writer();
    let (p, x) = (src.lang.code(), tgt.lang.code());
    w.write_record(["bead", &format!("{p}_ids"), &format!("{x}_ids"), "type", "score", p, x])
        .expect("writing to memory cannot fail");
    for (k, (b, s)) in alignment.beads().iter().zip(scores).enumerate() {
        w.write_record([
            k.to_string(),
            ids(b.src.clone()),
            ids(b.tgt.clone()),
            b.kind(),
            format!("{s:.4}"),
            side_text(src.lang, &src.sentences[b.src.clone()]),
            side_text(tgt.lang, &tgt.sentences[b.tgt.clone()]),
        ])
        .expect("writing to memory cannot fail");
    }
    finish(w)
}

/// `P-X-Y.csv`: `row,P_ids,X_ids,Y_ids,P,X,Y,X_score,Y_score`; a score cell
/// is empty where that language has no bead in the row.
pub fn join_csv(pivot: PairTable, others: &[PairTable], rows: &[Row]) -> Vec<u8> {
    let mut w = writer();
    let mut header = vec!["row".to_string(), format!("{}_ids", pivot.lang)];
    header.extend(others.iter().map(|o| format!("{}_ids", o.lang)));
    header.push(pivot.lang.to_string());
    header.extend(others.iter().map(|o| o.lang.to_string()));
    header.extend(others.iter().map(|o| format!("{}_score", o.lang)));
    w.write_record(&header).expect("writing to memory cannot fail");
    for (k, row) in rows.iter().enumerate() {
        let mut rec = vec![k.to_string(), ids(row.pivot.clone())];
        rec.extend(row.others.iter().map(|r| ids(r.clone())));
        rec.push(side_text(pivot.lang, &pivot.sentences[row.pivot.clone()]));
        rec.extend(others.iter().zip(&row.others).map(|(o, r)| side_text(o.lang, &o.sentences[r.clone()])));
        rec.extend(row.scores.iter().map(|s| s.map(|s| format!("{s:.4}")).unwrap_or_default()));
        w.write_record(&rec).expect("writing to memory cannot fail");
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::key;

    fn sentences(texts: &[&str]) -> Vec<Sentence> {
        texts.iter().map(|t| Sentence { text: t.to_string(), span: 0..0, paragraph: 0, key: key(t) }).collect()
    }

    #[test]
    fn pair_csv_quotes_and_joins_sides() {
        let en = sentences(&["He said, \"yes.\"", "Two.", "Three."]);
        let zh = sentences(&["他说：“是的。”", "二。", "三。"]);
        let a = Alignment::new(vec![Bead::new(0..1, 0..1), Bead::new(1..3, 1..3)], 3, 3).unwrap();
        let (l_en, l_zh) = (Lang::new("en").unwrap(), Lang::new("zh").unwrap());
        let csv = pair_csv(
            PairTable { lang: &l_en, sentences: &en },
            PairTable { lang: &l_zh, sentences: &zh },
            &a,
            &[0.98765, 0.5],
        );
        let text = String::from_utf8(csv).unwrap();
        assert_eq!(
            text,
            "bead,en_ids,zh_ids,type,score,en,zh\r\n\
             0,0,0,1-1,0.9877,\"He said, \"\"yes.\"\"\",他说：“是的。”\r\n\
             1,1 2,1 2,2-2,0.5000,Two. Three.,二。三。\r\n"
        );
        let beads = a.beads().iter().zip([0.98765, 0.5]);
        assert_eq!(String::from_utf8(align_file(beads)).unwrap(), "[0]:[0]:0.9877\n[1,2]:[1,2]:0.5000\n");
    }

    #[test]
    fn sentences_file_keeps_one_sentence_per_line() {
        let s = sentences(&["A wrapped\r\nline.", "B."]);
        assert_eq!(sentences_file(&s), b"A wrapped line.\nB.\n");
    }
}
