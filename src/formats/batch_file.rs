//! `batch.csv`, what `trialign batch` did with each document, written and
//! read (a re-run reads it to skip finished documents, `--merge` to combine
//! the parts):
//!
//! ```csv
//! id,status,error,en-ru_beads,en-ru_mean_score,en-zh_beads,en-zh_mean_score,fingerprint
//! letter,ok,,12,0.9312,,,5f1c…
//! memo,failed,memo.ru: cannot read …,,,,,5f1c…
//! ```
//!
//! A row per document, by id (byte order, so shards merge into the same
//! file); the pair columns empty where the document has no such pair or
//! failed. `fingerprint` is the SHA-256 of the inputs' contents and of the
//! settings that change results: a document is finished when its row is
//! `ok` with the fingerprint a re-run computes.

use std::path::{Path, PathBuf};

use crate::review::Review;

/// The name of the file in a batch's folder.
pub const BATCH_FILE: &str = "batch.csv";

/// What happened to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocStatus {
    Ok,
    Failed,
}

impl DocStatus {
    pub fn name(self) -> &'static str {
        match self {
            DocStatus::Ok => "ok",
            DocStatus::Failed => "failed",
        }
    }
}

/// One pair of a document: its beads and their mean score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairFigures {
    pub beads: usize,
    pub mean_score: f64,
}

/// One document's row.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    pub id: String,
    pub status: DocStatus,
    /// Why it failed (empty when it did not).
    pub error: String,
    /// One a pair of the batch ([`BatchTable::pairs`]), none where the
    /// document has no such pair or failed.
    pub pairs: Vec<Option<PairFigures>>,
    pub fingerprint: String,
}

impl BatchRow {
    /// The row of a document aligned into `review`; its pairs are placed
    /// among the batch's `pairs` (`en-ru`) by language.
    pub fn finished(id: &str, fingerprint: &str, review: &Review, pairs: &[String]) -> BatchRow {
        let pivot = review.pivot().lang.code();
        let figures = pairs
            .iter()
            .map(|name| {
                let k = (0..review.pairs.len()).find(|&k| format!("{pivot}-{}", review.other(k).lang) == *name)?;
                let marks = review.pairs[k].alignment.marks();
                let mean = marks.iter().map(|m| m.score).sum::<f64>() / marks.len().max(1) as f64;
                Some(PairFigures { beads: marks.len(), mean_score: (mean * 1e4).round() / 1e4 })
            })
            .collect();
        BatchRow {
            id: id.into(),
            status: DocStatus::Ok,
            error: String::new(),
            pairs: figures,
            fingerprint: fingerprint.into(),
        }
    }

    /// The row of a document that failed, and why.
    pub fn failed(id: &str, fingerprint: &str, error: &str, pairs: usize) -> BatchRow {
        BatchRow {
            id: id.into(),
            status: DocStatus::Failed,
            error: error.into(),
            pairs: vec![None; pairs],
            fingerprint: fingerprint.into(),
        }
    }
}

/// A whole `batch.csv`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BatchTable {
    /// The language pairs of the batch, `en-ru`, the pivot's first.
    pub pairs: Vec<String>,
    pub rows: Vec<BatchRow>,
}

/// A `batch.csv` that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum BatchFileError {
    #[error("{path}: cannot read")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a batch.csv of trialign: {reason}")]
    Bad { path: PathBuf, reason: String },
}

/// The bytes of `table` as `batch.csv`, rows by id.
pub fn batch_file(table: &BatchTable) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
    let mut header = vec!["id".to_string(), "status".into(), "error".into()];
    for pair in &table.pairs {
        header.extend([format!("{pair}_beads"), format!("{pair}_mean_score")]);
    }
    header.push("fingerprint".into());
    w.write_record(&header).expect("writing to memory cannot fail");
    let mut rows: Vec<&BatchRow> = table.rows.iter().collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    for row in rows {
        let mut cells = vec![row.id.clone(), row.status.name().into(), row.error.clone()];
        for figures in &row.pairs {
            match figures {
                Some(f) => cells.extend([f.beads.to_string(), format!("{:.4}", f.mean_score)]),
                None => cells.extend([String::new(), String::new()]),
            }
        }
        cells.push(row.fingerprint.clone());
        w.write_record(&cells).expect("writing to memory cannot fail");
    }
    w.flush().expect("writing to memory cannot fail");
    drop(w);
    out
}

/// Reads a `batch.csv` as [`batch_file`] writes it.
pub fn read_batch_file(path: &Path) -> Result<BatchTable, BatchFileError> {
    let bytes = std::fs::read(path).map_err(|source| BatchFileError::Io { path: path.to_owned(), source })?;
    parse_batch_file(&bytes).map_err(|reason| BatchFileError::Bad { path: path.to_owned(), reason })
}

fn parse_batch_file(bytes: &[u8]) -> Result<BatchTable, String> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().map_err(|e| e.to_string())?.iter().map(str::to_string).collect();
    let n = header.len();
    if n < 4 || header[..3] != ["id", "status", "error"] || header[n - 1] != "fingerprint" || (n - 4) % 2 != 0 {
        return Err(format!("its header is `{}`", header.join(",")));
    }
    let pairs: Vec<String> = header[3..n - 1]
        .chunks(2)
        .map(|c| match (c[0].strip_suffix("_beads"), c[1].strip_suffix("_mean_score")) {
            (Some(a), Some(b)) if a == b => Ok(a.to_string()),
            _ => Err(format!("columns `{}` and `{}` are no pair's", c[0], c[1])),
        })
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record.position().map_or(0, |p| p.line());
        let status = match &record[1] {
            "ok" => DocStatus::Ok,
            "failed" => DocStatus::Failed,
            other => return Err(format!("line {line}: status `{other}` (ok or failed)")),
        };
        let figures = (0..pairs.len())
            .map(|p| match (&record[3 + 2 * p], &record[4 + 2 * p]) {
                ("", "") => Ok(None),
                (beads, mean) => match (beads.parse(), mean.parse()) {
                    (Ok(beads), Ok(mean_score)) => Ok(Some(PairFigures { beads, mean_score })),
                    _ => Err(format!("line {line}: `{beads}` beads, mean score `{mean}`")),
                },
            })
            .collect::<Result<_, _>>()?;
        rows.push(BatchRow {
            id: record[0].to_string(),
            status,
            error: record[2].to_string(),
            pairs: figures,
            fingerprint: record[n - 1].to_string(),
        });
    }
    Ok(BatchTable { pairs, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_back_as_written_rows_by_id() {
        let table = BatchTable {
            pairs: vec!["en-ru".into(), "en-zh".into()],
            rows: vec![
                BatchRow::failed("b", "f2", "b.ru: cannot read, \"quoted\"\nline", 2),
                BatchRow {
                    id: "a".into(),
                    status: DocStatus::Ok,
                    error: String::new(),
                    pairs: vec![Some(PairFigures { beads: 12, mean_score: 0.9312 }), None],
                    fingerprint: "f1".into(),
                },
            ],
        };
        let bytes = batch_file(&table);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with(
            "id,status,error,en-ru_beads,en-ru_mean_score,en-zh_beads,en-zh_mean_score,fingerprint\r\na,ok,,12,0.9312,,,f1\r\n"
        ));
        let back = parse_batch_file(&bytes).unwrap();
        assert_eq!(back.pairs, table.pairs);
        assert_eq!(back.rows, [table.rows[1].clone(), table.rows[0].clone()]);
        assert!(parse_batch_file(b"id,en,ru\n").unwrap_err().contains("header"));
        assert!(parse_batch_file(b"id,status,error,fingerprint\nx,done,,f\n").unwrap_err().contains("status `done`"));
    }
}
