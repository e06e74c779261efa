//! The tmx reader (`input::format::tmx`) through `Document::read` with
//! `--format tmx`: any bytes give a document or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use trialign::input::{Document, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let read = ReadOptions { encoding: None, format: Some(Format::Tmx) };
    let _ = Document::read(Path::new("a.tmx"), data, &read, Some("en"));
});
