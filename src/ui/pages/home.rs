//! The overview: a card per section the user may read, with live counts, then the fleet at a
//! glance (charts drawn by the network module, `ui::pages::network::glance`). Each list is read
//! once, its body shared by the card and the charts (`HomeLists`).

use crate::base::error::ApiError;
use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use crate::base::json::Ignored;
use crate::registry::{plural_noun, visible_resources, Entry, Page, Part, Resource};
use crate::ui::api::{decode, resource, use_api, Res};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{PageHeader, When};
use crate::ui::kit::home_lists::{HomeLists, ListBody};
use crate::ui::router::href;
use leptos::prelude::*;
use std::rc::Rc;

#[derive(Default, crate::base::json::FromJson)]
struct PeerStatus {
    connected: bool,
}

#[derive(Clone)]
struct Count {
    value: String,
    hint: String,
}

fn count(section: &'static Entry, body: &[u8]) -> Result<Count, ApiError> {
    if section.resource == Resource::Peers {
        let peers: Vec<PeerStatus> = decode(body)?;
        let online = peers.iter().filter(|p| p.connected).count() as u64;
        return Ok(Count {
            value: thousands(peers.len() as u64),
            hint: tf("{count} online", &[("count", &thousands(online))]),
        });
    }
    if section.resource == Resource::Settings {
        return Ok(Count {
            value: t("Account"),
            hint: t("settings"),
        });
    }
    let n = decode::<Vec<Ignored>>(body)?.len() as u64;
    Ok(Count {
        value: thousands(n),
        hint: t(&plural_noun(section.noun, n)),
    })
}

#[component]
fn CountCard(section: &'static Entry, body: Res<ListBody>) -> impl IntoView {
    view! {
        <a class="card" href=href(&section.resource.path()) data-testid=format!("count-{}", section.module)>
            <span class="card__label">{t(section.label)}</span>
            {body.view(|| view! { <span class="card__value card__value--loading">"…"</span> }.into_any(), move |result| {
                match result.and_then(|b| count(section, &b)) {
                    Ok(c) => view! {
                        <span class="card__value" data-testid="count-value">{c.value}</span>
                        <span class="card__hint">{c.hint}</span>
                    }.into_any(),
                    Err(e) => view! { <span class="card__error" title=e.user_message()>{e.title()}</span> }.into_any(),
                }
            })}
        </a>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    let greeting = move || {
        auth.me.with(|m| {
            m.as_ref().map(|m| {
                tf(
                    "Signed in as {name} ({role})",
                    &[
                        ("name", m.user.display_name()),
                        ("role", &t(&m.user.role.replace('_', " "))),
                    ],
                )
            })
        })
    };
    let api = use_api();
    let cards = move || {
        // The sections with a list of their own (the network's views are computed, not listed).
        let sections: Vec<&'static Entry> = visible_resources(&auth.permissions())
            .into_iter()
            .filter(|e| e.part != Part::Network)
            .collect();
        let mut lists: Vec<(&'static str, Res<ListBody>)> = Vec::new();
        for s in &sections {
            if !lists.iter().any(|(p, _)| *p == s.api) {
                let path = s.api;
                let body = resource(move || {
                    let sent = api.send(crate::ui::api::Verb::Get, path, None);
                    async move { sent.await.map(Rc::new) }
                });
                lists.push((path, body));
            }
        }
        let lists = HomeLists(lists);
        provide_context(lists.clone());
        let cards = sections
            .into_iter()
            .map(|s| {
                let body = lists.0.iter().find(|(p, _)| *p == s.api).map(|(_, r)| *r);
                body.map(|body| view! { <CountCard section=s body/> })
            })
            .collect_view();
        let may_glance = auth.permissions().can_read("peers");
        view! {
            <div class="cards">{cards}</div>
            {may_glance.then(|| crate::ui::split::page(Part::Network, Page::Home))}
        }
    };
    view! {
        <PageHeader title=t("Overview") subtitle=Signal::derive(move || greeting().unwrap_or_default())/>
        {cards}
        <When when=Signal::derive(move || auth.me.with(Option::is_some) && visible_resources(&auth.permissions()).is_empty())>
            <p class="notice">{t("Your role does not allow reading any section of this account. Ask an administrator for access.")}</p>
        </When>
    }
}
