//! Long commands tell their progress on stderr: here stderr is a pipe, not a
//! terminal, so as plain log lines; with `-q`, not at all (for `align`,
//! `quiet_prints_nothing` in align_statement.rs).

mod common;

use std::ffi::OsString;
use std::path::Path;

use common::*;
use tempfile::TempDir;

fn align(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<OsString> = vec!["align".into()];
    args.extend(["en.txt", "ru.txt", "zh.txt"].map(|f| statement(f).into_os_string()));
    args.extend(["-o".into(), out.as_os_str().to_owned()]);
    args.extend(extra.iter().map(Into::into));
    let o = run(args);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

#[test]
fn align_logs_its_stages_when_stderr_is_not_a_terminal() {
    let tmp = TempDir::new().unwrap();
    let err = stderr(&align(&tmp.path().join("out"), &[]));
    for stage in ["reading documents", "aligning en–ru", "aligning en–zh", "writing the run folder"] {
        let line = format!("trialign: {stage}");
        assert!(err.lines().any(|l| l.starts_with(&line)), "no {line:?} line in:\n{err}");
    }
    // Plain lines: no bar drawn with terminal escapes.
    assert!(!err.contains('\x1b') && !err.contains('\r'), "{err:?}");
}

#[test]
fn eval_set_logs_its_stages_and_is_quiet_with_q() {
    let tmp = TempDir::new().unwrap();
    let set = statement_set(tmp.path());
    let eval = |extra: &[&str]| {
        let mut args: Vec<OsString> = vec!["eval".into(), "--set".into(), set.clone().into_os_string()];
        args.extend(extra.iter().map(Into::into));
        let o = run(args);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("\nset "), "{}", stdout(&o));
        stderr(&o)
    };
    let err = eval(&["--no-lexicons"]);
    for stage in ["reading the set", "aligning en–ru"] {
        assert!(err.contains(&format!("trialign: {stage}")), "no {stage:?} line in:\n{err}");
    }
    assert_eq!(eval(&["--no-lexicons", "-q"]), "");
}
