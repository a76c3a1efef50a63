//! Peers over real HTTP, against a mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Peers

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
        (404, format!("peer not found: {id}"))
    );
    assert_eq!(m.get_ok("/api/groups?name=All")[0]["peers_count"], 49);
}

// ---------------------------------------------------------------------------------------------
// One test per rule of API-NOTES §2 and the server's peers_handler.go / peer.go

fn put(m: &Mock, id: &str, body: Value) -> Resp {
    m.owner("PUT", &format!("/api/peers/{id}"), Some(&body))
}

#[test]
fn peer_put_missing_fields_become_zero_values() {
    let m = Mock::start();
    let id = m.peer_id("laptop-alice");
    let before = m.get_ok(&format!("/api/peers/{id}"));
    assert_eq!(before["login_expiration_enabled"], true);
    let r = put(&m, &id, json!({"name": "laptop-alice"}));
    let v = r.json();
    for f in [
        "ssh_enabled",
        "login_expiration_enabled",
        "inactivity_expiration_enabled",
    ] {
        assert_eq!(v[f], false, "{f}");
    }
    // A missing name is an empty one: the server can't make a DNS label of it (a plain Go
    // error, so a 500).
    let r = put(&m, &id, json!({"ssh_enabled": true}));
    assert_eq!(
        (r.status, r.message().as_str()),
        (500, "internal server error")
    );
    // Expiration flags change only on peers added with an SSO login (with a user).
    let gw = m.peer_id("gw-fra-1");
    let r = put(
        &m,
        &gw,
        json!({"name": "gw-fra-1", "login_expiration_enabled": true}),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (412, "this peer hasn't been added with the sso login, therefore the login expiration can't be updated")
    );
}

#[test]
fn peer_put_ip_must_parse() {
    let m = Mock::start();
    let id = m.peer_id("db-prod-01");
    for (ip, why) in [
        ("not-an-ip", r#"parseaddr("not-an-ip"): unable to parse ip"#),
        (
            "100.64.0.300",
            r#"parseaddr("100.64.0.300"): ipv4 field has value >255"#,
        ),
        (
            "100.64.1",
            r#"parseaddr("100.64.1"): ipv4 address too short"#,
        ),
    ] {
        let r = put(&m, &id, json!({"name": "db-prod-01", "ip": ip}));
        assert_eq!(
            (r.status, r.message()),
            (422, format!("invalid ip address {ip}: {why}"))
        );
    }
}

#[test]
fn peer_put_ip_must_fit_the_network_and_be_free() {
    let m = Mock::start();
    let id = m.peer_id("db-prod-01");
    let other = m.get_ok(&format!("/api/peers/{}", m.peer_id("db-prod-02")));
    for (ip, msg) in [
        ("10.0.0.1".to_string(), "update peer ip transaction: ip 10.0.0.1 is not within the account network range 100.64.0.0/10".to_string()),
        ("2001:db8::1".into(), "update peer ip transaction: ip 2001:db8::1 is not within the account network range 100.64.0.0/10".into()),
        (other["ip"].as_str().unwrap().to_string(), format!("update peer ip transaction: ip {} is already assigned to peer {}", other["ip"].as_str().unwrap(), other["id"].as_str().unwrap())),
    ] {
        let r = put(&m, &id, json!({"name": "db-prod-01", "ip": ip}));
        assert_eq!((r.status, r.message()), (422, msg));
    }
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/peers/{id}"),
        Some(
            &json!({"name": "db-prod-01", "ip": "100.127.255.254", "ssh_enabled": false,
        "login_expiration_enabled": false, "inactivity_expiration_enabled": false}),
        ),
    );
    assert_eq!(r.json()["ip"], "100.127.255.254");
    let r = put(&m, "nope", json!({"name": "x", "ip": "100.64.9.9"}));
    assert_eq!(
        (r.status, r.message().as_str()),
        (
            404,
            "update peer ip transaction: get peer: peer not found: nope"
        )
    );
}

#[test]
fn peer_put_approval_required_false_approves() {
    let m = Mock::start();
    let pending: Vec<Value> = m
        .get_ok("/api/peers")
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["approval_required"] == true)
        .cloned()
        .collect();
    assert!(
        !pending.is_empty(),
        "the seed has a peer waiting for approval"
    );
    let p = &pending[0];
    let id = p["id"].as_str().unwrap();
    let r = put(
        &m,
        id,
        json!({"name": p["name"], "ssh_enabled": p["ssh_enabled"],
        "login_expiration_enabled": p["login_expiration_enabled"],
        "inactivity_expiration_enabled": p["inactivity_expiration_enabled"], "approval_required": false}),
    );
    assert_eq!(r.json()["approval_required"], false);
    assert_eq!(
        m.get_ok(&format!("/api/peers/{id}"))["approval_required"],
        false
    );
}

#[test]
fn peer_dns_label_is_an_fqdn_and_a_taken_label_gets_the_ip_octets() {
    let m = Mock::start();
    for p in m.get_ok("/api/peers").as_array().unwrap() {
        assert!(
            p["dns_label"].as_str().unwrap().ends_with(".netbird.cloud"),
            "{}",
            p["name"]
        );
    }
    let id = m.peer_id("gw-fra-2");
    let r = put(&m, &id, json!({"name": "Web Café.example"}));
    // The whole first label is punycoded (space and all), then cleaned and lowercased.
    assert_eq!(r.json()["dns_label"], "xn--web-caf-hya.netbird.cloud");
    // gw-fra-1 is taken: the server appends the last two octets of the peer's IP.
    let ip = r.json()["ip"].as_str().unwrap().to_string();
    let o: Vec<&str> = ip.split('.').collect();
    let r = put(&m, &id, json!({"name": "gw-fra-1"}));
    assert_eq!(
        r.json()["dns_label"],
        format!("gw-fra-1-{}-{}.netbird.cloud", o[2], o[3])
    );
}

#[test]
fn peer_list_accessible_peers_count_is_always_zero() {
    let m = Mock::start();
    let all = m.get_ok("/api/peers");
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["accessible_peers_count"] == 0));
    let one = m.get_ok(&format!("/api/peers/{}", m.peer_id("laptop-alice")));
    assert!(one.get("accessible_peers_count").is_none());
}

#[test]
fn peer_list_name_and_ip_are_substring_filters() {
    let m = Mock::start();
    let dbs = m.get_ok("/api/peers?name=db-prod");
    let names: Vec<&str> = dbs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["db-prod-01", "db-prod-02", "db-prod-03"]);
    let ip = m.get_ok(&format!("/api/peers/{}", m.peer_id("db-prod-02")))["ip"]
        .as_str()
        .unwrap()
        .to_string();
    let prefix = &ip[..ip.rfind('.').unwrap()];
    let by_ip = m.get_ok(&format!("/api/peers?ip={prefix}."));
    assert!(by_ip
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["ip"].as_str().unwrap().contains(prefix)));
    assert!(by_ip
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["ip"] == ip.as_str()));
    let both = m.get_ok(&format!("/api/peers?name=db-prod&ip={ip}"));
    assert_eq!(both.as_array().unwrap().len(), 1);
    assert_eq!(m.get_ok("/api/peers?name=no-such-peer"), json!([]));
}

#[test]
fn peer_accessible_peers_follow_the_policies() {
    let m = Mock::start();
    let alice = m.peer_id("laptop-alice");
    let r = m.contract(
        "owner",
        "GET",
        &format!("/api/peers/{alice}/accessible-peers"),
        None,
    );
    let names: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    // Engineering to servers; DevOps to databases; the default All ↔ All policy.
    assert!(names.contains(&"db-prod-01".to_string()));
    assert!(!names.contains(&"laptop-alice".to_string()));
    assert!(r.json()[0]["dns_label"]
        .as_str()
        .unwrap()
        .ends_with(".netbird.cloud"));
    let r = m.owner("GET", "/api/peers/nope/accessible-peers", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "peer not found: nope")
    );
}

/// As the server's network map: every enabled rule, drop ones too; a destination peer gets the
/// sources whatever the direction; a peer resource stands for its side; peers waiting for
/// approval are in nobody's list, and get an empty one.
#[test]
fn peer_accessible_peers_as_the_server_computes_them() {
    let m = Mock::start();
    for p in m.get_ok("/api/policies").as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        assert_eq!(
            m.owner("DELETE", &format!("/api/policies/{id}"), None)
                .status,
            200
        );
    }
    let (a, b, c) = (
        m.peer_id("laptop-alice"),
        m.peer_id("db-prod-01"),
        m.peer_id("gw-fra-1"),
    );
    let group = |name: &str, peer: &str| {
        let r = m.owner(
            "POST",
            "/api/groups",
            Some(&json!({"name": name, "peers": [peer]})),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["id"].as_str().unwrap().to_string()
    };
    let (src, dst) = (group("t-src", &a), group("t-dst", &b));
    let rule = |action: &str, extra: Value| {
        let mut r = json!({"name": "r", "enabled": true, "action": action, "bidirectional": false,
            "protocol": "all", "sources": [src]});
        r.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({"name": format!("t {action}"), "enabled": true, "rules": [r]})
    };
    let r = m.owner(
        "POST",
        "/api/policies",
        Some(&rule("drop", json!({"destinations": [dst]}))),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = m.owner(
        "POST",
        "/api/policies",
        Some(&rule(
            "accept",
            json!({"destinationResource": {"id": c, "type": "peer"}}),
        )),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let ids = |peer: &str| {
        let mut v: Vec<String> = m
            .get_ok(&format!("/api/peers/{peer}/accessible-peers"))
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let mut both = vec![b.clone(), c.clone()];
    both.sort();
    assert_eq!(ids(&a), both);
    assert_eq!(ids(&b), vec![a.clone()]);
    assert_eq!(ids(&c), vec![a.clone()]);
    let r = m.owner("PUT", &format!("/api/peers/{b}"), Some(&json!({"name": "db-prod-01",
        "ssh_enabled": false, "login_expiration_enabled": false, "inactivity_expiration_enabled": false,
        "approval_required": true})));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(ids(&a), vec![c.clone()]);
    assert!(ids(&b).is_empty());
}

#[test]
fn peer_delete_leaves_groups_drops_its_resource_policies_and_keeps_routes() {
    let m = Mock::start();
    let gw = m.peer_id("gw-fra-1");
    let r = m.owner("POST", "/api/policies", Some(&json!({"name": "To gw-fra-1", "enabled": true,
        "rules": [{"name": "r", "enabled": true, "action": "accept", "bidirectional": false, "protocol": "all",
        "sources": [m.group_id("devops")], "destinationResource": {"id": gw, "type": "peer"}}]})));
    assert_eq!(r.status, 200, "{}", r.text());
    let servers = m.get_ok("/api/groups?name=servers")[0]["peers_count"]
        .as_u64()
        .unwrap();
    assert_eq!(
        m.owner("DELETE", &format!("/api/peers/{gw}"), None).status,
        200
    );
    assert_eq!(
        m.get_ok("/api/groups?name=servers")[0]["peers_count"]
            .as_u64()
            .unwrap(),
        servers - 1
    );
    let eu = m.get_ok("/api/groups?name=routers-eu")[0]["peers"].clone();
    assert!(!eu
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == gw.as_str()));
    let pols = m.get_ok("/api/policies");
    assert!(!pols
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "To gw-fra-1"));
    // Routes it served still name it (the server leaves them alone).
    let routes = m.get_ok("/api/routes");
    assert!(routes
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["peer"] == gw.as_str()));
    let r = m.owner("DELETE", &format!("/api/peers/{gw}"), None);
    assert_eq!(
        (r.status, r.message()),
        (404, format!("peer {gw} account not found"))
    );
}

#[test]
fn peer_writes_are_403_for_an_auditor() {
    let m = Mock::start();
    let id = m.peer_id("laptop-alice");
    let r = m.call(
        "auditor",
        "PUT",
        &format!("/api/peers/{id}"),
        Some(&json!({"name": "x"})),
    );
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    let r = m.call("auditor", "DELETE", &format!("/api/peers/{id}"), None);
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    assert_eq!(
        m.call("auditor", "GET", &format!("/api/peers/{id}"), None)
            .status,
        200
    );
}
