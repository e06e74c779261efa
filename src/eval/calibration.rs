//! Whether the scores of predicted beads mean what they say: a bead scored
//! 0.8 should be right four times in five, and the wrong beads should be
//! the ones scored lowest, where a user reviewing an alignment looks first.

use std::fmt;

use super::metric::bead_set;
use crate::formats::Link;

/// How well bead scores predict strict correctness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// Expected calibration error: over ten equal-width score bins, the
    /// distance between the bin's mean score and the share of its beads
    /// that are right, weighted by the share of beads in the bin. 0 is
    /// perfect.
    pub ece: f64,
    /// The share of the wrong beads that are among the lowest-scored tenth
    /// of the beads (0 when no bead is wrong). 1 means a reviewer who reads
    /// the lowest-scored tenth finds every error.
    pub wrong_in_lowest_tenth: f64,
    /// The share of the wrong beads that are in an error the lowest-scored
    /// tenth touches. An error is a run of consecutive wrong beads of one
    /// document: a misplaced boundary makes the beads on both sides of it
    /// wrong, and a reviewer who finds one of them mends them together.
    /// So this is what a reviewer who reads the lowest-scored tenth, and
    /// mends each error found there, corrects.
    pub wrong_in_errors_touched: f64,
    /// The same share for the first tenth of the review queue
    /// ([`crate::review::queue`]) in place of the lowest-scored tenth, when
    /// the queue is known.
    pub wrong_in_errors_queue_touches: Option<f64>,
    /// Scored beads that are not in the gold.
    pub wrong: usize,
    /// Scored beads judged.
    pub beads: usize,
}

/// The number of equal-width score bins of the calibration error.
const BINS: usize = 10;

/// Measures the calibration of the scored predicted beads of `pairs`, one
/// `(gold, prediction)` pair per document.
///
/// A bead is right when the identical bead is in the gold (a strict hit in
/// the sense of [`score`](super::score)). Beads without a score and empty
/// `[]:[]` beads are skipped; beads are pooled over all documents (micro
/// average). Unlike the metric, the calibration does not merge a bead
/// listed twice: each listing carries a score of its own.
///
/// The score bins are [0, 0.1), [0.1, 0.2), …, [0.9, 1.0]; a score outside
/// [0, 1] counts in the nearest bin. The lowest-scored tenth is the
/// ⌈n/10⌉ beads of lowest score; among equal scores, the earlier bead (in
/// document order, then file order) counts as lower.
pub fn calibration(pairs: &[(&[Link], &[Link])]) -> Calibration {
    let (judged, document_starts, _) = judge(pairs);
    let beads = judged.len();

    // Per bin: beads, sum of their scores, beads right.
    let mut bins = [(0usize, 0.0f64, 0usize); BINS];
    for &(score, right) in &judged {
        let bin = &mut bins[bin_of(score)];
        bin.0 += 1;
        bin.1 += score;
        bin.2 += usize::from(right);
    }
    let ece = bins
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, sum, right)| {
            let n = n as f64;
            n / beads as f64 * (sum / n - right as f64 / n).abs()
        })
        .sum();

    let wrong = judged.iter().filter(|(_, right)| !right).count();
    // A stable sort, so that among equal scores the earlier bead is lower.
    let mut by_score: Vec<usize> = (0..beads).collect();
    by_score.sort_by(|&a, &b| judged[a].0.total_cmp(&judged[b].0));
    let lowest = first_tenth(&by_score, beads);
    let wrong_low = (0..beads).filter(|&k| lowest[k] && !judged[k].1).count();
    let share = |n: usize| if wrong == 0 { 0.0 } else { n as f64 / wrong as f64 };

    Calibration {
        ece,
        wrong_in_lowest_tenth: share(wrong_low),
        wrong_in_errors_touched: share(wrong_touched(&judged, &document_starts, &lowest)),
        wrong_in_errors_queue_touches: None,
        wrong,
        beads,
    }
}

impl Calibration {
    /// Adds the share of the wrong beads in the errors that the first tenth
    /// of `queue` touches: `queue` lists the beads of `pairs` (the same as
    /// for [`calibration`]) as (document, bead), bead an index into the
    /// document's predicted links; beads it does not list, and links
    /// [`calibration`] skips, are not read.
    pub fn with_queue(self, pairs: &[(&[Link], &[Link])], queue: &[(usize, usize)]) -> Calibration {
        let (judged, document_starts, judged_index) = judge(pairs);
        let queued: Vec<usize> =
            queue.iter().filter_map(|&(d, k)| judged_index.get(d)?.get(k).copied().flatten()).collect();
        let first = first_tenth(&queued, judged.len());
        let wrong = judged.iter().filter(|(_, right)| !right).count();
        let touched = wrong_touched(&judged, &document_starts, &first);
        Calibration {
            wrong_in_errors_queue_touches: Some(if wrong == 0 { 0.0 } else { touched as f64 / wrong as f64 }),
            ..self
        }
    }
}

/// (score, right) of each scored bead of `pairs`, in document and file
/// order; where each document's beads start; and for each document's links
/// the index of its judged bead, `None` for a link not judged.
#[allow(clippy::type_complexity)]
fn judge(pairs: &[(&[Link], &[Link])]) -> (Vec<(f64, bool)>, Vec<usize>, Vec<Vec<Option<usize>>>) {
    let mut judged: Vec<(f64, bool)> = Vec::new();
    let mut document_starts = Vec::new();
    let mut index = Vec::new();
    for &(gold, predicted) in pairs {
        document_starts.push(judged.len());
        let gold = bead_set(gold);
        index.push(
            predicted
                .iter()
                .map(|l| {
                    let score = l.score.filter(|_| !l.is_empty())?;
                    judged.push((score, gold.contains(&l.ids())));
                    Some(judged.len() - 1)
                })
                .collect(),
        );
    }
    (judged, document_starts, index)
}

/// Marks the first ⌈n/10⌉ beads of `order` among `n`.
fn first_tenth(order: &[usize], n: usize) -> Vec<bool> {
    let mut first = vec![false; n];
    for &k in order.iter().take(n.div_ceil(10)) {
        first[k] = true;
    }
    first
}

/// The wrong beads in the errors of which a bead is `marked`.
fn wrong_touched(judged: &[(f64, bool)], document_starts: &[usize], marked: &[bool]) -> usize {
    errors(judged, document_starts).filter(|run| run.clone().any(|k| marked[k])).map(|run| run.len()).sum()
}

/// The errors: runs of consecutive wrong beads, none crossing from one
/// document (starting at `document_starts`) into the next.
fn errors<'a>(
    judged: &'a [(f64, bool)],
    document_starts: &'a [usize],
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut k = 0;
    std::iter::from_fn(move || {
        while k < judged.len() && judged[k].1 {
            k += 1;
        }
        if k == judged.len() {
            return None;
        }
        let start = k;
        k += 1;
        while k < judged.len() && !judged[k].1 && !document_starts.contains(&k) {
            k += 1;
        }
        Some(start..k)
    })
}

/// The bin of a score. Comparing with the edges k/10 as floats puts the
/// score 0.3 (that is, the float nearest 0.3) in [0.3, 0.4), where
/// `(score * 10.0) as usize` could land it one bin lower.
fn bin_of(score: f64) -> usize {
    (1..BINS).filter(|&k| score >= k as f64 / BINS as f64).count()
}

impl fmt::Display for Calibration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ECE {:.4}; {:.1} % of the {} wrong of {} scored beads are in the lowest-scored tenth, {:.1} % in the errors it touches",
            self.ece,
            100.0 * self.wrong_in_lowest_tenth,
            self.wrong,
            self.beads,
            100.0 * self.wrong_in_errors_touched
        )?;
        if let Some(queue) = self.wrong_in_errors_queue_touches {
            write!(f, "; {:.1} % in the errors the first tenth of the review queue touches", 100.0 * queue)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::parse_links;

    #[test]
    fn hand_computed_example() {
        let gold_1: String = (0..12).map(|i| format!("[{i}]:[{i}]\n")).collect();
        // Bead, score, right?, bin.
        let pred_1 = "\
[0]:[0]:0.95
[1]:[1]:0.92
[2]:[2]:0.15
[3]:[4]:0.90
[4]:[4]:0.75
[5]:[6]:0.05
[6]:[6]:0.72
[7]:[8]:0.15
[8]:[8]:1.0
[]:[9]:0.60
[10]:[10]:0.85
[11]:[11]
[]:[]:0.5
";
        // right 9, 9, 1; wrong 9; right 7; wrong 0; right 7; wrong 1;
        // right 9; wrong 6; right 8; then no score, then empty: skipped.
        let (gold_2, pred_2) = ("[0]:[1]\n", "[0]:[0]:0.45\n"); // wrong, bin 4
        let (g1, p1, g2, p2) = (
            parse_links(&gold_1).unwrap(),
            parse_links(pred_1).unwrap(),
            parse_links(gold_2).unwrap(),
            parse_links(pred_2).unwrap(),
        );
        let c = calibration(&[(&g1, &p1), (&g2, &p2)]);
        assert_eq!((c.beads, c.wrong), (12, 5));
        // |mean score - accuracy| × beads, per bin:
        // 0: .05×1, 1: |.15-.5|×2, 4: .45×1, 6: .6×1, 7: |.735-1|×2,
        // 8: .15×1, 9: |.9425-.75|×4; sum 3.25, over 12 beads.
        assert!((c.ece - 3.25 / 12.0).abs() < 1e-12, "{}", c.ece);
        // ⌈12/10⌉ = 2 lowest: [5]:[6] (0.05, wrong) and, of the two beads
        // scored 0.15, the earlier [2]:[2] (right): 1 of the 5 wrong.
        assert_eq!(c.wrong_in_lowest_tenth, 0.2);
        // No two wrong beads follow each other: each error is one bead.
        assert_eq!(c.wrong_in_errors_touched, 0.2);
        assert_eq!(
            c.to_string(),
            "ECE 0.2708; 20.0 % of the 5 wrong of 12 scored beads are in the lowest-scored tenth, 20.0 % in the errors it touches"
        );
    }

    /// A document with a misplaced boundary — [0]:[0] and [1]:[1,2] are one
    /// error of two beads — and a last bead wrong too, an error of its own:
    /// gold and prediction.
    fn two_errors() -> (Vec<Link>, Vec<Link>) {
        let gold = parse_links("[0]:[0,1]\n[1]:[2]\n[2]:[3]\n[3]:[4]\n[4]:[5]\n").unwrap();
        let pred = parse_links("[0]:[0]:0.9\n[1]:[1,2]:0.5\n[2]:[3]:0.9\n[3]:[4]:0.9\n[4]:[5,6]:0.95\n").unwrap();
        (gold, pred)
    }

    #[test]
    fn an_error_is_a_run_of_wrong_beads_within_one_document() {
        let (gold_1, pred_1) = two_errors();
        // The next document's first bead is wrong and the lowest-scored:
        // its error does not reach back into the first document.
        let gold_2 = parse_links("[0]:[1]\n").unwrap();
        let pred_2 = parse_links("[0]:[0]:0.1\n").unwrap();
        let c = calibration(&[(&gold_1, &pred_1), (&gold_2, &pred_2)]);
        assert_eq!((c.beads, c.wrong), (6, 4));
        assert_eq!(c.wrong_in_lowest_tenth, 0.25);
        assert_eq!(c.wrong_in_errors_touched, 0.25);

        // With [1]:[1,2] the lowest instead, its whole error is touched.
        let pred_2 = parse_links("[0]:[0]:0.6\n").unwrap();
        let c = calibration(&[(&gold_1, &pred_1), (&gold_2, &pred_2)]);
        assert_eq!(c.wrong_in_lowest_tenth, 0.25);
        assert_eq!(c.wrong_in_errors_touched, 0.5);
    }

    #[test]
    fn the_review_queue_is_measured_as_the_lowest_tenth_is() {
        let (gold_1, pred_1) = two_errors();
        // An unscored link is not judged, nor read where the queue lists it.
        let gold_2 = parse_links("[0]:[0]\n[1]:[1]\n").unwrap();
        let pred_2 = parse_links("[0]:[0]\n[1]:[1]:0.1\n").unwrap();
        let pairs = [(gold_1.as_slice(), pred_1.as_slice()), (gold_2.as_slice(), pred_2.as_slice())];
        let c = calibration(&pairs);
        assert_eq!((c.beads, c.wrong, c.wrong_in_errors_queue_touches), (6, 3, None));
        // The lowest-scored bead is right; a queue that puts bead 0 of the
        // first document first touches the error of two of the three.
        assert_eq!(c.wrong_in_errors_touched, 0.0);
        let queued = c.with_queue(&pairs, &[(1, 0), (0, 0), (1, 1), (0, 1)]);
        assert_eq!(queued.wrong_in_errors_queue_touches, Some(2.0 / 3.0));
        assert_eq!(Calibration { wrong_in_errors_queue_touches: None, ..queued }, c);
        assert!(queued.to_string().ends_with("; 66.7 % in the errors the first tenth of the review queue touches"));
    }

    #[test]
    fn perfect_scores_and_nothing_to_judge() {
        let gold = parse_links("[0]:[0]\n[1]:[1]\n").unwrap();
        let pred = parse_links("[0]:[0]:1.0\n[1]:[1]:1.0\n").unwrap();
        let c = calibration(&[(&gold, &pred)]);
        assert_eq!(
            c,
            Calibration {
                ece: 0.0,
                wrong_in_lowest_tenth: 0.0,
                wrong_in_errors_touched: 0.0,
                wrong_in_errors_queue_touches: None,
                wrong: 0,
                beads: 2
            }
        );
        let unscored = parse_links("[0]:[0]\n").unwrap();
        let c = calibration(&[(&gold, &unscored)]);
        assert_eq!(
            c,
            Calibration {
                ece: 0.0,
                wrong_in_lowest_tenth: 0.0,
                wrong_in_errors_touched: 0.0,
                wrong_in_errors_queue_touches: None,
                wrong: 0,
                beads: 0
            }
        );
    }

    #[test]
    fn bins_include_their_lower_edge() {
        let edges: Vec<usize> = [0.0, 0.1, 0.3, 0.6, 0.7, 0.9, 1.0, 0.0999, 1.5, -0.2].map(bin_of).to_vec();
        assert_eq!(edges, vec![0, 1, 3, 6, 7, 9, 9, 0, 9, 0]);
        for k in 0..10 {
            assert_eq!(bin_of(k as f64 / 10.0), k);
        }
    }
}
