//! Managing access in Chromium against the mock: a policy with a port range, a nameserver group
//! with match domains, a service user and its token shown once, a role changed, a setting
//! that persists, the rules checked before sending, an auditor's read-only pages, hostile
//! names in every new string field, and policies and nameserver groups switched in their rows.

use netbird_e2e::{blur, choose, pick, set_text, sign_in_to, Browser, Mock};
use serde_json::{json, Value};

fn s(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

/// Two groups with peers, other than All.
fn two_groups(mock: &Mock) -> (Value, Value) {
    let groups: Vec<Value> = mock
        .list("/api/groups")
        .into_iter()
        .filter(|g| g["name"] != "All" && g["peers_count"].as_u64().unwrap_or(0) > 0)
        .collect();
    assert!(groups.len() >= 2, "two groups with peers");
    (groups[0].clone(), groups[1].clone())
}

fn body_text(b: &Browser) -> String {
    b.script("return document.body.innerText")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_policy_with_a_port_range_is_created_and_listed() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let (src, dst) = two_groups(&mock);
    sign_in_to(&b, &mock, "owner", "/policies/new");
    b.wait("[data-testid=policy-form]");
    set_text(&b, "name", "web and builds");
    pick(&b, "sources", &s(&src, "name"), &s(&src, "id"));
    pick(&b, "destinations", &s(&dst, "name"), &s(&dst, "id"));
    b.click(&b.wait("input[name=protocol][value=tcp]"));
    // A port out of range is refused at its field, and nothing is sent.
    set_text(&b, "ports", "22, 70000");
    blur(&b);
    let before = mock.list("/api/policies").len();
    b.click(&b.wait("[data-testid=save-policy]"));
    let error = b.wait("[data-testid=error-ports]");
    assert!(b.text(&error).contains("70000"), "{}", b.text(&error));
    let ports = b.wait("input[name=ports]");
    assert_eq!(b.attr(&ports, "aria-invalid").as_deref(), Some("true"));
    assert_eq!(mock.list("/api/policies").len(), before, "nothing was sent");
    b.screenshot("policy-form-invalid-port");
    set_text(&b, "ports", "22, 8000-8100");
    b.click(&b.wait("[data-testid=save-policy]"));
    b.wait_until("the policies list", || {
        b.current_url().ends_with("/policies").then_some(())
    });
    let created = b.wait_until("the new policy on the server", || {
        mock.list("/api/policies")
            .into_iter()
            .find(|p| p["name"] == "web and builds")
    });
    let rule = &created["rules"][0];
    assert_eq!(rule["protocol"], "tcp");
    // Any range present: every port goes as a range, a single one as start = end.
    assert_eq!(
        rule["port_ranges"],
        json!([{"start": 22, "end": 22}, {"start": 8000, "end": 8100}])
    );
    assert!(rule["ports"].as_array().is_none_or(|p| p.is_empty()));
    let row = b.wait(&format!("tr[data-id='{}']", s(&created, "id")));
    let text = b.text(&row);
    assert!(text.contains("8000-8100"), "{text}");
    assert!(text.contains(&s(&src, "name")), "{text}");
    b.screenshot("policies-list");
}

#[test]
fn a_nameserver_group_with_match_domains() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let (group, _) = two_groups(&mock);
    sign_in_to(&b, &mock, "owner", "/dns/new");
    b.wait("[data-testid=nameserver-form]");
    set_text(&b, "name", "office resolvers");
    b.click(&b.wait("[data-testid=ns-preset]"));
    b.wait_until("the preset's addresses", || {
        (b.find_all("[data-testid=ns-row]").len() == 2).then_some(())
    });
    set_text(&b, "domains", "corp.example, bücher.example.");
    b.wait_until("the punycode form", || {
        b.find("[data-testid=punycode]")
            .filter(|e| b.text(e).contains("xn--bcher-kva.example"))
    });
    pick(&b, "groups", &s(&group, "name"), &s(&group, "id"));
    b.screenshot("nameserver-form");
    b.click(&b.wait("[data-testid=save-nameservers]"));
    let created = b.wait_until("the group on the server", || {
        mock.list("/api/dns/nameservers")
            .into_iter()
            .find(|n| n["name"] == "office resolvers")
    });
    assert_eq!(created["primary"], false);
    assert_eq!(
        created["domains"],
        json!(["corp.example", "bücher.example."])
    );
    assert_eq!(created["nameservers"][0]["ip"], "1.1.1.1");
    assert_eq!(created["nameservers"][0]["port"], 53);
    assert_eq!(created["groups"], json!([s(&group, "id")]));
    b.wait(&format!("tr[data-id='{}']", s(&created, "id")));
}

#[test]
fn a_service_user_gets_a_token_shown_once() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/users/new");
    b.wait("[data-testid=new-user-form]");
    set_text(&b, "name", "deploy-bot");
    b.click(&b.wait("input[name=role][value=admin]"));
    b.click(&b.wait("[data-testid=save-user]"));
    // A service user's next step is a token: its page opens.
    b.wait("[data-testid=token-form]");
    let user = mock
        .list("/api/users?service_user=true")
        .into_iter()
        .find(|u| u["name"] == "deploy-bot")
        .expect("the service user");
    assert_eq!(user["role"], "admin");
    set_text(&b, "expires_in", "400");
    b.click(&b.wait("[data-testid=create-token]"));
    b.wait("[data-testid=error-expires_in]");
    set_text(&b, "name", "ci");
    set_text(&b, "expires_in", "30");
    b.click(&b.wait("[data-testid=create-token]"));
    let plain = b.text(&b.wait("[data-testid=plain-token]"));
    assert!(plain.starts_with("nbp_") && plain.len() == 40, "{plain}");
    b.screenshot("token-shown-once");
    // The token works against the API.
    let (status, _) = mock.api("GET", "/api/groups", &plain, None);
    assert_eq!(status, 200);
    // Never shown again: not after a reload, not in the list.
    b.goto(&b.current_url());
    b.wait("[data-testid=token-table]");
    assert!(b.find("[data-testid=plain-token]").is_none());
    assert!(!body_text(&b).contains(&plain));
    let tokens = mock.list(&format!("/api/users/{}/tokens", s(&user, "id")));
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0]["name"], "ci");
}

#[test]
fn an_owner_changes_a_role_and_an_admin_cannot_change_their_own() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let users = mock.list("/api/users?service_user=false");
    let target = users
        .iter()
        .find(|u| u["role"] == "user" && u["is_blocked"] == false && u["pending_approval"] == false)
        .expect("a regular user")
        .clone();
    let groups_before = target["auto_groups"].clone();
    sign_in_to(&b, &mock, "owner", &format!("/users/{}", s(&target, "id")));
    b.wait("[data-testid=user-form]");
    b.click(&b.wait("input[name=role][value=auditor]"));
    b.click(&b.wait("[data-testid=save-user]"));
    b.wait("[data-testid=user-saved]");
    let after = mock
        .list("/api/users")
        .into_iter()
        .find(|u| u["id"] == target["id"])
        .expect("still there");
    assert_eq!(after["role"], "auditor");
    // The PUT carried the auto groups and the blocked flag: nothing reset by omission.
    assert_eq!(after["auto_groups"], groups_before);
    assert_eq!(after["is_blocked"], false);

    // An admin's own role is not theirs to change: the choices say why, before anything is sent.
    let admin = mock
        .list("/api/users")
        .into_iter()
        .find(|u| u["email"] == "bob@example.com")
        .expect("the admin");
    let b2 = Browser::start();
    sign_in_to(&b2, &mock, "admin", &format!("/users/{}", s(&admin, "id")));
    b2.wait("[data-testid=user-form]");
    let owner_choice = b2.wait("input[name=role][value=user]");
    assert!(
        b2.attr(&owner_choice, "disabled").is_some(),
        "own role locked"
    );
    let blocked = b2.wait("input[name=is_blocked]");
    assert!(
        b2.attr(&blocked, "disabled").is_some(),
        "cannot block oneself"
    );
    b2.screenshot("user-own-role-locked");
}

#[test]
fn a_changed_setting_persists_after_a_reload() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/settings");
    b.wait("[data-testid=settings-form]");
    let before = mock.list("/api/accounts")[0]["settings"].clone();
    set_text(&b, "peer_login_expiration", "0");
    blur(&b);
    b.click(&b.wait("[data-testid=save-settings]"));
    b.wait("[data-testid=error-peer_login_expiration]");
    assert_eq!(
        mock.list("/api/accounts")[0]["settings"],
        before,
        "nothing was sent"
    );
    set_text(&b, "peer_login_expiration", "48");
    b.click(&b.wait("input[name=peer_login_expiration][value=hours]"));
    b.click(&b.wait("[data-testid=save-settings]"));
    b.wait("[data-testid=settings-saved]");
    let after = mock.list("/api/accounts")[0]["settings"].clone();
    assert_eq!(after["peer_login_expiration"], 172_800);
    // Every other setting went back as it was.
    for key in [
        "dns_domain",
        "network_range",
        "peer_expose_enabled",
        "regular_users_view_blocked",
    ] {
        assert_eq!(after[key], before[key], "{key}");
    }
    b.goto(&b.current_url());
    b.wait("input[name=peer_login_expiration]");
    b.wait_until("the saved value", || {
        (b.script("return document.querySelector('input[name=peer_login_expiration]').value")
            == "2")
            .then_some(())
    });
    b.screenshot("settings");
}

#[test]
fn changing_the_network_range_asks_first() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/settings");
    b.wait("[data-testid=settings-form]");
    let before = mock.list("/api/accounts")[0]["settings"]["network_range"].clone();
    set_text(&b, "network_range", "10.64.0.0/16");
    b.click(&b.wait("[data-testid=save-settings]"));
    let dialog = b.wait("dialog[open]");
    assert!(
        b.text(&dialog).contains("10.64.0.0/16"),
        "{}",
        b.text(&dialog)
    );
    b.screenshot("settings-confirm-range");
    assert_eq!(
        mock.list("/api/accounts")[0]["settings"]["network_range"],
        before
    );
    b.click(&b.wait("dialog[open] [data-testid=confirm]"));
    b.wait("[data-testid=settings-saved]");
    assert_eq!(
        mock.list("/api/accounts")[0]["settings"]["network_range"],
        "10.64.0.0/16"
    );
}

#[test]
fn an_auditor_sees_no_write_controls() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let policy = s(&mock.list("/api/policies")[0], "id");
    let ns = s(&mock.list("/api/dns/nameservers")[0], "id");
    let user = s(&mock.list("/api/users")[0], "id");
    sign_in_to(&b, &mock, "auditor", "/policies");
    for (path, ready) in [
        ("/policies".to_string(), "tbody tr[data-id]"),
        (format!("/policies/{policy}"), "[data-testid=policy-form]"),
        ("/posture-checks".to_string(), "tbody tr[data-id]"),
        ("/dns".to_string(), "tbody tr[data-id]"),
        (format!("/dns/{ns}"), "[data-testid=nameserver-form]"),
        (
            "/dns/settings".to_string(),
            "[data-testid=dns-settings-form]",
        ),
        ("/users".to_string(), "tbody tr[data-id]"),
        (format!("/users/{user}"), "[data-testid=user-form]"),
        ("/settings".to_string(), "[data-testid=settings-form]"),
    ] {
        b.goto(&format!("{}{path}", mock.url));
        b.wait(ready);
        let writes = b.script(
            "return [...document.querySelectorAll('main button[type=submit]:not([disabled]), [data-testid^=delete-], [data-testid^=add-], [data-testid^=bulk-], [data-testid=clone-policy], [data-testid=approve-user], input[role=switch]:not([disabled])')].length",
        );
        assert_eq!(writes, 0, "write controls on {path}");
    }
}

#[test]
fn hostile_names_stay_text_on_the_access_pages() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let payload = "<img src=x onerror=window.__xss=1>";
    let (g, _) = two_groups(&mock);
    let gid = s(&g, "id");
    let (status, p) = mock.api(
        "POST",
        "/api/policies",
        &owner,
        Some(
            &json!({"name": payload, "description": payload, "enabled": true,
            "rules": [{"name": payload, "enabled": true, "action": "accept", "bidirectional": true,
            "protocol": "all", "sources": [gid], "destinations": [gid]}]}),
        ),
    );
    assert_eq!(status, 200, "{p}");
    let (status, n) = mock.api(
        "POST",
        "/api/dns/nameservers",
        &owner,
        Some(
            &json!({"name": "xss", "description": payload, "enabled": true, "groups": [gid],
            "primary": true, "domains": [], "search_domains_enabled": false,
            "nameservers": [{"ip": "9.9.9.9", "ns_type": "udp", "port": 53}]}),
        ),
    );
    assert_eq!(status, 200, "{n}");
    let (status, u) = mock.api(
        "POST",
        "/api/users",
        &owner,
        Some(&json!({"name": payload, "role": "user", "auto_groups": [], "is_service_user": true})),
    );
    assert_eq!(status, 200, "{u}");
    let (status, c) = mock.api(
        "POST",
        "/api/posture-checks",
        &owner,
        Some(&json!({"name": payload, "description": payload,
            "checks": {"nb_version_check": {"min_version": "0.28.0"}}})),
    );
    assert_eq!(status, 200, "{c}");
    sign_in_to(&b, &mock, "owner", "/policies");
    for (path, ready) in [
        ("/policies".to_string(), "tbody tr[data-id]"),
        (
            format!("/policies/{}", s(&p, "id")),
            "[data-testid=policy-form]",
        ),
        ("/posture-checks".to_string(), "tbody tr[data-id]"),
        (
            format!("/posture-checks/{}", s(&c, "id")),
            "[data-testid=posture-check-form]",
        ),
        ("/dns".to_string(), "tbody tr[data-id]"),
        (
            format!("/dns/{}", s(&n, "id")),
            "[data-testid=nameserver-form]",
        ),
        ("/users".to_string(), "tbody tr[data-id]"),
        (format!("/users/{}", s(&u, "id")), "[data-testid=user-form]"),
    ] {
        b.goto(&format!("{}{path}", mock.url));
        b.wait(ready);
        b.wait_until(&format!("the name as text on {path}"), || {
            let text = body_text(&b);
            let value = b.script("return [...document.querySelectorAll('input,textarea')].some(e => e.value.includes('<img'))");
            (text.contains(payload) || value == true).then_some(())
        });
        let injected = b.script(
            "return document.querySelectorAll('img[src=x]').length + (window.__xss ? 1 : 0)",
        );
        assert_eq!(injected, 0, "markup from a name ran on {path}");
    }
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}

#[test]
fn policies_are_listed_before_the_groups_arrive_and_their_filters_follow() {
    let mock = Mock::shared(&[]);
    let policy = mock.list("/api/policies")[0].clone();
    let source = policy["rules"][0]["sources"][0].clone();
    // The groups list (2.8 MB at 1,000 groups beside 10,000 peers) takes its time.
    mock.control(
        "POST",
        "/__mock/fault?kind=slow-2500&path=/api/groups&method=GET",
    );
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/policies");
    let row = format!("tbody tr[data-id='{}']", s(&policy, "id"));
    let option = format!("select[name=source] option[value='{}']", s(&source, "id"));
    // The row and the filter as seen at one moment.
    let (early, had_option) = b.wait_until("the policy listed", || {
        let seen = b.script_with(
            "const r = document.querySelector(arguments[0]); \
             return r ? [r.innerText, !!document.querySelector(arguments[1])] : null",
            json!([row, option]),
        );
        Some((seen[0].as_str()?.to_string(), seen[1].as_bool()?))
    });
    // Each rule names its groups itself.
    assert!(early.contains(&s(&source, "name")), "{early}");
    assert!(
        !had_option,
        "listed before the groups arrived, the group filter waiting for them"
    );
    let option = b.wait(&option);
    assert_eq!(b.text(&option), s(&source, "name"));
    assert!(b.find("[data-testid=error-notice]").is_none());
}

#[test]
fn policies_stay_listed_when_the_groups_fail() {
    let mock = Mock::shared(&[]);
    let policy = mock.list("/api/policies")[0].clone();
    mock.control(
        "POST",
        "/__mock/fault?kind=status-500&path=/api/groups&method=GET",
    );
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/policies");
    b.wait(&format!("tbody tr[data-id='{}']", s(&policy, "id")));
    let notice = b.wait("[data-testid=error-notice]");
    assert!(b.text(&notice).len() > 20, "{}", b.text(&notice));
    mock.control("DELETE", "/__mock/fault");
    b.click(&b.wait("[data-testid=error-notice] button"));
    b.wait("select[name=source] option[value]:not([value=''])");
    assert!(b.find("[data-testid=error-notice]").is_none());
}

/// A policy of two rules is not written back by its switch: the server's copy of it can leave
/// groups out of the second rule's sources, so writing it back would drop them. The switch
/// says why and nothing is written.
#[test]
fn a_policy_of_two_rules_is_not_rewritten_by_its_switch() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let (a, c) = two_groups(&mock);
    let (a, c) = (s(&a, "id"), s(&c, "id"));
    let rule = |name: &str, sources: &[&str], destinations: &[&str]| {
        json!({"name": name, "enabled": true, "action": "accept", "bidirectional": true,
            "protocol": "all", "sources": sources, "destinations": destinations})
    };
    let policy = mock.created(
        "/api/policies",
        &json!({"name": "two rules", "enabled": true, "rules": [
            rule("first", &[&a], &[&c]), rule("second", &[&a, &c], &[&a])]}),
    );
    let id = s(&policy, "id");
    // The server's answer leaves the groups the first rule named out of the second's sources:
    // here all of them.
    assert!(
        policy["rules"][1]["sources"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "{policy}"
    );
    sign_in_to(&b, &mock, "owner", "/policies");
    let switch = b.wait(&format!("tr[data-id='{id}'] input[role=switch]"));
    b.click(&switch);
    let error = b.text(&b.wait("[data-testid=error-notice]"));
    // The console's own reason, not put in the server's mouth.
    assert!(
        error.contains("Not changed")
            && error.contains("“two rules”")
            && error.contains("more than one rule")
            && !error.contains("server said"),
        "{error}"
    );
    // The switch shows what the server has, and the reason is brought into view (the row is
    // at the end of a list longer than the window).
    let checked =
        format!("return document.querySelector(\"tr[data-id='{id}'] input[role=switch]\").checked");
    assert_eq!(
        b.script(&checked),
        true,
        "the switch moved though nothing was written"
    );
    b.wait_until("the reason in view", || {
        let top = b.script(
            "return document.querySelector('[data-testid=row-action-failure]').getBoundingClientRect().top",
        );
        top.as_f64()
            .is_some_and(|t| (0.0..300.0).contains(&t))
            .then_some(())
    });
    b.screenshot("policy-of-two-rules-not-rewritten");
    let (_, now) = mock.api("GET", &format!("/api/policies/{id}"), &owner, None);
    assert_eq!(now["enabled"], true, "nothing written: {now}");
    assert_eq!(now["rules"][1]["enabled"], true, "{now}");
}

/// A policy switched in its row is what the whole list says after: the switch in its
/// "Enabled" column and the state filter read the server's answer, without the list being read
/// again or its rows drawn anew (the focus stays on the switch).
/// The row `id` of the list at `page` switched off in its row: written on the server at
/// `api` as `off` changes it (every other member as it was), the switch is the row's "Enabled" cell and keeps the
/// focus, the list is not read again, and its state filter lists the row as disabled.
fn switched_in_its_row_is_listed_as_switched(
    mock: &Mock,
    page: &str,
    api: &str,
    id: &str,
    off: impl Fn(&mut Value),
) {
    let b = Browser::start();
    let owner = mock.token("owner");
    let (_, before) = mock.api("GET", &format!("{api}/{id}"), &owner, None);
    let row = format!("tr[data-id='{id}']");
    sign_in_to(&b, mock, "owner", page);
    let switch = b.wait(&format!("{row} input[role=switch]"));
    // The switch is the row's "Enabled" cell: the column the header names.
    let column = b.script_with(
        "const row = document.querySelector(arguments[0]); \
         const cell = row.querySelector('input[role=switch]').closest('td'); \
         const at = [...row.children].indexOf(cell); \
         return document.querySelectorAll('thead th')[at].textContent",
        json!([row]),
    );
    assert_eq!(column, "Enabled", "{page}");
    b.click(&switch);
    let after = b.wait_until("switched off on the server", || {
        let (_, now) = mock.api("GET", &format!("{api}/{id}"), &owner, None);
        (now["enabled"] == false).then_some(now)
    });
    // PUT replaces the whole object: nothing but the state changed.
    let mut expected = before.clone();
    off(&mut expected);
    assert_eq!(after, expected, "{page}: more than the state changed");
    let checked = format!("return document.querySelector(\"{row} input[role=switch]\").checked");
    b.wait_until("the switch off", || {
        (b.script(&checked) == false).then_some(())
    });
    let focused = format!(
        "return document.activeElement === document.querySelector(\"{row} input[role=switch]\")"
    );
    assert_eq!(b.script(&focused), true, "{page}: the row was drawn anew");
    let reads = b.script_with(
        "return performance.getEntriesByType('resource').filter(r => new URL(r.name).pathname === arguments[0]).length",
        json!([api]),
    );
    assert_eq!(reads, 1, "{page}: the list was read again");
    // The state filter lists it as disabled, not as enabled.
    choose(&b, "select[name=enabled]", "no");
    b.wait(&row);
    choose(&b, "select[name=enabled]", "yes");
    b.wait_until("no longer listed as enabled", || {
        b.find(&row).is_none().then_some(())
    });
}

#[test]
fn a_policy_switched_in_its_row_is_listed_as_switched() {
    let mock = Mock::shared(&[]);
    let (a, c) = two_groups(&mock);
    let policy = mock.created(
        "/api/policies",
        &json!({"name": "switch me", "enabled": true, "rules": [{"name": "one", "enabled": true,
            "action": "accept", "bidirectional": true, "protocol": "all",
            "sources": [s(&a, "id")], "destinations": [s(&c, "id")]}]}),
    );
    // The policy and its rule are switched together.
    switched_in_its_row_is_listed_as_switched(
        &mock,
        "/policies",
        "/api/policies",
        &s(&policy, "id"),
        |p| {
            p["enabled"] = json!(false);
            p["rules"][0]["enabled"] = json!(false);
        },
    );
}

#[test]
fn a_nameserver_group_switched_in_its_row_is_listed_as_switched() {
    let mock = Mock::shared(&[]);
    let (a, _) = two_groups(&mock);
    let group = mock.created(
        "/api/dns/nameservers",
        &json!({"name": "switch me", "description": "resolvers", "enabled": true,
            "nameservers": [{"ip": "9.9.9.9", "ns_type": "udp", "port": 53}],
            "groups": [s(&a, "id")], "primary": false, "domains": ["corp.example"],
            "search_domains_enabled": true}),
    );
    switched_in_its_row_is_listed_as_switched(
        &mock,
        "/dns",
        "/api/dns/nameservers",
        &s(&group, "id"),
        |g| g["enabled"] = json!(false),
    );
}

/// Two nameserver groups disabled and enabled again from the bulk bar: each is written back
/// from the server's current version with only its state changed, and the list shows them so.
#[test]
fn nameserver_groups_are_disabled_and_enabled_in_bulk() {
    let mock = Mock::start(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let chosen: Vec<Value> = mock
        .list("/api/dns/nameservers")
        .into_iter()
        .filter(|n| n["enabled"] == true)
        .take(2)
        .collect();
    assert_eq!(
        chosen.len(),
        2,
        "the demo data has two enabled nameserver groups"
    );
    sign_in_to(&b, &mock, "owner", "/dns");
    for (button, verb, state) in [
        ("bulk-disable", "Disable 2 nameserver groups", false),
        ("bulk-enable", "Enable 2 nameserver groups", true),
    ] {
        for n in &chosen {
            b.click_on(&format!("tr[data-id='{}'] td.select-col input", s(n, "id")));
        }
        b.click(&b.wait(&format!("[data-testid={button}]")));
        let dialog = b.text(&b.wait("[data-testid=confirm-dialog]"));
        assert!(dialog.contains(verb), "{dialog}");
        for n in &chosen {
            assert!(dialog.contains(&s(n, "name")), "{dialog}");
        }
        b.click(&b.wait("[data-testid=confirm]"));
        b.wait_until("the report", || {
            b.find("[data-testid=bulk-report]")
                .filter(|r| b.text(r).contains("2 of 2 succeeded"))
        });
        for n in &chosen {
            let (_, now) = mock.api(
                "GET",
                &format!("/api/dns/nameservers/{}", s(n, "id")),
                &owner,
                None,
            );
            let mut expected = n.clone();
            expected["enabled"] = json!(state);
            assert_eq!(now, expected, "more than the state changed");
        }
        b.wait_until("the switches as saved", || {
            chosen
                .iter()
                .all(|n| {
                    b.script_with(
                        "const e = document.querySelector(`tr[data-id='${arguments[0]}'] input[role=switch]`); return e ? e.checked : null",
                        json!([s(n, "id")]),
                    ) == json!(state)
                })
                .then_some(())
        });
        b.click(&b.wait("[data-testid=bulk-report] button"));
    }
}
