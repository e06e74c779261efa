//! `trialign segment FILE`: one sentence per line.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use trialign::input::one_line;
use trialign::lang::Lang;
use trialign::pipeline;

use super::{Failure, InputArgs};

#[derive(Args)]
pub(crate) struct SegmentArgs {
    /// The document to split: text, Markdown, HTML, DOCX, ODT, PDF or TMX; `-` reads standard input.
    file: PathBuf,
    /// Language code (en, ru, zh, …); detected from the text when absent.
    #[arg(long)]
    lang: Option<String>,
    /// Print each sentence's byte span in the file before it: `START-END<TAB>sentence`.
    #[arg(long)]
    spans: bool,
    #[command(flatten)]
    input: InputArgs,
}

pub(crate) fn run(args: SegmentArgs) -> Result<(), Failure> {
    let SegmentArgs { file, lang, spans, input } = args;
    let lang = lang.as_deref().map(Lang::new).transpose()?;
    lang.iter().for_each(super::warn_if_unknown);
    let read = input.read_options(&[&file])?;
    let side = pipeline::load_with(&file, lang.as_ref(), false, &read[0])?;
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
