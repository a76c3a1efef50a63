//! Access-control policies: the model, the table rows, the ports text, the form's rules and
//! its warnings.

mod model;
pub mod ports;
pub mod rows;
pub mod validation;
pub mod warnings;
pub use model::*;
