//! `trialign batch`: every document of a manifest aligned to its pivot, the
//! documents of each language pair together (EM and self-training over all
//! of them, [`align_documents`]), each to a run folder of its own; a re-run
//! skips the documents whose inputs and settings are unchanged since they
//! were finished; `--merge` combines the folders of a batch run in parts.
//!
//! A document that cannot be read or aligned fails alone, with its reason;
//! the others go on.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::parallel::parallel_map;
use super::{
    align_documents, check_translations, keep_reviewed, load, AlignedPair, Kept, PairOptions, Progress, Resources, Run,
    Side,
};
use crate::align::Bead;
use crate::formats::{
    previous_run, read_batch_file, read_review, BatchFileError, BatchTable, DocStatus, Manifest, ManifestRow, Previous,
    ReviewFileError, BATCH_FILE, REVIEW_FILE,
};
use crate::lang::Lang;

/// The settings of a batch that change its documents' results.
#[derive(Debug, Clone)]
pub struct BatchSettings {
    pub options: PairOptions,
    pub presegmented: bool,
    pub review_threshold: f64,
    /// Discard the documents' reviews (and unsaved edits) rather than keep
    /// them, as `align --force`.
    pub force: bool,
    /// Threads to align on (all cores when none).
    pub jobs: Option<usize>,
}

/// What a batch does with one document of its manifest.
#[derive(Debug)]
pub enum Plan {
    /// Finished with these inputs and settings: its folder stays.
    Skip(Previous),
    /// To align, keeping the reviewed beads of what its folder holds.
    Align(Previous),
    /// Cannot be aligned without losing a person's work, or read.
    Refuse(String),
}

/// A document of the manifest with its fingerprint and plan.
#[derive(Debug)]
pub struct Planned<'a> {
    pub row: &'a ManifestRow,
    /// SHA-256 of its files' contents and of the settings ([`BatchTable`]).
    pub fingerprint: String,
    pub plan: Plan,
}

/// A batch that cannot start, or parts that cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    BatchFile(#[from] BatchFileError),
    #[error(transparent)]
    Run(#[from] super::Error),
    #[error(transparent)]
    Review(#[from] ReviewFileError),
    #[error("{dir}: holds no {BATCH_FILE}; give the -o folders of `trialign batch` runs")]
    NoBatch { dir: PathBuf },
    #[error("`{id}` is in both {first} and {second}: the parts of a batch hold each document once")]
    Overlap { id: String, first: PathBuf, second: PathBuf },
    #[error("{dir} aligns the pairs {found}, but {first} aligns {expected}: the parts of one batch have one manifest's languages")]
    Languages { dir: PathBuf, found: String, expected: String, first: PathBuf },
    #[error("{dir}: `{id}` is listed as ok but its folder holds no {REVIEW_FILE}")]
    NoFolder { dir: PathBuf, id: String },
    #[error("{path}: exists already; merge into a new folder")]
    Exists { path: PathBuf },
}

/// The fingerprint of each of `rows` and what a run into `out` does with
/// it: documents whose row in `out`'s `batch.csv` is `ok` with the same
/// fingerprint, and whose folder still holds its review, are skipped.
pub fn plan_batch<'a>(
    rows: &[&'a ManifestRow],
    manifest: &Manifest,
    out: &Path,
    settings: &BatchSettings,
) -> Result<Vec<Planned<'a>>, BatchError> {
    let table_path = out.join(BATCH_FILE);
    let done = if table_path.is_file() { read_batch_file(&table_path)? } else { BatchTable::default() };
    let key = settings_key(settings)?;
    let planned = rows.iter().map(|&row| {
        let fingerprint = match fingerprint(row, &manifest.langs, &key) {
            Ok(f) => f,
            Err(e) => return Planned { row, fingerprint: String::new(), plan: Plan::Refuse(reason(&e)) },
        };
        let dir = out.join(&row.id);
        let finished = done.rows.iter().any(|r| r.id == row.id && r.status == DocStatus::Ok && r.fingerprint == fingerprint);
        let plan = match previous_run(&dir) {
            Ok(previous) if finished && previous.review.is_some() => Plan::Skip(previous),
            // Asked to: the review goes, the earlier run's files are still replaced.
            Ok(previous) if settings.force => Plan::Align(Previous { review: None, ..previous }),
            Err(_) if settings.force => Plan::Align(Previous::default()),
            Ok(previous) if previous.journal.is_some() => Plan::Refuse(format!(
                "{} holds review edits that were never saved (review.journal): open `trialign review {}` to recover them, or give --force to discard them",
                dir.display(),
                dir.display()
            )),
            Ok(previous) => Plan::Align(previous),
            Err(e) => Plan::Refuse(format!("{} holds an earlier run; --force replaces it: {}", dir.display(), reason(&e))),
        };
        Planned { row, fingerprint, plan }
    });
    Ok(planned.collect())
}

/// What changes a document's results besides its files: the version, the
/// settings, the contents of the user's lexicons.
fn settings_key(settings: &BatchSettings) -> Result<String, super::Error> {
    let o = &settings.options;
    let mut key = format!(
        "trialign {}\npresegmented {}\nreview threshold {}\nlexical {}\nbuilt-in lexicons {}\nself-training {}\n{:?}\n{:?}\n",
        env!("CARGO_PKG_VERSION"),
        settings.presegmented,
        settings.review_threshold,
        o.lexical,
        o.builtin_lexicons,
        o.self_training,
        o.model,
        o.search
    );
    for lexicon in &o.user_lexicons {
        key.push_str(&format!("lexicon {}\n", crate::review::sha256_hex(&crate::input::read_bytes(lexicon)?)));
    }
    Ok(key)
}

/// SHA-256 of `key` and of each file of `row` with its language.
fn fingerprint(row: &ManifestRow, langs: &[Lang], key: &str) -> Result<String, crate::input::InputError> {
    let mut hash = Sha256::new();
    hash.update(key.as_bytes());
    for (lang, file) in langs.iter().zip(&row.files) {
        if let Some(file) = file {
            let bytes = crate::input::read_bytes(file)?;
            hash.update(format!("{lang} {}\n", crate::review::sha256_hex(&bytes)).as_bytes());
        }
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// A document to align, with the review its folder holds (whose reviewed
/// beads the new alignment keeps), if any.
pub struct BatchDocument<'a> {
    pub row: &'a ManifestRow,
    pub previous: Option<&'a crate::review::Review>,
}

/// Aligns `docs` (documents of a manifest over `langs`, the pivot first):
/// each read, then per language pair all documents that have it aligned
/// together, the pairs at once, then each pair checked. A document that
/// fails gets its reason instead of a run; only what every document needs
/// (the lexicons) stops the batch.
pub fn align_batch(
    docs: &[BatchDocument],
    langs: &[Lang],
    settings: &BatchSettings,
    progress: &dyn Progress,
) -> Result<Vec<Result<Run, String>>, super::Error> {
    let work = || align_all(docs, langs, settings, progress);
    match settings.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        },
        None => work(),
    }
}

fn align_all(
    docs: &[BatchDocument],
    langs: &[Lang],
    settings: &BatchSettings,
    progress: &dyn Progress,
) -> Result<Vec<Result<Run, String>>, super::Error> {
    let options = &settings.options;
    progress.stage("reading documents");
    let loaded: Vec<Result<Vec<Option<Side>>, String>> = parallel_map(docs.len(), |d| {
        let sides = langs.iter().zip(&docs[d].row.files).map(|(lang, file)| {
            file.as_ref().map(|f| load(f, Some(lang), settings.presegmented).map_err(|e| reason(&e))).transpose()
        });
        sides.collect()
    });
    if options.lexical {
        progress.stage("reading lexicons");
    }
    let codes: Vec<&str> = langs.iter().map(Lang::code).collect();
    let resources = Resources::load(&codes, options)?;
    // Per other language: the documents that have it and were read, with
    // the reviewed beads they keep.
    let pairs: Vec<Vec<(usize, Kept)>> = (1..langs.len())
        .map(|x| {
            let read = loaded.iter().enumerate().filter_map(|(d, l)| Some((d, l.as_ref().ok()?)));
            read.filter_map(|(d, sides)| {
                let (pivot, other) = (sides[0].as_ref()?, sides[x].as_ref()?);
                Some((d, docs[d].previous.map(|p| keep_reviewed(p, pivot, other)).unwrap_or_default()))
            })
            .collect()
        })
        .collect();
    let side = |d: usize, x: usize| loaded[d].as_ref().ok().and_then(|s| s[x].as_ref()).expect("a read side");
    let results = parallel_map(pairs.len(), |p| {
        let fixed: Vec<Vec<Bead>> = pairs[p].iter().map(|(_, kept)| kept.fixed()).collect();
        let triples: Vec<(&Side, &Side, &[Bead])> =
            pairs[p].iter().zip(&fixed).map(|((d, _), f)| (side(*d, 0), side(*d, p + 1), f.as_slice())).collect();
        if !triples.is_empty() {
            progress.stage(&format!("aligning {}–{} ({} documents)", langs[0], langs[p + 1], triples.len()));
        }
        align_documents(&triples, &resources, options, progress).map_err(|e| reason(&e))
    });
    let mut aligned: Vec<Vec<AlignedPair>> = docs.iter().map(|_| Vec::new()).collect();
    let mut failed: Vec<Option<String>> = loaded.iter().map(|l| l.as_ref().err().cloned()).collect();
    for ((p, docs_of_pair), result) in pairs.into_iter().enumerate().zip(results) {
        match result {
            Ok(results) => {
                for ((d, kept), result) in docs_of_pair.into_iter().zip(results) {
                    let other = side(d, p + 1);
                    match check_translations(side(d, 0), other, &result) {
                        Ok(unchecked) => aligned[d].push(AlignedPair { side: other.clone(), result, kept, unchecked }),
                        Err(e) => {
                            failed[d].get_or_insert(reason(&e));
                        }
                    }
                }
            }
            Err(why) => {
                for (d, _) in docs_of_pair {
                    failed[d].get_or_insert(why.clone());
                }
            }
        }
    }
    let runs = aligned.into_iter().zip(failed).enumerate().map(|(d, (pairs, failed))| {
        if let Some(why) = failed {
            return Err(why);
        }
        let seconds = pairs.iter().map(|p| p.result.seconds).sum();
        let previous = docs[d].previous;
        let run =
            Run { pivot: side(d, 0).clone(), pairs, log: previous.map(|p| p.log.clone()).unwrap_or_default(), seconds };
        match previous.and_then(|p| run.lost_review(p)) {
            Some(lost) => Err(format!("its folder {lost}: --force discards the review")),
            None => Ok(run),
        }
    });
    Ok(runs.collect())
}

/// The parts of a batch to merge: the rows of their `batch.csv` files, and
/// the folder each finished document is in.
#[derive(Debug)]
pub struct Merge {
    pub table: BatchTable,
    /// The batch's languages, the pivot first.
    pub langs: Vec<Lang>,
    /// `(id, folder)` of each `ok` document, in the order of `table.rows`.
    pub folders: Vec<(String, PathBuf)>,
}

/// Reads the `batch.csv` of every part and checks that they belong to one
/// batch (the same language pairs) and hold each document once, and that
/// none of their documents is in `out` already.
pub fn plan_merge(parts: &[PathBuf], out: &Path) -> Result<Merge, BatchError> {
    let mut table = BatchTable::default();
    let mut from: Vec<PathBuf> = Vec::new();
    let mut folders = Vec::new();
    for dir in parts {
        let path = dir.join(BATCH_FILE);
        if !path.is_file() {
            return Err(BatchError::NoBatch { dir: dir.clone() });
        }
        let part = read_batch_file(&path)?;
        if from.is_empty() {
            table.pairs = part.pairs.clone();
        } else if part.pairs != table.pairs {
            return Err(BatchError::Languages {
                dir: dir.clone(),
                found: part.pairs.join(", "),
                expected: table.pairs.join(", "),
                first: parts[0].clone(),
            });
        }
        for row in part.rows {
            if let Some(k) = table.rows.iter().position(|r| r.id == row.id) {
                return Err(BatchError::Overlap { id: row.id, first: from[k].clone(), second: dir.clone() });
            }
            if row.status == DocStatus::Ok {
                let folder = dir.join(&row.id);
                if !folder.join(REVIEW_FILE).is_file() {
                    return Err(BatchError::NoFolder { dir: dir.clone(), id: row.id });
                }
                let target = out.join(&row.id);
                if target.exists() {
                    return Err(BatchError::Exists { path: target });
                }
                folders.push((row.id.clone(), folder));
            }
            from.push(dir.clone());
            table.rows.push(row);
        }
    }
    let langs = pair_langs(&table.pairs).ok_or_else(|| BatchError::Languages {
        dir: parts[0].clone(),
        found: table.pairs.join(", "),
        expected: "pairs of one pivot".into(),
        first: parts[0].clone(),
    })?;
    Ok(Merge { table, langs, folders })
}

/// The languages of pairs `P-X`, `P-Y`, …: the pivot, then the others.
fn pair_langs(pairs: &[String]) -> Option<Vec<Lang>> {
    let mut langs: Vec<Lang> = Vec::new();
    for pair in pairs {
        let (p, x) = pair.split_once('-')?;
        let (p, x) = (Lang::new(p).ok()?, Lang::new(x).ok()?);
        if langs.is_empty() {
            langs.push(p);
        } else if langs[0] != p {
            return None;
        }
        langs.push(x);
    }
    Some(langs)
}

/// The reviews of the finished documents `ids` in `dir` (for the combined
/// exports), each read from its folder as it is now — with what a person
/// reviewed there since.
pub fn finished_reviews(dir: &Path, ids: &[&str]) -> Result<Vec<crate::review::Review>, BatchError> {
    ids.iter().map(|id| Ok(read_review(&dir.join(id).join(REVIEW_FILE))?)).collect()
}

/// An error and its causes as one line, `: `-joined, a cause the message
/// before it quotes already (`cannot read X: {source}`) said once.
pub fn reason(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !out.ends_with(&text) {
            out = format!("{out}: {text}");
        }
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_languages_of_a_batch_come_back_from_its_pairs() {
        let langs = pair_langs(&["en-ru".into(), "en-zh".into()]).unwrap();
        assert_eq!(langs.iter().map(Lang::code).collect::<Vec<_>>(), ["en", "ru", "zh"]);
        assert!(pair_langs(&["en-ru".into(), "ru-zh".into()]).is_none());
    }
}
