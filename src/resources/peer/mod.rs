//! Peers: the machines of the network.

mod model;
pub mod rows;
pub mod validation;
pub use model::*;
pub mod relations;
