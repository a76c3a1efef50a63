//! One user (`/users/<id>`): role, auto groups and blocking, edited as one PUT that always
//! carries all three (an omitted `is_blocked` would unblock, an omitted `auto_groups` is
//! refused); approve or reject a pending user; delete; and the user's personal access tokens,
//! a new one's plain text shown once. Every rule of the server's `validateUserUpdate` is
//! checked and explained at its control before anything is sent.

use crate::base::error::ApiError;
use crate::base::format::{is_never, relative_time};
use crate::base::i18n::{t, tf};
use crate::base::token::Credential;
use crate::resources::user::rows::role_label;
use crate::resources::user::validation::{
    can_block, can_delete, can_manage_tokens, expired, expires_soon, role_choices,
    server_error_field, update_of, validate_token, validate_update, TokenDraft, UserUpdate,
    USER_FIELDS,
};
use crate::resources::{Group, PersonalAccessToken, User};
use crate::ui::api::{both, resource, use_api, Verb};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, page_failure, ErrorNotice, PageHeader, When};
use crate::ui::kit::controls::{group_options, CheckField, Picker, TextField};
use crate::ui::kit::dialog::ConfirmDialog;
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::edit::{Saver, SaverSpec, StaleChoice};
use crate::ui::kit::form::{DraftRestored, Form, FormFooter};
use crate::ui::kit::list::now_secs;
use crate::ui::kit::task::Task;
use crate::ui::router::{use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[derive(Clone)]
struct Loaded {
    users: Vec<User>,
    groups: Vec<Group>,
}

#[component]
pub fn UserPage(id: String) -> impl IntoView {
    let api = use_api();
    let data = resource(move || {
        let lists = both(
            api.get_list::<User>("/api/users"),
            api.get_list::<Group>("/api/groups"),
        );
        async move {
            let (users, groups) = lists.await;
            Ok::<_, ApiError>(Loaded {
                users: users?,
                // Without groups:read the auto groups show as IDs.
                groups: groups.unwrap_or_default(),
            })
        }
    });
    let refetch = Callback::new(move |_| data.refetch());
    // Outside the view the reload rebuilds, so "Saved." stays after it.
    let saved = RwSignal::new(false);
    view! {
        {data.view(loading_rows, move |result| match result {
            Ok(d) => match d.users.iter().find(|u| u.id == id).cloned() {
                Some(user) => view! { <UserView user data=d refetch saved/> }.into_any(),
                None => page_failure(t("User"), ApiError::NotFound(t("this user no longer exists")), None),
            },
            Err(error) => page_failure(t("User"), error, Some(refetch)),
        })}
    }
}

/// A user's status in words: pending approval wins, then blocked.
fn status_text(u: &User) -> String {
    if u.pending_approval {
        t("pending approval")
    } else if u.is_blocked || !matches!(u.status.as_str(), "active" | "invited") {
        t("blocked")
    } else if u.status == "invited" {
        t("invited")
    } else {
        t("active")
    }
}

#[component]
fn UserView(
    user: User,
    data: Loaded,
    refetch: Callback<()>,
    saved: RwSignal<bool>,
) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    // Who is acting: the signed-in user as the account lists them (with their role).
    let actor = auth
        .me
        .with_untracked(|m| m.as_ref().map(|m| m.user.clone()))
        .unwrap_or_default();
    let actor = data
        .users
        .iter()
        .find(|u| u.is_current)
        .cloned()
        .unwrap_or(actor);
    let access = move || auth.permissions().module("users");
    let target = StoredValue::new(user.clone());
    let actor = StoredValue::new(actor);
    let groups = StoredValue::new(data.groups.clone());
    let input = Draft::open("user", update_of(&user), Some(user.clone()));
    let draft = input.value;
    let errors = Memo::new(move |_| {
        draft.with(|d| {
            actor.with_value(|a| {
                target.with_value(|u| {
                    groups.with_value(|g| validate_update(a, u, d, g).err().unwrap_or_default())
                })
            })
        })
    });
    let form = Form::new("user", errors.into());
    let saver: Saver<User, UserUpdate> = Saver::new(
        api,
        form,
        input.base,
        SaverSpec {
            collection: "/api/users",
            request_of: update_of,
            spec: USER_FIELDS,
            field_of: server_error_field,
            // The API has no `GET /api/users/{id}`: the fresh read is the list.
            id_of: Some(|u: &User| u.id.as_str()),
        },
        Callback::new(move |_| {
            input.saved();
            saved.set(true);
            refetch.run(());
        }),
    );
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut UserUpdate)>| {
        input.edit(form, field, |d| f(d));
        saved.set(false);
    };
    let on_submit = move |ev: SubmitEvent| {
        saved.set(false);
        if !input.submit(form, &ev) {
            return;
        }
        let result = draft.with_untracked(|d| {
            actor.with_value(|a| {
                target.with_value(|u| groups.with_value(|g| validate_update(a, u, d, g)))
            })
        });
        if let Ok(request) = result {
            let names: Vec<(String, String)> =
                groups.with_value(|g| g.iter().map(|g| (g.id.clone(), g.name.clone())).collect());
            saver.save(Some(target.with_value(|u| u.id.clone())), request, names);
        }
    };
    let choices = actor.with_value(|a| target.with_value(|u| role_choices(a, u)));
    let block_rule = actor.with_value(|a| target.with_value(|u| can_block(a, u)));
    let delete_rule = actor.with_value(|a| target.with_value(|u| can_delete(a, u)));
    let tokens_allowed = actor.with_value(|a| target.with_value(|u| can_manage_tokens(a, u)));
    let options = groups.with_value(|g| group_options(g, |g| !g.is_all()));
    let block_disabled = block_rule.is_err();
    let block_help = block_rule.err().unwrap_or_default();

    // Approve or reject a pending user; delete.
    let acting = Task::new();
    let act_failed = RwSignal::new(None::<ApiError>);
    let confirm = RwSignal::new(None::<&'static str>);
    let id = user.id.clone();
    let act = move |what: &'static str| {
        let id = id.clone();
        let navigate = navigate.clone();
        acting.run(async move {
            let result = match what {
                "approve" => api
                    .write::<_, crate::base::json::Ignored>(
                        Verb::Post,
                        &format!("/api/users/{id}/approve"),
                        &serde_json::Value::Null,
                    )
                    .await
                    .map(|_| ()),
                "reject" => api.delete(&format!("/api/users/{id}/reject")).await,
                _ => api.delete(&format!("/api/users/{id}")).await,
            };
            match result {
                Ok(()) if what == "approve" => refetch.run(()),
                Ok(()) => navigate("/users", NavigateOptions::default()),
                Err(e) => act_failed.set(Some(e)),
            }
        })
    };
    let name = user.display_name().to_string();
    let subtitle = format!(
        "{} · {} · {}",
        if user.is_service_user {
            t("Service user")
        } else {
            user.email.clone()
        },
        role_label(&user.role),
        status_text(&user)
    );
    let pending = user.pending_approval;
    let can_update = move || access().update;
    let uid = user.id.clone();
    let is_current = user.is_current;
    let confirm_name = name.clone();
    let act_confirmed = act.clone();
    view! {
        <PageHeader title=name.clone() subtitle>
            {pending.then(|| {
                let approve = act.clone();
                view! {
                    <When when=Signal::derive(can_update)>
                        <button type="button" class="btn btn--primary" data-testid="approve-user" disabled=acting.pending()
                            on:click={ let approve = approve.clone(); move |_| approve("approve") }>{t("Approve")}</button>
                        <button type="button" class="btn btn--danger" data-testid="reject-user" disabled=acting.pending()
                            on:click=move |_| confirm.set(Some("reject"))>{t("Reject")}</button>
                    </When>
                }
            })}
            <When when=Signal::derive(move || access().delete)>
                <button type="button" class="btn btn--danger" data-testid="delete-user"
                    disabled=delete_rule.is_err() title=delete_rule.clone().err().unwrap_or_default()
                    on:click=move |_| confirm.set(Some("delete"))>{t("Delete")}</button>
            </When>
        </PageHeader>
        {move || act_failed.get().map(|e| view! { <ErrorNotice error=e/> })}
        {move || confirm.get().map(|what| {
            let act = act_confirmed.clone();
            let (title, message) = if what == "reject" {
                (tf("Reject {name}", &[("name", &confirm_name)]), tf("Reject {name}? The request to join is removed.", &[("name", &confirm_name)]))
            } else {
                (tf("Delete {name}", &[("name", &confirm_name)]), tf("Delete {name}? Their peers and tokens go too. This cannot be undone.", &[("name", &confirm_name)]))
            };
            view! {
                <ConfirmDialog title message confirm_label=if what == "reject" { t("Reject") } else { t("Delete") }
                    on_confirm=Callback::new(move |_| { confirm.set(None); act(what); })
                    on_cancel=Callback::new(move |_| confirm.set(None))/>
            }
        })}
        <section class="panel">
            <h2 class="panel__title">{t("Access")}</h2>
            <form class="form" novalidate on:submit=on_submit data-testid="user-form">
                <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
                <fieldset class="field segmented" name="role" data-testid="role-choices">
                    <legend class="field__label">{t("Role")}</legend>
                    {choices.into_iter().map(|(role, why)| {
                        let role: &'static str = role;
                        let disabled = why.is_some();
                        view! {
                            <label class="segmented__option" title=why.clone().unwrap_or_default()>
                                <input type="radio" name="role" value=role disabled=disabled || !can_update()
                                    prop:checked=move || draft.with(|d| d.role == role)
                                    on:change=move |_| edit("role", Box::new(move |d| d.role = role.into()))/>
                                {role_label(role)}
                            </label>
                        }
                    }).collect_view()}
                    {move || form.error_of("role").get().map(|e| view! { <p class="field__error" data-testid="error-role">{e}</p> })}
                </fieldset>
                <Picker name="auto_groups" legend=t("Auto-assigned groups") options multiple=true
                    help=t("Peers this user adds join these groups.")
                    selected=Signal::derive(move || draft.with(|d| d.auto_groups.clone()))
                    on_change=Callback::new(move |v: Vec<String>| edit("auto_groups", Box::new(move |d| d.auto_groups = v.clone())))
                    on_blur=form.touch("auto_groups") error=form.error_of("auto_groups")/>
                <CheckField name="is_blocked" label=t("Blocked") checked=Signal::derive(move || draft.with(|d| d.is_blocked))
                    disabled=Signal::derive(move || block_disabled || !can_update())
                    help=block_help
                    on_change=Callback::new(move |on| edit("is_blocked", Box::new(move |d| d.is_blocked = on)))/>
                {move || form.error_of("is_blocked").get().map(|e| view! { <p class="field__error" data-testid="error-is_blocked">{e}</p> })}
                <StaleChoice saver id=uid.clone() title=t("This user changed on the server since you opened it")
                    reset=Callback::new(move |fresh: User| draft.set(update_of(&fresh)))/>
                <When when=saved>
                    <p class="notice notice--good" role="status" data-testid="user-saved">{t("Saved.")}</p>
                </When>
                <FormFooter form note=Signal::derive(|| None::<String>) saving=saver.pending()
                    can_save=Signal::derive(can_update)
                    save_label=t("Save") save_testid="save-user" cancel="/users"/>
            </form>
        </section>
        {tokens_allowed.then(|| view! { <Tokens user_id=user.id.clone() is_current/> })}
    }
}

/// The user's personal access tokens: list, create (the plain text shown once), delete.
#[component]
fn Tokens(user_id: String, is_current: bool) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let path = StoredValue::new(format!("/api/users/{user_id}/tokens"));
    let tokens = resource(move || api.get_list::<PersonalAccessToken>(&path.get_value()));
    let input = Draft::open("token", TokenDraft::default(), ());
    let draft = input.value;
    let errors = Memo::new(move |_| draft.with(|d| validate_token(d).err().unwrap_or_default()));
    let form = Form::new("token", errors.into());
    let created = RwSignal::new(None::<String>);
    let saving = Task::new();
    let on_submit = move |ev: SubmitEvent| {
        if !input.submit(form, &ev) {
            return;
        }
        let Ok(request) = draft.with_untracked(validate_token) else {
            return;
        };
        saving.run(async move {
            match api
                .write::<_, serde_json::Value>(Verb::Post, &path.get_value(), &request)
                .await
            {
                Ok(answer) => {
                    let plain = answer
                        .get("plain_token")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string();
                    created.set(Some(plain));
                    input.discard();
                    tokens.refetch();
                }
                Err(e) => form.failed(e, server_error_field),
            }
        })
    };
    // Signed in with a personal access token: this session's token is the one of the current
    // user used last, a moment ago (the server marks a token used on every request). The API
    // gives no other way to tell which it is.
    let pat_session = auth.session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| matches!(s.credential, Credential::Pat(_)))
    });
    let deleting = RwSignal::new(None::<(String, String, bool)>);
    let delete_failed = RwSignal::new(None::<ApiError>);
    let removing = Task::new();
    let remove = move |id: String, ends_session: bool| {
        removing.run(async move {
            match api.delete(&format!("{}/{id}", path.get_value())).await {
                Ok(()) if ends_session => auth.end(crate::ui::auth::SessionEnd::SignedOut),
                Ok(()) => tokens.refetch(),
                Err(e) => delete_failed.set(Some(e)),
            }
        })
    };
    let copied = RwSignal::new(false);
    view! {
        <section class="panel" data-testid="tokens">
            <h2 class="panel__title">{t("Personal access tokens")}</h2>
            {move || created.get().map(|plain| {
                let copy_text = plain.clone();
                view! {
                    <div class="notice notice--good key-panel" role="status" data-testid="token-panel">
                        <strong class="notice__title">{t("Token created")}</strong>
                        <p class="notice__text">{t("Copy it now: you will not see this token again.")}</p>
                        <div class="key-panel__row">
                            <code class="key-panel__key" data-testid="plain-token">{plain}</code>
                            <button type="button" class="btn btn--small" data-testid="copy-token"
                                on:click=move |_| { let _ = window().navigator().clipboard().write_text(&copy_text); copied.set(true); }>
                                {move || if copied.get() { t("Copied") } else { t("Copy token") }}
                            </button>
                        </div>
                        <button type="button" class="btn btn--small btn--ghost" data-testid="token-done"
                            on:click=move |_| { created.set(None); copied.set(false); }>{t("Done")}</button>
                    </div>
                }
            })}
            {move || delete_failed.get().map(|e| view! { <ErrorNotice error=e/> })}
            {tokens.view(loading_rows, move |result| match result {
                Ok(list) => {
                    let now = now_secs();
                    let now_ms = now as f64 * 1000.0;
                    let session_token = if is_current && pat_session {
                        list.iter()
                            .filter(|k| crate::base::format::parse_rfc3339(&k.last_used).is_some_and(|at| now - at < 300))
                            .max_by_key(|k| crate::base::format::parse_rfc3339(&k.last_used))
                            .map(|k| k.id.clone())
                    } else {
                        None
                    };
                    if list.is_empty() {
                        return view! { <p class="field__hint" data-testid="no-tokens">{t("No tokens yet.")}</p> }.into_any();
                    }
                    view! {
                        <table class="table" data-testid="token-table">
                            <thead><tr>
                                <th scope="col">{t("Name")}</th><th scope="col">{t("Created")}</th>
                                <th scope="col">{t("Expires")}</th><th scope="col">{t("Last used")}</th><th scope="col"></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|k| {
                                    let mine = session_token.as_deref() == Some(k.id.as_str());
                                    let warn = if expired(&k.expiration_date, now_ms) {
                                        Some(t("expired"))
                                    } else if expires_soon(&k.expiration_date, now_ms) {
                                        Some(t("expires within 7 days"))
                                    } else {
                                        None
                                    };
                                    let used = if k.last_used.is_empty() || is_never(&k.last_used) { t("never") } else { relative_time(&k.last_used, now) };
                                    let (id, name) = (k.id.clone(), k.name.clone());
                                    view! {
                                        <tr data-id=k.id.clone()>
                                            <td><strong>{k.name.clone()}</strong>
                                                {mine.then(|| view! { <span class="badge badge--info" data-testid="session-token"
                                                    title=t("Last used a moment ago by this console: the token you are signed in with.")>{t("this session")}</span> })}
                                            </td>
                                            <td>{relative_time(&k.created_at, now)}</td>
                                            <td>{relative_time(&k.expiration_date, now)}
                                                {warn.map(|w| view! { " " <span class="badge badge--warn" data-testid="token-expiry-warning">{w}</span> })}
                                            </td>
                                            <td>{used}</td>
                                            <td>
                                                <button type="button" class="btn btn--small btn--danger" data-testid="delete-token"
                                                    on:click=move |_| deleting.set(Some((id.clone(), name.clone(), mine)))>{t("Delete")}</button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
                Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| tokens.refetch())/> }.into_any(),
            })}
            {move || deleting.get().map(|(id, name, mine)| {
                let message = if mine {
                    tf("Delete the token {name}? It is the token this console is signed in with: deleting it signs you out.", &[("name", &name)])
                } else {
                    tf("Delete the token {name}? Anything using it loses access at once.", &[("name", &name)])
                };
                view! {
                    <ConfirmDialog title=tf("Delete {name}", &[("name", &name)]) message
                        confirm_label=if mine { t("Delete and sign out") } else { t("Delete") }
                        on_confirm=Callback::new(move |_| { deleting.set(None); remove(id.clone(), mine); })
                        on_cancel=Callback::new(move |_| deleting.set(None))/>
                }
            })}
            <form class="form form--inline" novalidate on:submit=on_submit data-testid="token-form">
                <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
                <TextField name="name" label=t("Token name") value=Signal::derive(move || draft.with(|d| d.name.clone()))
                    on_input=Callback::new(move |v: String| input.edit(form, "name", |d| d.name = v))
                    on_blur=form.touch("name") error=form.error_of("name")/>
                <TextField name="expires_in" label=t("Expires in (days)") value=Signal::derive(move || draft.with(|d| d.expires_in.clone()))
                    help=t("1 to 365 days.")
                    on_input=Callback::new(move |v: String| input.edit(form, "expires_in", |d| d.expires_in = v))
                    on_blur=form.touch("expires_in") error=form.error_of("expires_in")/>
                <FormFooter form note=Signal::derive(|| None::<String>) saving=saving.pending()
                    can_save=Signal::derive(|| true)
                    save_label=t("Create token") save_testid="create-token" cancel="/users"/>
            </form>
        </section>
    }
}
