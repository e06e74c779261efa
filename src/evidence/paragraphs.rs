//! Paragraph evidence: translators keep paragraphs, so a bead that starts
//! (or ends) a paragraph on one side should start (or end) one on the other,
//! and a bead should not run across a paragraph break on one side only.
//!
//! Only beads with sentences on both sides are judged: a deleted or inserted
//! sentence says nothing about where paragraphs begin. Documents without
//! paragraph structure (one paragraph, or one line per sentence) give no
//! evidence at all.

use std::ops::Range;

use crate::segment::Sentence;

use super::Evidence;

#[derive(Debug, Clone)]
pub struct Paragraphs {
    src: Vec<usize>,
    tgt: Vec<usize>,
    /// Cost of each disagreement, in nats.
    penalty: f64,
}

/// A document "has paragraphs" when they group sentences: more than one
/// paragraph, and fewer paragraphs than sentences.
fn has_paragraphs(s: &[Sentence]) -> bool {
    let count = s.last().map_or(0, |l| l.paragraph + 1);
    count > 1 && count < s.len()
}

impl Paragraphs {
    /// Returns `None` when either document has no paragraph structure.
    pub fn new(src: &[Sentence], tgt: &[Sentence], penalty: f64) -> Option<Paragraphs> {
        (has_paragraphs(src) && has_paragraphs(tgt)).then(|| Paragraphs {
            src: src.iter().map(|s| s.paragraph).collect(),
            tgt: tgt.iter().map(|s| s.paragraph).collect(),
            penalty,
        })
    }
}

/// Does the range start a paragraph, end one, cross a paragraph break.
fn shape(paras: &[usize], r: &Range<usize>) -> [bool; 3] {
    let starts = r.start == 0 || paras[r.start] != paras[r.start - 1];
    let ends = r.end == paras.len() || paras[r.end] != paras[r.end - 1];
    let crosses = paras[r.start] != paras[r.end - 1];
    [starts, ends, crosses]
}

impl Evidence for Paragraphs {
    fn name(&self) -> &'static str {
        "paragraphs"
    }

    fn log_ratio(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let (s, t) = (shape(&self.src, &src), shape(&self.tgt, &tgt));
        let disagreements = s.iter().zip(&t).filter(|(a, b)| a != b).count();
        -self.penalty * disagreements as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::key;

    fn doc(paragraphs: &[usize]) -> Vec<Sentence> {
        paragraphs.iter().map(|&p| Sentence { text: "x".into(), span: 0..0, paragraph: p, key: key("x") }).collect()
    }

    #[test]
    fn beads_should_start_end_and_cross_paragraphs_alike() {
        // Source: title | caption sentence, credit | body. Target: title | body of two sentences.
        let p = Paragraphs::new(&doc(&[0, 1, 1, 2]), &doc(&[0, 1, 1]), 2.0).unwrap();
        assert_eq!(p.log_ratio(0..1, 0..1), 0.0);
        assert_eq!(p.log_ratio(1..2, 0..1), -2.0, "the caption does not end its paragraph");
        assert_eq!(p.log_ratio(3..4, 1..3), 0.0);
        assert_eq!(p.log_ratio(2..4, 1..3), -4.0, "starts mid-paragraph and crosses a break");
        assert!(Paragraphs::new(&doc(&[0, 0, 0]), &doc(&[0, 1]), 2.0).is_none());
    }
}
