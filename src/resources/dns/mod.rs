//! Nameserver groups and DNS settings.

mod model;
pub mod rows;
pub use model::*;
