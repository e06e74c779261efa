//! The settings of an alignment, as the commands give them.

use std::path::{Path, PathBuf};

use super::Error;
use crate::align::AlignOptions;
use crate::evidence::training::SELF_TRAINING_ROUNDS;
use crate::evidence::ModelOptions;
use crate::input::ReadOptions;

/// Settings of an alignment.
#[derive(Debug, Clone)]
pub struct PairOptions {
    pub model: ModelOptions,
    pub search: AlignOptions,
    /// Lexical evidence at all (words, lexicons, self-training).
    pub lexical: bool,
    /// Look for the built-in lexicons (CC-CEDICT, Müller) and jieba's
    /// dictionary in the data directories.
    pub builtin_lexicons: bool,
    /// The user's own lexicons (`--lexicon`): two-column TSV, the pivot (or
    /// source) language first.
    pub user_lexicons: Vec<PathBuf>,
    /// Rounds of "align, learn word translations from the likely beads,
    /// align again".
    pub self_training: usize,
    /// How to read the files (`--encoding`, `--format`): one for every
    /// file, or one per file in file order; none detects both.
    pub read: Vec<ReadOptions>,
}

impl Default for PairOptions {
    fn default() -> PairOptions {
        PairOptions {
            model: ModelOptions::default(),
            search: AlignOptions::default(),
            lexical: true,
            builtin_lexicons: true,
            user_lexicons: Vec::new(),
            self_training: SELF_TRAINING_ROUNDS,
            read: Vec::new(),
        }
    }
}

impl PairOptions {
    /// How to read file `k` (0 the pivot).
    pub fn read_options(&self, k: usize) -> ReadOptions {
        match self.read.as_slice() {
            [one] => *one,
            all => all.get(k).copied().unwrap_or_default(),
        }
    }
}

/// Model weights from a file of the form of `evidence/weights.tsv`
/// (`--weights`), in place of the fitted ones.
pub fn read_weights(path: &Path) -> Result<ModelOptions, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|source| Error::WeightsUnreadable { path: path.to_owned(), source })?;
    ModelOptions::parse(&text).map_err(|reason| Error::BadWeights { path: path.to_owned(), reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_weights_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.tsv");
        std::fs::write(&path, "lexical\t0.5\n").unwrap();
        let err = read_weights(&path).unwrap_err().to_string();
        assert!(err.contains("w.tsv") && err.contains("not a weights file"), "{err}");
        assert!(matches!(read_weights(&dir.path().join("missing")), Err(Error::WeightsUnreadable { .. })));
    }
}
