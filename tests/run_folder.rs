//! A run folder across runs: `export` writes the same bytes as `align`, a
//! review is never aligned over without `--force`, and a folder holds the
//! files of one run only.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use tempfile::TempDir;
use trialign::formats::{read_review, save_review, REVIEW_FILE};
use trialign::review::Edit;

/// `align` of the shipped English with `others` into `dir` (lengths and
/// anchors only: fast, and what is tested here is the folder).
fn align_args(dir: &Path, others: &[&str], extra: &[&str]) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec!["align".into(), statement("en.txt").into()];
    args.extend(others.iter().map(|o| statement(o).into_os_string()));
    args.extend(["-o".into(), dir.as_os_str().to_owned(), "--no-lexical".into(), "-q".into()]);
    args.extend(extra.iter().map(|e| e.into()));
    args
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

/// Confirms the first row of the review in `dir`, through the library.
fn confirm_first_row(dir: &Path) {
    let mut review = read_review(&dir.join(REVIEW_FILE)).unwrap();
    let edit = Edit::parse("confirm #1", &review).unwrap();
    review.apply(&edit, "2026-12-01T00:00:00Z").unwrap();
    save_review(dir, &review).unwrap();
}

fn out(tmp: &TempDir) -> PathBuf {
    tmp.path().join("out")
}

#[test]
fn export_writes_the_same_bytes_as_align() {
    let tmp = TempDir::new().unwrap();
    let dir = out(&tmp);
    ok(align_args(&dir, &["ru.txt", "zh.txt"], &[]));
    let written = files(&dir);
    assert!(written.iter().any(|(n, _)| n == REVIEW_FILE));
    for (name, _) in &written {
        if name != REVIEW_FILE {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
    }
    ok(["export".as_ref(), dir.as_os_str(), "-q".as_ref()]);
    let exported = files(&dir);
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&exported), names(&written));
    for ((name, new), (_, old)) in exported.iter().zip(&written) {
        assert!(new == old, "export wrote {name} differently from align");
    }
}

#[test]
fn a_confirmed_row_shows_in_every_export_and_survives_a_realignment() {
    let tmp = TempDir::new().unwrap();
    let dir = out(&tmp);
    ok(align_args(&dir, &["ru.txt"], &[]));
    confirm_first_row(&dir);
    ok(["export".as_ref(), dir.as_os_str(), "-q".as_ref()]);
    let (_, rows) = read_csv(&dir.join("en-ru.csv"));
    assert_eq!((&rows[1][7], &rows[1][9]), ("confirmed", ""), "the confirmed bead leaves the queue");
    assert_eq!(&rows[0][7], "auto");
    let confirmed = (rows[1][1].to_string(), rows[1][2].to_string());
    let summary: serde_json::Value = serde_json::from_str(&read(&dir.join("summary.json"))).unwrap();
    assert_eq!(summary["pairs"][0]["beads_by_status"]["confirmed"], 1);

    // Aligned again: the confirmed bead is kept.
    ok(align_args(&dir, &["ru.txt"], &[]));
    let (_, rows) = read_csv(&dir.join("en-ru.csv"));
    let kept: Vec<_> =
        rows.iter().filter(|r| &r[7] == "confirmed").map(|r| (r[1].to_string(), r[2].to_string())).collect();
    assert_eq!(kept, [confirmed]);

    // --force starts the review afresh.
    ok(align_args(&dir, &["ru.txt"], &["--force"]));
    let (_, rows) = read_csv(&dir.join("en-ru.csv"));
    assert!(rows.iter().all(|r| &r[7] == "auto"), "--force starts the review afresh");
}

#[test]
fn reviewed_beads_are_kept_when_an_input_file_was_edited_elsewhere() {
    let tmp = TempDir::new().unwrap();
    let dir = out(&tmp);
    let en = tmp.path().join("en.txt");
    std::fs::copy(statement("en.txt"), &en).unwrap();
    let args = |extra: &[&str]| {
        let mut a: Vec<std::ffi::OsString> = vec!["align".into(), en.clone().into(), statement("ru.txt").into()];
        a.extend(["-o".into(), dir.clone().into_os_string(), "--no-lexical".into(), "-q".into()]);
        a.extend(extra.iter().map(|e| e.into()));
        a
    };
    ok(args(&[]));
    // Confirm every row from the top to the fifth.
    let mut review = read_review(&dir.join(REVIEW_FILE)).unwrap();
    let edit = Edit::parse("confirm-to #4", &review).unwrap();
    review.apply(&edit, "2026-12-01T00:00:00Z").unwrap();
    save_review(&dir, &review).unwrap();
    let texts = |review: &trialign::review::Review| -> Vec<(String, String)> {
        let (en, ru) = (review.pivot(), review.other(0));
        review.pairs[0]
            .alignment
            .beads()
            .filter(|(_, m)| m.status.is_reviewed())
            .map(|(b, _)| (en.sentences[b.src.clone()].concat(), ru.sentences[b.tgt.clone()].concat()))
            .collect()
    };
    let before = texts(&review);
    assert_eq!(before.len(), 5);
    // A new first paragraph in the English file shifts every sentence id.
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(&en, format!("A new opening line was added here.\n\n{text}")).unwrap();
    let o = run(args(&[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let after = read_review(&dir.join(REVIEW_FILE)).unwrap();
    assert_eq!(texts(&after), before, "the reviewed beads, by their texts, survive the edit");
    assert_eq!(after.pivot().sentences[0], "A new opening line was added here.");
    assert_eq!(after.log.len(), 1, "the edit log is carried over");
}

#[test]
fn unsaved_review_edits_stop_a_realignment() {
    let tmp = TempDir::new().unwrap();
    let dir = out(&tmp);
    ok(align_args(&dir, &["ru.txt"], &[]));
    std::fs::write(dir.join("review.journal"), "confirm en:0\n").unwrap();
    let o = run(align_args(&dir, &["ru.txt"], &[]));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("review.journal"), "{}", stderr(&o));
    ok(align_args(&dir, &["ru.txt"], &["--force"]));
    assert!(!dir.join("review.journal").exists(), "--force discards the journal");
}

#[test]
fn a_folder_holds_the_files_of_one_run() {
    let tmp = TempDir::new().unwrap();
    let dir = out(&tmp);
    ok(align_args(&dir, &["ru.txt", "zh.txt"], &[]));
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    ok(align_args(&dir, &["ru.txt"], &[]));
    let names: Vec<String> = files(&dir).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "en-ru.align",
            "en-ru.csv",
            "en.sentences.txt",
            "notes.txt",
            "review.json",
            "ru.sentences.txt",
            "summary.json"
        ]
    );
}

#[test]
fn a_damaged_review_file_is_named_and_kept() {
    let tmp = TempDir::new().unwrap();
    let dir = out(&tmp);
    ok(align_args(&dir, &["ru.txt"], &[]));
    let path = dir.join(REVIEW_FILE);
    let text = std::fs::read(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    for args in [align_args(&dir, &["ru.txt"], &[]), vec!["export".into(), dir.clone().into_os_string()]] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(&path.display().to_string()), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&path).unwrap(), &text[..text.len() / 2], "the damaged file was overwritten");
    ok(align_args(&dir, &["ru.txt"], &["--force"]));
    assert!(read_review(&path).is_ok(), "--force replaces it");
}

#[test]
fn bad_arguments_exit_2() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    for (args, says) in [
        (align_args(&file, &["ru.txt"], &[]), "is a file"),
        (align_args(&out(&tmp), &["ru.txt"], &["--review-threshold", "2"]), "between 0 and 1"),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
}

#[test]
fn a_run_that_would_keep_no_reviewed_bead_of_a_pair_is_refused() {
    let tmp = TempDir::new().unwrap();
    let dir = out(&tmp);
    ok(align_args(&dir, &["ru.txt", "zh.txt"], &[]));
    let mut review = read_review(&dir.join(REVIEW_FILE)).unwrap();
    let edit = Edit::parse("confirm-to #3", &review).unwrap();
    review.apply(&edit, "2026-12-01T00:00:00Z").unwrap();
    save_review(&dir, &review).unwrap();
    let before = files(&dir);
    let o = run(align_args(&dir, &["ru.txt"], &[]));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("en-zh beads, which this run does not align"), "{}", stderr(&o));
    assert_eq!(files(&dir), before, "a refused run changed the folder");
    ok(align_args(&dir, &["ru.txt"], &["--force"]));
}
