//! `bench --accuracy`: how far the fast search is from the exact one
//! (`--exact`) on the development sets. Each set is aligned both ways in
//! this process, as `eval --set` aligns it; the table gives the strict F1
//! of each against the gold, and of the fast alignment taking the exact one
//! for gold.

use std::path::{Path, PathBuf};

use trialign::eval::{self, four_decimals, ParallelCorpus, Rates};
use trialign::formats::Link;
use trialign::pipeline::{self, PairOptions};

use super::table::Table;
use super::{lexicons_label, seconds, Lexicons};
use crate::cli::progress::{Reporter, Within};
use crate::cli::Failure;

/// The seed the development sets are perturbed with (as in the eval tests).
const SEED: u64 = 7;

/// The table of the sets in `sets` and of each corpus of `flores`
/// perturbed, under each choice of lexicons; `None` when there is no set.
pub(super) fn table(
    sets: &Path,
    flores: &[ParallelCorpus],
    lexicons: &[Lexicons],
    tmp: &Path,
    progress: &Reporter,
) -> Result<Option<Table>, Failure> {
    let mut found = dev_sets(sets);
    for corpus in flores {
        let name = format!("flores-{}-{}", corpus.src, corpus.tgt);
        let dir = tmp.join(&name);
        eval::write_set(&corpus.perturb(SEED, Rates::default()), &dir, &corpus.src, &corpus.tgt)?;
        found.push((format!("{name} (perturbed, seed {SEED})"), dir));
    }
    if found.is_empty() {
        return Ok(None);
    }
    let header = vec!["set", "lexicons", "F1 fast", "F1 exact", "fast vs exact", "seconds fast", "seconds exact"];
    let title = "Accuracy: strict F1 of each search against the gold, and of the fast one against the exact one";
    let mut table = Table::new(title, header);
    for (name, dir) in &found {
        for &choice in lexicons {
            let evaluate = |exact: bool| {
                let mut options = PairOptions { builtin_lexicons: choice == Lexicons::With, ..PairOptions::default() };
                options.search.exact = exact;
                let search = if exact { "exact" } else { "fast" };
                let part = format!("{name}, {search} search, {} lexicons", choice.name());
                pipeline::evaluate_set(dir, &options, &Within { outer: progress, part })
            };
            let (fast, exact) = (evaluate(false)?, evaluate(true)?);
            let against_exact: Vec<(&[Link], &[Link])> = exact
                .docs
                .iter()
                .zip(&fast.docs)
                .map(|(e, f)| (e.predicted.as_slice(), f.predicted.as_slice()))
                .collect();
            let used: Vec<&str> = fast.words.lexicons.iter().map(|l| l.name.as_str()).collect();
            table.rows.push(vec![
                name.clone(),
                lexicons_label(choice, &used),
                four_decimals(fast.scores.f1_strict),
                four_decimals(exact.scores.f1_strict),
                four_decimals(eval::score(&against_exact).f1_strict),
                seconds(fast.seconds),
                seconds(exact.seconds),
            ]);
        }
    }
    Ok(Some(table))
}

/// The folders in `dir` that `eval --set` reads, by name.
fn dev_sets(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut sets: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| eval::read_set(p).is_ok())
        .map(|p| (p.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()), p))
        .collect();
    sets.sort();
    sets
}
