//! Helpers for the tests of alignments.

use super::Bead;

/// Beads laid end to end from shapes, (0, 0) read as 1-0; with the sentence
/// counts they cover.
pub(crate) fn tile(shapes: &[(usize, usize)]) -> (Vec<Bead>, usize, usize) {
    let (mut i, mut j) = (0, 0);
    let mut beads = Vec::new();
    for &(a, b) in shapes {
        let a = if a + b == 0 { 1 } else { a };
        beads.push(Bead::new(i..i + a, j..j + b));
        (i, j) = (i + a, j + b);
    }
    (beads, i, j)
}
