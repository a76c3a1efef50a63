//! The optional idle timeout (`idle_timeout_minutes` in `config.json`): no key press or click
//! for that long signs out. The last activity is kept in localStorage, so every tab of the
//! console counts and a reopened browser is checked at once.

use super::auth::{Auth, SessionEnd};
use crate::base::session::idle_expired;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

const KEY: &str = "netbird-console.activity";

fn storage() -> Option<web_sys::Storage> {
    super::auth::storage(true)
}

thread_local! {
    /// Whether a timeout is being watched: without one nothing is written.
    static WATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Records activity now (also called on sign-in, so an old timestamp never signs out at once).
pub fn mark_activity() {
    if !WATCHING.with(|w| w.get()) {
        return;
    }
    if let Some(s) = storage() {
        // Whole milliseconds: an integer keeps float formatting out of the bundle.
        let _ = s.set_item(KEY, &(js_sys::Date::now() as u64).to_string());
    }
}

fn last_activity() -> Option<f64> {
    let ms: u64 = storage()?.get_item(KEY).ok().flatten()?.parse().ok()?;
    Some(ms as f64)
}

fn check(auth: Auth, minutes: u32) {
    if auth.session.with_untracked(Option::is_none) {
        return;
    }
    match last_activity() {
        Some(t) if idle_expired(t, js_sys::Date::now(), minutes) => {
            auth.end(SessionEnd::Idle(minutes))
        }
        Some(_) => {}
        None => mark_activity(),
    }
}

/// Starts watching for inactivity (nothing happens when `minutes` is 0).
pub fn watch(auth: Auth, minutes: u32) {
    if minutes == 0 {
        return;
    }
    WATCHING.with(|w| w.set(true));
    check(auth, minutes);
    // Listeners for the lifetime of the page.
    let _ = window_event_listener(ev::keydown, |_| mark_activity());
    let _ = window_event_listener(ev::pointerdown, |_| mark_activity());
    let _ = set_interval_with_handle(move || check(auth, minutes), Duration::from_secs(5));
}

/// Forgets the activity mark (sign-out clears everything the console stored).
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
