//! `trialign report DIR [-o FILE.html]`: the review of an output folder as
//! one self-contained HTML page.

use std::path::PathBuf;

use anyhow::{anyhow, Context};
use clap::Args;
use trialign::formats::{html_report, read_review, write_file, REVIEW_FILE};

use super::Failure;

#[derive(Args)]
pub struct ReportArgs {
    /// An output folder of `trialign align` (it holds review.json).
    dir: PathBuf,
    /// Where to write the page [default: DIR/report.html].
    #[arg(short, long, value_name = "FILE.html")]
    out: Option<PathBuf>,
}

pub fn report_command(args: ReportArgs) -> Result<(), Failure> {
    let path = args.dir.join(REVIEW_FILE);
    // Whatever is wrong with the review file is the user's to mend: exit 2.
    if !path.exists() {
        let error = anyhow!(
            "{}: no review file; give the output folder of `trialign align` (align the documents with -o {} first)",
            path.display(),
            args.dir.display()
        );
        return Err(Failure { error, code: 2 });
    }
    let review = read_review(&path).map_err(|e| Failure { error: e.into(), code: 2 })?;
    let out = args.out.unwrap_or_else(|| args.dir.join("report.html"));
    write_file(&out, html_report(&review).as_bytes()).context("the report was not written")?;
    println!("wrote {}", out.display());
    Ok(())
}
