//! Groups × groups: for each pair, the rules letting the first group's peers open connections
//! to the second's (a bidirectional rule fills both cells). Pure.

use super::access::{Grant, Way};
use super::Net;
use crate::base::i18n::t;
use crate::resources::policy::ports::format_ports;
use crate::resources::PolicyRule;
use std::collections::HashMap;

/// The matrix: `groups` are both its rows (from) and its columns (to), by name.
pub struct Matrix<'a> {
    pub groups: Vec<&'a str>,
    cells: HashMap<(usize, usize), Vec<Grant<'a>>>,
}

impl<'a> Matrix<'a> {
    /// The rules from row `from` to column `to`.
    pub fn cell(&self, from: usize, to: usize) -> &[Grant<'a>] {
        self.cells.get(&(from, to)).map_or(&[], Vec::as_slice)
    }
    /// The rules from one group to another, by ID.
    pub fn between(&self, from: &str, to: &str) -> &[Grant<'a>] {
        let at = |id: &str| self.groups.iter().position(|g| *g == id);
        match (at(from), at(to)) {
            (Some(f), Some(t)) => self.cell(f, t),
            _ => &[],
        }
    }
}

/// Every group named on a side of an active rule, and the rules between them.
pub fn matrix<'a>(net: &Net<'a>) -> Matrix<'a> {
    let mut groups: Vec<&'a str> = Vec::new();
    let mut at: HashMap<&'a str, usize> = HashMap::new();
    let mut index = |id: &'a str, groups: &mut Vec<&'a str>| {
        *at.entry(id).or_insert_with(|| {
            groups.push(id);
            groups.len() - 1
        })
    };
    let mut pairs: Vec<(usize, usize, Grant<'a>)> = Vec::new();
    for (policy, rule) in net.active_rules() {
        if rule.source_resource.is_some() || rule.destination_resource.is_some() {
            continue;
        }
        for s in &rule.sources {
            for d in &rule.destinations {
                let (si, di) = (index(&s.id, &mut groups), index(&d.id, &mut groups));
                pairs.push((
                    si,
                    di,
                    Grant {
                        policy,
                        rule,
                        way: Way::Out,
                    },
                ));
                if rule.bidirectional && si != di {
                    pairs.push((
                        di,
                        si,
                        Grant {
                            policy,
                            rule,
                            way: Way::In,
                        },
                    ));
                }
            }
        }
    }
    // Rows and columns by name; the cells follow.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| net.group_name(groups[a]).cmp(net.group_name(groups[b])));
    let mut new_at = vec![0; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        new_at[old] = new;
    }
    let sorted: Vec<&'a str> = order.iter().map(|&i| groups[i]).collect();
    let mut cells: HashMap<(usize, usize), Vec<Grant<'a>>> = HashMap::new();
    for (s, d, g) in pairs {
        cells.entry((new_at[s], new_at[d])).or_default().push(g);
    }
    Matrix {
        groups: sorted,
        cells,
    }
}

/// A rule's traffic in a few words: `TCP 22, 443`, `UDP`, `ICMP`, `All`, `drop TCP 5432`.
pub fn traffic(rule: &PolicyRule) -> String {
    let protocol = match rule.protocol.as_str() {
        "all" => t("All"),
        "netbird-ssh" => "NetBird SSH".to_string(),
        other => other.to_uppercase(),
    };
    let ports = format_ports(&rule.ports, &rule.port_ranges);
    let text = if ports.is_empty() {
        protocol
    } else {
        format!("{protocol} {ports}")
    };
    if rule.action == "drop" {
        format!("{} {text}", t("drop"))
    } else {
        text
    }
}

/// A cell in a few words: its rules' traffic, each once, `·`-separated.
pub fn cell_text(grants: &[Grant]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for g in grants {
        let text = traffic(g.rule);
        if !parts.contains(&text) {
            parts.push(text);
        }
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::resources::PolicyRule;

    #[test]
    fn cells_hold_the_rules_between_two_groups() {
        let mut ping = rule("ping", "icmp", &["servers"], &["all"]);
        ping.bidirectional = true;
        let a = account(vec![
            policy(
                "db",
                vec![ranges(
                    rule("db", "tcp", &["devs"], &["dbs"]),
                    &[(5432, 5432), (3306, 3306)],
                )],
            ),
            policy("ping", vec![ping]),
            policy(
                "ssh",
                vec![PolicyRule {
                    ports: vec!["22".into()],
                    ..rule("ssh", "tcp", &["devs"], &["dbs", "servers"])
                }],
            ),
        ]);
        let net = a.net();
        let m = matrix(&net);
        // By name: All, dbs-name, devs-name, servers-name.
        assert_eq!(m.groups, ["all", "dbs", "devs", "servers"]);
        assert_eq!(
            cell_text(m.between("devs", "dbs")),
            "TCP 5432, 3306 · TCP 22"
        );
        assert_eq!(cell_text(m.between("devs", "servers")), "TCP 22");
        assert!(m.between("dbs", "devs").is_empty());
        // Bidirectional: both cells, the second marked as the reverse way.
        assert_eq!(cell_text(m.between("servers", "all")), "ICMP");
        assert_eq!(m.between("all", "servers")[0].way, Way::In);
        assert!(m.between("devs", "empty").is_empty());
    }

    #[test]
    fn rules_with_peer_resources_and_disabled_rules_stay_out() {
        let mut off = rule("off", "tcp", &["devs"], &["servers"]);
        off.enabled = false;
        let a = account(vec![policy(
            "x",
            vec![off, to_peer(rule("r", "tcp", &["devs"], &[]), "p5")],
        )]);
        assert!(matrix(&a.net()).groups.is_empty());
    }

    #[test]
    fn drop_rules_say_so() {
        let mut d = rule("d", "all", &["devs"], &["dbs"]);
        d.action = "drop".into();
        assert_eq!(traffic(&d), "drop All");
    }
}
