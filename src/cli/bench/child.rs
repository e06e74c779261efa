//! One timed run of a command in a child process: its wall time and its
//! peak memory, which only the kernel knows exactly (`wait4`'s resource
//! usage of the child), and a stop when it takes too long.
//!
//! On Linux a child's `ru_maxrss` starts at its parent's peak (the kernel
//! carries the high-water mark over the fork and the exec), so a run
//! smaller than the bench itself reads as large as the bench. Where
//! `/proc` has the child's own high-water mark (`VmHWM`), it is read while
//! the child runs and taken when `ru_maxrss` is no more than the parent's.

use std::io::{self, Read, Seek};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a run went.
#[derive(Debug)]
pub(super) struct Measured {
    pub seconds: f64,
    /// The largest resident set of the child, in MB (10⁶ bytes).
    pub peak_mb: f64,
    pub end: End,
}

#[derive(Debug, PartialEq)]
pub(super) enum End {
    Success,
    /// Exited otherwise, or was killed by a signal: the exit code (none for
    /// a signal) and what it printed on stderr.
    Failed(Option<i32>, String),
    /// Stopped after the timeout.
    TimedOut,
}

/// `ru_maxrss` is in kilobytes on Linux, in bytes on macOS.
const MAXRSS_UNIT: f64 = if cfg!(target_os = "macos") { 1.0 } else { 1024.0 };

/// Runs `command` (no input, its output discarded, stderr kept for a
/// failure's message) and measures it; kills it after `timeout`.
pub(super) fn measure(command: &mut Command, timeout: Duration) -> io::Result<Measured> {
    let mut stderr = tempfile::tempfile()?;
    let start = Instant::now();
    let mut child = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(stderr.try_clone()?).spawn()?;
    let pid = child.id() as libc::pid_t;
    let parent_peak = high_water_kb("self");
    let mut child_peak = None;
    let mut timed_out = false;
    // Polled, so that the timeout can stop it; the pause is under 0.5 % of
    // the time so far, the error it adds to the wall time.
    let (status, usage) = loop {
        child_peak = high_water_kb(&pid.to_string()).max(child_peak);
        if let Some(ended) = reap(pid, libc::WNOHANG)? {
            break ended;
        }
        if start.elapsed() >= timeout {
            child.kill()?;
            timed_out = true;
            break reap(pid, 0)?.expect("a blocking wait returns once the child has ended");
        }
        std::thread::sleep((start.elapsed() / 200).clamp(Duration::from_millis(1), Duration::from_millis(20)));
    };
    let seconds = start.elapsed().as_secs_f64();
    let maxrss = usage.ru_maxrss as f64 * MAXRSS_UNIT;
    let peak_mb = match (parent_peak, child_peak) {
        (Some(parent), Some(child)) if maxrss <= parent as f64 * 1024.0 => child as f64 * 1024.0 / 1e6,
        _ => maxrss / 1e6,
    };
    let end = if timed_out {
        End::TimedOut
    } else if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
        End::Success
    } else {
        let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
        let mut said = String::new();
        stderr.rewind()?;
        stderr.read_to_string(&mut said)?;
        End::Failed(code, said)
    };
    Ok(Measured { seconds, peak_mb, end })
}

/// The high-water mark of the resident set of process `pid` (`self` for
/// this one) in kB, as `/proc` gives it; `None` where it cannot be read.
fn high_water_kb(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The wait status and resource usage of the child `pid` once it has ended
/// (reaping it); `None` while it runs, with `WNOHANG` in `flags`.
fn reap(pid: libc::pid_t, flags: libc::c_int) -> io::Result<Option<(libc::c_int, libc::rusage)>> {
    let mut status = 0;
    // SAFETY: rusage is plain integers, for which all-zero bytes are a value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `status` and `usage` are live and writable, of the types wait4 writes.
        let r = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
        if r == pid {
            return Ok(Some((status, usage)));
        }
        if r == 0 {
            return Ok(None);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str, timeout: Duration) -> Measured {
        measure(Command::new("sh").args(["-c", script]), timeout).unwrap()
    }

    #[test]
    fn a_run_that_ends_well_has_its_time_and_memory() {
        let m = sh("true", Duration::from_secs(60));
        assert_eq!(m.end, End::Success);
        assert!(m.seconds > 0.0 && m.peak_mb > 0.0, "{m:?}");
    }

    /// A small child of a large bench reads as small: its own peak, not the
    /// one the kernel carries over from the parent.
    #[test]
    #[cfg(target_os = "linux")]
    fn a_small_run_is_not_charged_the_parents_peak() {
        let ballast: Vec<u8> = vec![1; 200_000_000];
        assert!(high_water_kb("self").unwrap() > 190_000);
        let m = sh("sleep 0.2", Duration::from_secs(60));
        assert!(m.peak_mb < 50.0, "{m:?} (ballast {} bytes)", ballast.iter().map(|&b| b as usize).sum::<usize>());
    }

    #[test]
    fn a_failure_keeps_its_exit_code_and_message() {
        let m = sh("echo 'trialign: error: no such file' >&2; exit 2", Duration::from_secs(60));
        assert_eq!(m.end, End::Failed(Some(2), "trialign: error: no such file\n".into()));
        assert_eq!(sh("kill -9 $$", Duration::from_secs(60)).end, End::Failed(None, String::new()));
    }

    #[test]
    fn a_run_past_its_timeout_is_stopped() {
        let m = sh("exec sleep 30", Duration::from_millis(100));
        assert_eq!(m.end, End::TimedOut);
    }
}
