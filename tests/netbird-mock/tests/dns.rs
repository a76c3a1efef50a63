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
