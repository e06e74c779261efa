//! Where the built-in lexicons are installed, and loading those a language
//! set needs, as word keys, from their caches.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::keyed::Described;
use super::{read_cedict, read_mueller, Found, KeyedLexicon, Keying, Keys, Lexicon, LexiconError, Readings};
use crate::cache::Cache;

/// CC-CEDICT, inside a data directory (as `scripts/setup.sh` installs it).
pub const CEDICT_FILE: &str = "cedict/cedict_1_0_ts_utf-8_mdbg.txt";
/// Attribution and licence of CC-CEDICT, beside it.
pub const CEDICT_NOTICE: &str = "cedict/NOTICE";
/// jieba's word list, inside a data directory.
pub const JIEBA_DICT_FILE: &str = "jieba/dict.txt";
/// Folder of dictd files inside a data directory.
pub const MUELLER_DIR: &str = "dictd";
pub const MUELLER_INDEX: &str = "mueller7.index";
pub const MUELLER_DICT: &str = "mueller7.dict.dz";
/// The uncompressed alternative to [`MUELLER_DICT`].
pub const MUELLER_DICT_PLAIN: &str = "mueller7.dict";
/// Where Debian's `mueller7-dict` installs the dictionary.
pub const SYSTEM_DICTD_DIR: &str = "/usr/share/dictd";

/// The data directories, in order of preference, from the environment.
pub fn data_dirs() -> Vec<PathBuf> {
    data_dirs_from(std::env::var_os("TRIALIGN_DATA"), std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"))
}

/// [`data_dirs`] for given values of `TRIALIGN_DATA`, `XDG_DATA_HOME` and
/// `HOME`; empty values count as unset, as `${VAR:-default}` does in the
/// setup script.
pub fn data_dirs_from(
    trialign_data: Option<OsString>,
    xdg_data_home: Option<OsString>,
    home: Option<OsString>,
) -> Vec<PathBuf> {
    let set = |v: Option<OsString>| v.filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(trialign_data) {
        return vec![dir];
    }
    let mut dirs = vec![PathBuf::from("lexicons")];
    if let Some(share) = set(xdg_data_home).or_else(|| set(home).map(|h| h.join(".local").join("share"))) {
        dirs.push(share.join("trialign"));
    }
    dirs
}

/// Looks for the built-in lexicons relevant to `langs` (codes) in the data
/// directories, then for Müller in [`SYSTEM_DICTD_DIR`].
pub fn find(langs: &[&str]) -> Result<Found, LexiconError> {
    let dirs = data_dirs();
    let mut dictd: Vec<PathBuf> = dirs.iter().map(|d| d.join(MUELLER_DIR)).collect();
    dictd.push(PathBuf::from(SYSTEM_DICTD_DIR));
    find_in(&dirs, &dictd, langs)
}

/// [`find`] in given places: `data_dirs` for CC-CEDICT and jieba's
/// dictionary, `dictd_dirs` for the folder holding `mueller7.index`. Files
/// are found, not read; a Müller index without its dictionary is an error.
pub fn find_in(data_dirs: &[PathBuf], dictd_dirs: &[PathBuf], langs: &[&str]) -> Result<Found, LexiconError> {
    let has = |code: &str| {
        langs.iter().any(|l| l.split(['-', '_']).next().is_some_and(|primary| primary.eq_ignore_ascii_case(code)))
    };
    let first = |dirs: &[PathBuf], name: &str| dirs.iter().map(|d| d.join(name)).find(|p| p.is_file());
    let ours = |path: &Path| data_dirs.iter().any(|d| path.starts_with(d));
    let mut found = Found::default();
    if has("zh") {
        if let Some(path) = first(data_dirs, CEDICT_FILE) {
            found.sources.push(Source { in_data_dir: ours(&path), kind: SourceKind::Cedict(path) });
        }
        found.jieba_dict = first(data_dirs, JIEBA_DICT_FILE);
    }
    if has("en") && has("ru") {
        if let Some(index) = first(dictd_dirs, MUELLER_INDEX) {
            let dict = mueller_dict(&index)?;
            found.sources.push(Source { in_data_dir: ours(&index), kind: SourceKind::Mueller { index, dict } });
        }
    }
    Ok(found)
}

/// The dictionary beside an index: compressed, else plain.
fn mueller_dict(index: &Path) -> Result<PathBuf, LexiconError> {
    let dir = index.parent().unwrap_or(Path::new("."));
    [MUELLER_DICT, MUELLER_DICT_PLAIN].iter().map(|n| dir.join(n)).find(|p| p.is_file()).ok_or_else(|| {
        LexiconError::Corrupt {
            path: index.to_path_buf(),
            message: format!("neither {MUELLER_DICT} nor {MUELLER_DICT_PLAIN} is beside it"),
        }
    })
}

/// A built-in lexicon found on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SourceKind,
    /// Whether it is in a data directory, trialign's own: its cache is
    /// kept beside it. A system package's folder is left alone.
    pub in_data_dir: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    Cedict(PathBuf),
    Mueller { index: PathBuf, dict: PathBuf },
}

impl Source {
    /// For reports.
    pub fn name(&self) -> &'static str {
        match self.kind {
            SourceKind::Cedict(_) => "CC-CEDICT",
            SourceKind::Mueller { .. } => "Müller 7",
        }
    }

    /// Language codes of its two columns.
    pub fn langs(&self) -> (&'static str, &'static str) {
        match self.kind {
            SourceKind::Cedict(_) => ("zh", "en"),
            SourceKind::Mueller { .. } => ("en", "ru"),
        }
    }

    /// The file reports name: CC-CEDICT's, Müller's dictionary.
    pub fn path(&self) -> &Path {
        match &self.kind {
            SourceKind::Cedict(path) => path,
            SourceKind::Mueller { dict, .. } => dict,
        }
    }

    /// Every file it is read from.
    fn files(&self) -> Vec<&Path> {
        match &self.kind {
            SourceKind::Cedict(path) => vec![path],
            SourceKind::Mueller { index, dict } => vec![dict, index],
        }
    }

    /// Parses it whole: its entries, and for CC-CEDICT the readings.
    pub fn read(&self) -> Result<(Lexicon, Option<Readings>), LexiconError> {
        match &self.kind {
            SourceKind::Cedict(path) => read_cedict(path).map(|(lexicon, readings)| (lexicon, Some(readings))),
            SourceKind::Mueller { index, dict } => Ok((read_mueller(index, dict)?, None)),
        }
    }
}

/// The source as word keys: from its cache when that is valid for `keying`;
/// else the source is read, its phrases keyed by what `keys()` gives (for
/// its source column, for its target column), and the cache written beside
/// it (when [`Source::in_data_dir`]) or in `user_dir`. A cache that cannot
/// be written is no error.
pub fn load_keyed<'k, E: From<LexiconError>>(
    source: &Source,
    keying: &Keying,
    user_dir: Option<&Path>,
    keys: impl FnOnce() -> Result<(Box<Keys<'k>>, Box<Keys<'k>>), E>,
) -> Result<KeyedLexicon, E> {
    let (src, tgt) = source.langs();
    let described =
        Described { name: source.name().into(), path: source.path().into(), src: src.into(), tgt: tgt.into() };
    let mut files = source.files();
    files.extend(keying.files.iter().map(PathBuf::as_path));
    let mut identity = format!("lexicon: {}\n", source.name()).into_bytes();
    identity.extend_from_slice(code_digest());
    identity.extend_from_slice(&keying.identity);
    let cache = Cache::new(&files, &identity, source.in_data_dir, user_dir);
    if let Some(keyed) = cache.as_ref().and_then(Cache::read).and_then(|p| KeyedLexicon::from_cache(described, p)) {
        return Ok(keyed);
    }
    let (lexicon, readings) = source.read()?;
    let (src_keys, tgt_keys) = keys()?;
    let keyed = KeyedLexicon::build(&lexicon, &*src_keys, &*tgt_keys, readings.as_ref());
    if let Some(cache) = &cache {
        cache.write(keyed.payload());
    }
    Ok(keyed)
}

/// The code that makes the cached content: the parsers and the layout (and
/// the crates they use).
fn code_digest() -> &'static [u8; 32] {
    static DIGEST: OnceLock<[u8; 32]> = OnceLock::new();
    DIGEST.get_or_init(|| {
        let mut hash = Sha256::new();
        for part in [
            include_str!("mod.rs"),
            include_str!("cc_cedict.rs"),
            include_str!("dictd.rs"),
            include_str!("text.rs"),
            include_str!("keyed.rs"),
        ] {
            hash.update(part);
        }
        hash.update(crate::cache::DEPENDENCIES);
        hash.finalize().into()
    })
}
