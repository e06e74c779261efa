//! The TMX reader of the exports (`formats::read_tmx`): any text gives a
//! memory or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = trialign::formats::read_tmx(text);
    }
});
