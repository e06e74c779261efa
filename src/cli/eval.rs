//! `trialign eval`: score an alignment against a gold one, or align and
//! score a whole evaluation set.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use trialign::eval::{self, four_decimals, Scores};
use trialign::formats;
use trialign::pipeline::{self, PairOptions};

use super::align::words_line;
use super::progress::Reporter;
use super::{Failure, ModelArgs, UsageError};

#[derive(Args)]
pub(crate) struct EvalArgs {
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
    /// With --set: show no progress (the figures are printed all the same).
    #[arg(short, long, requires = "set")]
    quiet: bool,
    #[command(flatten)]
    model: ModelArgs,
}

fn figures(s: &Scores) -> String {
    s.figures().iter().map(|(_, v)| four_decimals(*v)).collect::<Vec<_>>().join("  ")
}

const HEADER: &str = "P strict  R strict  F1 strict  P lax  R lax  F1 lax";

pub(crate) fn run(args: EvalArgs) -> Result<(), Failure> {
    if let Some(set) = &args.set {
        let (save, dump) = (args.save.as_deref(), args.dump_beads.as_deref());
        let looked_for = !args.model.no_lexicons();
        return eval_set_command(set, save, dump, &args.model.options()?, looked_for, args.quiet);
    }
    let (gold, pred) = (args.gold.expect("clap requires GOLD"), args.pred.expect("clap requires PRED"));
    let g = formats::read_links(&gold)?;
    let p = formats::read_links(&pred)?;
    // Numbers beyond the gold's are sentences its document does not have: a
    // prediction of another document. Fewer may be a prediction that leaves
    // unaligned sentences at the end out, so only a warning.
    let [(gs, gt), (ps, pt)] = [formats::sentences_covered(&g), formats::sentences_covered(&p)];
    let (gold_name, pred_name) = (gold.display(), pred.display());
    if ps > gs || pt > gt {
        return Err(UsageError(format!(
            "{pred_name} covers {ps} + {pt} sentences but {gold_name} only {gs} + {gt}: they align different documents; give the gold and the prediction of one document"
        ))
        .into());
    }
    if (ps, pt) != (gs, gt) {
        eprintln!(
            "trialign: warning: {pred_name} covers {ps} + {pt} sentences, {gold_name} {gs} + {gt}: the sentences it leaves out count as missed (other documents?)"
        );
    }
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
    looked_for_lexicons: bool,
    quiet: bool,
) -> Result<(), Failure> {
    let progress = Reporter::new(quiet);
    let report = pipeline::evaluate_set(set, options, &progress)?;
    drop(progress);
    if let Some(dir) = save {
        let mut outputs = formats::Outputs::default();
        for doc in &report.docs {
            let beads = doc.beads.iter().map(|(b, s)| (b, s.confidence.get()));
            outputs.add(format!("{}.align", doc.name), formats::align_file(beads));
        }
        outputs.commit(dir).context("the predicted alignments were not saved")?;
    }
    if let Some(file) = dump {
        formats::write_file(file, report.bead_table().as_bytes()).context("the bead table was not written")?;
    }
    println!("{} ({} → {})", set.display(), report.src, report.tgt);
    println!("{:<10}{HEADER}", "document");
    for doc in &report.docs {
        println!("{:<10}{}  ({:.2} s)", doc.name, figures(&doc.scores), doc.seconds);
    }
    println!("{:<10}{}", "set", figures(&report.scores));
    println!("{}", words_line(&report.words.lexicons, report.words.names, report.word_pairs, looked_for_lexicons));
    println!("calibration: {}", report.calibration);
    println!("time {:.2} s", report.seconds);
    Ok(())
}
