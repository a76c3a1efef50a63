//! The list pages: each fetches what it needs, turns it into rows (pure, in `crate::rows`)
//! and hands them to the one table.

use crate::error::ApiError;
use crate::models::{Event, Group, NameserverGroup, Peer, Policy, SetupKey, User};
use crate::rows::{self, Names};
use crate::table::{Column, Filter, Row};
use crate::ui::api::{both, resource, use_api, Api};
use crate::ui::components::{ErrorNotice, LoadingRows, PageHeader};
use crate::ui::table::DataTable;
use leptos::prelude::*;
use std::future::Future;

/// Seconds since the epoch, for relative times.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

type Rows = Result<Vec<Row>, ApiError>;

/// The body every list page shares: loading skeleton, the error notice with retry, the table.
#[component]
fn ListBody(
    rows: LocalResource<Rows>,
    columns: &'static [Column],
    #[prop(optional)] filters: Vec<Filter>,
    noun: &'static str,
) -> impl IntoView {
    let filters = StoredValue::new(filters);
    view! {
        <Transition fallback=|| view! { <LoadingRows/> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => view! { <DataTable columns rows filters=filters.get_value() noun/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| rows.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Groups (and, where needed, peers) for showing names instead of IDs.
pub fn names(api: Api, with_peers: bool) -> impl Future<Output = Result<Names, ApiError>> {
    let groups = api.get::<Vec<Group>>("/api/groups");
    let peers = with_peers.then(|| api.get::<Vec<Peer>>("/api/peers"));
    async move {
        let peers = async move {
            match peers {
                Some(p) => p.await,
                None => Ok(Vec::new()),
            }
        };
        let (groups, peers) = both(groups, peers).await;
        Ok(Names::new(&peers?, &groups?))
    }
}

#[component]
pub fn PeersPage() -> impl IntoView {
    let api = use_api();
    let rows = resource(move || {
        let peers = api.get::<Vec<Peer>>("/api/peers");
        async move {
            let now = now_secs();
            peers
                .await
                .map(|ps| ps.iter().map(|p| rows::peer_row(p, now)).collect())
        }
    });
    view! {
        <PageHeader title="Peers" subtitle="Machines in your NetBird network."/>
        <ListBody rows columns=rows::PEER_COLUMNS filters=rows::peer_filters() noun="peer"/>
    }
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let api = use_api();
    let rows = resource(move || {
        let groups = api.get::<Vec<Group>>("/api/groups");
        async move {
            groups
                .await
                .map(|gs| gs.iter().map(rows::group_row).collect())
        }
    });
    view! {
        <PageHeader title="Groups" subtitle="Groups of peers used by policies, routes, DNS and setup keys."/>
        <ListBody rows columns=rows::GROUP_COLUMNS noun="group"/>
    }
}

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let api = use_api();
    let rows = resource(move || {
        let policies = api.get::<Vec<Policy>>("/api/policies");
        async move {
            policies
                .await
                .map(|ps| ps.iter().map(rows::policy_row).collect())
        }
    });
    view! {
        <PageHeader title="Policies" subtitle="Which groups may reach which, on what protocols and ports."/>
        <ListBody rows columns=rows::POLICY_COLUMNS noun="policy"/>
    }
}

#[component]
pub fn DnsPage() -> impl IntoView {
    let api = use_api();
    let rows = resource(move || {
        let servers = api.get::<Vec<NameserverGroup>>("/api/dns/nameservers");
        let names = names(api, false);
        async move {
            let (servers, names) = both(servers, names).await;
            let names = names?;
            Ok(servers?
                .iter()
                .map(|n| rows::nameserver_row(n, &names))
                .collect())
        }
    });
    view! {
        <PageHeader title="DNS" subtitle="Nameserver groups pushed to peers."/>
        <ListBody rows columns=rows::NAMESERVER_COLUMNS noun="nameserver group"/>
    }
}

#[component]
pub fn SetupKeysPage() -> impl IntoView {
    let api = use_api();
    let rows = resource(move || {
        let keys = api.get::<Vec<SetupKey>>("/api/setup-keys");
        let names = names(api, false);
        async move {
            let (keys, names) = both(keys, names).await;
            let names = names?;
            let now = now_secs();
            Ok(keys?
                .iter()
                .map(|k| rows::setup_key_row(k, &names, now))
                .collect())
        }
    });
    view! {
        <PageHeader title="Setup keys" subtitle="Keys that register new peers."/>
        <ListBody rows columns=rows::SETUP_KEY_COLUMNS filters=rows::setup_key_filters() noun="setup key"/>
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let api = use_api();
    let rows = resource(move || {
        let users = api.get::<Vec<User>>("/api/users");
        let names = names(api, false);
        async move {
            let (users, names) = both(users, names).await;
            let names = names?;
            let now = now_secs();
            Ok(users?
                .iter()
                .map(|u| rows::user_row(u, &names, now))
                .collect())
        }
    });
    view! {
        <PageHeader title="Users" subtitle="People and service users of this account."/>
        <ListBody rows columns=rows::USER_COLUMNS filters=rows::user_filters() noun="user"/>
    }
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let api = use_api();
    let rows = resource(move || {
        let events = api.get::<Vec<Event>>("/api/events/audit");
        async move {
            let now = now_secs();
            events
                .await
                .map(|es| es.iter().map(|e| rows::event_row(e, now)).collect())
        }
    });
    view! {
        <PageHeader title="Events" subtitle="The audit log, newest first."/>
        <ListBody rows columns=rows::EVENT_COLUMNS filters=rows::event_filters() noun="event"/>
    }
}
