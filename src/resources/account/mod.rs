//! The account and its settings.

mod model;
pub mod validation;
pub use model::*;
