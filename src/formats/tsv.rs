//! The rows' table as tab-separated text (`P-X-Y.tsv`, `P-X.tsv` with one
//! pair): the columns of the rows' CSV, a header line, one row a line (LF),
//! no quoting. Cells hold no line breaks (a side's sentences are one line
//! already, [`super::side_text`]); a tab inside a sentence is written as a
//! space, the one change TSV forces on a text.

use super::{ExportOptions, Table};

/// The bytes of `table` as TSV, rows whose lowest score is under
/// `options.min_score` left out.
pub fn tsv_file(table: &Table, options: &ExportOptions) -> Vec<u8> {
    let mut out = String::new();
    let kept = table.rows.iter().filter(|r| options.keeps(r.score)).map(|r| &r.cells);
    for cells in std::iter::once(&table.header).chain(kept) {
        for (n, cell) in cells.iter().enumerate() {
            if n > 0 {
                out.push('\t');
            }
            out.push_str(&cell.replace('\t', " "));
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// The header and rows of a TSV file as [`tsv_file`] writes it (a line a
/// row, cells split at tabs).
pub fn read_tsv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = text.lines().map(|l| l.split('\t').map(str::to_string).collect::<Vec<_>>());
    let header = lines.next().unwrap_or_default();
    (header, lines.collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{join_table, CsvKind, ExportFormat};
    use crate::review::testing::review;

    proptest::proptest! {
        /// Whatever the sentences hold, the TSV reads back as the table (tabs
        /// as spaces).
        #[test]
        fn any_review_reads_back(
            r in crate::formats::testing::arb_review_with_texts(),
        ) {
            let rows = r.rows();
            let table = join_table(&r, &rows, &vec![None; rows.len()]);
            let (header, lines) = read_tsv(std::str::from_utf8(&tsv_file(&table, &ExportOptions::default())).unwrap());
            proptest::prop_assert_eq!(header, table.header);
            let cells: Vec<Vec<String>> =
                table.rows.iter().map(|r| r.cells.iter().map(|c| c.replace('\t', " ")).collect()).collect();
            proptest::prop_assert_eq!(lines, cells);
        }
    }

    #[test]
    fn rows_below_the_threshold_are_left_out_and_tabs_become_spaces() {
        let mut r = review(&[&[(1, 1), (1, 1), (2, 1)]]);
        r.languages[0].sentences[1] = "Tab\there.".into();
        r.pairs[0].alignment.marks_mut()[2].score = 0.2;
        let rows = r.rows();
        let table = join_table(&r, &rows, &vec![None; rows.len()]);
        let all = ExportOptions::default();
        let (header, lines) = read_tsv(std::str::from_utf8(&tsv_file(&table, &all)).unwrap());
        assert_eq!(header, table.header);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1][3], "Tab here.");
        let cut = ExportOptions::new(&[ExportFormat::Tsv], CsvKind::Machine, Some(0.5)).unwrap();
        let (_, lines) = read_tsv(std::str::from_utf8(&tsv_file(&table, &cut)).unwrap());
        assert_eq!(lines.iter().map(|l| l[0].as_str()).collect::<Vec<_>>(), ["0", "1"]);
    }
}
