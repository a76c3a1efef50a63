//! The routes list: the shared table with HA routes together, an inline enable switch,
//! edit / add-routing-peer / delete per row, and bulk enable, disable and delete.

use crate::base::error::ApiError;
use crate::resources::names::Names;
use crate::resources::route::rows;
use crate::resources::route::write::request_of;
use crate::resources::Route;
use crate::ui::api::{both, resource, use_api, Verb};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader, When};
use crate::ui::kit::dialog::ConfirmDialog;
use crate::ui::kit::list::names;
use crate::ui::kit::table::{DataTable, TableRows};
use crate::ui::kit::task::Task;
use crate::ui::router::href;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

/// Loaded once per version: the routes and the names to show them with.
#[derive(Clone)]
struct Loaded {
    routes: Vec<Route>,
    names: Names,
}

/// A pending destructive action awaiting confirmation.
#[derive(Clone)]
struct PendingDelete {
    ids: Vec<String>,
    summary: String,
}

fn describe(r: &Route) -> String {
    format!("{} ({})", r.network_id, r.destination())
}

#[component]
pub fn RoutesPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let version = RwSignal::new(0u32);
    let data = resource(move || {
        version.track();
        let routes = api.get::<Vec<Route>>("/api/routes");
        let names = names(api, true);
        async move {
            let (routes, names) = both(routes, names).await;
            let mut routes = routes?;
            // Routes sharing a network identifier (HA) stand together.
            crate::base::sort::sort_by(&mut routes, &|a, b| {
                a.network_id.cmp(&b.network_id).then(a.id.cmp(&b.id))
            });
            Ok::<_, ApiError>(Loaded {
                routes,
                names: names?,
            })
        }
    });
    let access = move || auth.permissions().module("routes");
    let selection = RwSignal::new(HashSet::<String>::new());
    let busy = RwSignal::new(HashSet::<String>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let confirm = RwSignal::new(None::<PendingDelete>);

    // The server's word on `enabled` after a toggle, per route: only that row's switch
    // updates, the table is not rebuilt.
    let enabled_now = RwSignal::new(HashMap::<String, bool>::new());

    // Writes a route back with `enabled` set. PUT replaces the whole object, so the write starts
    // from the server's current version (fetched just before), never the list's possibly stale
    // copy: nobody's concurrent edit is undone by a toggle.
    let writes = Task::new();
    let set_enabled = move |routes: Vec<Route>, on: bool| {
        writes.run(async move {
            for r in &routes {
                busy.update(|b| {
                    b.insert(r.id.clone());
                });
                let before = enabled_now
                    .with_untracked(|m| m.get(&r.id).copied())
                    .unwrap_or(r.enabled);
                let path = format!("/api/routes/{}", r.id);
                let result = match api.get::<Route>(&path).await {
                    Ok(fresh) => {
                        let mut body = request_of(&fresh);
                        body.enabled = on;
                        api.write::<_, Route>(Verb::Put, &path, &body).await
                    }
                    Err(e) => Err(e),
                };
                busy.update(|b| {
                    b.remove(&r.id);
                });
                match result {
                    Ok(saved) => enabled_now.update(|m| {
                        m.insert(saved.id, saved.enabled);
                    }),
                    Err(e) => {
                        // Put the switch back to what the server still has.
                        enabled_now.update(|m| {
                            m.insert(r.id.clone(), before);
                        });
                        failure.set(Some(e));
                        break;
                    }
                }
            }
        })
    };
    let delete = move |ids: Vec<String>| {
        writes.run(async move {
            for id in &ids {
                if let Err(e) = api.delete(&format!("/api/routes/{id}")).await {
                    failure.set(Some(e));
                    break;
                }
                selection.update(|s| {
                    s.remove(id);
                });
            }
            version.update(|v| *v += 1);
        })
    };

    let routes_by_id = move |ids: &HashSet<String>| -> Vec<Route> {
        data.get()
            .and_then(Result::ok)
            .map(|l| {
                l.routes
                    .into_iter()
                    .filter(|r| ids.contains(&r.id))
                    .collect()
            })
            .unwrap_or_default()
    };
    let ask_delete = move |ids: HashSet<String>| {
        let routes = routes_by_id(&ids);
        if routes.is_empty() {
            return;
        }
        let summary = if routes.len() == 1 {
            format!("Delete the route {}?", describe(&routes[0]))
        } else {
            format!(
                "Delete {} routes: {}?",
                routes.len(),
                routes.iter().map(describe).collect::<Vec<_>>().join(", ")
            )
        };
        confirm.set(Some(PendingDelete {
            ids: routes.into_iter().map(|r| r.id).collect(),
            summary,
        }));
    };

    view! {
        <PageHeader title="Routes" subtitle="Networks and domains reachable through routing peers.">
            <When when=Signal::derive(move || access().create)>
                <a class="btn btn--primary" href=href("/routes/new") data-testid="add-route">"Add route"</a>
            </When>
        </PageHeader>
        {move || failure.get().map(|e| view! { <ErrorNotice error=e/> })}
        <When when=Signal::derive(move || selection.with(|s| !s.is_empty()))>
            <div class="bulkbar" role="region" aria-label="Selected routes">
                <span>{move || format!("{} selected", selection.with(HashSet::len))}</span>
                <When when=Signal::derive(move || access().update)>
                    <button type="button" class="btn btn--small" on:click=move |_| { set_enabled(routes_by_id(&selection.get_untracked()), true); }>"Enable"</button>
                    <button type="button" class="btn btn--small" on:click=move |_| { set_enabled(routes_by_id(&selection.get_untracked()), false); }>"Disable"</button>
                </When>
                <When when=Signal::derive(move || access().delete)>
                    <button type="button" class="btn btn--small btn--danger" on:click=move |_| ask_delete(selection.get_untracked())>"Delete"</button>
                </When>
                <button type="button" class="btn btn--small btn--ghost" on:click=move |_| selection.set(HashSet::new())>"Clear selection"</button>
            </div>
        </When>
        {data.view(loading_rows, move |result| {
            match result {
                Ok(loaded) => {
                    let mut ha: HashMap<&str, usize> = HashMap::new();
                    for r in &loaded.routes {
                        *ha.entry(r.network_id.as_str()).or_default() += 1;
                    }
                    let table_rows: Vec<_> = loaded.routes.iter().map(|r| rows::route_row(r, &loaded.names, ha[r.network_id.as_str()])).collect();
                    let filters = rows::route_filters(&loaded.routes, &loaded.names);
                    let by_id: HashMap<String, Route> = loaded.routes.iter().map(|r| (r.id.clone(), r.clone())).collect();
                    let by_id = StoredValue::new(by_id);
                    let actions = UnsyncCallback::new(move |id: String| {
                        let Some(route) = by_id.with_value(|m| m.get(&id).cloned()) else { return ().into_any() };
                        let label = format!("Enabled: {}", route.network_id);
                        let toggle_route = route.clone();
                        let id_busy = id.clone();
                        let delete_id = id.clone();
                        view! {
                            <label class="switch" title="Enabled">
                                <input type="checkbox" role="switch" name="enabled" aria-label=label
                                    prop:checked={
                                        let id = id.clone();
                                        let loaded = route.enabled;
                                        move || enabled_now.with(|m| m.get(&id).copied()).unwrap_or(loaded)
                                    }
                                    disabled=move || !access().update || busy.with(|b| b.contains(&id_busy))
                                    on:change:target=move |ev| { set_enabled(vec![toggle_route.clone()], ev.target().checked()); }/>
                                <span class="switch__track" aria-hidden="true"></span>
                            </label>
                            <a class="btn btn--small btn--ghost" href=href(&format!("/routes/{id}"))>{move || if access().update { "Edit" } else { "View" }}</a>
                            <When when=Signal::derive(move || access().create)>
                                <a class="btn btn--small btn--ghost" href=href(&format!("/routes/new?ha={id}")) title="Add another routing peer to this network (high availability)">"Add peer"</a>
                            </When>
                            <When when=Signal::derive(move || access().delete)>
                                {
                                    let delete_id = delete_id.clone();
                                    view! { <button type="button" class="btn btn--small btn--ghost btn--danger-text"
                                        on:click=move |_| ask_delete(HashSet::from([delete_id.clone()]))>"Delete"</button> }
                                }
                            </When>
                        }
                        .into_any()
                    });
                    view! {
                        <DataTable columns=rows::ROUTE_COLUMNS rows=TableRows::from(table_rows) filters noun="route"
                            selection row_actions=actions/>
                    }
                    .into_any()
                }
                Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| data.refetch())/> }.into_any(),
            }
        })}
        {move || confirm.get().map(|p| {
            let ids = p.ids.clone();
            view! {
                <ConfirmDialog title="Delete routes" message=p.summary confirm_label="Delete"
                    on_confirm=Callback::new(move |_| { confirm.set(None); delete(ids.clone()); })
                    on_cancel=Callback::new(move |_| confirm.set(None))/>
            }
        })}
    }
}
