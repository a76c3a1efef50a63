//! Everything that runs in the browser: the session store, the one request path, the router,
//! the shell, the shared kit (`kit`), and the pages (`pages`, one folder per resource). Logic lives in the pure modules; this layer wires it to
//! the DOM.

pub mod accounts;
pub mod api;
pub mod app;
pub mod auth;
pub mod config;
pub mod i18n;
pub mod idle;
pub mod kit;
pub mod pages;
pub mod palette;
pub mod preference;
pub mod router;
pub mod split;
pub mod theme;

pub use app::App;

/// Mounts the console on `<body>`, replacing the static loading splash.
/// The chosen language's catalogue is loaded first (English has none: the console mounts at
/// once); the splash shows meanwhile.
pub fn start() {
    // For the benchmark's breakdown and the journey that checks the loader's requests left
    // before the console started.
    kit::marks::mark("netbird-console:start");
    let language = i18n::chosen();
    if language == crate::base::i18n::ENGLISH {
        mount();
    } else {
        // wasm-bindgen's own executor: Leptos' is set up by the mount, not before.
        wasm_bindgen_futures::spawn_local(async move {
            i18n::load(language).await;
            mount();
        });
    }
}

/// Replaces the static loading splash with the console. Not inlined: both ways into it share
/// one copy of the app.
#[inline(never)]
fn mount() {
    if let Some(splash) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("splash"))
    {
        splash.remove();
    }
    leptos::mount::mount_to_body(App);
}
