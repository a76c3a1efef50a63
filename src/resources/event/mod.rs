//! Audit events.

pub mod activity;
pub mod days;
pub mod links;
mod model;
pub mod rows;
pub use model::*;
