//! Long documents for benchmarks. A document pair of any length is made of
//! copies of a sentence-parallel corpus (FLORES), each perturbed with a seed
//! of its own and put one after the other: it has the n-m, 1-0 and 0-1
//! beads of real pairs, and no stretch of it repeats another exactly. Where
//! no corpus is at hand, the corpus is generated text.

use super::perturb::{joiner, ParallelCorpus};
use super::splitmix::SplitMix64;
use super::{EvalError, Rates};

/// A document pair made for a benchmark, one sentence a line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LongDocument {
    pub src_lines: Vec<String>,
    pub tgt_lines: Vec<String>,
}

/// The seed of the first copy (copy `k` has `FIRST_SEED + k`): that of the
/// development sets, so that the first copy of FLORES is the set the
/// accuracy figures come from.
const FIRST_SEED: u64 = 7;

/// A document pair of exactly `sentences` source sentences: copies of
/// `corpus`, each perturbed ([`ParallelCorpus::perturb`], default rates)
/// with its own seed, their documents one after the other. The last copy
/// is cut after the bead of the last source sentence, so the target side
/// has about as many sentences (perturbation merges and drops alike on
/// both sides).
///
/// Panics when the corpus has no lines: there is nothing to copy.
pub fn long_document(corpus: &ParallelCorpus, sentences: usize) -> LongDocument {
    assert!(!corpus.src_lines.is_empty(), "a corpus of no lines makes no document");
    let mut doc = LongDocument::default();
    let mut seed = FIRST_SEED;
    loop {
        for part in corpus.perturb(seed, Rates::default()) {
            for link in &part.gold {
                let room = sentences - doc.src_lines.len();
                if room == 0 {
                    return doc;
                }
                doc.src_lines.extend(link.src.iter().take(room).map(|&i| part.src_lines[i].clone()));
                doc.tgt_lines.extend(link.tgt.iter().map(|&i| part.tgt_lines[i].clone()));
            }
        }
        seed += 1;
    }
}

/// The lines as running text, for timing a segmenter: joined as merged
/// lines are (by a space, or by nothing in a language written without
/// spaces), four to a paragraph, paragraphs between blank lines.
pub fn running_text(lines: &[String], lang: &str) -> String {
    let paragraphs: Vec<String> = lines.chunks(4).map(|p| p.join(joiner(lang))).collect();
    paragraphs.join("\n\n") + "\n"
}

/// Lines of the generated corpus: as many as FLORES devtest has.
const GENERATED_LINES: usize = 1012;

/// A corpus of generated text in `src` and `tgt`, for when no FLORES is at
/// hand: documents of 1 to 8 lines, each line a sentence of 6 to 24 words
/// drawn from a small vocabulary with the same meanings in every language
/// (`synthetic.tsv`, words a dictionary lists, so that the built-in
/// lexicons know them), now and then a number. Lengths, numbers and words
/// tie the two sides as in real translations; the same every time.
pub fn generated(src: &str, tgt: &str) -> Result<ParallelCorpus, EvalError> {
    let vocabulary = Vocabulary::parse(include_str!("synthetic.tsv"));
    let columns = [src, tgt].map(|lang| vocabulary.column(lang));
    let [Ok(src_column), Ok(tgt_column)] = columns else {
        let lang = if columns[0].is_err() { src } else { tgt };
        return Err(EvalError::NoGeneratedText { lang: lang.to_string(), langs: vocabulary.langs.join(", ") });
    };
    let mut rng = SplitMix64(1);
    let (mut src_lines, mut tgt_lines, mut docs) = (Vec::new(), Vec::new(), Vec::new());
    while src_lines.len() < GENERATED_LINES {
        let start = src_lines.len();
        let end = (start + 1 + rng.below(8)).min(GENERATED_LINES);
        for _ in start..end {
            let sentence = Sentence::draw(&mut rng, vocabulary.words.len());
            src_lines.push(sentence.render(&vocabulary, src_column, src));
            tgt_lines.push(sentence.render(&vocabulary, tgt_column, tgt));
        }
        docs.push(start..end);
    }
    Ok(ParallelCorpus { src: src.to_string(), tgt: tgt.to_string(), src_lines, tgt_lines, docs })
}

/// The words of `synthetic.tsv`: one meaning a row, one language a column.
struct Vocabulary {
    langs: Vec<String>,
    words: Vec<Vec<String>>,
}

impl Vocabulary {
    fn parse(text: &str) -> Vocabulary {
        let mut rows = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let split = |l: &str| l.split('\t').map(str::to_string).collect::<Vec<_>>();
        let langs = split(rows.next().expect("synthetic.tsv has a header"));
        let words: Vec<Vec<String>> = rows.map(split).collect();
        assert!(words.iter().all(|w| w.len() == langs.len()), "synthetic.tsv: a word for each language on each row");
        Vocabulary { langs, words }
    }

    fn column(&self, lang: &str) -> Result<usize, ()> {
        self.langs.iter().position(|l| l == lang).ok_or(())
    }
}

/// A sentence as meanings, before it is written in a language.
struct Sentence {
    words: Vec<usize>,
    /// A number and the place of the word it comes before.
    number: Option<(usize, u32)>,
    question: bool,
}

impl Sentence {
    fn draw(rng: &mut SplitMix64, vocabulary: usize) -> Sentence {
        let words: Vec<usize> = (0..6 + rng.below(19)).map(|_| rng.below(vocabulary)).collect();
        let number = rng.chance(0.15).then(|| (rng.below(words.len()), 1 + rng.below(2024) as u32));
        Sentence { words, number, question: rng.chance(0.05) }
    }

    fn render(&self, vocabulary: &Vocabulary, column: usize, lang: &str) -> String {
        let mut tokens: Vec<String> = self.words.iter().map(|&w| vocabulary.words[w][column].clone()).collect();
        if let Some((at, n)) = self.number {
            tokens.insert(at, n.to_string());
        }
        let unspaced = joiner(lang).is_empty();
        let end = match (self.question, unspaced) {
            (false, false) => ".",
            (true, false) => "?",
            (false, true) => "。",
            (true, true) => "？",
        };
        let text = tokens.join(joiner(lang)) + end;
        let mut chars = text.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_document_has_the_sentences_asked_for_and_is_the_same_every_time() {
        let corpus = generated("en", "ru").unwrap();
        for n in [1, 200, 1012, 2500] {
            let doc = long_document(&corpus, n);
            assert_eq!(doc.src_lines.len(), n);
            let tgt = doc.tgt_lines.len() as f64;
            assert!((tgt - n as f64).abs() <= 0.1 * n as f64 + 2.0, "{n} source sentences, {tgt} target");
            assert_eq!(doc, long_document(&corpus, n));
        }
    }

    #[test]
    fn copies_are_perturbed_apart() {
        let corpus = generated("en", "zh").unwrap();
        let doc = long_document(&corpus, 3000);
        // Merges and drops differ from copy to copy: the second copy's
        // sentences do not repeat the first's in order.
        let first: Vec<&String> = doc.src_lines.iter().take(900).collect();
        let repeats = doc.src_lines.windows(900).skip(100).any(|w| w.iter().eq(first.iter().copied()));
        assert!(!repeats);
        assert!(doc.src_lines.iter().any(|l| l.contains(' ')) && !doc.tgt_lines.iter().any(|l| l.contains(' ')));
    }

    #[test]
    fn generated_text_is_parallel_and_in_documents() {
        let corpus = generated("en", "zh").unwrap();
        assert_eq!(corpus.src_lines.len(), GENERATED_LINES);
        assert_eq!(corpus.tgt_lines.len(), GENERATED_LINES);
        assert_eq!(corpus.docs.first().unwrap().start, 0);
        assert_eq!(corpus.docs.last().unwrap().end, GENERATED_LINES);
        assert!(corpus.docs.windows(2).all(|d| d[0].end == d[1].start && !d[1].is_empty()));
        // A number on one side is on the other.
        for (en, zh) in corpus.src_lines.iter().zip(&corpus.tgt_lines) {
            let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            assert_eq!(digits(en), digits(zh));
            assert!(en.ends_with(['.', '?']) && zh.ends_with(['。', '？']), "{en} | {zh}");
        }
        assert_eq!(corpus, generated("en", "zh").unwrap());
    }

    #[test]
    fn generated_text_only_in_the_languages_of_its_vocabulary() {
        let err = generated("en", "de").unwrap_err();
        assert!(matches!(&err, EvalError::NoGeneratedText { lang, .. } if lang == "de"), "{err}");
        assert!(err.to_string().contains("en, ru, zh"), "{err}");
    }

    #[test]
    fn running_text_has_paragraphs_of_four_sentences() {
        let lines: Vec<String> = (0..6).map(|k| format!("Sentence {k}.")).collect();
        assert_eq!(
            running_text(&lines, "en"),
            "Sentence 0. Sentence 1. Sentence 2. Sentence 3.\n\nSentence 4. Sentence 5.\n"
        );
        assert_eq!(running_text(&["句。".to_string(), "句。".to_string()], "zh"), "句。句。\n");
    }
}
