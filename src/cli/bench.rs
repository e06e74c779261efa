//! `trialign bench`: how fast trialign is on this machine, for anyone to
//! measure: segmentation throughput, the time and peak memory of `align` on
//! long documents made for it (perturbed copies of FLORES, or generated
//! text), the shipped corpus, and with `--accuracy` how far the fast search
//! is from the exact one on the development sets. Prints the tables, and
//! writes them with `-o`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, ValueEnum};
use trialign::eval::{self, LongDocument, ParallelCorpus};
use trialign::formats;
use trialign::lang::Lang;
use trialign::pipeline::{self, Progress};

use super::progress::Reporter;
use super::{Failure, UsageError};
use table::{Report, Table};

mod accuracy;
mod child;
mod table;

#[derive(Args)]
pub(crate) struct BenchArgs {
    /// The FLORES folder (all.<lang>, all.docid) the documents are made from; generated text when
    /// there is none.
    #[arg(long, value_name = "DIR", default_value = "../shared/data/flores-devtest-en-ru-zh")]
    data: PathBuf,
    /// Sentences per side of the documents aligned, e.g. 1k,10k,100k,1M (a million takes long).
    #[arg(long, value_delimiter = ',', value_parser = size, default_value = "1k,10k,100k")]
    sizes: Vec<usize>,
    /// Language pairs, the pivot first.
    #[arg(long, value_delimiter = ',', default_value = "en-ru,en-zh")]
    pairs: Vec<String>,
    /// Align with the built-in lexicons, without them (--no-lexicons), or both.
    #[arg(long, value_delimiter = ',', default_value = "with,without")]
    lexicons: Vec<Lexicons>,
    /// Time the exact search (align --exact) instead of the fast one.
    #[arg(long)]
    exact: bool,
    /// Also align the development sets with the fast and the exact search, and score them.
    #[arg(long)]
    accuracy: bool,
    /// With --accuracy: every set folder in DIR (as eval --set reads them), and FLORES (--data)
    /// perturbed with seed 7 for each pair.
    #[arg(long, value_name = "DIR", default_value = "../shared/data", requires = "accuracy")]
    sets: PathBuf,
    /// Stop a run after this many seconds (and report it as such).
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    timeout: u64,
    /// Also write the tables to FILE: CSV when its name ends in .csv, Markdown otherwise.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Show no progress.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(super) enum Lexicons {
    With,
    Without,
}

impl Lexicons {
    fn name(self) -> &'static str {
        match self {
            Lexicons::With => "with",
            Lexicons::Without => "without",
        }
    }
}

/// `1000`, `10k`, `1M`: a number of sentences, at least one.
fn size(text: &str) -> Result<usize, String> {
    let (digits, unit) = match text.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1_000),
        None => text.strip_suffix(['m', 'M']).map_or((text, 1), |d| (d, 1_000_000)),
    };
    match digits.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n * unit),
        _ => Err(format!("{text}: a number of sentences, at least 1 (1000, 10k, 1M)")),
    }
}

/// Sentences in the text each segmenter is timed on: a megabyte or more.
const SEGMENTED_SENTENCES: usize = 10_000;

/// Each segmenter runs until this much time has passed, so that short texts
/// are timed over many runs.
const SEGMENTATION_TIME: Duration = Duration::from_millis(500);

pub(crate) fn run(args: BenchArgs) -> Result<(), Failure> {
    if args.timeout == 0 {
        return Err(UsageError("--timeout 0: a run needs at least a second".into()).into());
    }
    let pairs = args.pairs.iter().map(|p| pair(p)).collect::<Result<Vec<_>, _>>()?;
    let flores = args.data.is_dir();
    let corpora = pairs
        .iter()
        .map(|(src, tgt)| {
            if flores {
                eval::read_flores(&args.data, src.code(), tgt.code())
            } else {
                eval::generated(src.code(), tgt.code())
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let tmp = tempfile::tempdir().context("no temporary folder for the documents")?;
    let progress = Reporter::new(args.quiet);
    let data = args.data.display();
    let text = if flores { format!("FLORES from {data}") } else { format!("generated text (no FLORES in {data})") };
    let search = if args.exact { "the exact search (--exact)" } else { "the fast search" };
    let mut about = vec![
        machine(),
        format!("command: {}", command_line()),
        format!("documents: {text}, perturbed copies end to end (seeds 7, 8, …), one sentence a line"),
        format!("alignment: `align --presegmented`, {search}, one process a run, stopped after {} s", args.timeout),
    ];
    let mut tables = vec![segmentation(&pairs, &corpora, &progress)?];
    tables.push(alignment(&args, &pairs, &corpora, tmp.path(), &progress)?);
    tables.push(reference(&args, tmp.path(), &progress)?);
    if args.accuracy {
        let flores_sets = if flores { corpora.as_slice() } else { &[] };
        match accuracy::table(&args.sets, flores_sets, &args.lexicons, tmp.path(), &progress)? {
            Some(table) => tables.push(table),
            None => about.push(format!("accuracy: no development sets in {}", args.sets.display())),
        }
    }
    drop(progress);
    let report = Report { about, tables };
    print!("{}", report.plain());
    if let Some(out) = &args.out {
        let csv = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let text = if csv { report.csv() } else { report.markdown() };
        formats::write_file(out, text.as_bytes()).context("the tables were not written")?;
    }
    Ok(())
}

/// `en-ru` → (en, ru).
fn pair(text: &str) -> Result<(Lang, Lang), Failure> {
    let Some((src, tgt)) = text.split_once('-') else {
        return Err(UsageError(format!("--pairs {text}: a pair is two language codes, the pivot first: en-ru")).into());
    };
    Ok((Lang::new(src)?, Lang::new(tgt)?))
}

/// Segmentation throughput of each language of the pairs, on one core.
fn segmentation(pairs: &[(Lang, Lang)], corpora: &[ParallelCorpus], progress: &Reporter) -> Result<Table, Failure> {
    let title = format!("Segmentation: {} sentences as running text, one core", thousands(SEGMENTED_SENTENCES));
    let mut table = Table::new(title, vec!["language", "MB", "sentences found", "MB/s"]);
    let mut seen: Vec<&Lang> = Vec::new();
    for ((src, tgt), corpus) in pairs.iter().zip(corpora) {
        let doc = eval::long_document(corpus, SEGMENTED_SENTENCES);
        for (lang, lines) in [(src, &doc.src_lines), (tgt, &doc.tgt_lines)] {
            if seen.contains(&lang) {
                continue;
            }
            seen.push(lang);
            progress.stage(&format!("segmenting {lang}"));
            let text = eval::running_text(lines, lang.code());
            let (mut runs, mut found) = (0, 0);
            let start = Instant::now();
            while runs == 0 || start.elapsed() < SEGMENTATION_TIME {
                found = sentences(&text, lang)?;
                runs += 1;
            }
            let mb = text.len() as f64 / 1e6;
            let rate = mb * runs as f64 / start.elapsed().as_secs_f64();
            table.rows.push(vec![lang.to_string(), format!("{mb:.2}"), thousands(found), format!("{rate:.2}")]);
        }
    }
    Ok(table)
}

/// The sentences `align` finds in a file holding `text` in `lang`: what
/// loading it costs once it is read (decoding, the language check,
/// sentences and their keys), as `cargo bench --bench segment` times it.
fn sentences(text: &str, lang: &Lang) -> Result<usize, Failure> {
    let side = pipeline::load_bytes(Path::new("bench.txt"), text.as_bytes().to_vec(), Some(lang), false)?;
    Ok(side.sentences.len())
}

/// `align` on each pair at each size, with and without lexicons, one child
/// process a run. A size that times out is not tried larger.
fn alignment(
    args: &BenchArgs,
    pairs: &[(Lang, Lang)],
    corpora: &[ParallelCorpus],
    tmp: &Path,
    progress: &Reporter,
) -> Result<Table, Failure> {
    let header = vec!["pair", "sentences", "lexicons", "seconds", "peak MB", "note"];
    let mut table = Table::new("Alignment: wall time and peak memory of each run", header);
    let mut sizes = args.sizes.clone();
    sizes.sort_unstable();
    sizes.dedup();
    let runs = pairs.len() * args.lexicons.len();
    progress.plan(sizes.iter().sum::<usize>() as u64 * runs as u64);
    for ((src, tgt), corpus) in pairs.iter().zip(corpora) {
        let mut timed_out: Vec<(Lexicons, usize)> = Vec::new();
        for &size in &sizes {
            progress.stage(&format!("making the {src}–{tgt} document of {} sentences", thousands(size)));
            let doc = eval::long_document(corpus, size);
            let files = write_document(tmp, src, tgt, &doc)?;
            let sentences = format!("{} + {}", thousands(doc.src_lines.len()), thousands(doc.tgt_lines.len()));
            for &lexicons in &args.lexicons {
                let mut row = vec![format!("{src}-{tgt}"), sentences.clone()];
                if let Some((_, smaller)) = timed_out.iter().find(|(l, _)| *l == lexicons) {
                    let skipped = format!("skipped: {} timed out", thousands(*smaller));
                    row.extend([lexicons.name().into(), "—".into(), "—".into(), skipped]);
                } else {
                    let with = lexicons.name();
                    progress.stage(&format!("aligning {src}–{tgt}, {} sentences, {with} lexicons", thousands(size)));
                    let mut align = align_command(args, &files, &[src, tgt], true, lexicons, &tmp.join("out"));
                    let (cells, ended_in_time) = measured(&mut align, args, lexicons, &tmp.join("out"))?;
                    if !ended_in_time {
                        timed_out.push((lexicons, size));
                    }
                    row.extend(cells);
                }
                table.rows.push(row);
                progress.done(size as u64);
            }
        }
    }
    Ok(table)
}

/// The documents as `align --presegmented` reads them: `LANG.txt`, one
/// sentence a line.
fn write_document(tmp: &Path, src: &Lang, tgt: &Lang, doc: &LongDocument) -> Result<Vec<PathBuf>, Failure> {
    let dir = tmp.join("documents");
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot be made", dir.display()))?;
    let mut files = Vec::new();
    for (lang, lines) in [(src, &doc.src_lines), (tgt, &doc.tgt_lines)] {
        let file = dir.join(format!("{lang}.txt"));
        std::fs::write(&file, lines.join("\n") + "\n")
            .with_context(|| format!("{}: cannot be written", file.display()))?;
        files.push(file);
    }
    Ok(files)
}

/// `trialign align FILES --langs … -q -o OUT`, this binary in a process of its own.
fn align_command(
    args: &BenchArgs,
    files: &[PathBuf],
    langs: &[&Lang],
    presegmented: bool,
    lexicons: Lexicons,
    out: &Path,
) -> Command {
    let exe = std::env::current_exe().unwrap_or_else(|_| "trialign".into());
    let mut command = Command::new(exe);
    let langs: Vec<&str> = langs.iter().map(|l| l.code()).collect();
    command.arg("align").args(files).arg("--langs").arg(langs.join(",")).arg("-q").arg("-o").arg(out);
    if presegmented {
        command.arg("--presegmented");
    }
    if lexicons == Lexicons::Without {
        command.arg("--no-lexicons");
    }
    if args.exact {
        command.arg("--exact");
    }
    command
}

/// Runs `align` and gives the cells `lexicons`, `seconds`, `peak MB` and
/// `note`, and whether it ended before the timeout.
fn measured(
    align: &mut Command,
    args: &BenchArgs,
    lexicons: Lexicons,
    out: &Path,
) -> Result<(Vec<String>, bool), Failure> {
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("{}: the last run's folder stays", out.display()))?;
    }
    let m = child::measure(align, Duration::from_secs(args.timeout)).context("align could not be started")?;
    let peak = format!("{:.0}", m.peak_mb);
    let with = lexicons.name();
    Ok(match m.end {
        child::End::Success => {
            let used = lexicons_label(lexicons, &lexicons_used(out)?.iter().map(String::as_str).collect::<Vec<_>>());
            (vec![used, seconds(m.seconds), peak, String::new()], true)
        }
        child::End::TimedOut => (vec![with.into(), format!("> {}", args.timeout), peak, "timed out".into()], false),
        child::End::Failed(code, said) => {
            let code = code.map_or_else(|| "killed".to_string(), |c| format!("exit {c}"));
            let why = said.lines().next().unwrap_or("").trim_start_matches("trialign: error: ");
            (vec![with.into(), seconds(m.seconds), peak, format!("failed ({code}): {why}")], true)
        }
    })
}

/// The lexicons a run used, as its summary.json names them.
fn lexicons_used(out: &Path) -> Result<Vec<String>, Failure> {
    let path = out.join("summary.json");
    let bytes = std::fs::read(&path).with_context(|| format!("{}: cannot be read", path.display()))?;
    let summary: serde_json::Value =
        serde_json::from_slice(&bytes).with_context(|| format!("{}: not JSON", path.display()))?;
    let mut names: Vec<String> = Vec::new();
    for pair in summary["pairs"].as_array().into_iter().flatten() {
        for lexicon in pair["lexicons"].as_array().into_iter().flatten() {
            if let Some(name) = lexicon["name"].as_str().filter(|n| !names.iter().any(|m| m == n)) {
                names.push(name.to_string());
            }
        }
    }
    Ok(names)
}

/// `without` when not asked for; else the lexicons `used` (`Müller 7`,
/// `CC-CEDICT`), or `none found` (not installed: scripts/setup.sh).
fn lexicons_label(choice: Lexicons, used: &[&str]) -> String {
    match choice {
        Lexicons::Without => choice.name().to_string(),
        Lexicons::With if used.is_empty() => "none found".to_string(),
        Lexicons::With => used.join(" + "),
    }
}

/// The shipped corpus, inside the binary so that the reference runs
/// wherever trialign is installed.
const STATEMENT: [(&str, &str); 3] = [
    ("en", include_str!("../../corpora/statement/en.txt")),
    ("ru", include_str!("../../corpora/statement/ru.txt")),
    ("zh", include_str!("../../corpora/statement/zh.txt")),
];

/// The fixed reference: the shipped corpus, three languages, the built-in
/// lexicons, as the README's first command aligns it.
fn reference(args: &BenchArgs, tmp: &Path, progress: &Reporter) -> Result<Table, Failure> {
    progress.stage("aligning the shipped corpus");
    let dir = tmp.join("statement");
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot be made", dir.display()))?;
    let mut files = Vec::new();
    for (lang, text) in STATEMENT {
        let file = dir.join(format!("{lang}.txt"));
        std::fs::write(&file, text).with_context(|| format!("{}: cannot be written", file.display()))?;
        files.push(file);
    }
    let langs: Vec<Lang> = STATEMENT.iter().map(|(l, _)| Lang::new(l)).collect::<Result<_, _>>()?;
    let out = tmp.join("out");
    let mut align = align_command(args, &files, &langs.iter().collect::<Vec<_>>(), false, Lexicons::With, &out);
    let (cells, _) = measured(&mut align, args, Lexicons::With, &out)?;
    let header = vec!["documents", "lexicons", "seconds", "peak MB", "note"];
    let mut table = Table::new("Reference: the shipped corpus (corpora/statement), en + ru + zh", header);
    table.rows.push(std::iter::once("statement".to_string()).chain(cells).collect());
    Ok(table)
}

/// `machine: AMD EPYC 7B13, 2 cores; trialign 0.1.0, release build`.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim().to_string()))
        .unwrap_or_else(|| "CPU unknown".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // A debug build is many times slower: say so beside its figures.
    let build = if cfg!(debug_assertions) { "debug build" } else { "release build" };
    format!("machine: {model}, {cores} cores; trialign {}, {build}", env!("CARGO_PKG_VERSION"))
}

/// The command as typed, the binary called `trialign`.
fn command_line() -> String {
    let args = std::env::args().skip(1).map(|a| if a.contains(' ') { format!("'{a}'") } else { a });
    std::iter::once("trialign".to_string()).chain(args).collect::<Vec<_>>().join(" ")
}

/// `12.3`, `0.42`: three figures or so.
fn seconds(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.2}")
    } else {
        format!("{s:.1}")
    }
}

/// `10,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_k_and_m() {
        assert_eq!(size("1000"), Ok(1000));
        assert_eq!(size("10k"), Ok(10_000));
        assert_eq!(size("1M"), Ok(1_000_000));
        assert!(size("0").is_err() && size("ten").is_err() && size("-5k").is_err());
    }

    #[test]
    fn counts_have_thousands_separated() {
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
