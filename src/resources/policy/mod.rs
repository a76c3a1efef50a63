//! Access-control policies.

mod model;
pub mod rows;
pub use model::*;
