//! Configuration and the strategies more than one area uses: arbitrary text, numbers, JSON,
//! IDs, CIDRs and timestamps.

use netbird_console::base::json::{self, FromJson};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};
use std::net::{Ipv4Addr, Ipv6Addr};

// ------------------------------------------------------------------------------ configuration

/// `cases` per property unless `PROPTEST_CASES` says otherwise (so the same file runs briefly in
/// the test command and as long as wanted on demand). No failure files: a failure prints its
/// minimal input instead of littering the repository.
pub(crate) fn config(cases: u32) -> ProptestConfig {
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
pub(crate) fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "[ -~]{0,40}",
        2 => "[a-zA-Z0-9./:_*%?#@\\\\ -]{0,40}",
        2 => "(é|ü|ß|İ|ſ|K|ǅ|Σ|中|😀|\u{301}|\u{200b}|\\x00|\\x7f|\\t|\\n|\u{3000}|/|:|\\.|-|_|\\*|x|n|a|0|9|%|#|\\?){0,30}",
        1 => (any::<char>(), 0usize..12_000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// Numbers as a user or a server may write them, valid or not.
pub(crate) fn number_text() -> impl Strategy<Value = String> {
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

pub(crate) fn key() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(FIELDS).prop_map(String::from), 1 => text()]
}

/// Values that break naive decoders: extreme numbers and a 10 KB string.
pub(crate) fn extreme() -> impl Strategy<Value = Value> {
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
pub(crate) fn json() -> BoxedStrategy<Value> {
    json_leaf()
        .prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                vec(inner.clone(), 0..6).prop_map(Value::Array),
                btree_map(key(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .boxed()
}

const IDS: &[&str] = &["p1", "p2", "p3", "g1", "g2", "all", "r1", "r2", ""];

pub(crate) fn id() -> impl Strategy<Value = String> {
    prop_oneof![4 => select(IDS).prop_map(String::from), 1 => text()]
}

/// A CIDR, mostly near NetBird's interesting ranges so that overlaps happen.
pub(crate) fn cidr() -> impl Strategy<Value = String> {
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

pub(crate) fn timestamp() -> impl Strategy<Value = String> {
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
pub(crate) fn valid_timestamp() -> impl Strategy<Value = (String, [i64; 6])> {
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

/// Decodes as the browser layer does (`json::decode` of the body).
pub(crate) fn decode<T: FromJson>(v: &Value) -> Option<T> {
    json::decode_str::<T>(&v.to_string()).ok()
}
