//! Evaluation: gold alignments, the strict/lax metric, and how well the
//! scores of an alignment predict which of its beads are right.
//!
//! The pieces, in the order an evaluation uses them:
//!
//! - [`read_set`] lists the documents of an evaluation set: a folder named
//!   `<name>-<src>-<tgt>` holding `NNN.<src>`, `NNN.<tgt>` and `NNN.gold`.
//! - [`crate::formats::read_links`] reads a gold file or a predicted
//!   `.align` file into [`Link`](crate::formats::Link)s (the format lives with the others in
//!   [`crate::formats`]).
//! - [`score`] computes strict and lax precision, recall and F1, exactly as
//!   the Bleualign evaluation (and Vecalign, Bertalign, and the project's
//!   reference `score.py`) define them.
//! - [`calibration`] measures whether the per-bead scores mean what they say.
//! - [`perturb_flores`] and [`write_set`] derive an evaluation set with n-m,
//!   1-0 and 0-1 beads from a sentence-parallel corpus (FLORES), whose gold
//!   is 1-1 by construction.
//! - [`long_document`] makes a document pair of any length for benchmarks
//!   from perturbed copies of such a corpus ([`read_flores`], or
//!   [`generated`] text where there is none).
//!
//! All functions that take several documents take them as `(gold,
//! prediction)` pairs and micro-average: counts are summed over the
//! documents, then divided.
//!
//! ```
//! use trialign::eval::score;
//! use trialign::formats::parse_links;
//!
//! let gold = parse_links("[0]:[0]\n[1,2]:[1]\n")?;
//! let predicted = parse_links("[0]:[0]:0.9900\n[1]:[1]:0.6100\n[2]:[]:0.2000\n")?;
//! let scores = score(&[(&gold, &predicted)]);
//! // One of three predicted beads is in the gold; [1]:[1] overlaps [1,2]:[1].
//! assert_eq!(scores.precision_counts.strict, 1);
//! assert_eq!(scores.precision_counts.lax, 2);
//! assert_eq!(format!("{:.4}", scores.recall_strict), "0.5000");
//! # Ok::<(), trialign::formats::LinksError>(())
//! ```

use std::path::PathBuf;

mod calibration;
mod metric;
mod perturb;
mod sets;
mod splitmix;
mod synthetic;

pub use calibration::{calibration, Calibration};
pub use metric::{four_decimals, score, Counts, Scores};
pub use perturb::{perturb_flores, read_flores, ParallelCorpus, PerturbedDoc, Rates};
pub use sets::{read_set, write_set, SetDoc};
pub use synthetic::{generated, long_document, running_text, LongDocument};

/// Why evaluation data could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: cannot read or write")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Links(#[from] crate::formats::LinksError),
    #[error("{path}: no such folder")]
    NoSet { path: PathBuf },
    #[error("{path}: an evaluation set folder is named <name>-<src>-<tgt>, e.g. mac-dev-zh-en")]
    BadSetName { path: PathBuf },
    #[error("{path}: no documents (files NNN.{src}, NNN.{tgt} and NNN.gold)")]
    NoDocuments { path: PathBuf, src: String, tgt: String },
    #[error("{path}: missing (every document of a set needs its two texts and its .gold)")]
    MissingFile { path: PathBuf },
    /// No vocabulary to generate text in this language.
    #[error("{lang}: no generated text in this language (only in {langs}); give a FLORES folder with all.{lang}")]
    NoGeneratedText { lang: String, langs: String },
    /// Two files of a line-parallel corpus differ in length.
    #[error("{path}: {found} lines, but {reference} has {expected}")]
    LineCount { path: PathBuf, found: usize, reference: PathBuf, expected: usize },
}

impl EvalError {
    /// The error-making closure for `map_err` on I/O results about `path`.
    fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> EvalError + '_ {
        move |source| EvalError::Io { path: path.to_path_buf(), source }
    }
}
