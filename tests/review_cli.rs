//! `trialign review DIR --apply EDITS`: edits from a file, refused lines, and the journal a killed
//! session leaves.

#[path = "../src/tui/fixture.rs"]
mod fixture;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use trialign::formats::read_review;
use trialign::formats::Journal;
use trialign::review::{Edit, Review, Session, Status};

fn folder(review: &Review) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fixture::write(dir.path(), review);
    dir
}

fn review(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("trialign").unwrap();
    cmd.arg("review").arg(dir);
    cmd
}

fn saved(dir: &Path) -> Review {
    read_review(&dir.join("review.json")).unwrap()
}

#[test]
fn apply_makes_the_edits_and_saves() {
    let dir = folder(&fixture::three_languages());
    let edits = dir.path().join("edits.txt");
    std::fs::write(&edits, "# fix the merged row\n\nsplit en:2\n  confirm #0\nmove-next #4 zh\n").unwrap();
    review(dir.path())
        .arg("--apply")
        .arg(&edits)
        .assert()
        .success()
        .stdout(predicate::str::contains("applied 3 edits"));
    let after = saved(dir.path());
    let mut expected = Session::new(fixture::three_languages());
    expected.replay(&["split en:2".into(), "confirm #0".into(), "move-next #4 zh".into()]).unwrap();
    assert_eq!(after.pairs, expected.review().pairs);
    assert_eq!(after.log.len(), 3, "the log keeps each edit");
    assert_eq!(after.rows()[0].status, Status::Confirmed);
    assert_eq!(std::fs::read_to_string(dir.path().join("review.journal")).unwrap(), "");
}

#[test]
fn a_realign_line_does_what_the_session_does() {
    let lines = ["confirm en:0".to_string(), "realign en:4".to_string()];
    let dir = folder(&fixture::three_languages());
    review(dir.path()).args(["--apply", "-"]).write_stdin(lines.join("\n")).assert().success();
    let mut expected = Session::new(fixture::three_languages());
    expected.replay(&lines).unwrap();
    let after = saved(dir.path());
    assert_eq!(after.pairs, expected.review().pairs);
    assert_ne!(after.pairs, fixture::three_languages().pairs);
    assert_eq!(after.log.len(), 2);
}

#[test]
fn apply_reads_standard_input() {
    let dir = folder(&fixture::pair());
    review(dir.path()).args(["--apply", "-"]).write_stdin("confirm-to en:3\n").assert().success();
    let rows = saved(dir.path()).rows();
    // en:3 is in the third row (en 2-3 | ru 2).
    assert!(rows[..3].iter().all(|r| r.status == Status::Confirmed));
    assert_eq!(rows[3].status, Status::Auto);
}

#[test]
fn a_bad_line_exits_2_names_it_and_saves_nothing() {
    let dir = folder(&fixture::three_languages());
    let before = std::fs::read(dir.path().join("review.json")).unwrap();
    let edits = dir.path().join("edits.txt");
    for (script, line, why) in [
        ("confirm #0\n# ok\nfrobnicate #2\n", 3, "is not an edit"),
        ("confirm #0\nmove-prev #1 de\n", 2, "not a language of this review"),
        ("merge #5\n", 1, "merge"),
    ] {
        std::fs::write(&edits, script).unwrap();
        review(dir.path())
            .arg("--apply")
            .arg(&edits)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("edits.txt:{line}:")))
            .stderr(predicate::str::contains(why))
            .stderr(predicate::str::contains("nothing was saved"));
        assert_eq!(std::fs::read(dir.path().join("review.json")).unwrap(), before, "{script}");
    }
}

#[test]
fn a_killed_sessions_journal_is_replayed_only_when_asked() {
    let dir = folder(&fixture::three_languages());
    // What the UI writes before showing each change: the edit for the review as it was, undo, redo.
    let mut session = Session::new(fixture::three_languages());
    let mut journal = Journal::open(dir.path()).unwrap();
    for line in ["merge en:0", "confirm en:4", "detach en:2 ru", "undo"] {
        match line {
            "undo" => assert!(session.undo().is_some()),
            _ => {
                let edit = Edit::parse(line, session.review()).unwrap();
                journal.append(&edit.display(session.review()).to_string()).unwrap();
                session.apply(&edit).unwrap();
                continue;
            }
        }
        journal.append(line).unwrap();
    }
    drop(journal); // killed here: nothing saved
    let before = std::fs::read(dir.path().join("review.json")).unwrap();

    let edits = dir.path().join("edits.txt");
    std::fs::write(&edits, "confirm en:5\n").unwrap();
    review(dir.path())
        .arg("--apply")
        .arg(&edits)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("review.journal holds 4 edits"))
        .stderr(predicate::str::contains("--recover"));
    assert_eq!(std::fs::read(dir.path().join("review.json")).unwrap(), before);

    review(dir.path()).arg("--apply").arg(&edits).arg("--recover").assert().success();
    session.apply(&Edit::parse("confirm en:5", session.review()).unwrap()).unwrap();
    assert_eq!(saved(dir.path()).pairs, session.review().pairs);
    assert_eq!(std::fs::read_to_string(dir.path().join("review.journal")).unwrap(), "", "cleared by the save");
}

#[test]
fn a_journal_that_cannot_be_replayed_is_refused_and_kept() {
    let dir = folder(&fixture::pair());
    std::fs::write(dir.path().join("review.journal"), "confirm en:0\nundo\nundo\n").unwrap();
    let edits = dir.path().join("edits.txt");
    std::fs::write(&edits, "").unwrap();
    review(dir.path())
        .arg("--apply")
        .arg(&edits)
        .arg("--recover")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 3"))
        .stderr(predicate::str::contains("nothing was saved"));
    assert_eq!(std::fs::read_to_string(dir.path().join("review.journal")).unwrap(), "confirm en:0\nundo\nundo\n");
}

#[test]
fn a_bad_review_file_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("review.json"), "{\"format\": \"trialign-review\", \"ver").unwrap();
    review(dir.path())
        .args(["--apply", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("review.json"));
}

#[test]
fn the_ui_needs_a_terminal() {
    let dir = folder(&fixture::pair());
    review(dir.path()).assert().code(2).stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn help_lists_every_key() {
    let out = Command::cargo_bin("trialign").unwrap().args(["review", "--help"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for key in [
        "↓ j", "↑ k", "PgDn", "PgUp", "g Home", "G End", "n ", "N ", "u ", "/ ", "Tab", "c Space", "C ", "m ", "s ",
        "S ", "[ ", "] ", "x ", "r ", "z ", "Z Ctrl-r", "w ", "q ", "? ",
    ] {
        assert!(text.contains(&format!("  {key}")), "{key:?} missing:\n{text}");
    }
    assert!(text.contains("--apply") && text.contains("--recover"));
}
