//! One frame: the column titles, the rows, the cursor row's details (or a prompt), the status bar,
//! and the help overlay over them when asked for.

use ratatui::layout::{Constraint, Layout};
use ratatui::Frame;

use super::app::{App, Mode};
use super::columns::columns;
use super::{help, status_bar, table};

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    let [header, body, detail, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    let columns = columns(area.width, app.sides().len(), app.side);
    let buf = frame.buffer_mut();
    table::draw_header(app, &columns, header, buf);
    table::draw_rows(app, &columns, body, buf);
    status_bar::draw_detail(app, detail, buf);
    status_bar::draw_status(app, status, buf);
    if app.mode == Mode::Help {
        help::draw(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::tests::{app_on, press};
    use crate::tui::fixture;
    use crate::tui::keys::{label, BINDINGS};
    use crate::tui::wrap::width;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    /// The screen's text, one line per terminal line (a wide character counted once).
    fn screen(app: &mut App, w: u16, h: u16) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|frame| draw(frame, app)).unwrap();
        let buffer = terminal.backend().buffer();
        (0..h)
            .map(|y| {
                let mut line = String::new();
                let mut skip = 0;
                for x in 0..w {
                    let symbol = buffer[(x, y)].symbol();
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    line.push_str(symbol);
                    skip = width(symbol).saturating_sub(1);
                }
                line
            })
            .collect()
    }

    fn has(lines: &[String], text: &str) -> bool {
        lines.iter().any(|l| l.contains(text))
    }

    #[test]
    fn three_languages_side_by_side_with_chinese_wrapped() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        let lines = screen(&mut app, 100, 30);
        assert!(lines[0].contains("[en (pivot)]") && lines[0].contains("ru") && lines[0].contains("zh"), "{lines:#?}");
        assert!(has(&lines, "▶    0 1-1-1"), "{lines:#?}");
        assert!(has(&lines, "2-1-2"), "the merged row: {lines:#?}");
        assert!(has(&lines, "  ru 0.62"), "{lines:#?}");
        // The long Chinese sentence wraps within its column, on several lines.
        let start = lines.iter().position(|l| l.contains("这些协议涵盖")).expect("the sentence is shown");
        assert!(
            lines[start + 1].contains('，') || lines[start + 1].chars().any(|c| ('\u{4e00}'..'\u{9fff}').contains(&c))
        );
        assert!(lines.iter().all(|l| width(l) <= 100));
        let status = lines.last().unwrap();
        assert!(status.contains("row 1/6") && status.contains("en-ru-zh"), "{status}");
        assert!(status.contains("auto 6") && status.contains("flagged"), "{status}");
        assert!(!status.contains("unsaved"), "{status}");
        assert!(lines[28].starts_with("#0 en:0 ru:0 zh:0 · ru 0.97 zh 0.96 · auto"), "{}", lines[28]);
    }

    #[test]
    fn a_pair_has_two_columns() {
        let (_dir, mut app) = app_on(fixture::pair());
        let lines = screen(&mut app, 80, 24);
        assert!(lines[0].contains("[en (pivot)]") && lines[0].contains("ru") && !lines[0].contains("zh"), "{lines:#?}");
        assert!(has(&lines, "Subscribe to our"));
        assert!(has(&lines, "1-0"), "the deletion row: {lines:#?}");
        assert!(lines.last().unwrap().contains("en-ru"));
    }

    #[test]
    fn eighty_columns_keep_three_languages_and_sixty_hide_one() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        let lines = screen(&mut app, 80, 24);
        assert!(lines[0].contains("ru") && lines[0].contains("zh") && !lines[0].contains("hidden"), "{lines:#?}");
        assert!(lines.iter().all(|l| width(l) <= 80));
        let lines = screen(&mut app, 60, 24);
        assert!(lines[0].starts_with("hidden: zh") && lines[0].contains("ru"), "{lines:#?}");
        press(&mut app, "\t\t");
        let lines = screen(&mut app, 60, 24);
        assert!(lines[0].starts_with("hidden: ru") && lines[0].contains("[zh]"), "{lines:#?}");
        assert!(has(&lines, "安全理事会"), "{lines:#?}");
        assert!(lines.last().unwrap().contains("row 1/6"), "{lines:#?}");
    }

    #[test]
    fn the_help_overlay_lists_every_key() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "?");
        let lines = screen(&mut app, 80, 24);
        for binding in BINDINGS {
            let entry = format!("{:<8}  {}", label(binding), binding.help);
            assert!(has(&lines, &entry), "{entry:?} missing: {lines:#?}");
        }
        press(&mut app, "j");
        assert_eq!(app.cursor, 0, "the key closed the help, nothing else");
        assert!(!has(&screen(&mut app, 80, 24), "any key closes"));
    }

    #[test]
    fn an_edit_shows_its_mark_and_the_unsaved_marker() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "c");
        let lines = screen(&mut app, 80, 24);
        let status = lines.last().unwrap();
        assert!(status.contains("[+] unsaved"), "{status}");
        assert!(has(&lines, "  ru 0.97 ✓"), "{lines:#?}");
        press(&mut app, "m");
        let lines = screen(&mut app, 80, 24);
        assert!(has(&lines, "▶    1 3-2-3") && has(&lines, "  ru 1.00 ✎"), "{lines:#?}");
    }

    #[test]
    fn the_quit_prompt_replaces_the_detail_line() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "cq");
        let lines = screen(&mut app, 80, 24);
        assert!(lines[22].starts_with("Unsaved: y save & quit · n quit (journal kept) · Esc stay"), "{}", lines[22]);
    }

    #[test]
    fn the_cursor_stays_on_screen_on_a_short_terminal() {
        let (_dir, mut app) = app_on(fixture::three_languages());
        press(&mut app, "G");
        let lines = screen(&mut app, 80, 12);
        assert!(has(&lines, &format!("▶    {} 1-1-1", app.rows.len() - 1)), "{lines:#?}");
        press(&mut app, "g");
        assert!(has(&screen(&mut app, 80, 12), "▶    0 1-1-1"));
    }
}
