//! Deleting the one object a detail page shows (a peer, a policy, a setup key…): the one way
//! every such page asks, deletes and reports, and first detaches it from what still uses it
//! where the page can.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::resources::names::named_message;
use crate::ui::api::use_api;
use crate::ui::kit::bulk::{Bulk, BulkItem, BulkReport};
use crate::ui::kit::components::{ErrorNotice, When};
use crate::ui::kit::dialog::ConfirmDialog;
use crate::ui::kit::task::Task;
use leptos::prelude::*;
use std::rc::Rc;

/// What must stop using the object before the server lets it go: a write per object that uses
/// it (`items`, made when the delete is confirmed), run as bulk work titled `title`, each
/// failure named; the delete follows only when every write succeeded.
#[derive(Clone)]
pub struct Detach {
    pub title: String,
    pub items: Rc<dyn Fn() -> Vec<BulkItem>>,
}

/// A "Delete" button for a role that may delete (`allowed`), a confirmation titled "Delete
/// {name}" saying `message` (with `items` listed under it), the DELETE of `path`, then `done`
/// (back to the list, as a rule), after `detach` where given ("Detach and delete"). What the
/// server refuses is shown under the button, the objects its message names by ID (`names`: ID
/// and name) by their names.
#[component]
pub fn DeleteOne(
    /// The button's `data-testid`.
    testid: &'static str,
    allowed: Signal<bool>,
    name: String,
    path: String,
    message: String,
    #[prop(optional)] items: Vec<String>,
    #[prop(default = None)] detach: Option<Detach>,
    #[prop(optional)] names: Vec<(String, String)>,
    done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let bulk = Bulk::new();
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let task = Task::new();
    let path = StoredValue::new(path);
    let names = StoredValue::new(names);
    let delete = move || {
        task.run(async move {
            match api.delete(&path.get_value()).await {
                Ok(()) => done.run(()),
                Err(ApiError::BadRequest(m)) => failed.set(Some(ApiError::BadRequest(
                    names.with_value(|n| named_message(&m, n)),
                ))),
                Err(e) => failed.set(Some(e)),
            }
        })
    };
    let confirm_label = if detach.is_some() {
        t("Detach and delete")
    } else {
        t("Delete")
    };
    let detach = StoredValue::new_local(detach);
    let confirmed = move || {
        failed.set(None);
        match detach.get_value() {
            None => delete(),
            Some(d) => bulk.run(d.title, (d.items)(), move || {
                let all_done = bulk
                    .progress()
                    .with_untracked(|p| p.as_ref().is_some_and(|p| p.failed.is_empty()));
                // Otherwise the report names what could not be changed, and nothing is deleted.
                if all_done {
                    delete();
                }
            }),
        }
    };
    let title = tf("Delete {name}", &[("name", &name)]);
    view! {
        <When when=allowed>
            <button type="button" class="btn btn--danger" data-testid=testid
                disabled=Signal::derive(move || bulk.running().get() || task.pending().get())
                on:click=move |_| asking.set(true)>{t("Delete")}</button>
        </When>
        <BulkReport bulk/>
        {move || failed.get().map(|e| view! { <ErrorNotice error=e/> })}
        {move || asking.get().then(|| view! {
            <ConfirmDialog title=title.clone() message=message.clone() items=items.clone() confirm_label=confirm_label.clone()
                on_confirm=Callback::new(move |_| { asking.set(false); confirmed(); })
                on_cancel=Callback::new(move |_| asking.set(false))/>
        })}
    }
}
