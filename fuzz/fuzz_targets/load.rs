//! `pipeline::load_bytes_with`: any bytes, under any name, in any given or
//! detected encoding and format, with or without a language, split or taken
//! line by line — a side or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use trialign::input::{Charset, ReadOptions};
use trialign::lang::Lang;
use trialign_fuzz::{pick, LANGS};

fuzz_target!(|data: &[u8]| {
    let [name, lang, how, bytes @ ..] = data else { return };
    // A PDF is read by the pdftotext program, which is not this code.
    if bytes.starts_with(b"%PDF-") {
        return;
    }
    let name = pick(&["a.txt", "a.md", "a.html", "a.tmx", "a.docx", "a.odt", "a", "-"], *name);
    let lang = (*lang % 9 != 8).then(|| Lang::new(pick(&LANGS, *lang)).expect("a valid code"));
    let encoding = pick(
        &[None, Some("utf-8"), Some("windows-1251"), Some("utf-16le"), Some("utf-32be"), Some("gb18030")],
        *how >> 1,
    );
    let read = ReadOptions { encoding: encoding.and_then(Charset::for_name), format: None };
    let presegmented = how & 1 == 1;
    let _ = trialign::pipeline::load_bytes_with(Path::new(name), bytes.to_vec(), lang.as_ref(), presegmented, &read);
});
