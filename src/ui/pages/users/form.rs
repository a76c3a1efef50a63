//! Add a user (`/users/new`): a service user (a name and a role, for tokens that automation
//! uses), or an invitation sent through the account's identity provider, which only some
//! servers can do: their refusal (412) is explained in words.

use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::resources::user::rows::role_label;
use crate::resources::user::validation::{
    server_error_field, validate_new_user, NewUserDraft, UserCreateRequest,
};
use crate::resources::{Group, User};
use crate::ui::api::{resource, use_api, Verb};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader, When};
use crate::ui::kit::controls::{group_options, Choice, Picker, TextField};
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::form::{DraftRestored, Form, FormFooter};
use crate::ui::kit::task::Task;
use crate::ui::router::{use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The roles a new user may get: every one but owner (the server refuses it).
const NEW_ROLES: &[&str] = &["user", "admin", "network_admin", "auditor", "billing_admin"];

#[component]
pub fn NewUserPage() -> impl IntoView {
    let api = use_api();
    let groups = resource(move || api.get_list::<Group>("/api/groups"));
    view! {
        <PageHeader title=t("Add user") subtitle=t("A service user for automation, or an invitation by email.")/>
        {groups.view(loading_rows, move |result| match result {
            Ok(groups) => view! { <NewUser groups/> }.into_any(),
            Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| groups.refetch())/> }.into_any(),
        })}
    }
}

/// A 412 from an invitation: the server has no identity provider that can invite.
fn explain(error: ApiError, service: bool) -> ApiError {
    match error {
        ApiError::PreconditionFailed(_) if !service => ApiError::PreconditionFailed(t(
            "This NetBird server cannot invite users: it has no identity provider that creates accounts, or local user creation is turned off. Users join by signing in through your identity provider; or add a service user instead.",
        )),
        e => e,
    }
}

#[component]
fn NewUser(groups: Vec<Group>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let groups = StoredValue::new(groups);
    let start = NewUserDraft {
        is_service_user: true,
        role: "user".into(),
        ..NewUserDraft::default()
    };
    let input = Draft::open("new-user", start, ());
    let draft = input.value;
    let errors = Memo::new(move |_| {
        draft.with(|d| groups.with_value(|g| validate_new_user(d, g).err().unwrap_or_default()))
    });
    let form = Form::new("new-user", errors.into());
    let saving = Task::new();
    let invite_failed = RwSignal::new(None::<ApiError>);
    let on_submit = move |ev: SubmitEvent| {
        invite_failed.set(None);
        if !input.submit(form, &ev) {
            return;
        }
        let Ok(request): Result<UserCreateRequest, _> =
            draft.with_untracked(|d| groups.with_value(|g| validate_new_user(d, g)))
        else {
            return;
        };
        let service = request.is_service_user;
        let navigate = navigate.clone();
        saving.run(async move {
            match api
                .write::<_, User>(Verb::Post, "/api/users", &request)
                .await
            {
                // A service user's next step is a token: its page.
                Ok(user) => {
                    input.saved();
                    let next = if service {
                        format!("/users/{}", user.id)
                    } else {
                        "/users".to_string()
                    };
                    navigate(&next, NavigateOptions::default())
                }
                Err(e @ ApiError::PreconditionFailed(_)) => {
                    invite_failed.set(Some(explain(e, service)))
                }
                Err(e) => form.failed(e, server_error_field),
            }
        })
    };
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut NewUserDraft)>| {
        input.edit(form, field, |d| f(d));
    };
    let service = move || draft.with(|d| d.is_service_user);
    let options = groups.with_value(|g| group_options(g, |g| !g.is_all()));
    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="new-user-form">
            <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
            <fieldset class="field segmented" name="is_service_user">
                <legend class="field__label">{t("Kind")}</legend>
                <Choice name="is_service_user" value="true" label=t("Service user") checked=Signal::derive(service)
                    on_choose=Callback::new(move |_| edit("is_service_user", Box::new(|d| d.is_service_user = true)))/>
                <Choice name="is_service_user" value="false" label=t("Invite a person") checked=Signal::derive(move || !service())
                    on_choose=Callback::new(move |_| edit("is_service_user", Box::new(|d| d.is_service_user = false)))/>
            </fieldset>
            <TextField name="name" label=t("Name") value=Signal::derive(move || draft.with(|d| d.name.clone()))
                on_input=Callback::new(move |v: String| edit("name", Box::new(move |d| d.name = v.clone())))
                on_blur=form.touch("name") error=form.error_of("name")/>
            <When when=Signal::derive(move || !service())>
                <TextField name="email" label=t("Email") value=Signal::derive(move || draft.with(|d| d.email.clone()))
                    on_input=Callback::new(move |v: String| edit("email", Box::new(move |d| d.email = v.clone())))
                    on_blur=form.touch("email") error=form.error_of("email")/>
            </When>
            <fieldset class="field segmented" name="role">
                <legend class="field__label">{t("Role")}</legend>
                {NEW_ROLES.iter().map(|&role| view! {
                    <Choice name="role" value=role label=role_label(role) checked=Signal::derive(move || draft.with(|d| d.role == role))
                        on_choose=Callback::new(move |_| edit("role", Box::new(move |d| d.role = role.into())))/>
                }).collect_view()}
                {move || form.error_of("role").get().map(|e| view! { <p class="field__error" data-testid="error-role">{e}</p> })}
            </fieldset>
            <Picker name="auto_groups" legend=t("Auto-assigned groups") options multiple=true
                help=t("Peers this user adds join these groups.")
                selected=Signal::derive(move || draft.with(|d| d.auto_groups.clone()))
                on_change=Callback::new(move |v: Vec<String>| edit("auto_groups", Box::new(move |d| d.auto_groups = v.clone())))
                on_blur=form.touch("auto_groups") error=form.error_of("auto_groups")/>
            {move || invite_failed.get().map(|e| view! { <ErrorNotice error=e/> })}
            <FormFooter form note=Signal::derive(|| None::<String>) saving=saving.pending()
                can_save=Signal::derive(move || auth.permissions().module("users").create)
                save_label=t("Add user")
                save_testid="save-user" cancel="/users"/>
        </form>
    }
}
