//! The words of one language pair: tokenizers for both languages, the
//! vocabularies of the documents, and what lexicons and names say about
//! which words translate which — the prior of the translation table.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::lexicon::{KeyedLexicon, Keying, Lexicon, Readings};
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
    pub fn prior(
        &self,
        lexicons: &[&KeyedLexicon],
        readings: Option<&Readings>,
    ) -> (HashMap<(u32, u32), f32>, PriorReport) {
        let mut prior: HashMap<(u32, u32), f32> = HashMap::new();
        let mut report = PriorReport::default();
        for lexicon in lexicons {
            let forward = lexicon.src == self.src_lang && lexicon.tgt == self.tgt_lang;
            let backward = lexicon.src == self.tgt_lang && lexicon.tgt == self.src_lang;
            if !forward && !backward {
                continue;
            }
            let (src, tgt) = (self.src_vocab.words(), self.tgt_vocab.words());
            let mut used = 0;
            let mut add = |s: &[u32], t: &[u32]| {
                used += 1;
                let share = LEXICON_COUNT / (s.len() * t.len()) as f32;
                for &x in s {
                    for &y in t {
                        *prior.entry((x, y)).or_insert(0.0) += share;
                    }
                }
            };
            if forward {
                lexicon.matches(src, tgt, add);
            } else {
                lexicon.matches(tgt, src, |t, s| add(s, t));
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

    /// A lexicon of this pair's languages (a user's), its phrases keyed by
    /// the pair's tokenizers.
    pub fn key_lexicon(&self, lexicon: &Lexicon) -> KeyedLexicon {
        let src = |phrase: &str| phrase_keys(&self.src_tokenizer, phrase);
        let tgt = |phrase: &str| phrase_keys(&self.tgt_tokenizer, phrase);
        let mut keyed = KeyedLexicon::build(lexicon, &src, &tgt, None);
        (keyed.src, keyed.tgt) = (self.src_lang.clone(), self.tgt_lang.clone());
        keyed
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

/// The keys of a lexicon phrase's content words, when it has one to three:
/// the words of a longer phrase are not each other's translations.
pub fn phrase_keys(tokenizer: &Tokenizer, phrase: &str) -> Option<Vec<String>> {
    let words = tokenizer.words(phrase);
    if words.is_empty() || words.len() > MAX_PHRASE_WORDS {
        return None;
    }
    Some(words.into_iter().map(|w| w.key).collect())
}

/// What [`phrase_keys`] gives for the columns of a `src` → `tgt` lexicon
/// depends on (with `jieba_dict` for Chinese).
pub fn keying(src: &str, tgt: &str, jieba_dict: Option<&Path>) -> Keying {
    let mut keying =
        Keying { identity: format!("phrases of up to {MAX_PHRASE_WORDS} words\n").into_bytes(), files: Vec::new() };
    for lang in [src, tgt] {
        let (identity, file) = Tokenizer::keys_identity(lang, jieba_dict);
        keying.identity.extend_from_slice(&identity);
        keying.files.extend(file);
    }
    keying
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::evidence::lexicon::{self, load_keyed, read_cedict, read_mueller, Keys, LexiconError, Source};
    use crate::evidence::translation::{TableOptions, TranslationTable};
    use crate::evidence::words::HanChars;
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
        let (prior, report) = space.prior(&[&space.key_lexicon(&lexicon)], None);
        let used = LexiconUse { name: "test".into(), path: "test.tsv".into(), entries_used: 4 };
        assert_eq!(report.lexicons, vec![used], "bread is in neither text");
        let table = Arc::new(TranslationTable::new(&space.src_vocab, &space.tgt_vocab, prior, TableOptions::default()));
        let evidence = Lexical::new(table, src, tgt, LexicalWeights { weight: 1.0 });
        let (right, wrong) = (evidence.log_ratio(0..1, 0..1), evidence.log_ratio(0..1, 1..2));
        assert!(right > 0.0 && wrong < 0.0, "{right} {wrong}");
        assert!(evidence.log_ratio(1..2, 1..2) > evidence.log_ratio(1..2, 0..1));
    }

    /// The prior as it was made before lexicons were keyed:
    /// every phrase split into words by the pair's tokenizers, each word
    /// looked up in the documents. Keyed lexicons must give exactly this.
    fn reference_prior(space: &WordSpace, lexicons: &[(&Lexicon, bool)]) -> (HashMap<(u32, u32), f32>, Vec<usize>) {
        let known = |tokenizer: &Tokenizer, vocab: &Vocab, phrase: &str| -> Option<Vec<u32>> {
            let words = tokenizer.words(phrase);
            if words.is_empty() || words.len() > MAX_PHRASE_WORDS {
                return None;
            }
            words.iter().map(|w| vocab.get(&w.key)).collect()
        };
        let mut prior: HashMap<(u32, u32), f32> = HashMap::new();
        let mut used = Vec::new();
        for &(lexicon, forward) in lexicons {
            let mut n = 0;
            for (a, b) in &lexicon.entries {
                let (s, t) = if forward { (a, b) } else { (b, a) };
                let Some(s) = known(&space.src_tokenizer, &space.src_vocab, s) else { continue };
                let Some(t) = known(&space.tgt_tokenizer, &space.tgt_vocab, t) else { continue };
                n += 1;
                let share = LEXICON_COUNT / (s.len() * t.len()) as f32;
                for &x in &s {
                    for &y in &t {
                        *prior.entry((x, y)).or_insert(0.0) += share;
                    }
                }
            }
            used.push(n);
        }
        for pair in space.name_pairs(None) {
            *prior.entry(pair).or_insert(0.0) += NAME_COUNT;
        }
        (prior, used)
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lexicon").join(name)
    }

    /// [`load_keyed`] with the tokenizers of the lexicon's languages.
    fn load(source: &Source, jieba: Option<&Path>, user: Option<&Path>) -> KeyedLexicon {
        let (src, tgt) = source.langs();
        load_keyed(source, &keying(src, tgt, jieba), user, || {
            let (s, t) = (Tokenizer::new(src, jieba).unwrap(), Tokenizer::new(tgt, jieba).unwrap());
            Ok::<_, LexiconError>((
                Box::new(move |p: &str| phrase_keys(&s, p)) as Box<Keys>,
                Box::new(move |p: &str| phrase_keys(&t, p)) as Box<Keys>,
            ))
        })
        .unwrap()
    }

    /// The prior, and the entries each lexicon matched.
    fn lexicon_prior(space: &WordSpace, lexicons: &[&KeyedLexicon]) -> (HashMap<(u32, u32), f32>, Vec<usize>) {
        let (prior, report) = space.prior(lexicons, None);
        (prior, report.lexicons.iter().map(|l| l.entries_used).collect())
    }

    #[test]
    fn keyed_miniatures_give_the_prior_the_phrases_gave() {
        let dir = tempfile::tempdir().unwrap();
        let jieba = dir.path().join("jieba").join("dict.txt");
        std::fs::create_dir_all(jieba.parent().unwrap()).unwrap();
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/evidence/words/testdata/jieba_tiny.txt"), &jieba)
            .unwrap();
        let cedict_file = dir.path().join("cedict.txt");
        std::fs::copy(fixture("zh-en-miniature.txt"), &cedict_file).unwrap();
        let cedict = Source { kind: lexicon::SourceKind::Cedict(cedict_file.clone()), in_data_dir: true };
        let mueller = Source {
            kind: lexicon::SourceKind::Mueller { index: fixture("mini.index"), dict: fixture("mini.dict.dz") },
            in_data_dir: false,
        };
        let (cedict_entries, readings) = read_cedict(&cedict_file).unwrap();
        let mueller_entries = read_mueller(&fixture("mini.index"), &fixture("mini.dict.dz")).unwrap();

        let zh_text = "习近平主席和普京总统在北京举行会谈，讨论传统、银行和欧洲。吕先生哪儿都去。";
        let en_text = "President Xi Jinping and President Putin held talks in Beijing on tradition, banks and Europe. \
                       He ran to the bank by the river; an apple of the northeast, mother of pearl.";
        let ru_text = "Он бежал к берегу реки; банк, яблоко, яблоня, северо-восток, перламутр, рейс и маршрут.";
        let zh = Tokenizer::new("zh", Some(&jieba)).unwrap();
        let full = |lang| Tokenizer::new(lang, None).unwrap();
        let for_chars = Tokenizer::for_chars("zh", Some(&jieba), &HanChars::of([zh_text])).unwrap();

        for (src_first, zh_tokenizer) in [(true, zh), (false, for_chars)] {
            // zh–en both ways: CC-CEDICT read forward and backward.
            let mut space = if src_first {
                WordSpace::new("zh", "en", zh_tokenizer, full("en"))
            } else {
                WordSpace::new("en", "zh", full("en"), zh_tokenizer)
            };
            let (z, e) = if src_first { (zh_text, en_text) } else { (en_text, zh_text) };
            space.add_src([z]);
            space.add_tgt([e]);
            let (expected, used) = reference_prior(&space, &[(&cedict_entries, src_first)]);
            assert!(used[0] >= 5, "{used:?}");
            let user = tempfile::tempdir().unwrap();
            let built = load(&cedict, Some(&jieba), Some(user.path()));
            let cached = load(&cedict, Some(&jieba), Some(user.path()));
            assert!(built.readings("习".chars()).is_some_and(|r| r[&'习'] == readings[&'习']));
            for keyed in [&built, &cached] {
                assert_eq!(lexicon_prior(&space, &[keyed]), (expected.clone(), used.clone()));
            }
        }

        let mut space = WordSpace::new("en", "ru", full("en"), full("ru"));
        space.add_src([en_text]);
        space.add_tgt([ru_text]);
        let (expected, used) = reference_prior(&space, &[(&mueller_entries, true)]);
        assert!(used[0] >= 5, "{used:?}");
        let user = tempfile::tempdir().unwrap();
        let built = load(&mueller, None, Some(user.path()));
        let cached = load(&mueller, None, Some(user.path()));
        for keyed in [&built, &cached] {
            assert_eq!(lexicon_prior(&space, &[keyed]), (expected.clone(), used.clone()));
        }
        // A user's lexicon, keyed by the pair's tokenizers.
        assert_eq!(lexicon_prior(&space, &[&space.key_lexicon(&mueller_entries)]), (expected, used));
    }

    /// The real lexicons, where installed, on the shipped corpus: the prior
    /// from the caches (as a run reads them) is the one the phrases give.
    #[test]
    fn the_installed_lexicons_give_the_prior_the_phrases_gave() {
        let found = lexicon::find(&["en", "ru", "zh"]).unwrap();
        if found.sources.is_empty() {
            eprintln!("notice: no lexicon installed (scripts/setup.sh); skipped");
            return;
        }
        let text = |lang: &str| {
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("corpora/statement/{lang}.txt")))
                .unwrap()
        };
        let jieba = found.jieba_dict.as_deref();
        for source in &found.sources {
            let (lexicon, _) = source.read().unwrap();
            let keyed = load(source, jieba, crate::cache::user_dir().as_deref());
            let (src, tgt) = if source.langs().0 == "zh" { ("en", "zh") } else { ("en", "ru") };
            let texts = [text(src), text(tgt)];
            let chars = HanChars::of(texts.iter().map(String::as_str));
            let space = |whole: bool| {
                let tokenizer = |lang| match whole {
                    true => Tokenizer::new(lang, jieba).unwrap(),
                    false => Tokenizer::for_chars(lang, jieba, &chars).unwrap(),
                };
                let mut space = WordSpace::new(src, tgt, tokenizer(src), tokenizer(tgt));
                space.add_src(texts[0].lines());
                space.add_tgt(texts[1].lines());
                space
            };
            let (reference, keyed_space) = (space(true), space(false));
            let (expected, used) = reference_prior(&reference, &[(&lexicon, source.langs().0 == src)]);
            assert!(used[0] >= 20, "{}: {used:?}", source.name());
            assert_eq!(lexicon_prior(&keyed_space, &[&keyed]), (expected, used), "{}", source.name());
        }
    }
}
