//! trialign aligns the sentences of a document with those of its
//! translations and scores every aligned pair with the probability that it
//! is right.
//!
//! The library is organised by pipeline stage, one module each:
//!
//! | stage | module | does |
//! |---|---|---|
//! | input | [`input`] | read, decode, normalised comparison keys |
//! | segment | [`segment`] | sentences per language, rules as data files |
//! | evidence | [`evidence`] | lengths, anchors, words, lexicons: what makes two spans translations |
//! | align | [`align`] | banded search over beads (also through fixed beads), posteriors, confidences |
//! | join | [`join`] | three languages through the pivot |
//! | review | [`review`] | statuses, flags, rows, edits, undo, the review queue, carrying reviewed beads over |
//! | formats | [`formats`] | every file format, reader beside writer (`.align`, CSV, summary, `review.json`, journal, HTML report); atomic writes |
//! | eval | [`eval`] | strict/lax P/R/F1, calibration, the review queue's figure |
//!
//! [`pipeline`] runs the stages in order for the commands (a run, an
//! evaluation set); [`weights`] reads the files of fitted weights the
//! models ship with.

pub mod align;
mod cache;
pub mod eval;
pub mod evidence;
pub mod formats;
pub mod input;
pub mod join;
pub mod lang;
pub mod pipeline;
pub mod review;
pub mod segment;
pub mod weights;
