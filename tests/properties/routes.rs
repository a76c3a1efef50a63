//! Routes: CIDR normalisation, domains and punycode, the server's error messages, the route
//! form's validation against a whole world of peers, groups and routes, overlap warnings, the
//! stale-edit check and combine, and routes as the server sends them.

use crate::common::{cidr, config, id, number_text, text};
use crate::listing::exercise_rows;
use crate::models::names_of;
use netbird_console::base::listing::{self, ListQuery, Row};
use netbird_console::base::stale::fields_of;
use netbird_console::resources::names::Names;
use netbird_console::resources::route::metric_band;
use netbird_console::resources::route::rows::{route_filters, route_row, ROUTE_COLUMNS};
use netbird_console::resources::route::validation::{
    normalized_network, server_error_field, server_error_fields, unchecked_request, validate,
    validate_field, RouteContext, RouteDraft, RouteRequest, RouteShape, Routing, METRIC_MAX,
    METRIC_MIN,
};
use netbird_console::resources::route::write::{
    changed_on_server, combine, differences, request_of, FIELDS as WRITE_FIELDS,
};
use netbird_console::resources::route::{domain, overlap};
use netbird_console::resources::{group::rows::*, peer::rows::*};
use netbird_console::resources::{
    Group, GroupListed, Peer, PeerListed, PeerMinimum, Route, RouteKind,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

// ------------------------------------------------------------------------------- strategies

fn network_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => cidr(),
        2 => (cidr(), text()).prop_map(|(c, t)| format!("{}{t}", c.split('/').next().unwrap_or(""))),
        2 => (cidr(), number_text()).prop_map(|(c, n)| format!("{}/{n}", c.split('/').next().unwrap_or(""))),
        2 => select(vec![
            "0.0.0.0/0", "::/0", "192.0.2.0/32", "100.64.0.0/10", "100.64.1.0/24", "10.0.0.0/8",
            "10.0.0.1", "::1", "fe80::1%eth0/64", "fe80::1%eth0", "10.0.0.0/033", "10.0.0.0/+8",
            "1.2.3.4/ 8", "::ffff:10.0.0.1/120", " 10.0.0.0/24 ", "/", "", "10.0.0.0/", "/24",
        ])
        .prop_map(String::from),
        2 => text(),
    ]
}

fn domain_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "(\\*\\.)?([a-z0-9_-]{1,12}\\.){0,3}[a-z0-9]{1,12}",
        2 => "([a-zA-Z0-9äöüßéİ中_-]{1,10}\\.){0,2}[a-zA-Zäöü0-9]{1,8}",
        2 => "(xn--[a-z0-9-]{0,16}\\.)?(xn--)?[a-zA-Z0-9-]{1,16}",
        1 => "[a-z]{60,70}\\.com",
        1 => select(vec![
            "example.com", "*.example.com", "bücher.de", "xn--bcher-kva.de", "İstanbul.tr",
            "他们为什么不说中文.cn", "_sip._tcp.example.com", "a..b", "-a.com", "*", "*.",
            "xn--xn--abc-.com", "xn--.com", "xn---.com", "a.b_c",
        ])
        .prop_map(String::from),
        2 => text(),
    ]
}

fn domains_text() -> impl Strategy<Value = String> {
    let sep = select(vec![", ", ",", "\n", " ", "\t,\r\n"]);
    prop_oneof![
        4 => (vec(domain_text(), 0..5), sep.clone()).prop_map(|(d, s)| d.join(s)),
        1 => (vec(domain_text(), 30..36), sep).prop_map(|(d, s)| d.join(s)),
        2 => text(),
    ]
}

fn metric_number() -> impl Strategy<Value = i64> {
    prop_oneof![
        METRIC_MIN..=METRIC_MAX,
        any::<i64>(),
        select(vec![0, -1, i64::MIN, i64::MAX, 10_000]),
    ]
}

fn arb_peer() -> impl Strategy<Value = Peer> {
    (
        id(),
        text(),
        "100\\.64\\.[0-9]{1,3}\\.[0-9]{1,3}|.{0,10}",
        any::<bool>(),
    )
        .prop_map(|(id, name, ip, connected)| Peer {
            id,
            name,
            ip,
            connected,
            ..Peer::default()
        })
}

fn arb_group() -> impl Strategy<Value = Group> {
    (id(), text(), vec((id(), text()), 0..4), any::<u64>()).prop_map(
        |(id, name, members, peers_count)| Group {
            id,
            name,
            peers: members
                .into_iter()
                .map(|(id, name)| PeerMinimum { id, name })
                .collect(),
            peers_count,
            ..Group::default()
        },
    )
}

fn network_id_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(vec!["office", "dc", "lab", "x", " office", "office ", "", "docs"])
            .prop_map(String::from),
        2 => "[a-z0-9-]{1,45}",
        1 => "[é中😀a]{35,42}",
        2 => text(),
    ]
}

fn arb_route() -> impl Strategy<Value = Route> {
    (
        (id(), network_id_text(), text(), any::<bool>()),
        (
            select(vec!["IPv4", "IPv6", "Domain", "domain", "Invalid", ""]).prop_map(String::from),
            network_text(),
            vec(domain_text(), 0..3),
        ),
        (id(), vec(id(), 0..3), metric_number()),
        (
            any::<bool>(),
            vec(id(), 0..3),
            vec(id(), 0..2),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, network_id, description, enabled),
                (network_type, network, domains),
                (peer, peer_groups, metric),
                (masquerade, groups, access_control_groups, keep_route, skip_auto_apply),
            )| Route {
                id,
                network_id,
                description,
                enabled,
                network_type,
                network,
                domains,
                peer,
                peer_groups,
                metric,
                masquerade,
                groups,
                access_control_groups,
                keep_route,
                skip_auto_apply,
            },
        )
}

fn metric_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (METRIC_MIN..=METRIC_MAX).prop_map(|m| m.to_string()),
        number_text(),
        text()
    ]
}

fn arb_draft() -> impl Strategy<Value = RouteDraft> {
    (
        (
            select(vec![
                RouteShape::Subnet,
                RouteShape::Domains,
                RouteShape::ExitNode,
            ]),
            network_id_text(),
            text(),
            network_text(),
        ),
        (
            domains_text(),
            any::<bool>(),
            select(vec![Routing::Peer, Routing::PeerGroups]),
            id(),
        ),
        (
            vec(id(), 0..3),
            metric_text(),
            any::<bool>(),
            vec(id(), 0..3),
        ),
        (vec(id(), 0..3), any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                (shape, network_id, description, network),
                (domains, exit_ipv6, routing, peer),
                (peer_groups, metric, masquerade, groups),
                (access_control_groups, keep_route, skip_auto_apply, enabled),
            )| RouteDraft {
                shape,
                network_id,
                description,
                network,
                domains,
                exit_ipv6,
                routing,
                peer,
                peer_groups,
                metric,
                masquerade,
                groups,
                access_control_groups,
                keep_route,
                skip_auto_apply,
                enabled,
            },
        )
}

/// A draft that passes every check against `known_world()`, before a few of its fields are
/// replaced with arbitrary ones (`near_valid_draft`).
fn valid_draft() -> impl Strategy<Value = RouteDraft> {
    let domain = "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?\\.){0,2}[a-z]{2,6}";
    (
        (
            select(vec![
                RouteShape::Subnet,
                RouteShape::Domains,
                RouteShape::ExitNode,
            ]),
            "[a-z0-9][a-z0-9-]{0,30}",
            "[ -~]{0,20}",
            prop_oneof![cidr(), Just("::/0".to_string())],
        ),
        (
            vec(domain, 1..4).prop_map(|d| d.join(", ")),
            any::<bool>(),
            select(vec![Routing::Peer, Routing::PeerGroups]),
            select(vec!["p1", "p2", "p3"]).prop_map(String::from),
        ),
        (
            vec(select(vec!["g1", "g2", "all"]).prop_map(String::from), 1..3),
            (METRIC_MIN..=METRIC_MAX).prop_map(|m| m.to_string()),
            any::<bool>(),
            vec(select(vec!["g1", "g2", "all"]).prop_map(String::from), 1..3),
        ),
        (
            vec(select(vec!["g1", "g2"]).prop_map(String::from), 0..2),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (shape, network_id, description, network),
                (domains, exit_ipv6, routing, peer),
                (peer_groups, metric, masquerade, groups),
                (access_control_groups, keep_route, skip_auto_apply, enabled),
            )| RouteDraft {
                shape,
                network_id,
                description,
                network,
                domains,
                exit_ipv6,
                routing,
                peer,
                peer_groups,
                metric,
                masquerade,
                groups,
                access_control_groups,
                keep_route,
                skip_auto_apply,
                enabled,
            },
        )
}

/// A valid draft with up to two of its fields taken from an arbitrary one.
fn near_valid_draft() -> impl Strategy<Value = RouteDraft> {
    (valid_draft(), arb_draft(), vec(0usize..12, 0..3)).prop_map(|(mut d, junk, fields)| {
        for f in fields {
            match f {
                0 => d.network_id = junk.network_id.clone(),
                1 => d.network = junk.network.clone(),
                2 => d.domains = junk.domains.clone(),
                3 => d.peer = junk.peer.clone(),
                4 => d.peer_groups = junk.peer_groups.clone(),
                5 => d.metric = junk.metric.clone(),
                6 => d.groups = junk.groups.clone(),
                7 => d.access_control_groups = junk.access_control_groups.clone(),
                8 => d.description = junk.description.clone(),
                9 => d.shape = junk.shape,
                10 => d.routing = junk.routing,
                _ => d.exit_ipv6 = !d.exit_ipv6,
            }
        }
        d
    })
}

/// An arbitrary world that also holds the peers and groups `valid_draft` names.
fn known_world() -> impl Strategy<Value = World> {
    arb_world().prop_map(|mut w| {
        for (id, name) in [("p1", "gw-1"), ("p2", "gw-2"), ("p3", "laptop")] {
            w.peers.push(Peer {
                id: id.into(),
                name: name.into(),
                ..Peer::default()
            });
        }
        for (id, name, members) in [
            ("g1", "Gateways", &["p1", "p2"][..]),
            ("g2", "Empty", &[][..]),
            ("all", "All", &["p1", "p2", "p3"][..]),
        ] {
            w.groups.push(Group {
                id: id.into(),
                name: name.into(),
                peers: members
                    .iter()
                    .map(|p| PeerMinimum {
                        id: (*p).into(),
                        name: format!("peer {p}"),
                    })
                    .collect(),
                ..Group::default()
            });
        }
        w
    })
}

#[derive(Clone, Debug)]
struct World {
    peers: Vec<Peer>,
    groups: Vec<Group>,
    routes: Vec<Route>,
    editing: Option<String>,
}

impl World {
    fn ctx(&self) -> RouteContext<'_> {
        RouteContext {
            peers: &self.peers,
            groups: &self.groups,
            routes: &self.routes,
            editing: self.editing.as_deref(),
        }
    }
}

fn arb_world() -> impl Strategy<Value = World> {
    (
        vec(arb_peer(), 0..4),
        vec(arb_group(), 0..4),
        vec(arb_route(), 0..6),
        option::of(id()),
    )
        .prop_map(|(peers, groups, routes, editing)| World {
            peers,
            groups,
            routes,
            editing,
        })
}

// -------------------------------------------------------------------------------- consumers

/// A route as the server sends it: its request, its row and filters, and its form's draft.
pub(crate) fn use_route(r: &Route, names: &Names, siblings: usize) {
    let kind = r.kind();
    let req = request_of(r);
    assert_eq!(req.network.is_some(), kind != RouteKind::Domain);
    assert_eq!(req.domains.is_some(), kind == RouteKind::Domain);
    assert!(req.peer.is_some() != req.peer_groups.is_some());
    // Routed by peer groups exactly when no single peer is set and groups are.
    assert_eq!(r.is_group_routed(), req.peer_groups.is_some());
    serde_json::to_string(&req).expect("a route request always serialises");
    // The row shows the kind and the destination: the domains of a domain route, else the
    // network.
    let row = route_row(r, names, siblings);
    let destination = if kind == RouteKind::Domain {
        r.domains.join(", ")
    } else {
        r.network.clone()
    };
    assert_eq!(r.destination(), destination);
    assert_eq!(row.cells[2].text, destination);
    assert!(!kind.label().is_empty());
    assert_eq!(row.cells[1].text, kind.label());
    // A metric the form refuses is shown as invalid, and only such a metric.
    let in_range = (METRIC_MIN..=METRIC_MAX).contains(&r.metric);
    assert_eq!(
        metric_band(r.metric) == "Invalid",
        !in_range,
        "{}",
        r.metric
    );
    exercise_rows(std::slice::from_ref(&row), ROUTE_COLUMNS);
    // Every option of the routing and distribution filters finds the route; one type and one
    // state do.
    let filters = route_filters(std::slice::from_ref(r), names);
    let keys: Vec<&str> = filters.iter().map(|f| f.key).collect();
    assert_eq!(keys, ["type", "enabled", "via", "group"]);
    for f in &filters {
        let finding = f
            .options
            .iter()
            .filter(|(value, _)| {
                let q = ListQuery::default().with_filter(f.key, value);
                listing::list(std::slice::from_ref(&row), ROUTE_COLUMNS, &q).matching == 1
            })
            .count();
        let want = if matches!(f.key, "type" | "enabled") {
            1
        } else {
            f.options.len()
        };
        assert_eq!(finding, want, "{f:?}");
    }
    let draft = RouteDraft::from_route(r);
    let routes = [r.clone()];
    let ctx = RouteContext {
        peers: &[],
        groups: &[],
        routes: &routes,
        editing: Some(r.id.as_str()),
    };
    // With no group known, no route validates: its distribution groups are missing.
    let result = validate(&draft, &ctx);
    assert!(
        result.as_ref().is_err_and(|e| e.get("groups").is_some()),
        "{result:?}"
    );
    // The only other route is the one edited: at most the overlay warning.
    assert!(check_warnings(&draft, &ctx) <= 1);
    // The form's request for the route unchanged is the route's own (but for the domains,
    // which the form shows in Unicode and splits again).
    let unchecked = unchecked_request(&draft);
    if kind == RouteKind::Domain {
        assert!(unchecked.domains.is_some());
        let domains = req.domains.clone();
        assert_eq!(
            RouteRequest {
                domains,
                ..unchecked
            },
            req
        );
    } else {
        assert_eq!(unchecked, req);
    }
}

/// The overlap warnings of a draft: each has a message, and only a subnet with a valid network
/// short of `/0` gets any (exit nodes contain everything by design). Their number.
fn check_warnings(draft: &RouteDraft, ctx: &RouteContext) -> usize {
    let warnings = overlap::warnings(draft, ctx);
    for w in &warnings {
        assert!(!w.message.is_empty());
    }
    let subnet = draft.shape == RouteShape::Subnet
        && normalized_network(&draft.network).is_ok_and(|n| !n.ends_with("/0"));
    assert!(subnet || warnings.is_empty(), "{warnings:?} for {draft:?}");
    warnings.len()
}

proptest! {
    #![proptest_config(config(1024))]

    // ---- validation

    #[test]
    fn normalized_networks(input in network_text()) {
        if let Ok(n) = normalized_network(&input) {
            prop_assert_eq!(normalized_network(&n), Ok(n.clone()));
            let net: ipnet::IpNet = n.parse().expect("a normalized network parses");
            prop_assert_eq!(net.trunc(), net);
        }
    }

    #[test]
    fn valid_cidrs_are_accepted(c in cidr()) {
        prop_assert!(normalized_network(&c).is_ok(), "{c}");
        prop_assert!(normalized_network(&format!(" {c}\n")).is_ok(), "{c}");
    }

    #[test]
    fn server_messages_map_to_known_fields(m in prop_oneof![
        text(),
        "(invalid (network|domains|prefix)|metric should|group id|peer with id|identifier should be between)[ -~]{0,30}",
        "[ -~]{0,10}(already has this route|domains \\[|'network' or 'domains'|'peer' or 'peer_groups')[ -~]{0,10}",
    ]) {
        const KNOWN: &[&str] = &["network_id", "network", "domains", "peer", "peer_groups",
                                 "metric", "groups", "access_control_groups", "description"];
        let fields = server_error_fields(&m);
        prop_assert!(fields.iter().all(|f| KNOWN.contains(f)));
        prop_assert_eq!(server_error_field(&m), fields.first().copied());
    }

    #[test]
    fn punycode_round_trips(label in prop_oneof![
        any::<String>(),
        "[a-zäöüß中😀\u{10ffff}\u{80}-]{0,30}",
        text(),
    ]) {
        if let Some(e) = domain::punycode_encode(&label) {
            prop_assert!(e.is_ascii());
            if label.chars().count() <= 1000 {
                prop_assert_eq!(domain::punycode_decode(&e), Some(label.clone()), "{}", e);
            }
        }
        // Any label decodes with Go's quirks (empty is empty, a lone leading `-` is refused, a
        // trailing `-` means all basic), and what decodes encodes back to the same text.
        let decoded = domain::punycode_decode(&label);
        match label.rfind('-') {
            _ if label.is_empty() => prop_assert_eq!(&decoded, &Some(String::new())),
            Some(0) => prop_assert_eq!(&decoded, &None),
            Some(i) if i + 1 == label.len() => prop_assert_eq!(&decoded, &Some(label[..i].to_string())),
            _ => {}
        }
        if let Some(u) = decoded.filter(|u| u.chars().count() <= 1000) {
            if let Some(e) = domain::punycode_encode(&u) {
                prop_assert_eq!(domain::punycode_decode(&e), Some(u), "{}", e);
            }
        }
    }

    #[test]
    fn domains_never_panic(d in domain_text()) {
        if let Ok(a) = domain::to_ascii(&d) {
            prop_assert!(a.is_ascii(), "{a:?}");
        }
        // For display, an ASCII name is lower-cased with its `xn--` labels decoded, and shown as
        // it is when one of them does not decode.
        let u = domain::to_unicode(&d);
        if d.is_ascii() {
            let lowered = d.to_ascii_lowercase();
            let ace: Vec<&str> = lowered.split('.').filter_map(|l| l.strip_prefix("xn--")).collect();
            let undecodable = ace
                .iter()
                .any(|rest| domain::punycode_decode(rest).is_none_or(|x| x.is_empty()));
            if undecodable {
                prop_assert_eq!(&u, &d);
            } else if ace.is_empty() {
                prop_assert_eq!(&u, &lowered);
            }
        }
        if let Ok(a) = domain::check(&d) {
            prop_assert!(a.is_ascii());
            // What passes is sent as is, and the server checks it again the same way.
            prop_assert_eq!(domain::check(&a), Ok(a.clone()));
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn route_validation(draft in arb_draft(), world in arb_world()) {
        check_validation(&draft, &world)?;
    }

    #[test]
    fn route_validation_near_valid(draft in near_valid_draft(), world in known_world()) {
        check_validation(&draft, &world)?;
    }

    #[test]
    fn stale_edit_checks(loaded in arb_route(), fresh in arb_route(), other in arb_route(),
                         edit in option::of(arb_draft())) {
        let name = |id: &str| format!("name of {id}");
        prop_assert!(!changed_on_server(&loaded, &loaded));
        // Changed on the server exactly when a field a write sends differs.
        prop_assert_eq!(
            changed_on_server(&loaded, &fresh),
            !differences(&loaded, &fresh, &request_of(&loaded), &name).is_empty()
        );
        let base = fields_of(&request_of(&loaded));
        let server = fields_of(&request_of(&fresh));
        // Mine: the loaded route unchanged, another route's fields, or a form's request.
        let mut mines = vec![request_of(&loaded), request_of(&other)];
        if let Some(d) = edit {
            mines.push(unchecked_request(&d));
        }
        for mine in &mines {
            let my = fields_of(mine);
            let ds = differences(&loaded, &fresh, mine, &name);
            for d in &ds {
                prop_assert!(d.changed_on_server || d.changed_by_me, "{d:?}");
                // Each flag as the fields say; a conflict where both sides changed the field.
                let f = d.field;
                prop_assert_eq!(d.changed_on_server, server.get(f) != base.get(f), "{}", f);
                prop_assert_eq!(d.changed_by_me, my.get(f) != base.get(f), "{}", f);
                prop_assert_eq!(d.is_conflict(), d.changed_on_server && d.changed_by_me);
            }
            // Every field where the server's and mine differ is listed, in form order.
            let listed: Vec<&str> = ds.iter().map(|d| d.field).collect();
            let differing: Vec<&str> = WRITE_FIELDS
                .iter()
                .map(|f| f.field)
                .filter(|f| server.get(*f) != my.get(*f))
                .collect();
            prop_assert_eq!(listed, differing);
            let merged = combine(&loaded, &fresh, mine);
            prop_assert_eq!(&merged.id, &fresh.id);
            // Still one destination and one kind of routing; each field mine where I changed
            // it, else the server's.
            let req = request_of(&merged);
            prop_assert!(req.network.is_some() != req.domains.is_some());
            prop_assert!(req.peer.is_some() != req.peer_groups.is_some());
            let loaded_req = request_of(&loaded);
            let mine_or_theirs = |changed: bool, m: String, s: String| if changed { m } else { s };
            prop_assert_eq!(
                merged.metric,
                if mine.metric != loaded_req.metric { mine.metric } else { fresh.metric }
            );
            prop_assert_eq!(
                &merged.description,
                &mine_or_theirs(mine.description != loaded_req.description,
                                mine.description.clone(), fresh.description.clone())
            );
            prop_assert_eq!(
                &merged.network_id,
                &mine_or_theirs(mine.network_id != loaded_req.network_id,
                                mine.network_id.clone(), fresh.network_id.clone())
            );
            prop_assert_eq!(
                &merged.groups,
                if mine.groups != loaded_req.groups { &mine.groups } else { &fresh.groups }
            );
            prop_assert_eq!(
                merged.enabled,
                if mine.enabled != loaded_req.enabled { mine.enabled } else { fresh.enabled }
            );
        }
        // With no change of mine, combining gives the server's version. (Not for a route typed
        // `Domain` with no domains: `combine` rebuilds the route without `network_type`, so that
        // one comes back as a network route; no real server sends it.)
        if !(fresh.kind() == RouteKind::Domain && fresh.domains.is_empty()) {
            prop_assert_eq!(
                request_of(&combine(&loaded, &fresh, &request_of(&loaded))),
                request_of(&fresh)
            );
        }
        // Nothing differs from what the server has when I send what the server has.
        prop_assert!(differences(&loaded, &fresh, &request_of(&fresh), &name).is_empty());
    }

    #[test]
    fn routes_from_the_server(world in arb_world(), now in any::<i64>(), siblings in any::<usize>()) {
        let names = names_of(&world.peers, &world.groups);
        for r in &world.routes {
            use_route(r, &names, siblings);
            let draft = RouteDraft::from_route(r);
            check_validate(&draft, &world.ctx())?;
        }
        let rows: Vec<Row> = world.routes.iter().map(|r| route_row(r, &names, 1)).collect();
        let filters = route_filters(&world.routes, &names);
        for f in filters.iter().filter(|f| matches!(f.key, "via" | "group")) {
            for (value, _) in &f.options {
                let q = ListQuery::default().with_filter(f.key, value);
                let l = listing::list(&rows, ROUTE_COLUMNS, &q);
                prop_assert!(l.matching >= 1, "the filter option {value} matches nothing");
            }
        }
        for g in &world.groups {
            exercise_rows(&[group_row(&GroupListed::of(g), &Default::default())], GROUP_COLUMNS);
        }
        for p in &world.peers {
            exercise_rows(&[peer_row(&PeerListed::of(p), &Owners::default(), now)], PEER_COLUMNS);
        }
    }
}

const ROUTE_FIELDS: &[&str] = &[
    "network_id",
    "network",
    "domains",
    "peer",
    "peer_groups",
    "metric",
    "groups",
    "access_control_groups",
    "description",
];

/// What `validate` promises of any draft: Ok is one request (two for an exit node with its
/// IPv6 twin) that the server takes, for the draft's destination; Err names route fields only,
/// each with a message. And the draft's overlap warnings (`check_warnings`).
fn check_validate(draft: &RouteDraft, ctx: &RouteContext) -> Result<(), TestCaseError> {
    let result = validate(draft, ctx);
    match &result {
        Ok(reqs) => {
            prop_assert!(
                reqs.len() == 1 || (reqs.len() == 2 && draft.shape == RouteShape::ExitNode)
            );
            for r in reqs {
                check_request(r, ctx)?;
            }
            let first = &reqs[0];
            match draft.shape {
                RouteShape::Subnet => prop_assert_eq!(
                    first.network.clone(),
                    normalized_network(&draft.network).ok()
                ),
                RouteShape::ExitNode => {
                    prop_assert_eq!(first.network.as_deref(), Some(draft.exit_network()))
                }
                RouteShape::Domains => prop_assert_eq!(
                    first.domains.as_ref().map(Vec::len),
                    Some(draft.domain_list().len())
                ),
            }
            if let Some(twin) = reqs.get(1) {
                prop_assert_eq!(twin.network.as_deref(), Some("::/0"));
                prop_assert_eq!(&twin.network_id, &format!("{}-v6", first.network_id));
            }
        }
        Err(errs) => {
            prop_assert!(!errs.is_empty());
            for f in errs.fields() {
                prop_assert!(ROUTE_FIELDS.contains(&f), "{f}");
                prop_assert!(!errs.get(f).unwrap_or("").is_empty());
            }
        }
    }
    check_warnings(draft, ctx);
    Ok(())
}

fn check_validation(draft: &RouteDraft, world: &World) -> Result<(), TestCaseError> {
    let ctx = world.ctx();
    check_validate(draft, &ctx)?;
    let result = validate(draft, &ctx);
    for f in ROUTE_FIELDS.iter().copied().chain(["", "nope"]) {
        prop_assert_eq!(
            validate_field(f, draft, &ctx),
            result
                .as_ref()
                .err()
                .and_then(|e| e.get(f))
                .map(str::to_string)
        );
    }
    let req = unchecked_request(draft);
    serde_json::to_string(&req).expect("serialises");
    // The domains as typed, split at commas and white space: nothing lost but the separators.
    let list = draft.domain_list();
    let separator = |c: char| c == ',' || c.is_whitespace();
    prop_assert!(
        list.iter().all(|d| !d.is_empty() && !d.contains(separator)),
        "{:?}",
        list
    );
    let kept: String = draft.domains.chars().filter(|&c| !separator(c)).collect();
    prop_assert_eq!(list.concat(), kept);
    // An exit node is the IPv6 one only when its network says `::/0`.
    let exit = draft.exit_network();
    prop_assert!(matches!(exit, "0.0.0.0/0" | "::/0"));
    prop_assert_eq!(exit == "::/0", draft.network.trim() == "::/0");
    Ok(())
}

fn check_request(r: &RouteRequest, ctx: &RouteContext) -> Result<(), TestCaseError> {
    prop_assert!((METRIC_MIN..=METRIC_MAX).contains(&r.metric));
    let n = r.network_id.chars().count();
    prop_assert!((1..=40).contains(&n));
    prop_assert!(r.network.is_some() != r.domains.is_some());
    prop_assert!(r.peer.is_some() != r.peer_groups.is_some());
    prop_assert!(!r.groups.is_empty());
    for g in r
        .groups
        .iter()
        .chain(r.access_control_groups.iter().flatten())
    {
        prop_assert!(ctx.groups.iter().any(|x| &x.id == g));
    }
    if let Some(p) = &r.peer {
        prop_assert!(ctx.peers.iter().any(|x| &x.id == p));
    }
    if let Some(pgs) = &r.peer_groups {
        prop_assert!(!pgs.is_empty());
        for g in pgs {
            prop_assert!(ctx.groups.iter().any(|x| &x.id == g));
        }
    }
    if let Some(net) = &r.network {
        prop_assert_eq!(normalized_network(net), Ok(net.clone()));
    }
    if let Some(ds) = &r.domains {
        prop_assert!(!ds.is_empty() && ds.len() <= 32);
        for d in ds {
            prop_assert_eq!(domain::check(d), Ok(d.clone()));
        }
    }
    serde_json::to_string(r).expect("serialises");
    Ok(())
}
