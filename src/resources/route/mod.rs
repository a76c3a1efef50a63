//! NetBird routes: the model, the table rows, the form's draft, request and validation with the
//! server's rules, domain names, overlap warnings, and writing a route back.

pub mod domain;
mod model;
pub mod overlap;
pub mod rows;
pub mod validation;
pub mod write;
pub use model::*;
