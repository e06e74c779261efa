//! Review: what a person checks after an alignment, and in which order.

pub mod queue;
