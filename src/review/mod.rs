//! The review of a run: what a person checked and changed, kept beside the
//! outputs so that no correction is lost.
//!
//! - [`state`]: the [`Review`] itself — documents, each pair's beads with a
//!   [`BeadMark`] (score, [`Status`], [`Flags`]), the edit log;
//! - [`rows`]: the rows a person reads (one per bead, or joined through the
//!   pivot for three languages);
//! - [`flags`]: the reasons to doubt a bead, and those the texts tell;
//! - [`edit`]: the changes a person makes ([`Edit`], [`Review::apply`]), and
//!   [`syntax`] their one-line text form (`merge en:5`);
//! - [`realign`]: "re-align from here", the automatic beads around a row
//!   aligned again with the reviewed ones fixed;
//! - [`session`]: undo, redo and the unsaved state while editing;
//! - [`queue`]: the order to read the beads in, errors first;
//! - [`carry`]: reviewed beads carried over to re-segmented, edited texts.
//!
//! The invariant of every pair — each sentence exactly once, in order, on
//! both sides — is carried by [`crate::align::Alignment`]; a review only
//! adds a mark per bead, tied to it by [`ReviewedAlignment::new`].

pub mod carry;
pub mod edit;
pub mod flags;
pub mod queue;
pub mod realign;
pub mod rows;
pub mod session;
pub mod state;
pub mod status;
pub mod syntax;
#[cfg(test)]
pub(crate) mod testing;

pub use edit::{Edit, EditError, RowRef};
pub use flags::{text_flags, Flag, Flags, UnknownFlag, CONFIDENT_SCORE, LENGTH_Z_LIMIT};
pub use rows::{Counts, RowView, SideRef};
pub use session::{ReplayError, ReplayFailure, Session, REDO, UNDO};
pub use state::{
    sha256_hex, BeadMark, Language, LogEntry, PairReview, PairRun, Review, ReviewError, ReviewedAlignment,
};
pub use status::{Status, UnknownStatus};
pub use syntax::{EditLine, ParseEditError};
