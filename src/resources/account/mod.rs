//! The account and its settings.

mod model;
pub mod fields;
pub mod validation;
pub use model::*;
