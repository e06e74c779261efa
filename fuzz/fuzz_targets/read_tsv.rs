//! The TSV reader of the exports (`formats::read_tsv`): any text gives a
//! table, never a panic, and no cell holds a tab or a line break.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (header, rows) = trialign::formats::read_tsv(text);
    for cell in header.iter().chain(rows.iter().flatten()) {
        assert!(!cell.contains(['\t', '\n']), "{cell:?}");
    }
});
