//! Groups over real HTTP, against a mock started in-process on an ephemeral port.

mod common;

use common::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Groups

#[test]
fn groups_basics() {
    let m = Mock::start();
    let r = m.owner("GET", "/api/groups?name=nope", None);
    assert_eq!(r.status, 404);
    let v = m.get_ok("/api/groups?name=devops");
    assert_eq!(v.as_array().unwrap().len(), 1);
    let all = m.get_ok("/api/groups?name=All");
    assert_eq!(all[0]["peers_count"], 50);
    // Empty groups have null peers/resources.
    let c = m.get_ok("/api/groups?name=contractors");
    assert_eq!(c[0]["peers"], Value::Null);
    assert_eq!(c[0]["resources"], Value::Null);
    assert_eq!(c[0]["peers_count"], 0);

    let r = m.owner("POST", "/api/groups", Some(&json!({"name": "Devops"})));
    assert_eq!(r.status, 200);
    let r = m.owner("POST", "/api/groups", Some(&json!({"name": "Devops"})));
    assert_eq!(
        (r.status, r.message().as_str()),
        (409, "group with name devops already exists")
    );
    let r = m.owner("POST", "/api/groups", Some(&json!({"peers": []})));
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "group name shouldn't be empty")
    );

    let p1 = m.peer_id("laptop-alice");
    let r = m.contract(
        "owner",
        "POST",
        "/api/groups",
        Some(&json!({"name": "qa", "peers": [p1]})),
    );
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        r.json()["peers"],
        json!([{"id": p1, "name": "laptop-alice"}])
    );
    // PUT replaces membership: omitting peers empties the group.
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/groups/{id}"),
        Some(&json!({"name": "qa2"})),
    );
    assert_eq!(r.json()["peers"], Value::Null);
    assert_eq!(r.json()["name"], "qa2");
    // The All group can't be updated or deleted.
    let all_id = all[0]["id"].as_str().unwrap();
    let r = m.owner(
        "PUT",
        &format!("/api/groups/{all_id}"),
        Some(&json!({"name": "All"})),
    );
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "updating group all is not allowed")
    );
    let r = m.owner("DELETE", &format!("/api/groups/{all_id}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "deleting group ALL is not allowed")
    );
    // Linked groups: raw (not lowercased) 400 messages.
    let eu = m.group_id("routers-eu");
    let r = m.owner("DELETE", &format!("/api/groups/{eu}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "group has been linked to route: aws-eu-central-1")
    );
    let iot = m.group_id("iot");
    let r = m.owner("DELETE", &format!("/api/groups/{iot}"), None);
    assert_eq!(
        r.message(),
        "group has been linked to disabled DNS management groups: iot"
    );
    let contractors = m.group_id("contractors");
    let r = m.owner("DELETE", &format!("/api/groups/{contractors}"), None);
    assert_eq!(
        r.message(),
        "group has been linked to policy: Block contractors from databases"
    );
    let r = m.owner("DELETE", "/api/groups/NoSuch", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "group: NoSuch not found")
    );
    let r = m.contract("owner", "DELETE", &format!("/api/groups/{id}"), None);
    assert_eq!(r.status, 200);
    assert_eq!(
        m.call(
            "auditor",
            "POST",
            "/api/groups",
            Some(&json!({"name": "z"}))
        )
        .status,
        403
    );
    let r = m.owner("GET", "/api/groups/nope", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "group: nope not found")
    );
}
