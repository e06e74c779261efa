//! Evaluation sets on disk: a folder named `<name>-<src>-<tgt>` (for
//! example `mac-dev-zh-en`) holding, for each document `NNN`, the texts
//! `NNN.<src>` and `NNN.<tgt>` (one sentence per line) and the gold
//! alignment `NNN.gold`. Other files (licences, metadata) are ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{EvalError, PerturbedDoc};
use crate::formats::format_link;

/// The files of one document of an evaluation set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetDoc {
    /// The shared file stem, e.g. `001`.
    pub name: String,
    pub src: PathBuf,
    pub tgt: PathBuf,
    pub gold: PathBuf,
}

/// Lists the documents of the evaluation set in `dir`, sorted by name, with
/// the source and target language codes read off the folder's name (its
/// last two dash-separated parts).
///
/// Fails when the folder does not exist or is not named
/// `<name>-<src>-<tgt>`, when it holds no document, and when a document
/// lacks one of its three files.
pub fn read_set(dir: &Path) -> Result<(String, String, Vec<SetDoc>), EvalError> {
    if !dir.is_dir() {
        return Err(EvalError::NoSet { path: dir.to_path_buf() });
    }
    let (src, tgt) = languages(dir)?;

    // Which of the three extensions each stem has, in name order.
    let mut found: BTreeMap<String, [bool; 3]> = BTreeMap::new();
    let extensions = [src.as_str(), tgt.as_str(), "gold"];
    for entry in std::fs::read_dir(dir).map_err(EvalError::io(dir))? {
        let file_name = entry.map_err(EvalError::io(dir))?.file_name();
        let Some((stem, ext)) = file_name.to_str().and_then(|n| n.rsplit_once('.')) else {
            continue;
        };
        if let Some(k) = extensions.iter().position(|&e| e == ext) {
            found.entry(stem.to_string()).or_default()[k] = true;
        }
    }
    if found.is_empty() {
        return Err(EvalError::NoDocuments { path: dir.to_path_buf(), src, tgt });
    }

    let mut docs = Vec::with_capacity(found.len());
    for (name, present) in found {
        if let Some(k) = present.iter().position(|&p| !p) {
            return Err(EvalError::MissingFile { path: doc_file(dir, &name, extensions[k]) });
        }
        docs.push(SetDoc {
            src: doc_file(dir, &name, &src),
            tgt: doc_file(dir, &name, &tgt),
            gold: doc_file(dir, &name, "gold"),
            name,
        });
    }
    Ok((src, tgt, docs))
}

/// Writes documents as an evaluation set in `out_dir` (created if needed):
/// `NNN.<src>`, `NNN.<tgt>` and `NNN.gold` for each. Name the folder
/// `<name>-<src>-<tgt>` so that [`read_set`] finds the languages.
pub fn write_set(docs: &[PerturbedDoc], out_dir: &Path, src: &str, tgt: &str) -> Result<(), EvalError> {
    std::fs::create_dir_all(out_dir).map_err(EvalError::io(out_dir))?;
    for doc in docs {
        write_lines(&doc_file(out_dir, &doc.name, src), &doc.src_lines)?;
        write_lines(&doc_file(out_dir, &doc.name, tgt), &doc.tgt_lines)?;
        let gold = doc.gold.iter().map(|l| format_link(&l.src, &l.tgt, l.score));
        write_lines(&doc_file(out_dir, &doc.name, "gold"), gold)?;
    }
    Ok(())
}

/// Writes one line per item, each ended by a newline.
fn write_lines<S: AsRef<str>>(path: &Path, lines: impl IntoIterator<Item = S>) -> Result<(), EvalError> {
    let mut text = String::new();
    for line in lines {
        text.push_str(line.as_ref());
        text.push('\n');
    }
    std::fs::write(path, text).map_err(EvalError::io(path))
}

/// The source and target language codes in a set folder's name.
fn languages(dir: &Path) -> Result<(String, String), EvalError> {
    let bad_name = || EvalError::BadSetName { path: dir.to_path_buf() };
    // Canonical, so that `.` or `sets/mac-dev-zh-en/..` have a name too.
    let canonical = dir.canonicalize().map_err(EvalError::io(dir))?;
    let name = canonical.file_name().and_then(|n| n.to_str()).ok_or_else(bad_name)?;
    match name.rsplitn(3, '-').collect::<Vec<_>>()[..] {
        [tgt, src, set] if !tgt.is_empty() && !src.is_empty() && !set.is_empty() => {
            Ok((src.to_string(), tgt.to_string()))
        }
        _ => Err(bad_name()),
    }
}

fn doc_file(dir: &Path, name: &str, ext: &str) -> PathBuf {
    dir.join(format!("{name}.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{read_links, Link};

    fn touch(dir: &Path, names: &[&str]) {
        for name in names {
            std::fs::write(dir.join(name), "").unwrap();
        }
    }

    #[test]
    fn lists_documents_in_name_order_with_the_folder_languages() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mac-dev-zh-en");
        std::fs::create_dir(&dir).unwrap();
        touch(&dir, &["002.zh", "002.en", "002.gold", "001.en", "001.zh", "001.gold", "LICENSE", "meta_data.tsv"]);
        let (src, tgt, docs) = read_set(&dir).unwrap();
        assert_eq!((src.as_str(), tgt.as_str()), ("zh", "en"));
        let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["001", "002"]);
        assert_eq!(docs[1].src, dir.join("002.zh"));
        assert_eq!(docs[1].tgt, dir.join("002.en"));
        assert_eq!(docs[1].gold, dir.join("002.gold"));
    }

    #[test]
    fn reports_what_is_missing() {
        let root = tempfile::tempdir().unwrap();
        let missing = root.path().join("none-de-fr");
        assert!(matches!(read_set(&missing), Err(EvalError::NoSet { .. })));

        let unnamed = root.path().join("defr");
        std::fs::create_dir(&unnamed).unwrap();
        assert!(matches!(read_set(&unnamed), Err(EvalError::BadSetName { .. })));

        let dir = root.path().join("tb-de-fr");
        std::fs::create_dir(&dir).unwrap();
        touch(&dir, &["LICENSE", "000.en"]);
        let err = read_set(&dir).unwrap_err();
        assert_eq!(err.to_string(), format!("{}: no documents (files NNN.de, NNN.fr and NNN.gold)", dir.display()));

        touch(&dir, &["000.de", "000.gold"]);
        let err = read_set(&dir).unwrap_err();
        assert!(matches!(&err, EvalError::MissingFile { path } if *path == dir.join("000.fr")), "{err}");
    }

    #[test]
    fn write_set_reads_back() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("flores-en-zh");
        let gold =
            vec![Link { src: vec![0, 1], tgt: vec![0], score: None }, Link { src: vec![], tgt: vec![1], score: None }];
        let doc = PerturbedDoc {
            name: "000".into(),
            src_lines: vec!["A.".into(), "B.".into()],
            tgt_lines: vec!["甲乙。".into(), "丙。".into()],
            gold: gold.clone(),
        };
        write_set(&[doc], &dir, "en", "zh").unwrap();
        let (_, _, docs) = read_set(&dir).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(std::fs::read_to_string(&docs[0].src).unwrap(), "A.\nB.\n");
        assert_eq!(std::fs::read_to_string(&docs[0].tgt).unwrap(), "甲乙。\n丙。\n");
        assert_eq!(std::fs::read_to_string(&docs[0].gold).unwrap(), "[0,1]:[0]\n[]:[1]\n");
        assert_eq!(read_links(&docs[0].gold).unwrap(), gold);
    }
}
