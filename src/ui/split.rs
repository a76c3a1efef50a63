//! Pages kept out of the first download. In the release build (the `split` feature) each part
//! below is a wasm module of its own, fetched the first time one of its pages opens (or a
//! link to one is pointed at): the first load carries the shell, sign-in and the overview.
//! Without the feature (the component tests), or in a debug build (`trunk serve`),
//! the same functions are plain calls.
//!
//! A part is one function that renders any of its pages. It returns a plain function pointer,
//! so nothing generic crosses the module boundary, and a failed download is an error shown on
//! the page with a retry, never a panic.

use super::kit::components::LoadingRows;
use crate::base::i18n::t;
use crate::base::listing::{Column, Row};
use crate::registry::{match_path, Page, Part, Resource};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;

/// Renders one page of a part.
type Render = fn(Page) -> AnyView;

/// A part's module could not be downloaded (offline, or the console was updated on the server
/// and the old files are gone).
#[derive(Debug)]
pub struct Unavailable;

#[cfg(all(feature = "split", not(debug_assertions)))]
impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// Declares a part: under `split` its body goes to a module of its own.
macro_rules! part {
    ($module:ident, $name:ident, $render:expr) => {
        #[cfg_attr(
            all(feature = "split", not(debug_assertions)),
            leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $name() -> Result<Render, Unavailable> {
            Ok($render)
        }
    };
}

part!(routes, routes_part, |page| {
    use super::pages::routes::{form::RouteFormPage, list::RoutesPage};
    match page {
        Page::Form(_, id) => view! { <RouteFormPage id/> }.into_any(),
        _ => view! { <RoutesPage/> }.into_any(),
    }
});

part!(lists, lists_part, |page| {
    use super::pages::*;
    match page {
        Page::List(Resource::Dns) => view! { <dns::list::DnsPage/> }.into_any(),
        Page::Form(Resource::Dns, Some(id)) if id == "settings" => {
            view! { <dns::settings::DnsSettingsPage/> }.into_any()
        }
        Page::Form(Resource::Dns, id) => view! { <dns::form::NameserverGroupPage id/> }.into_any(),
        Page::List(Resource::Users) => view! { <users::list::UsersPage/> }.into_any(),
        Page::Form(Resource::Users, None) => view! { <users::form::NewUserPage/> }.into_any(),
        Page::Form(Resource::Users, Some(id)) => view! { <users::detail::UserPage id/> }.into_any(),
        Page::List(Resource::Settings) => view! { <settings::detail::SettingsPage/> }.into_any(),
        _ => view! { <not_found::NotFound/> }.into_any(),
    }
});

part!(audit, audit_part, |page| {
    use super::pages::*;
    match page {
        Page::List(Resource::Events) => view! { <events::list::EventsPage/> }.into_any(),
        _ => view! { <not_found::NotFound/> }.into_any(),
    }
});

part!(access, access_part, |page| {
    use super::pages::*;
    match page {
        Page::List(Resource::Policies) => view! { <policies::list::PoliciesPage/> }.into_any(),
        Page::Form(Resource::Policies, id) => view! { <policies::form::PolicyPage id/> }.into_any(),
        Page::List(Resource::PostureChecks) => {
            view! { <posture_checks::list::PostureChecksPage/> }.into_any()
        }
        Page::Form(Resource::PostureChecks, id) => {
            view! { <posture_checks::form::PostureCheckPage id/> }.into_any()
        }
        _ => view! { <not_found::NotFound/> }.into_any(),
    }
});

part!(fleet, fleet_part, |page| {
    use super::pages::*;
    match page {
        Page::List(Resource::Groups) => view! { <groups::list::GroupsPage/> }.into_any(),
        Page::List(Resource::SetupKeys) => view! { <setup_keys::list::SetupKeysPage/> }.into_any(),
        Page::Form(Resource::Peers, Some(id)) => view! { <peers::detail::PeerPage id/> }.into_any(),
        Page::Form(Resource::Groups, id) => view! { <groups::form::GroupPage id/> }.into_any(),
        Page::Form(Resource::SetupKeys, id) => {
            view! { <setup_keys::form::SetupKeyPage id/> }.into_any()
        }
        _ => view! { <not_found::NotFound/> }.into_any(),
    }
});

part!(peers, peers_part, |page| {
    use super::pages::*;
    match page {
        Page::List(Resource::Peers) => view! { <peers::list::PeersPage/> }.into_any(),
        _ => view! { <not_found::NotFound/> }.into_any(),
    }
});

part!(network, network_part, |page| {
    use super::pages::*;
    match page {
        Page::List(Resource::Network) => view! { <network::NetworkPage/> }.into_any(),
        Page::List(Resource::Health) => view! { <network::health::HealthPage/> }.into_any(),
        // The overview's charts.
        Page::Home => view! { <network::glance::Glance/> }.into_any(),
        _ => view! { <not_found::NotFound/> }.into_any(),
    }
});

/// Writes a table's export (CSV, or JSON when the flag is set) and offers it as a download named
/// after the list (`what`, e.g. "routes"). Not needed until an export is asked for, so it is a
/// module of its own too.
pub type Exporter = fn(&[Column], &[&Row], bool, &str);

#[cfg_attr(
    all(feature = "split", not(debug_assertions)),
    leptos::wasm_split::wasm_split(export, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn export_part() -> Result<Exporter, Unavailable> {
    Ok(|columns, rows, json, what| {
        use crate::base::export;
        let (content, mime, extension) = if json {
            (export::json(columns, rows), "application/json", "json")
        } else {
            (export::csv(columns, rows), "text/csv;charset=utf-8", "csv")
        };
        let date: String = String::from(js_sys::Date::new_0().to_iso_string())
            .chars()
            .take(10)
            .collect();
        super::kit::download::download(&export::file_name(what, &date, extension), mime, &content);
    })
}

/// The exporter, fetched the first time.
pub async fn exporter() -> Result<Exporter, Unavailable> {
    #[cfg(all(feature = "split", not(debug_assertions)))]
    return export_part().await;
    #[cfg(not(all(feature = "split", not(debug_assertions))))]
    return export_part();
}

/// Renders the command palette or the list of shortcuts, closed (or switched) through the
/// callback. A module
/// of its own too: not needed until a key or the top bar's button asks for it.
pub type Palette =
    fn(super::palette::Overlay, Callback<Option<super::palette::Overlay>>) -> AnyView;

#[cfg_attr(
    all(feature = "split", not(debug_assertions)),
    leptos::wasm_split::wasm_split(palette, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn palette_part() -> Result<Palette, Unavailable> {
    Ok(super::palette::dialog::render)
}

/// The palette's module, fetched the first time.
pub async fn palette() -> Result<Palette, Unavailable> {
    #[cfg(all(feature = "split", not(debug_assertions)))]
    return palette_part().await;
    #[cfg(not(all(feature = "split", not(debug_assertions))))]
    return palette_part();
}

/// The parts fetched on demand, by their index in `LOADED`.
const PARTS: usize = 7;

/// A part's index in `LOADED`; the first load has none (it is never fetched).
fn slot(part: Part) -> Option<usize> {
    match part {
        Part::Routes => Some(0),
        Part::Lists => Some(1),
        Part::Fleet => Some(2),
        Part::Access => Some(3),
        Part::Audit => Some(4),
        Part::Network => Some(5),
        Part::Peers => Some(6),
        Part::FirstLoad => None,
    }
}

async fn load(part: Part) -> Result<Render, Unavailable> {
    #[cfg(all(feature = "split", not(debug_assertions)))]
    macro_rules! call {
        ($f:ident) => {
            $f().await
        };
    }
    #[cfg(not(all(feature = "split", not(debug_assertions))))]
    macro_rules! call {
        ($f:ident) => {
            $f()
        };
    }
    let render = match part {
        Part::Routes => call!(routes_part),
        Part::Lists => call!(lists_part),
        Part::Fleet => call!(fleet_part),
        Part::Access => call!(access_part),
        Part::Audit => call!(audit_part),
        Part::Network => call!(network_part),
        Part::Peers => call!(peers_part),
        // Never asked for: its pages are rendered directly (`ui::app`).
        Part::FirstLoad => return Err(Unavailable),
    }?;
    if let Some(i) = slot(part) {
        LOADED.with(|l| l[i].set(Some(render)));
    }
    Ok(render)
}

fn loaded(part: Part) -> Option<Render> {
    slot(part).and_then(|i| LOADED.with(|l| l[i].get()))
}

thread_local! {
    /// Each part's renderer once its module is in, so later visits render at once.
    static LOADED: [Cell<Option<Render>>; PARTS] = const { [const { Cell::new(None) }; PARTS] };
}

/// Starts downloading the module of the page at `path` (a path without the base or query, as
/// the pointer reaches a link to it), so that it opens at once. A failure is left for the page
/// itself to show.
pub fn prefetch(path: &str) {
    let part = match_path(path).part();
    if part != Part::FirstLoad && loaded(part).is_none() {
        spawn_local(async move {
            let _ = load(part).await;
        });
    }
}

thread_local! {
    /// The modules to prefetch once the first page is painted (`None` once it is).
    static AFTER_FIRST_PAINT: std::cell::RefCell<Option<Vec<&'static str>>> =
        const { std::cell::RefCell::new(Some(Vec::new())) };
}

/// How long a page without a table may take before the modules to prefetch go anyway.
const FIRST_PAINT_AT_MOST: std::time::Duration = std::time::Duration::from_millis(1500);

/// `prefetch(path)`, but not before the page first opened has painted its first listing (or
/// `FIRST_PAINT_AT_MOST` has passed): downloading and compiling other pages' modules would
/// compete with it for the connections and the processor.
pub fn prefetch_after_first_paint(path: &'static str) {
    // Queued (the first one also starts the clock), or at once once the first page is painted.
    let queued = AFTER_FIRST_PAINT.with_borrow_mut(|queue| {
        queue.as_mut().map(|queue| {
            queue.push(path);
            queue.len() == 1
        })
    });
    match queued {
        Some(true) => set_timeout(first_paint_done, FIRST_PAINT_AT_MOST),
        Some(false) => {}
        None => prefetch(path),
    }
}

/// The first page has painted its first listing: the modules waiting for it are fetched, after
/// the frame showing it.
pub fn first_listing_painted() {
    if AFTER_FIRST_PAINT.with_borrow(Option::is_some) {
        request_animation_frame(|| set_timeout(first_paint_done, std::time::Duration::ZERO));
    }
}

fn first_paint_done() {
    for path in AFTER_FIRST_PAINT
        .with_borrow_mut(Option::take)
        .unwrap_or_default()
    {
        prefetch(path);
    }
}

#[derive(Clone, Copy)]
enum State {
    Loading,
    Ready(Render),
    Failed,
}

/// `page` of `part` (never `Part::FirstLoad`): at once when the part is in, else a placeholder while it downloads.
pub fn page(part: Part, page: Page) -> AnyView {
    if let Some(render) = loaded(part) {
        return render(page);
    }
    let state = RwSignal::new(State::Loading);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        attempt.track();
        state.set(State::Loading);
        spawn_local(async move {
            let next = match load(part).await {
                Ok(render) => State::Ready(render),
                Err(Unavailable) => State::Failed,
            };
            // The page may have been left while its module was on the way.
            let _ = state.try_set(next);
        });
    });
    (move || match state.get() {
        State::Loading => view! { <LoadingRows/> }.into_any(),
        State::Ready(render) => render(page.clone()),
        State::Failed => view! {
            <div class="notice notice--error" role="alert" data-testid="error-notice">
                <strong class="notice__title">{t("This page could not be downloaded")}</strong>
                <p class="notice__text">
                    {t("Check your connection and try again. If the console was updated meanwhile, reload the page.")}
                </p>
                <button type="button" class="btn btn--small" on:click=move |_| attempt.update(|n| *n += 1)>
                    {t("Try again")}
                </button>
            </div>
        }
        .into_any(),
    })
    .into_any()
}
