//! The words of one language pair: tokenizers for both languages, the
//! vocabularies of the documents, and what lexicons and names say about
//! which words translate which — the prior of the translation table.

use std::collections::{HashMap, HashSet};

use super::lexicon::{Lexicon, Readings};
use super::names::latin_keys;
use super::translation::Vocab;
use super::words::{Tokenizer, Word};

/// Pseudo-count a lexicon entry gives each of its word pairs.
const LEXICON_COUNT: f32 = 1.0;
/// Pseudo-count of two words taken for the same name.
const NAME_COUNT: f32 = 1.0;
/// Lexicon phrases longer than this (in content words) are left out: their
/// words are not each other's translations.
const MAX_PHRASE_WORDS: usize = 3;

/// A lexicon as a run used it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LexiconUse {
    pub name: String,
    pub path: String,
    /// Entries whose words both occur in the documents.
    pub entries_used: usize,
}

/// What the prior of a language pair was made from, for the summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PriorReport {
    /// Per lexicon: its name, path, and how many of its entries matched
    /// words of the documents.
    pub lexicons: Vec<LexiconUse>,
    /// Word pairs taken for the same name (or the same word) in both
    /// languages.
    pub names: usize,
}

/// Lexicon entries that must match words of the documents for the
/// alignment to count as made with a lexicon.
const MIN_LEXICON_ENTRIES: usize = 5;

impl PriorReport {
    /// Whether a lexicon matched enough words of the documents to count.
    pub fn lexicon_matched(&self) -> bool {
        self.lexicons.iter().map(|l| l.entries_used).sum::<usize>() >= MIN_LEXICON_ENTRIES
    }
}

/// Tokenizers and vocabularies of a language pair.
pub struct WordSpace {
    src_lang: String,
    tgt_lang: String,
    src_tokenizer: Tokenizer,
    tgt_tokenizer: Tokenizer,
    pub src_vocab: Vocab,
    pub tgt_vocab: Vocab,
    /// Distinct surface forms of each word id (names are matched on forms,
    /// not stems), with whether one was capitalised.
    src_forms: HashMap<u32, HashMap<String, bool>>,
    tgt_forms: HashMap<u32, HashMap<String, bool>>,
}

impl WordSpace {
    pub fn new(src_lang: &str, tgt_lang: &str, src_tokenizer: Tokenizer, tgt_tokenizer: Tokenizer) -> WordSpace {
        WordSpace {
            src_lang: src_lang.to_owned(),
            tgt_lang: tgt_lang.to_owned(),
            src_tokenizer,
            tgt_tokenizer,
            src_vocab: Vocab::default(),
            tgt_vocab: Vocab::default(),
            src_forms: HashMap::new(),
            tgt_forms: HashMap::new(),
        }
    }

    /// The content words of source sentences, as ids.
    pub fn add_src<'a>(&mut self, sentences: impl IntoIterator<Item = &'a str>) -> Vec<Vec<u32>> {
        add(&self.src_tokenizer, &mut self.src_vocab, &mut self.src_forms, sentences)
    }

    /// The content words of target sentences, as ids.
    pub fn add_tgt<'a>(&mut self, sentences: impl IntoIterator<Item = &'a str>) -> Vec<Vec<u32>> {
        add(&self.tgt_tokenizer, &mut self.tgt_vocab, &mut self.tgt_forms, sentences)
    }

    /// Pseudo-counts for the word pairs of the documents that the lexicons
    /// list, or that are the same name. A lexicon may run either way
    /// (its `src`/`tgt` against this pair's languages).
    pub fn prior(&self, lexicons: &[Lexicon], readings: Option<&Readings>) -> (HashMap<(u32, u32), f32>, PriorReport) {
        let mut prior: HashMap<(u32, u32), f32> = HashMap::new();
        let mut report = PriorReport::default();
        for lexicon in lexicons {
            let forward = lexicon.src == self.src_lang && lexicon.tgt == self.tgt_lang;
            let backward = lexicon.src == self.tgt_lang && lexicon.tgt == self.src_lang;
            if !forward && !backward {
                continue;
            }
            let mut used = 0;
            for (a, b) in &lexicon.entries {
                let (s, t) = if forward { (a, b) } else { (b, a) };
                let Some(s) = known(&self.src_tokenizer, &self.src_vocab, s) else { continue };
                let Some(t) = known(&self.tgt_tokenizer, &self.tgt_vocab, t) else { continue };
                used += 1;
                let share = LEXICON_COUNT / (s.len() * t.len()) as f32;
                for &x in &s {
                    for &y in &t {
                        *prior.entry((x, y)).or_insert(0.0) += share;
                    }
                }
            }
            report.lexicons.push(LexiconUse {
                name: lexicon.name.clone(),
                path: lexicon.path.display().to_string(),
                entries_used: used,
            });
        }
        for pair in self.name_pairs(readings) {
            *prior.entry(pair).or_insert(0.0) += NAME_COUNT;
            report.names += 1;
        }
        (prior, report)
    }

    /// Word pairs whose forms share a Latin key: the same name in two
    /// scripts, or the same word in two Latin-script languages. Both forms
    /// must be capitalised, or the key long enough to be no accident.
    fn name_pairs(&self, readings: Option<&Readings>) -> HashSet<(u32, u32)> {
        let keys = |lang: &str, forms: &HashMap<u32, HashMap<String, bool>>| {
            let mut by_key: HashMap<String, Vec<(u32, bool)>> = HashMap::new();
            for (&id, forms) in forms {
                for (form, &capitalised) in forms {
                    for key in latin_keys(lang, form, readings) {
                        by_key.entry(key).or_default().push((id, capitalised));
                    }
                }
            }
            by_key
        };
        let src = keys(&self.src_lang, &self.src_forms);
        let tgt = keys(&self.tgt_lang, &self.tgt_forms);
        let mut pairs = HashSet::new();
        for (key, s_ids) in &src {
            let Some(t_ids) = tgt.get(key) else { continue };
            for &(s, s_cap) in s_ids {
                for &(t, t_cap) in t_ids {
                    if (s_cap || self.src_lang == "zh") && (t_cap || self.tgt_lang == "zh") || key.chars().count() >= 6
                    {
                        pairs.insert((s, t));
                    }
                }
            }
        }
        pairs
    }
}

fn add<'a>(
    tokenizer: &Tokenizer,
    vocab: &mut Vocab,
    forms: &mut HashMap<u32, HashMap<String, bool>>,
    sentences: impl IntoIterator<Item = &'a str>,
) -> Vec<Vec<u32>> {
    sentences
        .into_iter()
        .map(|text| {
            tokenizer
                .words(text)
                .into_iter()
                .map(|Word { key, form, capitalised }| {
                    let id = vocab.add(&key);
                    *forms.entry(id).or_default().entry(form).or_insert(false) |= capitalised;
                    id
                })
                .collect()
        })
        .collect()
}

/// The ids of a lexicon phrase's words, when all are in the documents and
/// there are few enough.
fn known(tokenizer: &Tokenizer, vocab: &Vocab, phrase: &str) -> Option<Vec<u32>> {
    let words = tokenizer.words(phrase);
    if words.is_empty() || words.len() > MAX_PHRASE_WORDS {
        return None;
    }
    words.iter().map(|w| vocab.get(&w.key)).collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::evidence::translation::{TableOptions, TranslationTable};
    use crate::evidence::{Evidence, Lexical, LexicalWeights};

    fn en_ru() -> WordSpace {
        WordSpace::new("en", "ru", Tokenizer::new("en", None).unwrap(), Tokenizer::new("ru", None).unwrap())
    }

    fn key(tokenizer: &Tokenizer, word: &str) -> String {
        tokenizer.words(word).pop().unwrap().key
    }

    #[test]
    fn names_pair_across_scripts() {
        let mut space = en_ru();
        space.add_src(["Putin met Xi Jinping in Moscow."]);
        space.add_tgt(["Путин встретился с Си Цзиньпином в Москве."]);
        let (prior, report) = space.prior(&[], None);
        let pair = |en: &str, ru: &str| {
            let s = space.src_vocab.get(&key(&space.src_tokenizer, en)).unwrap();
            let t = space.tgt_vocab.get(&key(&space.tgt_tokenizer, ru)).unwrap();
            prior.contains_key(&(s, t))
        };
        assert!(pair("Putin", "Путин"));
        assert!(pair("Xi", "Си"));
        assert!(pair("Jinping", "Цзиньпином"));
        assert!(!pair("Putin", "Си"));
        assert_eq!(report.names, 3, "Moscow and Москве are no name match: {report:?}");
    }

    #[test]
    fn lexicon_entries_make_their_sentences_evidence_for_each_other() {
        let mut space = en_ru();
        let src = space.add_src(["The ministers signed the treaty.", "Rain fell all night."]);
        let tgt = space.add_tgt(["Министры подписали договор.", "Всю ночь шёл дождь."]);
        let lexicon = Lexicon {
            name: "test".into(),
            path: PathBuf::from("test.tsv"),
            src: "en".into(),
            tgt: "ru".into(),
            entries: [
                ("treaty", "договор"),
                ("to sign", "подписать"),
                ("rain", "дождь"),
                ("night", "ночь"),
                ("bread", "хлеб"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .to_vec(),
        };
        let (prior, report) = space.prior(&[lexicon], None);
        let used = LexiconUse { name: "test".into(), path: "test.tsv".into(), entries_used: 4 };
        assert_eq!(report.lexicons, vec![used], "bread is in neither text");
        let table = Arc::new(TranslationTable::new(&space.src_vocab, &space.tgt_vocab, prior, TableOptions::default()));
        let evidence = Lexical::new(table, src, tgt, LexicalWeights { weight: 1.0 });
        let (right, wrong) = (evidence.log_ratio(0..1, 0..1), evidence.log_ratio(0..1, 1..2));
        assert!(right > 0.0 && wrong < 0.0, "{right} {wrong}");
        assert!(evidence.log_ratio(1..2, 1..2) > evidence.log_ratio(1..2, 0..1));
    }
}
