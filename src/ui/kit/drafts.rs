//! Unsaved form input kept across a session that ended (a 401 mid-edit): the form stores its
//! draft when the session expires under it, and takes it back when it opens again at the same
//! path after sign-in (`Draft`, which every form holds its input in). One slot in
//! sessionStorage; it never holds the token.

use crate::base::json::FromJson;
use crate::ui::kit::form::Form;
use leptos::prelude::*;
use serde::Serialize;

const KEY: &str = "netbird-console.draft";

thread_local! {
    /// The slots of forms taken down by their page being built again where it is (after
    /// another form's save, say) while their input was not shown as restored: the new form
    /// takes the input back as it was, not as restored after a sign-in.
    static REBUILT_QUIET: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether the form at `slot` was last taken down by a rebuild while not showing restored
/// input (forgotten once asked).
fn rebuilt_quiet(slot: &str) -> bool {
    REBUILT_QUIET.with_borrow_mut(|q| {
        let found = q.iter().any(|s| s == slot);
        q.retain(|s| s != slot);
        found
    })
}

fn storage() -> Option<web_sys::Storage> {
    crate::ui::auth::storage(false)
}

/// The slot's content, an entry per form with input kept (every form of a page whose session
/// ended keeps its own): what it belongs to (a form's address and name), the input and the
/// version it is based on, a line each (JSON as written has no line break of its own), so that
/// only the input's and the base's own types are read and written per form. Returns the
/// content without `slot`'s entry, and that entry's input and base.
fn split_out(content: &str, slot: &str) -> (String, Option<(String, String)>) {
    let mut rest = String::new();
    let mut found = None;
    let mut lines = content.lines();
    while let (Some(name), Some(value), Some(base)) = (lines.next(), lines.next(), lines.next()) {
        if name == slot {
            found = Some((value.to_string(), base.to_string()));
        } else {
            rest.push_str(&format!("{name}\n{value}\n{base}\n"));
        }
    }
    (rest, found)
}

fn content(s: &web_sys::Storage) -> String {
    s.get_item(KEY).ok().flatten().unwrap_or_default()
}

fn store(s: &web_sys::Storage, content: &str) {
    let _ = if content.is_empty() {
        s.remove_item(KEY)
    } else {
        s.set_item(KEY, content)
    };
}

/// Keeps `value`, based on `base`, as the draft of `slot` (replacing its earlier one).
fn keep<D: Serialize, B: Serialize>(slot: &str, value: &D, base: &B) {
    if let (Ok(value), Ok(base)) = (serde_json::to_string(value), serde_json::to_string(base)) {
        keep_text(slot, &value, &base);
    }
}

/// `keep`'s work past the JSON, compiled once for every form.
fn keep_text(slot: &str, value: &str, base: &str) {
    if let Some(s) = storage() {
        let (rest, _) = split_out(&content(&s), slot);
        store(&s, &format!("{rest}{slot}\n{value}\n{base}\n"));
    }
}

/// Takes the draft kept for `slot`, if any (it is removed once read).
fn take<D: FromJson, B: FromJson>(slot: &str) -> Option<(D, B)> {
    let (value, base) = take_text(slot)?;
    match (
        crate::base::json::decode_str(&value),
        crate::base::json::decode_str(&base),
    ) {
        (Ok(value), Ok(base)) => Some((value, base)),
        _ => None,
    }
}

/// `take`'s work before the JSON: the entry's input and base, removed from the slot.
fn take_text(slot: &str) -> Option<(String, String)> {
    let s = storage()?;
    let (rest, kept) = split_out(&content(&s), slot);
    if kept.is_some() {
        store(&s, &rest);
    }
    kept
}

/// Drops the draft kept for `slot`, if there is one.
fn discard(slot: &str) {
    let _ = take_text(slot);
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

/// A form's input, the one way every form holds it: what was typed (`value`), where the form
/// started, and the version of the object it is based on (`base`: what the stale-edit check
/// compares with; `Option<T>`, None when creating, for a `Saver`; `()` for a form that only
/// creates). While the input differs from where the form started it is kept in the draft
/// slot, so a session that ends under the form (a 401) comes back to it after sign-in, with the
/// version it was based on; `restored` says so until the form is saved or the input thrown
/// away. Leaving the form drops it. `Copy`: move it into handlers freely.
pub struct Draft<D: Send + Sync + 'static, B: Send + Sync + 'static> {
    pub value: RwSignal<D>,
    pub base: RwSignal<B>,
    /// The input came back from the draft slot (shown by `DraftRestored`).
    pub restored: RwSignal<bool>,
    start: StoredValue<(D, B)>,
    /// What the kept input belongs to: the form's address (path and query) and its name, as
    /// one page may hold more than one form.
    slot: StoredValue<String>,
}

impl<D: Send + Sync, B: Send + Sync> Clone for Draft<D, B> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D: Send + Sync, B: Send + Sync> Copy for Draft<D, B> {}

impl<D, B> Draft<D, B>
where
    D: Clone + PartialEq + Serialize + FromJson + Send + Sync + 'static,
    B: Clone + Serialize + FromJson + Send + Sync + 'static,
{
    /// The input of the form `name` (as `Form::new` names it) at the current address, starting
    /// from `start` and based on `base`; input kept there when the session ended comes back in
    /// their place.
    pub fn open(name: &str, start: D, base: B) -> Self {
        let location = crate::ui::router::use_location();
        let slot = format!("{}#{name}", location.here_untracked());
        let kept = take::<D, B>(&slot);
        let quiet = rebuilt_quiet(&slot);
        let start = (start, base);
        // Input kept that is where the form starts anyway (a save of it done meanwhile) is
        // nothing restored.
        let restored = RwSignal::new(kept.as_ref().is_some_and(|(v, _)| !quiet && *v != start.0));
        let (value, base) = kept.unwrap_or_else(|| start.clone());
        let draft = Draft {
            value: RwSignal::new(value),
            base: RwSignal::new(base),
            restored,
            start: StoredValue::new(start),
            slot: StoredValue::new(slot),
        };
        draft.keep_while_edited(location);
        draft
    }

    /// The form sent (`ev`, its submit event, taken from the browser): the checks shown and
    /// the server's last complaint cleared; true when nothing blocks sending. Input taken back
    /// after a sign-in no longer shows as restored.
    pub fn submit(self, form: Form, ev: &leptos::ev::SubmitEvent) -> bool {
        submit(self.restored, form, ev)
    }

    /// `field` changed by `change`: the server's complaint about it no longer applies.
    pub fn edit(self, form: Form, field: &'static str, change: impl FnOnce(&mut D)) {
        self.value.update(change);
        form.edited(field);
    }

    /// Saved: nothing is kept for the form any more, and nothing shows as restored.
    pub fn saved(self) {
        self.restored.set(false);
        self.slot.with_value(|s| discard(s));
    }

    /// "Discard": the form as it started, based on the version it loaded.
    pub fn discard(self) {
        let (value, base) = self.start.get_value();
        self.value.set(value);
        self.base.set(base);
        self.saved();
    }

    /// Keeps the input while it differs from where the form started, and drops it when the
    /// form goes away, unless the session ended under the form (sign-in then comes back to it)
    /// or the page is built again where it is (after another form's save, say: the new form
    /// takes the input back).
    fn keep_while_edited(self, location: crate::ui::router::Location) {
        use crate::ui::auth::{use_auth, SessionEnd};
        let auth = use_auth();
        Effect::new(move |_| {
            self.base.track();
            let changed = self
                .value
                .with(|v| self.start.with_value(|(start, _)| v != start));
            if changed {
                self.value.with_untracked(|value| {
                    self.base
                        .with_untracked(|base| self.slot.with_value(|s| keep(s, value, base)))
                });
            } else {
                self.slot.with_value(|s| discard(s));
            }
        });
        on_cleanup(move || {
            let keeps_place = auth
                .ended
                .with_untracked(|e| e.as_ref().is_some_and(SessionEnd::keeps_place));
            let here = location.here_untracked();
            let rebuilt_here = self
                .slot
                .with_value(|s| s.rsplit_once('#').is_some_and(|(at, _)| at == here));
            if keeps_place {
                return;
            }
            if !rebuilt_here {
                self.slot.with_value(|s| discard(s));
            } else if self.restored.try_get_untracked() != Some(true) {
                let slot = self.slot.get_value();
                REBUILT_QUIET.with_borrow_mut(|q| q.push(slot));
            }
        });
    }
}

/// `Draft::submit`, one copy for every form.
#[inline(never)]
fn submit(restored: RwSignal<bool>, form: Form, ev: &leptos::ev::SubmitEvent) -> bool {
    ev.prevent_default();
    restored.set(false);
    form.submit()
}

#[cfg(test)]
mod tests {
    use super::split_out;

    #[test]
    fn each_form_keeps_its_own_entry() {
        let content =
            "/peers/1#peer\n{\"name\":\"a\"}\nnull\n/peers/1#peer-groups\n[\"g\"]\nnull\n";
        let (rest, found) = split_out(content, "/peers/1#peer-groups");
        assert_eq!(found, Some(("[\"g\"]".into(), "null".into())));
        assert_eq!(rest, "/peers/1#peer\n{\"name\":\"a\"}\nnull\n");
        let (rest, found) = split_out(&rest, "/peers/1#peer");
        assert_eq!(found, Some(("{\"name\":\"a\"}".into(), "null".into())));
        assert_eq!(rest, "");
        // Another form's entry, and the one-entry content of earlier versions (no last line
        // break), are read alike.
        let (rest, found) = split_out("/users/new#new-user\n{}\nnull", "/peers/1#peer");
        assert_eq!(
            (rest.as_str(), found),
            ("/users/new#new-user\n{}\nnull\n", None)
        );
        assert_eq!(split_out("", "/x#y"), (String::new(), None));
    }
}
