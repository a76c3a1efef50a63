//! The theme menu: light, dark, or the system's. The choice is kept in localStorage and set as
//! `data-theme` on the root element, which the stylesheet's `color-scheme` follows; `loader.js`
//! sets it again before the first paint of every later load, so no page flashes the other theme.

use super::preference::{keep, kept, preference_select};
use crate::base::i18n::t;
use leptos::prelude::*;

/// Where the choice is kept (read by `public/loader.js` too).
const KEY: &str = "netbird-console.theme";

/// The themes that can be chosen; "" follows the system.
const THEMES: [&str; 3] = ["", "light", "dark"];

fn chosen() -> String {
    kept(KEY)
        .filter(|v| THEMES.contains(&v.as_str()))
        .unwrap_or_default()
}

/// Shows `theme` ("" for the system's) and remembers it.
pub fn apply(theme: &str) {
    keep(KEY, theme);
    if let Some(root) = document().document_element() {
        let _ = if theme.is_empty() {
            root.remove_attribute("data-theme")
        } else {
            root.set_attribute("data-theme", theme)
        };
    }
}

/// The theme menu (top bar and sign-in page); a choice applies at once.
#[component]
pub fn ThemeMenu() -> impl IntoView {
    let labels = [t("System theme"), t("Light"), t("Dark")];
    preference_select(
        "theme",
        t("Theme"),
        THEMES.into_iter().zip(labels).collect(),
        &chosen(),
        apply,
    )
}
