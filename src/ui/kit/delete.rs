//! Deleting the one object a detail page shows (a peer, a policy, a setup key…): the one way
//! every such page asks, deletes and reports.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::ui::api::use_api;
use crate::ui::kit::components::{ErrorNotice, When};
use crate::ui::kit::dialog::ConfirmDialog;
use crate::ui::kit::task::Task;
use leptos::prelude::*;

/// A "Delete" button for a role that may delete (`allowed`), a confirmation titled "Delete
/// {name}" saying `message` (with `items` listed under it), the DELETE of `path`, then `done`
/// (back to the list, as a rule). What the server refuses is shown under the button.
#[component]
pub fn DeleteOne(
    /// The button's `data-testid`.
    testid: &'static str,
    allowed: Signal<bool>,
    name: String,
    path: String,
    message: String,
    #[prop(optional)] items: Vec<String>,
    done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let task = Task::new();
    let path = StoredValue::new(path);
    let delete = move || {
        task.run(async move {
            match api.delete(&path.get_value()).await {
                Ok(()) => done.run(()),
                Err(e) => failed.set(Some(e)),
            }
        })
    };
    let title = tf("Delete {name}", &[("name", &name)]);
    view! {
        <When when=allowed>
            <button type="button" class="btn btn--danger" data-testid=testid on:click=move |_| asking.set(true)>{t("Delete")}</button>
        </When>
        {move || failed.get().map(|e| view! { <ErrorNotice error=e/> })}
        {move || asking.get().then(|| view! {
            <ConfirmDialog title=title.clone() message=message.clone() items=items.clone() confirm_label=t("Delete")
                on_confirm=Callback::new(move |_| { asking.set(false); delete(); })
                on_cancel=Callback::new(move |_| asking.set(false))/>
        })}
    }
}
