//! `trialign bench` end to end at a tiny size: the tables and their rows,
//! from FLORES (`../shared`) and from generated text. Nothing here checks a
//! time: speed is what the command measures, not what the tests assert.

mod common;

use std::ffi::OsString;

use common::*;
use tempfile::TempDir;

/// `bench --sizes 200 --pairs en-ru --lexicons without EXTRA`: its stdout.
fn bench(extra: &[&OsString]) -> String {
    let mut args: Vec<OsString> =
        ["bench", "--sizes", "200", "--pairs", "en-ru", "--lexicons", "without"].map(Into::into).into();
    args.extend(extra.iter().map(|a| (*a).clone()));
    ok(args)
}

fn os(s: impl AsRef<std::ffi::OsStr>) -> OsString {
    s.as_ref().to_owned()
}

/// The line of `table` (its title's first word) whose cells start with `first`.
fn row<'a>(out: &'a str, table: &str, first: &str) -> Vec<&'a str> {
    let rows = out.split("\n\n").find(|t| t.starts_with(table)).unwrap_or_else(|| panic!("no {table} table:\n{out}"));
    let line = rows.lines().find(|l| l.starts_with(first)).unwrap_or_else(|| panic!("no {first} row in:\n{rows}"));
    line.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// The rows every run has: both languages segmented, the pair aligned at
/// 200 sentences, the shipped corpus.
fn check_tables(out: &str) {
    for lang in ["en", "ru"] {
        let cells = row(out, "Segmentation", lang);
        assert_eq!(cells.len(), 4, "{cells:?}");
        assert!(cells[3].parse::<f64>().unwrap() > 0.0, "{cells:?}");
    }
    let cells = row(out, "Alignment", "en-ru");
    assert!(cells[1].starts_with("200 + "), "{cells:?}");
    assert_eq!(cells[2], "without");
    assert_eq!(cells.len(), 5, "a note where none was expected: {cells:?}");
    let reference = row(out, "Reference", "statement");
    assert_eq!(reference.len(), 4, "a note where none was expected: {reference:?}");
    assert!(out.starts_with("machine: "), "{out}");
    assert!(out.contains("\ncommand: trialign bench --sizes 200 --pairs en-ru --lexicons without"), "{out}");
}

#[test]
fn bench_on_generated_text_when_there_is_no_flores() {
    let tmp = TempDir::new().unwrap();
    let md = tmp.path().join("bench.md");
    let out = bench(&[&os("--data"), &os(tmp.path().join("nowhere")), &os("-o"), &os(&md)]);
    assert!(out.contains("documents: generated text (no FLORES in "), "{out}");
    check_tables(&out);
    let md = read(&md);
    assert!(md.contains("#### Alignment"), "{md}");
    assert!(md.contains("\n| en-ru | 200 + "), "{md}");
    assert!(
        md.contains("| pair | sentences | lexicons | seconds | peak MB | note |\n|---|---:|---|---:|---:|---|\n"),
        "{md}"
    );
}

#[test]
fn bench_on_flores() {
    if shared().is_none() {
        return;
    }
    let tmp = TempDir::new().unwrap();
    let csv = tmp.path().join("bench.csv");
    let out = bench(&[&os("-o"), &os(&csv)]);
    assert!(out.contains("documents: FLORES from ../shared/data/flores-devtest-en-ru-zh"), "{out}");
    check_tables(&out);
    let csv = read(&csv);
    assert!(csv.contains("\npair,sentences,lexicons,seconds,peak MB,note\nen-ru,200 + "), "{csv}");
}

#[test]
fn bench_accuracy_scores_both_searches_on_the_sets() {
    let tmp = TempDir::new().unwrap();
    statement_set(tmp.path());
    let nowhere = tmp.path().join("nowhere");
    let out = bench(&[&os("--data"), &os(&nowhere), &os("--accuracy"), &os("--sets"), &os(tmp.path())]);
    let cells = row(&out, "Accuracy", "statement-en-ru");
    assert_eq!(cells[1], "without");
    assert!(cells[2..5].iter().all(|f| is_score(f)), "{cells:?}");
}

#[test]
fn bench_refuses_bad_arguments() {
    let refused = |args: &[&str], says: &str| {
        let o = run(["bench", "--data", "/nowhere"].iter().chain(args));
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    };
    refused(&["--sizes", "0"], "at least 1");
    refused(&["--pairs", "enru"], "two language codes");
    refused(&["--pairs", "en-de"], "de: no generated text");
}
