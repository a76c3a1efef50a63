//! The keyboard: shortcuts anywhere in the console (`?` lists them) and the command palette
//! (Ctrl+K, ⌘K, or the top bar's button). Only the listener is in the first load; the palette
//! and the list of shortcuts are a module of their own (`dialog`), fetched the first time one
//! opens.

pub mod dialog;

use crate::base::i18n::t;
use crate::base::palette::{shortcut, Shortcut};
use crate::ui::router::{use_navigate, NavigateOptions};
use crate::ui::split;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What is open over the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Palette,
    Help,
}

/// Whether keys typed now go into a field (shortcuts other than the palette's stay quiet).
fn typing(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Clicks the first element matching `css` in the page's content, or focuses it.
fn act_on(css: &str, focus: bool) -> bool {
    let Some(el) = document()
        .query_selector(&format!("main.content {css}"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    if focus {
        let _ = el.focus();
    } else {
        el.click();
    }
    true
}

/// The button that opens the palette, the key listener, and the palette or help when open.
#[component]
pub fn Keyboard() -> impl IntoView {
    let overlay = RwSignal::new(None::<Overlay>);
    let failed = RwSignal::new(false);
    let navigate = use_navigate();
    // `g` pressed a moment ago: the next key names a section.
    let after_g = StoredValue::new(0.0f64);
    let listener = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || ev.alt_key() || overlay.get_untracked().is_some() {
            return;
        }
        let now = js_sys::Date::now();
        let pending = now - after_g.get_value() < 1500.0;
        after_g.set_value(0.0);
        let command = ev.ctrl_key() || ev.meta_key();
        let done = match shortcut(&ev.key(), command, typing(ev.target()), pending) {
            Shortcut::Palette => {
                overlay.set(Some(Overlay::Palette));
                true
            }
            Shortcut::Help => {
                overlay.set(Some(Overlay::Help));
                true
            }
            Shortcut::Search => act_on("input[type=search]", true),
            Shortcut::GoPending => {
                after_g.set_value(now);
                true
            }
            Shortcut::Go(path) => {
                navigate(path, NavigateOptions::default());
                true
            }
            // The page's own "add" link: shown only to who may create.
            Shortcut::New => act_on(".page-header a[href$='/new']", false),
            Shortcut::Edit => act_on(
                "form :is(input, select, textarea):not([type=hidden]):not(:disabled)",
                true,
            ),
            Shortcut::None => false,
        };
        if done {
            ev.prevent_default();
        }
    });
    on_cleanup(move || listener.remove());
    let shown = move || {
        overlay.get().map(|which| {
            let set = Callback::new(move |o| overlay.set(o));
            let module = RwSignal::new(None);
            leptos::task::spawn_local(async move {
                match split::palette().await {
                    Ok(render) => {
                        let _ = module.try_set(Some(render));
                    }
                    Err(_) => {
                        let _ = overlay.try_set(None);
                        let _ = failed.try_set(true);
                    }
                }
            });
            move || {
                module
                    .get()
                    .map(|render: split::Palette| render(which, set))
            }
        })
    };
    view! {
        <button type="button" class="btn btn--ghost topbar__palette" data-testid="palette-button"
            aria-keyshortcuts="Control+K Meta+K" on:click=move |_| overlay.set(Some(Overlay::Palette))>
            {t("Find…")}<kbd class="kbd">"Ctrl K"</kbd>
        </button>
        {move || failed.get().then(|| view! {
            <span class="field__error" role="alert">{t("The palette could not be downloaded. Check your connection and try again.")}</span>
        })}
        {shown}
    }
}
