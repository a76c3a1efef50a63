//! Unsaved form input kept across a session that ended (a 401 mid-edit): the form stores its
//! draft when the session expires under it, and takes it back when it opens again at the same
//! path after sign-in. One slot in sessionStorage; it never holds the token.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

const KEY: &str = "netbird-console.draft";

#[derive(Serialize, Deserialize)]
struct Saved<T> {
    path: String,
    value: T,
}

fn storage() -> Option<web_sys::Storage> {
    super::auth::storage(false)
}

/// Keeps `value` as the draft of the form at `path` (replacing any other draft).
pub fn keep<T: Serialize>(path: &str, value: &T) {
    let saved = Saved {
        path: path.to_string(),
        value,
    };
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&saved)) {
        let _ = s.set_item(KEY, &json);
    }
}

/// Takes the draft kept for `path`, if any (it is removed either way once read for its path).
pub fn take<T: DeserializeOwned>(path: &str) -> Option<T> {
    let s = storage()?;
    let raw = s.get_item(KEY).ok().flatten()?;
    let saved: Saved<T> = serde_json::from_str(&raw).ok()?;
    if saved.path != path {
        return None;
    }
    let _ = s.remove_item(KEY);
    Some(saved.value)
}

/// Drops the draft kept for `path`, if that is what the slot holds.
pub fn discard(path: &str) {
    if let Some(s) = storage() {
        let ours = s
            .get_item(KEY)
            .ok()
            .flatten()
            .and_then(|raw| serde_json::from_str::<Saved<serde_json::Value>>(&raw).ok())
            .is_some_and(|saved| saved.path == path);
        if ours {
            let _ = s.remove_item(KEY);
        }
    }
}

/// Drops any kept draft (signing out clears everything the console stored).
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
