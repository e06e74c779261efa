//! The combined exports of a batch (`trialign batch`, `--merge`): the
//! exports its documents' folders hold, over all documents, in the batch's
//! folder, each naming the document where the format has a place for it:
//! a first `document` column in the tables (CSV, TSV, xlsx), a `document`
//! field in the JSON lines, an `x-document` property (and `tuid`
//! `DOCUMENT:ROW`) in TMX. Moses files have no such place; their lines come
//! from the documents in every language of the batch only, so that the
//! files stay line-aligned.
//!
//! The tables of documents that leave a language out are put under the
//! batch's columns by name, that language's cells empty.

use super::tables::{join_header, pair_header};
use super::{
    csv_file, join_table, jsonl_file, moses_files, pair_table, tmx_corpus, tsv_file, xlsx_file, Column, ExportFormat,
    ExportOptions, Outputs, Table, TableRow, XlsxExportError,
};
use crate::lang::Lang;
use crate::review::{queue, Review, RowView};

/// One document's review with its rows and queue ranks, worked out once.
struct Doc<'a> {
    id: &'a str,
    review: &'a Review,
    rows: Vec<RowView>,
    ranks: Vec<Option<usize>>,
}

/// The combined files of the documents `docs` (`(id, review)`, all with
/// the pivot `langs[0]`) of a batch over `langs`, for `exports`; TMX and
/// xlsx dated `created` (RFC 3339).
pub fn corpus_outputs(
    docs: &[(&str, &Review)],
    langs: &[Lang],
    exports: &ExportOptions,
    created: &str,
) -> Result<Outputs, XlsxExportError> {
    let docs: Vec<Doc> = docs
        .iter()
        .map(|&(id, review)| {
            let rows = review.rows();
            let ranks = queue::ranks(&queue::queue(review), rows.len());
            Doc { id, review, rows, ranks }
        })
        .collect();
    let mut out = Outputs::default();
    let Some((pivot, others)) = langs.split_first() else { return Ok(out) };
    let all = langs.iter().map(Lang::code).collect::<Vec<_>>().join("-");
    let csv = exports.has(ExportFormat::Csv);
    let pair_of = |d: &Doc, lang: &Lang| (0..d.review.pairs.len()).find(|&k| d.review.other(k).lang == *lang);
    let mut sheets = Vec::new();
    for lang in others {
        let name = format!("{pivot}-{lang}");
        let tables =
            docs.iter().filter_map(|d| pair_of(d, lang).map(|k| (d.id, pair_table(d.review, k, &d.rows, &d.ranks))));
        let table = stacked(pair_header(pivot, lang), tables.collect());
        if csv {
            out.add(format!("{name}.csv"), csv_file(&table, exports.csv));
        }
        if exports.has(ExportFormat::Xlsx) {
            sheets.push((name.clone(), table));
        }
        if exports.has(ExportFormat::Jsonl) {
            let lines = docs
                .iter()
                .filter_map(|d| pair_of(d, lang).map(|k| jsonl_file(d.review, k, &d.rows, &d.ranks, Some(d.id))));
            out.add(format!("{name}.jsonl"), lines.collect::<Vec<_>>().concat());
        }
    }
    let columns = join_header(&langs.iter().collect::<Vec<_>>());
    let joined = stacked(columns, docs.iter().map(|d| (d.id, join_table(d.review, &d.rows, &d.ranks))).collect());
    if csv && others.len() >= 2 {
        out.add(format!("{all}.csv"), csv_file(&joined, exports.csv));
    }
    if exports.has(ExportFormat::Tsv) {
        out.add(format!("{all}.tsv"), tsv_file(&joined, exports));
    }
    if exports.has(ExportFormat::Xlsx) {
        if others.len() >= 2 {
            sheets.push((all.clone(), joined));
        }
        out.add(format!("{all}.xlsx"), xlsx_file(&sheets, created)?);
    }
    if exports.has(ExportFormat::Tmx) {
        let reviews: Vec<(&str, &Review)> = docs.iter().map(|d| (d.id, d.review)).collect();
        out.add(format!("{all}.tmx"), tmx_corpus(&reviews, exports, created));
    }
    if exports.has(ExportFormat::Moses) {
        let mut files: Vec<(String, Vec<u8>)> = langs.iter().map(|l| (format!("corpus.{l}"), Vec::new())).collect();
        let complete = docs.iter().filter(|d| d.review.languages.iter().map(|l| &l.lang).eq(langs.iter()));
        for d in complete {
            for ((_, all), (_, one)) in files.iter_mut().zip(moses_files(d.review, &d.rows, exports)) {
                all.extend(one);
            }
        }
        for (name, bytes) in files {
            out.add(name, bytes);
        }
    }
    Ok(out)
}

/// The tables of several documents one under the other, under `columns`
/// (the batch's) with a `document` column first; a column a document's
/// table lacks (a language it leaves out) is empty in its rows.
fn stacked((header, columns): (Vec<String>, Vec<Column>), tables: Vec<(&str, Table)>) -> Table {
    let header: Vec<String> = std::iter::once("document".to_string()).chain(header).collect();
    let columns = std::iter::once(Column::Document).chain(columns).collect();
    let mut rows = Vec::new();
    for (id, table) in tables {
        let place: Vec<Option<usize>> = header.iter().map(|h| table.header.iter().position(|t| t == h)).collect();
        for row in table.rows {
            let cells = place
                .iter()
                .enumerate()
                .map(|(c, p)| match p {
                    _ if c == 0 => id.to_string(),
                    Some(p) => row.cells[*p].clone(),
                    None => String::new(),
                })
                .collect();
            rows.push(TableRow { cells, score: row.score, status: row.status });
        }
    }
    Table { header, columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::CsvKind;
    use crate::review::testing::review;

    fn langs(codes: &[&str]) -> Vec<Lang> {
        codes.iter().map(|c| Lang::new(c).unwrap()).collect()
    }

    #[test]
    fn documents_without_a_language_fit_under_the_batch_columns() {
        let full = review(&[&[(1, 1), (2, 1)], &[(1, 1), (2, 2)]]);
        let mut one = review(&[&[(1, 1)]]);
        // The testing review's second language is ru: make this one en-zh.
        one.languages[1].lang = Lang::new("zh").unwrap();
        let all = ExportOptions::new(&ExportFormat::ALL, CsvKind::Machine, None).unwrap();
        let out =
            corpus_outputs(&[("b", &one), ("a", &full)], &langs(&["en", "ru", "zh"]), &all, "2026-12-02T10:00:00Z")
                .unwrap();
        let files: std::collections::BTreeMap<String, Vec<u8>> = out.into_files().unwrap().into_iter().collect();
        let text = |name: &str| String::from_utf8(files[name].clone()).unwrap();
        let joined = text("en-ru-zh.csv");
        let mut lines = joined.lines();
        assert_eq!(
            lines.next().unwrap(),
            "document,row,en_ids,ru_ids,zh_ids,en,ru,zh,ru_score,zh_score,status,flags,queue"
        );
        assert!(lines.next().unwrap().starts_with("b,0,0,,0,"), "{joined}");
        assert_eq!(text("en-ru.csv").lines().filter(|l| l.starts_with("b,")).count(), 0);
        assert_eq!(text("en-zh.csv").lines().filter(|l| l.starts_with("b,")).count(), 1);
        assert!(text("en-zh.jsonl").starts_with("{\"document\":\"b\",\"bead\":0,"));
        assert!(text("en-ru-zh.tmx").contains("<tu tuid=\"a:0\">\n      <prop type=\"x-document\">a</prop>"));
        // Only the document in all three languages goes into the line-aligned files.
        assert_eq!(text("corpus.en").lines().count(), text("corpus.zh").lines().count());
        assert_eq!(text("corpus.en").lines().count(), 2);
        assert!(files.contains_key("en-ru-zh.xlsx") && files.contains_key("en-ru-zh.tsv"));
    }
}
