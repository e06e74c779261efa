//! Small reviews for the tests of the review module.

use proptest::prelude::*;

use crate::align::{Alignment, Bead};
use crate::lang::Lang;

use super::edit::{Edit, RowRef};
use super::flags::Flags;
use super::rows::SideRef;
use super::state::{BeadMark, Language, PairReview, PairRun, Review, ReviewedAlignment};
use super::status::Status;

const CODES: [&str; 4] = ["en", "ru", "zh", "de"];

/// A review of the pivot `en` against one language per entry of `pairs`
/// (`ru`, `zh`, `de`), each pair given as its beads' shapes in order; every
/// pair must have the same number of pivot sentences. Sentence texts are
/// `"<code> <id>"` padded to varying lengths; each file's bytes are its code.
pub fn review(pairs: &[&[(usize, usize)]]) -> Review {
    let n_pivot: usize = pairs[0].iter().map(|s| s.0).sum();
    let language = |code: &str, n: usize| {
        let sentences = (0..n).map(|i| format!("{code} {i} {}.", "word ".repeat(1 + i % 4).trim_end())).collect();
        Language::new(Lang::new(code).unwrap(), format!("{code}.txt"), code.as_bytes(), sentences)
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
        let marks = beads
            .iter()
            .map(|_| BeadMark { score: 0.8, status: Status::Auto, risk: None, flags: Flags::new() })
            .collect();
        let alignment = ReviewedAlignment::new(Alignment::new(beads, i, j).unwrap(), marks).unwrap();
        let run = PairRun { length_ratio: 1.0, length_variance: 6.8, ..PairRun::default() };
        reviews.push(PairReview { other: k + 1, run, alignment });
    }
    Review::new(languages, reviews, 0.5, 0.0, vec![]).unwrap()
}

/// A random review of 1 to 3 pairs over up to 7 pivot sentences.
pub fn arb_review() -> impl Strategy<Value = Review> {
    let pair = |n: usize| {
        prop::collection::vec((0usize..3, 0usize..3), 0..10).prop_map(move |steps| {
            let (mut i, mut shapes) = (0, Vec::new());
            for (di, dj) in steps {
                let di = di.min(n - i);
                if di + dj > 0 {
                    shapes.push((di, dj));
                    i += di;
                }
            }
            if i < n {
                shapes.push((n - i, 1));
            }
            shapes
        })
    };
    (1usize..8, 1usize..4)
        .prop_flat_map(move |(n, pairs)| prop::collection::vec(pair(n), pairs))
        .prop_map(|pairs| review(&pairs.iter().map(|p| &p[..]).collect::<Vec<_>>()))
}

/// A random edit, often one that makes no sense.
pub fn arb_edit() -> impl Strategy<Value = Edit> {
    let side = (0usize..4).prop_map(|k| if k == 0 { SideRef::Pivot } else { SideRef::Other(k - 1) });
    let row = prop_oneof![
        (0usize..12).prop_map(RowRef::Index),
        (side.clone(), 0usize..12).prop_map(|(s, i)| RowRef::Sentence(s, i)),
    ];
    let at = prop::option::of((side.clone(), 0usize..12));
    (0usize..8, row, side, at).prop_map(|(op, row, side, at)| match op {
        0 => Edit::Confirm { row },
        1 => Edit::ConfirmTo { row },
        2 => Edit::Merge { row },
        3 => Edit::Split { row, at },
        4 => Edit::MoveFirstToPrevious { row, side },
        5 => Edit::MoveLastToNext { row, side },
        6 => Edit::Detach { row, side },
        _ => Edit::Realign { row },
    })
}
