//! Data-shape modes (`--shape`, `/__mock/shape`): output transforms on the JSON of successful
//! `/api` answers, showing what a newer or odd server could send. The store stays typed; only
//! the written JSON changes.
//!
//! The transforms walk a small description of each response schema (below): for every field,
//! whether `openapi.yml` marks it required, whether the server may send `null` for it
//! (some arrays, typically when empty), and what it holds (an id, an address, a timestamp, an
//! enum, free text…).

use serde_json::{Map, Value};

/// One data-shape mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// Free-text strings become XSS payloads prefixed with a trace of the original.
    Hostile,
    /// Free-text strings become 10,240 characters (the original, then multi-byte padding).
    LongStrings,
    /// Enum fields get values the spec does not list; every object gets `x_future_field`.
    UnknownEnums,
    /// Every optional or nullable field, and every array and map, becomes `null`.
    Nulls,
    /// Every field the spec does not mark required is left out.
    Missing,
}

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::Hostile,
        Shape::LongStrings,
        Shape::UnknownEnums,
        Shape::Nulls,
        Shape::Missing,
    ];

    pub fn parse(s: &str) -> Result<Shape, String> {
        Shape::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| {
                format!("unknown shape mode {s:?} (nulls, missing, unknown-enums, long-strings, hostile)")
            })
    }

    pub fn name(self) -> &'static str {
        match self {
            Shape::Hostile => "hostile",
            Shape::LongStrings => "long-strings",
            Shape::UnknownEnums => "unknown-enums",
            Shape::Nulls => "nulls",
            Shape::Missing => "missing",
        }
    }
}

/// What a field holds.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// The object's own `id`: never nulled, removed or rewritten.
    Id,
    /// The id of another object, or a secret to copy (user_id, peer, plain_token): kept.
    Ref,
    /// An IP address or CIDR: kept.
    Addr,
    /// An RFC 3339 timestamp: kept.
    Time,
    /// A bool or number: kept.
    Scalar,
    /// An enum; the value is what `unknown-enums` writes.
    Enum(&'static str),
    /// Free text: names, descriptions, hostnames, domains, e-mails, versions…
    Text,
    /// An array of free text (domains, DNS labels, JWT group names).
    Texts,
    /// An array of ids (groups, auto_groups, peer_groups…).
    Refs,
    /// An array of other strings (ports): kept.
    Strings,
    Obj(&'static [F]),
    Objs(&'static [F]),
    /// A map whose values are free text (event `meta`).
    TextMap,
    /// A map whose values are arrays of free text (rule `authorized_groups`).
    TextsMap,
    /// Any other map (permission modules): kept.
    Map,
}

impl Kind {
    /// Arrays and maps: Go writes a nil slice or map as `null`.
    fn nilable(self) -> bool {
        matches!(
            self,
            Kind::Texts
                | Kind::Refs
                | Kind::Strings
                | Kind::Objs(_)
                | Kind::TextMap
                | Kind::TextsMap
                | Kind::Map
        )
    }
}

/// A described field.
#[derive(Clone, Copy, Debug)]
pub struct F {
    pub name: &'static str,
    pub kind: Kind,
    /// `required` in openapi.yml.
    pub req: bool,
    /// The server may send `null` although the spec says otherwise (typically an empty array).
    pub null: bool,
}

/// Required.
const fn r(name: &'static str, kind: Kind) -> F {
    F {
        name,
        kind,
        req: true,
        null: false,
    }
}
/// Optional (not in the spec's `required`).
const fn o(name: &'static str, kind: Kind) -> F {
    F {
        name,
        kind,
        req: false,
        null: false,
    }
}
/// Required by the spec but sent as `null` by the server.
const fn n(name: &'static str, kind: Kind) -> F {
    F {
        name,
        kind,
        req: true,
        null: true,
    }
}

use Kind::*;

const GROUP_MINIMUM: &[F] = &[
    r("id", Id),
    r("name", Text),
    r("peers_count", Scalar),
    r("resources_count", Scalar),
    o("issued", Enum("martian")),
];
const PEER_MINIMUM: &[F] = &[r("id", Id), r("name", Text)];
const RESOURCE: &[F] = &[r("id", Id), r("type", Enum("wormhole"))];
const LOCAL_FLAGS: &[F] = &[
    o("rosenpass_enabled", Scalar),
    o("rosenpass_permissive", Scalar),
    o("server_ssh_allowed", Scalar),
    o("disable_client_routes", Scalar),
    o("disable_server_routes", Scalar),
    o("disable_dns", Scalar),
    o("disable_firewall", Scalar),
    o("block_lan_access", Scalar),
    o("block_inbound", Scalar),
    o("lazy_connection_enabled", Scalar),
];
/// `Peer`, and `PeerBatch` (the list) which adds `accessible_peers_count`.
const PEER: &[F] = &[
    r("id", Id),
    r("name", Text),
    r("created_at", Time),
    r("ip", Addr),
    o("ipv6", Addr),
    r("connection_ip", Addr),
    r("connected", Scalar),
    r("last_seen", Time),
    r("os", Text),
    r("kernel_version", Text),
    r("geoname_id", Scalar),
    r("version", Text),
    r("groups", Objs(GROUP_MINIMUM)),
    r("ssh_enabled", Scalar),
    r("user_id", Ref),
    r("hostname", Text),
    r("ui_version", Text),
    r("dns_label", Text),
    r("login_expiration_enabled", Scalar),
    r("login_expired", Scalar),
    r("last_login", Time),
    r("inactivity_expiration_enabled", Scalar),
    r("approval_required", Scalar),
    o("disapproval_reason", Text),
    r("country_code", Text),
    r("city_name", Text),
    r("serial_number", Text),
    r("extra_dns_labels", Texts),
    r("ephemeral", Scalar),
    o("local_flags", Obj(LOCAL_FLAGS)),
    r("accessible_peers_count", Scalar),
];
const ACCESSIBLE_PEER: &[F] = &[
    r("id", Id),
    r("name", Text),
    r("ip", Addr),
    o("ipv6", Addr),
    r("dns_label", Text),
    r("user_id", Ref),
    r("os", Text),
    r("country_code", Text),
    r("city_name", Text),
    r("geoname_id", Scalar),
    r("connected", Scalar),
    r("last_seen", Time),
];
const GROUP: &[F] = &[
    r("id", Id),
    r("name", Text),
    r("peers_count", Scalar),
    r("resources_count", Scalar),
    o("issued", Enum("martian")),
    n("peers", Objs(PEER_MINIMUM)),
    n("resources", Objs(RESOURCE)),
];
const PORT_RANGE: &[F] = &[r("start", Scalar), r("end", Scalar)];
const RULE: &[F] = &[
    o("id", Id),
    r("name", Text),
    o("description", Text),
    r("enabled", Scalar),
    r("action", Enum("maybe")),
    r("bidirectional", Scalar),
    r("protocol", Enum("carrier-pigeon")),
    o("ports", Strings),
    o("port_ranges", Objs(PORT_RANGE)),
    o("authorized_groups", TextsMap),
    o("sources", Objs(GROUP_MINIMUM)),
    o("sourceResource", Obj(RESOURCE)),
    o("destinations", Objs(GROUP_MINIMUM)),
    o("destinationResource", Obj(RESOURCE)),
];
const POLICY: &[F] = &[
    o("id", Id),
    r("name", Text),
    o("description", Text),
    r("enabled", Scalar),
    r("source_posture_checks", Refs),
    r("rules", Objs(RULE)),
];
const ROUTE: &[F] = &[
    r("id", Id),
    r("network_type", Enum("Quantum")),
    r("description", Text),
    r("network_id", Text),
    r("enabled", Scalar),
    o("peer", Ref),
    o("peer_groups", Refs),
    o("network", Addr),
    o("domains", Texts),
    r("metric", Scalar),
    r("masquerade", Scalar),
    r("groups", Refs),
    r("keep_route", Scalar),
    o("access_control_groups", Refs),
    o("skip_auto_apply", Scalar),
];
const NAMESERVER: &[F] = &[r("ip", Addr), r("ns_type", Enum("doq")), r("port", Scalar)];
const NAMESERVER_GROUP: &[F] = &[
    r("id", Id),
    r("name", Text),
    r("description", Text),
    r("nameservers", Objs(NAMESERVER)),
    r("enabled", Scalar),
    r("groups", Refs),
    r("primary", Scalar),
    n("domains", Texts),
    r("search_domains_enabled", Scalar),
];
const DNS_SETTINGS: &[F] = &[n("disabled_management_groups", Refs)];
const SETUP_KEY: &[F] = &[
    r("id", Id),
    r("name", Text),
    r("expires", Time),
    r("type", Enum("eternal")),
    r("valid", Scalar),
    r("revoked", Scalar),
    r("used_times", Scalar),
    r("last_used", Time),
    r("state", Enum("dormant")),
    r("auto_groups", Refs),
    r("updated_at", Time),
    r("usage_limit", Scalar),
    r("ephemeral", Scalar),
    r("allow_extra_dns_labels", Scalar),
    r("key", Text),
];
const PAT: &[F] = &[
    r("id", Id),
    r("name", Text),
    r("expiration_date", Time),
    r("created_by", Ref),
    r("created_at", Time),
    o("last_used", Time),
];
const PAT_GENERATED: &[F] = &[r("plain_token", Ref), r("personal_access_token", Obj(PAT))];
const PERMISSIONS: &[F] = &[r("is_restricted", Scalar), r("modules", Map)];
const USER: &[F] = &[
    r("id", Id),
    r("email", Text),
    o("password", Ref),
    r("name", Text),
    r("role", Enum("superhero")),
    r("status", Enum("sleeping")),
    o("last_login", Time),
    r("auto_groups", Refs),
    o("is_current", Scalar),
    o("is_service_user", Scalar),
    r("is_blocked", Scalar),
    r("pending_approval", Scalar),
    o("issued", Enum("martian")),
    o("idp_id", Ref),
    o("permissions", Obj(PERMISSIONS)),
];
const EVENT: &[F] = &[
    r("id", Id),
    r("timestamp", Time),
    r("activity", Text),
    r("activity_code", Enum("future.thing.happened")),
    r("initiator_id", Ref),
    r("initiator_name", Text),
    r("initiator_email", Text),
    r("target_id", Ref),
    r("meta", TextMap),
];
const EXTRA: &[F] = &[
    r("peer_approval_enabled", Scalar),
    r("user_approval_required", Scalar),
    r("network_traffic_logs_enabled", Scalar),
    r("network_traffic_logs_groups", Refs),
    r("network_traffic_packet_counter_enabled", Scalar),
];
const DASHBOARD_FEATURES: &[F] = &[o("agent_network", Scalar)];
const ONBOARDING: &[F] = &[
    r("signup_form_pending", Scalar),
    r("onboarding_flow_pending", Scalar),
];
const SETTINGS: &[F] = &[
    r("peer_login_expiration_enabled", Scalar),
    r("peer_login_expiration", Scalar),
    r("peer_inactivity_expiration_enabled", Scalar),
    r("peer_inactivity_expiration", Scalar),
    r("regular_users_view_blocked", Scalar),
    o("groups_propagation_enabled", Scalar),
    o("jwt_groups_enabled", Scalar),
    o("jwt_groups_claim_name", Text),
    o("jwt_allow_groups", Texts),
    o("routing_peer_dns_resolution_enabled", Scalar),
    o("dns_domain", Text),
    o("network_range", Addr),
    o("network_range_v6", Addr),
    r("peer_expose_enabled", Scalar),
    n("peer_expose_groups", Refs),
    o("extra", Obj(EXTRA)),
    o("lazy_connection_enabled", Scalar),
    o("auto_update_version", Text),
    o("auto_update_always", Scalar),
    o("metrics_push_enabled", Scalar),
    o("agent_network_only", Scalar),
    o("dashboard_features", Obj(DASHBOARD_FEATURES)),
    o("embedded_idp_enabled", Scalar),
    o("local_auth_disabled", Scalar),
    o("local_mfa_enabled", Scalar),
    o("ipv6_enabled_groups", Refs),
];
const ACCOUNT: &[F] = &[
    r("id", Id),
    r("settings", Obj(SETTINGS)),
    r("domain", Text),
    r("domain_category", Enum("galactic")),
    r("created_at", Time),
    r("created_by", Ref),
    r("onboarding", Obj(ONBOARDING)),
];
const INSTANCE: &[F] = &[r("setup_required", Scalar)];
const VERSION: &[F] = &[
    r("management_current_version", Text),
    o("dashboard_available_version", Text),
    o("management_available_version", Text),
    r("management_update_available", Scalar),
];
const MIN_VERSION: &[F] = &[r("min_version", Text)];
const MIN_KERNEL_VERSION: &[F] = &[r("min_kernel_version", Text)];
const OS_VERSION_CHECK: &[F] = &[
    o("android", Obj(MIN_VERSION)),
    o("darwin", Obj(MIN_VERSION)),
    o("ios", Obj(MIN_VERSION)),
    o("linux", Obj(MIN_KERNEL_VERSION)),
    o("windows", Obj(MIN_KERNEL_VERSION)),
];
const LOCATION: &[F] = &[r("country_code", Text), o("city_name", Text)];
const GEO_LOCATION_CHECK: &[F] = &[r("locations", Objs(LOCATION)), r("action", Enum("shrug"))];
const NETWORK_RANGE_CHECK: &[F] = &[r("ranges", Strings), r("action", Enum("shrug"))];
const PROCESS: &[F] = &[
    o("linux_path", Text),
    o("mac_path", Text),
    o("windows_path", Text),
];
const PROCESS_CHECK: &[F] = &[r("processes", Objs(PROCESS))];
const CHECKS: &[F] = &[
    o("nb_version_check", Obj(MIN_VERSION)),
    o("os_version_check", Obj(OS_VERSION_CHECK)),
    o("geo_location_check", Obj(GEO_LOCATION_CHECK)),
    o("peer_network_range_check", Obj(NETWORK_RANGE_CHECK)),
    o("process_check", Obj(PROCESS_CHECK)),
];
const POSTURE_CHECK: &[F] = &[
    r("id", Id),
    r("name", Text),
    o("description", Text),
    r("checks", Obj(CHECKS)),
];
const COUNTRY: &[F] = &[r("country_code", Text), r("country_name", Text)];
const CITY: &[F] = &[r("city_name", Text), r("geoname_id", Scalar)];
/// DELETE answers `{}`.
const EMPTY: &[F] = &[];

/// The response schema of an endpoint, by method and the server's route pattern.
pub fn schema_for(method: &str, pattern: &str) -> Option<Kind> {
    let one_or_list = |fields: &'static [F]| {
        Some(match method {
            "DELETE" => Obj(EMPTY),
            "GET" if !pattern.ends_with("{}") => Objs(fields),
            _ => Obj(fields),
        })
    };
    match pattern {
        "/api/instance" => Some(Obj(INSTANCE)),
        "/api/instance/version" => Some(Obj(VERSION)),
        "/api/accounts" | "/api/accounts/{}" => one_or_list(ACCOUNT),
        "/api/users/current" => Some(Obj(USER)),
        "/api/users/{}/approve" => Some(Obj(USER)),
        "/api/users/{}/invite" | "/api/users/{}/reject" => Some(Obj(EMPTY)),
        "/api/users" | "/api/users/{}" => one_or_list(USER),
        "/api/users/{}/tokens" if method == "POST" => Some(Obj(PAT_GENERATED)),
        "/api/users/{}/tokens" | "/api/users/{}/tokens/{}" => one_or_list(PAT),
        "/api/peers/{}/accessible-peers" => Some(Objs(ACCESSIBLE_PEER)),
        "/api/peers" | "/api/peers/{}" => one_or_list(PEER),
        "/api/groups" | "/api/groups/{}" => one_or_list(GROUP),
        "/api/policies" | "/api/policies/{}" => one_or_list(POLICY),
        "/api/posture-checks" | "/api/posture-checks/{}" => one_or_list(POSTURE_CHECK),
        "/api/locations/countries" => Some(Objs(COUNTRY)),
        "/api/locations/countries/{}/cities" => Some(Objs(CITY)),
        "/api/routes" | "/api/routes/{}" => one_or_list(ROUTE),
        "/api/dns/nameservers" | "/api/dns/nameservers/{}" => one_or_list(NAMESERVER_GROUP),
        "/api/dns/settings" => Some(Obj(DNS_SETTINGS)),
        "/api/setup-keys" | "/api/setup-keys/{}" => one_or_list(SETUP_KEY),
        "/api/events" | "/api/events/audit" => Some(Objs(EVENT)),
        _ => None,
    }
}

/// The XSS payloads `hostile` cycles through. Each sets `window.__xss` (or adds an element with
/// a known id) if the console ever renders it as HTML or follows it as a link.
pub const XSS_PAYLOADS: [&str; 7] = [
    "<script>window.__xss=(window.__xss||0)+1</script>",
    "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">",
    "\"><svg onload=\"window.__xss=(window.__xss||0)+1\">",
    "javascript:window.__xss=1",
    "<a href=\"javascript:window.__xss=1\" id=\"xss-link\">click</a>",
    "{{7*7}} ${7*7} <b id=\"xss-bold\">bold</b>",
    "</textarea><iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
];

/// The length, in characters, of a `long-strings` value.
pub const LONG_LEN: usize = 10_240;
/// `long-strings` changes only this many items of a list answer (the rest stay as they are).
pub const LONG_LIST_ITEMS: usize = 100;
const LONG_PAD: &str = " é漢🦀 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

/// The original (at most 64 characters of it), then padding with multi-byte characters, to
/// exactly [`LONG_LEN`] characters.
pub fn long_string(orig: &str) -> String {
    let mut s: String = orig.chars().take(64).collect();
    let mut n = s.chars().count();
    'fill: loop {
        for c in LONG_PAD.chars() {
            if n == LONG_LEN {
                break 'fill;
            }
            s.push(c);
            n += 1;
        }
    }
    s
}

/// A short trace of the original (or the field name when it is empty), then payload `i`.
pub fn hostile_string(orig: &str, field: &str, i: usize) -> String {
    let marker: String = if orig.is_empty() {
        field.to_string()
    } else {
        orig.chars().take(24).collect()
    };
    format!("{marker} {}", XSS_PAYLOADS[i % XSS_PAYLOADS.len()])
}

struct Walk {
    mode: Shape,
    /// Round-robin index into [`XSS_PAYLOADS`].
    next: usize,
}

impl Walk {
    fn text(&mut self, s: &mut Value, field: &str) {
        let Value::String(t) = s else { return };
        *t = match self.mode {
            Shape::Hostile => {
                self.next += 1;
                hostile_string(t, field, self.next - 1)
            }
            Shape::LongStrings => long_string(t),
            _ => return,
        };
    }

    fn value(&mut self, kind: Kind, v: &mut Value, field: &str) {
        match (kind, v) {
            (Obj(fields), v @ Value::Object(_)) => self.object(fields, v),
            (Objs(fields), Value::Array(items)) => {
                for it in items {
                    self.object(fields, it);
                }
            }
            (Text, v) => self.text(v, field),
            (Texts, Value::Array(items)) => {
                for it in items {
                    self.text(it, field);
                }
            }
            (TextMap, Value::Object(m)) => {
                for (_, it) in m.iter_mut() {
                    self.text(it, field);
                }
            }
            (TextsMap, Value::Object(m)) => {
                for (_, list) in m.iter_mut() {
                    if let Value::Array(items) = list {
                        for it in items {
                            self.text(it, field);
                        }
                    }
                }
            }
            (Enum(unknown), v @ Value::String(_)) if self.mode == Shape::UnknownEnums => {
                *v = Value::String(unknown.to_string());
            }
            _ => {}
        }
    }

    fn object(&mut self, fields: &'static [F], v: &mut Value) {
        let Value::Object(map) = v else { return };
        let keys: Vec<String> = map.keys().cloned().collect();
        for k in keys {
            let Some(f) = fields.iter().find(|f| f.name == k) else {
                continue;
            };
            let is_id = matches!(f.kind, Id);
            match self.mode {
                Shape::Missing if !f.req && !is_id => {
                    map.remove(&k);
                    continue;
                }
                // Policies keep their rules so that the rules' own nullable fields show.
                Shape::Nulls
                    if !is_id && k != "rules" && (!f.req || f.null || f.kind.nilable()) =>
                {
                    map.insert(k, Value::Null);
                    continue;
                }
                _ => {}
            }
            if let Some(val) = map.get_mut(&k) {
                self.value(f.kind, val, &k);
            }
        }
        if self.mode == Shape::UnknownEnums {
            map.insert(
                "x_future_field".into(),
                serde_json::json!({"nested": [1, 2]}),
            );
        }
    }
}

/// Applies one mode to a response value. `schema` comes from [`schema_for`]; without one only
/// `unknown-enums` does anything (it adds `x_future_field` to every object).
pub fn apply(mode: Shape, schema: Option<Kind>, v: &mut Value) {
    let mut w = Walk { mode, next: 0 };
    match schema {
        // A list's first LONG_LIST_ITEMS items only: 10,000 audit events with 10 KiB strings
        // would be hundreds of megabytes.
        Some(Objs(fields)) if mode == Shape::LongStrings => {
            if let Value::Array(items) = v {
                for it in items.iter_mut().take(LONG_LIST_ITEMS) {
                    w.object(fields, it);
                }
            }
        }
        Some(k) => w.value(k, v, ""),
        None if mode == Shape::UnknownEnums => add_future_fields(v),
        None => {}
    }
}

fn add_future_fields(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (_, x) in m.iter_mut() {
                add_future_fields(x);
            }
            m.insert(
                "x_future_field".into(),
                serde_json::json!({"nested": [1, 2]}),
            );
        }
        Value::Array(items) => items.iter_mut().for_each(add_future_fields),
        _ => {}
    }
}

/// Applies the modes in a fixed order (hostile, long-strings, unknown-enums, nulls, missing),
/// so `hostile` + `long-strings` pads the payloads. Returns the new body, or `None` if the
/// body is not JSON.
pub fn transform(modes: &[Shape], schema: Option<Kind>, body: &[u8]) -> Option<Vec<u8>> {
    let mut v: Value = serde_json::from_slice(body).ok()?;
    let mut sorted = modes.to_vec();
    sorted.sort();
    sorted.dedup();
    for m in sorted {
        apply(m, schema, &mut v);
    }
    let mut out = serde_json::to_vec(&v).ok()?;
    out.push(b'\n');
    Some(out)
}

/// Keys of `v` (dotted paths) that the description of `schema` does not cover; for tests that
/// keep the description in step with the handlers.
pub fn undescribed_keys(schema: Kind, v: &Value) -> Vec<String> {
    fn walk(kind: Kind, v: &Value, path: &str, out: &mut Vec<String>) {
        match (kind, v) {
            (Obj(fields), Value::Object(m)) => obj(fields, m, path, out),
            (Objs(fields), Value::Array(items)) => {
                for it in items {
                    if let Value::Object(m) = it {
                        obj(fields, m, &format!("{path}[]"), out);
                    }
                }
            }
            _ => {}
        }
    }
    fn obj(fields: &[F], m: &Map<String, Value>, path: &str, out: &mut Vec<String>) {
        for (k, x) in m {
            let p = format!("{path}.{k}");
            match fields.iter().find(|f| f.name == k) {
                Some(f) => walk(f.kind, x, &p, out),
                None => {
                    if !out.contains(&p) {
                        out.push(p)
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(schema, v, "$", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn long_strings_are_exactly_long_and_multibyte() {
        let s = long_string("office-1");
        assert_eq!(s.chars().count(), LONG_LEN);
        assert!(s.starts_with("office-1 é漢🦀"));
        assert_eq!(long_string("").chars().count(), LONG_LEN);
        assert_eq!(long_string(&"y".repeat(20_000)).chars().count(), LONG_LEN);
    }

    #[test]
    fn modes_parse_and_sort() {
        for m in Shape::ALL {
            assert_eq!(Shape::parse(m.name()), Ok(m));
        }
        assert!(Shape::parse("weird").is_err());
    }

    #[test]
    fn route_transforms() {
        let route = json!({"id": "r1", "network_id": "office", "description": "", "enabled": true,
            "peer": "p1", "network": "10.0.0.0/24", "network_type": "IPv4", "domains": null,
            "metric": 9999, "masquerade": true, "groups": ["g1"], "keep_route": false,
            "skip_auto_apply": false});
        let schema = schema_for("GET", "/api/routes/{}");
        let mut v = route.clone();
        apply(Shape::Nulls, schema, &mut v);
        assert_eq!(v["groups"], Value::Null);
        assert_eq!(v["peer"], Value::Null);
        assert_eq!(v["id"], "r1");
        assert_eq!(v["network_id"], "office");
        let mut v = route.clone();
        apply(Shape::Missing, schema, &mut v);
        assert!(v.get("peer").is_none() && v.get("network").is_none());
        assert!(v.get("skip_auto_apply").is_none() && v.get("domains").is_none());
        assert_eq!(v["groups"], json!(["g1"]));
        let mut v = route.clone();
        apply(Shape::UnknownEnums, schema, &mut v);
        assert_eq!(v["network_type"], "Quantum");
        assert_eq!(v["x_future_field"], json!({"nested": [1, 2]}));
        let mut v = route.clone();
        apply(Shape::Hostile, schema, &mut v);
        // Round-robin: the two free-text fields get the first two payloads, in key order.
        let id = v["network_id"].as_str().unwrap().to_string();
        let desc = v["description"].as_str().unwrap().to_string();
        let payload = |s: &str, marker: &str| {
            XSS_PAYLOADS
                .iter()
                .position(|p| s == format!("{marker} {p}"))
        };
        let mut seen = [payload(&id, "office"), payload(&desc, "description")];
        seen.sort();
        assert_eq!(seen, [Some(0), Some(1)], "{id} / {desc}");
        assert_eq!(v["network"], "10.0.0.0/24");
        assert_eq!(v["peer"], "p1");
    }
}
