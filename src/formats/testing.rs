//! Reviews for the tests of the formats: any sentences, for the writers
//! that must carry every text.

use proptest::prelude::*;

use crate::review::testing::arb_review;
use crate::review::Review;

/// Pieces of text that formats have to quote, escape or refuse: quotes,
/// delimiters, line breaks of every kind, what spreadsheets take for a
/// formula, XML's special characters and constructs, characters outside the
/// BMP, controls, a BOM, and letters of several scripts.
const TRICKY: [&str; 34] = [
    "\"",
    "'",
    ",",
    ";",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "=",
    "+",
    "-",
    "@",
    "=SUM(A1:A2)",
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    "<![CDATA[",
    "<seg>",
    "😀",
    "𝔘",
    "\u{0}",
    "\u{1}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    "\u{fffe}",
    " ",
    "a",
    "Ж",
    "中",
];

/// A random review ([`arb_review`]) whose sentences are any short strings
/// (any characters but a line feed) or strings made of [`TRICKY`] pieces.
pub fn arb_review_with_texts() -> impl Strategy<Value = Review> {
    let tricky = prop::collection::vec(prop::sample::select(&TRICKY[..]), 0..6).prop_map(|p| p.concat());
    let text = prop_oneof![".{0,12}", tricky];
    (arb_review(), prop::collection::vec(text, 12)).prop_map(|(mut r, texts)| {
        for (l, lang) in r.languages.iter_mut().enumerate() {
            for (i, s) in lang.sentences.iter_mut().enumerate() {
                *s = texts[(l * 5 + i) % texts.len()].clone();
            }
        }
        r
    })
}
