//! `trialign perturb FLORES_DIR --langs en,ru -o DIR`: an evaluation set
//! with merged and dropped lines, and its gold.

use std::path::PathBuf;

use clap::Args;
use trialign::eval;

use super::{Failure, UsageError};

#[derive(Args)]
pub(crate) struct PerturbArgs {
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
}

pub(crate) fn run(args: PerturbArgs) -> Result<(), Failure> {
    let PerturbArgs { flores, langs, seed, merge_rate, drop_rate, out } = args;
    let rates = eval::Rates { merge: merge_rate, drop: drop_rate };
    let [src, tgt] = &langs[..] else {
        return Err(UsageError("--langs takes two languages, e.g. --langs en,ru".into()).into());
    };
    let docs = eval::perturb_flores(&flores, src, tgt, seed, rates)?;
    eval::write_set(&docs, &out, src, tgt)?;
    let beads: usize = docs.iter().map(|d| d.gold.len()).sum();
    println!("wrote {} documents ({beads} gold beads) to {}", docs.len(), out.display());
    Ok(())
}
