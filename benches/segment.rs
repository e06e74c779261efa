//! Segmentation throughput on one core: `cargo bench --bench segment [-- MB] [LANG…]`.
//!
//! Times `pipeline::load_bytes` — decoding, the language check, sentences and
//! their keys: what loading a file costs once it is read — and prints MB/s
//! (10⁶ bytes of input a second) per language. The text is the FLORES devtest
//! sentences joined into paragraphs, one per document (`../shared/data`), or
//! the shipped statement when that folder is absent, repeated to MB megabytes
//! (default 32). Languages given (en, ru, zh) limit the run to them, e.g. to
//! profile one.

use std::path::{Path, PathBuf};
use std::time::Instant;

use trialign::lang::Lang;
use trialign::pipeline;

const RUNS: usize = 5;

fn main() {
    // `cargo bench` passes `--bench`; the others are the size and languages.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let mb = args.iter().find_map(|a| a.parse::<f64>().ok()).unwrap_or(32.0);
    let only: Vec<&str> = args.iter().filter(|a| a.parse::<f64>().is_err()).map(String::as_str).collect();
    let size = (mb * 1e6) as usize;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let flores = root.join("../shared/data/flores-devtest-en-ru-zh");
    for code in ["en", "ru", "zh"].into_iter().filter(|code| only.is_empty() || only.contains(code)) {
        let (source, unit) = match flores_paragraphs(&flores, code) {
            Some(text) => ("FLORES paragraphs", text),
            None => ("statement", statement(&root, code)),
        };
        let bytes = unit.repeat(size / unit.len() + 1).into_bytes();
        let lang = Lang::new(code).expect("a language code");
        let mut seconds = Vec::new();
        let mut sentences = 0;
        for _ in 0..RUNS {
            let input = bytes.clone();
            let start = Instant::now();
            let side = pipeline::load_bytes(Path::new(code), input, Some(&lang), false).expect("the text loads");
            seconds.push(start.elapsed().as_secs_f64());
            sentences = side.sentences.len();
        }
        seconds.sort_by(f64::total_cmp);
        let rate = |s: f64| bytes.len() as f64 / 1e6 / s;
        println!(
            "{code}  {source:<17} {:6.1} MB  {sentences:>9} sentences  best {:6.1} MB/s  median {:6.1} MB/s",
            bytes.len() as f64 / 1e6,
            rate(seconds[0]),
            rate(seconds[RUNS / 2]),
        );
    }
}

/// The FLORES lines of `code`, one paragraph per document (Chinese joined
/// without spaces), blank lines between; `None` without `../shared`.
fn flores_paragraphs(dir: &Path, code: &str) -> Option<String> {
    let ids = std::fs::read_to_string(dir.join("all.docid")).ok()?;
    let lines = std::fs::read_to_string(dir.join(format!("all.{code}"))).ok()?;
    let joiner = if code == "zh" { "" } else { " " };
    let mut text = String::new();
    let mut previous = None;
    for (id, line) in ids.lines().zip(lines.lines()) {
        if previous.is_some() {
            text.push_str(if previous == Some(id) { joiner } else { "\n\n" });
        }
        text.push_str(line);
        previous = Some(id);
    }
    text.push_str("\n\n");
    Some(text)
}

fn statement(root: &Path, code: &str) -> String {
    let text = std::fs::read_to_string(root.join(format!("corpora/statement/{code}.txt"))).expect("the shipped corpus");
    text.trim_end().to_string() + "\n\n"
}
