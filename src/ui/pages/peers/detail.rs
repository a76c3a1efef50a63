//! One peer at `/peers/<id>`: every field the API gives, readable; its settings form (name,
//! SSH, login and inactivity expiration, overlay IP) with the stale-edit check; approval; its
//! groups; the peers it can reach, the routes it serves and the policies that apply to it; and
//! delete, naming what it leaves behind.

use crate::base::error::ApiError;
use crate::base::format::{peer_count, relative_time};
use crate::base::i18n::{t, tf};
use crate::resources::group::validation::with_members;
use crate::resources::peer::relations::{policies_applying, routes_served, Side};
use crate::resources::peer::validation::{
    dns_label_of, request_of, server_error_field, validate, PeerContext, PeerDraft, PeerRequest,
    PEER_FIELDS,
};
use crate::resources::{Account, Group, Peer, PeerAddress, Policy, Route};
use crate::ui::api::{both, read_if, resource, use_api, Verb};
use crate::ui::auth::use_auth;
use crate::ui::kit::bulk::{Bulk, BulkItem, BulkReport};
use crate::ui::kit::components::{
    loading_rows, page_failure, ErrorNotice, PageHeader, ShortList, When,
};
use crate::ui::kit::controls::{group_options, CheckField, Picker, TextField};
use crate::ui::kit::delete::DeleteOne;
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::edit::{check_fresh, Stale};
use crate::ui::kit::form::{DraftRestored, Form, FormFooter, StalePanel};
use crate::ui::kit::list::now_secs;
use crate::ui::kit::task::Task;
use crate::ui::router::{href, use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Everything the page shows besides the reachable peers (read on their own).
#[derive(Clone)]
struct Loaded {
    peer: Peer,
    /// Every peer, for checking an edit (whether its address or DNS label is taken).
    peers: Vec<PeerAddress>,
    groups: Vec<Group>,
    routes: Vec<Route>,
    policies: Vec<Policy>,
    account: Option<Account>,
}

#[component]
pub fn PeerPage(id: String) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let path = StoredValue::new(format!("/api/peers/{id}"));
    // Lists this role may not read are shown as unknown, not as an error; which those are is
    // known once who is signed in is (they are sent only then, and only those it may read).
    let data = resource(move || {
        let known = auth.known_permissions();
        let peer = api.get::<Peer>(&path.get_value());
        let peers = api.get_list::<PeerAddress>("/api/peers");
        let groups = api.get_list::<Group>("/api/groups");
        let routes = api.get_list::<Route>("/api/routes");
        let policies = api.get_list::<Policy>("/api/policies");
        let accounts = api.get_list::<Account>("/api/accounts");
        let optional = async move {
            let may = known.await;
            both(
                read_if(may.can_read("routes"), routes),
                both(
                    read_if(may.can_read("policies"), policies),
                    read_if(may.can_read("settings"), accounts),
                ),
            )
            .await
        };
        async move {
            let ((peer, (peers, groups)), (routes, (policies, accounts))) =
                both(both(peer, both(peers, groups)), optional).await;
            Ok::<_, ApiError>(Loaded {
                peer: peer?,
                peers: peers?,
                groups: groups?,
                routes: routes?,
                policies: policies?,
                account: accounts?.into_iter().next(),
            })
        }
    });
    view! {
        {data.view(loading_rows, move |result| match result {
            Ok(d) => view! { <PeerView data=d refetch=Callback::new(move |_| data.refetch())/> }.into_any(),
            Err(error) => page_failure(t("Peer"), error, Some(Callback::new(move |_| data.refetch()))),
        })}
    }
}

fn yes(b: bool) -> String {
    if b {
        t("yes")
    } else {
        t("no")
    }
}

#[component]
fn PeerView(data: Loaded, refetch: Callback<()>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let now = now_secs();
    let peer = data.peer.clone();
    let access = move || auth.permissions().module("peers");
    let may_groups = move || auth.permissions().module("groups").update;
    let subtitle = if peer.connected {
        t("Online")
    } else {
        tf(
            "Offline, seen {when}",
            &[("when", &relative_time(&peer.last_seen, now))],
        )
    };
    let flags = &peer.local_flags;
    let flag_names: Vec<String> = [
        (flags.rosenpass_enabled, t("Rosenpass")),
        (flags.rosenpass_permissive, t("Rosenpass permissive")),
        (flags.server_ssh_allowed, t("SSH server allowed")),
        (flags.disable_client_routes, t("Client routes off")),
        (flags.disable_server_routes, t("Server routes off")),
        (flags.disable_dns, t("DNS off")),
        (flags.disable_firewall, t("Firewall off")),
        (flags.block_lan_access, t("LAN access blocked")),
        (flags.block_inbound, t("Inbound blocked")),
        (flags.lazy_connection_enabled, t("Lazy connections")),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    let location = [peer.city_name.as_str(), peer.country_code.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let facts: Vec<(String, String)> = vec![
        (t("DNS name"), peer.dns_label.clone()),
        (t("Extra DNS names"), peer.extra_dns_labels.join(", ")),
        (t("NetBird IP"), peer.ip.clone()),
        (t("IPv6"), peer.ipv6.clone()),
        (t("Public IP"), peer.connection_ip.clone()),
        (t("Hostname"), peer.hostname.clone()),
        (t("OS"), peer.os.clone()),
        (t("Kernel"), peer.kernel_version.clone()),
        (t("Client version"), peer.version.clone()),
        (t("UI version"), peer.ui_version.clone()),
        (t("Serial number"), peer.serial_number.clone()),
        (t("Location"), location),
        (t("Created"), relative_time(&peer.created_at, now)),
        (t("Last login"), relative_time(&peer.last_login, now)),
        (
            t("Last seen"),
            if peer.connected {
                t("now")
            } else {
                relative_time(&peer.last_seen, now)
            },
        ),
        (t("SSH server"), yes(peer.ssh_enabled)),
        (t("Login expiration"), yes(peer.login_expiration_enabled)),
        (
            t("Inactivity expiration"),
            yes(peer.inactivity_expiration_enabled),
        ),
        (t("Ephemeral"), yes(peer.ephemeral)),
        (t("Login expired"), yes(peer.login_expired)),
        (t("Needs approval"), yes(peer.approval_required)),
        (t("Client settings"), flag_names.join(", ")),
    ];
    let serving = routes_served(&peer, &data.routes);
    let describe = |r: &Route| format!("{} ({})", r.network_id, r.destination());
    // Routes with no other routing peer: what a delete would leave unrouted.
    let alone: Vec<String> = serving
        .iter()
        .filter(|s| s.alone)
        .map(|s| describe(s.route))
        .collect();
    let served: Vec<(String, String, String)> = serving
        .iter()
        .map(|s| {
            let how = match (s.via_group, s.alone) {
                (true, _) => t("through a peer group"),
                (false, true) => t("the only routing peer"),
                (false, false) => t("one of several routing peers"),
            };
            (s.route.id.clone(), describe(s.route), how)
        })
        .collect();
    let policies: Vec<(String, String)> = policies_applying(&peer, &data.policies)
        .into_iter()
        .map(|(p, side)| {
            let side = match side {
                Side::Source => t("as a source"),
                Side::Destination => t("as a destination"),
                Side::Both => t("as source and destination"),
            };
            (p.name.clone(), side)
        })
        .collect();
    let name = peer.name.clone();
    let navigate = use_navigate();
    let delete_path = format!("/api/peers/{}", peer.id);
    let delete_message = if alone.is_empty() {
        tf("Delete the peer {name}? It leaves the network and must be registered again to come back.", &[("name", &name)])
    } else {
        tf(
            "Delete the peer {name}? These routes have no other routing peer and stop working:",
            &[("name", &name)],
        )
    };
    let approve_task = Task::new();
    let approve_failed = RwSignal::new(None::<ApiError>);
    let approve_path = format!("/api/peers/{}", peer.id);
    let approve = Callback::new(move |_: ()| {
        let path = approve_path.clone();
        approve_task.run(async move {
            let result = crate::ui::kit::row_actions::write_fresh(api, &path, |fresh: &Peer| {
                Ok(PeerRequest {
                    approval_required: Some(false),
                    ..request_of(fresh)
                })
            })
            .await;
            match result {
                Ok(_) => refetch.run(()),
                Err(e) => approve_failed.set(Some(e)),
            }
        })
    });
    let reachable_id = peer.id.clone();
    let reachable = resource(move || {
        api.get_list::<Peer>(&format!("/api/peers/{reachable_id}/accessible-peers"))
    });
    view! {
        <PageHeader title=peer.name.clone() subtitle=subtitle>
            <DeleteOne testid="delete-peer" allowed=Signal::derive(move || access().delete)
                name=name.clone() path=delete_path message=delete_message items=alone
                done=Callback::new(move |_| navigate("/peers", NavigateOptions::default()))/>
        </PageHeader>
        {peer.approval_required.then(|| view! {
            <div class="notice notice--warn" role="status" data-testid="approval-needed">
                <p class="notice__text">{t("This peer waits for approval before it can connect.")}</p>
                <When when=Signal::derive(move || access().update)>
                    <button type="button" class="btn btn--small" data-testid="approve-peer" disabled=approve_task.pending()
                        on:click=move |_| approve.run(())>{t("Approve")}</button>
                </When>
                {move || approve_failed.get().map(|e| view! { <ErrorNotice error=e/> })}
            </div>
        })}
        <div class="detail-grid">
            <section class="panel">
                <h2 class="panel__title">{t("Details")}</h2>
                <dl class="facts" data-testid="peer-facts">
                    {facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            </section>
            // Read-only roles see the settings among the facts, not a form.
            {access().update.then(|| view! {
                <section class="panel">
                    <h2 class="panel__title">{t("Settings")}</h2>
                    <PeerSettings data=data.clone() refetch/>
                </section>
            })}
            <section class="panel">
                <h2 class="panel__title">{t("Groups")}</h2>
                <PeerGroups peer=peer.clone() groups=data.groups.clone() editable=Signal::derive(may_groups) refetch/>
            </section>
            <section class="panel" data-testid="peer-routes">
                <h2 class="panel__title">{t("Routes it serves")}</h2>
                {if served.is_empty() { view! { <p class="field__hint">{t("None.")}</p> }.into_any() } else {
                    let lines = served.into_iter().map(|(id, what, how)| view! {
                        <li><a href=href(&format!("/routes/{id}"))>{what}</a>" · "<span class="cell__sub">{how}</span></li>
                    }.into_any()).collect();
                    view! { <ShortList lines/> }.into_any()
                }}
            </section>
            <section class="panel" data-testid="peer-policies">
                <h2 class="panel__title">{t("Policies that apply")}</h2>
                {if policies.is_empty() { view! { <p class="field__hint">{t("None.")}</p> }.into_any() } else {
                    let lines = policies.into_iter().map(|(name, side)| view! {
                        <li>{name}" · "<span class="cell__sub">{side}</span></li>
                    }.into_any()).collect();
                    view! { <ShortList lines/> }.into_any()
                }}
            </section>
            <section class="panel" data-testid="peer-reachable">
                <h2 class="panel__title">{t("Peers it can reach")}</h2>
                <p><a href=href(&format!("/network?peer={}", crate::base::listing::encode_query_value(&peer.id))) data-testid="peer-access-link">{t("Who can reach it, and through which policy")}</a></p>
                {reachable.view(loading_rows, |r| match r {
                    Ok(peers) if peers.is_empty() => view! { <p class="field__hint">{t("None.")}</p> }.into_any(),
                    Ok(peers) => {
                        let count = peer_count(peers.len() as u64);
                        let lines = peers.into_iter().map(|p| view! {
                            <li><a href=href(&format!("/peers/{}", p.id))>{p.name}</a>" "<span class="cell__sub">{p.ip}</span></li>
                        }.into_any()).collect();
                        view! {
                            <p class="field__hint">{count}</p>
                            <ShortList lines/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                })}
            </section>
        </div>
    }
}

/// The settings form: name (with the DNS label it will get), SSH, login and inactivity
/// expiration, the overlay IP. Saved with the stale-edit check.
#[component]
fn PeerSettings(data: Loaded, refetch: Callback<()>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let input = Draft::open("peer", PeerDraft::from_peer(&data.peer), data.peer.clone());
    let (draft, baseline) = (input.value, input.base);
    let path = StoredValue::new(format!("/api/peers/{}", data.peer.id));
    let network_range = data
        .account
        .as_ref()
        .map(|a| a.settings.network_range.clone())
        .unwrap_or_default();
    let dns_domain = data
        .account
        .as_ref()
        .map(|a| a.settings.dns_domain.clone())
        .unwrap_or_default();
    let others = StoredValue::new(data.peers);
    let network_range = StoredValue::new(network_range);
    let errors = Memo::new(move |_| {
        draft.with(|d| {
            baseline.with(|b| {
                others.with_value(|peers| {
                    network_range.with_value(|range| {
                        let ctx = PeerContext {
                            network_range: range,
                            peers,
                            editing: b,
                        };
                        validate(d, &ctx).err().unwrap_or_default()
                    })
                })
            })
        })
    });
    let form = Form::new("peer", errors.into());
    let stale = RwSignal::new(None::<Stale<Peer>>);
    let saved = RwSignal::new(false);
    let saving = Task::new();
    let put = move |body: serde_json::Value| {
        saving.run(async move {
            match api
                .write::<_, Peer>(Verb::Put, &path.get_value(), &body)
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
    let on_submit = move |ev: SubmitEvent| {
        stale.set(None);
        saved.set(false);
        if !input.submit(form, &ev) {
            return;
        }
        let loaded = baseline.get_untracked();
        let result = draft.with_untracked(|d| {
            others.with_value(|peers| {
                network_range.with_value(|range| {
                    validate(
                        d,
                        &PeerContext {
                            network_range: range,
                            peers,
                            editing: &loaded,
                        },
                    )
                })
            })
        });
        let Ok(mine) = result else { return };
        saving.run(async move {
            match check_fresh(
                api,
                &path.get_value(),
                &loaded,
                &mine,
                request_of,
                PEER_FIELDS,
                &|s: &str| s.to_string(),
            )
            .await
            {
                Err(e) => form.failed_outright(e),
                Ok(Err(s)) => stale.set(Some(s)),
                Ok(Ok(_)) => match api
                    .write::<_, Peer>(Verb::Put, &path.get_value(), &mine)
                    .await
                {
                    Ok(_) => {
                        input.saved();
                        saved.set(true);
                        refetch.run(());
                    }
                    Err(e) => form.failed(e, server_error_field),
                },
            }
        })
    };
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut PeerDraft)>| {
        input.edit(form, field, |d| f(d));
        saved.set(false);
    };
    let label_hint = move || {
        let label = draft.with(|d| dns_label_of(&d.name));
        if label.is_empty() {
            String::new()
        } else if dns_domain.is_empty() {
            tf("DNS label: {label}", &[("label", &label)])
        } else {
            tf(
                "DNS name: {label}.{domain}",
                &[("label", &label), ("domain", &dns_domain)],
            )
        }
    };
    let by_user = !baseline.get_untracked().user_id.is_empty();
    let ip_help = network_range.with_value(|r| {
        if r.is_empty() {
            t("An IPv4 address inside the account's network.")
        } else {
            tf("An IPv4 address inside {range}.", &[("range", r)])
        }
    });
    let update = move || auth.permissions().module("peers").update;
    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="peer-form">
            <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
            <TextField name="name" label=t("Name") value=Signal::derive(move || draft.with(|d| d.name.clone()))
                help=Signal::derive(label_hint)
                on_input=Callback::new(move |v: String| edit("name", Box::new(move |d| d.name = v.clone())))
                on_blur=form.touch("name") error=form.error_of("name")/>
            <CheckField name="ssh_enabled" label=t("SSH server enabled") checked=Signal::derive(move || draft.with(|d| d.ssh_enabled))
                on_change=Callback::new(move |on| edit("ssh_enabled", Box::new(move |d| d.ssh_enabled = on)))/>
            <CheckField name="login_expiration_enabled" label=t("Login expiration") checked=Signal::derive(move || draft.with(|d| d.login_expiration_enabled))
                disabled=Signal::derive(move || !by_user)
                help=if by_user { t("The peer's user must log in again when the session expires.") } else { t("Only peers added by a user's login can expire.") }
                on_change=Callback::new(move |on| edit("login_expiration_enabled", Box::new(move |d| d.login_expiration_enabled = on)))/>
            <CheckField name="inactivity_expiration_enabled" label=t("Inactivity expiration") checked=Signal::derive(move || draft.with(|d| d.inactivity_expiration_enabled))
                disabled=Signal::derive(move || !by_user)
                on_change=Callback::new(move |on| edit("inactivity_expiration_enabled", Box::new(move |d| d.inactivity_expiration_enabled = on)))/>
            <TextField name="ip" label=t("NetBird IP") mono=true value=Signal::derive(move || draft.with(|d| d.ip.clone()))
                help=ip_help
                on_input=Callback::new(move |v: String| edit("ip", Box::new(move |d| d.ip = v.clone())))
                on_blur=form.touch("ip") error=form.error_of("ip")/>
            <When when=saved>
                <p class="notice notice--good" role="status" data-testid="peer-saved">{t("Saved.")}</p>
            </When>
            {move || stale.get().map(|s| {
                let combined = serde_json::Value::Object(s.combined.clone());
                let mine = draft.with_untracked(|d| {
                    others.with_value(|peers| network_range.with_value(|range| {
                        validate(d, &PeerContext { network_range: range, peers, editing: &baseline.get_untracked() }).ok()
                    }))
                });
                let mine = serde_json::to_value(mine).unwrap_or_default();
                let fresh = s.fresh.clone();
                view! {
                    <StalePanel title=t("This peer changed on the server since you opened it")
                        message=t("Choose what to save.") differences=s.differences
                        on_combine=Callback::new(move |_| { stale.set(None); put(combined.clone()) })
                        on_overwrite=Callback::new(move |_| { stale.set(None); put(mine.clone()) })
                        on_discard=Callback::new(move |_| { draft.set(PeerDraft::from_peer(&fresh)); baseline.set(fresh.clone()); stale.set(None); })/>
                }
            })}
            <FormFooter form note=Signal::derive(|| None::<String>) saving=saving.pending() can_save=Signal::derive(update)
                save_label=t("Save") save_testid="save-peer" cancel="/peers"/>
        </form>
    }
}

/// The peer's groups, changed with a picker. Each group added or removed is one
/// read-modify-write of that group (fresh GET, this peer added or removed, PUT), so members
/// added elsewhere meanwhile stay.
#[component]
fn PeerGroups(
    peer: Peer,
    groups: Vec<Group>,
    editable: Signal<bool>,
    refetch: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let bulk = Bulk::new();
    let current: Vec<String> = peer
        .groups
        .iter()
        .filter(|g| g.name != "All")
        .map(|g| g.id.clone())
        .collect();
    let input = Draft::open("peer-groups", current.clone(), ());
    let chosen = input.value;
    let current = StoredValue::new(current);
    let names = StoredValue::new(
        groups
            .iter()
            .map(|g| (g.id.clone(), g.name.clone()))
            .collect::<Vec<_>>(),
    );
    // Not `All` (automatic), nor groups the server manages (JWT, integration).
    let options = group_options(&groups, |g| {
        !g.is_all() && matches!(g.issued.as_str(), "" | "api")
    });
    let peer_id = StoredValue::new(peer.id.clone());
    let changed = move || {
        chosen.with(|c| {
            current.with_value(|k| {
                let mut a = c.clone();
                a.sort();
                let mut b = k.clone();
                b.sort();
                a != b
            })
        })
    };
    let save = move |_| {
        input.restored.set(false);
        let chosen_now = chosen.get_untracked();
        let before = current.get_value();
        let name_of = |id: &str| {
            names
                .with_value(|n| n.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone()))
                .unwrap_or_else(|| id.to_string())
        };
        let me = vec![peer_id.get_value()];
        let mut items = Vec::new();
        for (id, add) in chosen_now
            .iter()
            .filter(|id| !before.contains(id))
            .map(|id| (id, true))
            .chain(
                before
                    .iter()
                    .filter(|id| !chosen_now.contains(id))
                    .map(|id| (id, false)),
            )
        {
            let path = format!("/api/groups/{id}");
            let me = me.clone();
            let work = async move {
                let fresh = api.get::<Group>(&path).await?;
                let request = if add {
                    with_members(&fresh, &me, &[])
                } else {
                    with_members(&fresh, &[], &me)
                };
                api.write::<_, Group>(Verb::Put, &path, &request)
                    .await
                    .map(|_| ())
            };
            items.push(BulkItem::new(name_of(id), work));
        }
        bulk.run(t("Changing groups"), items, move || {
            // Kept while any write failed (a 401 among them: sign-in brings the choice back).
            if bulk
                .progress()
                .with_untracked(|p| p.as_ref().is_some_and(|p| p.failed.is_empty()))
            {
                input.saved();
            }
            refetch.run(())
        });
    };
    if !editable.get_untracked() {
        let names: Vec<String> = peer.groups.iter().map(|g| g.name.clone()).collect();
        return view! { <p data-testid="peer-groups">{names.join(", ")}</p> }.into_any();
    }
    view! {
        <BulkReport bulk/>
        <div data-testid="peer-groups-form">
            <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
            <Picker name="groups" legend=t("Member of") options multiple=true selected=chosen.into()
                help=t("All is automatic and not listed.")
                on_change=Callback::new(move |v| chosen.set(v)) on_blur=Callback::new(|_| ()) error=Signal::derive(|| None)/>
            <button type="button" class="btn btn--primary" data-testid="save-peer-groups"
                disabled=Signal::derive(move || !changed() || bulk.running().get()) on:click=save>{t("Save groups")}</button>
        </div>
    }
    .into_any()
}
