//! The one select of a preference (theme, language) in the top bar and on the sign-in page:
//! plain data in, so both menus share one copy of the view code.

use leptos::prelude::*;

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
