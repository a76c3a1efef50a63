//! Posture checks and the geolocation helpers over real HTTP, against a mock started
//! in-process on an ephemeral port. Messages as `management/server/posture_checks.go`,
//! `management/server/posture/*.go` and `handlers/policies/*_handler.go` write them (lowercased
//! by `util.WriteError`).

mod common;

use common::*;
use netbird_mock::Config;
use serde_json::{json, Value};

fn named(list: &Value, name: &str) -> Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in {list}"))
        .clone()
}

fn body(checks: Value) -> Value {
    json!({"name": "check", "description": "", "checks": checks})
}

#[test]
fn seeded_posture_checks_cover_every_kind() {
    let m = Mock::start();
    let list = m
        .contract("owner", "GET", "/api/posture-checks", None)
        .json();
    assert!(list.as_array().unwrap().len() >= 5);
    for kind in [
        "nb_version_check",
        "os_version_check",
        "geo_location_check",
        "peer_network_range_check",
        "process_check",
    ] {
        assert!(
            list.as_array()
                .unwrap()
                .iter()
                .any(|p| p["checks"].get(kind).is_some()),
            "no seeded {kind}"
        );
    }
    let eu = named(&list, "EU only");
    assert_eq!(eu["checks"]["geo_location_check"]["action"], "allow");
    // An empty city is left out.
    assert_eq!(
        eu["checks"]["geo_location_check"]["locations"][2],
        json!({"country_code": "NL"})
    );
    let edr = named(&list, "EDR running");
    assert!(
        edr["checks"]["process_check"]["processes"][0]["windows_path"]
            .as_str()
            .unwrap()
            .ends_with("CSFalconService.exe")
    );
    // One seeded policy uses checks.
    let pols = m.get_ok("/api/policies");
    let fin = named(&pols, "Finance apps (compliant devices)");
    assert_eq!(fin["source_posture_checks"].as_array().unwrap().len(), 2);
    let id = eu["id"].as_str().unwrap();
    let one = m.contract("owner", "GET", &format!("/api/posture-checks/{id}"), None);
    assert_eq!(one.json(), eu);
}

#[test]
fn each_validation_rule() {
    let m = Mock::start();
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"name": "", "checks": {"nb_version_check": {"min_version": "0.1.0"}}}),
            "posture checks name shouldn't be empty",
        ),
        (body(json!({})), "posture checks shouldn't be empty"),
        (
            body(json!({"nb_version_check": {"min_version": ""}})),
            "nbversioncheck minimum version shouldn't be empty",
        ),
        (
            body(json!({"nb_version_check": {"min_version": "latest"}})),
            "nbversioncheck version: latest is not valid",
        ),
        (
            body(json!({"os_version_check": {}})),
            "osversioncheck at least one os version check is required",
        ),
        (
            body(json!({"os_version_check": {"android": {"min_version": "x"}}})),
            "osversioncheck android version: x is not valid",
        ),
        (
            body(json!({"os_version_check": {"ios": {"min_version": "17..0"}}})),
            "osversioncheck ios version: 17..0 is not valid",
        ),
        (
            body(json!({"os_version_check": {"darwin": {"min_version": "sonoma"}}})),
            "osversioncheck  darwin version: sonoma is not valid",
        ),
        (
            body(json!({"os_version_check": {"linux": {"min_kernel_version": ""}}})),
            "osversioncheck  linux kernel version:  is not valid",
        ),
        (
            body(json!({"os_version_check": {"windows": {"min_kernel_version": "win11"}}})),
            "osversioncheck  windows kernel version: win11 is not valid",
        ),
        (
            body(
                json!({"geo_location_check": {"locations": [{"country_code": "DE"}], "action": ""}}),
            ),
            "geolocationcheck action shouldn't be empty",
        ),
        (
            body(
                json!({"geo_location_check": {"locations": [{"country_code": "DE"}], "action": "block"}}),
            ),
            "geolocationcheck action is not valid",
        ),
        (
            body(json!({"geo_location_check": {"locations": [], "action": "allow"}})),
            "geolocationcheck locations shouldn't be empty",
        ),
        (
            body(
                json!({"geo_location_check": {"locations": [{"country_code": ""}], "action": "deny"}}),
            ),
            "geolocationcheck country code shouldn't be empty",
        ),
        (
            body(
                json!({"geo_location_check": {"locations": [{"country_code": "DEU"}], "action": "deny"}}),
            ),
            "geolocationcheck country code must be 2 letters (iso 3166-1 alpha-2 format)",
        ),
        (
            body(json!({"peer_network_range_check": {"ranges": ["10.0.0.0/8"], "action": ""}})),
            "action for peer network range check shouldn't be empty",
        ),
        (
            body(
                json!({"peer_network_range_check": {"ranges": ["10.0.0.0/8"], "action": "maybe"}}),
            ),
            "peernetworkrangecheck action is not valid",
        ),
        (
            body(json!({"peer_network_range_check": {"ranges": [], "action": "allow"}})),
            "peernetworkrangecheck network ranges shouldn't be empty",
        ),
        (
            body(json!({"peer_network_range_check": {"ranges": ["10.0.0.0"], "action": "allow"}})),
            "invalid network prefix",
        ),
        (
            body(json!({"process_check": {"processes": []}})),
            "processcheck processes shouldn't be empty",
        ),
        (
            body(json!({"process_check": {"processes": [{"linux_path": ""}]}})),
            "processcheck path shouldn't be empty",
        ),
        (
            json!({"name": "Up-to-date agent", "checks": {"nb_version_check": {"min_version": "0.1.0"}}}),
            "posture checks with name up-to-date agent already exists",
        ),
    ];
    for (b, msg) in cases {
        let r = m.owner("POST", "/api/posture-checks", Some(&b));
        assert_eq!((r.status, r.message().as_str()), (422, msg), "{b}");
    }
    // The range is parsed before the checks are validated: a bad CIDR wins over a bad action.
    let r = m.owner(
        "POST",
        "/api/posture-checks",
        Some(&body(
            json!({"peer_network_range_check": {"ranges": ["nope"], "action": "maybe"}}),
        )),
    );
    assert_eq!(r.message(), "invalid network prefix");
    let r = m.owner("POST", "/api/posture-checks", Some(&json!([1])));
    assert_eq!(
        (r.status, r.message().as_str()),
        (400, "couldn't parse JSON request")
    );
}

#[test]
fn create_update_delete_and_their_events() {
    let m = Mock::start();
    let b = json!({"name": "Kernel 6", "description": "Linux 6 or newer",
        "checks": {"os_version_check": {"linux": {"min_kernel_version": "6.0.0-1-generic"}},
            "peer_network_range_check": {"ranges": ["10.1.2.3/16", "2001:db8::/32"], "action": "deny"},
            "process_check": {"processes": [{"mac_path": "/usr/local/bin/agent"}]}}});
    let r = m.contract("owner", "POST", "/api/posture-checks", Some(&b));
    let v = r.json();
    let id = v["id"].as_str().unwrap().to_string();
    assert_eq!(v["description"], "Linux 6 or newer");
    // Ranges come back as parsed: host bits kept.
    assert_eq!(
        v["checks"]["peer_network_range_check"]["ranges"],
        json!(["10.1.2.3/16", "2001:db8::/32"])
    );
    // Every path is written, empty when unset.
    assert_eq!(
        v["checks"]["process_check"]["processes"][0],
        json!({"linux_path": "", "mac_path": "/usr/local/bin/agent", "windows_path": ""})
    );
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["activity_code"], "posture.check.create");
    assert_eq!(ev[0]["target_id"], id.as_str());
    assert_eq!(ev[0]["meta"], json!({"name": "Kernel 6"}));

    // PUT replaces the checks; the name is not checked for duplicates on update.
    let upd = json!({"name": "EU only", "description": "",
        "checks": {"nb_version_check": {"min_version": "v0.30"}}});
    let r = m.contract(
        "owner",
        "PUT",
        &format!("/api/posture-checks/{id}"),
        Some(&upd),
    );
    assert_eq!(
        r.json()["checks"],
        json!({"nb_version_check": {"min_version": "v0.30"}})
    );
    assert_eq!(
        m.get_ok("/api/events/audit")[0]["activity_code"],
        "posture.check.update"
    );
    m.contract(
        "owner",
        "DELETE",
        &format!("/api/posture-checks/{id}"),
        None,
    );
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["activity_code"], "posture.check.delete");
    assert_eq!(ev[0]["activity"], "Posture check deleted");

    for (method, b) in [("GET", None), ("PUT", Some(&upd)), ("DELETE", None)] {
        let r = m.owner(method, "/api/posture-checks/nope", b);
        assert_eq!(
            (r.status, r.message().as_str()),
            (404, "posture checks: nope not found"),
            "{method}"
        );
    }
}

#[test]
fn deleting_a_check_a_policy_uses_is_refused() {
    let m = Mock::start();
    let list = m.get_ok("/api/posture-checks");
    let id = named(&list, "Up-to-date agent")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = m.owner("DELETE", &format!("/api/posture-checks/{id}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (
            412,
            "posture checks have been linked to policy: finance apps (compliant devices)"
        )
    );
    // An unused one goes.
    let unused = named(&list, "Office networks")["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        m.owner("DELETE", &format!("/api/posture-checks/{unused}"), None)
            .status,
        200
    );
}

#[test]
fn policies_drop_unknown_posture_check_ids() {
    let m = Mock::start();
    let list = m.get_ok("/api/posture-checks");
    let known = named(&list, "EDR running")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let all = m.group_id("All");
    let b = json!({"name": "with checks", "enabled": true, "source_posture_checks": ["gone", known],
        "rules": [{"name": "r", "enabled": true, "action": "accept", "bidirectional": true,
            "protocol": "all", "sources": [all], "destinations": [all]}]});
    let r = m.contract("owner", "POST", "/api/policies", Some(&b));
    assert_eq!(r.json()["source_posture_checks"], json!([known]));
}

#[test]
fn permissions_use_the_policies_module() {
    let m = Mock::start();
    let b = body(json!({"nb_version_check": {"min_version": "0.1.0"}}));
    assert_eq!(
        m.call("auditor", "GET", "/api/posture-checks", None).status,
        200
    );
    assert_eq!(
        m.call("service", "GET", "/api/posture-checks", None).status,
        200
    );
    for role in ["auditor", "user"] {
        let r = m.call(role, "POST", "/api/posture-checks", Some(&b));
        assert_eq!(
            (r.status, r.message().as_str()),
            (403, "permission denied"),
            "{role}"
        );
    }
    let r = m.call("user", "GET", "/api/posture-checks", None);
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    let r = m.call("network_admin", "POST", "/api/posture-checks", Some(&b));
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn geo_database_present() {
    let m = Mock::start();
    let countries = m
        .contract("owner", "GET", "/api/locations/countries", None)
        .json();
    assert!(countries
        .as_array()
        .unwrap()
        .contains(&json!({"country_code": "DE", "country_name": "Germany"})));
    let cities = m
        .contract("owner", "GET", "/api/locations/countries/DE/cities", None)
        .json();
    assert!(cities
        .as_array()
        .unwrap()
        .contains(&json!({"city_name": "Berlin", "geoname_id": 2950159})));
    // The database holds upper-case codes; an unknown country has no cities.
    assert_eq!(m.get_ok("/api/locations/countries/de/cities"), json!([]));
    assert_eq!(m.get_ok("/api/locations/countries/XX/cities"), json!([]));
    let r = m.owner("GET", "/api/locations/countries/DEU/cities", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "invalid country code")
    );
    // Any signed-in user may read them (no permission check).
    assert_eq!(
        m.call("user", "GET", "/api/locations/countries", None)
            .status,
        200
    );
    // A geo check is accepted.
    let r = m.owner(
        "POST",
        "/api/posture-checks",
        Some(&body(
            json!({"geo_location_check": {"locations": [{"country_code": "de"}], "action": "deny"}}),
        )),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn without_a_geo_database_geo_answers_412() {
    let m = Mock::with(Config {
        no_geo: true,
        ..Config::default()
    });
    let long = "geo location database is not initialized. check the self-hosted geo database documentation at https://docs.netbird.io/selfhosted/geo-support";
    let r = m.owner(
        "POST",
        "/api/posture-checks",
        Some(&body(
            json!({"geo_location_check": {"locations": [{"country_code": "DE"}], "action": "allow"}}),
        )),
    );
    assert_eq!((r.status, r.message().as_str()), (412, long));
    // Before any other check: even an invalid geo check is a 412.
    let r = m.owner(
        "POST",
        "/api/posture-checks",
        Some(&json!({"name": "", "checks": {"geo_location_check": {}}})),
    );
    assert_eq!((r.status, r.message().as_str()), (412, long));
    let r = m.owner("GET", "/api/locations/countries", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (412, "geo location database is not initialized")
    );
    let r = m.owner("GET", "/api/locations/countries/DE/cities", None);
    assert_eq!((r.status, r.message().as_str()), (412, long));
    // The code is checked first.
    let r = m.owner("GET", "/api/locations/countries/1/cities", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (422, "invalid country code")
    );
    // Other kinds still work, and seeded geo checks are still listed.
    let r = m.owner(
        "POST",
        "/api/posture-checks",
        Some(&body(
            json!({"nb_version_check": {"min_version": "0.40.0"}}),
        )),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let list = m.get_ok("/api/posture-checks");
    assert!(named(&list, "EU only")["checks"]
        .get("geo_location_check")
        .is_some());
}
