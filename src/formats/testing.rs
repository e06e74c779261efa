//! Reviews for the tests of the formats: any sentences, for the writers
//! that must carry every text.

use proptest::prelude::*;

use crate::review::testing::arb_review;
use crate::review::Review;

/// A random review ([`arb_review`]) whose sentences are any short strings
/// (markup, quotes, control characters, any script; no line feed).
pub fn arb_review_with_texts() -> impl Strategy<Value = Review> {
    (arb_review(), prop::collection::vec(".{0,12}", 12)).prop_map(|(mut r, texts)| {
        for (l, lang) in r.languages.iter_mut().enumerate() {
            for (i, s) in lang.sentences.iter_mut().enumerate() {
                *s = texts[(l * 5 + i) % texts.len()].clone();
            }
        }
        r
    })
}
