//! Stage 5: join several alignments that share a pivot (English–Russian and
//! English–Chinese) into one table of rows.
//!
//! A row groups pivot sentences with the sentences of every other language
//! aligned to them. Where two pairings split the pivot differently (the
//! Russian joins pivot sentences 3 and 4 in one bead, the Chinese keeps
//! them apart), the row takes the union, so that every sentence of every
//! language appears in exactly one row, in order. Sentences inserted in a
//! translation (no pivot counterpart) get rows with an empty pivot side when
//! they fall between rows, and join the row around them otherwise.

use std::ops::Range;

use crate::align::{Alignment, Bead};

/// One row of the joined table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub pivot: Range<usize>,
    /// Per other language (in the order given to [`join`]): its sentences.
    pub others: Vec<Range<usize>>,
    /// Per other language: the probability that its part of the row is right
    /// (the product of its beads' scores), `None` where the language has no
    /// bead in this row.
    pub scores: Vec<Option<f64>>,
    /// True when the row merges beads of some pairing, because the pairings
    /// split the pivot differently.
    pub merged: bool,
}

/// Joins alignments that all have the pivot as their source side; `scores[k]`
/// are the bead scores of `alignments[k]`.
///
/// # Panics
/// If the alignments do not all have the same number of pivot sentences.
pub fn join(alignments: &[(&Alignment, &[f64])]) -> Vec<Row> {
    let Some(n) = alignments.first().map(|(a, _)| a.n_src()) else {
        return Vec::new();
    };
    assert!(alignments.iter().all(|(a, _)| a.n_src() == n), "joined alignments share the pivot");
    let mut cursors: Vec<Cursor> =
        alignments.iter().map(|(a, s)| Cursor { beads: a.beads(), scores: s, next: 0 }).collect();
    let mut rows = Vec::new();
    let mut p = 0;
    loop {
        // Insertions at pivot position p, before any bead that starts there.
        let inserted: Vec<Taken> =
            cursors.iter_mut().map(|c| c.take_while(|b| b.src.is_empty() && b.src.start == p)).collect();
        if inserted.iter().any(|t| t.count > 0) {
            rows.push(Row::from_taken(p..p, inserted));
        }
        if p == n {
            break;
        }
        // Grow the row until every pairing has a bead boundary at its end.
        let mut taken: Vec<Taken> = cursors.iter_mut().map(|c| c.take_first()).collect();
        loop {
            let end = taken.iter().map(|t| t.pivot_end).max().unwrap_or(p);
            let mut grew = false;
            for (c, t) in cursors.iter_mut().zip(&mut taken) {
                while t.pivot_end < end {
                    t.absorb(c.take_one());
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        let end = taken[0].pivot_end;
        rows.push(Row::from_taken(p..end, taken));
        p = end;
    }
    rows
}

struct Cursor<'a> {
    beads: &'a [Bead],
    scores: &'a [f64],
    next: usize,
}

/// Beads of one pairing gathered for a row.
struct Taken {
    count: usize,
    tgt: Option<Range<usize>>,
    /// Where the next target sentence would be, for an empty range.
    tgt_at: usize,
    pivot_end: usize,
    score: f64,
}

impl Cursor<'_> {
    fn empty(&self) -> Taken {
        let tgt_at =
            self.beads.get(self.next).map_or_else(|| self.beads.last().map_or(0, |b| b.tgt.end), |b| b.tgt.start);
        let pivot_end =
            self.beads.get(self.next).map_or_else(|| self.beads.last().map_or(0, |b| b.src.end), |b| b.src.start);
        Taken { count: 0, tgt: None, tgt_at, pivot_end, score: 1.0 }
    }

    fn take_one(&mut self) -> (Bead, f64) {
        let b = self.beads[self.next].clone();
        let s = self.scores[self.next];
        self.next += 1;
        (b, s)
    }

    fn take_while(&mut self, keep: impl Fn(&Bead) -> bool) -> Taken {
        let mut t = self.empty();
        while self.next < self.beads.len() && keep(&self.beads[self.next]) {
            t.absorb(self.take_one());
        }
        t
    }

    /// Takes the next bead, whatever it is, when there is one.
    fn take_first(&mut self) -> Taken {
        let mut t = self.empty();
        if self.next < self.beads.len() {
            t.absorb(self.take_one());
        }
        t
    }
}

impl Taken {
    fn absorb(&mut self, (bead, score): (Bead, f64)) {
        self.count += 1;
        self.score *= score;
        self.pivot_end = bead.src.end;
        self.tgt = Some(match self.tgt.take() {
            Some(r) => r.start..bead.tgt.end,
            None => bead.tgt.clone(),
        });
    }
}

impl Row {
    fn from_taken(pivot: Range<usize>, taken: Vec<Taken>) -> Row {
        let merged = taken.iter().any(|t| t.count > 1);
        let others = taken.iter().map(|t| t.tgt.clone().unwrap_or(t.tgt_at..t.tgt_at)).collect();
        let scores = taken.iter().map(|t| (t.count > 0).then_some(t.score)).collect();
        Row { pivot, others, scores, merged }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn alignment(beads: &[(Range<usize>, Range<usize>)]) -> Alignment {
        let beads: Vec<Bead> = beads.iter().map(|(s, t)| Bead::new(s.clone(), t.clone())).collect();
        let n = beads.last().map_or(0, |b| b.src.end);
        let m = beads.last().map_or(0, |b| b.tgt.end);
        Alignment::new(beads, n, m).unwrap()
    }

    #[test]
    fn rows_merge_where_pairings_split_the_pivot_differently() {
        // ru: 0-1 | 1..3-1 | 3-2,3 | ins ru 4 | 4-5
        let ru = alignment(&[(0..1, 0..1), (1..3, 1..2), (3..4, 2..4), (4..4, 4..5), (4..5, 5..6)]);
        // zh: 0-0 | 1-1 | 2..4 - 2 | 4 - (deleted)
        let zh = alignment(&[(0..1, 0..1), (1..2, 1..2), (2..4, 2..3), (4..5, 3..3)]);
        let (rs, zs) = (vec![0.9, 0.8, 0.7, 0.5, 0.6], vec![1.0, 0.5, 0.5, 0.4]);
        let rows = join(&[(&ru, &rs), (&zh, &zs)]);
        let got: Vec<_> = rows.iter().map(|r| (r.pivot.clone(), r.others.clone())).collect();
        assert_eq!(
            got,
            vec![
                (0..1, vec![0..1, 0..1]),
                (1..4, vec![1..4, 1..3]),
                (4..4, vec![4..5, 3..3]),
                (4..5, vec![5..6, 3..3]),
            ]
        );
        assert!(rows[1].merged && !rows[0].merged);
        assert_eq!(rows[1].scores[0], Some(0.8 * 0.7));
        assert_eq!(rows[2].scores, vec![Some(0.5), None]);
        assert_eq!(rows[3].scores, vec![Some(0.6), Some(0.4)]);
    }

    #[test]
    fn trailing_and_leading_insertions_get_their_own_rows() {
        let ru = alignment(&[(0..0, 0..1), (0..1, 1..2), (1..1, 2..3)]);
        let zh = alignment(&[(0..1, 0..1)]);
        let rows = join(&[(&ru, &[0.5, 0.9, 0.5]), (&zh, &[0.9])]);
        let got: Vec<_> = rows.iter().map(|r| (r.pivot.clone(), r.others.clone())).collect();
        assert_eq!(got, vec![(0..0, vec![0..1, 0..0]), (0..1, vec![1..2, 0..1]), (1..1, vec![2..3, 1..1])]);
    }

    /// A random alignment of `n` pivot sentences.
    fn arb_alignment(n: usize) -> impl Strategy<Value = Alignment> {
        prop::collection::vec((0usize..3, 0usize..3), 0..30).prop_map(move |steps| {
            let mut beads = Vec::new();
            let (mut i, mut j) = (0, 0);
            for (di, dj) in steps {
                let di = di.min(n - i);
                if di + dj == 0 {
                    continue;
                }
                beads.push(Bead::new(i..i + di, j..j + dj));
                i += di;
                j += dj;
            }
            if i < n {
                beads.push(Bead::new(i..n, j..j + 1));
                j += 1;
            }
            Alignment::new(beads, n, j).unwrap()
        })
    }

    proptest! {
        #[test]
        fn every_sentence_of_every_language_is_in_exactly_one_row(
            (ru, zh) in (1usize..12).prop_flat_map(|n| (arb_alignment(n), arb_alignment(n)))
        ) {
            let rs = vec![0.5; ru.beads().len()];
            let zs = vec![0.5; zh.beads().len()];
            let rows = join(&[(&ru, &rs), (&zh, &zs)]);
            let mut next = (0, 0, 0);
            for r in &rows {
                prop_assert_eq!(r.pivot.start, next.0);
                prop_assert_eq!(r.others[0].start, next.1);
                prop_assert_eq!(r.others[1].start, next.2);
                prop_assert!(!(r.pivot.is_empty() && r.others.iter().all(|o| o.is_empty())));
                next = (r.pivot.end, r.others[0].end, r.others[1].end);
            }
            prop_assert_eq!(next, (ru.n_src(), ru.n_tgt(), zh.n_tgt()));
        }
    }
}
