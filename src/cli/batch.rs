//! `trialign batch MANIFEST -o DIR`: every document of a manifest aligned
//! into `DIR/<id>/`, with `DIR/batch.csv` and the combined exports;
//! `trialign batch --merge DIR... -o OUT` combines the parts of a batch run
//! with `--shard`.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use clap::Args;
use trialign::formats::{self, BatchRow, BatchTable, DocStatus, Outputs};
use trialign::lang::Lang;
use trialign::pipeline::{self, BatchDocument, BatchSettings, Plan, Progress, Shard};
use trialign::review::Review;

use super::progress::{BatchProgress, Reporter};
use super::{ExportChoice, Failure, ModelArgs, RunArgs, UsageError};

#[derive(Args)]
pub(crate) struct BatchArgs {
    /// A CSV file whose header names the languages, the pivot first (`id,en,ru,zh`), and a row
    /// per document: its id (the name of its folder) and its files, relative to the manifest;
    /// a row may leave any language but the pivot empty.
    #[arg(required_unless_present = "merge")]
    manifest: Option<PathBuf>,
    /// The output folder: DIR/<id>/ per document, DIR/batch.csv, the combined exports.
    #[arg(short, long)]
    out: PathBuf,
    /// Align on N threads [default: all cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Align only the K-th of N disjoint parts of the manifest (by a hash of the ids), e.g. for a
    /// cluster's array job; combine the parts' folders with --merge.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Combine the -o folders of the parts of a batch into -o OUT, instead of aligning.
    #[arg(long, value_name = "DIR", num_args = 1.., conflicts_with_all = ["manifest", "shard"])]
    merge: Vec<PathBuf>,
    #[command(flatten)]
    run: RunArgs,
    /// Discard the reviews of documents aligned again (their confirmed and edited beads, and
    /// unsaved edits) instead of keeping them.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    exports: ExportChoice,
}

pub(crate) fn run(args: BatchArgs) -> Result<(), Failure> {
    if !args.merge.is_empty() {
        return merge(&args);
    }
    if args.jobs == Some(0) {
        return Err(UsageError("-j 0: give at least one thread".into()).into());
    }
    let bad = |e: anyhow::Error| Failure { error: e, code: 2 };
    let manifest_path = args.manifest.as_deref().expect("clap requires a manifest without --merge");
    let manifest = formats::read_manifest(manifest_path).map_err(|e| bad(e.into()))?;
    let rows: Vec<_> = manifest.rows.iter().filter(|r| args.shard.is_none_or(|s| s.holds(&r.id))).collect();
    let exports = args.exports.options(&formats::ExportOptions::default())?;
    let settings = BatchSettings {
        options: args.model.options()?,
        presegmented: args.run.presegmented,
        review_threshold: args.run.review_threshold,
        force: args.force,
        jobs: args.jobs,
    };
    let planned = pipeline::plan_batch(&rows, &manifest, &args.out, &settings).map_err(|e| bad(e.into()))?;
    let progress = BatchProgress::new(Reporter::new(args.run.quiet), planned.len());
    let to_align: Vec<BatchDocument> = planned
        .iter()
        .filter_map(|p| match &p.plan {
            Plan::Align(previous) => Some(BatchDocument { row: p.row, previous: previous.review.as_ref() }),
            _ => None,
        })
        .collect();
    let mut runs = pipeline::align_batch(&to_align, &manifest.langs, &settings, &progress)?.into_iter();
    progress.stage("writing the documents' folders");
    let pairs = pair_names(&manifest.langs);
    let (mut aligned, mut skipped) = (0, 0);
    let mut table = BatchTable { pairs: pairs.clone(), rows: Vec::new() };
    for p in planned {
        let (id, dir) = (&p.row.id, args.out.join(&p.row.id));
        let written = match p.plan {
            Plan::Skip(previous) => {
                skipped += 1;
                let review = previous.review.as_ref().expect("a skipped document has its review");
                // Unchanged alignments, other exports: written again from the review, as `export` does.
                if previous.exports != exports {
                    write_folder(&dir, review, &exports, &previous, false)
                } else {
                    Ok(())
                }
                .map(|()| BatchRow::finished(id, &p.fingerprint, review, &pairs))
            }
            Plan::Align(previous) => match runs.next().expect("a run per document aligned") {
                Ok(run) => {
                    aligned += 1;
                    let review = run.review(args.run.review_threshold);
                    write_folder(&dir, &review, &exports, &previous, args.force)
                        .map(|()| BatchRow::finished(id, &p.fingerprint, &review, &pairs))
                }
                Err(why) => Err(why),
            },
            Plan::Refuse(why) => Err(why),
        };
        let row = written.unwrap_or_else(|why| BatchRow::failed(id, &p.fingerprint, &why, pairs.len()));
        progress.document(id, (row.status == DocStatus::Failed).then_some(row.error.as_str()));
        table.rows.push(row);
    }
    progress.stage("writing the combined exports");
    let names = write_batch(&args.out, &table, &manifest.langs, &exports)?;
    drop(progress);
    let failed = table.rows.iter().filter(|r| r.status == DocStatus::Failed).count();
    if !args.run.quiet {
        let part = args.shard.map(|_| " of this shard").unwrap_or_default();
        println!(
            "{} documents{part}: {aligned} aligned, {skipped} unchanged (skipped), {failed} failed",
            table.rows.len()
        );
        println!("wrote in {}: {}", args.out.display(), names.join(", "));
    }
    finish(failed, table.rows.len(), &args.out)
}

/// `batch --merge DIR... -o OUT`.
fn merge(args: &BatchArgs) -> Result<(), Failure> {
    let bad = |e: anyhow::Error| Failure { error: e, code: 2 };
    let merge = pipeline::plan_merge(&args.merge, &args.out).map_err(|e| bad(e.into()))?;
    for (id, folder) in &merge.folders {
        let files = formats::folder_outputs(folder)?;
        files.commit(&args.out.join(id)).context("the merge was not finished")?;
    }
    // The exports the documents' folders hold, as they were aligned with.
    let exports = match merge.folders.first() {
        Some((_, folder)) => formats::read_review_and_exports(&folder.join(formats::REVIEW_FILE))?.1,
        None => formats::ExportOptions::default(),
    };
    let names = write_batch(&args.out, &merge.table, &merge.langs, &exports)?;
    let failed = merge.table.rows.iter().filter(|r| r.status == DocStatus::Failed).count();
    if !args.run.quiet {
        println!("merged {} parts: {} documents, {failed} failed", args.merge.len(), merge.table.rows.len());
        println!("wrote in {}: {} document folders, {}", args.out.display(), merge.folders.len(), names.join(", "));
    }
    finish(failed, merge.table.rows.len(), &args.out)
}

/// `P-X` for each other language.
fn pair_names(langs: &[Lang]) -> Vec<String> {
    langs[1..].iter().map(|x| format!("{}-{x}", langs[0])).collect()
}

/// Writes a document's run folder, as `align` does; why it could not be.
fn write_folder(
    dir: &Path,
    review: &Review,
    exports: &formats::ExportOptions,
    previous: &formats::Previous,
    discard_journal: bool,
) -> Result<(), String> {
    let outputs =
        formats::run_outputs(review, exports, formats::Outputs::staged_in(dir)).map_err(|e| pipeline::reason(&e))?;
    formats::replace_run(dir, outputs, previous, discard_journal).map_err(|e| pipeline::reason(&e))
}

/// Writes `batch.csv` and the combined exports of the finished documents
/// (read from their folders, with what was reviewed there) into `dir`; the
/// names written.
fn write_batch(
    dir: &Path,
    table: &BatchTable,
    langs: &[Lang],
    exports: &formats::ExportOptions,
) -> Result<Vec<String>, Failure> {
    let mut ok: Vec<&str> = table.rows.iter().filter(|r| r.status == DocStatus::Ok).map(|r| r.id.as_str()).collect();
    ok.sort();
    let reviews = pipeline::finished_reviews(dir, &ok)?;
    let docs: Vec<(&str, &Review)> = ok.iter().copied().zip(&reviews).collect();
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let mut outputs: Outputs =
        formats::corpus_outputs(&docs, langs, exports, &now).context("the combined exports were not written")?;
    outputs.add(formats::BATCH_FILE, formats::batch_file(table));
    let names = outputs.names().map(str::to_string).collect();
    outputs.commit(dir).context("batch.csv and the combined exports were not written")?;
    Ok(names)
}

/// Exit 1 when a document failed.
fn finish(failed: usize, total: usize, dir: &Path) -> Result<(), Failure> {
    if failed == 0 {
        return Ok(());
    }
    let file = dir.join(formats::BATCH_FILE);
    Err(Failure { error: anyhow!("{failed} of {total} documents failed; {} says why", file.display()), code: 1 })
}
