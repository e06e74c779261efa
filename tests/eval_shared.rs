//! `eval` agrees with the reference scorer `../shared/tools/score.py`, and
//! the aligner reaches accuracy floors on the development sets.
//!
//! The sets live in `../shared/data` (outside the repository). Without it the
//! tests that need it print "skipping: ../shared/data not found" and pass —
//! unless the environment variable CI is set, when they fail.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use common::*;
use tempfile::TempDir;

/// The gold files of a set folder, sorted, with their document names.
fn gold_files(set: &Path) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = std::fs::read_dir(set)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "gold"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    v.sort();
    v
}

/// What `eval --set` said of a set.
struct SetFigures {
    /// The six figures of the `set` line.
    figs: Vec<f64>,
    /// Whether a built-in lexicon was used.
    used: bool,
    /// The share (%) of the wrong beads in the errors the first tenth of
    /// the review queue touches; 100 when no bead is wrong.
    queue: f64,
}

/// Runs `eval --set SET --save TMP/saved EXTRA`, checks the `set` line and
/// each document line against score.py, and returns what it said.
fn eval_set_against_score_py(shared: &Path, set: &Path, docs: usize, extra: &[&str]) -> SetFigures {
    let tmp = TempDir::new().unwrap();
    let saved = tmp.path().join("saved");
    let dump = tmp.path().join("beads.tsv");
    let mut args = vec![
        OsString::from("eval"),
        "--set".into(),
        set.as_os_str().to_owned(),
        "--save".into(),
        saved.as_os_str().to_owned(),
        "--dump-beads".into(),
        dump.as_os_str().to_owned(),
    ];
    args.extend(extra.iter().map(Into::into));
    let out = ok(args);
    let golds = gold_files(set);
    assert_eq!(golds.len(), docs, "documents in {}", set.display());
    let mut pairs = vec![];
    for (name, gold) in &golds {
        let pred = saved.join(format!("{name}.align"));
        assert!(pred.is_file(), "{} was not saved", pred.display());
        for line in lines(&pred) {
            let (_, score) = split_score(&line);
            assert!(is_score(score), "{}: bad score in {line:?}", pred.display());
        }
        pairs.push((gold.clone(), pred));
    }
    // Each document's line agrees with score.py on that document alone.
    for ((name, _), doc) in golds.iter().zip(score_py_each(shared, &pairs)) {
        assert_eq!(figures_of(&out, name), score_py_figures(&doc), "document {name} of {}:\n{out}", set.display());
    }
    // The bead table has a row per saved bead, its posterior and features.
    let table = read(&dump);
    let mut rows = table.lines();
    assert!(rows.next().unwrap().starts_with("document\tsrc\ttgt\tposterior\tcorrect\tbias\t"));
    let beads: usize = pairs.iter().map(|(_, pred)| lines(pred).len()).sum();
    assert_eq!(rows.clone().count(), beads);
    for row in rows {
        let cols: Vec<&str> = row.split('\t').collect();
        let posterior: f64 = cols[3].parse().unwrap();
        assert!((0.0..=1.0).contains(&posterior) && (cols[4] == "0" || cols[4] == "1"), "{row}");
    }
    let saved_count = std::fs::read_dir(&saved).unwrap().count();
    assert_eq!(saved_count, docs, "one saved .align per document");
    let set_figs = figures_of(&out, "set");
    let reference = score_py(shared, &pairs);
    assert_eq!(set_figs, score_py_figures(&reference), "set figures of {} differ from score.py:\n{out}", set.display());
    // The scores are calibrated: expected calibration error at most 0.05.
    let ece = number_between(&out, "calibration: ECE ", ";");
    assert!(ece <= 0.05, "calibration error {ece} > 0.05 on {}", set.display());
    // Reading the lowest-scored tenth leads a reviewer to half the wrong beads or more.
    let touched = number_between(&out, "tenth, ", " % in the errors it touches");
    let none_wrong = out.contains(" of the 0 wrong ");
    assert!(
        none_wrong || touched >= 50.0,
        "{touched} % of the wrong beads in the errors the lowest tenth touches on {}",
        set.display()
    );
    let queue = number_between(&out, "touches; ", " % in the errors the first tenth of the review queue touches");
    // The queue only reorders: every bead is in the table once, queue columns included.
    assert!(table.lines().next().unwrap().contains("\tqueue_doubt\t"));
    let used = out.contains("CC-CEDICT (") || out.contains("Müller 7 (");
    SetFigures {
        figs: set_figs.iter().map(|f| f.parse().unwrap()).collect(),
        used,
        queue: if none_wrong { 100.0 } else { queue },
    }
}

/// The number in `out` right after `before`, up to `after`.
fn number_between(out: &str, before: &str, after: &str) -> f64 {
    out.split(before)
        .nth(1)
        .and_then(|rest| rest.split(after).next())
        .and_then(|x| x.trim().parse().ok())
        .unwrap_or_else(|| panic!("no number between {before:?} and {after:?} in:\n{out}"))
}

/// Whether the built-in lexicons were used: `scripts/setup.sh` installs
/// them, and CI runs it, so there they must have been; elsewhere the floors
/// that need them are skipped with a notice.
fn lexicons_expected(used: bool, set: &str) -> bool {
    if !used && in_ci() {
        panic!("{set}: CI is set but no built-in lexicon was found; run scripts/setup.sh");
    }
    if !used {
        visible_notice(&format!(
            "skipping the with-lexicon floor of {set}: run scripts/setup.sh to install the lexicons"
        ));
    }
    used
}

const F1_STRICT: usize = 2;

#[test]
fn textberg_set_agrees_with_score_py() {
    let Some(shared) = shared() else { return };
    // No lexicon exists for German–French: names and self-training only.
    let set = eval_set_against_score_py(&shared, &shared.join("data/textberg-dev-de-fr"), 1, &[]);
    assert!(set.figs[F1_STRICT] >= 0.90, "textberg strict F1 {} < 0.90", set.figs[F1_STRICT]);
    // Reading the first tenth of the review queue: 81 %.
    assert!(set.queue >= 75.0, "textberg: the review queue's first tenth touches {} % < 75 %", set.queue);
}

#[test]
fn mac_set_with_lexicons() {
    let Some(shared) = shared() else { return };
    let set = eval_set_against_score_py(&shared, &shared.join("data/mac-dev-zh-en"), 6, &[]);
    if lexicons_expected(set.used, "mac-dev-zh-en") {
        assert!(set.figs[F1_STRICT] >= 0.85, "mac strict F1 with lexicons {} < 0.85", set.figs[F1_STRICT]);
        // 80 %.
        assert!(set.queue >= 75.0, "mac: the review queue's first tenth touches {} % < 75 %", set.queue);
    }
}

#[test]
fn mac_set_without_lexicons() {
    let Some(shared) = shared() else { return };
    let set = eval_set_against_score_py(&shared, &shared.join("data/mac-dev-zh-en"), 6, &["--no-lexicons"]);
    assert!(!set.used);
    assert!(set.figs[F1_STRICT] >= 0.82, "mac strict F1 without lexicons {} < 0.82", set.figs[F1_STRICT]);
    // 79 %.
    assert!(set.queue >= 75.0, "mac without lexicons: the review queue's first tenth touches {} % < 75 %", set.queue);
}

/// `trialign perturb FLORES --langs SRC,TGT --seed 7 -o OUT`: the FLORES set
/// of the development figures.
fn perturb_flores(flores: &Path, src: &str, tgt: &str, out: &Path) -> String {
    ok([
        OsString::from("perturb"),
        flores.as_os_str().to_owned(),
        "--langs".into(),
        format!("{src},{tgt}").into(),
        "--seed".into(),
        "7".into(),
        "-o".into(),
        out.as_os_str().to_owned(),
    ])
}

/// `perturb` a FLORES pair with seed 7, then align and score it: strict F1
/// at least `with_lexicons` when the built-in lexicons are installed.
fn flores(src: &str, tgt: &str, with_lexicons: f64) {
    let Some(shared) = shared() else { return };
    let tmp = TempDir::new().unwrap();
    let set = tmp.path().join(format!("flores-{src}-{tgt}"));
    let flores = shared.join("data/flores-devtest-en-ru-zh");
    let perturb = |out: &Path| perturb_flores(&flores, src, tgt, out);
    let said = perturb(&set);
    assert!(said.contains("281 documents"), "{said}");
    let golds = gold_files(&set);
    assert_eq!(golds.len(), 281);
    for (name, _) in &golds {
        for lang in [src, tgt] {
            assert!(set.join(format!("{name}.{lang}")).is_file(), "{name}.{lang} missing");
        }
    }
    // The same seed gives the same set.
    let again = tmp.path().join(format!("again-{src}-{tgt}"));
    perturb(&again);
    for (name, gold) in golds.iter().take(40) {
        assert_eq!(read(gold), read(&again.join(format!("{name}.gold"))), "perturb --seed 7 is not reproducible");
        assert_eq!(read(&set.join(format!("{name}.{tgt}"))), read(&again.join(format!("{name}.{tgt}"))));
    }
    let figures = eval_set_against_score_py(&shared, &set, 281, &[]);
    let floor = if lexicons_expected(figures.used, &format!("flores-{src}-{tgt}")) { with_lexicons } else { 0.96 };
    assert!(figures.figs[F1_STRICT] >= floor, "flores {src}-{tgt} strict F1 {} < {floor}", figures.figs[F1_STRICT]);
    // With and without lexicons, en-ru 100 % and 100 %, en-zh 100 % and 90 %.
    let queue = figures.queue;
    assert!(queue >= 90.0, "flores {src}-{tgt}: the review queue's first tenth touches {queue} % < 90 %");
}

#[test]
fn flores_en_ru_perturbed() {
    flores("en", "ru", 0.98);
}

#[test]
fn flores_en_zh_perturbed() {
    flores("en", "zh", 0.98);
}

// ---- eval GOLD PRED on single files (needs score.py only for the check) ----

/// `eval GOLD PRED`: the header line, then the six figures.
fn eval_files(gold: &Path, pred: &Path) -> (Vec<String>, String) {
    let out = ok([OsString::from("eval"), gold.as_os_str().to_owned(), pred.as_os_str().to_owned()]);
    let mut l = out.lines();
    assert_eq!(l.next(), Some("P strict  R strict  F1 strict  P lax  R lax  F1 lax"), "{out}");
    let line = l.next().unwrap_or_else(|| panic!("no figures in:\n{out}"));
    let figs: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    assert_figures(&figs, line);
    (figs, out)
}

/// A hand-made prediction for en-ru of the statement: a shifted bead, a
/// split 2-1, a wrong 1-2, a missing 1-0, a 0-1, with scores.
const HANDMADE_EN_RU: &str = "\
[0]:[]:0.9000
[1]:[0]:0.8000
[2,3]:[]:0.7000
[4]:[1]:0.9500
[5]:[2]:0.9500
[6]:[3,4]:0.4000
[7]:[]:0.3000
[8]:[5]:0.9000
[9]:[6]:0.6000
[]:[7]:0.2000
[10]:[8]:0.9900
[11]:[9]:0.5000
[12]:[]:0.4000
[13]:[10]:0.9000
[14]:[11]:0.8000
[15]:[12]:0.7000
[16]:[]:0.5000
[17]:[]:0.5000
[18]:[]:0.5000
";

#[test]
fn eval_single_file_agrees_with_score_py() {
    let tmp = TempDir::new().unwrap();
    let pred = tmp.path().join("handmade.align");
    std::fs::write(&pred, HANDMADE_EN_RU).unwrap();
    let gold = statement("en-ru.gold");
    let (figs, out) = eval_files(&gold, &pred);
    assert!(out.contains("calibration: ECE"), "scores given, so a calibration line:\n{out}");
    // Not perfect, not zero.
    assert_ne!(figs[F1_STRICT], "1.0000");
    assert_ne!(figs[F1_STRICT], "0.0000");
    if let Some(shared) = shared() {
        let reference = score_py(&shared, &[(gold.clone(), pred.clone())]);
        assert_eq!(figs, score_py_figures(&reference), "{out}");
        // --json prints what score.py prints.
        let json =
            ok([OsString::from("eval"), gold.as_os_str().to_owned(), pred.as_os_str().to_owned(), "--json".into()]);
        assert_eq!(json, score_py_output(&shared, &[(gold.clone(), pred.clone())]));
        // Without scores too.
        let bare = tmp.path().join("bare.align");
        let text: String = HANDMADE_EN_RU.lines().map(|l| split_score(l).0.to_string() + "\n").collect();
        std::fs::write(&bare, text).unwrap();
        let (bare_figs, bare_out) = eval_files(&gold, &bare);
        assert_eq!(bare_figs, figs);
        assert!(!bare_out.contains("calibration"), "{bare_out}");
    }
}

#[test]
fn eval_gold_against_itself_is_perfect() {
    for g in ["en-ru.gold", "en-zh.gold"] {
        let (figs, _) = eval_files(&statement(g), &statement(g));
        assert!(figs.iter().all(|f| f == "1.0000"), "{g}: {figs:?}");
    }
}

/// The aligner's own output for the statement scores 1 against the gold,
/// and score.py agrees with `eval` on both pairs.
#[test]
fn eval_of_statement_alignment() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("out");
    ok([
        OsString::from("align"),
        statement("en.txt").into_os_string(),
        statement("ru.txt").into_os_string(),
        statement("zh.txt").into_os_string(),
        "-o".into(),
        dir.clone().into_os_string(),
        "-q".into(),
    ]);
    let shared = shared();
    for pair in ["en-ru", "en-zh"] {
        let gold = statement(&format!("{pair}.gold"));
        let pred = dir.join(format!("{pair}.align"));
        let (figs, _) = eval_files(&gold, &pred);
        assert!(figs.iter().all(|f| f == "1.0000"), "{pair}: {figs:?}");
        if let Some(s) = &shared {
            assert_eq!(figs, score_py_figures(&score_py(s, &[(gold, pred)])));
        }
    }
}

// ---- the not-a-translation check on real chapters ----

/// `align` of two MAC-Dev chapters: its exit code and stderr.
fn align_chapters(en: &str, zh: &str) -> (Option<i32>, String) {
    let mac = shared_data().expect("checked by the caller").join("mac-dev-zh-en");
    align_presegmented(&mac.join(en), &mac.join(zh), "en,zh", &[])
}

/// The freest translation of the development sets (MAC-Dev 002: lengths
/// vary more than in any other) is still taken for one, and — with the
/// Chinese–English lexicon — a chapter paired with another chapter is not.
/// Without a lexicon the two cannot be told apart (mean scores 0.48 and
/// 0.40–0.53), so that half needs scripts/setup.sh.
#[test]
fn a_free_translation_passes_and_another_chapter_does_not() {
    if shared().is_none() {
        return;
    }
    let (code, err) = align_chapters("002.en", "002.zh");
    assert_eq!(code, Some(0), "{err}");
    if !lexicons_installed(&["en", "zh"], "the unrelated-chapter half") {
        return;
    }
    let (code, err) = align_chapters("001.en", "003.zh");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("do not look like translations"), "{err}");
}

// ---- the fast search against the exact one ----

/// Strict F1 of `eval --set SET EXTRA`.
fn strict_f1(set: &Path, extra: &[&str]) -> f64 {
    let mut args = vec![OsString::from("eval"), "--set".into(), set.as_os_str().to_owned()];
    args.extend(extra.iter().map(Into::into));
    let out = ok(args);
    let line = out.lines().find(|l| l.starts_with("set ")).unwrap_or_else(|| panic!("no set line in {out}"));
    line.split_whitespace().nth(1 + F1_STRICT).unwrap().parse().unwrap()
}

/// The narrow band along earlier paths loses at most 0.002 of strict F1
/// against the wide band (`--exact`) on every development set.
#[test]
fn fast_path_agrees_with_exact_search() {
    let Some(shared) = shared() else { return };
    let tmp = TempDir::new().unwrap();
    let mut sets = vec![shared.join("data/textberg-dev-de-fr"), shared.join("data/mac-dev-zh-en")];
    for (src, tgt) in [("en", "ru"), ("en", "zh")] {
        let set = tmp.path().join(format!("flores-{src}-{tgt}"));
        perturb_flores(&shared.join("data/flores-devtest-en-ru-zh"), src, tgt, &set);
        sets.push(set);
    }
    for set in &sets {
        for extra in [&[][..], &["--no-lexicons"][..]] {
            let fast = strict_f1(set, extra);
            let exact = strict_f1(set, &[extra, &["--exact"]].concat());
            assert!(
                fast >= exact - 0.002,
                "{} {extra:?}: fast strict F1 {fast} < exact {exact} − 0.002",
                set.display()
            );
        }
    }
}
