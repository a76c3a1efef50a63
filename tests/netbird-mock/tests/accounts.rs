//! Accounts and their settings, with the audit events they write, over real HTTP, against a
//! mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Accounts, events

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
    // ...except `extra`, which an omitted `extra` keeps.
    assert_eq!(s["extra"], acct["settings"]["extra"]);
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["target_id"], id);
}

/// The seeded account and a PUT body of its settings with `patch` applied.
fn account(m: &Mock) -> (String, Value) {
    let a = m.get_ok("/api/accounts")[0].clone();
    (a["id"].as_str().unwrap().to_string(), a["settings"].clone())
}

fn with(settings: &Value, patch: Value) -> Value {
    let mut s = settings.clone();
    for (k, v) in patch.as_object().unwrap() {
        s[k] = v.clone();
    }
    json!({"settings": s})
}

#[test]
fn settings_rules_with_the_servers_messages() {
    let m = Mock::start();
    let (id, s) = account(&m);
    let path = format!("/api/accounts/{id}");
    let cases: Vec<(Value, u16, &str)> = vec![
        (json!({"peer_login_expiration": 3599}), 422, "peer login expiration can't be smaller than one hour"),
        (json!({"peer_login_expiration": 15_552_001}), 422, "peer login expiration can't be larger than 180 days"),
        (json!({"dns_domain": "*.corp.example"}), 422, "invalid domain \"*.corp.example\" provided for dns domain"),
        (json!({"dns_domain": "bücher.example"}), 422, "invalid domain \"bücher.example\" provided for dns domain"),
        (json!({"dns_domain": "a..b"}), 422, "invalid domain \"a..b\" provided for dns domain"),
        (json!({"peer_expose_enabled": true, "peer_expose_groups": []}), 422, "peer expose requires at least one group"),
        (json!({"agent_network_only": true}), 422, "agent network only mode requires dashboard_features.agent_network to be enabled"),
        (json!({"ipv6_enabled_groups": ["nope"]}), 422, "ipv6 enabled group nope does not exist"),
        (json!({"auto_update_version": "banana"}), 500, "internal server error"),
        (json!({"auto_update_version": "1.2.3.4"}), 500, "internal server error"),
        (json!({"network_range": "10.0.0.0"}), 422, "invalid cidr format: netip.parseprefix(\"10.0.0.0\"): no '/'"),
        (json!({"network_range": "10.0.0.0/33"}), 422, "invalid cidr format: netip.parseprefix(\"10.0.0.0/33\"): prefix length out of range"),
        (json!({"network_range": "fd00::/64"}), 422, "network range must be an ipv4 address"),
        (json!({"network_range": "127.0.0.0/8"}), 422, "loopback address range not allowed"),
        (json!({"network_range": "224.0.0.0/4"}), 422, "multicast address range not allowed"),
        (json!({"network_range": "169.254.0.0/16"}), 422, "link-local address range not allowed"),
        (json!({"network_range": "10.0.0.0/29"}), 422, "network range too small: minimum size is /28 for ipv4"),
        // 50 peers need 75 addresses; a /28 has 14.
        (json!({"network_range": "10.0.0.0/28"}), 422, "network range too small: need at least 75 addresses for 50 peers + buffer, but range provides 14"),
        (json!({"network_range": "10.0.0.0/26"}), 422, "network range too small: need at least 75 addresses for 50 peers + buffer, but range provides 62"),
        (json!({"network_range_v6": "10.0.0.0/16"}), 422, "network range must be an ipv6 address"),
        (json!({"network_range_v6": "fd00::/40"}), 422, "network range too large: maximum size is /48 for ipv6"),
        (json!({"network_range_v6": "fd00::/124"}), 422, "network range too small: minimum size is /120 for ipv6"),
        (json!({"network_range_v6": "fe80::/64"}), 422, "link-local address range not allowed"),
    ];
    for (patch, status, msg) in cases {
        let r = m.owner("PUT", &path, Some(&with(&s, patch.clone())));
        assert_eq!((r.status, r.message().as_str()), (status, msg), "{patch}");
    }
    // The handler's own checks come before the permission check; the manager's after it.
    let r = m.call(
        "auditor",
        "PUT",
        &path,
        Some(&with(
            &s,
            json!({"peer_expose_enabled": true, "peer_expose_groups": null}),
        )),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "peer expose requires at least one group")
    );
    let r = m.call(
        "auditor",
        "PUT",
        &path,
        Some(&with(&s, json!({"peer_login_expiration": 1}))),
    );
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    let r = m.owner("PUT", "/api/accounts/other", Some(&with(&s, json!({}))));
    assert_eq!(
        (r.status, r.message().as_str()),
        (
            403,
            "failed to validate user permissions: user is not part of this account"
        )
    );

    // Accepted edges.
    let all = m.group_id("All");
    for patch in [
        json!({"peer_login_expiration": 3600}),
        json!({"peer_login_expiration": 15_552_000}),
        json!({"dns_domain": "corp.example"}),
        json!({"auto_update_version": "latest"}),
        json!({"auto_update_version": "v0.60"}),
        json!({"peer_expose_enabled": true, "peer_expose_groups": ["not-checked"]}),
        json!({"ipv6_enabled_groups": [all]}),
        json!({"agent_network_only": true, "dashboard_features": {"agent_network": true}}),
        json!({"network_range_v6": "fd00:1234::/64"}),
    ] {
        let r = m.owner("PUT", &path, Some(&with(&s, patch.clone())));
        assert_eq!(r.status, 200, "{patch}: {}", r.text());
    }
    // Host bits masked.
    let r = m.owner(
        "PUT",
        &path,
        Some(&with(&s, json!({"network_range": "10.1.2.3/16"}))),
    );
    assert_eq!(r.json()["settings"]["network_range"], "10.1.0.0/16");
}

#[test]
fn settings_put_replaces_everything_but_extra() {
    let m = Mock::start();
    let (id, s) = account(&m);
    let path = format!("/api/accounts/{id}");
    assert_eq!(s["groups_propagation_enabled"], true);
    assert_eq!(s["routing_peer_dns_resolution_enabled"], true);
    let r = m.owner(
        "PUT",
        &path,
        Some(&json!({"settings": {"peer_login_expiration": 86400, "peer_login_expiration_enabled": true}})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let n = &r.json()["settings"];
    assert_eq!(n["groups_propagation_enabled"], false);
    assert_eq!(n["routing_peer_dns_resolution_enabled"], false);
    assert_eq!(n["regular_users_view_blocked"], false);
    assert_eq!(n["auto_update_version"], "");
    assert_eq!(n["extra"], s["extra"]);
    // Turning things off writes their events.
    let ev = m.get_ok("/api/events/audit");
    let codes: Vec<&str> = ev.as_array().unwrap()[..6]
        .iter()
        .map(|e| e["activity_code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"account.setting.group.propagation.disable"),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"account.setting.routing.peer.dns.resolution.disable"),
        "{codes:?}"
    );
    // A given extra replaces the stored one.
    let r = m.owner(
        "PUT",
        &path,
        Some(&with(
            &n.clone(),
            json!({"extra": {"peer_approval_enabled": true}}),
        )),
    );
    assert_eq!(
        r.json()["settings"]["extra"],
        json!({"peer_approval_enabled": true, "user_approval_required": false,
            "network_traffic_logs_enabled": false, "network_traffic_logs_groups": [],
            "network_traffic_packet_counter_enabled": false})
    );
    // Peer expose on: its event, a code the spec's enum lacks.
    let eng = m.group_id("engineering");
    let r = m.owner(
        "PUT",
        &path,
        Some(&with(
            &n.clone(),
            json!({"peer_expose_enabled": true, "peer_expose_groups": [eng]}),
        )),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        m.get_ok("/api/events/audit")[0]["activity_code"],
        "account.setting.peer.expose.enable"
    );
}
