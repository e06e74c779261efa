//! `trialign align PIVOT OTHER...`: align, write the run folder, print a
//! summary.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use trialign::formats::{self, LexiconUse, Summary};
use trialign::pipeline::{self, Progress};
use trialign::review::{self, Review};

use super::progress::Reporter;
use super::{parse_langs, ExportChoice, Failure, InputArgs, ModelArgs, RunArgs, UsageError};

#[derive(Args)]
pub(crate) struct AlignArgs {
    /// The pivot document; every other document is aligned to it. Text, Markdown, HTML, DOCX,
    /// ODT, PDF or TMX (see --format, --encoding); `-` reads standard input.
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
    #[command(flatten)]
    run: RunArgs,
    /// Discard the folder's review (its confirmed and edited beads, and unsaved edits) instead of keeping it.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    exports: ExportChoice,
    #[command(flatten)]
    input: InputArgs,
}

pub(crate) fn run(args: AlignArgs) -> Result<(), Failure> {
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
    let files: Vec<&Path> = std::iter::once(&args.pivot).chain(&args.others).map(PathBuf::as_path).collect();
    let read = args.input.read_options(&files)?;
    let out_dir = args.out.clone().unwrap_or_else(|| {
        let stem = match args.pivot.file_stem() {
            Some(s) if s != trialign::input::STDIN => s.to_string_lossy().into_owned(),
            _ => "stdin".into(),
        };
        Path::new("aligned").join(stem)
    });
    if out_dir.exists() && !out_dir.is_dir() {
        let dir = out_dir.display();
        return Err(UsageError(format!("-o {dir}: is a file; name a folder for the outputs")).into());
    }
    let previous = match formats::previous_run(&out_dir) {
        Ok(previous) => previous,
        // Asked to: a review that cannot even be read is replaced too.
        Err(_) if args.force => formats::Previous::default(),
        Err(e) => {
            let dir = out_dir.display();
            return Err(anyhow::Error::new(e)
                .context(format!("{dir} holds an earlier run; --force replaces it"))
                .into());
        }
    };
    if !args.force {
        refuse_to_lose_unsaved_edits(&out_dir, &previous)?;
    }
    let keep = if args.force { None } else { previous.review.as_ref() };
    // A folder keeps its exports across runs, as its review, until others are named.
    let fresh = formats::ExportOptions::default();
    let exports = args.exports.options(if keep.is_some() { &previous.exports } else { &fresh })?;
    let mut options = args.model.options()?;
    options.read = read;
    let progress = Reporter::new(args.run.quiet);
    let run =
        pipeline::run(&args.pivot, &args.others, langs.as_deref(), args.run.presegmented, &options, keep, &progress)?;
    if let Some(previous) = keep {
        refuse_to_lose_all_reviewed(&out_dir, previous, &run)?;
    }
    progress.stage("writing the run folder");
    let review = run.review(args.run.review_threshold);
    let outputs = formats::run_outputs(&review, &exports, formats::Outputs::staged_in(&out_dir))
        .context("no output was written")?;
    let names: Vec<String> = outputs.names().map(str::to_string).collect();
    formats::replace_run(&out_dir, outputs, &previous, args.force).context("no output was written")?;
    drop(progress);
    if args.run.quiet {
        return Ok(());
    }
    for note in std::iter::once(&run.pivot.note).chain(run.pairs.iter().map(|p| &p.side.note)).flatten() {
        eprintln!("{note}");
    }
    for pair in &run.pairs {
        report_kept(&run.pivot.lang, pair);
    }
    print_summary(&review, &exports, &out_dir, !args.model.no_lexicons());
    println!("wrote {} in {}: {}", names.len(), out_dir.display(), names.join(", "));
    Ok(())
}

/// Review edits not yet saved (a journal) belong to no review the run could
/// keep: they are recovered first, or discarded with `--force`.
fn refuse_to_lose_unsaved_edits(dir: &Path, previous: &formats::Previous) -> Result<(), Failure> {
    if previous.journal.is_some() {
        let dir = dir.display();
        return Err(UsageError(format!(
            "{dir} holds review edits that were never saved (review.journal): open `trialign review {dir}` to recover them, or give --force to discard them"
        ))
        .into());
    }
    Ok(())
}

/// A run that would keep none of the reviewed beads of a language pair (the
/// pair is not in the run, or its files are other documents) would throw a
/// person's work away: only with `--force`. Losing some, to edits of the
/// files, is reported instead.
fn refuse_to_lose_all_reviewed(dir: &Path, previous: &Review, run: &pipeline::Run) -> Result<(), Failure> {
    match run.lost_review(previous) {
        Some(lost) => Err(UsageError(format!(
            "{} {lost}: -o another folder aligns afresh, --force discards the review",
            dir.display()
        ))
        .into()),
        None => Ok(()),
    }
}

/// Which reviewed beads of the folder's earlier review the run kept, and
/// why the others could not be.
fn report_kept(pivot: &trialign::lang::Lang, pair: &pipeline::AlignedPair) {
    let kept = &pair.kept;
    if kept.beads.is_empty() && kept.lost.is_empty() {
        return;
    }
    let lang = &pair.side.lang;
    eprintln!("{pivot}-{lang}: kept {} reviewed beads of the earlier review", kept.beads.len());
    for lost in &kept.lost {
        let link = formats::Link::from_bead(&lost.reviewed.bead, None);
        let ids = formats::format_link(&link.src, &link.tgt, None);
        eprintln!("    lost {ids} ({}): {}", lost.reviewed.tag.status, lost.reason);
    }
}

/// The printed summary of a run folder: per pair the beads, the mean score,
/// what the lexical evidence drew on and the weakest beads; the exports.
/// `looked_for_lexicons`: the built-in lexicons were looked for, so that
/// finding none deserves a hint.
pub(crate) fn print_summary(review: &Review, exports: &formats::ExportOptions, dir: &Path, looked_for_lexicons: bool) {
    let rows = review.rows();
    let queued = review::queue::queue(review).len();
    let summary = Summary::of(review, &rows, queued, exports);
    for language in &summary.languages {
        if let Some(input) = &language.input {
            println!(
                "{}  {}: {}, {} ({}, confidence {:.2})",
                language.lang,
                language.file,
                input.format.name(),
                input.encoding,
                input.detection.name(),
                input.confidence
            );
        }
    }
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
        println!("    {}", words_line(&pair.lexicons, pair.name_pairs, pair.word_pairs, looked_for_lexicons));
        if let Some(why) = &pair.unchecked {
            println!("    warning: could not check that these are translations of each other: {why}");
        }
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
    println!("review queue: {queued} rows to read (`trialign review {}`)", dir.display());
    if let Some(e) = &summary.exports {
        let csv = match &e.delimiter {
            Some(d) if e.formats.iter().any(|f| f == "csv") => format!(" (CSV for spreadsheets, delimiter {d:?})"),
            _ => String::new(),
        };
        let cut = match e.min_score {
            Some(x) => {
                let corpus: Vec<&str> = exports.formats().iter().filter(|f| f.is_corpus()).map(|f| f.name()).collect();
                format!("; {} rows scored below {x} left out of {}", e.rows_below_min_score, corpus.join(", "))
            }
            None => String::new(),
        };
        println!("exports: {}{csv}{cut}", e.formats.join(", "));
    }
}

/// What the lexical evidence drew on: `lexicons: CC-CEDICT (4021 entries
/// used); 12 name pairs; 5230 word pairs learned`; with none found where
/// they were `looked_for`, how to install them.
pub(crate) fn words_line(lexicons: &[LexiconUse], names: usize, learned: usize, looked_for: bool) -> String {
    let used: Vec<String> = lexicons.iter().map(|l| format!("{} ({} entries used)", l.name, l.entries_used)).collect();
    let used = match (used.is_empty(), looked_for) {
        (false, _) => used.join(", "),
        (true, false) => "none".to_string(),
        (true, true) => format!("none ({NO_LEXICONS_HINT})"),
    };
    format!("lexicons: {used}; {names} name pairs; {learned} word pairs learned")
}

/// What to do when no lexicon was found.
const NO_LEXICONS_HINT: &str = "run scripts/setup.sh to install CC-CEDICT and Müller, for en-zh and en-ru";

/// The first `max` characters of `text`, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}
