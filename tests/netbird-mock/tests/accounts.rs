//! Accounts and their settings, with the audit events they write, over real HTTP, against a
//! mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::json;

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
