//! Several NetBird accounts in one console. Each sign-in is saved as a connection (label, API
//! URL, token: in sessionStorage, or in localStorage only with "remember me"); the top bar
//! switches between them without signing in again. Each account keeps its own place (the page
//! and its table state, in the URL), unsaved draft and language; forgetting one removes all of
//! it. Signing out forgets the account signed out of.

use super::api::fetch_me;
use super::auth::{storage, Auth, Me, Session};
use super::router::{use_location, use_navigate, NavigateOptions};
use crate::base::connections::{connection_id, default_label, tone, upsert, Connection};
use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::base::token::Credential;
use leptos::prelude::*;

const LIST: &str = "netbird-console.connections";
/// This tab's account (sessionStorage).
const ACTIVE: &str = "netbird-console.active";

fn place_key(id: &str) -> String {
    format!("netbird-console.place.{id}")
}
fn draft_key(id: &str) -> String {
    format!("netbird-console.draft.{id}")
}
fn language_key(id: &str) -> String {
    format!("netbird-console.lang.{id}")
}

/// Where what belongs to the account `id` is kept: with its token (localStorage only when it
/// was remembered).
fn storage_of(id: &str) -> Option<web_sys::Storage> {
    storage(read(true).iter().any(|c| c.id == id))
}

/// Keeps `code` as the language of the active account.
pub fn keep_language(code: &str) {
    if let Some(id) = active_id() {
        if let Some(s) = storage_of(&id) {
            let _ = s.set_item(&language_key(&id), code);
        }
    }
}

fn read(local: bool) -> Vec<Connection> {
    storage(local)
        .and_then(|s| s.get_item(LIST).ok().flatten())
        .and_then(|raw| crate::base::json::decode_str(&raw).ok())
        .unwrap_or_default()
}

fn write(local: bool, list: &[Connection]) {
    if let Some(s) = storage(local) {
        let _ = if list.is_empty() {
            s.remove_item(LIST)
        } else {
            s.set_item(LIST, &serde_json::to_string(list).unwrap_or_default())
        };
    }
}

/// Every saved connection, this tab's first, then the remembered ones.
pub fn saved() -> Vec<Connection> {
    let mut all = read(false);
    for c in read(true) {
        if !all.iter().any(|x| x.id == c.id) {
            all.push(c);
        }
    }
    all
}

/// The account this tab works in.
pub fn active_id() -> Option<String> {
    storage(false).and_then(|s| s.get_item(ACTIVE).ok().flatten())
}

fn set_active(id: &str) {
    if let Some(s) = storage(false) {
        let _ = s.set_item(ACTIVE, id);
    }
}

/// Saves the session just signed in as a connection (replacing the same account's), makes it
/// this tab's, and returns its ID. `added` says it was added beside the active account (from
/// the top bar), whose unsaved draft then stays with it; otherwise the sign-in follows an
/// ended session in this tab and comes back to its draft, whoever signs in.
pub fn remember(session: &Session, me: &Me, label: &str, added: bool) -> String {
    let id = connection_id(&session.api_url, &me.user.id);
    let label = match label.trim() {
        "" => default_label(&session.api_url, me.user.display_name()),
        typed => typed.to_string(),
    };
    let connection = Connection {
        id: id.clone(),
        label,
        api_url: session.api_url.clone(),
        token: session.credential.secret().to_string(),
    };
    for local in [false, true] {
        let mut list = read(local);
        list.retain(|c| c.id != id);
        if local == session.remember {
            upsert(&mut list, connection.clone());
        }
        write(local, &list);
    }
    if let Some(old) = active_id().filter(|old| added && *old != id) {
        super::kit::drafts::swap(&draft_key(&old), &draft_key(&id));
    }
    set_active(&id);
    id
}

/// Removes the connection `id` and everything stored for it.
pub fn forget(id: &str) {
    for local in [false, true] {
        let mut list = read(local);
        list.retain(|c| c.id != id);
        write(local, &list);
        if let Some(s) = storage(local) {
            let _ = s.remove_item(&place_key(id));
            let _ = s.remove_item(&draft_key(id));
            let _ = s.remove_item(&language_key(id));
        }
    }
    if active_id().as_deref() == Some(id) {
        if let Some(s) = storage(false) {
            let _ = s.remove_item(ACTIVE);
        }
    }
}

/// Keeps `here` as the active account's place, to come back to.
pub fn keep_place(here: &str) {
    if let (Some(id), Some(s)) = (active_id(), storage(false)) {
        let _ = s.set_item(&place_key(&id), here);
    }
}

/// Signs in to the saved connection `to`, from the page `here` of the account now active (kept
/// as that account's place). On success the console goes to `to`'s own place, in its language.
pub async fn switch(
    auth: Auth,
    to: Connection,
    here: Option<String>,
    go: Box<dyn Fn(&str)>,
) -> Result<(), ApiError> {
    let credential =
        Credential::parse(&to.token).map_err(|_| ApiError::Unauthorized(String::new()))?;
    let me = fetch_me(&to.api_url, &credential).await?;
    if let (Some(old), Some(s)) = (active_id(), storage(false)) {
        if let Some(here) = here {
            let _ = s.set_item(&place_key(&old), &here);
        }
        super::kit::drafts::swap(&draft_key(&old), &draft_key(&to.id));
        // The account left keeps the language it was shown in.
        if let Some(kept) = storage_of(&old) {
            let _ = kept.set_item(&language_key(&old), super::i18n::shown());
        }
    }
    let place = storage(false)
        .and_then(|s| s.get_item(&place_key(&to.id)).ok().flatten())
        .unwrap_or_else(|| "/".to_string());
    let remember = read(true).iter().any(|c| c.id == to.id);
    let session = Session {
        api_url: to.api_url.clone(),
        credential,
        remember,
    };
    let language =
        storage_of(&to.id).and_then(|s| s.get_item(&language_key(&to.id)).ok().flatten());
    set_active(&to.id);
    auth.sign_in(session, me);
    match language.filter(|c| *c != super::i18n::shown()) {
        Some(code) => super::i18n::choose_and_go(&code, &place),
        None => go(&place),
    }
    Ok(())
}

/// The top bar's account switcher: which account this is (its label, on its colour), the
/// others to switch to, and "add an account". Drawn again whenever the session changes.
#[component]
pub fn AccountMenu(auth: Auth) -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let failed = RwSignal::new(None::<String>);
    let on_change = move |value: String| {
        let here = location.here_untracked();
        if value == "+" {
            keep_place(&here);
            navigate("/login?add=1", NavigateOptions::default());
            return;
        }
        let Some(to) = saved().into_iter().find(|c| c.id == value) else {
            return;
        };
        let name = to.label.clone();
        let navigate = navigate.clone();
        failed.set(None);
        leptos::task::spawn_local(async move {
            let go = Box::new(move |place: &str| navigate(place, NavigateOptions::default()));
            if let Err(e) = switch(auth, to, Some(here), go).await {
                let _ = failed.try_set(Some(tf(
                    "Could not switch to {account}: {reason}",
                    &[("account", &name), ("reason", &e.user_message())],
                )));
            }
        });
    };
    let menu = move || {
        auth.session.track();
        let all = saved();
        let active = active_id().unwrap_or_default();
        let tone = tone(&active, &all);
        let label = all
            .iter()
            .find(|c| c.id == active)
            .map(|c| c.label.clone())
            .unwrap_or_default();
        let others = all
            .into_iter()
            .filter(|c| c.id != active)
            .map(|c| view! { <option value=c.id.clone()>{tf("Switch to {account}", &[("account", &c.label)])}</option> })
            .collect_view();
        let on_change = on_change.clone();
        view! {
            <span class=format!("account account-tone-{tone}") data-testid="account" title=t("The NetBird account this console works in")>
                <select class="select select--small account__select" name="account" aria-label=t("Account")
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        ev.target().set_value("");
                        on_change(value);
                    }>
                    <option value="" selected=true>{label}</option>
                    {others}
                    <option value="+">{t("Add an account…")}</option>
                </select>
            </span>
        }
    };
    view! {
        {menu}
        {move || failed.get().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
    }
}
