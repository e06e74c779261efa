//! Command-line interface: argument parsing, messages and exit codes.
//!
//! Exit codes: 0 success; 1 a file could not be written or another failure
//! of the run; 2 bad input (missing, binary, undecodable or empty file,
//! wrong language, documents that are not translations, bad arguments).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use trialign::eval::{self, four_decimals, Scores};
use trialign::input::one_line;
use trialign::lang::Lang;
use trialign::formats::LexiconUse;
use trialign::pipeline::{self, PairOptions};

mod report;

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
    Segment {
        file: PathBuf,
        /// Language code (en, ru, zh, …); detected from the text when absent.
        #[arg(long)]
        lang: Option<String>,
        /// Print each sentence's byte span in the file before it: `START-END<TAB>sentence`.
        #[arg(long)]
        spans: bool,
    },
    /// Align a pivot document (usually English) with one or more translations.
    Align(AlignArgs),
    /// Score alignments against gold alignments.
    Eval(EvalArgs),
    /// Derive an evaluation set with merged and dropped lines from a FLORES folder.
    Perturb {
        /// Folder holding all.LANG files (line i ↔ line i) and all.docid.
        flores: PathBuf,
        /// The two languages, e.g. en,ru.
        #[arg(long, value_delimiter = ',', num_args = 1)]
        langs: Vec<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Chance that a line is merged with the next, on each side.
        #[arg(long, default_value_t = eval::Rates::default().merge)]
        merge_rate: f64,
        /// Chance that a line is dropped from one side (the same again for the other).
        #[arg(long, default_value_t = eval::Rates::default().drop)]
        drop_rate: f64,
        /// Where to write the set (a folder named <name>-<src>-<tgt>).
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Write the review of an output folder as one self-contained HTML page.
    Report(report::ReportArgs),
}

#[derive(Args)]
struct AlignArgs {
    /// The pivot document; every other document is aligned to it.
    pivot: PathBuf,
    /// Translations of the pivot.
    #[arg(required = true)]
    others: Vec<PathBuf>,
    /// Output folder [default: aligned/<pivot file stem>/].
    #[arg(short, long)]
    out: Option<PathBuf>,
    /// Language codes in file order, e.g. en,ru,zh (detected when absent).
    #[arg(long, value_delimiter = ',')]
    langs: Option<Vec<String>>,
    /// The files hold one sentence per line: do not split them again.
    #[arg(long)]
    presegmented: bool,
    /// Beads scored below this are counted as needing review.
    #[arg(long, default_value_t = 0.5)]
    review_threshold: f64,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    model: ModelArgs,
}

/// How document pairs are modelled: where word-translation knowledge comes
/// from, and the weights of the evidence.
#[derive(Args)]
struct ModelArgs {
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
}

impl ModelArgs {
    fn options(&self) -> Result<PairOptions, Failure> {
        let mut options = PairOptions {
            lexical: !self.no_lexical,
            builtin_lexicons: !self.no_lexicons,
            user_lexicons: self.user.clone(),
            ..PairOptions::default()
        };
        if let Some(path) = &self.weights {
            options.model = pipeline::read_weights(path)?;
        }
        Ok(options)
    }
}

#[derive(Args)]
struct EvalArgs {
    /// Gold alignment file (`[ids]:[ids]` per line).
    #[arg(required_unless_present = "set", requires = "pred")]
    gold: Option<PathBuf>,
    /// Predicted alignment file (a `.align` file).
    pred: Option<PathBuf>,
    /// Align and score every document of a set folder (layout of ../shared/data).
    #[arg(long, conflicts_with_all = ["gold", "pred"])]
    set: Option<PathBuf>,
    /// With --set: also write each predicted alignment to DIR/NNN.align.
    #[arg(long, requires = "set")]
    save: Option<PathBuf>,
    /// With --set: write every predicted bead with its posterior, whether it is right, and the
    /// confidence model's features to FILE (TSV; what scripts/fit_confidence.py fits on).
    #[arg(long, requires = "set", value_name = "FILE")]
    dump_beads: Option<PathBuf>,
    /// With GOLD PRED: print the six figures as JSON, as ../shared/tools/score.py does.
    #[arg(long, conflicts_with = "set")]
    json: bool,
    #[command(flatten)]
    model: ModelArgs,
}

/// An error and the exit code it deserves.
struct Failure {
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
            || c.is::<trialign::lang::BadLangCode>()
            || c.is::<UsageError>()
    })
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Segment { file, lang, spans } => segment_command(&file, lang.as_deref(), spans),
        Command::Align(args) => align_command(args),
        Command::Eval(args) => eval_command(args),
        Command::Perturb { flores, langs, seed, merge_rate, drop_rate, out } => {
            perturb_command(&flores, &langs, seed, eval::Rates { merge: merge_rate, drop: drop_rate }, &out)
        }
        Command::Report(args) => report::report_command(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("trialign: error: {:#}", f.error);
            ExitCode::from(f.code)
        }
    }
}

fn parse_langs(codes: &[String]) -> Result<Vec<Lang>, Failure> {
    Ok(codes.iter().map(|c| Lang::new(c)).collect::<Result<Vec<_>, _>>()?)
}

fn segment_command(file: &Path, lang: Option<&str>, spans: bool) -> Result<(), Failure> {
    let lang = lang.map(Lang::new).transpose()?;
    let side = pipeline::load(file, lang.as_ref(), false)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for s in &side.sentences {
        let line = one_line(&s.text);
        let written =
            if spans { writeln!(out, "{}-{}\t{line}", s.span.start, s.span.end) } else { writeln!(out, "{line}") };
        if written.is_err() {
            break; // stdout closed (e.g. piped into `head`): nothing more to say.
        }
    }
    if let Some(note) = side.note {
        eprintln!("{note}");
    }
    let _ = out.flush();
    Ok(())
}

fn align_command(args: AlignArgs) -> Result<(), Failure> {
    let langs = args.langs.as_deref().map(parse_langs).transpose()?;
    if let Some(l) = &langs {
        if l.len() != 1 + args.others.len() {
            return Err(UsageError(format!(
                "--langs names {} languages but {} files were given; name one language per file, in file order",
                l.len(),
                1 + args.others.len()
            ))
            .into());
        }
    }
    let run = pipeline::run(&args.pivot, &args.others, langs.as_deref(), args.presegmented, &args.model.options()?)?;
    let out_dir = args.out.clone().unwrap_or_else(|| {
        let stem = args.pivot.file_stem().map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned());
        Path::new("aligned").join(stem)
    });
    let outputs = run.outputs(args.review_threshold);
    let names: Vec<String> = outputs.names().map(str::to_string).collect();
    outputs.commit(&out_dir).context("no output was written")?;
    if args.quiet {
        return Ok(());
    }
    for note in std::iter::once(&run.pivot.note).chain(run.pairs.iter().map(|(s, _)| &s.note)).flatten() {
        eprintln!("{note}");
    }
    let summary = run.summary(args.review_threshold);
    for pair in &summary.pairs {
        let types: Vec<String> = pair.beads_by_type.iter().map(|(t, n)| format!("{t}: {n}")).collect();
        println!(
            "{}  {} + {} sentences → {} beads ({})  mean score {:.3}  {} below {}",
            pair.pair,
            pair.sentences[0],
            pair.sentences[1],
            pair.beads,
            types.join(", "),
            pair.mean_score,
            pair.below_threshold,
            summary.review_threshold
        );
        println!("    {}", words_line(&pair.lexicons, pair.name_pairs, pair.word_pairs));
        for w in &pair.weakest {
            println!("    {:.4}  {:<14} {} | {}", w.score, w.ids, clip(&w.pivot, 50), clip(&w.other, 40));
        }
    }
    if let Some(rows) = summary.joined_rows {
        println!(
            "joined table: {rows} rows ({} merged where the pairings split the pivot differently)",
            summary.merged_rows.unwrap_or(0)
        );
    }
    println!("wrote {} in {}: {}", names.len(), out_dir.display(), names.join(", "));
    Ok(())
}

/// What the lexical evidence drew on: `lexicons: CC-CEDICT (4021 entries
/// used); 12 name pairs; 5230 word pairs learned`.
fn words_line(lexicons: &[LexiconUse], names: usize, learned: usize) -> String {
    let used: Vec<String> = lexicons.iter().map(|l| format!("{} ({} entries used)", l.name, l.entries_used)).collect();
    let used = if used.is_empty() { "none".to_string() } else { used.join(", ") };
    format!("lexicons: {used}; {names} name pairs; {learned} word pairs learned")
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

fn figures(s: &Scores) -> String {
    s.figures().iter().map(|(_, v)| four_decimals(*v)).collect::<Vec<_>>().join("  ")
}

const HEADER: &str = "P strict  R strict  F1 strict  P lax  R lax  F1 lax";

fn eval_command(args: EvalArgs) -> Result<(), Failure> {
    if let Some(set) = &args.set {
        return eval_set_command(set, args.save.as_deref(), args.dump_beads.as_deref(), &args.model.options()?);
    }
    let (gold, pred) = (args.gold.expect("clap requires GOLD"), args.pred.expect("clap requires PRED"));
    let g = eval::read_links(&gold)?;
    let p = eval::read_links(&pred)?;
    let scores = eval::score(&[(&g, &p)]);
    if args.json {
        println!("{}", scores.to_json());
        return Ok(());
    }
    println!("{HEADER}");
    println!("{}", figures(&scores));
    if p.iter().any(|l| l.score.is_some()) {
        println!("calibration: {}", eval::calibration(&[(&g, &p)]));
    }
    Ok(())
}

fn eval_set_command(
    set: &Path,
    save: Option<&Path>,
    dump: Option<&Path>,
    options: &PairOptions,
) -> Result<(), Failure> {
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} document alignments")
            .expect("a valid template"),
    );
    bar.set_message(set.display().to_string());
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let report = pipeline::evaluate_set(set, options, &progress)?;
    bar.finish_and_clear();
    if let Some(dir) = save {
        let mut outputs = trialign::formats::Outputs::default();
        for doc in &report.docs {
            let text: String =
                doc.predicted.iter().map(|l| eval::format_link(&l.src, &l.tgt, l.score) + "\n").collect();
            outputs.add(format!("{}.align", doc.name), text.into_bytes());
        }
        outputs.commit(dir).context("the predicted alignments were not saved")?;
    }
    if let Some(file) = dump {
        trialign::formats::write_file(file, report.bead_table().as_bytes()).context("the bead table was not written")?;
    }
    println!("{} ({} → {})", set.display(), report.src, report.tgt);
    println!("{:<10}{HEADER}", "document");
    for doc in &report.docs {
        println!("{:<10}{}  ({:.2} s)", doc.name, figures(&doc.scores), doc.seconds);
    }
    println!("{:<10}{}", "set", figures(&report.scores));
    println!("{}", words_line(&report.words.lexicons, report.words.names, report.word_pairs));
    println!("calibration: {}", report.calibration);
    println!("time {:.2} s", report.seconds);
    Ok(())
}

fn perturb_command(flores: &Path, langs: &[String], seed: u64, rates: eval::Rates, out: &Path) -> Result<(), Failure> {
    let [src, tgt] = langs else {
        return Err(UsageError("--langs takes two languages, e.g. --langs en,ru".into()).into());
    };
    let docs = eval::perturb_flores(flores, src, tgt, seed, rates)?;
    eval::write_set(&docs, out, src, tgt)?;
    let beads: usize = docs.iter().map(|d| d.gold.len()).sum();
    println!("wrote {} documents ({beads} gold beads) to {}", docs.len(), out.display());
    Ok(())
}
