//! The chosen language in the browser: picked from the user's earlier choice (localStorage) or
//! the browser's languages; its catalogue is fetched from `i18n/<code>.json` next to the assets,
//! only when it is not English, before the console is mounted; numbers and relative times are
//! formatted by `Intl` for it. Choosing another language stores it and reloads the page: the
//! URL keeps the place, and no string needs to react to a language change.

use super::preference::preference_select;
use crate::base::i18n::{self, pick_language, t, Formats, ENGLISH, LANGUAGES};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

const KEY: &str = "netbird-console.lang";

thread_local! {
    /// The language shown.
    static SHOWN: Cell<&'static str> = const { Cell::new(ENGLISH) };
    /// `Intl`'s formatters for it, made once (rows call them for every number and time).
    static INTL: RefCell<Option<(js_sys::Function, js_sys::Intl::RelativeTimeFormat)>> =
        const { RefCell::new(None) };
}

/// The language to show: the one chosen before, else the browser's.
pub fn chosen() -> &'static str {
    let stored = super::preference::kept(KEY);
    let browser: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    pick_language(stored.as_deref(), &browser)
}

/// Installs `code`'s catalogue. One that cannot be fetched or read leaves the console in
/// English.
pub async fn load(code: &'static str) {
    let catalogue = if code == ENGLISH {
        None
    } else {
        fetch_catalogue(code).await
    };
    let shown = match catalogue {
        Some(c) => {
            let locales = js_sys::Array::of1(&code.into());
            let options = js_sys::Object::new();
            let number = js_sys::Intl::NumberFormat::new(&locales, &options).format();
            let relative = js_sys::Intl::RelativeTimeFormat::new(&locales, &options);
            INTL.with(|i| *i.borrow_mut() = Some((number, relative)));
            i18n::install(
                c,
                Some(Formats {
                    number: intl_number,
                    relative: intl_relative,
                }),
            );
            code
        }
        None => ENGLISH,
    };
    SHOWN.with(|s| s.set(shown));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", shown);
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
    i18n::parse_catalogue(&response.text().await.ok()?).ok()
}

fn intl_number(n: u64) -> String {
    INTL.with(|i| {
        let i = i.borrow();
        let (format, _) = i.as_ref()?;
        format
            .call1(&wasm_bindgen::JsValue::NULL, &(n as f64).into())
            .ok()?
            .as_string()
    })
    .unwrap_or_else(|| n.to_string())
}

fn intl_relative(n: i64, unit: &str) -> String {
    INTL.with(|i| {
        i.borrow()
            .as_ref()
            .map(|(_, relative)| String::from(relative.format(n as f64, unit)))
    })
    .unwrap_or_else(|| format!("{n} {unit}"))
}

/// The language menu (top bar and sign-in page): a choice is remembered and the page reloads
/// in it.
#[component]
pub fn LanguageMenu() -> impl IntoView {
    let languages = LANGUAGES
        .iter()
        .map(|(code, name)| (*code, name.to_string()));
    preference_select(
        "language",
        t("Language"),
        languages.collect(),
        SHOWN.with(Cell::get),
        choose,
    )
}

/// Remembers `code` as the language (the console's, and the active account's) and reloads the
/// page in it.
pub fn choose(code: &str) {
    remember(code);
    let _ = window().location().reload();
}

/// Remembers `code` as the language and opens `path` in it (switching to an account that chose
/// another language).
pub fn choose_and_go(code: &str, path: &str) {
    remember(code);
    let _ = window().location().assign(&crate::ui::router::href(path));
}

fn remember(code: &str) {
    super::preference::keep(KEY, code);
    super::accounts::keep_language(code);
}

/// The language shown.
pub fn shown() -> &'static str {
    SHOWN.with(Cell::get)
}
