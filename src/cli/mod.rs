//! Command-line interface: argument parsing, messages and exit codes; one
//! file a command, each a thin layer over the library.
//!
//! Exit codes: 0 success; 1 a file could not be written or another failure
//! of the run; 2 bad input (missing, binary, undecodable or empty file,
//! wrong language, documents that are not translations, a bad review file,
//! bad arguments).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use trialign::formats;
use trialign::input::{Charset, Format, ReadOptions};
use trialign::lang::Lang;
use trialign::pipeline::{self, PairOptions};

mod align;
mod batch;
mod bench;
mod eval;
mod export;
mod perturb;
mod progress;
mod report;
mod review;
mod segment;

#[derive(Parser)]
#[command(
    name = "trialign",
    version,
    about = "Align the sentences of a document with its translations, with a calibrated score per pair"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split a document into sentences and print one per line.
    Segment(segment::SegmentArgs),
    /// Align a pivot document (usually English) with one or more translations.
    Align(align::AlignArgs),
    /// Align every document of a manifest (a CSV of id and files per language), each to a folder of
    /// its own, with batch.csv and the combined exports; --shard and --merge for clusters.
    Batch(batch::BatchArgs),
    /// Write every output of a run folder again from its review state (review.json), without aligning.
    Export(export::ExportArgs),
    /// Score alignments against gold alignments.
    Eval(eval::EvalArgs),
    /// Derive an evaluation set with merged and dropped lines from a FLORES folder.
    Perturb(perturb::PerturbArgs),
    /// Review an output folder of `align` in the terminal: the doubtful rows first, mended by keys.
    #[command(after_help = format!("Keys:\n{}", crate::tui::keys::help_text()))]
    Review(review::ReviewArgs),
    /// Write the review of an output folder as one self-contained HTML page.
    Report(report::ReportArgs),
    /// Measure speed and memory on this machine: segmentation, alignment of long documents, the shipped corpus.
    Bench(bench::BenchArgs),
}

/// What `align` and `batch` share about a run, beside the model and the
/// exports.
#[derive(Args)]
pub(crate) struct RunArgs {
    /// The files hold one sentence per line: do not split them again.
    #[arg(long)]
    pub presegmented: bool,
    /// Beads scored below this are counted as needing review (0 to 1).
    #[arg(long, default_value_t = 0.5, value_parser = review_threshold)]
    pub review_threshold: f64,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

fn review_threshold(s: &str) -> Result<f64, String> {
    let t: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err("a score threshold is between 0 and 1".into())
    }
}

/// How document pairs are modelled: where word-translation knowledge comes
/// from, and the weights of the evidence.
#[derive(Args)]
pub(crate) struct ModelArgs {
    /// A lexicon or term base of your own: two-column TSV `pivot<TAB>translation` (phrases allowed);
    /// may be given several times.
    #[arg(long = "lexicon", value_name = "FILE")]
    user: Vec<PathBuf>,
    /// Do not look for the built-in lexicons (CC-CEDICT, Müller) installed by scripts/setup.sh.
    #[arg(long)]
    no_lexicons: bool,
    /// Compare sentence lengths and anchors only: no word evidence, lexicons or self-training
    /// (faster, less accurate).
    #[arg(long, conflicts_with = "user")]
    no_lexical: bool,
    /// Weights of the evidence from FILE (`name<TAB>value` lines, as src/evidence/weights.tsv)
    /// instead of those fitted on the development sets; for fitting them to your own gold.
    #[arg(long, value_name = "FILE")]
    weights: Option<PathBuf>,
    /// Search every pass over a wide band around the diagonal instead of a narrow band around the
    /// path found so far: the reference the fast search is tested against (several times slower).
    #[arg(long)]
    exact: bool,
}

impl ModelArgs {
    /// Whether the built-in lexicons are left unlooked-for.
    pub(crate) fn no_lexicons(&self) -> bool {
        self.no_lexicons || self.no_lexical
    }

    pub(crate) fn options(&self) -> Result<PairOptions, Failure> {
        let mut options = PairOptions {
            lexical: !self.no_lexical,
            builtin_lexicons: !self.no_lexicons,
            user_lexicons: self.user.clone(),
            ..PairOptions::default()
        };
        options.search.exact = self.exact;
        if let Some(path) = &self.weights {
            options.model = pipeline::read_weights(path)?;
        }
        Ok(options)
    }
}

/// Which exports a run folder holds; none of these given keeps those the
/// folder was written with.
#[derive(Args)]
pub(crate) struct ExportChoice {
    /// The exports to write, comma-separated: csv (the bead tables, the default), tsv (the rows'
    /// table), xlsx (a workbook: a sheet per pair and one of the rows), tmx (a translation memory),
    /// moses (corpus.LANG line files), jsonl (a pair's beads as JSON lines). Kept in review.json:
    /// `export` and a save in `review` write them again until others are named.
    #[arg(long = "export", value_name = "LIST", value_delimiter = ',')]
    formats: Option<Vec<formats::ExportFormat>>,
    /// Write the CSV for spreadsheets: a UTF-8 BOM, and cells that a spreadsheet would run as
    /// formulas (=, +, -, @ first) behind an apostrophe. Without it the CSV is exact (RFC 4180).
    #[arg(long)]
    excel: bool,
    /// With --excel: the CSV's delimiter, e.g. ';' where the comma is the decimal separator.
    #[arg(long, value_name = "CHAR", requires = "excel")]
    delimiter: Option<String>,
    /// Leave rows whose lowest score is below X out of the corpus exports (tsv, tmx, moses);
    /// the CSV, xlsx, jsonl and the review keep every row. The summary says how many were left out.
    #[arg(long, value_name = "X")]
    min_score: Option<f64>,
}

impl ExportChoice {
    /// The exports named, or `kept` (the folder's) when none was.
    pub(crate) fn options(&self, kept: &formats::ExportOptions) -> Result<formats::ExportOptions, Failure> {
        use formats::{CsvKind, ExportFormat};
        if self.formats.is_none() && !self.excel && self.min_score.is_none() {
            return Ok(kept.clone());
        }
        let names = self.formats.clone().unwrap_or_else(|| vec![ExportFormat::Csv]);
        let usage = |e: formats::ExportOptionsError| UsageError(e.to_string());
        let csv = match (self.excel, &self.delimiter) {
            (false, _) => CsvKind::Machine,
            (true, None) => CsvKind::Excel { delimiter: b',' },
            (true, Some(d)) => CsvKind::Excel { delimiter: formats::parse_delimiter(d).map_err(usage)? },
        };
        if self.excel && !names.contains(&ExportFormat::Csv) {
            return Err(UsageError("--excel shapes the CSV export: add csv to --export".into()).into());
        }
        if self.min_score.is_some() && !names.iter().any(|f| f.is_corpus()) {
            return Err(UsageError(
                "--min-score leaves rows out of the tsv, tmx and moses exports only: add one of them to --export"
                    .into(),
            )
            .into());
        }
        Ok(formats::ExportOptions::new(&names, csv, self.min_score).map_err(usage)?)
    }
}

/// How the input files are read: their encodings and formats, detected
/// unless named.
#[derive(Args)]
pub(crate) struct InputArgs {
    /// The files' encoding, one for all or one per file in file order (`auto`: detected), e.g.
    /// utf-8, utf-16le, utf-16be, utf-32, windows-1251, koi8-r, gb18030, big5, shift_jis, windows-1252
    /// [default: a byte-order mark, else detected].
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    encoding: Vec<String>,
    /// The files' format, one for all or one per file in file order (`auto`: detected): text, markdown,
    /// html, docx, odt, pdf, tmx [default: by content, then by extension].
    #[arg(long, value_delimiter = ',', value_name = "FORMAT")]
    format: Vec<String>,
}

impl InputArgs {
    /// How to read each of `files` (`-` is standard input, at most once).
    pub(crate) fn read_options(&self, files: &[&std::path::Path]) -> Result<Vec<ReadOptions>, UsageError> {
        if files.iter().filter(|f| **f == std::path::Path::new(trialign::input::STDIN)).count() > 1 {
            return Err(UsageError("`-` (standard input) can be given only once".into()));
        }
        let encodings = per_file("--encoding", &self.encoding, files.len(), |name| {
            Charset::for_name(name).ok_or_else(|| {
                format!("--encoding {name}: not an encoding trialign knows; try utf-8, utf-16le, windows-1251, koi8-r, gb18030, big5, shift_jis or windows-1252")
            })
        })?;
        let formats = per_file("--format", &self.format, files.len(), |name| {
            Format::for_name(name)
                .ok_or_else(|| format!("--format {name}: not a format; one of {}", trialign::input::FORMAT_NAMES))
        })?;
        Ok((0..files.len()).map(|k| ReadOptions { encoding: pick(&encodings, k), format: pick(&formats, k) }).collect())
    }
}

/// The values of a per-file option: none, one for all, or one per file;
/// `auto` is none.
fn per_file<T: Copy>(
    option: &str,
    names: &[String],
    files: usize,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<Option<T>>, UsageError> {
    if names.len() > 1 && names.len() != files {
        return Err(UsageError(format!(
            "{option} names {} values but {files} files were given; give one for all files or one per file, in file order",
            names.len()
        )));
    }
    names
        .iter()
        .map(|n| if n == "auto" { Ok(None) } else { parse(n).map(Some) })
        .collect::<Result<_, _>>()
        .map_err(UsageError)
}

fn pick<T: Copy>(values: &[Option<T>], k: usize) -> Option<T> {
    match values {
        [one] => *one,
        all => all.get(k).copied().flatten(),
    }
}

/// An error and the exit code it deserves.
pub(crate) struct Failure {
    error: anyhow::Error,
    code: u8,
}
impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Failure {
        let error = e.into();
        let code = if is_user_error(&error) { 2 } else { 1 };
        Failure { error, code }
    }
}

/// Bad input and bad arguments exit with 2, anything else with 1.
fn is_user_error(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.is::<pipeline::Error>()
            || c.is::<trialign::input::InputError>()
            || c.is::<trialign::eval::EvalError>()
            || c.is::<formats::LinksError>()
            || c.is::<trialign::lang::BadLangCode>()
            || c.is::<trialign::formats::ReviewFileError>()
            || c.downcast_ref::<formats::FolderError>().is_some_and(|e| matches!(e, formats::FolderError::Review(_)))
            || c.is::<UsageError>()
    })
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct UsageError(pub String);

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Segment(args) => segment::run(args),
        Command::Align(args) => align::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Export(args) => export::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Perturb(args) => perturb::run(args),
        Command::Review(args) => review::review_command(args),
        Command::Report(args) => report::report_command(args),
        Command::Bench(args) => bench::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("trialign: error: {}", message(&f.error));
            ExitCode::from(f.code)
        }
    }
}

/// The error and its causes on one line ([`pipeline::reason`]).
fn message(error: &anyhow::Error) -> String {
    pipeline::reason(error.as_ref())
}

pub(crate) fn parse_langs(codes: &[String]) -> Result<Vec<Lang>, Failure> {
    let langs = codes.iter().map(|c| Lang::new(c)).collect::<Result<Vec<_>, _>>()?;
    for lang in &langs {
        warn_if_unknown(lang);
    }
    Ok(langs)
}

/// Any well-formed code is accepted (a language trialign has no entry for
/// is still aligned by length and learned words), but a typo should not
/// pass unseen: say what the code does without an entry.
pub(crate) fn warn_if_unknown(lang: &Lang) {
    if lang.script().is_none() {
        eprintln!(
            "trialign: warning: `{lang}` is not a language trialign knows (src/lang/languages.tsv): its sentences are split by the rules of the script read off the text, with no lexicon of its own; check the code (e.g. en, ru, zh)"
        );
    }
}
