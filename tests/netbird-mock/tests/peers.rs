//! Peers over real HTTP, against a mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::json;

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
