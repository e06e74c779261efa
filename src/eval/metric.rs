//! Strict and lax precision, recall and F1 of predicted beads against gold
//! beads, as the Bleualign evaluation defines them (and Vecalign, Bertalign
//! and the project's reference `score.py` compute them).

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::formats::Link;

/// How many distinct beads were judged and how many of them were hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Distinct beads judged: a bead listed twice counts once, as in the
    /// reference scorer, which compares sets of beads.
    pub beads: usize,
    /// Beads found identically on the other side.
    pub strict: usize,
    /// Strict hits, plus beads that overlap a bead of the other side (see
    /// [`score`]).
    pub lax: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.beads += other.beads;
        self.strict += other.strict;
        self.lax += other.lax;
    }
}

/// The six figures of the metric, unrounded, with the counts they come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub precision_strict: f64,
    pub recall_strict: f64,
    pub f1_strict: f64,
    pub precision_lax: f64,
    pub recall_lax: f64,
    pub f1_lax: f64,
    /// Precision's counts: over predicted beads non-empty on at least one
    /// side.
    pub precision_counts: Counts,
    /// Recall's counts: over gold beads with both sides, judged against
    /// predicted beads with both sides.
    pub recall_counts: Counts,
}

/// Scores predicted alignments against gold ones; `pairs` holds one
/// `(gold, prediction)` pair per document.
///
/// - **Precision** judges each distinct predicted bead that is non-empty on
///   at least one side (1-0 and 0-1 beads included). It is a *strict* hit
///   when the identical bead is in the gold, and a *lax* hit when it is a
///   strict hit or shares a source sentence with some gold bead whose
///   target sentences overlap its own. (A 0-1 bead has no source sentence,
///   so it is a lax hit only when it is a strict one.)
/// - **Recall** is the same judgement with gold and prediction swapped,
///   after setting aside every bead with an empty side on both.
/// - Counts are summed over all documents before dividing (micro average);
///   F1 = 2PR/(P+R); a division by zero gives 0.
///
/// Strict F1 is the figure that tells aligners apart; lax F1 near 1 says
/// that an alignment never drifts far from the gold.
pub fn score(pairs: &[(&[Link], &[Link])]) -> Scores {
    let mut precision = Counts::default();
    let mut recall = Counts::default();
    for &(gold, predicted) in pairs {
        precision.add(judge(gold, predicted));
        recall.add(judge(two_sided(predicted), two_sided(gold)));
    }
    let ratio = |hits: usize, of: usize| if of == 0 { 0.0 } else { hits as f64 / of as f64 };
    let f1 = |p: f64, r: f64| if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    let (ps, rs) = (ratio(precision.strict, precision.beads), ratio(recall.strict, recall.beads));
    let (pl, rl) = (ratio(precision.lax, precision.beads), ratio(recall.lax, recall.beads));
    Scores {
        precision_strict: ps,
        recall_strict: rs,
        f1_strict: f1(ps, rs),
        precision_lax: pl,
        recall_lax: rl,
        f1_lax: f1(pl, rl),
        precision_counts: precision,
        recall_counts: recall,
    }
}

/// Judges the distinct non-empty beads of `judged` against those of
/// `reference`, strictly and laxly.
fn judge<'a>(reference: impl IntoIterator<Item = &'a Link>, judged: impl IntoIterator<Item = &'a Link>) -> Counts {
    let reference = bead_set(reference);
    // Every target sentence a source sentence is aligned to in the
    // reference: a judged bead is a lax hit when one of its source sentences
    // reaches one of its target sentences.
    let mut reach: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (src, tgt) in &reference {
        for &i in *src {
            reach.entry(i).or_default().extend(tgt.iter().copied());
        }
    }
    let judged = bead_set(judged);
    let mut counts = Counts { beads: judged.len(), ..Counts::default() };
    for bead @ (src, tgt) in &judged {
        if reference.contains(bead) {
            counts.strict += 1;
            counts.lax += 1;
        } else if src.iter().any(|i| reach.get(i).is_some_and(|r| tgt.iter().any(|j| r.contains(j)))) {
            counts.lax += 1;
        }
    }
    counts
}

fn two_sided(links: &[Link]) -> impl Iterator<Item = &Link> {
    links.iter().filter(|l| l.has_both_sides())
}

/// The distinct non-empty beads of `links`, scores set aside: what "the
/// identical bead is in the gold" is checked against.
pub(super) fn bead_set<'a>(links: impl IntoIterator<Item = &'a Link>) -> HashSet<(&'a [usize], &'a [usize])> {
    links.into_iter().filter(|l| !l.is_empty()).map(Link::ids).collect()
}

/// A figure with 4 decimals, exactly as `score.py` reports it.
///
/// `score.py` rounds with Python's `round(x, 4)`, which rounds the exact
/// binary value of `x` and breaks exact ties to even. Rust's `{:.4}` does
/// the same, so no arithmetic is needed, and none must be attempted: the
/// tempting `(x * 1e4).round() / 1e4` rounds ties away from zero and is
/// misled by the error of the product (it gives 0.0313 for 0.03125, where
/// Python gives 0.0312).
///
/// ```
/// use trialign::eval::four_decimals;
///
/// assert_eq!(four_decimals(2.0 / 3.0), "0.6667");
/// assert_eq!(four_decimals(0.03125), "0.0312"); // a true tie, to even
/// assert_eq!(four_decimals(1.0), "1.0000");
/// ```
pub fn four_decimals(x: f64) -> String {
    format!("{x:.4}")
}

impl Scores {
    /// The six figures in `score.py`'s order, under its names.
    pub fn figures(&self) -> [(&'static str, f64); 6] {
        [
            ("precision_strict", self.precision_strict),
            ("recall_strict", self.recall_strict),
            ("f1_strict", self.f1_strict),
            ("precision_lax", self.precision_lax),
            ("recall_lax", self.recall_lax),
            ("f1_lax", self.f1_lax),
        ]
    }

    /// The JSON object `score.py` prints, byte for byte: same keys and
    /// order, values rounded to 4 decimals and written as Python writes a
    /// float (`0.5`, `1.0`, `0.9731`), so the two outputs can be diffed.
    pub fn to_json(&self) -> String {
        let fields: Vec<String> = self
            .figures()
            .iter()
            .map(|(name, x)| {
                // Python writes the shortest decimal that reads back as the
                // same float; for a value rounded to 4 decimals that is the
                // rounded digits without trailing zeros (but at least one).
                let digits = four_decimals(*x);
                let trimmed = digits.trim_end_matches('0');
                let value = if trimmed.ends_with('.') { format!("{trimmed}0") } else { trimmed.to_string() };
                format!("\"{name}\": {value}")
            })
            .collect();
        format!("{{{}}}", fields.join(", "))
    }
}

impl fmt::Display for Scores {
    /// Two lines, strict then lax, with each figure to 4 decimals as
    /// `score.py` rounds it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = four_decimals;
        writeln!(f, "strict  P {}  R {}  F1 {}", d(self.precision_strict), d(self.recall_strict), d(self.f1_strict))?;
        write!(f, "lax     P {}  R {}  F1 {}", d(self.precision_lax), d(self.recall_lax), d(self.f1_lax))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::parse_links;

    // Document A exercises every rule once; each line says what the
    // prediction's bead is, and why.
    const GOLD_A: &str = "[0]:[0]\n[1,2]:[1]\n[3]:[]\n[4]:[2,3]\n[]:[4]\n[5]:[5]\n";
    const PRED_A: &str = "\
[0]:[0]:0.95
[1]:[1]:0.60
[2]:[]:0.30
[3]:[2]:0.40
[4]:[3]:0.70
[]:[4]:0.80
[5]:[5]:0.99
[5]:[5]:0.99
";
    // [0]:[0]   strict
    // [1]:[1]   lax: source 1 reaches target 1 through [1,2]:[1]
    // [2]:[]    miss: no target sentence to overlap
    // [3]:[2]   miss: 3 reaches nothing (the gold has it as 1-0)
    // [4]:[3]   lax: 4 reaches 2 and 3
    // []:[4]    strict (0-1 beads count in precision)
    // [5]:[5]   strict, listed twice, counted once
    // Precision 3 strict, 5 lax of 7. Recall over gold [0]:[0], [1,2]:[1],
    // [4]:[2,3], [5]:[5]: 2 strict, 4 lax of 4.
    const GOLD_B: &str = "[0]:[0,1]\n[1]:[2]\n";
    const PRED_B: &str = "[0]:[0]\n[]:[1]\n[1]:[2]\n";
    // Precision 1 strict ([1]:[2]), 2 lax (+[0]:[0]) of 3; recall 1 strict,
    // 2 lax of 2.

    fn links(text: &str) -> Vec<Link> {
        parse_links(text).unwrap()
    }

    #[test]
    fn hand_computed_example_matches_score_py() {
        let (ga, pa, gb, pb) = (links(GOLD_A), links(PRED_A), links(GOLD_B), links(PRED_B));
        let s = score(&[(&ga, &pa), (&gb, &pb)]);
        assert_eq!(s.precision_counts, Counts { beads: 10, strict: 4, lax: 7 });
        assert_eq!(s.recall_counts, Counts { beads: 6, strict: 3, lax: 6 });
        assert_eq!((s.precision_strict, s.recall_strict), (0.4, 0.5));
        assert_eq!((s.precision_lax, s.recall_lax), (0.7, 1.0));
        assert!((s.f1_strict - 0.4 / 0.9).abs() < 1e-12);
        assert!((s.f1_lax - 1.4 / 1.7).abs() < 1e-12);
        // `python3 score.py a.gold a.align b.gold b.align` on these files:
        assert_eq!(
            s.to_json(),
            r#"{"precision_strict": 0.4, "recall_strict": 0.5, "f1_strict": 0.4444, "precision_lax": 0.7, "recall_lax": 1.0, "f1_lax": 0.8235}"#
        );
        assert_eq!(s.to_string(), "strict  P 0.4000  R 0.5000  F1 0.4444\nlax     P 0.7000  R 1.0000  F1 0.8235");
        // Micro, not macro: document A alone gives other figures.
        let a = score(&[(&ga, &pa)]);
        assert_eq!(
            a.to_json(),
            r#"{"precision_strict": 0.4286, "recall_strict": 0.5, "f1_strict": 0.4615, "precision_lax": 0.7143, "recall_lax": 1.0, "f1_lax": 0.8333}"#
        );
    }

    #[test]
    fn perfect_and_empty_predictions() {
        let gold = links(GOLD_A);
        let perfect = score(&[(&gold, &gold)]);
        assert_eq!(perfect.figures().map(|(_, x)| x), [1.0; 6]);
        // Nothing predicted: every division is by zero or gives zero.
        let none = score(&[(&gold, &[])]);
        assert_eq!(none.figures().map(|(_, x)| x), [0.0; 6]);
        assert_eq!(
            none.to_json(),
            r#"{"precision_strict": 0.0, "recall_strict": 0.0, "f1_strict": 0.0, "precision_lax": 0.0, "recall_lax": 0.0, "f1_lax": 0.0}"#
        );
        assert_eq!(score(&[]).figures().map(|(_, x)| x), [0.0; 6]);
    }

    #[test]
    fn empty_beads_are_ignored_and_order_within_a_side_matters() {
        let gold = links("[0,1]:[0]\n[]:[]\n");
        let pred = links("[1,0]:[0]\n[]:[]\n");
        let s = score(&[(&gold, &pred)]);
        // As in score.py, beads are compared as written: [1,0] is not [0,1].
        assert_eq!(s.precision_counts, Counts { beads: 1, strict: 0, lax: 1 });
        assert_eq!(s.recall_counts, Counts { beads: 1, strict: 0, lax: 1 });
    }

    #[test]
    fn four_decimals_rounds_like_python() {
        // Left: the float; right: `"%.4f" % round(x, 4)` in Python 3.
        let cases = [
            (0.03125, "0.0312"), // exact ties go to even…
            (0.09375, "0.0938"),
            (0.15625, "0.1562"),
            (0.71875, "0.7188"),
            (0.12345, "0.1235"), // …near-ties go by the exact binary value:
            (0.66665, "0.6666"), // 0.12345 is stored a little above, 0.66665 below
            (0.99995, "1.0000"),
            (0.00005, "0.0001"),
            (1.0 / 3.0, "0.3333"),
            (0.0, "0.0000"),
        ];
        for (x, python) in cases {
            assert_eq!(four_decimals(x), python, "{x}");
        }
    }
}
