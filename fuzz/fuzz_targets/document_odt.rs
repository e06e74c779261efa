//! The odt reader (`input::format::odt`): the fuzzed bytes as the archive's
//! `content.xml`, the format detected from the archive — a document or an error,
//! never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use trialign::input::Document;

fuzz_target!(|data: &[u8]| {
    let file = trialign_fuzz::archive("content.xml", data);
    let _ = Document::from_bytes(Path::new("a.odt"), file);
});
