//! Lexical evidence end to end: a user's term base fixes a case that
//! lengths get wrong, and the built-in lexicons are found and reported.

mod common;

use std::path::PathBuf;

use common::*;
use tempfile::TempDir;

fn case(name: &str) -> PathBuf {
    root().join("tests/fixtures/lexicon-case").join(name)
}

/// Aligns the case's en.txt and ru.txt (built-in lexicons off) with the
/// extra arguments; returns the links of en-ru.align and summary.json.
fn align_case(extra: &[&str]) -> (Vec<String>, serde_json::Value) {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let mut args: Vec<std::ffi::OsString> = vec!["align".into(), case("en.txt").into(), case("ru.txt").into()];
    args.extend(["--langs", "en,ru", "--no-lexicons", "-q", "-o"].map(Into::into));
    args.push(out.clone().into());
    args.extend(extra.iter().map(Into::into));
    ok(&args);
    let links = std::fs::read_to_string(out.join("en-ru.align"))
        .unwrap()
        .lines()
        .map(|l| l.rsplit_once(':').unwrap().0.to_string())
        .collect();
    let summary = serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    (links, summary)
}

#[test]
fn a_term_base_finds_the_sentence_the_translation_left_out() {
    let right = ["[0]:[0]", "[1]:[1]", "[2]:[]", "[3]:[2]", "[4]:[3]", "[5]:[4]"];
    let (without, summary) = align_case(&[]);
    assert_ne!(without, right, "lengths alone should be misled by this case");
    assert_eq!(summary["pairs"][0]["lexicons"].as_array().unwrap().len(), 0);

    let terms = case("terms.tsv");
    let (with, summary) = align_case(&["--lexicon", terms.to_str().unwrap()]);
    assert_eq!(with, right);
    let used = &summary["pairs"][0]["lexicons"][0];
    assert_eq!(used["name"], "terms.tsv");
    assert!(used["entries_used"].as_u64().unwrap() >= 8, "{used}");
}

#[test]
fn a_malformed_term_base_is_refused_with_its_line() {
    let tmp = TempDir::new().unwrap();
    let bad = tmp.path().join("bad.tsv");
    std::fs::write(&bad, "mayor\tмэр\njust one column\n").unwrap();
    let out = tmp.path().join("out");
    let o = run([
        "align".as_ref(),
        case("en.txt").as_os_str(),
        case("ru.txt").as_os_str(),
        "--lexicon".as_ref(),
        bad.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bad.tsv") && err.contains('2'), "{err}");
    assert!(!out.exists(), "nothing is written when a run fails");
}

#[test]
fn without_lexical_evidence_only_lengths_and_anchors_are_used() {
    let (_, with) = align_case(&[]);
    let (_, without) = align_case(&["--no-lexical"]);
    let evidence = |summary: &serde_json::Value| summary["pairs"][0]["evidence"].as_array().unwrap().clone();
    assert!(evidence(&with).iter().any(|e| e == "lexical"), "{with}");
    assert!(!evidence(&without).iter().any(|e| e == "lexical"), "{without}");
    assert_eq!(without["pairs"][0]["word_pairs"], 0);
}
