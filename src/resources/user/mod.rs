//! Users, service users, their tokens and permissions.

mod model;
pub mod rows;
pub use model::*;
