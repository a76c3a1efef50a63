//! What the policy form warns about without refusing: groups with nobody in them, a policy
//! that repeats another, and an accept policy that a broader one already covers. Pure.
//!
//! The comparisons are about what the rules say, not about peers: a side is its set of groups
//! (or its resource), a rule without ports covers every port. Conservative where it would
//! have to guess: a resource is only compared with the same resource (not with groups that
//! may hold it), and netbird-ssh rules are never called redundant (their authorized users
//! differ in ways the comparison does not see).

use super::model::{Policy, PolicyRule, PortRange};
use super::validation::{PolicyRequest, RuleRequest, ACCEPT, ALL, ICMP, NETBIRD_SSH};
use crate::base::i18n::tf;
use crate::resources::group::GroupResource;
use crate::resources::Group;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Side {
    /// Sorted, each once.
    Groups(Vec<String>),
    Resource(String),
}

impl Side {
    fn of(groups: Option<&[String]>, resource: Option<&GroupResource>) -> Side {
        match resource {
            Some(r) => Side::Resource(r.id.clone()),
            None => {
                let mut ids = groups.unwrap_or_default().to_vec();
                ids.sort();
                ids.dedup();
                Side::Groups(ids)
            }
        }
    }

    /// Whether this side (another rule's) takes in all of `mine`.
    fn covers(&self, mine: &Side, all_group: Option<&str>) -> bool {
        match (self, mine) {
            (Side::Groups(o), Side::Groups(m)) => {
                !m.is_empty()
                    && (all_group.is_some_and(|a| o.iter().any(|g| g == a))
                        || m.iter().all(|g| o.contains(g)))
            }
            (Side::Resource(o), Side::Resource(m)) => o == m,
            _ => false,
        }
    }
}

/// A rule's traffic, comparable.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Shape {
    sources: Side,
    destinations: Side,
    bidirectional: bool,
    action: String,
    protocol: String,
    /// Merged, sorted; empty: every port.
    ports: Vec<(i64, i64)>,
    /// Sorted, each once.
    posture: Vec<String>,
}

fn merged(ports: &[String], ranges: &[PortRange], protocol: &str) -> Vec<(i64, i64)> {
    if protocol == ALL || protocol == ICMP {
        return Vec::new();
    }
    let mut all: Vec<(i64, i64)> = ports
        .iter()
        .filter_map(|p| p.trim().parse::<i64>().ok())
        .map(|p| (p, p))
        .chain(ranges.iter().map(|r| (r.start, r.end)))
        .collect();
    all.sort();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(all.len());
    for (s, e) in all {
        match out.last_mut() {
            Some(last) if s <= last.1 + 1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn sorted(ids: &[String]) -> Vec<String> {
    let mut v = ids.to_vec();
    v.sort();
    v.dedup();
    v
}

impl Shape {
    fn of_request(r: &RuleRequest, posture: &[String]) -> Shape {
        Shape {
            sources: Side::of(r.sources.as_deref(), r.source_resource.as_ref()),
            destinations: Side::of(r.destinations.as_deref(), r.destination_resource.as_ref()),
            bidirectional: r.bidirectional,
            action: r.action.clone(),
            protocol: r.protocol.clone(),
            ports: merged(
                r.ports.as_deref().unwrap_or_default(),
                r.port_ranges.as_deref().unwrap_or_default(),
                &r.protocol,
            ),
            posture: sorted(posture),
        }
    }

    fn of_rule(r: &PolicyRule, posture: &[String]) -> Shape {
        let ids = |gs: &[crate::resources::GroupMinimum]| -> Vec<String> {
            gs.iter().map(|g| g.id.clone()).collect()
        };
        Shape {
            sources: Side::of(Some(&ids(&r.sources)), r.source_resource.as_ref()),
            destinations: Side::of(Some(&ids(&r.destinations)), r.destination_resource.as_ref()),
            bidirectional: r.bidirectional,
            action: r.action.clone(),
            protocol: r.protocol.clone(),
            ports: merged(&r.ports, &r.port_ranges, &r.protocol),
            posture: sorted(posture),
        }
    }

    /// The same traffic, the same way: A↔B is B↔A.
    fn same_as(&self, o: &Shape) -> bool {
        let sides = (self.sources == o.sources && self.destinations == o.destinations)
            || (self.bidirectional
                && self.sources == o.destinations
                && self.destinations == o.sources);
        sides
            && self.bidirectional == o.bidirectional
            && self.action == o.action
            && self.protocol == o.protocol
            && self.ports == o.ports
            && self.posture == o.posture
    }

    /// Whether `o` lets traffic from `x` to `y` through.
    fn passes(o: &Shape, x: &Side, y: &Side, all: Option<&str>) -> bool {
        (o.sources.covers(x, all) && o.destinations.covers(y, all))
            || (o.bidirectional && o.destinations.covers(x, all) && o.sources.covers(y, all))
    }

    /// Whether `o` (an enabled accept rule) already accepts all this accept rule does.
    fn covered_by(&self, o: &Shape, all: Option<&str>) -> bool {
        let protocol = self.protocol != NETBIRD_SSH
            && o.protocol != NETBIRD_SSH
            && (o.protocol == ALL || o.protocol == self.protocol);
        let ports = o.ports.is_empty()
            || (!self.ports.is_empty()
                && self
                    .ports
                    .iter()
                    .all(|&(s, e)| o.ports.iter().any(|&(os, oe)| os <= s && e <= oe)));
        // The other's posture checks must not be stricter than these.
        let posture = o.posture.iter().all(|p| self.posture.contains(p));
        self.action == ACCEPT
            && o.action == ACCEPT
            && protocol
            && ports
            && posture
            && Shape::passes(o, &self.sources, &self.destinations, all)
            && (!self.bidirectional || Shape::passes(o, &self.destinations, &self.sources, all))
    }
}

/// The form's warnings for `request`, each a sentence naming what it is about. `self_id`: the
/// policy being edited (not compared with itself); `groups`, `policies`: the account's.
pub fn warnings(
    request: &PolicyRequest,
    self_id: Option<&str>,
    groups: &[Group],
    policies: &[Policy],
) -> Vec<String> {
    let mut out = Vec::new();
    let group = |id: &str| groups.iter().find(|g| g.id == id);
    for rule in &request.rules {
        for id in rule.sources.iter().flatten() {
            if let Some(g) = group(id).filter(|g| g.peers_count == 0) {
                out.push(tf(
                    "The source group “{group}” has no peers yet: the policy lets nobody in it through.",
                    &[("group", &g.name)],
                ));
            }
        }
        for id in rule.destinations.iter().flatten() {
            if let Some(g) = group(id).filter(|g| g.peers_count == 0 && g.resources_count == 0) {
                out.push(tf(
                    "The destination group “{group}” has no peers or resources yet: the policy reaches nothing in it.",
                    &[("group", &g.name)],
                ));
            }
        }
    }
    let all = groups.iter().find(|g| g.is_all()).map(|g| g.id.as_str());
    let mine: Vec<Shape> = request
        .rules
        .iter()
        .map(|r| Shape::of_request(r, &request.source_posture_checks))
        .collect();
    for other in policies.iter().filter(|p| Some(p.id.as_str()) != self_id) {
        let theirs: Vec<Shape> = other
            .rules
            .iter()
            .map(|r| Shape::of_rule(r, &other.source_posture_checks))
            .collect();
        let name = [("policy", other.name.as_str())];
        if mine.iter().any(|m| theirs.iter().any(|o| m.same_as(o))) {
            out.push(tf(
                "Policy “{policy}” already has the same sources, destinations, protocol and ports.",
                &name,
            ));
        } else if other.enabled
            && !mine.is_empty()
            && mine.iter().all(|m| {
                other
                    .rules
                    .iter()
                    .zip(&theirs)
                    .any(|(r, o)| r.enabled && m.covered_by(o, all))
            })
        {
            out.push(tf(
                "Policy “{policy}” already accepts all of this traffic and more: this policy changes nothing while that one is enabled.",
                &name,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::policy::validation::{request_of, DROP, TCP, UDP};
    use crate::resources::GroupMinimum;

    fn groups() -> Vec<Group> {
        let g = |id: &str, name: &str, peers: u64, resources: u64| Group {
            id: id.into(),
            name: name.into(),
            peers_count: peers,
            resources_count: resources,
            ..Group::default()
        };
        vec![
            g("gall", "All", 5, 0),
            g("gdev", "devs", 2, 0),
            g("gops", "ops", 1, 0),
            g("gsrv", "servers", 2, 0),
            g("gdb", "databases", 0, 3),
            g("gnew", "new hires", 0, 0),
        ]
    }

    fn gm(id: &str) -> GroupMinimum {
        GroupMinimum {
            id: id.into(),
            name: id.into(),
            peers_count: 1,
        }
    }

    /// An enabled single-rule policy.
    fn policy(id: &str, src: &[&str], dst: &[&str], protocol: &str, ports: &[&str]) -> Policy {
        Policy {
            id: id.into(),
            name: format!("policy {id}"),
            enabled: true,
            rules: vec![PolicyRule {
                id: id.into(),
                enabled: true,
                action: ACCEPT.into(),
                bidirectional: false,
                protocol: protocol.into(),
                ports: ports.iter().map(|s| s.to_string()).collect(),
                sources: src.iter().map(|s| gm(s)).collect(),
                destinations: dst.iter().map(|s| gm(s)).collect(),
                ..PolicyRule::default()
            }],
            ..Policy::default()
        }
    }

    fn warn(mine: &Policy, others: &[Policy]) -> Vec<String> {
        warnings(&request_of(mine), Some(&mine.id), &groups(), others)
    }

    #[test]
    fn empty_groups() {
        let p = policy("me", &["gnew", "gdev"], &["gdb", "gnew"], TCP, &[]);
        assert_eq!(
            warn(&p, &[]),
            [
                "The source group “new hires” has no peers yet: the policy lets nobody in it through.",
                "The destination group “new hires” has no peers or resources yet: the policy reaches nothing in it.",
            ],
            "a destination group with resources is not empty"
        );
    }

    #[test]
    fn duplicates() {
        let me = policy("me", &["gdev", "gops"], &["gsrv"], TCP, &["22", "80"]);
        let same = policy("a", &["gops", "gdev"], &["gsrv"], TCP, &["80", "22"]);
        assert_eq!(
            warn(&me, &[me.clone(), same.clone()]),
            ["Policy “policy a” already has the same sources, destinations, protocol and ports."],
            "the policy itself is left out; groups and ports compare as sets"
        );
        // The same ports written as a range.
        let mut ranged = same.clone();
        ranged.rules[0].ports.clear();
        ranged.rules[0].port_ranges = vec![
            PortRange { start: 22, end: 22 },
            PortRange { start: 80, end: 80 },
        ];
        assert_eq!(warn(&me, &[ranged]).len(), 1);
        // Another protocol, other ports, or another direction is not a duplicate.
        let udp = policy("b", &["gdev", "gops"], &["gsrv"], UDP, &["22", "80"]);
        let fewer = policy("c", &["gdev", "gops"], &["gsrv"], TCP, &["22"]);
        let back = policy("d", &["gsrv"], &["gdev", "gops"], TCP, &["22", "80"]);
        assert!(warn(&me, &[udp, fewer, back]).is_empty());
        // Both ways: A↔B is B↔A. A disabled duplicate is still a duplicate.
        let mut bi = me.clone();
        bi.rules[0].bidirectional = true;
        let mut bi_back = policy("e", &["gsrv"], &["gdev", "gops"], TCP, &["22", "80"]);
        bi_back.rules[0].bidirectional = true;
        bi_back.enabled = false;
        assert_eq!(
            warn(&bi, &[bi_back]),
            ["Policy “policy e” already has the same sources, destinations, protocol and ports."]
        );
        // Different posture checks: not the same.
        let mut checked = same.clone();
        checked.source_posture_checks = vec!["pc1".into()];
        assert!(warn(&me, &[checked]).is_empty());
    }

    const REDUNDANT: &str = "Policy “policy {x}” already accepts all of this traffic and more: this policy changes nothing while that one is enabled.";

    fn redundant(x: &str) -> String {
        REDUNDANT.replace("{x}", x)
    }

    #[test]
    fn broader_accept_policies() {
        let me = policy("me", &["gdev"], &["gsrv"], TCP, &["22"]);
        // Sources a superset, protocol all, no ports (all of them).
        let wide = policy("a", &["gdev", "gops"], &["gsrv"], ALL, &[]);
        assert_eq!(warn(&me, std::slice::from_ref(&wide)), [redundant("a")]);
        // The All group covers any source; a range covers the port.
        let mut all_src = policy("b", &["gall"], &["gsrv"], TCP, &[]);
        all_src.rules[0].port_ranges = vec![PortRange {
            start: 1,
            end: 1024,
        }];
        assert_eq!(warn(&me, &[all_src]), [redundant("b")]);
        // A bidirectional policy covers the way back.
        let mut back = policy("c", &["gsrv"], &["gdev"], TCP, &[]);
        back.rules[0].bidirectional = true;
        assert_eq!(warn(&me, &[back.clone()]), [redundant("c")]);
        // Not covered: disabled, drop, narrower ports or protocol, a source it lacks, a
        // one-way policy for a two-way one, posture checks the other demands.
        let mut disabled = wide.clone();
        disabled.enabled = false;
        let mut dropping = wide.clone();
        dropping.rules[0].action = DROP.into();
        let udp = policy("d", &["gdev"], &["gsrv"], UDP, &[]);
        let other_port = policy("e", &["gdev"], &["gsrv"], TCP, &["80"]);
        let ops_only = policy("f", &["gops"], &["gsrv"], ALL, &[]);
        let mut stricter = wide.clone();
        stricter.source_posture_checks = vec!["pc1".into()];
        assert!(warn(
            &me,
            &[disabled, dropping, udp, other_port, ops_only, stricter]
        )
        .is_empty());
        let mut me_bi = me.clone();
        me_bi.rules[0].bidirectional = true;
        assert!(warn(&me_bi, std::slice::from_ref(&wide)).is_empty());
        assert_eq!(warn(&me_bi, &[back]), [redundant("c")]);
        // All ports of mine are not covered by some ports of theirs.
        let all_ports = policy("me", &["gdev"], &["gsrv"], TCP, &[]);
        let some = policy("g", &["gdev"], &["gsrv"], TCP, &["22"]);
        assert!(warn(&all_ports, &[some]).is_empty());
        // A drop policy of mine is never "redundant"; nor is netbird-ssh.
        let mut mine_drop = me.clone();
        mine_drop.rules[0].action = DROP.into();
        assert!(warn(&mine_drop, std::slice::from_ref(&wide)).is_empty());
        let ssh = policy("me", &["gdev"], &["gsrv"], NETBIRD_SSH, &[]);
        assert!(warn(&ssh, &[wide]).is_empty());
    }

    #[test]
    fn resources_compare_only_with_themselves() {
        let res = |id: &str| {
            Some(GroupResource {
                id: id.into(),
                r#type: "host".into(),
            })
        };
        let mut me = policy("me", &["gdev"], &[], TCP, &["443"]);
        me.rules[0].destination_resource = res("r1");
        let mut same_res = policy("a", &["gall"], &[], ALL, &[]);
        same_res.rules[0].destination_resource = res("r1");
        let mut other_res = same_res.clone();
        other_res.id = "b".into();
        other_res.rules[0].destination_resource = res("r2");
        let all_groups = policy("c", &["gall"], &["gall"], ALL, &[]);
        assert_eq!(
            warn(&me, &[same_res, other_res, all_groups]),
            [redundant("a")]
        );
    }
}
