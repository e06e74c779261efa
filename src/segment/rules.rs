//! Sentence boundary rules (to be written).
use std::ops::Range;
use crate::lang::Lang;

/// Returns the byte ranges of the sentences of `text` (trimmed, in order)
/// with the 0-based paragraph index of each.
pub(super) fn split(text: &str, _lang: &Lang) -> Vec<(Range<usize>, usize)> {
    let _ = text;
    unimplemented!("segment::rules::split")
}
