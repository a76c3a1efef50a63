//! The overview: a card per section the user may read, with live counts.

use crate::error::ApiError;
use crate::format::thousands;
use crate::json::Ignored;
use crate::nav::{plural_noun, visible_sections, Section};
use crate::ui::api::{resource, use_api, Api};
use crate::ui::app::href;
use crate::ui::auth::use_auth;
use crate::ui::components::{PageHeader, When};
use leptos::prelude::*;

#[derive(Default)]
struct PeerStatus {
    connected: bool,
}

crate::json_object!(PeerStatus { connected });

#[derive(Clone)]
struct Count {
    value: String,
    hint: String,
}

async fn count(api: Api, section: Section) -> Result<Count, ApiError> {
    if section.module == "peers" {
        let peers: Vec<PeerStatus> = api.get(section.api).await?;
        let online = peers.iter().filter(|p| p.connected).count() as u64;
        return Ok(Count {
            value: thousands(peers.len() as u64),
            hint: format!("{} online", thousands(online)),
        });
    }
    if section.module == "settings" {
        return Ok(Count {
            value: "Account".into(),
            hint: "settings".into(),
        });
    }
    let n = api.get::<Vec<Ignored>>(section.api).await?.len() as u64;
    Ok(Count {
        value: thousands(n),
        hint: plural_noun(section.noun, n),
    })
}

#[component]
fn CountCard(section: Section) -> impl IntoView {
    let api = use_api();
    let data = resource(move || count(api, section));
    view! {
        <a class="card" href=href(section.path) data-testid=format!("count-{}", section.module)>
            <span class="card__label">{section.label}</span>
            {data.view(|| view! { <span class="card__value card__value--loading">"…"</span> }.into_any(), move |result| {
                match result {
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
                format!(
                    "Signed in as {} ({})",
                    m.user.display_name(),
                    m.user.role.replace('_', " ")
                )
            })
        })
    };
    let cards = move || {
        visible_sections(&auth.permissions())
            .into_iter()
            .map(|s| view! { <CountCard section=s/> })
            .collect_view()
    };
    view! {
        <PageHeader title="Overview" subtitle=Signal::derive(move || greeting().unwrap_or_default())/>
        <div class="cards">{cards}</div>
        <When when=Signal::derive(move || auth.me.with(Option::is_some) && visible_sections(&auth.permissions()).is_empty())>
            <p class="notice">"Your role does not allow reading any section of this account. Ask an administrator for access."</p>
        </When>
    }
}
