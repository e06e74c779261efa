//! The `?` overlay: every key of the key map, in as many columns as the screen's height needs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

use super::keys::{label, BINDINGS};
use super::wrap::width;

pub fn draw(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let block = Block::bordered().title(" keys · any key closes this ");
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let per_column = inner.height as usize;
    let columns = BINDINGS.len().div_ceil(per_column);
    let column_width = inner.width as usize / columns;
    let label_width = BINDINGS.iter().map(|b| width(&label(b))).max().unwrap_or(0);
    for (i, binding) in BINDINGS.iter().enumerate() {
        let x = inner.x + ((i / per_column) * column_width) as u16;
        let y = inner.y + (i % per_column) as u16;
        let keys = label(binding);
        let room = column_width.saturating_sub(1); // one cell between columns
        buf.set_stringn(x, y, &keys, room, Style::new().add_modifier(Modifier::BOLD));
        let help_x = label_width + 2;
        if help_x < room {
            buf.set_stringn(x + help_x as u16, y, binding.help, room - help_x, Style::new());
        }
    }
}
