//! The key map: one table from which the UI reads its keys, the help overlay and `review --help`
//! their descriptions, so the three cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for in the rows view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextQueued,
    PreviousQueued,
    NextUnconfirmed,
    Search,
    ChooseSide,
    Confirm,
    ConfirmToHere,
    Merge,
    Split,
    SplitAt,
    MoveFirstToPrevious,
    MoveLastToNext,
    Detach,
    Realign,
    Undo,
    Redo,
    Save,
    Quit,
    Help,
}

/// A key with its modifiers; letters are matched as typed (`G` is Shift-g), so Shift is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(KeyCode, bool /* Ctrl */);

const fn plain(c: char) -> Key {
    Key(KeyCode::Char(c), false)
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[Key(KeyCode::Down, false), plain('j')], action: Action::Down, help: "next row" },
    Binding { keys: &[Key(KeyCode::Up, false), plain('k')], action: Action::Up, help: "previous row" },
    Binding { keys: &[Key(KeyCode::PageDown, false)], action: Action::PageDown, help: "next page" },
    Binding { keys: &[Key(KeyCode::PageUp, false)], action: Action::PageUp, help: "previous page" },
    Binding { keys: &[plain('g'), Key(KeyCode::Home, false)], action: Action::Top, help: "first row" },
    Binding { keys: &[plain('G'), Key(KeyCode::End, false)], action: Action::Bottom, help: "last row" },
    Binding { keys: &[plain('n')], action: Action::NextQueued, help: "next in the review queue" },
    Binding { keys: &[plain('N')], action: Action::PreviousQueued, help: "previous in the review queue" },
    Binding { keys: &[plain('u')], action: Action::NextUnconfirmed, help: "next unconfirmed row" },
    Binding { keys: &[plain('/')], action: Action::Search, help: "search (/ Enter: next match)" },
    Binding { keys: &[Key(KeyCode::Tab, false)], action: Action::ChooseSide, help: "language for [ ] x S" },
    Binding { keys: &[plain('c'), plain(' ')], action: Action::Confirm, help: "confirm the row" },
    Binding { keys: &[plain('C')], action: Action::ConfirmToHere, help: "confirm top to here" },
    Binding { keys: &[plain('m')], action: Action::Merge, help: "merge with the next row" },
    Binding { keys: &[plain('s')], action: Action::Split, help: "split: one row per sentence" },
    Binding { keys: &[plain('S')], action: Action::SplitAt, help: "split before a sentence…" },
    Binding { keys: &[plain('[')], action: Action::MoveFirstToPrevious, help: "move first sentence up" },
    Binding { keys: &[plain(']')], action: Action::MoveLastToNext, help: "move last sentence down" },
    Binding { keys: &[plain('x')], action: Action::Detach, help: "detach: a row of its own" },
    Binding { keys: &[plain('r')], action: Action::Realign, help: "re-align around here" },
    Binding { keys: &[plain('z')], action: Action::Undo, help: "undo" },
    Binding { keys: &[plain('Z'), Key(KeyCode::Char('r'), true)], action: Action::Redo, help: "redo" },
    Binding { keys: &[plain('w')], action: Action::Save, help: "save" },
    Binding { keys: &[plain('q')], action: Action::Quit, help: "quit" },
    Binding { keys: &[plain('?')], action: Action::Help, help: "this help" },
];

/// The action bound to a key press, if any.
pub fn action(event: KeyEvent) -> Option<Action> {
    let key = Key(event.code, event.modifiers.contains(KeyModifiers::CONTROL));
    BINDINGS.iter().find(|b| b.keys.contains(&key)).map(|b| b.action)
}

/// How a binding's keys are written on screen: `↓ j`, `Space`, `Ctrl-r`.
pub fn label(binding: &Binding) -> String {
    binding.keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
}

fn key_name(key: &Key) -> String {
    let name = match key.0 {
        KeyCode::Down => "↓".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if key.1 {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// What the one-line descriptions leave out.
const NOTES: &str = "\
The side edits ([ ] x S) act on the language chosen with Tab, shown [in brackets] above its column.
/ then a text and Enter goes to the next row holding it in any language (case ignored); / then
Enter alone finds the next match again. S asks for the id of the chosen language's sentence before
which the row is split (the line above the status bar shows the cursor row's sentence ids).
n follows the review queue: the unconfirmed rows, likely errors first. r aligns the unconfirmed rows around
the cursor again (lengths and anchors), between the nearest confirmed or edited rows, which stay.
Every change is written to DIR/review.journal before it is shown; w writes DIR/review.json with
every output made from it (CSV, .align, summary) and clears the journal. Quitting without saving keeps the journal: the next `trialign review DIR`
offers to replay it.
";

/// Every key and what it does, one per line, then the notes, for `trialign review --help`.
pub fn help_text() -> String {
    let width = BINDINGS.iter().map(|b| super::wrap::width(&label(b))).max().unwrap_or(0);
    BINDINGS
        .iter()
        .map(|b| {
            let l = label(b);
            format!("  {l}{}  {}\n", " ".repeat(width - super::wrap::width(&l)), b.help)
        })
        .chain(std::iter::once(format!("\n{NOTES}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn letters_match_as_typed_and_ctrl_counts() {
        assert_eq!(press(KeyCode::Char('G'), KeyModifiers::SHIFT), Some(Action::Bottom));
        assert_eq!(press(KeyCode::Char('g'), KeyModifiers::NONE), Some(Action::Top));
        assert_eq!(press(KeyCode::Char('r'), KeyModifiers::CONTROL), Some(Action::Redo));
        assert_eq!(press(KeyCode::Char('r'), KeyModifiers::NONE), Some(Action::Realign));
        assert_eq!(press(KeyCode::Char(' '), KeyModifiers::NONE), Some(Action::Confirm));
        assert_eq!(press(KeyCode::Char('y'), KeyModifiers::NONE), None);
    }

    #[test]
    fn no_key_is_bound_twice() {
        let keys: Vec<&Key> = BINDINGS.iter().flat_map(|b| b.keys).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} bound twice");
        }
    }

    #[test]
    fn help_names_every_key() {
        let help = help_text();
        for name in ["↓ j", "PgDn", "Tab", "c Space", "Z Ctrl-r", "[", "]", "?"] {
            assert!(help.contains(name), "{name} missing from:\n{help}");
        }
        assert!(help.starts_with("  ↓ j "), "{help}");
    }
}
