//! A document read, its language settled, split into sentences.

use std::path::{Path, PathBuf};

use super::Error;
use crate::input::{self, Document};
use crate::lang::{self, Lang, Letters};
use crate::review::sha256_hex;
use crate::segment::{self, Sentence};

/// A document read, its language settled, split into sentences.
#[derive(Debug, Clone)]
pub struct Side {
    pub path: PathBuf,
    pub lang: Lang,
    /// The script of the language, or of the text for an unknown language.
    pub script: Option<lang::Script>,
    pub sentences: Vec<Sentence>,
    /// A note for the user (e.g. the language was detected), if any.
    pub note: Option<String>,
    /// SHA-256 of the file's bytes (lower-case hex): tells a review which
    /// file it was made from.
    pub sha256: String,
}

/// Reads `path` and splits it into sentences (or takes its lines as
/// sentences when `presegmented`). With `lang` the language is checked
/// against the script of the text; without it the language is detected.
pub fn load(path: &Path, lang: Option<&Lang>, presegmented: bool) -> Result<Side, Error> {
    load_bytes(path, input::read_bytes(path)?, lang, presegmented)
}

/// [`load`] without the reading: `bytes` are the file's (`path` only names
/// it in messages). What `trialign bench` times as segmentation.
pub fn load_bytes(path: &Path, bytes: Vec<u8>, lang: Option<&Lang>, presegmented: bool) -> Result<Side, Error> {
    let sha256 = sha256_hex(&bytes);
    let doc = Document::from_bytes(path, bytes)?;
    let letters = Letters::of(&doc.text);
    let found_script = letters.dominant();
    let (lang, note) = match lang {
        Some(given) => {
            // Names and quotations in another script are normal; a text with
            // hardly a letter in the declared script is the wrong file.
            if let (Some(declared_script), Some(found)) = (given.script(), found_script) {
                if declared_script != found && letters.share(declared_script) < 0.1 {
                    if let Some(found_lang) = lang::detect(&doc.text, &letters) {
                        return Err(Error::WrongScript {
                            path: path.to_path_buf(),
                            declared: given.clone(),
                            declared_script,
                            found,
                            found_lang,
                        });
                    }
                }
            }
            (given.clone(), None)
        }
        None => match lang::detect(&doc.text, &letters) {
            Some(d) => {
                let note = format!("{}: language detected as {} ({})", path.display(), d.name(), d.code());
                (d, Some(note))
            }
            None => return Err(Error::NoLetters { path: path.to_path_buf() }),
        },
    };
    let sentences = if presegmented { segment::presegmented(&doc) } else { segment::split(&doc, &lang) };
    let script = lang.script().or(found_script);
    Ok(Side { path: path.to_path_buf(), lang, script, sentences, note, sha256 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_english_article_loads_as_english_sentences() {
        let side = load(Path::new("corpora/statement/en.txt"), None, false).unwrap();
        assert_eq!(side.lang.code(), "en");
        assert!(side.sentences.len() > 10);
        assert!(side.note.unwrap().contains("detected as English"));
    }

    #[test]
    fn a_declared_language_in_the_wrong_script_is_refused() {
        let err = load(Path::new("corpora/statement/zh.txt"), Some(&Lang::new("ru").unwrap()), false).unwrap_err();
        assert!(matches!(err, Error::WrongScript { .. }), "{err}");
    }
}
