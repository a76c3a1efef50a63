//! Groups over real HTTP, against a mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Groups

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
// One test per rule of API-NOTES §3 and the server's group.go / groups_handler.go

/// Through `owner`, not `contract`: the spec's `ResourceType` is `allOf` two disjoint enums, so
/// no group with resources passes it.
fn create_group(m: &Mock, body: Value) -> String {
    let r = m.owner("POST", "/api/groups", Some(&body));
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["id"].as_str().unwrap().to_string()
}

#[test]
fn group_name_is_required_on_create_and_update() {
    let m = Mock::start();
    for body in [
        json!({}),
        json!({"name": ""}),
        json!({"name": null, "peers": []}),
    ] {
        let r = m.owner("POST", "/api/groups", Some(&body));
        assert_eq!(
            (r.status, r.message().as_str()),
            (422, "group name shouldn't be empty")
        );
    }
    let id = m.group_id("finance");
    let r = m.owner(
        "PUT",
        &format!("/api/groups/{id}"),
        Some(&json!({"peers": []})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "group name shouldn't be empty")
    );
}

#[test]
fn group_duplicate_name_on_create_is_409_whoever_issued_the_other() {
    let m = Mock::start();
    // Exact, case-sensitive names: "Finance" is not "finance".
    create_group(&m, json!({"name": "Finance"}));
    for name in ["finance", "sso-admins", "okta-sales", "All"] {
        let r = m.owner("POST", "/api/groups", Some(&json!({ "name": name })));
        assert_eq!(
            (r.status, r.message()),
            (
                409,
                format!("group with name {} already exists", name.to_lowercase())
            )
        );
    }
    // A rename onto an existing name is not checked.
    let id = m.group_id("Finance");
    let r = m.owner(
        "PUT",
        &format!("/api/groups/{id}"),
        Some(&json!({"name": "finance"})),
    );
    assert_eq!(r.status, 200);
}

#[test]
fn group_put_replaces_membership_and_resources() {
    let m = Mock::start();
    let (a, b) = (m.peer_id("laptop-alice"), m.peer_id("laptop-bob"));
    let id = create_group(
        &m,
        json!({"name": "qa", "peers": [a, b], "resources": [{"id": "r1", "type": "host"}]}),
    );
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/groups/{id}"),
        Some(&json!({"name": "qa", "peers": [b]})),
    );
    let v = r.json();
    assert_eq!(v["peers"], json!([{"id": b, "name": "laptop-bob"}]));
    assert_eq!(
        (v["peers_count"].as_i64(), v["resources"].clone()),
        (Some(1), Value::Null)
    );
    assert_eq!(v["resources_count"], 0);
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/groups/{id}"),
        Some(&json!({"name": "qa"})),
    );
    assert_eq!(
        (r.json()["peers"].clone(), r.json()["peers_count"].as_i64()),
        (Value::Null, Some(0))
    );
    let got = m.get_ok(&format!("/api/groups/{id}"));
    assert_eq!(got["peers"], Value::Null);
}

#[test]
fn group_unknown_peer_ids_are_accepted_and_left_out_of_the_answer() {
    let m = Mock::start();
    let a = m.peer_id("laptop-alice");
    // The server stores membership rows without checking the peer; the answer lists only
    // the account's peers, so peers_count counts those.
    let r = m.contract(
        "owner",
        "POST",
        "/api/groups",
        Some(&json!({"name": "ghosts", "peers": [a, "no-such-peer", a]})),
    );
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["peers"], json!([{"id": a, "name": "laptop-alice"}]));
    assert_eq!(v["peers_count"], 1);
    let id = v["id"].as_str().unwrap();
    let r = m.owner(
        "PUT",
        &format!("/api/groups/{id}"),
        Some(&json!({"name": "ghosts", "peers": ["nope"]})),
    );
    assert_eq!((r.status, r.json()["peers"].clone()), (200, Value::Null));
}

#[test]
fn group_all_cannot_be_updated_or_deleted() {
    let m = Mock::start();
    let all = m.group_id("All");
    let r = m.owner(
        "PUT",
        &format!("/api/groups/{all}"),
        Some(&json!({"name": "Everyone"})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "updating group all is not allowed")
    );
    let r = m.owner("DELETE", &format!("/api/groups/{all}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "deleting group ALL is not allowed")
    );
}

#[test]
fn group_delete_in_use_reports_each_link_in_the_server_order() {
    let m = Mock::start();
    let x = create_group(
        &m,
        json!({"name": "linked", "resources": [{"id": "res-1", "type": "host"}]}),
    );
    let peer = m.peer_id("db-prod-01");
    let route = m.contract("owner", "POST", "/api/routes", Some(&json!({
        "network_id": "linked-net", "description": "", "enabled": true, "peer": peer,
        "network": "10.66.0.0/16", "metric": 9999, "masquerade": true, "groups": [x], "keep_route": false})));
    let route = route.json()["id"].as_str().unwrap().to_string();
    let ns = m.contract("owner", "POST", "/api/dns/nameservers", Some(&json!({
        "name": "Linked NS", "description": "", "nameservers": [{"ip": "9.9.9.9", "ns_type": "udp", "port": 53}],
        "enabled": true, "groups": [x], "primary": true, "domains": [], "search_domains_enabled": false})));
    let ns = ns.json()["id"].as_str().unwrap().to_string();
    let pol = m.contract("owner", "POST", "/api/policies", Some(&json!({"name": "Linked policy", "enabled": true,
        "rules": [{"name": "r", "enabled": true, "action": "accept", "bidirectional": true, "protocol": "all",
        "sources": [x], "destinations": [x]}]})));
    let pol = pol.json()["id"].as_str().unwrap().to_string();
    let key = m.contract(
        "owner",
        "POST",
        "/api/setup-keys",
        Some(&json!({"name": "linked-key", "type": "reusable",
        "expires_in": 86400, "auto_groups": [x], "usage_limit": 0})),
    );
    let key = key.json()["id"].as_str().unwrap().to_string();
    let erin = m.user_id("user");
    let r = m.owner(
        "PUT",
        &format!("/api/users/{erin}"),
        Some(&json!({"role": "user", "auto_groups": [x], "is_blocked": false})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = m.owner(
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": [x]})),
    );
    assert_eq!(r.status, 200);

    let delete = |want: &str| {
        let r = m.owner("DELETE", &format!("/api/groups/{x}"), None);
        assert_eq!((r.status, r.message().as_str()), (400, want));
    };
    delete("group has been linked to network resource: res-1");
    m.owner(
        "PUT",
        &format!("/api/groups/{x}"),
        Some(&json!({"name": "linked"})),
    );
    delete("group has been linked to route: linked-net");
    m.owner("DELETE", &format!("/api/routes/{route}"), None);
    delete("group has been linked to name server groups: Linked NS");
    m.owner("DELETE", &format!("/api/dns/nameservers/{ns}"), None);
    delete("group has been linked to policy: Linked policy");
    m.owner("DELETE", &format!("/api/policies/{pol}"), None);
    delete("group has been linked to setup key: linked-key");
    m.owner("DELETE", &format!("/api/setup-keys/{key}"), None);
    delete(&format!("group has been linked to user: {erin}"));
    m.owner(
        "PUT",
        &format!("/api/users/{erin}"),
        Some(&json!({"role": "user", "auto_groups": [], "is_blocked": false})),
    );
    delete("group has been linked to disabled DNS management groups: linked");
    m.owner(
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": []})),
    );
    assert_eq!(
        m.owner("DELETE", &format!("/api/groups/{x}"), None).status,
        200
    );
}

#[test]
fn group_issued_by_jwt_or_integration_can_be_renamed_and_keeps_its_issuer() {
    let m = Mock::start();
    for (name, issued) in [("sso-admins", "jwt"), ("okta-sales", "integration")] {
        let g = m.get_ok(&format!("/api/groups?name={name}"));
        assert_eq!(g[0]["issued"], issued);
        let id = g[0]["id"].as_str().unwrap();
        let r = m.contract(
            "owner",
            "PUT",
            &format!("/api/groups/{id}"),
            Some(&json!({"name": format!("{name}-renamed")})),
        );
        assert_eq!(
            (r.json()["issued"].as_str(), r.json()["name"].clone()),
            (Some(issued), json!(format!("{name}-renamed")))
        );
    }
    // Only an admin service user may delete an integration group (a raw 400 like every
    // group-delete error).
    let id = m.group_id("okta-sales-renamed");
    let r = m.owner("DELETE", &format!("/api/groups/{id}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (
            400,
            "only service users with admin power can delete integration group"
        )
    );
    let r = m.call_tok(
        &m.service_token(),
        "DELETE",
        &format!("/api/groups/{id}"),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn group_by_name_is_exact_and_a_one_element_array_or_404() {
    let m = Mock::start();
    let v = m.get_ok("/api/groups?name=devops");
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["name"], "devops");
    for name in ["DevOps", "devop", "nope"] {
        let r = m.owner("GET", &format!("/api/groups?name={name}"), None);
        assert_eq!(
            (r.status, r.message()),
            (404, format!("group: {} not found", name.to_lowercase()))
        );
    }
    // An empty name is no filter.
    assert!(m.get_ok("/api/groups?name=").as_array().unwrap().len() > 1);
}

#[test]
fn group_peers_null_when_empty_and_peers_count_matches() {
    let m = Mock::start();
    for g in m.get_ok("/api/groups").as_array().unwrap() {
        let n = g["peers_count"].as_u64().unwrap();
        if n == 0 {
            assert_eq!(g["peers"], Value::Null, "{}", g["name"]);
        } else {
            assert_eq!(
                g["peers"].as_array().unwrap().len() as u64,
                n,
                "{}",
                g["name"]
            );
        }
        assert_eq!(g["resources"].is_null(), g["resources_count"] == 0);
    }
    // Peers' group entries carry no `issued` (the server never fills it there).
    let p = m.get_ok(&format!("/api/peers/{}", m.peer_id("laptop-alice")));
    assert!(p["groups"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g.get("issued").is_none()));
}

#[test]
fn group_writes_are_403_for_an_auditor() {
    let m = Mock::start();
    let id = m.group_id("finance");
    for (method, path, body) in [
        (
            "POST",
            "/api/groups".to_string(),
            Some(json!({"name": "z"})),
        ),
        (
            "PUT",
            format!("/api/groups/{id}"),
            Some(json!({"name": "z"})),
        ),
        ("DELETE", format!("/api/groups/{id}"), None),
    ] {
        let r = m.call("auditor", method, &path, body.as_ref());
        assert_eq!(
            (r.status, r.message().as_str()),
            (403, "permission denied"),
            "{method}"
        );
    }
    assert_eq!(m.call("auditor", "GET", "/api/groups", None).status, 200);
}
