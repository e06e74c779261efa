//! The rows side by side: a gutter (score band, cursor, row number, bead kind, flag mark, and per
//! pair its language, score and status mark) and one column per shown language, each sentence
//! wrapped to its column on lines of its own so that first and last sentences are plain to see.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use trialign::review::{RowView, SideRef};

use super::app::App;
use super::bands::{status_mark, Band};
use super::columns::{Column, GUTTER, SEPARATOR};
use super::wrap::wrap;

const CURSOR: Style = Style::new().add_modifier(Modifier::BOLD);
const DIM: Style = Style::new().fg(Color::DarkGray);

/// The column titles: the chosen language in brackets, and the languages a narrow terminal hides.
pub fn draw_header(app: &App, columns: &[Column], area: Rect, buf: &mut Buffer) {
    let sides = app.sides();
    let hidden: Vec<&str> =
        (0..sides.len()).filter(|&s| columns.iter().all(|c| c.side != s)).map(|s| app.lang(sides[s])).collect();
    let gutter = if hidden.is_empty() { "  row  kind".to_string() } else { format!("hidden: {}", hidden.join(" ")) };
    buf.set_stringn(area.x, area.y, gutter, GUTTER as usize - 1, DIM);
    for c in columns {
        let lang = app.lang(sides[c.side]);
        let title = if c.side == 0 { format!("{lang} (pivot)") } else { lang.to_string() };
        let (title, style) = if c.side == app.side {
            (format!("[{title}]"), Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED))
        } else {
            (title, Style::new().add_modifier(Modifier::BOLD))
        };
        buf.set_stringn(area.x + c.x, area.y, title, c.width as usize, style);
    }
}

/// Draws the rows from `app.top`, first moving it so that the cursor row is on screen, and records
/// how many rows fitted (what a page is).
pub fn draw_rows(app: &mut App, columns: &[Column], area: Rect, buf: &mut Buffer) {
    if app.rows.is_empty() || area.height == 0 {
        return;
    }
    scroll_to_cursor(app, columns, area.height as usize);
    let bottom = area.y + area.height;
    let mut y = area.y;
    let mut whole = 0;
    for r in app.top..app.rows.len() {
        if y >= bottom {
            break;
        }
        let lines = row_lines(app, &app.rows[r], columns);
        let height = lines.height();
        draw_row(app, r, columns, &lines, Rect { y, height: height.min((bottom - y) as usize) as u16, ..area }, buf);
        if y as usize + height <= bottom as usize {
            whole += 1;
        }
        y = y.saturating_add(height as u16);
    }
    app.page = whole.max(1);
}

/// The texts of one row, wrapped to the columns.
struct RowLines {
    /// Per shown column its lines; none when the row has no sentence of that language.
    cells: Vec<Vec<String>>,
    pairs: usize,
}

impl RowLines {
    fn height(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0).max(1 + self.pairs)
    }
}

fn row_lines(app: &App, row: &RowView, columns: &[Column]) -> RowLines {
    let sides = app.sides();
    let cells = columns
        .iter()
        .map(|c| {
            let (_, texts) = app.sentences(row, sides[c.side]);
            texts.iter().flat_map(|t| wrap(t, c.width as usize)).collect()
        })
        .collect();
    RowLines { cells, pairs: row.others.len() }
}

/// Moves `app.top` as little as needed for the whole cursor row to be on screen (its top line when
/// it is taller than the screen).
fn scroll_to_cursor(app: &mut App, columns: &[Column], height: usize) {
    let height_of = |app: &App, r: usize| row_lines(app, &app.rows[r], columns).height();
    app.cursor = app.cursor.min(app.rows.len() - 1);
    if app.cursor < app.top {
        app.top = app.cursor;
    }
    // Walk back from the cursor only as far as a screen reaches: a jump to the end costs a screen.
    let mut first = app.cursor;
    let mut used = height_of(app, first);
    while first > app.top && used + height_of(app, first - 1) <= height {
        first -= 1;
        used += height_of(app, first);
    }
    if used > height || first > app.top {
        app.top = first;
    }
}

fn draw_row(app: &App, r: usize, columns: &[Column], lines: &RowLines, area: Rect, buf: &mut Buffer) {
    let row = &app.rows[r];
    let review = app.review();
    let weakest = row.scores.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let band = Band::of(weakest, review.review_threshold).style();
    let here = r == app.cursor;
    for dy in 0..area.height {
        buf.set_string(area.x, area.y + dy, "▌", band);
    }
    let number = format!("{:>5} {:<5}", row.index, row.kind);
    buf.set_string(area.x + 1, area.y, if here { "▶" } else { " " }, CURSOR);
    buf.set_stringn(area.x + 2, area.y, number, 11, if here { CURSOR.add_modifier(Modifier::REVERSED) } else { DIM });
    if !row.flags.is_empty() {
        buf.set_string(area.x + 13, area.y, "⚑", Style::new().fg(Color::Yellow));
    }
    for (pair, (score, status)) in row.scores.iter().zip(&row.statuses).enumerate() {
        let y = area.y + 1 + pair as u16;
        if y >= area.y + area.height {
            break;
        }
        buf.set_stringn(area.x + 2, y, format!("{:>4}", app.lang(SideRef::Other(pair))), 4, DIM);
        match score {
            Some(s) => buf.set_string(area.x + 7, y, format!("{s:.2}"), Band::of(*s, review.review_threshold).style()),
            None => buf.set_string(area.x + 7, y, "  — ", DIM),
        };
        if let Some(status) = status {
            let (mark, style) = status_mark(*status);
            buf.set_string(area.x + 12, y, mark, style);
        }
    }
    for (column, cell) in columns.iter().zip(&lines.cells) {
        for dy in 0..area.height {
            if column.x > GUTTER {
                buf.set_string(area.x + column.x - SEPARATOR + 1, area.y + dy, "│", DIM);
            }
        }
        if cell.is_empty() {
            buf.set_string(area.x + column.x, area.y, "—", DIM);
        }
        for (dy, line) in cell.iter().enumerate().take(area.height as usize) {
            buf.set_stringn(area.x + column.x, area.y + dy as u16, line, column.width as usize, Style::new());
        }
    }
}
