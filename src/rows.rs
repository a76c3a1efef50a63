//! Each resource's columns, filters and rows for the shared table. Pure: the pages fetch, these
//! functions turn API models into display rows (names instead of IDs, relative times, badges).

use crate::format::{relative_time, thousands};
use crate::models::route::metric_band;
use crate::models::{
    is_never, Event, Group, MetaValue, NameserverGroup, Peer, PeerMinimum, Policy, Route, SetupKey,
    User,
};
use crate::table::{Cell, Column, Filter, Row, SortKey, Tone};
use std::collections::HashMap;

/// ID → name lookups, so no page ever shows a raw ID where a name exists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    pub peers: HashMap<String, String>,
    pub groups: HashMap<String, String>,
    pub group_sizes: HashMap<String, u64>,
}

impl Names {
    pub fn new(peers: &[Peer], groups: &[Group]) -> Names {
        Names::build(peers.iter().map(|p| (&p.id, &p.name)), groups)
    }
    /// From peers decoded as just their ID and name (a page that only names peers decodes a
    /// 10,000-peer list that way, much faster than as whole peers).
    pub fn of(peers: &[PeerMinimum], groups: &[Group]) -> Names {
        Names::build(peers.iter().map(|p| (&p.id, &p.name)), groups)
    }
    fn build<'a>(peers: impl Iterator<Item = (&'a String, &'a String)>, groups: &[Group]) -> Names {
        Names {
            peers: peers.map(|(id, name)| (id.clone(), name.clone())).collect(),
            groups: groups
                .iter()
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect(),
            group_sizes: groups
                .iter()
                .map(|g| (g.id.clone(), g.peers_count))
                .collect(),
        }
    }
    pub fn peer(&self, id: &str) -> String {
        self.peers
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("unknown peer {id}"))
    }
    pub fn group(&self, id: &str) -> String {
        self.groups
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("unknown group {id}"))
    }
    pub fn group_list(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| self.group(id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

fn yes_no(b: bool, yes: &str, no: &str, tone_yes: Tone) -> Cell {
    if b {
        Cell::text(yes).badge(tone_yes)
    } else {
        Cell::text(no).badge(Tone::Neutral)
    }
}

fn time_cell(ts: &str, now: i64) -> Cell {
    let sort = crate::format::parse_rfc3339(ts)
        .filter(|_| !is_never(ts))
        .map(|t| SortKey::Num(i128::from(t)))
        .unwrap_or(SortKey::Empty);
    Cell::text(relative_time(ts, now))
        .sorted_by(sort)
        .titled(ts)
        .muted()
}

// ---------------------------------------------------------------------------------------- peers

pub const PEER_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("ip", "Address"),
    Column::new("groups", "Groups"),
    Column::new("os", "OS"),
    Column::new("version", "Version"),
    Column::new("status", "Status"),
];

pub fn peer_filters() -> Vec<Filter> {
    vec![
        Filter {
            key: "status",
            label: "Status",
            options: options(&[
                ("online", "Online"),
                ("offline", "Offline"),
                ("approval", "Needs approval"),
                ("expired", "Login expired"),
            ]),
        },
        Filter {
            key: "os",
            label: "OS",
            options: options(&[
                ("linux", "Linux"),
                ("darwin", "macOS"),
                ("windows", "Windows"),
                ("ios", "iOS"),
                ("android", "Android"),
                ("other", "Other"),
            ]),
        },
    ]
}

fn os_family(os: &str) -> &'static str {
    let os = os.to_ascii_lowercase();
    ["linux", "darwin", "windows", "ios", "android"]
        .into_iter()
        .find(|f| os.starts_with(f))
        .unwrap_or("other")
}

pub fn peer_row(p: &Peer, now: i64) -> Row {
    let groups: Vec<&str> = p
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .filter(|n| *n != "All")
        .collect();
    let status = if p.connected {
        Cell::text("Online")
            .badge(Tone::Good)
            .sorted_by(SortKey::Num(i128::from(i64::MAX)))
    } else {
        let seen = relative_time(&p.last_seen, now);
        let sort = crate::format::parse_rfc3339(&p.last_seen)
            .map(|t| SortKey::Num(i128::from(t)))
            .unwrap_or(SortKey::Empty);
        Cell::text("Offline")
            .badge(Tone::Neutral)
            .with_sub(format!("seen {seen}"))
            .sorted_by(sort)
            .titled(p.last_seen.clone())
    };
    let cells = vec![
        Cell::text(&p.name).strong().with_sub(p.dns_label.clone()),
        Cell::ip(&p.ip).with_sub(p.ipv6.clone()),
        Cell::text(groups.join(", ")),
        Cell::text(&p.os),
        Cell::text(&p.version).mono(),
        status,
    ];
    let mut row = Row::new(
        &p.id,
        cells,
        &[&p.hostname, &p.country_code, &p.city_name, &p.connection_ip],
    )
    .facet("status", if p.connected { "online" } else { "offline" })
    .facet("os", os_family(&p.os));
    if p.approval_required {
        row = row.facet("status", "approval");
    }
    if p.login_expired {
        row = row.facet("status", "expired");
    }
    row
}

// --------------------------------------------------------------------------------------- groups

pub const GROUP_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::numeric("peers", "Peers"),
    Column::numeric("resources", "Resources"),
    Column::new("issued", "Issued by"),
];

pub fn group_row(g: &Group) -> Row {
    let peers: Vec<&str> = g.peers.iter().take(5).map(|p| p.name.as_str()).collect();
    let more = g.peers_count.saturating_sub(peers.len() as u64);
    let mut sample = peers.join(", ");
    if more > 0 {
        sample.push_str(&format!(" and {} more", thousands(more)));
    }
    let cells = vec![
        Cell::text(&g.name).strong().with_sub(sample),
        Cell::num(i128::from(g.peers_count), thousands(g.peers_count)),
        Cell::num(i128::from(g.resources_count), thousands(g.resources_count)),
        Cell::text(if g.issued.is_empty() {
            "api"
        } else {
            &g.issued
        })
        .muted(),
    ];
    Row::new(&g.id, cells, &[]).facet(
        "issued",
        if g.issued.is_empty() {
            "api"
        } else {
            g.issued.as_str()
        },
    )
}

// --------------------------------------------------------------------------------------- routes

pub const ROUTE_COLUMNS: &[Column] = &[
    Column::new("network_id", "Network identifier"),
    Column::new("type", "Type"),
    Column::new("network", "Network or domains"),
    Column::new("routing", "Routing peer"),
    Column::numeric("metric", "Metric"),
    Column::new("masquerade", "Masquerade"),
    Column::new("groups", "Distribution groups"),
    Column::new("acl", "Access control groups"),
];

/// Type and state filters, plus "routed by" (each routing peer and peer group in use) and
/// "distribution group", with names as labels and IDs as URL values.
pub fn route_filters(routes: &[Route], names: &Names) -> Vec<Filter> {
    let mut via: Vec<(String, String)> = Vec::new();
    let mut dist: Vec<(String, String)> = Vec::new();
    for r in routes {
        if !r.peer.is_empty() {
            via.push((r.peer.clone(), names.peer(&r.peer)));
        }
        for g in &r.peer_groups {
            via.push((g.clone(), format!("{} (group)", names.group(g))));
        }
        for g in &r.groups {
            dist.push((g.clone(), names.group(g)));
        }
    }
    for list in [&mut via, &mut dist] {
        crate::sort::sort_by(list, &|a, b| {
            a.1.to_lowercase()
                .cmp(&b.1.to_lowercase())
                .then(a.0.cmp(&b.0))
        });
        list.dedup();
    }
    let mut filters = route_state_filters();
    filters.push(Filter {
        key: "via",
        label: "Routed by",
        options: via,
    });
    filters.push(Filter {
        key: "group",
        label: "Distribution group",
        options: dist,
    });
    filters
}

fn route_state_filters() -> Vec<Filter> {
    vec![
        Filter {
            key: "type",
            label: "Type",
            options: options(&[
                ("ipv4", "IPv4"),
                ("ipv6", "IPv6"),
                ("domain", "Domain"),
                ("exit", "Exit node"),
            ]),
        },
        Filter {
            key: "enabled",
            label: "Enabled",
            options: options(&[("yes", "Enabled"), ("no", "Disabled")]),
        },
    ]
}

/// `siblings`: how many routes (this one included) share its network identifier (HA).
pub fn route_row(r: &Route, names: &Names, siblings: usize) -> Row {
    use crate::models::RouteKind;
    let kind = r.kind();
    let routing = if r.is_group_routed() {
        Cell::text(names.group_list(&r.peer_groups)).with_sub("HA · peer groups")
    } else if r.peer.is_empty() {
        Cell::text("none").muted()
    } else {
        Cell::text(names.peer(&r.peer))
    };
    let id_sub = match (siblings > 1, r.description.is_empty()) {
        (true, true) => format!("HA · {siblings} routing peers"),
        (true, false) => format!("HA · {siblings} routing peers · {}", r.description),
        (false, _) => r.description.clone(),
    };
    let cells = vec![
        Cell::text(&r.network_id).strong().with_sub(id_sub),
        Cell::text(kind.label()).badge(if kind == RouteKind::ExitNode {
            Tone::Warn
        } else {
            Tone::Info
        }),
        Cell::text(r.destination()).mono(),
        routing,
        Cell::num(i128::from(r.metric), r.metric.to_string()).with_sub(metric_band(r.metric)),
        yes_no(r.masquerade, "On", "Off", Tone::Neutral),
        Cell::text(names.group_list(&r.groups)),
        Cell::text(names.group_list(&r.access_control_groups)),
    ];
    let kind_facet = match kind {
        RouteKind::Ipv4 => "ipv4",
        RouteKind::Ipv6 => "ipv6",
        RouteKind::Domain => "domain",
        RouteKind::ExitNode => "exit",
    };
    let mut row = Row::new(&r.id, cells, &[])
        .facet("type", kind_facet)
        .facet("enabled", if r.enabled { "yes" } else { "no" });
    if !r.peer.is_empty() {
        row = row.facet("via", r.peer.clone());
    }
    for g in &r.peer_groups {
        row = row.facet("via", g.clone());
    }
    for g in &r.groups {
        row = row.facet("group", g.clone());
    }
    row
}

// ------------------------------------------------------------------------------------- policies

pub const POLICY_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("action", "Action"),
    Column::new("protocol", "Protocol"),
    Column::new("sources", "Sources"),
    Column::new("destinations", "Destinations"),
    Column::new("enabled", "Enabled"),
];

pub fn policy_row(p: &Policy) -> Row {
    let rule = p.rules.first().cloned().unwrap_or_default();
    let names = |gs: &[crate::models::GroupMinimum]| {
        gs.iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut proto = rule.protocol.to_uppercase();
    if !rule.ports.is_empty() {
        proto.push_str(&format!(" {}", rule.ports.join(", ")));
    }
    let arrow = if rule.bidirectional { "⇄" } else { "→" };
    let cells = vec![
        Cell::text(&p.name).strong().with_sub(p.description.clone()),
        Cell::text(&rule.action).badge(if rule.action == "drop" {
            Tone::Bad
        } else {
            Tone::Good
        }),
        Cell::text(proto).mono(),
        Cell::text(names(&rule.sources)),
        Cell::text(format!("{arrow} {}", names(&rule.destinations))),
        yes_no(p.enabled, "Enabled", "Disabled", Tone::Good),
    ];
    Row::new(&p.id, cells, &[]).facet("enabled", if p.enabled { "yes" } else { "no" })
}

// ------------------------------------------------------------------------------------------ dns

pub const NAMESERVER_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("servers", "Nameservers"),
    Column::new("domains", "Match domains"),
    Column::new("groups", "Distribution groups"),
    Column::new("enabled", "Enabled"),
];

pub fn nameserver_row(n: &NameserverGroup, names: &Names) -> Row {
    let servers: Vec<String> = n
        .nameservers
        .iter()
        .map(|s| format!("{}:{}", s.ip, s.port))
        .collect();
    let domains = if n.primary {
        Cell::text("All domains (primary)").badge(Tone::Info)
    } else {
        Cell::text(n.domains.join(", ")).mono()
    };
    let cells = vec![
        Cell::text(&n.name).strong().with_sub(n.description.clone()),
        Cell::text(servers.join(", ")).mono(),
        domains,
        Cell::text(names.group_list(&n.groups)),
        yes_no(n.enabled, "Enabled", "Disabled", Tone::Good),
    ];
    Row::new(&n.id, cells, &[])
}

// ----------------------------------------------------------------------------------- setup keys

pub const SETUP_KEY_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("type", "Type"),
    Column::new("state", "State"),
    Column::numeric("used", "Used"),
    Column::new("last_used", "Last used"),
    Column::new("expires", "Expires"),
    Column::new("groups", "Auto-assigned groups"),
];

pub fn setup_key_filters() -> Vec<Filter> {
    vec![Filter {
        key: "state",
        label: "State",
        options: options(&[
            ("valid", "Valid"),
            ("overused", "Overused"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ]),
    }]
}

pub fn setup_key_row(k: &SetupKey, names: &Names, now: i64) -> Row {
    let tone = if k.state == "valid" {
        Tone::Good
    } else {
        Tone::Bad
    };
    let limit = if k.usage_limit == 0 {
        "∞".to_string()
    } else {
        thousands(k.usage_limit)
    };
    let expires = if is_never(&k.expires) {
        Cell::text("never").muted()
    } else {
        time_cell(&k.expires, now)
    };
    let cells = vec![
        Cell::text(&k.name).strong().with_sub(k.key.clone()),
        Cell::text(&k.key_type),
        Cell::text(&k.state).badge(tone),
        Cell::num(
            i128::from(k.used_times),
            format!("{} / {limit}", thousands(k.used_times)),
        ),
        time_cell(&k.last_used, now),
        expires,
        Cell::text(names.group_list(&k.auto_groups)),
    ];
    Row::new(&k.id, cells, &[]).facet("state", k.state.clone())
}

// ---------------------------------------------------------------------------------------- users

pub const USER_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("role", "Role"),
    Column::new("status", "Status"),
    Column::new("kind", "Kind"),
    Column::new("last_login", "Last login"),
    Column::new("groups", "Auto-assigned groups"),
];

pub fn user_filters() -> Vec<Filter> {
    vec![
        Filter {
            key: "role",
            label: "Role",
            options: options(&[
                ("owner", "Owner"),
                ("admin", "Admin"),
                ("network_admin", "Network admin"),
                ("auditor", "Auditor"),
                ("user", "User"),
                ("billing_admin", "Billing admin"),
            ]),
        },
        Filter {
            key: "kind",
            label: "Kind",
            options: options(&[("person", "People"), ("service", "Service users")]),
        },
    ]
}

pub fn user_row(u: &User, names: &Names, now: i64) -> Row {
    let tone = match u.status.as_str() {
        "active" => Tone::Good,
        "invited" => Tone::Info,
        _ => Tone::Bad,
    };
    let status = if u.is_blocked {
        "blocked"
    } else {
        u.status.as_str()
    };
    let sub = if u.name.is_empty() || u.email.is_empty() {
        String::new()
    } else {
        u.email.clone()
    };
    let cells = vec![
        Cell::text(u.display_name()).strong().with_sub(sub),
        Cell::text(u.role.replace('_', " ")),
        Cell::text(status).badge(tone),
        Cell::text(if u.is_service_user {
            "Service user"
        } else {
            "Person"
        })
        .muted(),
        time_cell(&u.last_login, now),
        Cell::text(names.group_list(&u.auto_groups)),
    ];
    Row::new(&u.id, cells, &[&u.email])
        .facet("role", u.role.to_ascii_lowercase())
        .facet(
            "kind",
            if u.is_service_user {
                "service"
            } else {
                "person"
            },
        )
}

// --------------------------------------------------------------------------------------- events

pub const EVENT_COLUMNS: &[Column] = &[
    Column::new("time", "When"),
    Column::new("activity", "Activity"),
    Column::new("initiator", "By"),
    Column::new("details", "Details"),
];

pub fn event_row(e: &Event, now: i64) -> Row {
    // In name order, whatever order the server sent them in.
    let mut meta: Vec<&(String, MetaValue)> = e.meta.0.iter().collect();
    crate::sort::sort_by(&mut meta, &|a, b| a.0.cmp(&b.0));
    let details: Vec<String> = meta
        .into_iter()
        .map(|(k, v)| match v {
            MetaValue::Text(s) | MetaValue::Json(s) => format!("{k}: {s}"),
            MetaValue::Null => format!("{k}: –"),
        })
        .collect();
    let who = if e.initiator_name.is_empty() {
        e.initiator_email.clone()
    } else {
        e.initiator_name.clone()
    };
    let cells = vec![
        time_cell(&e.timestamp, now),
        Cell::text(&e.activity)
            .strong()
            .with_sub(e.activity_code.clone()),
        Cell::text(who).with_sub(if e.initiator_name.is_empty() {
            String::new()
        } else {
            e.initiator_email.clone()
        }),
        Cell::text(details.join(" · ")).muted(),
    ];
    let family = e.activity_code.split('.').next().unwrap_or("").to_string();
    Row::new(&e.id, cells, &[&e.target_id]).facet("kind", family)
}

pub fn event_filters() -> Vec<Filter> {
    vec![Filter {
        key: "kind",
        label: "Resource",
        options: options(&[
            ("peer", "Peers"),
            ("group", "Groups"),
            ("route", "Routes"),
            ("policy", "Policies"),
            ("user", "Users"),
            ("setupkey", "Setup keys"),
            ("nameserver", "DNS"),
            ("account", "Account"),
        ]),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{list, ListQuery};

    const NOW: i64 = 1_795_400_000;

    fn peer(id: &str, name: &str, ip: &str, connected: bool) -> Peer {
        Peer {
            id: id.into(),
            name: name.into(),
            ip: ip.into(),
            connected,
            os: "Linux 6.8".into(),
            last_seen: "2026-11-20T10:00:00Z".into(),
            ..Peer::default()
        }
    }

    #[test]
    fn peer_rows_filter_by_status_and_os() {
        let peers = [
            peer("1", "gw-fra-1", "100.64.0.2", true),
            peer("2", "laptop-alice", "100.64.0.10", false),
        ];
        let rows: Vec<Row> = peers.iter().map(|p| peer_row(p, NOW)).collect();
        let q = ListQuery::from_pairs([("status", "offline")], &["status", "os"]);
        let l = list(&rows, PEER_COLUMNS, &q);
        assert_eq!(l.page_rows, vec![1]);
        assert!(rows[1].cells[5]
            .sub
            .as_deref()
            .unwrap_or("")
            .starts_with("seen "));
        let q = ListQuery::from_pairs([("os", "linux"), ("sort", "-ip")], &["status", "os"]);
        assert_eq!(list(&rows, PEER_COLUMNS, &q).page_rows, vec![1, 0]);
    }

    #[test]
    fn route_rows_use_names_never_ids() {
        let peers = [peer("p1", "gw-fra-1", "100.64.0.2", true)];
        let groups = [Group {
            id: "g1".into(),
            name: "devops".into(),
            peers_count: 3,
            ..Group::default()
        }];
        let names = Names::new(&peers, &groups);
        let r = Route {
            id: "r".into(),
            network_id: "office".into(),
            network_type: "IPv4".into(),
            network: "10.0.0.0/24".into(),
            peer: "p1".into(),
            metric: 9999,
            groups: vec!["g1".into(), "gone".into()],
            enabled: true,
            ..Route::default()
        };
        let row = route_row(&r, &names, 1);
        assert_eq!(row.cells[3].text, "gw-fra-1");
        assert_eq!(row.cells[6].text, "devops, unknown group gone");
        assert_eq!(row.cells[4].sub.as_deref(), Some("Low"));
        assert!(row.search.contains("gw-fra-1") && row.search.contains("devops"));
        let ha = Route {
            peer: String::new(),
            peer_groups: vec!["g1".into()],
            ..r
        };
        assert_eq!(
            route_row(&ha, &names, 1).cells[3].sub.as_deref(),
            Some("HA · peer groups")
        );
        assert_eq!(
            route_row(&ha, &names, 3).cells[0].sub.as_deref(),
            Some("HA · 3 routing peers")
        );
    }

    #[test]
    fn route_filters_by_routing_peer_and_group() {
        let peers = [
            peer("p1", "gw-fra-1", "100.64.0.2", true),
            peer("p2", "gw-ams-1", "100.64.0.3", true),
        ];
        let groups = [
            Group {
                id: "g1".into(),
                name: "devops".into(),
                ..Group::default()
            },
            Group {
                id: "g2".into(),
                name: "routers".into(),
                ..Group::default()
            },
        ];
        let names = Names::new(&peers, &groups);
        let mk = |id: &str, peer: &str, pg: &[&str], dist: &[&str]| Route {
            id: id.into(),
            network_id: id.into(),
            network: "10.0.0.0/24".into(),
            peer: peer.into(),
            peer_groups: pg.iter().map(|s| s.to_string()).collect(),
            groups: dist.iter().map(|s| s.to_string()).collect(),
            metric: 9999,
            ..Route::default()
        };
        let routes = [
            mk("a", "p1", &[], &["g1"]),
            mk("b", "", &["g2"], &["g1", "g2"]),
            mk("c", "p1", &[], &["g2"]),
        ];
        let filters = route_filters(&routes, &names);
        let via = filters.iter().find(|f| f.key == "via").unwrap();
        assert_eq!(
            via.options,
            vec![
                ("p1".to_string(), "gw-fra-1".to_string()),
                ("g2".to_string(), "routers (group)".to_string())
            ]
        );
        let rows: Vec<Row> = routes.iter().map(|r| route_row(r, &names, 1)).collect();
        let ids = |pairs: &[(&str, &str)]| {
            let q = ListQuery::from_pairs(pairs.iter().copied(), &["via", "group"]);
            list(&rows, ROUTE_COLUMNS, &q)
                .page_rows
                .iter()
                .map(|i| rows[*i].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&[("via", "p1")]), vec!["a", "c"]);
        assert_eq!(ids(&[("via", "g2")]), vec!["b"]);
        assert_eq!(ids(&[("group", "g2")]), vec!["b", "c"]);
        assert_eq!(ids(&[("group", "g1"), ("via", "p1")]), vec!["a"]);
    }

    #[test]
    fn event_meta_of_any_json_type() {
        let e: Event = crate::json::decode_str(r#"{"id":"1","timestamp":"2026-11-20T10:00:00Z","activity":"Route created","activity_code":"route.add","meta":{"name":"office","n":3,"x":null,"o":{"a": [1]}}}"#).unwrap();
        let row = event_row(&e, NOW);
        assert_eq!(
            row.cells[3].text,
            "n: 3 · name: office · o: {\"a\": [1]} · x: –"
        );
        assert_eq!(row.facets, vec![("kind", "route".to_string())]);
    }

    #[test]
    fn users_and_keys() {
        let names = Names::default();
        let u = User {
            id: "u".into(),
            email: "a@b.c".into(),
            role: "network_admin".into(),
            status: "active".into(),
            is_service_user: true,
            ..User::default()
        };
        let row = user_row(&u, &names, NOW);
        assert_eq!(row.cells[0].text, "a@b.c");
        assert_eq!(row.cells[1].text, "network admin");
        let k = SetupKey {
            id: "k".into(),
            name: "ci".into(),
            state: "valid".into(),
            expires: crate::models::ZERO_TIME.into(),
            last_used: crate::models::ZERO_TIME.into(),
            ..SetupKey::default()
        };
        let row = setup_key_row(&k, &names, NOW);
        assert_eq!(row.cells[5].text, "never");
        assert_eq!(row.cells[3].text, "0 / ∞");
    }
}
