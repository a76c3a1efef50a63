//! The app: providers, the router, and the signed-in shell (sidebar, top bar, outlet).

use super::accounts::AccountMenu;
use super::api::{fetch_me, resource, use_api, Api};
use super::auth::{use_auth, Auth, SessionEnd};
use super::config::{brand, use_config, Config};
use super::i18n::LanguageMenu;
use super::kit::components::ErrorNotice;
use super::pages::{home::HomePage, login::LoginPage, not_found::NotFound};
use super::palette::Keyboard;
use super::router::{here, href, use_location, use_navigate, NavigateOptions, Router};
use super::split;
use super::theme::ThemeMenu;
use crate::base::error::ApiError;
use crate::base::format::parse_rfc3339;
use crate::base::i18n::t;
use crate::base::listing::encode_query_value;
use crate::base::session::{current_token, expiry_note, jwt_expiry};
use crate::base::token::Credential;
use crate::registry::{match_path, visible_resources, Page, Part};
use crate::resources::PersonalAccessToken;
use leptos::prelude::*;

/// The health check's findings per severity (`Severity::ALL` order), once a page has computed
/// them (the overview's charts or the health page): the navigation shows them. Forgotten when
/// the session changes.
#[derive(Clone, Copy)]
pub struct HealthCounts(pub RwSignal<Option<[usize; 3]>>);

#[component]
pub fn App() -> impl IntoView {
    let auth = Auth::restore();
    provide_context(auth);
    provide_context(Api::new(auth));
    let health = HealthCounts(RwSignal::new(None));
    provide_context(health);
    Effect::new(move |_| {
        auth.session.track();
        health.0.set(None);
    });
    let config = Config::load();
    provide_context(config);
    // Once config.json is in: the tab title, and the idle timeout if one is set.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(c) = config.get() else {
            return false;
        };
        if let (Some(title), Some(doc)) = (c.title(), web_sys::window().and_then(|w| w.document()))
        {
            doc.set_title(title);
        }
        super::idle::watch(auth, c.idle_timeout_minutes());
        true
    });
    view! { <Router><Pages/></Router> }
}

/// The page for the current path: sign-in, not found, or one inside the signed-in shell (which
/// stays mounted while moving between its pages; a page re-renders only when the page changes,
/// not when its query does).
#[component]
fn Pages() -> impl IntoView {
    let location = use_location();
    let page = Memo::new(move |_| location.pathname.with(|p| match_path(&here(p))));
    let in_shell = Memo::new(move |_| page.with(Page::in_shell));
    move || {
        if in_shell.get() {
            view! { <Shell page/> }.into_any()
        } else if page.get() == Page::Login {
            view! { <LoginPage/> }.into_any()
        } else {
            view! { <NotFound/> }.into_any()
        }
    }
}

/// The page inside the shell.
fn outlet(page: Memo<Page>) -> impl IntoView {
    move || {
        let page = page.get();
        match (page.part(), page) {
            (Part::FirstLoad, _) => view! { <HomePage/> }.into_any(),
            (part, page) => split::page(part, page),
        }
    }
}

/// The signed-in layout. Without a session it leaves for sign-in, remembering the page.
#[component]
fn Shell(page: Memo<Page>) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let navigate = use_navigate();

    Effect::new(move |_| {
        if auth.session.with(Option::is_none) {
            let target = match auth.ended.get_untracked() {
                Some(SessionEnd::SignedOut) => "/login".to_string(),
                _ => format!(
                    "/login?next={}",
                    encode_query_value(&location.here_untracked())
                ),
            };
            // Leave on the next task: by then the signed-in layout is gone, so no effect of the
            // page being left reacts to the new URL (and reads state already disposed).
            let navigate = navigate.clone();
            set_timeout(
                move || {
                    navigate(
                        &target,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    )
                },
                std::time::Duration::ZERO,
            );
        }
    });

    // The modules of the pages most opened next, once the first page is painted, so that they
    // open at once: the peers list's, the fleet's (a peer, groups, setup keys), and the routes'
    // when this user may read routes (known once who is signed in is).
    split::prefetch_after_first_paint("/peers");
    split::prefetch_after_first_paint("/groups");
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(may) = auth
            .me
            .with(|m| m.as_ref().map(|m| m.permissions.can_read("routes")))
        else {
            return false;
        };
        if may {
            split::prefetch_after_first_paint("/routes");
        }
        true
    });

    // Who we are: known after sign-in, fetched again after a reload.
    let me = resource(move || {
        let session = auth.session.get();
        let known = auth.me.get_untracked();
        async move {
            match (session, known) {
                (None, _) => None,
                (Some(_), Some(me)) => Some(Ok(me)),
                (Some(s), None) => Some(fetch_me(&s.api_url, &s.credential).await),
            }
        }
    });

    // The page starts fetching its data at once, beside this: the layout does not wait for
    // the user (its sections and role-gated buttons fill in when the user is known).
    let me_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match me.get() {
        Some(Some(Ok(m))) => {
            if auth.me.with_untracked(|known| known.as_ref() != Some(&m)) {
                auth.know(m);
            }
            if me_error.with_untracked(Option::is_some) {
                me_error.set(None);
            }
        }
        Some(Some(Err(e))) => {
            if e.ends_session() {
                auth.end(SessionEnd::Expired);
            }
            me_error.set(Some(e));
        }
        _ => {}
    });
    let failed = Memo::new(move |_| me_error.with(Option::is_some));
    let signed_in = Memo::new(move |_| auth.session.with(Option::is_some));
    move || {
        if failed.get() {
            let error = me_error.get_untracked().unwrap_or(ApiError::Network);
            view! {
                <main class="boot">
                    <ErrorNotice error retry=Callback::new(move |_| me.refetch())/>
                    <button type="button" class="btn" on:click=move |_| auth.end(SessionEnd::SignedOut)>{t("Sign out")}</button>
                </main>
            }
            .into_any()
        } else if signed_in.get() {
            view! { <Layout page/> }.into_any()
        } else {
            ().into_any()
        }
    }
}

#[component]
fn Layout(page: Memo<Page>) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let sections = move || visible_resources(&auth.permissions());
    let current = move || here(&location.pathname.get());
    let user_label = move || {
        auth.me.with(|m| {
            m.as_ref()
                .map(|m| m.user.display_name().to_string())
                .unwrap_or_default()
        })
    };
    let role = move || {
        auth.me.with(|m| {
            m.as_ref()
                .map(|m| t(&m.user.role.replace('_', " ")))
                .unwrap_or_default()
        })
    };
    let server = move || {
        auth.session
            .with(|s| s.as_ref().map(|s| s.api_url.clone()).unwrap_or_default())
    };
    // On a narrow screen the sections fold into a menu, open until one is chosen.
    let menu_open = RwSignal::new(false);
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    view! {
        <div class="shell">
            <nav class="sidebar" class:sidebar--open=menu_open aria-label=t("Sections")>
                <div class="sidebar__head">
                    <a class="sidebar__brand" href=href("/")>{brand(use_config())}</a>
                    <button type="button" class="btn btn--ghost sidebar__menu" data-testid="menu"
                        aria-controls="sections" aria-expanded=move || menu_open.get().to_string()
                        on:click=move |_| menu_open.update(|o| *o = !*o)>{t("Menu")}</button>
                </div>
                <div class="sidebar__links" id="sections">
                    <AccountMenu auth/>
                    <a class="sidebar__link" href=href("/") aria-current=move || (current() == "/").then_some("page")>{t("Overview")}</a>
                    {move || sections().into_iter().map(|s| {
                        let path = s.resource.path();
                        let link = href(&path);
                        let active = move || current().starts_with(&path).then_some("page");
                        let counts = (s.resource == crate::registry::Resource::Health).then(|| view! { <HealthBadges/> });
                        view! { <a class="sidebar__link" href=link aria-current=active>{t(s.label)}{counts}</a> }
                    }).collect_view()}
                </div>
            </nav>
            <div class="main">
                <header class="topbar">
                    <span class="topbar__server" title=t("Management API")>{server}</span>
                    <TokenExpiry/>
                    <span class="topbar__user" data-testid="current-user">{user_label}</span>
                    <span class="badge badge--info">{role}</span>
                    <Keyboard/>
                    <ThemeMenu/>
                    <LanguageMenu/>
                    <button type="button" class="btn btn--ghost" data-testid="sign-out"
                        on:click=move |_| auth.end(SessionEnd::SignedOut)>{t("Sign out")}</button>
                </header>
                <main class="content">
                    {outlet(page)}
                </main>
            </div>
        </div>
    }
}

/// The health check's critical and warning counts beside its link, once known.
#[component]
fn HealthBadges() -> impl IntoView {
    let counts = use_context::<HealthCounts>().map(|h| h.0);
    move || {
        let c = counts.and_then(|c| c.get())?;
        let label = crate::base::i18n::tf(
            "{critical} critical, {warning} warnings, {notice} notices",
            &[
                ("critical", &c[0].to_string()),
                ("warning", &c[1].to_string()),
                ("notice", &c[2].to_string()),
            ],
        );
        Some(view! {
            <span class="sidebar__counts" data-testid="nav-health-counts" title=label.clone() aria-label=label>
                {(c[0] > 0).then(|| view! { <span class="badge badge--bad">{c[0]}</span> })}
                {(c[1] > 0).then(|| view! { <span class="badge badge--warn">{c[1]}</span> })}
                {(c[0] == 0 && c[1] == 0).then(|| view! { <span class="badge badge--good">"✓"</span> })}
            </span>
        })
    }
}

/// When the sign-in ends: a PAT's expiry from the user's token list (the token used last is
/// this one), a JWT's from its `exp` claim. A warning a week ahead.
#[component]
fn TokenExpiry() -> impl IntoView {
    let auth = use_auth();
    let api = use_api();
    let expires_at = resource(move || {
        let credential = auth
            .session
            .with(|s| s.as_ref().map(|s| s.credential.clone()));
        let user = auth.me.with(|m| m.as_ref().map(|m| m.user.id.clone()));
        async move {
            match credential? {
                Credential::Bearer(jwt) => jwt_expiry(&jwt),
                Credential::Pat(_) => {
                    let path = format!("/api/users/{}/tokens", user?);
                    let tokens = api.get::<Vec<PersonalAccessToken>>(&path).await.ok()?;
                    parse_rfc3339(&current_token(&tokens)?.expiration_date)
                }
            }
        }
    });
    move || {
        expires_at.get().flatten().map(|at| {
            let now = (js_sys::Date::now() / 1000.0) as i64;
            let note = expiry_note(at, now);
            let (class, hint) = if note.warn {
                (
                    "badge badge--warn",
                    t("Create a new token before this one expires, then sign in with it."),
                )
            } else {
                ("badge", t("When this sign-in's token expires."))
            };
            view! { <span class=class title=hint data-testid="token-expiry" role="status">{note.text}</span> }
        })
    }
}
