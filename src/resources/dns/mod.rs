//! Nameserver groups and DNS settings.

mod model;
pub mod rows;
pub mod validation;
pub use model::*;
