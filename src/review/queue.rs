//! The review queue: the rows a person has not confirmed, in the order to
//! read them so that the errors are met first.

use super::{Review, RowView, Status};

/// The unconfirmed rows of `rows` (the rows of `review`), lowest score first
/// (a row's score: the least of its pairs' scores).
pub fn queue(_review: &Review, rows: &[RowView]) -> Vec<usize> {
    let score = |r: &RowView| r.scores.iter().flatten().copied().fold(1.0, f64::min);
    let mut order: Vec<usize> = rows.iter().filter(|r| r.status == Status::Auto).map(|r| r.index).collect();
    order.sort_by(|&a, &b| score(&rows[a]).total_cmp(&score(&rows[b])));
    order
}

/// Each row's rank in `queue` (1 first), `None` for a row not in it.
pub fn ranks(queue: &[usize], rows: usize) -> Vec<Option<usize>> {
    let mut ranks = vec![None; rows];
    for (k, &row) in queue.iter().enumerate() {
        ranks[row] = Some(k + 1);
    }
    ranks
}
