//! `review.json`: the review state of a run folder.
//!
//! ```json
//! {
//!   "format": "trialign-review",
//!   "version": 1,
//!   "review_threshold": 0.5,
//!   "seconds": 1.25,
//!   "languages": [{"lang": "en", "file": "en.txt", "sha256": "…", "sentences": ["…"],
//!                  "input": {"format": "text", "encoding": "UTF-8", "detection": "utf8", "confidence": 1.0}}, …],
//!   "pairs": [{"other": 1, "run": {…}, "beads": [
//!     {"src": [0], "tgt": [0, 1], "score": 0.97, "status": "auto", "flags": ["not-1-1"]}, …]}],
//!   "log": [{"time": "2026-12-01T22:40:00Z", "edit": "merge en:5"}],
//!   "exports": {"formats": ["csv", "tmx"], "csv": "excel", "delimiter": ";", "min_score": 0.5}
//! }
//! ```
//!
//! `exports` (what `export` and a save write again, see
//! [`super::ExportOptions`]) is left out for the default, the machine CSV
//! alone.
//!
//! Sentence ids index `languages[i].sentences`; `pairs[k].other` is the
//! index of the pair's other language. The serde types are private to this
//! file: the library's types carry invariants that JSON cannot, so reading
//! checks everything (format, version, every alignment through
//! [`Alignment::new`], sentence counts, statuses, flags) and refuses a file
//! that fails, saying which file, what is wrong, and what to do. Writing the
//! same review always gives the same bytes.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{parse_delimiter, write_file, CsvKind, ExportFormat, ExportOptions, UnknownExport, WriteError};
use crate::align::{Alignment, AlignmentError, Bead};
use crate::evidence::bilingual::LexiconUse;
use crate::input::Origin;
use crate::lang::Lang;
use crate::review::{
    BeadMark, Flags, Language, LogEntry, PairReview, PairRun, Review, ReviewError, ReviewedAlignment, Status,
};

/// The name of the review file in a run folder.
pub const REVIEW_FILE: &str = "review.json";
const FORMAT: &str = "trialign-review";
const VERSION: u64 = 1;

/// What to do with a review file trialign cannot read.
const ADVICE: &str =
    "mend it, restore a copy, or move it away to start a new review (trialign never overwrites a review it cannot read)";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileReview {
    format: String,
    version: u64,
    review_threshold: f64,
    seconds: f64,
    languages: Vec<FileLanguage>,
    pairs: Vec<FilePair>,
    log: Vec<FileLog>,
    /// Absent for the default exports (the machine CSV alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exports: Option<FileExports>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileExports {
    formats: Vec<String>,
    /// `machine` or `excel`.
    csv: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delimiter: Option<String>,
    min_score: Option<f64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLanguage {
    lang: String,
    file: String,
    sha256: String,
    sentences: Vec<String>,
    /// How the file was read (format, encoding); absent in older reviews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    input: Option<Origin>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePair {
    other: usize,
    run: FileRun,
    beads: Vec<FileBead>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRun {
    length_ratio: f64,
    length_variance: f64,
    evidence: Vec<String>,
    lexicons: Vec<FileLexicon>,
    name_pairs: usize,
    word_pairs: usize,
    lexicon_support: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unchecked: Option<String>,
    seconds: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLexicon {
    name: String,
    path: String,
    entries_used: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBead {
    src: Vec<usize>,
    tgt: Vec<usize>,
    score: f64,
    status: String,
    flags: Vec<String>,
    /// Absent for a bead a person made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    risk: Option<f64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLog {
    time: String,
    edit: String,
}

/// A review file that cannot be read; every message names the file and
/// says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ReviewFileError {
    #[error("{path}: cannot read the review file")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the review file ends early (line {line}, column {column}): it was cut off; {ADVICE}")]
    Truncated { path: PathBuf, line: usize, column: usize },
    #[error("{path}: the review file is not valid JSON ({message}); {ADVICE}")]
    Syntax { path: PathBuf, message: String },
    #[error("{path}: not a trialign review file (its \"format\" is {found}, expected \"{FORMAT}\"); {ADVICE}")]
    NotAReview { path: PathBuf, found: String },
    #[error("{path}: review file version {found}, this trialign reads version {VERSION}: use the trialign that wrote it, or {ADVICE}")]
    Version { path: PathBuf, found: String },
    #[error("{path}: {message}; {ADVICE}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: pair {pair}, bead {bead}: {message}; {ADVICE}")]
    Bead { path: PathBuf, pair: usize, bead: usize, message: String },
    #[error("{path}: pair {pair} is not a valid alignment: {source}; {ADVICE}")]
    Alignment {
        path: PathBuf,
        pair: usize,
        #[source]
        source: AlignmentError,
    },
    #[error("{path}: {source}; {ADVICE}")]
    Review {
        path: PathBuf,
        #[source]
        source: ReviewError,
    },
}

/// The bytes of `review.json` for `review` with the default exports.
pub fn review_json(review: &Review) -> Vec<u8> {
    review_json_with(review, &ExportOptions::default())
}

/// The bytes of `review.json` for `review` exported as `exports`: pretty
/// JSON with one bead per line, a final newline, always the same bytes for
/// the same review and exports.
pub fn review_json_with(review: &Review, exports: &ExportOptions) -> Vec<u8> {
    let file = FileReview {
        format: FORMAT.to_string(),
        version: VERSION,
        review_threshold: review.review_threshold,
        seconds: review.seconds,
        languages: review
            .languages
            .iter()
            .map(|l| FileLanguage {
                lang: l.lang.code().to_string(),
                file: l.file.clone(),
                sha256: l.sha256.clone(),
                sentences: l.sentences.clone(),
                input: l.origin.clone(),
            })
            .collect(),
        pairs: review.pairs.iter().map(file_pair).collect(),
        log: review.log.iter().map(|e| FileLog { time: e.time.clone(), edit: e.edit.clone() }).collect(),
        exports: (exports != &ExportOptions::default()).then(|| FileExports {
            formats: exports.formats().iter().map(|f| f.to_string()).collect(),
            csv: exports.csv_name().to_string(),
            delimiter: exports.delimiter(),
            min_score: exports.min_score,
        }),
    };
    let mut bytes = Vec::new();
    let mut writer = serde_json::Serializer::with_formatter(&mut bytes, Layout::default());
    file.serialize(&mut writer).expect("a review serialises");
    bytes.push(b'\n');
    bytes
}

/// Containers this deep or deeper (the top object is 1) are written on one
/// line: a bead per line, a run's lists on one line each; the sentences
/// (depth 4) stay one per line.
const INLINE_DEPTH: usize = 5;

/// Pretty JSON (two spaces per level) with the deep containers inline.
#[derive(Default)]
struct Layout {
    depth: usize,
    has_value: bool,
}

impl Layout {
    fn begin<W: ?Sized + std::io::Write>(&mut self, w: &mut W, open: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(open)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if self.depth >= INLINE_DEPTH {
            return w.write_all(if first { b"" } else { b", " });
        }
        w.write_all(if first { b"\n" } else { b",\n" })?;
        w.write_all(&b"  ".repeat(self.depth))
    }

    fn end<W: ?Sized + std::io::Write>(&mut self, w: &mut W, close: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value && self.depth + 1 < INLINE_DEPTH {
            w.write_all(b"\n")?;
            w.write_all(&b"  ".repeat(self.depth))?;
        }
        self.has_value = true;
        w.write_all(close)
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn file_pair(pair: &PairReview) -> FilePair {
    let r = &pair.run;
    let run = FileRun {
        length_ratio: r.length_ratio,
        length_variance: r.length_variance,
        evidence: r.evidence.clone(),
        lexicons: r
            .lexicons
            .iter()
            .map(|l| FileLexicon { name: l.name.clone(), path: l.path.clone(), entries_used: l.entries_used })
            .collect(),
        name_pairs: r.name_pairs,
        word_pairs: r.word_pairs,
        lexicon_support: r.lexicon_support,
        unchecked: r.unchecked.clone(),
        seconds: r.seconds,
    };
    let beads = pair
        .alignment
        .beads()
        .map(|(b, m)| FileBead {
            src: b.src.clone().collect(),
            tgt: b.tgt.clone().collect(),
            score: m.score,
            status: m.status.name().to_string(),
            flags: m.flags.iter().map(|f| f.name().to_string()).collect(),
            risk: m.risk,
        })
        .collect();
    FilePair { other: pair.other, run, beads }
}

/// Writes `review.json` into `dir` atomically (a temporary file, fsync,
/// rename), with the default exports. Clear the journal only after this
/// succeeded.
pub fn save_review(dir: &Path, review: &Review) -> Result<(), WriteError> {
    write_file(&dir.join(REVIEW_FILE), &review_json(review))
}

/// Reads and checks `review.json` at `path`.
pub fn read_review(path: &Path) -> Result<Review, ReviewFileError> {
    read_review_and_exports(path).map(|(review, _)| review)
}

/// Reads and checks `review.json` at `path`: the review and the exports its
/// folder holds.
pub fn read_review_and_exports(path: &Path) -> Result<(Review, ExportOptions), ReviewFileError> {
    let bytes = std::fs::read(path).map_err(|source| ReviewFileError::Io { path: path.to_path_buf(), source })?;
    parse_review_and_exports(path, &bytes)
}

/// Checks and converts the bytes of a review file read from `path` (named
/// in the errors).
pub fn parse_review(path: &Path, bytes: &[u8]) -> Result<Review, ReviewFileError> {
    parse_review_and_exports(path, bytes).map(|(review, _)| review)
}

/// [`parse_review`], and the exports the file keeps.
pub fn parse_review_and_exports(path: &Path, bytes: &[u8]) -> Result<(Review, ExportOptions), ReviewFileError> {
    let path = path.to_path_buf();
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            ReviewFileError::Truncated { path: path.clone(), line: e.line(), column: e.column() }
        } else {
            ReviewFileError::Syntax { path: path.clone(), message: e.to_string() }
        }
    })?;
    // Format and version first: a file of another kind or version is told
    // as such, not by the first field this version does not expect.
    let shown = |v: Option<&serde_json::Value>| v.map_or("missing".to_string(), |v| v.to_string());
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ReviewFileError::NotAReview { path, found: shown(value.get("format")) });
    }
    if value.get("version").and_then(|v| v.as_u64()) != Some(VERSION) {
        return Err(ReviewFileError::Version { path, found: shown(value.get("version")) });
    }
    let file: FileReview = serde_json::from_value(value)
        .map_err(|e| ReviewFileError::Invalid { path: path.clone(), message: e.to_string() })?;
    let exports = match file.exports {
        None => ExportOptions::default(),
        Some(e) => read_exports(e).map_err(|message| ReviewFileError::Invalid { path: path.clone(), message })?,
    };
    let mut languages = Vec::with_capacity(file.languages.len());
    for l in file.languages {
        let invalid = |message: String| ReviewFileError::Invalid { path: path.clone(), message };
        let lang = Lang::new(&l.lang).map_err(|e| invalid(e.to_string()))?;
        if l.sha256.len() != 64 || !l.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(invalid(format!("the sha256 of {} is not 64 lower-case hex digits", l.file)));
        }
        languages.push(Language { lang, file: l.file, sha256: l.sha256, sentences: l.sentences, origin: l.input });
    }
    let count = |i: usize| languages.get(i).map_or(0, |l| l.sentences.len());
    let mut pairs = Vec::with_capacity(file.pairs.len());
    for (k, p) in file.pairs.into_iter().enumerate() {
        let mut beads = Vec::with_capacity(p.beads.len());
        let mut marks = Vec::with_capacity(p.beads.len());
        let (mut i, mut j) = (0, 0);
        for (n, b) in p.beads.into_iter().enumerate() {
            let fail = |message: String| ReviewFileError::Bead { path: path.clone(), pair: k, bead: n, message };
            let src = ids(&b.src, i).map_err(|m| fail(format!("pivot ids {m}")))?;
            let tgt = ids(&b.tgt, j).map_err(|m| fail(format!("other ids {m}")))?;
            (i, j) = (src.end, tgt.end);
            let status: Status = b.status.parse().map_err(|e: crate::review::UnknownStatus| fail(e.to_string()))?;
            let flags: Flags = b
                .flags
                .iter()
                .map(|f| f.parse())
                .collect::<Result<_, _>>()
                .map_err(|e: crate::review::UnknownFlag| fail(e.to_string()))?;
            beads.push(Bead::new(src, tgt));
            if b.risk.is_some_and(|r| !r.is_finite()) {
                return Err(fail("the risk is not a number".into()));
            }
            marks.push(BeadMark { score: b.score, status, risk: b.risk, flags });
        }
        let alignment = Alignment::new(beads, count(0), count(p.other))
            .map_err(|source| ReviewFileError::Alignment { path: path.clone(), pair: k, source })?;
        let alignment = ReviewedAlignment::new(alignment, marks).expect("one mark read per bead");
        let r = p.run;
        let lexicons = r
            .lexicons
            .into_iter()
            .map(|l| LexiconUse { name: l.name, path: l.path, entries_used: l.entries_used })
            .collect();
        let run = PairRun {
            length_ratio: r.length_ratio,
            length_variance: r.length_variance,
            evidence: r.evidence,
            lexicons,
            name_pairs: r.name_pairs,
            word_pairs: r.word_pairs,
            lexicon_support: r.lexicon_support,
            unchecked: r.unchecked,
            seconds: r.seconds,
        };
        pairs.push(PairReview { other: p.other, run, alignment });
    }
    let log = file.log.into_iter().map(|e| LogEntry { time: e.time, edit: e.edit }).collect();
    let review = Review::new(languages, pairs, file.review_threshold, file.seconds, log)
        .map_err(|source| ReviewFileError::Review { path, source })?;
    Ok((review, exports))
}

fn read_exports(e: FileExports) -> Result<ExportOptions, String> {
    let formats: Vec<ExportFormat> = e
        .formats
        .iter()
        .map(|f| f.parse())
        .collect::<Result<_, UnknownExport>>()
        .map_err(|e| format!("exports: {e}"))?;
    let csv = match (e.csv.as_str(), e.delimiter.as_deref()) {
        ("machine", None) => CsvKind::Machine,
        ("excel", Some(d)) => CsvKind::Excel { delimiter: parse_delimiter(d).map_err(|e| format!("exports: {e}"))? },
        (csv, delimiter) => {
            return Err(format!(
                "exports: csv {csv:?} with delimiter {delimiter:?} (expected \"machine\" without one or \"excel\" with one)"
            ))
        }
    };
    ExportOptions::new(&formats, csv, e.min_score).map_err(|e| format!("exports: {e}"))
}

/// The range of a bead side's ids: consecutive, ascending; an empty side
/// sits where the previous bead ended (`at`).
fn ids(ids: &[usize], at: usize) -> Result<Range<usize>, String> {
    let Some(&first) = ids.first() else { return Ok(at..at) };
    if ids.windows(2).any(|w| w[1] != w[0] + 1) {
        return Err(format!("{ids:?} are not consecutive"));
    }
    Ok(first..first + ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::{arb_edit, arb_review, review};
    use crate::review::{Edit, Flag, RowRef};
    use proptest::prelude::*;

    fn sample() -> Review {
        let mut r = review(&[&[(1, 1), (2, 1), (0, 1)], &[(1, 1), (1, 0), (1, 2)]]);
        r.languages[1].sentences[0] = "Он сказал: «да»\nи ушёл — 1 000 раз.".into();
        r.pairs[0].alignment.marks_mut()[0].flags.insert(Flag::Unsupported);
        r.pairs[0].run.lexicons.push(LexiconUse {
            name: "Müller".into(),
            path: "/usr/share/dictd".into(),
            entries_used: 7,
        });
        r.pairs[1].run.lexicon_support = Some(0.8125);
        r.pairs[0].alignment.marks_mut()[1].score = 0.123_456_789_012_345_6;
        r.apply(&Edit::Merge { row: RowRef::Index(1) }, "2026-12-01T22:40:00Z").unwrap();
        r
    }

    #[test]
    fn write_read_write_is_byte_exact() {
        let r = sample();
        let bytes = review_json(&r);
        assert!(bytes.ends_with(b"}\n"));
        let back = parse_review(Path::new("review.json"), &bytes).unwrap();
        assert_eq!(back, r);
        assert_eq!(review_json(&back), bytes);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("{\n  \"format\": \"trialign-review\",\n  \"version\": 1,"), "{text}");
    }

    #[test]
    fn a_saved_review_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REVIEW_FILE);
        save_review(dir.path(), &sample()).unwrap();
        assert_eq!(read_review(&path).unwrap(), sample());
        let missing = read_review(&dir.path().join("none.json")).unwrap_err();
        assert!(matches!(missing, ReviewFileError::Io { .. }) && missing.to_string().contains("none.json"));
    }

    /// The error for `sample()`'s file after `mend` changed its JSON.
    fn refused(mend: impl FnOnce(&mut serde_json::Value)) -> ReviewFileError {
        let mut v: serde_json::Value = serde_json::from_slice(&review_json(&sample())).unwrap();
        mend(&mut v);
        let err = parse_review(Path::new("run/review.json"), &serde_json::to_vec(&v).unwrap()).unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("run/review.json: ") && message.contains("move it away"), "{message}");
        err
    }

    #[test]
    fn bad_files_are_refused_with_what_is_wrong() {
        let bytes = review_json(&sample());
        let cut = parse_review(Path::new("r.json"), &bytes[..bytes.len() / 2]).unwrap_err();
        assert!(matches!(cut, ReviewFileError::Truncated { .. }), "{cut}");
        assert!(cut.to_string().contains("cut off"));
        let junk = parse_review(Path::new("r.json"), b"{\"format\": trialign}").unwrap_err();
        assert!(matches!(junk, ReviewFileError::Syntax { .. }), "{junk}");

        let err = refused(|v| v["format"] = "trialign-summary".into());
        assert!(matches!(&err, ReviewFileError::NotAReview { found, .. } if found == "\"trialign-summary\""), "{err}");
        assert!(matches!(refused(|v| v["version"] = 2.into()), ReviewFileError::Version { .. }));
        let err = refused(|v| v["pairs"][0]["beads"][0]["status"] = "checked".into());
        assert!(
            matches!(&err, ReviewFileError::Bead { pair: 0, bead: 0, .. }) && err.to_string().contains("`checked`")
        );
        let err = refused(|v| v["pairs"][1]["beads"][1]["flags"] = serde_json::json!(["odd"]));
        assert!(matches!(&err, ReviewFileError::Bead { pair: 1, bead: 1, .. }) && err.to_string().contains("`odd`"));
        let err = refused(|v| v["pairs"][0]["beads"][0]["src"] = serde_json::json!([0, 2]));
        assert!(err.to_string().contains("not consecutive"), "{err}");
        // A bead dropped: a gap.
        let err = refused(|v| {
            v["pairs"][0]["beads"].as_array_mut().unwrap().remove(0);
        });
        assert!(matches!(err, ReviewFileError::Alignment { pair: 0, source: AlignmentError::SourceGap { .. }, .. }));
        // Overlapping beads.
        let err = refused(|v| v["pairs"][1]["beads"][1]["src"] = serde_json::json!([0]));
        assert!(matches!(err, ReviewFileError::Alignment { pair: 1, .. }), "{err}");
        // A sentence more than the alignment covers.
        let err = refused(|v| v["languages"][0]["sentences"].as_array_mut().unwrap().push("more".into()));
        assert!(matches!(err, ReviewFileError::Alignment { source: AlignmentError::SourceNotCovered { .. }, .. }));
        let err = refused(|v| v["pairs"][0]["beads"][0]["score"] = 1.5.into());
        assert!(matches!(err, ReviewFileError::Review { source: ReviewError::BadScore { .. }, .. }), "{err}");
        let err = refused(|v| v["pairs"][0]["other"] = 2.into());
        assert!(matches!(err, ReviewFileError::Alignment { .. } | ReviewFileError::Review { .. }), "{err}");
        let err = refused(|v| v["languages"][0]["lang"] = "english".into());
        assert!(matches!(err, ReviewFileError::Invalid { .. }), "{err}");
        let err = refused(|v| {
            v.as_object_mut().unwrap().remove("log");
        });
        assert!(matches!(&err, ReviewFileError::Invalid { message, .. } if message.contains("log")), "{err}");
        let err = refused(|v| v["languages"][1]["sha256"] = "abc".into());
        assert!(err.to_string().contains("sha256 of ru.txt"), "{err}");
        let err = refused(|v| v["extra"] = 1.into());
        assert!(matches!(err, ReviewFileError::Invalid { .. }), "{err}");
    }

    #[test]
    fn exports_are_kept_and_the_default_leaves_the_file_as_it_was() {
        let r = sample();
        let default = review_json_with(&r, &ExportOptions::default());
        assert_eq!(default, review_json(&r));
        assert!(!String::from_utf8(default).unwrap().contains("exports"));
        let exports =
            ExportOptions::new(&[ExportFormat::Tmx, ExportFormat::Csv], CsvKind::Excel { delimiter: b';' }, Some(0.25))
                .unwrap();
        let bytes = review_json_with(&r, &exports);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("\n  \"exports\": {\n    \"formats\": [") && text.ends_with("}\n}\n"), "{text}");
        let (back, back_exports) = parse_review_and_exports(Path::new("review.json"), &bytes).unwrap();
        assert_eq!((back, &back_exports), (r, &exports));
        let err =
            refused(|v| v["exports"] = serde_json::json!({"formats": ["xls"], "csv": "machine", "min_score": null}));
        assert!(err.to_string().contains("`xls` is not an export"), "{err}");
        let err =
            refused(|v| v["exports"] = serde_json::json!({"formats": ["csv"], "csv": "excel", "min_score": null}));
        assert!(err.to_string().contains("exports: csv \"excel\""), "{err}");
    }

    proptest! {
        #[test]
        fn any_edited_review_writes_reads_and_writes_the_same_bytes(
            mut r in arb_review(),
            edits in prop::collection::vec(arb_edit(), 0..10),
        ) {
            for (n, edit) in edits.iter().enumerate() {
                let _ = r.apply(edit, &format!("2026-12-01T22:{n:02}:00Z"));
            }
            let bytes = review_json(&r);
            let back = parse_review(Path::new("review.json"), &bytes).unwrap();
            prop_assert_eq!(&back, &r);
            prop_assert_eq!(review_json(&back), bytes);
        }
    }

    proptest! {
        /// Any bytes, and a good file with some of its bytes changed, cut
        /// off or repeated, give a review or an error, never a panic; a
        /// review read from them writes and reads back as itself.
        #[test]
        fn any_bytes_give_a_review_or_an_error(
            junk in prop::collection::vec(any::<u8>(), 0..200),
            changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
            cut in any::<prop::sample::Index>(),
            repeat in any::<prop::sample::Index>(),
            how in 0usize..4,
        ) {
            let good = review_json(&sample());
            let bytes = match how {
                0 => junk,
                1 => {
                    let mut bytes = good.clone();
                    for (at, b) in &changes {
                        bytes[at.index(good.len())] = *b;
                    }
                    bytes
                }
                2 => good[..cut.index(good.len())].to_vec(),
                _ => {
                    let (a, b) = (cut.index(good.len()), repeat.index(good.len()));
                    [&good[..a.max(b)], &good[a.min(b)..]].concat()
                }
            };
            if let Ok((review, exports)) = parse_review_and_exports(Path::new("review.json"), &bytes) {
                let again = review_json_with(&review, &exports);
                let back = parse_review_and_exports(Path::new("review.json"), &again).unwrap();
                prop_assert_eq!(&back, &(review, exports));
            }
        }
    }
}
