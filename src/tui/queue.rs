//! The order in which `n` visits the rows. Until the review queue of the library
//! (`trialign::review::queue::queue`, flags and evidence first) is merged, the unconfirmed rows by
//! ascending score — the weakest bead of a row decides — stand in for it; this is the one place to
//! switch.

use trialign::review::{Review, Status};

/// Unconfirmed row indices, the likeliest errors first.
pub fn queue(review: &Review) -> Vec<usize> {
    let rows = review.rows();
    let weakest = |i: usize| rows[i].scores.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let mut order: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].status == Status::Auto).collect();
    order.sort_by(|&a, &b| weakest(a).total_cmp(&weakest(b)).then(a.cmp(&b)));
    order
}
