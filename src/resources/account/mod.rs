//! The account and its settings.

mod model;
pub use model::*;
