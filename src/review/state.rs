//! The review state of a run: the input documents' sentences, each pair's
//! alignment with a mark (score, status, flags) per bead, the facts of the
//! run, and the log of a person's edits.
//!
//! Everything a person reviews lives here and in nothing else: the outputs
//! of a folder (CSV, `.align`, summary) can be written again from it
//! without aligning again.

use sha2::{Digest, Sha256};

use crate::align::{Alignment, Bead, Scored};
use crate::evidence::bilingual::LexiconUse;
use crate::input::Origin;
use crate::lang::Lang;

use super::flags::{text_flags, Flags};
use super::status::Status;

/// One input document of the run.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    pub lang: Lang,
    /// The path as it was given to `align`.
    pub file: String,
    /// SHA-256 of the file's bytes, lower-case hex ([`sha256_hex`]).
    pub sha256: String,
    /// The sentences, exactly as written in the file; sentence id k is
    /// `sentences[k]`.
    pub sentences: Vec<String>,
    /// The file's format and encoding, as read (absent in reviews written
    /// before trialign recorded it).
    pub origin: Option<Origin>,
}

impl Language {
    /// A document read from `file` (its `bytes`, for the hash) and cut into
    /// `sentences`.
    pub fn new(lang: Lang, file: impl Into<String>, bytes: &[u8], sentences: Vec<String>) -> Language {
        Language { lang, file: file.into(), sha256: sha256_hex(bytes), sentences, origin: None }
    }
}

/// What the model said of a bead when it was aligned; a person's edit
/// replaces it.
#[derive(Debug, Clone, PartialEq)]
pub struct BeadMark {
    /// The probability that the bead is right (1.0 for a bead a person made).
    pub score: f64,
    pub status: Status,
    /// The bead's risk in the review queue as the run measured it (with
    /// what only the run sees: the lattice's rival beads and boundaries, the
    /// words that tie its sentences); `None` for a bead a person made, whose
    /// risk the queue works out from the mark ([`super::queue`]).
    pub risk: Option<f64>,
    pub flags: Flags,
}

/// A pair alignment with one mark per bead: a [`Scored`] alignment whose
/// values are marks, so that no bead is without a mark or a mark without a
/// bead.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewedAlignment(Scored<BeadMark>);

impl ReviewedAlignment {
    pub fn new(alignment: Alignment, marks: Vec<BeadMark>) -> Result<ReviewedAlignment, ReviewError> {
        let scored = Scored::new(alignment, marks)
            .map_err(|e| ReviewError::MarksMismatch { beads: e.beads, marks: e.values })?;
        Ok(ReviewedAlignment(scored))
    }

    pub fn alignment(&self) -> &Alignment {
        self.0.alignment()
    }

    pub fn marks(&self) -> &[BeadMark] {
        self.0.values()
    }

    pub fn beads(&self) -> impl Iterator<Item = (&Bead, &BeadMark)> {
        self.0.iter()
    }

    /// The marks, to change statuses or flags in place (the beads cannot be
    /// changed this way: build a new alignment for that).
    pub fn marks_mut(&mut self) -> &mut [BeadMark] {
        self.0.values_mut()
    }
}

/// Facts of the run that `summary.json` reports and the beads do not tell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairRun {
    /// Target characters per pivot character, as fitted (0: not fitted).
    pub length_ratio: f64,
    /// Length variance per character, as fitted (Gale & Church: 6.8).
    pub length_variance: f64,
    /// Names of the evidence the model used.
    pub evidence: Vec<String>,
    pub lexicons: Vec<LexiconUse>,
    /// Word pairs taken for the same name in both languages.
    pub name_pairs: usize,
    /// Word pairs in the translation table after self-training.
    pub word_pairs: usize,
    /// The share of aligned pairs sharing a word the lexicons pair or a name.
    pub lexicon_support: Option<f64>,
    /// Why the pair could not be checked as a translation (too short, no
    /// lexicon), if it could not.
    pub unchecked: Option<String>,
    pub seconds: f64,
}

/// One language pair of the run: the pivot against `languages[other]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PairReview {
    /// Index into [`Review::languages`], at least 1.
    pub other: usize,
    pub run: PairRun,
    /// Source side: the pivot; target side: the other language.
    pub alignment: ReviewedAlignment,
}

/// One applied edit, for the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// When it was applied, RFC 3339 UTC (`2026-12-01T22:40:00Z`).
    pub time: String,
    /// The edit as an `--apply` line ([`super::Edit::display`]).
    pub edit: String,
}

/// The review state of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The documents; `[0]` is the pivot.
    pub languages: Vec<Language>,
    /// One pair per other language, in the order of `languages[1..]`.
    pub pairs: Vec<PairReview>,
    /// Beads scored below this are flagged [`super::Flag::LowScore`].
    pub review_threshold: f64,
    /// Time the run took to align.
    pub seconds: f64,
    pub log: Vec<LogEntry>,
}

/// Why parts do not make a review.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReviewError {
    #[error("{beads} beads but {marks} marks: every bead needs exactly one mark")]
    MarksMismatch { beads: usize, marks: usize },
    #[error("a review needs at least two languages (the pivot and one other), found {found}")]
    TooFewLanguages { found: usize },
    #[error("{languages} languages need {expected} pairs (one per language besides the pivot), found {found}")]
    PairCount { languages: usize, expected: usize, found: usize },
    #[error("pair {pair} is with language {other}, expected language {expected} (pairs follow the languages' order)")]
    PairLanguage { pair: usize, other: usize, expected: usize },
    #[error("pair {pair}: the alignment covers {found} pivot sentences, the pivot has {expected}")]
    PivotCount { pair: usize, expected: usize, found: usize },
    #[error("pair {pair}: the alignment covers {found} {lang} sentences, the {lang} document has {expected}")]
    OtherCount { pair: usize, lang: Lang, expected: usize, found: usize },
    #[error("pair {pair}, bead {bead}: score {score} is not a probability (0 to 1)")]
    BadScore { pair: usize, bead: usize, score: f64 },
    #[error("the review threshold {0} is not a probability (0 to 1)")]
    BadThreshold(f64),
}

impl Review {
    /// Checks that the parts fit: one pair per other language in order, each
    /// pair's alignment covering exactly the pivot's and its language's
    /// sentences, and every score a probability.
    pub fn new(
        languages: Vec<Language>,
        pairs: Vec<PairReview>,
        review_threshold: f64,
        seconds: f64,
        log: Vec<LogEntry>,
    ) -> Result<Review, ReviewError> {
        if languages.len() < 2 {
            return Err(ReviewError::TooFewLanguages { found: languages.len() });
        }
        if pairs.len() != languages.len() - 1 {
            return Err(ReviewError::PairCount {
                languages: languages.len(),
                expected: languages.len() - 1,
                found: pairs.len(),
            });
        }
        if !(0.0..=1.0).contains(&review_threshold) {
            return Err(ReviewError::BadThreshold(review_threshold));
        }
        for (k, pair) in pairs.iter().enumerate() {
            if pair.other != k + 1 {
                return Err(ReviewError::PairLanguage { pair: k, other: pair.other, expected: k + 1 });
            }
            let a = pair.alignment.alignment();
            let (n_pivot, other) = (languages[0].sentences.len(), &languages[pair.other]);
            if a.n_src() != n_pivot {
                return Err(ReviewError::PivotCount { pair: k, expected: n_pivot, found: a.n_src() });
            }
            if a.n_tgt() != other.sentences.len() {
                let (lang, expected, found) = (other.lang.clone(), other.sentences.len(), a.n_tgt());
                return Err(ReviewError::OtherCount { pair: k, lang, expected, found });
            }
            if let Some((bead, m)) =
                pair.alignment.marks().iter().enumerate().find(|(_, m)| !(0.0..=1.0).contains(&m.score))
            {
                return Err(ReviewError::BadScore { pair: k, bead, score: m.score });
            }
        }
        Ok(Review { languages, pairs, review_threshold, seconds, log })
    }

    /// The review of a fresh run: per other language (in the order of
    /// `languages[1..]`) its run, its alignment and the beads' scores; every
    /// bead `auto`, with the flags its texts tell ([`text_flags`]).
    pub fn from_run(
        languages: Vec<Language>,
        pairs: Vec<(PairRun, Alignment, Vec<f64>)>,
        review_threshold: f64,
        seconds: f64,
    ) -> Result<Review, ReviewError> {
        let mut reviews = Vec::with_capacity(pairs.len());
        for (k, (run, alignment, scores)) in pairs.into_iter().enumerate() {
            if scores.len() != alignment.beads().len() {
                return Err(ReviewError::MarksMismatch { beads: alignment.beads().len(), marks: scores.len() });
            }
            let texts = |i: usize| languages.get(i).map_or(&[][..], |l: &Language| &l.sentences[..]);
            let (pivot, other) = (texts(0), texts(k + 1));
            // Counts are checked by `Review::new`; flags need the texts to exist.
            let fits = alignment.n_src() == pivot.len() && alignment.n_tgt() == other.len();
            let marks = alignment
                .beads()
                .iter()
                .zip(scores)
                .map(|(bead, score)| {
                    let flags =
                        if fits { text_flags(pivot, other, &run, bead, score, review_threshold) } else { Flags::new() };
                    BeadMark { score, status: Status::Auto, risk: None, flags }
                })
                .collect();
            reviews.push(PairReview { other: k + 1, run, alignment: ReviewedAlignment::new(alignment, marks)? });
        }
        Review::new(languages, reviews, review_threshold, seconds, Vec::new())
    }

    /// The pivot document.
    pub fn pivot(&self) -> &Language {
        &self.languages[0]
    }

    /// The other document of pair `k`.
    pub fn other(&self, k: usize) -> &Language {
        &self.languages[self.pairs[k].other]
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::review;

    #[test]
    fn sha256_of_known_bytes() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn marks_are_tied_to_beads() {
        let a = Alignment::new(vec![Bead::new(0..1, 0..1)], 1, 1).unwrap();
        assert_eq!(ReviewedAlignment::new(a, vec![]), Err(ReviewError::MarksMismatch { beads: 1, marks: 0 }));
    }

    #[test]
    fn new_checks_that_every_pair_covers_its_documents() {
        let r = review(&[&[(1, 1), (1, 2)], &[(2, 1)]]);
        let parts = |r: &Review| (r.languages.clone(), r.pairs.clone());
        let (langs, pairs) = parts(&r);
        assert!(Review::new(langs.clone(), pairs.clone(), 0.5, 0.0, vec![]).is_ok());
        let mut short = langs.clone();
        short[2].sentences.pop();
        assert!(matches!(
            Review::new(short, pairs.clone(), 0.5, 0.0, vec![]),
            Err(ReviewError::OtherCount { pair: 1, expected: 0, found: 1, .. })
        ));
        let mut pivot = langs.clone();
        pivot[0].sentences.push("extra".into());
        assert!(matches!(
            Review::new(pivot, pairs.clone(), 0.5, 0.0, vec![]),
            Err(ReviewError::PivotCount { pair: 0, .. })
        ));
        assert!(matches!(
            Review::new(langs.clone(), pairs[..1].to_vec(), 0.5, 0.0, vec![]),
            Err(ReviewError::PairCount { expected: 2, found: 1, .. })
        ));
        let swapped = vec![pairs[1].clone(), pairs[0].clone()];
        assert!(matches!(
            Review::new(langs, swapped, 0.5, 0.0, vec![]),
            Err(ReviewError::PairLanguage { pair: 0, .. })
        ));
    }

    #[test]
    fn a_fresh_run_is_auto_with_the_flags_its_texts_tell() {
        let text = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let en = Language::new(Lang::new("en").unwrap(), "en.txt", b"en", text(&["In 1956.", "Yes."]));
        let ru = Language::new(Lang::new("ru").unwrap(), "ru.txt", b"ru", text(&["В 1957.", "Да."]));
        let a = Alignment::new(vec![Bead::new(0..1, 0..1), Bead::new(1..2, 1..2)], 2, 2).unwrap();
        let run = PairRun { length_ratio: 1.0, length_variance: 6.8, ..PairRun::default() };
        let r =
            Review::from_run(vec![en.clone(), ru.clone()], vec![(run.clone(), a.clone(), vec![0.9, 0.3])], 0.5, 1.0)
                .unwrap();
        let flags: Vec<String> = r.pairs[0].alignment.marks().iter().map(|m| m.flags.to_string()).collect();
        assert_eq!(flags, ["numbers-differ", "low-score"]);
        assert!(r.pairs[0].alignment.marks().iter().all(|m| m.status == Status::Auto));
        let err = Review::from_run(vec![en.clone(), ru.clone()], vec![(run.clone(), a.clone(), vec![0.9])], 0.5, 1.0);
        assert_eq!(err, Err(ReviewError::MarksMismatch { beads: 2, marks: 1 }));
        let err = Review::from_run(vec![en], vec![(run, a, vec![0.9, 0.3])], 0.5, 1.0);
        assert!(matches!(err, Err(ReviewError::TooFewLanguages { found: 1 })));
    }

    #[test]
    fn a_language_keeps_the_hash_of_its_file() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let r = review(&[&[(1, 1)]]);
        assert_eq!(r.languages[0].sha256, sha256_hex(b"en"));
    }
}
