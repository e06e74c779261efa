//! Which language columns fit the terminal, and where. A column narrower than a few words cannot be
//! read, so on a narrow terminal the chosen language and the pivot keep their columns and the others
//! give theirs up (Tab brings a hidden one back by choosing it).

/// The gutter left of the texts: band, cursor, row number, bead kind, flag mark; one line per pair
/// below with its language, score and status.
pub const GUTTER: u16 = 15;
/// Between two text columns: " │ ".
pub const SEPARATOR: u16 = 3;
/// Narrower than this a column is not worth showing beside the others.
const MIN_COLUMN: u16 = 18;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Index into the sides (0 the pivot).
    pub side: usize,
    pub x: u16,
    pub width: u16,
}

/// The columns for `sides` languages in `width` cells, `chosen` always among them, in side order.
pub fn columns(width: u16, sides: usize, chosen: usize) -> Vec<Column> {
    let text = width.saturating_sub(GUTTER);
    let fits = |k: u16| k == 1 || text.saturating_sub((k - 1) * SEPARATOR) / k >= MIN_COLUMN;
    let shown = (1..=sides as u16).rev().find(|&k| fits(k)).unwrap_or(1) as usize;
    // The chosen side first, then the pivot, then the others in order.
    let mut keep: Vec<usize> = std::iter::once(chosen).chain((0..sides).filter(|&s| s != chosen)).take(shown).collect();
    keep.sort_unstable();
    let k = keep.len() as u16;
    let room = text.saturating_sub((k - 1) * SEPARATOR);
    let mut x = GUTTER;
    keep.iter()
        .enumerate()
        .map(|(i, &side)| {
            // The last column takes the cells the division leaves over.
            let w = if i as u16 == k - 1 { room - (room / k) * (k - 1) } else { room / k };
            let column = Column { side, x, width: w.max(2) };
            x += w + SEPARATOR;
            column
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sides_and_widths(c: &[Column]) -> Vec<(usize, u16)> {
        c.iter().map(|c| (c.side, c.width)).collect()
    }

    #[test]
    fn three_languages_fit_at_80_columns() {
        let c = columns(80, 3, 1);
        assert_eq!(sides_and_widths(&c), [(0, 19), (1, 19), (2, 21)]);
        assert_eq!(c[2].x + c[2].width, 80);
    }

    #[test]
    fn a_narrow_terminal_keeps_the_pivot_and_the_chosen_language() {
        assert_eq!(sides_and_widths(&columns(60, 3, 2)), [(0, 21), (2, 21)]);
        assert_eq!(sides_and_widths(&columns(60, 3, 0)), [(0, 21), (1, 21)]);
        assert_eq!(sides_and_widths(&columns(30, 3, 1)), [(1, 15)]);
    }

    #[test]
    fn a_pair_shares_the_width() {
        assert_eq!(sides_and_widths(&columns(100, 2, 0)), [(0, 41), (1, 41)]);
    }
}
