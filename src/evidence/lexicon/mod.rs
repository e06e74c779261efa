//! Bilingual lexicons: optional evidence that two sentences translate each
//! other. The aligner works without any of them; [`find`] returns what this
//! machine has, and a user may add a two-column TSV of their own
//! ([`read_tsv`]).
//!
//! # Sources and formats
//!
//! | pair | lexicon | format | parser |
//! |---|---|---|---|
//! | zh → en | CC-CEDICT (MDBG, CC BY-SA 4.0) | `傳統 传统 [chuan2 tong3] /tradition/traditional/`, `#` comments | [`read_cedict`] |
//! | en → ru | Müller English–Russian, 7th ed. (Debian `mueller7-dict`, GPL-2+) | dictd: `mueller7.index` + `mueller7.dict.dz` | [`read_mueller`] on [`read_dictd`] |
//! | any | the user's file | `source<TAB>target`, `#` comments | [`read_tsv`] |
//!
//! **CC-CEDICT** gives, per line, traditional and simplified headwords,
//! numbered pinyin and `/`-separated glosses. Each gloss becomes an entry
//! (simplified → gloss, and traditional → gloss when it differs), cleaned so
//! that it can match English text:
//! - dropped: classifiers (`CL:`), cross references ("variant of …", "see …",
//!   "abbr. for …", "also written …", "used in …", "Taiwan pr. …"), any gloss
//!   saying "variant of", literal renderings of idioms ("lit. …", the "fig."
//!   sense is kept), glosses of more than six words (explanations);
//! - removed: parenthesised notes, Chinese characters and pinyin of cross
//!   references inside a gloss, a leading "to " (verbs), "a "/"an ";
//! - split on `;`; "surname Xi" kept as "Xi".
//!
//! For proper nouns (capitalised pinyin) only the name before the first
//! comma is kept ("Xi Jinping (1953-), PRC politician" → "Xi Jinping"); for a
//! person with life dates whose name is not the pinyin itself, the last word
//! is added as well, since Chinese text usually gives the surname alone
//! (普京 → "Vladimir Putin" and "Putin"). The same pass collects
//! [`Readings`]: toneless pinyin per Han character, by pairing syllables with
//! characters wherever their counts match (single characters included),
//! most frequent reading first.
//!
//! **dictd** dictionaries are an index of lines `headword\tOFFSET\tLENGTH`,
//! numbers written in base-64 digits (`A–Z a–z 0–9 + /`, most significant
//! first), into a text file, gzip-compressed as `.dict.dz` (dictzip) or
//! plain as `.dict`. **Müller** articles start with the headword, then
//! `[transcription]`, part-of-speech labels (`_n.`, `_v.`, `_a.`), usage
//! labels (`_разг.`, `_ам.`), homonyms `_I`/`_II`, numbered senses `1.`,
//! `1)`, `а)`, and Russian glosses separated by `,` and `;`, with English
//! examples and idioms inline ("at a run бегом"). The English side of an
//! entry is the article's first line, the headword as written ("Danelagh";
//! the index holds it lower-cased); dictd's own `00-database-*` entries are
//! skipped. Only the glosses of the
//! headword itself become entries: once an English example, idiom, phrasal
//! verb or cross reference ("= because", "см. …") appears in a sense, the
//! rest of that sense is skipped (it translates the example, not the
//! headword). Notes in `()`, `[]`, `{}` and "кого-л."-style placeholders are
//! removed; glosses still holding an abbreviation (a `.`), of more than
//! five words, or starting like a clause ("тот, кто …", "для …") are
//! dropped (they are explanations, not translations).
//!
//! # Where files are looked for
//!
//! Data directories ([`data_dirs`]): only `$TRIALIGN_DATA` when it is set;
//! otherwise `./lexicons` (relative to the current directory), then
//! `${XDG_DATA_HOME:-$HOME/.local/share}/trialign`. The first directory that
//! has a file wins. Inside a data directory (`scripts/setup.sh` installs
//! these):
//!
//! - `cedict/cedict_1_0_ts_utf-8_mdbg.txt` — CC-CEDICT, with `cedict/NOTICE`
//!   (attribution and licence); read when `zh` is among the languages, and
//!   gives the [`Readings`] too;
//! - `jieba/dict.txt` — jieba's word list, for splitting Chinese; reported
//!   when `zh` is among the languages;
//! - `dictd/mueller7.index` with `dictd/mueller7.dict.dz` (or `.dict`) — the
//!   Müller dictionary when both `en` and `ru` are among the languages; after
//!   the data directories it is looked for in `/usr/share/dictd`, where
//!   Debian's `mueller7-dict` installs it (also when `$TRIALIGN_DATA` is set:
//!   that variable chooses the data directory, not whether system packages
//!   count). Being GPL, it is read where it is installed, never copied into
//!   the repository or the binary.
//!
//! Language codes are compared on their primary subtag, case-insensitively
//! (`zh-Hans` counts as `zh`). A missing lexicon is not an error; an
//! unreadable or corrupt one is, and the error names the file.
//!
//! # Cached as word keys
//!
//! [`find`] only locates the files. A run loads each built-in lexicon with
//! [`load_keyed`] as a [`KeyedLexicon`]: its entries already split into the
//! aligner's word keys (by the caller's tokenizers, see [`Keying`]), with
//! CC-CEDICT's readings — parsed and keyed once, then kept in a cache file
//! (see the crate's `cache` module):
//! `cedict_1_0_ts_utf-8_mdbg.txt.trialign-cache` beside CC-CEDICT in the data
//! directory; Müller's in `${XDG_CACHE_HOME:-$HOME/.cache}/trialign`, since
//! `/usr/share/dictd` is a package's folder. The cache is rebuilt when a
//! source file, jieba's dictionary, the tokenizer settings or the code that
//! makes it change, and when it is damaged; one that cannot be written only
//! makes the next run as slow as this one. A run reads it in one piece and
//! decodes only the entries whose first word occurs in its documents. The
//! user's TSV is small and keyed per pair, never cached.

use std::collections::HashMap;
use std::path::PathBuf;

mod cc_cedict;
mod dictd;
mod find;
mod keyed;
mod text;
mod tsv;

pub use cc_cedict::{parse_cedict, read_cedict};
pub use dictd::{decode_number, parse_mueller_article, read_dictd, read_mueller, Dictd};
pub use find::{
    data_dirs, data_dirs_from, find, find_in, load_keyed, Source, SourceKind, CEDICT_FILE, CEDICT_NOTICE,
    JIEBA_DICT_FILE, MUELLER_DICT, MUELLER_DICT_PLAIN, MUELLER_DIR, MUELLER_INDEX, SYSTEM_DICTD_DIR,
};
pub use keyed::{KeyedLexicon, Keys};
pub use tsv::read_tsv;

/// Entries of one bilingual lexicon, in its own direction.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// For reports: "CC-CEDICT", "Müller 7", or the user's file name.
    pub name: String,
    pub path: PathBuf,
    /// Language codes of the two columns.
    pub src: String,
    pub tgt: String,
    /// (source phrase, target phrase), phrases as written (one or more words).
    pub entries: Vec<(String, String)>,
}

/// Toneless pinyin readings of Han characters (from CC-CEDICT): 习 → ["xi"].
/// The most frequent reading comes first.
pub type Readings = HashMap<char, Vec<String>>;

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read the lexicon {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// A line that does not have the file's format.
    #[error("{path}, line {line}: {message}")]
    Malformed { path: PathBuf, line: usize, message: String },
    /// A file that cannot be decoded as a whole (bad gzip, not UTF-8,
    /// an index pointing outside its dictionary, a missing companion file).
    #[error("the lexicon {path} is corrupt: {message}")]
    Corrupt { path: PathBuf, message: String },
}

/// Lexicons found on this machine for the given languages (not read yet).
#[derive(Debug, Default)]
pub struct Found {
    pub sources: Vec<Source>,
    /// jieba's dict.txt, when installed.
    pub jieba_dict: Option<PathBuf>,
}

/// What the word keys of a lexicon's two columns depend on (the aligner's
/// tokenizers): a cached [`KeyedLexicon`] is valid for the same only.
#[derive(Debug, Clone, Default)]
pub struct Keying {
    /// The tokenizers' settings and code.
    pub identity: Vec<u8>,
    /// Files they read (jieba's dictionary), whose size and modification
    /// time count too.
    pub files: Vec<PathBuf>,
}

/// Reads a whole file, naming it in the error.
fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>, LexiconError> {
    std::fs::read(path).map_err(|source| LexiconError::Io { path: path.to_path_buf(), source })
}

/// Decodes UTF-8 (dropping a BOM); the error gives the line of the first bad byte.
fn utf8(path: &std::path::Path, bytes: Vec<u8>) -> Result<String, LexiconError> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(s)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
            Err(LexiconError::Malformed { path: path.to_path_buf(), line, message: "not UTF-8".into() })
        }
    }
}

/// Decompresses gzip (dictzip is gzip with an extra header field).
fn gunzip(path: &std::path::Path, bytes: &[u8]) -> Result<Vec<u8>, LexiconError> {
    use std::io::Read;
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| LexiconError::Corrupt { path: path.to_path_buf(), message: format!("bad gzip data: {e}") })?;
    Ok(out)
}

#[cfg(test)]
mod tests;
