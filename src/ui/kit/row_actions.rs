//! Actions on one row of a list: the inline enable switch, writing an object back from the
//! server's current version, and saying what a row's action could not do.

use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::base::json::FromJson;
use crate::ui::api::{Api, Verb};
use crate::ui::kit::components::ErrorNotice;
use leptos::prelude::*;
use serde::Serialize;

/// Writes the object at `path` back with one change. PUT replaces the whole object, so the
/// write starts from the server's current version (fetched just before), never from a list's
/// possibly stale copy: nobody's concurrent edit is undone by a toggle. `change` turns the
/// fresh object into the request to send, or says why it is not written.
pub async fn write_fresh<T, Req>(
    api: Api,
    path: &str,
    change: impl FnOnce(&T) -> Result<Req, ApiError>,
) -> Result<T, ApiError>
where
    T: FromJson,
    Req: Serialize,
{
    let fresh = api.get::<T>(path).await?;
    api.write::<_, T>(Verb::Put, path, &change(&fresh)?).await
}

/// An on/off switch in a row (`role="switch"`), named for assistive technology by `label`. It
/// shows `checked`, the server's word: a click asks for the other state (`on_change`) and the
/// switch moves once `checked` does, so a change that fails leaves it where it was.
#[component]
pub fn EnableSwitch(
    label: String,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] disabled: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="switch" title=t("Enabled")>
            <input type="checkbox" role="switch" name="enabled" aria-label=label
                prop:checked=checked disabled=disabled
                on:change:target=move |ev| {
                    let wanted = ev.target().checked();
                    ev.target().set_checked(checked.get_untracked());
                    on_change.run(wanted)
                }/>
            <span class="switch__track" aria-hidden="true"></span>
        </label>
    }
}

/// What a row's action (its switch) could not do, above the table, brought into view when it
/// comes: the row may be far down a long list.
#[component]
pub fn RowActionFailure(failure: RwSignal<Option<ApiError>>) -> impl IntoView {
    let at = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if failure.with(Option::is_some) {
            if let Some(el) = at.get() {
                request_animation_frame(move || el.scroll_into_view());
            }
        }
    });
    view! {
        <div node_ref=at data-testid="row-action-failure">
            {move || failure.get().map(|error| view! { <ErrorNotice error/> })}
        </div>
    }
}
