//! Carrying reviewed beads over to new sentence lists: when an input file
//! was edited and the documents are aligned again, every bead a person
//! confirmed or edited whose sentences are still there, unchanged and still
//! next to each other, is kept (as a fixed bead of the new path, see
//! [`crate::align::align_fixed`]); the others are reported with the reason.
//!
//! Old sentences are matched to new ones by text, per side, with a patience
//! diff: sentences that occur once in both lists anchor the match, and
//! only between two anchors are repeated sentences ("Share this:") paired,
//! so a repeated line is never matched to a copy far away in the document.
//! The match is monotone: an edit anywhere moves only what follows it.

use std::collections::HashMap;
use std::ops::Range;

use crate::align::Bead;

/// One side of a language pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairSide {
    Source,
    Target,
}

impl std::fmt::Display for PairSide {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(match self {
            PairSide::Source => "source",
            PairSide::Target => "target",
        })
    }
}

/// The sentence texts of the two sides of a pair, exactly as written.
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a, S> {
    pub src: &'a [S],
    pub tgt: &'a [S],
}

/// A reviewed bead with what the caller keeps about it (its status, say),
/// which carrying hands back untouched.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed<T> {
    pub bead: Bead,
    pub tag: T,
}

/// Why a reviewed bead could not be kept. Sentence ids are old ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LostReason {
    /// A sentence of the bead was changed or removed.
    #[error("{side} sentence {sentence} was changed or removed")]
    Changed { side: PairSide, sentence: usize },
    /// Sentences were inserted between two of its sentences (`sentence` is
    /// the first after the gap).
    #[error("{side} sentence {sentence} no longer follows the one before it")]
    Separated { side: PairSide, sentence: usize },
    /// A bead with no sentence on `side` (1-0, 0-1): sentences were inserted
    /// or removed where it stood, so that "nothing here" is no longer known —
    /// an inserted sentence may be the missing translation.
    #[error("sentences were added or removed on the {side} side where it had none")]
    PlaceChanged { side: PairSide },
    /// It overlaps or precedes the kept bead `with` (an index into the
    /// reviewed beads given): the reviewed beads were not in order.
    #[error("it overlaps reviewed bead {with}, which is kept")]
    Conflict { with: usize },
}

/// A reviewed bead that was not kept, in old ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Lost<T> {
    /// Its index among the reviewed beads given.
    pub index: usize,
    pub reviewed: Reviewed<T>,
    pub reason: LostReason,
}

/// What carrying found: the kept beads in new ids, in order, ready to be
/// fixed beads of the new alignment, and the lost ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried<T> {
    pub kept: Vec<Reviewed<T>>,
    pub lost: Vec<Lost<T>>,
}

/// Reviewed beads that cannot be beads of the old texts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CarryError {
    #[error(
        "reviewed bead {index} ({src:?}, {tgt:?}) is not a range of the old sentences ({n_src} source, {n_tgt} target)"
    )]
    OutOfRange { index: usize, src: Range<usize>, tgt: Range<usize>, n_src: usize, n_tgt: usize },
    #[error("reviewed bead {index} holds no sentence")]
    Empty { index: usize },
}

/// Carries `reviewed` beads (sorted, in ids of `old`) over to the sentences
/// of `new`: a bead is kept iff every sentence of it, on both sides, is found
/// unchanged in `new` and they are consecutive there in the same order (for
/// an empty side: nothing was inserted or removed where it stood), and it
/// follows the beads kept before it.
pub fn carry<T, A: AsRef<str>, B: AsRef<str>>(
    old: Texts<A>,
    new: Texts<B>,
    reviewed: Vec<Reviewed<T>>,
) -> Result<Carried<T>, CarryError> {
    let (n_src, n_tgt) = (old.src.len(), old.tgt.len());
    let within = |r: &Range<usize>, n: usize| r.start <= r.end && r.end <= n;
    for (index, Reviewed { bead, .. }) in reviewed.iter().enumerate() {
        if !within(&bead.src, n_src) || !within(&bead.tgt, n_tgt) {
            return Err(CarryError::OutOfRange { index, src: bead.src.clone(), tgt: bead.tgt.clone(), n_src, n_tgt });
        }
        if bead.src.is_empty() && bead.tgt.is_empty() {
            return Err(CarryError::Empty { index });
        }
    }
    let src = SideMap { side: PairSide::Source, map: match_sentences(old.src, new.src), n_new: new.src.len() };
    let tgt = SideMap { side: PairSide::Target, map: match_sentences(old.tgt, new.tgt), n_new: new.tgt.len() };
    let mut carried = Carried { kept: Vec::new(), lost: Vec::new() };
    // The index (among `reviewed`) of the last kept bead, and where it ends.
    let mut last: Option<(usize, usize, usize)> = None;
    for (index, r) in reviewed.into_iter().enumerate() {
        let moved = src.range(&r.bead.src).and_then(|s| tgt.range(&r.bead.tgt).map(|t| Bead::new(s, t)));
        let moved = moved.and_then(|b| match last {
            Some((with, i, j)) if b.src.start < i || b.tgt.start < j => Err(LostReason::Conflict { with }),
            _ => Ok(b),
        });
        match moved {
            Ok(bead) => {
                last = Some((index, bead.src.end, bead.tgt.end));
                carried.kept.push(Reviewed { bead, tag: r.tag });
            }
            Err(reason) => carried.lost.push(Lost { index, reviewed: r, reason }),
        }
    }
    Ok(carried)
}

/// For each old sentence, the new sentence with the same text, if any:
/// increasing where present. Texts are compared with runs of white space
/// folded to one space, since a re-wrapped paragraph or other line ends
/// change the white space inside a sentence, not the sentence.
pub fn match_sentences<A: AsRef<str>, B: AsRef<str>>(old: &[A], new: &[B]) -> Vec<Option<usize>> {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let old: Vec<String> = old.iter().map(|s| fold(s.as_ref())).collect();
    let new: Vec<String> = new.iter().map(|s| fold(s.as_ref())).collect();
    let mut map = vec![None; old.len()];
    // Stretches still to match; a stack, not recursion, since a reordered
    // document can nest as deep as it is long.
    let mut todo = vec![(0..old.len(), 0..new.len())];
    while let Some((mut a, mut b)) = todo.pop() {
        while !a.is_empty() && !b.is_empty() && old[a.start] == new[b.start] {
            map[a.start] = Some(b.start);
            (a.start, b.start) = (a.start + 1, b.start + 1);
        }
        while !a.is_empty() && !b.is_empty() && old[a.end - 1] == new[b.end - 1] {
            map[a.end - 1] = Some(b.end - 1);
            (a.end, b.end) = (a.end - 1, b.end - 1);
        }
        if a.is_empty() || b.is_empty() {
            continue;
        }
        // Without a sentence unique on both sides here, a pairing would be a
        // guess: these sentences stay unmatched (their beads are reported).
        let anchors = unique_anchors(&old[a.clone()], &new[b.clone()]);
        if anchors.is_empty() {
            continue;
        }
        let (mut i, mut j) = (a.start, b.start);
        for (x, y) in anchors {
            let (x, y) = (a.start + x, b.start + y);
            map[x] = Some(y);
            todo.push((i..x, j..y));
            (i, j) = (x + 1, y + 1);
        }
        todo.push((i..a.end, j..b.end));
    }
    map
}

/// The longest increasing run of pairs (i, j) with `old[i] == new[j]` and
/// that text once in each (patience sorting over the unique texts).
fn unique_anchors(old: &[String], new: &[String]) -> Vec<(usize, usize)> {
    // Text → (occurrences in old, its index there, occurrences in new, its index there).
    let mut seen: HashMap<&str, (usize, usize, usize, usize)> = HashMap::new();
    for (i, s) in old.iter().enumerate() {
        let e = seen.entry(s).or_default();
        (e.0, e.1) = (e.0 + 1, i);
    }
    for (j, s) in new.iter().enumerate() {
        if let Some(e) = seen.get_mut(s.as_str()) {
            (e.2, e.3) = (e.2 + 1, j);
        }
    }
    // Pairs in new order; the longest run increasing in old order is the
    // largest set of them that can all hold at once.
    let pairs: Vec<(usize, usize)> =
        new.iter().filter_map(|s| seen.get(s.as_str()).filter(|e| e.0 == 1 && e.2 == 1).map(|e| (e.1, e.3))).collect();
    // tops[k]: index into `pairs` of the smallest old index ending a run of k + 1.
    let mut tops: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(i, _)) in pairs.iter().enumerate() {
        let k = tops.partition_point(|&q| pairs[q].0 < i);
        before[p] = k.checked_sub(1).map(|k| tops[k]);
        if k == tops.len() {
            tops.push(p);
        } else {
            tops[k] = p;
        }
    }
    let mut run = Vec::with_capacity(tops.len());
    let mut at = tops.last().copied();
    while let Some(p) = at {
        run.push(pairs[p]);
        at = before[p];
    }
    run.reverse();
    run
}

/// One side's match, and how it moves a bead's range.
struct SideMap {
    side: PairSide,
    map: Vec<Option<usize>>,
    n_new: usize,
}

impl SideMap {
    /// The new range of old `range`, or why there is none.
    fn range(&self, range: &Range<usize>) -> Result<Range<usize>, LostReason> {
        let side = self.side;
        if range.is_empty() {
            // Where the bead stood: between old sentences start - 1 and start,
            // which must still be neighbours (the document's ends count as
            // sentences that never change).
            let before = if range.start == 0 { Some(0) } else { self.map[range.start - 1].map(|k| k + 1) };
            let after = if range.start == self.map.len() { Some(self.n_new) } else { self.map[range.start] };
            return match (before, after) {
                (Some(b), Some(a)) if a == b => Ok(b..b),
                _ => Err(LostReason::PlaceChanged { side }),
            };
        }
        let mut moved: Option<Range<usize>> = None;
        for sentence in range.clone() {
            let Some(k) = self.map[sentence] else { return Err(LostReason::Changed { side, sentence }) };
            match &mut moved {
                Some(r) if r.end != k => return Err(LostReason::Separated { side, sentence }),
                Some(r) => r.end = k + 1,
                None => moved = Some(k..k + 1),
            }
        }
        Ok(moved.expect("a non-empty range has a first sentence"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::testing::tile;
    use proptest::prelude::*;

    fn texts<'a>(src: &'a [&'a str], tgt: &'a [&'a str]) -> Texts<'a, &'a str> {
        Texts { src, tgt }
    }

    fn reviewed(beads: &[(Range<usize>, Range<usize>)]) -> Vec<Reviewed<usize>> {
        beads.iter().enumerate().map(|(k, (s, t))| Reviewed { bead: Bead::new(s.clone(), t.clone()), tag: k }).collect()
    }

    #[test]
    fn a_repeated_sentence_is_matched_to_its_own_place() {
        let old = ["A", "Share this:", "B", "C", "Share this:", "D"];
        // The first "Share this:" removed: the second keeps its place, not the first's.
        assert_eq!(
            match_sentences(&old, &["A", "B", "C", "Share this:", "D"]),
            [Some(0), None, Some(1), Some(2), Some(3), Some(4)]
        );
        assert_eq!(
            match_sentences(&old, &["A", "Share this:", "B", "X", "C", "D"]),
            [Some(0), Some(1), Some(2), Some(4), None, Some(5)]
        );
        // Moved sentences: the longest run in order is kept.
        assert_eq!(match_sentences(&["A", "B", "C"], &["C", "A", "B"]), [Some(1), Some(2), None]);
        assert_eq!(match_sentences(&["a\r\n  b", "c"], &["a b", "c "]), [Some(0), Some(1)]);
        // Repeats with no unique sentence between them are not guessed at.
        assert_eq!(match_sentences(&["S", "x", "S"], &["S", "y", "S", "S"]), [Some(0), None, Some(3)]);
    }

    #[test]
    fn beads_are_kept_shifted_or_lost_with_the_reason() {
        let old_src = ["A.", "B.", "C.", "D.", "E.", "F."];
        let old_tgt = ["a.", "b.", "c.", "d.", "e."];
        // "C." edited, "X." inserted between "D." and "E.", "y." inserted before "d.".
        let new_src = ["A.", "B.", "C!", "D.", "X.", "E.", "F."];
        let new_tgt = ["a.", "b.", "c.", "y.", "d.", "e."];
        let beads = reviewed(&[
            (0..1, 0..1), // kept
            (1..2, 1..2), // kept
            (2..3, 2..3), // C. changed
            (3..5, 3..3), // D. and E. separated by X.
            (5..6, 3..4), // F. – d.: kept, both sides shifted
            (6..6, 4..5), // 0-1 at the end of the source: kept
        ]);
        let got = carry(texts(&old_src, &old_tgt), texts(&new_src, &new_tgt), beads).unwrap();
        let kept: Vec<(Bead, usize)> = got.kept.iter().map(|r| (r.bead.clone(), r.tag)).collect();
        assert_eq!(
            kept,
            [
                (Bead::new(0..1, 0..1), 0),
                (Bead::new(1..2, 1..2), 1),
                (Bead::new(6..7, 4..5), 4),
                (Bead::new(7..7, 5..6), 5)
            ]
        );
        let lost: Vec<(usize, LostReason)> = got.lost.iter().map(|l| (l.index, l.reason)).collect();
        assert_eq!(
            lost,
            [
                (2, LostReason::Changed { side: PairSide::Source, sentence: 2 }),
                (3, LostReason::Separated { side: PairSide::Source, sentence: 4 }),
            ]
        );
        assert_eq!(got.lost[1].reviewed.bead, Bead::new(3..5, 3..3), "lost beads keep their old ids");
        assert_eq!(got.lost[1].reason.to_string(), "source sentence 4 no longer follows the one before it");
    }

    #[test]
    fn a_deletion_is_lost_when_its_place_changes() {
        let (src, tgt) = (["A.", "B.", "C."], ["a.", "c."]);
        let beads = || reviewed(&[(0..1, 0..1), (1..2, 1..1), (2..3, 1..2)]);
        // "b." appeared where "B." had no counterpart.
        let got = carry(texts(&src, &tgt), texts(&src, &["a.", "b.", "c."]), beads()).unwrap();
        assert_eq!(got.kept.len(), 2);
        assert_eq!(got.lost[0].reason, LostReason::PlaceChanged { side: PairSide::Target });
        // "a." removed: the deletion has lost its left neighbour.
        let got = carry(texts(&src, &tgt), texts(&src, &["c."]), beads()).unwrap();
        let reasons: Vec<LostReason> = got.lost.iter().map(|l| l.reason).collect();
        assert_eq!(
            reasons,
            [
                LostReason::Changed { side: PairSide::Target, sentence: 0 },
                LostReason::PlaceChanged { side: PairSide::Target }
            ]
        );
        assert_eq!(got.kept[0].bead, Bead::new(2..3, 0..1));
    }

    #[test]
    fn overlapping_reviewed_beads_keep_the_first() {
        let (src, tgt) = (["A.", "B."], ["a.", "b."]);
        let beads = reviewed(&[(0..2, 0..1), (1..2, 1..2)]);
        let got = carry(texts(&src, &tgt), texts(&src, &tgt), beads).unwrap();
        assert_eq!(got.kept.len(), 1);
        assert_eq!(got.lost[0].reason, LostReason::Conflict { with: 0 });
        let bad = carry(texts(&src, &tgt), texts(&src, &tgt), reviewed(&[(1..3, 0..1)])).unwrap_err();
        assert!(matches!(bad, CarryError::OutOfRange { index: 0, .. }));
        let bad = carry(texts(&src, &tgt), texts(&src, &tgt), reviewed(&[(1..1, 0..0)])).unwrap_err();
        assert_eq!(bad, CarryError::Empty { index: 0 });
    }

    /// An edit of one side: a sentence is deleted where `delete[k]`, and
    /// `insert[k]` new ones come before old sentence k (`insert[n]`: at the
    /// end). Returns the new texts and each old sentence's new id.
    fn edit(old: &[String], delete: &[bool], insert: &[usize], tag: &str) -> (Vec<String>, Vec<Option<usize>>) {
        let (mut new, mut map) = (Vec::new(), Vec::new());
        for (k, s) in old.iter().enumerate() {
            new.extend((0..insert[k]).map(|x| format!("{tag} new {k}.{x}")));
            map.push(if delete[k] { None } else { Some(new.len()) });
            if !delete[k] {
                new.push(s.clone());
            }
        }
        new.extend((0..insert[old.len()]).map(|x| format!("{tag} new end.{x}")));
        (new, map)
    }

    /// A bead's new range on one side, if the edit left it untouched.
    fn untouched(range: &Range<usize>, map: &[Option<usize>], insert: &[usize], n_new: usize) -> Option<Range<usize>> {
        if range.is_empty() {
            let b = range.start;
            let before = if b == 0 { Some(0) } else { map[b - 1].map(|k| k + 1) };
            let after = if b == map.len() { Some(n_new) } else { map[b] };
            return before.filter(|&x| Some(x) == after && insert[b] == 0).map(|x| x..x);
        }
        let ids: Option<Vec<usize>> = map[range.clone()].iter().copied().collect();
        let ids = ids?;
        (range.clone().skip(1).all(|k| insert[k] == 0)).then(|| ids[0]..ids[ids.len() - 1] + 1)
    }

    fn shapes() -> impl Strategy<Value = Vec<(usize, usize, bool)>> {
        prop::collection::vec((0usize..4, 0usize..4, any::<bool>()), 0..20)
    }

    proptest! {
        #[test]
        fn identical_texts_keep_every_bead(shapes in shapes(), words in prop::collection::vec(0usize..4, 80)) {
            let (beads, n, m) = tile(&shapes.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>());
            // Few distinct texts: many repeats.
            let src: Vec<String> = (0..n).map(|k| format!("s{}", words[k % 80])).collect();
            let tgt: Vec<String> = (0..m).map(|k| format!("t{}", words[(k + 7) % 80])).collect();
            let chosen: Vec<Reviewed<usize>> = beads
                .iter()
                .zip(&shapes)
                .enumerate()
                .filter(|(_, (_, s))| s.2)
                .map(|(k, (b, _))| Reviewed { bead: b.clone(), tag: k })
                .collect();
            let got = carry(Texts { src: &src, tgt: &tgt }, Texts { src: &src, tgt: &tgt }, chosen.clone()).unwrap();
            prop_assert!(got.lost.is_empty());
            prop_assert_eq!(got.kept, chosen);
        }

        #[test]
        fn edits_elsewhere_keep_the_beads_they_do_not_touch(
            shapes in shapes(),
            delete in prop::collection::vec(prop::bool::weighted(0.15), 80),
            insert in prop::collection::vec(prop::sample::select(vec![0usize, 0, 0, 0, 1, 2]), 82),
        ) {
            let (beads, n, m) = tile(&shapes.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>());
            let src: Vec<String> = (0..n).map(|k| format!("S{k}.")).collect();
            let tgt: Vec<String> = (0..m).map(|k| format!("T{k}.")).collect();
            let (src_del, tgt_del) = (&delete[..n], &delete[80 - m..]);
            let (src_ins, tgt_ins) = (&insert[..=n], &insert[81 - m..]);
            let (new_src, src_map) = edit(&src, src_del, src_ins, "S");
            let (new_tgt, tgt_map) = edit(&tgt, tgt_del, tgt_ins, "T");
            let all: Vec<Reviewed<usize>> =
                beads.iter().enumerate().map(|(k, b)| Reviewed { bead: b.clone(), tag: k }).collect();
            let got = carry(Texts { src: &src, tgt: &tgt }, Texts { src: &new_src, tgt: &new_tgt }, all).unwrap();
            let expected: Vec<Reviewed<usize>> = beads
                .iter()
                .enumerate()
                .filter_map(|(k, b)| {
                    let s = untouched(&b.src, &src_map, src_ins, new_src.len())?;
                    let t = untouched(&b.tgt, &tgt_map, tgt_ins, new_tgt.len())?;
                    Some(Reviewed { bead: Bead::new(s, t), tag: k })
                })
                .collect();
            prop_assert_eq!(got.kept.len() + got.lost.len(), beads.len());
            prop_assert_eq!(got.kept, expected);
        }

        #[test]
        fn a_kept_bead_holds_the_same_texts_and_the_kept_beads_can_all_be_fixed(
            shapes in shapes(),
            words in prop::collection::vec(0usize..6, 80),
            edits in prop::collection::vec(0usize..6, 80),
        ) {
            let (beads, n, m) = tile(&shapes.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>());
            let src: Vec<String> = (0..n).map(|k| format!("s{}", words[k])).collect();
            let tgt: Vec<String> = (0..m).map(|k| format!("t{}", words[79 - k])).collect();
            // Edits with repeated texts: drop (0), double (1) or rename (2) a sentence.
            let apply = |side: &[String], offset: usize| -> Vec<String> {
                side.iter().enumerate().flat_map(|(k, s)| match edits[(k + offset) % 80] {
                    0 => vec![],
                    1 => vec![s.clone(), s.clone()],
                    2 => vec![format!("{s}!")],
                    _ => vec![s.clone()],
                }).collect()
            };
            let (new_src, new_tgt) = (apply(&src, 0), apply(&tgt, 40));
            let all: Vec<Reviewed<usize>> =
                beads.iter().enumerate().map(|(k, b)| Reviewed { bead: b.clone(), tag: k }).collect();
            let got = carry(Texts { src: &src, tgt: &tgt }, Texts { src: &new_src, tgt: &new_tgt }, all).unwrap();
            for r in &got.kept {
                let old = &beads[r.tag];
                prop_assert_eq!(&src[old.src.clone()], &new_src[r.bead.src.clone()]);
                prop_assert_eq!(&tgt[old.tgt.clone()], &new_tgt[r.bead.tgt.clone()]);
            }
            let fixed: Vec<Bead> = got.kept.iter().map(|r| r.bead.clone()).collect();
            let flat = Flat;
            let aligned = crate::align::align_fixed(new_src.len(), new_tgt.len(), &flat, &fixed, &Default::default());
            prop_assert!(aligned.is_ok(), "{:?}", aligned.err());
        }
    }

    /// Every bead alike: enough to check that the kept beads are a valid
    /// set of fixed beads.
    struct Flat;

    impl crate::align::BeadScorer for Flat {
        fn log_score(&self, _shape: crate::align::Shape, _src: Range<usize>, _tgt: Range<usize>) -> f64 {
            -1.0
        }
    }
}

/// The shipped corpus under the real model (length and anchors: cheap to build).
#[cfg(test)]
mod on_the_shipped_corpus {
    use std::path::Path;
    use std::time::Instant;

    use super::*;
    use crate::align::{align, align_fixed, realign_window, AlignOptions, Alignment, WINDOW_REACH};
    use crate::evidence::{ModelOptions, PairModel};
    use crate::input::Document;
    use crate::lang::{Lang, Script};
    use crate::segment::Sentence;

    fn read(lang: &str) -> String {
        std::fs::read_to_string(format!("{}/corpora/statement/{lang}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn sentences(lang: &str, text: &str) -> Vec<Sentence> {
        let doc = Document::from_bytes(Path::new(lang), text.as_bytes().to_vec()).unwrap();
        crate::segment::split(&doc, &Lang::new(lang).unwrap())
    }

    fn model(src: &[Sentence], tgt: &[Sentence]) -> PairModel {
        PairModel::new(src, tgt, (Some(Script::Latin), Some(Script::Cyrillic)), None, &ModelOptions::default())
    }

    fn texts(sentences: &[Sentence]) -> Vec<&str> {
        sentences.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn confirmed_beads_survive_an_edit_of_the_file_and_the_new_alignment() {
        let (en, ru) = (read("en"), read("ru"));
        let (src, tgt) = (sentences("en", &en), sentences("ru", &ru));
        let old = align(src.len(), tgt.len(), &model(&src, &tgt), &AlignOptions::default()).path.alignment().clone();
        // A person confirmed every bead; then a line was added at the top of
        // the English file and one sentence reworded.
        let confirmed: Vec<Reviewed<usize>> =
            old.beads().iter().enumerate().map(|(k, b)| Reviewed { bead: b.clone(), tag: k }).collect();
        let changed = src.iter().position(|s| s.text.starts_with("In his comments")).unwrap();
        let edited = format!("Updated on 12 May.\n\n{}", en.replacen("In his comments", "In his remarks", 1));
        let new_src = sentences("en", &edited);
        assert_eq!(new_src.len(), src.len() + 1);
        let (old_texts, new_texts) = (texts(&src), texts(&new_src));
        let tgt_texts = texts(&tgt);
        let got =
            carry(Texts { src: &old_texts, tgt: &tgt_texts }, Texts { src: &new_texts, tgt: &tgt_texts }, confirmed)
                .unwrap();
        let holder = old.beads().iter().position(|b| b.src.contains(&changed)).unwrap();
        let lost: Vec<(usize, LostReason)> = got.lost.iter().map(|l| (l.index, l.reason)).collect();
        assert_eq!(lost, [(holder, LostReason::Changed { side: PairSide::Source, sentence: changed })]);
        for r in &got.kept {
            let b = &old.beads()[r.tag];
            assert_eq!(r.bead, Bead::new(b.src.start + 1..b.src.end + 1, b.tgt.clone()));
        }
        let fixed: Vec<Bead> = got.kept.iter().map(|r| r.bead.clone()).collect();
        let new = align_fixed(new_src.len(), tgt.len(), &model(&new_src, &tgt), &fixed, &AlignOptions::default());
        let new = new.unwrap();
        assert!(fixed.iter().all(|b| new.path.alignment().beads().contains(b)));
        assert_eq!(new.path.alignment().beads()[0], Bead::new(0..1, 0..0), "the added line has no translation");
    }

    #[test]
    fn re_aligning_from_here_in_two_thousand_sentences_is_quick() {
        let (en, ru) = (read("en"), read("ru"));
        let (src, tgt) = (sentences("en", &en), sentences("ru", &ru));
        let one = align(src.len(), tgt.len(), &model(&src, &tgt), &AlignOptions::default()).path.alignment().clone();
        // The corpus 100 times over, aligned as each copy was: no search of
        // the whole document needed to set the test up.
        let copies = 100;
        let repeat = |text: &str| (0..copies).map(|_| format!("{text}\n\n")).collect::<String>();
        let (long_src, long_tgt) = (sentences("en", &repeat(&en)), sentences("ru", &repeat(&ru)));
        assert_eq!((long_src.len(), long_tgt.len()), (copies * src.len(), copies * tgt.len()));
        let beads: Vec<Bead> = (0..copies)
            .flat_map(|c| {
                let (i, j) = (c * src.len(), c * tgt.len());
                one.beads()
                    .iter()
                    .map(move |b| Bead::new(b.src.start + i..b.src.end + i, b.tgt.start + j..b.tgt.end + j))
            })
            .collect();
        let long = Alignment::new(beads, long_src.len(), long_tgt.len()).unwrap();
        let scorer = model(&long_src, &long_tgt);
        let nothing_fixed = vec![false; long.beads().len()];
        let start = Instant::now();
        let got = realign_window(&scorer, &long, &nothing_fixed, long.beads().len() / 2, &AlignOptions::default());
        let seconds = start.elapsed().as_secs_f64();
        let got = got.unwrap();
        assert_eq!(got.replaced.len(), 2 * WINDOW_REACH + 1);
        // 0.06 s on 2 busy cores: the bound only catches a search of the whole document.
        assert!(seconds < 1.0, "{seconds} s");
    }
}
