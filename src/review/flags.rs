//! Flags: reasons to look at a bead or a row before trusting its score.
//!
//! Some flags are told by the texts alone ([`text_flags`]: shape, score,
//! numbers, lengths); two are told by comparing the pairings of a
//! three-language row (computed with the rows, [`super::rows`]); `Unsupported`
//! needs the word evidence and is computed where that is (the review queue).

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use crate::align::Bead;
use crate::evidence::anchors::numbers;
use crate::evidence::length::{gale_church_z, key_length};
use crate::input::key;

use super::state::PairRun;

/// One reason to doubt a bead or a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// The bead is not one sentence to one sentence (`not-1-1`).
    #[serde(rename = "not-1-1")]
    NotOneToOne,
    /// The score is below the review threshold.
    LowScore,
    /// A sentence of a many-sentence bead that no lexicon, learned word, name
    /// or number supports.
    Unsupported,
    /// The numbers of the two sides differ.
    NumbersDiffer,
    /// The length ratio is far outside the pair's fitted ratio.
    LengthRatio,
    /// Three languages: the pairings group the pivot differently in this row.
    PairingsDiffer,
    /// Three languages: one pairing has a confident 1-1 where another has a
    /// deletion.
    OneSidedDeletion,
}

impl Flag {
    pub const ALL: [Flag; 7] = [
        Flag::NotOneToOne,
        Flag::LowScore,
        Flag::Unsupported,
        Flag::NumbersDiffer,
        Flag::LengthRatio,
        Flag::PairingsDiffer,
        Flag::OneSidedDeletion,
    ];

    /// The name in files and on screen (as serde writes it).
    pub fn name(self) -> &'static str {
        match self {
            Flag::NotOneToOne => "not-1-1",
            Flag::LowScore => "low-score",
            Flag::Unsupported => "unsupported",
            Flag::NumbersDiffer => "numbers-differ",
            Flag::LengthRatio => "length-ratio",
            Flag::PairingsDiffer => "pairings-differ",
            Flag::OneSidedDeletion => "one-sided-deletion",
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A flag name trialign does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a flag (known: not-1-1, low-score, unsupported, numbers-differ, length-ratio, pairings-differ, one-sided-deletion)")]
pub struct UnknownFlag(pub String);

impl FromStr for Flag {
    type Err = UnknownFlag;

    fn from_str(s: &str) -> Result<Flag, UnknownFlag> {
        Flag::ALL.into_iter().find(|f| f.name() == s).ok_or_else(|| UnknownFlag(s.to_string()))
    }
}

/// A set of flags, iterated in the order of [`Flag::ALL`]; serialised as a
/// list of names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Flags(BTreeSet<Flag>);

impl Flags {
    pub fn new() -> Flags {
        Flags::default()
    }

    pub fn insert(&mut self, flag: Flag) {
        self.0.insert(flag);
    }

    pub fn remove(&mut self, flag: Flag) {
        self.0.remove(&flag);
    }

    pub fn contains(&self, flag: Flag) -> bool {
        self.0.contains(&flag)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = Flag> + '_ {
        self.0.iter().copied()
    }

    /// Adds every flag of `other`.
    pub fn extend_from(&mut self, other: &Flags) {
        self.0.extend(other.iter());
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<I: IntoIterator<Item = Flag>>(iter: I) -> Flags {
        Flags(iter.into_iter().collect())
    }
}

/// The names joined by a space (empty for no flags).
impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, flag) in self.iter().enumerate() {
            if k > 0 {
                f.write_str(" ")?;
            }
            f.write_str(flag.name())?;
        }
        Ok(())
    }
}

/// Names separated by white space; an empty string is no flags.
impl FromStr for Flags {
    type Err = UnknownFlag;

    fn from_str(s: &str) -> Result<Flags, UnknownFlag> {
        s.split_whitespace().map(str::parse).collect()
    }
}

/// A score at least this high counts as a confident bead (for
/// [`Flag::OneSidedDeletion`]).
pub const CONFIDENT_SCORE: f64 = 0.9;

/// `|z|` of a bead's lengths (Gale & Church, under the pair's fitted ratio
/// and variance) above which its length ratio counts as far outside the fit:
/// a translation passes it about three times in a thousand.
pub const LENGTH_Z_LIMIT: f64 = 3.0;

/// The flags the texts of a bead tell, with its `score` and the pair's fit:
/// [`Flag::NotOneToOne`], [`Flag::LowScore`] (below `review_threshold`),
/// and for beads with both sides [`Flag::NumbersDiffer`] and
/// [`Flag::LengthRatio`]. `pivot` and `other` are all sentences of the two
/// documents.
pub fn text_flags(
    pivot: &[String],
    other: &[String],
    run: &PairRun,
    bead: &Bead,
    score: f64,
    review_threshold: f64,
) -> Flags {
    let mut flags = Flags::new();
    if bead.src.len() != 1 || bead.tgt.len() != 1 {
        flags.insert(Flag::NotOneToOne);
    }
    if score < review_threshold {
        flags.insert(Flag::LowScore);
    }
    if bead.src.is_empty() || bead.tgt.is_empty() {
        return flags;
    }
    let keys = |texts: &[String]| -> Vec<String> { texts.iter().map(|t| key(t)).collect() };
    let (src, tgt) = (keys(&pivot[bead.src.clone()]), keys(&other[bead.tgt.clone()]));
    let sorted_numbers = |keys: &[String]| {
        let mut n: Vec<String> = keys.iter().flat_map(|k| numbers(k)).collect();
        n.sort_unstable();
        n
    };
    if sorted_numbers(&src) != sorted_numbers(&tgt) {
        flags.insert(Flag::NumbersDiffer);
    }
    // An unfitted pair (ratio or variance 0) cannot tell what is far off.
    if run.length_ratio > 0.0 && run.length_variance > 0.0 {
        let a: f64 = src.iter().map(|k| key_length(k)).sum();
        let b: f64 = tgt.iter().map(|k| key_length(k)).sum::<f64>() / run.length_ratio;
        if gale_church_z(a, b, run.length_variance).abs() > LENGTH_Z_LIMIT {
            flags.insert(Flag::LengthRatio);
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for f in Flag::ALL {
            assert_eq!(f.name().parse::<Flag>(), Ok(f));
            assert_eq!(serde_json::to_string(&f).unwrap(), format!("\"{}\"", f.name()));
        }
        let all: Flags = Flag::ALL.into_iter().collect();
        assert_eq!(all.to_string().parse::<Flags>(), Ok(all.clone()));
        assert_eq!("".parse::<Flags>(), Ok(Flags::new()));
        assert_eq!("low-score bogus".parse::<Flags>(), Err(UnknownFlag("bogus".into())));
        assert_eq!(serde_json::to_string(&all).unwrap().matches(',').count(), 6);
    }

    fn run(ratio: f64) -> PairRun {
        PairRun { length_ratio: ratio, length_variance: 6.8, ..PairRun::default() }
    }

    fn texts(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn texts_tell_shape_score_numbers_and_lengths() {
        let en = texts(&[
            "In 1956 they climbed 1,000 metres.",
            "Short.",
            "A very long sentence indeed, it goes on and on and on for a long while.",
        ]);
        let ru = texts(&["В 1956 году они поднялись на 1000 метров.", "В 1957 году.", "Да."]);
        let flags = |b: Bead, score: f64| text_flags(&en, &ru, &run(1.0), &b, score, 0.5);
        assert!(flags(Bead::new(0..1, 0..1), 0.9).is_empty());
        assert_eq!(flags(Bead::new(0..1, 0..1), 0.4), [Flag::LowScore].into_iter().collect());
        assert!(flags(Bead::new(1..2, 1..2), 0.9).contains(Flag::NumbersDiffer));
        assert!(flags(Bead::new(2..3, 2..3), 0.9).contains(Flag::LengthRatio));
        let deletion = flags(Bead::new(1..2, 1..1), 0.9);
        assert_eq!(deletion, [Flag::NotOneToOne].into_iter().collect(), "a deletion has no other side to compare");
        assert!(!text_flags(&en, &ru, &run(0.0), &Bead::new(2..3, 2..3), 0.9, 0.5).contains(Flag::LengthRatio));
    }
}
