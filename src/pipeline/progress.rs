//! What long work says about itself while it runs. The pipeline reports
//! how much work it plans and has done and which stage it is in; the command
//! decides how to show it (a bar on a terminal, log lines otherwise, nothing
//! when asked to be quiet). Pairs aligned at once report to the same
//! `Progress`, so every call adds to what is already there.

/// A listener for the progress of long work; every method does nothing by
/// default.
pub trait Progress: Sync {
    /// `steps` more steps of work are planned.
    fn plan(&self, _steps: u64) {}
    /// `steps` of the planned work are done.
    fn done(&self, _steps: u64) {}
    /// What the work is doing now, in a few words ("en–ru: learning word
    /// translations, round 1 of 2").
    fn stage(&self, _what: &str) {}
}

/// Progress nobody listens to.
pub struct Silent;

impl Progress for Silent {}
