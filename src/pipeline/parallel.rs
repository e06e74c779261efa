//! Independent jobs on all cores.

use rayon::prelude::*;

/// `f(0..n)` on all cores, in order of `k`. The jobs (document pairs) are
/// independent and of very different sizes; rayon's threads take the next
/// one as they finish, and share the cores with the work inside a job.
pub(super) fn parallel_map<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    (0..n).into_par_iter().map(&f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_job_order() {
        assert_eq!(parallel_map(50, |k| k * k), (0..50).map(|k| k * k).collect::<Vec<_>>());
        assert!(parallel_map(0, |k| k).is_empty());
    }
}
