//! How a long command shows what the library reports of its progress: a bar
//! with the stage and an ETA on a terminal, a plain line now and then when
//! stderr is a file or a pipe (a CI log, `2> log`), nothing with `-q`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use trialign::pipeline::Progress;

/// Log lines come on each new stage and otherwise at most this often: enough
/// to see the work move in a log, few enough to read.
const LOG_EVERY: Duration = Duration::from_secs(5);

/// The progress of one command, shown as its stderr allows.
pub(crate) enum Reporter {
    Quiet,
    Bar(ProgressBar),
    Log(Mutex<Log>),
}

impl Reporter {
    /// Nothing when `quiet`; a bar on a terminal; log lines otherwise.
    pub(crate) fn new(quiet: bool) -> Reporter {
        if quiet {
            Reporter::Quiet
        } else if std::io::stderr().is_terminal() {
            // A spinner until the work is planned: a bar of nothing would read 100 %.
            let bar = ProgressBar::new(0).with_style(ProgressStyle::with_template("{spinner} {msg}").expect("valid"));
            bar.enable_steady_tick(Duration::from_millis(120));
            Reporter::Bar(bar)
        } else {
            Reporter::Log(Mutex::new(Log::default()))
        }
    }
}

impl Progress for Reporter {
    fn plan(&self, steps: u64) {
        match self {
            Reporter::Quiet => {}
            Reporter::Bar(bar) => {
                if bar.length() == Some(0) {
                    bar.set_style(bar_style(Instant::now()));
                }
                bar.inc_length(steps);
            }
            Reporter::Log(log) => {
                let mut log = log.lock().expect("no panic while logging");
                log.started.get_or_insert_with(Instant::now);
                log.planned += steps;
            }
        }
    }

    fn done(&self, steps: u64) {
        match self {
            Reporter::Quiet => {}
            Reporter::Bar(bar) => bar.inc(steps),
            Reporter::Log(log) => {
                let mut log = log.lock().expect("no panic while logging");
                log.done += steps;
                if log.printed.is_none_or(|t| t.elapsed() >= LOG_EVERY) {
                    log.print();
                }
            }
        }
    }

    fn stage(&self, what: &str) {
        match self {
            Reporter::Quiet => {}
            Reporter::Bar(bar) => bar.set_message(what.to_string()),
            Reporter::Log(log) => {
                let mut log = log.lock().expect("no panic while logging");
                if log.stage != what {
                    log.stage = what.to_string();
                    log.print();
                }
            }
        }
    }
}

/// `{stage} [=====>    ] 43% ETA 12 s`, the ETA at the mean rate since
/// work was first planned (`started`) as in the log lines: indicatif's own
/// follows the recent rate, which the long passes of one big document, each
/// done at once, drive to hours.
fn bar_style(started: Instant) -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{bar:30}] {percent}%{eta}")
        .expect("a valid template")
        .progress_chars("=> ")
        .with_key("eta", move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            if let Some(left) = eta(state.len().unwrap_or(0), state.pos(), started.elapsed()) {
                let _ = write!(w, " ETA {}", seconds(left));
            }
        })
}

impl Drop for Reporter {
    /// The bar goes before the command prints its results or its error.
    fn drop(&mut self) {
        if let Reporter::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

impl Reporter {
    /// A line for the user above the bar (or in the log); shown with `-q` too,
    /// as what it says is an error.
    pub(crate) fn error_line(&self, line: &str) {
        match self {
            Reporter::Bar(bar) => bar.println(line),
            Reporter::Quiet | Reporter::Log(_) => eprintln!("{line}"),
        }
    }
}

/// The progress of a batch: the documents done and failed before each
/// stage (`2/5 documents, 1 failed · aligning en–ru (3 documents)`), and a
/// line for each failure.
pub(crate) struct BatchProgress {
    pub reporter: Reporter,
    total: usize,
    /// Documents done, of which failed, and the last stage.
    counts: Mutex<(usize, usize, String)>,
}

impl BatchProgress {
    pub(crate) fn new(reporter: Reporter, total: usize) -> BatchProgress {
        BatchProgress { reporter, total, counts: Mutex::new((0, 0, String::new())) }
    }

    /// Document `id` is done; `failed` says why it failed, if it did.
    pub(crate) fn document(&self, id: &str, failed: Option<&str>) {
        let stage = {
            let mut counts = self.counts.lock().expect("no panic while counting");
            counts.0 += 1;
            counts.1 += usize::from(failed.is_some());
            counts.2.clone()
        };
        if let Some(why) = failed {
            self.reporter.error_line(&format!("trialign: {id} failed: {why}"));
        }
        self.stage(&stage);
    }
}

impl Progress for BatchProgress {
    fn plan(&self, steps: u64) {
        self.reporter.plan(steps);
    }
    fn done(&self, steps: u64) {
        self.reporter.done(steps);
    }
    fn stage(&self, what: &str) {
        let line = {
            let mut counts = self.counts.lock().expect("no panic while counting");
            counts.2 = what.to_string();
            format!("{}/{} documents, {} failed · {what}", counts.0, self.total, counts.1)
        };
        self.reporter.stage(&line);
    }
}

/// The progress of one part of a larger job: its stages are told as the
/// part's (`mac-dev-zh-en, exact search: reading lexicons`).
pub(crate) struct Within<'a> {
    pub outer: &'a dyn Progress,
    pub part: String,
}

impl Progress for Within<'_> {
    fn plan(&self, steps: u64) {
        self.outer.plan(steps);
    }
    fn done(&self, steps: u64) {
        self.outer.done(steps);
    }
    fn stage(&self, what: &str) {
        self.outer.stage(&format!("{}: {what}", self.part));
    }
}

/// What the log lines know of the work.
#[derive(Default)]
pub(crate) struct Log {
    planned: u64,
    done: u64,
    stage: String,
    /// When work was first planned: the rate, hence the ETA, counts from
    /// there, not from reading the inputs.
    started: Option<Instant>,
    printed: Option<Instant>,
}

impl Log {
    fn print(&mut self) {
        let elapsed = self.started.map_or(Duration::ZERO, |t| t.elapsed());
        eprintln!("{}", line(&self.stage, self.planned, self.done, elapsed));
        self.printed = Some(Instant::now());
    }
}

/// `trialign: en–ru: learning word translations, round 1 of 2 (43 %, ETA 12 s)`.
fn line(stage: &str, planned: u64, done: u64, elapsed: Duration) -> String {
    let stage = if stage.is_empty() { "working" } else { stage };
    // Nothing planned, or all of it done (writing the outputs): no share to tell.
    if planned == 0 || done >= planned {
        return format!("trialign: {stage}");
    }
    let percent = done * 100 / planned;
    match eta(planned, done, elapsed) {
        Some(left) => format!("trialign: {stage} ({percent} %, ETA {})", seconds(left)),
        None => format!("trialign: {stage} ({percent} %)"),
    }
}

/// Seconds left at the mean rate so far; none before anything is done.
fn eta(planned: u64, done: u64, elapsed: Duration) -> Option<f64> {
    (done > 0).then(|| elapsed.as_secs_f64() * planned.saturating_sub(done) as f64 / done as f64)
}

/// `12 s`, `3 min 05 s`, `2 h 07 min`.
pub(crate) fn seconds(secs: f64) -> String {
    let s = secs.round() as u64;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {:02} s", s / 60, s % 60),
        _ => format!("{} h {:02} min", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_tells_the_stage_the_share_done_and_the_time_left() {
        let stage = "en–ru: learning word translations, round 1 of 2";
        assert_eq!(
            line(stage, 200, 50, Duration::from_secs(4)),
            "trialign: en–ru: learning word translations, round 1 of 2 (25 %, ETA 12 s)"
        );
        assert_eq!(line("reading lexicons", 0, 0, Duration::ZERO), "trialign: reading lexicons");
        assert_eq!(line("aligning en–ru", 10, 0, Duration::from_secs(1)), "trialign: aligning en–ru (0 %)");
        assert_eq!(line("", 10, 5, Duration::from_secs(1)), "trialign: working (50 %, ETA 1 s)");
        assert_eq!(line("writing the run folder", 10, 10, Duration::from_secs(1)), "trialign: writing the run folder");
    }

    #[test]
    fn times_read_in_the_largest_units_that_matter() {
        assert_eq!(seconds(11.6), "12 s");
        assert_eq!(seconds(185.0), "3 min 05 s");
        assert_eq!(seconds(7620.0), "2 h 07 min");
    }
}
