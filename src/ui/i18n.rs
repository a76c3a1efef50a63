//! The chosen language in the browser: picked from the user's earlier choice (localStorage) or
//! the browser's languages, its catalogue fetched from `i18n/<code>.json` next to the assets
//! only when it is not English, and numbers and relative times formatted by `Intl` for it.
//! Changing the language rebuilds the page from the URL (`App` keys its tree on it).

use crate::base::i18n::t;
use crate::base::i18n::{self, pick_language, Formats, ENGLISH, LANGUAGES};
use leptos::prelude::*;
use std::cell::RefCell;

const KEY: &str = "netbird-console.lang";

thread_local! {
    /// The language `Intl` formats for.
    static INTL_LANG: RefCell<String> = RefCell::new(ENGLISH.to_string());
}

/// The language shown, once its catalogue is in (`None` while the first one loads).
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Option<&'static str>>);

pub fn use_language() -> Language {
    expect_context::<Language>()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Provides the language to the app and starts loading the one to show.
pub fn provide() -> Language {
    let stored = local_storage().and_then(|s| s.get_item(KEY).ok().flatten());
    let browser: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    let language = Language(RwSignal::new(None));
    provide_context(language);
    language.choose(pick_language(stored.as_deref(), &browser), false);
    language
}

impl Language {
    /// Shows the console in `code` (remembered when `remember`). A catalogue that cannot be
    /// fetched leaves the console in English.
    pub fn choose(self, code: &'static str, remember: bool) {
        if remember {
            if let Some(s) = local_storage() {
                let _ = s.set_item(KEY, code);
            }
        }
        let signal = self.0;
        if code == ENGLISH {
            apply(ENGLISH, None);
            signal.set(Some(ENGLISH));
            return;
        }
        leptos::task::spawn_local(async move {
            let shown = match fetch_catalogue(code).await {
                Some(catalogue) => {
                    apply(code, Some(catalogue));
                    code
                }
                None => {
                    apply(ENGLISH, None);
                    ENGLISH
                }
            };
            signal.set(Some(shown));
        });
    }
}

fn apply(code: &'static str, catalogue: Option<std::collections::HashMap<String, String>>) {
    INTL_LANG.with(|l| *l.borrow_mut() = code.to_string());
    match catalogue {
        Some(c) => i18n::install(
            c,
            Some(Formats {
                number: intl_number,
                relative: intl_relative,
            }),
        ),
        None => i18n::reset(),
    }
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", code);
    }
}

async fn fetch_catalogue(code: &str) -> Option<std::collections::HashMap<String, String>> {
    // Relative to <base href>: works under any sub-path.
    let response = gloo_net::http::Request::get(&format!("i18n/{code}.json"))
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = response.text().await.ok()?;
    i18n::parse_catalogue(&text).ok()
}

fn locales() -> js_sys::Array {
    INTL_LANG.with(|l| js_sys::Array::of1(&l.borrow().as_str().into()))
}

fn intl_number(n: u64) -> String {
    let format = js_sys::Intl::NumberFormat::new(&locales(), &js_sys::Object::new()).format();
    format
        .call1(&wasm_bindgen::JsValue::NULL, &(n as f64).into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| n.to_string())
}

fn intl_relative(n: i64, unit: &str) -> String {
    js_sys::Intl::RelativeTimeFormat::new(&locales(), &js_sys::Object::new())
        .format(n as f64, unit)
        .into()
}

/// The language menu (top bar and sign-in page).
#[component]
pub fn LanguageMenu() -> impl IntoView {
    let language = use_language();
    view! {
        <select class="select select--small" name="language" aria-label=t("Language") data-testid="language"
            on:change:target=move |ev| {
                let value = ev.target().value();
                if let Some((code, _)) = LANGUAGES.iter().find(|(c, _)| *c == value) {
                    language.choose(code, true);
                }
            }>
            {LANGUAGES.iter().map(|(code, name)| {
                let code = *code;
                view! { <option value=code prop:selected=move || language.0.get() == Some(code)>{*name}</option> }
            }).collect_view()}
        </select>
    }
}
