//! Setup keys over real HTTP, against a mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::{json, Value};

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

// ---------------------------------------------------------------------------------------------
// One test per rule of API-NOTES §9 and the server's setupkey.go / setupkeys_handler.go

fn create_error(m: &Mock, body: Value) -> (u16, String) {
    let r = m.owner("POST", "/api/setup-keys", Some(&body));
    (r.status, r.message())
}

fn key_named(m: &Mock, name: &str) -> Value {
    m.get_ok("/api/setup-keys")
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == name)
        .unwrap_or_else(|| panic!("setup key {name}"))
        .clone()
}

#[test]
fn setup_key_name_is_required() {
    let m = Mock::start();
    for body in [
        json!({"type": "reusable"}),
        json!({"name": "", "type": "bogus"}),
    ] {
        assert_eq!(
            create_error(&m, body),
            (422, "setup key name shouldn't be empty".into())
        );
    }
}

#[test]
fn setup_key_type_is_reusable_or_one_off() {
    let m = Mock::start();
    for t in ["", "Reusable", "one_off"] {
        assert_eq!(
            create_error(&m, json!({"name": "k", "type": t})),
            (422, format!("unknown setup key type {}", t.to_lowercase()))
        );
    }
}

#[test]
fn setup_key_expires_in_negative_is_422_and_zero_never_expires() {
    let m = Mock::start();
    assert_eq!(
        create_error(
            &m,
            json!({"name": "k", "type": "reusable", "expires_in": -5})
        ),
        (422, "expiresin can not be in the past".into())
    );
    // `owner`, not `contract`: the spec's 86400 minimum is not the server's.
    let r = m.owner("POST", "/api/setup-keys", Some(&json!({"name": "forever", "type": "reusable", "expires_in": 0, "auto_groups": [], "usage_limit": 0})));
    assert_eq!(
        (r.json()["expires"].as_str(), r.json()["state"].as_str()),
        (Some("0001-01-01T00:00:00Z"), Some("valid"))
    );
}

#[test]
fn setup_key_auto_groups_must_exist_and_never_be_all() {
    let m = Mock::start();
    let dev = m.group_id("devops");
    let all = m.group_id("All");
    for (ag, msg) in [
        (
            json!([dev, "zz"]),
            "invalid auto groups: group not found: zz",
        ),
        (
            json!([all]),
            "invalid auto groups: can't add 'all' group to the setup key",
        ),
    ] {
        let body = json!({"name": "k", "type": "reusable", "expires_in": 86400, "auto_groups": ag});
        assert_eq!(create_error(&m, body), (422, msg.to_string()));
        let k = key_named(&m, "Default key");
        let r = m.owner(
            "PUT",
            &format!("/api/setup-keys/{}", k["id"].as_str().unwrap()),
            Some(&json!({"auto_groups": ag})),
        );
        assert_eq!((r.status, r.message()), (422, msg.to_string()));
    }
    // null is []
    let r = m.owner(
        "POST",
        "/api/setup-keys",
        Some(&json!({"name": "k", "type": "reusable", "auto_groups": null})),
    );
    assert_eq!(
        (r.status, r.json()["auto_groups"].clone()),
        (200, json!([]))
    );
}

#[test]
fn setup_key_one_off_takes_no_usage_limit_above_one_and_gets_limit_one() {
    let m = Mock::start();
    // Checked before the expiry.
    assert_eq!(
        create_error(&m, json!({"name": "k", "type": "one-off", "usage_limit": 5, "expires_in": -1})),
        (422, "usage_limit 5 is not valid for a one-off setup key, which can be used once; use type reusable for a key that can be used more than once".into())
    );
    for limit in [0, 1] {
        let r = m.contract("owner", "POST", "/api/setup-keys", Some(&json!({"name": "once", "type": "one-off", "expires_in": 86400, "auto_groups": [], "usage_limit": limit})));
        assert_eq!(r.json()["usage_limit"], 1);
    }
    let r = m.owner(
        "POST",
        "/api/setup-keys",
        Some(&json!({"name": "many", "type": "reusable", "usage_limit": 5})),
    );
    assert_eq!(r.json()["usage_limit"], 5);
}

#[test]
fn setup_key_put_needs_auto_groups() {
    let m = Mock::start();
    let id = key_named(&m, "Default key")["id"]
        .as_str()
        .unwrap()
        .to_string();
    for body in [
        json!({"revoked": false}),
        json!({"revoked": false, "auto_groups": null}),
    ] {
        let r = m.owner("PUT", &format!("/api/setup-keys/{id}"), Some(&body));
        assert_eq!(
            (r.status, r.message().as_str()),
            (422, "setup key autogroups field is invalid")
        );
    }
}

#[test]
fn setup_key_put_changes_only_auto_groups_and_revoked() {
    let m = Mock::start();
    let before = key_named(&m, "k8s-nodes");
    let id = before["id"].as_str().unwrap();
    let dev = m.group_id("devops");
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/setup-keys/{id}"),
        Some(&json!({
        "auto_groups": [dev], "revoked": false, "name": "renamed", "type": "one-off",
        "expires_in": 1, "usage_limit": 1, "ephemeral": false})),
    );
    let after = r.json();
    assert_eq!(after["auto_groups"], json!([dev]));
    for f in [
        "name",
        "type",
        "expires",
        "usage_limit",
        "ephemeral",
        "used_times",
        "key",
        "last_used",
    ] {
        assert_eq!(after[f], before[f], "{f}");
    }
}

#[test]
fn setup_key_cannot_be_un_revoked() {
    let m = Mock::start();
    let id = key_named(&m, "leaked-key")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = m.owner(
        "PUT",
        &format!("/api/setup-keys/{id}"),
        Some(&json!({"auto_groups": []})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "can't un-revoke a revoked setup key")
    );
    let r = m.owner(
        "PUT",
        &format!("/api/setup-keys/{id}"),
        Some(&json!({"auto_groups": [], "revoked": true})),
    );
    assert_eq!(r.status, 200);
}

#[test]
fn setup_key_state_precedence_is_expired_revoked_overused() {
    let m = Mock::start();
    for (name, state) in [
        ("old-leaked-ci", "expired"),      // expired and revoked
        ("demo-once", "expired"),          // one-off, expired
        ("leaked-key", "revoked"),         // revoked
        ("revoked-once", "revoked"),       // one-off, revoked
        ("ci-runners", "overused"),        // reusable, used up
        ("contractor-laptop", "overused"), // one-off, used once
        ("staging-nodes", "valid"),
        ("edge-gateways", "valid"),
    ] {
        let k = key_named(&m, name);
        assert_eq!(k["state"], state, "{name}");
        assert_eq!(k["valid"], state == "valid", "{name}");
    }
    // Revoking an overused key makes it revoked.
    let id = key_named(&m, "ci-runners")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = m.owner(
        "PUT",
        &format!("/api/setup-keys/{id}"),
        Some(&json!({"auto_groups": [], "revoked": true})),
    );
    assert_eq!(r.json()["state"], "revoked");
}

#[test]
fn setup_key_plain_key_only_in_the_post_answer() {
    let m = Mock::start();
    let r = m.contract("owner", "POST", "/api/setup-keys", Some(&json!({"name": "plain", "type": "reusable", "expires_in": 86400, "auto_groups": [], "usage_limit": 0})));
    let plain = r.json()["key"].as_str().unwrap().to_string();
    assert_eq!(plain.len(), 36);
    assert_eq!(plain, plain.to_uppercase());
    assert_eq!(plain.matches('-').count(), 4);
    let masked = format!("{}****", &plain[..5]);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let got = m.get_ok(&format!("/api/setup-keys/{id}"));
    let listed = key_named(&m, "plain");
    let put = m
        .owner(
            "PUT",
            &format!("/api/setup-keys/{id}"),
            Some(&json!({"auto_groups": []})),
        )
        .json();
    for v in [got, listed, put] {
        assert_eq!(v["key"], masked);
    }
    assert!(!m
        .owner("GET", "/api/setup-keys", None)
        .text()
        .contains(&plain));
}

#[test]
fn setup_key_writes_are_403_for_an_auditor() {
    let m = Mock::start();
    let id = key_named(&m, "Default key")["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (method, path, body) in [
        (
            "POST",
            "/api/setup-keys".to_string(),
            Some(json!({"name": "z", "type": "reusable"})),
        ),
        (
            "PUT",
            format!("/api/setup-keys/{id}"),
            Some(json!({"auto_groups": []})),
        ),
        ("DELETE", format!("/api/setup-keys/{id}"), None),
    ] {
        let r = m.call("auditor", method, &path, body.as_ref());
        assert_eq!(
            (r.status, r.message().as_str()),
            (403, "permission denied"),
            "{method}"
        );
    }
    assert_eq!(
        m.call("auditor", "GET", "/api/setup-keys", None).status,
        200
    );
}
