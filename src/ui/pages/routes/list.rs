//! The routes list: the shared table with HA routes together, an enable switch in each row
//! (its Enabled cell), and bulk enable, disable and delete. A route's own page adds another
//! routing peer to its network and deletes it.

use super::describe;
use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::base::listing::Filter;
use crate::resources::names::{Arrival, Names};
use crate::resources::route::rows;
use crate::resources::route::validation::RouteRequest;
use crate::resources::route::write::request_of;
use crate::resources::{GroupMinimum, PeerMinimum, Route};
use crate::ui::api::{resource, use_api};
use crate::ui::auth::use_auth;
use crate::ui::kit::bulk::{
    Bulk, BulkBar, BulkItem, BulkReport, Proposal, ProposalDialog, Proposed,
};
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader, When};
use crate::ui::kit::kept::{self, Freshness};
use crate::ui::kit::list::once_painted;
use crate::ui::kit::marks::mark_painted;
use crate::ui::kit::row_actions::{write_fresh, RowSwitches, RowWrite, SwitchAction};
use crate::ui::kit::table::{DataTable, TableRows};
use crate::ui::router::href;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The PUT that stores `route` as it is, but switched on or off.
fn with_enabled(route: &Route, on: bool) -> Result<RouteRequest, ApiError> {
    Ok(RouteRequest {
        enabled: on,
        ..request_of(route)
    })
}

/// Loaded once per version: the routes and the names to show them with.
#[derive(Clone)]
struct Loaded {
    routes: Rc<Vec<Route>>,
    names: Rc<Names>,
    /// What the page showed when last visited (`kept`), shown while it loads again.
    kept: bool,
}

/// A bulk action awaiting confirmation, with its preview.
#[derive(Clone)]
struct Pending {
    action: SwitchAction,
    /// The routes it changes (those already as asked are left out).
    routes: Vec<Route>,
    /// How many chosen routes are already as asked.
    unchanged: usize,
}

impl Pending {
    fn new(action: SwitchAction, chosen: Vec<Route>) -> Pending {
        let total = chosen.len();
        let routes: Vec<Route> = chosen
            .into_iter()
            .filter(|r| match action {
                SwitchAction::Enable => !r.enabled,
                SwitchAction::Disable => r.enabled,
                SwitchAction::Delete => true,
            })
            .collect();
        Pending {
            action,
            unchanged: total - routes.len(),
            routes,
        }
    }

    fn verb(&self) -> String {
        match self.action {
            SwitchAction::Enable => t("Enable"),
            SwitchAction::Disable => t("Disable"),
            SwitchAction::Delete => t("Delete"),
        }
    }

    fn title(&self) -> String {
        let n = &self.routes.len().to_string();
        match (self.action, self.routes.len() == 1) {
            (SwitchAction::Enable, true) => t("Enable 1 route"),
            (SwitchAction::Enable, false) => tf("Enable {n} routes", &[("n", n)]),
            (SwitchAction::Disable, true) => t("Disable 1 route"),
            (SwitchAction::Disable, false) => tf("Disable {n} routes", &[("n", n)]),
            (SwitchAction::Delete, true) => t("Delete 1 route"),
            (SwitchAction::Delete, false) => tf("Delete {n} routes", &[("n", n)]),
        }
    }

    fn message(&self) -> String {
        let n = &self.routes.len().to_string();
        let what = match (self.action, self.routes.len()) {
            (SwitchAction::Delete, 1) => tf(
                "Delete the route {route}?",
                &[("route", &describe(&self.routes[0]))],
            ),
            (SwitchAction::Delete, _) => tf(
                "Delete these {n} routes? This cannot be undone.",
                &[("n", n)],
            ),
            (SwitchAction::Enable, 1) => {
                t("Enable this route? It is written back from the server's current version.")
            }
            (SwitchAction::Disable, 1) => {
                t("Disable this route? It is written back from the server's current version.")
            }
            (SwitchAction::Enable, _) => tf(
                "Enable these {n} routes? Each is written back from the server's current version.",
                &[("n", n)],
            ),
            (SwitchAction::Disable, _) => tf(
                "Disable these {n} routes? Each is written back from the server's current version.",
                &[("n", n)],
            ),
        };
        let left = match self.unchanged {
            0 => return what,
            1 => t("1 of the chosen routes is already so and is left as it is."),
            k => tf(
                "{count} of the chosen routes are already so and are left as they are.",
                &[("count", &k.to_string())],
            ),
        };
        format!("{what} {left}")
    }
}

/// The table's rows and filters, with HA siblings counted and IDs named.
fn table_of(routes: &[Route], names: &Names) -> (TableRows, Vec<Filter>) {
    let mut ha: HashMap<&str, usize> = HashMap::new();
    for r in routes {
        *ha.entry(r.network_id.as_str()).or_default() += 1;
    }
    let rows: Vec<_> = routes
        .iter()
        .map(|r| rows::route_row(r, names, ha[r.network_id.as_str()]))
        .collect();
    (TableRows::from(rows), rows::route_filters(routes, names))
}

/// What has come of a list the names wait for.
fn arrival<T>(list: Option<&Result<Rc<Vec<T>>, ApiError>>) -> Arrival<'_, T> {
    match list {
        None => Arrival::Waiting,
        Some(Ok(list)) => Arrival::In(list.as_slice()),
        Some(Err(_)) => Arrival::Failed,
    }
}

#[component]
pub fn RoutesPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let version = RwSignal::new(0u32);
    let key = kept::key("/api/routes");
    let earlier = kept::get::<Loaded>(&key);
    // The names of the last visit, shown until this visit's lists arrive.
    let named_before = earlier.as_ref().map(|e| e.names.clone());
    // The routes first; the groups' names (1,000 groups are a 2.8 MB list) and the routing
    // peers' (10,000 peers are a 13 MB list) fill in when they arrive, so the routes wait for
    // neither.
    let data = resource(move || {
        version.track();
        let routes = api.get_list::<Route>("/api/routes");
        async move {
            let mut routes = routes.await?;
            // Routes sharing a network identifier (HA) stand together.
            crate::base::sort::sort_by(&mut routes, &|a, b| {
                a.network_id.cmp(&b.network_id).then(a.id.cmp(&b.id))
            });
            Ok::<_, ApiError>(Loaded {
                routes: Rc::new(routes),
                names: Rc::new(Names::pending()),
                kept: false,
            })
        }
    });
    // Asked for at once, but read once the routes are drawn: decoding them in between would
    // hold the routes up.
    let groups = resource(move || {
        version.track();
        let shown = once_painted(move || data.with(|d| d.is_some()));
        let groups = api.get_list_after::<GroupMinimum>("/api/groups", shown);
        async move { groups.await.map(Rc::new) }
    });
    let peers = resource(move || {
        version.track();
        let shown = once_painted(move || data.with(|d| d.is_some()));
        let peers = api.get_list_after::<PeerMinimum>("/api/peers", shown);
        async move { peers.await.map(Rc::new) }
    });
    if let Some(earlier) = earlier {
        data.show_meanwhile(Ok(earlier));
    }
    let freshness = Freshness::new();
    let access = move || auth.permissions().module("routes");
    let selection = RwSignal::new(HashSet::<String>::new());
    let proposed: Proposed = RwSignal::new_local(None);
    let bulk = Bulk::new();

    // The rows' switches (see `write` below, where the rows are at hand).
    let switches = RowSwitches::new();

    // A confirmed bulk action, one item per route.
    let run = move |p: Pending| {
        let items = p
            .routes
            .iter()
            .map(|r| {
                let path = format!("/api/routes/{}", r.id);
                let work = p.action.apply(api, path, with_enabled);
                BulkItem::new(describe(r), work)
            })
            .collect();
        let title = match p.action {
            SwitchAction::Enable => t("Enabling routes"),
            SwitchAction::Disable => t("Disabling routes"),
            SwitchAction::Delete => t("Deleting routes"),
        };
        bulk.run(title, items, move || {
            selection.try_set(HashSet::new());
            version.try_update(|v| *v += 1);
        });
    };

    let routes_by_id = move |ids: &HashSet<String>| -> Vec<Route> {
        data.get()
            .and_then(Result::ok)
            .map(|l| {
                l.routes
                    .iter()
                    .filter(|r| ids.contains(&r.id))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let ask = move |action: SwitchAction, ids: HashSet<String>| {
        let pending = Pending::new(action, routes_by_id(&ids));
        if pending.routes.is_empty() && pending.unchanged == 0 {
            return;
        }
        proposed.set(Some(Rc::new(Proposal {
            title: pending.title(),
            message: pending.message(),
            verb: pending.verb(),
            items: pending.routes.iter().map(describe).collect(),
            start: Box::new(move || {
                if !pending.routes.is_empty() {
                    run(pending.clone());
                }
            }),
        })));
    };

    view! {
        <PageHeader title=t("Routes") subtitle=t("Networks and domains reachable through routing peers.")>
            <When when=Signal::derive(move || access().create)>
                <a class="btn btn--primary" href=href("/routes/new") data-testid="add-route">{t("Add route")}</a>
            </When>
        </PageHeader>
        {switches.failure()}
        <BulkReport bulk/>
        <BulkBar selection label=t("Selected routes")>
            <When when=Signal::derive(move || access().update)>
                <button type="button" class="btn btn--small" data-testid="bulk-enable" disabled=bulk.running()
                    on:click=move |_| ask(SwitchAction::Enable, selection.get_untracked())>{t("Enable")}</button>
                <button type="button" class="btn btn--small" data-testid="bulk-disable" disabled=bulk.running()
                    on:click=move |_| ask(SwitchAction::Disable, selection.get_untracked())>{t("Disable")}</button>
            </When>
            <When when=Signal::derive(move || access().delete)>
                <button type="button" class="btn btn--small btn--danger" data-testid="bulk-delete" disabled=bulk.running()
                    on:click=move |_| ask(SwitchAction::Delete, selection.get_untracked())>{t("Delete")}</button>
            </When>
        </BulkBar>
        {data.view(loading_rows, move |result| {
            match result {
                Ok(loaded) => {
                    let status = freshness.view(loaded.kept);
                    // Named with the lists at hand (already in, else the visit before's names),
                    // then again as each arrives.
                    let pending = loaded.names.clone();
                    let before = named_before.clone();
                    let names = Rc::new(untrack(|| {
                        pending.with_arrived(before.as_deref(), arrival(groups.get().as_ref()), arrival(peers.get().as_ref()))
                    }));
                    let (first_rows, first_filters) = table_of(&loaded.routes, &names);
                    let shown = RwSignal::new(first_rows);
                    let filters = RwSignal::new(first_filters);
                    // The names the rows were last built with, to build a saved route's row.
                    let drawn_names = StoredValue::new_local(names.clone());
                    // The routes as listed: a route switched in its row is put here as saved,
                    // so that the rows built again as names arrive, and the rows kept for
                    // coming back, list it as the server now has it.
                    let listed = StoredValue::new_local(loaded.routes.clone());
                    let keep = {
                        let key = key.clone();
                        move |names: Rc<Names>| {
                            if let Some(routes) = listed.try_get_value() {
                                kept::put(key.clone(), Loaded { routes, names, kept: true });
                            }
                        }
                    };
                    if !names.peers_pending && !names.groups_pending {
                        if !loaded.kept {
                            keep(names.clone());
                        }
                        mark_painted("nbc:routes-named");
                    } else {
                        Effect::new(move |drawn: Option<Rc<Names>>| {
                            let routes = listed.get_value();
                            let drawn = drawn.unwrap_or_else(|| names.clone());
                            let (groups_now, peers_now) = (groups.get(), peers.get());
                            let now = Rc::new(pending.with_arrived(before.as_deref(), arrival(groups_now.as_ref()), arrival(peers_now.as_ref())));
                            drawn_names.set_value(now.clone());
                            // Drawn anew only when a name shown changes: drawing the same rows
                            // anew would only drop a click or the focus on a row.
                            if !rows::same_names(&routes, &drawn, &now) {
                                let (rows, table_filters) = table_of(&routes, &now);
                                let edition = shown.with_untracked(|r| r.edition) + 1;
                                shown.set(TableRows { edition, ..rows });
                                filters.set(table_filters);
                            }
                            if let (Some(g), Some(p)) = (&groups_now, &peers_now) {
                                // A list that failed is said above the table, its IDs shown.
                                if g.is_ok() && p.is_ok() {
                                    keep(now.clone());
                                }
                                mark_painted("nbc:routes-named");
                            }
                            now
                        });
                    }
                    let groups_failed = move || {
                        groups.get().and_then(Result::err).map(|error| view! {
                            <ErrorNotice error retry=Callback::new(move |_| groups.refetch())/>
                        })
                    };
                    let peers_failed = move || {
                        peers.get().and_then(Result::err).map(|error| view! {
                            <ErrorNotice error retry=Callback::new(move |_| peers.refetch())/>
                        })
                    };
                    // One row's switch: the route is written back from the server's current
                    // version, and its row built again from the server's answer (the list is
                    // not read again).
                    let write = UnsyncCallback::new(move |(id, on): (String, bool)| -> RowWrite {
                        Box::pin(async move {
                            let path = format!("/api/routes/{id}");
                            let saved: Route =
                                write_fresh(api, &path, |fresh| with_enabled(fresh, on)).await?;
                            let siblings = listed.try_update_value(|routes| {
                                if let Some(at) = routes.iter().position(|r| r.id == saved.id) {
                                    Rc::make_mut(routes)[at] = saved.clone();
                                }
                                routes.iter().filter(|r| r.network_id == saved.network_id).count()
                            });
                            Ok(drawn_names.try_with_value(|names| {
                                rows::route_row(&saved, names, siblings.unwrap_or(1).max(1))
                            }))
                        })
                    });
                    let cells = switches.cells(
                        rows::ROUTE_COLUMNS,
                        shown,
                        Signal::derive(move || !access().update),
                        write,
                    );
                    let actions = UnsyncCallback::new(move |id: String| {
                        view! {
                            <a class="btn btn--small btn--ghost" href=href(&format!("/routes/{id}"))>{move || if access().update { t("Edit") } else { t("View") }}</a>
                        }
                        .into_any()
                    });
                    view! {
                        {status}
                        {groups_failed}
                        {peers_failed}
                        <DataTable columns=rows::ROUTE_COLUMNS rows=shown filters noun="route"
                            selection row_actions=actions cell_view=cells/>
                    }
                    .into_any()
                }
                Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| { data.refetch(); groups.refetch(); peers.refetch(); })/> }.into_any(),
            }
        })}
        <ProposalDialog proposed/>
    }
}
