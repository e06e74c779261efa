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
//! | evidence | [`evidence`] | length model, anchors: what makes two spans translations |
//! | align | [`align`] | banded search over beads, posterior scores |
//! | join | [`join`] | three languages through the pivot |
//! | formats | [`formats`] | `.align`, CSV, summary; atomic writes |
//! | eval | [`eval`] | gold files, strict/lax P/R/F1, calibration |
//!
//! [`pipeline`] runs the stages in order for one pair of documents;
//! [`weights`] reads the files of fitted weights the models ship with.

pub mod align;
pub mod eval;
pub mod evidence;
pub mod input;
pub mod join;
pub mod lang;
pub mod formats;
pub mod pipeline;
pub mod review;
pub mod segment;
pub mod weights;
