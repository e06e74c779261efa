//! `trialign batch`: a manifest of the shipped statement and two halves of
//! it, with a broken row; resume; shards merged against the unsharded run;
//! manifest errors.

mod common;

use std::path::{Path, PathBuf};

use common::{ok, read, read_csv, run, statement, stderr, stdout};

/// The statement in three languages, its first half in en-ru, its second in
/// en-zh, and a row whose Russian file is binary; returns the manifest.
fn batch_dir(dir: &Path) -> PathBuf {
    for lang in ["en", "ru", "zh"] {
        let text = read(&statement(&format!("{lang}.txt")));
        std::fs::write(dir.join(format!("{lang}.txt")), &text).unwrap();
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let half = paragraphs.len() / 2;
        std::fs::write(dir.join(format!("a.{lang}")), paragraphs[..half].join("\n\n") + "\n").unwrap();
        std::fs::write(dir.join(format!("b.{lang}")), paragraphs[half..].join("\n\n") + "\n").unwrap();
    }
    std::fs::create_dir(dir.join("bad")).unwrap();
    std::fs::write(dir.join("bad/ru.txt"), b"\x00\x01binary\x00").unwrap();
    let manifest = dir.join("manifest.csv");
    std::fs::write(
        &manifest,
        "id,en,ru,zh\nstatement,en.txt,ru.txt,zh.txt\npart-a,a.en,a.ru,\npart-b,b.en,,b.zh\nbroken,a.en,bad/ru.txt,\n",
    )
    .unwrap();
    manifest
}

fn batch(args: &[&str], manifest: &Path, out: &Path) -> std::process::Output {
    let mut all: Vec<&std::ffi::OsStr> = vec!["batch".as_ref(), manifest.as_os_str(), "-o".as_ref(), out.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    run(all)
}

/// `id → (status, error)` of a batch.csv.
fn statuses(dir: &Path) -> Vec<(String, String, String)> {
    let (header, rows) = read_csv(&dir.join("batch.csv"));
    assert_eq!(header[..3], ["id", "status", "error"]);
    rows.iter().map(|r| (r[0].to_string(), r[1].to_string(), r[2].to_string())).collect()
}

/// The batch of [`batch_dir`] aligned once without lexical evidence into
/// `out`: the folder, the manifest, `out`.
fn aligned_once() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let manifest = batch_dir(tmp.path());
    let out = tmp.path().join("out");
    batch(&["--no-lexical"], &manifest, &out);
    (tmp, manifest, out)
}

#[test]
fn a_broken_row_fails_alone_and_the_others_are_run_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let manifest = batch_dir(tmp.path());
    let out = tmp.path().join("out");
    let o = batch(&["--export", "csv,tmx,jsonl"], &manifest, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("broken failed: ") && stderr(&o).contains("binary"), "{}", stderr(&o));
    assert!(stdout(&o).contains("4 documents: 3 aligned, 0 unchanged (skipped), 1 failed"), "{}", stdout(&o));
    let rows = statuses(&out);
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids, ["broken", "part-a", "part-b", "statement"]);
    assert_eq!(rows[0].1, "failed");
    assert!(rows[0].2.contains("bad/ru.txt") && rows[0].2.contains("binary"), "{}", rows[0].2);
    assert!(rows[1..].iter().all(|r| r.1 == "ok" && r.2.is_empty()), "{rows:?}");
    let (header, table) = read_csv(&out.join("batch.csv"));
    assert_eq!(header[3..7], ["en-ru_beads", "en-ru_mean_score", "en-zh_beads", "en-zh_mean_score"]);
    // part-a has no Chinese, part-b no Russian.
    assert!(!table[1][3].is_empty() && table[1][5].is_empty() && table[2][3].is_empty() && !table[2][5].is_empty());
    assert!(!out.join("broken").exists());
    // Each document's folder is an `align` folder: export and report open it.
    for id in ["statement", "part-a", "part-b"] {
        let dir = out.join(id);
        assert!(dir.join("review.json").is_file() && dir.join("summary.json").is_file(), "{id}");
        ok(["export".as_ref(), dir.as_os_str(), "-q".as_ref()]);
        ok(["report".as_ref(), dir.as_os_str()]);
    }
    assert!(out.join("statement/en-ru-zh.csv").is_file() && out.join("part-a/en-ru.jsonl").is_file());
    // The combined exports: every document, each row naming its document.
    let (header, rows) = read_csv(&out.join("en-ru.csv"));
    assert_eq!(header[0], "document");
    let docs: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), ["part-a", "statement"]);
    let statement_rows = read_csv(&out.join("statement/en-ru.csv")).1.len();
    assert_eq!(rows.iter().filter(|r| &r[0] == "statement").count(), statement_rows);
    let tmx = read(&out.join("en-ru-zh.tmx"));
    assert!(tmx.contains("<prop type=\"x-document\">part-b</prop>") && tmx.contains("tuid=\"statement:"));
    assert!(read(&out.join("en-zh.jsonl")).lines().all(|l| l.starts_with("{\"document\":\"")));
}

#[test]
fn a_second_run_skips_finished_documents_and_a_changed_input_realigns_that_one() {
    let (tmp, manifest, out) = aligned_once();
    let before = |id: &str| std::fs::read(out.join(id).join("review.json")).unwrap();
    let (a, statement) = (before("part-a"), before("statement"));
    let o = batch(&["--no-lexical"], &manifest, &out);
    assert_eq!(o.status.code(), Some(1), "the broken row still fails: {}", stderr(&o));
    assert!(stdout(&o).contains("0 aligned, 3 unchanged (skipped), 1 failed"), "{}", stdout(&o));
    // The Chinese half changes: only part-b is aligned again.
    let zh = tmp.path().join("b.zh");
    std::fs::write(&zh, read(&zh) + "\n新的一句话。\n").unwrap();
    let o = batch(&["--no-lexical"], &manifest, &out);
    assert!(stdout(&o).contains("1 aligned, 2 unchanged (skipped), 1 failed"), "{}", stdout(&o));
    assert_eq!(before("part-a"), a);
    assert_eq!(before("statement"), statement);
    assert!(read(&out.join("part-b/zh.sentences.txt")).contains("新的一句话。"));
    // Other settings change results: everything is aligned again.
    let o = batch(&["--no-lexical", "--review-threshold", "0.7"], &manifest, &out);
    assert!(stdout(&o).contains("3 aligned, 0 unchanged"), "{}", stdout(&o));
}

#[test]
fn the_merged_shards_are_the_unsharded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let manifest = batch_dir(tmp.path());
    // Without lexical evidence there is no self-training across documents,
    // so a shard's documents align exactly as in the whole batch.
    let whole = tmp.path().join("whole");
    batch(&["--no-lexical"], &manifest, &whole);
    let parts: Vec<PathBuf> = (1..=2).map(|k| tmp.path().join(format!("part{k}"))).collect();
    for (k, part) in parts.iter().enumerate() {
        batch(&["--no-lexical", "--shard", &format!("{}/2", k + 1)], &manifest, part);
    }
    let (one, two) = (statuses(&parts[0]), statuses(&parts[1]));
    assert!(!one.is_empty() && !two.is_empty(), "{one:?} {two:?}");
    assert!(one.iter().all(|r| !two.iter().any(|s| s.0 == r.0)), "disjoint: {one:?} {two:?}");
    let merged = tmp.path().join("merged");
    let o = run([
        "batch".as_ref(),
        "--merge".as_ref(),
        parts[0].as_os_str(),
        parts[1].as_os_str(),
        "-o".as_ref(),
        merged.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1), "the broken row is failed in the merge too: {}", stderr(&o));
    assert_eq!(read(&merged.join("batch.csv")), read(&whole.join("batch.csv")));
    for name in ["en-ru.csv", "en-zh.csv", "en-ru-zh.csv"] {
        assert_eq!(read(&merged.join(name)), read(&whole.join(name)), "{name}");
    }
    for (id, names) in [
        ("statement", &["en-ru.csv", "en-zh.csv", "en-ru-zh.csv", "en-ru.align", "zh.sentences.txt"][..]),
        ("part-a", &["en-ru.csv", "en-ru.align"][..]),
        ("part-b", &["en-zh.csv", "en-zh.align"][..]),
    ] {
        for name in names {
            assert_eq!(read(&merged.join(id).join(name)), read(&whole.join(id).join(name)), "{id}/{name}");
        }
    }
    // A part given twice holds its documents twice: refused.
    let again = tmp.path().join("again");
    let o = run([
        "batch".as_ref(),
        "--merge".as_ref(),
        parts[0].as_os_str(),
        parts[0].as_os_str(),
        "-o".as_ref(),
        again.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is in both"), "{}", stderr(&o));
}

#[test]
fn manifest_mistakes_exit_2_with_the_manifest_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    batch_dir(tmp.path());
    let out = tmp.path().join("out");
    for (text, line, why) in [
        ("id,en,ru\nx,en.txt,missing.txt\n", 2, "does not exist"),
        ("id,en,notes\nx,en.txt,ru.txt\n", 1, "unknown column `notes`"),
        ("id,en,ru\nx,en.txt,ru.txt\nx,a.en,a.ru\n", 3, "given twice"),
        ("id,en,ru\n../up,en.txt,ru.txt\n", 2, "not safe as a folder name"),
        ("id,en,ru\nx,en.txt,ru.txt\n,,\n", 3, "empty row"),
    ] {
        let manifest = tmp.path().join("m.csv");
        std::fs::write(&manifest, text).unwrap();
        let o = batch(&["--no-lexical"], &manifest, &out);
        assert_eq!(o.status.code(), Some(2), "{text:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(&format!("m.csv, line {line}: ")) && err.contains(why), "{text:?}: {err}");
        assert!(!out.exists(), "nothing written for {text:?}");
    }
}

#[test]
fn a_reviewed_document_keeps_its_review_or_fails_rather_than_lose_it() {
    let (tmp, manifest, out) = aligned_once();
    let doc = out.join("part-a");
    let confirmed = || read(&doc.join("review.json")).matches("\"confirmed\"").count();
    common::trialign()
        .args(["review".as_ref(), doc.as_os_str(), "--apply".as_ref(), "-".as_ref()])
        .write_stdin("confirm-to en:4\n")
        .assert()
        .success();
    let reviewed = confirmed();
    assert!(reviewed > 0);
    // A sentence added at the end: re-aligned, the confirmed beads kept.
    let ru = tmp.path().join("a.ru");
    let first_half = read(&ru);
    std::fs::write(&ru, first_half.clone() + "\nНовое предложение в конце.\n").unwrap();
    let o = batch(&["--no-lexical"], &manifest, &out);
    assert!(stdout(&o).contains("1 aligned, 2 unchanged"), "{}", stdout(&o));
    assert_eq!(confirmed(), reviewed);
    // Other Russian text altogether: it would keep none of them, so it fails and the folder stays.
    let text = read(&tmp.path().join("ru.txt"));
    std::fs::write(&ru, text.split("\n\n").skip(6).collect::<Vec<_>>().join("\n\n")).unwrap();
    let before = read(&doc.join("review.json"));
    let o = batch(&["--no-lexical"], &manifest, &out);
    let row = statuses(&out).into_iter().find(|r| r.0 == "part-a").unwrap();
    assert_eq!(row.1, "failed", "{}", stderr(&o));
    assert!(row.2.contains("confirmed or edited en-ru beads") && row.2.contains("--force"), "{}", row.2);
    assert_eq!(read(&doc.join("review.json")), before);
    // --force discards the review.
    let o = batch(&["--no-lexical", "--force"], &manifest, &out);
    assert!(stdout(&o).contains("1 aligned"), "{}", stdout(&o));
    assert_eq!(confirmed(), 0);
}
