//! Unsaved form input kept across a session that ended (a 401 mid-edit): the form stores its
//! draft when the session expires under it, and takes it back when it opens again at the same
//! path after sign-in. One slot in sessionStorage; it never holds the token.

use crate::base::json::{FromJson, Ignored, Reader};
use serde::Serialize;

const KEY: &str = "netbird-console.draft";

#[derive(Serialize)]
struct Saved<T> {
    path: String,
    value: T,
}

impl<T: FromJson> FromJson for Saved<Option<T>> {
    fn from_json(r: &mut Reader<'_>) -> crate::base::json::Result<Self> {
        let mut saved = Saved {
            path: String::new(),
            value: None,
        };
        r.fields(&mut |r, name| {
            match name {
                "path" => saved.path = r.string()?,
                "value" => saved.value = Some(T::from_json(r)?),
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok(saved)
    }
}

fn storage() -> Option<web_sys::Storage> {
    crate::ui::auth::storage(false)
}

/// The draft slot's content, if it holds a draft of the form at `path`.
fn saved<T: FromJson>(s: &web_sys::Storage, path: &str) -> Option<T> {
    let raw = s.get_item(KEY).ok().flatten()?;
    let saved: Saved<Option<T>> = crate::base::json::decode_str(&raw).ok()?;
    saved.value.filter(|_| saved.path == path)
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

/// Takes the draft kept for `path`, if any (it is removed once read for its path).
pub fn take<T: FromJson>(path: &str) -> Option<T> {
    let s = storage()?;
    let value = saved::<T>(&s, path)?;
    let _ = s.remove_item(KEY);
    Some(value)
}

/// Drops the draft kept for `path`, if that is what the slot holds.
pub fn discard(path: &str) {
    if let Some(s) = storage() {
        if saved::<Ignored>(&s, path).is_some() {
            let _ = s.remove_item(KEY);
        }
    }
}

/// Moves the draft slot's content to the sessionStorage key `to` (an account's own, while
/// another account is active), and what `from` holds into the slot: switching accounts keeps
/// each one's draft apart.
pub fn swap(to: &str, from: &str) {
    if let Some(s) = storage() {
        if let Ok(Some(mine)) = s.get_item(KEY) {
            let _ = s.set_item(to, &mine);
        }
        match s.get_item(from) {
            Ok(Some(theirs)) => {
                let _ = s.set_item(KEY, &theirs);
                let _ = s.remove_item(from);
            }
            _ => {
                let _ = s.remove_item(KEY);
            }
        }
    }
}

/// Drops any kept draft (signing out clears everything the console stored).
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

/// Keeps the draft of the form at `path` (what `snapshot` gives) whenever `changed` says it
/// differs from where the form started, and drops it when the form goes away, unless the
/// session ended under the form (sign-in then comes back to it and `take`s it).
pub fn keep_while_edited<T: Serialize + 'static>(
    path: leptos::prelude::StoredValue<String>,
    changed: leptos::prelude::Signal<bool>,
    snapshot: impl Fn() -> T + 'static,
) {
    use crate::ui::auth::{use_auth, SessionEnd};
    use leptos::prelude::*;
    let auth = use_auth();
    Effect::new(move |_| {
        if changed.get() {
            path.with_value(|p| keep(p, &snapshot()));
        }
    });
    on_cleanup(move || {
        let keeps_place = auth
            .ended
            .with_untracked(|e| e.as_ref().is_some_and(SessionEnd::keeps_place));
        if !keeps_place {
            path.with_value(|p| discard(p));
        }
    });
}
