//! netbird-console: a web admin console for NetBird networks.
//!
//! - `base`: pure code every resource shares (JSON, errors, formatting, list queries, URLs,
//!   token, session);
//! - `resources`: one folder per NetBird resource (model, rows, request, validation, writes);
//! - `registry`: the one list of the console's resources, from which navigation, URL matching,
//!   the on-demand page modules and the home counts are derived;
//! - `ui` (wasm32 only): the browser layer, its shared kit and one folder of pages per resource.
//!
//! Everything but `ui` builds and tests on the host with plain `cargo test`.

pub mod base;
pub mod registry;
pub mod resources;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use ui::start;
