#![cfg(not(target_arch = "wasm32"))]
//! Property tests: every parser, validator, URL-query decoder and JSON model of the pure
//! modules is fed arbitrary and near-valid input, and must never panic (and must keep the
//! promises it documents).
//!
//! `cargo test -p netbird-console --test properties` runs a short pass (a few hundred cases per
//! property). Run longer with, e.g.,
//! `PROPTEST_CASES=100000 cargo test --release -p netbird-console --test properties`.
//! A failure prints the minimal input; nothing is written to disk.

use netbird_console::base::config_file::RuntimeConfig;
use netbird_console::base::error::{rate_limit_backoff_ms, server_message, ApiError};
use netbird_console::base::format::{is_never, parse_rfc3339, plural, relative_time, thousands};
use netbird_console::base::json::{self, FromJson, Ignored, Kind, Reader};
use netbird_console::base::json_array;
use netbird_console::base::listing::{
    self, encode_query_value, page_window, Cell, Column, ListQuery, PageItem, Row, SortKey,
    DEFAULT_PAGE_SIZE, PAGE_SIZES,
};
use netbird_console::base::session::{
    current_token, expiry_note, idle_expired, jwt_expiry, normalize_api_url, safe_return_path,
    StoredSession, EXPIRY_WARNING_DAYS,
};
use netbird_console::base::token::{check_pat, crc32, pat_checksum, Credential, TokenProblem};
use netbird_console::base::url::base_path;
use netbird_console::registry::{plural_noun, visible_resources, RESOURCES};
use netbird_console::resources::names::Names;
use netbird_console::resources::route::metric_band;
use netbird_console::resources::route::validation::{
    normalized_network, server_error_field, server_error_fields, unchecked_request, validate,
    validate_field, RouteContext, RouteDraft, RouteRequest, RouteShape, Routing, METRIC_MAX,
    METRIC_MIN,
};
use netbird_console::resources::route::write::{
    changed_on_server, combine, differences, request_of,
};
use netbird_console::resources::route::{domain, overlap};
use netbird_console::resources::{
    current_from_list, Account, AccountSettings, CurrentUser, DnsSettings, Event, Group,
    GroupMinimum, ModuleAccess, Nameserver, NameserverGroup, Peer, PeerMinimum, Permissions,
    PersonalAccessToken, Policy, PolicyRule, Route, RouteKind, SetupKey, User,
};
use netbird_console::resources::{
    dns::rows::*, event::rows::*, group::rows::*, peer::rows::*, policy::rows::*, route::rows::*,
    setup_key::rows::*, user::rows::*,
};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Value};
use std::net::{Ipv4Addr, Ipv6Addr};

// ------------------------------------------------------------------------------ configuration

/// `cases` per property unless `PROPTEST_CASES` says otherwise (so the same file runs briefly in
/// the test command and as long as wanted on demand). No failure files: a failure prints its
/// minimal input instead of littering the repository.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    c.failure_persistence = None;
    c
}

// ------------------------------------------------------------------------------- strategies

/// Any string, weighted towards what breaks parsers: ASCII punctuation, multi-byte, combining,
/// case-changing and control characters, and very long runs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "[ -~]{0,40}",
        2 => "[a-zA-Z0-9./:_*%?#@\\\\ -]{0,40}",
        2 => "(é|ü|ß|İ|ſ|K|ǅ|Σ|中|😀|\u{301}|\u{200b}|\\x00|\\x7f|\\t|\\n|\u{3000}|/|:|\\.|-|_|\\*|x|n|a|0|9|%|#|\\?){0,30}",
        1 => (any::<char>(), 0usize..12_000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// Numbers as a user or a server may write them, valid or not.
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        (0u32..12_000).prop_map(|n| n.to_string()),
        "[+-]?0*[0-9]{1,25}",
        select(vec![
            "18446744073709551616",
            "-0",
            "+5",
            " 5 ",
            "0x10",
            "1e3",
            "5.0",
            "٣",
            "５",
            "",
        ])
        .prop_map(String::from),
    ]
}

/// Every field name the models know (and a few module names), so that arbitrary objects hit
/// real fields with wrong values.
const FIELDS: &[&str] = &[
    "id",
    "name",
    "ip",
    "ipv6",
    "connection_ip",
    "hostname",
    "dns_label",
    "connected",
    "last_seen",
    "os",
    "version",
    "groups",
    "user_id",
    "ssh_enabled",
    "login_expired",
    "approval_required",
    "country_code",
    "city_name",
    "ephemeral",
    "issued",
    "peers",
    "peers_count",
    "resources_count",
    "network_id",
    "description",
    "enabled",
    "network_type",
    "network",
    "domains",
    "peer",
    "peer_groups",
    "metric",
    "masquerade",
    "access_control_groups",
    "keep_route",
    "skip_auto_apply",
    "action",
    "bidirectional",
    "protocol",
    "ports",
    "sources",
    "destinations",
    "rules",
    "nameservers",
    "ns_type",
    "port",
    "primary",
    "search_domains_enabled",
    "disabled_management_groups",
    "key",
    "type",
    "state",
    "valid",
    "revoked",
    "expires",
    "used_times",
    "usage_limit",
    "last_used",
    "auto_groups",
    "email",
    "role",
    "status",
    "is_current",
    "is_service_user",
    "is_blocked",
    "pending_approval",
    "last_login",
    "permissions",
    "is_restricted",
    "modules",
    "create",
    "read",
    "update",
    "delete",
    "routes",
    "timestamp",
    "activity",
    "activity_code",
    "initiator_id",
    "initiator_name",
    "initiator_email",
    "target_id",
    "meta",
    "domain",
    "created_at",
    "settings",
    "peer_login_expiration_enabled",
    "peer_login_expiration",
    "regular_users_view_blocked",
    "dns_domain",
    "network_range",
    "api_url",
    "token",
    "message",
    "code",
    "users",
    "events",
    "policies",
    "dns",
    "setup_keys",
    "accounts",
    "networks",
    "pats",
    "expiration_date",
    "title",
    "idle_timeout_minutes",
    "exp",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(FIELDS).prop_map(String::from), 1 => text()]
}

/// Values that break naive decoders: extreme numbers and a 10 KB string.
fn extreme() -> impl Strategy<Value = Value> {
    select(vec![
        json!(u64::MAX),
        json!(i64::MIN),
        json!(i64::MAX),
        json!(1e308),
        json!(-1e308),
        json!(f64::MIN_POSITIVE),
        json!(0.5),
        json!(-1),
        json!(4_294_967_296u64),
        Value::String("x".repeat(10_240)),
        Value::String("é".repeat(5_120)),
    ])
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
        extreme(),
    ]
}

/// Arbitrary JSON: nested arrays and objects (keys mostly real field names).
fn json() -> BoxedStrategy<Value> {
    json_leaf()
        .prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                vec(inner.clone(), 0..6).prop_map(Value::Array),
                btree_map(key(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .boxed()
}

/// One change to a realistic object, at the node a path of indices leads to.
#[derive(Clone, Debug)]
enum Mutation {
    /// Null, a wrong type, an extreme value or arbitrary JSON.
    Replace(Value),
    Remove,
    AddUnknown(Vec<(String, Value)>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let replacement = prop_oneof![
        Just(Value::Null),
        select(vec![
            json!(true),
            json!("x"),
            json!(""),
            json!(7),
            json!(-7),
            json!(1.5),
            json!([]),
            json!({}),
            json!([null]),
            json!([1, "a", {}, []]),
            json!({"id": 1, "name": null}),
        ]),
        extreme(),
        json(),
    ];
    prop_oneof![
        5 => replacement.prop_map(Mutation::Replace),
        2 => Just(Mutation::Remove),
        2 => vec((key(), json()), 1..4).prop_map(Mutation::AddUnknown),
    ]
}

fn apply(v: &mut Value, path: &[Index], m: &Mutation) {
    let Some((i, rest)) = path.split_first() else {
        if let Mutation::Replace(x) = m {
            *v = x.clone();
        }
        return;
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let k = map
                .keys()
                .nth(i.index(map.len()))
                .cloned()
                .unwrap_or_default();
            if !rest.is_empty() {
                if let Some(child) = map.get_mut(&k) {
                    apply(child, rest, m);
                }
                return;
            }
            match m {
                Mutation::Replace(x) => {
                    map.insert(k, x.clone());
                }
                Mutation::Remove => {
                    map.remove(&k);
                }
                Mutation::AddUnknown(extra) => {
                    for (k, x) in extra {
                        map.entry(k.clone()).or_insert_with(|| x.clone());
                    }
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let j = i.index(a.len());
            if !rest.is_empty() {
                apply(&mut a[j], rest, m);
                return;
            }
            match m {
                Mutation::Replace(x) => a[j] = x.clone(),
                Mutation::Remove => {
                    a.remove(j);
                }
                Mutation::AddUnknown(extra) => a.extend(extra.iter().map(|(_, x)| x.clone())),
            }
        }
        _ => {
            if let Mutation::Replace(x) = m {
                *v = x.clone();
            }
        }
    }
}

/// A realistic object of every model, as the server (or the browser's storage) sends it.
fn realistic() -> Vec<Value> {
    vec![
        json!({"id":"chacbco6lnnbn6cg5s90","name":"stage-host-1","ip":"100.64.0.1","ipv6":"fd00::1",
          "connection_ip":"<nil>","connected":false,"last_seen":"2026-11-20T10:00:00Z","os":"Darwin 13.2.1",
          "kernel_version":"23.2.0","geoname_id":2643743,"version":"0.27.3",
          "groups":[{"id":"g","name":"All","peers_count":3,"resources_count":0},{"id":"g2","name":"devs","peers_count":1}],
          "ssh_enabled":false,"user_id":"u","hostname":"stage","dns_label":"stage-host-1.netbird.cloud",
          "login_expired":true,"approval_required":true,"country_code":"DE","city_name":"Berlin","ephemeral":false}),
        json!({"id":"g1","name":"devops","issued":"jwt","peers":[{"id":"p1","name":"gw-1"},{"id":"p2","name":"gw-2"}],
          "peers_count":12,"resources_count":2,"resources":null}),
        json!({"id":"r1","network_id":"office","description":"HQ","enabled":true,"network_type":"IPv4",
          "network":"10.0.0.0/24","domains":null,"peer":"p1","metric":9999,"masquerade":true,"groups":["g1"],
          "access_control_groups":["g2"],"keep_route":false,"skip_auto_apply":false}),
        json!({"id":"r2","network_id":"docs","description":"","enabled":true,"network_type":"Domain",
          "network":"192.0.2.0/32","domains":["example.com","*.xn--bcher-kva.de"],"peer":"","peer_groups":["g2"],
          "metric":100,"masquerade":true,"groups":["g1"],"keep_route":true,"skip_auto_apply":false}),
        json!({"id":"p","name":"web","description":"d","enabled":true,"source_posture_checks":[],"rules":[{"id":"p",
          "name":"web","enabled":true,"action":"accept","bidirectional":true,"protocol":"tcp","ports":["443","80"],
          "sources":null,"destinations":[{"id":"g","name":"servers","peers_count":2}]}]}),
        json!({"id":"ns","name":"Google","description":"","nameservers":[{"ip":"8.8.8.8","ns_type":"udp","port":53}],
          "enabled":true,"groups":["g1"],"primary":false,"domains":["example.com"],"search_domains_enabled":true}),
        json!({"disabled_management_groups":["g1"]}),
        json!({"id":"k","name":"ci","key":"A6160****","type":"reusable","state":"valid","valid":true,"revoked":false,
          "expires":"2027-01-01T00:00:00Z","used_times":3,"usage_limit":0,"last_used":"0001-01-01T00:00:00Z",
          "auto_groups":["g1"],"ephemeral":true}),
        json!({"id":"u1","email":"a@b.c","name":"Alice","role":"admin","status":"active","auto_groups":null,
          "is_current":true,"is_service_user":false,"is_blocked":false,"pending_approval":false,"issued":"api",
          "last_login":"2026-11-20T10:00:00Z",
          "permissions":{"is_restricted":false,"modules":{"routes":{"create":true,"read":true,"update":true,"delete":true},
          "peers":{"create":false,"read":true,"update":false,"delete":false}}}}),
        json!({"id":"10","timestamp":"2026-11-01T10:00:00Z","activity":"Route created",
          "activity_code":"route.add","initiator_id":"u","initiator_name":"Alice",
          "initiator_email":"a@b.c","target_id":"r","meta":{"name":"office","count":3,"x":null,"nested":{"a":[1,2]}}}),
        json!({"id":"acc","domain":"example.com","created_at":"2026-01-01T00:00:00Z","settings":{
          "peer_login_expiration_enabled":true,"peer_login_expiration":86400,"regular_users_view_blocked":true,
          "dns_domain":"netbird.cloud","network_range":"100.64.0.0/10","extra":{"x":1}}}),
        json!({"api_url":"https://api.netbird.io","token":"nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6"}),
        json!({"id":"t1","name":"ci","expiration_date":"2027-01-01T00:00:00Z","created_at":"2026-01-01T00:00:00Z",
          "last_used":"2026-11-20T10:00:00Z"}),
        json!({"api_url":" https://api.netbird.io ","title":"Acme VPN","idle_timeout_minutes":15}),
    ]
}

const IDS: &[&str] = &["p1", "p2", "p3", "g1", "g2", "all", "r1", "r2", ""];

fn id() -> impl Strategy<Value = String> {
    prop_oneof![4 => select(IDS).prop_map(String::from), 1 => text()]
}

/// A CIDR, mostly near NetBird's interesting ranges so that overlaps happen.
fn cidr() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            select(vec![10u8, 100, 172, 192, 0, 255]),
            any::<[u8; 3]>(),
            0u8..=32
        )
            .prop_map(|(a, [b, c, d], len)| format!("{}/{len}", Ipv4Addr::new(a, b, c, d))),
        (any::<[u8; 16]>(), 0u8..=128).prop_map(|(o, len)| format!("{}/{len}", Ipv6Addr::from(o))),
    ]
}

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

fn timestamp() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => valid_timestamp().prop_map(|(s, _)| s),
        1 => select(vec![
            "0001-01-01T00:00:00Z", "", "9999-12-31T23:59:60.999999999-23:59",
            "0000-01-01T00:00:00+99:99", "+999-01-01T00:00:00Z", "-999-01-01T00:00:00Z",
            "2026-11-23T21:12:00+-1:00", "2026-11-23T21:12:00.Z", "2026-11-23t21:12:00z",
            "2026-11-23 21:12:00+01:00", "2026-11-23T21:12:00é", "२०२६-11-23T21:12:00Z",
        ])
        .prop_map(String::from),
        1 => "[0-9+ -]{4}-[0-9+ -]{2}-[0-9+ -]{2}[Tt ][0-9+ -]{2}:[0-9+ -]{2}:[0-9+ -]{2}(\\.[0-9]{0,12})?(Z|z|[+-][0-9+ -]{2}:[0-9+ -]{2}|.{0,3})",
        2 => text(),
    ]
}

/// A well-formed RFC 3339 UTC timestamp and its components (y, mo, d, h, mi, s).
fn valid_timestamp() -> impl Strategy<Value = (String, [i64; 6])> {
    (
        0i64..=9999,
        1i64..=12,
        1i64..=31,
        0i64..=23,
        0i64..=59,
        0i64..=60,
        "(\\.[0-9]{1,12})?",
    )
        .prop_map(|(y, mo, d, h, mi, s, frac)| {
            (
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}Z"),
                [y, mo, d, h, mi, s],
            )
        })
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

// ------------------------------------------------------------------- consumers of the models

/// A JSON value read with `json::Reader` alone, to compare with serde_json's reading.
#[derive(Debug, PartialEq)]
struct Same(Value);

impl FromJson for Same {
    fn from_json(r: &mut Reader<'_>) -> json::Result<Self> {
        Ok(Same(match r.kind()? {
            Kind::Null => r.skip().map(|_| Value::Null)?,
            Kind::Bool => Value::Bool(r.bool()?),
            Kind::Number => serde_json::from_str(r.raw()?).expect("a number the reader takes"),
            Kind::String => Value::String(r.string()?),
            Kind::Array => Value::Array(
                Vec::<Same>::from_json(r)?
                    .into_iter()
                    .map(|s| s.0)
                    .collect(),
            ),
            Kind::Object => {
                let mut members = serde_json::Map::new();
                r.fields(&mut |r, name| {
                    members.insert(name.to_string(), Same::from_json(r)?.0);
                    Ok(())
                })?;
                Value::Object(members)
            }
        }))
    }
}

/// Decodes as the browser layer does (`json::decode` of the body).
fn decode<T: FromJson>(v: &Value) -> Option<T> {
    json::decode_str::<T>(&v.to_string()).ok()
}

/// Sorts by every column both ways and searches for the first cell's text.
fn exercise_rows(rows: &[Row], columns: &[Column]) {
    for c in columns {
        for desc in [false, true] {
            let q = ListQuery {
                sort: Some(c.key.to_string()),
                desc,
                ..ListQuery::default()
            };
            let l = listing::list(rows, columns, &q);
            assert_eq!(l.matching, rows.len());
        }
    }
    if let Some(first) = rows.first().and_then(|r| r.cells.first()) {
        let q = ListQuery::default().with_search(&first.text);
        let l = listing::list(rows, columns, &q);
        assert!(
            l.page_rows.contains(&0),
            "searching for the shown text {:?} must find its row",
            first.text
        );
    }
}

fn names_of(peers: &[Peer], groups: &[Group]) -> Names {
    let names = Names::new(peers, groups);
    for p in peers {
        let _ = names.peer(&p.id);
    }
    for g in groups {
        let _ = names.group(&g.id);
    }
    names
}

fn use_route(r: &Route, names: &Names, siblings: usize) {
    let kind = r.kind();
    let _ = (kind.label(), r.destination(), r.is_group_routed());
    let _ = metric_band(r.metric);
    let req = request_of(r);
    assert_eq!(req.network.is_some(), kind != RouteKind::Domain);
    assert_eq!(req.domains.is_some(), kind == RouteKind::Domain);
    assert!(req.peer.is_some() != req.peer_groups.is_some());
    serde_json::to_string(&req).expect("a route request always serialises");
    let row = route_row(r, names, siblings);
    exercise_rows(&[row], ROUTE_COLUMNS);
    let _ = route_filters(std::slice::from_ref(r), names);
    let draft = RouteDraft::from_route(r);
    let routes = [r.clone()];
    let ctx = RouteContext {
        peers: &[],
        groups: &[],
        routes: &routes,
        editing: Some(r.id.as_str()),
    };
    let _ = validate(&draft, &ctx);
    let _ = overlap::warnings(&draft, &ctx);
    let _ = unchecked_request(&draft);
}

fn use_user(u: &User, names: &Names, now: i64) {
    let _ = u.display_name();
    exercise_rows(&[user_row(u, names, now)], USER_COLUMNS);
    let perms = Permissions::for_role(&u.role, u.is_service_user);
    let _ = visible_resources(&perms);
    if let Some(me) = current_from_list(vec![u.clone()]) {
        assert!(me.user.is_current);
        let _ = visible_resources(&me.permissions);
    }
}

fn use_permissions(p: &Permissions) {
    let shown = visible_resources(p);
    for s in &shown {
        assert!(RESOURCES.contains(s));
        assert!(p.can_read(s.module));
    }
    for s in RESOURCES {
        let _ = p.module(s.module);
    }
}

/// Every model decoded from `v`, and everything that consumes a model run on the result.
fn consume_everything(v: &Value, now: i64) {
    let names = Names::default();
    if let Some(p) = decode::<Peer>(v) {
        let row = peer_row(&p, now);
        exercise_rows(&[row], PEER_COLUMNS);
        let _ = names_of(std::slice::from_ref(&p), &[]);
    }
    if let Some(g) = decode::<Group>(v) {
        let _ = g.is_all();
        exercise_rows(&[group_row(&g)], GROUP_COLUMNS);
        let _ = names_of(&[], std::slice::from_ref(&g));
    }
    let _ = decode::<GroupMinimum>(v);
    let _ = decode::<PeerMinimum>(v);
    if let Some(r) = decode::<Route>(v) {
        use_route(&r, &names, 2);
    }
    if let Some(p) = decode::<Policy>(v) {
        exercise_rows(&[policy_row(&p)], POLICY_COLUMNS);
    }
    let _ = decode::<PolicyRule>(v);
    if let Some(n) = decode::<NameserverGroup>(v) {
        exercise_rows(&[nameserver_row(&n, &names)], NAMESERVER_COLUMNS);
    }
    let _ = decode::<Nameserver>(v);
    let _ = decode::<DnsSettings>(v);
    if let Some(k) = decode::<SetupKey>(v) {
        exercise_rows(&[setup_key_row(&k, &names, now)], SETUP_KEY_COLUMNS);
    }
    if let Some(u) = decode::<User>(v) {
        use_user(&u, &names, now);
    }
    if let Some(me) = decode::<CurrentUser>(v) {
        use_permissions(&me.permissions);
        let _ = me.user.display_name();
    }
    if let Some(p) = decode::<Permissions>(v) {
        use_permissions(&p);
    }
    let _ = decode::<ModuleAccess>(v);
    if let Some(e) = decode::<Event>(v) {
        exercise_rows(&[event_row(&e, now)], EVENT_COLUMNS);
    }
    if let Some(a) = decode::<Account>(v) {
        // PUT sends the settings back.
        serde_json::to_string(&a).expect("an account always serialises");
    }
    let _ = decode::<AccountSettings>(v);
    if let Some(t) = decode::<PersonalAccessToken>(v) {
        let tokens = [t.clone(), t];
        let _ = current_token(&tokens);
    }
    let config = RuntimeConfig::parse(&v.to_string());
    let _ = (
        config.api_url(),
        config.title(),
        config.idle_timeout_minutes(),
    );
    if let Some(s) = decode::<StoredSession>(v) {
        let _ = format!("{s:?}");
        let _ = Credential::parse(&s.token);
        let _ = normalize_api_url(&s.api_url, "http://127.0.0.1:8080");
    }
    // Lists, as the list endpoints answer.
    let list = Value::Array(vec![v.clone(), v.clone()]);
    if let Some(peers) = decode::<Vec<Peer>>(&list) {
        let groups = decode::<Vec<Group>>(&list).unwrap_or_default();
        let names = names_of(&peers, &groups);
        if let Some(routes) = decode::<Vec<Route>>(&list) {
            for r in &routes {
                use_route(r, &names, routes.len());
            }
        }
    }
    if let Some(users) = decode::<Vec<User>>(&list) {
        let _ = current_from_list(users);
    }
}

// ----------------------------------------------------------------------- query-string codec

/// Decodes a `?a=b&c=d` string the way a browser router does (percent-decoding, `+` as is).
fn decode_query(qs: &str) -> Vec<(String, String)> {
    fn unescape(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if b[i] == b'%' && i + 2 < b.len() {
                if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
            }
            out.push(b[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    qs.strip_prefix('?')
        .unwrap_or(qs)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

const FILTER_KEYS: &[&str] = &["status", "os", "via", "group", "type", "enabled", "kind"];
const COLS: &[Column] = &[
    Column::new("name", "Name"),
    Column::numeric("n", "N"),
    Column::new("ip", "IP"),
    Column::new("when", "When"),
];

fn query_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let k = prop_oneof![
        3 => select(vec!["page", "size", "sort", "q", "status", "os", "via", "group", "type"])
            .prop_map(String::from),
        1 => text(),
    ];
    let v = prop_oneof![
        2 => number_text(),
        2 => select(vec!["", "-", "--x", "-name", "name", "n", "-ip", "ip", "when", "on", "off",
                         "a", "1", "0", "10", "25", "50", "100", "1000"])
            .prop_map(String::from),
        2 => text(),
    ];
    vec((k, v), 0..12)
}

fn from_pairs(pairs: &[(String, String)]) -> ListQuery {
    ListQuery::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        FILTER_KEYS,
    )
}

/// Any list state, including ones no URL produces (page 0, size 0, huge numbers).
fn raw_query() -> impl Strategy<Value = ListQuery> {
    let n = prop_oneof![any::<usize>(), 0usize..30, select(vec![0, 1, usize::MAX])];
    (
        n.clone(),
        n,
        option::of(select(vec!["name", "n", "ip", "when", "x", ""]).prop_map(String::from)),
        any::<bool>(),
        prop_oneof!["[a-z0-9. ]{0,6}", text()],
        vec(
            (
                select(FILTER_KEYS).prop_map(String::from),
                select(vec!["on", "off", "a", ""]).prop_map(String::from),
            ),
            0..3,
        ),
    )
        .prop_map(|(page, size, sort, desc, q, filters)| ListQuery {
            page,
            size,
            sort,
            desc,
            q,
            filters,
        })
}

fn arb_rows() -> impl Strategy<Value = Vec<Row>> {
    let sort_key = prop_oneof![
        Just(SortKey::Empty),
        any::<i128>().prop_map(SortKey::Num),
        (-5i128..5).prop_map(SortKey::Num),
        text().prop_map(SortKey::Text),
        "[a-c]{0,2}".prop_map(SortKey::Text),
    ];
    let cell = prop_oneof![
        (text(), sort_key, text()).prop_map(|(t, s, sub)| Cell::text(t).sorted_by(s).with_sub(sub)),
        "[a-c ]{0,4}".prop_map(Cell::text),
        text().prop_map(|t| Cell::ip(&t)),
        cidr().prop_map(|c| Cell::ip(c.split('/').next().unwrap_or(""))),
        any::<i64>().prop_map(|n| Cell::num(i128::from(n), n.to_string())),
    ];
    let row = (
        id(),
        vec(cell, 0..5),
        vec(text(), 0..2),
        vec(
            (select(FILTER_KEYS), select(vec!["on", "off", "a", ""])),
            0..3,
        ),
    )
        .prop_map(|(id, cells, extra, facets)| {
            let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
            facets
                .into_iter()
                .fold(Row::new(id, cells, &extra), |r, (k, v)| r.facet(k, v))
        });
    vec(row, 0..40)
}

fn check_listing(rows: &[Row], q: &ListQuery) {
    let l = listing::list(rows, COLS, q);
    let size = q.size.max(1);
    assert!(l.pages >= 1 && (1..=l.pages).contains(&l.page), "{l:?}");
    assert!(l.matching <= rows.len());
    assert_eq!(l.pages, l.matching.div_ceil(size).max(1));
    assert!(l.page_rows.len() <= size);
    if l.page_rows.is_empty() {
        assert_eq!((l.first, l.last), (0, 0));
        assert_eq!(l.matching, 0);
    } else {
        assert_eq!(l.last - l.first + 1, l.page_rows.len());
        assert!(l.last <= l.matching);
    }
    // The first-page shortcut gives the same page from only the rows it asks for.
    if let Some(head) = listing::head_rows_needed(q, COLS) {
        let early = listing::list(&rows[..head.min(rows.len())], COLS, q);
        assert_eq!(
            (&early.page_rows, early.page, early.first, early.last),
            (&l.page_rows, l.page, l.first, l.last)
        );
    }
    let mut seen = l.page_rows.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), l.page_rows.len(), "a row shown twice");
    let terms: Vec<String> = q.q.split_whitespace().map(str::to_lowercase).collect();
    for &i in &l.page_rows {
        let r = &rows[i];
        assert!(terms.iter().all(|t| r.search.contains(t.as_str())));
        for (k, v) in &q.filters {
            assert!(r.facets.iter().any(|(fk, fv)| fk == k && fv == v));
        }
    }
    // Sorted (within the page), empty cells last in both directions.
    if let Some(col) = q
        .sort
        .as_deref()
        .and_then(|s| COLS.iter().position(|c| c.key == s))
    {
        let keys: Vec<Option<&SortKey>> = l
            .page_rows
            .iter()
            .map(|&i| rows[i].cells.get(col).map(|c| &c.sort))
            .collect();
        for w in keys.windows(2) {
            let empty = |k: Option<&SortKey>| matches!(k, None | Some(SortKey::Empty));
            match (empty(w[0]), empty(w[1])) {
                (true, false) => panic!("an empty cell sorted before a filled one"),
                (false, false) if q.desc => assert!(w[0] >= w[1]),
                (false, false) => assert!(w[0] <= w[1]),
                _ => {}
            }
        }
    }
}

/// Base64url, as a JWT carries its parts (with or without `=` padding).
fn base64url(bytes: &[u8], pad: bool) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
        if pad {
            out.push_str(&"=".repeat(3 - chunk.len()));
        }
    }
    out
}

fn arb_pat_token() -> impl Strategy<Value = PersonalAccessToken> {
    (id(), text(), timestamp(), timestamp()).prop_map(|(id, name, expiration_date, last_used)| {
        PersonalAccessToken {
            id,
            name,
            expiration_date,
            last_used,
            ..PersonalAccessToken::default()
        }
    })
}

// ------------------------------------------------------------------------------ properties

proptest! {
    // Cheap properties: many cases.
    #![proptest_config(config(1024))]

    // ---- token

    #[test]
    fn credential_parse_never_panics(input in text()) {
        match Credential::parse(&input) {
            Ok(c) => {
                let secret = c.secret();
                prop_assert!(!secret.is_empty());
                prop_assert!(!secret.chars().any(|ch| ch.is_whitespace() || ch.is_control()));
                let header = c.header_value();
                prop_assert!(header.starts_with("Token ") || header.starts_with("Bearer "));
                prop_assert!(header.ends_with(secret));
                if let Credential::Pat(t) = &c {
                    prop_assert_eq!(check_pat(t), Ok(()));
                    prop_assert_eq!(t.len(), 40);
                }
                prop_assert_eq!(format!("{c:?}"), format!("Credential({}, <redacted>)", c.kind_label()));
            }
            Err(p) => prop_assert!(!p.message().is_empty()),
        }
        let _ = check_pat(&input);
    }

    #[test]
    fn near_valid_pats(
        secret in "[A-Za-z0-9]{30}",
        pos in any::<Index>(),
        edit in 0u8..6,
        ch in prop_oneof![any::<char>(), "[A-Za-z0-9]".prop_map(|s| s.chars().next().unwrap_or('a'))],
        scheme in select(vec!["", "Token ", "bearer\t", "  Bearer  ", "TOKEN\n"]),
    ) {
        let pat = format!("nbp_{secret}{}", pat_checksum(secret.as_bytes()));
        prop_assert_eq!(Credential::parse(&format!("{scheme}{pat} ")), Ok(Credential::Pat(pat.clone())));
        let mut chars: Vec<char> = pat.chars().collect();
        let i = pos.index(chars.len());
        match edit {
            0 => chars[i] = ch,
            1 => { chars.remove(i); }
            2 => chars.insert(i, ch),
            3 => chars.truncate(i),
            4 => chars.push(ch),
            _ => {
                let j = (i + 1) % chars.len();
                chars.swap(i, j)
            }
        }
        let edited: String = chars.iter().collect();
        let result = Credential::parse(&edited);
        let _ = check_pat(&edited);
        // CRC-32 catches every single-character substitution in the secret or checksum.
        if edited == pat {
            prop_assert!(result.is_ok());
        }
        if edit == 0 && i >= 4 && ch.is_ascii_alphanumeric() && edited != pat {
            prop_assert_eq!(result, Err(TokenProblem::PatChecksum));
        }
    }

    #[test]
    fn checksum_is_six_base62_characters(bytes in vec(any::<u8>(), 0..200)) {
        let c = pat_checksum(&bytes);
        prop_assert_eq!(c.len(), 6);
        prop_assert!(c.bytes().all(|b| b.is_ascii_alphanumeric()));
        let _ = crc32(&bytes);
    }

    // ---- session and navigation

    #[test]
    fn api_urls(input in prop_oneof![
        text(),
        "(https?|HTTPS?|ftp|javascript):(//)?[a-z0-9./:?#@%_ -]{0,20}(/api)?/{0,2}",
        select(vec!["http://api", "https://api/", "https:///api", "http://x/api/api", "https://API", "http://a//api//"])
            .prop_map(String::from),
    ], default in text()) {
        if let Ok(url) = normalize_api_url(&input, &default) {
            let lower = url.to_ascii_lowercase();
            prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{url}");
            let host_and_path = &url[url.find("://").unwrap_or(0) + 3..];
            prop_assert!(!host_and_path.trim_matches('/').is_empty(), "no host left in {url:?}");
            prop_assert!(!url.ends_with('/'));
            prop_assert!(!url.contains('?') && !url.contains('#'));
            prop_assert!(!url.chars().any(|c| c.is_whitespace() || c.is_control()));
        }
    }

    #[test]
    fn return_paths_never_leave_the_console(next in prop_oneof![
        text(),
        "[/\\\\]{0,3}[a-z:./?=&%\\\\\\t]{0,20}",
        select(vec!["//evil", "/\\evil", "/\t/evil", "javascript:alert(1)", "/login", "/routes?page=2"])
            .prop_map(String::from),
    ]) {
        let p = safe_return_path(&next);
        prop_assert!(p.starts_with('/'), "{p:?}");
        prop_assert!(!p.starts_with("//") && !p.starts_with("/\\"), "{p:?}");
        prop_assert!(!p.chars().any(char::is_control), "{p:?}");
        prop_assert!(!p.starts_with("/login"));
        prop_assert!(p == "/" || p == next);
    }

    #[test]
    fn base_paths(href in option::of(prop_oneof![
        text(),
        "(https?://[a-z.]{0,8})?[/.]{0,3}[a-z/]{0,10}[?#]?[a-z/]{0,4}",
    ])) {
        let b = base_path(href.as_deref());
        prop_assert!(b.is_empty() || (b.starts_with('/') && !b.starts_with("//")), "{b:?}");
        prop_assert!(!b.ends_with('/'));
        prop_assert!(!b.contains('?') && !b.contains('#'));
    }

    #[test]
    fn plurals(noun in text(), n in any::<u64>()) {
        let p = plural_noun(&noun, n);
        prop_assert!(n != 1 || p == noun);
        let _ = plural(n, &noun);
    }

    #[test]
    fn roles_and_permissions(role in prop_oneof![
        select(vec!["owner", "admin", "Admin", "auditor", "network_admin", "user", "billing_admin"]).prop_map(String::from),
        text(),
    ], service in any::<bool>()) {
        let p = Permissions::for_role(&role, service);
        use_permissions(&p);
        if service {
            prop_assert_eq!(visible_resources(&p).len(), RESOURCES.len());
        }
    }

    // ---- runtime configuration and sign-in expiry

    #[test]
    fn runtime_config_from_any_text(text in prop_oneof![
        text(),
        (option::of(json()), option::of(json()), option::of(json())).prop_map(|(a, t, i)| {
            let mut m = serde_json::Map::new();
            for (k, v) in [("api_url", a), ("title", t), ("idle_timeout_minutes", i)] {
                if let Some(v) = v {
                    m.insert(k.into(), v);
                }
            }
            Value::Object(m).to_string()
        }),
        json().prop_map(|v| v.to_string()),
    ]) {
        let c = RuntimeConfig::parse(&text);
        if let Some(u) = c.api_url() {
            prop_assert!(!u.is_empty() && u.trim() == u);
        }
        if let Some(t) = c.title() {
            prop_assert!(!t.is_empty() && t.trim() == t);
        }
        let _ = c.idle_timeout_minutes();
    }

    #[test]
    fn jwt_expiry_of_anything(token in text()) {
        let _ = jwt_expiry(&token);
    }

    #[test]
    fn jwt_expiry_reads_exp(exp in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX)],
                            other in json(), header in "[A-Za-z0-9_-]{0,20}", sig in "[A-Za-z0-9_-]{0,20}",
                            pad in any::<bool>(), junk_exp in json()) {
        let claims = json!({"sub": "u", "exp": exp, "other": other});
        let jwt = format!("{header}.{}.{sig}", base64url(claims.to_string().as_bytes(), pad));
        prop_assert_eq!(jwt_expiry(&jwt), Some(exp));
        // Whatever `exp` holds, reading it never panics.
        let claims = json!({"exp": junk_exp});
        let _ = jwt_expiry(&format!("{header}.{}.{sig}", base64url(claims.to_string().as_bytes(), pad)));
    }

    #[test]
    fn expiry_notes_at_any_time(expires_at in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX)],
                                now in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX)]) {
        let note = expiry_note(expires_at, now);
        prop_assert!(note.text.starts_with("Token expire"));
        prop_assert_eq!(note.warn, expires_at.saturating_sub(now) <= EXPIRY_WARNING_DAYS * 86_400);
    }

    #[test]
    fn idle_timeouts(last in prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY)],
                     now in prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY)],
                     minutes in prop_oneof![any::<u32>(), Just(0u32)]) {
        let expired = idle_expired(last, now, minutes);
        if minutes == 0 {
            prop_assert!(!expired);
        }
    }

    #[test]
    fn current_token_is_the_last_used(tokens in vec(arb_pat_token(), 0..6)) {
        let used = |t: &PersonalAccessToken| parse_rfc3339(&t.last_used);
        match current_token(&tokens) {
            Some(t) => {
                let mine = used(t);
                prop_assert!(mine.is_some());
                prop_assert!(tokens.iter().filter_map(used).all(|u| Some(u) <= mine));
            }
            None => prop_assert!(tokens.iter().all(|t| used(t).is_none())),
        }
    }

    // ---- formatting

    #[test]
    fn rfc3339_never_panics(ts in timestamp(), now in any::<i64>()) {
        let _ = parse_rfc3339(&ts);
        let r = relative_time(&ts, now);
        let words: Vec<&str> = r.split(' ').collect();
        let shape_ok = matches!(r.as_str(), "never" | "unknown" | "just now")
            || (words.len() == 3 && words[2] == "ago" && words[0].parse::<u64>().is_ok())
            || (words.len() == 3 && words[0] == "in" && words[1].parse::<u64>().is_ok());
        prop_assert!(shape_ok, "{r:?}");
        prop_assert_eq!(r == "never", is_never(&ts));
    }

    #[test]
    fn rfc3339_parses_what_it_should((ts, [y, mo, d, h, mi, s]) in valid_timestamp(),
                                     oh in 0i64..100, om in 0i64..100, west in any::<bool>()) {
        let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let mut days: i64 = if y >= 1970 {
            (1970..y).map(|y| if leap(y) { 366 } else { 365 }).sum()
        } else {
            -(y..1970).map(|y| if leap(y) { 366 } else { 365 }).sum::<i64>()
        };
        const CUM: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        days += CUM[(mo - 1) as usize] + i64::from(mo > 2 && leap(y)) + d - 1;
        let want = days * 86_400 + h * 3600 + mi * 60 + s;
        prop_assert_eq!(parse_rfc3339(&ts), Some(want));
        let sign = if west { '-' } else { '+' };
        let offset = (oh * 3600 + om * 60) * if west { -1 } else { 1 };
        let zoned = format!("{}{sign}{oh:02}:{om:02}", ts.trim_end_matches('Z'));
        prop_assert_eq!(parse_rfc3339(&zoned), Some(want - offset));
    }

    #[test]
    fn relative_time_at_any_clock(ts in prop_oneof![
        valid_timestamp().prop_map(|(s, _)| s),
        Just("9999-12-31T23:59:60+99:99".to_string()),
        Just("0000-01-01T00:00:00-99:99".to_string()),
    ], now in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX), Just(0)]) {
        let _ = relative_time(&ts, now);
    }

    #[test]
    fn thousands_groups_digits(n in prop_oneof![any::<u64>(), Just(u64::MAX), Just(0), 0u64..10_000]) {
        let t = thousands(n);
        prop_assert_eq!(t.replace(',', ""), n.to_string());
        let groups: Vec<&str> = t.split(',').collect();
        prop_assert!((1..=3).contains(&groups[0].len()));
        prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
    }

    // ---- errors

    #[test]
    fn errors_classify_any_status_and_body(status in prop_oneof![any::<u16>(), select(vec![400u16, 401, 403, 404, 409, 412, 422, 429, 500, 502, 503])],
        body in prop_oneof![
            text(),
            json().prop_map(|m| json!({"message": m, "code": 500}).to_string()),
            (text(), any::<u16>()).prop_map(|(m, c)| json!({"message": m, "code": c}).to_string()),
            "(invalid|INVALID) token[ -~]{0,20}".prop_map(|m| json!({"message": m}).to_string()),
            json().prop_map(|v| v.to_string()),
        ]) {
        let msg = server_message(&body);
        prop_assert!(msg.chars().count() <= 301);
        let e = ApiError::from_status(status, &body);
        let expected_unauthorized = status == 401
            || (status == 404 && msg.to_ascii_lowercase().starts_with("invalid token"));
        prop_assert_eq!(e.ends_session(), expected_unauthorized);
        match (status, &e) {
            (429, ApiError::RateLimited) | (400, ApiError::BadRequest(_)) | (403, ApiError::Forbidden(_))
            | (409, ApiError::Conflict(_)) | (412, ApiError::PreconditionFailed(_))
            | (422, ApiError::Validation(_)) | (401 | 404, ApiError::Unauthorized(_))
            | (404, ApiError::NotFound(_)) => {}
            (s, ApiError::Server { status, .. }) if s == *status
                && ![400, 401, 403, 404, 409, 412, 422, 429].contains(&s) => {}
            other => prop_assert!(false, "misclassified {other:?}"),
        }
        if let Some(t) = e.server_text() {
            prop_assert!(!t.is_empty() && t.chars().count() <= 301);
        }
        prop_assert!(!e.title().is_empty());
        prop_assert!(!e.user_message().is_empty());
        prop_assert_eq!(e.is_transient(), matches!(e, ApiError::RateLimited) || status >= 500);
        let _ = ApiError::Decode(body.clone()).user_message();
    }

    #[test]
    fn backoff_ends(attempt in prop_oneof![any::<u32>(), 0u32..5, Just(u32::MAX)]) {
        match rate_limit_backoff_ms(attempt) {
            Some(ms) => {
                prop_assert!(attempt < 3 && ms >= 1_000);
                if let Some(prev) = attempt.checked_sub(1).and_then(rate_limit_backoff_ms) {
                    prop_assert!(ms > prev);
                }
            }
            None => prop_assert!(attempt >= 3),
        }
    }

    // ---- list state (URL query) and the table pipeline

    #[test]
    fn list_query_from_any_pairs(pairs in query_pairs()) {
        let q = from_pairs(&pairs);
        prop_assert!(q.page >= 1);
        prop_assert!(PAGE_SIZES.contains(&q.size));
        for (i, (k, _)) in q.filters.iter().enumerate() {
            prop_assert!(FILTER_KEYS.contains(&k.as_str()));
            prop_assert!(q.filters[..i].iter().all(|(other, _)| other != k), "filter {k} twice");
        }
        // The URL it writes reads back as the same state.
        let qs = q.to_query_string();
        prop_assert!(qs.is_empty() || qs.starts_with('?'));
        prop_assert!(qs.bytes().all(|b| b.is_ascii_graphic()), "{qs}");
        let back = decode_query(&qs);
        let again = from_pairs(&back);
        prop_assert_eq!(&again, &q, "{}", qs);
        if q == ListQuery::default() {
            prop_assert_eq!(qs, "");
        }
    }

    #[test]
    fn list_state_transitions(pairs in query_pairs(), raw in raw_query(), size in any::<usize>(),
                              page in any::<usize>(), key in text(), value in text()) {
        for q in [from_pairs(&pairs), raw] {
            let s = q.with_size(size);
            prop_assert!(PAGE_SIZES.contains(&s.size) && s.page >= 1);
            let s = q.with_size(*PAGE_SIZES.last().unwrap_or(&DEFAULT_PAGE_SIZE));
            prop_assert!(s.page >= 1);
            prop_assert!(q.with_page(page).page >= 1);
            let t = q.toggled_sort(&key);
            prop_assert_eq!(t.sort.as_deref(), Some(key.as_str()));
            prop_assert_eq!(t.page, 1);
            prop_assert_eq!(q.with_search(&value).q, value.clone());
            let f = q.with_filter("status", &value);
            prop_assert_eq!(f.filter("status"), (!value.is_empty()).then_some(value.as_str()));
            let _ = q.to_query_string();
        }
        let _ = encode_query_value(&value);
    }

    #[test]
    fn page_windows(current in prop_oneof![any::<usize>(), 0usize..20, Just(usize::MAX)],
                    pages in prop_oneof![any::<usize>(), 0usize..20, Just(usize::MAX)],
                    siblings in prop_oneof![0usize..4, Just(usize::MAX)]) {
        // A window of every page would be as long as `pages`: only ask that of small counts.
        let pages = if siblings > 1_000 { pages % 50 } else { pages };
        let w = page_window(current, pages, siblings);
        let last = pages.max(1);
        prop_assert_eq!(w.first(), Some(&PageItem::Page(1)));
        prop_assert_eq!(w.last(), Some(&PageItem::Page(last)));
        prop_assert!(w.contains(&PageItem::Page(current.clamp(1, last))));
        if siblings < 1_000 {
            prop_assert!(w.len() <= 2 * siblings + 5);
        }
        let mut prev: Option<usize> = None;
        let mut gap = false;
        for item in &w {
            match *item {
                PageItem::Gap => {
                    prop_assert!(!gap && prev.is_some(), "{w:?}");
                    gap = true;
                }
                PageItem::Page(p) => {
                    if let Some(q) = prev {
                        // A gap stands for two pages or more; otherwise pages are consecutive.
                        if gap {
                            prop_assert!(p > q && p - q >= 3, "{w:?}");
                        } else {
                            prop_assert_eq!(p, q + 1, "{:?}", w);
                        }
                    }
                    prev = Some(p);
                    gap = false;
                }
            }
        }
    }

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
        let _ = domain::punycode_decode(&label);
    }

    #[test]
    fn domains_never_panic(d in domain_text()) {
        if let Ok(a) = domain::to_ascii(&d) {
            prop_assert!(a.is_ascii(), "{a:?}");
        }
        let _ = domain::to_unicode(&d);
        if let Ok(a) = domain::check(&d) {
            prop_assert!(a.is_ascii());
            // What passes is sent as is, and the server checks it again the same way.
            prop_assert_eq!(domain::check(&a), Ok(a.clone()));
        }
    }
}

proptest! {
    // The table pipeline over many rows, and the route form against a whole world of peers,
    // groups and routes: fewer, heavier cases.
    #![proptest_config(config(256))]

    #[test]
    fn list_pipeline(rows in arb_rows(), pairs in query_pairs(), raw in raw_query(),
                     sort in select(vec!["name", "n", "ip", "when"]), desc in any::<bool>(),
                     size in select(PAGE_SIZES), page in 0usize..5) {
        check_listing(&rows, &from_pairs(&pairs));
        check_listing(&rows, &raw);
        let sorted = ListQuery { sort: Some(sort.to_string()), desc, size, page, ..ListQuery::default() };
        check_listing(&rows, &sorted);
    }


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
        let _ = changed_on_server(&loaded, &fresh);
        // Mine: the loaded route unchanged, another route's fields, or a form's request.
        let mut mines = vec![request_of(&loaded), request_of(&other)];
        if let Some(d) = edit {
            mines.push(unchecked_request(&d));
        }
        for mine in &mines {
            for d in differences(&loaded, &fresh, mine, &name) {
                prop_assert!(d.changed_on_server || d.changed_by_me, "{d:?}");
                let _ = d.is_conflict();
            }
            let merged = combine(&loaded, &fresh, mine);
            prop_assert_eq!(&merged.id, &fresh.id);
            let _ = request_of(&merged);
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
            let _ = validate(&draft, &world.ctx());
            let _ = overlap::warnings(&draft, &world.ctx());
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
            exercise_rows(&[group_row(g)], GROUP_COLUMNS);
        }
        for p in &world.peers {
            exercise_rows(&[peer_row(p, now)], PEER_COLUMNS);
        }
    }
}

fn check_validation(draft: &RouteDraft, world: &World) -> Result<(), TestCaseError> {
    let ctx = world.ctx();
    let result = validate(draft, &ctx);
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
    match &result {
        Ok(reqs) => {
            prop_assert!(
                reqs.len() == 1 || (reqs.len() == 2 && draft.shape == RouteShape::ExitNode)
            );
            for r in reqs {
                check_request(r, &ctx)?;
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
    for w in overlap::warnings(draft, &ctx) {
        prop_assert!(!w.message.is_empty());
    }
    let _ = (draft.domain_list(), draft.exit_network());
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

proptest! {
    // JSON models: heavier cases (every model decoded and consumed per case).
    #![proptest_config(config(256))]

    #[test]
    fn models_from_arbitrary_json(v in json(), now in any::<i64>()) {
        consume_everything(&v, now);
    }

    // ---- json_array: the first-page scan agrees with serde on every array and every prefix of
    // it, and never panics

    #[test]
    fn array_leading_elements_decode_to_the_whole_array(items in vec(json(), 0..8), pretty in any::<bool>(),
                                                        limit in 0usize..10, cut in any::<Index>()) {
        let body = if pretty {
            serde_json::to_vec_pretty(&items).unwrap()
        } else {
            serde_json::to_vec(&items).unwrap()
        };
        let spans = json_array::leading(&body, limit);
        prop_assert_eq!(spans.len(), items.len().min(limit));
        // Compared with serde's reading of the same text (a float may not survive a round trip).
        let all: Vec<Value> = serde_json::from_slice(&body).unwrap();
        for (span, item) in spans.iter().zip(&all) {
            let each: Value = serde_json::from_slice(&body[span.clone()]).expect("each element decodes");
            prop_assert_eq!(&each, item);
        }
        // While the body is still arriving: only whole elements, the same ones; and resuming
        // from them once the rest is in finds the rest.
        let mut partial = json_array::leading(&body[..cut.index(body.len() + 1)], limit);
        prop_assert!(partial.len() <= spans.len());
        prop_assert_eq!(&partial[..], &spans[..partial.len()]);
        json_array::extend(&body, limit, &mut partial);
        prop_assert_eq!(&partial, &spans);
    }

    #[test]
    fn array_scan_of_any_bytes_never_panics(body in prop_oneof![
        text().prop_map(String::into_bytes),
        "[\\[\\]{}\",:0-9a-z\\\\ ]{0,40}".prop_map(String::into_bytes),
        vec(any::<u8>(), 0..64),
    ], limit in 0usize..4) {
        let spans = json_array::leading(&body, limit);
        prop_assert!(spans.len() <= limit);
        prop_assert!(spans.iter().all(|s| s.start < s.end && s.end <= body.len()));
        // Every array serde accepts, the scan splits into its elements.
        if let Ok(all) = serde_json::from_slice::<Vec<Value>>(&body) {
            prop_assert_eq!(spans.len(), all.len().min(limit));
        }
    }

    // ---- json: the reader reads what serde_json reads

    #[test]
    fn json_reads_every_value_as_serde_does(v in json(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        let serde: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(json::decode_str::<Same>(&text), Ok(Same(serde)));
        // Cut short anywhere, it is an error (a number may still be a whole one).
        for cut in (0..text.len()).step_by(text.len() / 64 + 1) {
            if text.is_char_boundary(cut) && serde_json::from_str::<Value>(&text[..cut]).is_err() {
                prop_assert!(json::decode_str::<Same>(&text[..cut]).is_err(), "{:?}", &text[..cut]);
            }
        }
    }

    #[test]
    fn json_strings_read_back_however_escaped(s in text()) {
        prop_assert_eq!(json::decode_str::<String>(&serde_json::to_string(&s).unwrap()), Ok(s.clone()));
        // Every character as `\uXXXX` (a surrogate pair beyond the BMP).
        let escaped: String = s.encode_utf16().map(|u| format!("\\u{u:04x}")).collect();
        prop_assert_eq!(json::decode_str::<String>(&format!("\"{escaped}\"")), Ok(s));
    }

    #[test]
    fn models_from_arbitrary_bodies(body in prop_oneof![
        text(),
        "[\\[\\]{}\",:0-9a-z.\\-eE+ ]{0,40}",
        json().prop_map(|v| {
            let s = v.to_string();
            let cut = s.char_indices().map(|(i, _)| i).nth(s.chars().count() / 2).unwrap_or(0);
            s[..cut].to_string()
        }),
    ]) {
        // What `ui::api::decode` does with a body: Err, never a panic; and it takes what serde
        // takes (but for numbers beyond f64's range, which serde refuses and the reader leaves
        // to the integer types that read them).
        let serde = serde_json::from_str::<Value>(&body);
        let out_of_range = serde.as_ref().is_err_and(|e| e.to_string().contains("out of range"));
        if !out_of_range {
            prop_assert_eq!(json::decode_str::<Ignored>(&body).is_ok(), serde.is_ok(), "{:?}", body);
        }
        let _ = json::decode_str::<Vec<Peer>>(&body);
        let _ = json::decode_str::<Vec<Route>>(&body);
        let _ = json::decode_str::<CurrentUser>(&body);
        let _ = json::decode_str::<Vec<Event>>(&body);
        let _ = json::decode_str::<Account>(&body);
        let _ = json::decode_str::<StoredSession>(&body);
        if let Ok(v) = serde_json::from_str::<Value>(&body) {
            consume_everything(&v, 1_795_400_000);
        }
    }

    #[test]
    fn models_from_mutated_server_objects(
        which in any::<Index>(),
        mutations in vec((vec(any::<Index>(), 1..4), mutation()), 1..4),
        now in prop_oneof![any::<i64>(), Just(1_795_400_000i64)],
    ) {
        let all = realistic();
        let original = all[which.index(all.len())].clone();
        // The unmutated object decodes as its model does.
        consume_everything(&original, now);
        let mut v = original;
        for (path, m) in &mutations {
            apply(&mut v, path, m);
        }
        consume_everything(&v, now);
    }
}

#[test]
fn realistic_objects_decode_into_their_models() {
    let all = realistic();
    let peer: Peer = decode(&all[0]).unwrap();
    assert_eq!(peer.groups.len(), 2);
    let group: Group = decode(&all[1]).unwrap();
    assert_eq!(group.peers.len(), 2);
    let route: Route = decode(&all[3]).unwrap();
    assert_eq!(route.kind(), RouteKind::Domain);
    let policy: Policy = decode(&all[4]).unwrap();
    assert_eq!(policy.rules[0].ports.len(), 2);
    let ns: NameserverGroup = decode(&all[5]).unwrap();
    assert_eq!(ns.nameservers[0].port, 53);
    let key: SetupKey = decode(&all[7]).unwrap();
    assert_eq!(key.key_type, "reusable");
    let me: CurrentUser = decode(&all[8]).unwrap();
    assert!(me.permissions.module("routes").create);
    let event: Event = decode(&all[9]).unwrap();
    assert_eq!(event.meta.len(), 4);
    let account: Account = decode(&all[10]).unwrap();
    assert!(account.settings.regular_users_view_blocked);
    let session: StoredSession = decode(&all[11]).unwrap();
    assert!(Credential::parse(&session.token).is_ok());
    let pat: PersonalAccessToken = decode(&all[12]).unwrap();
    assert_eq!(current_token(&[pat]).map(|t| t.id.as_str()), Some("t1"));
    let config = RuntimeConfig::parse(&all[13].to_string());
    assert_eq!(config.idle_timeout_minutes(), 15);
}
