//! The overview: a card per section the user may read, with live counts.

use crate::base::error::ApiError;
use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use crate::base::json::Ignored;
use crate::registry::{plural_noun, visible_resources, Entry, Resource};
use crate::ui::api::{resource, use_api, Api};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{PageHeader, When};
use crate::ui::router::href;
use leptos::prelude::*;

#[derive(Default, crate::base::json::FromJson)]
struct PeerStatus {
    connected: bool,
}

#[derive(Clone)]
struct Count {
    value: String,
    hint: String,
}

async fn count(api: Api, section: &'static Entry) -> Result<Count, ApiError> {
    if section.resource == Resource::Peers {
        let peers: Vec<PeerStatus> = api.get(section.api).await?;
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
    let n = api.get::<Vec<Ignored>>(section.api).await?.len() as u64;
    Ok(Count {
        value: thousands(n),
        hint: t(&plural_noun(section.noun, n)),
    })
}

#[component]
fn CountCard(section: &'static Entry) -> impl IntoView {
    let api = use_api();
    let data = resource(move || count(api, section));
    view! {
        <a class="card" href=href(&section.resource.path()) data-testid=format!("count-{}", section.module)>
            <span class="card__label">{t(section.label)}</span>
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
    let cards = move || {
        visible_resources(&auth.permissions())
            .into_iter()
            .map(|s| view! { <CountCard section=s/> })
            .collect_view()
    };
    view! {
        <PageHeader title=t("Overview") subtitle=Signal::derive(move || greeting().unwrap_or_default())/>
        <div class="cards">{cards}</div>
        <When when=Signal::derive(move || auth.me.with(Option::is_some) && visible_resources(&auth.permissions()).is_empty())>
            <p class="notice">{t("Your role does not allow reading any section of this account. Ask an administrator for access.")}</p>
        </When>
    }
}
