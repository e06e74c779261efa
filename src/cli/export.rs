//! `trialign export DIR`: every output of a run folder written again from
//! its review state, without aligning (`review.json` itself is rewritten
//! with the same bytes), with the exports the folder holds or, when named,
//! others (which the folder then keeps; the files of exports no longer
//! named are removed).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use trialign::formats;

use super::{ExportChoice, Failure};

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// A folder written by `trialign align` (it holds review.json).
    dir: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    exports: ExportChoice,
}

pub(crate) fn run(args: ExportArgs) -> Result<(), Failure> {
    let (review, kept) = formats::read_review_and_exports(&args.dir.join(formats::REVIEW_FILE))?;
    let exports = args.exports.options(&kept)?;
    if formats::Journal::pending(&args.dir)?.is_some() && !args.quiet {
        eprintln!(
            "trialign: note: {} holds review edits that were never saved (review.journal); they are not in this export: open `trialign review {}` to recover them",
            args.dir.display(),
            args.dir.display()
        );
    }
    let outputs = formats::run_outputs(&review, &exports, formats::Outputs::staged_in(&args.dir))
        .context("no output was written")?;
    let names: Vec<String> = outputs.names().map(str::to_string).collect();
    let previous = formats::previous_run(&args.dir)?;
    formats::replace_run(&args.dir, outputs, &previous, false).context("no output was written")?;
    if !args.quiet {
        super::align::print_summary(&review, &exports, &args.dir, true);
        println!("wrote {} in {}: {}", names.len(), args.dir.display(), names.join(", "));
    }
    Ok(())
}
