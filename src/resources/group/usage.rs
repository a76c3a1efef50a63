//! Where a group is used, found in the lists the console already holds (routes, policies,
//! nameserver groups, setup keys, users, DNS and account settings): what stops the group from
//! being deleted, and the counts of the groups table's columns. Pure.
//!
//! The server refuses to delete a group that something still names (`group has been linked to
//! …`), and names routes, nameserver groups, policies, setup keys and users in that order; the
//! uses here follow it, then the DNS and account settings. Network routers and resources,
//! reverse proxy services, agent network policies and integrated validators can hold a group
//! too; the console does not list them, so they are not found here. `jwt_allow_groups` holds the
//! names of the identity provider's groups, not NetBird group IDs, and is not a use; the server
//! does not count the IPv6 and peer-expose groups as uses (it deletes such a group anyway), but
//! a group left there would be a dangling ID, so they are.

use crate::base::i18n::t;
use crate::resources::{
    AccountSettings, DnsSettings, NameserverGroup, Policy, Route, SetupKey, User,
};
use std::collections::HashMap;

/// One way an object names a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UseKind {
    /// A route's `groups`: the peers that receive it.
    RouteDistribution,
    /// A route's `peer_groups`: the peers that route it.
    RouteRoutingPeers,
    /// A route's `access_control_groups`.
    RouteAccessControl,
    /// A policy rule's `sources`.
    PolicySource,
    /// A policy rule's `destinations`.
    PolicyDestination,
    /// A nameserver group's `groups`: the peers that use it.
    NameserverDistribution,
    /// A setup key's `auto_groups`.
    SetupKeyAutoGroup,
    /// A user's `auto_groups`.
    UserAutoGroup,
    /// The DNS settings' `disabled_management_groups`.
    DnsManagementDisabled,
    /// The account settings' `peer_expose_groups`.
    PeerExpose,
    /// The account settings' `ipv6_enabled_groups`.
    Ipv6Enabled,
    /// The account settings' `extra.network_traffic_logs_groups`.
    TrafficLogging,
}

/// The kind of object a use is in: one GET and one PUT each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Holder {
    Route,
    Policy,
    NameserverGroup,
    SetupKey,
    User,
    DnsSettings,
    AccountSettings,
}

impl UseKind {
    pub const ALL: [UseKind; 12] = [
        UseKind::RouteDistribution,
        UseKind::RouteRoutingPeers,
        UseKind::RouteAccessControl,
        UseKind::PolicySource,
        UseKind::PolicyDestination,
        UseKind::NameserverDistribution,
        UseKind::SetupKeyAutoGroup,
        UseKind::UserAutoGroup,
        UseKind::DnsManagementDisabled,
        UseKind::PeerExpose,
        UseKind::Ipv6Enabled,
        UseKind::TrafficLogging,
    ];

    /// How the console names the use, in the chosen language.
    pub fn label(self) -> String {
        match self {
            UseKind::RouteDistribution => t("Route distribution"),
            UseKind::RouteRoutingPeers => t("Route routing peers"),
            UseKind::RouteAccessControl => t("Route access control"),
            UseKind::PolicySource => t("Policy source"),
            UseKind::PolicyDestination => t("Policy destination"),
            UseKind::NameserverDistribution => t("Nameserver distribution"),
            UseKind::SetupKeyAutoGroup => t("Setup key auto-assigned group"),
            UseKind::UserAutoGroup => t("User auto-assigned group"),
            UseKind::DnsManagementDisabled => t("DNS management disabled"),
            UseKind::PeerExpose => t("Peer expose"),
            UseKind::Ipv6Enabled => t("IPv6 enabled"),
            UseKind::TrafficLogging => t("Traffic logging"),
        }
    }

    pub fn holder(self) -> Holder {
        match self {
            UseKind::RouteDistribution
            | UseKind::RouteRoutingPeers
            | UseKind::RouteAccessControl => Holder::Route,
            UseKind::PolicySource | UseKind::PolicyDestination => Holder::Policy,
            UseKind::NameserverDistribution => Holder::NameserverGroup,
            UseKind::SetupKeyAutoGroup => Holder::SetupKey,
            UseKind::UserAutoGroup => Holder::User,
            UseKind::DnsManagementDisabled => Holder::DnsSettings,
            UseKind::PeerExpose | UseKind::Ipv6Enabled | UseKind::TrafficLogging => {
                Holder::AccountSettings
            }
        }
    }
}

/// The lists a group's uses are found in (a list the caller may not read: empty, or `None`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Sources<'a> {
    pub routes: &'a [Route],
    pub policies: &'a [Policy],
    pub nameservers: &'a [NameserverGroup],
    pub setup_keys: &'a [SetupKey],
    pub users: &'a [User],
    pub dns_settings: Option<&'a DnsSettings>,
    pub account_settings: Option<&'a AccountSettings>,
}

/// One use of a group: how, and by which object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Usage {
    pub kind: UseKind,
    /// `""` for the DNS and account settings, which have no ID of their own.
    pub object_id: String,
    /// The object as the admin knows it: a route's network identifier, a policy's, nameserver
    /// group's or setup key's name, a user's name or email, "DNS settings", "Account settings".
    pub object_name: String,
}

/// How many objects of each category use a group (an object that names it twice counts once).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub routes: u64,
    pub policies: u64,
    pub nameservers: u64,
    pub setup_keys: u64,
    pub users: u64,
    /// The DNS settings and the account settings.
    pub settings: u64,
}

impl Counts {
    pub fn total(&self) -> u64 {
        self.routes
            + self.policies
            + self.nameservers
            + self.setup_keys
            + self.users
            + self.settings
    }

    fn of_mut(&mut self, holder: Holder) -> &mut u64 {
        match holder {
            Holder::Route => &mut self.routes,
            Holder::Policy => &mut self.policies,
            Holder::NameserverGroup => &mut self.nameservers,
            Holder::SetupKey => &mut self.setup_keys,
            Holder::User => &mut self.users,
            Holder::DnsSettings | Holder::AccountSettings => &mut self.settings,
        }
    }
}

/// An object of the sources.
#[derive(Clone, Copy)]
enum Object<'s> {
    Route(&'s Route),
    Policy(&'s Policy),
    Nameserver(&'s NameserverGroup),
    SetupKey(&'s SetupKey),
    User(&'s User),
    DnsSettings,
    AccountSettings,
}

impl<'s> Object<'s> {
    fn holder(self) -> Holder {
        match self {
            Object::Route(_) => Holder::Route,
            Object::Policy(_) => Holder::Policy,
            Object::Nameserver(_) => Holder::NameserverGroup,
            Object::SetupKey(_) => Holder::SetupKey,
            Object::User(_) => Holder::User,
            Object::DnsSettings => Holder::DnsSettings,
            Object::AccountSettings => Holder::AccountSettings,
        }
    }

    fn id(self) -> &'s str {
        match self {
            Object::Route(r) => &r.id,
            Object::Policy(p) => &p.id,
            Object::Nameserver(n) => &n.id,
            Object::SetupKey(k) => &k.id,
            Object::User(u) => &u.id,
            Object::DnsSettings | Object::AccountSettings => "",
        }
    }

    fn name(self) -> String {
        match self {
            Object::Route(r) => r.network_id.clone(),
            Object::Policy(p) => p.name.clone(),
            Object::Nameserver(n) => n.name.clone(),
            Object::SetupKey(k) => k.name.clone(),
            Object::User(u) => u.display_name().to_string(),
            Object::DnsSettings => t("DNS settings"),
            Object::AccountSettings => t("Account settings"),
        }
    }
}

/// What `for_each_object` hands over: an object and every (kind, group ID) it names.
type Each<'e, 's> = dyn FnMut(Object<'s>, &[(UseKind, &'s str)]) + 'e;

/// Calls `each` once per object of `sources` with every (kind, group ID) it names, objects in
/// the order the server checks them.
fn for_each_object<'s>(sources: &Sources<'s>, each: &mut Each<'_, 's>) {
    let mut uses: Vec<(UseKind, &'s str)> = Vec::new();
    for r in sources.routes {
        let lists = [
            (UseKind::RouteDistribution, &r.groups),
            (UseKind::RouteRoutingPeers, &r.peer_groups),
            (UseKind::RouteAccessControl, &r.access_control_groups),
        ];
        hand_over(each, &mut uses, Object::Route(r), &lists);
    }
    for n in sources.nameservers {
        let lists = [(UseKind::NameserverDistribution, &n.groups)];
        hand_over(each, &mut uses, Object::Nameserver(n), &lists);
    }
    for p in sources.policies {
        uses.clear();
        for rule in &p.rules {
            let from = rule
                .sources
                .iter()
                .map(|g| (UseKind::PolicySource, g.id.as_str()));
            let to = rule
                .destinations
                .iter()
                .map(|g| (UseKind::PolicyDestination, g.id.as_str()));
            uses.extend(from.chain(to));
        }
        each(Object::Policy(p), &uses);
    }
    for k in sources.setup_keys {
        let lists = [(UseKind::SetupKeyAutoGroup, &k.auto_groups)];
        hand_over(each, &mut uses, Object::SetupKey(k), &lists);
    }
    for u in sources.users {
        let lists = [(UseKind::UserAutoGroup, &u.auto_groups)];
        hand_over(each, &mut uses, Object::User(u), &lists);
    }
    if let Some(dns) = sources.dns_settings {
        let lists = [(
            UseKind::DnsManagementDisabled,
            &dns.disabled_management_groups,
        )];
        hand_over(each, &mut uses, Object::DnsSettings, &lists);
    }
    if let Some(s) = sources.account_settings {
        let lists = [
            (UseKind::PeerExpose, &s.peer_expose_groups),
            (UseKind::Ipv6Enabled, &s.ipv6_enabled_groups),
            (
                UseKind::TrafficLogging,
                &s.extra.network_traffic_logs_groups,
            ),
        ];
        hand_over(each, &mut uses, Object::AccountSettings, &lists);
    }
}

/// `each(object, …)` with the group IDs of `lists`, collected in `uses` (reused, so that 10,000
/// users cost no allocation each).
fn hand_over<'s>(
    each: &mut Each<'_, 's>,
    uses: &mut Vec<(UseKind, &'s str)>,
    object: Object<'s>,
    lists: &[(UseKind, &'s Vec<String>)],
) {
    uses.clear();
    for &(kind, ids) in lists {
        uses.extend(ids.iter().map(|id| (kind, id.as_str())));
    }
    each(object, uses);
}

/// Every use of `group_id`, object by object in the order the server checks them; an object
/// that names the group several ways gives one `Usage` per way.
pub fn usages(sources: &Sources, group_id: &str) -> Vec<Usage> {
    let mut found = Vec::new();
    for_each_object(sources, &mut |object, uses| {
        let mut kinds: Vec<UseKind> = Vec::new();
        for &(kind, id) in uses {
            if id == group_id && !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        found.extend(kinds.into_iter().map(|kind| Usage {
            kind,
            object_id: object.id().to_string(),
            object_name: object.name(),
        }));
    });
    found
}

/// The uses of every group at once, in one pass over the lists: group ID → counts.
pub fn usage_counts(sources: &Sources) -> HashMap<String, Counts> {
    let mut counts: HashMap<String, Counts> = HashMap::new();
    for_each_object(sources, &mut |object, uses| {
        let holder = object.holder();
        for (i, &(_, id)) in uses.iter().enumerate() {
            if uses[..i].iter().any(|&(_, seen)| seen == id) {
                continue;
            }
            match counts.get_mut(id) {
                Some(c) => *c.of_mut(holder) += 1,
                None => {
                    let mut c = Counts::default();
                    *c.of_mut(holder) += 1;
                    counts.insert(id.to_string(), c);
                }
            }
        }
    });
    counts
}

/// The first use of each object: detaching a group from an object takes it out of every place
/// in that object at once, so one write per object.
pub fn one_per_object(usages: &[Usage]) -> Vec<&Usage> {
    let mut seen: Vec<(Holder, &str)> = Vec::new();
    let mut first = Vec::new();
    for u in usages {
        let key = (u.kind.holder(), u.object_id.as_str());
        if !seen.contains(&key) {
            seen.push(key);
            first.push(u);
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::json::decode_str;

    struct Lists {
        routes: Vec<Route>,
        policies: Vec<Policy>,
        nameservers: Vec<NameserverGroup>,
        setup_keys: Vec<SetupKey>,
        users: Vec<User>,
        dns: DnsSettings,
        account: AccountSettings,
    }

    impl Lists {
        fn sources(&self) -> Sources<'_> {
            Sources {
                routes: &self.routes,
                policies: &self.policies,
                nameservers: &self.nameservers,
                setup_keys: &self.setup_keys,
                users: &self.users,
                dns_settings: Some(&self.dns),
                account_settings: Some(&self.account),
            }
        }
    }

    /// The lists as the server sends them, with its nulls and omitted members.
    fn lists() -> Lists {
        Lists {
            routes: decode_str(
                r#"[{"id":"r1","network_id":"office","network_type":"IPv4","network":"10.0.0.0/24",
                "domains":null,"peer":"p1","metric":9999,"masquerade":true,"groups":["devs","ops"],
                "access_control_groups":["devs"],"enabled":true,"keep_route":false,"skip_auto_apply":false},
                {"id":"r2","network_id":"docs","network_type":"Domain","network":"192.0.2.0/32",
                "domains":["example.com"],"peer":"","peer_groups":["gateways"],"metric":100,
                "masquerade":true,"groups":["ops"],"enabled":true,"keep_route":true,"skip_auto_apply":false}]"#,
            )
            .unwrap(),
            policies: decode_str(
                r#"[{"id":"pol1","name":"devs to servers","enabled":true,"source_posture_checks":null,
                "rules":[{"id":"pol1","name":"devs to servers","enabled":true,"action":"accept",
                "bidirectional":true,"protocol":"tcp","ports":["22"],
                "sources":[{"id":"devs","name":"Devs","peers_count":3}],
                "destinations":[{"id":"servers","name":"Servers","peers_count":2,"resources_count":0}]}]},
                {"id":"pol2","name":"devs to devs","enabled":true,"source_posture_checks":[],
                "rules":[{"id":"pol2","name":"devs to devs","enabled":true,"action":"accept",
                "bidirectional":true,"protocol":"all",
                "sources":[{"id":"devs","name":"Devs","peers_count":3}],
                "destinations":[{"id":"devs","name":"Devs","peers_count":3}]}]},
                {"id":"pol3","name":"to a host","enabled":true,"source_posture_checks":[],
                "rules":[{"id":"pol3","name":"to a host","enabled":true,"action":"accept",
                "bidirectional":false,"protocol":"all","sources":null,
                "sourceResource":{"id":"res1","type":"host"},
                "destinations":[{"id":"ops","name":"Ops","peers_count":1}]}]}]"#,
            )
            .unwrap(),
            nameservers: decode_str(
                r#"[{"id":"ns1","name":"Office DNS","description":"","nameservers":[{"ip":"10.0.0.53",
                "ns_type":"udp","port":53}],"enabled":true,"groups":["ops","devs"],"primary":true,
                "domains":null,"search_domains_enabled":false}]"#,
            )
            .unwrap(),
            setup_keys: decode_str(
                r#"[{"id":"k1","name":"CI runners","key":"A6160****","type":"reusable","state":"valid",
                "valid":true,"revoked":false,"expires":"0001-01-01T00:00:00Z","used_times":4,
                "usage_limit":0,"last_used":"0001-01-01T00:00:00Z","auto_groups":["ops"],"ephemeral":true}]"#,
            )
            .unwrap(),
            users: decode_str(
                r#"[{"id":"u1","email":"ann@example.com","name":"","role":"admin","status":"active",
                "auto_groups":["devs"],"is_blocked":false},
                {"id":"u2","email":"bob@example.com","name":"Bob","role":"user","status":"active",
                "auto_groups":[],"is_blocked":false}]"#,
            )
            .unwrap(),
            dns: decode_str(r#"{"disabled_management_groups":["ops"]}"#).unwrap(),
            account: decode_str(
                r#"{"peer_expose_enabled":true,"peer_expose_groups":["devs"],
                "ipv6_enabled_groups":["devs","ops"],"jwt_allow_groups":["ops"],
                "extra":{"network_traffic_logs_enabled":true,"network_traffic_logs_groups":null}}"#,
            )
            .unwrap(),
        }
    }

    fn usage(kind: UseKind, id: &str, name: &str) -> Usage {
        Usage {
            kind,
            object_id: id.into(),
            object_name: name.into(),
        }
    }

    #[test]
    fn every_use_of_a_group_in_server_order() {
        let l = lists();
        assert_eq!(
            usages(&l.sources(), "devs"),
            [
                usage(UseKind::RouteDistribution, "r1", "office"),
                usage(UseKind::RouteAccessControl, "r1", "office"),
                usage(UseKind::NameserverDistribution, "ns1", "Office DNS"),
                usage(UseKind::PolicySource, "pol1", "devs to servers"),
                usage(UseKind::PolicySource, "pol2", "devs to devs"),
                usage(UseKind::PolicyDestination, "pol2", "devs to devs"),
                usage(UseKind::UserAutoGroup, "u1", "ann@example.com"),
                usage(UseKind::PeerExpose, "", "Account settings"),
                usage(UseKind::Ipv6Enabled, "", "Account settings"),
            ]
        );
        assert_eq!(
            usages(&l.sources(), "ops"),
            [
                usage(UseKind::RouteDistribution, "r1", "office"),
                usage(UseKind::RouteDistribution, "r2", "docs"),
                usage(UseKind::NameserverDistribution, "ns1", "Office DNS"),
                usage(UseKind::PolicyDestination, "pol3", "to a host"),
                usage(UseKind::SetupKeyAutoGroup, "k1", "CI runners"),
                usage(UseKind::DnsManagementDisabled, "", "DNS settings"),
                usage(UseKind::Ipv6Enabled, "", "Account settings"),
            ],
            "jwt_allow_groups holds names, not group IDs"
        );
        assert_eq!(
            usages(&l.sources(), "gateways"),
            [usage(UseKind::RouteRoutingPeers, "r2", "docs")]
        );
        assert!(usages(&l.sources(), "nobody").is_empty());
    }

    #[test]
    fn counts_count_objects_once_per_category() {
        let l = lists();
        let counts = usage_counts(&l.sources());
        assert_eq!(
            counts["devs"],
            Counts {
                routes: 1,
                policies: 2,
                nameservers: 1,
                setup_keys: 0,
                users: 1,
                settings: 1,
            }
        );
        assert_eq!(
            counts["ops"],
            Counts {
                routes: 2,
                policies: 1,
                nameservers: 1,
                setup_keys: 1,
                users: 0,
                settings: 2,
            }
        );
        assert_eq!(counts["ops"].total(), 7);
        assert_eq!(counts["servers"].policies, 1);
        assert_eq!(counts["gateways"].routes, 1);
        assert!(!counts.contains_key("nobody"));
    }

    #[test]
    fn counts_agree_with_usages() {
        let l = lists();
        let counts = usage_counts(&l.sources());
        for (group, c) in &counts {
            let found = usages(&l.sources(), group);
            assert_eq!(c.total() as usize, one_per_object(&found).len(), "{group}");
        }
    }

    #[test]
    fn unread_lists_give_no_uses() {
        let none = Sources::default();
        assert!(usages(&none, "devs").is_empty());
        assert!(usage_counts(&none).is_empty());
    }

    #[test]
    fn one_write_per_object() {
        let l = lists();
        let found = usages(&l.sources(), "devs");
        let first: Vec<(UseKind, &str)> = one_per_object(&found)
            .iter()
            .map(|u| (u.kind, u.object_id.as_str()))
            .collect();
        assert_eq!(
            first,
            [
                (UseKind::RouteDistribution, "r1"),
                (UseKind::NameserverDistribution, "ns1"),
                (UseKind::PolicySource, "pol1"),
                (UseKind::PolicySource, "pol2"),
                (UseKind::UserAutoGroup, "u1"),
                (UseKind::PeerExpose, ""),
            ]
        );
    }

    #[test]
    fn every_kind_has_a_label_and_a_holder() {
        for kind in UseKind::ALL {
            assert!(!kind.label().is_empty());
        }
        assert_eq!(UseKind::TrafficLogging.holder(), Holder::AccountSettings);
        assert_eq!(UseKind::RouteAccessControl.label(), "Route access control");
    }
}
