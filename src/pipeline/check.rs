//! Refusing a pair of documents that are not translations of each other.

use super::{Error, PairResult, Side};
use crate::align::{Alignment, Bead};
use crate::evidence::translation::TranslationTable;

/// Refuses a pair of documents that are not translations of each other (or
/// of which one is a different part of the text). Very short documents are
/// let through: they hold too little evidence either way.
///
/// Two signs, either enough: few sentences found a counterpart; or few
/// aligned sentence pairs share a word the lexicons pair, or a name
/// ([`PairResult::prior_support`]). Where no lexicon gives that measure,
/// the length variance EM fitted stands in: larger than any translation on
/// the development sets shows (then two unrelated documents whose sentence
/// lengths happen to match can still pass).
pub fn check_translations(src: &Side, tgt: &Side, result: &PairResult) -> Result<(), Error> {
    let beads = result.beads.alignment().beads();
    let total = src.sentences.len() + tgt.sentences.len();
    if total < 6 {
        return Ok(());
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
    let why = if share < MIN_MATCHED_SHARE {
        format!("{:.0}% of the sentences found a likely counterpart (translations: 30% or more)", 100.0 * share)
    } else if let Some(support) = result.prior_support {
        if support >= MIN_PRIOR_SUPPORT {
            return Ok(());
        }
        format!(
            "only {:.0}% of the aligned sentence pairs share a word the lexicons pair or a name (translations: 65% or more)",
            100.0 * support
        )
    } else if both_sided >= MIN_VARIANCE_BEADS && result.length_variance > MAX_LENGTH_VARIANCE {
        format!(
            "the lengths of aligned sentences vary by {:.1} per character (translations: {MAX_LENGTH_VARIANCE} or less), and no lexicon could tell more",
            result.length_variance
        )
    } else {
        return Ok(());
    };
    Err(Error::NotTranslations { src: src.path.clone(), tgt: tgt.path.clone(), why })
}

/// The least share of sentences in beads with both sides scored at least
/// 0.3. Real translations on the development sets: 0.79 to 1.0; unrelated
/// documents: 0.01 to 0.04 (MAC-Dev chapters paired with other chapters).
const MIN_MATCHED_SHARE: f64 = 0.3;

/// The least [`PairResult::prior_support`] of a translation. Development
/// sets: 0.76 (MAC-Dev 002) to 1.0 (FLORES documents of 4 lines or more:
/// 0.8 and up); unrelated documents: 0.29 to 0.55.
const MIN_PRIOR_SUPPORT: f64 = 0.65;

/// The largest fitted length variance per character of a translation, used
/// when there is no prior support to measure. Development sets: 1.5 to 6.8
/// (MAC-Dev 002, a free literary translation); unrelated documents of 12
/// beads or more seen: 8.3 to 9.7 (one of 6.0 before lexical evidence).
/// Refusing a real translation leaves the user no way on, so the line sits
/// above the translations.
const MAX_LENGTH_VARIANCE: f64 = 7.0;

/// Beads with both sides the variance must be fitted on to be trusted: on
/// FLORES documents of 4 to 6 lines it ranges up to 17 for translations.
const MIN_VARIANCE_BEADS: usize = 12;

/// Beads with both sides the alignment must have for [`prior_support`] to
/// be measured (besides a lexicon that matched: names alone are too few,
/// Text+Berg, German–French with names and identical words only, has 0.58
/// and unrelated English–Russian texts up to 0.55).
const MIN_SUPPORT_BEADS: usize = 4;

/// The share of beads with both sides that hold a word pair of the table's
/// prior (a lexicon entry or a name match).
pub(super) fn prior_support(
    table: &TranslationTable,
    alignment: &Alignment,
    src: &[Vec<u32>],
    tgt: &[Vec<u32>],
) -> Option<f64> {
    let both: Vec<&Bead> = alignment.beads().iter().filter(|b| !b.src.is_empty() && !b.tgt.is_empty()).collect();
    if both.len() < MIN_SUPPORT_BEADS {
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
        let beads = (0..n).map(|k| Bead::new(k..k + 1, k..k + 1)).collect();
        let score = BeadScore { posterior: Posterior::new(c), confidence: Confidence::new(c) };
        PairResult {
            beads: Scored::new(Alignment::new(beads, n, n).unwrap(), vec![score; n]).unwrap(),
            length_ratio: 1.0,
            length_variance,
            evidence: vec![],
            words: PriorReport::default(),
            word_pairs: 0,
            prior_support,
            support: Default::default(),
            queue: Vec::new(),
            seconds: 0.0,
        }
    }

    #[test]
    fn pairs_with_few_likely_counterparts_or_little_support_are_refused() {
        let (a, b) = (side(20), side(20));
        assert!(check_translations(&a, &b, &result(20, 0.9, Some(0.9), 3.0)).is_ok());
        let unlikely = check_translations(&a, &b, &result(20, 0.1, None, 3.0)).unwrap_err().to_string();
        assert!(unlikely.contains("found a likely counterpart"), "{unlikely}");
        let unsupported = check_translations(&a, &b, &result(20, 0.9, Some(0.3), 3.0)).unwrap_err().to_string();
        assert!(unsupported.contains("share a word the lexicons pair"), "{unsupported}");
        let loose = check_translations(&a, &b, &result(20, 0.9, None, 9.0)).unwrap_err().to_string();
        assert!(loose.contains("vary by 9.0 per character"), "{loose}");
    }

    #[test]
    fn very_short_documents_pass() {
        assert!(check_translations(&side(2), &side(2), &result(2, 0.0, None, 50.0)).is_ok());
    }
}
