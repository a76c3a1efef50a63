//! Create a setup key (`/setup-keys/new`), then show its plain key once; or change an existing
//! key's auto groups and revoke it (`/setup-keys/<id>`). Every rule is the server's, checked
//! before sending.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::resources::setup_key::validation::{
    install_command, server_error_field, update_of, validate, validate_update, SetupKeyDraft,
    SetupKeyUpdate, SETUP_KEY_FIELDS,
};
use crate::resources::{Group, SetupKey};
use crate::ui::api::{both, resource, use_api, Verb};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader, When};
use crate::ui::kit::controls::{group_options, CheckField, Choice, Picker, TextField};
use crate::ui::kit::delete::DeleteOne;
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::edit::{check_fresh, Stale};
use crate::ui::kit::form::{DraftRestored, Form, FormFooter, StalePanel};
use crate::ui::kit::task::Task;
use crate::ui::router::{use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[derive(Clone)]
struct Loaded {
    keys: Vec<SetupKey>,
    groups: Vec<Group>,
}

#[component]
pub fn SetupKeyPage(id: Option<String>) -> impl IntoView {
    let api = use_api();
    let data = resource(move || {
        let both_lists = both(
            api.get_list::<SetupKey>("/api/setup-keys"),
            api.get_list::<Group>("/api/groups"),
        );
        async move {
            let (keys, groups) = both_lists.await;
            Ok::<_, ApiError>(Loaded {
                keys: keys?,
                groups: groups?,
            })
        }
    });
    let title = if id.is_some() {
        t("Setup key")
    } else {
        t("Add setup key")
    };
    view! {
        <PageHeader title=title subtitle=t("Setup keys register new peers with netbird up --setup-key.")/>
        {data.view(loading_rows, move |result| match result {
            Ok(d) => match &id {
                None => view! { <CreateKey data=d/> }.into_any(),
                Some(id) => match d.keys.iter().find(|k| &k.id == id).cloned() {
                    Some(key) => view! { <EditKey key groups=d.groups/> }.into_any(),
                    None => view! { <ErrorNotice error=ApiError::NotFound(t("this setup key no longer exists"))/> }.into_any(),
                },
            },
            Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| data.refetch())/> }.into_any(),
        })}
    }
}

/// The groups a key may assign: every group but `All`.
fn assignable(g: &Group) -> bool {
    !g.is_all()
}

#[component]
fn CreateKey(data: Loaded) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let groups = StoredValue::new(data.groups);
    let names_before: Vec<String> = data.keys.iter().map(|k| k.id.clone()).collect();
    let names_before = StoredValue::new(names_before);
    let input = Draft::open("setup-key", SetupKeyDraft::default(), ());
    let draft = input.value;
    let errors = Memo::new(move |_| {
        draft.with(|d| groups.with_value(|g| validate(d, g).err().unwrap_or_default()))
    });
    let form = Form::new("setup-key", errors.into());
    // The plain key, shown once after creation; cleared when the panel is left.
    let created = RwSignal::new(None::<SetupKey>);
    let lost = RwSignal::new(false);
    let saving = Task::new();
    let on_submit = move |ev: SubmitEvent| {
        if !input.submit(form, &ev) {
            return;
        }
        let Ok(request) = draft.with_untracked(|d| groups.with_value(|g| validate(d, g))) else {
            return;
        };
        saving.run(async move {
            match api
                .write::<_, SetupKey>(Verb::Post, "/api/setup-keys", &request)
                .await
            {
                Ok(key) => {
                    input.saved();
                    created.set(Some(key));
                }
                Err(ApiError::Network) => {
                    // The answer was lost, not necessarily the key: look, never resend.
                    let now = api
                        .get_list::<SetupKey>("/api/setup-keys")
                        .await
                        .unwrap_or_default();
                    let made = now.iter().any(|k| {
                        k.name == request.name && names_before.with_value(|b| !b.contains(&k.id))
                    });
                    if made {
                        input.saved();
                        lost.set(true);
                    } else {
                        form.failed_outright(ApiError::Network);
                    }
                }
                Err(e) => form.failed(e, server_error_field),
            }
        })
    };
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut SetupKeyDraft)>| {
        input.edit(form, field, |d| f(d))
    };
    let options = groups.with_value(|g| group_options(g, assignable));
    let one_off = move || draft.with(|d| d.key_type == "one-off");
    view! {
        {move || match created.get() {
            Some(key) => view! { <KeyPanel key on_done=Callback::new(move |_| created.set(None))/> }.into_any(),
            None => ().into_any(),
        }}
        <When when=lost>
            <div class="notice notice--warn" role="alert" data-testid="key-lost">
                <p class="notice__text">{t("The key was created, but the answer with its plain text was lost on the way. It cannot be shown again: revoke it in the list and create another.")}</p>
            </div>
        </When>
        <form class="form" novalidate on:submit=on_submit data-testid="setup-key-form"
            hidden=move || created.with(Option::is_some) || lost.get()>
                <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
                <TextField name="name" label=t("Name") value=Signal::derive(move || draft.with(|d| d.name.clone()))
                    on_input=Callback::new(move |v: String| edit("name", Box::new(move |d| d.name = v.clone())))
                    on_blur=form.touch("name") error=form.error_of("name")/>
                <fieldset class="field segmented" name="type">
                    <legend class="field__label">{t("Type")}</legend>
                    <Choice name="type" value="reusable" label=t("Reusable") checked=Signal::derive(move || !one_off())
                        on_choose=Callback::new(move |_| edit("type", Box::new(|d| d.key_type = "reusable".into())))/>
                    <Choice name="type" value="one-off" label=t("One-off") checked=Signal::derive(one_off)
                        on_choose=Callback::new(move |_| edit("type", Box::new(|d| d.key_type = "one-off".into())))/>
                </fieldset>
                <TextField name="usage_limit" label=t("Usage limit") value=Signal::derive(move || draft.with(|d| d.usage_limit.clone()))
                    help=Signal::derive(move || if one_off() { t("A one-off key registers one peer.") } else { t("How many peers it may register; 0 = unlimited.") })
                    on_input=Callback::new(move |v: String| edit("usage_limit", Box::new(move |d| d.usage_limit = v.clone())))
                    on_blur=form.touch("usage_limit") error=form.error_of("usage_limit")/>
                <TextField name="expires_in" label=t("Expires in (days)") value=Signal::derive(move || draft.with(|d| d.expires_days.clone()))
                    help=t("1 to 365 days.") disabled=Signal::derive(move || draft.with(|d| d.never_expires))
                    on_input=Callback::new(move |v: String| edit("expires_in", Box::new(move |d| d.expires_days = v.clone())))
                    on_blur=form.touch("expires_in") error=form.error_of("expires_in")/>
                <CheckField name="never_expires" label=t("Never expires") checked=Signal::derive(move || draft.with(|d| d.never_expires))
                    on_change=Callback::new(move |on| edit("expires_in", Box::new(move |d| d.never_expires = on)))/>
                <Picker name="auto_groups" legend=t("Auto-assigned groups") options multiple=true
                    help=t("Peers registered with this key join these groups.")
                    selected=Signal::derive(move || draft.with(|d| d.auto_groups.clone()))
                    on_change=Callback::new(move |v: Vec<String>| edit("auto_groups", Box::new(move |d| d.auto_groups = v.clone())))
                    on_blur=form.touch("auto_groups") error=form.error_of("auto_groups")/>
                <CheckField name="ephemeral" label=t("Ephemeral peers") checked=Signal::derive(move || draft.with(|d| d.ephemeral))
                    help=t("Peers that stay offline for 10 minutes are removed.")
                    on_change=Callback::new(move |on| edit("ephemeral", Box::new(move |d| d.ephemeral = on)))/>
                <CheckField name="allow_extra_dns_labels" label=t("Allow extra DNS labels") checked=Signal::derive(move || draft.with(|d| d.allow_extra_dns_labels))
                    on_change=Callback::new(move |on| edit("allow_extra_dns_labels", Box::new(move |d| d.allow_extra_dns_labels = on)))/>
                <FormFooter form note=Signal::derive(|| None::<String>) saving=saving.pending()
                    can_save=Signal::derive(move || auth.permissions().module("setup_keys").create)
                    save_label=t("Create key") save_testid="save-setup-key" cancel="/setup-keys"/>
        </form>
    }
}

/// Writes `text` to the clipboard (the result is not awaited: the button says it was copied
/// only when the browser accepted the call).
fn copy(text: &str) -> bool {
    let clipboard = window().navigator().clipboard();
    let _ = clipboard.write_text(text);
    true
}

/// The plain key, once: with its install command, copy buttons, and the warning that it will
/// not be shown again. Leaving the panel drops the key from memory and from the page.
#[component]
pub fn KeyPanel(key: SetupKey, on_done: Callback<()>) -> impl IntoView {
    let navigate = use_navigate();
    let command = install_command(&key.key);
    let copied = RwSignal::new(None::<&'static str>);
    let (plain, cmd) = (key.key.clone(), command.clone());
    view! {
        <section class="notice notice--good key-panel" role="status" data-testid="key-panel">
            <strong class="notice__title">{tf("Setup key {name} created", &[("name", &key.name)])}</strong>
            <p class="notice__text">{t("Copy it now: you will not see this key again.")}</p>
            <div class="key-panel__row">
                <code class="key-panel__key" data-testid="plain-key">{key.key.clone()}</code>
                <button type="button" class="btn btn--small" data-testid="copy-key"
                    on:click=move |_| if copy(&plain) { copied.set(Some("key")) }>{t("Copy key")}</button>
            </div>
            <div class="key-panel__row">
                <code class="key-panel__key" data-testid="install-command">{command}</code>
                <button type="button" class="btn btn--small" data-testid="copy-command"
                    on:click=move |_| if copy(&cmd) { copied.set(Some("command")) }>{t("Copy command")}</button>
            </div>
            <p class="field__hint" aria-live="polite">{move || copied.get().map(|what| if what == "key" { t("Key copied.") } else { t("Command copied.") })}</p>
            <button type="button" class="btn btn--primary" data-testid="key-done"
                on:click=move |_| { on_done.run(()); navigate("/setup-keys", NavigateOptions::default()); }>{t("Done")}</button>
        </section>
    }
}

#[component]
fn EditKey(key: SetupKey, groups: Vec<Group>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let options = group_options(&groups, assignable);
    let groups = StoredValue::new(groups);
    let path = format!("/api/setup-keys/{}", key.id);
    let path = StoredValue::new(path);
    let input = Draft::open("setup-key", update_of(&key), key.clone());
    let (draft, baseline) = (input.value, input.base);
    let errors = Memo::new(move |_| {
        draft.with(|d| {
            baseline
                .with(|b| groups.with_value(|g| validate_update(b, d, g).err().unwrap_or_default()))
        })
    });
    let form = Form::new("setup-key", errors.into());
    let stale = RwSignal::new(None::<Stale<SetupKey>>);
    let saving = Task::new();
    let name = move |id: &str| {
        groups
            .with_value(|g| g.iter().find(|x| x.id == id).map(|x| x.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let done = move || {
        input.saved();
        navigate("/setup-keys", NavigateOptions::default())
    };
    let put = move |body: serde_json::Value, done: Box<dyn Fn()>| {
        saving.run(async move {
            match api
                .write::<_, SetupKey>(Verb::Put, &path.get_value(), &body)
                .await
            {
                Ok(_) => done(),
                Err(e) => form.failed(e, server_error_field),
            }
        })
    };
    let save_done = done.clone();
    let on_submit = move |ev: SubmitEvent| {
        stale.set(None);
        if !input.submit(form, &ev) {
            return;
        }
        let mine: SetupKeyUpdate = draft.get_untracked();
        let loaded = baseline.get_untracked();
        let done = save_done.clone();
        saving.run(async move {
            match check_fresh(
                api,
                &path.get_value(),
                &loaded,
                &mine,
                update_of,
                SETUP_KEY_FIELDS,
                &name,
            )
            .await
            {
                Err(e) => form.failed_outright(e),
                Ok(Err(s)) => stale.set(Some(s)),
                Ok(Ok(_)) => match api
                    .write::<_, SetupKey>(Verb::Put, &path.get_value(), &mine)
                    .await
                {
                    Ok(_) => done(),
                    Err(e) => form.failed(e, server_error_field),
                },
            }
        })
    };
    let update = move || auth.permissions().module("setup_keys").update;
    let may_delete = move || auth.permissions().module("setup_keys").delete;
    let leave = done.clone();
    let was_revoked = key.revoked;
    let limit = if key.usage_limit == 0 {
        "∞".to_string()
    } else {
        key.usage_limit.to_string()
    };
    view! {
        <div class="form-actions">
            <DeleteOne testid="delete-setup-key" allowed=Signal::derive(may_delete)
                name=key.name.clone() path=path.get_value()
                message=t("Delete this setup key? Peers it registered stay. This cannot be undone.")
                done=Callback::new(move |_| leave())/>
        </div>
        <dl class="facts" data-testid="setup-key-facts">
            <dt>{t("Name")}</dt><dd>{key.name.clone()}</dd>
            <dt>{t("Key")}</dt><dd><code>{key.key.clone()}</code></dd>
            <dt>{t("Type")}</dt><dd>{key.key_type.clone()}</dd>
            <dt>{t("State")}</dt><dd>{key.state.clone()}</dd>
            <dt>{t("Used")}</dt><dd>{format!("{} / {limit}", key.used_times)}</dd>
            <dt>{t("Expires")}</dt><dd>{key.expires.clone()}</dd>
        </dl>
        <dl class="facts" hidden=update>
            <dt>{t("Auto-assigned groups")}</dt><dd>{key.auto_groups.iter().map(|id| name(id)).collect::<Vec<_>>().join(", ")}</dd>
        </dl>
        // Read-only roles see the facts, not a form.
        <form class="form" novalidate on:submit=on_submit data-testid="setup-key-form" hidden=move || !update()>
            <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
            <Picker name="auto_groups" legend=t("Auto-assigned groups") options multiple=true
                help=t("Peers registered with this key from now on join these groups.")
                selected=Signal::derive(move || draft.with(|d| d.auto_groups.clone()))
                on_change=Callback::new(move |v: Vec<String>| input.edit(form, "auto_groups", |d| d.auto_groups = v))
                on_blur=form.touch("auto_groups") error=form.error_of("auto_groups")/>
            <CheckField name="revoked" label=t("Revoked") checked=Signal::derive(move || draft.with(|d| d.revoked))
                disabled=Signal::derive(move || was_revoked)
                help=if was_revoked { t("A revoked key stays revoked.") } else { t("Revoking is irreversible: the key registers no more peers, and cannot be un-revoked.") }
                on_change=Callback::new(move |on| input.edit(form, "revoked", |d| d.revoked = on))/>
            {move || stale.get().map(|s| {
                let combined = serde_json::Value::Object(s.combined.clone());
                let mine = serde_json::to_value(draft.get_untracked()).unwrap_or_default();
                let fresh = s.fresh.clone();
                let (d1, d2) = (done.clone(), done.clone());
                view! {
                    <StalePanel title=t("This setup key changed on the server since you opened it")
                        message=t("Choose what to save.") differences=s.differences
                        on_combine=Callback::new(move |_| put(combined.clone(), Box::new(d1.clone())))
                        on_overwrite=Callback::new(move |_| put(mine.clone(), Box::new(d2.clone())))
                        on_discard=Callback::new(move |_| { draft.set(update_of(&fresh)); baseline.set(fresh.clone()); stale.set(None); })/>
                }
            })}
            <FormFooter form note=Signal::derive(|| None::<String>) saving=saving.pending() can_save=Signal::derive(update)
                save_label=t("Save") save_testid="save-setup-key" cancel="/setup-keys"/>
        </form>
    }
}
