//! `trialign export DIR`: every output of a run folder written again from
//! its review state, without aligning (`review.json` itself is rewritten
//! with the same bytes).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use trialign::formats;

use super::Failure;

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// A folder written by `trialign align` (it holds review.json).
    dir: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

pub(crate) fn run(args: ExportArgs) -> Result<(), Failure> {
    let review = formats::read_review(&args.dir.join(formats::REVIEW_FILE))?;
    if formats::Journal::pending(&args.dir)?.is_some() && !args.quiet {
        eprintln!(
            "trialign: note: {} holds review edits that were never saved (review.journal); they are not in this export: open `trialign review {}` to recover them",
            args.dir.display(),
            args.dir.display()
        );
    }
    let outputs = formats::run_outputs(&review);
    let names: Vec<String> = outputs.names().map(str::to_string).collect();
    outputs.commit(&args.dir).context("no output was written")?;
    if !args.quiet {
        super::align::print_summary(&review, &args.dir);
        println!("wrote {} in {}: {}", names.len(), args.dir.display(), names.join(", "));
    }
    Ok(())
}
