//! Where the built-in lexicons are installed, and loading those a language
//! set needs.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{read_cedict, read_mueller, Found, LexiconError};

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
/// dictionary, `dictd_dirs` for the folder holding `mueller7.index`.
pub fn find_in(data_dirs: &[PathBuf], dictd_dirs: &[PathBuf], langs: &[&str]) -> Result<Found, LexiconError> {
    let has = |code: &str| {
        langs.iter().any(|l| l.split(['-', '_']).next().is_some_and(|primary| primary.eq_ignore_ascii_case(code)))
    };
    let first = |dirs: &[PathBuf], name: &str| dirs.iter().map(|d| d.join(name)).find(|p| p.is_file());
    let mut found = Found::default();
    if has("zh") {
        if let Some(path) = first(data_dirs, CEDICT_FILE) {
            let (lexicon, readings) = read_cedict(&path)?;
            found.lexicons.push(lexicon);
            found.readings = Some(readings);
        }
        found.jieba_dict = first(data_dirs, JIEBA_DICT_FILE);
    }
    if has("en") && has("ru") {
        if let Some(index) = first(dictd_dirs, MUELLER_INDEX) {
            found.lexicons.push(read_mueller(&index, &mueller_dict(&index)?)?);
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
