//! Encoding and format detection (`input::encoding`, `Format::detect`): the
//! BOM, the declared charsets of HTML and XML, UTF-16 by its test,
//! chardetng's guess, the garbage test and the suggestion of another
//! encoding — on any bytes, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use trialign::input::{encoding, format, Format};

fuzz_target!(|data: &[u8]| {
    let declared = format::declared_charset(data).or(format::xml_declared_charset(data));
    let decoded = encoding::decode(data, None, declared);
    let _ = encoding::garbage(&decoded.text, decoded.malformed, decoded.charset);
    assert!(decoded.bom <= data.len());
    if decoded.malformed {
        let _ = encoding::suggest(data, decoded.charset.name(), |t| (t.len() % 7) as f64 / 6.0);
    }
    // Not an archive: reading a zip is the DOCX and ODT targets' job.
    if !data.starts_with(b"PK") {
        let _ = Format::detect(Path::new("a.txt"), data);
    }
});
