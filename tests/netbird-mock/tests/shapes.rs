//! Data-shape modes (`--shape`, `/__mock/shape`) over real HTTP, checked against the normal
//! answers and, for `nulls` and `missing`, against what `openapi.yml` says is optional (through
//! the in-repo contract derived from it).

mod common;

use common::*;
use netbird_mock::shape::{self, LONG_LEN, LONG_LIST_ITEMS, XSS_PAYLOADS};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Every GET endpoint, with real ids.
fn get_paths(m: &Mock) -> Vec<String> {
    let first = |p: &str| m.get_ok(p)[0]["id"].as_str().unwrap().to_string();
    let owner = m.user_id("owner");
    let peer = first("/api/peers");
    let mut v: Vec<String> = [
        "/api/instance",
        "/api/instance/version",
        "/api/accounts",
        "/api/users",
        "/api/users/current",
        "/api/peers",
        "/api/groups",
        "/api/policies",
        "/api/posture-checks",
        "/api/locations/countries",
        "/api/locations/countries/DE/cities",
        "/api/routes",
        "/api/dns/nameservers",
        "/api/dns/settings",
        "/api/setup-keys",
        "/api/events/audit",
        "/api/events",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push(format!("/api/users/{owner}/tokens"));
    v.push(format!(
        "/api/users/{owner}/tokens/{}",
        first(&format!("/api/users/{owner}/tokens"))
    ));
    v.push(format!("/api/peers/{peer}"));
    v.push(format!("/api/peers/{peer}/accessible-peers"));
    for list in [
        "/api/groups",
        "/api/policies",
        "/api/posture-checks",
        "/api/routes",
        "/api/dns/nameservers",
        "/api/setup-keys",
    ] {
        v.push(format!("{list}/{}", first(list)));
    }
    v
}

fn with_shapes(m: &Mock, modes: &[&str], f: impl FnOnce()) {
    assert_eq!(m.ctl("DELETE", "/__mock/shape").status, 200);
    for mode in modes {
        m.shape(mode);
    }
    f();
    assert_eq!(m.ctl("DELETE", "/__mock/shape").status, 200);
}

/// (path, normal answer, shaped answer) for every GET endpoint.
fn normal_and_shaped(m: &Mock, modes: &[&str]) -> Vec<(String, Value, Resp)> {
    let paths = get_paths(m);
    let normal: Vec<Value> = paths.iter().map(|p| m.get_ok(p)).collect();
    let mut shaped = Vec::new();
    with_shapes(m, modes, || {
        shaped = paths.iter().map(|p| m.owner("GET", p, None)).collect();
    });
    paths
        .into_iter()
        .zip(normal)
        .zip(shaped)
        .map(|((p, n), s)| {
            assert_eq!(s.status, 200, "{p}: {}", s.text());
            (p, n, s)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Spec helpers

fn deref(s: &Value) -> &Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => deref(resolve(r)),
        None => s,
    }
}

/// Properties and `required` of a schema, through `$ref` and `allOf`.
fn flat(schema: &Value) -> (Map<String, Value>, BTreeSet<String>) {
    let schema = deref(schema);
    let mut props = Map::new();
    let mut req = BTreeSet::new();
    for s in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (p, r) = flat(s);
        props.extend(p);
        req.extend(r);
    }
    if let Some(p) = schema.get("properties").and_then(Value::as_object) {
        props.extend(p.clone());
    }
    for r in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        req.insert(r.as_str().unwrap().to_string());
    }
    (props, req)
}

/// Paths of the fields present in `v` that the spec does not require (not descending into
/// them).
fn optional_present(schema: &Value, v: &Value, path: &str, out: &mut BTreeSet<String>) {
    let schema = deref(schema);
    match v {
        Value::Object(m) => {
            let (props, req) = flat(schema);
            for (k, x) in m {
                let p = format!("{path}.{k}");
                if let Some(ps) = props.get(k) {
                    if req.contains(k) {
                        optional_present(ps, x, &p, out);
                    } else {
                        out.insert(p);
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(is) = schema.get("items") {
                for (i, it) in items.iter().enumerate() {
                    optional_present(is, it, &format!("{path}[{i}]"), out);
                }
            }
        }
        _ => {}
    }
}

fn response_schema(path: &str) -> &'static Value {
    let t = spec_template(path).unwrap_or_else(|| panic!("{path} not in spec"));
    let s = response_schema_for("GET", &t, 200);
    assert!(!s.is_null(), "{t}");
    s
}

/// Fields of `normal` that are absent from `shaped` (not descending into them).
fn removed(normal: &Value, shaped: &Value, path: &str, out: &mut BTreeSet<String>) {
    match (normal, shaped) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, x) in a {
                let p = format!("{path}.{k}");
                match b.get(k) {
                    None => {
                        out.insert(p);
                    }
                    Some(y) => removed(x, y, &p, out),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                removed(x, y, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn null_paths(v: &Value, path: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Null => {
            out.insert(path.to_string());
        }
        Value::Object(m) => {
            for (k, x) in m {
                null_paths(x, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                null_paths(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Visits every (key, value) pair of every object, with the key's parent key.
fn visit<'a>(v: &'a Value, f: &mut impl FnMut(&str, &'a Value, &'a Map<String, Value>)) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                f(k, x, m);
                visit(x, f);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| visit(x, f)),
        _ => {}
    }
}

/// Free-text fields: rewritten by `hostile` and `long-strings`.
const FREE_TEXT: &[&str] = &[
    "name",
    "description",
    "hostname",
    "network_id",
    "email",
    "initiator_name",
    "initiator_email",
    "dns_label",
    "activity",
    "os",
    "kernel_version",
    "version",
    "ui_version",
    "serial_number",
    "city_name",
    "country_code",
    "key",
    "domain",
    "dns_domain",
    "jwt_groups_claim_name",
    "auto_update_version",
    "management_current_version",
];
const FREE_TEXT_LISTS: &[&str] = &["domains", "extra_dns_labels", "jwt_allow_groups"];
/// Never rewritten by the string modes.
const KEPT: &[&str] = &[
    "id",
    "ip",
    "connection_ip",
    "network",
    "network_range",
    "peer",
    "user_id",
    "created_by",
    "initiator_id",
    "target_id",
    "created_at",
    "last_seen",
    "last_login",
    "last_used",
    "timestamp",
    "expires",
    "updated_at",
    "expiration_date",
    "network_type",
    "role",
    "status",
    "type",
    "state",
    "action",
    "protocol",
    "activity_code",
    "issued",
    "ns_type",
];

/// Calls `f(field, original, shaped)` for every free-text string, walking both answers.
fn free_text_pairs(normal: &Value, shaped: &Value, f: &mut impl FnMut(&str, &str, &str)) {
    match (normal, shaped) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, x) in a {
                let Some(y) = b.get(k) else { continue };
                match (x, y) {
                    (Value::String(o), Value::String(s)) if FREE_TEXT.contains(&k.as_str()) => {
                        f(k, o, s)
                    }
                    (Value::Array(os), Value::Array(ss))
                        if FREE_TEXT_LISTS.contains(&k.as_str()) =>
                    {
                        for (o, s) in os.iter().zip(ss) {
                            f(k, o.as_str().unwrap(), s.as_str().unwrap());
                        }
                    }
                    (Value::Object(om), Value::Object(sm)) if k == "meta" => {
                        for (mk, o) in om {
                            f("meta", o.as_str().unwrap(), sm[mk].as_str().unwrap());
                        }
                    }
                    _ => free_text_pairs(x, y, f),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (x, y) in a.iter().zip(b) {
                free_text_pairs(x, y, f);
            }
        }
        _ => {}
    }
}

fn assert_kept_fields_untouched(path: &str, v: &Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                // Event `meta` values are free text whatever their key.
                if k == "meta" {
                    continue;
                }
                if let (true, Some(s)) = (KEPT.contains(&k.as_str()), x.as_str()) {
                    assert!(
                        !s.contains('<') && !s.contains("__xss") && s.chars().count() < 200,
                        "{path}: {k} was rewritten: {}",
                        s.chars().take(100).collect::<String>()
                    );
                }
                assert_kept_fields_untouched(path, x);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|x| assert_kept_fields_untouched(path, x)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn descriptions_cover_every_response() {
    let m = Mock::start();
    let mut answers: Vec<(String, String, Value)> = get_paths(&m)
        .into_iter()
        .map(|p| {
            let v = m.get_ok(&p);
            ("GET".to_string(), p, v)
        })
        .collect();
    // Writes answer other shapes (SetupKeyClear, PersonalAccessTokenGenerated, …).
    let eng = m.group_id("engineering");
    let owner = m.user_id("owner");
    let writes = [
        (
            "POST",
            "/api/setup-keys".to_string(),
            json!({"name": "k", "type": "reusable", "expires_in": 86400, "auto_groups": [eng], "usage_limit": 0}),
        ),
        (
            "POST",
            format!("/api/users/{owner}/tokens"),
            json!({"name": "t", "expires_in": 30}),
        ),
        (
            "POST",
            "/api/users".to_string(),
            json!({"name": "svc", "role": "user", "auto_groups": [], "is_service_user": true}),
        ),
        (
            "POST",
            "/api/groups".to_string(),
            json!({"name": "shape-test"}),
        ),
        (
            "PUT",
            "/api/dns/settings".to_string(),
            json!({"disabled_management_groups": [eng]}),
        ),
    ];
    for (method, path, body) in writes {
        let r = m.owner(method, &path, Some(&body));
        assert_eq!(r.status, 200, "{method} {path}: {}", r.text());
        answers.push((method.to_string(), path, r.json()));
    }
    for (method, path, v) in answers {
        let pattern = netbird_mock::server::route_pattern(&method, &path)
            .unwrap_or_else(|| panic!("{method} {path}: no route"));
        let schema = shape::schema_for(&method, pattern)
            .unwrap_or_else(|| panic!("{method} {pattern}: no description"));
        let missing = shape::undescribed_keys(schema, &v);
        assert!(
            missing.is_empty(),
            "{method} {path}: undescribed {missing:?}"
        );
    }
}

#[test]
fn hostile_replaces_free_text_with_xss_payloads() {
    let m = Mock::start();
    let all = normal_and_shaped(&m, &["hostile"]);
    let mut checked = BTreeSet::new();
    for (path, normal, shaped) in &all {
        let v = shaped.json();
        assert_kept_fields_untouched(path, &v);
        free_text_pairs(normal, &v, &mut |field, orig, s| {
            let marker: String = if orig.is_empty() {
                field.to_string()
            } else {
                orig.chars().take(24).collect()
            };
            assert!(
                XSS_PAYLOADS.iter().any(|p| s == format!("{marker} {p}")),
                "{path}: {field} {orig:?} became {s:?}"
            );
            checked.insert(field.to_string());
        });
    }
    for field in [
        "name",
        "description",
        "hostname",
        "network_id",
        "email",
        "domains",
        "meta",
        "initiator_name",
        "initiator_email",
        "dns_domain",
        "key",
    ] {
        assert!(checked.contains(field), "no {field} was checked");
    }

    with_shapes(&m, &["hostile"], || {
        let peers = m.get_ok("/api/peers");
        let names: Vec<&str> = peers
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert!(names.iter().any(|n| n.contains("<script>")), "{names:?}");
        assert!(names.iter().any(|n| n.contains("onerror=")), "{names:?}");
        // Rows stay distinguishable.
        let distinct: BTreeSet<&&str> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        // Group names everywhere (the groups list and a peer's groups).
        let groups = m.get_ok("/api/groups");
        assert!(groups
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["name"].as_str().unwrap().contains(['<', ':', '{'])));
        assert!(peers[0]["groups"][0]["name"]
            .as_str()
            .unwrap()
            .contains(['<', ':', '{']));
    });
}

#[test]
fn long_strings_are_10240_characters_with_multibyte_text() {
    let m = Mock::start();
    let all = normal_and_shaped(&m, &["long-strings"]);
    let mut count = 0;
    for (path, normal, shaped) in &all {
        let v = shaped.json();
        assert_kept_fields_untouched(path, &v);
        // In a list, only the first LONG_LIST_ITEMS items change.
        let (normal, v) = match (normal, &v) {
            (Value::Array(a), Value::Array(b)) => {
                assert_eq!(a.len(), b.len(), "{path}");
                let n = a.len().min(LONG_LIST_ITEMS);
                assert!(
                    a[n..] == b[n..],
                    "{path}: items after the first {n} changed"
                );
                (Value::Array(a[..n].to_vec()), Value::Array(b[..n].to_vec()))
            }
            _ => (normal.clone(), v.clone()),
        };
        let (normal, v) = (&normal, &v);
        free_text_pairs(normal, v, &mut |field, orig, s| {
            assert_eq!(s.chars().count(), LONG_LEN, "{path}: {field}");
            let start: String = orig.chars().take(64).collect();
            assert!(s.starts_with(&start), "{path}: {field}");
            assert!(
                s.contains('é') && s.contains('漢') && s.contains('🦀'),
                "{path}: {field}"
            );
            count += 1;
        });
        // Ids and addresses are the normal ones.
        if path == "/api/peers" {
            for (a, b) in normal.as_array().unwrap().iter().zip(v.as_array().unwrap()) {
                assert_eq!(a["id"], b["id"]);
                assert_eq!(a["ip"], b["ip"]);
                assert_eq!(a["created_at"], b["created_at"]);
            }
        }
    }
    assert!(count > 100, "{count}");
    // The body is valid UTF-8 JSON.
    with_shapes(&m, &["long-strings"], || {
        let r = m.owner("GET", "/api/routes", None);
        assert!(std::str::from_utf8(&r.body).is_ok());
        let name = r.json()[0]["network_id"].as_str().unwrap().to_string();
        assert_eq!(name.chars().count(), LONG_LEN);
    });
}

#[test]
fn nulls_null_every_optional_or_nullable_field() {
    let m = Mock::start();
    let all = normal_and_shaped(&m, &["nulls"]);
    for (path, normal, shaped) in &all {
        let v = shaped.json();
        let mut expected = BTreeSet::new();
        optional_present(response_schema(path), normal, "$", &mut expected);
        expected.retain(|p| !p.ends_with(".id"));
        let mut nulls = BTreeSet::new();
        null_paths(&v, "$", &mut nulls);
        // Covered when it, or an array or object holding it, is null.
        let missed: Vec<&String> = expected
            .iter()
            .filter(|p| {
                !nulls.iter().any(|n| {
                    *p == n || p.starts_with(&format!("{n}.")) || p.starts_with(&format!("{n}["))
                })
            })
            .collect();
        assert!(missed.is_empty(), "{path}: not nulled: {missed:?}");
        // Every array and map is null, except the list itself and a policy's rules.
        visit(&v, &mut |k, x, _| {
            if x.is_array() {
                assert_eq!(k, "rules", "{path}: {k} is an array");
            }
            if ["meta", "modules", "authorized_groups"].contains(&k) {
                assert!(x.is_null(), "{path}: {k}");
            }
            if k == "id" || k == "name" {
                assert!(x.is_string(), "{path}: {k} is {x}");
            }
        });
    }
    with_shapes(&m, &["nulls"], || {
        let routes = m.get_ok("/api/routes");
        for r in routes.as_array().unwrap() {
            assert_eq!(r["groups"], Value::Null);
            assert_eq!(r["domains"], Value::Null);
            assert!(r["network_id"].is_string() && r["id"].is_string());
        }
        let g = m.get_ok("/api/groups");
        assert_eq!(g[0]["peers"], Value::Null);
        let p = m.get_ok("/api/policies");
        assert_eq!(p[0]["rules"][0]["sources"], Value::Null);
        assert_eq!(p[0]["rules"][0]["destinations"], Value::Null);
        assert_eq!(p[0]["source_posture_checks"], Value::Null);
        let u = m.get_ok("/api/users");
        assert_eq!(u[0]["auto_groups"], Value::Null);
        let ns = m.get_ok("/api/dns/nameservers");
        assert_eq!(ns[0]["nameservers"], Value::Null);
        let peers = m.get_ok("/api/peers");
        assert_eq!(peers[0]["groups"], Value::Null);
        assert_eq!(peers[0]["local_flags"], Value::Null);
        let me = m.get_ok("/api/users/current");
        assert_eq!(me["permissions"], Value::Null);
    });
}

#[test]
fn missing_leaves_out_exactly_the_optional_fields() {
    let m = Mock::start();
    let all = normal_and_shaped(&m, &["missing"]);
    let mut total = 0;
    for (path, normal, shaped) in &all {
        let v = shaped.json();
        let mut expected = BTreeSet::new();
        optional_present(response_schema(path), normal, "$", &mut expected);
        expected.retain(|p| !p.ends_with(".id"));
        let mut gone = BTreeSet::new();
        removed(normal, &v, "$", &mut gone);
        assert_eq!(gone, expected, "{path}");
        total += gone.len();
        // What is left still matches the spec.
        check_response("GET", path, shaped);
    }
    assert!(total > 50, "{total}");
    with_shapes(&m, &["missing"], || {
        let routes = m.get_ok("/api/routes");
        assert!(routes
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r.get("peer").is_none() && r.get("network").is_none()));
        let me = m.get_ok("/api/users/current");
        assert!(me.get("permissions").is_none() && me.get("is_current").is_none());
        let p = m.get_ok("/api/policies");
        assert!(p[0].get("id").is_some() && p[0]["rules"][0].get("id").is_some());
    });
}

#[test]
fn unknown_enums_and_future_fields() {
    let m = Mock::start();
    let all = normal_and_shaped(&m, &["unknown-enums"]);
    for (path, normal, shaped) in &all {
        let v = shaped.json();
        // Every object but the maps (meta, permission modules, authorized_groups) has the
        // unknown extra field.
        fn objects(v: &Value, path: &str, map: bool) {
            match v {
                Value::Object(m) => {
                    if !map {
                        assert_eq!(
                            m.get("x_future_field"),
                            Some(&json!({"nested": [1, 2]})),
                            "{path}"
                        );
                    }
                    for (k, x) in m {
                        if k != "x_future_field" {
                            let is_map = ["meta", "modules", "authorized_groups"]
                                .contains(&k.as_str())
                                || map;
                            objects(x, &format!("{path}.{k}"), is_map);
                        }
                    }
                }
                Value::Array(items) => items.iter().for_each(|x| objects(x, path, map)),
                _ => {}
            }
        }
        objects(&v, path, false);
        // Free text is unchanged (peer `os` stays the real string).
        free_text_pairs(normal, &v, &mut |field, orig, s| {
            assert_eq!(orig, s, "{path}: {field}");
        });
    }
    with_shapes(&m, &["unknown-enums"], || {
        let every = |path: &str, pick: &dyn Fn(&Value) -> Vec<Value>, want: &str| {
            let v = m.get_ok(path);
            let got = pick(&v);
            assert!(!got.is_empty(), "{path}");
            assert!(got.iter().all(|x| x == want), "{path}: {got:?}");
        };
        let field = |k: &'static str| {
            move |v: &Value| -> Vec<Value> {
                v.as_array().unwrap().iter().map(|o| o[k].clone()).collect()
            }
        };
        every("/api/routes", &field("network_type"), "Quantum");
        every("/api/users", &field("role"), "superhero");
        every("/api/users", &field("status"), "sleeping");
        every("/api/setup-keys", &field("type"), "eternal");
        every("/api/setup-keys", &field("state"), "dormant");
        every(
            "/api/events/audit",
            &field("activity_code"),
            "future.thing.happened",
        );
        let rules = |k: &'static str| {
            move |v: &Value| -> Vec<Value> {
                v.as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|p| p["rules"].as_array().unwrap().clone())
                    .map(|r| r[k].clone())
                    .collect()
            }
        };
        every("/api/policies", &rules("action"), "maybe");
        every("/api/policies", &rules("protocol"), "carrier-pigeon");
        let ns_types = |v: &Value| -> Vec<Value> {
            v.as_array()
                .unwrap()
                .iter()
                .flat_map(|g| g["nameservers"].as_array().unwrap().clone())
                .map(|n| n["ns_type"].clone())
                .collect()
        };
        every("/api/dns/nameservers", &ns_types, "doq");
        let g = m.get_ok("/api/groups");
        assert!(g
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|g| g.get("issued"))
            .all(|i| i == "martian"));
        let me = m.get_ok("/api/users/current");
        assert_eq!(me["role"], "superhero");
        let peers = m.get_ok("/api/peers");
        assert!(peers[0]["os"].as_str().unwrap().len() < 64);
        // A DELETE's `{}` gets the extra field too.
        let k = m.get_ok("/api/setup-keys")[0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let r = m.owner("DELETE", &format!("/api/setup-keys/{k}"), None);
        assert_eq!(r.json(), json!({"x_future_field": {"nested": [1, 2]}}));
    });
}

#[test]
fn shapes_change_only_the_written_json() {
    let m = Mock::start();
    let eng = m.group_id("engineering");
    let peer = m.peer_id("web-prod-01");
    let body = json!({"network_id": "office-1", "description": "d", "enabled": true, "peer": peer,
        "network": "10.251.0.0/24", "metric": 10, "masquerade": true, "groups": [eng], "keep_route": false});
    let mut id = String::new();
    with_shapes(&m, &["hostile", "long-strings", "unknown-enums"], || {
        let r = m.owner("POST", "/api/routes", Some(&body));
        assert_eq!(r.status, 200, "{}", r.text());
        let v = r.json();
        id = v["id"].as_str().unwrap().to_string();
        let name = v["network_id"].as_str().unwrap();
        // hostile, then padded by long-strings.
        assert!(name.starts_with("office-1 "), "{name}");
        assert!(XSS_PAYLOADS.iter().any(|p| name.contains(p)), "{name}");
        assert_eq!(name.chars().count(), LONG_LEN);
        assert_eq!(v["network_type"], "Quantum");
        // Errors are not shaped.
        let r = m.owner("GET", "/api/routes/nope", None);
        assert_eq!(r.status, 404);
        assert_eq!(
            r.json(),
            json!({"message": "route: nope not found", "code": 404})
        );
        let r = m.ctl("GET", "/__mock/shape");
        assert_eq!(
            r.json(),
            json!(["hostile", "long-strings", "unknown-enums"])
        );
    });
    // Stored as sent.
    let r = m.contract("owner", "GET", &format!("/api/routes/{id}"), None);
    assert_eq!(r.json()["network_id"], "office-1");
    assert_eq!(r.json()["network_type"], "IPv4");
    assert_eq!(m.ctl("GET", "/__mock/shape").json(), json!([]));
    // Reset clears runtime modes too.
    m.shape("nulls");
    m.ctl("POST", "/__mock/reset");
    assert_eq!(m.ctl("GET", "/__mock/shape").json(), json!([]));
    let r = m.ctl("POST", "/__mock/shape?mode=weird");
    assert_eq!(r.status, 400);
    assert!(r.message().contains("unknown shape mode"));
}

#[test]
fn shapes_apply_to_a_truncated_answer() {
    let m = Mock::start();
    m.shape("long-strings");
    let full = m.owner("GET", "/api/routes", None);
    m.fault("kind=truncated&path=/api/routes");
    let bytes = m.owner_bytes("GET", "/api/routes", None).unwrap();
    let (_, headers, body) = split_response(&bytes);
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .unwrap()
        .1
        .parse()
        .unwrap();
    assert_eq!(len, full.body.len());
    assert_eq!(body.len(), len / 2);
}
