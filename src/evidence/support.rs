//! What ties each sentence to the other side of its bead: a word pair a
//! lexicon or a name match gives, a number both sides write, or a word pair
//! self-training learned. A sentence of a many-sentence bead that nothing
//! ties while its neighbours are tied is the navigation line or footer a
//! translator left out, merged into a bead where it does not belong.

use crate::align::Alignment;

use super::anchors::numbers;
use super::translation::TranslationTable;
use crate::segment::Sentence;

/// How one sentence is tied to the other side of its bead.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SentenceSupport {
    /// It shares a lexicon or name pair, or a number, with the other side.
    pub pinned: bool,
    /// The strongest learned tie of one of its words to a word of the other
    /// side: the geometric mean of the counted parts of τ(t | s) and
    /// τ(s | t), in [0, 1]; 0 when the table counts no pair.
    pub learned: f64,
}

impl SentenceSupport {
    /// Pinned counts as fully supported; a learned tie as strong as it is.
    pub fn strength(self) -> f64 {
        if self.pinned {
            1.0
        } else {
            self.learned
        }
    }
}

/// The support of every sentence of both sides of an alignment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Support {
    pub src: Vec<SentenceSupport>,
    pub tgt: Vec<SentenceSupport>,
}

/// A learned tie weaker than this counts as none for
/// [`Support::unsupported`]. On the development sets, of the beads with more
/// than one sentence on a side, those with a sentence tied less are wrong
/// 41–46 % of the time (Text+Berg; MAC-Dev with and without lexicons),
/// against 17–26 % for all of them.
pub const LEAST_TIE: f64 = 0.05;

impl Support {
    /// Per bead of `alignment` (the alignment the support was measured on):
    /// whether it has both sides, more than one sentence on a side, and a
    /// sentence nothing ties to the other side while the sentences next to
    /// it in its document are tied — a line the translator left out, merged
    /// into a bead where it does not belong.
    pub fn unsupported(&self, alignment: &Alignment) -> Vec<bool> {
        let tied = |side: &[SentenceSupport], i: usize| side[i].strength() >= LEAST_TIE;
        let alone = |side: &[SentenceSupport], i: usize| {
            !tied(side, i) && (i == 0 || tied(side, i - 1)) && (i + 1 == side.len() || tied(side, i + 1))
        };
        alignment
            .beads()
            .iter()
            .map(|b| {
                let many = b.src.len() > 1 || b.tgt.len() > 1;
                !b.src.is_empty()
                    && !b.tgt.is_empty()
                    && many
                    && (b.src.clone().any(|i| alone(&self.src, i)) || b.tgt.clone().any(|j| alone(&self.tgt, j)))
            })
            .collect()
    }
}

/// The sentences and word ids of one side of a document pair.
pub struct SideWords<'a> {
    pub sentences: &'a [Sentence],
    /// Content word ids of each sentence (as the translation table knows them).
    pub words: &'a [Vec<u32>],
}

/// Measures each sentence's ties to the other side of its bead in
/// `alignment`. Without a table (no lexical evidence) only numbers pin.
/// Sentences of one-sided beads have no other side: unsupported.
pub fn support(
    alignment: &Alignment,
    table: Option<&TranslationTable>,
    src: SideWords<'_>,
    tgt: SideWords<'_>,
) -> Support {
    let src_numbers: Vec<Vec<String>> = src.sentences.iter().map(|s| numbers(&s.key)).collect();
    let tgt_numbers: Vec<Vec<String>> = tgt.sentences.iter().map(|s| numbers(&s.key)).collect();
    let mut out = Support {
        src: vec![SentenceSupport::default(); src.sentences.len()],
        tgt: vec![SentenceSupport::default(); tgt.sentences.len()],
    };
    let no_words = Vec::new();
    let words_of = |side: &SideWords<'_>, k: usize| side.words.get(k).unwrap_or(&no_words).clone();
    for bead in alignment.beads() {
        if bead.src.is_empty() || bead.tgt.is_empty() {
            continue;
        }
        let src_bead_numbers: Vec<&String> = bead.src.clone().flat_map(|i| &src_numbers[i]).collect();
        let tgt_bead_numbers: Vec<&String> = bead.tgt.clone().flat_map(|j| &tgt_numbers[j]).collect();
        let src_bead_words: Vec<u32> = bead.src.clone().flat_map(|i| words_of(&src, i)).collect();
        let tgt_bead_words: Vec<u32> = bead.tgt.clone().flat_map(|j| words_of(&tgt, j)).collect();
        for i in bead.src.clone() {
            let number = src_numbers[i].iter().any(|n| tgt_bead_numbers.contains(&n));
            let (pinned, learned) = ties(table, &words_of(&src, i), &tgt_bead_words, false);
            out.src[i] = SentenceSupport { pinned: pinned || number, learned };
        }
        for j in bead.tgt.clone() {
            let number = tgt_numbers[j].iter().any(|n| src_bead_numbers.contains(&n));
            let (pinned, learned) = ties(table, &words_of(&tgt, j), &src_bead_words, true);
            out.tgt[j] = SentenceSupport { pinned: pinned || number, learned };
        }
    }
    out
}

/// Whether `words` share a prior pair with `other`, and their strongest
/// learned tie. `reversed`: `words` are target words.
fn ties(table: Option<&TranslationTable>, words: &[u32], other: &[u32], reversed: bool) -> (bool, f64) {
    let Some(table) = table else { return (false, 0.0) };
    let (mut pinned, mut learned) = (false, 0.0f64);
    for &w in words {
        for &o in other {
            let (s, t) = if reversed { (o, w) } else { (w, o) };
            pinned |= table.in_prior(s, t);
            if let Some((forward, backward)) = table.counted(s, t) {
                learned = learned.max((forward * backward).sqrt());
            }
        }
    }
    (pinned, learned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;
    use crate::evidence::translation::{TableOptions, Vocab};
    use std::collections::HashMap;

    fn sentences(texts: &[&str]) -> Vec<Sentence> {
        texts
            .iter()
            .map(|t| Sentence { text: t.to_string(), span: 0..t.len(), paragraph: 0, key: crate::input::key(t) })
            .collect()
    }

    #[test]
    fn lexicon_pairs_and_numbers_pin_learned_pairs_weigh_and_deletions_stand_alone() {
        // Source words 0 "house", 1 "menu"; target words 0 "maison", 1 "chat".
        let (mut sv, mut tv) = (Vocab::default(), Vocab::default());
        for w in ["house", "menu"] {
            sv.add(w);
        }
        for w in ["maison", "chat"] {
            tv.add(w);
        }
        let prior = HashMap::from([((0, 0), 1.0f32)]);
        let table = TranslationTable::new(&sv, &tv, prior, TableOptions { smoothing: 1.0, null_prob: 0.4 });
        // Bead 0: src 0 (house) + src 1 (menu) : tgt 0 (maison); bead 1:
        // src 2 "in 1956" : tgt 1 "en 1956"; bead 2: src 3 alone.
        let src = sentences(&["house", "menu", "in 1956", "gone"]);
        let tgt = sentences(&["maison", "en 1956"]);
        let src_words = vec![vec![0], vec![1], vec![], vec![]];
        let tgt_words = vec![vec![0], vec![]];
        let alignment =
            Alignment::new(vec![Bead::new(0..2, 0..1), Bead::new(2..3, 1..2), Bead::new(3..4, 2..2)], 4, 2).unwrap();
        let s = support(
            &alignment,
            Some(&table),
            SideWords { sentences: &src, words: &src_words },
            SideWords { sentences: &tgt, words: &tgt_words },
        );
        // The prior pair counts 1 of c(house) + α = 2: learned 0.5 both ways.
        assert_eq!(s.src[0], SentenceSupport { pinned: true, learned: 0.5 });
        assert_eq!(s.src[1], SentenceSupport { pinned: false, learned: 0.0 });
        assert_eq!(s.tgt[0].strength(), 1.0);
        assert!(s.src[2].pinned && s.tgt[1].pinned, "1956 on both sides");
        assert_eq!(s.src[3], SentenceSupport::default());

        // Bead 0 is two sentences, "menu" tied to nothing between tied ones.
        assert_eq!(s.unsupported(&alignment), vec![true, false, false]);

        let without_table = support(
            &alignment,
            None,
            SideWords { sentences: &src, words: &src_words },
            SideWords { sentences: &tgt, words: &tgt_words },
        );
        assert!(!without_table.src[0].pinned && without_table.src[2].pinned);
        // Then "maison" is tied to nothing, and its one neighbour, "en 1956", is.
        assert_eq!(without_table.unsupported(&alignment), vec![true, false, false]);
    }
}
