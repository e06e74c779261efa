//! `trialign report DIR`: the HTML page of a review, end to end — written
//! from a review.json, checked as text, then rendered in headless Chromium
//! (the plot and the table after the script ran, the filters, a screenshot).
//! Without chromium the rendering tests print a notice and pass, except in
//! CI, where they fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{in_ci, run, stderr, visible_notice};
use trialign::align::{Alignment, Bead};
use trialign::formats::save_review;
use trialign::lang::Lang;
use trialign::review::{Edit, Flag, Language, PairRun, Review, RowView, Status};

/// A review made through the library as `align` and `review` make one:
/// sentences with markup characters, Cyrillic and Chinese, beads of several
/// shapes and scores, some rows confirmed and two merged by edits.
fn sample_review() -> Review {
    // Letters rather than digits tell the sentences apart: numbers that
    // differ between the sides would flag every row.
    let tag = |i: usize| format!("{}{}", char::from(b'a' + (i / 26) as u8), char::from(b'a' + (i % 26) as u8));
    let en: Vec<String> = (0..30)
        .map(|i| match i {
            3 => "Prices rose by <5% & \"wages\" didn't.".to_string(),
            7 => "<script>alert('x')</script> is text, not code.".to_string(),
            _ => format!("English sentence {} of the statement, with some words.", tag(i)),
        })
        .collect();
    let language = |code: &str, sentences: Vec<String>| {
        Language::new(Lang::new(code).unwrap(), format!("corpora/{code}.txt"), code.as_bytes(), sentences)
    };
    // en 0..30 against 29 Russian sentences (a 2-1 at 10, a 1-0 at 20) and
    // 30 Chinese ones (a 1-2 at 15, one 0-1 at 25).
    let mut ru_beads = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < 30 {
        let (a, b) = match i {
            10 => (2, 1),
            20 => (1, 0),
            _ => (1, 1),
        };
        ru_beads.push(Bead::new(i..i + a, j..j + b));
        (i, j) = (i + a, j + b);
    }
    let n_ru = j;
    let mut zh_beads = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < 30 {
        let (a, b) = match i {
            15 => (1, 2),
            25 if j == 26 => (0, 1),
            _ => (1, 1),
        };
        zh_beads.push(Bead::new(i..i + a, j..j + b));
        (i, j) = (i + a, j + b);
    }
    let n_zh = j;
    let ru: Vec<String> = (0..n_ru).map(|j| format!("Русское предложение {} «заявления» — <б>.", tag(j))).collect();
    let zh: Vec<String> = (0..n_zh).map(|j| format!("声明的{}句中文。", tag(j))).collect();
    let pair = |beads: Vec<Bead>, n: usize| {
        let scores = (0..beads.len()).map(|k| [0.99, 0.97, 0.93, 0.85, 0.62, 0.41, 0.18][k * 5 % 7]).collect();
        let run =
            PairRun { length_ratio: 1.1, length_variance: 6.5, evidence: vec!["length".into()], ..PairRun::default() };
        (run, Alignment::new(beads, 30, n).unwrap(), scores)
    };
    let languages = vec![language("en", en), language("ru", ru), language("zh", zh)];
    let mut review = Review::from_run(languages, vec![pair(ru_beads, n_ru), pair(zh_beads, n_zh)], 0.5, 1.5).unwrap();
    // What a person would do: confirm the first rows, merge two further down.
    for edit in ["confirm-to #4", "merge #6"] {
        let edit = Edit::parse(edit, &review).unwrap();
        review.apply(&edit, "2026-12-01T22:00:00Z").unwrap();
    }
    review
}

/// A folder holding the review.json of [`sample_review`].
fn review_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    save_review(dir.path(), &sample_review()).unwrap();
    dir
}

#[test]
fn report_writes_a_self_contained_page_beside_the_review() {
    let dir = review_dir();
    let o = run([Path::new("report"), dir.path()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [r#"<svg class="plot""#, r#"<svg class="histogram""#, r#"<table id="rows""#, r#"<form id="filters""#]
    {
        assert!(html.contains(needle), "{needle} missing");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "sentences are escaped");
    assert_eq!(html.matches("<script>").count(), 1, "the only script is the page's own");
    for external in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(external), "the page refers to something outside it: {external}");
    }
}

#[test]
fn the_documents_table_tells_how_align_read_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::root().join("tests/fixtures/input");
    let out = dir.path().join("run");
    common::ok([
        "align".as_ref(),
        input.join("ru.cp1251.txt").as_os_str(),
        input.join("zh.utf16be.txt").as_os_str(),
        "-q".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    common::ok([Path::new("report"), &out]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let documents = &html[html.find(r#"<section id="documents">"#).unwrap()..];
    let documents = &documents[..documents.find("</table>").unwrap()];
    assert!(documents.contains("<td>text</td><td>windows-1251</td><td>guessed</td>"), "{documents}");
    assert!(documents.contains("<td>text</td><td>UTF-16BE</td><td>UTF-16 by its zero bytes</td>"), "{documents}");
}

#[test]
fn report_writes_where_asked_and_says_where() {
    let dir = review_dir();
    let out = dir.path().join("sub/page.html");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let o = run([Path::new("report"), dir.path(), Path::new("-o"), &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(common::stdout(&o).contains("page.html"));
    assert!(out.exists() && !dir.path().join("report.html").exists());
}

#[test]
fn a_folder_without_a_review_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = run([Path::new("report"), dir.path()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("review.json"), "{}", stderr(&o));
}

#[test]
fn a_broken_review_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("review.json"), "{\"format\": \"trialign-review\", \"vers").unwrap();
    let o = run([Path::new("report"), dir.path()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("review.json"), "{}", stderr(&o));
    assert!(!dir.path().join("report.html").exists());
}

/// The chromium to render with, or `None` (after a notice) where there is
/// none and the test may skip.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(!in_ci(), "chromium is not installed: run scripts/setup.sh (or apt-get install chromium)");
        visible_notice("NOTICE: chromium not found: the HTML report was not rendered; scripts/setup.sh installs it");
    }
    found
}

/// Runs headless chromium on `page` with `args`, in a fresh profile, and
/// returns its stdout; fails after a minute rather than hang the suite.
fn headless(chromium: &Path, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap());
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("chromium did not finish in a minute on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// The report of the sample review, written by `trialign report`.
fn written_report() -> (tempfile::TempDir, PathBuf) {
    let dir = review_dir();
    let o = run([Path::new("report"), dir.path()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = dir.path().join("report.html");
    (dir, page)
}

#[test]
fn chromium_shows_the_plot_and_the_table_after_the_script_ran() {
    let Some(chromium) = chromium() else { return };
    let (_dir, page) = written_report();
    let dom = headless(&chromium, &page, &["--dump-dom"]);
    assert_eq!(dom.matches(r#"<svg class="plot""#).count(), 2, "one plot per pair");
    assert!(dom.contains(r#"<table id="rows""#));
    let rows = sample_review().rows().len();
    assert_eq!(dom.matches("<tr id=\"r").count(), rows);
    // The script showed the filters and counted the rows.
    assert!(dom.contains(r#"<form id="filters">"#), "the filters are shown");
    assert!(dom.contains(&format!("{rows} of {rows} rows shown")), "the script counted the rows");
}

#[test]
fn chromium_filters_the_rows() {
    let Some(chromium) = chromium() else { return };
    let (dir, page) = written_report();
    let rows = sample_review().rows();
    let count = |keep: &dyn Fn(&RowView) -> bool| rows.iter().filter(|r| keep(r)).count();
    // Each filter on its own, with the rows it should keep.
    let cases: [(&str, &str, usize); 6] = [
        ("status", "confirmed", count(&|r| r.status == Status::Confirmed)),
        ("status", "reviewed", count(&|r| r.status != Status::Auto)),
        ("flag", "none", count(&|r| r.flags.is_empty())),
        ("flag", "low-score", count(&|r| r.flags.contains(Flag::LowScore))),
        ("kind", "1-1-2", count(&|r| r.kind == "1-1-2")),
        ("band", "4", count(&|r| r.scores.iter().flatten().copied().reduce(f64::min).is_some_and(|s| s >= 0.9))),
    ];
    for (_, _, n) in &cases {
        assert!(*n > 0 && *n < rows.len(), "every case keeps some rows and hides some: {cases:?}");
    }
    // Choose each as a person would, after the page's script ran, and note
    // what the page says it shows and what it hides.
    let script: String = cases
        .iter()
        .map(|(name, value, _)| {
            format!(
                "f.reset(); f.{name}.value = '{value}'; f.dispatchEvent(new Event('change')); \
                 out.push('{name}={value}: ' + document.getElementById('shown').textContent + ', ' + \
                 document.querySelectorAll('#rows tbody tr:not([hidden])').length + ' visible');"
            )
        })
        .collect();
    let html = std::fs::read_to_string(&page).unwrap().replace(
        "</body>",
        &format!(
            "<script>var f = document.getElementById('filters'), out = []; {script} \
             document.body.insertAdjacentHTML('beforeend', '<pre id=results>' + out.join('\\n') + '</pre>');</script></body>"
        ),
    );
    let filtered = dir.path().join("filtered.html");
    std::fs::write(&filtered, html).unwrap();
    let dom = headless(&chromium, &filtered, &["--dump-dom"]);
    for (name, value, n) in cases {
        let line = format!("{name}={value}: {n} of {} rows shown, {n} visible", rows.len());
        assert!(dom.contains(&line), "{line} not in {}", &dom[dom.rfind("<pre").unwrap_or(0)..]);
    }
}

#[test]
fn chromium_takes_a_screenshot() {
    let Some(chromium) = chromium() else { return };
    let (_dir, page) = written_report();
    // Kept in the target folder so that a person can look at it.
    let png = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-screenshot.png");
    let _ = std::fs::remove_file(&png);
    headless(&chromium, &page, &[&format!("--screenshot={}", png.display()), "--window-size=1280,2000"]);
    let bytes = std::fs::read(&png).expect("chromium wrote the screenshot");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1280, 2000), "the size of the window");
    // A blank page of that size compresses to a few kilobytes.
    assert!(bytes.len() > 50_000, "the screenshot is nearly empty: {} bytes", bytes.len());
    eprintln!("screenshot: {}", png.display());
}
