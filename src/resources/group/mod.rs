//! Groups of peers: the model, the table rows, where a group is used, and taking it out of
//! those places before it is deleted.

pub mod detach;
mod model;
pub mod rows;
pub mod usage;
pub mod validation;
pub use model::*;
