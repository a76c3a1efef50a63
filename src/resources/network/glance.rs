//! The fleet at a glance: the home page's charts as counts, each part with the filtered list
//! behind it. Pure; the page draws them.

use crate::base::i18n::t;
use crate::base::listing::encode_query_value;
use crate::base::search::Version;
use crate::resources::route::RouteKind;
use crate::resources::{Route, SetupKey};
use std::collections::HashMap;

/// One part of a chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub label: String,
    pub value: u64,
    /// The list showing exactly these objects.
    pub href: String,
    /// Drawn as a warning (offline peers, outdated clients, expired keys…).
    pub marked: bool,
}

fn part(label: String, value: u64, href: String, marked: bool) -> Part {
    Part {
        label,
        value,
        href,
        marked,
    }
}

fn peers_search(q: &str) -> String {
    format!("/peers?q={}", encode_query_value(q))
}

/// The peers with `value` of some field: labelled with it and linked to the search `query`
/// makes of it; an empty value is "Unknown" and links to every peer.
fn peers_with(value: &str, n: u64, marked: bool, query: impl FnOnce(&str) -> String) -> Part {
    if value.is_empty() {
        part(t("Unknown"), n, "/peers".into(), marked)
    } else {
        part(value.to_string(), n, peers_search(&query(value)), marked)
    }
}

/// Online and offline peers.
pub fn online(connected: impl Iterator<Item = bool>) -> Vec<Part> {
    let (mut on, mut off) = (0, 0);
    for c in connected {
        if c {
            on += 1
        } else {
            off += 1
        }
    }
    vec![
        part(t("Online"), on, peers_search("status:online"), false),
        part(t("Offline"), off, peers_search("status:offline"), true),
    ]
}

/// Counts by key, largest first (ties by key), the parts beyond `keep` summed as one.
fn ranked<'a>(keys: impl Iterator<Item = &'a str>, keep: usize) -> (Vec<(&'a str, u64)>, u64) {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    let mut v: Vec<(&str, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rest = v.iter().skip(keep).map(|(_, n)| n).sum();
    v.truncate(keep);
    (v, rest)
}

/// Peers by operating system (its first word: `Linux 6.8` → Linux).
pub fn os_mix<'a>(oses: impl Iterator<Item = &'a str>) -> Vec<Part> {
    let family = |os: &'a str| os.split_whitespace().next().unwrap_or("");
    let (top, rest) = ranked(oses.map(family), 5);
    let mut parts: Vec<Part> = top
        .into_iter()
        .map(|(os, n)| peers_with(os, n, false, |os| format!("os:{}", os.to_lowercase())))
        .collect();
    if rest > 0 {
        parts.push(part(t("Other"), rest, "/peers".into(), false));
    }
    parts
}

/// Peers by client version, newest first; those older than the newest are marked.
pub fn versions<'a>(versions: impl Iterator<Item = &'a str>) -> Vec<Part> {
    let (mut top, rest) = ranked(versions, 6);
    top.sort_by(|a, b| Version::parse(b.0).cmp(&Version::parse(a.0)));
    let newest = top.iter().filter_map(|(v, _)| Version::parse(v)).max();
    let mut parts: Vec<Part> = top
        .into_iter()
        .map(|(v, n)| {
            let old = match (Version::parse(v), &newest) {
                (Some(v), Some(newest)) => v < *newest,
                _ => false,
            };
            peers_with(v, n, old, |v| format!("version:{v}"))
        })
        .collect();
    if rest > 0 {
        parts.push(part(t("Other"), rest, "/peers".into(), true));
    }
    parts
}

/// Routes by type.
pub fn route_kinds(routes: &[Route]) -> Vec<Part> {
    [
        (RouteKind::Ipv4, "ipv4"),
        (RouteKind::Ipv6, "ipv6"),
        (RouteKind::Domain, "domain"),
        (RouteKind::ExitNode, "exit"),
    ]
    .into_iter()
    .map(|(kind, key)| {
        let n = routes.iter().filter(|r| r.kind() == kind).count() as u64;
        part(kind.label(), n, format!("/routes?type={key}"), false)
    })
    .collect()
}

/// Networks by high availability: served by several routing peers, or by one. A network is a
/// network identifier; one routed by a peer group counts its group's peers.
pub fn route_ha(routes: &[Route], group_sizes: &HashMap<String, u64>) -> Vec<Part> {
    let mut routers: HashMap<&str, u64> = HashMap::new();
    for r in routes.iter().filter(|r| r.enabled) {
        let n = if r.peer_groups.is_empty() {
            1
        } else {
            r.peer_groups
                .iter()
                .map(|g| group_sizes.get(g).copied().unwrap_or(0))
                .sum()
        };
        *routers.entry(r.network_id.as_str()).or_default() += n;
    }
    let ha = routers.values().filter(|n| **n > 1).count() as u64;
    let single = routers.len() as u64 - ha;
    vec![
        part(t("Highly available"), ha, "/routes".into(), false),
        part(t("One routing peer"), single, "/routes".into(), true),
    ]
}

/// Setup keys by state.
pub fn key_states(keys: &[SetupKey]) -> Vec<Part> {
    [
        ("valid", t("Valid"), false),
        ("overused", t("Overused"), true),
        ("expired", t("Expired"), true),
        ("revoked", t("Revoked"), true),
    ]
    .into_iter()
    .map(|(state, label, marked)| {
        let n = keys.iter().filter(|k| k.state == state).count() as u64;
        part(label, n, format!("/setup-keys?state={state}"), marked)
    })
    .collect()
}

/// Events per day over the 30 days up to `today` (day numbers), each linking to its day.
pub fn events_per_day(days: &[i64], today: i64) -> Vec<Part> {
    use crate::resources::event::days::format_day;
    (today - 29..=today)
        .map(|day| {
            let n = days.iter().filter(|d| **d == day).count() as u64;
            let date = format_day(day);
            part(
                date.clone(),
                n,
                format!("/events?from={date}&to={date}"),
                false,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_and_offline_link_to_their_search() {
        let p = online([true, false, true].into_iter());
        assert_eq!((p[0].value, p[1].value), (2, 1));
        assert_eq!(p[0].href, "/peers?q=status%3Aonline");
        assert!(p[1].marked && !p[0].marked);
    }

    #[test]
    fn os_families_largest_first_with_the_rest_summed() {
        let oses = [
            "Linux 6.8",
            "Linux 5.15",
            "Windows 11",
            "Darwin 14.1",
            "iOS 17",
            "Android 14",
            "FreeBSD 14",
            "",
        ];
        let p = os_mix(oses.into_iter());
        assert_eq!(p[0].label, "Linux");
        assert_eq!(p[0].value, 2);
        assert_eq!(p[0].href, "/peers?q=os%3Alinux");
        assert_eq!(p.len(), 6);
        assert_eq!(p[5].label, "Other");
        assert_eq!(p.iter().map(|p| p.value).sum::<u64>(), oses.len() as u64);
    }

    #[test]
    fn versions_newest_first_older_ones_marked() {
        let p = versions(["0.39.0", "0.40.1", "0.40.1", "0.9.0"].into_iter());
        let labels: Vec<&str> = p.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["0.40.1", "0.39.0", "0.9.0"]);
        assert_eq!(
            p.iter().map(|p| p.marked).collect::<Vec<_>>(),
            [false, true, true]
        );
        assert_eq!(p[0].href, "/peers?q=version%3A0.40.1");
    }

    #[test]
    fn routes_by_kind_and_availability() {
        let r = |id: &str, net: &str, peer_groups: &[&str]| Route {
            id: id.into(),
            network_id: id.into(),
            network: net.into(),
            enabled: true,
            peer: if peer_groups.is_empty() {
                "p".into()
            } else {
                String::new()
            },
            peer_groups: peer_groups.iter().map(|g| g.to_string()).collect(),
            ..Route::default()
        };
        let routes = vec![
            r("a", "10.0.0.0/8", &[]),
            r("b", "0.0.0.0/0", &[]),
            r("c", "10.1.0.0/16", &["big"]),
            r("d", "10.2.0.0/16", &["one"]),
            Route {
                network_id: "a".into(),
                ..r("a2", "10.0.0.0/8", &[])
            },
        ];
        let kinds = route_kinds(&routes);
        assert_eq!(kinds[0].value, 4);
        assert_eq!(kinds[3].value, 1);
        assert_eq!(kinds[3].href, "/routes?type=exit");
        let sizes = HashMap::from([("big".to_string(), 3), ("one".to_string(), 1)]);
        let ha = route_ha(&routes, &sizes);
        // a (two routes) and c (three peers) are HA; b and d have one routing peer.
        assert_eq!((ha[0].value, ha[1].value), (2, 2));
    }

    #[test]
    fn keys_by_state_and_events_by_day() {
        let k = |state: &str| SetupKey {
            state: state.into(),
            ..SetupKey::default()
        };
        let p = key_states(&[k("valid"), k("valid"), k("revoked")]);
        assert_eq!((p[0].value, p[3].value), (2, 1));
        assert_eq!(p[3].href, "/setup-keys?state=revoked");
        let today = crate::resources::event::days::parse_day("2026-12-01").unwrap();
        let e = events_per_day(&[today, today, today - 1, today - 40], today);
        assert_eq!(e.len(), 30);
        assert_eq!(e[29].value, 2);
        assert_eq!(e[28].value, 1);
        assert_eq!(e[29].href, "/events?from=2026-12-01&to=2026-12-01");
        assert_eq!(e.iter().map(|p| p.value).sum::<u64>(), 3);
    }
}
