//! The signed-in session: kept in sessionStorage, or in localStorage when the user chose
//! "remember me". The token lives only here and in the `Authorization` header.

use crate::base::session::StoredSession;
use crate::base::token::Credential;
use crate::resources::{CurrentUser, Permissions, User};
use leptos::prelude::*;

const STORAGE_KEY: &str = "netbird-console.session";
/// Beside the session: which of the lists a page reads only when the role may
/// (`registry::ROLE_READS`) its user could read when last seen, so that `public/loader.js`
/// asks for them with the page's own lists. No secret: permission module names.
const READS_KEY: &str = "netbird-console.reads";

thread_local! {
    /// What waits for the user to be known (`Auth::known_permissions`).
    static WAITING: std::cell::RefCell<Vec<js_sys::Function>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub api_url: String,
    pub credential: Credential,
    pub remember: bool,
}

/// Who is signed in and what they may do.
#[derive(Clone, Debug, PartialEq)]
pub struct Me {
    pub user: User,
    pub permissions: Permissions,
}

impl From<CurrentUser> for Me {
    fn from(c: CurrentUser) -> Me {
        Me {
            permissions: c.effective_permissions(),
            user: c.user,
        }
    }
}

/// Why the last session ended, for the sign-in page to say.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionEnd {
    SignedOut,
    Expired,
    /// The idle timeout (minutes) ran out.
    Idle(u32),
}

impl SessionEnd {
    /// Sign-in should bring the user back to where they were, with any unsaved draft.
    pub fn keeps_place(&self) -> bool {
        !matches!(self, SessionEnd::SignedOut)
    }
}

#[derive(Clone, Copy)]
pub struct Auth {
    pub session: RwSignal<Option<Session>>,
    pub me: RwSignal<Option<Me>>,
    pub ended: RwSignal<Option<SessionEnd>>,
}

/// The browser's localStorage (`local`) or sessionStorage, if it allows storage at all.
pub(super) fn storage(local: bool) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    if local {
        window.local_storage().ok().flatten()
    } else {
        window.session_storage().ok().flatten()
    }
}

fn load_stored() -> Option<Session> {
    [false, true].into_iter().find_map(|local| {
        let raw = storage(local)?.get_item(STORAGE_KEY).ok().flatten()?;
        let stored: StoredSession = crate::base::json::decode_str(&raw).ok()?;
        let credential = Credential::parse(&stored.token).ok()?;
        Some(Session {
            api_url: stored.api_url,
            credential,
            remember: local,
        })
    })
}

fn clear_stored() {
    for local in [false, true] {
        if let Some(s) = storage(local) {
            let _ = s.remove_item(STORAGE_KEY);
            let _ = s.remove_item(READS_KEY);
        }
    }
    super::idle::forget();
}

fn store(session: &Session) {
    clear_stored();
    let stored = StoredSession {
        api_url: session.api_url.clone(),
        token: session.credential.secret().to_string(),
    };
    if let (Some(s), Ok(json)) = (storage(session.remember), serde_json::to_string(&stored)) {
        let _ = s.set_item(STORAGE_KEY, &json);
    }
}

/// Stores, beside the session, which of the role-gated lists the user may read (`READS_KEY`).
fn remember_reads(remember: bool, permissions: &Permissions) {
    let mut readable = String::new();
    for module in crate::registry::role_read_modules().filter(|m| permissions.can_read(m)) {
        if !readable.is_empty() {
            readable.push(',');
        }
        readable.push_str(module);
    }
    if let Some(s) = storage(remember) {
        let _ = s.set_item(READS_KEY, &readable);
    }
}

impl Auth {
    /// Restores a stored session, if any.
    pub fn restore() -> Auth {
        Auth {
            session: RwSignal::new(load_stored()),
            me: RwSignal::new(None),
            ended: RwSignal::new(None),
        }
    }

    /// Who is signed in, as `/api/users/current` said on opening the console.
    pub fn know(&self, me: Me) {
        if let Some(remember) = self
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.remember))
        {
            remember_reads(remember, &me.permissions);
        }
        self.set_me(me);
    }

    pub fn sign_in(&self, session: Session, me: Me) {
        super::api::forget_prefetched();
        super::kit::kept::forget();
        store(&session);
        remember_reads(session.remember, &me.permissions);
        super::idle::mark_activity();
        self.ended.set(None);
        self.set_me(me);
        self.session.set(Some(session));
    }

    /// Ends the session: storage cleared at once, signals reset on the next task. The shell then
    /// leaves for sign-in. Deferred because the caller is often in the middle of a page's work
    /// (an action that got a 401 goes on to show the error): that work and the effects it
    /// triggers finish while the page still exists, and only then is the page taken down.
    pub fn end(&self, why: SessionEnd) {
        clear_stored();
        super::api::forget_prefetched();
        super::kit::kept::forget();
        if !why.keeps_place() {
            // Signing out leaves nothing behind: the unsaved draft, and the account signed out
            // of with all it stored. An expired session keeps the draft (no secret in it) for
            // the sign-in that follows.
            super::kit::drafts::forget();
            if let Some(id) = super::accounts::active_id() {
                super::accounts::forget(&id);
            }
        }
        let auth = *self;
        set_timeout(
            move || {
                // Several requests may fail at once: the first end is the one that counts.
                if auth.session.with_untracked(Option::is_none) {
                    return;
                }
                auth.ended.set(Some(why));
                auth.me.set(None);
                auth.session.set(None);
            },
            std::time::Duration::ZERO,
        );
    }

    /// The permissions of the signed-in user (none while unknown).
    pub fn permissions(&self) -> Permissions {
        self.me.with(|m| {
            m.as_ref()
                .map(|m| m.permissions.clone())
                .unwrap_or_default()
        })
    }

    /// The permissions of the signed-in user once they are known (at once if they are; none if
    /// the scope asking is cleaned up first). For a page's loading, which starts before the
    /// user is known: deciding by `permissions` would first load without what the role may
    /// read, then load everything again when the user arrives.
    pub fn known_permissions(&self) -> impl std::future::Future<Output = Permissions> {
        let auth = *self;
        let known = self
            .me
            .with_untracked(Option::is_none)
            .then(|| auth.me_known());
        async move {
            if let Some(known) = known {
                let _ = wasm_bindgen_futures::JsFuture::from(known).await;
            }
            auth.permissions_untracked()
        }
    }

    /// Settles once the user is known (`know`, `sign_in`), or once the scope asking is cleaned
    /// up. (No effect of its own: one per caller would each be compiled apart.)
    fn me_known(&self) -> js_sys::Promise {
        let (known, resolve) = super::api::settled_on_cleanup();
        if let Some(done) = resolve {
            WAITING.with_borrow_mut(|waiting| waiting.push(done));
        }
        known
    }

    /// Knows `me`, and settles what waited for it.
    fn set_me(&self, me: Me) {
        self.me.set(Some(me));
        for done in WAITING.take() {
            let _ = done.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    }

    /// `permissions`, read without subscribing (in async work, outside any reactive scope).
    pub fn permissions_untracked(&self) -> Permissions {
        self.me.with_untracked(|m| {
            m.as_ref()
                .map(|m| m.permissions.clone())
                .unwrap_or_default()
        })
    }
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
