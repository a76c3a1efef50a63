use crate::base::i18n::t;
use crate::ui::router::href;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="boot" data-testid="not-found">
            <h1>{t("Page not found")}</h1>
            <p>{t("There is no page at this address.")}</p>
            <a class="btn btn--primary" href=href("/")>{t("Back to the overview")}</a>
        </main>
    }
}
