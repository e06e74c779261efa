//! Refusing a pair of documents that are not translations of each other.

use std::sync::OnceLock;

use super::{Error, PairResult, Side};
use crate::align::{Alignment, Bead};
use crate::evidence::translation::TranslationTable;
use crate::weights::named_values;

/// Refuses a pair of documents that are not translations of each other (or
/// of which one is a different part of the text). `Ok(Some(why))`: the pair
/// could not be checked (too short, no lexicon and too few beads for the
/// words alone to tell) and is let through, `why` saying so for the user.
///
/// Signs, in order: few sentences found a counterpart; with a lexicon that
/// matched, few aligned sentence pairs share a word it pairs, or a name
/// ([`PairResult::prior_support`]); without one, on long documents, the
/// rare words of aligned beads go together no more than chance has them
/// ([`PairResult::recurrence`]); on shorter ones, a fitted length variance
/// larger than any translation on the development sets shows (two
/// unrelated documents whose sentence lengths happen to match then pass,
/// with the warning).
pub fn check_translations(src: &Side, tgt: &Side, result: &PairResult) -> Result<Option<String>, Error> {
    let lines = Lines::shipped();
    let beads = result.beads.alignment().beads();
    let total = src.sentences.len() + tgt.sentences.len();
    if total < lines.min_sentences {
        return Ok(Some(format!("{total} sentences in all are too few to tell")));
    }
    // Sentences in beads with both sides and a fair score.
    let matched: usize = beads
        .iter()
        .zip(result.beads.values())
        .filter(|(b, s)| !b.src.is_empty() && !b.tgt.is_empty() && s.confidence.get() >= 0.3)
        .map(|(b, _)| b.src.len() + b.tgt.len())
        .sum();
    let share = matched as f64 / total as f64;
    let both_sided = beads.iter().filter(|b| !b.src.is_empty() && !b.tgt.is_empty()).count();
    let recurrence = result.recurrence.filter(|r| r.beads >= lines.min_recurrence_beads);
    let why = if share < lines.min_matched_share {
        format!(
            "{:.0}% of the sentences found a likely counterpart (translations: {:.0}% or more)",
            100.0 * share,
            100.0 * lines.min_matched_share
        )
    } else if let Some(support) = result.prior_support {
        if support >= lines.min_prior_support {
            return Ok(None);
        }
        format!(
            "only {:.0}% of the aligned sentence pairs share a word the lexicons pair or a name (translations: {:.0}% or more)",
            100.0 * support,
            100.0 * lines.min_prior_support
        )
    } else if let Some(r) = recurrence {
        if r.z() >= lines.min_recurrence_z {
            return Ok(None);
        }
        format!(
            "the rare words of aligned sentences go together no more than chance has them ({:.1} standard deviations above it over {} aligned pairs; translations: {} or more), and no lexicon could tell more",
            r.z(),
            r.beads,
            lines.min_recurrence_z
        )
    } else if both_sided >= lines.min_variance_beads && result.length_variance > lines.max_length_variance {
        format!(
            "the lengths of aligned sentences vary by {:.1} per character (translations: {} or less), and no lexicon could tell more",
            result.length_variance, lines.max_length_variance
        )
    } else if result.recurrence.is_none() && result.prior_support.is_none() && !result.evidence.contains(&"lexical") {
        return Ok(Some("without word evidence (--no-lexical) only the sentence lengths were compared".into()));
    } else if result.words.lexicon_matched() {
        return Ok(Some(format!("{both_sided} aligned pairs are too few to tell")));
    } else {
        return Ok(Some(format!(
            "no lexicon matched, and {} aligned pairs are too few for the words alone to tell ({} needed); a lexicon for the pair (scripts/setup.sh, --lexicon) would let it be checked",
            result.recurrence.map_or(0, |r| r.beads),
            lines.min_recurrence_beads
        )));
    };
    Err(Error::NotTranslations { src: src.path.clone(), tgt: tgt.path.clone(), why })
}

/// The lines of the check, as `check.tsv` sets them.
struct Lines {
    min_sentences: usize,
    min_matched_share: f64,
    min_prior_support: f64,
    min_support_beads: usize,
    min_recurrence_z: f64,
    min_recurrence_beads: usize,
    max_length_variance: f64,
    min_variance_beads: usize,
}

const LINE_NAMES: [&str; 8] = [
    "min_sentences",
    "min_matched_share",
    "min_prior_support",
    "min_support_beads",
    "min_recurrence_z",
    "min_recurrence_beads",
    "max_length_variance",
    "min_variance_beads",
];

impl Lines {
    fn shipped() -> &'static Lines {
        static LINES: OnceLock<Lines> = OnceLock::new();
        LINES.get_or_init(|| {
            let v = named_values(include_str!("check.tsv"), &LINE_NAMES).expect("check.tsv names every line once");
            Lines {
                min_sentences: v[0] as usize,
                min_matched_share: v[1],
                min_prior_support: v[2],
                min_support_beads: v[3] as usize,
                min_recurrence_z: v[4],
                min_recurrence_beads: v[5] as usize,
                max_length_variance: v[6],
                min_variance_beads: v[7] as usize,
            }
        })
    }
}

/// The share of beads with both sides that hold a word pair of the table's
/// prior (a lexicon entry or a name match).
pub(super) fn prior_support(
    table: &TranslationTable,
    alignment: &Alignment,
    src: &[Vec<u32>],
    tgt: &[Vec<u32>],
) -> Option<f64> {
    let both: Vec<&Bead> = alignment.beads().iter().filter(|b| !b.src.is_empty() && !b.tgt.is_empty()).collect();
    if both.len() < Lines::shipped().min_support_beads {
        return None;
    }
    let supported = both
        .iter()
        .filter(|b| {
            let t_words: Vec<u32> = tgt[b.tgt.clone()].concat();
            src[b.src.clone()].iter().flatten().any(|&s| t_words.iter().any(|&t| table.in_prior(s, t)))
        })
        .count();
    Some(supported as f64 / both.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{BeadScore, Confidence, Posterior, Scored};
    use crate::evidence::bilingual::PriorReport;
    use crate::evidence::recurrence::Recurrence;
    use crate::segment::Sentence;

    fn side(n: usize) -> Side {
        let sentence = |k: usize| Sentence { text: format!("s{k}"), span: 0..0, paragraph: 0, key: format!("s{k}") };
        Side {
            path: format!("{n}.txt").into(),
            lang: crate::lang::Lang::new("en").unwrap(),
            script: None,
            sentences: (0..n).map(sentence).collect(),
            note: None,
            sha256: String::new(),
            origin: Default::default(),
        }
    }

    /// A 1-1 alignment of `n` sentences, every bead with confidence `c`.
    fn result(n: usize, c: f64, prior_support: Option<f64>, length_variance: f64) -> PairResult {
        with_recurrence(n, c, prior_support, length_variance, None)
    }

    fn with_recurrence(
        n: usize,
        c: f64,
        prior_support: Option<f64>,
        length_variance: f64,
        recurrence: Option<Recurrence>,
    ) -> PairResult {
        let beads = (0..n).map(|k| Bead::new(k..k + 1, k..k + 1)).collect();
        let score = BeadScore { posterior: Posterior::new(c), confidence: Confidence::new(c) };
        PairResult {
            beads: Scored::new(Alignment::new(beads, n, n).unwrap(), vec![score; n]).unwrap(),
            length_ratio: 1.0,
            length_variance,
            evidence: vec!["length", "lexical"],
            words: PriorReport::default(),
            word_pairs: 0,
            prior_support,
            recurrence,
            support: Default::default(),
            queue: Vec::new(),
            seconds: 0.0,
        }
    }

    #[test]
    fn pairs_with_few_likely_counterparts_or_little_support_are_refused() {
        let (a, b) = (side(20), side(20));
        assert_eq!(check_translations(&a, &b, &result(20, 0.9, Some(0.9), 3.0)).unwrap(), None);
        let unlikely = check_translations(&a, &b, &result(20, 0.1, None, 3.0)).unwrap_err().to_string();
        assert!(unlikely.contains("found a likely counterpart"), "{unlikely}");
        let unsupported = check_translations(&a, &b, &result(20, 0.9, Some(0.3), 3.0)).unwrap_err().to_string();
        assert!(unsupported.contains("share a word the lexicons pair"), "{unsupported}");
        let loose = check_translations(&a, &b, &result(20, 0.9, None, 9.0)).unwrap_err().to_string();
        assert!(loose.contains("vary by 9.0 per character"), "{loose}");
    }

    #[test]
    fn without_a_lexicon_long_pairs_are_told_by_their_words_and_short_ones_pass_unchecked() {
        let (a, b) = (side(200), side(200));
        let recurrence = |z: f64| Some(Recurrence { beads: 200, linked: 10.0 + z, chance: 10.0, spread: 1.0 });
        let related = with_recurrence(200, 0.9, None, 9.0, recurrence(8.0));
        assert_eq!(check_translations(&a, &b, &related).unwrap(), None, "the words tell, not the lengths");
        let unrelated = check_translations(&a, &b, &with_recurrence(200, 0.9, None, 3.0, recurrence(1.0)));
        let unrelated = unrelated.unwrap_err().to_string();
        assert!(unrelated.contains("no more than chance"), "{unrelated}");

        let (a, b) = (side(20), side(20));
        let short = Some(Recurrence { beads: 20, linked: 10.0, chance: 10.0, spread: 1.0 });
        let why = check_translations(&a, &b, &with_recurrence(20, 0.9, None, 3.0, short)).unwrap().unwrap();
        assert!(why.contains("too few for the words alone to tell"), "{why}");
        let mut lengths_only = result(20, 0.9, None, 3.0);
        lengths_only.evidence = vec!["length"];
        let why = check_translations(&a, &b, &lengths_only).unwrap().unwrap();
        assert!(why.contains("--no-lexical"), "{why}");
    }

    #[test]
    fn very_short_documents_pass_unchecked() {
        let why = check_translations(&side(2), &side(2), &result(2, 0.0, None, 50.0)).unwrap().unwrap();
        assert!(why.contains("too few to tell"), "{why}");
    }

    #[test]
    fn the_shipped_lines_are_read() {
        let lines = Lines::shipped();
        assert!(lines.min_recurrence_beads > lines.min_variance_beads && lines.min_recurrence_z > 0.0);
    }
}
