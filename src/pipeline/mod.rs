//! The stages in order, for the commands: load documents as sentences
//! ([`load`]), align document pairs of one language pair together, the
//! model fitting itself and learning word translations from them
//! ([`align_documents`]), refuse pairs that are not translations
//! ([`check_translations`]), run a whole `align` job ([`run`]) and evaluate
//! against a gold set ([`evaluate_set`]).
//!
//! Architecture invariant: the pipeline reads input files through
//! [`crate::input`] and writes nothing; what a run writes is built by
//! [`crate::formats`] and committed by the caller.

use std::path::PathBuf;

use crate::eval::EvalError;
use crate::evidence::lexicon::LexiconError;
use crate::evidence::words::WordsError;
use crate::evidence::WEIGHT_NAMES;
use crate::input::InputError;
use crate::lang::{self, Lang};

mod batch;
mod check;
mod documents;
mod evaluate;
mod keep;
mod load;
mod options;
mod parallel;
mod progress;
mod resources;
mod run;
mod shard;

pub use batch::{
    align_batch, finished_reviews, plan_batch, plan_merge, reason, BatchDocument, BatchError, BatchSettings, Merge,
    Plan, Planned,
};
pub use check::check_translations;
pub use documents::{align_documents, align_pair, PairResult};
pub use evaluate::{evaluate_set, DocReport, SetReport};
pub use keep::{keep_reviewed, Kept, LostReview};
pub use load::{load, load_bytes, load_bytes_with, load_with, Side};
pub use options::{read_weights, PairOptions};
pub use progress::{Progress, Silent};
pub use resources::Resources;
pub use run::{run, AlignedPair, Run};
pub use shard::{BadShard, Shard};

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Eval(#[from] EvalError),
    #[error(transparent)]
    Links(#[from] crate::formats::LinksError),
    #[error(transparent)]
    Lang(#[from] lang::BadLangCode),
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error(transparent)]
    Words(#[from] WordsError),
    #[error("{path}: has no letters, so its language cannot be told; name it with --lang/--langs")]
    NoLetters { path: PathBuf },
    #[error("{path}: is written in {found} script ({found_lang}), but the language given is {declared} ({declared_script}); check the file order or --lang/--langs")]
    WrongScript { path: PathBuf, declared: Lang, declared_script: lang::Script, found: lang::Script, found_lang: Lang },
    #[error(
        "{src} and {tgt} do not look like translations of each other: {why}; check that the files belong together"
    )]
    NotTranslations { src: PathBuf, tgt: PathBuf, why: String },
    #[error("{first} and {second} are both {lang} (or the same file): a run aligns one document per language to the pivot; align the second in a run of its own, with another -o folder")]
    SameLanguage { first: PathBuf, second: PathBuf, lang: Lang },
    #[error("{path}: cannot be read: {source}")]
    WeightsUnreadable { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a weights file: {reason}; it needs `name<TAB>value` lines naming each of {}", WEIGHT_NAMES.join(", "))]
    BadWeights { path: PathBuf, reason: String },
}
