//! The account and its settings.

pub mod fields;
mod model;
pub mod validation;
pub use model::*;
