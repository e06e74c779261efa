mod columns;
pub mod keys;
mod wrap;
