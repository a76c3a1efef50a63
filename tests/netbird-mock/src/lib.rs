//! `netbird-mock`: an in-memory mock of NetBird's management REST API, faithful to the real
//! server's behaviour (`management/server` in netbirdio/netbird), which wins over the spec.

pub mod api;
pub mod domain;
pub mod fault;
pub mod net;
pub mod pat;
pub mod seed;
pub mod server;
pub mod shape;
pub mod state;
pub mod util;

pub use server::{spawn, App, Config};
