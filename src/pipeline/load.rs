//! A document read, its language settled, split into sentences.
//!
//! Where the encoding was not certain (guessed, declared by the file, named
//! by the user, or UTF-16 by its test), the text is checked against the
//! scripts: a text in hardly any letters of its language's script, or (of
//! unknown language) in the accented Latin letters other encodings read as
//! Windows-1252 give, is refused as garbled, with the encoding it reads
//! well in; the confidence of a guess is how well its letters keep to one
//! script.

use std::path::{Path, PathBuf};

use super::Error;
use crate::input::{self, Charset, Detection, Document, InputError, Origin, ReadOptions};
use crate::lang::{self, Lang, Letters, Script};
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
    /// A note for the user (e.g. the language or the encoding was
    /// detected), if any.
    pub note: Option<String>,
    /// SHA-256 of the file's bytes (lower-case hex): tells a review which
    /// file it was made from.
    pub sha256: String,
    /// The file's format and encoding, and how sure the encoding is.
    pub origin: Origin,
}

/// Below this share of its language's script, a text is not in that
/// language (names and quotations in another script are normal).
const LEAST_SCRIPT_SHARE: f64 = 0.1;

/// Above this share of accented Latin letters (U+00C0–U+00FF) among its
/// letters, a text read in a guessed or given encoding is another
/// encoding's bytes read as Windows-1252 (`Ïðåçèäåíò`); no Latin-script
/// language comes near it.
const MOST_ACCENTED_SHARE: f64 = 0.3;

/// Reads `path` and splits it into sentences (or takes its lines as
/// sentences when `presegmented`). With `lang` the language is checked
/// against the script of the text; without it the language is detected.
pub fn load(path: &Path, lang: Option<&Lang>, presegmented: bool) -> Result<Side, Error> {
    load_with(path, lang, presegmented, &ReadOptions::default())
}

/// [`load`] in the encoding and format of `read` (each detected where not
/// given); `-` reads standard input.
pub fn load_with(path: &Path, lang: Option<&Lang>, presegmented: bool, read: &ReadOptions) -> Result<Side, Error> {
    load_bytes_with(path, input::read_bytes(path)?, lang, presegmented, read)
}

/// [`load`] without the reading: `bytes` are the file's (`path` only names
/// it in messages). What `trialign bench` times as segmentation.
pub fn load_bytes(path: &Path, bytes: Vec<u8>, lang: Option<&Lang>, presegmented: bool) -> Result<Side, Error> {
    load_bytes_with(path, bytes, lang, presegmented, &ReadOptions::default())
}

/// [`load_bytes`] in the encoding and format of `read`.
pub fn load_bytes_with(
    path: &Path,
    bytes: Vec<u8>,
    lang: Option<&Lang>,
    presegmented: bool,
    read: &ReadOptions,
) -> Result<Side, Error> {
    let sha256 = sha256_hex(&bytes);
    let declared_script = lang.and_then(Lang::script);
    let mut doc = match Document::read(path, &bytes, read, lang.map(Lang::code)) {
        Ok(doc) => doc,
        Err(InputError::Garbled { path, encoding, how, why, .. }) => {
            let suggestion = suggest(&bytes, &encoding, declared_script);
            return Err(
                InputError::Garbled { path, encoding, how, why, advice: input::garbled_advice(suggestion) }.into()
            );
        }
        Err(e) => return Err(e.into()),
    };
    let uncertain = matches!(
        doc.origin.detection,
        Detection::Guessed | Detection::Given | Detection::Declared | Detection::Utf16Test
    );
    if doc.origin.detection == Detection::Guessed {
        doc.origin.confidence = round2(script_fit(&doc.text, None));
    }
    if uncertain {
        check_not_garbled(&doc, &bytes, declared_script)?;
    }
    let letters = Letters::of(&doc.text);
    let found_script = letters.dominant();
    let (lang, mut notes) = match lang {
        Some(given) => {
            // Names and quotations in another script are normal; a text with
            // hardly a letter in the declared script is the wrong file.
            if let (Some(declared_script), Some(found)) = (given.script(), found_script) {
                if declared_script != found && letters.share(declared_script) < LEAST_SCRIPT_SHARE {
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
            (given.clone(), Vec::new())
        }
        None => match lang::detect(&doc.text, &letters) {
            Some(d) => {
                let note = format!("language detected as {} ({})", d.name(), d.code());
                (d, vec![note])
            }
            None => return Err(Error::NoLetters { path: path.to_path_buf() }),
        },
    };
    notes.extend(read_note(&doc.origin));
    let sentences = if presegmented {
        segment::presegmented(&doc)
    } else {
        let (sentences, note) = segment::split_noted(&doc, &lang);
        notes.extend(note);
        sentences
    };
    let note = (!notes.is_empty()).then(|| format!("{}: {}", path.display(), notes.join("; ")));
    let script = lang.script().or(found_script);
    Ok(Side { path: path.to_path_buf(), lang, script, sentences, note, sha256, origin: doc.origin })
}

/// What to tell the user of how the file was read: nothing for UTF-8 text.
fn read_note(origin: &Origin) -> Option<String> {
    let converted = (origin.format != input::Format::Text).then(|| format!("read as {}", origin.format.name()));
    let decoded = (origin.encoding != Charset::UTF8.name() || origin.detection == Detection::Guessed).then(|| {
        let how = match origin.detection {
            d @ (Detection::Utf16Test | Detection::Guessed) => {
                format!("{}, confidence {:.2}", d.describe(), origin.confidence)
            }
            d => d.describe().to_string(),
        };
        format!("decoded from {} ({how})", origin.encoding)
    });
    match (converted, decoded) {
        (None, None) => None,
        (a, b) => Some(a.into_iter().chain(b).collect::<Vec<_>>().join(", ")),
    }
}

/// Refuses a text that decoded into the wrong script: hardly any letters of
/// the declared language's script, or (no language declared) the accented
/// Latin of another encoding read as Windows-1252.
fn check_not_garbled(doc: &Document, bytes: &[u8], declared: Option<Script>) -> Result<(), Error> {
    let why = match declared {
        Some(script) if has_letters(&doc.text) && Letters::of(&doc.text).share(script) < LEAST_SCRIPT_SHARE => {
            format!("hardly any letters are {script}, the script of its language")
        }
        None if accented_share(&doc.text) > MOST_ACCENTED_SHARE => {
            "most letters are accented Latin letters, as another encoding read in this one gives".to_string()
        }
        _ => return Ok(()),
    };
    let charset = Charset::for_name(&doc.origin.encoding).unwrap_or(Charset::UTF8);
    let suggestion = suggest(bytes, &doc.origin.encoding, declared);
    Err(InputError::garbled(&doc.path, charset, doc.origin.detection, why, suggestion).into())
}

/// The encoding other than `tried` that `bytes` read best in: the declared
/// script's share of the letters, else how well the letters keep to one
/// script (and not to the accented Latin of a misread).
fn suggest(bytes: &[u8], tried: &str, declared: Option<Script>) -> Option<Charset> {
    let bytes = input::encoding::bom(bytes).map_or(bytes, |(_, n)| &bytes[n..]);
    input::encoding::suggest(bytes, tried, |text| match declared {
        Some(script) => Letters::of(text).share(script),
        None if accented_share(text) > MOST_ACCENTED_SHARE => 0.0,
        None => script_fit(text, None),
    })
}

/// How well the letters outside ASCII keep to one script (`script`, or the
/// one most of them are in): 1 for a text without such letters.
fn script_fit(text: &str, script: Option<Script>) -> f64 {
    let foreign: String = text.chars().filter(|c| !c.is_ascii()).collect();
    match script.or_else(|| lang::dominant_script(&foreign)) {
        Some(script) => Letters::of(&foreign).share(script),
        None => 1.0,
    }
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// The share of accented Latin letters (U+00C0–U+00FF) among the letters.
fn accented_share(text: &str) -> f64 {
    let (mut letters, mut accented) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        accented += usize::from(('\u{C0}'..='\u{FF}').contains(&c));
    }
    if letters == 0 {
        0.0
    } else {
        accented as f64 / letters as f64
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
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

    proptest::proptest! {
        /// Any bytes, under any name, language, encoding and split, give a
        /// side or an error, never a panic (a PDF aside: pdftotext reads it).
        #[test]
        fn any_bytes_give_a_side_or_an_error(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            text in ".{0,80}",
            name in proptest::sample::select(vec!["a.txt", "a.md", "a.html", "a.tmx", "a.docx", "a", "-"]),
            prefix in proptest::sample::select(vec![
                &b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"\xFF\xFE\0\0", b"PK\x03\x04",
                b"<html><meta charset=koi8-r><body>", b"<?xml version='1.0' encoding='windows-1251'?><tmx><body><tu><tuv xml:lang='en'><seg>",
            ]),
            lang in proptest::option::of(proptest::sample::select(vec!["en", "ru", "zh", "de", "ja", "xx"])),
            encoding in proptest::option::of(proptest::sample::select(vec!["utf-8", "windows-1251", "utf-16be", "utf-32", "gb18030"])),
            presegmented in proptest::prelude::any::<bool>(),
        ) {
            let bytes = [prefix, text.as_bytes(), &bytes[..]].concat();
            let lang = lang.map(|code| Lang::new(code).unwrap());
            let read = ReadOptions { encoding: encoding.and_then(Charset::for_name), format: None };
            let _ = load_bytes_with(Path::new(name), bytes, lang.as_ref(), presegmented, &read);
        }
    }
}
