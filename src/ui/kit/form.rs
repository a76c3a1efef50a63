//! The machinery every resource's form runs on, in small non-generic pieces; the resource
//! passes in its own functions (validation, which field a server message concerns):
//!
//! - `Form`: field state. Errors are recomputed from the draft; one shows after its control is
//!   left, all show on submit; a server 400/409/422 is mapped back to its field; editing a field
//!   clears the server's complaint about it. Controls find the form through context, for ids
//!   unique per form.
//! - `StalePanel`: the choice shown when the object changed on the server since the form
//!   loaded (`base::stale` computes it): keep both, overwrite, or discard mine.
//! - `DraftRestored`, `FormFooter`: the notices and buttons around every form.
//!
//! Nothing typed is ever lost: a failed save keeps the draft, and `kit::drafts` keeps it across
//! an expired session.

use crate::base::error::ApiError;
use crate::base::field_errors::FieldErrors;
use crate::base::i18n::t;
use crate::base::json::{FromJson, Ignored};
use crate::base::stale::Difference;
use crate::ui::api::{Api, Verb};
use crate::ui::kit::components::{ErrorNotice, When};
use crate::ui::router::href;
use leptos::prelude::*;
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Which field a server message concerns (each resource knows its server's wording).
pub type FieldOfMessage = fn(&str) -> Option<&'static str>;

/// One form's field state. `Copy`: move it into handlers freely.
#[derive(Clone, Copy)]
pub struct Form {
    /// Prefix of the form's control ids (`route-3`), unique in the document.
    prefix: StoredValue<String>,
    touched: RwSignal<Vec<&'static str>>,
    submitted: RwSignal<bool>,
    /// The server's refusal of the last save, with the field it concerns if one does.
    server_error: RwSignal<Option<(Option<&'static str>, ApiError)>>,
    errors: Signal<FieldErrors>,
}

static FORMS: AtomicUsize = AtomicUsize::new(0);

impl Form {
    /// A form named `name` (its ids start with it) whose errors `errors` computes from its
    /// draft. Provided as context to the controls inside it.
    pub fn new(name: &str, errors: Signal<FieldErrors>) -> Form {
        let n = FORMS.fetch_add(1, Ordering::Relaxed);
        let form = Form {
            prefix: StoredValue::new(format!("{name}-{n}")),
            touched: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
            server_error: RwSignal::new(None),
            errors,
        };
        provide_context(form);
        form
    }

    /// The `id` of the control for `field`, unique in the document.
    pub fn control_id(self, field: &str) -> String {
        self.prefix.with_value(|p| format!("{p}-{field}"))
    }

    /// The message to show at `field`: the server's about it, else its own error once the
    /// field was left or the form submitted.
    pub fn error_of(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            let server = self.server_error.with(|s| match s {
                Some((Some(f), e)) if *f == field => e.server_text().map(String::from),
                _ => None,
            });
            server.or_else(|| {
                let shown = self.submitted.get() || self.touched.with(|t| t.contains(&field));
                shown
                    .then(|| self.errors.with(|e| e.get(field).map(String::from)))
                    .flatten()
            })
        })
    }

    /// Marks `field` as left (its error shows from now on).
    pub fn touch(self, field: &'static str) -> Callback<()> {
        Callback::new(move |_| {
            if self.touched.with_untracked(|t| !t.contains(&field)) {
                self.touched.update(|t| t.push(field));
            }
        })
    }

    /// `field` was edited: the server's complaint about it no longer applies.
    pub fn edited(self, field: &'static str) {
        if self
            .server_error
            .with_untracked(|s| matches!(s, Some((Some(f), _)) if *f == field))
        {
            self.server_error.set(None);
        }
    }

    /// Submit was pressed: every error shows, the last server error goes. True when nothing
    /// blocks sending.
    pub fn submit(self) -> bool {
        self.submitted.set(true);
        self.server_error.set(None);
        self.errors.with_untracked(FieldErrors::is_empty)
    }

    /// Submitted with errors: nothing was sent.
    pub fn blocked(self) -> Signal<bool> {
        Signal::derive(move || self.submitted.get() && !self.errors.with(FieldErrors::is_empty))
    }

    /// The server refused the save: shown at its field when the message names one
    /// (`field_of`), else above the buttons. The draft is untouched.
    pub fn failed(self, error: ApiError, field_of: FieldOfMessage) {
        let field = match &error {
            ApiError::Conflict(m) | ApiError::Validation(m) | ApiError::BadRequest(m) => {
                field_of(m)
            }
            _ => None,
        };
        self.server_error.set(Some((field, error)));
    }

    /// A failure not tied to a field (the fresh GET before a PUT, say).
    pub fn failed_outright(self, error: ApiError) {
        self.server_error.set(Some((None, error)));
    }

    /// The last server error, if any.
    pub fn server_error(self) -> Signal<Option<ApiError>> {
        Signal::derive(move || {
            self.server_error
                .with(|s| s.as_ref().map(|(_, e)| e.clone()))
        })
    }
}

/// Creates an object with one POST to `path`, never two. When the answer is lost, or is
/// "already exists", the POST may have been applied (a browser resends a POST whose reused
/// connection closed unanswered), so the list at `path` is looked up for an object whose
/// request (`request_of`) equals the one sent: found, it is a success; not found, the first
/// error stands. Nothing is ever sent again.
pub async fn post_once<Req, T>(
    api: Api,
    path: &str,
    request: &Req,
    request_of: fn(&T) -> Req,
) -> Result<(), ApiError>
where
    Req: Serialize + PartialEq,
    T: FromJson,
{
    match api.write::<_, Ignored>(Verb::Post, path, request).await {
        Ok(_) => Ok(()),
        Err(e @ (ApiError::Network | ApiError::Conflict(_))) => match api.get_list::<T>(path).await
        {
            Ok(now) if now.iter().any(|t| request_of(t) == *request) => Ok(()),
            _ => Err(e),
        },
        Err(e) => Err(e),
    }
}

/// The form the calling control is inside, if any.
pub fn use_form() -> Option<Form> {
    use_context::<Form>()
}

/// "Your unsaved changes were restored", with a button to throw them away.
#[component]
pub fn DraftRestored(restored: RwSignal<bool>, on_discard: Callback<()>) -> impl IntoView {
    view! {
        <When when=restored>
            <div class="notice notice--info" role="status" data-testid="draft-restored">
                <p class="notice__text">{t("Your unsaved changes to this form were restored.")}</p>
                <button type="button" class="btn btn--small" data-testid="discard-draft" on:click=move |_| on_discard.run(())>{t("Discard them")}</button>
            </div>
        </When>
    }
}

/// The server's version differs from the one the form loaded: both are shown, field by field,
/// and the user chooses. `title` says what changed ("This route changed on the server since
/// you opened it"), `message` what saving does.
#[component]
pub fn StalePanel(
    title: String,
    message: String,
    differences: Vec<Difference>,
    on_combine: Callback<()>,
    on_overwrite: Callback<()>,
    on_discard: Callback<()>,
) -> impl IntoView {
    // The choice appears below the form, where Save was pressed: bring it into view.
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(p) = panel.get() {
            request_animation_frame(move || p.scroll_into_view());
        }
    });
    view! {
        <section class="notice notice--warn" role="alert" data-testid="stale-edit" node_ref=panel>
            <strong class="notice__title">{title}</strong>
            <p class="notice__text">{message}</p>
            <table class="diff">
                <thead><tr><th scope="col">{t("Field")}</th><th scope="col">{t("On the server now")}</th><th scope="col">{t("Yours")}</th></tr></thead>
                <tbody>
                    {differences.into_iter().map(|d| {
                        let who = match (d.changed_on_server, d.changed_by_me) {
                            (true, true) => t("changed by both"),
                            (true, false) => t("changed on the server"),
                            _ => t("changed by you"),
                        };
                        let conflict = d.is_conflict();
                        view! {
                            <tr data-field=d.field class=conflict.then_some("diff__conflict")>
                                <th scope="row">{t(d.label)}<span class="diff__who">{who}</span></th>
                                <td>{d.server}</td>
                                <td>{d.mine}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="form-actions">
                <button type="button" class="btn btn--primary" data-testid="stale-combine" on:click=move |_| on_combine.run(())>{t("Keep both changes")}</button>
                <button type="button" class="btn" data-testid="stale-overwrite" on:click=move |_| on_overwrite.run(())>{t("Overwrite with mine")}</button>
                <button type="button" class="btn btn--ghost" data-testid="stale-theirs" on:click=move |_| on_discard.run(())>{t("Discard mine")}</button>
            </div>
        </section>
    }
}

/// What closes every form: the "nothing was sent" notice, the server's refusal (with `note`
/// above it when given), Save and Cancel.
#[component]
pub fn FormFooter(
    form: Form,
    /// Shown above the server's error (what was saved before it failed, say).
    #[prop(into)]
    note: Signal<Option<String>>,
    #[prop(into)] saving: Signal<bool>,
    #[prop(into)] can_save: Signal<bool>,
    /// The Save button's label when not saving.
    save_label: String,
    save_testid: &'static str,
    /// Where Cancel goes (a console path).
    cancel: &'static str,
) -> impl IntoView {
    let error = form.server_error();
    let save_label = StoredValue::new(save_label);
    view! {
        {move || error.get().map(|e| view! {
            <div>
                {note.get().map(|n| view! { <p class="notice notice--warn">{n}</p> })}
                <ErrorNotice error=e/>
            </div>
        })}
        <When when=form.blocked()>
            <p class="notice notice--error" role="alert" data-testid="form-blocked">{t("Fix the marked fields: nothing was sent.")}</p>
        </When>
        <div class="form-actions">
            <button type="submit" class="btn btn--primary" data-testid=save_testid
                disabled=Signal::derive(move || saving.get() || !can_save.get())>
                {Signal::derive(move || if saving.get() { t("Saving…") } else { save_label.get_value() })}
            </button>
            <a class="btn btn--ghost" href=href(cancel)>{t("Cancel")}</a>
        </div>
    }
}
