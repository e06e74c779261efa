//! "Re-align from here": after an edit, the automatic beads around a row are
//! aligned again, with every bead a person confirmed or edited held fixed.
//!
//! A person's edit changes what fits beside it — a sentence moved into a row
//! is missing from the rows after it — and the aligner, told what was
//! settled, repairs the rest of the stretch better than a person could by
//! hand. The search is [`crate::align::realign_window`]: the stretch between
//! the nearest reviewed beads before and after the row, at most
//! [`crate::align::WINDOW_REACH`] beads a side, so it answers at once on any
//! document.
//!
//! The model is built from the review alone (`review.json` holds the texts,
//! not the files' paragraphs or the run's word tables): lengths and anchors,
//! no word evidence. That is deterministic, so replaying a journal gives the
//! same beads, and it needs no lexicon at review time. The run's beads that
//! the window finds again keep their marks (their scores came from the full
//! model, words included); only the beads it changes are scored afresh.
//!
//! The model is not re-estimated (EM on the expected beads of a whole-pair
//! pass with the reviewed beads fixed): on the shipped corpus repeated 100
//! times (2,000 English sentences, Russian and Chinese), `r` takes 0.13 s
//! for both pairs in a release build, and that pass alone 0.34 s per pair —
//! 0.8 s in all, too near the second a key must answer in on shared cores.
//! The length ratio still comes from the documents' totals.

use crate::align::{realign_window, AlignOptions, ConfidenceModel, Realigned};
use crate::evidence::{ModelOptions, PairModel};
use crate::input::key;
use crate::segment::Sentence;

use super::edit::{first_sentence, EditError};
use super::flags::text_flags;
use super::rows::RowSpan;
use super::state::{BeadMark, Review, ReviewedAlignment};
use super::status::Status;

impl Review {
    /// Re-aligns, in every pair, the automatic beads around row `row` of
    /// `spans` (the review's rows now); returns the row of the row's first
    /// sentence afterwards. [`EditError::Unchanged`] when no bead moves.
    pub(super) fn realign(&mut self, row: usize, spans: &[RowSpan]) -> Result<usize, EditError> {
        let mut rebuilt = Vec::new();
        for (k, pair) in self.pairs.iter().enumerate() {
            let marks = pair.alignment.marks();
            if marks.is_empty() {
                continue;
            }
            // A row holds a run of the pair's beads; a row of sentences
            // inserted in another language holds none, and the pair's next
            // bead (or its last) stands for it.
            let around = spans[row].beads[k].start.min(marks.len() - 1);
            let fixed: Vec<bool> = marks.iter().map(|m| m.status.is_reviewed()).collect();
            let model = self.pair_model(pair.other);
            let old = pair.alignment.alignment();
            let got = realign_window(&model, old, &fixed, around, &AlignOptions::default())
                .expect("one mark per bead, and `around` is one of the beads");
            if got.alignment != *old {
                rebuilt.push((k, self.remark(k, got)));
            }
        }
        if rebuilt.is_empty() {
            return Err(EditError::Unchanged(format!(
                "the model aligns the automatic beads around row #{row} as they are"
            )));
        }
        let (side, sentence) = first_sentence(&spans[row]);
        for (k, reviewed) in rebuilt {
            self.pairs[k].alignment = reviewed;
        }
        Ok(self.row_of(side, sentence).unwrap_or(row))
    }

    /// The bead model of the pivot against `languages[other]`, from the
    /// review's texts: one paragraph each (the review keeps no paragraph
    /// breaks), no word evidence, the fitted weights.
    fn pair_model(&self, other: usize) -> PairModel {
        let sentences = |k: usize| -> Vec<Sentence> {
            self.languages[k]
                .sentences
                .iter()
                .map(|t| Sentence { text: t.clone(), span: 0..0, paragraph: 0, key: key(t) })
                .collect()
        };
        let scripts = (self.languages[0].lang.script(), self.languages[other].lang.script());
        PairModel::new(&sentences(0), &sentences(other), scripts, None, ModelOptions::fitted())
    }

    /// Pair `k`'s marks for its re-aligned beads: those outside the window as
    /// they were; in it, a bead the old alignment had keeps its mark, a new
    /// one is automatic, scored by its posterior (no lexicon: the model had
    /// none), its flags from the texts.
    fn remark(&self, k: usize, got: Realigned) -> ReviewedAlignment {
        let pair = &self.pairs[k];
        let (old, old_marks) = (pair.alignment.alignment(), pair.alignment.marks());
        let (pivot, other) = (&self.languages[0].sentences, &self.languages[pair.other].sentences);
        let replaced = &old.beads()[got.replaced.clone()];
        let mut marks = old_marks[..got.replaced.start].to_vec();
        for (bead, posterior) in got.alignment.beads()[got.window.clone()].iter().zip(&got.posteriors) {
            let mark = match replaced.iter().position(|b| b == bead) {
                Some(i) => old_marks[got.replaced.start + i].clone(),
                None => {
                    let score = ConfidenceModel::fitted().score(bead, *posterior, false).get();
                    let flags = text_flags(pivot, other, &pair.run, bead, score, self.review_threshold);
                    BeadMark { score, status: Status::Auto, risk: None, flags }
                }
            };
            marks.push(mark);
        }
        marks.extend_from_slice(&old_marks[got.replaced.end..]);
        ReviewedAlignment::new(got.alignment, marks).expect("one mark per bead of the spliced alignment")
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::align::{Alignment, Bead};
    use crate::input::Document;
    use crate::lang::Lang;
    use crate::review::edit::{Edit, RowRef};
    use crate::review::flags::Flags;
    use crate::review::session::Session;
    use crate::review::state::{Language, PairReview, PairRun};

    const NOW: &str = "2026-12-02T00:10:00Z";

    /// The shipped corpus, `copies` times over, English against Russian and
    /// Chinese, each pair aligned naively: 1-1 down the diagonal, the rest
    /// of the longer side unaligned at the end.
    fn corpus_review(copies: usize) -> Review {
        let language = |code: &str| {
            let path = format!("{}/corpora/statement/{code}.txt", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            let text: String = (0..copies).map(|_| format!("{text}\n\n")).collect();
            let doc = Document::from_bytes(Path::new(&path), text.as_bytes().to_vec()).unwrap();
            let lang = Lang::new(code).unwrap();
            let sentences = crate::segment::split(&doc, &lang).into_iter().map(|s| s.text).collect();
            Language::new(lang, path, text.as_bytes(), sentences)
        };
        let languages = vec![language("en"), language("ru"), language("zh")];
        let n = languages[0].sentences.len();
        let pairs = (1..languages.len())
            .map(|other| {
                let m = languages[other].sentences.len();
                let mut beads: Vec<Bead> = (0..n.min(m)).map(|i| Bead::new(i..i + 1, i..i + 1)).collect();
                beads.extend((m..n).map(|i| Bead::new(i..i + 1, m..m)));
                beads.extend((n..m).map(|j| Bead::new(n..n, j..j + 1)));
                beads_review(other, beads, n, m)
            })
            .collect();
        Review::new(languages, pairs, 0.5, 0.0, vec![]).unwrap()
    }

    fn beads_review(other: usize, beads: Vec<Bead>, n: usize, m: usize) -> PairReview {
        let marks = beads
            .iter()
            .map(|_| BeadMark { score: 0.8, status: Status::Auto, risk: None, flags: Flags::new() })
            .collect();
        let alignment = ReviewedAlignment::new(Alignment::new(beads, n, m).unwrap(), marks).unwrap();
        PairReview { other, run: PairRun::default(), alignment }
    }

    fn beads(r: &Review, k: usize) -> Vec<Bead> {
        r.pairs[k].alignment.alignment().beads().to_vec()
    }

    fn realign(row: usize) -> Edit {
        Edit::Realign { row: RowRef::Index(row) }
    }

    /// The review with pair `k`'s beads replaced, marks all automatic.
    fn with_beads(r: &Review, k: usize, new: Vec<Bead>) -> Review {
        let mut r = r.clone();
        let (n, m) = (r.pivot().sentences.len(), r.other(k).sentences.len());
        r.pairs[k] = beads_review(r.pairs[k].other, new, n, m);
        r
    }

    #[test]
    fn a_shifted_stretch_is_repaired() {
        let mut r = corpus_review(1);
        r.apply(&realign(10), NOW).unwrap();
        let best = beads(&r, 0);
        // Beads 5 to 9 broken: their first pivot sentence left without
        // counterpart, the rest of the stretch lumped into one bead.
        let (a, b) = (5, 10);
        let (i, j) = (best[a].src.start, best[a].tgt.start);
        let (i_end, j_end) = (best[b - 1].src.end, best[b - 1].tgt.end);
        assert!(i_end - i >= 2 && j_end > j);
        let mut shifted = best[..a].to_vec();
        shifted.extend([Bead::new(i..i + 1, j..j), Bead::new(i + 1..i_end, j..j_end)]);
        shifted.extend_from_slice(&best[b..]);
        let mut broken = with_beads(&r, 0, shifted.clone());
        assert_ne!(shifted, best);
        let row = broken.row_of(crate::review::SideRef::Pivot, i + 2).unwrap();
        let first = broken.rows()[row].pivot.start;
        let cursor = broken.apply(&realign(row), NOW).unwrap();
        assert_eq!(beads(&broken, 0), best, "the window holds the whole document: the best path again");
        // The cursor follows the row's first sentence.
        assert_eq!(broken.row_of(crate::review::SideRef::Pivot, first), Some(cursor));
        assert_eq!(broken.log.last().unwrap().edit, format!("realign en:{first}"));
        // Nothing left to change.
        assert!(matches!(broken.apply(&realign(row), NOW), Err(EditError::Unchanged(_))));
    }

    #[test]
    fn reviewed_beads_never_change_and_the_rest_keeps_its_marks() {
        let r = corpus_review(1);
        let mut session = Session::new(r.clone());
        // A person confirmed the first three rows and the last one.
        let last = r.rows().len() - 1;
        session.apply_at(&Edit::ConfirmTo { row: RowRef::Index(2) }, NOW).unwrap();
        session.apply_at(&Edit::Confirm { row: RowRef::Index(last) }, NOW).unwrap();
        let before = session.review().clone();
        session.apply_at(&realign(6), NOW).unwrap();
        let after = session.review();
        for (p, q) in before.pairs.iter().zip(&after.pairs) {
            let kept: Vec<(&Bead, &BeadMark)> = q.alignment.beads().collect();
            for (bead, mark) in p.alignment.beads().filter(|(_, m)| m.status.is_reviewed()) {
                assert!(kept.contains(&(bead, mark)), "{bead:?} lost");
            }
            // The fixed ends hold the window in: the alignment stays valid,
            // every new bead is automatic with a probability for a score.
            for (_, mark) in kept.iter().filter(|(b, _)| !p.alignment.alignment().beads().contains(b)) {
                assert_eq!((mark.status, mark.risk), (Status::Auto, None));
                assert!((0.0..=1.0).contains(&mark.score));
            }
        }
        let rebuilt = Review::new(after.languages.clone(), after.pairs.clone(), 0.5, 0.0, vec![]);
        assert!(rebuilt.is_ok());
        // Undo gives the review back exactly; redo (journal replay) the same re-alignment.
        let realigned = after.clone();
        session.undo().unwrap();
        assert_eq!(session.review(), &before);
        session.redo().unwrap();
        assert_eq!(session.review(), &realigned);
        let mut replayed = before.clone();
        replayed.apply(&realign(6), NOW).unwrap();
        assert_eq!(replayed.pairs, realigned.pairs, "deterministic");
    }

    #[test]
    fn an_edited_bead_stays_and_its_neighbours_follow_it() {
        let mut r = corpus_review(1);
        r.apply(&realign(10), NOW).unwrap();
        let row = 8;
        r.apply(&Edit::Merge { row: RowRef::Index(row) }, NOW).unwrap();
        let edited: Vec<Bead> = (0..r.pairs.len())
            .flat_map(|k| {
                r.pairs[k].alignment.beads().filter(|(_, m)| m.status == Status::Edited).map(|(b, _)| b.clone())
            })
            .collect();
        assert!(!edited.is_empty());
        // Re-aligning at the edited row itself keeps it and may move the rest.
        let _ = r.apply(&realign(row), NOW);
        for b in &edited {
            assert!((0..r.pairs.len()).any(|k| beads(&r, k).contains(b)), "{b:?}");
        }
    }

    #[test]
    fn two_thousand_sentences_re_align_around_a_row() {
        let mut r = corpus_review(100);
        assert!(r.pivot().sentences.len() >= 2000);
        let row = r.rows().len() / 2;
        let cursor = r.apply(&realign(row), NOW).unwrap();
        assert!(cursor < r.rows().len());
    }

    /// The time of `r` on the 2,000-sentence review, and of the whole-pair
    /// pass with the reviewed beads fixed that a re-estimate of the model
    /// would need: `cargo test --release --lib realign_timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn realign_timing() {
        let r = corpus_review(100);
        let row = r.rows().len() / 2;
        for _ in 0..3 {
            let mut copy = r.clone();
            let start = std::time::Instant::now();
            copy.apply(&realign(row), NOW).unwrap();
            println!("realign: {:.3} s", start.elapsed().as_secs_f64());
        }
        for k in 0..r.pairs.len() {
            let model = r.pair_model(r.pairs[k].other);
            let start = std::time::Instant::now();
            let (n, m) = (r.pivot().sentences.len(), r.other(k).sentences.len());
            crate::align::align_fixed(n, m, &model, &[], &AlignOptions::default()).unwrap();
            println!("align_fixed over pair {k}: {:.3} s", start.elapsed().as_secs_f64());
        }
    }
}
