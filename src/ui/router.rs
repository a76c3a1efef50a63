//! The console's router, small on purpose: the page comes from the path (`crate::base::url`),
//! links are plain `<a href>` whose clicks become history entries, and the browser's back and
//! forward buttons move between them. The whole URL state is two signals.

use crate::base::url::{base_path, query_pairs};
use leptos::ev;
use leptos::prelude::*;
use std::sync::OnceLock;
use wasm_bindgen::JsCast;

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

/// Where the console is: the browser's pathname (base included) and query (without `?`).
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: RwSignal<String>,
    pub search: RwSignal<String>,
    /// The query, decoded into pairs in order.
    pub query: Memo<Vec<(String, String)>>,
}

#[derive(Clone, Copy, Debug)]
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
    /// Scroll to the top of the page afterwards.
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions {
            replace: false,
            scroll: true,
        }
    }
}

fn browser_location() -> (String, String) {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    (
        location.pathname().unwrap_or_else(|_| "/".into()),
        search.trim_start_matches('?').to_string(),
    )
}

impl Location {
    fn from_browser() -> Location {
        let (pathname, search) = browser_location();
        let search = RwSignal::new(search);
        Location {
            pathname: RwSignal::new(pathname),
            search,
            query: Memo::new(move |_| search.with(|s| query_pairs(s))),
        }
    }

    /// The query changes first and the path (which picks the page) on the next task: the page
    /// being left sees the new query while it still exists, and is taken down afterwards. The
    /// other order lets its queued effects run after its state was disposed (a wasm panic).
    fn set(&self, pathname: String, search: String) {
        if self.search.with_untracked(|s| *s != search) {
            self.search.set(search);
        }
        if self.pathname.with_untracked(|p| *p != pathname) {
            // What the loader fetched was for the page first opened.
            super::api::forget_prefetched();
            let path = self.pathname;
            set_timeout(
                move || {
                    if path.with_untracked(|p| *p != pathname) {
                        path.set(pathname);
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    }

    /// Where the console is now, without the base: `/routes?q=x`, for return paths and for
    /// what a kept draft belongs to. Read from the browser, whose URL changes at once (the
    /// path signal follows a task later, so the two signals may briefly disagree).
    pub fn here_untracked(&self) -> String {
        let (pathname, search) = browser_location();
        let path = here(&pathname);
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    }

    /// Goes to `url`, a path with the base already on it (as in an `href`).
    fn go(&self, url: &str, options: NavigateOptions) {
        let url = url.split('#').next().unwrap_or(url);
        if let Ok(history) = window().history() {
            let _ = if options.replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
            };
        }
        let (pathname, search) = url.split_once('?').unwrap_or((url, ""));
        self.set(pathname.to_string(), search.to_string());
        if options.scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
}

/// Provides the location to `children` and keeps it in step with the browser.
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let location = Location::from_browser();
    provide_context(location);
    // Back and forward.
    let on_pop = window_event_listener_untyped("popstate", move |_| {
        let (pathname, search) = browser_location();
        location.set(pathname, search);
    });
    // A plain left click on a link inside the console stays in the page.
    let on_click = window_event_listener(ev::click, move |ev| {
        if let Some(url) = internal_link(&ev) {
            ev.prevent_default();
            location.go(&url, NavigateOptions::default());
        }
    });
    // A link the pointer reaches or the keyboard focuses starts fetching its page's module, if
    // that page is not in the first download (`split`), so it is usually in before the click.
    let on_point = window_event_listener_untyped("pointerover", prefetch_link);
    let on_focus = window_event_listener_untyped("focusin", prefetch_link);
    let listeners = send_wrapper::SendWrapper::new([on_pop, on_click, on_point, on_focus]);
    on_cleanup(move || {
        for listener in listeners.take() {
            listener.remove();
        }
    });
    children()
}

fn prefetch_link(ev: web_sys::Event) {
    if let Some((_, url)) = console_link(ev.target()) {
        super::split::prefetch(&here(url.split(['?', '#']).next().unwrap_or(&url)));
    }
}

/// The `href` of the link a click lands on, when the console should handle it itself.
fn internal_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let (link, url) = console_link(ev.target())?;
    if link.has_attribute("download")
        || link
            .get_attribute("target")
            .is_some_and(|t| !t.is_empty() && t != "_self")
    {
        return None;
    }
    Some(url)
}

/// The link `target` is in and its `href`, when that is a path inside the console.
fn console_link(target: Option<web_sys::EventTarget>) -> Option<(web_sys::Element, String)> {
    let target: web_sys::Element = target?.dyn_into().ok()?;
    let link = target.closest("a[href]").ok()??;
    let url = link.get_attribute("href")?;
    let rest = url.strip_prefix(base())?;
    let inside = rest.is_empty() || rest.starts_with('/') || rest.starts_with('?');
    (url.starts_with('/') && !url.starts_with("//") && inside).then_some((link, url))
}

pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// Navigation to a path inside the console (`/routes?q=x`, without the base).
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + 'static {
    let location = use_location();
    move |to: &str, options: NavigateOptions| location.go(&href(to), options)
}
