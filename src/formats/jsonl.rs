//! A pair's beads as JSON lines (`P-X.jsonl`), one bead a line:
//!
//! ```json
//! {"bead":1,"ids":{"en":[1,2],"ru":[1]},"type":"2-1","score":0.5,"status":"auto","flags":["not-1-1"],"queue":3,"text":{"en":"Two. Three.","ru":"Два, три."}}
//! ```
//!
//! `queue` is the rank in the review queue of the bead's row (`null` once
//! reviewed); texts as in the CSV ([`super::side_text`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::side_text;
use super::tables::bead_rows;
use crate::review::{Review, RowView};

/// One line of a `.jsonl` export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonlBead {
    /// The document's id, in the combined export of a batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    pub bead: usize,
    /// Sentence ids by language.
    pub ids: BTreeMap<String, Vec<usize>>,
    #[serde(rename = "type")]
    pub kind: String,
    /// Rounded to 4 decimals, as in the CSV.
    pub score: f64,
    pub status: String,
    pub flags: Vec<String>,
    pub queue: Option<usize>,
    /// The bead's sentences by language.
    pub text: BTreeMap<String, String>,
}

/// The bytes of `P-X.jsonl` for pair `k`, each line naming `document` when
/// given (a batch's combined export).
pub fn jsonl_file(
    review: &Review,
    k: usize,
    rows: &[RowView],
    ranks: &[Option<usize>],
    document: Option<&str>,
) -> Vec<u8> {
    let (pivot, other) = (review.pivot(), review.other(k));
    let (p, x) = (pivot.lang.code().to_string(), other.lang.code().to_string());
    let mut out = Vec::new();
    let beads = review.pairs[k].alignment.beads();
    for (n, ((b, mark), row)) in beads.zip(bead_rows(review, k, rows)).enumerate() {
        let line = JsonlBead {
            document: document.map(str::to_string),
            bead: n,
            ids: [(p.clone(), b.src.clone().collect()), (x.clone(), b.tgt.clone().collect())].into(),
            kind: b.kind(),
            score: (mark.score * 1e4).round() / 1e4,
            status: mark.status.to_string(),
            flags: mark.flags.iter().map(|f| f.to_string()).collect(),
            queue: ranks[row],
            text: [
                (p.clone(), side_text(&pivot.lang, &pivot.sentences[b.src.clone()])),
                (x.clone(), side_text(&other.lang, &other.sentences[b.tgt.clone()])),
            ]
            .into(),
        };
        serde_json::to_writer(&mut out, &line).expect("a bead serialises");
        out.push(b'\n');
    }
    out
}

/// The beads of a `.jsonl` export, or the first line that is not one
/// (1-based) and why.
pub fn read_jsonl(text: &str) -> Result<Vec<JsonlBead>, (usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| (n + 1, e.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::review;
    use crate::review::Flag;

    #[test]
    fn a_line_per_bead_that_reads_back() {
        let mut r = review(&[&[(1, 1), (2, 1), (0, 1)]]);
        r.languages[1].sentences[1] = "«Кавычки» и \"quotes\"\n".into();
        r.pairs[0].alignment.marks_mut()[1].flags.insert(Flag::NotOneToOne);
        let rows = r.rows();
        let bytes = jsonl_file(&r, 0, &rows, &[Some(2), None, Some(1)], None);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.lines().count(), 3);
        assert!(
            text.starts_with("{\"bead\":0,\"ids\":{\"en\":[0],\"ru\":[0]},\"type\":\"1-1\",\"score\":0.8,"),
            "{text}"
        );
        let beads = read_jsonl(&text).unwrap();
        assert_eq!(beads[1].ids["en"], [1, 2]);
        assert_eq!(beads[1].flags, ["not-1-1"]);
        assert_eq!(beads[1].text["ru"], "«Кавычки» и \"quotes\" ");
        assert_eq!(beads[2].ids["en"], Vec::<usize>::new());
        assert_eq!(beads.iter().map(|b| b.queue).collect::<Vec<_>>(), [Some(2), None, Some(1)]);
        assert_eq!(read_jsonl("{\"bead\": 1}\n").unwrap_err().0, 1);
    }

    proptest::proptest! {
        /// Whatever the sentences hold, every pair's JSON lines read back as
        /// its beads: ids, shape, mark, rank and texts as in the CSV.
        #[test]
        fn any_review_reads_back(
            r in crate::formats::testing::arb_review_with_texts(),
            rank in proptest::option::of(1usize..50),
        ) {
            let rows = r.rows();
            let ranks: Vec<Option<usize>> = (0..rows.len()).map(|n| rank.map(|q| q + n)).collect();
            let pivot = r.pivot();
            for k in 0..r.pairs.len() {
                let other = r.other(k);
                let text = String::from_utf8(jsonl_file(&r, k, &rows, &ranks, None)).unwrap();
                let beads = read_jsonl(&text).unwrap();
                let rows_of = bead_rows(&r, k, &rows);
                proptest::prop_assert_eq!(beads.len(), r.pairs[k].alignment.beads().count());
                for (n, (line, (b, mark))) in beads.iter().zip(r.pairs[k].alignment.beads()).enumerate() {
                    let (p, x) = (pivot.lang.code(), other.lang.code());
                    proptest::prop_assert_eq!(line.bead, n);
                    proptest::prop_assert_eq!(&line.ids[p], &b.src.clone().collect::<Vec<_>>());
                    proptest::prop_assert_eq!(&line.ids[x], &b.tgt.clone().collect::<Vec<_>>());
                    proptest::prop_assert_eq!(&line.kind, &b.kind());
                    proptest::prop_assert_eq!(line.score, (mark.score * 1e4).round() / 1e4);
                    proptest::prop_assert_eq!(&line.status, &mark.status.to_string());
                    proptest::prop_assert_eq!(line.flags.len(), mark.flags.iter().count());
                    proptest::prop_assert_eq!(line.queue, ranks[rows_of[n]]);
                    proptest::prop_assert_eq!(&line.text[p], &side_text(&pivot.lang, &pivot.sentences[b.src.clone()]));
                    proptest::prop_assert_eq!(&line.text[x], &side_text(&other.lang, &other.sentences[b.tgt.clone()]));
                }
            }
        }
    }
}
