//! Create and edit a route: one form for the four shapes (subnet, domains, exit node; routed by
//! a peer or by peer groups), validated with the server's rules before anything is sent.

use crate::base::error::ApiError;
use crate::base::format::peer_count;
use crate::base::i18n::{t, tf};
use crate::base::stale::Difference;
use crate::base::url::query_value;
use crate::resources::route::domain;
use crate::resources::route::metric_band;
use crate::resources::route::overlap::warnings;
use crate::resources::route::validation::{
    normalized_network, server_error_field, validate, RouteContext, RouteDraft, RouteRequest,
    RouteShape, Routing,
};
use crate::resources::route::write::request_of;
use crate::resources::route::write::{changed_on_server, combine, differences};
use crate::resources::{Group, Peer, Route};
use crate::ui::api::{both, resource, use_api, Verb};
use crate::ui::auth::{use_auth, Auth};
use crate::ui::kit::components::{loading_rows, page_failure, PageHeader, When};
use crate::ui::kit::controls::{
    group_options, sort_by_label, CheckField, Choice, PickOption, Picker, TextField,
};
use crate::ui::kit::delete::DeleteOne;
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::form::{post_once, DraftRestored, Form, FormFooter, StalePanel};
use crate::ui::kit::task::Task;
use crate::ui::router::{href, use_location, use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Everything the form validates against.
#[derive(Clone)]
struct FormData {
    routes: Vec<Route>,
    peers: Vec<Peer>,
    groups: Vec<Group>,
}

impl FormData {
    /// What the admin calls a peer or group ID.
    fn name_of(&self, id: &str) -> String {
        self.peers
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .or_else(|| {
                self.groups
                    .iter()
                    .find(|g| g.id == id)
                    .map(|g| g.name.clone())
            })
            .unwrap_or_else(|| id.to_string())
    }

    fn context<'a>(&'a self, editing: Option<&'a str>) -> RouteContext<'a> {
        RouteContext {
            peers: &self.peers,
            groups: &self.groups,
            routes: &self.routes,
            editing,
        }
    }
}

/// `/routes/new` (`id` None; `?ha=<id>` adds a routing peer to that route's network) or
/// `/routes/<id>`.
#[component]
pub fn RouteFormPage(id: Option<String>) -> impl IntoView {
    let api = use_api();
    let ha_from = use_location()
        .query
        .with_untracked(|q| query_value(q, "ha").map(String::from));
    let data = resource(move || {
        let routes = api.get_list::<Route>("/api/routes");
        let peers_groups = both(
            api.get_list::<Peer>("/api/peers"),
            api.get_list::<Group>("/api/groups"),
        );
        async move {
            let (routes, (peers, groups)) = both(routes, peers_groups).await;
            Ok::<_, ApiError>(FormData {
                routes: routes?,
                peers: peers?,
                groups: groups?,
            })
        }
    });
    let title = if id.is_some() {
        t("Edit route")
    } else {
        t("Add route")
    };
    let subtitle = t("Every field is checked with NetBird's own rules before saving.");
    view! {
        {data.view(loading_rows, move |result| {
            match result {
                Ok(d) => {
                    let editing = id.as_ref().and_then(|id| d.routes.iter().find(|r| &r.id == id).cloned());
                    if id.is_some() && editing.is_none() {
                        return page_failure(title.clone(), ApiError::NotFound(t("this route no longer exists")), None);
                    }
                    let template = ha_from.as_ref().and_then(|h| d.routes.iter().find(|r| &r.id == h).cloned());
                    let actions = editing.clone().map(|route| view! { <RouteActions route/> });
                    view! {
                        <PageHeader title=title.clone() subtitle=subtitle.clone()>{actions}</PageHeader>
                        <RouteForm data=d editing template/>
                    }.into_any()
                }
                Err(error) => page_failure(title.clone(), error, Some(Callback::new(move |_| data.refetch()))),
            }
        })}
    }
}

/// A route's own page: another routing peer for its network (high availability), and its
/// delete.
#[component]
fn RouteActions(route: Route) -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let access = move || auth.permissions().module("routes");
    let message = tf(
        "Delete the route {route}?",
        &[("route", &super::describe(&route))],
    );
    let ha = href(&format!("/routes/new?ha={}", route.id));
    view! {
        <When when=Signal::derive(move || access().create)>
            <a class="btn" href=ha.clone() data-testid="add-routing-peer"
                title=t("Add another routing peer to this network (high availability)")>{t("Add peer")}</a>
        </When>
        <DeleteOne testid="delete-route" allowed=Signal::derive(move || access().delete)
            name=route.network_id.clone() path=format!("/api/routes/{}", route.id) message
            done=Callback::new(move |_| navigate("/routes", NavigateOptions::default()))/>
    }
}

/// Whether the role may save: update for an existing route, create for a new one.
fn can_save_now(auth: Auth, is_edit: bool) -> bool {
    let access = auth.permissions().module("routes");
    if is_edit {
        access.update
    } else {
        access.create
    }
}

/// The start state: the route being edited, or a copy of an HA sibling without its peer, or defaults.
fn initial_draft(editing: Option<&Route>, template: Option<&Route>) -> RouteDraft {
    match (editing, template) {
        (Some(r), _) => RouteDraft::from_route(r),
        (None, Some(t)) => RouteDraft {
            peer: String::new(),
            peer_groups: Vec::new(),
            routing: Routing::Peer,
            ..RouteDraft::from_route(t)
        },
        (None, None) => RouteDraft::default(),
    }
}

/// The server's version differs from the one the form loaded: both are shown, the user chooses.
#[derive(Clone)]
struct StaleEdit {
    fresh: Route,
    mine: Vec<RouteRequest>,
    differences: Vec<Difference>,
}

#[component]
fn RouteForm(data: FormData, editing: Option<Route>, template: Option<Route>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let editing_id: Option<String> = editing.as_ref().map(|r| r.id.clone());
    let is_edit = editing_id.is_some();
    let data = StoredValue::new(data);
    let editing_id = StoredValue::new(editing_id);
    let initial = initial_draft(editing.as_ref(), template.as_ref());

    // Input kept when the session ended under the form (or the tab reloaded) comes back, with
    // the version it was based on, so the stale-edit check still compares with that.
    let input = Draft::open("route", initial, editing);
    let draft = input.value;
    // The server's version this edit is based on.
    let baseline = input.base;
    let stale = RwSignal::new(None::<StaleEdit>);
    let combined = RwSignal::new(false);
    let partial = RwSignal::new(0usize);

    let errors = Memo::new(move |_| {
        draft.with(|d| {
            editing_id.with_value(|e| {
                data.with_value(|dt| {
                    validate(d, &dt.context(e.as_deref()))
                        .err()
                        .unwrap_or_default()
                })
            })
        })
    });
    let form = Form::new("route", errors.into());
    let warn = Memo::new(move |_| {
        draft.with(|d| {
            editing_id.with_value(|e| {
                data.with_value(|dt| {
                    warnings(d, &dt.context(e.as_deref()))
                        .into_iter()
                        .map(|w| w.message)
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let error_of = move |field: &'static str| form.error_of(field);
    let touch = move |field: &'static str| form.touch(field);
    // Editing a field clears the server's complaint about it.
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut RouteDraft) + Send + Sync>| {
        input.edit(form, field, |d| f(d))
    };

    let saving = Task::new();
    let save = move |requests: Vec<RouteRequest>, overwrite: bool| {
        let editing = editing_id.get_value();
        let navigate = navigate.clone();
        saving.run(async move {
            // PUT replaces the whole object and the API has no ETags: look first.
            if let (Some(id), false) = (&editing, overwrite) {
                let fresh = match api.get::<Route>(&format!("/api/routes/{id}")).await {
                    Ok(fresh) => fresh,
                    Err(e) => return form.failed_outright(e),
                };
                let loaded = baseline.get_untracked();
                if let Some(loaded) = loaded.filter(|l| changed_on_server(l, &fresh)) {
                    let name = |id: &str| data.with_value(|d| d.name_of(id));
                    let mine = requests
                        .first()
                        .cloned()
                        .unwrap_or_else(|| request_of(&fresh));
                    stale.set(Some(StaleEdit {
                        differences: differences(&loaded, &fresh, &mine, &name),
                        fresh,
                        mine: requests,
                    }));
                    return;
                }
            }
            for (done, request) in requests.iter().enumerate() {
                let result = match &editing {
                    Some(id) => api
                        .write::<_, Route>(Verb::Put, &format!("/api/routes/{id}"), request)
                        .await
                        .map(|_| ()),
                    None => post_once(api, "/api/routes", request, request_of).await,
                };
                if let Err(e) = result {
                    partial.set(done);
                    // The message itself says which control it concerns (a domain route's
                    // 409 names `domains [...]`).
                    return form.failed(e, server_error_field);
                }
            }
            input.saved();
            // The router adds the base path itself.
            navigate("/routes", NavigateOptions::default());
        })
    };
    let pending = saving.pending();
    let save_again = save.clone();

    let on_submit = move |ev: SubmitEvent| {
        stale.set(None);
        if !input.submit(form, &ev) {
            return;
        }
        let result = draft.with_untracked(|d| {
            editing_id.with_value(|e| data.with_value(|dt| validate(d, &dt.context(e.as_deref()))))
        });
        if let Ok(requests) = result {
            save(requests, false);
        }
    };

    // The three ways out of a stale edit.
    let combine_both = Callback::new(move |_| {
        if let Some(s) = stale.get_untracked() {
            let merged = match (baseline.get_untracked(), s.mine.first()) {
                (Some(loaded), Some(mine)) => combine(&loaded, &s.fresh, mine),
                _ => s.fresh.clone(),
            };
            draft.set(RouteDraft::from_route(&merged));
            baseline.set(Some(s.fresh));
            stale.set(None);
            combined.set(true);
        }
    });
    let overwrite = Callback::new(move |_| {
        if let Some(s) = stale.get_untracked() {
            baseline.set(Some(s.fresh));
            stale.set(None);
            save_again(s.mine, true);
        }
    });
    let take_theirs = Callback::new(move |_| {
        if let Some(s) = stale.get_untracked() {
            draft.set(RouteDraft::from_route(&s.fresh));
            baseline.set(Some(s.fresh));
            stale.set(None);
        }
    });

    // Options for the pickers: names, never raw IDs.
    let peer_options: Vec<PickOption> = data.with_value(|d| {
        let mut v: Vec<PickOption> = d
            .peers
            .iter()
            .map(|p| PickOption {
                id: p.id.clone(),
                label: p.name.clone(),
                hint: format!("{} · {}", p.ip, online(p.connected)),
            })
            .collect();
        sort_by_label(&mut v);
        v
    });
    let group_options = data.with_value(|d| group_options(&d.groups, |_| true));

    let routing_group_options = group_options.clone();
    let shape = move || draft.with(|d| d.shape);
    let routing = move || draft.with(|d| d.routing);
    let set_shape = move |s: RouteShape| edit("network", Box::new(move |d| d.shape = s));
    let set_routing = move |r: Routing| edit("peer", Box::new(move |d| d.routing = r));

    let network_preview = move || {
        draft.with(|d| {
            let typed = d.network.trim();
            match normalized_network(typed) {
                Ok(n) if n != typed => Some(tf(
                    "Will be saved as {network} (host bits cleared).",
                    &[("network", &n)],
                )),
                _ => None,
            }
        })
    };
    let domains_preview = move || {
        draft.with(|d| {
            d.domains
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .filter(|s| !s.is_ascii())
                .filter_map(|s| domain::to_ascii(s).ok().map(|a| format!("{s} → {a}")))
                .collect::<Vec<_>>()
                .join(" · ")
        })
    };
    let metric_hint = move || {
        let band = draft.with(|d| d.metric.trim().parse::<i64>().ok().map(metric_band));
        match band {
            Some("Invalid") | None => {
                t("1 to 9999; lower wins. High 1–100, Medium 101–1000, Low 1001–9999.")
            }
            Some(b) => tf(
                "Priority band: {band}. Lower metric wins when several routes match.",
                &[("band", &t(b))],
            ),
        }
    };
    let exit_name_hint = move || {
        if draft.with(|d| d.shape == RouteShape::ExitNode && d.exit_ipv6) {
            tf(
                "The IPv6 twin is saved as “{name}-v6”, so this name may have at most 37 characters.",
                &[("name", &draft.with(|d| d.network_id.clone()))],
            )
        } else {
            t("1 to 40 characters. Routes sharing an identifier are one highly available network.")
        }
    };

    // Who receives it and who routes it, for the detail panel.
    let receivers = move || {
        draft.with(|d| {
            data.with_value(|dt| {
                d.groups
                    .iter()
                    .map(|id| match dt.groups.iter().find(|g| &g.id == id) {
                        Some(g) => group_size(&g.name, g.peers_count),
                        None => tf("unknown group {id}", &[("id", id)]),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
    };
    let routers = move || {
        draft.with(|d| {
            data.with_value(|dt| match d.routing {
                Routing::Peer => dt
                    .peers
                    .iter()
                    .find(|p| p.id == d.peer)
                    .map(|p| format!("{} ({}, {})", p.name, p.ip, online(p.connected)))
                    .unwrap_or_default(),
                Routing::PeerGroups => d
                    .peer_groups
                    .iter()
                    .filter_map(|id| dt.groups.iter().find(|g| &g.id == id))
                    .map(|g| group_size(&g.name, g.peers_count))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        })
    };

    view! {
        <form class="form-grid" on:submit=on_submit novalidate=true data-testid="route-form">
            <div class="form-main">
                <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
                <When when=combined>
                    <p class="notice notice--info" role="status" data-testid="stale-combined">{t("Their changes and yours are combined below. Review, then save.")}</p>
                </When>
                <fieldset class="field segmented" aria-label=t("Route type")>
                    <legend class="field__label">{t("What does this route reach?")}</legend>
                    <div class="segmented__options">
                        <Choice name="shape" value="subnet" label=t("A network (CIDR)") checked=Signal::derive(move || shape() == RouteShape::Subnet) on_choose=Callback::new(move |_| set_shape(RouteShape::Subnet))/>
                        <Choice name="shape" value="domains" label=t("Domains") checked=Signal::derive(move || shape() == RouteShape::Domains) on_choose=Callback::new(move |_| set_shape(RouteShape::Domains))/>
                        <Choice name="shape" value="exit" label=t("Exit node (internet)") checked=Signal::derive(move || shape() == RouteShape::ExitNode) on_choose=Callback::new(move |_| set_shape(RouteShape::ExitNode))/>
                    </div>
                </fieldset>

                <TextField name="network_id" label=t("Network identifier") mono=true
                    value=Signal::derive(move || draft.with(|d| d.network_id.clone()))
                    on_input=Callback::new(move |v: String| edit("network_id", Box::new(move |d| d.network_id = v.clone())))
                    on_blur=touch("network_id") error=error_of("network_id") help=Signal::derive(exit_name_hint)/>
                <TextField name="description" label=t("Description") multiline=true
                    value=Signal::derive(move || draft.with(|d| d.description.clone()))
                    on_input=Callback::new(move |v: String| edit("description", Box::new(move |d| d.description = v.clone())))
                    on_blur=touch("description") error=error_of("description")/>

                <When when=Signal::derive(move || shape() == RouteShape::Subnet)>
                    <TextField name="network" label=t("Network") mono=true placeholder="10.0.0.0/24"
                        value=Signal::derive(move || draft.with(|d| d.network.clone()))
                        on_input=Callback::new(move |v: String| edit("network", Box::new(move |d| d.network = v.clone())))
                        on_blur=touch("network") error=error_of("network")
                        help=Signal::derive(move || network_preview().unwrap_or_else(|| t("IPv4 or IPv6 in CIDR notation.")))/>
                </When>
                <When when=Signal::derive(move || shape() == RouteShape::Domains)>
                    <TextField name="domains" label=t("Domains") mono=true multiline=true placeholder="example.com, *.internal.example.com"
                        value=Signal::derive(move || draft.with(|d| d.domains.clone()))
                        on_input=Callback::new(move |v: String| edit("domains", Box::new(move |d| d.domains = v.clone())))
                        on_blur=touch("domains") error=error_of("domains")
                        help=Signal::derive(move || {
                            let p = domains_preview();
                            if p.is_empty() { t("1 to 32 domains, separated by commas or new lines. A leading *. matches subdomains.") } else { tf("Sent as punycode: {domains}", &[("domains", &p)]) }
                        })/>
                    <CheckField name="keep_route" label=t("Keep routes after DNS stops returning the IPs")
                        checked=Signal::derive(move || draft.with(|d| d.keep_route))
                        on_change=Callback::new(move |v| draft.update(|d| d.keep_route = v))/>
                </When>
                <When when=Signal::derive(move || shape() == RouteShape::ExitNode)>
                    <p class="field__hint">{t("Routes all internet traffic (0.0.0.0/0) of the receiving peers through the routing peer.")}</p>
                    {(!is_edit).then(|| view! {
                        <CheckField name="exit_ipv6" label=t("Also route IPv6 (::/0) as a paired route")
                            checked=Signal::derive(move || draft.with(|d| d.exit_ipv6))
                            on_change=Callback::new(move |v| edit("network_id", Box::new(move |d| d.exit_ipv6 = v)))/>
                    })}
                    <CheckField name="skip_auto_apply" label=t("Let users choose to use this exit node (don't apply it automatically)")
                        checked=Signal::derive(move || draft.with(|d| d.skip_auto_apply))
                        on_change=Callback::new(move |v| draft.update(|d| d.skip_auto_apply = v))/>
                </When>

                <fieldset class="field segmented" aria-label=t("Routed by")>
                    <legend class="field__label">{t("Routed by")}</legend>
                    <div class="segmented__options">
                        <Choice name="routing" value="peer" label=t("One peer") checked=Signal::derive(move || routing() == Routing::Peer) on_choose=Callback::new(move |_| set_routing(Routing::Peer))/>
                        <Choice name="routing" value="peer_groups" label=t("Peer groups (high availability)") checked=Signal::derive(move || routing() == Routing::PeerGroups) on_choose=Callback::new(move |_| set_routing(Routing::PeerGroups))/>
                    </div>
                </fieldset>
                <When when=Signal::derive(move || routing() == Routing::Peer)>
                    <Picker name="peer" legend=t("Routing peer") options=peer_options.clone()
                        selected=Signal::derive(move || draft.with(|d| if d.peer.is_empty() { vec![] } else { vec![d.peer.clone()] }))
                        on_change=Callback::new(move |v: Vec<String>| edit("peer", Box::new(move |d| d.peer = v.first().cloned().unwrap_or_default())))
                        on_blur=touch("peer") error=error_of("peer")
                        help=t("The peer that forwards the traffic. For failover, add more routing peers under the same identifier, or use peer groups.")/>
                </When>
                <When when=Signal::derive(move || routing() == Routing::PeerGroups)>
                    <Picker name="peer_groups" legend=t("Routing peer groups") multiple=true options=routing_group_options.clone()
                        selected=Signal::derive(move || draft.with(|d| d.peer_groups.clone()))
                        on_change=Callback::new(move |v: Vec<String>| edit("peer_groups", Box::new(move |d| d.peer_groups = v.clone())))
                        on_blur=touch("peer_groups") error=error_of("peer_groups")
                        help=t("Every peer in these groups routes it; clients fail over between them.")/>
                </When>

                <TextField name="metric" label=t("Metric") mono=true
                    value=Signal::derive(move || draft.with(|d| d.metric.clone()))
                    on_input=Callback::new(move |v: String| edit("metric", Box::new(move |d| d.metric = v.clone())))
                    on_blur=touch("metric") error=error_of("metric") help=Signal::derive(metric_hint)/>
                <CheckField name="masquerade" label=t("Masquerade (NAT traffic on the routing peer)")
                    checked=Signal::derive(move || draft.with(|d| d.masquerade))
                    on_change=Callback::new(move |v| draft.update(|d| d.masquerade = v))
                    help=t("Off only if the remote network routes the NetBird range back to the routing peer.")/>

                <Picker name="groups" legend=t("Distribution groups") multiple=true options=group_options.clone()
                    selected=Signal::derive(move || draft.with(|d| d.groups.clone()))
                    on_change=Callback::new(move |v: Vec<String>| edit("groups", Box::new(move |d| d.groups = v.clone())))
                    on_blur=touch("groups") error=error_of("groups")
                    help=t("Peers in these groups receive the route. At least one is required.")/>
                <Picker name="access_control_groups" legend=t("Access control groups (optional)") multiple=true options=group_options
                    selected=Signal::derive(move || draft.with(|d| d.access_control_groups.clone()))
                    on_change=Callback::new(move |v: Vec<String>| edit("access_control_groups", Box::new(move |d| d.access_control_groups = v.clone())))
                    on_blur=touch("access_control_groups") error=error_of("access_control_groups")
                    help=t("When set, the route is access-controlled: only peers allowed by a policy whose destinations include one of these groups may use it. When empty, every receiving peer may use it.")/>
                <CheckField name="enabled" label=t("Enabled")
                    checked=Signal::derive(move || draft.with(|d| d.enabled))
                    on_change=Callback::new(move |v| draft.update(|d| d.enabled = v))/>

                {move || stale.get().map(|s| view! {
                    <StalePanel title=t("This route changed on the server since you opened it")
                        message=t("Saving replaces the whole route, so choose what to keep. Nothing was saved yet.")
                        differences=s.differences
                        on_combine=combine_both on_overwrite=overwrite on_discard=take_theirs/>
                })}
                <FormFooter form saving=pending
                    note=Signal::derive(move || (partial.get() > 0).then(|| t("The IPv4 exit route was saved; the IPv6 twin was not.")))
                    can_save=Signal::derive(move || can_save_now(auth, is_edit))
                    save_label=if is_edit { t("Save changes") } else { t("Create route") }
                    save_testid="save-route" cancel="/routes"/>
            </div>
            <aside class="form-side">
                <h2 class="form-side__title">{t("Summary")}</h2>
                <dl class="facts facts--compact">
                    <dt>{t("Who receives it")}</dt><dd data-testid="receivers">{Signal::derive(move || { let r = receivers(); if r.is_empty() { t("nobody yet") } else { r } })}</dd>
                    <dt>{t("Who routes it")}</dt><dd data-testid="routers">{Signal::derive(move || { let r = routers(); if r.is_empty() { t("nobody yet") } else { r } })}</dd>
                </dl>
                {move || {
                    let w = warn.get();
                    (!w.is_empty()).then(|| view! {
                        <div class="notice notice--warn" data-testid="route-warnings">
                            <strong class="notice__title">{t("Worth a look (does not block saving)")}</strong>
                            <ul class="warnings">{w.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                        </div>
                    })
                }}
            </aside>
        </form>
    }
}

/// A peer's state, as the pickers and the summary say it.
fn online(connected: bool) -> String {
    if connected {
        t("online")
    } else {
        t("offline")
    }
}

/// A group and its size: "devops (3 peers)".
fn group_size(name: &str, peers: u64) -> String {
    format!("{name} ({})", peer_count(peers))
}
