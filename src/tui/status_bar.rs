//! The two bottom lines: what the cursor row holds (or what the last key did, or the prompt being
//! typed), and the status bar — position, languages, counts, unsaved changes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use trialign::review::SideRef;

use super::app::{App, Mode, Prompt};
use super::wrap::width;

/// The line above the status bar.
pub fn draw_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let (text, style) = match &app.mode {
        Mode::ConfirmQuit => (
            "Unsaved: y save & quit · n quit (journal kept) · Esc stay".to_string(),
            Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD),
        ),
        Mode::Input { prompt: Prompt::Search, text } => (format!("/{text}▏"), Style::new()),
        Mode::Input { prompt: Prompt::SplitAt, text } => {
            let lang = app.lang(app.sides()[app.side]);
            (format!("split row {} before {lang} sentence: {text}▏", app.cursor), Style::new())
        }
        _ => match &app.message {
            Some(message) => (message.clone(), Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)),
            None => (cursor_row(app), Style::new()),
        },
    };
    buf.set_stringn(area.x, area.y, text, area.width as usize, style);
}

/// The cursor row's sentence ids (as `--apply` lines name them), scores and flags:
/// `#12 en:4–5 ru:3 zh:— · ru 0.93 zh 0.41 · not-1-1 low-score`.
fn cursor_row(app: &App) -> String {
    let Some(row) = app.rows.get(app.cursor) else { return String::new() };
    let ids: Vec<String> = app
        .sides()
        .into_iter()
        .map(|side| {
            let (range, _) = app.sentences(row, side);
            let ids = match range.len() {
                0 => "—".to_string(),
                1 => range.start.to_string(),
                _ => format!("{}–{}", range.start, range.end - 1),
            };
            format!("{}:{ids}", app.lang(side))
        })
        .collect();
    let scores: Vec<String> = row
        .scores
        .iter()
        .enumerate()
        .map(|(pair, s)| {
            let lang = app.lang(SideRef::Other(pair));
            s.map_or(format!("{lang} —"), |s| format!("{lang} {s:.2}"))
        })
        .collect();
    let mut line = format!("#{} {} · {} · {}", row.index, ids.join(" "), scores.join(" "), row.status.name());
    if !row.flags.is_empty() {
        line.push_str(&format!(" · {}", row.flags));
    }
    line
}

/// The status bar; on a narrow terminal the counts shorten and the least needed parts go.
pub fn draw_status(app: &App, area: Rect, buf: &mut Buffer) {
    let review = app.review();
    let langs: Vec<&str> = review.languages.iter().map(|l| l.lang.code()).collect();
    let position = format!(" row {}/{}", app.cursor + 1, app.rows.len());
    let c = app.session().counts();
    let long = format!("confirmed {} · edited {} · auto {} · flagged {}", c.confirmed, c.edited, c.auto, c.flagged);
    let short = format!("✓{} ✎{} auto {} ⚑{}", c.confirmed, c.edited, c.auto, c.flagged);
    let unsaved = if app.session().is_dirty() { Some("[+] unsaved") } else { None };
    let langs = langs.join("-");
    let candidates = [
        vec![Some(position.as_str()), Some(&langs), Some(&long), unsaved, Some("? help")],
        vec![Some(position.as_str()), Some(&langs), Some(&short), unsaved, Some("? help")],
        vec![Some(position.as_str()), Some(&langs), Some(&short), unsaved],
        vec![Some(position.as_str()), Some(&short), unsaved],
    ];
    let join = |parts: &[Option<&str>]| parts.iter().flatten().copied().collect::<Vec<_>>().join(" │ ");
    let text = candidates.iter().map(|c| join(c)).find(|t| width(t) <= area.width as usize);
    let text = text.unwrap_or_else(|| join(&candidates[3]));
    let style = Style::new().add_modifier(Modifier::REVERSED);
    buf.set_style(area, style);
    buf.set_stringn(area.x, area.y, text, area.width as usize, style);
}
