//! The markdown reader (`input::format::markdown`) through `Document::read` with
//! `--format markdown`: any bytes give a document or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use trialign::input::{Document, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let read = ReadOptions { encoding: None, format: Some(Format::Markdown) };
    let _ = Document::read(Path::new("a.md"), data, &read, Some("en"));
});
