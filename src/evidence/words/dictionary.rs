//! jieba's dictionary, whole or cut down to the characters of some texts.
//!
//! jieba cuts a run of Han characters by the dictionary words that are
//! substrings of it, each scored `ln(freq) − ln(total)`, where `total` sums
//! the frequencies of the whole dictionary (unknown characters count 1, and
//! the HMM for runs left unjoined is built in, not read from the
//! dictionary). So a dictionary holding only the words whose characters all
//! occur in the texts, plus one entry that no text can contain carrying
//! the frequency of the rest, cuts those texts exactly as the whole one.
//! Loading the 349k words of `dict.txt` takes a tenth of a second or more;
//! the few thousand words of a short document, a few milliseconds.
//!
//! To find those words without parsing `dict.txt` each time, its words are
//! cached by first character beside it (see the crate's `cache` module),
//! with the total.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jieba_rs::Jieba;
use sha2::{Digest, Sha256};

use super::chars::is_han;
use super::with_nfkc;
use super::WordsError;
use crate::cache::bytes::{Reader, U32s, Writer};
use crate::cache::{self, Cache};

/// The entry that carries the frequency of the words left out: a private-use
/// character, never part of the Han runs the tokenizer gives jieba.
const REST: &str = "\u{E000}";

/// The Han characters of some texts (after NFKC, as the tokenizer sees
/// them): the basic plane in a bitmap, the rest in a sorted list.
#[derive(Debug, Clone)]
pub struct HanChars {
    plane: Vec<u64>,
    others: Vec<char>,
}

impl Default for HanChars {
    fn default() -> HanChars {
        HanChars { plane: vec![0; 1 << 10], others: Vec::new() }
    }
}

impl HanChars {
    /// The Han characters of `texts`.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> HanChars {
        let mut chars = HanChars::default();
        for text in texts {
            chars.add(text);
        }
        chars
    }

    pub fn add(&mut self, text: &str) {
        if text.is_ascii() {
            return;
        }
        with_nfkc(text, |text| {
            for c in text.chars().filter(|&c| is_han(c)) {
                match u16::try_from(u32::from(c)) {
                    Ok(k) => self.plane[usize::from(k >> 6)] |= 1 << (k & 63),
                    Err(_) => {
                        if let Err(at) = self.others.binary_search(&c) {
                            self.others.insert(at, c);
                        }
                    }
                }
            }
        });
    }

    pub fn contains(&self, c: char) -> bool {
        match u16::try_from(u32::from(c)) {
            Ok(k) => self.plane[usize::from(k >> 6)] & (1 << (k & 63)) != 0,
            Err(_) => self.others.binary_search(&c).is_ok(),
        }
    }

    /// The characters, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = char> + '_ {
        let plane = self.plane.iter().enumerate().flat_map(|(i, &bits)| {
            // Each step clears the lowest bit set, until none is left.
            std::iter::successors((bits != 0).then_some(bits), |&b| Some(b & (b - 1)).filter(|&n| n != 0))
                .filter_map(move |b| char::from_u32(i as u32 * 64 + b.trailing_zeros()))
        });
        plane.chain(self.others.iter().copied())
    }
}

/// The whole dictionary, as jieba reads it.
pub(super) fn whole(path: &Path) -> Result<Jieba, WordsError> {
    let file = std::fs::File::open(path).map_err(|source| WordsError::Dictionary { path: path.to_owned(), source })?;
    let mut jieba = Jieba::empty();
    jieba.load_dict(&mut std::io::BufReader::new(file)).map_err(|e| match e {
        jieba_rs::Error::Io(source) => WordsError::Dictionary { path: path.to_owned(), source },
        other => WordsError::BadDictionary { path: path.to_owned(), reason: other.to_string() },
    })?;
    Ok(jieba)
}

/// A dictionary that cuts every run of `chars` as [`whole`] does, from the
/// cache when it is valid (else `dict.txt` is read, and the cache written
/// beside it or in `user_dir`).
pub(super) fn for_chars(path: &Path, chars: &HanChars, user_dir: Option<&Path>) -> Result<Jieba, WordsError> {
    let cache = Cache::new(&[path], identity(), true, user_dir);
    if let Some(words) = cache.as_ref().and_then(Cache::read).and_then(|p| Index::parse(p.bytes())?.words(chars)) {
        return Ok(words.into_jieba());
    }
    let payload = index(path)?;
    if let Some(cache) = &cache {
        cache.write(&payload);
    }
    let index = Index::parse(&payload).expect("an index just built parses");
    Ok(index.words(chars).expect("an index just built reads").into_jieba())
}

/// What the cache depends on besides `dict.txt`: its layout (this file) and
/// jieba's version.
fn identity() -> &'static [u8] {
    static IDENTITY: OnceLock<[u8; 32]> = OnceLock::new();
    IDENTITY.get_or_init(|| {
        let mut hash = Sha256::new();
        hash.update(include_str!("dictionary.rs"));
        hash.update(cache::DEPENDENCIES);
        hash.finalize().into()
    })
}

/// Reads `dict.txt` as jieba does — per line `word [frequency [tag]]`, the
/// frequency 0 when missing, a later line of the same word replacing its
/// frequency — into the cache's payload.
///
/// Layout: the total (`u64`); the number of first characters (`u32`), the
/// characters (`u32` each, ascending) and where each one's words start in
/// the stream (`u32` each, and one for the end). In the stream, a first
/// character's words come in runs by their second character: the second
/// character (0 for the word of one character), the run's length in bytes,
/// then per word the length in bytes of what follows the two characters,
/// the frequency (varints all) and those bytes. A document's words are found
/// by reading only the runs of the characters it has.
fn index(path: &Path) -> Result<Vec<u8>, WordsError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| WordsError::Dictionary { path: path.to_owned(), source })?;
    let mut freqs: HashMap<&str, u64> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = match fields.next() {
            None => 0,
            Some(f) => f.parse::<usize>().map_err(|e| bad(path, format!("line {}: frequency {f}: {e}", i + 1)))?,
        };
        freqs.insert(word, freq as u64);
    }
    let total = freqs.values().try_fold(0u64, |sum, &f| sum.checked_add(f));
    let total = total.ok_or_else(|| bad(path, "the frequencies add up to more than 2⁶⁴".into()))?;
    let mut words: Vec<(&str, u64)> = freqs.into_iter().collect();
    // In code point order: a word's runs (by first, then second character) are contiguous.
    words.sort_unstable();
    let mut firsts: Vec<(char, u32)> = Vec::new();
    let mut stream = Writer::default();
    let mut run = Writer::default();
    let mut current: Option<(char, Option<char>)> = None;
    let flush = |stream: &mut Writer, run: Writer, second: Option<char>| {
        stream.varint(second.map_or(0, u64::from));
        stream.varint(run.written() as u64);
        stream.bytes(&run.into_bytes());
    };
    for &(word, freq) in &words {
        let mut chars = word.chars();
        let first = chars.next().expect("split_whitespace gives no empty word");
        let second = chars.next();
        if current != Some((first, second)) {
            if let Some((_, second)) = current {
                flush(&mut stream, std::mem::take(&mut run), second);
            }
            if current.is_none_or(|(c, _)| c != first) {
                firsts.push((first, stream.written() as u32));
            }
            current = Some((first, second));
        }
        let rest = chars.as_str();
        run.varint(rest.len() as u64);
        run.varint(freq);
        run.bytes(rest.as_bytes());
    }
    if let Some((_, second)) = current {
        flush(&mut stream, run, second);
    }
    let stream = stream.into_bytes();
    u32::try_from(stream.len()).map_err(|_| bad(path, "too large to index".into()))?;
    let mut w = Writer::default();
    w.u64(total);
    w.u32(firsts.len() as u32);
    for &(c, _) in &firsts {
        w.u32(c.into());
    }
    for &(_, start) in &firsts {
        w.u32(start);
    }
    w.u32(stream.len() as u32);
    w.bytes(&stream);
    Ok(w.into_bytes())
}

fn bad(path: &Path, reason: String) -> WordsError {
    WordsError::BadDictionary { path: PathBuf::from(path), reason }
}

/// A cached dictionary, read in place.
struct Index<'a> {
    total: u64,
    firsts: U32s<'a>,
    /// `firsts.len() + 1` offsets into `stream`.
    starts: U32s<'a>,
    stream: &'a [u8],
}

impl<'a> Index<'a> {
    /// The tables, when their sizes agree (the words are checked as read).
    fn parse(payload: &'a [u8]) -> Option<Index<'a>> {
        let mut r = Reader::new(payload);
        let total = r.u64()?;
        let n = r.u32()? as usize;
        let firsts = r.u32s(n)?;
        let starts = r.u32s(n.checked_add(1)?)?;
        let stream = r.rest();
        let ordered = starts.iter().zip(starts.iter().skip(1)).all(|(a, b)| a <= b);
        let sorted = firsts.iter().zip(firsts.iter().skip(1)).all(|(a, b)| a < b);
        (ordered && sorted && starts.get(n) as usize == stream.len()).then_some(Index { total, firsts, starts, stream })
    }

    /// The words made of `chars` only, with their frequencies; `None` when
    /// the stream is corrupt.
    fn words(&self, chars: &HanChars) -> Option<Words> {
        let mut words = Words { list: Vec::new(), rest: self.total };
        for first in chars.iter() {
            let Some(k) = self.firsts.search(u32::from(first)) else { continue };
            let group = self.stream.get(self.starts.get(k) as usize..self.starts.get(k + 1) as usize)?;
            let mut runs = Reader::new(group);
            while !runs.is_empty() {
                let second = match runs.varint()? {
                    0 => None,
                    c => Some(char::from_u32(u32::try_from(c).ok()?)?),
                };
                let len = runs.count(group.len())?;
                let mut run = Reader::new(runs.take(len)?);
                if second.is_some_and(|c| !chars.contains(c)) {
                    continue;
                }
                while !run.is_empty() {
                    let len = run.count(len)?;
                    let freq = run.varint()?;
                    let rest = std::str::from_utf8(run.take(len)?).ok()?;
                    if rest.chars().all(|c| chars.contains(c)) {
                        words.rest = words.rest.checked_sub(freq)?;
                        let mut word = String::with_capacity(8 + rest.len());
                        word.push(first);
                        word.extend(second);
                        word.push_str(rest);
                        words.list.push((word, freq));
                    }
                }
            }
        }
        Some(words)
    }
}

/// The words of a cut-down dictionary, and the frequency of those left out.
struct Words {
    list: Vec<(String, u64)>,
    rest: u64,
}

impl Words {
    fn into_jieba(self) -> Jieba {
        let mut jieba = Jieba::empty();
        for (word, freq) in &self.list {
            jieba.add_word(word, Some(*freq as usize), None);
        }
        if self.rest > 0 {
            jieba.add_word(REST, Some(self.rest as usize), None);
        }
        jieba
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::super::{Tokenizer, Word};
    use super::*;

    fn tiny() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/evidence/words/testdata/jieba_tiny.txt")
    }

    /// A copy of a dictionary in a folder of its own (its cache goes beside it).
    fn copy(dict: &Path) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dict.txt");
        std::fs::copy(dict, &path).unwrap();
        (dir, path)
    }

    fn cut<'t>(jieba: &Jieba, text: &'t str) -> Vec<&'t str> {
        jieba.cut(text, true).into_iter().map(|t| t.word).collect()
    }

    fn words(t: &Tokenizer, text: &str) -> Vec<Word> {
        t.words(text)
    }

    /// jieba's real dictionary where `scripts/setup.sh` installed it (or
    /// `TRIALIGN_JIEBA_DICT` names it).
    fn installed() -> Option<PathBuf> {
        let named = std::env::var_os("TRIALIGN_JIEBA_DICT").map(PathBuf::from);
        let dirs = crate::evidence::lexicon::data_dirs();
        let mut found = dirs.iter().map(|d| d.join(crate::evidence::lexicon::JIEBA_DICT_FILE));
        named.or_else(|| found.find(|p| p.is_file()))
    }

    /// The Chinese texts at hand: the shipped corpus, and the development
    /// sets where `../shared` has them.
    fn chinese_texts() -> Vec<(PathBuf, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("corpora/statement/zh.txt")];
        let data = root.join("../shared/data");
        if let Ok(entries) = std::fs::read_dir(data.join("mac-dev-zh-en")) {
            let mut zh: Vec<PathBuf> =
                entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "zh")).collect();
            zh.sort();
            files.extend(zh);
        }
        files.push(data.join("flores-devtest-en-ru-zh/all.zh"));
        files.into_iter().filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?))).collect()
    }

    #[test]
    fn a_dictionary_cut_down_to_the_characters_cuts_as_the_whole_one() {
        let (_dir, dict) = match installed() {
            Some(real) => (tempfile::tempdir().unwrap(), real),
            None => {
                eprintln!("notice: jieba's dictionary not installed (scripts/setup.sh); the test's one is used");
                copy(&tiny())
            }
        };
        let user = tempfile::tempdir().unwrap();
        let whole = Tokenizer::new("zh", Some(&dict)).unwrap();
        let texts = chinese_texts();
        assert!(!texts.is_empty());
        for (path, text) in &texts {
            let chars = HanChars::of(text.lines());
            let cut_down = for_chars(&dict, &chars, Some(user.path())).unwrap();
            let tokenizer = Tokenizer { jieba: Some(cut_down), ..Tokenizer::new("zh", None).unwrap() };
            for line in text.lines() {
                assert_eq!(words(&tokenizer, line), words(&whole, line), "{}: {line}", path.display());
            }
        }
        // Each text alone, its characters alone: the whole corpus's words.
        let all = HanChars::of(texts.iter().map(|(_, t)| t.as_str()));
        let tokenizer = Tokenizer::for_chars("zh", Some(&dict), &all).unwrap();
        let (_, statement) = &texts[0];
        assert_eq!(words(&tokenizer, statement), words(&whole, statement));
    }

    #[test]
    fn the_frequency_of_the_words_left_out_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dict = dir.path().join("dict.txt");
        std::fs::write(&dict, "中 100\n国 100\n中国 5\n好 10000\n").unwrap();
        let chars = HanChars::of(["中国"]);
        assert_eq!(cut(&whole(&dict).unwrap(), "中国"), ["中国"]);
        assert_eq!(cut(&for_chars(&dict, &chars, None).unwrap(), "中国"), ["中国"]);
        // Without it, 中国 is rarer than 中 and 国 in a dictionary of 205 and is split.
        let payload = index(&dict).unwrap();
        let words = Index::parse(&payload).unwrap().words(&chars).unwrap();
        assert_eq!(words.rest, 10_000);
        assert_eq!(cut(&Words { rest: 0, ..words }.into_jieba(), "中国"), ["中", "国"]);
    }

    #[test]
    fn later_lines_replace_the_frequency_of_a_word() {
        let dir = tempfile::tempdir().unwrap();
        let dict = dir.path().join("dict.txt");
        std::fs::write(&dict, "中国 5 ns\n中 100\n国 100\n中国 1000\n好\n\n  \n").unwrap();
        let text = "中国好";
        let chars = HanChars::of([text]);
        assert_eq!(cut(&for_chars(&dict, &chars, None).unwrap(), text), cut(&whole(&dict).unwrap(), text));
        let payload = index(&dict).unwrap();
        assert_eq!(Index::parse(&payload).unwrap().total, 1200);
    }

    #[test]
    fn a_stale_or_corrupt_cache_is_built_again() {
        let (dir, dict) = copy(&tiny());
        let text = "习近平和普京在北京会见。张伟";
        let chars = HanChars::of([text]);
        let expected = cut(&whole(&dict).unwrap(), text);
        assert_eq!(cut(&for_chars(&dict, &chars, None).unwrap(), text), expected);
        let cache = dir.path().join("dict.txt.trialign-cache");
        let good = std::fs::read(&cache).unwrap();
        std::fs::write(&cache, &good[..good.len() / 2]).unwrap();
        assert_eq!(cut(&for_chars(&dict, &chars, None).unwrap(), text), expected);
        assert_eq!(std::fs::read(&cache).unwrap(), good, "replaced");
        let mut dictionary = std::fs::read_to_string(&dict).unwrap();
        dictionary.push_str("张伟 50 nr\n");
        std::fs::write(&dict, dictionary).unwrap();
        let now = cut(&for_chars(&dict, &chars, None).unwrap(), text);
        assert_eq!(now, cut(&whole(&dict).unwrap(), text));
        assert_eq!(now.last(), Some(&"张伟"));
    }

    #[test]
    fn bad_dictionaries_are_errors() {
        let chars = HanChars::of(["习近平"]);
        let missing = for_chars(Path::new("/nonexistent/dict.txt"), &chars, None);
        assert!(matches!(missing, Err(WordsError::Dictionary { .. })));
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, "普京 100\n习近平 many nr\n").unwrap();
        let err = for_chars(&bad, &chars, None).unwrap_err();
        assert!(matches!(err, WordsError::BadDictionary { .. }) && err.to_string().contains("bad.txt"), "{err}");
        assert!(matches!(whole(&bad), Err(WordsError::BadDictionary { .. })), "as jieba says");
        std::fs::write(&bad, b"\xff 1\n").unwrap();
        assert!(matches!(for_chars(&bad, &chars, None), Err(WordsError::Dictionary { .. })));
        assert!(matches!(whole(&bad), Err(WordsError::Dictionary { .. })));
    }

    #[test]
    fn han_characters_as_the_tokenizer_sees_them() {
        // U+F900 is a compatibility ideograph: NFKC makes it 豈 (U+8C48).
        let chars = HanChars::of(["Putin 普京", "\u{F900}", "𠀀 (U+20000)"]);
        let mut all: Vec<char> = chars.iter().collect();
        all.sort();
        assert_eq!(all, ['京', '普', '豈', '𠀀']);
        assert!(chars.contains('𠀀') && !chars.contains('P') && !chars.contains('\u{F900}'));
    }

    proptest::proptest! {
        /// Any text of the dictionary's characters (and others) cuts alike.
        #[test]
        fn any_text_cuts_alike(text in "[习近平普京主席总统会见谈议举行俄罗斯中国美北在和与的了张伟，。a ]{0,30}") {
            let (_dir, dict) = copy(&tiny());
            let chars = HanChars::of([text.as_str()]);
            let whole = Tokenizer::new("zh", Some(&dict)).unwrap();
            let cut_down = Tokenizer::for_chars("zh", Some(&dict), &chars).unwrap();
            proptest::prop_assert_eq!(whole.words(&text), cut_down.words(&text));
        }
    }
}
