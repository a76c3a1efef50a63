//! Effective access: for a peer, which peers it can reach and which can reach it, and through
//! which policy and rule; the routes it receives; its nameserver groups; and the one question
//! "can A reach B on tcp/5432?". Pure.
//!
//! Read off the server's own computation of a peer's network map (`getPeerConnectionResources`,
//! `getRoutesToSync`, `getPeerNSGroupsFromGroups` in `shared/management/types`):
//! - Every enabled rule of every enabled policy counts, accept and drop alike: a peer among a
//!   rule's sources is connected with its destinations, one among its destinations with its
//!   sources. The connection's direction is the rule's: sources open connections to
//!   destinations, and both ways when the rule is bidirectional.
//! - A side is its peer resource when it names one, else its groups' peers. Peers waiting for
//!   approval are in no map; a peer waiting itself has an empty one.
//! - Posture checks filter a policy's source peers. The console cannot evaluate them (they read
//!   what the client reports), so a connection that depends on them is marked, not dropped.
//! - On the peer itself, drop rules are applied before accept rules (the client's firewall
//!   sorts them first), so a matching drop rule wins.

use super::{peer_resource, Net};
use crate::resources::{NameserverGroup, Policy, PolicyRule, Route};
use std::collections::{HashMap, HashSet};

/// Which way connections go between the peer asked about and another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// The peer opens connections to the other.
    Out,
    /// The other opens connections to the peer.
    In,
}

/// One rule connecting two peers.
#[derive(Clone, Copy, Debug)]
pub struct Grant<'a> {
    pub policy: &'a Policy,
    pub rule: &'a PolicyRule,
    pub way: Way,
}

impl Grant<'_> {
    pub fn drops(&self) -> bool {
        self.rule.action == "drop"
    }
    /// Holds only for the source peers that pass the policy's posture checks.
    pub fn needs_posture(&self) -> bool {
        !self.policy.source_posture_checks.is_empty()
    }
}

/// Another peer and every rule connecting it with the peer asked about.
#[derive(Clone, Debug)]
pub struct Reach<'a> {
    pub peer: &'a str,
    pub grants: Vec<Grant<'a>>,
}

impl<'a> Reach<'a> {
    /// The peer asked about may open connections to this one (by an accept rule).
    pub fn reaches(&self) -> bool {
        self.grants.iter().any(|g| g.way == Way::Out && !g.drops())
    }
    /// This one may open connections to the peer asked about.
    pub fn reached_by(&self) -> bool {
        self.grants.iter().any(|g| g.way == Way::In && !g.drops())
    }
    /// Every grant depends on posture checks: the server may leave the peer out.
    pub fn only_by_posture(&self) -> bool {
        self.grants.iter().all(Grant::needs_posture)
    }
    /// What `compare` needs of it.
    pub fn compared(&self) -> (&'a str, bool) {
        (self.peer, self.only_by_posture())
    }
}

/// The peers connected with `peer`, each once, in the order the server's computation meets
/// them (policies, then rules, then the other side's peers).
pub fn peer_access<'a>(net: &Net<'a>, peer: &str) -> Vec<Reach<'a>> {
    let mut out: Vec<Reach<'a>> = Vec::new();
    if !net.approved(peer) {
        return out;
    }
    let mine: HashSet<&str> = net.groups_of(peer).iter().copied().collect();
    let holds =
        |resource: Option<&crate::resources::group::GroupResource>,
         groups: &[crate::resources::GroupMinimum]| match peer_resource(resource) {
            Some(id) => id == peer,
            None => groups.iter().any(|g| mine.contains(g.id.as_str())),
        };
    let mut at: HashMap<&'a str, usize> = HashMap::new();
    let mut add = |others: Vec<&'a str>, grant: Grant<'a>| {
        for other in others.into_iter().filter(|o| *o != peer) {
            let i = *at.entry(other).or_insert_with(|| {
                out.push(Reach {
                    peer: other,
                    grants: Vec::new(),
                });
                out.len() - 1
            });
            out[i].grants.push(grant);
        }
    };
    for (policy, rule) in net.active_rules() {
        let in_sources = holds(rule.source_resource.as_ref(), &rule.sources);
        let in_destinations = holds(rule.destination_resource.as_ref(), &rule.destinations);
        let grant = |way| Grant { policy, rule, way };
        if in_sources {
            add(net.destinations(rule), grant(Way::Out));
            if rule.bidirectional {
                add(net.destinations(rule), grant(Way::In));
            }
        }
        if in_destinations {
            add(net.sources(rule), grant(Way::In));
            if rule.bidirectional {
                add(net.sources(rule), grant(Way::Out));
            }
        }
    }
    out
}

/// Where the console's list of connected peers and the server's (`accessible-peers`) differ.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Agreement<'a> {
    /// Computed here, absent from the server's list, with no posture check to explain it.
    pub only_here: Vec<&'a str>,
    /// Computed here through posture-checked policies only, absent from the server's list: the
    /// peer failed a check (explained, not a disagreement).
    pub by_posture: Vec<&'a str>,
    /// In the server's list, not computed here.
    pub only_on_server: Vec<String>,
}

impl Agreement<'_> {
    pub fn agrees(&self) -> bool {
        self.only_here.is_empty() && self.only_on_server.is_empty()
    }
}

/// Compares `peer_access`, each peer with whether only posture-checked policies connect it
/// (`Reach::compared`), with the IDs of the server's `accessible-peers`.
pub fn compare<'a>(computed: &[(&'a str, bool)], server: &[String]) -> Agreement<'a> {
    let theirs: HashSet<&str> = server.iter().map(String::as_str).collect();
    let ours: HashSet<&str> = computed.iter().map(|(peer, _)| *peer).collect();
    let mut agreement = Agreement::default();
    for &(peer, by_posture) in computed.iter().filter(|(peer, _)| !theirs.contains(peer)) {
        if by_posture {
            agreement.by_posture.push(peer);
        } else {
            agreement.only_here.push(peer);
        }
    }
    agreement.only_on_server = server
        .iter()
        .filter(|id| !ours.contains(id.as_str()))
        .cloned()
        .collect();
    agreement
}

/// A route's identity for high availability: routes with the same network ID and the same
/// network (or domains) are one route served by several peers.
pub fn ha_key(route: &Route) -> (&str, String) {
    let net = if route.domains.is_empty() {
        route.network.clone()
    } else {
        route.domains.join(",")
    };
    (route.network_id.as_str(), net)
}

/// The peers routing a route: its one peer, or its peer groups' peers (approved ones).
pub fn routing_peers<'a>(net: &Net<'a>, route: &'a Route) -> Vec<&'a str> {
    if !route.peer.is_empty() {
        return net
            .peer(&route.peer)
            .map(|p| p.id.as_str())
            .into_iter()
            .collect();
    }
    let groups: Vec<&str> = route.peer_groups.iter().map(String::as_str).collect();
    net.members(&groups)
}

/// A route as one peer receives it.
#[derive(Clone, Debug)]
pub struct Received<'a> {
    pub route: &'a Route,
    /// The routing peer it comes through.
    pub via: &'a str,
    /// Another routing peer of the same network has a lower metric: this one waits.
    pub standby: bool,
}

/// What a peer gets of the account's routes.
#[derive(Clone, Debug, Default)]
pub struct PeerRoutes<'a> {
    /// Routes the peer routes itself (enabled ones).
    pub serves: Vec<&'a Route>,
    /// Routes it receives through another routing peer, by network then metric.
    pub receives: Vec<Received<'a>>,
    /// Enabled routes distributed to one of its groups that it does not receive: no policy
    /// connects it with any of their routing peers (or those are all login-expired).
    pub withheld: Vec<&'a Route>,
}

/// The routes `peer` serves and receives, given its connections (`peer_access`).
pub fn peer_routes<'a>(net: &Net<'a>, peer: &str, access: &[Reach<'a>]) -> PeerRoutes<'a> {
    let mut out = PeerRoutes::default();
    if !net.approved(peer) {
        return out;
    }
    let mine: HashSet<&str> = net.groups_of(peer).iter().copied().collect();
    let connected: HashSet<&str> = access
        .iter()
        .map(|r| r.peer)
        .filter(|p| net.peer(p).is_some_and(|p| !p.login_expired))
        .collect();
    let mut served_keys = HashSet::new();
    for route in net.routes {
        if routing_peers(net, route).contains(&peer) {
            served_keys.insert(ha_key(route));
            if route.enabled {
                out.serves.push(route);
            }
        }
    }
    for route in net.routes.iter().filter(|r| r.enabled) {
        if !route.groups.iter().any(|g| mine.contains(g.as_str()))
            || served_keys.contains(&ha_key(route))
        {
            continue;
        }
        let vias: Vec<&str> = routing_peers(net, route)
            .into_iter()
            .filter(|p| connected.contains(p))
            .collect();
        if vias.is_empty() {
            out.withheld.push(route);
        }
        for via in vias {
            out.receives.push(Received {
                route,
                via,
                standby: false,
            });
        }
    }
    out.receives.sort_by(|a, b| {
        ha_key(a.route)
            .cmp(&ha_key(b.route))
            .then(a.route.metric.cmp(&b.route.metric))
    });
    let mut i = 0;
    while i < out.receives.len() {
        let key = ha_key(out.receives[i].route);
        let mut j = i + 1;
        while j < out.receives.len() && ha_key(out.receives[j].route) == key {
            out.receives[j].standby = true;
            j += 1;
        }
        i = j;
    }
    out
}

/// What a peer gets of DNS.
#[derive(Clone, Debug, PartialEq)]
pub enum PeerDns<'a> {
    /// One of its groups is in the DNS settings' "disabled management" groups.
    Unmanaged(&'a str),
    /// The enabled nameserver groups distributed to one of its groups, except those it serves
    /// itself.
    Managed(Vec<&'a NameserverGroup>),
}

pub fn peer_dns<'a>(net: &Net<'a>, peer: &str) -> PeerDns<'a> {
    let mine = net.groups_of(peer);
    if let Some(off) = net
        .dns
        .disabled_management_groups
        .iter()
        .find(|g| mine.contains(&g.as_str()))
    {
        return PeerDns::Unmanaged(off.as_str());
    }
    let ip = net.peer(peer).map_or("", |p| p.ip.as_str());
    PeerDns::Managed(
        net.nameservers
            .iter()
            .filter(|ns| ns.enabled && ns.groups.iter().any(|g| mine.contains(&g.as_str())))
            .filter(|ns| !ns.nameservers.iter().any(|n| n.ip == ip))
            .collect(),
    )
}

/// A protocol asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Tcp,
    Udp,
    Icmp,
}

impl Protocol {
    pub fn parse(text: &str) -> Option<Protocol> {
        match text {
            "tcp" => Some(Protocol::Tcp),
            "udp" => Some(Protocol::Udp),
            "icmp" => Some(Protocol::Icmp),
            _ => None,
        }
    }
}

/// A rule covers a protocol and port: `all` covers everything, `netbird-ssh` is tcp, and a rule
/// without ports covers every port.
pub fn covers(rule: &PolicyRule, protocol: Protocol, port: Option<u16>) -> bool {
    let same = match rule.protocol.as_str() {
        "all" => return true,
        "tcp" | "netbird-ssh" => protocol == Protocol::Tcp,
        "udp" => protocol == Protocol::Udp,
        "icmp" => protocol == Protocol::Icmp,
        _ => false,
    };
    if !same || protocol == Protocol::Icmp {
        return same;
    }
    let Some(port) = port else { return true };
    if rule.ports.is_empty() && rule.port_ranges.is_empty() {
        return true;
    }
    let port = i64::from(port);
    rule.ports
        .iter()
        .any(|p| p.trim().parse::<i64>() == Ok(port))
        || rule
            .port_ranges
            .iter()
            .any(|r| r.start <= port && port <= r.end)
}

/// The answer to "can A reach B?".
#[derive(Clone, Debug)]
pub enum Verdict<'a> {
    /// These accept rules allow it (and no drop rule matches).
    Allowed(Vec<Grant<'a>>),
    /// A drop rule matches; drop rules win.
    Dropped(Grant<'a>),
    /// No rule connects them that way on that protocol and port.
    NoPolicy,
    /// A or B waits for approval: it is in no network map.
    NotApproved(&'a str),
}

/// Can `from` open a connection to `to` on `protocol` (and `port`, where it applies)?
pub fn can_reach<'a>(
    net: &Net<'a>,
    from: &str,
    to: &str,
    protocol: Protocol,
    port: Option<u16>,
) -> Verdict<'a> {
    for id in [from, to] {
        if let Some(p) = net.peer(id).filter(|p| p.approval_required) {
            return Verdict::NotApproved(p.id.as_str());
        }
    }
    let Some(reach) = peer_access(net, from).into_iter().find(|r| r.peer == to) else {
        return Verdict::NoPolicy;
    };
    let matching: Vec<Grant<'a>> = reach
        .grants
        .into_iter()
        .filter(|g| g.way == Way::Out && covers(g.rule, protocol, port))
        .collect();
    if let Some(drop) = matching.iter().find(|g| g.drops()) {
        return Verdict::Dropped(*drop);
    }
    if matching.is_empty() {
        Verdict::NoPolicy
    } else {
        Verdict::Allowed(matching)
    }
}

/// A group's place in the policies: what its peers may reach and be reached by, as groups.
#[derive(Clone, Debug)]
pub struct GroupGrant<'a> {
    pub grant: Grant<'a>,
    /// The other side: group IDs, or a peer resource's ID.
    pub groups: Vec<&'a str>,
    pub peer: Option<&'a str>,
}

/// Every active rule naming `group` on a side, with the other side (both ways for a
/// bidirectional rule).
pub fn group_access<'a>(net: &Net<'a>, group: &str) -> Vec<GroupGrant<'a>> {
    let mut out = Vec::new();
    for (policy, rule) in net.active_rules() {
        let names = |side: &'a [crate::resources::GroupMinimum]| side.iter().any(|g| g.id == group);
        let other = |resource: &'a Option<crate::resources::group::GroupResource>,
                     side: &'a [crate::resources::GroupMinimum]| {
            match peer_resource(resource.as_ref()) {
                Some(id) => (vec![], Some(id)),
                None => (side.iter().map(|g| g.id.as_str()).collect(), None),
            }
        };
        let from_sources = rule.source_resource.is_none() && names(&rule.sources);
        let from_destinations = rule.destination_resource.is_none() && names(&rule.destinations);
        let mut push = |way, (groups, peer): (Vec<&'a str>, Option<&'a str>)| {
            out.push(GroupGrant {
                grant: Grant { policy, rule, way },
                groups,
                peer,
            })
        };
        if from_sources {
            let dst = other(&rule.destination_resource, &rule.destinations);
            push(Way::Out, dst.clone());
            if rule.bidirectional {
                push(Way::In, dst);
            }
        }
        if from_destinations {
            let src = other(&rule.source_resource, &rule.sources);
            push(Way::In, src.clone());
            if rule.bidirectional {
                push(Way::Out, src);
            }
        }
    }
    out
}

/// Routes distributed to a group, and those its peers route.
pub fn group_routes<'a>(net: &Net<'a>, group: &str) -> (Vec<&'a Route>, Vec<&'a Route>) {
    let distributed = net
        .routes
        .iter()
        .filter(|r| r.groups.iter().any(|g| g == group))
        .collect();
    let routed = net
        .routes
        .iter()
        .filter(|r| r.peer_groups.iter().any(|g| g == group))
        .collect();
    (distributed, routed)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    fn ids<'a>(reach: &[Reach<'a>]) -> Vec<&'a str> {
        let mut v: Vec<&str> = reach.iter().map(|r| r.peer).collect();
        v.sort();
        v
    }

    #[test]
    fn sources_reach_destinations_and_destinations_see_sources() {
        let a = account(vec![policy(
            "web",
            vec![rule("r", "tcp", &["devs"], &["servers"])],
        )]);
        let net = a.net();
        let p1 = peer_access(&net, "p1");
        assert_eq!(ids(&p1), ["p3", "p4"]);
        assert!(p1.iter().all(|r| r.reaches() && !r.reached_by()));
        // A destination is connected with the sources too (the server lists them), but only
        // as reached by them.
        let p3 = peer_access(&net, "p3");
        assert_eq!(ids(&p3), ["p1", "p2"]);
        assert!(p3.iter().all(|r| !r.reaches() && r.reached_by()));
        // p2 is a fellow source, not connected with p1; p5 is in neither side.
        assert!(peer_access(&net, "p5").is_empty());
    }

    #[test]
    fn bidirectional_rules_go_both_ways() {
        let mut r = rule("r", "all", &["devs"], &["dbs"]);
        r.bidirectional = true;
        let a = account(vec![policy("x", vec![r])]);
        let net = a.net();
        let p4 = peer_access(&net, "p4");
        assert_eq!(ids(&p4), ["p1", "p2"]);
        assert!(p4.iter().all(|r| r.reaches() && r.reached_by()));
    }

    #[test]
    fn drop_rules_connect_but_do_not_allow() {
        let mut drop = rule("d", "all", &["devs"], &["dbs"]);
        drop.action = "drop".into();
        let a = account(vec![policy("block", vec![drop])]);
        let net = a.net();
        // The server lists p4 among p1's peers all the same.
        let p1 = peer_access(&net, "p1");
        assert_eq!(ids(&p1), ["p4"]);
        assert!(!p1[0].reaches());
        assert!(p1[0].grants[0].drops());
    }

    #[test]
    fn disabled_policies_and_rules_count_for_nothing() {
        let mut off = rule("off", "tcp", &["devs"], &["servers"]);
        off.enabled = false;
        let mut pol = policy("disabled", vec![rule("on", "tcp", &["devs"], &["dbs"])]);
        pol.enabled = false;
        let a = account(vec![pol, policy("p", vec![off])]);
        assert!(peer_access(&a.net(), "p1").is_empty());
    }

    #[test]
    fn peer_resources_stand_for_their_side() {
        let a = account(vec![policy(
            "one",
            vec![to_peer(rule("r", "tcp", &["devs"], &[]), "p5")],
        )]);
        let net = a.net();
        assert_eq!(ids(&peer_access(&net, "p1")), ["p5"]);
        assert_eq!(ids(&peer_access(&net, "p5")), ["p1", "p2"]);
        assert!(peer_access(&net, "p3").is_empty());
    }

    #[test]
    fn peers_waiting_for_approval_are_in_no_map() {
        let mut a = account(vec![policy(
            "all",
            vec![rule("r", "all", &["all"], &["all"])],
        )]);
        a.peers[4].approval_required = true;
        let net = a.net();
        assert_eq!(ids(&peer_access(&net, "p1")), ["p2", "p3", "p4"]);
        assert!(peer_access(&net, "p5").is_empty());
        assert!(matches!(
            can_reach(&net, "p1", "p5", Protocol::Tcp, Some(22)),
            Verdict::NotApproved("p5")
        ));
    }

    #[test]
    fn ports_and_ranges_answer_the_question() {
        let web = Policy {
            rules: vec![
                PolicyRule {
                    ports: vec!["22".into(), "443".into()],
                    ..rule("ssh-web", "tcp", &["devs"], &["servers"])
                },
                ranges(
                    rule("db", "tcp", &["devs"], &["dbs"]),
                    &[(5432, 5432), (8000, 8999)],
                ),
            ],
            ..policy("web", vec![])
        };
        let a = account(vec![web]);
        let net = a.net();
        let yes = |from, to, proto, port| {
            matches!(can_reach(&net, from, to, proto, port), Verdict::Allowed(_))
        };
        assert!(yes("p1", "p3", Protocol::Tcp, Some(443)));
        assert!(!yes("p1", "p3", Protocol::Tcp, Some(80)));
        assert!(!yes("p1", "p3", Protocol::Udp, Some(443)));
        assert!(yes("p1", "p4", Protocol::Tcp, Some(5432)));
        assert!(yes("p1", "p4", Protocol::Tcp, Some(8999)));
        assert!(!yes("p1", "p4", Protocol::Tcp, Some(9000)));
        // The rule is one-way: servers do not reach devs.
        assert!(matches!(
            can_reach(&net, "p3", "p1", Protocol::Tcp, Some(443)),
            Verdict::NoPolicy
        ));
        // p4 is in both `servers` and `dbs`: both rules answer for port 22 only the first.
        match can_reach(&net, "p2", "p4", Protocol::Tcp, Some(22)) {
            Verdict::Allowed(g) => {
                assert_eq!(g.len(), 1);
                assert_eq!(g[0].rule.id, "ssh-web");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_matching_drop_rule_wins() {
        let mut drop = rule("d", "tcp", &["devs"], &["dbs"]);
        drop.action = "drop".into();
        let a = account(vec![
            policy("allow", vec![rule("a", "all", &["all"], &["all"])]),
            policy("deny", vec![drop]),
        ]);
        let net = a.net();
        assert!(matches!(
            can_reach(&net, "p1", "p4", Protocol::Tcp, Some(5432)),
            Verdict::Dropped(g) if g.rule.id == "d"
        ));
        // The drop rule is tcp only.
        assert!(matches!(
            can_reach(&net, "p1", "p4", Protocol::Udp, Some(53)),
            Verdict::Allowed(_)
        ));
    }

    #[test]
    fn posture_checked_connections_are_explained_differences() {
        let mut checked = policy("checked", vec![rule("c", "tcp", &["devs"], &["dbs"])]);
        checked.source_posture_checks = vec!["pc1".into()];
        let a = account(vec![
            checked,
            policy("plain", vec![rule("p", "tcp", &["devs"], &["servers"])]),
        ]);
        let net = a.net();
        let p1 = peer_access(&net, "p1");
        // p4 is connected by both policies, p3 by the plain one only.
        assert!(p1.iter().all(|r| !r.only_by_posture()));
        let a2 = account(vec![{
            let mut c = policy("checked", vec![rule("c", "tcp", &["devs"], &["dbs"])]);
            c.source_posture_checks = vec!["pc1".into()];
            c
        }]);
        let net2 = a2.net();
        let only = peer_access(&net2, "p1");
        let agreement = compare(&only.iter().map(Reach::compared).collect::<Vec<_>>(), &[]);
        assert!(agreement.agrees());
        assert_eq!(agreement.by_posture, ["p4"]);
        let disagreement = compare(
            &p1.iter().map(Reach::compared).collect::<Vec<_>>(),
            &["p4".into(), "p5".into()],
        );
        assert!(!disagreement.agrees());
        assert_eq!(disagreement.only_here, ["p3"]);
        assert_eq!(disagreement.only_on_server, ["p5"]);
    }

    fn route(id: &str, network_id: &str, peer: &str, groups: &[&str], metric: i64) -> Route {
        Route {
            id: id.into(),
            network_id: network_id.into(),
            network: "10.0.0.0/24".into(),
            enabled: true,
            peer: peer.into(),
            metric,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            ..Route::default()
        }
    }

    #[test]
    fn routes_come_through_connected_routing_peers_only() {
        let mut a = account(vec![policy(
            "to-servers",
            vec![rule("r", "all", &["devs"], &["servers"])],
        )]);
        a.routes = vec![
            route("primary", "office", "p3", &["devs"], 100),
            route("backup", "office", "p4", &["devs"], 200),
            // p5 routes it, but no policy connects devs with p5.
            route("lab", "lab", "p5", &["devs"], 100),
            // Not distributed to devs.
            route("other", "other", "p3", &["servers"], 100),
        ];
        let net = a.net();
        let access = peer_access(&net, "p1");
        let routes = peer_routes(&net, "p1", &access);
        let got: Vec<(&str, &str, bool)> = routes
            .receives
            .iter()
            .map(|r| (r.route.id.as_str(), r.via, r.standby))
            .collect();
        assert_eq!(got, [("primary", "p3", false), ("backup", "p4", true)]);
        assert_eq!(routes.withheld.len(), 1);
        assert_eq!(routes.withheld[0].id, "lab");
        // p3 serves "primary" and "other"; it does not receive its own network from p4.
        let p3 = peer_routes(&net, "p3", &peer_access(&net, "p3"));
        assert_eq!(p3.serves.len(), 2);
        assert!(p3.receives.is_empty());
    }

    #[test]
    fn nameservers_follow_groups_and_the_dns_switch() {
        use crate::resources::{Nameserver, NameserverGroup};
        let mut a = account(vec![]);
        a.nameservers = vec![
            NameserverGroup {
                id: "ns".into(),
                enabled: true,
                groups: vec!["devs".into()],
                nameservers: vec![Nameserver {
                    ip: "100.64.0.2".into(),
                    ..Nameserver::default()
                }],
                ..NameserverGroup::default()
            },
            NameserverGroup {
                id: "off".into(),
                enabled: false,
                groups: vec!["devs".into()],
                ..NameserverGroup::default()
            },
        ];
        let net = a.net();
        assert!(matches!(peer_dns(&net, "p1"), PeerDns::Managed(v) if v.len() == 1));
        // p2 is the nameserver itself.
        assert!(matches!(peer_dns(&net, "p2"), PeerDns::Managed(v) if v.is_empty()));
        assert!(matches!(peer_dns(&net, "p3"), PeerDns::Managed(v) if v.is_empty()));
        a.dns.disabled_management_groups = vec!["devs".into()];
        assert_eq!(peer_dns(&a.net(), "p1"), PeerDns::Unmanaged("devs"));
    }

    #[test]
    fn a_group_sees_its_rules_as_groups() {
        let mut r = rule("r", "tcp", &["devs"], &["servers", "dbs"]);
        r.bidirectional = true;
        let a = account(vec![policy("x", vec![r])]);
        let net = a.net();
        let devs = group_access(&net, "devs");
        assert_eq!(devs.len(), 2);
        assert_eq!(devs[0].grant.way, Way::Out);
        assert_eq!(devs[0].groups, ["servers", "dbs"]);
        let dbs = group_access(&net, "dbs");
        assert_eq!(dbs[0].grant.way, Way::In);
        assert_eq!(dbs[0].groups, ["devs"]);
        assert!(group_access(&net, "empty").is_empty());
    }
}
