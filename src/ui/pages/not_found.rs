use crate::ui::router::href;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="boot" data-testid="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address."</p>
            <a class="btn btn--primary" href=href("/")>"Back to the overview"</a>
        </main>
    }
}
