//! Users, service users, their tokens and permissions.

mod model;
pub mod rows;
pub mod validation;
pub use model::*;
