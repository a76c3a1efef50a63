//! Posture checks: conditions a source peer must meet for a policy to apply to it (client
//! version, OS version, location, network, running processes). The model, the form's rules,
//! and the lines the list shows.

mod model;
pub mod rows;
pub mod validation;
pub use model::*;
