//! The routes table: columns, filters (type, state, routing peer, distribution group) and a
//! row per route, with HA siblings counted and names instead of IDs. Pure.

use crate::base::i18n::{t, tf};
use crate::base::listing::{Cell, Column, Filter, Row, Tone};
use crate::resources::cells::{options, yes_no};
use crate::resources::names::Names;
use crate::resources::route::metric_band_label;
use crate::resources::*;

pub const ROUTE_COLUMNS: &[Column] = &[
    Column::new("network_id", "Network identifier"),
    Column::new("type", "Type"),
    Column::new("network", "Network or domains"),
    Column::new("routing", "Routing peer"),
    Column::numeric("metric", "Metric"),
    Column::new("masquerade", "Masquerade"),
    Column::new("groups", "Distribution groups"),
    Column::new("acl", "Access control groups"),
    Column::new("enabled", "Enabled"),
];

/// Type and state filters, plus "routed by" (each routing peer and peer group in use) and
/// "distribution group", with names as labels and IDs as URL values. The filters' own labels
/// stay plain keys: the table translates them when rendering.
pub fn route_filters(routes: &[Route], names: &Names) -> Vec<Filter> {
    let mut via: Vec<(String, String)> = Vec::new();
    let mut dist: Vec<(String, String)> = Vec::new();
    for r in routes {
        if !r.peer.is_empty() {
            via.push((r.peer.clone(), names.peer(&r.peer)));
        }
        for g in &r.peer_groups {
            via.push((
                g.clone(),
                tf("{name} (group)", &[("name", &names.group(g))]),
            ));
        }
        for g in &r.groups {
            dist.push((g.clone(), names.group(g)));
        }
    }
    for list in [&mut via, &mut dist] {
        // By name, each lowercased once (not twice a comparison), then each once: a peer or a
        // group serves many routes.
        crate::base::sort::sort_by_key(list, &|(id, name)| (name.to_lowercase(), id.clone()));
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
                ("ipv4", RouteKind::Ipv4.label()),
                ("ipv6", RouteKind::Ipv6.label()),
                ("domain", RouteKind::Domain.label()),
                ("exit", RouteKind::ExitNode.label()),
            ]),
        },
        Filter {
            key: "enabled",
            label: "Enabled",
            options: options(&[("yes", t("Enabled")), ("no", t("Disabled"))]),
        },
    ]
}

/// Whether the routes read the same with either names: every peer and group they name.
pub fn same_names(routes: &[Route], a: &Names, b: &Names) -> bool {
    routes.iter().all(|r| {
        (r.peer.is_empty() || a.peer(&r.peer) == b.peer(&r.peer))
            && [&r.peer_groups, &r.groups, &r.access_control_groups]
                .into_iter()
                .flatten()
                .all(|g| a.group(g) == b.group(g))
    })
}

/// `siblings`: how many routes (this one included) share its network identifier (HA).
pub fn route_row(r: &Route, names: &Names, siblings: usize) -> Row {
    use crate::resources::RouteKind;
    let kind = r.kind();
    let routing = if r.is_group_routed() {
        Cell::text(names.group_list(&r.peer_groups)).with_sub(t("HA · peer groups"))
    } else if r.peer.is_empty() {
        Cell::text(t("none")).muted()
    } else if names.peers_pending && !names.peers.contains_key(&r.peer) {
        // Named once the peers arrive.
        Cell::text(names.peer(&r.peer)).muted()
    } else {
        Cell::text(names.peer(&r.peer))
    };
    let siblings_text = siblings.to_string();
    let id_sub = match (siblings > 1, r.description.is_empty()) {
        (true, true) => tf("HA · {n} routing peers", &[("n", &siblings_text)]),
        (true, false) => tf(
            "HA · {n} routing peers · {description}",
            &[("n", &siblings_text), ("description", &r.description)],
        ),
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
        Cell::num(r.metric, r.metric.to_string()).with_sub(metric_band_label(r.metric)),
        yes_no(r.masquerade, &t("On"), &t("Off"), Tone::Neutral),
        Cell::text(names.group_list(&r.groups)),
        Cell::text(names.group_list(&r.access_control_groups)),
        yes_no(r.enabled, &t("Enabled"), &t("Disabled"), Tone::Good),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::listing::{list, CellStyle, ListQuery};
    use crate::resources::fixtures::peer;

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
        // Before the peers arrive the routing peer is shown as loading, groups by name.
        let slim: Vec<GroupMinimum> = groups
            .iter()
            .map(|g| GroupMinimum {
                id: g.id.clone(),
                name: g.name.clone(),
                peers_count: g.peers_count,
            })
            .collect();
        let pending = route_row(&r, &Names::pending().with_groups(&slim), 1);
        assert_eq!(pending.cells[3].text, "Loading…");
        assert!(
            pending.cells[3].style == CellStyle::Muted && row.cells[3].style != CellStyle::Muted
        );
        assert_eq!(pending.cells[6].text, "devops, unknown group gone");
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
    fn routes_read_the_same_only_when_every_peer_and_group_they_name_does() {
        let groups = [GroupMinimum {
            id: "g1".into(),
            name: "devops".into(),
            peers_count: 0,
        }];
        let peers = [PeerMinimum {
            id: "p1".into(),
            name: "gw-fra-1".into(),
        }];
        let by_peer = Route {
            peer: "p1".into(),
            ..Route::default()
        };
        let by_acl = Route {
            access_control_groups: vec!["g1".into()],
            ..Route::default()
        };
        let named = Names::of(&peers, &groups);
        let renamed_peer = Names::of(&[], &groups);
        assert!(same_names(
            &[by_peer.clone(), by_acl.clone()],
            &named,
            &named.clone()
        ));
        assert!(!same_names(
            std::slice::from_ref(&by_peer),
            &named,
            &renamed_peer
        ));
        assert!(!same_names(
            std::slice::from_ref(&by_acl),
            &named,
            &Names::pending()
        ));
        // A name none of the routes shows changes nothing.
        assert!(same_names(&[by_acl], &named, &renamed_peer));
        assert!(same_names(&[], &named, &Names::pending()));
    }
}
