//! The xlsx workbook (`P-X-Y.xlsx`, `P-X.xlsx` with one pair), for
//! translators who work in a spreadsheet: a sheet per pair (its beads, the
//! columns of `P-X.csv`) and, with two pairs or more, a sheet of the rows
//! (those of `P-X-Y.csv`). Each sheet has its header frozen and an
//! autofilter, columns sized for what they hold with the texts wrapped, each
//! row coloured by the band of its lowest score (the report's colours), and
//! the status of rows a person confirmed or edited marked in dark green.
//! Ids, types, statuses and flags are text cells, scores and ranks numbers;
//! a text is always a text cell, never a formula.

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::band::{band, BACKGROUNDS};
use super::{Column, Table};

/// The most characters a spreadsheet cell holds; a longer text is cut there
/// (the CSV has it whole).
const MAX_CELL: usize = 32_767;

/// A workbook that could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the xlsx workbook could not be made: {0}")]
pub struct XlsxExportError(#[from] XlsxError);

/// The bytes of a workbook with a sheet per `(name, table)`; `created`
/// (RFC 3339) is its creation date.
pub fn xlsx_file(sheets: &[(String, Table)], created: &str) -> Result<Vec<u8>, XlsxExportError> {
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new().set_title("trialign alignment");
    if let Ok(date) = ExcelDateTime::parse_from_str(created) {
        properties = properties.set_creation_datetime(&date);
    }
    workbook.set_properties(&properties);
    for (name, table) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_sheet(sheet, table)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn write_sheet(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_background_color(Color::RGB(0xeceff1)).set_align(FormatAlign::Top);
    for (c, name) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), name, &header)?;
    }
    for (c, column) in table.columns.iter().enumerate() {
        sheet.set_column_width(col(c), width(*column))?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let at = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        let fill = row.score.map(|s| Color::RGB(BACKGROUNDS[band(s)]));
        for (c, (cell, column)) in row.cells.iter().zip(&table.columns).enumerate() {
            let mut format = Format::new().set_align(FormatAlign::Top);
            if let Some(fill) = fill {
                format = format.set_background_color(fill);
            }
            match column {
                Column::Text => format = format.set_text_wrap(),
                Column::Score => format = format.set_num_format("0.0000"),
                Column::Status if row.status.is_reviewed() => {
                    format = format.set_bold().set_font_color(Color::White).set_background_color(Color::RGB(0x2e7d32))
                }
                _ => {}
            }
            let number = matches!(column, Column::Number | Column::Score | Column::Queue);
            match cell.parse::<f64>() {
                Ok(x) if number => sheet.write_number_with_format(at, col(c), x, &format)?,
                _ if cell.is_empty() => sheet.write_blank(at, col(c), &format)?,
                _ => sheet.write_string_with_format(at, col(c), cut(cell), &format)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = col(table.header.len().saturating_sub(1));
    let last_row = u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// Column `c` as the writer counts them (a table has a dozen at most).
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Widths in characters: the texts wide enough to read, the rest narrow.
fn width(column: Column) -> f64 {
    match column {
        Column::Number | Column::Kind | Column::Queue => 7.0,
        Column::Ids => 9.0,
        Column::Document => 14.0,
        Column::Score => 9.0,
        Column::Text => 60.0,
        Column::Status => 11.0,
        Column::Flags => 18.0,
    }
}

/// `text`, or its first [`MAX_CELL`] characters (the last an ellipsis).
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_CELL - 1) {
        Some((at, _)) if text.chars().count() > MAX_CELL => format!("{}…", &text[..at]).into(),
        _ => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{pair_table, Table};
    use crate::review::testing::review;
    use calamine::{Data, Reader};

    #[test]
    fn texts_are_text_cells_never_formulas_and_numbers_are_numbers() {
        let mut r = review(&[&[(1, 1), (1, 1)]]);
        r.languages[0].sentences[0] = "=SUM(A1:A2)".into();
        r.languages[1].sentences[1] = "+7 495".into();
        let rows = r.rows();
        let table: Table = pair_table(&r, 0, &rows, &[Some(1), None]);
        let bytes = xlsx_file(&[("en-ru".into(), table)], "2026-12-02T10:00:00Z").unwrap();
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("en-ru").unwrap();
        assert_eq!(range.get_value((1, 5)), Some(&Data::String("=SUM(A1:A2)".into())));
        assert_eq!(range.get_value((2, 6)), Some(&Data::String("+7 495".into())));
        assert_eq!(range.get_value((1, 4)), Some(&Data::Float(0.8)));
        assert_eq!(range.get_value((1, 9)), Some(&Data::Float(1.0)), "the queue rank");
        assert_eq!(range.get_value((2, 9)), Some(&Data::Empty));
        assert_eq!(range.get_value((1, 1)), Some(&Data::String("0".into())), "ids are text");
        let formulas = book.worksheet_formula("en-ru").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula");
    }

    #[test]
    fn a_cell_too_long_is_cut_at_the_limit() {
        let long = "я".repeat(MAX_CELL + 5);
        let cut = cut(&long);
        assert_eq!(cut.chars().count(), MAX_CELL);
        assert!(cut.ends_with("я…"));
        let fits = "я".repeat(MAX_CELL);
        assert_eq!(super::cut(&fits), fits.as_str());
    }
}
