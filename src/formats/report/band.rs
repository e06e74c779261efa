//! Score bands: the colours of the plot marks, histogram axis and table
//! cells, and the values of the table's score filter. Fixed bands rather
//! than a continuous scale so that a colour means the same range everywhere
//! in the page and the legend can name it.

use crate::review::RowView;

/// Lower bounds of the bands, lowest first; a score belongs to the last band
/// whose bound it reaches. Scores are calibrated probabilities, so the bands
/// read as "wrong more often than right", "coin toss", … "right nine times in
/// ten".
const LOWER: [f64; 5] = [0.0, 0.3, 0.5, 0.7, 0.9];

/// Labels for the legend and the filter.
pub const LABELS: [&str; 5] = ["below 0.3", "0.3 – 0.5", "0.5 – 0.7", "0.7 – 0.9", "0.9 and above"];

/// The band of a score: 0 (lowest) to 4.
pub fn band(score: f64) -> usize {
    LOWER.iter().rposition(|&low| score >= low).unwrap_or(0)
}

/// The band of a row: that of its weakest score, the one that decides
/// whether the row needs a look; `None` for a row without scores.
pub fn row_band(row: &RowView) -> Option<usize> {
    row.scores.iter().flatten().copied().reduce(f64::min).map(band)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_belong_to_the_band_above() {
        assert_eq!(band(0.0), 0);
        assert_eq!(band(0.2999), 0);
        assert_eq!(band(0.3), 1);
        assert_eq!(band(0.5), 2);
        assert_eq!(band(0.8999), 3);
        assert_eq!(band(0.9), 4);
        assert_eq!(band(1.0), 4);
    }

    #[test]
    fn a_nan_score_falls_in_the_lowest_band() {
        assert_eq!(band(f64::NAN), 0);
    }
}
