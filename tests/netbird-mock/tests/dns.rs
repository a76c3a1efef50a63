//! DNS nameserver groups and settings over real HTTP, against a mock started in-process on an
//! ephemeral port.

mod common;

use common::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// DNS

#[test]
fn dns_basics() {
    let m = Mock::start();
    let all = m.group_id("All");
    let ok = json!({"name": "Quad9", "description": "", "nameservers": [{"ip": "9.9.9.9", "ns_type": "udp", "port": 53}],
        "enabled": true, "groups": [all], "primary": false, "domains": ["example.io"], "search_domains_enabled": true});
    let r = m.contract("owner", "POST", "/api/dns/nameservers", Some(&ok));
    let id = r.json()["id"].as_str().unwrap().to_string();
    let with = |k: &str, v: Value| {
        let mut b = ok.clone();
        b["name"] = json!("Other");
        b[k] = v;
        b
    };
    let cases = vec![
        (with("name", json!("Quad9")), "nameserver group with name quad9 already exist".to_string()),
        (with("name", json!("")), "nameserver group name should be between 1 and 40".into()),
        (with("nameservers", json!([])), "the list of nameservers should be 1 or 3, got 0".into()),
        (with("nameservers", json!([{"ip": "dns.google", "ns_type": "udp", "port": 53}])), "invalid ns servers format".into()),
        (with("nameservers", json!([{"ip": "1.1.1.1", "ns_type": "tcp", "port": 53}])), "invalid ns servers format".into()),
        (with("domains", json!([])), "nameserver group primary status is false and domains are empty, it should be primary or have at least one domain".into()),
        (with("primary", json!(true)), "nameserver group primary status is true and domains are not empty, you should set either primary or domain".into()),
        (with("domains", json!(["*.example.io"])), "nameserver group got an invalid domain: *.example.io \"wildcards not allowed\"".into()),
        (with("groups", json!([])), "the list of group ids should not be empty".into()),
    ];
    for (b, msg) in cases {
        let r = m.owner("POST", "/api/dns/nameservers", Some(&b));
        assert_eq!((r.status, r.message()), (422, msg));
    }
    let mut prim = ok.clone();
    prim["name"] = json!("P");
    prim["primary"] = json!(true);
    prim["domains"] = json!([]);
    let r = m.owner("POST", "/api/dns/nameservers", Some(&prim));
    assert_eq!(r.message(), "nameserver group primary status is true and search domains is enabled, you should not set search domains for primary nameservers");
    prim["search_domains_enabled"] = json!(false);
    let r = m.contract("owner", "POST", "/api/dns/nameservers", Some(&prim));
    assert_eq!(r.json()["domains"], Value::Null);
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/dns/nameservers/{id}"),
        Some(&ok),
    );
    assert_eq!(r.status, 200);
    let r = m.owner("GET", "/api/dns/nameservers/nope", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "nameserver group: nope not found")
    );

    let v = m.get_ok("/api/dns/settings");
    assert!(v.is_object());
    let r = m.owner(
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": ["nope"]})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "group id nope not found")
    );
    let r = m.contract(
        "owner",
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": []})),
    );
    assert_eq!(r.json(), json!({"disabled_management_groups": []}));
}

fn ns_body(all: &str) -> Value {
    json!({"name": "Extra", "description": "", "nameservers": [{"ip": "9.9.9.9", "ns_type": "udp", "port": 53}],
        "enabled": true, "groups": [all], "primary": false, "domains": ["example.io"], "search_domains_enabled": false})
}

#[test]
fn nameserver_group_rules() {
    let m = Mock::start();
    let all = m.group_id("All");
    let ok = ns_body(&all);
    let with = |patch: Value| {
        let mut b = ok.clone();
        for (k, v) in patch.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    let ns = |ip: &str, t: &str, port: i64| json!([{"ip": ip, "ns_type": t, "port": port}]);
    let cases: Vec<(Value, String)> = vec![
        (with(json!({"name": "é".repeat(41)})), "nameserver group name should be between 1 and 40".into()),
        (with(json!({"name": "Google DNS"})), "nameserver group with name google dns already exist".into()),
        (with(json!({"nameservers": [ns("1.1.1.1", "udp", 53)[0], ns("1.0.0.1", "udp", 53)[0], ns("8.8.8.8", "udp", 53)[0], ns("8.8.4.4", "udp", 53)[0]]})),
            "the list of nameservers should be 1 or 3, got 4".into()),
        (with(json!({"nameservers": ns("[1.1.1.1", "udp", 53)})), "invalid ns servers format".into()),
        (with(json!({"nameservers": ns("1.1.1.1", "udp", -1)})), "invalid ns servers format".into()),
        (with(json!({"nameservers": ns("1.1.1.1", "", 53)})), "invalid ns servers format".into()),
        (with(json!({"groups": ["nope"]})), "group id nope not found".into()),
        (with(json!({"groups": [""]})), "group id should not be empty string".into()),
        (with(json!({"domains": ["a..b"]})),
            "nameserver group got an invalid domain: a..b \"invalid domain name: invalid domain format: a..b\"".into()),
        (with(json!({"domains": ["sub.*.example.com"]})),
            "nameserver group got an invalid domain: sub.*.example.com \"invalid domain name: invalid domain format: sub.*.example.com\"".into()),
        // The order of validateNameServerGroup: domains before the count, the count before the name.
        (with(json!({"name": "", "nameservers": [], "domains": []})),
            "nameserver group primary status is false and domains are empty, it should be primary or have at least one domain".into()),
        (with(json!({"name": "", "nameservers": []})), "the list of nameservers should be 1 or 3, got 0".into()),
        (with(json!({"name": "", "groups": []})), "nameserver group name should be between 1 and 40".into()),
    ];
    for (b, msg) in cases {
        let r = m.owner("POST", "/api/dns/nameservers", Some(&b));
        assert_eq!((r.status, r.message()), (422, msg), "{b}");
    }
    // Accepted: 40 runes, a bracketed IPv6, `UDP`, ports the server does not range-check
    // (0 and 70000), a trailing dot (stored as sent).
    // (Not spec-valid: `UDP` and port 70000, so not through `contract`.)
    let r = m.owner(
        "POST",
        "/api/dns/nameservers",
        Some(&with(json!({"name": "é".repeat(40),
            "nameservers": [{"ip": "[2001:db8::53]", "ns_type": "UDP", "port": 0}, {"ip": "1.1.1.1", "ns_type": "udp", "port": 70000}],
            "domains": ["corp.example.", "xn--bcher-kva.example"]}))),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(
        v["nameservers"],
        json!([{"ip": "2001:db8::53", "ns_type": "udp", "port": 0}, {"ip": "1.1.1.1", "ns_type": "udp", "port": 70000}])
    );
    assert_eq!(
        v["domains"],
        json!(["corp.example.", "xn--bcher-kva.example"])
    );
    let id = v["id"].as_str().unwrap().to_string();
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["activity_code"], "nameserver.group.add");
    assert_eq!(ev[0]["target_id"], id.as_str());

    // PUT: the body and the nameserver list are read before the group is looked up.
    let r = m.owner(
        "PUT",
        "/api/dns/nameservers/nope",
        Some(&with(json!({"nameservers": ns("dns.google", "udp", 53)}))),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "invalid ns servers format")
    );
    let r = m.owner("PUT", "/api/dns/nameservers/nope", Some(&ok));
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "nameserver group: nope not found")
    );
    // PUT replaces the whole group; renaming to its own name is fine.
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/dns/nameservers/{id}"),
        Some(&with(
            json!({"name": "é".repeat(40), "primary": true, "domains": null}),
        )),
    );
    let v = r.json();
    assert_eq!(v["primary"], true);
    assert_eq!(v["domains"], Value::Null);
    assert_eq!(v["nameservers"][0]["ip"], "9.9.9.9");
    // Permissions: module nameservers.
    let r = m.call("auditor", "POST", "/api/dns/nameservers", Some(&ok));
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    assert_eq!(
        m.call(
            "network_admin",
            "DELETE",
            &format!("/api/dns/nameservers/{id}"),
            None
        )
        .status,
        200
    );
    assert_eq!(
        m.get_ok("/api/events/audit")[0]["activity_code"],
        "nameserver.group.delete"
    );
}

#[test]
fn dns_settings_rules() {
    let m = Mock::start();
    let r = m.owner(
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": [""]})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "group id should not be empty string")
    );
    let laptops = m.group_id("laptops");
    let r = m.contract(
        "owner",
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": [laptops]})),
    );
    assert_eq!(r.json(), json!({"disabled_management_groups": [laptops]}));
    let ev = m.get_ok("/api/events/audit");
    let codes: Vec<&str> = ev.as_array().unwrap()[..2]
        .iter()
        .map(|e| e["activity_code"].as_str().unwrap())
        .collect();
    // laptops added, the seeded iot removed.
    assert!(
        codes.contains(&"dns.setting.disabled.management.group.add"),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"dns.setting.disabled.management.group.delete"),
        "{codes:?}"
    );
    let r = m.call(
        "auditor",
        "PUT",
        "/api/dns/settings",
        Some(&json!({"disabled_management_groups": []})),
    );
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
}

#[test]
fn seeded_nameserver_groups() {
    let m = Mock::start();
    let list = m.get_ok("/api/dns/nameservers");
    let list = list.as_array().unwrap();
    assert!(list
        .iter()
        .any(|n| n["primary"] == true && n["enabled"] == true));
    assert!(list
        .iter()
        .any(|n| n["primary"] == false && n["search_domains_enabled"] == true));
    assert!(list.iter().any(|n| n["enabled"] == false));
    let k8s = list
        .iter()
        .find(|n| n["name"] == "Kubernetes cluster DNS")
        .unwrap();
    assert_eq!(
        k8s["domains"],
        json!(["cluster.local", "svc.cluster.local"])
    );
}
