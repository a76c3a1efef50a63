#![cfg(not(target_arch = "wasm32"))]
//! Property tests: every parser, validator, URL-query decoder and JSON model of the pure
//! modules is fed arbitrary and near-valid input, and must never panic (and must keep the
//! promises it documents).
//!
//! `cargo test -p netbird-console --test properties` runs a short pass (a few hundred cases per
//! property). Run longer with, e.g.,
//! `PROPTEST_CASES=100000 cargo test --release -p netbird-console --test properties`.
//! A failure prints the minimal input; nothing is written to disk.
//!
//! One test binary, one module per area; the strategies several areas share are in `common`.

mod common;

mod errors;
mod format;
mod json;
mod listing;
mod models;
mod policies;
mod registry;
mod routes;
mod session;
