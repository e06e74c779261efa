//! The bead-per-line format of gold files and predicted `.align` files.
//!
//! Each non-blank line is one bead: the 0-based sentence numbers of the
//! source side in brackets, a colon, those of the target side, and
//! optionally a colon and the bead's score:
//!
//! ```text
//! [0,1]:[0]:0.9731
//! [2]:[1,2]
//! []:[3]
//! ```
//!
//! Spaces around the brackets, numbers and colons are tolerated on reading;
//! [`format_link`] writes none.

use std::path::{Path, PathBuf};

use crate::align::Bead;

/// Why a gold or `.align` file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LinksError {
    #[error("{path}: cannot read the file")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A line that is not a bead. `path` is `None` when the text did not
    /// come from a file ([`parse_links`]).
    #[error("{}line {line}: {reason}", .path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    BadLine {
        path: Option<PathBuf>,
        /// 1-based, as editors count.
        line: usize,
        reason: String,
    },
}

/// One bead of an alignment as the files spell it: sentence numbers on each
/// side (either may be empty, for a 1-0 or 0-1 bead) and, in predictions,
/// the probability that the bead is right.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    pub score: Option<f64>,
}

impl Link {
    /// True for the degenerate `[]:[]`, which aligns nothing; the metric
    /// and the calibration ignore such beads.
    pub fn is_empty(&self) -> bool {
        self.src.is_empty() && self.tgt.is_empty()
    }

    /// True when both sides have sentences, i.e. the bead is neither 1-0,
    /// 0-1 nor empty. Recall counts only such beads.
    pub fn has_both_sides(&self) -> bool {
        !self.src.is_empty() && !self.tgt.is_empty()
    }

    /// The bead without its score: what "the identical bead" means when a
    /// prediction is compared with the gold. The numbers are compared in
    /// the order written, as the reference scorer does.
    pub fn ids(&self) -> (&[usize], &[usize]) {
        (&self.src, &self.tgt)
    }

    /// The link that spells `bead`.
    pub fn from_bead(bead: &Bead, score: Option<f64>) -> Link {
        Link { src: bead.src.clone().collect(), tgt: bead.tgt.clone().collect(), score }
    }
}

/// Parses the beads of a gold or `.align` text. Blank lines are skipped.
///
/// ```
/// use trialign::formats::parse_links;
///
/// let links = parse_links("[3]:[4,5]\n\n[6, 7] : [8]:0.5\n[]:[9]\n")?;
/// assert_eq!(links[0].tgt, vec![4, 5]);
/// assert_eq!(links[1].score, Some(0.5));
/// assert!(links[2].src.is_empty());
///
/// let err = parse_links("[0]:[0]\n[1]-[1]\n").unwrap_err();
/// assert_eq!(err.to_string(), "line 2: expected `:` after the source side `[1]`");
/// # Ok::<(), trialign::formats::LinksError>(())
/// ```
pub fn parse_links(text: &str) -> Result<Vec<Link>, LinksError> {
    parse(text, None)
}

/// Reads a gold or `.align` file; errors name the file and the line.
pub fn read_links(path: &Path) -> Result<Vec<Link>, LinksError> {
    let text = std::fs::read_to_string(path).map_err(|source| LinksError::Io { path: path.to_path_buf(), source })?;
    parse(&text, Some(path))
}

/// How many sentences of each side an alignment covers: one more than the
/// highest number on that side (0 for none). A gold file and a prediction
/// of its document covers no more.
pub fn sentences_covered(links: &[Link]) -> (usize, usize) {
    let count = |side: fn(&Link) -> &[usize]| links.iter().flat_map(side).max().map_or(0, |n| n + 1);
    (count(|l| &l.src), count(|l| &l.tgt))
}

/// Writes one bead in the format [`parse_links`] reads: `[0,1]:[2]`, with
/// `:0.9731` appended when there is a score (always 4 decimals, so that
/// columns line up and files diff cleanly).
///
/// ```
/// use trialign::formats::format_link;
///
/// assert_eq!(format_link(&[0, 1], &[2], Some(0.97312)), "[0,1]:[2]:0.9731");
/// assert_eq!(format_link(&[], &[9], None), "[]:[9]");
/// ```
pub fn format_link(src: &[usize], tgt: &[usize], score: Option<f64>) -> String {
    let side = |ids: &[usize]| ids.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    match score {
        Some(s) => format!("[{}]:[{}]:{s:.4}", side(src), side(tgt)),
        None => format!("[{}]:[{}]", side(src), side(tgt)),
    }
}

fn parse(text: &str, path: Option<&Path>) -> Result<Vec<Link>, LinksError> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            parse_line(line.trim()).map_err(|reason| LinksError::BadLine {
                path: path.map(Path::to_path_buf),
                line: i + 1,
                reason,
            })
        })
        .collect()
}

/// Parses `[ids]:[ids]` with an optional `:score`; the error is the reason,
/// to which the caller adds the place.
fn parse_line(line: &str) -> Result<Link, String> {
    let (src, rest) = bracketed(line, "source")?;
    let rest =
        rest.trim_start().strip_prefix(':').ok_or_else(|| format!("expected `:` after the source side `[{src}]`"))?;
    let (tgt, rest) = bracketed(rest.trim_start(), "target")?;
    let score = match rest.trim() {
        "" => None,
        tail => {
            let number =
                tail.strip_prefix(':').ok_or_else(|| format!("unexpected `{tail}` after the target side"))?.trim();
            // "nan" and "inf" parse as f64 but are no probability.
            match number.parse::<f64>() {
                Ok(s) if s.is_finite() => Some(s),
                _ => return Err(format!("`{number}` is not a score (a number such as 0.9731)")),
            }
        }
    };
    Ok(Link { src: ids(src)?, tgt: ids(tgt)?, score })
}

/// Splits `[inside]rest` into `inside` and `rest`.
fn bracketed<'a>(s: &'a str, side: &str) -> Result<(&'a str, &'a str), String> {
    s.strip_prefix('[')
        .and_then(|s| s.split_once(']'))
        .ok_or_else(|| format!("expected the {side} side as `[i,j,…]`, found `{s}`"))
}

/// Parses comma-separated sentence numbers; an empty list is an empty side.
fn ids(list: &str) -> Result<Vec<usize>, String> {
    if list.trim().is_empty() {
        return Ok(Vec::new());
    }
    list.split(',').map(|n| n.trim().parse().map_err(|_| format!("`{}` is not a sentence number", n.trim()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(src: &[usize], tgt: &[usize], score: Option<f64>) -> Link {
        Link { src: src.to_vec(), tgt: tgt.to_vec(), score }
    }

    #[test]
    fn parses_all_bead_shapes_blank_lines_and_spaces() {
        let text = "[3]:[4,5]\n\n  [6,7]:[8]:0.9731  \r\n[]:[9]\n[10]:[]\n[ 11 , 12 ] : [ 13 ] : 1\n";
        assert_eq!(
            parse_links(text).unwrap(),
            vec![
                link(&[3], &[4, 5], None),
                link(&[6, 7], &[8], Some(0.9731)),
                link(&[], &[9], None),
                link(&[10], &[], None),
                link(&[11, 12], &[13], Some(1.0)),
            ]
        );
        assert!(parse_links("").unwrap().is_empty());
    }

    #[test]
    fn errors_give_the_line_number_and_the_reason() {
        let cases = [
            ("[0]:[0]\n\n3:[4]\n", "line 3: expected the source side as `[i,j,…]`, found `3:[4]`"),
            ("[0]:[0]\n[1]:[x]\n", "line 2: `x` is not a sentence number"),
            ("[1,-2]:[3]", "line 1: `-2` is not a sentence number"),
            ("[1]:[2]:high", "line 1: `high` is not a score (a number such as 0.9731)"),
            ("[1]:[2]:nan", "line 1: `nan` is not a score (a number such as 0.9731)"),
            ("[1]:[2] extra", "line 1: unexpected `extra` after the target side"),
            ("[1]:[2", "line 1: expected the target side as `[i,j,…]`, found `[2`"),
        ];
        for (text, message) in cases {
            assert_eq!(parse_links(text).unwrap_err().to_string(), message, "{text:?}");
        }
    }

    #[test]
    fn sentences_covered_counts_up_to_the_highest_number() {
        let links = parse_links("[0]:[]\n[1,2]:[0]\n[]:[1]\n").unwrap();
        assert_eq!(sentences_covered(&links), (3, 2));
        assert_eq!(sentences_covered(&[]), (0, 0));
    }

    #[test]
    fn read_links_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("001.gold");
        std::fs::write(&path, "[0]:[0]\n[1]:[1\n").unwrap();
        let message = read_links(&path).unwrap_err().to_string();
        assert_eq!(message, format!("{}: line 2: expected the target side as `[i,j,…]`, found `[1`", path.display()));
        let missing = read_links(&dir.path().join("none.gold")).unwrap_err();
        assert!(matches!(missing, LinksError::Io { .. }));
    }

    #[test]
    fn format_round_trips_through_parse() {
        let links = [link(&[0, 1], &[2], Some(0.97316)), link(&[], &[3], None), link(&[4], &[], Some(0.0))];
        let text: String = links.iter().map(|l| format_link(&l.src, &l.tgt, l.score) + "\n").collect();
        assert_eq!(text, "[0,1]:[2]:0.9732\n[]:[3]\n[4]:[]:0.0000\n");
        let back = parse_links(&text).unwrap();
        assert_eq!(back[0].score, Some(0.9732));
        assert_eq!(back[1..], links[1..]);
    }

    #[test]
    fn a_link_spells_its_bead() {
        let bead = Bead::new(3..5, 7..8);
        let l = Link::from_bead(&bead, Some(0.5));
        assert_eq!((l.src.clone(), l.tgt.clone()), (vec![3, 4], vec![7]));
    }
}
