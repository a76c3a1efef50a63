//! Audit events.

mod model;
pub mod rows;
pub use model::*;
