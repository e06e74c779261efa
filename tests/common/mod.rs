//! Helpers shared by the integration tests: running the binary, locating the
//! corpus and the optional `../shared` material, reading the output files.
#![allow(dead_code)] // each test crate uses a different subset

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The project root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of `corpora/statement`.
pub fn statement(name: &str) -> PathBuf {
    root().join("corpora/statement").join(name)
}

/// The `trialign` binary built for this test run, started in the project root.
pub fn trialign() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trialign"));
    cmd.current_dir(root());
    cmd
}

/// Runs `trialign ARGS` and returns its output, whatever the exit code.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    trialign().args(args).output().expect("the trialign binary runs")
}

/// `align SRC TGT --langs LANGS --presegmented -q` into a temporary
/// folder, with `extra` options: its exit code and stderr.
pub fn align_presegmented(src: &Path, tgt: &Path, langs: &str, extra: &[&str]) -> (Option<i32>, String) {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let mut args: Vec<&std::ffi::OsStr> = vec!["align".as_ref(), src.as_ref(), tgt.as_ref()];
    args.extend(["--langs", langs, "--presegmented", "-q"].map(std::ffi::OsStr::new));
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    args.extend(["-o".as_ref(), out.as_os_str()]);
    let o = run(args);
    (o.status.code(), stderr(&o))
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts a successful run and returns its stdout.
pub fn ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let o = run(&args);
    assert!(o.status.success(), "trialign {args:?} failed ({:?}):\n{}", o.status.code(), stderr(&o));
    stdout(&o)
}

/// True when running under CI (`CI` set to anything but "", "0" or "false").
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// `../shared` relative to the project root, when it holds the data sets
/// and the reference scorer. When it is absent the caller should return
/// early (the test passes with a notice, [`visible_notice`]) — except under CI, where
/// the data must be there and its absence fails the test.
pub fn shared() -> Option<PathBuf> {
    let dir = root().join("../shared");
    if dir.join("data").is_dir() && dir.join("tools/score.py").is_file() {
        return Some(dir);
    }
    if in_ci() {
        panic!("CI is set but {} (with data/ and tools/score.py) was not found", dir.display());
    }
    visible_notice("skipping: ../shared/data not found");
    None
}

/// Whether a built-in lexicon for `langs` is installed (scripts/setup.sh).
/// Without one the caller should skip what needs it — except under CI, where
/// the setup script has run and its absence fails the test.
pub fn lexicons_installed(langs: &[&str], what: &str) -> bool {
    let found = trialign::evidence::lexicon::find(langs).expect("the installed lexicons read");
    if found.sources.is_empty() {
        assert!(!in_ci(), "CI is set but no {langs:?} lexicon was found for {what}; run scripts/setup.sh");
        visible_notice(&format!("skipping {what}: no {langs:?} lexicon installed (scripts/setup.sh)"));
        return false;
    }
    true
}

/// `../shared/data`, see [`shared`].
pub fn shared_data() -> Option<PathBuf> {
    shared().map(|s| s.join("data"))
}

/// Runs `python3 ../shared/tools/score.py GOLD PRED [GOLD PRED ...]` and
/// returns its JSON.
pub fn score_py(shared: &Path, pairs: &[(PathBuf, PathBuf)]) -> serde_json::Value {
    serde_json::from_str(&score_py_output(shared, pairs)).expect("score.py prints JSON")
}

/// What score.py prints for these (GOLD, PRED) pairs, verbatim.
pub fn score_py_output(shared: &Path, pairs: &[(PathBuf, PathBuf)]) -> String {
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(shared.join("tools/score.py"));
    for (g, p) in pairs {
        cmd.arg(g).arg(p);
    }
    let o = cmd.output().expect("python3 runs");
    assert!(o.status.success(), "score.py failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("score.py prints UTF-8")
}

/// score.py's figures for each (GOLD, PRED) pair on its own, in one Python
/// process (imports score.py and calls its `read` and `score`; running the
/// script once per document of a 281-document set would take half a minute).
pub fn score_py_each(shared: &Path, pairs: &[(PathBuf, PathBuf)]) -> Vec<serde_json::Value> {
    const SCRIPT: &str = "import json, sys\n\
sys.path.insert(0, sys.argv[1])\n\
import score\n\
a = sys.argv[2:]\n\
print(json.dumps([score.score([(score.read(a[i]), score.read(a[i + 1]))]) for i in range(0, len(a), 2)]))\n";
    let mut cmd = std::process::Command::new("python3");
    cmd.args(["-B", "-c", SCRIPT]).arg(shared.join("tools"));
    for (g, p) in pairs {
        cmd.arg(g).arg(p);
    }
    let o = cmd.output().expect("python3 runs");
    assert!(o.status.success(), "score.py (imported) failed: {}", String::from_utf8_lossy(&o.stderr));
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("a JSON list");
    assert_eq!(v.len(), pairs.len());
    v
}

/// score.py's six figures, in trialign's column order, with 4 decimals.
pub fn score_py_figures(json: &serde_json::Value) -> Vec<String> {
    ["precision_strict", "recall_strict", "f1_strict", "precision_lax", "recall_lax", "f1_lax"]
        .iter()
        .map(|k| format!("{:.4}", json[*k].as_f64().unwrap_or_else(|| panic!("score.py gives no {k}: {json}"))))
        .collect()
}

/// The six figures of the line of `eval` output whose first word is
/// `label` ("set" for `eval --set`).
pub fn figures_of(stdout: &str, label: &str) -> Vec<String> {
    let line = stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(label))
        .unwrap_or_else(|| panic!("no `{label}` line in:\n{stdout}"));
    let figs: Vec<String> = line.split_whitespace().skip(1).take(6).map(str::to_string).collect();
    assert_figures(&figs, line);
    figs
}

/// Checks six figures, each a number in [0, 1] written with 4 decimals.
pub fn assert_figures(figs: &[String], line: &str) {
    assert_eq!(figs.len(), 6, "six figures expected in {line:?}");
    for f in figs {
        assert!(is_score(f), "{f:?} in {line:?} is not a figure in [0,1] with 4 decimals");
    }
}

/// `d.dddd` with a value in [0, 1].
pub fn is_score(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 6
        && b[0].is_ascii_digit()
        && b[1] == b'.'
        && b[2..].iter().all(u8::is_ascii_digit)
        && s.parse::<f64>().is_ok_and(|v| (0.0..=1.0).contains(&v))
}

/// A one-document evaluation set made of the shipped corpus in `dir`:
/// `statement-en-ru/000.{en,ru}`, its sentences one a line, and its gold.
pub fn statement_set(dir: &Path) -> PathBuf {
    let set = dir.join("statement-en-ru");
    std::fs::create_dir(&set).unwrap();
    for lang in ["en", "ru"] {
        let lines =
            ok(["segment".as_ref(), statement(&format!("{lang}.txt")).as_os_str(), "--lang".as_ref(), lang.as_ref()]);
        std::fs::write(set.join(format!("000.{lang}")), lines).unwrap();
    }
    std::fs::copy(statement("en-ru.gold"), set.join("000.gold")).unwrap();
    set
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The non-empty lines of a file (trailing line breaks and CRs ignored).
pub fn lines(path: &Path) -> Vec<String> {
    read(path).lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

/// Splits an `.align` line `[ids]:[ids]:0.1234` into the link and the score.
pub fn split_score(line: &str) -> (&str, &str) {
    let (link, score) = line.rsplit_once(':').unwrap_or_else(|| panic!("no score in {line:?}"));
    assert!(link.ends_with(']'), "{line:?} is not `[ids]:[ids]:score`");
    (link, score)
}

/// Sentence ids of a CSV ids cell ("7 8" → [7, 8], "" → []).
pub fn ids(cell: &str) -> Vec<usize> {
    cell.split_whitespace().map(|i| i.parse().unwrap_or_else(|_| panic!("bad id {i:?} in {cell:?}"))).collect()
}

/// A CSV file with its header and records.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = r.headers().expect("a header").iter().map(str::to_string).collect();
    let rows = r.records().collect::<Result<Vec<_>, _>>().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (header, rows)
}

/// The ten files `align` writes for a pivot and two others.
pub const ALIGN_FILES: [&str; 10] = [
    "en.sentences.txt",
    "ru.sentences.txt",
    "zh.sentences.txt",
    "en-ru.align",
    "en-zh.align",
    "en-ru.csv",
    "en-zh.csv",
    "en-ru-zh.csv",
    "summary.json",
    "review.json",
];

/// The data directory scripts/setup.sh installs into.
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("TRIALIGN_DATA").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".local/share"));
    base.join("trialign")
}

/// A Python that runs `import IMPORTS`: the virtual environment
/// scripts/setup.sh makes under the data directory, else `python3`. Without
/// one the caller should skip what needs it (this prints why) — except under
/// CI, where the setup script has run and its absence fails the test.
pub fn python_with(imports: &str, what: &str) -> Option<PathBuf> {
    let candidates = [data_dir().join("python/bin/python"), PathBuf::from("python3")];
    let found = candidates.into_iter().find(|p| {
        std::process::Command::new(p)
            .args(["-c", &format!("import {imports}")])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(!in_ci(), "CI is set but no Python imports {imports} for {what}; run scripts/setup.sh");
        visible_notice(&format!("skipping {what}: no Python imports {imports} (scripts/setup.sh installs them)"));
    }
    found
}

/// Whether the program `name` runs (`name --version`). Without it the
/// caller should skip what needs it (this prints why) — except under CI.
pub fn tool(name: &str, what: &str) -> bool {
    let there = std::process::Command::new(name).arg("--version").output().is_ok();
    if !there {
        assert!(!in_ci(), "CI is set but {name} is not installed for {what}; run scripts/setup.sh");
        visible_notice(&format!("skipping {what}: {name} is not installed (scripts/setup.sh installs it)"));
    }
    there
}

/// Writes `line` to the standard error itself, which the test harness does
/// not capture (it captures `eprintln!`): a skip shows without --nocapture.
pub fn visible_notice(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Runs `python -c SCRIPT ARGS` and returns what it printed as JSON.
pub fn python_json(python: &Path, script: &str, args: &[&Path]) -> serde_json::Value {
    let o = std::process::Command::new(python).arg("-c").arg(script).args(args).output().expect("python runs");
    assert!(o.status.success(), "the Python script failed: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("the script prints JSON")
}
