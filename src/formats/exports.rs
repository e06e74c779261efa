//! Which exports a run folder holds (`--export`, `--excel`, `--delimiter`,
//! `--min-score`): chosen when it is aligned or exported, kept in its
//! `review.json`, so that `export` and a save in `review` write them again.

use std::fmt;
use std::str::FromStr;

use super::CsvKind;

/// One export of `--export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExportFormat {
    /// The bead table of each pair and the rows' table (with two pairs or
    /// more), as CSV.
    Csv,
    /// The rows' table as tab-separated text.
    Tsv,
    /// A workbook: a sheet per pair and one of the rows.
    Xlsx,
    /// A translation memory (TMX 1.4b), a unit per row.
    Tmx,
    /// Line-aligned `corpus.LANG` files for MT training.
    Moses,
    /// A pair's beads as JSON lines.
    Jsonl,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [Self::Csv, Self::Tsv, Self::Xlsx, Self::Tmx, Self::Moses, Self::Jsonl];

    pub fn name(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Xlsx => "xlsx",
            Self::Tmx => "tmx",
            Self::Moses => "moses",
            Self::Jsonl => "jsonl",
        }
    }

    /// Whether `--min-score` leaves rows out of it: the corpus exports, never
    /// the tables a person reviews from.
    pub fn is_corpus(self) -> bool {
        matches!(self, Self::Tsv | Self::Tmx | Self::Moses)
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is no export.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an export (csv, tsv, xlsx, tmx, moses, jsonl)")]
pub struct UnknownExport(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownExport;

    fn from_str(s: &str) -> Result<Self, UnknownExport> {
        Self::ALL.into_iter().find(|f| f.name() == s).ok_or_else(|| UnknownExport(s.to_string()))
    }
}

/// The exports of a run folder. The default, the machine CSV alone, is what
/// trialign wrote before there was a choice.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOptions {
    /// In [`ExportFormat::ALL`]'s order, each once, never empty.
    formats: Vec<ExportFormat>,
    pub csv: CsvKind,
    /// Rows scored below this are left out of the corpus exports.
    pub min_score: Option<f64>,
}

/// Export options that do not go together.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportOptionsError {
    #[error("no export named; name one or more of csv, tsv, xlsx, tmx, moses, jsonl")]
    NoFormat,
    #[error("--min-score {0}: a score threshold is between 0 and 1")]
    MinScore(f64),
    #[error("--delimiter {0:?}: a CSV delimiter is one ASCII punctuation character other than '\"', e.g. ';'")]
    Delimiter(String),
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { formats: vec![ExportFormat::Csv], csv: CsvKind::Machine, min_score: None }
    }
}

impl ExportOptions {
    /// `formats` (in any order, repeats allowed) with the CSV written as
    /// `csv` and the corpus exports cut at `min_score`.
    pub fn new(
        formats: &[ExportFormat],
        csv: CsvKind,
        min_score: Option<f64>,
    ) -> Result<ExportOptions, ExportOptionsError> {
        if formats.is_empty() {
            return Err(ExportOptionsError::NoFormat);
        }
        if let Some(x) = min_score.filter(|x| !(0.0..=1.0).contains(x)) {
            return Err(ExportOptionsError::MinScore(x));
        }
        if let CsvKind::Excel { delimiter } = csv {
            check_delimiter(delimiter)?;
        }
        let mut formats = formats.to_vec();
        formats.sort();
        formats.dedup();
        Ok(ExportOptions { formats, csv, min_score })
    }

    pub fn formats(&self) -> &[ExportFormat] {
        &self.formats
    }

    pub fn has(&self, format: ExportFormat) -> bool {
        self.formats.contains(&format)
    }

    /// How the CSV is written, as files name it: `machine` or `excel`.
    pub fn csv_name(&self) -> &'static str {
        match self.csv {
            CsvKind::Machine => "machine",
            CsvKind::Excel { .. } => "excel",
        }
    }

    /// The Excel CSV's delimiter, as files name it (`;`).
    pub fn delimiter(&self) -> Option<String> {
        match self.csv {
            CsvKind::Machine => None,
            CsvKind::Excel { delimiter } => Some(char::from(delimiter).to_string()),
        }
    }

    /// Whether a row whose lowest score is `score` goes into the corpus
    /// exports.
    pub fn keeps(&self, score: Option<f64>) -> bool {
        match (self.min_score, score) {
            (Some(min), Some(s)) => s >= min,
            _ => true,
        }
    }
}

/// The byte of a `--delimiter` argument: one ASCII punctuation character
/// (or a tab) that is not the quote.
pub fn parse_delimiter(text: &str) -> Result<u8, ExportOptionsError> {
    let bad = || ExportOptionsError::Delimiter(text.to_string());
    let byte = match text {
        "\\t" | "tab" => b'\t',
        _ if text.len() == 1 => text.as_bytes()[0],
        _ => return Err(bad()),
    };
    check_delimiter(byte).map_err(|_| bad())?;
    Ok(byte)
}

fn check_delimiter(byte: u8) -> Result<(), ExportOptionsError> {
    if byte == b'\t' || (byte.is_ascii_punctuation() && byte != b'"') {
        Ok(())
    } else {
        Err(ExportOptionsError::Delimiter((byte as char).to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_kept_in_one_order_once_each() {
        use ExportFormat::*;
        let o = ExportOptions::new(&[Tmx, Csv, Tmx, Jsonl], CsvKind::Machine, None).unwrap();
        assert_eq!(o.formats(), [Csv, Tmx, Jsonl]);
        assert_eq!(ExportOptions::new(&[], CsvKind::Machine, None), Err(ExportOptionsError::NoFormat));
        for f in ExportFormat::ALL {
            assert_eq!(f.name().parse::<ExportFormat>(), Ok(f));
        }
        assert!("xls".parse::<ExportFormat>().unwrap_err().to_string().contains("xlsx"));
    }

    #[test]
    fn thresholds_and_delimiters_are_checked() {
        let min = |x| ExportOptions::new(&[ExportFormat::Tmx], CsvKind::Machine, Some(x));
        assert!(min(0.0).is_ok() && min(1.0).is_ok());
        assert_eq!(min(1.5), Err(ExportOptionsError::MinScore(1.5)));
        assert!(min(f64::NAN).is_err());
        assert!(!min(0.5).unwrap().keeps(Some(0.4999)) && min(0.5).unwrap().keeps(Some(0.5)));
        assert!(min(0.5).unwrap().keeps(None));
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert_eq!(parse_delimiter("\\t"), Ok(b'\t'));
        for bad in ["\"", "a", ";;", "", " ", "é"] {
            assert!(parse_delimiter(bad).is_err(), "{bad:?}");
        }
    }
}
