//! The segmenter (`segment::split_noted`, `segment::presegmented`) on any
//! text in every language it has rules for: sentences are slices of the
//! text, in order, never overlapping, trimmed; presegmented gives a
//! sentence a line.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use trialign::input::{is_space, Document, Origin};
use trialign::lang::Lang;
use trialign_fuzz::{pick, LANGS};

fuzz_target!(|data: &[u8]| {
    let [lang, text @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let lang = Lang::new(pick(&LANGS, *lang)).expect("a valid code");
    let doc = Document { path: PathBuf::from("a.txt"), text: text.to_string(), offset: 0, origin: Origin::default() };
    let (sentences, _) = trialign::segment::split_noted(&doc, &lang);
    let mut end = 0;
    for s in &sentences {
        assert!(s.span.start >= end, "sentences overlap or go back: {:?} after {end}", s.span);
        assert_eq!(s.text, text[s.span.clone()], "a sentence is its span of the text");
        assert!(!s.text.is_empty() && s.text.trim_matches(is_space) == s.text, "trimmed, not empty: {:?}", s.text);
        end = s.span.end;
    }
    let lines = trialign::segment::presegmented(&doc);
    let body = text.trim_end_matches(['\n', '\r']).replace("\r\n", "\n");
    assert_eq!(lines.len(), body.split(['\n', '\r']).count(), "a sentence a line");
    for s in &lines {
        assert_eq!(s.text, text[s.span.clone()], "a line is its span of the text");
        assert!(!s.text.contains(['\n', '\r']) && s.text.trim_matches(is_space) == s.text);
    }
});
