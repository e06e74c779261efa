//! The `.align` and gold-links reader (`formats::parse_links`): any text
//! gives links or an error, never a panic; links it reads write back as
//! lines it reads as the same beads (scores are written to 4 decimals).
#![no_main]

use libfuzzer_sys::fuzz_target;
use trialign::formats::{format_link, parse_links};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(links) = parse_links(text) else { return };
    let written: String = links.iter().map(|l| format_link(l.ids().0, l.ids().1, l.score) + "\n").collect();
    let back = parse_links(&written).expect("written links read");
    assert_eq!(back.iter().map(|l| l.ids()).collect::<Vec<_>>(), links.iter().map(|l| l.ids()).collect::<Vec<_>>());
});
