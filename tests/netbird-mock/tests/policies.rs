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

/// A one-rule policy body from `rule`'s keys (a `null` value removes the key).
fn policy(rule_patch: Value, srcs: &[String], dsts: &[String]) -> Value {
    let mut r = json!({"name": "r", "enabled": true, "action": "accept", "bidirectional": false,
        "protocol": "tcp", "sources": srcs, "destinations": dsts});
    for (k, v) in rule_patch.as_object().unwrap() {
        if v.is_null() {
            r.as_object_mut().unwrap().remove(k);
        } else {
            r[k] = v.clone();
        }
    }
    json!({"name": "p", "description": "", "enabled": true, "rules": [r]})
}

#[test]
fn rule_rules_by_key_presence() {
    let m = Mock::start();
    let eng = vec![m.group_id("engineering")];
    let srv = vec![m.group_id("servers")];
    let res = json!({"id": "r1", "type": "host"});
    let cases = vec![
        // Presence, not content: an empty resource object still counts.
        (
            json!({"sourceResource": {}}),
            "specify either sources or  source resources, not both",
        ),
        (
            json!({"destinationResource": res}),
            "specify either destinations or  destination resources, not both",
        ),
        (
            json!({"destinations": null}),
            "specify either sources or source resources and destinations or destination resources",
        ),
        (
            json!({"sources": null, "destinations": null}),
            "specify either sources or source resources and destinations or destination resources",
        ),
        (json!({"action": "Accept"}), "unknown action type"),
        (json!({"action": null}), "unknown action type"),
        (json!({"protocol": "SCTP"}), "unknown protocol type: sctp"),
        (
            json!({"ports": ["80"], "port_ranges": [{"start": 80, "end": 81}]}),
            "specify either individual ports or port ranges, not both",
        ),
        (
            json!({"ports": ["65536"]}),
            "valid port value is in 1..65535 range",
        ),
        (
            json!({"port_ranges": [{"start": 1, "end": 65536}]}),
            "valid port value is in 1..65535 range",
        ),
        (
            json!({"protocol": "all", "port_ranges": [{"start": 1, "end": 2}]}),
            "for all or icmp protocol ports is not allowed",
        ),
        (
            json!({"protocol": "netbird-ssh", "authorized_groups": {"someone-else": ["root"]}}),
            "authorized group for netbird-ssh protocol should be specified for each source group",
        ),
    ];
    for (patch, msg) in cases {
        let r = m.owner(
            "POST",
            "/api/policies",
            Some(&policy(patch.clone(), &eng, &srv)),
        );
        assert_eq!((r.status, r.message().as_str()), (422, msg), "{patch}");
    }
    // Accepted: a resource instead of destinations, `[]` sources, a reversed range (the
    // server checks only start >= 1 and end <= 65535), "+443" (strconv.Atoi takes a sign),
    // netbird-ssh with an empty authorized_groups map or one key per source group.
    let ok = vec![
        json!({"destinations": null, "destinationResource": res}),
        json!({"sources": []}),
        json!({"port_ranges": [{"start": 9000, "end": 8000}]}),
        json!({"ports": ["+443"]}),
        json!({"protocol": "netbird-ssh", "authorized_groups": {}}),
        json!({"protocol": "netbird-ssh", "authorized_groups": {(eng[0].clone()): ["root", "ubuntu"]}}),
    ];
    for patch in ok {
        let r = m.owner(
            "POST",
            "/api/policies",
            Some(&policy(patch.clone(), &eng, &srv)),
        );
        assert_eq!(r.status, 200, "{patch}: {}", r.text());
    }
    let r = m.owner(
        "POST",
        "/api/policies",
        Some(&policy(
            json!({"destinations": null, "destinationResource": res}),
            &eng,
            &srv,
        )),
    );
    let v = r.json();
    assert_eq!(v["rules"][0]["destinationResource"], res);
    assert_eq!(v["rules"][0]["destinations"], Value::Null);
}

#[test]
fn rule_ids_unknown_groups_and_unchanged_updates() {
    let m = Mock::start();
    let eng = vec![m.group_id("engineering")];
    let srv = vec![m.group_id("servers")];
    // A rule id on POST is ignored: the rule gets the policy's id.
    let r = m.owner(
        "POST",
        "/api/policies",
        Some(&policy(json!({"id": "mine"}), &eng, &srv)),
    );
    let v = r.json();
    let id = v["id"].as_str().unwrap().to_string();
    assert_eq!(v["rules"][0]["id"], id.as_str());
    // Unknown groups are dropped silently.
    let r = m.owner(
        "PUT",
        &format!("/api/policies/{id}"),
        Some(&policy(
            json!({"id": id}),
            &[eng[0].clone(), "ghost".into()],
            &["ghost".into()],
        )),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["rules"][0]["sources"].as_array().unwrap().len(), 1);
    assert_eq!(v["rules"][0]["destinations"], Value::Null);
    // The same body again changes nothing and writes no event.
    let before = m.get_ok("/api/events/audit")[0]["id"].clone();
    let again = policy(
        json!({"id": id}),
        &[eng[0].clone(), "ghost".into()],
        &["ghost".into()],
    );
    assert_eq!(
        m.owner("PUT", &format!("/api/policies/{id}"), Some(&again))
            .status,
        200
    );
    assert_eq!(m.get_ok("/api/events/audit")[0]["id"], before);
    // A real change does.
    let changed = policy(json!({"id": id, "ports": ["8443"]}), &eng, &srv);
    assert_eq!(
        m.owner("PUT", &format!("/api/policies/{id}"), Some(&changed))
            .status,
        200
    );
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["activity_code"], "policy.update");
    assert_eq!(ev[0]["target_id"], id.as_str());
}

#[test]
fn seeded_policies() {
    let m = Mock::start();
    let list = m.get_ok("/api/policies");
    let by = |n: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == n)
            .unwrap_or_else(|| panic!("{n}"))
            .clone()
    };
    assert_eq!(
        by("Dev servers 8000-8100")["rules"][0]["port_ranges"],
        json!([{"start": 8000, "end": 8100}])
    );
    assert_eq!(
        by("Kubernetes API")["rules"][0]["ports"],
        json!(["6443", "10250"])
    );
    let ssh = by("SSH for admins");
    assert_eq!(ssh["rules"][0]["protocol"], "netbird-ssh");
    assert_eq!(
        ssh["rules"][0]["authorized_groups"][m.group_id("devops")],
        json!(["root", "ubuntu"])
    );
    assert_eq!(
        by("Block contractors from databases")["rules"][0]["action"],
        "drop"
    );
    assert_eq!(by("Mobile to web")["enabled"], false);
    assert_eq!(
        by("Finance apps (compliant devices)")["source_posture_checks"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}
