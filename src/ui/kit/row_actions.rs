//! Actions on one row of a list: the inline enable switch, and writing an object back from the
//! server's current version.

use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::base::json::FromJson;
use crate::ui::api::{Api, Verb};
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

/// An on/off switch in a row (`role="switch"`), named for assistive technology by `label`.
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
                on:change:target=move |ev| on_change.run(ev.target().checked())/>
            <span class="switch__track" aria-hidden="true"></span>
        </label>
    }
}
