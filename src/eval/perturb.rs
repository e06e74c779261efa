//! Evaluation sets with n-m, 1-0 and 0-1 beads, derived from a corpus whose
//! lines are translations of each other one for one (FLORES).
//!
//! A line-parallel corpus only tests 1-1 alignment. Merging a line with its
//! neighbour on one side makes a 2-1 or 1-2 bead; dropping a line from one
//! side makes a 1-0 or 0-1 bead; and since the gold is known line by line,
//! the gold of the perturbed documents follows exactly.

use std::ops::Range;
use std::path::Path;

use super::splitmix::SplitMix64;
use super::EvalError;
use crate::formats::Link;
use crate::lang::{Lang, Script};

/// One perturbed document: its two texts, one sentence per line, and the
/// gold alignment between them.
#[derive(Debug, Clone, PartialEq)]
pub struct PerturbedDoc {
    /// `000`, `001`, …: the document's place in the corpus.
    pub name: String,
    pub src_lines: Vec<String>,
    pub tgt_lines: Vec<String>,
    pub gold: Vec<Link>,
}

/// How often lines are merged and dropped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// The chance that a line is merged with the next one, on each side.
    pub merge: f64,
    /// The chance that a line is dropped from the source side; the same
    /// chance again that it is dropped from the target side instead.
    pub drop: f64,
}

impl Default for Rates {
    fn default() -> Rates {
        Rates { merge: 0.10, drop: 0.03 }
    }
}

/// A sentence-parallel corpus in documents: line `i` of one side translates
/// line `i` of the other.
#[derive(Debug, Clone, PartialEq)]
pub struct ParallelCorpus {
    /// The language codes of the two sides.
    pub src: String,
    pub tgt: String,
    pub src_lines: Vec<String>,
    pub tgt_lines: Vec<String>,
    /// The lines of each document, in order, covering all lines.
    pub docs: Vec<Range<usize>>,
}

/// Reads the FLORES folder `dir`: `all.<src>`, `all.<tgt>`, and
/// `all.docid`, the document of each line (consecutive equal lines form a
/// document).
pub fn read_flores(dir: &Path, src: &str, tgt: &str) -> Result<ParallelCorpus, EvalError> {
    let docid_path = dir.join("all.docid");
    let docids = read_lines(&docid_path)?;
    let mut sides = Vec::with_capacity(2);
    for lang in [src, tgt] {
        let path = dir.join(format!("all.{lang}"));
        let lines = read_lines(&path)?;
        if lines.len() != docids.len() {
            return Err(EvalError::LineCount {
                path,
                found: lines.len(),
                reference: docid_path,
                expected: docids.len(),
            });
        }
        sides.push(lines);
    }
    let mut docs = Vec::new();
    for doc in docids.chunk_by(|a, b| a == b) {
        let start = docs.last().map_or(0, |d: &Range<usize>| d.end);
        docs.push(start..start + doc.len());
    }
    let tgt_lines = sides.pop().expect("two sides");
    let src_lines = sides.pop().expect("two sides");
    Ok(ParallelCorpus { src: src.to_string(), tgt: tgt.to_string(), src_lines, tgt_lines, docs })
}

/// Reads the FLORES folder `dir` ([`read_flores`]) and perturbs each
/// document ([`ParallelCorpus::perturb`]).
pub fn perturb_flores(
    dir: &Path,
    src: &str,
    tgt: &str,
    seed: u64,
    rates: Rates,
) -> Result<Vec<PerturbedDoc>, EvalError> {
    Ok(read_flores(dir, src, tgt)?.perturb(seed, rates))
}

impl ParallelCorpus {
    /// Perturbs each document, deterministically for a given `seed`.
    ///
    /// On each side independently, each line is merged with the next with
    /// chance `rates.merge` (0.10 by default; joined by a space, or by nothing in a language written
    /// without spaces, such as Chinese). Each line is dropped from the source
    /// with chance `rates.drop` (0.03) and from the target with the same
    /// chance, never from both
    /// (the line would simply vanish) and never so that a side is left empty.
    ///
    /// The gold groups the sentences that share an original line, transitively:
    /// when the source merges lines 1-2 and the target lines 2-3, the three
    /// original lines make one 2-2 bead. A sentence whose original lines were
    /// all dropped from the other side makes a 1-0 or 0-1 bead.
    ///
    /// The draws depend on the seed and the document sizes only, not on the
    /// languages: the en-zh and en-ru sets made with one seed are perturbed
    /// alike, so their scores can be compared.
    pub fn perturb(&self, seed: u64, rates: Rates) -> Vec<PerturbedDoc> {
        let (src_joiner, tgt_joiner) = (joiner(&self.src), joiner(&self.tgt));
        let mut rng = SplitMix64(seed);
        let mut docs = Vec::with_capacity(self.docs.len());
        for lines in &self.docs {
            let [src_segments, tgt_segments] = perturb_doc(lines.len(), &mut rng, rates);
            docs.push(PerturbedDoc {
                name: format!("{:03}", docs.len()),
                src_lines: sentences(&src_segments, &self.src_lines[lines.clone()], src_joiner),
                tgt_lines: sentences(&tgt_segments, &self.tgt_lines[lines.clone()], tgt_joiner),
                gold: gold(lines.len(), &src_segments, &tgt_segments),
            });
        }
        docs
    }
}

/// The sentences of each side of an `n`-line document after perturbation,
/// as ranges of the original lines: `[source, target]`. Dropped lines are
/// in no range.
fn perturb_doc(n: usize, rng: &mut SplitMix64, rates: Rates) -> [Vec<Range<usize>>; 2] {
    let (mut src, mut tgt) = (vec![true; n], vec![true; n]);
    for (src, tgt) in src.iter_mut().zip(&mut tgt) {
        // One draw decides both sides, so that no line is dropped twice.
        let r = rng.unit();
        if r < rates.drop {
            *src = false;
        } else if r < 2.0 * rates.drop {
            *tgt = false;
        }
    }
    let mut kept = [src, tgt];
    for side in &mut kept {
        if n > 0 && !side.contains(&true) {
            side[rng.below(n)] = true;
        }
    }
    kept.map(|kept| {
        let mut segments = Vec::new();
        let mut i = 0;
        while i < n {
            if kept[i] {
                let merge = i + 1 < n && kept[i + 1] && rng.chance(rates.merge);
                let len = if merge { 2 } else { 1 };
                segments.push(i..i + len);
                i += len;
            } else {
                i += 1;
            }
        }
        segments
    })
}

/// The gold beads of a perturbed `n`-line document: each bead is a
/// connected group of sentences, two sentences being connected when they
/// share an original line.
///
/// Since every sentence is a range of consecutive original lines, the
/// groups are runs of original lines, and a run ends between lines `l` and
/// `l + 1` exactly when no sentence of either side contains both. Every
/// line is kept on at least one side, so no bead is empty.
fn gold(n: usize, src: &[Range<usize>], tgt: &[Range<usize>]) -> Vec<Link> {
    let mut joined = vec![false; n];
    for r in src.iter().chain(tgt).filter(|r| r.len() > 1) {
        joined[r.start..r.end - 1].fill(true);
    }
    // Sentences starting before `end` and not yet in a bead, on one side.
    let take = |segments: &[Range<usize>], next: &mut usize, end: usize| -> Vec<usize> {
        let first = *next;
        while *next < segments.len() && segments[*next].start < end {
            *next += 1;
        }
        (first..*next).collect()
    };
    let (mut next_src, mut next_tgt) = (0, 0);
    (1..=n)
        .filter(|&end| end == n || !joined[end - 1])
        .map(|end| Link { src: take(src, &mut next_src, end), tgt: take(tgt, &mut next_tgt, end), score: None })
        .collect()
}

/// What joins two merged lines: nothing for a language written without
/// spaces (Chinese, Japanese), else a space.
pub(super) fn joiner(lang: &str) -> &'static str {
    let unspaced = Lang::new(lang).ok().and_then(|l| l.script()).is_some_and(Script::is_unspaced);
    if unspaced {
        ""
    } else {
        " "
    }
}

/// The text of each sentence: its original lines, joined.
fn sentences(segments: &[Range<usize>], lines: &[String], joiner: &str) -> Vec<String> {
    segments.iter().map(|r| lines[r.clone()].join(joiner)).collect()
}

fn read_lines(path: &Path) -> Result<Vec<String>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(EvalError::io(path))?;
    Ok(text.lines().map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::align::{Alignment, Bead};

    /// A FLORES-like folder of 300 lines in documents of 1 to 6 lines, each
    /// line naming its number: "Sentence 12." in English, "句12。" in
    /// Chinese, so that tests can tell which original lines a sentence holds.
    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let (mut en, mut zh, mut docid) = (String::new(), String::new(), String::new());
        let mut line = 0;
        for doc in 0.. {
            for _ in 0..(doc * 5 % 6 + 1) {
                en += &format!("Sentence {line}.\n");
                zh += &format!("句{line}。\n");
                docid += &format!("https://example.org/doc{doc}\n");
                line += 1;
                if line == 300 {
                    std::fs::write(dir.path().join("all.en"), en).unwrap();
                    std::fs::write(dir.path().join("all.zh"), zh).unwrap();
                    std::fs::write(dir.path().join("all.docid"), docid).unwrap();
                    return dir;
                }
            }
        }
        unreachable!()
    }

    /// The original line numbers a perturbed sentence holds.
    fn originals(sentence: &str) -> Vec<usize> {
        sentence.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn same_seed_same_set() {
        let dir = fixture();
        let a = perturb_flores(dir.path(), "en", "zh", 7, Rates::default()).unwrap();
        assert_eq!(a, perturb_flores(dir.path(), "en", "zh", 7, Rates::default()).unwrap());
        assert_ne!(a, perturb_flores(dir.path(), "en", "zh", 8, Rates::default()).unwrap());
        let names: Vec<&str> = a.iter().take(3).map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["000", "001", "002"]);
    }

    #[test]
    fn gold_is_exactly_what_the_perturbation_implies() {
        let dir = fixture();
        let docs = perturb_flores(dir.path(), "en", "zh", 2024, Rates::default()).unwrap();
        assert_eq!(docs.len(), 86);
        let mut seen = BTreeSet::new();
        for doc in &docs {
            assert!(!doc.src_lines.is_empty() && !doc.tgt_lines.is_empty(), "{}: a side is empty", doc.name);
            // The beads cover every sentence of both sides once, in order.
            let (mut i, mut j) = (0, 0);
            let mut beads = Vec::new();
            for link in &doc.gold {
                let bead = Bead::new(i..i + link.src.len(), j..j + link.tgt.len());
                assert_eq!(
                    (link.src.clone(), link.tgt.clone()),
                    (bead.src.clone().collect(), bead.tgt.clone().collect())
                );
                (i, j) = (bead.src.end, bead.tgt.end);
                beads.push(bead);
            }
            Alignment::new(beads, doc.src_lines.len(), doc.tgt_lines.len()).unwrap();

            // Each bead is one connected group of original lines: all lines on
            // either side, every line of the group in no other bead.
            let mut lines_seen = BTreeSet::new();
            for link in &doc.gold {
                let src: Vec<Vec<usize>> = link.src.iter().map(|&i| originals(&doc.src_lines[i])).collect();
                let tgt: Vec<Vec<usize>> = link.tgt.iter().map(|&i| originals(&doc.tgt_lines[i])).collect();
                let all: BTreeSet<usize> = src.iter().chain(&tgt).flatten().copied().collect();
                assert!(all.iter().all(|l| lines_seen.insert(*l)), "{}: a line in two beads", doc.name);
                assert!(connected(&src, &tgt), "{}: {link:?} should be split", doc.name);
                seen.insert(format!("{}-{}", link.src.len(), link.tgt.len()));
            }
            // No original line vanished from both sides.
            let first = lines_seen.first().copied().unwrap();
            assert_eq!(lines_seen, (first..first + lines_seen.len()).collect());
            // Merged English lines are joined by a space, Chinese ones by nothing.
            let joined = |line: &str, form: fn(&usize) -> String, joiner| {
                originals(line).iter().map(form).collect::<Vec<_>>().join(joiner)
            };
            assert!(doc.src_lines.iter().all(|l| *l == joined(l, |n| format!("Sentence {n}."), " ")));
            assert!(doc.tgt_lines.iter().all(|l| *l == joined(l, |n| format!("句{n}。"), "")));
        }
        for kind in ["1-1", "2-1", "1-2", "1-0", "0-1", "2-2"] {
            assert!(seen.contains(kind), "no {kind} bead in {seen:?}");
        }
    }

    /// Whether the sentences of a bead, linked when they share an original
    /// line, form one group.
    fn connected(src: &[Vec<usize>], tgt: &[Vec<usize>]) -> bool {
        let sentences: Vec<&Vec<usize>> = src.iter().chain(tgt).collect();
        let mut reached = vec![false; sentences.len()];
        reached[0] = true;
        let mut grew = true;
        while grew {
            grew = false;
            for a in 0..sentences.len() {
                for b in 0..sentences.len() {
                    if reached[a] && !reached[b] && sentences[a].iter().any(|l| sentences[b].contains(l)) {
                        reached[b] = true;
                        grew = true;
                    }
                }
            }
        }
        reached.iter().all(|&r| r)
    }

    #[test]
    fn overlapping_merges_make_one_bead() {
        // Source merges lines 0-1, target merges 1-2; line 3 is dropped from
        // the target, line 4 from the source.
        let src = [0..2, 2..3, 3..4];
        let tgt = [0..1, 1..3, 4..5];
        let ids = |links: Vec<Link>| links.into_iter().map(|l| (l.src, l.tgt)).collect::<Vec<_>>();
        assert_eq!(ids(gold(5, &src, &tgt)), vec![(vec![0, 1], vec![0, 1]), (vec![2], vec![]), (vec![], vec![2])]);
    }

    #[test]
    fn files_of_different_lengths_are_refused() {
        let dir = fixture();
        std::fs::write(dir.path().join("all.ru"), "Одна строка.\n").unwrap();
        let err = perturb_flores(dir.path(), "en", "ru", 1, Rates::default()).unwrap_err();
        assert!(matches!(err, EvalError::LineCount { found: 1, expected: 300, .. }), "{err}");
        assert!(matches!(perturb_flores(dir.path(), "en", "de", 1, Rates::default()), Err(EvalError::Io { .. })));
    }
}
