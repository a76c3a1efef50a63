//! Setup keys over real HTTP, against a mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Setup keys

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
