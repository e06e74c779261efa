//! The review of a run: what a person checked and changed.
//!
//! - [`carry`]: reviewed beads carried over to re-segmented, edited texts.

pub mod carry;
