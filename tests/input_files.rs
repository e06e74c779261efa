//! Input files end to end: the fixtures in `tests/fixtures/input/` (made
//! from the shipped corpus by `make.sh` there: other encodings, HTML,
//! Markdown, DOCX, ODT, PDF, TMX) give the sentences of the corpus's UTF-8
//! text, and `align` on them the same alignment; garbled text and files
//! trialign cannot read are refused, naming the file and what to do.

mod common;

use std::path::{Path, PathBuf};

use common::{in_ci, ok, root, run, statement, stderr, trialign};
use serde_json::Value;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/input").join(name)
}

/// The sentences `trialign segment` prints for `file`, with `args`.
fn sentences(file: &Path, args: &[&str]) -> Vec<String> {
    let mut all: Vec<&std::ffi::OsStr> = vec!["segment".as_ref(), file.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    ok(all).lines().map(str::to_string).collect()
}

/// Whether pdftotext is installed; without it a notice, except under CI
/// (scripts/setup.sh installs it), where its absence fails.
fn pdftotext_installed() -> bool {
    if std::process::Command::new("pdftotext").arg("-v").output().is_ok() {
        return true;
    }
    assert!(!in_ci(), "CI is set but pdftotext is not installed; scripts/setup.sh installs poppler-utils");
    common::visible_notice(
        "NOTICE: pdftotext not found: the PDF fixture was not read; scripts/setup.sh installs poppler-utils",
    );
    false
}

/// White space folded and NBSP as a space: PDF text keeps the words, not
/// the kind of space between them.
fn folded(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn every_fixture_gives_the_sentences_of_the_corpus_text() {
    let cases = [
        ("en.html", "en"),
        ("en.html.txt", "en"),
        ("en.md", "en"),
        ("en.utf16le-bom.txt", "en"),
        ("ru.cp1251.txt", "ru"),
        ("ru.utf32le-bom.txt", "ru"),
        ("ru.docx", "ru"),
        ("zh.gb18030.txt", "zh"),
        ("zh.utf16be.txt", "zh"),
        ("zh.odt", "zh"),
    ];
    for (name, lang) in cases {
        let want = sentences(&statement(&format!("{lang}.txt")), &["--lang", lang]);
        assert_eq!(sentences(&fixture(name), &["--lang", lang]), want, "{name}");
        // The language is detected from the decoded text too.
        assert_eq!(sentences(&fixture(name), &[]), want, "{name} without --lang");
    }
    for lang in ["en", "ru"] {
        let want = sentences(&statement(&format!("{lang}.txt")), &["--lang", lang]);
        assert_eq!(sentences(&fixture("memory.tmx"), &["--lang", lang]), want, "memory.tmx {lang}");
    }
    if pdftotext_installed() {
        let want = sentences(&statement("en.txt"), &["--lang", "en"]);
        assert_eq!(folded(&sentences(&fixture("en.pdf"), &["--lang", "en"])), folded(&want), "en.pdf");
    }
}

fn review_json(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("review.json")).unwrap()).unwrap()
}

fn summary_json(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap()
}

/// Runs `align FILES -o DIR --no-lexical EXTRA` and returns what it printed.
fn align_printed(dir: &Path, files: &[PathBuf], extra: &[&str]) -> String {
    let mut args: Vec<std::ffi::OsString> = vec!["align".into()];
    args.extend(files.iter().map(|f| f.clone().into_os_string()));
    args.extend(["-o".into(), dir.as_os_str().to_owned(), "--no-lexical".into()]);
    args.extend(extra.iter().map(|a| a.into()));
    ok(args)
}

/// [`align_printed`], returning the folder's review.json.
fn align(dir: &Path, files: &[PathBuf], extra: &[&str]) -> Value {
    align_printed(dir, files, extra);
    review_json(dir)
}

/// The sentences of every language and the beads of every pair.
fn alignment(review: &Value) -> (Vec<Value>, Vec<Value>) {
    let sentences = review["languages"].as_array().unwrap().iter().map(|l| l["sentences"].clone()).collect();
    let beads = review["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p["beads"].as_array().unwrap().iter().map(|b| Value::from(vec![b["src"].clone(), b["tgt"].clone()]))
        })
        .collect();
    (sentences, beads)
}

fn corpus_alignment(tmp: &TempDir) -> (Vec<Value>, Vec<Value>) {
    let files = ["en.txt", "ru.txt", "zh.txt"].map(statement);
    alignment(&align(&tmp.path().join("corpus"), &files, &[]))
}

#[test]
fn align_on_converted_documents_gives_the_alignment_of_the_text() {
    let tmp = TempDir::new().unwrap();
    let want = corpus_alignment(&tmp);
    let out = tmp.path().join("converted");
    let review = align(&out, &["en.html", "ru.docx", "zh.odt"].map(fixture), &[]);
    assert_eq!(alignment(&review), want);
    let summary = summary_json(&out);
    let formats: Vec<&str> =
        summary["languages"].as_array().unwrap().iter().map(|l| l["input"]["format"].as_str().unwrap()).collect();
    assert_eq!(formats, ["html", "docx", "odt"]);
    assert_eq!(review["languages"][1]["input"]["detection"], "format");
}

#[test]
fn align_on_other_encodings_gives_the_alignment_of_the_text_and_says_what_was_detected() {
    let tmp = TempDir::new().unwrap();
    let want = corpus_alignment(&tmp);
    let out = tmp.path().join("encodings");
    let files = ["en.utf16le-bom.txt", "ru.cp1251.txt", "zh.gb18030.txt"].map(fixture);
    let printed = align_printed(&out, &files, &[]);
    assert_eq!(alignment(&review_json(&out)), want);
    let languages = summary_json(&out)["languages"].clone();
    let input = |k: usize| (languages[k]["input"]["encoding"].clone(), languages[k]["input"]["detection"].clone());
    assert_eq!(input(0), ("UTF-16LE".into(), "bom".into()));
    assert_eq!(input(1), ("windows-1251".into(), "guessed".into()));
    assert_eq!(input(2), ("GB18030".into(), "guessed".into()));
    let sure = languages[1]["input"]["confidence"].as_f64().unwrap();
    assert!((0.9..=1.0).contains(&sure), "{sure}");
    assert!(printed.contains("ru.cp1251.txt: text, windows-1251 (guessed, confidence"), "{printed}");
    // Named, the encodings are taken as given.
    let given = tmp.path().join("given");
    let review = align(&given, &files, &["--encoding", "auto,cp1251,gb18030"]);
    assert_eq!(alignment(&review), want);
    assert_eq!(review["languages"][1]["input"]["detection"], "given");
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let tmp = TempDir::new().unwrap();
    let want = corpus_alignment(&tmp);
    let out = tmp.path().join("stdin");
    let o = trialign()
        .args(["align", "-"])
        .args([statement("ru.txt"), statement("zh.txt")])
        .arg("-o")
        .arg(&out)
        .args(["--no-lexical", "-q"])
        .write_stdin(std::fs::read(fixture("en.html")).unwrap())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let review = review_json(&out);
    assert_eq!(alignment(&review), want);
    assert_eq!(
        (review["languages"][0]["file"].as_str(), review["languages"][0]["input"]["format"].as_str()),
        (Some("-"), Some("html"))
    );
    let twice = run(["align", "-", "-"]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(stderr(&twice).contains("only once"), "{}", stderr(&twice));
}

#[test]
fn a_tmx_memory_is_read_once_per_language() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("tmx");
    let review = align(&out, &[fixture("memory.tmx"), fixture("memory.tmx")], &["--langs", "en,ru"]);
    let want: Vec<Value> =
        ["en", "ru"].iter().map(|l| Value::from(sentences(&statement(&format!("{l}.txt")), &["--lang", l]))).collect();
    assert_eq!(alignment(&review).0, want);
}

#[test]
fn garbled_text_is_refused_with_the_encoding_to_give() {
    for (file, args, tried, advice) in [
        (
            "ru.cp1251.txt",
            vec!["--lang", "ru", "--encoding", "windows-1252"],
            "windows-1252",
            "--encoding windows-1251",
        ),
        ("ru.cp1251.txt", vec!["--encoding", "windows-1252"], "windows-1252", "--encoding windows-1251"),
        ("zh.gb18030.txt", vec!["--lang", "zh", "--encoding", "utf-8"], "UTF-8", "--encoding gb18030"),
    ] {
        let mut all = vec!["segment".to_string(), fixture(file).display().to_string()];
        all.extend(args.iter().map(|a| a.to_string()));
        let o = run(&all);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(file) && err.contains(&format!("decoded as {tried}")) && err.contains(advice), "{err}");
        assert!(!err.contains("iconv"), "{err}");
    }
}

#[test]
fn files_trialign_cannot_read_are_refused_with_what_to_do() {
    let tmp = TempDir::new().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let mut not_a_doc = std::fs::read(fixture("zh.odt")).unwrap();
    // The same archive without content.xml (renamed in the local header and
    // the central directory) is no document.
    while let Some(at) = not_a_doc.windows(11).position(|w| w == b"content.xml") {
        not_a_doc[at..at + 11].copy_from_slice(b"content.xmz");
    }
    for (path, expected) in [
        (write("old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 legacy"), "save it as .docx"),
        (write("letter.rtf", b"{\\rtf1 Hello.}"), "save it as .docx"),
        (write("fake.docx", b"Plain text."), "not a readable docx file"),
        (write("archive.txt", &not_a_doc), "neither a DOCX nor an ODT"),
        (write("bin.txt", b"ab\x00\x01\x02cd\x00\x00\x00\x00"), "binary"),
    ] {
        let o = run(["segment".as_ref(), path.as_os_str()]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(&*path.display().to_string()) && stderr(&o).contains(expected), "{}", stderr(&o));
    }
    let o = trialign().arg("segment").arg(fixture("en.pdf")).env("PATH", tmp.path()).output().unwrap();
    assert!(stderr(&o).contains("install poppler-utils"), "{}", stderr(&o));
    let o = run(["segment".as_ref(), fixture("en.html").as_os_str(), "--format".as_ref(), "doc".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--format doc: not a format"), "{}", stderr(&o));
}

#[test]
fn a_named_format_overrides_the_detected_one() {
    let raw = sentences(&fixture("en.html.txt"), &["--lang", "en", "--format", "text"]);
    assert!(raw.iter().any(|s| s.contains("<p>")), "read as text, the markup stays");
}
