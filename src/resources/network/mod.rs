//! The network as a whole, computed in the browser from the API's lists: who can reach what
//! (`access`), groups × groups (`matrix`), the findings of the health check (`health`), the
//! fleet at a glance (`glance`) and the map's layout (`map`). No request beyond the lists. Pure.
//!
//! `Net` indexes the lists once: which peers a group holds, which groups a peer is in (both as
//! the groups list says, the server's own source of membership), and which peers the server
//! leaves out of every network map (those waiting for approval).

pub mod access;
pub mod glance;
pub mod health;
pub mod map;
pub mod matrix;
pub mod rows;

use crate::resources::group::GroupResource;
use crate::resources::{
    DnsSettings, Group, GroupMinimum, NameserverGroup, PeerBrief, Policy, PolicyRule, Route,
};
use std::collections::{HashMap, HashSet};

/// The account's lists as read, owned: what `Net` indexes.
#[derive(Clone, Debug, Default)]
pub struct Lists {
    pub peers: Vec<PeerBrief>,
    pub groups: Vec<Group>,
    pub policies: Vec<Policy>,
    pub routes: Vec<Route>,
    pub nameservers: Vec<NameserverGroup>,
    pub dns: DnsSettings,
}

impl Lists {
    pub fn net(&self) -> Net<'_> {
        Net::new(
            &self.peers,
            &self.groups,
            &self.policies,
            &self.routes,
            &self.nameservers,
            &self.dns,
        )
    }
}

/// The account's lists, indexed.
pub struct Net<'a> {
    pub peers: &'a [PeerBrief],
    pub groups: &'a [Group],
    pub policies: &'a [Policy],
    pub routes: &'a [Route],
    pub nameservers: &'a [NameserverGroup],
    pub dns: &'a DnsSettings,
    peer_at: HashMap<&'a str, usize>,
    group_at: HashMap<&'a str, usize>,
    /// Peer ID → the IDs of the groups holding it.
    groups_of: HashMap<&'a str, Vec<&'a str>>,
}

/// The peer a rule's side names instead of groups (a resource of type `peer`), if it does.
pub fn peer_resource(resource: Option<&GroupResource>) -> Option<&str> {
    resource
        .filter(|r| r.r#type == "peer" && !r.id.is_empty())
        .map(|r| r.id.as_str())
}

impl<'a> Net<'a> {
    pub fn new(
        peers: &'a [PeerBrief],
        groups: &'a [Group],
        policies: &'a [Policy],
        routes: &'a [Route],
        nameservers: &'a [NameserverGroup],
        dns: &'a DnsSettings,
    ) -> Net<'a> {
        let mut groups_of: HashMap<&str, Vec<&str>> = HashMap::new();
        for g in groups {
            for p in &g.peers {
                groups_of
                    .entry(p.id.as_str())
                    .or_default()
                    .push(g.id.as_str());
            }
        }
        Net {
            peers,
            groups,
            policies,
            routes,
            nameservers,
            dns,
            peer_at: peers
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i))
                .collect(),
            group_at: groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.id.as_str(), i))
                .collect(),
            groups_of,
        }
    }

    pub fn peer(&self, id: &str) -> Option<&'a PeerBrief> {
        self.peer_at.get(id).map(|&i| &self.peers[i])
    }

    pub fn group(&self, id: &str) -> Option<&'a Group> {
        self.group_at.get(id).map(|&i| &self.groups[i])
    }

    /// A peer's name, or its ID when the list does not hold it.
    pub fn peer_name(&self, id: &'a str) -> &'a str {
        self.peer(id).map_or(id, |p| p.name.as_str())
    }

    /// A group's name, or its ID when the list does not hold it.
    pub fn group_name(&self, id: &'a str) -> &'a str {
        self.group(id).map_or(id, |g| g.name.as_str())
    }

    /// The groups holding a peer.
    pub fn groups_of(&self, peer: &str) -> &[&'a str] {
        self.groups_of.get(peer).map_or(&[], Vec::as_slice)
    }

    /// In the server's network maps: a peer waiting for approval is in none.
    pub fn approved(&self, peer: &str) -> bool {
        self.peer(peer).is_some_and(|p| !p.approval_required)
    }

    /// The approved peers of some groups, each once, in the peers list's order.
    pub fn members(&self, groups: &[&str]) -> Vec<&'a str> {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut out = Vec::new();
        for g in groups.iter().filter_map(|g| self.group(g)) {
            for p in &g.peers {
                if self.approved(&p.id) && seen.insert(p.id.as_str()) {
                    out.push(p.id.as_str());
                }
            }
        }
        out
    }

    /// A rule's sources (approved peers only, as the server's map): its peer resource when it
    /// names one, else its groups' peers.
    pub fn sources(&self, rule: &'a PolicyRule) -> Vec<&'a str> {
        self.side(rule.source_resource.as_ref(), &rule.sources)
    }

    /// A rule's destinations, as `sources`.
    pub fn destinations(&self, rule: &'a PolicyRule) -> Vec<&'a str> {
        self.side(rule.destination_resource.as_ref(), &rule.destinations)
    }

    fn side(
        &self,
        resource: Option<&'a GroupResource>,
        groups: &'a [GroupMinimum],
    ) -> Vec<&'a str> {
        match peer_resource(resource) {
            Some(id) => self.peer(id).map(|p| p.id.as_str()).into_iter().collect(),
            None => {
                let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
                self.members(&ids)
            }
        }
    }

    /// The enabled rules of the enabled policies, with their policy.
    pub fn active_rules(&self) -> impl Iterator<Item = (&'a Policy, &'a PolicyRule)> {
        self.policies
            .iter()
            .filter(|p| p.enabled)
            .flat_map(|p| p.rules.iter().filter(|r| r.enabled).map(move |r| (p, r)))
    }
}

#[cfg(test)]
pub mod fixture {
    //! A small account for the network's tests: five peers, four groups, policies built per test.

    use crate::resources::fixtures::peer;
    use crate::resources::group::GroupResource;
    use crate::resources::policy::PortRange;
    use crate::resources::{
        DnsSettings, Group, GroupMinimum, PeerBrief, PeerMinimum, Policy, PolicyRule,
    };

    pub type Account = super::Lists;

    pub fn group(id: &str, peers: &[&str]) -> Group {
        Group {
            id: id.into(),
            name: format!("{id}-name"),
            peers: peers
                .iter()
                .map(|p| PeerMinimum {
                    id: (*p).into(),
                    name: format!("{p}-name"),
                })
                .collect(),
            peers_count: peers.len() as u64,
            ..Group::default()
        }
    }

    fn minimum(ids: &[&str]) -> Vec<GroupMinimum> {
        ids.iter()
            .map(|id| GroupMinimum {
                id: (*id).into(),
                name: format!("{id}-name"),
                ..GroupMinimum::default()
            })
            .collect()
    }

    /// An enabled rule from `sources` to `destinations`.
    pub fn rule(id: &str, protocol: &str, sources: &[&str], destinations: &[&str]) -> PolicyRule {
        PolicyRule {
            id: id.into(),
            name: id.into(),
            enabled: true,
            action: "accept".into(),
            protocol: protocol.into(),
            sources: minimum(sources),
            destinations: minimum(destinations),
            ..PolicyRule::default()
        }
    }

    pub fn ranges(rule: PolicyRule, ranges: &[(i64, i64)]) -> PolicyRule {
        PolicyRule {
            port_ranges: ranges
                .iter()
                .map(|&(start, end)| PortRange { start, end })
                .collect(),
            ..rule
        }
    }

    pub fn to_peer(mut rule: PolicyRule, peer: &str) -> PolicyRule {
        rule.destination_resource = Some(GroupResource {
            id: peer.into(),
            r#type: "peer".into(),
        });
        rule
    }

    pub fn policy(id: &str, rules: Vec<PolicyRule>) -> Policy {
        Policy {
            id: id.into(),
            name: format!("{id}-name"),
            enabled: true,
            rules,
            ..Policy::default()
        }
    }

    /// p1..p5; `devs` = p1 p2, `servers` = p3 p4, `dbs` = p4, `empty` = none, `all` = every one.
    pub fn account(policies: Vec<Policy>) -> Account {
        let peers = (1..=5)
            .map(|i| {
                PeerBrief::of(&peer(
                    &format!("p{i}"),
                    &format!("p{i}-name"),
                    &format!("100.64.0.{i}"),
                    true,
                ))
            })
            .collect();
        Account {
            peers,
            groups: vec![
                Group {
                    name: "All".into(),
                    ..group("all", &["p1", "p2", "p3", "p4", "p5"])
                },
                group("devs", &["p1", "p2"]),
                group("servers", &["p3", "p4"]),
                group("dbs", &["p4"]),
                group("empty", &[]),
            ],
            policies,
            routes: vec![],
            nameservers: vec![],
            dns: DnsSettings::default(),
        }
    }
}
