//! The network as a whole, computed in the browser from the lists (`resources::network`):
//! `/network` answers who can reach what (a peer's or a group's access, the question form), with
//! the matrix (`?view=matrix`) and the map (`?view=map`); `/health` lists the health check's
//! findings; `glance` draws the home page's charts. Every view's state is in the URL.

pub mod access;
pub mod data;
pub mod glance;
pub mod health;
pub mod map;
pub mod matrix;

use crate::base::i18n::{t, tf};
use crate::ui::api::{resource, use_api};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader};
use crate::ui::kit::marks::mark;
use crate::ui::router::{href, use_location};
use data::{load, NetData};
use leptos::prelude::*;
use std::rc::Rc;

/// A query value of the current URL (empty when absent).
pub fn query(key: &'static str) -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        location.query.with(|pairs| {
            crate::base::url::query_value(pairs, key)
                .unwrap_or("")
                .to_string()
        })
    })
}

/// `/network` with these query pairs (empty values left out), inside the console.
pub fn network_path(pairs: &[(&str, &str)]) -> String {
    let q: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::base::listing::encode_query_value(v)))
        .collect();
    if q.is_empty() {
        "/network".to_string()
    } else {
        format!("/network?{}", q.join("&"))
    }
}

/// `network_path` as a link's `href`.
pub fn network_href(pairs: &[(&str, &str)]) -> String {
    href(&network_path(pairs))
}

/// An object's page as a link's `href`: `/policies/<id>`.
pub fn object_href(section: &str, id: &str) -> String {
    href(&format!(
        "/{section}/{}",
        crate::base::listing::encode_query_value(id)
    ))
}

/// A note naming the lists the role could not read, whose part of the answers is missing.
#[component]
pub fn Unread(data: Rc<NetData>) -> impl IntoView {
    (!data.unread.is_empty()).then(|| {
        let names: Vec<String> = data.unread.iter().map(|l| t(l)).collect();
        view! {
            <p class="notice notice--warn" role="status">
                {tf("Your role cannot read {lists}: what they add is missing here.", &[("lists", &names.join(", "))])}
            </p>
        }
    })
}

#[component]
pub fn NetworkPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let data = resource(move || {
        // Once who is signed in is known: what the role may read decides what is read.
        let known = auth.known_permissions();
        async move {
            let data = load(api, &known.await).await.map(Rc::new);
            mark("nbc:network-loaded");
            data
        }
    });
    let view_key = query("view");
    let tab = move |key: &'static str, label: &'static str| {
        let target = network_href(&[("view", key)]);
        view! {
            <a class="tabs__tab" href=target data-testid=format!("network-tab-{}", if key.is_empty() { "access" } else { key })
                aria-current=move || (view_key.get() == key).then_some("page")>{t(label)}</a>
        }
    };
    view! {
        <PageHeader title=t("Network") subtitle=t("Who can reach what, computed from the policies, routes and DNS settings.")/>
        <nav class="tabs" aria-label=t("Network views")>
            {tab("", "Access")}
            {tab("matrix", "Matrix")}
            {tab("map", "Map")}
        </nav>
        {data.view(loading_rows, move |result| match result {
            Ok(d) => {
                let stored = StoredValue::new_local(d.clone());
                view! { <Unread data=d/>{move || {
                    let d = stored.get_value();
                    match view_key.get().as_str() {
                        "matrix" => view! { <matrix::MatrixView data=d/> }.into_any(),
                        "map" => view! { <map::MapView data=d/> }.into_any(),
                        _ => view! { <access::AccessView data=d/> }.into_any(),
                    }
                }}}.into_any()
            }
            Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| data.refetch())/> }.into_any(),
        })}
    }
}
