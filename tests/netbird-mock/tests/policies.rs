//! Policies over real HTTP, against a mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Policies

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
