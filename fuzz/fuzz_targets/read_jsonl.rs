//! The JSON-lines reader of the exports (`formats::read_jsonl`): any text
//! gives beads or the line that is none, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err((line, _)) = trialign::formats::read_jsonl(text) {
        assert!(line >= 1 && line <= text.lines().count(), "line {line}");
    }
});
