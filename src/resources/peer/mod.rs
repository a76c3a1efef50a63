//! Peers: the machines of the network.

mod model;
pub mod rows;
pub use model::*;
