//! Account settings (`/settings`), grouped: authentication and expiry, peers, groups and JWT,
//! DNS and network, clients. Saved as a read-modify-write of the complete settings object
//! (the server resets whatever a PUT omits): every member loaded is sent back, only the
//! changed ones changed, after the stale-edit check. Changing the network range or the DNS
//! domain asks first, saying what it does to every peer. Only owners and admins see write
//! controls.

use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::base::stale::{combine, differences, fields_of, Difference};
use crate::resources::account::fields::{flat, nested, SETTINGS_FIELDS};
use crate::resources::account::validation::{
    account_request, confirmations, draft_of, server_error_field, validate, DurationUnit,
    SettingsContext, SettingsDraft,
};
use crate::resources::{Group, PeerMinimum};
use crate::ui::api::{both, resource, use_api, Verb};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader, When};
use crate::ui::kit::controls::{group_options, CheckField, Choice, Picker, TextField};
use crate::ui::kit::dialog::ConfirmDialog;
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::form::{DraftRestored, Form, FormFooter, StalePanel};
use crate::ui::kit::task::Task;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use serde_json::Value;

#[derive(Clone)]
struct Loaded {
    /// The account as loaded, every member kept.
    account: Value,
    groups: Vec<Group>,
    peers: usize,
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let api = use_api();
    // Outside the view the reload rebuilds, so "Saved." stays after it.
    let saved = RwSignal::new(false);
    let data = resource(move || {
        let accounts = api.get_list::<Value>("/api/accounts");
        let rest = both(
            api.get_list::<Group>("/api/groups"),
            // Only the count matters (a network range must hold every peer): IDs and names.
            api.get_list::<PeerMinimum>("/api/peers"),
        );
        async move {
            let (accounts, (groups, peers)) = both(accounts, rest).await;
            let account = accounts?.into_iter().next().ok_or_else(|| {
                ApiError::NotFound(t("the server lists no account for this user"))
            })?;
            Ok::<_, ApiError>(Loaded {
                account,
                groups: groups.unwrap_or_default(),
                peers: peers.map(|p| p.len()).unwrap_or(0),
            })
        }
    });
    view! {
        <PageHeader title=t("Settings") subtitle=t("Account-wide settings. Saving sends back every setting, changed or not, as NetBird requires.")/>
        {data.view(loading_rows, move |result| match result {
            Ok(d) => view! { <SettingsForm data=d saved refetch=Callback::new(move |_| data.refetch())/> }.into_any(),
            Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| data.refetch())/> }.into_any(),
        })}
    }
}

fn settings_of(account: &Value) -> Value {
    account.get("settings").cloned().unwrap_or(Value::Null)
}

/// An expiration's amount or unit, whichever was edited.
fn set_duration(
    amount: &mut String,
    unit: &mut DurationUnit,
    new_amount: Option<String>,
    new_unit: Option<DurationUnit>,
) {
    if let Some(a) = new_amount {
        *amount = a;
    }
    if let Some(u) = new_unit {
        *unit = u;
    }
}

/// The server's version differs from the one the form loaded.
#[derive(Clone)]
struct StaleSettings {
    fresh: Value,
    differences: Vec<Difference>,
    /// The server's settings with the user's changes on top.
    combined: Value,
}

#[component]
fn SettingsForm(data: Loaded, refetch: Callback<()>, saved: RwSignal<bool>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let can_write = move || auth.permissions().module("settings").update;
    let id = data
        .account
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let path = StoredValue::new(format!("/api/accounts/{id}"));
    let groups = StoredValue::new(data.groups.clone());
    let peers = data.peers;
    // The settings as typed, based on the account as loaded (the stale-edit check's base).
    let input = Draft::open(
        "settings",
        draft_of(&settings_of(&data.account)),
        data.account.clone(),
    );
    let (draft, loaded) = (input.value, input.base);
    let check = move |d: &SettingsDraft| {
        loaded.with_untracked(|a| {
            groups
                .with_value(|g| validate(d, &settings_of(a), SettingsContext { peers, groups: g }))
        })
    };
    let errors = Memo::new(move |_| draft.with(|d| check(d).err().unwrap_or_default()));
    let form = Form::new("settings", errors.into());
    let confirm = RwSignal::new(None::<(Vec<String>, Value)>);
    let stale = RwSignal::new(None::<StaleSettings>);
    let saving = Task::new();
    let put = move |settings: Value| {
        saving.run(async move {
            let body = loaded.with_untracked(|a| account_request(a, settings));
            match api
                .write::<_, Value>(Verb::Put, &path.get_value(), &body)
                .await
            {
                Ok(_) => {
                    input.saved();
                    saved.set(true);
                    refetch.run(());
                }
                Err(e) => form.failed(e, server_error_field),
            }
        })
    };
    // Fresh GET first: unchanged since loaded, save; changed, show both.
    let save = move |settings: Value| {
        saving.run(async move {
            let fresh = match api.get_list::<Value>("/api/accounts").await {
                Ok(list) => list.into_iter().next().unwrap_or(Value::Null),
                Err(e) => return form.failed_outright(e),
            };
            let base = loaded.with_untracked(|a| flat(&settings_of(a)));
            let server = flat(&settings_of(&fresh));
            if base == server {
                return put(settings);
            }
            let (base, server, mine) = (
                fields_of(&base),
                fields_of(&server),
                fields_of(&flat(&settings)),
            );
            let combined = nested(
                &combine(&base, &server, &mine, SETTINGS_FIELDS),
                &settings_of(&fresh),
            );
            let name = move |id: &str| {
                groups.with_value(|g| {
                    g.iter()
                        .find(|g| g.id == id)
                        .map(|g| g.name.clone())
                        .unwrap_or_else(|| id.to_string())
                })
            };
            stale.set(Some(StaleSettings {
                differences: differences(&base, &server, &mine, SETTINGS_FIELDS, &name),
                combined,
                fresh,
            }));
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        saved.set(false);
        stale.set(None);
        if !input.submit(form, &ev) {
            return;
        }
        let Ok(settings) = draft.with_untracked(check) else {
            return;
        };
        let asks = loaded.with_untracked(|a| confirmations(&settings_of(a), &settings));
        if asks.is_empty() {
            save(settings);
        } else {
            confirm.set(Some((asks, settings)));
        }
    };
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut SettingsDraft)>| {
        input.edit(form, field, |d| f(d));
        saved.set(false);
    };
    let options = groups.with_value(|g| group_options(g, |_| true));
    let flag = move |name: &'static str,
                     label: String,
                     help: String,
                     get: fn(&SettingsDraft) -> bool,
                     set: fn(&mut SettingsDraft, bool)| {
        view! {
            <CheckField name label help checked=Signal::derive(move || draft.with(get))
                disabled=Signal::derive(move || !can_write())
                on_change=Callback::new(move |on| edit(name, Box::new(move |d| set(d, on))))/>
        }
    };
    let text = move |name: &'static str,
                     label: String,
                     help: String,
                     get: fn(&SettingsDraft) -> &String,
                     set: fn(&mut SettingsDraft, String)| {
        view! {
            <TextField name label help mono=true value=Signal::derive(move || draft.with(|d| get(d).clone()))
                disabled=Signal::derive(move || !can_write())
                on_input=Callback::new(move |v: String| edit(name, Box::new(move |d| set(d, v.clone()))))
                on_blur=form.touch(name) error=form.error_of(name)/>
        }
    };
    let groups_picker = move |name: &'static str,
                              legend: String,
                              get: fn(&SettingsDraft) -> &Vec<String>,
                              set: fn(&mut SettingsDraft, Vec<String>)| {
        view! {
            <Picker name legend options=options.clone() multiple=true
                selected=Signal::derive(move || draft.with(|d| get(d).clone()))
                on_change=Callback::new(move |v: Vec<String>| edit(name, Box::new(move |d| set(d, v.clone()))))
                on_blur=form.touch(name) error=form.error_of(name)/>
        }
    };
    // An expiration: amount and unit (minutes, hours or days).
    let duration =
        move |name: &'static str,
              label: String,
              help: String,
              get: fn(&SettingsDraft) -> (&String, DurationUnit),
              set: fn(&mut SettingsDraft, Option<String>, Option<DurationUnit>)| {
            view! {
                <div class="ns-row">
                    <TextField name label help mono=true value=Signal::derive(move || draft.with(|d| get(d).0.clone()))
                        disabled=Signal::derive(move || !can_write())
                        on_input=Callback::new(move |v: String| edit(name, Box::new(move |d| set(d, Some(v.clone()), None))))
                        on_blur=form.touch(name) error=form.error_of(name)/>
                    <fieldset class="field segmented" name=format!("{name}_unit")>
                        <legend class="field__label">{t("Unit")}</legend>
                        {[(DurationUnit::Minutes, "minutes", t("minutes")), (DurationUnit::Hours, "hours", t("hours")), (DurationUnit::Days, "days", t("days"))].into_iter().map(|(unit, value, label)| view! {
                            <Choice name=name value label
                                checked=Signal::derive(move || draft.with(|d| get(d).1 == unit))
                                on_choose=Callback::new(move |_| edit(name, Box::new(move |d| set(d, None, Some(unit)))))/>
                        }).collect_view()}
                    </fieldset>
                </div>
            }
        };
    let dismiss_saved = move || saved.set(false);
    view! {
        <form class="form settings" novalidate on:submit=on_submit data-testid="settings-form">
            <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
            <section class="panel">
                <h2 class="panel__title">{t("Authentication and expiry")}</h2>
                {flag("peer_login_expiration_enabled", t("Peer login expiration"), t("Peers added by users must log in again after this time."),
                    |d| d.peer_login_expiration_enabled, |d, v| d.peer_login_expiration_enabled = v)}
                {duration("peer_login_expiration", t("Login expires after"), t("From 1 hour to 180 days."),
                    |d| (&d.peer_login_expiration, d.peer_login_expiration_unit),
                    |d, v, u| set_duration(&mut d.peer_login_expiration, &mut d.peer_login_expiration_unit, v, u))}
                {flag("peer_inactivity_expiration_enabled", t("Peer inactivity expiration"), t("Peers added by users must log in again after being disconnected this long."),
                    |d| d.peer_inactivity_expiration_enabled, |d, v| d.peer_inactivity_expiration_enabled = v)}
                {duration("peer_inactivity_expiration", t("Inactivity expires after"), String::new(),
                    |d| (&d.peer_inactivity_expiration, d.peer_inactivity_expiration_unit),
                    |d, v, u| set_duration(&mut d.peer_inactivity_expiration, &mut d.peer_inactivity_expiration_unit, v, u))}
                {flag("local_mfa_enabled", t("Multi-factor authentication for local users"), String::new(),
                    |d| d.local_mfa_enabled, |d, v| d.local_mfa_enabled = v)}
                {flag("user_approval_required", t("New users need approval"), t("Users joining through the identity provider wait for an admin."),
                    |d| d.user_approval_required, |d, v| d.user_approval_required = v)}
                {flag("peer_approval_enabled", t("New peers need approval"), t("Peers wait for an admin before they connect."),
                    |d| d.peer_approval_enabled, |d, v| d.peer_approval_enabled = v)}
            </section>
            <section class="panel">
                <h2 class="panel__title">{t("Peers")}</h2>
                {flag("regular_users_view_blocked", t("Regular users see no peers"), t("Users with the user role see neither peers nor groups."),
                    |d| d.regular_users_view_blocked, |d, v| d.regular_users_view_blocked = v)}
                {flag("lazy_connection_enabled", t("Lazy connections"), t("Peers connect to each other only when traffic needs it."),
                    |d| d.lazy_connection_enabled, |d, v| d.lazy_connection_enabled = v)}
                {flag("peer_expose_enabled", t("Peers may expose services"), t("Peers in the groups below may publish local services."),
                    |d| d.peer_expose_enabled, |d, v| d.peer_expose_enabled = v)}
                {groups_picker("peer_expose_groups", t("Groups that may expose services"), |d| &d.peer_expose_groups, |d, v| d.peer_expose_groups = v)}
                {flag("network_traffic_logs_enabled", t("Traffic logs"), String::new(),
                    |d| d.network_traffic_logs_enabled, |d, v| d.network_traffic_logs_enabled = v)}
                {groups_picker("network_traffic_logs_groups", t("Traffic logged for (none: every peer)"), |d| &d.network_traffic_logs_groups, |d, v| d.network_traffic_logs_groups = v)}
                {flag("network_traffic_packet_counter_enabled", t("Packet counters"), String::new(),
                    |d| d.network_traffic_packet_counter_enabled, |d, v| d.network_traffic_packet_counter_enabled = v)}
            </section>
            <section class="panel">
                <h2 class="panel__title">{t("Groups and JWT")}</h2>
                {flag("groups_propagation_enabled", t("Propagate user groups to peers"), t("A user's auto-assigned groups also apply to peers they already have."),
                    |d| d.groups_propagation_enabled, |d, v| d.groups_propagation_enabled = v)}
                {flag("jwt_groups_enabled", t("Groups from the JWT"), t("Sync users' groups from a claim of their token."),
                    |d| d.jwt_groups_enabled, |d, v| d.jwt_groups_enabled = v)}
                {text("jwt_groups_claim_name", t("JWT groups claim"), t("Like groups or roles."), |d| &d.jwt_groups_claim_name, |d, v| d.jwt_groups_claim_name = v)}
                {text("jwt_allow_groups", t("JWT groups allowed to sign in"), t("Comma separated; empty: everyone."), |d| &d.jwt_allow_groups, |d, v| d.jwt_allow_groups = v)}
            </section>
            <section class="panel">
                <h2 class="panel__title">{t("DNS and network")}</h2>
                {text("dns_domain", t("DNS domain"), t("Peers get names like laptop.<domain>; empty: NetBird's default."), |d| &d.dns_domain, |d, v| d.dns_domain = v)}
                {flag("routing_peer_dns_resolution_enabled", t("DNS resolution on routing peers"), String::new(),
                    |d| d.routing_peer_dns_resolution_enabled, |d, v| d.routing_peer_dns_resolution_enabled = v)}
                {text("network_range", t("Network range"), t("IPv4, at most /28, with room for every peer; every peer gets a new address when it changes."), |d| &d.network_range, |d, v| d.network_range = v)}
                {text("network_range_v6", t("IPv6 network range"), t("From /48 to /120."), |d| &d.network_range_v6, |d, v| d.network_range_v6 = v)}
                {groups_picker("ipv6_enabled_groups", t("Groups with IPv6"), |d| &d.ipv6_enabled_groups, |d, v| d.ipv6_enabled_groups = v)}
            </section>
            <section class="panel">
                <h2 class="panel__title">{t("Clients")}</h2>
                {text("auto_update_version", t("Client auto-update"), t("latest, disabled, or a version like 0.59.0."), |d| &d.auto_update_version, |d, v| d.auto_update_version = v)}
                {flag("auto_update_always", t("Update clients also when idle"), String::new(),
                    |d| d.auto_update_always, |d, v| d.auto_update_always = v)}
                {flag("metrics_push_enabled", t("Client metrics"), String::new(),
                    |d| d.metrics_push_enabled, |d, v| d.metrics_push_enabled = v)}
            </section>
            {move || stale.get().map(|s| {
                let (fresh, combined) = (s.fresh.clone(), s.combined.clone());
                let again = settings_of(&s.fresh);
                let theirs = s.fresh.clone();
                view! {
                    <StalePanel title=t("The settings changed on the server since you opened them")
                        message=t("Choose what to save.") differences=s.differences
                        on_combine=Callback::new(move |_| { stale.set(None); loaded.set(fresh.clone()); put(combined.clone()) })
                        on_overwrite=Callback::new(move |_| {
                            stale.set(None);
                            if let Ok(mine) = draft.with_untracked(check) { put(mine) }
                        })
                        on_discard=Callback::new(move |_| { stale.set(None); loaded.set(theirs.clone()); draft.set(draft_of(&again)); })/>
                }
            })}
            {move || confirm.get().map(|(asks, settings)| view! {
                <ConfirmDialog title=t("Change settings for every peer?") message=t("Saving does this:") items=asks
                    confirm_label=t("Save anyway")
                    on_confirm=Callback::new(move |_| { confirm.set(None); save(settings.clone()); })
                    on_cancel=Callback::new(move |_| confirm.set(None))/>
            })}
            <When when=saved>
                <p class="notice notice--good" role="status" data-testid="settings-saved" on:click=move |_| dismiss_saved()>{t("Saved.")}</p>
            </When>
            <When when=Signal::derive(can_write)>
                <FormFooter form note=Signal::derive(|| None::<String>) saving=saving.pending()
                    can_save=Signal::derive(can_write)
                    save_label=t("Save settings") save_testid="save-settings" cancel="/"/>
            </When>
        </form>
    }
}
