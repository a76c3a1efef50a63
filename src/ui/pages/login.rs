//! Sign-in: API URL and token, checked offline first (PAT checksum), then against the server.

use crate::base::i18n::{t, tf};
use crate::base::session::{normalize_api_url, safe_return_path};
use crate::base::sign_in::{sign_in_problem, SignInProblem};
use crate::base::token::Credential;
use crate::base::url::query_value;
use crate::ui::accounts;
use crate::ui::api::{answers_at, fetch_me};
use crate::ui::auth::{use_auth, Auth, Session, SessionEnd};
use crate::ui::config::{brand, use_config};
use crate::ui::i18n::LanguageMenu;
use crate::ui::kit::task::Task;
use crate::ui::router::{href, use_location, use_navigate, NavigateOptions};
use crate::ui::theme::ThemeMenu;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let navigate = use_navigate();
    let next = move || {
        location
            .query
            .with_untracked(|q| safe_return_path(query_value(q, "next").unwrap_or_default()))
    };

    // Adding another account from the top bar: the form even while signed in.
    let adding = location
        .query
        .with_untracked(|q| query_value(q, "add").is_some());
    // Already signed in: go where we were heading.
    if !adding && auth.session.with_untracked(Option::is_some) {
        let nav = navigate.clone();
        request_animation_frame(move || {
            nav(
                &next(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        });
    }

    let config = use_config();
    // config.json's API URL, else the console's own origin.
    let default_url = Signal::derive(move || {
        config.get().map(|c| match c.api_url() {
            Some(url) => url.to_string(),
            None => web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default(),
        })
    });
    let api_url = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let label = RwSignal::new(String::new());
    let url_error = RwSignal::new(None::<String>);
    let token_error = RwSignal::new(None::<String>);

    let sign_in = Task::new();
    let pending = sign_in.pending();
    // Why the last attempt failed: a title and what to do.
    let problem = RwSignal::new(None::<(String, String)>);
    let check_and_sign_in = move |url: String, credential: Credential, remember: bool| {
        let navigate = navigate.clone();
        sign_in.run(async move {
            match fetch_me(&url, &credential).await {
                Ok(me) => {
                    problem.set(None);
                    let session = Session {
                        api_url: url,
                        credential,
                        remember,
                    };
                    accounts::remember(&session, &me, &label.get_untracked(), adding);
                    auth.sign_in(session, me);
                    navigate(
                        &next(),
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(e) => {
                    let mut why = sign_in_problem(&e);
                    if why == SignInProblem::Unreachable && answers_at(&url).await {
                        why = SignInProblem::CorsRefused;
                    }
                    let origin = window().location().origin().unwrap_or_default();
                    problem.set(Some(why.explain(&url, &origin)));
                }
            }
        });
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let fallback = default_url.get().unwrap_or_default();
        let url = normalize_api_url(&api_url.get_untracked(), &fallback);
        let credential = Credential::parse(&token.get_untracked());
        url_error.set(url.as_ref().err().cloned());
        token_error.set(credential.as_ref().err().map(|p| p.message()));
        if let (Ok(url), Ok(credential)) = (url, credential) {
            check_and_sign_in(url, credential, remember.get_untracked());
        }
    };

    let ended_note = move || {
        match auth.ended.get()? {
        SessionEnd::Expired => Some(t("Your session ended (the token is invalid, expired or was revoked). Sign in again to continue where you were.")),
        SessionEnd::Idle(1) => Some(t("You were signed out after 1 minute without activity. Sign in again to continue where you were.")),
        SessionEnd::Idle(minutes) => Some(tf("You were signed out after {minutes} minutes without activity. Sign in again to continue where you were.", &[("minutes", &minutes.to_string())])),
        SessionEnd::SignedOut => None,
    }
    };

    view! {
        <main class="login">
            <form class="login__card" on:submit=on_submit novalidate=true>
                <div class="login__language"><ThemeMenu/><LanguageMenu/></div>
                <h1 class="login__title">{brand(config)}</h1>
                <p class="login__lead">{t("Sign in with a personal access token or an access token (JWT).")}</p>
                {move || ended_note().map(|n| view! { <p class="notice notice--warn" role="status" data-testid="session-ended">{n}</p> })}
                <SavedConnections auth problem/>
                <div class="field">
                    <label class="field__label" for="api_url">{t("Management API URL")}</label>
                    <input id="api_url" name="api_url" class="input" type="url" autocomplete="url"
                        placeholder=Signal::derive(move || default_url.get().unwrap_or_default())
                        aria-invalid=Signal::derive(move || url_error.get().map(|_| "true"))
                        aria-describedby=Signal::derive(move || url_error.get().map(|_| "api_url-error"))
                        prop:value=api_url
                        on:input:target=move |ev| { api_url.set(ev.target().value()); url_error.set(None); }/>
                    <p class="field__hint">{t("Empty uses the default shown. NetBird Cloud: https://api.netbird.io")}</p>
                    {move || url_error.get().map(|e| view! { <p class="field__error" id="api_url-error">{e}</p> })}
                </div>
                <div class="field">
                    <label class="field__label" for="token">{t("Token")}</label>
                    <input id="token" name="token" class="input input--mono" type="password" autocomplete="off" spellcheck="false"
                        placeholder="nbp_…"
                        aria-invalid=Signal::derive(move || token_error.get().map(|_| "true"))
                        aria-describedby=Signal::derive(move || token_error.get().map(|_| "token-error"))
                        prop:value=token
                        on:input:target=move |ev| { token.set(ev.target().value()); token_error.set(None); }/>
                    {move || token_error.get().map(|e| view! { <p class="field__error" id="token-error" data-testid="token-error">{e}</p> })}
                </div>
                <div class="field">
                    <label class="field__label" for="label">{t("Label (optional)")}</label>
                    <input id="label" name="label" class="input" type="text" autocomplete="off"
                        placeholder=t("Production, Lab…") prop:value=label
                        on:input:target=move |ev| label.set(ev.target().value())/>
                    <p class="field__hint">{t("Names this account in the top bar when you work with several.")}</p>
                </div>
                <label class="check">
                    <input type="checkbox" name="remember" prop:checked=remember
                        on:change:target=move |ev| remember.set(ev.target().checked())/>
                    " "{t("Remember me on this device")}
                </label>
                {move || problem.get().map(|(title, text)| view! {
                    <div class="notice notice--error" role="alert" data-testid="error-notice">
                        <strong class="notice__title">{title}</strong>
                        <p class="notice__text">{text}</p>
                    </div>
                })}
                <button type="submit" class="btn btn--primary btn--block" disabled=pending>
                    {Signal::derive(move || if pending.get() { t("Signing in…") } else { t("Sign in") })}
                </button>
                {adding.then(|| view! { <a class="btn btn--ghost btn--block" href=href("/")>{t("Cancel")}</a> })}
            </form>
        </main>
    }
}

/// The saved connections, each signed in again with one click, or forgotten.
#[component]
fn SavedConnections(auth: Auth, problem: RwSignal<Option<(String, String)>>) -> impl IntoView {
    let list = RwSignal::new(accounts::saved());
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    move || {
        let all = list.get();
        (!all.is_empty()).then(|| {
            let navigate = navigate.clone();
            view! {
                <section class="saved" aria-labelledby="saved-title">
                    <h2 class="saved__title" id="saved-title">{t("Saved accounts")}</h2>
                    <ul class="saved__list">
                        {all.into_iter().map(|c| {
                            let (to, id) = (c.clone(), c.id.clone());
                            let navigate = navigate.clone();
                            let open = move |_| {
                                let (to, navigate) = (to.clone(), navigate.clone());
                                busy.set(true);
                                leptos::task::spawn_local(async move {
                                    let url = to.api_url.clone();
                                    let go = Box::new(move |place: &str| navigate(place, NavigateOptions { replace: true, ..Default::default() }));
                                    if let Err(e) = accounts::switch(auth, to, None, go).await {
                                        let origin = window().location().origin().unwrap_or_default();
                                        let _ = problem.try_set(Some(sign_in_problem(&e).explain(&url, &origin)));
                                    }
                                    let _ = busy.try_set(false);
                                });
                            };
                            let forget = move |_| {
                                accounts::forget(&id);
                                list.set(accounts::saved());
                            };
                            view! {
                                <li class="saved__item">
                                    <span class="saved__label">{c.label.clone()}<span class="cell__sub">{c.api_url.clone()}</span></span>
                                    <button type="button" class="btn btn--small" data-testid="saved-sign-in" disabled=busy on:click=open>{t("Sign in")}</button>
                                    <button type="button" class="btn btn--small btn--ghost" data-testid="saved-forget" on:click=forget>{t("Forget")}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
