//! The lexicons of a run, found and read once for all its pairs.

use std::collections::HashMap;

use super::{Error, PairOptions};
use crate::cache;
use crate::evidence::bilingual::{self, phrase_keys, PriorReport, WordSpace};
use crate::evidence::lexicon::{self, Found, KeyedLexicon, Keys, Lexicon};
use crate::evidence::words::{HanChars, Tokenizer};

/// The lexicons of a run, loaded once.
#[derive(Debug, Default)]
pub struct Resources {
    pub found: Found,
    /// The built-in lexicons found, as word keys (from their caches).
    pub lexicons: Vec<KeyedLexicon>,
    /// The user's lexicons as read (keyed per pair, in its languages).
    pub user: Vec<Lexicon>,
}

impl Resources {
    /// Finds the built-in lexicons for `langs` (unless switched off) and
    /// loads them as word keys, from their caches (a missing or stale cache
    /// is built, with the whole tokenizers); reads the user's.
    pub fn load(langs: &[&str], options: &PairOptions) -> Result<Resources, Error> {
        if !options.lexical {
            return Ok(Resources::default());
        }
        let found = if options.builtin_lexicons { lexicon::find(langs)? } else { Found::default() };
        let jieba = found.jieba_dict.as_deref();
        let user_dir = cache::user_dir();
        let mut lexicons = Vec::with_capacity(found.sources.len());
        for source in &found.sources {
            let (src, tgt) = source.langs();
            let keying = bilingual::keying(src, tgt, jieba);
            let keys = || -> Result<(Box<Keys>, Box<Keys>), Error> {
                let (s, t) = (Tokenizer::new(src, jieba)?, Tokenizer::new(tgt, jieba)?);
                Ok((Box::new(move |p: &str| phrase_keys(&s, p)), Box::new(move |p: &str| phrase_keys(&t, p))))
            };
            lexicons.push(lexicon::load_keyed(source, &keying, user_dir.as_deref(), keys)?);
        }
        let (src, tgt) = (langs.first().copied().unwrap_or(""), langs.get(1).copied().unwrap_or(""));
        let user = options.user_lexicons.iter().map(|p| lexicon::read_tsv(p, src, tgt)).collect::<Result<_, _>>()?;
        Ok(Resources { found, lexicons, user })
    }

    /// The Han characters a pair's Chinese tokenizer must cut as the whole
    /// dictionary would ([`Tokenizer::for_chars`]): those of its documents'
    /// `texts`, and of the user's lexicons, which it keys.
    pub(super) fn han_chars<'a>(&'a self, texts: impl IntoIterator<Item = &'a str>) -> HanChars {
        let user = self.user.iter().flat_map(|l| &l.entries).flat_map(|(s, t)| [s.as_str(), t.as_str()]);
        HanChars::of(texts.into_iter().chain(user))
    }

    /// The prior of a pair's translation table: the built-in lexicons, and
    /// the user's keyed by the pair's tokenizers, taken as `src`→`tgt`; the
    /// names with CC-CEDICT's readings of `chars`, the Han characters of the
    /// documents.
    pub(super) fn prior(&self, space: &WordSpace, chars: &HanChars) -> (HashMap<(u32, u32), f32>, PriorReport) {
        let user: Vec<KeyedLexicon> = self.user.iter().map(|l| space.key_lexicon(l)).collect();
        let lexicons: Vec<&KeyedLexicon> = self.lexicons.iter().chain(&user).collect();
        let readings = self.lexicons.iter().find_map(|l| l.readings(chars.iter()));
        space.prior(&lexicons, readings.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_lexical_evidence_nothing_is_read() {
        let options = PairOptions { lexical: false, user_lexicons: vec!["/missing.tsv".into()], ..Default::default() };
        let r = Resources::load(&["en", "ru"], &options).unwrap();
        assert!(r.found.sources.is_empty() && r.lexicons.is_empty() && r.user.is_empty());
    }

    #[test]
    fn user_lexicons_take_the_languages_of_the_pair() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.tsv");
        std::fs::write(&path, "joint statement\tсовместное заявление\n").unwrap();
        let options = PairOptions { builtin_lexicons: false, user_lexicons: vec![path], ..Default::default() };
        let r = Resources::load(&["en", "ru"], &options).unwrap();
        let tokenizer = |lang| Tokenizer::new(lang, None).unwrap();
        let mut space = WordSpace::new("en", "ru", tokenizer("en"), tokenizer("ru"));
        space.add_src(["A joint statement."]);
        space.add_tgt(["Совместное заявление."]);
        let (prior, report) = r.prior(&space, &HanChars::default());
        assert_eq!(report.lexicons.len(), 1);
        assert_eq!((report.lexicons[0].name.as_str(), report.lexicons[0].entries_used), ("terms.tsv", 1));
        assert_eq!(prior.len(), 4, "two words a side: {prior:?}");
    }

    #[test]
    fn the_user_lexicons_characters_are_kept_for_the_chinese_tokenizer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.tsv");
        std::fs::write(&path, "联合声明\tjoint statement\n").unwrap();
        let options = PairOptions { builtin_lexicons: false, user_lexicons: vec![path], ..Default::default() };
        let r = Resources::load(&["zh", "en"], &options).unwrap();
        let chars = r.han_chars(["习近平"]);
        assert!("习近平联合声明".chars().all(|c| chars.contains(c)));
        assert!(!chars.contains('京'));
    }
}
