//! Setup keys.

mod model;
pub mod rows;
pub mod validation;
pub use model::*;
