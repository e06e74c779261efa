//! The review queue: the beads in the order a person should read them, so
//! that the errors are met first.
//!
//! An error is a run of consecutive wrong beads (a misplaced boundary makes
//! the beads on both sides of it wrong) and a reviewer who finds one of its
//! beads mends all of them. So the queue does not simply take the beads by
//! ascending score: it weighs, beside the score, what else tells of an error
//! (sentences nothing ties to the other side, a neighbour's, a length far
//! from the fit, a deletion, a rival bead or boundary the lattice almost
//! chose), and it does not spend its first places on the neighbours of a
//! bead already queued, which are most often the same error. The weights are
//! `queue.tsv`, fitted by `scripts/fit_queue.py` on the tables
//! `eval --set DIR --dump-beads FILE` writes.

use std::sync::OnceLock;

use crate::align::{Bead, BeadScore, Expected, Scored};
use crate::evidence::length::{gale_church_z, key_length, length};
use crate::input::key;

use super::{BeadMark, Flag, PairRun, Review, Status};
use crate::evidence::support::Support;
use crate::segment::Sentence;

/// What the queue knows of one bead.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    /// The calibrated score.
    pub score: f64,
    /// The posterior under the model, before calibration.
    pub posterior: f64,
    /// Sentences on the source side and the target side.
    pub shape: (usize, usize),
    /// The least support ([`crate::evidence::support::SentenceSupport::strength`])
    /// of the bead's sentences; 0 for a one-sided bead.
    pub support: f64,
    /// The bead's length residual under the pair's fitted ratio and
    /// variance, as the length model computes it.
    pub length_z: f64,
    /// The posterior of the bead's start boundary and of its end boundary:
    /// the probability that some bead of the lattice ends there.
    pub boundaries: (f64, f64),
    /// The largest posterior of another bead of the lattice that shares a
    /// sentence with this one.
    pub rival: f64,
}

impl QueueItem {
    /// The items of the path `beads`, with the lattice's `expected` beads,
    /// the sentences' `support`, and the pair's fitted length `ratio` and
    /// `variance`.
    pub fn for_beads(
        beads: &Scored<BeadScore>,
        expected: &[Expected],
        support: &Support,
        (src, tgt): (&[Sentence], &[Sentence]),
        (ratio, variance): (f64, f64),
    ) -> Vec<QueueItem> {
        let path = beads.alignment().beads();
        let mut ends = std::collections::HashMap::new();
        for e in expected {
            *ends.entry((e.bead.src.end, e.bead.tgt.end)).or_insert(0.0) += e.posterior;
        }
        let boundary =
            |at: (usize, usize)| if at == (0, 0) { 1.0 } else { ends.get(&at).copied().unwrap_or(0.0f64).min(1.0) };
        let rivals = rivals(path, expected, src.len(), tgt.len());
        beads
            .iter()
            .enumerate()
            .map(|(k, (b, score))| {
                let strengths =
                    b.src.clone().map(|i| support.src.get(i)).chain(b.tgt.clone().map(|j| support.tgt.get(j)));
                let least = strengths.map(|s| s.map_or(0.0, |s| s.strength())).fold(f64::INFINITY, f64::min);
                let one_sided = b.src.is_empty() || b.tgt.is_empty();
                let a: f64 = src[b.src.clone()].iter().map(length).sum();
                let t: f64 = tgt[b.tgt.clone()].iter().map(length).sum::<f64>() / ratio;
                QueueItem {
                    score: score.confidence.get(),
                    posterior: score.posterior.get(),
                    shape: (b.src.len(), b.tgt.len()),
                    support: if one_sided { 0.0 } else { least },
                    length_z: gale_church_z(a, t, variance),
                    boundaries: (boundary((b.src.start, b.tgt.start)), boundary((b.src.end, b.tgt.end))),
                    rival: rivals[k],
                }
            })
            .collect()
    }
}

/// Per path bead, the largest posterior of another lattice bead sharing a
/// sentence with it.
fn rivals(beads: &[Bead], expected: &[Expected], n_src: usize, n_tgt: usize) -> Vec<f64> {
    let (mut of_src, mut of_tgt) = (vec![0; n_src], vec![0; n_tgt]);
    for (k, b) in beads.iter().enumerate() {
        b.src.clone().for_each(|i| of_src[i] = k);
        b.tgt.clone().for_each(|j| of_tgt[j] = k);
    }
    let mut rival = vec![0.0f64; beads.len()];
    for e in expected {
        let mut touched: Vec<usize> =
            e.bead.src.clone().map(|i| of_src[i]).chain(e.bead.tgt.clone().map(|j| of_tgt[j])).collect();
        touched.dedup();
        for k in touched {
            if beads[k] != e.bead {
                rival[k] = rival[k].max(e.posterior);
            }
        }
    }
    rival
}

/// The names of the queue's features, as `queue.tsv` and the bead dump name
/// them; each bead's risk is their weighted sum.
pub const FEATURES: [&str; 8] = [
    "doubt",
    "unsupported",
    "length",
    "deletion",
    "neighbour_unsupported",
    "rival",
    "boundary_doubt",
    "not_one_to_one",
];

/// The weight of `queue.tsv` that is not a feature's: how many beads on each
/// side of a queued bead wait until every bead farther away has been queued.
const DEFERRED: &str = "deferred_neighbours";

/// A deletion of a long sentence has |z| of 5 to 10 whether it is right
/// (FLORES drops whole sentences) or wrong: beyond this the length tells no
/// more.
const LENGTH_CAP: f64 = 4.0;

/// Scores are kept this far from 0 and 1 before taking their log-odds.
const SCORE_MARGIN: f64 = 1e-4;

/// The fitted weights of the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueWeights {
    weights: [f64; FEATURES.len()],
    deferred: usize,
}

impl QueueWeights {
    /// The weights shipped in `queue.tsv`.
    pub fn fitted() -> &'static QueueWeights {
        static FITTED: OnceLock<QueueWeights> = OnceLock::new();
        FITTED
            .get_or_init(|| QueueWeights::parse(include_str!("queue.tsv")).expect("queue.tsv names every weight once"))
    }

    /// Reads `name<TAB>value` lines ([`crate::weights`]): a weight for every
    /// feature and `deferred_neighbours`, a whole number.
    pub fn parse(text: &str) -> Result<QueueWeights, String> {
        let names: Vec<&str> = FEATURES.iter().copied().chain([DEFERRED]).collect();
        let values = crate::weights::named_values(text, &names)?;
        let deferred = values[FEATURES.len()];
        if deferred < 0.0 || deferred.fract() != 0.0 {
            return Err(format!("{DEFERRED} must be a whole number of beads, not {deferred}"));
        }
        let weights = values[..FEATURES.len()].try_into().expect("one value per feature");
        Ok(QueueWeights { weights, deferred: deferred as usize })
    }
}

/// The feature values of each bead of one document, in the order of
/// [`FEATURES`].
pub fn features(items: &[QueueItem]) -> Vec<[f64; FEATURES.len()]> {
    let unsupported: Vec<f64> = items.iter().map(unsupported).collect();
    let neighbour = |k: usize, d: isize| k.checked_add_signed(d).and_then(|j| unsupported.get(j)).copied();
    items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let flag = |x: bool| if x { 1.0 } else { 0.0 };
            let score = item.score.clamp(SCORE_MARGIN, 1.0 - SCORE_MARGIN);
            let deletion = item.shape.0 == 0 || item.shape.1 == 0;
            [
                (1.0 - score).ln() - score.ln(),
                unsupported[k],
                item.length_z.abs().min(LENGTH_CAP),
                flag(deletion),
                neighbour(k, -1).unwrap_or(0.0).max(neighbour(k, 1).unwrap_or(0.0)),
                item.rival,
                1.0 - item.boundaries.0.min(item.boundaries.1),
                flag(item.shape != (1, 1)),
            ]
        })
        .collect()
}

/// How little ties the bead's sentences to each other; 0 for a one-sided
/// bead, which has nothing to be tied to (its doubt is the deletion's).
fn unsupported(item: &QueueItem) -> f64 {
    if item.shape.0 == 0 || item.shape.1 == 0 {
        0.0
    } else {
        1.0 - item.support
    }
}

/// Each bead's risk: its features ([`features`]) weighed.
pub fn risks(items: &[QueueItem], weights: &QueueWeights) -> Vec<f64> {
    features(items).iter().map(|x| x.iter().zip(&weights.weights).map(|(x, w)| x * w).sum()).collect()
}

/// The review queue of `documents` (each its beads in order): every bead,
/// as (document, bead), most likely to be in an error first.
///
/// Beads are taken by descending risk (equal risks in document order), but
/// a bead within `deferred_neighbours` beads of one already taken in the same
/// document waits: the deferred beads follow all the others, by risk.
pub fn order(documents: &[&[QueueItem]], weights: &QueueWeights) -> Vec<(usize, usize)> {
    let risks: Vec<Vec<Option<f64>>> =
        documents.iter().map(|items| risks(items, weights).into_iter().map(Some).collect()).collect();
    ranked(&risks, weights.deferred)
}

/// The review queue of a review: the indices of its rows still `auto`, most
/// likely to hold an error first, as [`order`] ranks beads; a row is as
/// risky as its riskiest bead, and rows a person confirmed neither enter
/// the queue nor defer their neighbours.
///
/// A review keeps of each bead its score, shape, flags and texts, but not
/// the lattice of the run: the rival beads and boundary posteriors count as
/// certain, and a bead's sentences as supported unless it is flagged
/// [`Flag::Unsupported`].
pub fn queue(review: &Review) -> Vec<usize> {
    let weights = QueueWeights::fitted();
    let pivot = &review.pivot().sentences;
    let bead_risks: Vec<Vec<f64>> = review
        .pairs
        .iter()
        .enumerate()
        .map(|(k, pair)| {
            let other = &review.other(k).sentences;
            let items: Vec<QueueItem> = pair
                .alignment
                .beads()
                .map(|(bead, mark)| QueueItem::of_mark(bead, mark, (pivot, other), &pair.run))
                .collect();
            // The run's measure where it is kept, what the mark tells elsewhere.
            let marks = pair.alignment.marks();
            risks(&items, weights).into_iter().zip(marks).map(|(r, m)| m.risk.unwrap_or(r)).collect()
        })
        .collect();
    let row_risks: Vec<Option<f64>> = review
        .spans()
        .iter()
        .zip(review.rows())
        .map(|(span, row)| {
            let beads = span.beads.iter().enumerate().flat_map(|(k, beads)| beads.clone().map(move |b| (k, b)));
            let risk = beads.map(|(k, b)| bead_risks[k][b]).fold(f64::NEG_INFINITY, f64::max);
            (row.status == Status::Auto).then_some(risk)
        })
        .collect();
    ranked(&[row_risks], weights.deferred).into_iter().map(|(_, row)| row).collect()
}

impl QueueItem {
    /// What a review tells of a bead (see [`queue`]).
    fn of_mark(bead: &Bead, mark: &BeadMark, (pivot, other): (&[String], &[String]), run: &PairRun) -> QueueItem {
        let length = |texts: &[String]| texts.iter().map(|t| key_length(&key(t))).sum::<f64>();
        let fitted = run.length_ratio > 0.0 && run.length_variance > 0.0;
        let length_z = if fitted {
            let b = length(&other[bead.tgt.clone()]) / run.length_ratio;
            gale_church_z(length(&pivot[bead.src.clone()]), b, run.length_variance)
        } else {
            0.0
        };
        QueueItem {
            score: mark.score,
            posterior: mark.score,
            shape: (bead.src.len(), bead.tgt.len()),
            support: if mark.flags.contains(Flag::Unsupported) { 0.0 } else { 1.0 },
            length_z,
            boundaries: (1.0, 1.0),
            rival: 0.0,
        }
    }
}

/// Orders the positions of each document by descending risk, deferring the
/// neighbours of each position taken (see [`order`]); positions without a
/// risk are left out and defer nothing.
fn ranked(risks: &[Vec<Option<f64>>], deferred: usize) -> Vec<(usize, usize)> {
    let mut positions: Vec<(usize, usize, f64)> = risks
        .iter()
        .enumerate()
        .flat_map(|(d, r)| r.iter().enumerate().filter_map(move |(k, risk)| Some((d, k, (*risk)?))))
        .collect();
    // A stable sort keeps equal risks in document order.
    positions.sort_by(|a, b| b.2.total_cmp(&a.2));
    let mut waiting: Vec<Vec<bool>> = risks.iter().map(|r| vec![false; r.len()]).collect();
    let (mut first, mut later) = (Vec::with_capacity(positions.len()), Vec::new());
    for (d, k, _) in positions {
        if waiting[d][k] {
            later.push((d, k));
            continue;
        }
        first.push((d, k));
        let near = k.saturating_sub(deferred)..(k + deferred + 1).min(waiting[d].len());
        waiting[d][near].iter_mut().for_each(|x| *x = true);
    }
    first.extend(later);
    first
}

/// Each row's rank in `queue` (1 first), `None` for a row not in it.
pub fn ranks(queue: &[usize], rows: usize) -> Vec<Option<usize>> {
    let mut ranks = vec![None; rows];
    for (k, &row) in queue.iter().enumerate() {
        ranks[row] = Some(k + 1);
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(score: f64, shape: (usize, usize)) -> QueueItem {
        QueueItem { score, posterior: score, shape, support: 1.0, length_z: 0.0, boundaries: (1.0, 1.0), rival: 0.0 }
    }

    fn by_score(deferred: usize) -> QueueWeights {
        let mut text = format!("{DEFERRED}\t{deferred}\n");
        for (k, name) in FEATURES.iter().enumerate() {
            text += &format!("{name}\t{}\n", if k == 0 { 1.0 } else { 0.0 });
        }
        QueueWeights::parse(&text).unwrap()
    }

    #[test]
    fn the_shipped_weights_parse() {
        let w = QueueWeights::fitted();
        assert!(w.weights.iter().all(|x| x.is_finite()));
    }

    #[test]
    fn a_fraction_of_a_bead_or_a_missing_weight_is_refused() {
        let text: String = FEATURES.iter().map(|n| format!("{n}\t1\n")).collect();
        assert!(QueueWeights::parse(&text).unwrap_err().contains(DEFERRED));
        assert!(QueueWeights::parse(&format!("{text}{DEFERRED}\t1.5\n")).unwrap_err().contains("whole number"));
        assert!(QueueWeights::parse(&format!("{text}{DEFERRED}\t-1\n")).is_err());
        assert_eq!(QueueWeights::parse(&format!("{text}{DEFERRED}\t2\n")).unwrap().deferred, 2);
    }

    #[test]
    fn without_deferring_the_queue_is_the_beads_by_score_and_ties_keep_document_order() {
        let doc = [item(0.9, (1, 1)), item(0.2, (2, 1)), item(0.9, (1, 1)), item(0.5, (1, 0))];
        let other = [item(0.3, (1, 1))];
        assert_eq!(order(&[&doc, &other], &by_score(0)), vec![(0, 1), (1, 0), (0, 3), (0, 0), (0, 2)]);
    }

    #[test]
    fn neighbours_of_a_queued_bead_wait_but_not_across_documents() {
        // Beads 1 and 2 are one error in all likelihood; bead 5 is another.
        let doc = [
            item(0.9, (1, 1)),
            item(0.1, (1, 1)),
            item(0.2, (1, 1)),
            item(0.95, (1, 1)),
            item(0.9, (1, 1)),
            item(0.4, (1, 1)),
        ];
        let other = [item(0.15, (1, 1))];
        let queue = order(&[&doc, &other], &by_score(1));
        assert_eq!(queue[..4], [(0, 1), (1, 0), (0, 5), (0, 3)]);
        // Then the deferred ones, by score: 2, 0, 4.
        assert_eq!(queue[4..], [(0, 2), (0, 0), (0, 4)]);
        let mut all = queue.clone();
        all.sort();
        assert_eq!(all, vec![(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 0)]);
    }

    #[test]
    fn a_review_queues_its_auto_rows_by_risk_deferring_neighbours() {
        let mut r = crate::review::testing::review(&[&[(1, 1); 9]]);
        let marks = r.pairs[0].alignment.marks_mut();
        for (k, score) in [(2, 0.2), (3, 0.3), (7, 0.4)] {
            marks[k].score = score;
        }
        // Row 7 comes second though row 3 scores lower: 3 is within three
        // rows of 2, most likely the same error.
        assert_eq!(queue(&r), vec![2, 7, 3, 0, 1, 4, 5, 6, 8]);
        // A confirmed row leaves the queue and defers nothing. An
        // unsupported sentence raises its row above its equals, and its
        // neighbour's more: the sentence most often belongs there.
        let marks = r.pairs[0].alignment.marks_mut();
        marks[2].status = Status::Confirmed;
        marks[0].flags.insert(Flag::Unsupported);
        assert_eq!(queue(&r), vec![3, 7, 1, 0, 4, 5, 6, 8]);
    }

    proptest::proptest! {
        /// The queue lists every bead once, the riskiest first.
        #[test]
        fn the_queue_is_a_permutation_led_by_the_riskiest_bead(
            documents in proptest::collection::vec(proptest::collection::vec(0.001f64..1.0, 0..12), 1..4),
            deferred in 0usize..4,
        ) {
            let items: Vec<Vec<QueueItem>> =
                documents.iter().map(|d| d.iter().map(|&s| item(s, (1, 1))).collect()).collect();
            let slices: Vec<&[QueueItem]> = items.iter().map(Vec::as_slice).collect();
            let queue = order(&slices, &by_score(deferred));
            let mut all = queue.clone();
            all.sort();
            let expected: Vec<(usize, usize)> =
                documents.iter().enumerate().flat_map(|(d, b)| (0..b.len()).map(move |k| (d, k))).collect();
            proptest::prop_assert_eq!(all, expected);
            if let Some(&(d, k)) = queue.first() {
                let least = documents.iter().flatten().fold(f64::INFINITY, |a, &b| a.min(b));
                proptest::prop_assert_eq!(documents[d][k], least);
            }
        }
    }

    #[test]
    fn features_read_the_bead_and_its_neighbours() {
        let mut a = item(0.5, (2, 1));
        a.support = 0.25;
        a.length_z = -9.0;
        a.boundaries = (0.9, 0.7);
        a.rival = 0.3;
        let mut b = item(0.5, (1, 0));
        b.support = 0.0;
        let x = features(&[a, b, item(0.5, (1, 1))]);
        assert_eq!(x[0], [0.0, 0.75, LENGTH_CAP, 0.0, 0.0, 0.3, 1.0 - 0.7, 1.0]);
        // A deletion has nothing to be tied to: no unsupported sentence.
        assert_eq!(x[1][1..5], [0.0, 0.0, 1.0, 0.75]);
        assert_eq!(x[2][4], 0.0);
    }
}
