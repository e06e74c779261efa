//! Independent jobs on all cores.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f(0..n)` on all cores, in order of `k`. The jobs (document pairs) are
/// independent and of very different sizes, so threads take the next one
/// as they finish.
pub(super) fn parallel_map<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()).min(n);
    if threads <= 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        if k >= n {
                            return mine;
                        }
                        mine.push((k, f(k)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("an alignment thread never panics")).collect()
    });
    results.sort_by_key(|(k, _)| *k);
    results.into_iter().map(|(_, r)| r).collect()
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
