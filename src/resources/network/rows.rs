//! The access view's table: one row per peer connected with the peer asked about. Pure.

use super::access::{Reach, Way};
use super::matrix::traffic;
use super::Net;
use crate::base::i18n::t;
use crate::base::listing::{Cell, Column, Filter, Row, Tone};
use crate::resources::cells::options;
use crate::resources::PolicyRule;
use std::collections::HashMap;

pub const ACCESS_COLUMNS: &[Column] = &[
    Column::new("peer", "Peer"),
    Column::new("way", "Direction"),
    Column::new("traffic", "Traffic"),
    Column::new("policies", "Policies"),
];

/// The column drawn with links to the policies.
pub const COL_POLICIES: usize = 3;
/// The column drawn with a link to the peer.
pub const COL_PEER: usize = 0;

/// The direction filter.
pub fn access_filters() -> Vec<Filter> {
    vec![Filter {
        key: "way",
        label: "Direction",
        options: options(&[
            ("out", t("It reaches")),
            ("in", t("Reaches it")),
            ("both", t("Both ways")),
            ("drop", t("Dropped")),
        ]),
    }]
}

/// `out`, `in`, `both`, or `drop` when only drop rules connect them.
pub fn way_key(r: &Reach) -> &'static str {
    match (r.reaches(), r.reached_by()) {
        (true, true) => "both",
        (true, false) => "out",
        (false, true) => "in",
        (false, false) => "drop",
    }
}

/// Every connected peer's row; each rule's traffic is written once (a rule connects thousands).
pub fn access_rows(net: &Net, access: &[Reach]) -> Vec<Row> {
    let mut texts: HashMap<*const PolicyRule, String> = HashMap::new();
    access
        .iter()
        .map(|r| {
            row(net, r, &mut |rule| {
                texts
                    .entry(rule as *const PolicyRule)
                    .or_insert_with(|| traffic(rule))
                    .clone()
            })
        })
        .collect()
}

pub fn access_row(net: &Net, r: &Reach) -> Row {
    row(net, r, &mut traffic)
}

fn row(net: &Net, r: &Reach, traffic: &mut dyn FnMut(&PolicyRule) -> String) -> Row {
    let peer = net.peer(r.peer);
    let name = peer.map_or(r.peer, |p| p.name.as_str());
    let ip = peer.map_or("", |p| p.ip.as_str());
    let key = way_key(r);
    let (way, tone) = match key {
        "both" => (t("↔ both ways"), Tone::Good),
        "out" => (t("→ it reaches"), Tone::Info),
        "in" => (t("← reaches it"), Tone::Info),
        _ => (t("dropped"), Tone::Bad),
    };
    let mut traffic_parts: Vec<String> = Vec::new();
    let mut policies: Vec<&str> = Vec::new();
    for g in &r.grants {
        let mut text = traffic(g.rule);
        if g.way == Way::In && !g.rule.bidirectional {
            text = format!("← {text}");
        }
        if !traffic_parts.contains(&text) {
            traffic_parts.push(text);
        }
        if !policies.contains(&g.policy.name.as_str()) {
            policies.push(g.policy.name.as_str());
        }
    }
    let mut policy_cell = Cell::text(policies.join(", "));
    if r.grants.iter().any(|g| g.needs_posture()) {
        policy_cell = policy_cell.with_sub(t("with posture checks"));
    }
    Row::new(
        r.peer,
        vec![
            Cell::text(name).strong().with_sub(ip.to_string()),
            Cell::text(way).badge(tone),
            Cell::text(traffic_parts.join(" · ")).mono(),
            policy_cell,
        ],
        &[],
    )
    .facet("way", key)
}

#[cfg(test)]
mod tests {
    use super::super::access::peer_access;
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn a_row_per_connected_peer_with_its_direction_traffic_and_policies() {
        let mut back = rule("back", "udp", &["servers"], &["devs"]);
        back.ports = vec!["53".into()];
        let a = account(vec![
            policy(
                "web",
                vec![PolicyRule {
                    ports: vec!["443".into()],
                    ..rule("web", "tcp", &["devs"], &["servers"])
                }],
            ),
            policy("dns", vec![back]),
        ]);
        let net = a.net();
        let access = peer_access(&net, "p1");
        let row = access_row(&net, &access[0]);
        assert_eq!(row.id, "p3");
        assert_eq!(row.cells[0].text, "p3-name");
        assert_eq!(row.cells[0].sub.as_deref(), Some("100.64.0.3"));
        assert_eq!(row.cells[1].text, "↔ both ways");
        assert_eq!(row.cells[2].text, "TCP 443 · ← UDP 53");
        assert_eq!(row.cells[3].text, "web-name, dns-name");
        assert_eq!(row.facets, [("way", "both".into())]);
        // All at once, the same rows.
        let rows = access_rows(&net, &access);
        assert_eq!(rows.len(), access.len());
        assert_eq!(rows[0], row);
    }
}
