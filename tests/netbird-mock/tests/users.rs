//! Users, PATs and permissions over real HTTP, against a mock started in-process on an
//! ephemeral port.

mod common;

use common::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Users, PATs, permissions

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

    // PATs: the `pats` permission, then self, or owner/admin for a service user.
    let owner_id = m.user_id("owner");
    let erin = m.user_id("user");
    let carol = m.user_id("network_admin");
    let svc_id = me[0]["id"].as_str().unwrap().to_string();
    // The `user` role has no `pats` permission, not even for itself.
    let r = m.call(
        "user",
        "POST",
        &format!("/api/users/{erin}/tokens"),
        Some(&json!({"name": "cli", "expires_in": 30})),
    );
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    let r = m.contract(
        "network_admin",
        "POST",
        &format!("/api/users/{carol}/tokens"),
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
        &format!("/api/users/{carol}/tokens"),
        Some(&json!({"name": "x", "expires_in": 3})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (403, "admin role required to perform this action")
    );
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
    let r = m.call(
        "network_admin",
        "POST",
        &format!("/api/users/{svc_id}/tokens"),
        Some(&json!({"name": "x", "expires_in": 3})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (403, "admin role required to perform this action")
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
    m.contract(
        "network_admin",
        "GET",
        &format!("/api/users/{carol}/tokens"),
        None,
    );
    m.contract(
        "network_admin",
        "GET",
        &format!("/api/users/{carol}/tokens/{tid}"),
        None,
    );
    m.contract(
        "network_admin",
        "DELETE",
        &format!("/api/users/{carol}/tokens/{tid}"),
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
