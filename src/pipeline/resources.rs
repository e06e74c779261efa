//! The lexicons of a run, found and read once for all its pairs.

use super::{Error, PairOptions};
use crate::evidence::lexicon::{self, Found, Lexicon};

/// The lexicons of a run, loaded once.
#[derive(Debug, Default)]
pub struct Resources {
    pub found: Found,
    /// The user's lexicons as read (languages set per pair).
    pub user: Vec<Lexicon>,
}

impl Resources {
    /// Finds the built-in lexicons for `langs` (unless switched off) and
    /// reads the user's.
    pub fn load(langs: &[&str], options: &PairOptions) -> Result<Resources, Error> {
        if !options.lexical {
            return Ok(Resources::default());
        }
        let found = if options.builtin_lexicons { lexicon::find(langs)? } else { Found::default() };
        let (src, tgt) = (langs.first().copied().unwrap_or(""), langs.get(1).copied().unwrap_or(""));
        let user = options.user_lexicons.iter().map(|p| lexicon::read_tsv(p, src, tgt)).collect::<Result<_, _>>()?;
        Ok(Resources { found, user })
    }

    /// The lexicons that may hold entries for `src`–`tgt`: the built-in ones
    /// (each knows its languages) and the user's, taken as `src`→`tgt`.
    pub(super) fn lexicons_for(&self, src: &str, tgt: &str) -> Vec<Lexicon> {
        let user = self.user.iter().map(|l| Lexicon { src: src.to_owned(), tgt: tgt.to_owned(), ..l.clone() });
        self.found.lexicons.iter().cloned().chain(user).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_lexical_evidence_nothing_is_read() {
        let options = PairOptions { lexical: false, user_lexicons: vec!["/missing.tsv".into()], ..Default::default() };
        let r = Resources::load(&["en", "ru"], &options).unwrap();
        assert!(r.found.lexicons.is_empty() && r.user.is_empty());
    }

    #[test]
    fn user_lexicons_take_the_languages_of_the_pair() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.tsv");
        std::fs::write(&path, "joint statement\tсовместное заявление\n").unwrap();
        let options = PairOptions { builtin_lexicons: false, user_lexicons: vec![path], ..Default::default() };
        let r = Resources::load(&["en", "ru"], &options).unwrap();
        let for_pair = r.lexicons_for("en", "ru");
        assert_eq!(for_pair.len(), 1);
        assert_eq!((for_pair[0].src.as_str(), for_pair[0].tgt.as_str()), ("en", "ru"));
    }
}
