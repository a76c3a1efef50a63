//! netbird-console: a web admin console for NetBird networks.
//!
//! The pure modules (tokens, errors, models, formatting, list queries, validation) build and
//! test on the host with plain `cargo test`; everything that touches the browser is compiled
//! for wasm32 only.

pub mod config;
pub mod error;
pub mod format;
pub mod json;
pub mod json_array;
pub mod models;
pub mod nav;
pub mod route_match;
pub mod route_write;
pub mod rows;
pub mod session;
pub mod sort;
pub mod table;
pub mod token;
pub mod validation;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use ui::start;
