//! The state of a review on screen and what each key does to it. No terminal here: the event loop
//! feeds it key events, the tests synthetic ones. Every change of the alignment is an `Edit` given
//! to the session (which keeps it valid) and written to the journal before it is shown.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use trialign::review::{Edit, Review, RowRef, RowView, Session, SideRef, Status, REDO, UNDO};

use super::folder::Folder;
use super::keys::{self, Action};
use trialign::review::queue;

pub struct App {
    session: Session,
    folder: Folder,
    /// The rows of the review as it stands, rebuilt after every change.
    pub rows: Vec<RowView>,
    pub cursor: usize,
    /// The first row drawn; the view moves it to keep the cursor on screen.
    pub top: usize,
    /// How many rows the last frame showed: what PgDn/PgUp move by.
    pub page: usize,
    /// The side the side edits act on: 0 the pivot, i + 1 the other language of pair i.
    pub side: usize,
    pub mode: Mode,
    /// What the last key did or why it could not, shown until the next key.
    pub message: Option<String>,
    /// The row `n`/`N` went to last and its place in the queue: after a confirmation the row
    /// leaves the queue and the next one takes its place.
    queue_visit: Option<(usize, usize)>,
    last_search: String,
    quit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Rows,
    Help,
    Input { prompt: Prompt, text: String },
    ConfirmQuit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    Search,
    SplitAt,
}

impl App {
    pub fn new(session: Session, folder: Folder) -> App {
        let rows = session.review().rows();
        App {
            session,
            folder,
            rows,
            cursor: 0,
            top: 0,
            page: 1,
            side: 0,
            mode: Mode::Rows,
            message: None,
            queue_visit: None,
            last_search: String::new(),
            quit: false,
        }
    }

    pub fn review(&self) -> &Review {
        self.session.review()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Every side of the review: the pivot, then the other language of each pair.
    pub fn sides(&self) -> Vec<SideRef> {
        std::iter::once(SideRef::Pivot).chain((0..self.review().pairs.len()).map(SideRef::Other)).collect()
    }

    /// The language code of a side.
    pub fn lang(&self, side: SideRef) -> &str {
        self.review().code(side)
    }

    /// The sentence ids of a row on one side, and their texts.
    pub fn sentences(&self, row: &RowView, side: SideRef) -> (std::ops::Range<usize>, &[String]) {
        let review = self.review();
        let (range, language) = match side {
            SideRef::Pivot => (row.pivot.clone(), review.pivot()),
            SideRef::Other(pair) => (row.others[pair].clone(), review.other(pair)),
        };
        (range.clone(), &language.sentences[range])
    }

    pub fn handle(&mut self, key: KeyEvent) {
        self.message = None;
        match std::mem::replace(&mut self.mode, Mode::Rows) {
            Mode::Rows => {
                if let Some(action) = keys::action(key) {
                    self.act(action);
                }
            }
            Mode::Help => {} // any key closes it
            Mode::Input { prompt, mut text } => match key.code {
                KeyCode::Enter => self.submit(prompt, text),
                KeyCode::Esc => {}
                KeyCode::Backspace => {
                    text.pop();
                    self.mode = Mode::Input { prompt, text };
                }
                KeyCode::Char(c) => {
                    text.push(c);
                    self.mode = Mode::Input { prompt, text };
                }
                _ => self.mode = Mode::Input { prompt, text },
            },
            Mode::ConfirmQuit => match key.code {
                // A save that fails leaves the reason on screen and the session open.
                KeyCode::Char('y') => self.quit = self.save(),
                KeyCode::Char('n') => self.quit = true,
                _ => {} // stay
            },
        }
    }

    fn act(&mut self, action: Action) {
        let last = self.rows.len().saturating_sub(1);
        let row = RowRef::Index(self.cursor);
        let side = self.sides()[self.side];
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::PageDown => self.cursor = (self.cursor + self.page.max(1)).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(self.page.max(1)),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::NextQueued => self.step_queue(true),
            Action::PreviousQueued => self.step_queue(false),
            Action::NextUnconfirmed => self.next_unconfirmed(),
            Action::Search => self.mode = Mode::Input { prompt: Prompt::Search, text: String::new() },
            Action::ChooseSide => self.side = (self.side + 1) % self.sides().len(),
            Action::Confirm => self.edit(Edit::Confirm { row }),
            Action::ConfirmToHere => self.edit(Edit::ConfirmTo { row }),
            Action::Merge => self.edit(Edit::Merge { row }),
            Action::Split => self.edit(Edit::Split { row, at: None }),
            Action::SplitAt => self.mode = Mode::Input { prompt: Prompt::SplitAt, text: String::new() },
            Action::MoveFirstToPrevious => self.edit(Edit::MoveFirstToPrevious { row, side }),
            Action::MoveLastToNext => self.edit(Edit::MoveLastToNext { row, side }),
            Action::Detach => self.edit(Edit::Detach { row, side }),
            Action::Realign => self.edit(Edit::Realign { row }),
            Action::Undo => self.history(true),
            Action::Redo => self.history(false),
            Action::Save => {
                self.save();
            }
            Action::Quit if self.session.is_dirty() => self.mode = Mode::ConfirmQuit,
            Action::Quit => self.quit = true,
            Action::Help => self.mode = Mode::Help,
        }
    }

    /// Applies an edit, journals it, and shows the result; an edit the review refuses changes
    /// nothing and says why.
    fn edit(&mut self, edit: Edit) {
        // Written for the review as it is before the edit: rows by sentence id.
        let line = edit.display(self.review()).to_string();
        match self.session.apply(&edit) {
            Ok(row) => match self.folder.record(&line) {
                Ok(()) => self.show(row),
                Err(e) => {
                    // A change the journal does not hold could be lost by a crash: take it back.
                    self.session.undo();
                    self.message = Some(format!("{e:#}; the edit was undone"));
                }
            },
            Err(e) => self.message = Some(format!("{line}: {e}")),
        }
    }

    fn history(&mut self, undo: bool) {
        // The journal starts at the last save: it cannot tell how to go back past it.
        let behind_save = !self.session.is_dirty();
        let row = if undo { self.session.undo() } else { self.session.redo() };
        let Some(row) = row else {
            self.message = Some(if undo { "nothing to undo" } else { "nothing to redo" }.into());
            return;
        };
        match self.folder.record(if undo { UNDO } else { REDO }) {
            Ok(()) => {
                self.show(row);
                if behind_save {
                    self.message = Some(
                        "this changed what was saved, which the journal cannot replay: save (w) to keep it".into(),
                    );
                }
            }
            Err(e) => {
                if undo {
                    self.session.redo();
                } else {
                    self.session.undo();
                }
                self.message = Some(format!("{e:#}; nothing was changed"));
            }
        }
    }

    /// Rebuilds the rows after a change and puts the cursor where the change says.
    fn show(&mut self, row: usize) {
        self.rows = self.session.review().rows();
        self.cursor = row.min(self.rows.len().saturating_sub(1));
    }

    /// Saves; false (with the reason on screen) when it could not.
    fn save(&mut self) -> bool {
        match self.folder.save(&mut self.session) {
            Ok(()) => {
                self.message = Some(format!("saved {}", self.folder.review_path().display()));
                true
            }
            Err(e) => {
                self.message = Some(format!("not saved: {e:#}"));
                false
            }
        }
    }

    fn step_queue(&mut self, forward: bool) {
        let queue = queue::queue(self.review());
        if queue.is_empty() {
            self.message = Some("the review queue is empty: every row is confirmed".into());
            return;
        }
        let position = match self.queue_visit {
            // Still there: step on. Gone (confirmed): the next row took its place.
            Some((row, p)) if queue.get(p) == Some(&row) => {
                if forward {
                    p + 1
                } else {
                    p.wrapping_sub(1)
                }
            }
            Some((_, p)) => {
                if forward {
                    p
                } else {
                    p.wrapping_sub(1)
                }
            }
            None => {
                if forward {
                    0
                } else {
                    usize::MAX
                }
            }
        };
        if position >= queue.len() {
            self.message = Some(format!("{} of the review queue", if forward { "end" } else { "start" }));
            return;
        }
        self.queue_visit = Some((queue[position], position));
        self.cursor = queue[position];
        self.message = Some(format!("review queue {}/{}", position + 1, queue.len()));
    }

    fn next_unconfirmed(&mut self) {
        let n = self.rows.len();
        match (1..=n).map(|d| (self.cursor + d) % n).find(|&r| self.rows[r].status == Status::Auto) {
            Some(r) => self.cursor = r,
            None => self.message = Some("every row is confirmed".into()),
        }
    }

    fn submit(&mut self, prompt: Prompt, text: String) {
        match prompt {
            Prompt::Search => self.search(text),
            Prompt::SplitAt => {
                let side = self.sides()[self.side];
                match text.trim().parse::<usize>() {
                    Ok(sentence) => {
                        self.edit(Edit::Split { row: RowRef::Index(self.cursor), at: Some((side, sentence)) })
                    }
                    Err(_) => self.message = Some(format!("not a sentence number: {text:?}")),
                }
            }
        }
    }

    /// Finds the next row after the cursor (wrapping) that holds `text` in any language, ignoring
    /// case; an empty text repeats the last search.
    fn search(&mut self, text: String) {
        if !text.is_empty() {
            self.last_search = text;
        }
        if self.last_search.is_empty() {
            return;
        }
        let needle = self.last_search.to_lowercase();
        let n = self.rows.len();
        let sides = self.sides();
        let found = (1..=n).map(|d| (self.cursor + d) % n).find(|&r| {
            sides.iter().any(|&s| self.sentences(&self.rows[r], s).1.iter().any(|t| t.to_lowercase().contains(&needle)))
        });
        match found {
            Some(r) => self.cursor = r,
            None => self.message = Some(format!("no row holds {:?}", self.last_search)),
        }
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::tui::fixture;
    use ratatui::crossterm::event::KeyModifiers;

    /// An app on `review` saved in a fresh folder (kept alive by the returned guard).
    pub fn app_on(review: Review) -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        fixture::write(dir.path(), &review);
        let (folder, review) = Folder::open(dir.path()).unwrap();
        (dir, App::new(Session::new(review), folder))
    }

    pub fn press(app: &mut App, keys: &str) {
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                '\u{1b}' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            app.handle(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    fn journal(dir: &tempfile::TempDir) -> String {
        std::fs::read_to_string(dir.path().join("review.journal")).unwrap()
    }

    #[test]
    fn moving_stays_within_the_rows() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        let last = app.rows.len() - 1;
        press(&mut app, "k");
        assert_eq!(app.cursor, 0);
        press(&mut app, "jj");
        assert_eq!(app.cursor, 2);
        press(&mut app, "G");
        assert_eq!(app.cursor, last);
        press(&mut app, "j");
        assert_eq!(app.cursor, last);
        press(&mut app, "g");
        assert_eq!(app.cursor, 0);
        app.page = 2;
        app.handle(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
        assert_eq!(app.cursor, 2);
        app.handle(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_eq!(app.cursor, 3);
    }

    #[test]
    fn n_visits_the_queue_and_goes_on_after_a_confirmation() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        let queue = queue::queue(app.review());
        press(&mut app, "n");
        assert_eq!(app.cursor, queue[0]);
        press(&mut app, "n");
        assert_eq!(app.cursor, queue[1]);
        press(&mut app, "N");
        assert_eq!(app.cursor, queue[0]);
        // Confirmed, the row leaves the queue; n goes to the one that followed it.
        let first = app.cursor;
        press(&mut app, "c");
        app.cursor = first;
        press(&mut app, "n");
        assert_eq!(app.cursor, queue[1]);
    }

    #[test]
    fn u_skips_the_confirmed_rows() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "jjC");
        press(&mut app, "gu");
        assert_eq!(app.cursor, 3, "rows 0 to 2 are confirmed");
        press(&mut app, "Gu");
        assert_eq!(app.cursor, 3, "wraps round");
    }

    #[test]
    fn edits_are_journalled_and_undone_exactly() {
        let (dir, mut app) = app_on(fixture::three_languages());
        let before = app.review().clone();
        press(&mut app, "c");
        assert_eq!(app.rows[0].status, Status::Confirmed);
        assert!(app.session().is_dirty());
        press(&mut app, "z");
        assert_eq!(app.review(), &before);
        press(&mut app, "Z");
        assert_eq!(app.rows[0].status, Status::Confirmed);
        app.handle(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
        assert_eq!(app.message.as_deref(), Some("nothing to redo"));
        assert_eq!(journal(&dir), "confirm en:0\nundo\nredo\n");
    }

    #[test]
    fn side_edits_act_on_the_language_chosen_with_tab() {
        let (dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "jj\t");
        assert_eq!(app.sides()[app.side], SideRef::Other(0));
        let rows = app.rows.len();
        press(&mut app, "x");
        assert_eq!(app.rows.len(), rows + 1, "the Russian sentence got a row of its own");
        assert!(journal(&dir).ends_with("detach en:2 ru\n"), "{}", journal(&dir));
        press(&mut app, "\t\t");
        assert_eq!(app.sides()[app.side], SideRef::Pivot);
    }

    #[test]
    fn a_refused_edit_changes_nothing_and_says_why() {
        let (dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "Gm");
        assert!(app.message.as_deref().unwrap_or("").starts_with("merge"), "{:?}", app.message);
        assert!(!app.session().is_dirty());
        assert_eq!(journal(&dir), "");
    }

    #[test]
    fn search_finds_any_language_ignoring_case_and_repeats() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "/путин\n");
        assert_eq!(app.cursor, 2);
        press(&mut app, "/BEIJING\n");
        assert_eq!(app.cursor, app.rows.len() - 1);
        press(&mut app, "/会议\n");
        assert_eq!(app.cursor, 0, "wraps round to the first row");
        press(&mut app, "/\n");
        assert_eq!(app.cursor, app.rows.len() - 1, "an empty search repeats the last");
        press(&mut app, "/nowhere\n");
        assert_eq!(app.message.as_deref(), Some("no row holds \"nowhere\""));
        press(&mut app, "/abc\u{1b}");
        assert_eq!(app.mode, Mode::Rows);
    }

    #[test]
    fn split_at_asks_for_a_sentence_of_the_chosen_language() {
        let (dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "jj");
        let rows = app.rows.len();
        press(&mut app, "S3\n");
        assert_eq!(app.rows.len(), rows + 1, "{:?}", app.message);
        assert!(journal(&dir).ends_with("split en:2 at en:3\n"), "{}", journal(&dir));
        press(&mut app, "Sx\n");
        assert_eq!(app.message.as_deref(), Some("not a sentence number: \"x\""));
    }

    #[test]
    fn quitting_asks_only_when_unsaved_and_the_journal_stays() {
        let (_dir, mut app) = app_on(fixture::pair());
        press(&mut app, "q");
        assert!(app.should_quit());

        let (dir, mut app) = app_on(fixture::pair());
        press(&mut app, "cq");
        assert_eq!(app.mode, Mode::ConfirmQuit);
        press(&mut app, "\u{1b}");
        assert!(!app.should_quit());
        press(&mut app, "qn");
        assert!(app.should_quit());
        assert_eq!(journal(&dir), "confirm en:0\n");
    }

    #[test]
    fn saving_writes_the_review_and_clears_the_journal() {
        let (dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "jcw");
        assert!(!app.session().is_dirty());
        assert_eq!(journal(&dir), "");
        let saved = trialign::formats::read_review(&dir.path().join("review.json")).unwrap();
        assert_eq!(&saved, app.review());
        // Quitting after a save and an undo past it asks again.
        press(&mut app, "zq");
        assert_eq!(app.mode, Mode::ConfirmQuit);
        press(&mut app, "y");
        assert!(app.should_quit());
        assert_eq!(journal(&dir), "");
    }

    #[test]
    fn r_re_aligns_around_the_cursor_and_undo_takes_it_back() {
        use trialign::align::{Alignment, Bead};
        use trialign::review::{BeadMark, Flags, ReviewedAlignment};
        // en | ru paired down the diagonal, the last two English sentences left over: wrong from
        // the merged Russian sentence on.
        let mut review = fixture::pair();
        let (n, m) = (fixture::EN.len(), fixture::RU.len());
        let beads: Vec<Bead> =
            (0..m).map(|i| Bead::new(i..i + 1, i..i + 1)).chain((m..n).map(|i| Bead::new(i..i + 1, m..m))).collect();
        let marks = vec![BeadMark { score: 0.5, status: Status::Auto, risk: None, flags: Flags::new() }; n];
        let alignment = ReviewedAlignment::new(Alignment::new(beads, n, m).unwrap(), marks).unwrap();
        review.pairs[0].alignment = alignment;
        let (dir, mut app) = app_on(review);
        press(&mut app, "jj");
        let before = app.review().clone();
        press(&mut app, "r");
        assert_eq!(app.message, None);
        assert_eq!(journal(&dir), "realign en:2\n");
        let after = app.review().clone();
        assert_ne!(after.pairs, before.pairs);
        assert_eq!(app.rows[app.cursor].pivot.start, 2, "the cursor stays on its sentence");
        press(&mut app, "z");
        assert_eq!(app.review(), &before);
        press(&mut app, "Z");
        assert_eq!(app.review().pairs, after.pairs);
        assert_eq!(journal(&dir), "realign en:2\nundo\nredo\n");
    }
}
