//! The text formats of a run: sentence lists, `.align` files, and the
//! tables (a pair's beads, the rows) that the CSV, TSV and xlsx exports
//! write.
//!
//! Every table is made from a [`Review`], so that `align` and `export`
//! write the same bytes for the same beads and statuses.

use super::{format_link, Link};
use crate::align::Bead;
use crate::input::one_line;
use crate::lang::Lang;
use crate::review::{Review, RowView, Status};

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

/// A table of a run as its files show it: the beads of a pair, or the rows
/// of the review (the joined table).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    /// What each column holds, for writers that type their cells (xlsx).
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

/// One line of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// One cell a column, as the CSV writes it.
    pub cells: Vec<String>,
    /// The lowest score of the row (`None` without one): what its band and
    /// `--min-score` go by.
    pub score: Option<f64>,
    pub status: Status,
}

/// What a column of a [`Table`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The id of the document (a batch's combined tables).
    Document,
    /// The bead's or row's number.
    Number,
    /// Sentence ids, space-separated.
    Ids,
    /// The bead's shape, `1-2`.
    Kind,
    Score,
    /// A side's sentences.
    Text,
    Status,
    Flags,
    /// The rank in the review queue (empty when reviewed).
    Queue,
}

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvKind {
    /// RFC 4180, UTF-8 without a BOM, CRLF, every cell exactly as the
    /// texts are: for programs.
    #[default]
    Machine,
    /// For spreadsheets (`--excel`): a UTF-8 BOM (Excel takes files without
    /// one for the locale's code page), this delimiter (`;` where the comma
    /// is the decimal separator), and cells a spreadsheet would run as a
    /// formula neutralised ([`neutralised`]).
    Excel { delimiter: u8 },
}

/// The bytes of `table` as a CSV file of `kind`.
pub fn csv_file(table: &Table, kind: CsvKind) -> Vec<u8> {
    let (delimiter, bom) = match kind {
        CsvKind::Machine => (b',', false),
        CsvKind::Excel { delimiter } => (delimiter, true),
    };
    let mut out = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(&mut out);
    let records = std::iter::once(&table.header).chain(table.rows.iter().map(|r| &r.cells));
    for record in records {
        match kind {
            CsvKind::Machine => w.write_record(record),
            CsvKind::Excel { .. } => w.write_record(record.iter().map(|c| neutralised(c).into_owned())),
        }
        .expect("writing to memory cannot fail");
    }
    w.flush().expect("writing to memory cannot fail");
    drop(w);
    out
}

/// A cell a spreadsheet would take for a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a CR: `=SUM(A1:A2)`, `+7 495 …`) with an apostrophe
/// before it, which spreadsheets read as "text follows"; other cells as they
/// are.
pub fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A row's place in the review queue, 1 first; empty for a row not in the
/// queue (reviewed already).
fn rank_cell(ranks: &[Option<usize>], row: usize) -> String {
    ranks[row].map(|r| r.to_string()).unwrap_or_default()
}

/// The beads of pair `k` (`P-X.csv`): `bead,P_ids,X_ids,type,score,P,X,status,flags,queue`,
/// one row per bead; `queue` is the rank in the review queue of the row
/// that holds the bead (`ranks[row]`, see [`crate::review::queue`]).
pub fn pair_table(review: &Review, k: usize, rows: &[RowView], ranks: &[Option<usize>]) -> Table {
    let (pivot, other) = (review.pivot(), review.other(k));
    let (header, columns) = pair_header(&pivot.lang, &other.lang);
    let mut table = Table { header, columns, rows: Vec::with_capacity(review.pairs[k].alignment.marks().len()) };
    let beads = review.pairs[k].alignment.beads();
    for (n, ((b, mark), row)) in beads.zip(bead_rows(review, k, rows)).enumerate() {
        let cells = vec![
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
        ];
        table.rows.push(TableRow { cells, score: Some(mark.score), status: mark.status });
    }
    table
}

/// The columns of [`pair_table`] for the pivot `p` and the language `x`.
pub(super) fn pair_header(p: &Lang, x: &Lang) -> (Vec<String>, Vec<Column>) {
    use Column::*;
    let (p, x) = (p.code(), x.code());
    let header = ["bead", &format!("{p}_ids"), &format!("{x}_ids"), "type", "score", p, x, "status", "flags", "queue"];
    (header.map(String::from).into(), vec![Number, Ids, Ids, Kind, Score, Text, Text, Status, Flags, Queue])
}

/// The row that holds each bead of pair `k`, in bead order.
pub(super) fn bead_rows(review: &Review, k: usize, rows: &[RowView]) -> Vec<usize> {
    let mut row = 0;
    let beads = review.pairs[k].alignment.beads();
    beads
        .map(|(b, _)| {
            // Rows and beads both follow the documents' order: the bead's row is
            // the next one, from the last bead's, that holds one of its sentences.
            let holds = |r: &RowView| {
                (!b.src.is_empty() && r.pivot.contains(&b.src.start))
                    || (!b.tgt.is_empty() && r.others[k].contains(&b.tgt.start))
            };
            while !holds(&rows[row]) {
                row += 1;
            }
            row
        })
        .collect()
}

/// The rows of the review (`P-X-Y.csv`):
/// `row,P_ids,X_ids,Y_ids,P,X,Y,X_score,Y_score,status,flags,queue`; a
/// score cell is empty where that language has no bead in the row.
pub fn join_table(review: &Review, rows: &[RowView], ranks: &[Option<usize>]) -> Table {
    let pivot = review.pivot();
    let others: Vec<_> = (0..review.pairs.len()).map(|k| review.other(k)).collect();
    let langs: Vec<&Lang> = std::iter::once(&pivot.lang).chain(others.iter().map(|o| &o.lang)).collect();
    let (header, columns) = join_header(&langs);
    let mut table = Table { header, columns, rows: Vec::with_capacity(rows.len()) };
    for row in rows {
        let mut cells = vec![row.index.to_string(), ids(row.pivot.clone())];
        cells.extend(row.others.iter().map(|r| ids(r.clone())));
        cells.push(side_text(&pivot.lang, &pivot.sentences[row.pivot.clone()]));
        cells.extend(others.iter().zip(&row.others).map(|(o, r)| side_text(&o.lang, &o.sentences[r.clone()])));
        cells.extend(row.scores.iter().map(|s| s.map(|s| format!("{s:.4}")).unwrap_or_default()));
        cells.extend([row.status.to_string(), row.flags.to_string(), rank_cell(ranks, row.index)]);
        table.rows.push(TableRow { cells, score: lowest_score(row), status: row.status });
    }
    table
}

/// The columns of [`join_table`] for the languages `langs`, the pivot first.
pub(super) fn join_header(langs: &[&Lang]) -> (Vec<String>, Vec<Column>) {
    let (pivot, others) = langs.split_first().expect("a pivot");
    let n = others.len();
    let mut header = vec!["row".to_string(), format!("{pivot}_ids")];
    header.extend(others.iter().map(|o| format!("{o}_ids")));
    header.push(pivot.to_string());
    header.extend(others.iter().map(|o| o.to_string()));
    header.extend(others.iter().map(|o| format!("{o}_score")));
    header.extend(["status", "flags", "queue"].map(String::from));
    let mut columns = vec![Column::Number];
    columns.extend([[Column::Ids].repeat(n + 1), [Column::Text].repeat(n + 1), [Column::Score].repeat(n)].concat());
    columns.extend([Column::Status, Column::Flags, Column::Queue]);
    (header, columns)
}

/// The lowest score of a row, the one that decides whether it needs a look
/// (`None` for a row without scores).
pub fn lowest_score(row: &RowView) -> Option<f64> {
    row.scores.iter().flatten().copied().reduce(f64::min)
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
        let table = pair_table(&review, 0, &review.rows(), &[None, Some(1)]);
        let text = String::from_utf8(csv_file(&table, CsvKind::Machine)).unwrap();
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
    fn the_excel_profile_has_a_bom_the_delimiter_and_no_formulas() {
        let en = language("en", &["=SUM(A1:A2)", "+7 495 123-45-67", "-5 %", "@home", "\tTab", "Plain; text."]);
        let ru = language("ru", &["=1", "+7", "−5 %", "@", "Таб", "Просто; текст."]);
        let beads = (0..6).map(|i| Bead::new(i..i + 1, i..i + 1)).collect();
        let mark = BeadMark { score: 0.9, status: Status::Auto, risk: None, flags: Flags::new() };
        let a = ReviewedAlignment::new(Alignment::new(beads, 6, 6).unwrap(), vec![mark; 6]).unwrap();
        let pair = PairReview { other: 1, run: PairRun::default(), alignment: a };
        let review = Review::new(vec![en, ru], vec![pair], 0.5, 0.0, vec![]).unwrap();
        let table = pair_table(&review, 0, &review.rows(), &[None; 6]);
        let machine = String::from_utf8(csv_file(&table, CsvKind::Machine)).unwrap();
        assert!(machine.contains("\r\n0,0,0,1-1,0.9000,=SUM(A1:A2),=1,auto,,\r\n"), "{machine}");
        let excel = csv_file(&table, CsvKind::Excel { delimiter: b';' });
        let text = std::str::from_utf8(excel.strip_prefix("\u{feff}".as_bytes()).expect("a BOM")).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "bead;en_ids;ru_ids;type;score;en;ru;status;flags;queue");
        assert_eq!(lines[1], "0;0;0;1-1;0.9000;'=SUM(A1:A2);'=1;auto;;");
        assert_eq!(lines[2], "1;1;1;1-1;0.9000;'+7 495 123-45-67;'+7;auto;;");
        // A minus sign (U+2212) is no formula; a hyphen-minus is.
        assert_eq!(lines[3], "2;2;2;1-1;0.9000;'-5 %;−5 %;auto;;");
        assert_eq!(lines[4], "3;3;3;1-1;0.9000;'@home;'@;auto;;");
        assert_eq!(lines[5], "4;4;4;1-1;0.9000;'\tTab;Таб;auto;;");
        assert_eq!(lines[6], "5;5;5;1-1;0.9000;\"Plain; text.\";\"Просто; текст.\";auto;;");
        assert_eq!(lines[7], "");
    }

    /// The records of a CSV file as an RFC 4180 reader (the `csv` crate)
    /// reads them.
    fn read_csv(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).delimiter(delimiter).from_reader(bytes);
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
    }

    proptest::proptest! {
        /// trialign reads no CSV back (the review file is what it reads);
        /// whatever the sentences hold, an RFC 4180 reader gets every cell of
        /// the machine CSV exactly, and of the Excel one neutralised.
        #[test]
        fn any_review_reads_back_from_csv(
            r in crate::formats::testing::arb_review_with_texts(),
            delimiter in proptest::sample::select(vec![b';', b',', b'\t']),
        ) {
            let rows = r.rows();
            let ranks = vec![None; rows.len()];
            let tables =
                (0..r.pairs.len()).map(|k| pair_table(&r, k, &rows, &ranks)).chain([join_table(&r, &rows, &ranks)]);
            for table in tables {
                let cells: Vec<Vec<String>> =
                    std::iter::once(table.header.clone()).chain(table.rows.iter().map(|r| r.cells.clone())).collect();
                proptest::prop_assert_eq!(read_csv(&csv_file(&table, CsvKind::Machine), b','), cells.clone());
                let excel = csv_file(&table, CsvKind::Excel { delimiter });
                let excel = excel.strip_prefix("\u{feff}".as_bytes()).expect("a BOM");
                let neutral: Vec<Vec<String>> =
                    cells.iter().map(|r| r.iter().map(|c| neutralised(c).into_owned()).collect()).collect();
                proptest::prop_assert_eq!(read_csv(excel, delimiter), neutral);
            }
        }
    }

    #[test]
    fn sentences_file_keeps_one_sentence_per_line() {
        let s = ["A wrapped\r\nline.".to_string(), "B.".to_string()];
        assert_eq!(sentences_file(&s), b"A wrapped line.\nB.\n");
    }
}
