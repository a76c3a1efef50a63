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

/// The id of the user with this e-mail (or service-user name).
fn uid(m: &Mock, who: &str) -> String {
    let v = m.get_ok("/api/users");
    v.as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == who || u["name"] == who)
        .unwrap_or_else(|| panic!("{who}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn seeded_users_have_every_role_and_status() {
    let m = Mock::start();
    let v = m.get_ok("/api/users");
    let users = v.as_array().unwrap();
    for role in [
        "owner",
        "admin",
        "user",
        "auditor",
        "network_admin",
        "billing_admin",
    ] {
        assert!(users.iter().any(|u| u["role"] == role), "{role}");
    }
    for status in ["active", "invited", "blocked"] {
        assert!(users.iter().any(|u| u["status"] == status), "{status}");
    }
    // Waiting for approval: blocked and pending, as the server stores them.
    let pending: Vec<&Value> = users
        .iter()
        .filter(|u| u["pending_approval"] == true)
        .collect();
    assert!(pending.len() >= 2);
    assert!(pending
        .iter()
        .all(|u| u["is_blocked"] == true && u["status"] == "blocked"));
    let svc: Vec<&Value> = users
        .iter()
        .filter(|u| u["is_service_user"] == true)
        .collect();
    assert!(svc.len() >= 3);
    // Tokens: some expire within 7 days, some were never used.
    let owner = m.user_id("owner");
    let toks = m.get_ok(&format!("/api/users/{owner}/tokens"));
    let toks = toks.as_array().unwrap();
    assert!(toks
        .iter()
        .any(|t| t["name"] == "laptop-cli" && t.get("last_used").is_none()));
    let terraform = uid(&m, "terraform");
    let t = m.get_ok(&format!("/api/users/{terraform}/tokens"));
    assert!(t
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "github-actions"));
}

#[test]
fn update_rules_with_the_servers_messages() {
    let m = Mock::start();
    let owner = m.user_id("owner");
    let bob = m.user_id("admin");
    let erin = m.user_id("user");
    let svc = uid(&m, "terraform");
    let put = |role: &str, target: &str, body: Value| {
        m.call(role, "PUT", &format!("/api/users/{target}"), Some(&body))
    };
    let wrapped =
        |target: &str, msg: &str| format!("failed to process update for user {target}: {msg}");
    let cases = vec![
        (
            "admin",
            bob.clone(),
            json!({"role": "admin", "auto_groups": [], "is_blocked": true}),
            403,
            wrapped(&bob, "admins can't block or unblock themselves"),
        ),
        (
            "admin",
            bob.clone(),
            json!({"role": "user", "auto_groups": []}),
            403,
            wrapped(&bob, "admins can't change their role"),
        ),
        (
            "admin",
            owner.clone(),
            json!({"role": "admin", "auto_groups": []}),
            403,
            wrapped(&owner, "only owners can remove owner role from their user"),
        ),
        (
            "admin",
            owner.clone(),
            json!({"role": "owner", "auto_groups": [], "is_blocked": true}),
            403,
            wrapped(&owner, "unable to block owner user"),
        ),
        (
            "admin",
            erin.clone(),
            json!({"role": "owner", "auto_groups": []}),
            403,
            wrapped(&erin, "only owners can add owner role to other users"),
        ),
        (
            "owner",
            svc.clone(),
            json!({"role": "owner", "auto_groups": []}),
            403,
            wrapped(&svc, "can't update a service user with owner role"),
        ),
        (
            "owner",
            erin.clone(),
            json!({"role": "user", "auto_groups": ["nope"]}),
            422,
            wrapped(
                &erin,
                &format!("provided group id nope in the user {erin} update doesn't exist"),
            ),
        ),
        (
            "owner",
            erin.clone(),
            json!({"role": "user", "auto_groups": [m.group_id("All")]}),
            422,
            wrapped(&erin, "can't add all group to the user"),
        ),
        (
            "owner",
            erin.clone(),
            json!({"role": "chief", "auto_groups": []}),
            422,
            "invalid user role".into(),
        ),
        (
            "owner",
            erin.clone(),
            json!({"role": "user"}),
            400,
            "auto_groups field can't be absent".into(),
        ),
        // users:create is what the update checks.
        (
            "network_admin",
            erin.clone(),
            json!({"role": "user", "auto_groups": []}),
            403,
            "permission denied".into(),
        ),
        // The user is looked up before the body is read.
        (
            "owner",
            "nope".into(),
            json!([1]),
            404,
            "user: nope not found".into(),
        ),
    ];
    for (who, target, body, status, msg) in cases {
        let r = put(who, &target, body.clone());
        assert_eq!((r.status, r.message()), (status, msg), "{who} {body}");
    }
    // Full replacement: a missing is_blocked unblocks; auto_groups replaced.
    let mallory = uid(&m, "mallory@example.com");
    let eng = m.group_id("devops");
    // (Not spec-valid without is_blocked, so not through `contract`.)
    let r = m.owner(
        "PUT",
        &format!("/api/users/{mallory}"),
        Some(&json!({"role": "user", "auto_groups": [eng]})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(
        (v["is_blocked"].clone(), v["status"].clone()),
        (json!(false), json!("active"))
    );
    assert_eq!(v["auto_groups"], json!([eng]));
    let ev = m.get_ok("/api/events/audit");
    let codes: Vec<&str> = ev.as_array().unwrap()[..3]
        .iter()
        .map(|e| e["activity_code"].as_str().unwrap())
        .collect();
    // Seeded with [engineering]: engineering removed, devops added.
    assert_eq!(
        codes,
        ["user.group.delete", "user.group.add", "user.unblock"]
    );
    // Handing on the owner role makes the old owner an admin.
    let r = put("owner", &bob, json!({"role": "owner", "auto_groups": []}));
    assert_eq!(r.status, 200, "{}", r.text());
    let users = m.call("admin", "GET", "/api/users", None).json();
    let role = |id: &str| {
        users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap()["role"]
            .clone()
    };
    assert_eq!((role(&bob), role(&owner)), (json!("owner"), json!("admin")));
}

#[test]
fn creating_users() {
    let m = Mock::start();
    let regular = json!({"email": "zed@example.com", "name": "Zed", "role": "user", "auto_groups": [], "is_service_user": false});
    // Without an IdP manager, before any other check.
    for b in [
        regular.clone(),
        json!({"role": "owner", "auto_groups": [], "is_service_user": false}),
    ] {
        let r = m.owner("POST", "/api/users", Some(&b));
        assert_eq!(
            (r.status, r.message().as_str()),
            (412, "idp manager must be enabled to send user invites")
        );
    }
    let r = m.call(
        "auditor",
        "POST",
        "/api/users",
        Some(&json!({"name": "bot", "role": "user", "auto_groups": [], "is_service_user": true})),
    );
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    // Service users: no check of the auto groups; any role but owner.
    let r = m.contract(
        "owner",
        "POST",
        "/api/users",
        Some(&json!({"name": "exporter", "role": "network_admin", "auto_groups": ["ghost"], "is_service_user": true})),
    );
    let v = r.json();
    assert_eq!(
        (v["role"].clone(), v["status"].clone(), v["email"].clone()),
        (json!("network_admin"), json!("active"), json!(""))
    );
    assert_eq!(
        m.get_ok("/api/events/audit")[0]["activity_code"],
        "service.user.create"
    );

    let m = Mock::with(netbird_mock::Config {
        invites: true,
        ..Default::default()
    });
    let with = |k: &str, v: Value| {
        let mut b = regular.clone();
        b[k] = v;
        b
    };
    for (b, status, msg) in [
        (with("name", json!("")), 422, "name can't be empty"),
        (with("email", json!(null)), 422, "email can't be empty"),
        (
            with("role", json!("Owner")),
            422,
            "can't invite a user with owner role",
        ),
        (with("role", json!("boss")), 422, "unknown user role boss"),
        (
            with("email", json!("ALICE@example.com")),
            409,
            "can't invite a user with an existing netbird account",
        ),
    ] {
        let r = m.owner("POST", "/api/users", Some(&b));
        assert_eq!((r.status, r.message().as_str()), (status, msg), "{b}");
    }
    let r = m.call("auditor", "POST", "/api/users", Some(&regular));
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    let r = m.contract("owner", "POST", "/api/users", Some(&regular));
    let v = r.json();
    assert_eq!(
        (v["status"].clone(), v["is_service_user"].clone()),
        (json!("invited"), json!(false))
    );
    assert_eq!(
        m.get_ok("/api/events/audit")[0]["activity_code"],
        "user.invite"
    );
}

#[test]
fn delete_approve_reject_invite() {
    let m = Mock::start();
    let sam = uid(&m, "sam@example.com");
    let r = m.owner("DELETE", &format!("/api/users/{sam}"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (403, "only integration service user can delete this user")
    );
    let r = m.call("auditor", "DELETE", &format!("/api/users/{sam}"), None);
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    let r = m.owner("DELETE", "/api/users/nope", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "user: nope not found")
    );
    // A service user (terraform, admin) may.
    assert_eq!(
        m.call("service", "DELETE", &format!("/api/users/{sam}"), None)
            .status,
        200
    );

    let ivan = uid(&m, "ivan@example.com");
    let judy = uid(&m, "judy@example.com");
    let erin = m.user_id("user");
    let r = m.call(
        "auditor",
        "POST",
        &format!("/api/users/{ivan}/approve"),
        None,
    );
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
    let r = m.owner("POST", &format!("/api/users/{erin}/approve"), None);
    assert_eq!(
        (r.status, r.message()),
        (422, format!("user {erin} is not pending approval"))
    );
    let r = m.owner("POST", "/api/users/nope/approve", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "user: nope not found")
    );
    let r = m.contract("owner", "POST", &format!("/api/users/{ivan}/approve"), None);
    let v = r.json();
    assert_eq!(
        (
            v["pending_approval"].clone(),
            v["is_blocked"].clone(),
            v["status"].clone()
        ),
        (json!(false), json!(false), json!("active"))
    );
    assert_eq!(
        m.get_ok("/api/events/audit")[0]["activity_code"],
        "user.approve"
    );
    // Approved: no longer pending.
    let r = m.owner("DELETE", &format!("/api/users/{ivan}/reject"), None);
    assert_eq!(
        (r.status, r.message()),
        (422, format!("user {ivan} is not pending approval"))
    );
    m.contract(
        "owner",
        "DELETE",
        &format!("/api/users/{judy}/reject"),
        None,
    );
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["activity_code"], "user.reject");
    assert_eq!(ev[1]["activity_code"], "user.delete");
    assert!(!m.owner("GET", "/api/users", None).text().contains(&judy));

    // Resending an invite needs an IdP.
    let grace = uid(&m, "grace@example.com");
    let r = m.owner("POST", &format!("/api/users/{grace}/invite"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (412, "idp manager must be enabled to send user invites")
    );
    let m = Mock::with(netbird_mock::Config {
        invites: true,
        ..Default::default()
    });
    let grace = uid(&m, "grace@example.com");
    m.contract("owner", "POST", &format!("/api/users/{grace}/invite"), None);
    let erin = m.user_id("user");
    let r = m.owner("POST", &format!("/api/users/{erin}/invite"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (412, "can't invite a user with an activated netbird account")
    );
    let r = m.owner("POST", "/api/users/nope/invite", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "user account nope doesn't exist")
    );
}

#[test]
fn tokens_shown_once_and_usable() {
    let m = Mock::start();
    let owner = m.user_id("owner");
    let svc = uid(&m, "ci-deployer");
    for days in [1, 365] {
        let r = m.owner(
            "POST",
            &format!("/api/users/{owner}/tokens"),
            Some(&json!({"name": format!("t{days}"), "expires_in": days})),
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }
    // Owner for a service user.
    let r = m.contract(
        "owner",
        "POST",
        &format!("/api/users/{svc}/tokens"),
        Some(&json!({"name": "deploy", "expires_in": 7})),
    );
    let v = r.json();
    let plain = v["plain_token"].as_str().unwrap().to_string();
    assert_eq!(plain.len(), 40);
    assert!(plain.starts_with("nbp_") && netbird_mock::pat::is_well_formed(&plain));
    let tid = v["personal_access_token"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(v["personal_access_token"]["created_by"], owner.as_str());
    // Never again: neither the list nor the token carries it.
    let list = m.owner("GET", &format!("/api/users/{svc}/tokens"), None);
    assert!(!list.text().contains(&plain) && !list.text().contains("plain_token"));
    let one = m.owner("GET", &format!("/api/users/{svc}/tokens/{tid}"), None);
    assert!(!one.text().contains(&plain));
    let ev = m.get_ok("/api/events/audit");
    assert_eq!(ev[0]["activity_code"], "personal.access.token.create");
    assert_eq!(ev[0]["meta"]["is_service_user"], "true");
    // It signs in as the service user.
    let me = m.call_tok(&plain, "GET", "/api/users", None).json();
    let cur = me
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["is_current"] == true)
        .unwrap()
        .clone();
    assert_eq!(cur["id"], svc.as_str());
    // Unknown user, unknown token.
    let r = m.owner("GET", "/api/users/nope/tokens", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "user: nope not found")
    );
    let r = m.owner("GET", &format!("/api/users/{svc}/tokens/nope"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (404, "pat: nope not found")
    );
    // The auditor may read tokens (pats:read) only for itself.
    let r = m.call("auditor", "GET", &format!("/api/users/{svc}/tokens"), None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (403, "admin role required to perform this action")
    );
}

#[test]
fn waiting_and_blocked_users_cannot_use_the_api() {
    // Neither can mint a token, so sign them in with JWTs.
    let m2 = Mock::with(netbird_mock::Config {
        jwts: vec![
            ("jwt-ivan".into(), "ivan@example.com".into()),
            ("jwt-mallory".into(), "mallory@example.com".into()),
        ],
        ..Default::default()
    });
    let get = |tok: &str| {
        raw_request(
            m2.addr,
            "GET",
            "/api/peers",
            &[("Authorization", &format!("Bearer {tok}"))],
            None,
        )
    };
    let r = get("jwt-ivan");
    assert_eq!(
        (r.status, r.message().as_str()),
        (
            403,
            "failed to validate user permissions: user is pending approval"
        )
    );
    let r = get("jwt-mallory");
    assert_eq!(
        (r.status, r.message().as_str()),
        (403, "failed to validate user permissions: user is blocked")
    );
}
