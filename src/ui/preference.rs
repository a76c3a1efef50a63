//! The preferences this browser keeps (theme, language, a table's hidden columns), and the one
//! select of a preference (theme, language) in the top bar and on the sign-in page: plain data
//! in, so both menus share one copy of the view code.

use leptos::prelude::*;

/// The preference kept under `key` in this browser (`localStorage`), if any.
pub fn kept(key: &str) -> Option<String> {
    let storage = window().local_storage().ok().flatten()?;
    storage.get_item(key).ok().flatten()
}

/// Keeps `value` under `key`, or forgets the preference when `value` is empty. A browser that
/// keeps nothing (private mode, storage full) leaves the choice to this page alone.
pub fn keep(key: &str, value: &str) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = if value.is_empty() {
            storage.remove_item(key)
        } else {
            storage.set_item(key, value)
        };
    }
}

/// A select named `name` over `options` (value, label) showing `shown`; `choose` gets the value
/// picked, one of the options'.
pub fn preference_select(
    name: &'static str,
    label: String,
    options: Vec<(&'static str, String)>,
    shown: &str,
    choose: fn(&str),
) -> AnyView {
    let values: Vec<&'static str> = options.iter().map(|(v, _)| *v).collect();
    let items = options
        .into_iter()
        .map(|(value, text)| view! { <option value=value selected=value == shown>{text}</option> })
        .collect_view();
    view! {
        <select class="select select--small" name=name aria-label=label data-testid=name
            on:change:target=move |ev| {
                let value = ev.target().value();
                if values.contains(&value.as_str()) {
                    choose(&value);
                }
            }>
            {items}
        </select>
    }
    .into_any()
}
