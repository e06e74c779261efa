//! The review-file reader (`formats::parse_review_and_exports`): any bytes
//! give a review or an error, never a panic; a review it accepts writes
//! and reads back as itself.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use trialign::formats::{parse_review_and_exports, review_json_with};

fuzz_target!(|data: &[u8]| {
    let Ok((review, exports)) = parse_review_and_exports(Path::new("review.json"), data) else { return };
    let bytes = review_json_with(&review, &exports);
    let (back, back_exports) =
        parse_review_and_exports(Path::new("review.json"), &bytes).expect("a written review reads");
    assert_eq!((&back, &back_exports), (&review, &exports));
    assert_eq!(review_json_with(&back, &back_exports), bytes, "write, read, write gives the same bytes");
});
