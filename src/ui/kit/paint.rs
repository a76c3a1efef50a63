//! Work put off until the next frame is painted: what the page shows first is drawn before it.

use leptos::prelude::*;
use std::time::Duration;

/// Runs `f` after the next frame is painted, behind the tasks queued by then (the table's own
/// after-paint work, an input event), so that a long `f` holds up nothing already waiting.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        set_timeout(move || set_timeout(f, Duration::ZERO), Duration::ZERO)
    });
}

/// Done once the next frame is painted (`after_paint`).
pub async fn painted() {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |done, _| resolve = Some(done));
    if let Some(done) = resolve {
        after_paint(move || {
            let _ = done.call0(&wasm_bindgen::JsValue::UNDEFINED);
        });
    }
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
