//! Score bands: the colours of the report's plot marks, histogram axis and
//! table cells, the values of its score filter, and the row colours of the
//! xlsx export. Fixed bands rather than a continuous scale so that a colour
//! means the same range everywhere and a legend can name it.

use super::lowest_score;
use crate::review::RowView;

/// Lower bounds of the bands, lowest first; a score belongs to the last band
/// whose bound it reaches. Scores are calibrated probabilities, so the bands
/// read as "wrong more often than right", "coin toss", … "right nine times in
/// ten".
const LOWER: [f64; 5] = [0.0, 0.3, 0.5, 0.7, 0.9];

/// Labels for the legend and the filter.
pub const LABELS: [&str; 5] = ["below 0.3", "0.3 – 0.5", "0.5 – 0.7", "0.7 – 0.9", "0.9 and above"];

/// The light backgrounds of the bands, as `--b0-bg` … `--b4-bg` of the
/// report's style.css.
pub const BACKGROUNDS: [u32; 5] = [0xfbe3e3, 0xfdebd9, 0xfdf3cf, 0xeef6e2, 0xe3f1e4];

/// The band of a score: 0 (lowest) to 4.
pub fn band(score: f64) -> usize {
    LOWER.iter().rposition(|&low| score >= low).unwrap_or(0)
}

/// The band of a row: that of its weakest score, the one that decides
/// whether the row needs a look; `None` for a row without scores.
pub fn row_band(row: &RowView) -> Option<usize> {
    lowest_score(row).map(band)
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
