//! The policies table: a row per policy, its first rule summarised (sources → destinations,
//! protocol and ports, action, posture checks), with filters by enabled, protocol, source and
//! destination group, and a qualified search. Pure.

use super::ports::format_ports;
use super::validation::{extra_rules, PROTOCOLS};
use crate::base::i18n::{t, tf};
use crate::base::listing::{Cell, Column, Field, Filter, Row, SearchSpec, Tone};
use crate::base::search::{Kind, Qualifier};
use crate::resources::cells::{options, yes_no};
use crate::resources::group::GroupResource;
use crate::resources::*;

pub const POLICY_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("action", "Action"),
    Column::new("protocol", "Protocol"),
    Column::new("sources", "Sources"),
    Column::new("destinations", "Destinations"),
    Column::new("posture", "Posture checks"),
    Column::new("enabled", "Enabled"),
];

/// What the policies search understands besides words: see `policy_row_with`.
pub const POLICY_SEARCH: SearchSpec = SearchSpec {
    qualifiers: &[
        Qualifier::new("action", Kind::Word(&["accept", "drop"])),
        Qualifier::new("protocol", Kind::Word(PROTOCOLS)),
        Qualifier::new("src", Kind::Names),
        Qualifier::new("dst", Kind::Names),
        Qualifier::new("enabled", Kind::Word(&["yes", "no"])),
        Qualifier::new("posture", Kind::Names),
    ],
    addresses: false,
};

/// The filters (keys `enabled`, `protocol`, `source`, `destination`; a group filter's value
/// is the group's ID). The labels stay plain keys: the table translates them when rendering.
pub fn policy_filters(groups: &[GroupMinimum]) -> Vec<Filter> {
    let mut by_name: Vec<&GroupMinimum> = groups.iter().collect();
    by_name.sort_by_key(|g| g.name.to_lowercase());
    let group_options: Vec<(String, String)> = by_name
        .iter()
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    vec![
        Filter {
            key: "enabled",
            label: "Enabled",
            options: options(&[("yes", t("Enabled")), ("no", t("Disabled"))]),
        },
        Filter {
            key: "protocol",
            label: "Protocol",
            options: PROTOCOLS
                .iter()
                .map(|p| (p.to_string(), protocol_label(p)))
                .collect(),
        },
        Filter {
            key: "source",
            label: "Source group",
            options: group_options.clone(),
        },
        Filter {
            key: "destination",
            label: "Destination group",
            options: group_options,
        },
    ]
}

/// How a protocol is shown: `TCP`, `UDP`, `ICMP`, `NetBird SSH`, "All".
pub fn protocol_label(p: &str) -> String {
    match p {
        "all" => t("All"),
        "netbird-ssh" => "NetBird SSH".to_string(),
        other => other.to_uppercase(),
    }
}

/// A resource on one side of a rule, by ID and type (the policy does not carry its name).
fn resource_text(r: &GroupResource) -> String {
    tf(
        "resource {id} ({type})",
        &[("id", &r.id), ("type", &r.r#type)],
    )
}

/// One side of a rule: its group names, or its resource.
pub fn side_text(groups: &[GroupMinimum], resource: Option<&GroupResource>) -> String {
    match resource {
        Some(r) => resource_text(r),
        None => groups
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// `→` one way, `↔` both ways.
pub fn direction(rule: &PolicyRule) -> &'static str {
    if rule.bidirectional {
        "↔"
    } else {
        "→"
    }
}

/// The rule's ports as text (empty: every port, or none for all/icmp).
pub fn ports_text(rule: &PolicyRule) -> String {
    format_ports(&rule.ports, &rule.port_ranges)
}

/// The row of `p`, posture checks shown by ID (`policy_row_with` names them).
pub fn policy_row(p: &Policy) -> Row {
    policy_row_with(p, &[])
}

/// The row of `p`, posture checks named from `checks`. Facets: `enabled` (yes/no),
/// `protocol`, `source` and `destination` (group IDs). Search fields: `action`, `protocol`,
/// `src` and `dst` (group names; a resource by its ID), `enabled`, `posture` (check names).
pub fn policy_row_with(p: &Policy, checks: &[PostureCheck]) -> Row {
    let rule = p.rules.first().cloned().unwrap_or_default();
    let ports = ports_text(&rule);
    let posture: Vec<&str> = p
        .source_posture_checks
        .iter()
        .map(|id| {
            checks
                .iter()
                .find(|c| &c.id == id)
                .map_or(id.as_str(), |c| c.name.as_str())
        })
        .collect();
    let mut sources = Cell::text(side_text(&rule.sources, rule.source_resource.as_ref()));
    let more = extra_rules(p);
    if more > 0 {
        sources = sources.with_sub(if more == 1 {
            t("+1 more rule")
        } else {
            tf("+{n} more rules", &[("n", &more.to_string())])
        });
    }
    let mut protocol = Cell::text(protocol_label(&rule.protocol)).mono();
    if !ports.is_empty() {
        protocol = protocol.with_sub(ports.clone());
    }
    let cells = vec![
        Cell::text(&p.name).strong().with_sub(p.description.clone()),
        Cell::text(&rule.action).badge(if rule.action == "drop" {
            Tone::Bad
        } else {
            Tone::Good
        }),
        protocol,
        sources,
        Cell::text(format!(
            "{} {}",
            direction(&rule),
            side_text(&rule.destinations, rule.destination_resource.as_ref())
        )),
        Cell::text(posture.join(", ")),
        yes_no(p.enabled, &t("Enabled"), &t("Disabled"), Tone::Good),
    ];
    let names = |gs: &[GroupMinimum], r: &Option<GroupResource>| {
        let mut v: Vec<String> = gs.iter().map(|g| g.name.to_lowercase()).collect();
        v.extend(r.iter().map(|r| r.id.to_lowercase()));
        v
    };
    let word = |s: &str| Field::Text(s.to_string().into());
    let mut row = Row::new(&p.id, cells, &[])
        .facet("enabled", if p.enabled { "yes" } else { "no" })
        .facet("protocol", rule.protocol.clone())
        .field("action", word(&rule.action))
        .field("protocol", word(&rule.protocol))
        .field(
            "src",
            Field::Names(names(&rule.sources, &rule.source_resource)),
        )
        .field(
            "dst",
            Field::Names(names(&rule.destinations, &rule.destination_resource)),
        )
        .field("enabled", word(if p.enabled { "yes" } else { "no" }))
        .field(
            "posture",
            Field::Names(posture.iter().map(|n| n.to_lowercase()).collect()),
        );
    for g in &rule.sources {
        row = row.facet("source", g.id.clone());
    }
    for g in &rule.destinations {
        row = row.facet("destination", g.id.clone());
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::listing::{list_searched, ListQuery};
    use crate::resources::policy::PortRange;

    fn gm(id: &str, name: &str) -> GroupMinimum {
        GroupMinimum {
            id: id.into(),
            name: name.into(),
            peers_count: 1,
        }
    }

    fn policies() -> Vec<Policy> {
        let web = Policy {
            id: "p1".into(),
            name: "web".into(),
            description: "to the web".into(),
            enabled: true,
            source_posture_checks: vec!["pc1".into(), "pc9".into()],
            rules: vec![PolicyRule {
                action: "accept".into(),
                protocol: "tcp".into(),
                port_ranges: vec![
                    PortRange { start: 80, end: 80 },
                    PortRange {
                        start: 8000,
                        end: 8100,
                    },
                ],
                sources: vec![gm("gdev", "devs"), gm("gops", "ops")],
                destinations: vec![gm("gsrv", "servers")],
                ..PolicyRule::default()
            }],
        };
        let ssh = Policy {
            id: "p2".into(),
            name: "ssh".into(),
            enabled: false,
            rules: vec![
                PolicyRule {
                    action: "drop".into(),
                    protocol: "netbird-ssh".into(),
                    bidirectional: true,
                    sources: vec![gm("gops", "ops")],
                    destination_resource: Some(GroupResource {
                        id: "res1".into(),
                        r#type: "host".into(),
                    }),
                    ..PolicyRule::default()
                },
                PolicyRule::default(),
            ],
            ..Policy::default()
        };
        vec![web, ssh]
    }

    fn rows() -> Vec<Row> {
        let checks = [PostureCheck {
            id: "pc1".into(),
            name: "recent".into(),
            ..PostureCheck::default()
        }];
        policies()
            .iter()
            .map(|p| policy_row_with(p, &checks))
            .collect()
    }

    #[test]
    fn cells_say_who_reaches_what_how() {
        let r = rows();
        let texts =
            |i: usize| -> Vec<String> { r[i].cells.iter().map(|c| c.text.clone()).collect() };
        assert_eq!(
            texts(0),
            [
                "web",
                "accept",
                "TCP",
                "devs, ops",
                "→ servers",
                "recent, pc9",
                "Enabled"
            ]
        );
        assert_eq!(r[0].cells[2].sub.as_deref(), Some("80, 8000-8100"));
        assert_eq!(
            texts(1),
            [
                "ssh",
                "drop",
                "NetBird SSH",
                "ops",
                "↔ resource res1 (host)",
                "",
                "Disabled"
            ]
        );
        assert_eq!(r[1].cells[3].sub.as_deref(), Some("+1 more rule"));
        assert_eq!(r[1].cells[2].sub, None);
        // The plain row shows posture checks by ID.
        assert_eq!(policy_row(&policies()[0]).cells[5].text, "pc1, pc9");
    }

    #[test]
    fn filters_and_search() {
        let r = rows();
        let keys = ["enabled", "protocol", "source", "destination"];
        let ids = |pairs: &[(&str, &str)], q: &str| -> Vec<usize> {
            let lq = ListQuery::from_pairs(pairs.iter().copied(), &keys);
            list_searched(&r, POLICY_COLUMNS, &lq, &POLICY_SEARCH.parse(q)).page_rows
        };
        assert_eq!(ids(&[("enabled", "no")], ""), [1]);
        assert_eq!(ids(&[("protocol", "tcp")], ""), [0]);
        assert_eq!(ids(&[("source", "gops")], ""), [0, 1]);
        assert_eq!(ids(&[("destination", "gsrv")], ""), [0]);
        assert_eq!(ids(&[], "src:devs"), [0]);
        assert_eq!(ids(&[], "dst:res1"), [1]);
        assert_eq!(ids(&[], "action:drop"), [1]);
        assert_eq!(ids(&[], "posture:recent"), [0]);
        let f = policy_filters(&[
            GroupMinimum {
                id: "g2".into(),
                name: "servers".into(),
                ..GroupMinimum::default()
            },
            GroupMinimum {
                id: "g1".into(),
                name: "Devs".into(),
                ..GroupMinimum::default()
            },
        ]);
        assert_eq!(f.iter().map(|f| f.key).collect::<Vec<_>>(), keys);
        assert_eq!(f[1].options.len(), 5);
        assert_eq!(
            f[1].options[4],
            ("netbird-ssh".to_string(), "NetBird SSH".to_string())
        );
        assert_eq!(
            f[2].options,
            [
                ("g1".to_string(), "Devs".to_string()),
                ("g2".to_string(), "servers".to_string())
            ]
        );
    }
}
