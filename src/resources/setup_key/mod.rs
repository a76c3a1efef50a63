//! Setup keys.

mod model;
pub mod rows;
pub use model::*;
