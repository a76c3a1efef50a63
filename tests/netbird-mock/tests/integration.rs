//! Integration tests against a mock started in-process on an ephemeral port.

mod common;

use common::*;
use netbird_mock::server::Config;
use serde_json::{json, Value};

fn route_body(network_id: &str, peer: &str, network: &str, groups: &[&str]) -> Value {
    json!({
        "network_id": network_id,
        "description": "test",
        "enabled": true,
        "peer": peer,
        "network": network,
        "metric": 9999,
        "masquerade": true,
        "groups": groups,
        "keep_route": false,
    })
}

// ---------------------------------------------------------------------------------------------
// Authentication (§0.3)

#[test]
fn auth_outcomes() {
    let m = Mock::start();
    let get = |auth: Option<&str>| {
        let h: Vec<(&str, &str)> = auth.map(|a| vec![("Authorization", a)]).unwrap_or_default();
        raw_request(m.addr, "GET", "/api/routes", &h, None)
    };
    let owner = m.token("owner");

    let r = get(None);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.json(),
        json!({"message": "no valid authentication provided", "code": 401})
    );
    assert_eq!(get(Some("Basic dXNlcjpwdw==")).status, 401);
    assert_eq!(
        get(Some("Basic dXNlcjpwdw==")).message(),
        "no valid authentication provided"
    );

    assert_eq!(get(Some(&format!("Token {owner}"))).status, 200);
    assert_eq!(get(Some(&format!("token {owner}"))).status, 200);
    assert_eq!(get(Some(&format!("TOKEN {owner}"))).status, 200);
    assert_eq!(get(Some(&format!("Bearer {owner}"))).status, 200);
    assert_eq!(get(Some(&format!("bearer {owner}"))).status, 200);

    for bad in [
        format!("Token  {owner}"),
        "Token nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM7".into(),
        "Token nbp_short".into(),
        "Token".into(),
        "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig".into(),
        format!("Bearer  {owner}"),
    ] {
        let r = get(Some(&bad));
        assert_eq!(r.status, 401, "{bad}");
        assert_eq!(r.message(), "token invalid", "{bad}");
    }

    // Well-formed but unknown → 404 with the (lowercased) base64 sha256.
    let t = "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6";
    let r = get(Some(&format!("Token {t}")));
    assert_eq!(r.status, 404);
    let hash = netbird_mock::pat::hash(t).to_lowercase();
    assert_eq!(r.message(), format!("invalid token: pat: {hash} not found"));

    // Expired.
    let expired = m
        .app
        .tokens
        .iter()
        .find(|t| t.expired)
        .unwrap()
        .token
        .clone();
    let r = get(Some(&format!("Token {expired}")));
    assert_eq!((r.status, r.message().as_str()), (401, "token invalid"));

    // Unauthenticated instance endpoint; version requires auth.
    let r = get_path(&m, "/api/instance", None);
    assert_eq!(
        (r.status, r.json()),
        (200, json!({"setup_required": false}))
    );
    assert_eq!(get_path(&m, "/api/instance/version", None).status, 401);
    let v = m.get_ok("/api/instance/version");
    assert!(v["management_current_version"].is_string());
}

fn get_path(m: &Mock, path: &str, auth: Option<&str>) -> Resp {
    let h: Vec<(&str, &str)> = auth.map(|a| vec![("Authorization", a)]).unwrap_or_default();
    raw_request(m.addr, "GET", path, &h, None)
}

#[test]
fn jwt_option_maps_bearer_to_user() {
    let m = Mock::with(Config {
        jwts: vec![
            ("opaque-jwt-1".into(), "carol@example.com".into()),
            ("opaque-jwt-2".into(), "nobody".into()),
        ],
        ..Config::default()
    });
    let r = get_path(&m, "/api/users/current", Some("Bearer opaque-jwt-1"));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["role"], "network_admin");
    let r = get_path(&m, "/api/users/current", Some("Bearer opaque-jwt-2"));
    assert_eq!((r.status, r.message().as_str()), (401, "token invalid"));
    // A JWT is not a PAT: `Token opaque-jwt-1` is a malformed PAT.
    assert_eq!(
        get_path(&m, "/api/users/current", Some("Token opaque-jwt-1")).status,
        401
    );
}

#[test]
fn blocked_user_gets_403() {
    let m = Mock::start();
    let erin = m.user_id("user");
    let r = m.owner(
        "PUT",
        &format!("/api/users/{erin}"),
        Some(&json!({"role": "user", "auto_groups": [], "is_blocked": true})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "blocked");
    let r = m.call("user", "GET", "/api/users/current", None);
    assert_eq!(r.status, 403);
    assert_eq!(
        r.message(),
        "failed to validate user permissions: user is blocked"
    );
}

#[test]
fn revoke_control_endpoint() {
    let m = Mock::start();
    let tok = m.token("admin");
    assert_eq!(m.call("admin", "GET", "/api/routes", None).status, 200);
    let r = raw_request(
        m.addr,
        "POST",
        &format!("/__mock/revoke?token={tok}"),
        &[],
        Some(b""),
    );
    assert_eq!(r.status, 200);
    let r = m.call("admin", "GET", "/api/routes", None);
    assert_eq!(r.status, 404);
    assert!(r.message().starts_with("invalid token: pat: "));
    // Reset brings the seeded token back.
    let r = raw_request(m.addr, "POST", "/__mock/reset", &[], Some(b""));
    assert_eq!(r.status, 200);
    assert_eq!(m.call("admin", "GET", "/api/routes", None).status, 200);
}

// ---------------------------------------------------------------------------------------------
// CORS (§0.4)

#[test]
fn cors_behaviour() {
    let m = Mock::start();
    // Preflight: 204 before auth, echoing the requested headers.
    let r = raw_request(
        m.addr,
        "OPTIONS",
        "/api/routes/abc",
        &[
            ("Origin", "http://console.test"),
            ("Access-Control-Request-Method", "PUT"),
            (
                "Access-Control-Request-Headers",
                "authorization, content-type",
            ),
        ],
        None,
    );
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(r.header("access-control-allow-methods"), Some("PUT"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("Authorization, Content-Type")
    );
    assert!(r.header("access-control-allow-credentials").is_none());
    assert!(r.header("access-control-max-age").is_none());
    assert!(r.header("access-control-expose-headers").is_none());

    // Errors on matched routes carry the header too.
    let r = raw_request(
        m.addr,
        "GET",
        "/api/routes",
        &[("Origin", "http://console.test")],
        None,
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert!(r.header("x-request-id").is_some());
    let r = m.owner("GET", "/api/routes/nope", None);
    assert_eq!(r.status, 404);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));

    // Unmatched path: Go's 404 text, no CORS; wrong method: 405, no CORS.
    for (method, path, status) in [
        ("GET", "/api/nope", 404),
        ("OPTIONS", "/api/nope", 404),
        ("GET", "/api/routes/a/b", 404),
        ("PATCH", "/api/routes", 405),
        ("POST", "/api/routes/x", 405),
        ("GET", "/api/users/x", 405),
    ] {
        let r = raw_request(
            m.addr,
            method,
            path,
            &[
                ("Origin", "http://console.test"),
                ("Access-Control-Request-Method", "GET"),
            ],
            None,
        );
        assert_eq!(r.status, status, "{method} {path}");
        assert!(
            r.header("access-control-allow-origin").is_none(),
            "{method} {path}"
        );
        if status == 404 {
            assert_eq!(r.text(), "404 page not found\n");
            assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Routes (§6)

#[test]
fn route_crud() {
    let m = Mock::start();
    let eng = m.group_id("engineering");
    let peer = m.peer_id("db-prod-01");
    let body = route_body("office-paris", &peer, "10.77.0.9/16", &[&eng]);
    let r = m.contract("owner", "POST", "/api/routes", Some(&body));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let id = v["id"].as_str().unwrap().to_string();
    assert_eq!(v["network"], "10.77.0.0/16");
    assert_eq!(v["network_type"], "IPv4");
    assert_eq!(v["domains"], Value::Null);
    assert_eq!(v["peer"], peer.as_str());
    assert!(v.get("peer_groups").is_none());
    assert!(v.get("access_control_groups").is_none());
    assert_eq!(v["skip_auto_apply"], false);

    let got = m.get_ok(&format!("/api/routes/{id}"));
    assert_eq!(got, v);

    // PUT replaces the whole object: missing fields become zero values.
    let upd = json!({"network_id": "office-paris", "domains": ["Bücher.example", "*.Example.org"],
        "peer_groups": [m.group_id("routers-eu")], "metric": 10, "groups": [eng]});
    // (Deliberately not spec-complete: the server fills in zero values.)
    let r = m.owner("PUT", &format!("/api/routes/{id}"), Some(&upd));
    assert_eq!(r.status, 200, "{}", r.text());
    check_response("PUT", "/api/routes/x", &r);
    let v = r.json();
    assert_eq!(v["network_type"], "Domain");
    assert_eq!(v["network"], "192.0.2.0/32");
    assert_eq!(v["domains"], json!(["bücher.example", "*.example.org"]));
    assert_eq!(v["peer"], "");
    assert_eq!(v["enabled"], false);
    assert_eq!(v["description"], "");
    assert_eq!(v["masquerade"], false);

    let r = m.contract("owner", "DELETE", &format!("/api/routes/{id}"), None);
    assert_eq!((r.status, r.json()), (200, json!({})));
    let r = m.owner("GET", &format!("/api/routes/{id}"), None);
    assert_eq!(
        (r.status, r.message()),
        (404, format!("route: {id} not found"))
    );
    let r = m.owner("DELETE", &format!("/api/routes/{id}"), None);
    assert_eq!(
        (r.status, r.message()),
        (
            404,
            format!("failed to delete route {id}: route: {id} not found")
        )
    );

    // Events: newest first, with the caller as initiator.
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["activity_code"], "route.delete");
    assert_eq!(ev[1]["activity_code"], "route.update");
    assert_eq!(ev[2]["activity_code"], "route.add");
    assert_eq!(ev[2]["target_id"], id.as_str());
    assert_eq!(ev[2]["initiator_email"], "alice@example.com");
    assert_eq!(ev[2]["initiator_id"], m.user_id("owner").as_str());
    assert_eq!(ev[2]["meta"]["name"], "office-paris");
    assert_eq!(ev[2]["activity"], "Route created");
    let legacy = m.get_ok("/api/events");
    assert_eq!(legacy, ev);
}

#[test]
fn route_validation_messages() {
    let m = Mock::start();
    let eng = m.group_id("engineering");
    let peer = m.peer_id("db-prod-02");
    let base = route_body("net", &peer, "10.200.0.0/24", &[&eng]);
    let with = |patch: Value| {
        let mut b = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                b.as_object_mut().unwrap().remove(k);
            } else {
                b[k] = v.clone();
            }
        }
        b
    };
    let forty_u = "ü".repeat(40);
    let forty_one = "a".repeat(41);
    let many: Vec<String> = (0..33).map(|i| format!("d{i}.example.com")).collect();
    let cases: Vec<(Value, u16, String)> = vec![
        (
            json!({"domains": ["a.com"]}),
            422,
            "only one of 'network' or 'domains' should be provided".into(),
        ),
        (
            json!({"network": null}),
            422,
            "either 'network' or 'domains' should be provided".into(),
        ),
        (
            json!({"peer": null}),
            422,
            "either 'peer' or 'peer_groups' should be provided".into(),
        ),
        (
            json!({"peer_groups": []}),
            422,
            "only one of 'peer' or 'peer_groups' should be provided".into(),
        ),
        (
            json!({"network_id": ""}),
            422,
            "identifier should be between 1 and 40 characters".into(),
        ),
        (
            json!({"network_id": forty_one}),
            422,
            "identifier should be between 1 and 40 characters".into(),
        ),
        (
            json!({"network": null, "domains": []}),
            422,
            "invalid domains: domains list is empty".into(),
        ),
        (
            json!({"network": null, "domains": many}),
            422,
            "invalid domains: domains list exceeds maximum allowed domains: 32".into(),
        ),
        (
            json!({"network": null, "domains": ["ok.com", "sub.*.example.com"]}),
            422,
            "invalid domains: invalid domain format: sub.*.example.com".into(),
        ),
        (
            json!({"network": null, "domains": ["Example.COM."]}),
            422,
            "invalid domains: invalid domain format: example.com.".into(),
        ),
        (
            json!({"network": "10.0.0.1"}),
            422,
            "invalid network 10.0.0.1".into(),
        ),
        (
            json!({"network": "fe80::1%eth0/64"}),
            422,
            "invalid network fe80::1%eth0/64".into(),
        ),
        (
            json!({"network": "Bogus/8"}),
            422,
            "invalid network bogus/8".into(),
        ),
        (json!({"network": ""}), 422, "invalid network ".into()),
        (
            json!({"metric": 0}),
            422,
            "metric should be between 1 and 9999".into(),
        ),
        (
            json!({"metric": 10000}),
            422,
            "metric should be between 1 and 9999".into(),
        ),
        (
            json!({"metric": null}),
            422,
            "metric should be between 1 and 9999".into(),
        ),
        (
            json!({"groups": []}),
            422,
            "the list of group ids should not be empty".into(),
        ),
        (
            json!({"groups": null}),
            422,
            "the list of group ids should not be empty".into(),
        ),
        (
            json!({"groups": [""]}),
            422,
            "group id should not be empty string".into(),
        ),
        (
            json!({"groups": ["NoSuchGroup"]}),
            422,
            "group id nosuchgroup not found".into(),
        ),
        (
            json!({"peer": null, "peer_groups": ["missing"]}),
            422,
            "group id missing not found".into(),
        ),
        (
            json!({"access_control_groups": [""]}),
            422,
            "group id should not be empty string".into(),
        ),
        (
            json!({"peer": "NoSuchPeer"}),
            422,
            "peer with id nosuchpeer not found".into(),
        ),
        (
            json!({"metric": 1.5}),
            400,
            "couldn't parse JSON request".into(),
        ),
        (
            json!({"metric": 5.0}),
            400,
            "couldn't parse JSON request".into(),
        ),
        (
            json!({"enabled": "yes"}),
            400,
            "couldn't parse JSON request".into(),
        ),
        (
            json!({"groups": "x"}),
            400,
            "couldn't parse JSON request".into(),
        ),
    ];
    for (patch, status, msg) in cases {
        let body = with(patch.clone());
        let r = m.owner("POST", "/api/routes", Some(&body));
        assert_eq!(r.status, status, "{patch}: {}", r.text());
        assert_eq!(r.message(), msg, "{patch}");
        check_response("POST", "/api/routes", &r);
    }
    // Order: the presence check comes before the metric.
    let r = m.owner(
        "POST",
        "/api/routes",
        Some(&with(json!({"network": null, "metric": 0}))),
    );
    assert_eq!(
        r.message(),
        "either 'network' or 'domains' should be provided"
    );
    // Unicode network ids count characters, not bytes.
    let r = m.owner(
        "POST",
        "/api/routes",
        Some(&with(json!({"network_id": forty_u}))),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    // Malformed JSON, and trailing data after the first value is ignored like Go's decoder.
    let r = m.call_raw("owner", "POST", "/api/routes", b"{\"network_id\": ");
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "couldn't parse JSON request")
    );
    let r = m.call_raw("owner", "POST", "/api/routes", b"");
    assert_eq!(r.status, 400);
    let r = m.call_raw("owner", "POST", "/api/routes", b"null");
    assert_eq!(
        r.message(),
        "either 'network' or 'domains' should be provided"
    );
    // Unknown fields are ignored.
    let r = m.owner(
        "POST",
        "/api/routes",
        Some(&with(
            json!({"network": "10.201.0.0/24", "bogus": 1, "id": "ignored"}),
        )),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_ne!(r.json()["id"], "ignored");
    // The server's gap: "peer": "" passes and creates a route with no routing peer.
    let r = m.owner(
        "POST",
        "/api/routes",
        Some(&with(json!({"peer": "", "network": "10.202.0.0/24"}))),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["peer"], "");
    // IPv6 masking; IPv4-mapped counts as IPv6.
    let r = m.owner(
        "POST",
        "/api/routes",
        Some(&with(json!({"network": "2001:db8:7::1/64"}))),
    );
    assert_eq!(
        (
            r.json()["network"].clone(),
            r.json()["network_type"].clone()
        ),
        (json!("2001:db8:7::/64"), json!("IPv6"))
    );
    let r = m.owner(
        "POST",
        "/api/routes",
        Some(&with(json!({"network": "::ffff:10.9.9.9/120"}))),
    );
    assert_eq!(r.json()["network_type"], "IPv6");
    assert_eq!(r.json()["network"], "::ffff:10.9.9.0/120");
}

#[test]
fn route_permissions_and_put_order() {
    let m = Mock::start();
    let eng = m.group_id("engineering");
    let peer = m.peer_id("db-prod-03");
    let body = route_body("x", &peer, "10.210.0.0/24", &[&eng]);
    // Auditor: reads fine, writes denied.
    assert_eq!(m.call("auditor", "GET", "/api/routes", None).status, 200);
    let r = m.call("auditor", "POST", "/api/routes", Some(&body));
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    // Handler validation runs before the permission check.
    let r = m.call("auditor", "POST", "/api/routes", Some(&json!({})));
    assert_eq!(r.status, 422);
    // Regular users can't even read routes; network admins can write.
    assert_eq!(m.call("user", "GET", "/api/routes", None).status, 403);
    assert_eq!(
        m.call("network_admin", "POST", "/api/routes", Some(&body))
            .status,
        200
    );
    // The service user (admin) reads and writes.
    assert_eq!(m.call("service", "GET", "/api/routes", None).status, 200);
    // PUT on a missing route → 404 before the body is read (even a malformed one).
    let r = m.call_raw("owner", "PUT", "/api/routes/missing", b"{not json");
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "route: missing not found")
    );
    let first = m.get_ok("/api/routes")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = m.call_raw(
        "owner",
        "PUT",
        &format!("/api/routes/{first}"),
        b"{not json",
    );
    assert_eq!(r.status, 400);
    let r = m.call("auditor", "DELETE", &format!("/api/routes/{first}"), None);
    assert_eq!(r.status, 403);
}

#[test]
fn route_duplicates() {
    let m = Mock::start();
    let eng = m.group_id("engineering");
    let gw1 = m.peer_id("gw-fra-1");
    let gw2 = m.peer_id("gw-fra-2");
    let routers_eu = m.group_id("routers-eu");
    // Seeded: office-berlin 192.168.10.0/24 via gw-fra-1 and gw-fra-2.
    let r = m.owner(
        "POST",
        "/api/routes",
        Some(&route_body("other", &gw1, "192.168.10.77/24", &[&eng])),
    );
    assert_eq!(r.status, 409);
    assert_eq!(
        r.message(),
        format!(
            "failed to add route with prefix 192.168.10.0/24 - peer {gw1} already has this route"
        )
    );
    // A peer group containing a peer that already serves the prefix.
    let mut b = route_body("other", "", "192.168.10.0/24", &[&eng]);
    b.as_object_mut().unwrap().remove("peer");
    b["peer_groups"] = json!([routers_eu]);
    let r = m.owner("POST", "/api/routes", Some(&b));
    assert_eq!(r.status, 409);
    assert_eq!(
        r.message(),
        "failed to add route with prefix 192.168.10.0/24 - peer gw-fra-1 from the group routers-eu already has this route"
    );
    // Seeded: aws-eu-central-1 10.10.0.0/16 via peer group routers-eu.
    b["network"] = json!("10.10.0.0/16");
    let r = m.owner("POST", "/api/routes", Some(&b));
    assert_eq!(
        (r.status, r.message()),
        (409, "failed to add route with prefix 10.10.0.0/16 - peer group routers-eu already has this route".to_string())
    );
    // A member of that peer group, directly.
    let r = m.owner(
        "POST",
        "/api/routes",
        Some(&route_body("x", &gw2, "10.10.0.0/16", &[&eng])),
    );
    assert_eq!(
        r.message(),
        format!("failed to add route with prefix 10.10.0.0/16 - peer {gw2} already has this route")
    );
    // Domain routes compare the ordered punycode list.
    let intranet = json!({"network_id": "x", "domains": ["intranet.example.com", "wiki.example.com"],
        "peer": gw1, "metric": 1, "groups": [eng]});
    let r = m.owner("POST", "/api/routes", Some(&intranet));
    assert_eq!(r.status, 409);
    assert_eq!(
        r.message(),
        format!("failed to add route with domains [intranet.example.com, wiki.example.com] - peer {gw1} already has this route")
    );
    let mut reordered = intranet.clone();
    reordered["domains"] = json!(["wiki.example.com", "intranet.example.com"]);
    assert_eq!(m.owner("POST", "/api/routes", Some(&reordered)).status, 200);
    let gw_ams = m.peer_id("gw-ams-1");
    let idn = json!({"network_id": "x", "domains": ["xn--bcher-kva.example"], "peer": gw_ams, "metric": 1, "groups": [eng]});
    let r = m.owner("POST", "/api/routes", Some(&idn));
    assert_eq!(
        r.message(),
        format!("failed to add route with domains [bücher.example] - peer {gw_ams} already has this route")
    );
    // network_id doesn't matter; the route being updated is excluded from the check.
    let routes = m.get_ok("/api/routes");
    let berlin = routes
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["network_id"] == "office-berlin" && r["peer"] == gw1.as_str())
        .unwrap();
    let id = berlin["id"].as_str().unwrap();
    let r = m.owner(
        "PUT",
        &format!("/api/routes/{id}"),
        Some(&route_body("renamed", &gw1, "192.168.10.0/24", &[&eng])),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

// ---------------------------------------------------------------------------------------------
// Groups (§3)

#[test]
fn groups_basics() {
    let m = Mock::start();
    let r = m.owner("GET", "/api/groups?name=nope", None);
    assert_eq!(r.status, 404);
    let v = m.get_ok("/api/groups?name=devops");
    assert_eq!(v.as_array().unwrap().len(), 1);
    let all = m.get_ok("/api/groups?name=All");
    assert_eq!(all[0]["peers_count"], 50);
    // Empty groups have null peers/resources.
    let c = m.get_ok("/api/groups?name=contractors");
    assert_eq!(c[0]["peers"], Value::Null);
    assert_eq!(c[0]["resources"], Value::Null);
    assert_eq!(c[0]["peers_count"], 0);

    let r = m.owner("POST", "/api/groups", Some(&json!({"name": "Devops"})));
    assert_eq!(r.status, 200);
    let r = m.owner("POST", "/api/groups", Some(&json!({"name": "Devops"})));
    assert_eq!(
        (r.status, r.message().as_str()),
        (409, "group with name devops already exists")
    );
    let r = m.owner("POST", "/api/groups", Some(&json!({"peers": []})));
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "group name shouldn't be empty")
    );

    let p1 = m.peer_id("laptop-alice");
    let r = m.contract(
        "owner",
        "POST",
        "/api/groups",
        Some(&json!({"name": "qa", "peers": [p1]})),
    );
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        r.json()["peers"],
        json!([{"id": p1, "name": "laptop-alice"}])
    );
    // PUT replaces membership: omitting peers empties the group.
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/groups/{id}"),
        Some(&json!({"name": "qa2"})),
    );
    assert_eq!(r.json()["peers"], Value::Null);
    assert_eq!(r.json()["name"], "qa2");
    // The All group can't be updated or deleted.
    let all_id = all[0]["id"].as_str().unwrap();
    let r = m.owner(
        "PUT",
        &format!("/api/groups/{all_id}"),
        Some(&json!({"name": "All"})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "updating group all is not allowed")
    );
    let r = m.owner("DELETE", &format!("/api/groups/{all_id}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "deleting group ALL is not allowed")
    );
    // Linked groups: raw (not lowercased) 400 messages.
    let eu = m.group_id("routers-eu");
    let r = m.owner("DELETE", &format!("/api/groups/{eu}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "group has been linked to route: aws-eu-central-1")
    );
    let iot = m.group_id("iot");
    let r = m.owner("DELETE", &format!("/api/groups/{iot}"), None);
    assert_eq!(
        r.message(),
        "group has been linked to disabled DNS management groups: iot"
    );
    let contractors = m.group_id("contractors");
    let r = m.owner("DELETE", &format!("/api/groups/{contractors}"), None);
    assert_eq!(
        r.message(),
        "group has been linked to policy: Block contractors from databases"
    );
    let r = m.owner("DELETE", "/api/groups/NoSuch", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "group: NoSuch not found")
    );
    let r = m.contract("owner", "DELETE", &format!("/api/groups/{id}"), None);
    assert_eq!(r.status, 200);
    assert_eq!(
        m.call(
            "auditor",
            "POST",
            "/api/groups",
            Some(&json!({"name": "z"}))
        )
        .status,
        403
    );
    let r = m.owner("GET", "/api/groups/nope", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "group: nope not found")
    );
}

// ---------------------------------------------------------------------------------------------
// Policies (§4)

#[test]
fn policies_basics() {
    let m = Mock::start();
    let eng = m.group_id("engineering");
    let srv = m.group_id("servers");
    let rule = |extra: Value| {
        let mut r = json!({"name": "r", "enabled": true, "action": "accept", "bidirectional": true,
            "protocol": "tcp", "ports": ["443"], "sources": [eng], "destinations": [srv]});
        for (k, v) in extra.as_object().unwrap() {
            if v.is_null() {
                r.as_object_mut().unwrap().remove(k);
            } else {
                r[k] = v.clone();
            }
        }
        json!({"name": "p", "enabled": true, "rules": [r]})
    };
    let res = json!({"id": "x", "type": "host"});
    let cases = vec![
        (
            json!({"sourceResource": res}),
            "specify either sources or  source resources, not both",
        ),
        (
            json!({"sources": null}),
            "specify either sources or source resources and destinations or destination resources",
        ),
        (json!({"action": "allow"}), "unknown action type"),
        (json!({"protocol": "sctp"}), "unknown protocol type: sctp"),
        (
            json!({"port_ranges": [{"start": 1, "end": 2}]}),
            "specify either individual ports or port ranges, not both",
        ),
        (
            json!({"ports": ["0"]}),
            "valid port value is in 1..65535 range",
        ),
        (
            json!({"ports": ["http"]}),
            "valid port value is in 1..65535 range",
        ),
        (
            json!({"ports": null, "port_ranges": [{"start": 0, "end": 2}]}),
            "valid port value is in 1..65535 range",
        ),
        (
            json!({"protocol": "icmp"}),
            "for all or icmp protocol ports is not allowed",
        ),
    ];
    for (patch, msg) in cases {
        let r = m.owner("POST", "/api/policies", Some(&rule(patch.clone())));
        assert_eq!((r.status, r.message().as_str()), (422, msg), "{patch}");
    }
    let r = m.owner(
        "POST",
        "/api/policies",
        Some(&json!({"name": "", "rules": []})),
    );
    assert_eq!(r.message(), "policy name shouldn't be empty");
    let r = m.owner(
        "POST",
        "/api/policies",
        Some(&json!({"name": "x", "rules": []})),
    );
    assert_eq!(r.message(), "policy rules shouldn't be empty");
    // "sources": [] counts as present.
    let r = m.owner("POST", "/api/policies", Some(&rule(json!({"sources": []}))));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["rules"][0]["sources"], Value::Null);

    let body = rule(json!({"destinations": [srv, "unknown-group"]}));
    let r = m.contract("owner", "POST", "/api/policies", Some(&body));
    let v = r.json();
    let id = v["id"].as_str().unwrap().to_string();
    assert_eq!(v["rules"][0]["id"], id.as_str());
    assert_eq!(v["rules"][0]["sources"][0]["name"], "engineering");
    assert_eq!(v["rules"][0]["destinations"].as_array().unwrap().len(), 1);
    let mut keep = rule(json!({}));
    keep["rules"][0]["id"] = json!(id);
    let r = m.contract("owner", "PUT", &format!("/api/policies/{id}"), Some(&keep));
    assert_eq!(r.json()["rules"][0]["id"], id.as_str());
    let mut bad = rule(json!({}));
    bad["rules"][0]["id"] = json!("bogus");
    let r = m.owner("PUT", &format!("/api/policies/{id}"), Some(&bad));
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "invalid rule id: bogus")
    );
    let r = m.owner("PUT", "/api/policies/nope", Some(&bad));
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "policy: nope not found")
    );
    assert_eq!(
        m.call("auditor", "DELETE", &format!("/api/policies/{id}"), None)
            .status,
        403
    );
    assert_eq!(
        m.owner("DELETE", &format!("/api/policies/{id}"), None)
            .status,
        200
    );
}

// ---------------------------------------------------------------------------------------------
// Setup keys (§9), DNS (§8)

#[test]
fn setup_keys_basics() {
    let m = Mock::start();
    let keys = m.get_ok("/api/setup-keys");
    let states: Vec<&str> = keys
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["state"].as_str().unwrap())
        .collect();
    for s in ["valid", "expired", "revoked", "overused"] {
        assert!(states.contains(&s), "{s} in {states:?}");
    }
    for k in keys.as_array().unwrap() {
        let key = k["key"].as_str().unwrap();
        assert_eq!(key.len(), 9);
        assert!(key.ends_with("****"));
        assert_eq!(k["valid"], k["state"] == "valid");
    }
    let never = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "edge-gateways")
        .unwrap();
    assert_eq!(never["expires"], "0001-01-01T00:00:00Z");

    let dev = m.group_id("devops");
    let body = json!({"name": "ci", "type": "one-off", "expires_in": 86400, "auto_groups": [dev], "usage_limit": 0});
    let r = m.contract("owner", "POST", "/api/setup-keys", Some(&body));
    let v = r.json();
    let key = v["key"].as_str().unwrap();
    assert_eq!(key.len(), 36);
    assert_eq!(key, key.to_uppercase());
    assert_eq!(v["usage_limit"], 1);
    assert_eq!(v["state"], "valid");
    let id = v["id"].as_str().unwrap().to_string();
    let got = m.get_ok(&format!("/api/setup-keys/{id}"));
    assert_eq!(got["key"], format!("{}****", &key[..5]));

    for (b, msg) in [
        (
            json!({"name": "", "type": "reusable"}),
            "setup key name shouldn't be empty".to_string(),
        ),
        (
            json!({"name": "a", "type": "multi"}),
            "unknown setup key type multi".into(),
        ),
        (
            json!({"name": "a", "type": "reusable", "expires_in": -1}),
            "expiresin can not be in the past".into(),
        ),
        (
            json!({"name": "a", "type": "reusable", "auto_groups": ["zz"]}),
            "invalid auto groups: group not found: zz".into(),
        ),
        (
            json!({"name": "a", "type": "reusable", "auto_groups": [m.group_id("All")]}),
            "invalid auto groups: can't add 'all' group to the setup key".into(),
        ),
    ] {
        let r = m.owner("POST", "/api/setup-keys", Some(&b));
        assert_eq!((r.status, r.message()), (422, msg));
    }
    let r = m.owner(
        "PUT",
        &format!("/api/setup-keys/{id}"),
        Some(&json!({"revoked": true})),
    );
    assert_eq!(r.message(), "setup key autogroups field is invalid");
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/setup-keys/{id}"),
        Some(&json!({"revoked": true, "auto_groups": []})),
    );
    assert_eq!(r.json()["state"], "revoked");
    let r = m.owner(
        "PUT",
        &format!("/api/setup-keys/{id}"),
        Some(&json!({"revoked": false, "auto_groups": []})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "can't un-revoke a revoked setup key")
    );
    let r = m.owner("GET", "/api/setup-keys/nope", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "setup key: nope not found")
    );
    assert_eq!(
        m.owner("DELETE", &format!("/api/setup-keys/{id}"), None)
            .status,
        200
    );
}

#[test]
fn dns_basics() {
    let m = Mock::start();
    let all = m.group_id("All");
    let ok = json!({"name": "Quad9", "description": "", "nameservers": [{"ip": "9.9.9.9", "ns_type": "udp", "port": 53}],
        "enabled": true, "groups": [all], "primary": false, "domains": ["example.io"], "search_domains_enabled": true});
    let r = m.contract("owner", "POST", "/api/dns/nameservers", Some(&ok));
    let id = r.json()["id"].as_str().unwrap().to_string();
    let with = |k: &str, v: Value| {
        let mut b = ok.clone();
        b["name"] = json!("Other");
        b[k] = v;
        b
    };
    let cases = vec![
        (with("name", json!("Quad9")), "nameserver group with name quad9 already exist".to_string()),
        (with("name", json!("")), "nameserver group name should be between 1 and 40".into()),
        (with("nameservers", json!([])), "the list of nameservers should be 1 or 3, got 0".into()),
        (with("nameservers", json!([{"ip": "dns.google", "ns_type": "udp", "port": 53}])), "invalid ns servers format".into()),
        (with("nameservers", json!([{"ip": "1.1.1.1", "ns_type": "tcp", "port": 53}])), "invalid ns servers format".into()),
        (with("domains", json!([])), "nameserver group primary status is false and domains are empty, it should be primary or have at least one domain".into()),
        (with("primary", json!(true)), "nameserver group primary status is true and domains are not empty, you should set either primary or domain".into()),
        (with("domains", json!(["*.example.io"])), "nameserver group got an invalid domain: *.example.io \"wildcards not allowed\"".into()),
        (with("groups", json!([])), "the list of group ids should not be empty".into()),
    ];
    for (b, msg) in cases {
        let r = m.owner("POST", "/api/dns/nameservers", Some(&b));
        assert_eq!((r.status, r.message()), (422, msg));
    }
    let mut prim = ok.clone();
    prim["name"] = json!("P");
    prim["primary"] = json!(true);
    prim["domains"] = json!([]);
    let r = m.owner("POST", "/api/dns/nameservers", Some(&prim));
    assert_eq!(r.message(), "nameserver group primary status is true and search domains is enabled, you should not set search domains for primary nameservers");
    prim["search_domains_enabled"] = json!(false);
    let r = m.contract("owner", "POST", "/api/dns/nameservers", Some(&prim));
    assert_eq!(r.json()["domains"], Value::Null);
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/dns/nameservers/{id}"),
        Some(&ok),
    );
    assert_eq!(r.status, 200);
    let r = m.owner("GET", "/api/dns/nameservers/nope", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "nameserver group: nope not found")
    );

    let v = m.get_ok("/api/dns/settings");
    assert!(v.is_object());
    let r = m.owner(
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": ["nope"]})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "group id nope not found")
    );
    let r = m.contract(
        "owner",
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": []})),
    );
    assert_eq!(r.json(), json!({"disabled_management_groups": []}));
}

// ---------------------------------------------------------------------------------------------
// Users, PATs, permissions (§1, §0.8)

#[test]
fn users_and_permissions() {
    let m = Mock::start();
    let r = m.call("service", "GET", "/api/users/current", None);
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    let users = m.call("service", "GET", "/api/users", None).json();
    let me: Vec<&Value> = users
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["is_current"] == true)
        .collect();
    assert_eq!(me.len(), 1);
    assert_eq!(me[0]["is_service_user"], true);
    assert_eq!(me[0]["role"], "admin");
    let svc = m.get_ok("/api/users?service_user=true");
    assert!(svc
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["is_service_user"] == true));
    assert_eq!(
        m.owner("GET", "/api/users?service_user=maybe", None).status,
        422
    );

    let modules = netbird_mock::state::MODULES;
    for role in ["owner", "admin", "network_admin", "auditor", "user"] {
        let v = m.call(role, "GET", "/api/users/current", None).json();
        let mods = v["permissions"]["modules"].as_object().unwrap();
        for k in modules {
            assert!(mods.contains_key(*k), "{role} lacks {k}");
        }
        assert_eq!(v["role"], role);
    }
    let na = m
        .call("network_admin", "GET", "/api/users/current", None)
        .json();
    assert_eq!(na["permissions"]["modules"]["routes"]["delete"], true);
    assert_eq!(
        na["permissions"]["modules"]["peers"],
        json!({"create": false, "read": true, "update": false, "delete": false})
    );
    let user = m.call("user", "GET", "/api/users/current", None).json();
    assert_eq!(user["permissions"]["is_restricted"], true);
    let ba = m
        .call("billing_admin", "GET", "/api/users/current", None)
        .json();
    assert_eq!(ba["permissions"]["modules"], json!({}));
    // A regular user sees only itself in the user list, and no peers when restricted.
    let list = m.call("user", "GET", "/api/users", None).json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(m.call("user", "GET", "/api/peers", None).json(), json!([]));
    // Auditor writes are denied everywhere.
    assert_eq!(
        m.call(
            "auditor",
            "POST",
            "/api/setup-keys",
            Some(&json!({"name": "a", "type": "reusable"}))
        )
        .status,
        403
    );
    assert_eq!(
        m.call(
            "auditor",
            "PUT",
            "/api/dns/settings",
            Some(&json!({"disabled_management_groups": []}))
        )
        .status,
        403
    );

    // PATs: self, or owner/admin for a service user.
    let owner_id = m.user_id("owner");
    let erin = m.user_id("user");
    let svc_id = me[0]["id"].as_str().unwrap().to_string();
    let r = m.contract(
        "user",
        "POST",
        &format!("/api/users/{erin}/tokens"),
        Some(&json!({"name": "cli", "expires_in": 30})),
    );
    let v = r.json();
    let plain = v["plain_token"].as_str().unwrap().to_string();
    assert!(netbird_mock::pat::is_well_formed(&plain));
    assert_eq!(
        m.call_tok(&plain, "GET", "/api/users/current", None).status,
        200
    );
    let tid = v["personal_access_token"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(v["personal_access_token"].get("last_used").is_none());
    let r = m.call(
        "admin",
        "POST",
        &format!("/api/users/{erin}/tokens"),
        Some(&json!({"name": "x", "expires_in": 3})),
    );
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    assert_eq!(
        m.call(
            "admin",
            "POST",
            &format!("/api/users/{svc_id}/tokens"),
            Some(&json!({"name": "x", "expires_in": 3}))
        )
        .status,
        200
    );
    assert_eq!(
        m.call(
            "network_admin",
            "POST",
            &format!("/api/users/{svc_id}/tokens"),
            Some(&json!({"name": "x", "expires_in": 3}))
        )
        .status,
        403
    );
    for (b, msg) in [
        (
            json!({"name": "", "expires_in": 3}),
            "token name can't be empty",
        ),
        (
            json!({"name": "a", "expires_in": 0}),
            "expiration has to be between 1 and 365",
        ),
        (
            json!({"name": "a", "expires_in": 366}),
            "expiration has to be between 1 and 365",
        ),
    ] {
        let r = m.call(
            "user",
            "POST",
            &format!("/api/users/{erin}/tokens"),
            Some(&b),
        );
        assert_eq!((r.status, r.message().as_str()), (422, msg));
    }
    m.contract("user", "GET", &format!("/api/users/{erin}/tokens"), None);
    m.contract(
        "user",
        "GET",
        &format!("/api/users/{erin}/tokens/{tid}"),
        None,
    );
    m.contract(
        "user",
        "DELETE",
        &format!("/api/users/{erin}/tokens/{tid}"),
        None,
    );
    let r = m.call_tok(&plain, "GET", "/api/users/current", None);
    assert_eq!(r.status, 404);

    // Users: create service user, update rules, delete rules.
    let r = m.contract(
        "owner",
        "POST",
        "/api/users",
        Some(&json!({"name": "bot", "role": "user", "auto_groups": [], "is_service_user": true})),
    );
    let bot = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["is_service_user"], true);
    let r = m.owner(
        "POST",
        "/api/users",
        Some(&json!({"name": "bot", "role": "owner", "auto_groups": [], "is_service_user": true})),
    );
    assert_eq!(r.message(), "can't create a service user with owner role");
    let r = m.owner(
        "POST",
        "/api/users",
        Some(&json!({"name": "x", "role": "captain", "auto_groups": [], "is_service_user": true})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "unknown user role captain")
    );
    let r = m.owner(
        "PUT",
        &format!("/api/users/{bot}"),
        Some(&json!({"role": "admin", "is_blocked": false})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "auto_groups field can't be absent")
    );
    let r = m.owner(
        "PUT",
        &format!("/api/users/{bot}"),
        Some(&json!({"role": "chief", "auto_groups": []})),
    );
    assert_eq!((r.status, r.message().as_str()), (422, "invalid user role"));
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/users/{bot}"),
        Some(&json!({"role": "ADMIN", "auto_groups": [], "is_blocked": false})),
    );
    assert_eq!(r.json()["role"], "admin");
    let r = m.owner("DELETE", &format!("/api/users/{owner_id}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "self deletion is not allowed")
    );
    let r = m.call("admin", "DELETE", &format!("/api/users/{owner_id}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (403, "can't delete a user with the owner role")
    );
    m.contract("owner", "DELETE", &format!("/api/users/{bot}"), None);
}

// ---------------------------------------------------------------------------------------------
// Peers (§2), accounts (§11)

#[test]
fn peers_basics() {
    let m = Mock::start();
    let all = m.get_ok("/api/peers");
    assert_eq!(all.as_array().unwrap().len(), 50);
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["accessible_peers_count"] == 0));
    let gw = m.get_ok("/api/peers?name=gw-");
    assert!(gw.as_array().unwrap().len() >= 5);
    assert!(gw
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["name"].as_str().unwrap().contains("gw-")));
    let ip = all[0]["ip"].as_str().unwrap();
    let by_ip = m.get_ok(&format!("/api/peers?ip={ip}"));
    assert!(by_ip.as_array().unwrap().iter().any(|p| p["ip"] == ip));
    let id = all[0]["id"].as_str().unwrap().to_string();
    let one = m.get_ok(&format!("/api/peers/{id}"));
    assert!(one.get("accessible_peers_count").is_none());
    assert!(one["dns_label"]
        .as_str()
        .unwrap()
        .ends_with(".netbird.cloud"));
    let r = m.contract("owner", "PUT", &format!("/api/peers/{id}"),
        Some(&json!({"name": "Gateway Frankfurt", "ssh_enabled": true, "login_expiration_enabled": false, "inactivity_expiration_enabled": false})));
    assert_eq!(r.json()["dns_label"], "gateway-frankfurt.netbird.cloud");
    let r = m.owner(
        "PUT",
        &format!("/api/peers/{id}"),
        Some(&json!({"name": "x", "ip": "not-an-ip"})),
    );
    assert_eq!(r.status, 422);
    assert!(r.message().starts_with("invalid ip address not-an-ip"));
    assert_eq!(
        m.call(
            "network_admin",
            "PUT",
            &format!("/api/peers/{id}"),
            Some(&json!({"name": "y"}))
        )
        .status,
        403
    );
    m.contract(
        "owner",
        "GET",
        &format!("/api/peers/{id}/accessible-peers"),
        None,
    );
    m.contract("owner", "DELETE", &format!("/api/peers/{id}"), None);
    let r = m.owner("GET", &format!("/api/peers/{id}"), None);
    assert_eq!(
        (r.status, r.message()),
        (404, format!("peer: {id} not found"))
    );
    assert_eq!(m.get_ok("/api/groups?name=All")[0]["peers_count"], 49);
}

#[test]
fn accounts_basics() {
    let m = Mock::start();
    let accts = m.get_ok("/api/accounts");
    assert_eq!(accts.as_array().unwrap().len(), 1);
    let acct = &accts[0];
    let id = acct["id"].as_str().unwrap();
    let mut body = json!({"settings": acct["settings"].clone()});
    body["settings"]["peer_login_expiration"] = json!(3600);
    let r = m.contract("owner", "PUT", &format!("/api/accounts/{id}"), Some(&body));
    assert_eq!(r.json()["settings"]["peer_login_expiration"], 3600);
    let r = m.owner("PUT", "/api/accounts/someone-else", Some(&body));
    assert_eq!(r.status, 403);
    body["settings"]["peer_login_expiration"] = json!(60);
    let r = m.owner("PUT", &format!("/api/accounts/{id}"), Some(&body));
    assert_eq!(r.status, 422);
    assert_eq!(
        m.call(
            "auditor",
            "PUT",
            &format!("/api/accounts/{id}"),
            Some(&body)
        )
        .status,
        403
    );
    assert_eq!(
        m.call("admin", "PUT", &format!("/api/accounts/{id}"), Some(&body))
            .status,
        422
    );
    // Full replacement: omitted optional settings drop to zero values.
    let r = m.owner(
        "PUT",
        &format!("/api/accounts/{id}"),
        Some(&json!({"settings": {"peer_login_expiration": 7200}})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let s = &r.json()["settings"];
    assert_eq!(s["groups_propagation_enabled"], false);
    assert!(s.get("extra").is_none());
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["target_id"], id);
}

// ---------------------------------------------------------------------------------------------
// Contract: every implemented endpoint's 200 response validates against the corrected spec.

#[test]
fn contract_every_endpoint() {
    let m = Mock::start();
    let get = |p: &str| {
        let r = m.contract("owner", "GET", p, None);
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        r.json()
    };
    let first = |p: &str| get(p)[0]["id"].as_str().unwrap().to_string();
    let instance = raw_request(m.addr, "GET", "/api/instance", &[], None);
    check_response("GET", "/api/instance", &instance);
    COVERED
        .lock()
        .unwrap()
        .insert(("GET".into(), "/api/instance".into()));
    get("/api/instance/version");
    let acct = get("/api/accounts");
    get("/api/users");
    get("/api/users/current");
    let peers = get("/api/peers");
    get(&format!("/api/peers/{}", peers[0]["id"].as_str().unwrap()));
    let groups = get("/api/groups");
    for g in groups.as_array().unwrap() {
        get(&format!("/api/groups/{}", g["id"].as_str().unwrap()));
    }
    let routes = get("/api/routes");
    for r in routes.as_array().unwrap() {
        get(&format!("/api/routes/{}", r["id"].as_str().unwrap()));
    }
    get(&format!("/api/policies/{}", first("/api/policies")));
    get(&format!(
        "/api/dns/nameservers/{}",
        first("/api/dns/nameservers")
    ));
    get("/api/dns/settings");
    get(&format!("/api/setup-keys/{}", first("/api/setup-keys")));
    get("/api/events/audit");
    get("/api/events");
    let owner = m.user_id("owner");
    let pat = first(&format!("/api/users/{owner}/tokens"));
    get(&format!("/api/users/{owner}/tokens/{pat}"));

    // Writes with spec-valid bodies.
    let eng = m.group_id("engineering");
    let peer = m.peer_id("web-prod-01");
    let route = json!({"description": "d", "network_id": "c", "enabled": true, "peer": peer,
        "network": "10.250.0.0/24", "metric": 10, "masquerade": true, "groups": [eng], "keep_route": false});
    let rid = m
        .contract("owner", "POST", "/api/routes", Some(&route))
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    m.contract("owner", "PUT", &format!("/api/routes/{rid}"), Some(&route));
    m.contract("owner", "DELETE", &format!("/api/routes/{rid}"), None);
    let gid = m
        .contract("owner", "POST", "/api/groups", Some(&json!({"name": "c"})))
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    m.contract(
        "owner",
        "PUT",
        &format!("/api/groups/{gid}"),
        Some(&json!({"name": "c2", "peers": [peer]})),
    );
    m.contract("owner", "DELETE", &format!("/api/groups/{gid}"), None);
    let pol = json!({"name": "c", "enabled": true, "rules": [{"name": "r", "enabled": true, "action": "accept",
        "bidirectional": false, "protocol": "udp", "port_ranges": [{"start": 1000, "end": 2000}],
        "sources": [eng], "destinations": [eng]}]});
    let pid = m
        .contract("owner", "POST", "/api/policies", Some(&pol))
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    m.contract("owner", "PUT", &format!("/api/policies/{pid}"), Some(&pol));
    m.contract("owner", "DELETE", &format!("/api/policies/{pid}"), None);
    let ns = json!({"name": "c", "description": "", "nameservers": [{"ip": "9.9.9.9", "ns_type": "udp", "port": 53}],
        "enabled": true, "groups": [eng], "primary": true, "domains": [], "search_domains_enabled": false});
    let nid = m
        .contract("owner", "POST", "/api/dns/nameservers", Some(&ns))
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    m.contract(
        "owner",
        "PUT",
        &format!("/api/dns/nameservers/{nid}"),
        Some(&ns),
    );
    m.contract(
        "owner",
        "DELETE",
        &format!("/api/dns/nameservers/{nid}"),
        None,
    );
    m.contract(
        "owner",
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": [eng]})),
    );
    let kid = m
        .contract(
            "owner",
            "POST",
            "/api/setup-keys",
            Some(&json!({"name": "c", "type": "reusable",
        "expires_in": 86400, "auto_groups": [], "usage_limit": 0})),
        )
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    m.contract(
        "owner",
        "PUT",
        &format!("/api/setup-keys/{kid}"),
        Some(&json!({"revoked": false, "auto_groups": [eng]})),
    );
    m.contract("owner", "DELETE", &format!("/api/setup-keys/{kid}"), None);
    let uid = m
        .contract(
            "owner",
            "POST",
            "/api/users",
            Some(&json!({"email": "zed@example.com", "name": "Zed",
        "role": "user", "auto_groups": [], "is_service_user": false})),
        )
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    m.contract(
        "owner",
        "PUT",
        &format!("/api/users/{uid}"),
        Some(&json!({"role": "auditor", "auto_groups": [eng], "is_blocked": false})),
    );
    let tok = m.contract(
        "owner",
        "POST",
        &format!("/api/users/{owner}/tokens"),
        Some(&json!({"name": "c", "expires_in": 1})),
    );
    let tid = tok.json()["personal_access_token"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    m.contract(
        "owner",
        "DELETE",
        &format!("/api/users/{owner}/tokens/{tid}"),
        None,
    );
    m.contract("owner", "DELETE", &format!("/api/users/{uid}"), None);
    let aid = acct[0]["id"].as_str().unwrap();
    m.contract(
        "owner",
        "PUT",
        &format!("/api/accounts/{aid}"),
        Some(&json!({"settings": acct[0]["settings"].clone()})),
    );
    let p = peers[1]["id"].as_str().unwrap();
    m.contract(
        "owner",
        "PUT",
        &format!("/api/peers/{p}"),
        Some(&json!({"name": "c", "ssh_enabled": false,
        "login_expiration_enabled": false, "inactivity_expiration_enabled": false})),
    );
    m.contract(
        "owner",
        "GET",
        &format!("/api/peers/{p}/accessible-peers"),
        None,
    );
    m.contract("owner", "DELETE", &format!("/api/peers/{p}"), None);

    // Error shapes.
    for (method, path) in [
        ("GET", "/api/routes/nope"),
        ("POST", "/api/routes"),
        ("DELETE", "/api/groups/nope"),
    ] {
        let r = m.owner(method, path, Some(&json!({})));
        assert_ne!(r.status, 200);
        check_response(method, path, &r);
    }

    // Every endpoint the mock implements got a validated 200.
    let covered = COVERED.lock().unwrap().clone();
    for (method, pattern) in netbird_mock::server::endpoints() {
        let pat: Vec<&str> = pattern.split('/').collect();
        let hit = covered.iter().any(|(m2, p)| {
            let ps: Vec<&str> = p.split('/').collect();
            m2 == method
                && ps.len() == pat.len()
                && pat.iter().zip(&ps).all(|(a, b)| *a == "{}" || a == b)
                && !(pattern == "/api/users/{}" && p.ends_with("/current"))
        });
        assert!(
            hit,
            "{method} {pattern} was not exercised by the contract test"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Fault injection, scale, static files, CLI

#[test]
fn fault_injection() {
    let m = Mock::with(Config {
        fail_rate: 1.0,
        ..Config::default()
    });
    let r = m.owner("GET", "/api/routes", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (500, "internal server error")
    );
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let m = Mock::with(Config {
        rate_limit: 2,
        ..Config::default()
    });
    assert_eq!(m.owner("GET", "/api/routes", None).status, 200);
    assert_eq!(m.owner("GET", "/api/routes", None).status, 200);
    let r = m.owner("GET", "/api/routes", None);
    assert_eq!((r.status, r.message().as_str()), (429, "too many requests"));
    assert_eq!(m.call("admin", "GET", "/api/routes", None).status, 200);
}

#[test]
fn scale_10k_peers_1k_routes() {
    let m = Mock::with(Config {
        peers: 10_000,
        routes: Some(1000),
        ..Config::default()
    });
    let t = std::time::Instant::now();
    let peers = m.get_ok("/api/peers");
    let el = t.elapsed();
    assert_eq!(peers.as_array().unwrap().len(), 10_000);
    let ips: std::collections::HashSet<&str> = peers
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ip"].as_str().unwrap())
        .collect();
    assert_eq!(ips.len(), 10_000);
    eprintln!("GET /api/peers with 10k peers: {el:?} (incl. HTTP and client JSON parse)");
    assert!(el.as_millis() < 2000, "{el:?}");
    assert_eq!(m.get_ok("/api/routes").as_array().unwrap().len(), 1000);
    let all = m.get_ok("/api/groups?name=All");
    assert_eq!(all[0]["peers_count"], 10_000);
}

#[test]
fn static_files() {
    let dir = std::env::temp_dir().join(format!("nbm-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<html>console</html>").unwrap();
    std::fs::write(dir.join("assets/app.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("assets/app.wasm.br"), b"BR").unwrap();
    std::fs::write(dir.join("assets/app.js"), "js").unwrap();
    std::fs::write(dir.join("assets/app.js.gz"), "GZ").unwrap();
    let m = Mock::with(Config {
        serve_dir: Some(dir.clone()),
        ..Config::default()
    });
    let get = |p: &str, ae: &str| raw_request(m.addr, "GET", p, &[("Accept-Encoding", ae)], None);
    let r = get("/", "");
    assert_eq!((r.status, r.text().as_str()), (200, "<html>console</html>"));
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let r = get("/routes/abc", "gzip");
    assert_eq!(r.text(), "<html>console</html>");
    let r = get("/assets/app.wasm", "");
    assert_eq!(
        (r.header("content-type"), r.body.as_slice()),
        (Some("application/wasm"), b"\0asm".as_slice())
    );
    let r = get("/assets/app.wasm", "gzip, deflate, br");
    assert_eq!(
        (r.header("content-encoding"), r.body.as_slice()),
        (Some("br"), b"BR".as_slice())
    );
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    let r = get("/assets/app.js", "gzip");
    assert_eq!(
        (r.header("content-encoding"), r.text().as_str()),
        (Some("gzip"), "GZ")
    );
    let r = get("/assets/app.js", "br;q=0, gzip;q=0");
    assert_eq!(
        (r.header("content-encoding"), r.text().as_str()),
        (None, "js")
    );
    assert_eq!(get("/../etc/passwd", "").text(), "<html>console</html>");
    // /api never falls back.
    let r = get("/api/unknown", "");
    assert_eq!((r.status, r.text().as_str()), (404, "404 page not found\n"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cli_prints_url_and_tokens() {
    use std::io::BufRead;
    let exe = env!("CARGO_BIN_EXE_netbird-mock");
    let admin = "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6";
    let mut child = std::process::Command::new(exe)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--peers",
            "5",
            "--seed",
            "7",
            "--admin-token",
            admin,
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .strip_prefix("netbird-mock listening on http://")
        .expect(&first)
        .to_string();
    let mut toks = vec![];
    for _ in 0..8 {
        toks.push(lines.next().unwrap().unwrap());
    }
    assert_eq!(toks[0], format!("token owner alice@example.com {admin}"));
    assert!(toks
        .iter()
        .any(|l| l.starts_with("token admin terraform nbp_")));
    for role in ["admin", "network_admin", "auditor", "user", "billing_admin"] {
        assert!(
            toks.iter()
                .any(|l| l.starts_with(&format!("token {role} "))),
            "{role}"
        );
    }
    let addr: std::net::SocketAddr = url.parse().unwrap();
    let r = raw_request(
        addr,
        "GET",
        "/api/peers",
        &[("Authorization", &format!("Token {admin}"))],
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json().as_array().unwrap().len(), 5);
    child.kill().ok();
    child.wait().ok();

    let out = std::process::Command::new(exe)
        .args(["--admin-token", "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM7"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid NetBird PAT"));
}
