//! Performance marks the benchmark (`tests/e2e/src/bin/bench.rs`) and some journeys read. They
//! write nothing the console itself uses.

use leptos::prelude::*;
use std::time::Duration;

/// Marks `name` now.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Marks `name` once the frame showing what was just rendered is painted: the next animation
/// frame, then the task after it.
pub fn mark_painted(name: &'static str) {
    request_animation_frame(move || set_timeout(move || mark(name), Duration::ZERO));
}
