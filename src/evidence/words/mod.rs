//! Words as the lexical evidence compares them.
//!
//! Lexical evidence (word translation probabilities, bilingual lexicons)
//! asks whether the words of two sentences translate each other. It counts
//! and looks up words by their **key**: the surface word with the
//! differences that do not change the word taken out, so that the forms of
//! one word pool their counts and meet their lexicon entries:
//!
//! - NFKC: full-width letters, ligatures and other compatibility forms
//!   become the plain letters (`Ｐｕｔｉｎ` → `Putin`, `ﬁ` → `fi`);
//! - lower case: a word opening a sentence is the same word;
//! - `ё` → `е`: Russian writes the dots optionally, and the Snowball stemmer
//!   does not fold them;
//! - the Snowball stem, for the languages that have one: "переговоров" and
//!   "переговоры" are one word to a translation model.
//!
//! Chinese is not inflected and not written with spaces: its key is a word
//! of the jieba segmentation when a jieba dictionary is given, else every
//! Han character on its own (characters still carry most of the meaning).
//!
//! Left out, because they tell nothing about which sentence translates which,
//! or because another evidence compares them: numbers (the anchor evidence),
//! punctuation, words of one letter (Han characters excepted), and
//! stop-words — the most frequent function words, which occur in nearly
//! every sentence. The stop-word lists are data files under `stopwords/`.
//!
//! A [`Tokenizer`] is built once per language and shared between threads;
//! [`Tokenizer::words`] allocates little beyond its output, as it runs on
//! every sentence of a corpus.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jieba_rs::Jieba;
use rust_stemmers::{Algorithm, Stemmer};
use sha2::{Digest, Sha256};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

mod chars;
mod dictionary;
mod stopwords;
#[cfg(test)]
mod tests;

use chars::{
    abbreviation_end, is_apostrophe, is_han, is_ignorable, is_letter, is_upper, is_word_char, push_lower, word_end,
};
pub use dictionary::HanChars;
use stopwords::StopWords;

/// One content word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Comparison key: NFKC, lower-case, ё→е, Snowball stem where the language has a stemmer;
    /// a jieba word (or a single Han character without the dictionary) for Chinese.
    pub key: String,
    /// The surface form, NFKC and lower-cased, unstemmed (for name and cognate matching).
    /// `ё` is kept here; apostrophes are written `'`; an elided article (`l'`) or an English
    /// clitic (`'s`) is not part of it.
    pub form: String,
    /// Whether the surface form starts with a capital letter (names).
    pub capitalised: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum WordsError {
    #[error("cannot read the word dictionary {path}: {source}")]
    Dictionary { path: std::path::PathBuf, source: std::io::Error },
    /// The file is readable but not a jieba dictionary (`word frequency [tag]` lines).
    #[error("the word dictionary {path} is not a jieba dictionary: {reason}")]
    BadDictionary { path: std::path::PathBuf, reason: String },
}

/// Whether jieba cuts with its hidden Markov model for words missing from
/// the dictionary. Names in jieba's dictionary (习近平, 普京, 特朗普, 莫斯科)
/// stayed whole either way on the development texts; names missing from it
/// are joined only by the HMM (张伟, 沙夫卡特 instead of 张 伟, 沙 夫), and the
/// HMM costs no measurable speed.
const JIEBA_HMM: bool = true;

/// English clitics cut off a word, so that "Putin's" is the name and
/// "they're" the pronoun (a stop-word). `n't` forms are stop-words instead:
/// cutting them would leave "ca" and "wo".
const ENGLISH_CLITICS: [&str; 6] = ["'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Elided articles, pronouns and conjunctions written before a word with an
/// apostrophe (`l'Europe`, `qu'il`, `dell'anno`): split off, as they are
/// function words and the word after them is the one to compare.
const FRENCH_ELISIONS: &[&str] = &["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];
const ITALIAN_ELISIONS: &[&str] = &[
    "l", "d", "c", "s", "m", "t", "v", "n", "un", "dell", "all", "dall", "nell", "sull", "coll", "quest", "quell",
    "bell", "sant",
];
const CATALAN_ELISIONS: &[&str] = &["l", "d", "s", "m", "t", "n"];

/// Splits text of one language into content words.
pub struct Tokenizer {
    /// The primary subtag of the language code, lower case (`zh` for `zh-Hans`).
    lang: String,
    stemmer: Option<Stemmer>,
    stop: StopWords,
    elisions: &'static [&'static str],
    english_clitics: bool,
    /// Chinese segmenter, only for `zh` with a dictionary.
    jieba: Option<Jieba>,
}

// Built once per language and shared by the aligning threads.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Tokenizer>();
};

impl fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokenizer")
            .field("lang", &self.lang)
            .field("stemmer", &self.stemmer.is_some())
            .field("stop_words", &self.stop.len())
            .field("dictionary", &self.jieba.is_some())
            .finish()
    }
}

impl Tokenizer {
    /// A tokenizer for a language code (`en`, `ru`, `zh`, `de`, `fr`, …; unknown codes get the
    /// generic rules). `jieba_dict` is jieba's `dict.txt`, used for Chinese when given.
    ///
    /// Only the primary subtag counts (`zh-Hant` is `zh`). The dictionary is ignored for other
    /// languages; loading the whole one takes a tenth of a second or more (see
    /// [`Tokenizer::for_chars`]).
    pub fn new(lang: &str, jieba_dict: Option<&Path>) -> Result<Tokenizer, WordsError> {
        let code = primary_subtag(lang);
        let jieba = match jieba_dict {
            Some(path) if code == "zh" => Some(dictionary::whole(path)?),
            _ => None,
        };
        Ok(Tokenizer::with(code, jieba))
    }

    /// A tokenizer that gives every text whose Han characters are all in `chars` the words
    /// [`Tokenizer::new`] gives it, with only the dictionary words made of those characters
    /// loaded: jieba cuts them alike, as only words inside a text can be cut from it. The
    /// words are found in a cache of `dict.txt` by character, kept beside it (or in
    /// `${XDG_CACHE_HOME:-$HOME/.cache}/trialign`).
    pub fn for_chars(lang: &str, jieba_dict: Option<&Path>, chars: &HanChars) -> Result<Tokenizer, WordsError> {
        let code = primary_subtag(lang);
        let jieba = match jieba_dict {
            Some(path) if code == "zh" => {
                Some(dictionary::for_chars(path, chars, crate::cache::user_dir().as_deref())?)
            }
            _ => None,
        };
        Ok(Tokenizer::with(code, jieba))
    }

    fn with(code: String, jieba: Option<Jieba>) -> Tokenizer {
        Tokenizer {
            stemmer: stemmer_algorithm(&code).map(Stemmer::create),
            stop: StopWords::for_lang(&code),
            elisions: match code.as_str() {
                "fr" => FRENCH_ELISIONS,
                "it" => ITALIAN_ELISIONS,
                "ca" => CATALAN_ELISIONS,
                _ => &[],
            },
            english_clitics: code == "en",
            jieba,
            lang: code,
        }
    }

    /// What the keys of `Tokenizer::new(lang, jieba_dict)` depend on, for a cache of keyed
    /// text: the language, whether a dictionary is read, and the code that makes keys (this
    /// module, its stop-word lists, the versions of the stemmer and jieba crates); and the
    /// dictionary file it reads, whose content counts too.
    pub fn keys_identity(lang: &str, jieba_dict: Option<&Path>) -> (Vec<u8>, Option<PathBuf>) {
        static CODE: OnceLock<[u8; 32]> = OnceLock::new();
        let code_digest = CODE.get_or_init(|| {
            let mut hash = Sha256::new();
            for part in [include_str!("mod.rs"), include_str!("chars.rs"), include_str!("stopwords.rs")] {
                hash.update(part);
            }
            for list in [stopwords::EN, stopwords::RU, stopwords::DE, stopwords::FR, stopwords::ZH] {
                hash.update(list);
            }
            hash.update(crate::cache::DEPENDENCIES);
            hash.finalize().into()
        });
        let code = primary_subtag(lang);
        let dict = jieba_dict.filter(|_| code == "zh").map(Path::to_path_buf);
        let mut identity = format!("words: {code}, dictionary: {}\n", dict.is_some()).into_bytes();
        identity.extend_from_slice(code_digest);
        (identity, dict)
    }

    /// The language code in use (primary subtag, lower case).
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether Chinese is cut into dictionary words (else into characters).
    pub fn has_dictionary(&self) -> bool {
        self.jieba.is_some()
    }

    /// Whether keys are stemmed (the language has a Snowball stemmer).
    pub fn has_stemmer(&self) -> bool {
        self.stemmer.is_some()
    }

    /// Whether a word (any case; ё and е alike) is a stop-word of the language.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop.contains(&stopwords::comparison_form(word), true)
    }

    /// Content words of `text`, in order: stop-words, numbers and punctuation left out.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        with_nfkc(text, |text| self.scan(text, &mut out));
        out
    }

    /// Walks NFKC text: runs of Han characters go to the Chinese cutter,
    /// runs of other letters and digits are words.
    fn scan(&self, text: &str, out: &mut Vec<Word>) {
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            if is_han(c) {
                let end = text[i..].find(|c| !is_han(c)).map_or(text.len(), |k| i + k);
                self.push_han_run(&text[i..end], out);
                i = end;
            } else if is_word_char(c) {
                if let Some(end) = abbreviation_end(text, i) {
                    self.push_abbreviation(&text[i..end], out);
                    i = end;
                } else {
                    let end = word_end(text, i);
                    self.push_word(&text[i..end], out);
                    i = end;
                }
            } else {
                i += c.len_utf8();
            }
        }
    }

    /// A word of letters and digits (with inner apostrophes), as written.
    fn push_word(&self, surface: &str, out: &mut Vec<Word>) {
        let surface = self.strip_elision(surface);
        let mut form = String::with_capacity(surface.len());
        let (mut letters, mut upper, mut capitalised) = (0usize, 0usize, None);
        for c in surface.chars() {
            if is_ignorable(c) {
                continue;
            }
            if is_apostrophe(c) {
                form.push('\'');
                continue;
            }
            if is_letter(c) {
                let is_upper = is_upper(c);
                letters += 1;
                upper += is_upper as usize;
                capitalised.get_or_insert(is_upper);
            }
            push_lower(&mut form, c);
        }
        // A number, or one with a lower-case ending (1960s, 10th, 5km): the
        // anchor evidence's. With capitals it is a name (5G, 3D).
        if letters == 0 || (surface.starts_with(|c: char| c.is_numeric()) && upper == 0) {
            return;
        }
        if self.english_clitics {
            if let Some(clitic) = ENGLISH_CLITICS.iter().find(|s| form.len() > s.len() && form.ends_with(*s)) {
                form.truncate(form.len() - clitic.len());
                if !form.chars().any(is_letter) {
                    return; // 90's
                }
            }
        }
        if is_short(&form) {
            return;
        }
        let folded: Cow<str> =
            if form.contains('ё') { Cow::Owned(form.replace('ё', "е")) } else { Cow::Borrowed(&form) };
        // All capitals is an acronym (US, IT, WHO), not the function word spelled alike.
        let acronym = letters >= 2 && upper == letters;
        if !acronym && self.stop.contains(&folded, true) {
            return;
        }
        let key = match &self.stemmer {
            Some(stemmer) => stemmer.stem(&folded).into_owned(),
            None => folded.into_owned(),
        };
        out.push(Word { key, form, capitalised: capitalised.unwrap_or(false) });
    }

    /// `l'Europe` → `Europe` in languages that elide.
    fn strip_elision<'t>(&self, surface: &'t str) -> &'t str {
        if self.elisions.is_empty() {
            return surface;
        }
        let Some((k, apostrophe)) = surface.char_indices().find(|&(_, c)| is_apostrophe(c)) else {
            return surface;
        };
        if self.elisions.iter().any(|e| e.eq_ignore_ascii_case(&surface[..k])) {
            &surface[k + apostrophe.len_utf8()..]
        } else {
            surface
        }
    }

    /// Single letters with dots (`U.S.`, `e.g.`): one word, dots kept so that
    /// "U.S." is not the pronoun "us", and not stemmed.
    fn push_abbreviation(&self, surface: &str, out: &mut Vec<Word>) {
        let form = surface.to_lowercase();
        if self.stop.contains(&form, true) {
            return;
        }
        let capitalised = surface.chars().next().is_some_and(char::is_uppercase);
        out.push(Word { key: form.clone(), form, capitalised });
    }

    /// A run of Han characters: dictionary words, or characters.
    fn push_han_run(&self, run: &str, out: &mut Vec<Word>) {
        match &self.jieba {
            Some(jieba) => {
                for token in jieba.cut(run, JIEBA_HMM) {
                    self.push_han(token.word, true, out);
                }
            }
            None => {
                for (k, c) in run.char_indices() {
                    self.push_han(&run[k..k + c.len_utf8()], false, out);
                }
            }
        }
    }

    fn push_han(&self, word: &str, segmented: bool, out: &mut Vec<Word>) {
        if self.stop.contains(word, segmented) {
            return;
        }
        out.push(Word { key: word.to_owned(), form: word.to_owned(), capitalised: false });
    }
}

/// Fewer than two characters: one letter tells nothing (Han characters do
/// not come this way).
fn is_short(form: &str) -> bool {
    let mut chars = form.chars();
    chars.next();
    chars.next().is_none()
}

/// Runs `f` on the NFKC form of `text`. Most text is already NFKC (all
/// ASCII, most Cyrillic and Latin) and is passed as it is; the rest is
/// normalised into a buffer kept per thread, so that no call allocates.
fn with_nfkc<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    if text.is_ascii() || is_plainly_nfkc(text) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        return f(text);
    }
    thread_local!(static BUFFER: RefCell<String> = const { RefCell::new(String::new()) });
    BUFFER.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.clear();
            buffer.extend(text.nfkc());
            let result = f(&buffer);
            if buffer.capacity() > 1 << 20 {
                *buffer = String::new(); // do not keep a huge paragraph's worth
            }
            result
        }
        Err(_) => f(&text.nfkc().collect::<String>()),
    })
}

/// A fast sufficient test that NFKC would change nothing [`Tokenizer::words`]
/// sees: every character is ASCII, Russian Cyrillic, a common Han character,
/// or punctuation that NFKC leaves alone or turns into other punctuation
/// that is no part of a word (full-width `，` `（` `：`, which Chinese text is
/// full of). The library's test looks every character up in two tables,
/// and normalising Chinese text took an eighth of the time.
#[inline]
fn is_plainly_nfkc(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c,
            '\0'..='\x7F'
            | '\u{0400}'..='\u{045F}'
            | '\u{4E00}'..='\u{9FFF}'
            | '«' | '»' | '·' | '–' | '—' | '‘' | '’' | '“' | '”' | '„'
            // 、 。 〈 〉 《 》 「 」 『 』 【 】
            | '\u{3001}'..='\u{3002}' | '\u{3008}'..='\u{3011}'
            // ！ （ ） ， ： ； ？ (to ASCII punctuation)
            | '！' | '（' | '）' | '，' | '：' | '；' | '？')
    })
}

fn stemmer_algorithm(code: &str) -> Option<Algorithm> {
    Some(match code {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// The primary subtag of a language code, lower case (`zh` for `zh-Hans`).
fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase()
}
