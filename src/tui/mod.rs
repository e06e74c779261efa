//! `trialign review DIR`: the terminal UI, a thin layer over `trialign::review`. The library keeps
//! every alignment valid and holds the undo history; this layer shows the rows, maps keys to edits,
//! and journals each edit before showing it.

mod app;
mod bands;
mod columns;
#[cfg(test)]
mod fixture;
pub mod folder;
mod help;
pub mod keys;
mod status_bar;
mod table;
mod view;
mod wrap;

pub use app::App;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

/// Runs the UI on the terminal until the person quits.
pub fn run(app: &mut App) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = (|| loop {
        terminal.draw(|frame| view::draw(frame, app))?;
        // A resize is an event too: the loop draws the new size.
        if let Event::Key(key) = event::read()? {
            if key.kind == KeyEventKind::Press {
                app.handle(key);
            }
        }
        if app.should_quit() {
            return Ok(());
        }
    })();
    ratatui::restore();
    result
}
