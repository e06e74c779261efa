//! Small reviews for the tests of the review module.

use crate::align::{Alignment, Bead};
use crate::lang::Lang;

use super::flags::Flags;
use super::state::{sha256_hex, BeadMark, Language, PairReview, PairRun, Review, ReviewedAlignment};
use super::status::Status;

const CODES: [&str; 4] = ["en", "ru", "zh", "de"];

/// A review of the pivot `en` against one language per entry of `pairs`
/// (`ru`, `zh`, `de`), each pair given as its beads' shapes in order; every
/// pair must have the same number of pivot sentences. Sentence texts are
/// `"<code> <id>"` padded to varying lengths; each file's bytes are its code.
pub fn review(pairs: &[&[(usize, usize)]]) -> Review {
    let n_pivot: usize = pairs[0].iter().map(|s| s.0).sum();
    let language = |code: &str, n: usize| Language {
        lang: Lang::new(code).unwrap(),
        file: format!("{code}.txt"),
        sha256: sha256_hex(code.as_bytes()),
        sentences: (0..n).map(|i| format!("{code} {i} {}.", "word ".repeat(1 + i % 4).trim_end())).collect(),
    };
    let mut languages = vec![language(CODES[0], n_pivot)];
    let mut reviews = Vec::new();
    for (k, shapes) in pairs.iter().enumerate() {
        let (mut i, mut j, mut beads) = (0, 0, Vec::new());
        for &(a, b) in shapes.iter() {
            beads.push(Bead::new(i..i + a, j..j + b));
            (i, j) = (i + a, j + b);
        }
        languages.push(language(CODES[k + 1], j));
        let marks = beads.iter().map(|_| BeadMark { score: 0.8, status: Status::Auto, flags: Flags::new() }).collect();
        let alignment = ReviewedAlignment::new(Alignment::new(beads, i, j).unwrap(), marks).unwrap();
        let run = PairRun { length_ratio: 1.0, length_variance: 6.8, ..PairRun::default() };
        reviews.push(PairReview { other: k + 1, run, alignment });
    }
    Review::new(languages, reviews, 0.5, 0.0, vec![]).unwrap()
}
