//! Who can reach what: pick a peer or a group (`?peer=`, `?group=`), or ask whether one peer
//! can reach another on a protocol and port (`?from=&to=&proto=&port=`).

use super::data::NetData;
use super::{network_href, network_path, object_href, query};
use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use crate::resources::network::access::{
    can_reach, compare, group_access, group_routes, peer_access, peer_dns, peer_routes, Agreement,
    Grant, PeerDns, PeerRoutes, Protocol, Verdict, Way,
};
use crate::resources::network::matrix::traffic;
use crate::resources::network::rows::{
    access_filters, access_rows, ACCESS_COLUMNS, COL_PEER, COL_POLICIES,
};
use crate::resources::network::Net;
use crate::resources::PeerBrief;
use crate::ui::api::{resource, use_api};
use crate::ui::kit::components::{loading_rows, ErrorNotice, ShortList};
use crate::ui::kit::table::{CellView, DataTable, TableRows};
use crate::ui::router::{use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

#[component]
pub fn AccessView(data: Rc<NetData>) -> impl IntoView {
    let peer = query("peer");
    let group = query("group");
    let stored = StoredValue::new_local(data);
    move || {
        let d = stored.get_value();
        let (p, g) = (peer.get(), group.get());
        if !p.is_empty() {
            view! { <PeerAccess data=d id=p/> }.into_any()
        } else if !g.is_empty() {
            view! { <GroupAccess data=d id=g/> }.into_any()
        } else {
            view! { <Chooser data=d.clone()/><Question data=d/> }.into_any()
        }
    }
}

/// A peer by what an admin types: its name, IP, DNS name or ID (names case-insensitively).
fn find_peer<'a>(peers: &'a [PeerBrief], text: &str) -> Option<&'a PeerBrief> {
    let text = text.trim();
    let lower = text.to_lowercase();
    peers
        .iter()
        .find(|p| p.id == text || p.ip == text || p.dns_label == text)
        .or_else(|| peers.iter().find(|p| p.name.to_lowercase() == lower))
}

/// Search a peer or a group to see its access.
#[component]
fn Chooser(data: Rc<NetData>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let stored = StoredValue::new_local(data);
    let found = move || {
        let needle = text.get().trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        stored.with_value(|d| {
            let groups = d
                .lists
                .groups
                .iter()
                .filter(|g| g.name.to_lowercase().contains(&needle))
                .take(8)
                .map(|g| {
                    (
                        g.name.clone(),
                        if g.peers.len() == 1 {
                            t("group · 1 peer")
                        } else {
                            tf(
                                "group · {count} peers",
                                &[("count", &thousands(g.peers.len() as u64))],
                            )
                        },
                        network_href(&[("group", &g.id)]),
                    )
                });
            let peers = d
                .lists
                .peers
                .iter()
                .filter(|p| p.name.to_lowercase().contains(&needle) || p.ip.starts_with(&needle))
                .take(8)
                .map(|p| {
                    (
                        p.name.clone(),
                        tf("peer · {ip}", &[("ip", &p.ip)]),
                        network_href(&[("peer", &p.id)]),
                    )
                });
            groups.chain(peers).collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel" data-testid="access-chooser">
            <h2 class="panel__title">{t("Access of a peer or group")}</h2>
            <label class="field">
                <span class="field__label">{t("Peer or group")}</span>
                <input type="search" class="input" name="who" autocomplete="off" placeholder=t("Name or IP")
                    prop:value=move || text.get() on:input:target=move |ev| text.set(ev.target().value())/>
            </label>
            <ul class="plain-list" data-testid="access-choices">
                {move || found().into_iter().map(|(name, sub, target)| view! {
                    <li><a href=target>{name}</a>" "<span class="cell__sub">{sub}</span></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A port as typed: empty, or a whole number from 1 to 65535.
fn parse_port(text: &str) -> Result<Option<u16>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=65_535).contains(&n) => Ok(Some(n as u16)),
        _ => Err(t("A port is a whole number from 1 to 65535.")),
    }
}

fn grant_line(g: &Grant) -> impl IntoView {
    view! {
        <li>
            <a href=object_href("policies", &g.policy.id)>{g.policy.name.clone()}</a>
            " · "{tf("rule “{rule}”", &[("rule", &g.rule.name)])}" · "
            <span class="mono">{traffic(g.rule)}</span>
            {g.needs_posture().then(|| view! { " · "<span class="cell__sub">{t("with posture checks")}</span> })}
        </li>
    }
}

/// "Can A reach B on tcp/5432?", answered from the URL so an answer can be shared.
#[component]
fn Question(data: Rc<NetData>) -> impl IntoView {
    let (from_q, to_q, proto_q, port_q) =
        (query("from"), query("to"), query("proto"), query("port"));
    let from = RwSignal::new(from_q.get_untracked());
    let to = RwSignal::new(to_q.get_untracked());
    let proto = RwSignal::new(
        Some(proto_q.get_untracked())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "tcp".into()),
    );
    let port = RwSignal::new(port_q.get_untracked());
    let port_error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match parse_port(&port.get_untracked()) {
            Err(e) => port_error.set(Some(e)),
            Ok(_) => {
                port_error.set(None);
                let path = network_path(&[
                    ("from", from.get_untracked().trim()),
                    ("to", to.get_untracked().trim()),
                    ("proto", &proto.get_untracked()),
                    ("port", port.get_untracked().trim()),
                ]);
                navigate(&path, NavigateOptions::default());
            }
        }
    };
    let stored = StoredValue::new_local(data);
    let answer = move || {
        let (a, b) = (from_q.get(), to_q.get());
        if a.is_empty() || b.is_empty() {
            return None;
        }
        let d = stored.get_value();
        let net = d.net();
        let (Some(pa), Some(pb)) = (find_peer(&d.lists.peers, &a), find_peer(&d.lists.peers, &b))
        else {
            let missing = if find_peer(&d.lists.peers, &a).is_none() {
                a
            } else {
                b
            };
            return Some(view! {
                <p class="notice notice--error" role="alert" data-testid="question-answer">
                    {tf("No peer is named “{name}” (or has that IP or DNS name).", &[("name", &missing)])}
                </p>
            }.into_any());
        };
        let protocol = Protocol::parse(&proto_q.get()).unwrap_or(Protocol::Tcp);
        let Ok(port) = parse_port(&port_q.get()) else {
            return Some(view! { <p class="notice notice--error" role="alert" data-testid="question-answer">{t("A port is a whole number from 1 to 65535.")}</p> }.into_any());
        };
        let what = match (protocol, port) {
            (Protocol::Icmp, _) => "ICMP".to_string(),
            (p, Some(n)) => format!("{}/{n}", if p == Protocol::Tcp { "tcp" } else { "udp" }),
            (p, None) => {
                if p == Protocol::Tcp {
                    "tcp".into()
                } else {
                    "udp".into()
                }
            }
        };
        let names = [
            ("a", pa.name.as_str()),
            ("b", pb.name.as_str()),
            ("what", what.as_str()),
        ];
        let view = match can_reach(&net, &pa.id, &pb.id, protocol, port) {
            Verdict::Allowed(grants) => view! {
                <div class="notice notice--ok" role="status" data-testid="question-answer" data-verdict="allowed">
                    <p class="notice__text"><strong>{tf("Yes: {a} can reach {b} on {what}.", &names)}</strong></p>
                    <ul class="plain-list">{grants.iter().map(grant_line).collect_view()}</ul>
                </div>
            }.into_any(),
            Verdict::Dropped(g) => view! {
                <div class="notice notice--error" role="status" data-testid="question-answer" data-verdict="dropped">
                    <p class="notice__text"><strong>{tf("No: a drop rule stops {a} from reaching {b} on {what}.", &names)}</strong></p>
                    <ul class="plain-list">{grant_line(&g)}</ul>
                </div>
            }.into_any(),
            Verdict::NoPolicy => view! {
                <p class="notice notice--warn" role="status" data-testid="question-answer" data-verdict="none">
                    {tf("No: no policy allows {a} to reach {b} on {what}.", &names)}
                </p>
            }.into_any(),
            Verdict::NotApproved(id) => view! {
                <p class="notice notice--warn" role="status" data-testid="question-answer" data-verdict="pending">
                    {tf("No: {peer} waits for approval and reaches nothing until approved.", &[("peer", net.peer_name(id))])}
                </p>
            }.into_any(),
        };
        Some(view)
    };
    view! {
        <section class="panel" data-testid="question">
            <h2 class="panel__title">{t("Can one peer reach another?")}</h2>
            <form class="question" on:submit=submit novalidate>
                <label class="field">
                    <span class="field__label">{t("From peer")}</span>
                    <input class="input" name="from" required autocomplete="off" placeholder=t("Name or IP")
                        prop:value=move || from.get() on:input:target=move |ev| from.set(ev.target().value())/>
                </label>
                <label class="field">
                    <span class="field__label">{t("To peer")}</span>
                    <input class="input" name="to" required autocomplete="off" placeholder=t("Name or IP")
                        prop:value=move || to.get() on:input:target=move |ev| to.set(ev.target().value())/>
                </label>
                <label class="field">
                    <span class="field__label">{t("Protocol")}</span>
                    <select class="select" name="proto" on:change:target=move |ev| proto.set(ev.target().value())>
                        {["tcp", "udp", "icmp"].into_iter().map(|p| view! {
                            <option value=p prop:selected=move || proto.get() == p>{p.to_uppercase()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field__label">{t("Port")}</span>
                    <input class="input" name="port" inputmode="numeric" autocomplete="off" placeholder=t("any")
                        aria-invalid=move || port_error.with(Option::is_some).then_some("true")
                        prop:value=move || port.get() on:input:target=move |ev| port.set(ev.target().value())/>
                    {move || port_error.get().map(|e| view! { <span class="field__error" role="alert">{e}</span> })}
                </label>
                <button type="submit" class="btn btn--primary" data-testid="ask">{t("Ask")}</button>
            </form>
            {answer}
        </section>
    }
}

/// Only the IDs of the server's `accessible-peers`.
#[derive(Clone, Default, crate::base::json::FromJson)]
struct IdOnly {
    id: String,
}

/// A peer's access: the peers it connects with (and the server's word on them), its routes
/// and its DNS.
#[component]
fn PeerAccess(data: Rc<NetData>, id: String) -> impl IntoView {
    let api = use_api();
    let net = data.net();
    let Some(peer) = net.peer(&id) else {
        return view! {
            <p class="notice notice--error" role="alert">{t("This peer is not in the peers list: it may have been deleted.")}</p>
            <a href=network_href(&[])>{t("Back to the network")}</a>
        }
        .into_any();
    };
    let access = peer_access(&net, &id);
    let rows = access_rows(&net, &access);
    let reaches = access.iter().filter(|r| r.reaches()).count();
    let reached = access.iter().filter(|r| r.reached_by()).count();
    let links: HashMap<String, Vec<(String, String)>> = access
        .iter()
        .map(|r| {
            let mut policies: Vec<(String, String)> = Vec::new();
            for g in &r.grants {
                if !policies.iter().any(|(pid, _)| *pid == g.policy.id) {
                    policies.push((g.policy.id.clone(), g.policy.name.clone()));
                }
            }
            (r.peer.to_string(), policies)
        })
        .collect();
    let names: HashMap<String, (String, String)> = access
        .iter()
        .map(|r| {
            let ip = net.peer(r.peer).map_or("", |p| p.ip.as_str());
            (
                r.peer.to_string(),
                (net.peer_name(r.peer).to_string(), ip.to_string()),
            )
        })
        .collect();
    let links = StoredValue::new_local((links, names));
    let cell_view: CellView = UnsyncCallback::new(move |(row, col): (String, usize)| {
        links.with_value(|(links, names)| match col {
            COL_POLICIES => links.get(&row).map(|ps| {
                view! { <span>{ps.iter().enumerate().map(|(i, (pid, name))| view! {
                    {(i > 0).then_some(", ")}<a href=object_href("policies", pid)>{name.clone()}</a>
                }).collect_view()}</span> }
                .into_any()
            }),
            COL_PEER => names.get(&row).map(|(name, ip)| {
                view! {
                    <a class="cell cell--strong" href=network_href(&[("peer", &row)])>{name.clone()}</a>
                    <span class="cell__sub">{ip.clone()}</span>
                }
                .into_any()
            }),
            _ => None,
        })
    });
    // The server's own list, to compare.
    let server_path = format!(
        "/api/peers/{}/accessible-peers",
        crate::base::listing::encode_query_value(&id)
    );
    let server = resource(move || api.get_list::<IdOnly>(&server_path));
    // What the comparison needs of the access computed above, kept for the server's answer
    // (computing it again for 10,000 peers would double the page's work).
    let computed: Vec<(String, bool)> = access
        .iter()
        .map(|r| {
            let (peer, by_posture) = r.compared();
            (peer.to_string(), by_posture)
        })
        .collect();
    let stored = StoredValue::new_local((data.clone(), computed));
    let agreement = move |ids: Vec<IdOnly>| {
        stored.with_value(|(d, computed)| {
            let net = d.net();
            let computed: Vec<(&str, bool)> =
                computed.iter().map(|(p, b)| (p.as_str(), *b)).collect();
            let server: Vec<String> = ids.into_iter().map(|p| p.id).collect();
            agreement_view(&net, &compare(&computed, &server), server.len())
        })
    };
    let dns = peer_dns(&net, &id);
    let routes = peer_routes(&net, &id, &access);
    let title = tf("Access of {name}", &[("name", &peer.name)]);
    crate::ui::kit::marks::mark_painted("nbc:access-painted");
    view! {
        <section class="panel" data-testid="peer-access">
            <h2 class="panel__title">{title}</h2>
            <p>
                <a href=object_href("peers", &id)>{t("Open the peer")}</a>" · "
                <a href=network_href(&[("view", "map"), ("peer", &id)])>{t("Show on the map")}</a>" · "
                <a href=network_href(&[])>{t("Choose another")}</a>
            </p>
            <p data-testid="access-summary">{if rows.len() == 1 {
                tf("Connected with 1 peer: it reaches {out}, {in} reach it.", &[
                    ("out", &reaches.to_string()), ("in", &reached.to_string()),
                ])
            } else {
                tf("Connected with {count} peers: it reaches {out}, {in} reach it.", &[
                    ("count", &thousands(rows.len() as u64)), ("out", &thousands(reaches as u64)), ("in", &thousands(reached as u64)),
                ])
            }}</p>
            {peer.approval_required.then(|| view! {
                <p class="notice notice--warn" role="status">{t("This peer waits for approval: it is in no network map and reaches nothing.")}</p>
            })}
            <div data-testid="access-agreement">
                {server.view(loading_rows, move |r| match r {
                    Ok(ids) => agreement(ids),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                })}
            </div>
        </section>
        <section class="panel">
            <h2 class="panel__title">{t("Connected peers")}</h2>
            <DataTable columns=ACCESS_COLUMNS rows=Signal::stored(TableRows::from(rows)) filters=access_filters()
                noun="peer" page_filters=&["peer"] cell_view/>
        </section>
        <div class="detail-grid">
            {routes_panel(&net, &routes)}
            <section class="panel" data-testid="peer-dns">
                <h2 class="panel__title">{t("Nameservers")}</h2>
                {match dns {
                    PeerDns::Unmanaged(g) => view! { <p>{tf("DNS management is off for this peer: it is in {group}.", &[("group", net.group_name(g))])}</p> }.into_any(),
                    PeerDns::Managed(list) if list.is_empty() => view! { <p class="field__hint">{t("No nameserver group is distributed to this peer.")}</p> }.into_any(),
                    PeerDns::Managed(list) => view! { <ul class="plain-list">{list.into_iter().map(|ns| {
                        let domains = if ns.domains.is_empty() { t("all domains") } else { ns.domains.join(", ") };
                        view! { <li><a href=object_href("dns", &ns.id)>{ns.name.clone()}</a>" · "<span class="cell__sub">{domains}</span></li> }
                    }).collect_view()}</ul> }.into_any(),
                }}
            </section>
        </div>
    }
    .into_any()
}

/// How the console's list compares with the server's (`count`: the server's list's length).
fn agreement_view(net: &Net, agreement: &Agreement, count: usize) -> AnyView {
    let list = |v: &[&str]| {
        let mut names: Vec<String> = v
            .iter()
            .take(20)
            .map(|p| net.peer_name(p).to_string())
            .collect();
        if v.len() > 20 {
            names.push(tf(
                "and {count} more",
                &[("count", &(v.len() - 20).to_string())],
            ));
        }
        names.join(", ")
    };
    let only_there: Vec<&str> = agreement
        .only_on_server
        .iter()
        .map(String::as_str)
        .collect();
    if agreement.agrees() {
        let posture = (!agreement.by_posture.is_empty()).then(|| {
            let peers = list(&agreement.by_posture);
            match agreement.by_posture.len() {
                1 => tf("1 more is connected through posture-checked policies only, and the server left it out: it failed a check. {peers}", &[("peers", &peers)]),
                n => tf(
                    "{count} more are connected through posture-checked policies only, and the server left them out: they failed a check. {peers}",
                    &[("count", &thousands(n as u64)), ("peers", &peers)],
                ),
            }
        });
        return view! {
            <div class="notice notice--ok" role="status" data-agrees="yes">
                <p class="notice__text">{if count == 1 {
                    t("The server's list of this peer's peers agrees: 1 peer.")
                } else {
                    tf("The server's list of this peer's peers agrees: {count} peers.", &[("count", &thousands(count as u64))])
                }}</p>
                {posture.map(|p| view! { <p class="notice__text">{p}</p> })}
            </div>
        }
        .into_any();
    }
    view! {
        <div class="notice notice--error" role="alert" data-agrees="no">
            <p class="notice__text"><strong>{t("The server's list of this peer's peers differs from the console's computation.")}</strong></p>
            {(!agreement.only_here.is_empty()).then(|| view! { <p class="notice__text">{tf("Computed here but not on the server: {peers}.", &[("peers", &list(&agreement.only_here))])}</p> })}
            {(!only_there.is_empty()).then(|| view! { <p class="notice__text">{tf("On the server but not computed here: {peers}.", &[("peers", &list(&only_there))])}</p> })}
        </div>
    }
    .into_any()
}

/// The routes a peer serves, receives, and is left without.
fn routes_panel(net: &Net, routes: &PeerRoutes) -> AnyView {
    let what = |r: &crate::resources::Route| {
        if r.domains.is_empty() {
            r.network.clone()
        } else {
            r.domains.join(", ")
        }
    };
    view! {
        <section class="panel" data-testid="peer-access-routes">
            <h2 class="panel__title">{t("Routes")}</h2>
            {(!routes.serves.is_empty()).then(|| view! {
                <h3 class="panel__subtitle">{t("It routes")}</h3>
                <ShortList lines=routes.serves.iter().map(|r| view! {
                    <li><a href=object_href("routes", &r.id)>{r.network_id.clone()}</a>" · "<span class="mono">{what(r)}</span></li>
                }.into_any()).collect()/>
            })}
            <h3 class="panel__subtitle">{t("It receives")}</h3>
            {if routes.receives.is_empty() {
                view! { <p class="field__hint">{t("None.")}</p> }.into_any()
            } else {
                view! { <ShortList lines=routes.receives.iter().map(|r| {
                    let how = if r.standby {
                        tf("via {peer}, standby (metric {metric})", &[("peer", net.peer_name(r.via)), ("metric", &r.route.metric.to_string())])
                    } else {
                        tf("via {peer} (metric {metric})", &[("peer", net.peer_name(r.via)), ("metric", &r.route.metric.to_string())])
                    };
                    view! { <li><a href=object_href("routes", &r.route.id)>{r.route.network_id.clone()}</a>" · "<span class="mono">{what(r.route)}</span>" · "<span class="cell__sub">{how}</span></li> }.into_any()
                }).collect()/> }.into_any()
            }}
            {(!routes.withheld.is_empty()).then(|| view! {
                <div class="notice notice--warn" role="status" data-testid="routes-withheld">
                    <p class="notice__text">{t("Distributed to its groups, but not received: no policy connects it with a routing peer of these routes.")}</p>
                    <ShortList lines=routes.withheld.iter().map(|r| view! {
                        <li><a href=object_href("routes", &r.id)>{r.network_id.clone()}</a>" · "<span class="mono">{what(r)}</span></li>
                    }.into_any()).collect()/>
                </div>
            })}
        </section>
    }
    .into_any()
}

/// A group's access, as groups: the rules naming it, and its routes.
#[component]
fn GroupAccess(data: Rc<NetData>, id: String) -> impl IntoView {
    let net: Net = data.net();
    let Some(group) = net.group(&id) else {
        return view! {
            <p class="notice notice--error" role="alert">{t("This group is not in the groups list: it may have been deleted.")}</p>
            <a href=network_href(&[])>{t("Back to the network")}</a>
        }
        .into_any();
    };
    let grants = group_access(&net, &id);
    let (distributed, routed) = group_routes(&net, &id);
    let other = |g: &crate::resources::network::access::GroupGrant| match g.peer {
        Some(p) => net.peer_name(p).to_string(),
        None => g
            .groups
            .iter()
            .map(|x| net.group_name(x))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let line = |g: &crate::resources::network::access::GroupGrant| {
        let text = match (g.grant.way, g.grant.drops()) {
            (Way::Out, false) => tf("its peers reach {other}", &[("other", &other(g))]),
            (Way::In, false) => tf("{other} reach its peers", &[("other", &other(g))]),
            (Way::Out, true) => tf("dropped: its peers to {other}", &[("other", &other(g))]),
            (Way::In, true) => tf("dropped: {other} to its peers", &[("other", &other(g))]),
        };
        view! {
            <li>
                <span>{text}</span>" · "<span class="mono">{traffic(g.grant.rule)}</span>" · "
                <a href=object_href("policies", &g.grant.policy.id)>{g.grant.policy.name.clone()}</a>
            </li>
        }
    };
    view! {
        <section class="panel" data-testid="group-access">
            <h2 class="panel__title">{tf("Access of the group {name}", &[("name", &group.name)])}</h2>
            <p>
                <a href=object_href("groups", &id)>{t("Open the group")}</a>" · "
                <a href=network_href(&[("view", "map"), ("group", &id)])>{t("Show on the map")}</a>" · "
                <a href=network_href(&[])>{t("Choose another")}</a>
            </p>
            <p>{if group.peers.len() == 1 {
                t("1 peer in it.")
            } else {
                tf("{count} peers in it.", &[("count", &thousands(group.peers.len() as u64))])
            }}</p>
            <h3 class="panel__subtitle">{t("Policies")}</h3>
            {if grants.is_empty() {
                view! { <p class="field__hint">{t("No enabled policy names this group.")}</p> }.into_any()
            } else {
                view! { <ShortList lines=grants.iter().map(|g| line(g).into_any()).collect()/> }.into_any()
            }}
            <h3 class="panel__subtitle">{t("Routes distributed to it")}</h3>
            {if distributed.is_empty() {
                view! { <p class="field__hint">{t("None.")}</p> }.into_any()
            } else {
                view! { <ShortList lines=distributed.iter().map(|r| view! { <li><a href=object_href("routes", &r.id)>{r.network_id.clone()}</a></li> }.into_any()).collect()/> }.into_any()
            }}
            <h3 class="panel__subtitle">{t("Routes its peers route")}</h3>
            {if routed.is_empty() {
                view! { <p class="field__hint">{t("None.")}</p> }.into_any()
            } else {
                view! { <ShortList lines=routed.iter().map(|r| view! { <li><a href=object_href("routes", &r.id)>{r.network_id.clone()}</a></li> }.into_any()).collect()/> }.into_any()
            }}
        </section>
    }
    .into_any()
}
