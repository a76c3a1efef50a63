//! Groups of peers.

mod model;
pub mod rows;
pub use model::*;
