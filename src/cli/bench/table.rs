//! The benchmark's report: a few lines about the machine and the run, then
//! its tables, as aligned plain text for the terminal, Markdown for a README
//! or CSV for a spreadsheet.

use unicode_width::UnicodeWidthStr;

/// What the benchmark found.
pub(super) struct Report {
    /// Lines about the machine, the command and the documents.
    pub about: Vec<String>,
    pub tables: Vec<Table>,
}

pub(super) struct Table {
    pub title: String,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub(super) fn new(title: impl Into<String>, header: Vec<&'static str>) -> Table {
        Table { title: title.into(), header, rows: Vec::new() }
    }

    /// Columns of figures are right-aligned: those whose cells all start
    /// with a digit (or are `—`, nothing measured, or `>`, a timeout).
    fn figures(&self) -> Vec<bool> {
        (0..self.header.len())
            .map(|c| {
                !self.rows.is_empty()
                    && self.rows.iter().all(|r| r[c].starts_with(|x: char| x.is_ascii_digit() || x == '—' || x == '>'))
            })
            .collect()
    }
}

impl Report {
    /// Aligned columns, two spaces apart.
    pub(super) fn plain(&self) -> String {
        let mut out = self.about.join("\n") + "\n";
        for table in &self.tables {
            out += &format!("\n{}\n", table.title);
            let mut widths: Vec<usize> = table.header.iter().map(|h| h.width()).collect();
            for row in &table.rows {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.width());
                }
            }
            let figures = table.figures();
            let header: Vec<String> = table.header.iter().map(|h| h.to_string()).collect();
            for row in std::iter::once(&header).chain(&table.rows) {
                let cells: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .zip(&figures)
                    .map(|((cell, &w), &right)| {
                        let pad = " ".repeat(w - cell.width());
                        if right {
                            pad + cell
                        } else {
                            cell.clone() + &pad
                        }
                    })
                    .collect();
                out += cells.join("  ").trim_end();
                out += "\n";
            }
        }
        out
    }

    /// The lines about the run as a list, each table under a heading.
    pub(super) fn markdown(&self) -> String {
        let mut out: String = self.about.iter().map(|l| format!("- {l}\n")).collect();
        for table in &self.tables {
            out += &format!("\n#### {}\n\n| {} |\n", table.title, table.header.join(" | "));
            let rule: Vec<&str> = table.figures().iter().map(|&right| if right { "---:" } else { "---" }).collect();
            out += &format!("|{}|\n", rule.join("|"));
            for row in &table.rows {
                out += &format!("| {} |\n", row.join(" | "));
            }
        }
        out
    }

    /// One block a table: its title alone on a line, its header, its rows,
    /// a blank line; the lines about the run first, as a block of their own.
    pub(super) fn csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        let mut write = |record: &[&str]| writer.write_record(record).expect("writing to memory");
        for line in &self.about {
            write(&[line]);
        }
        for table in &self.tables {
            write(&[""]);
            write(&[&table.title]);
            write(&table.header);
            for row in &table.rows {
                write(&row.iter().map(String::as_str).collect::<Vec<_>>());
            }
        }
        String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let mut table = Table::new("Alignment", vec!["pair", "seconds", "note"]);
        table.rows.push(vec!["en-ru".into(), "12.5".into(), "".into()]);
        table.rows.push(vec!["en–zh".into(), "> 600".into(), "timed out".into()]);
        Report { about: vec!["machine: AMD EPYC, 2 cores".into()], tables: vec![table] }
    }

    #[test]
    fn plain_text_aligns_columns_and_right_aligns_figures() {
        assert_eq!(
            report().plain(),
            "machine: AMD EPYC, 2 cores\n\nAlignment\npair   seconds  note\nen-ru     12.5\nen–zh    > 600  timed out\n"
        );
    }

    #[test]
    fn markdown_has_a_heading_and_a_table() {
        let md = report().markdown();
        assert!(md.starts_with(
            "- machine: AMD EPYC, 2 cores\n\n#### Alignment\n\n| pair | seconds | note |\n|---|---:|---|\n"
        ));
        assert!(md.ends_with("| en–zh | > 600 | timed out |\n"), "{md}");
    }

    #[test]
    fn csv_has_a_block_per_table() {
        let csv = report().csv();
        assert_eq!(
            csv,
            "\"machine: AMD EPYC, 2 cores\"\n\"\"\nAlignment\npair,seconds,note\nen-ru,12.5,\nen–zh,> 600,timed out\n"
        );
    }
}
