//! The confirmation before anything destructive, on the native `<dialog>` element opened as a
//! modal: the page behind is inert (focus stays inside the dialog), Escape cancels, and focus
//! returns to where it was when the dialog closes.

use crate::base::i18n::{t, tf};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How many affected objects a dialog lists by name.
const PREVIEW_ITEMS: usize = 50;

/// Opens `dialog` as a modal once it is in the page (the page behind inert, Escape cancels),
/// and gives the focus back to where it was when the calling component goes away.
pub fn open_modal(dialog: NodeRef<leptos::html::Dialog>) {
    let before = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let before = send_wrapper::SendWrapper::new(before);
    on_cleanup(move || {
        if let Some(el) = before.take() {
            let _ = el.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
}

/// A modal confirmation naming what will happen. Cancel, Escape or the confirm button close it.
#[component]
pub fn ConfirmDialog(
    title: String,
    /// What will happen, naming the things affected.
    message: String,
    confirm_label: String,
    /// The objects affected, listed under the message (a bulk action's preview).
    #[prop(optional)]
    items: Vec<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    open_modal(dialog);
    // The safe choice has the focus: Enter does not delete by accident.
    Effect::new(move |_| {
        if let (Some(_), Some(b)) = (dialog.get(), cancel_button.get()) {
            let _ = b.focus();
        }
    });
    view! {
        <dialog class="dialog" node_ref=dialog role="alertdialog" aria-labelledby="dialog-title"
            aria-describedby="dialog-message" data-testid="confirm-dialog"
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); on_cancel.run(()) }>
            <h2 id="dialog-title" class="dialog__title">{title}</h2>
            <p id="dialog-message" class="dialog__message">{message}</p>
            {(!items.is_empty()).then(|| {
                let more = items.len().saturating_sub(PREVIEW_ITEMS);
                view! {
                    <ul class="dialog__items" data-testid="dialog-items">
                        {items.into_iter().take(PREVIEW_ITEMS).map(|i| view! { <li>{i}</li> }).collect_view()}
                        {(more > 0).then(|| view! { <li class="dialog__more">{tf("… and {count} more", &[("count", &more.to_string())])}</li> })}
                    </ul>
                }
            })}
            <div class="dialog__actions">
                <button type="button" class="btn" node_ref=cancel_button on:click=move |_| on_cancel.run(())>{t("Cancel")}</button>
                <button type="button" class="btn btn--danger" data-testid="confirm"
                    on:click=move |_| on_confirm.run(())>{confirm_label}</button>
            </div>
        </dialog>
    }
}
