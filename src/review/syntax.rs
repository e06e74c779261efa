//! The text form of an edit: one `--apply` line, a journal line, a log entry.
//!
//! Sides are named by language code, so reading and writing an edit needs
//! the review it is for ([`Edit::parse`], [`Edit::display`]). Rows are
//! written by sentence id (`en:12`), which stays right when the rows around
//! change; `#12` (a row index) is read too.

use std::fmt;

use super::edit::{Edit, RowRef};
use super::rows::SideRef;
use super::state::Review;

/// Why a line is not an edit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseEditError {
    #[error("empty line: expected an edit such as `merge #12`")]
    Empty,
    #[error("`{0}` is not an edit (confirm, confirm-to, merge, split, move-prev, move-next, detach, realign)")]
    UnknownOp(String),
    #[error("`{op}` needs a row: `{op} #12` (row index) or `{op} en:12` (the row of a sentence)")]
    MissingRow { op: String },
    #[error("`{0}` is not a row: write #12 (row index) or en:12 (the row of sentence 12 of en)")]
    BadRow(String),
    #[error("`{0}` is not a sentence: write LANG:ID, e.g. en:5")]
    BadSentence(String),
    #[error("`{code}` is not a language of this review (it has {known})")]
    UnknownLanguage { code: String, known: String },
    #[error("`{op}` needs a language after the row, e.g. `{op} #12 en`")]
    MissingSide { op: String },
    #[error("expected `at LANG:ID` after the row, found `{0}`")]
    ExpectedAt(String),
    #[error("unexpected `{0}` at the end of the line")]
    Trailing(String),
}

const OPS: [&str; 8] = ["confirm", "confirm-to", "merge", "split", "move-prev", "move-next", "detach", "realign"];

impl Edit {
    /// Reads one line (`merge #12`, `split en:5 at ru:7`, `move-prev #3 ru`)
    /// against the languages of `review`.
    pub fn parse(line: &str, review: &Review) -> Result<Edit, ParseEditError> {
        let mut words = line.split_whitespace();
        let op = words.next().ok_or(ParseEditError::Empty)?;
        if !OPS.contains(&op) {
            return Err(ParseEditError::UnknownOp(op.to_string()));
        }
        let row = words.next().ok_or_else(|| ParseEditError::MissingRow { op: op.to_string() })?;
        let row = parse_row(row, review)?;
        let side = |w: Option<&str>| {
            let code = w.ok_or_else(|| ParseEditError::MissingSide { op: op.to_string() })?;
            parse_side(code, review)
        };
        let edit = match op {
            "confirm" => Edit::Confirm { row },
            "confirm-to" => Edit::ConfirmTo { row },
            "merge" => Edit::Merge { row },
            "realign" => Edit::Realign { row },
            "split" => match words.next() {
                None => Edit::Split { row, at: None },
                Some("at") => {
                    let at = words.next().ok_or_else(|| ParseEditError::ExpectedAt(String::new()))?;
                    match parse_row(at, review)? {
                        RowRef::Sentence(side, id) => Edit::Split { row, at: Some((side, id)) },
                        RowRef::Index(_) => return Err(ParseEditError::BadSentence(at.to_string())),
                    }
                }
                Some(other) => return Err(ParseEditError::ExpectedAt(other.to_string())),
            },
            "move-prev" => Edit::MoveFirstToPrevious { row, side: side(words.next())? },
            "move-next" => Edit::MoveLastToNext { row, side: side(words.next())? },
            _ => Edit::Detach { row, side: side(words.next())? },
        };
        match words.next() {
            Some(extra) => Err(ParseEditError::Trailing(extra.to_string())),
            None => Ok(edit),
        }
    }

    /// The edit as a line for `review` (as it is before the edit): rows by
    /// sentence id, sides by language code.
    pub fn display<'a>(&'a self, review: &'a Review) -> EditLine<'a> {
        EditLine { edit: self, review }
    }
}

/// An [`Edit`] written for a review ([`Edit::display`]).
pub struct EditLine<'a> {
    edit: &'a Edit,
    review: &'a Review,
}

impl fmt::Display for EditLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.review;
        let row = |row: RowRef| match row {
            RowRef::Sentence(side, id) => format!("{}:{id}", r.code(side)),
            RowRef::Index(i) => match r.rows().get(i) {
                Some(v) if !v.pivot.is_empty() => format!("{}:{}", r.code(SideRef::Pivot), v.pivot.start),
                Some(v) => match v.others.iter().position(|o| !o.is_empty()) {
                    Some(k) => format!("{}:{}", r.code(SideRef::Other(k)), v.others[k].start),
                    None => format!("#{i}"),
                },
                // A row the review lacks cannot be named by a sentence.
                None => format!("#{i}"),
            },
        };
        match *self.edit {
            Edit::Confirm { row: x } => write!(f, "confirm {}", row(x)),
            Edit::ConfirmTo { row: x } => write!(f, "confirm-to {}", row(x)),
            Edit::Merge { row: x } => write!(f, "merge {}", row(x)),
            Edit::Split { row: x, at: None } => write!(f, "split {}", row(x)),
            Edit::Split { row: x, at: Some((side, id)) } => {
                write!(f, "split {} at {}:{id}", row(x), r.code(side))
            }
            Edit::MoveFirstToPrevious { row: x, side } => write!(f, "move-prev {} {}", row(x), r.code(side)),
            Edit::MoveLastToNext { row: x, side } => write!(f, "move-next {} {}", row(x), r.code(side)),
            Edit::Detach { row: x, side } => write!(f, "detach {} {}", row(x), r.code(side)),
            Edit::Realign { row: x } => write!(f, "realign {}", row(x)),
        }
    }
}

fn parse_row(word: &str, review: &Review) -> Result<RowRef, ParseEditError> {
    if let Some(n) = word.strip_prefix('#') {
        return n.parse().map(RowRef::Index).map_err(|_| ParseEditError::BadRow(word.to_string()));
    }
    let (code, id) = word.split_once(':').ok_or_else(|| ParseEditError::BadRow(word.to_string()))?;
    let id = id.parse().map_err(|_| ParseEditError::BadSentence(word.to_string()))?;
    Ok(RowRef::Sentence(parse_side(code, review)?, id))
}

fn parse_side(code: &str, review: &Review) -> Result<SideRef, ParseEditError> {
    if code == review.pivot().lang.code() {
        return Ok(SideRef::Pivot);
    }
    (0..review.pairs.len()).find(|&k| review.other(k).lang.code() == code).map(SideRef::Other).ok_or_else(|| {
        let known: Vec<&str> = review.languages.iter().map(|l| l.lang.code()).collect();
        ParseEditError::UnknownLanguage { code: code.to_string(), known: known.join(", ") }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::review;

    #[test]
    fn lines_read_and_write_back() {
        let r = review(&[&[(1, 1), (2, 1), (1, 1)], &[(1, 1), (1, 1), (2, 2)]]);
        for line in [
            "confirm en:0",
            "confirm-to ru:2",
            "merge en:1",
            "split en:1",
            "split en:1 at zh:2",
            "move-prev en:3 ru",
            "move-next zh:1 zh",
            "detach en:2 en",
            "realign en:1",
            "realign zh:2",
        ] {
            let edit = Edit::parse(line, &r).unwrap();
            assert_eq!(edit.display(&r).to_string(), line);
        }
        let by_index = Edit::parse("  merge   #1 ", &r).unwrap();
        assert_eq!(by_index, Edit::Merge { row: RowRef::Index(1) });
        assert_eq!(by_index.display(&r).to_string(), "merge en:1", "rows are written by sentence id");
        assert_eq!(Edit::parse("realign #1", &r).unwrap().display(&r).to_string(), "realign en:1");
        assert_eq!(Edit::parse("merge #99", &r).unwrap().display(&r).to_string(), "merge #99");
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let r = review(&[&[(1, 1)], &[(1, 1)]]);
        let err = |line: &str| Edit::parse(line, &r).unwrap_err();
        assert_eq!(err(""), ParseEditError::Empty);
        assert_eq!(err("join #1"), ParseEditError::UnknownOp("join".into()));
        assert_eq!(err("merge"), ParseEditError::MissingRow { op: "merge".into() });
        assert_eq!(err("merge 12"), ParseEditError::BadRow("12".into()));
        assert_eq!(err("merge #x"), ParseEditError::BadRow("#x".into()));
        assert_eq!(err("merge en:x"), ParseEditError::BadSentence("en:x".into()));
        assert_eq!(
            err("merge fr:1"),
            ParseEditError::UnknownLanguage { code: "fr".into(), known: "en, ru, zh".into() }
        );
        assert_eq!(err("detach #0"), ParseEditError::MissingSide { op: "detach".into() });
        assert_eq!(err("split #0 before en:1"), ParseEditError::ExpectedAt("before".into()));
        assert_eq!(err("split #0 at #1"), ParseEditError::BadSentence("#1".into()));
        assert_eq!(err("merge #0 now"), ParseEditError::Trailing("now".into()));
        assert!(err("merge fr:1").to_string().contains("en, ru, zh"));
    }
}
