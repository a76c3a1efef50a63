//! The app: providers, the router, and the signed-in shell (sidebar, top bar, outlet).

use super::api::{fetch_me, resource, Api};
use super::auth::{use_auth, Auth, SessionEnd};
use super::components::ErrorNotice;
use super::pages::{
    home::HomePage, lists::*, login::LoginPage, not_found::NotFound, route_form::RouteFormPage,
    routes::RoutesPage, settings::SettingsPage,
};
use crate::nav::{base_path, visible_sections};
use crate::table::encode_query_value;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{path, NavigateOptions};
use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// The path the console is served under (`""` at the root, `/console` under a sub-path),
/// taken from `<base href>` once.
pub fn base() -> &'static str {
    BASE.get_or_init(|| {
        let href = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("base").ok().flatten())
            .and_then(|b| b.get_attribute("href"));
        base_path(href.as_deref())
    })
}

/// A link target inside the console: `/routes` → `/console/routes`.
pub fn href(path: &str) -> String {
    format!("{}{}", base(), path)
}

/// The router's pathname without the base, for building links and return paths.
pub fn here(pathname: &str) -> String {
    let rest = pathname.strip_prefix(base()).unwrap_or(pathname);
    if rest.is_empty() {
        "/".to_string()
    } else {
        rest.to_string()
    }
}

#[component]
pub fn App() -> impl IntoView {
    let auth = Auth::restore();
    provide_context(auth);
    provide_context(Api::new(auth));
    view! {
        <Router base=base().to_string()>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/login") view=LoginPage/>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("/peers") view=PeersPage/>
                    <Route path=path!("/groups") view=GroupsPage/>
                    <Route path=path!("/routes") view=RoutesPage/>
                    <Route path=path!("/routes/:id") view=RouteFormPage/>
                    <Route path=path!("/policies") view=PoliciesPage/>
                    <Route path=path!("/dns") view=DnsPage/>
                    <Route path=path!("/setup-keys") view=SetupKeysPage/>
                    <Route path=path!("/users") view=UsersPage/>
                    <Route path=path!("/events") view=EventsPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The signed-in layout. Without a session it leaves for sign-in, remembering the page.
#[component]
fn Shell() -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let navigate = use_navigate();

    Effect::new(move |_| {
        if auth.session.with(Option::is_none) {
            let target = match auth.ended.get_untracked() {
                Some(SessionEnd::SignedOut) => "/login".to_string(),
                _ => {
                    // Leptos' `search` has no leading `?`.
                    let search = location.search.get_untracked();
                    let query = if search.is_empty() {
                        String::new()
                    } else {
                        format!("?{}", search.trim_start_matches('?'))
                    };
                    let here = format!("{}{query}", here(&location.pathname.get_untracked()));
                    format!("/login?next={}", encode_query_value(&here))
                }
            };
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
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

    view! {
        <Suspense fallback=|| view! { <div class="boot">"Loading…"</div> }>
            {move || Suspend::new(async move {
                match me.await {
                    None => ().into_any(),
                    Some(Ok(m)) => {
                        if auth.me.with_untracked(|known| known.as_ref() != Some(&m)) {
                            auth.me.set(Some(m));
                        }
                        view! { <Layout/> }.into_any()
                    }
                    Some(Err(e)) => {
                        if e.ends_session() {
                            auth.end(SessionEnd::Expired);
                        }
                        view! {
                            <main class="boot">
                                <ErrorNotice error=e retry=Callback::new(move |_| me.refetch())/>
                                <button type="button" class="btn" on:click=move |_| auth.end(SessionEnd::SignedOut)>"Sign out"</button>
                            </main>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Layout() -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let sections = move || visible_sections(&auth.permissions());
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
                .map(|m| m.user.role.replace('_', " "))
                .unwrap_or_default()
        })
    };
    let server = move || {
        auth.session
            .with(|s| s.as_ref().map(|s| s.api_url.clone()).unwrap_or_default())
    };
    view! {
        <div class="shell">
            <nav class="sidebar" aria-label="Sections">
                <a class="sidebar__brand" href=href("/")>"NetBird " <span>"Console"</span></a>
                <a class="sidebar__link" href=href("/") aria-current=move || (current() == "/").then_some("page")>"Overview"</a>
                {move || sections().into_iter().map(|s| {
                    let active = move || current().starts_with(s.path).then_some("page");
                    view! { <a class="sidebar__link" href=href(s.path) aria-current=active>{s.label}</a> }
                }).collect_view()}
            </nav>
            <div class="main">
                <header class="topbar">
                    <span class="topbar__server" title="Management API">{server}</span>
                    <span class="topbar__user" data-testid="current-user">{user_label}</span>
                    <span class="badge badge--info">{role}</span>
                    <button type="button" class="btn btn--ghost" data-testid="sign-out"
                        on:click=move |_| auth.end(SessionEnd::SignedOut)>"Sign out"</button>
                </header>
                <main class="content">
                    <Outlet/>
                </main>
            </div>
        </div>
    }
}
