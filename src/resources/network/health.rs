//! The health check: findings read off the account's lists, each with its severity, the objects
//! it is about (by name, with what a link needs) and, where one is safe, a fix. Each rule is a
//! function of its own. Pure.
//!
//! Findings about many peers (expired logins, outdated clients…) are one finding each, naming
//! the peers and the peers list's search that shows them all, so the page stays readable at
//! 10,000 peers.

use super::access::{ha_key, routing_peers};
use super::Net;
use crate::base::format::parse_rfc3339;
use crate::base::i18n::{t, tf};
use crate::base::search::Version;
use crate::registry::Resource;
use crate::resources::group::usage::{usage_counts, Sources};
use crate::resources::{PersonalAccessToken, PolicyRule, Route, SetupKey, User};
use ipnet::IpNet;
use std::collections::{HashMap, HashSet};

const DAY: i64 = 86_400;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Critical,
    Warning,
    Notice,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Warning, Severity::Notice];
    pub fn label(self) -> String {
        match self {
            Severity::Critical => t("Critical"),
            Severity::Warning => t("Warning"),
            Severity::Notice => t("Notice"),
        }
    }
    /// How its badge looks.
    pub fn tone(self) -> crate::base::listing::Tone {
        use crate::base::listing::Tone;
        match self {
            Severity::Critical => Tone::Bad,
            Severity::Warning => Tone::Warn,
            Severity::Notice => Tone::Info,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }
}

/// An object a finding is about: its section and ID for the link, its name to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub kind: Resource,
    pub id: String,
    pub name: String,
}

fn named(kind: Resource, id: &str, name: &str) -> Named {
    Named {
        kind,
        id: id.to_string(),
        name: if name.is_empty() { id } else { name }.to_string(),
    }
}

/// A change that fixes a finding and can break nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Delete a group that holds nothing and is used nowhere.
    DeleteGroup(String),
    /// Turn masquerade on for an exit node.
    Masquerade(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Stable name of the rule (`route-overlap`), for tests and page anchors.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub objects: Vec<Named>,
    /// A list search showing every object concerned, when they are many (`/peers?q=…`).
    pub list: Option<String>,
    pub fix: Option<Fix>,
}

fn finding(
    rule: &'static str,
    severity: Severity,
    message: String,
    objects: Vec<Named>,
) -> Finding {
    Finding {
        rule,
        severity,
        message,
        objects,
        list: None,
        fix: None,
    }
}

/// What the health check reads besides the network's lists. A list the user may not read is
/// empty, and its rules find nothing.
#[derive(Default)]
pub struct Extra<'a> {
    pub setup_keys: &'a [SetupKey],
    pub users: &'a [User],
    /// The tokens the console may read: the user's own and the service users'.
    pub tokens: &'a [(User, Vec<PersonalAccessToken>)],
    /// The account settings, which name groups too (`None`: not readable).
    pub account: Option<&'a crate::resources::AccountSettings>,
    /// Now, in seconds since the epoch.
    pub now: i64,
}

/// Every finding, most severe first.
pub fn check(net: &Net, extra: &Extra) -> Vec<Finding> {
    let mut out = Vec::new();
    routes(net, &mut out);
    policies(net, &mut out);
    groups(net, extra, &mut out);
    keys_and_tokens(extra, &mut out);
    peers(net, extra.now, &mut out);
    dns(net, &mut out);
    out.sort_by_key(|f| f.severity);
    out
}

/// Findings per severity, in `Severity::ALL` order.
pub fn counts(findings: &[Finding]) -> [usize; 3] {
    let mut c = [0; 3];
    for f in findings {
        c[f.severity as usize] += 1;
    }
    c
}

fn route_named(r: &Route) -> Named {
    named(Resource::Routes, &r.id, &r.network_id)
}

fn network(r: &Route) -> Option<IpNet> {
    if !r.domains.is_empty() {
        return None;
    }
    r.network.parse::<IpNet>().ok()
}

fn routes(net: &Net, out: &mut Vec<Finding>) {
    let enabled: Vec<&Route> = net.routes.iter().filter(|r| r.enabled).collect();
    // One route as its peers receive it: the routes of one network identifier and network.
    let mut sets: Vec<((&str, String), Vec<&Route>)> = Vec::new();
    let mut set_at: HashMap<(&str, String), usize> = HashMap::new();
    for r in &enabled {
        let key = ha_key(r);
        match set_at.get(&key) {
            Some(&i) => sets[i].1.push(r),
            None => {
                set_at.insert(key.clone(), sets.len());
                sets.push((key, vec![r]));
            }
        }
    }
    // Duplicate and overlapping networks, between routes that are not one HA route.
    let parsed: Vec<Option<IpNet>> = sets.iter().map(|(_, set)| network(set[0])).collect();
    for (i, (_, sa)) in sets.iter().enumerate() {
        for (j, (_, sb)) in sets.iter().enumerate().skip(i + 1) {
            let (a, b) = (sa[0], sb[0]);
            let same_domains = !a.domains.is_empty() && a.domains == b.domains;
            let (na, nb) = (parsed[i], parsed[j]);
            let pair = vec![route_named(a), route_named(b)];
            if same_domains || (na.is_some() && na == nb) {
                let what = if same_domains {
                    a.domains.join(", ")
                } else {
                    a.network.clone()
                };
                out.push(finding(
                    "route-duplicate",
                    Severity::Warning,
                    tf("Two routes route {network} under different network identifiers: peers get both, with no high availability between them.", &[("network", &what)]),
                    pair,
                ));
            } else if let (Some(x), Some(y)) = (na, nb) {
                if x.prefix_len() == 0 || y.prefix_len() == 0 {
                    continue;
                }
                let (wide, narrow) = if x.contains(&y) {
                    (x, y)
                } else if y.contains(&x) {
                    (y, x)
                } else {
                    continue;
                };
                out.push(finding(
                    "route-overlap",
                    Severity::Notice,
                    tf(
                        "{narrow} lies inside {wide}: the narrower route wins for its addresses.",
                        &[("narrow", &narrow.to_string()), ("wide", &wide.to_string())],
                    ),
                    pair,
                ));
            }
        }
    }
    for (_, set) in &sets {
        let mut peers: Vec<&str> = Vec::new();
        let mut twice: Vec<&str> = Vec::new();
        for r in set {
            for p in routing_peers(net, r) {
                if peers.contains(&p) {
                    if !twice.contains(&p) {
                        twice.push(p);
                    }
                } else {
                    peers.push(p);
                }
            }
        }
        let objects = || set.iter().map(|r| route_named(r)).collect::<Vec<_>>();
        let looks_ha = set.len() > 1 || set.iter().any(|r| !r.peer_groups.is_empty());
        for p in &twice {
            out.push(finding(
                "ha-same-peer",
                Severity::Warning,
                tf(
                    "{peer} routes the same network twice: the second route adds no availability.",
                    &[("peer", net.peer_name(p))],
                ),
                objects(),
            ));
        }
        let online: Vec<&str> = peers
            .iter()
            .copied()
            .filter(|p| net.peer(p).is_some_and(|p| p.connected))
            .collect();
        if online.is_empty() {
            out.push(finding(
                "route-no-router",
                Severity::Critical,
                if peers.is_empty() {
                    t("No peer routes this network: its peer or peer groups hold no approved peer.")
                } else {
                    t("Every routing peer of this network is offline: nobody can reach it.")
                },
                objects(),
            ));
        } else if looks_ha && peers.len() == 1 {
            out.push(finding(
                "ha-single",
                Severity::Warning,
                tf("Set up for high availability, but only {peer} routes it: if it goes down, so does the route.", &[("peer", net.peer_name(peers[0]))]),
                objects(),
            ));
        } else if online.len() < peers.len() {
            let down: Vec<&str> = peers
                .iter()
                .filter(|p| !online.contains(p))
                .map(|p| net.peer_name(p))
                .collect();
            out.push(finding(
                "ha-standby-down",
                Severity::Warning,
                tf(
                    "Routing peers offline: {peers}. The route runs without its standby.",
                    &[("peers", &down.join(", "))],
                ),
                objects(),
            ));
        }
    }
    // A disabled route of an HA set: its peer stands by for nothing.
    let mut disabled: HashMap<(&str, String), Vec<&Route>> = HashMap::new();
    for r in net.routes.iter().filter(|r| !r.enabled) {
        disabled.entry(ha_key(r)).or_default().push(r);
    }
    for (key, set) in &sets {
        let off: &[&Route] = disabled.get(key).map_or(&[], Vec::as_slice);
        if let Some(first) = off.first() {
            let mut objects: Vec<Named> = set.iter().map(|r| route_named(r)).collect();
            objects.extend(off.iter().map(|r| route_named(r)));
            out.push(finding(
                "ha-route-disabled",
                Severity::Warning,
                tf("A route of this network is disabled ({network}): its routing peer is no standby.", &[("network", &first.network_id)]),
                objects,
            ));
        }
    }
    for r in &enabled {
        if network(r).is_some_and(|n| n.prefix_len() == 0) && !r.masquerade {
            let mut f = finding(
                "exit-no-masquerade",
                Severity::Warning,
                t("An exit node without masquerade: the internet's answers cannot find their way back to the peers."),
                vec![route_named(r)],
            );
            f.fix = Some(Fix::Masquerade(r.id.clone()));
            out.push(f);
        }
    }
}

/// A rule's shape, for spotting duplicates and rules another one covers.
fn ports_of(rule: &PolicyRule) -> Vec<(i64, i64)> {
    let mut v: Vec<(i64, i64)> = rule
        .ports
        .iter()
        .filter_map(|p| p.trim().parse::<i64>().ok())
        .map(|p| (p, p))
        .chain(rule.port_ranges.iter().map(|r| (r.start, r.end)))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn side_ids(groups: &[crate::resources::GroupMinimum]) -> Vec<&str> {
    let mut v: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    v.sort();
    v.dedup();
    v
}

/// `wide` lets through all `narrow` does, on the sides as groups (the All group covers any).
fn covers(net: &Net, wide: &PolicyRule, narrow: &PolicyRule) -> bool {
    let side = |w: &[crate::resources::GroupMinimum], n: &[crate::resources::GroupMinimum]| {
        let all = w
            .iter()
            .any(|g| net.group(&g.id).is_some_and(|g| g.is_all()));
        all || n.iter().all(|g| w.iter().any(|x| x.id == g.id))
    };
    let protocol = wide.protocol == "all" || wide.protocol == narrow.protocol;
    if !protocol || (narrow.bidirectional && !wide.bidirectional) {
        return false;
    }
    let (wp, np) = (ports_of(wide), ports_of(narrow));
    let ports = wp.is_empty()
        || (!np.is_empty()
            && np
                .iter()
                .all(|(s, e)| wp.iter().any(|(ws, we)| ws <= s && e <= we)));
    let resources = wide.source_resource.is_none()
        && wide.destination_resource.is_none()
        && narrow.source_resource.is_none()
        && narrow.destination_resource.is_none();
    resources
        && protocol
        && ports
        && (wide.bidirectional || !narrow.bidirectional)
        && side(&wide.sources, &narrow.sources)
        && side(&wide.destinations, &narrow.destinations)
}

fn policies(net: &Net, out: &mut Vec<Finding>) {
    let rules: Vec<_> = net.active_rules().collect();
    let policy_named = |p: &crate::resources::Policy| named(Resource::Policies, &p.id, &p.name);
    for (policy, rule) in &rules {
        for g in rule.sources.iter().chain(&rule.destinations) {
            match net.group(&g.id) {
                None => out.push(finding(
                    "rule-deleted-group",
                    Severity::Critical,
                    tf("Rule “{rule}” names a group that no longer exists ({group}).", &[("rule", &rule.name), ("group", if g.name.is_empty() { &g.id } else { &g.name })]),
                    vec![policy_named(policy)],
                )),
                Some(group) if group.peers.is_empty() && group.resources_count == 0 && group.resources.is_empty() => {
                    out.push(finding(
                        "rule-empty-group",
                        Severity::Warning,
                        tf("Rule “{rule}” names the group {group}, which holds no peers: the rule does nothing for it.", &[("rule", &rule.name), ("group", &group.name)]),
                        vec![policy_named(policy), named(Resource::Groups, &group.id, &group.name)],
                    ))
                }
                _ => {}
            }
        }
        if rule.protocol == "netbird-ssh" && rule.authorized_groups.0.is_empty() {
            out.push(finding(
                "ssh-everyone",
                Severity::Warning,
                tf("NetBird SSH rule “{rule}” names no authorized groups: every user of the account may log in.", &[("rule", &rule.name)]),
                vec![policy_named(policy)],
            ));
        }
    }
    // Each rule's shape once: its ports and its sides, sorted.
    let shapes: Vec<_> = rules
        .iter()
        .map(|(_, r)| (ports_of(r), side_ids(&r.sources), side_ids(&r.destinations)))
        .collect();
    for (i, (pa, a)) in rules.iter().enumerate() {
        for (j, (pb, b)) in rules.iter().enumerate() {
            if i == j {
                continue;
            }
            let same_shape = a.action == b.action
                && a.protocol == b.protocol
                && a.bidirectional == b.bidirectional
                && shapes[i] == shapes[j]
                && a.source_resource == b.source_resource
                && a.destination_resource == b.destination_resource;
            if same_shape {
                if i < j {
                    out.push(finding(
                        "rule-duplicate",
                        Severity::Warning,
                        tf(
                            "Rules “{a}” and “{b}” are the same: one of them can go.",
                            &[("a", &a.name), ("b", &b.name)],
                        ),
                        vec![policy_named(pa), policy_named(pb)],
                    ));
                }
                continue;
            }
            // `b` makes `a` pointless: an accept covered by a wider accept, or by a drop.
            if a.action == "accept" && covers(net, b, a) {
                let (rule, severity, message) = if b.action == "drop" {
                    ("rule-dropped", Severity::Warning, tf("Drop rule “{b}” blocks everything rule “{a}” allows: “{a}” never applies.", &[("a", &a.name), ("b", &b.name)]))
                } else {
                    (
                        "rule-shadowed",
                        Severity::Notice,
                        tf(
                            "Rule “{b}” already allows everything rule “{a}” allows.",
                            &[("a", &a.name), ("b", &b.name)],
                        ),
                    )
                };
                out.push(finding(
                    rule,
                    severity,
                    message,
                    vec![policy_named(pa), policy_named(pb)],
                ));
            }
        }
    }
}

fn groups(net: &Net, extra: &Extra, out: &mut Vec<Finding>) {
    let counts = usage_counts(&Sources {
        routes: net.routes,
        policies: net.policies,
        nameservers: net.nameservers,
        setup_keys: extra.setup_keys,
        users: extra.users,
        dns_settings: Some(net.dns),
        account_settings: extra.account,
    });
    for g in net.groups.iter().filter(|g| !g.is_all()) {
        let used = counts.get(&g.id).copied().unwrap_or_default();
        let empty = g.peers.is_empty() && g.resources.is_empty() && g.resources_count == 0;
        if used.total() == 0 {
            let mut f = finding(
                "group-unused",
                Severity::Notice,
                if empty {
                    tf(
                        "{group} holds nothing and is used nowhere.",
                        &[("group", &g.name)],
                    )
                } else {
                    tf(
                        "{group} is used by no policy, route, nameserver group, setup key or user.",
                        &[("group", &g.name)],
                    )
                },
                vec![named(Resource::Groups, &g.id, &g.name)],
            );
            if empty {
                f.fix = Some(Fix::DeleteGroup(g.id.clone()));
            }
            out.push(f);
            continue;
        }
        let keys: Vec<&SetupKey> = extra
            .setup_keys
            .iter()
            .filter(|k| k.auto_groups.contains(&g.id))
            .collect();
        if used.total() == used.setup_keys && !keys.is_empty() && keys.iter().all(|k| k.revoked) {
            let mut objects = vec![named(Resource::Groups, &g.id, &g.name)];
            objects.extend(
                keys.iter()
                    .map(|k| named(Resource::SetupKeys, &k.id, &k.name)),
            );
            out.push(finding(
                "group-revoked-keys",
                Severity::Notice,
                tf("{group} is used only by revoked setup keys, and they stop it from being deleted.", &[("group", &g.name)]),
                objects,
            ));
        }
    }
}

fn keys_and_tokens(extra: &Extra, out: &mut Vec<Finding>) {
    let soon =
        |ts: &str| parse_rfc3339(ts).is_some_and(|at| at > extra.now && at - extra.now <= 7 * DAY);
    for k in extra.setup_keys.iter().filter(|k| !k.revoked) {
        let key = vec![named(Resource::SetupKeys, &k.id, &k.name)];
        if k.valid && soon(&k.expires) {
            out.push(finding(
                "key-expiring",
                Severity::Warning,
                tf(
                    "Setup key {key} expires within 7 days.",
                    &[("key", &k.name)],
                ),
                key,
            ));
        } else if k.usage_limit > 0 && k.used_times >= k.usage_limit {
            out.push(finding(
                "key-used-up",
                Severity::Notice,
                tf(
                    "Setup key {key} is used up: it enrols no more peers.",
                    &[("key", &k.name)],
                ),
                key,
            ));
        }
    }
    for (user, tokens) in extra.tokens {
        for token in tokens.iter().filter(|tk| soon(&tk.expiration_date)) {
            out.push(finding(
                "token-expiring",
                Severity::Warning,
                tf(
                    "Access token “{token}” of {user} expires within 7 days.",
                    &[("token", &token.name), ("user", user.display_name())],
                ),
                vec![named(Resource::Users, &user.id, user.display_name())],
            ));
        }
    }
}

/// One finding naming many peers, with the peers list's search for them.
fn many(
    net: &Net,
    rule: &'static str,
    severity: Severity,
    message: String,
    peers: &[&str],
    search: &str,
) -> Finding {
    let mut f = finding(
        rule,
        severity,
        message,
        peers
            .iter()
            .map(|p| named(Resource::Peers, p, net.peer_name(p)))
            .collect(),
    );
    f.list = Some(format!(
        "/peers?q={}",
        crate::base::listing::encode_query_value(search)
    ));
    f
}

fn peers(net: &Net, now: i64, out: &mut Vec<Finding>) {
    let pick = |test: &dyn Fn(&crate::resources::PeerBrief) -> bool| -> Vec<&str> {
        net.peers
            .iter()
            .filter(|p| test(p))
            .map(|p| p.id.as_str())
            .collect()
    };
    let count = |v: &Vec<&str>| crate::base::format::thousands(v.len() as u64);
    let expired = pick(&|p| p.login_expired);
    if !expired.is_empty() {
        out.push(many(
            net,
            "peer-login-expired",
            Severity::Warning,
            if expired.len() == 1 {
                t("1 peer needs its user to log in again: its login expired.")
            } else {
                tf(
                    "{count} peers need their user to log in again: their login expired.",
                    &[("count", &count(&expired))],
                )
            },
            &expired,
            "expired:yes",
        ));
    }
    let pending = pick(&|p| p.approval_required);
    if !pending.is_empty() {
        out.push(many(
            net,
            "peer-pending",
            Severity::Warning,
            if pending.len() == 1 {
                t("1 peer waits for approval: it reaches nothing until approved.")
            } else {
                tf(
                    "{count} peers wait for approval: they reach nothing until approved.",
                    &[("count", &count(&pending))],
                )
            },
            &pending,
            "approval:pending",
        ));
    }
    let gone = pick(&|p| {
        !p.connected && parse_rfc3339(&p.last_seen).is_some_and(|seen| now - seen > 30 * DAY)
    });
    if !gone.is_empty() {
        out.push(many(
            net,
            "peer-offline-30d",
            Severity::Notice,
            if gone.len() == 1 {
                t("1 peer has been offline for more than 30 days.")
            } else {
                tf(
                    "{count} peers have been offline for more than 30 days.",
                    &[("count", &count(&gone))],
                )
            },
            &gone,
            "status:offline seen:>30d",
        ));
    }
    if let Some(newest) = net
        .peers
        .iter()
        .filter_map(|p| Version::parse(&p.version))
        .max()
    {
        let old = pick(&|p| Version::parse(&p.version).is_some_and(|v| v < newest));
        if !old.is_empty() {
            let newest_text = net
                .peers
                .iter()
                .find(|p| Version::parse(&p.version).is_some_and(|v| v == newest))
                .map_or(String::new(), |p| p.version.clone());
            out.push(many(
                net,
                "peer-outdated",
                Severity::Notice,
                if old.len() == 1 {
                    tf(
                        "1 peer runs a client older than {version}, the newest in this account.",
                        &[("version", &newest_text)],
                    )
                } else {
                    tf(
                        "{count} peers run a client older than {version}, the newest in this account.",
                        &[("count", &count(&old)), ("version", &newest_text)],
                    )
                },
                &old,
                &format!("version:<{newest_text}"),
            ));
        }
    }
}

fn dns(net: &Net, out: &mut Vec<Finding>) {
    for ns in net.nameservers.iter().filter(|n| n.enabled) {
        let groups: Vec<&str> = ns.groups.iter().map(String::as_str).collect();
        if net.members(&groups).is_empty() {
            out.push(finding(
                "ns-no-peers",
                Severity::Warning,
                tf(
                    "Nameserver group {name} is distributed to no peer: its groups are empty.",
                    &[("name", &ns.name)],
                ),
                vec![named(Resource::Dns, &ns.id, &ns.name)],
            ));
        }
    }
    let unmanaged: HashSet<&str> = net
        .dns
        .disabled_management_groups
        .iter()
        .map(String::as_str)
        .collect();
    let mut matched: HashMap<&str, &crate::resources::NameserverGroup> = HashMap::new();
    for ns in net.nameservers.iter().filter(|n| n.enabled) {
        for d in &ns.domains {
            matched.entry(d.as_str()).or_insert(ns);
        }
    }
    for r in net
        .routes
        .iter()
        .filter(|r| r.enabled && !r.domains.is_empty())
    {
        if let Some(g) = r.groups.iter().find(|g| unmanaged.contains(g.as_str())) {
            out.push(finding(
                "domain-route-no-dns",
                Severity::Warning,
                tf("Domain route {route} goes to {group}, whose peers have DNS management turned off: they cannot resolve its domains through the routing peer.", &[("route", &r.network_id), ("group", net.group_name(g))]),
                vec![route_named(r), named(Resource::Groups, g, net.group_name(g))],
            ));
        }
        for d in &r.domains {
            let parent = d.trim_start_matches("*.");
            if let Some(ns) = matched.get(d.as_str()).or_else(|| matched.get(parent)) {
                out.push(finding(
                    "domain-route-nameserver",
                    Severity::Notice,
                    tf("{domain} is routed by {route} and is also a match domain of nameserver group {name}: its names resolve through that group.", &[("domain", d), ("route", &r.network_id), ("name", &ns.name)]),
                    vec![route_named(r), named(Resource::Dns, &ns.id, &ns.name)],
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::resources::{Group, NameserverGroup, Policy};

    fn rules_of(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.rule).collect()
    }

    fn route(id: &str, network_id: &str, network: &str, peer: &str) -> Route {
        Route {
            id: id.into(),
            network_id: network_id.into(),
            network: network.into(),
            peer: peer.into(),
            enabled: true,
            masquerade: true,
            groups: vec!["devs".into()],
            ..Route::default()
        }
    }

    fn run(a: &Account) -> Vec<Finding> {
        check(&a.net(), &Extra::default())
    }

    /// Used by a policy, so the group rules stay quiet where a test is about something else.
    fn quiet() -> Vec<Policy> {
        vec![policy(
            "q",
            vec![rule("q", "all", &["devs", "dbs"], &["servers", "empty"])],
        )]
    }

    fn only(a: &Account, rule: &str) -> Vec<Finding> {
        run(a).into_iter().filter(|f| f.rule == rule).collect()
    }

    #[test]
    fn duplicate_and_overlapping_networks() {
        let mut a = account(quiet());
        a.routes = vec![
            route("a", "office", "10.0.0.0/16", "p3"),
            route("b", "office-copy", "10.0.0.0/16", "p4"),
            route("c", "lab", "10.0.5.0/24", "p3"),
            // An exit node overlaps everything by design.
            route("d", "exit", "0.0.0.0/0", "p3"),
            // The same network ID: one HA route, not a duplicate.
            route("e", "office", "10.0.0.0/16", "p4"),
        ];
        let dup = only(&a, "route-duplicate");
        assert_eq!(dup.len(), 1, "{dup:?}");
        let overlap = only(&a, "route-overlap");
        assert_eq!(overlap.len(), 2);
        assert!(overlap[0]
            .message
            .contains("10.0.5.0/24 lies inside 10.0.0.0/16"));
        assert_eq!(overlap[0].objects[1].name, "lab");
    }

    #[test]
    fn ha_that_is_not_real() {
        let mut a = account(quiet());
        a.groups.push(group("routers", &["p3"]));
        let mut via_group = route("g", "vpc", "10.1.0.0/16", "");
        via_group.peer_groups = vec!["routers".into()];
        a.routes = vec![
            via_group,
            route("twice-1", "dc", "10.2.0.0/16", "p3"),
            route("twice-2", "dc", "10.2.0.0/16", "p3"),
            route("real-1", "real", "10.3.0.0/16", "p3"),
            route("real-2", "real", "10.3.0.0/16", "p4"),
        ];
        let f = run(&a);
        let single: Vec<_> = f.iter().filter(|f| f.rule == "ha-single").collect();
        assert_eq!(single.len(), 2);
        assert_eq!(single[0].objects[0].id, "g");
        assert!(single[0].message.contains("only p3-name routes it"));
        assert_eq!(only(&a, "ha-same-peer").len(), 1);
        // p4 goes offline: the real HA route runs without its standby.
        a.peers[3].connected = false;
        let down = only(&a, "ha-standby-down");
        assert_eq!(down.len(), 1);
        assert!(down[0].message.contains("p4-name"));
        // A disabled route of the real HA pair: no standby there.
        let mut b = Account {
            routes: a.routes.clone(),
            ..account(quiet())
        };
        b.groups.push(group("routers", &["p3"]));
        b.routes[4].enabled = false;
        let off = only(&b, "ha-route-disabled");
        assert_eq!(off.len(), 1);
        assert_eq!(off[0].objects.len(), 2);
        // And with p3 offline too, nothing routes it.
        a.peers[2].connected = false;
        assert_eq!(only(&a, "route-no-router").len(), 3);
        assert_eq!(run(&a)[0].severity, Severity::Critical);
    }

    #[test]
    fn exit_nodes_need_masquerade() {
        let mut a = account(quiet());
        let mut exit = route("x", "exit", "0.0.0.0/0", "p3");
        exit.masquerade = false;
        a.routes = vec![exit];
        let f = only(&a, "exit-no-masquerade");
        assert_eq!(f[0].fix, Some(Fix::Masquerade("x".into())));
        a.routes[0].masquerade = true;
        assert!(only(&a, "exit-no-masquerade").is_empty());
    }

    #[test]
    fn rules_naming_empty_or_deleted_groups() {
        let mut a = account(vec![policy(
            "p",
            vec![rule("r", "tcp", &["devs", "gone"], &["empty"])],
        )]);
        let f = run(&a);
        assert_eq!(rules_of(&f)[0], "rule-deleted-group");
        assert!(rules_of(&f).contains(&"rule-empty-group"));
        a.groups.retain(|g| g.id != "empty");
        assert_eq!(only(&a, "rule-deleted-group").len(), 2);
    }

    #[test]
    fn duplicate_shadowed_and_dropped_rules() {
        let mut drop = rule("deny", "all", &["devs"], &["servers"]);
        drop.action = "drop".into();
        let a = account(vec![
            policy("a", vec![rule("web", "tcp", &["devs"], &["servers"])]),
            policy("b", vec![rule("web-again", "tcp", &["devs"], &["servers"])]),
            policy("c", vec![rule("anything", "all", &["all"], &["servers"])]),
            policy("d", vec![drop]),
        ]);
        let f = run(&a);
        assert_eq!(f.iter().filter(|f| f.rule == "rule-duplicate").count(), 1);
        let shadowed: Vec<_> = f.iter().filter(|f| f.rule == "rule-shadowed").collect();
        assert!(shadowed.iter().any(|f| f
            .message
            .contains("“anything” already allows everything rule “web”")));
        assert!(f.iter().any(|f| f.rule == "rule-dropped"
            && f.message.contains("“deny”")
            && f.message.contains("“web-again”")));
        // "anything" (All → servers) is wider than the drop rule (devs → servers): not covered.
        assert!(!f
            .iter()
            .any(|f| f.rule == "rule-dropped" && f.message.contains("“anything” never")));
    }

    #[test]
    fn ssh_rules_without_authorized_groups() {
        let a = account(vec![policy(
            "s",
            vec![rule("ssh", "netbird-ssh", &["devs"], &["servers"])],
        )]);
        assert_eq!(only(&a, "ssh-everyone").len(), 1);
    }

    #[test]
    fn unused_groups_and_groups_held_by_revoked_keys() {
        let mut a = account(quiet());
        a.groups.push(group("lonely", &[]));
        a.groups.push(group("kept", &["p1"]));
        a.groups.push(group("keyed", &[]));
        let keys = vec![SetupKey {
            id: "k".into(),
            name: "old key".into(),
            revoked: true,
            auto_groups: vec!["keyed".into()],
            ..SetupKey::default()
        }];
        let extra = Extra {
            setup_keys: &keys,
            ..Extra::default()
        };
        let f = check(&a.net(), &extra);
        let unused: Vec<_> = f.iter().filter(|f| f.rule == "group-unused").collect();
        assert_eq!(unused.len(), 2);
        assert_eq!(unused[0].fix, Some(Fix::DeleteGroup("lonely".into())));
        assert_eq!(
            unused[1].fix, None,
            "a group with peers is not deleted by a fix"
        );
        let keyed: Vec<_> = f
            .iter()
            .filter(|f| f.rule == "group-revoked-keys")
            .collect();
        assert_eq!(keyed[0].objects[1].name, "old key");
        // A group the account settings name is used.
        let settings = crate::resources::AccountSettings {
            peer_expose_groups: vec!["lonely".into()],
            ..Default::default()
        };
        let f = check(
            &a.net(),
            &Extra {
                setup_keys: &keys,
                account: Some(&settings),
                ..Extra::default()
            },
        );
        assert!(!f
            .iter()
            .any(|f| f.rule == "group-unused" && f.objects[0].id == "lonely"));
        // The All group is never unused.
        assert!(!f.iter().any(|f| f
            .objects
            .iter()
            .any(|o| o.id == "all" && f.rule == "group-unused")));
    }

    #[test]
    fn keys_and_tokens_expiring_soon() {
        let now = parse_rfc3339("2026-12-01T00:00:00Z").unwrap();
        let keys = vec![
            SetupKey {
                id: "soon".into(),
                name: "soon".into(),
                valid: true,
                expires: "2026-12-05T00:00:00Z".into(),
                ..SetupKey::default()
            },
            SetupKey {
                id: "later".into(),
                name: "later".into(),
                valid: true,
                expires: "2027-01-05T00:00:00Z".into(),
                ..SetupKey::default()
            },
            SetupKey {
                id: "full".into(),
                name: "full".into(),
                valid: false,
                usage_limit: 3,
                used_times: 3,
                expires: "2027-01-05T00:00:00Z".into(),
                ..SetupKey::default()
            },
        ];
        let user = User {
            id: "u".into(),
            name: "Robot".into(),
            is_service_user: true,
            ..User::default()
        };
        let tokens = vec![(
            user,
            vec![
                PersonalAccessToken {
                    id: "t".into(),
                    name: "ci".into(),
                    expiration_date: "2026-12-07T23:00:00Z".into(),
                    ..PersonalAccessToken::default()
                },
                PersonalAccessToken {
                    id: "t2".into(),
                    name: "gone".into(),
                    expiration_date: "2026-11-07T23:00:00Z".into(),
                    ..PersonalAccessToken::default()
                },
            ],
        )];
        let a = account(quiet());
        let f = check(
            &a.net(),
            &Extra {
                setup_keys: &keys,
                tokens: &tokens,
                now,
                ..Extra::default()
            },
        );
        assert_eq!(
            rules_of(&f)
                .iter()
                .filter(|r| **r == "key-expiring")
                .count(),
            1
        );
        assert_eq!(
            rules_of(&f).iter().filter(|r| **r == "key-used-up").count(),
            1
        );
        let t: Vec<_> = f.iter().filter(|f| f.rule == "token-expiring").collect();
        assert_eq!(t.len(), 1);
        assert!(t[0].message.contains("“ci” of Robot"));
    }

    #[test]
    fn peers_needing_attention_are_one_finding_each() {
        let now = parse_rfc3339("2026-12-01T00:00:00Z").unwrap();
        let mut a = account(quiet());
        a.peers[0].login_expired = true;
        a.peers[1].approval_required = true;
        a.peers[2].connected = false;
        a.peers[2].last_seen = "2026-10-01T00:00:00Z".into();
        for (i, v) in ["0.40.1", "0.39.0", "0.40.1", "", "0.38.2"]
            .iter()
            .enumerate()
        {
            a.peers[i].version = v.to_string();
        }
        let f = check(
            &a.net(),
            &Extra {
                now,
                ..Extra::default()
            },
        );
        let by = |rule: &str| f.iter().find(|f| f.rule == rule).unwrap().clone();
        assert_eq!(
            by("peer-login-expired").list.as_deref(),
            Some("/peers?q=expired%3Ayes")
        );
        assert_eq!(by("peer-pending").objects[0].name, "p2-name");
        assert_eq!(by("peer-offline-30d").objects[0].id, "p3");
        let old = by("peer-outdated");
        assert_eq!(old.objects.len(), 2);
        assert!(old.message.contains("older than 0.40.1"));
        // One peer is counted in the singular, more in the plural.
        assert_eq!(
            by("peer-login-expired").message,
            "1 peer needs its user to log in again: its login expired."
        );
        assert_eq!(
            by("peer-pending").message,
            "1 peer waits for approval: it reaches nothing until approved."
        );
        assert_eq!(
            by("peer-offline-30d").message,
            "1 peer has been offline for more than 30 days."
        );
        assert_eq!(
            old.message,
            "2 peers run a client older than 0.40.1, the newest in this account."
        );
        a.peers[4].version = "0.40.1".into();
        let f = check(
            &a.net(),
            &Extra {
                now,
                ..Extra::default()
            },
        );
        let old = f.iter().find(|f| f.rule == "peer-outdated").unwrap();
        assert_eq!(
            old.message,
            "1 peer runs a client older than 0.40.1, the newest in this account."
        );
    }

    #[test]
    fn nameservers_for_nobody_and_domains_routed_and_matched() {
        let mut a = account(quiet());
        a.nameservers = vec![NameserverGroup {
            id: "ns".into(),
            name: "Corp".into(),
            enabled: true,
            groups: vec!["empty".into()],
            domains: vec!["example.com".into()],
            ..NameserverGroup::default()
        }];
        let mut dom = route("d", "intranet", "", "p3");
        dom.domains = vec!["*.example.com".into()];
        dom.groups = vec!["devs".into()];
        a.routes = vec![dom];
        a.dns.disabled_management_groups = vec!["devs".into()];
        let f = run(&a);
        assert!(rules_of(&f).contains(&"ns-no-peers"));
        assert!(rules_of(&f).contains(&"domain-route-no-dns"));
        assert!(rules_of(&f).contains(&"domain-route-nameserver"));
        let _ = Group::default();
    }

    #[test]
    fn counts_per_severity() {
        let mut a = account(vec![policy(
            "p",
            vec![rule("r", "tcp", &["gone"], &["devs"])],
        )]);
        a.groups.push(group("lonely", &[]));
        let f = run(&a);
        let c = counts(&f);
        assert_eq!(c[Severity::Critical as usize], 1);
        assert_eq!(c.iter().sum::<usize>(), f.len());
    }
}
