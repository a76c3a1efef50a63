//! The fleet at a glance, on the overview: small SVG charts, each part a link to the filtered
//! list behind it, each chart with its numbers as text too. Drawn from the bodies the overview
//! read for its cards (`HomeLists`); only the DNS settings and the tokens are read here.

use super::data::HealthData;
use crate::base::error::ApiError;
use crate::base::format::{parse_rfc3339, thousands};
use crate::base::i18n::{t, tf};
use crate::resources::event::days::day_of;
use crate::resources::network::glance::{self, Part};
use crate::resources::network::health::{counts, Severity};
use crate::resources::network::Lists;
use crate::resources::{
    Account, DnsSettings, Group, NameserverGroup, PeerBrief, Policy, Route, SetupKey, User,
};
use crate::ui::api::{decode, resource, use_api};
use crate::ui::app::HealthCounts;
use crate::ui::auth::use_auth;
use crate::ui::kit::home_lists::HomeLists;
use crate::ui::kit::list::now_secs;
use crate::ui::router::href;
use leptos::prelude::*;
use std::collections::HashMap;

/// Only the time of an event.
#[derive(Default, crate::base::json::FromJson)]
struct EventTime {
    timestamp: String,
}

/// A chart of horizontal bars, one per part, each a link.
#[component]
pub fn Bars(title: String, parts: Vec<Part>, testid: &'static str) -> impl IntoView {
    const W: i32 = 260;
    const ROW: i32 = 22;
    let max = parts.iter().map(|p| p.value).max().unwrap_or(0).max(1);
    let height = ROW * parts.len() as i32;
    let bars = parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let y = i as i32 * ROW;
            let width = ((p.value as f64 / max as f64) * 120.0).round() as i32;
            let width = if p.value > 0 { width.max(2) } else { 0 };
            let label = format!("{} {}", p.label, thousands(p.value));
            let name = label.clone();
            // In a <g>, so that the macro makes SVG links, not HTML ones.
            view! {
                <g><a href=href(&p.href) class="chart__link" data-label=p.label.clone() aria-label=name>
                    <title>{label}</title>
                    <text x="0" y=y + 15 class="chart__label">{p.label.clone()}</text>
                    <rect x="110" y=y + 5 width=width height="12" rx="2" class="chart__bar" class:chart__bar--marked=p.marked/>
                    <text x=116 + width y=y + 15 class="chart__value">{thousands(p.value)}</text>
                </a></g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption class="chart__title">{title.clone()}</figcaption>
            // Each part is a link named with its label and number: the chart's text equivalent.
            <svg class="chart__svg" viewBox=format!("0 0 {W} {}", height.max(ROW)) width=W height=height.max(ROW) role="group" aria-label=title.clone()>{bars}</svg>
        </figure>
    }
}

/// Events per day as columns, each a link to its day.
#[component]
fn Days(parts: Vec<Part>) -> impl IntoView {
    const H: i32 = 60;
    const COL: i32 = 9;
    let max = parts.iter().map(|p| p.value).max().unwrap_or(0).max(1);
    let total: u64 = parts.iter().map(|p| p.value).sum();
    let summary = if total == 1 {
        t("1 event in the last 30 days.")
    } else {
        tf(
            "{count} events in the last 30 days.",
            &[("count", &thousands(total))],
        )
    };
    let columns = parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let h = ((p.value as f64 / max as f64) * f64::from(H)).round() as i32;
            let h = if p.value > 0 { h.max(2) } else { 0 };
            let label = if p.value == 1 {
                tf("{day}: 1 event", &[("day", &p.label)])
            } else {
                tf("{day}: {count} events", &[("day", &p.label), ("count", &thousands(p.value))])
            };
            let name = label.clone();
            view! {
                <g><a href=href(&p.href) class="chart__link" aria-label=name>
                    <title>{label}</title>
                    <rect x=i as i32 * COL y=H - h width=COL - 2 height=h.max(1) class="chart__bar" class:chart__bar--empty=h == 0/>
                </a></g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="chart-events">
            <figcaption class="chart__title">{t("Events per day, last 30 days")}</figcaption>
            <svg class="chart__svg" viewBox=format!("0 0 {} {H}", 30 * COL) width=30 * COL height=H role="group" aria-label=t("Events per day, last 30 days")>{columns}</svg>
            <p class="chart__note">{summary}</p>
        </figure>
    }
}

/// The bodies the glance needs, decoded once all of them are in.
struct Decoded {
    peers: Option<Vec<PeerBrief>>,
    groups: Option<Vec<Group>>,
    routes: Option<Vec<Route>>,
    keys: Option<Vec<SetupKey>>,
    events: Option<Vec<EventTime>>,
    policies: Option<Vec<Policy>>,
    nameservers: Option<Vec<NameserverGroup>>,
    users: Option<Vec<User>>,
    accounts: Option<Vec<Account>>,
}

fn decode_all(lists: &HomeLists) -> Option<Decoded> {
    fn one<T: crate::base::json::FromJson>(lists: &HomeLists, path: &str) -> Option<Option<T>> {
        if !lists.reads(path) {
            return Some(None);
        }
        match lists.get(path)? {
            Ok(body) => Some(decode::<T>(&body).ok()),
            Err(_) => Some(None),
        }
    }
    Some(Decoded {
        peers: one(lists, "/api/peers")?,
        groups: one(lists, "/api/groups")?,
        routes: one(lists, "/api/routes")?,
        keys: one(lists, "/api/setup-keys")?,
        events: one(lists, "/api/events/audit")?,
        policies: one(lists, "/api/policies")?,
        nameservers: one(lists, "/api/dns/nameservers")?,
        users: one(lists, "/api/users")?,
        accounts: one(lists, "/api/accounts")?,
    })
}

#[component]
pub fn Glance() -> impl IntoView {
    let Some(lists) = use_context::<HomeLists>() else {
        return ().into_any();
    };
    let api = use_api();
    let auth = use_auth();
    // What only the health check needs: the DNS settings and the tokens (the settings when
    // this role may read them, known once who is signed in is).
    let dns = resource(move || {
        let known = auth.known_permissions();
        let read = api.get::<DnsSettings>("/api/dns/settings");
        async move {
            match known.await.can_read("nameservers") {
                true => read.await.map(Some),
                false => Ok::<_, ApiError>(None),
            }
        }
    });
    let lists = StoredValue::new_local(lists);
    let charts = move || {
        let decoded = lists.with_value(decode_all)?;
        let dns = dns.get()?;
        Some(untrack(|| charts(decoded, dns.ok().flatten())))
    };
    view! {
        <section class="glance" aria-label=t("The fleet at a glance")>
            <h2 class="glance__title">{t("At a glance")}</h2>
            {move || charts().unwrap_or_else(|| view! { <p class="field__hint">{t("Loading…")}</p> }.into_any())}
        </section>
    }
    .into_any()
}

fn charts(d: Decoded, dns: Option<DnsSettings>) -> AnyView {
    let peers = d.peers.as_ref().map(|peers| {
        view! {
            <Bars title=t("Peers online") parts=glance::online(peers.iter().map(|p| p.connected)) testid="chart-online"/>
            <Bars title=t("Operating systems") parts=glance::os_mix(peers.iter().map(|p| p.os.as_str())) testid="chart-os"/>
            <Bars title=t("Client versions") parts=glance::versions(peers.iter().map(|p| p.version.as_str())) testid="chart-versions"/>
        }
    });
    let sizes: HashMap<String, u64> = d
        .groups
        .as_ref()
        .map(|g| {
            g.iter()
                .map(|g| (g.id.clone(), g.peers.len() as u64))
                .collect()
        })
        .unwrap_or_default();
    let routes = d.routes.as_ref().map(|routes| {
        view! {
            <Bars title=t("Routes by type") parts=glance::route_kinds(routes) testid="chart-routes"/>
            <Bars title=t("Networks by availability") parts=glance::route_ha(routes, &sizes) testid="chart-ha"/>
        }
    });
    let keys = d.keys.as_ref().map(|keys| {
        view! {
            <Bars title=t("Setup keys") parts=glance::key_states(keys) testid="chart-keys"/>
        }
    });
    let events = d.events.as_ref().map(|events| {
        let offset = -(js_sys::Date::new_0().get_timezone_offset() as i64) * 60;
        let days: Vec<i64> = events
            .iter()
            .filter_map(|e| parse_rfc3339(&e.timestamp))
            .map(|s| day_of(s, offset))
            .collect();
        view! { <Days parts=glance::events_per_day(&days, day_of(now_secs(), offset))/> }
    });
    // The health check, when every list it reads is at hand (tokens are left to its page).
    let health = match (d.peers, d.groups, d.policies) {
        (Some(peers), Some(groups), Some(policies)) => {
            let lists = Lists {
                peers,
                groups,
                policies,
                routes: d.routes.unwrap_or_default(),
                nameservers: d.nameservers.unwrap_or_default(),
                dns: dns.unwrap_or_default(),
            };
            let extra = HealthData {
                setup_keys: d.keys.unwrap_or_default(),
                users: d.users.unwrap_or_default(),
                tokens: Vec::new(),
                account: d
                    .accounts
                    .and_then(|a| a.into_iter().next())
                    .map(|a| a.settings),
            };
            let c = counts(&super::health::findings(&lists, &extra));
            if let Some(shared) = use_context::<HealthCounts>() {
                shared.0.set(Some(c));
            }
            let parts = Severity::ALL
                .into_iter()
                .map(|s| Part {
                    label: s.label(),
                    value: c[s as usize] as u64,
                    href: format!("/health#{}", s.key()),
                    marked: s != Severity::Notice,
                })
                .collect();
            Some(view! { <Bars title=t("Health check") parts testid="chart-health"/> })
        }
        _ => None,
    };
    view! { <div class="glance__charts">{peers}{routes}{keys}{events}{health}</div> }.into_any()
}
