//! Routes over real HTTP, against a mock started in-process on an ephemeral port.

mod common;

use common::*;
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
// Routes

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
