//! `trialign review DIR [--apply EDITS [--recover]]`: the terminal UI over an output folder, or the
//! same edits from a file for scripts. Either way a pending journal (edits of a session that ended
//! without saving) is never lost: it is replayed, or kept aside under a new name, or — with
//! `--apply` and no `--recover` — the command refuses to run.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use trialign::review::{Edit, Session};

use super::{Failure, UsageError};
use crate::tui::folder::{Folder, Pending};
use crate::tui::{self, App};

#[derive(Args)]
pub struct ReviewArgs {
    /// An output folder of `trialign align` (it holds review.json).
    dir: PathBuf,
    /// Apply the edits of EDITS (`-`: standard input) and save, without the terminal UI. One edit
    /// per line, as the keys: `confirm #0`, `confirm-to #40`, `merge #12`, `split en:5`,
    /// `split en:5 at ru:7`, `move-prev #3 ru`, `move-next en:4 zh`, `detach #9 en`, `realign en:5` (a row by its
    /// number, #12, or by one of its sentences, en:12); `#` comments and blank lines are skipped.
    /// A bad line exits with 2 and saves nothing.
    #[arg(long, value_name = "EDITS")]
    apply: Option<PathBuf>,
    /// With --apply: first replay the edits that a session which ended without saving left in
    /// DIR/review.journal (without it, --apply refuses to run while such edits are pending).
    #[arg(long, requires = "apply")]
    recover: bool,
}

pub fn review_command(args: ReviewArgs) -> Result<(), Failure> {
    let (mut folder, review) = Folder::open(&args.dir)?;
    let mut session = Session::new(review);
    match &args.apply {
        Some(edits) => {
            if let Some(pending) = folder.pending()? {
                if !args.recover {
                    return Err(UsageError(format!(
                        "{} holds {} edits of a session that ended without saving; add --recover to replay \
                         them before {}, or run `trialign review {}` to replay or set them aside",
                        pending.path.display(),
                        pending.len(),
                        edits.display(),
                        args.dir.display()
                    ))
                    .into());
                }
                pending
                    .replay(&mut session)
                    .map_err(|e| UsageError(format!("{}: {e}; nothing was saved", pending.path.display())))?;
            }
            let applied = apply_file(&mut session, edits)?;
            folder.save(&mut session)?;
            println!("applied {applied} edits; saved {}", folder.review_path().display());
            Ok(())
        }
        None => {
            if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
                return Err(UsageError(
                    "the review UI needs a terminal; use --apply EDITS to edit from a script".into(),
                )
                .into());
            }
            let message = match folder.pending()? {
                Some(pending) => Some(offer_recovery(&mut folder, pending, &mut session)?),
                None => None,
            };
            let mut app = App::new(session, folder);
            app.message = message;
            tui::run(&mut app).context("the terminal failed")?;
            Ok(())
        }
    }
}

/// Asks whether to replay a pending journal: yes replays it (and the session goes on appending to
/// it), no renames it with a time stamp; it is never deleted. What became of it, for the screen.
fn offer_recovery(folder: &mut Folder, pending: Pending, session: &mut Session) -> Result<String, Failure> {
    eprint!(
        "{} holds {} changes of a session that ended without saving. Replay them? [y/n] ",
        pending.path.display(),
        pending.len()
    );
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).context("no answer was read")?;
    match answer.trim() {
        "y" | "Y" | "yes" => match pending.replay(session) {
            Ok(()) => Ok(format!("replayed {} unsaved changes; w saves them", pending.len())),
            Err(e) => {
                // Keep the whole journal aside and go on with a journal of what was replayed.
                let replayed = pending.replayed(&e).to_vec();
                let kept = folder.set_aside(pending)?;
                for line in &replayed {
                    folder.record(line)?;
                }
                Ok(format!("journal {e}; all of it is kept in {}", kept.display()))
            }
        },
        "n" | "N" | "no" => {
            let kept = folder.set_aside(pending)?;
            Ok(format!("the unsaved changes are kept in {}", kept.display()))
        }
        other => Err(UsageError(format!("answer y or n, not {other:?}; nothing was changed")).into()),
    }
}

/// Applies every edit line of `path` in order and says how many; the first bad one stops with its
/// file and line.
fn apply_file(session: &mut Session, path: &Path) -> Result<usize, Failure> {
    let (name, text) = if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("standard input could not be read")?;
        ("standard input".to_string(), text)
    } else {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        (path.display().to_string(), text)
    };
    let mut applied = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: String| UsageError(format!("{name}:{}: {line:?}: {why}; nothing was saved", n + 1));
        let edit = Edit::parse(line, session.review()).map_err(|e| bad(format!("{e}")))?;
        session.apply(&edit).map_err(|e| bad(format!("{e}")))?;
        applied += 1;
    }
    Ok(applied)
}
