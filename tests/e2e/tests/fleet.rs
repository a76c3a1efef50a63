//! Managing the fleet in Chromium against the mock seeded with 10,000 peers: qualifier search,
//! bulk work on 100 peers with one failure named, a group add that is one PUT keeping the
//! other members, a membership change made elsewhere during an edit, a group detached and
//! deleted in one flow, a setup key shown once, an auditor's read-only pages, and hostile names.

use netbird_e2e::{blur, row_named_after_loading, set_text, sign_in_to, Browser, Mock};
use serde_json::{json, Value};

fn s(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

fn rows_shown(b: &Browser) -> usize {
    b.find_all("tbody tr[data-id]").len()
}

fn summary(b: &Browser) -> String {
    b.find("[data-testid=table-summary]")
        .map(|e| b.text(&e))
        .unwrap_or_default()
}

fn group_by_name(mock: &Mock, name: &str) -> Value {
    mock.named("/api/groups", name)
}

fn member_ids(group: &Value) -> Vec<String> {
    group["peers"]
        .as_array()
        .map(|a| a.iter().map(|p| s(p, "id")).collect())
        .unwrap_or_default()
}

#[test]
fn qualifier_search_narrows_to_one_peer_and_survives_a_reload() {
    let mock = Mock::shared(&["--peers", "10000"]);
    let b = Browser::start();
    let peers = mock.list("/api/peers");
    assert_eq!(peers.len(), 10_000);
    let target = &peers[4321];
    let ip = s(target, "ip");
    let os = s(target, "os")
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    sign_in_to(&b, &mock, "owner", "/peers");
    b.wait_until("every peer", || {
        summary(&b).contains("10,000").then_some(())
    });
    let search = b.wait("input[name=q]");
    b.type_into(&search, &format!("os:{os} {ip}/32"));
    b.wait_until("one peer", || {
        (rows_shown(&b) == 1 && summary(&b).contains("1 matching")).then_some(())
    });
    assert!(b
        .find(&format!("tr[data-id='{}']", s(target, "id")))
        .is_some());
    assert!(b.current_url().contains("q=os%3A"), "{}", b.current_url());
    b.screenshot("peers-qualifier-search");
    // The view is in the URL: a reload shows the same peer.
    b.goto(&b.current_url());
    b.wait_until("one peer after the reload", || {
        (rows_shown(&b) == 1).then_some(())
    });
    assert!(b
        .find(&format!("tr[data-id='{}']", s(target, "id")))
        .is_some());
    // A mistyped qualifier is said, and shows nothing rather than everything.
    let search = b.wait("input[name=q]");
    b.clear(&search);
    b.type_into(&search, "colour:red");
    let problems = b.wait("[data-testid=search-problems]");
    assert!(
        b.text(&problems).contains("colour:"),
        "{}",
        b.text(&problems)
    );
    b.wait_until("no rows", || (rows_shown(&b) == 0).then_some(()));
}

#[test]
fn bulk_ssh_on_100_peers_names_the_one_failure_and_a_group_add_is_one_put() {
    let mock = Mock::shared(&["--peers", "10000"]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/peers?size=100");
    b.wait_until("every peer", || {
        summary(&b).contains("10,000").then_some(())
    });
    b.wait_until("100 rows", || (rows_shown(&b) >= 100).then_some(()));
    let ids: Vec<String> = b
        .script("return [...document.querySelectorAll('tbody tr[data-id]')].map(r => r.dataset.id)")
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(ids.len(), 100);
    let before = mock.list("/api/peers");
    let ssh_before = |id: &str| {
        before
            .iter()
            .any(|p| s(p, "id") == id && p["ssh_enabled"] == true)
    };
    // The failing peer has SSH off: after the run it is the one still off.
    let failing = ids
        .iter()
        .skip(30)
        .find(|id| !ssh_before(id))
        .expect("a peer with SSH off")
        .clone();
    let failing_name = before
        .iter()
        .find(|p| s(p, "id") == failing)
        .map(|p| s(p, "name"))
        .unwrap_or_default();
    mock.control(
        "POST",
        &format!("/__mock/fault?kind=status-500&path=/api/peers/{failing}&method=PUT&times=1"),
    );
    b.click(&b.wait("thead th.select-col input"));
    b.click(&b.wait("[data-testid=bulk-ssh-on]"));
    b.wait("[data-testid=confirm-dialog]");
    b.click(&b.wait("[data-testid=confirm]"));
    let started = std::time::Instant::now();
    b.wait_for("the report", std::time::Duration::from_secs(60), || {
        b.find("[data-testid=bulk-report]")
            .filter(|r| b.text(r).contains("99 of 100 succeeded, 1 failed"))
    });
    println!(
        "bulk SSH on 100 peers (100 reads and PUTs): {:?}",
        started.elapsed()
    );
    let failures = b.text(&b.wait("[data-testid=bulk-failures]"));
    assert!(failures.contains(&failing_name), "{failures}");
    b.screenshot("peers-bulk-ssh-report");
    let now = mock.list("/api/peers");
    for id in &ids {
        let p = now.iter().find(|p| &s(p, "id") == id).expect("peer");
        assert_eq!(p["ssh_enabled"] == true, *id != failing, "{id}");
    }

    // The same 100 peers to a group: one PUT, the group's other members kept.
    let group = group_by_name(&mock, "team-001");
    let before = member_ids(&group);
    assert!(!before.is_empty());
    mock.control("DELETE", "/__mock/requests");
    b.click(&b.wait("[data-testid=bulk-report] button"));
    b.wait_until("rows again", || (rows_shown(&b) >= 100).then_some(()));
    b.click(&b.wait("thead th.select-col input"));
    b.click(&b.wait("[data-testid=bulk-group-add]"));
    b.wait(&format!(
        "[data-testid=group-choice] option[value='{}']",
        s(&group, "id")
    ));
    b.script_with(
        "const s = document.querySelector('[data-testid=group-choice] select[name=group]'); \
         s.value = arguments[0]; s.dispatchEvent(new Event('change')); return null",
        json!([s(&group, "id")]),
    );
    b.click(&b.wait("[data-testid=group-choice-next]"));
    b.click(&b.wait("[data-testid=confirm]"));
    b.wait_until("the group report", || {
        b.find("[data-testid=bulk-report]")
            .filter(|r| b.text(r).contains("1 of 1 succeeded"))
    });
    let puts = mock.control(
        "GET",
        &format!(
            "/__mock/requests?method=PUT&path=/api/groups/{}",
            s(&group, "id")
        ),
    );
    assert_eq!(puts["count"], 1, "{puts}");
    let after = member_ids(&group_by_name(&mock, "team-001"));
    for id in before.iter().chain(ids.iter()) {
        assert!(after.contains(id), "{id} missing from the group");
    }
}

#[test]
fn a_membership_change_made_elsewhere_during_an_edit_survives() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let group = group_by_name(&mock, "devops");
    let members = member_ids(&group);
    let peers = mock.list("/api/peers");
    let outsiders: Vec<&Value> = peers
        .iter()
        .filter(|p| !members.contains(&s(p, "id")))
        .collect();
    let (theirs, mine) = (outsiders[0], outsiders[1]);
    sign_in_to(&b, &mock, "owner", &format!("/groups/{}", s(&group, "id")));
    b.wait("[data-testid=group-members]");
    // Someone adds a peer through the API while the page is open.
    let mut with_theirs = members.clone();
    with_theirs.push(s(theirs, "id"));
    let (status, _) = mock.api(
        "PUT",
        &format!("/api/groups/{}", s(&group, "id")),
        &owner,
        Some(&json!({"name": "devops", "peers": with_theirs})),
    );
    assert_eq!(status, 200);
    // The page adds another: the write starts from a fresh GET, so theirs stays.
    let search = b.wait("fieldset[name=peers] input[type=search]");
    b.type_into(&search, &s(mine, "name"));
    b.click(&b.wait(&format!(
        "fieldset[name=peers] input[value='{}']",
        s(mine, "id")
    )));
    b.click(&b.wait("[data-testid=add-members]"));
    b.wait_until("both members", || {
        let now = member_ids(&group_by_name(&mock, "devops"));
        (now.contains(&s(theirs, "id")) && now.contains(&s(mine, "id"))).then_some(())
    });
    let now = member_ids(&group_by_name(&mock, "devops"));
    for m in &members {
        assert!(now.contains(m), "{m} was dropped");
    }
}

#[test]
fn a_group_used_by_a_route_and_a_policy_is_detached_and_deleted_in_one_flow() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let g = mock.created("/api/groups", &json!({"name": "to-retire"}));
    let gid = s(&g, "id");
    let other = group_by_name(&mock, "devops");
    let oid = s(&other, "id");
    let peer = s(&mock.list("/api/peers")[0], "id");
    mock.created(
        "/api/routes",
        &json!({"network_id": "retire-net", "description": "", "enabled": true, "peer": peer,
            "network": "10.99.0.0/24", "metric": 9999, "masquerade": true, "groups": [gid, oid],
            "keep_route": false}),
    );
    mock.created(
        "/api/policies",
        &json!({"name": "retire-policy", "description": "", "enabled": true, "rules": [{
            "name": "r", "enabled": true, "action": "accept", "bidirectional": true, "protocol": "all",
            "sources": [gid, oid], "destinations": [oid]}]}),
    );
    sign_in_to(&b, &mock, "owner", &format!("/groups/{gid}"));
    let usage = b.text(&b.wait("[data-testid=group-usage]"));
    assert!(
        usage.contains("retire-net") && usage.contains("retire-policy"),
        "{usage}"
    );
    b.click(&b.wait("[data-testid=delete-group]"));
    let items = b.text(&b.wait("[data-testid=dialog-items]"));
    assert!(
        items.contains("retire-net") && items.contains("retire-policy"),
        "{items}"
    );
    b.screenshot("group-detach-preview");
    b.click(&b.wait("[data-testid=confirm]"));
    b.wait_until("back on the groups list", || {
        b.current_url().ends_with("/groups").then_some(())
    });
    assert!(mock.list("/api/groups").iter().all(|g| s(g, "id") != gid));
    let route = mock
        .list("/api/routes")
        .into_iter()
        .find(|r| r["network_id"] == "retire-net")
        .expect("route");
    assert_eq!(route["groups"], json!([oid]));
    let policy = mock
        .list("/api/policies")
        .into_iter()
        .find(|p| p["name"] == "retire-policy")
        .expect("policy");
    let sources: Vec<String> = policy["rules"][0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| s(g, "id"))
        .collect();
    assert_eq!(sources, [oid]);
}

#[test]
fn a_setup_key_is_shown_once_copied_and_gone_after_the_panel() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/setup-keys/new");
    b.wait("[data-testid=setup-key-form]");
    // Nothing is sent while the form is invalid.
    b.click(&b.wait("[data-testid=save-setup-key]"));
    b.wait("[data-testid=form-blocked]");
    let name = b.wait("[name=name]");
    assert_eq!(b.attr(&name, "aria-invalid").as_deref(), Some("true"));
    set_text(&b, "name", "fleet-journey-key");
    set_text(&b, "usage_limit", "5");
    b.click(&b.wait("[data-testid=save-setup-key]"));
    let key = b.text(&b.wait("[data-testid=plain-key]"));
    assert_eq!(key.len(), 36, "{key}");
    assert_eq!(key, key.to_uppercase());
    let command = b.text(&b.wait("[data-testid=install-command]"));
    assert_eq!(command, format!("netbird up --setup-key {key}"));
    let _ = b.cdp(
        "Browser.grantPermissions",
        json!({"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}),
    );
    b.click(&b.wait("[data-testid=copy-key]"));
    let copied = b.script_async(
        "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('error: ' + e));",
    );
    assert_eq!(copied.as_str(), Some(key.as_str()));
    b.screenshot("setup-key-panel");
    // The server has it, masked.
    let listed = mock
        .list("/api/setup-keys")
        .into_iter()
        .find(|k| k["name"] == "fleet-journey-key")
        .expect("key");
    assert_eq!(s(&listed, "key"), format!("{}****", &key[..5]));
    assert_eq!(listed["usage_limit"], 5);
    b.click(&b.wait("[data-testid=key-done]"));
    b.wait_until("the list", || {
        b.current_url().ends_with("/setup-keys").then_some(())
    });
    b.wait("tbody tr[data-id]");
    let html = b
        .script("return document.documentElement.outerHTML")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!html.contains(&key), "the plain key is still on the page");
}

/// One row chosen: the bulk confirmation speaks of one object ("Delete 1 setup key", "Delete
/// this setup key?"), not of "1 setup keys".
#[test]
fn a_bulk_action_on_one_row_is_said_in_the_singular() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    for (path, button, title, message) in [
        (
            "/setup-keys",
            "bulk-delete",
            "Delete 1 setup key",
            "Delete this setup key?",
        ),
        (
            "/peers",
            "bulk-delete",
            "Deleting 1 peer",
            "Delete this peer?",
        ),
    ] {
        sign_in_to(&b, &mock, "owner", path);
        b.click_on("tbody tr[data-id] td.select-col input");
        b.click(&b.wait(&format!("[data-testid={button}]")));
        let dialog = b.text(&b.wait("[data-testid=confirm-dialog]"));
        assert!(
            dialog.contains(title) && dialog.contains(message),
            "{path}: {dialog}"
        );
        assert!(
            !dialog.contains(" 1 setup keys") && !dialog.contains(" 1 peers"),
            "{dialog}"
        );
        let sign_out = "sessionStorage.clear(); localStorage.clear(); return null";
        b.script(sign_out);
    }
}

#[test]
fn a_group_of_one_peer_and_one_peer_to_add_are_said_in_the_singular() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let peers = mock.list("/api/peers");
    let (status, g) = mock.api(
        "POST",
        "/api/groups",
        &owner,
        Some(&json!({"name": "just-one", "peers": [s(&peers[0], "id")]})),
    );
    assert_eq!(status, 200, "{g}");
    sign_in_to(&b, &mock, "owner", &format!("/groups/{}", s(&g, "id")));
    b.wait("[data-testid=group-members]");
    let subtitle = b.text(&b.wait(".page-header__subtitle"));
    assert!(subtitle.starts_with("1 peer · issued by "), "{subtitle}");
    let search = b.wait("fieldset[name=peers] input[type=search]");
    let add = |i: usize, said: &str| {
        b.type_into(&search, &s(&peers[i], "name"));
        b.click(&b.wait(&format!(
            "fieldset[name=peers] input[value='{}']",
            s(&peers[i], "id")
        )));
        b.wait_until(said, || {
            let text = b.text(&b.find("[data-testid=add-members]")?);
            (text == said).then_some(())
        });
        b.clear(&search);
    };
    add(1, "Add 1 peer");
    add(2, "Add 2 peers");
}

#[test]
fn an_auditor_sees_no_write_controls() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let peer = &mock.list("/api/peers")[0];
    let group = group_by_name(&mock, "devops");
    let key = &mock.list("/api/setup-keys")[0];
    sign_in_to(&b, &mock, "auditor", "/peers");
    b.wait("tbody tr[data-id]");
    b.click_on("tbody tr[data-id] td.select-col input");
    assert!(
        b.find("[data-testid^=bulk-]").is_none(),
        "bulk actions offered to an auditor"
    );
    for (path, ready) in [
        (
            format!("/peers/{}", s(peer, "id")),
            "[data-testid=peer-facts]",
        ),
        (
            format!("/groups/{}", s(&group, "id")),
            "[data-testid=group-members]",
        ),
        (
            format!("/setup-keys/{}", s(key, "id")),
            "[data-testid=setup-key-facts]",
        ),
        ("/groups".to_string(), "tbody tr[data-id]"),
        ("/setup-keys".to_string(), "tbody tr[data-id]"),
    ] {
        b.goto(&format!("{}{path}", mock.url));
        b.wait(ready);
        let writes = b.script(
            "return [...document.querySelectorAll('main form:not([hidden]) button[type=submit], [data-testid^=delete-], [data-testid^=add-], [data-testid=approve-peer], [data-testid=save-peer-groups]')].length",
        );
        assert_eq!(writes, 0, "write controls on {path}");
    }
}

#[test]
fn hostile_names_stay_text_on_the_fleet_pages() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let payload = "<img src=x onerror=window.__xss=1>";
    let peer = s(&mock.list("/api/peers")[0], "id");
    let (status, _) = mock.api(
        "PUT",
        &format!("/api/peers/{peer}"),
        &owner,
        Some(
            &json!({"name": payload, "ssh_enabled": false, "login_expiration_enabled": false,
            "inactivity_expiration_enabled": false}),
        ),
    );
    assert_eq!(status, 200);
    let (_, g) = mock.api(
        "POST",
        "/api/groups",
        &owner,
        Some(&json!({"name": payload, "peers": [peer]})),
    );
    let (status, k) = mock.api(
        "POST",
        "/api/setup-keys",
        &owner,
        Some(&json!({"name": payload, "type": "reusable", "expires_in": 86400, "auto_groups": [], "usage_limit": 0})),
    );
    assert_eq!(status, 200, "{k}");
    sign_in_to(&b, &mock, "owner", "/peers");
    for (path, ready) in [
        ("/peers".to_string(), "tbody tr[data-id]"),
        (format!("/peers/{peer}"), "[data-testid=peer-facts]"),
        ("/groups".to_string(), "tbody tr[data-id]"),
        (
            format!("/groups/{}", s(&g, "id")),
            "[data-testid=group-members]",
        ),
        ("/setup-keys".to_string(), "tbody tr[data-id]"),
        (
            format!("/setup-keys/{}", s(&k, "id")),
            "[data-testid=setup-key-facts]",
        ),
    ] {
        b.goto(&format!("{}{path}", mock.url));
        b.wait(ready);
        b.wait_until(&format!("the name as text on {path}"), || {
            b.script("return document.body.innerText")
                .as_str()
                .unwrap_or_default()
                .contains(payload)
                .then_some(())
        });
        let injected = b.script(
            "return document.querySelectorAll('img[src=x]').length + (window.__xss ? 1 : 0)",
        );
        assert_eq!(injected, 0, "markup from a name ran on {path}");
    }
}

/// A setup key of the mock's with auto-groups, and not named as its first group: its ID and
/// that group's name.
fn key_with_groups(mock: &Mock) -> (String, String) {
    let groups = mock.list("/api/groups");
    let group_name = |id: &Value| groups.iter().find(|g| g["id"] == *id).map(|g| s(g, "name"));
    mock.list("/api/setup-keys")
        .into_iter()
        .find_map(|k| {
            let name = group_name(k["auto_groups"].get(0)?)?;
            (!s(&k, "name").contains(&name)).then(|| (s(&k, "id"), name))
        })
        .expect("a setup key with auto-groups, named otherwise")
}

/// Sets these faults, (kind, path prefix), on GET requests.
fn fail_gets(mock: &Mock, faults: &[(&str, &str)]) {
    for (kind, path) in faults {
        mock.control(
            "POST",
            &format!("/__mock/fault?kind={kind}&path={path}&method=GET"),
        );
    }
}

/// Opens the setup keys page with these faults, (kind, path prefix), on GET requests.
fn open_setup_keys_with(mock: &Mock, faults: &[(&str, &str)]) -> Browser {
    fail_gets(mock, faults);
    let b = Browser::start();
    sign_in_to(&b, mock, "owner", "/setup-keys");
    b
}

#[test]
fn setup_keys_are_listed_before_the_groups_arrive_and_named_after() {
    let mock = Mock::shared(&[]);
    let (key_id, group) = key_with_groups(&mock);
    // The groups list (2.8 MB beside 10,000 peers) takes its time; the keys do not.
    let b = open_setup_keys_with(&mock, &[("slow-2500", "/api/groups")]);
    let row = format!("tbody tr[data-id='{key_id}']");
    row_named_after_loading(
        &b,
        &row,
        &group,
        "the key's groups",
        "setup-keys-before-groups",
    );
    // Named rows are kept: coming back, they show named at once.
    mock.control("DELETE", "/__mock/fault");
    b.click(&b.wait(".sidebar a[href='/peers']"));
    b.wait("tbody tr[data-id]");
    fail_gets(&mock, &[("slow-2500", "/api/groups")]);
    b.click(&b.wait(".sidebar a[href='/setup-keys']"));
    let back = b.text(&b.wait(&row));
    assert!(
        back.contains(&group) && !back.contains("Loading…"),
        "the last visit's names show at once: {back}"
    );
}

#[test]
fn setup_keys_stay_listed_when_the_groups_fail_and_are_named_after_a_retry() {
    let mock = Mock::shared(&[]);
    let (key_id, group) = key_with_groups(&mock);
    let row = format!("tbody tr[data-id='{key_id}']");
    let groups_fail_after_the_keys = [("slow-1500", "/api/groups"), ("status-500", "/api/groups")];
    let groups_fail_before_the_keys = [
        ("slow-1500", "/api/setup-keys"),
        ("status-500", "/api/groups"),
    ];
    for faults in [groups_fail_after_the_keys, groups_fail_before_the_keys] {
        mock.control("DELETE", "/__mock/fault");
        let b = open_setup_keys_with(&mock, &faults);
        let notice = b.wait("[data-testid=error-notice]");
        assert!(
            b.text(&notice).len() > 20,
            "{faults:?}: {}",
            b.text(&notice)
        );
        let shown = b.text(&b.wait(&row));
        assert!(
            !shown.contains("Loading…") && !shown.contains(&group),
            "{faults:?}: the key's groups are shown by their IDs, not as loading: {shown}"
        );
        b.screenshot("setup-keys-groups-failed");
        mock.control("DELETE", "/__mock/fault");
        b.click(&b.wait("[data-testid=error-notice] button"));
        b.wait_until("the key's groups named after the retry", || {
            b.find(&row).filter(|r| b.text(r).contains(&group))
        });
        assert!(b.find("[data-testid=error-notice]").is_none(), "{faults:?}");
    }
}

#[test]
fn a_peer_page_refuses_the_address_of_another_of_10000_peers() {
    let mock = Mock::shared(&["--peers", "10000"]);
    let peers = mock.list("/api/peers");
    assert!(peers.len() >= 10_000, "{} peers", peers.len());
    // The last peer listed: the page must have read every peer to know its address is taken.
    let (editing, other) = (&peers[0], &peers[peers.len() - 1]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", &format!("/peers/{}", s(editing, "id")));
    b.wait("[name=ip]");
    set_text(&b, "ip", &s(other, "ip"));
    blur(&b);
    let refused = format!(
        "{} is already the address of {}; choose a free address.",
        s(other, "ip"),
        s(other, "name")
    );
    b.wait_until("the address refused at its field", || {
        let field = b.find("[name=ip]")?;
        let page = b.text(&b.find("main.content")?);
        (b.attr(&field, "aria-invalid").as_deref() == Some("true") && page.contains(&refused))
            .then_some(())
    });
    // Its own address is its own.
    set_text(&b, "ip", &s(editing, "ip"));
    blur(&b);
    b.wait_until("its own address accepted", || {
        let field = b.find("[name=ip]")?;
        (b.attr(&field, "aria-invalid").is_none()).then_some(())
    });
}

#[test]
fn a_list_that_says_where_groups_are_used_failing_is_said_not_taken_for_unused() {
    let mock = Mock::shared(&[]);
    let group = group_by_name(&mock, "All");
    let row = format!("tbody tr[data-id='{}']", s(&group, "id"));
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/groups");
    let known = b.text(&b.wait(&row));
    // The policies fail: the groups are not shown as used by none, the failure is said.
    b.goto("about:blank");
    fail_gets(&mock, &[("status-500", "/api/policies")]);
    b.goto(&format!("{}/groups?usage=unused", mock.url));
    let notice = b.wait("[data-testid=error-notice]");
    assert!(b.text(&notice).len() > 20, "{}", b.text(&notice));
    assert!(
        b.find("tbody tr[data-id]").is_none(),
        "no group listed as unused"
    );
    // The retry loads the list (the error goes), which lists the groups as they are.
    mock.control("DELETE", "/__mock/fault");
    b.click(&b.wait("[data-testid=error-notice] button"));
    b.wait_until("the error gone after the retry", || {
        b.find("[data-testid=error-notice]").is_none().then_some(())
    });
    b.goto(&format!("{}/groups", mock.url));
    b.wait_until("the groups listed after the retry", || {
        b.find(&row).filter(|r| b.text(r) == known)
    });
}

#[test]
fn a_peer_reaching_hundreds_of_peers_lists_the_first_and_every_one_when_asked() {
    let mock = Mock::shared(&["--peers", "300"]);
    let peers = mock.list("/api/peers");
    let peer = peers
        .iter()
        .find(|p| !p["approval_required"].as_bool().unwrap_or(false))
        .expect("an approved peer");
    let reachable = mock.list(&format!("/api/peers/{}/accessible-peers", s(peer, "id")));
    // More than the page once listed (200) and far more than a short list shows.
    assert!(reachable.len() > 200, "{} reachable", reachable.len());
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", &format!("/peers/{}", s(peer, "id")));
    let section = "[data-testid=peer-reachable]";
    let links = format!("{section} li a");
    b.wait_until("the first reachable peers listed", || {
        (b.find_all(&links).len() == 25).then_some(())
    });
    let button = b.wait(&format!("{section} [data-testid=show-all]"));
    assert_eq!(
        b.text(&button),
        format!("Show all {}", reachable.len()),
        "the count of all it reaches"
    );
    b.click(&button);
    b.wait_until("every reachable peer listed", || {
        (b.find_all(&links).len() == reachable.len()).then_some(())
    });
    // Each by name, linking its own page.
    let shown: std::collections::HashSet<(String, String)> = serde_json::from_value(b.script(
        &format!("return [...document.querySelectorAll('{links}')].map(a => [a.textContent, a.getAttribute('href')]);"),
    ))
    .expect("pairs of name and link");
    for p in &reachable {
        let wanted = (s(p, "name"), format!("/peers/{}", s(p, "id")));
        assert!(shown.contains(&wanted), "{wanted:?} not listed");
    }
    assert!(b
        .find(&format!("{section} [data-testid=show-all]"))
        .is_none());
    b.screenshot("peer-reachable-all");
}

/// Setup keys revoked from the bulk bar: the confirmation names each; each is written back
/// from the server's current version with only its revocation changed (its groups kept); a key
/// another admin deleted meanwhile is named in the report with the server's message.
#[test]
fn setup_keys_are_revoked_in_bulk_and_one_deleted_meanwhile_is_named() {
    let mock = Mock::start(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let chosen: Vec<Value> = mock
        .list("/api/setup-keys")
        .into_iter()
        .filter(|k| k["state"] == "valid")
        .take(3)
        .collect();
    assert_eq!(chosen.len(), 3, "the demo data has three valid setup keys");
    sign_in_to(&b, &mock, "owner", "/setup-keys");
    for k in &chosen {
        b.click_on(&format!("tr[data-id='{}'] td.select-col input", s(k, "id")));
    }
    b.click(&b.wait("[data-testid=bulk-revoke]"));
    let dialog = b.text(&b.wait("[data-testid=confirm-dialog]"));
    assert!(dialog.contains("Revoke 3 setup keys"), "{dialog}");
    for k in &chosen {
        assert!(dialog.contains(&s(k, "name")), "{dialog}");
    }
    let gone = &chosen[2];
    let (status, _) = mock.api(
        "DELETE",
        &format!("/api/setup-keys/{}", s(gone, "id")),
        &owner,
        None,
    );
    assert_eq!(status, 200);
    b.click(&b.wait("[data-testid=confirm]"));
    let report = b.wait_until("the report", || {
        b.find("[data-testid=bulk-report]")
            .map(|r| b.text(&r))
            .filter(|r| r.contains("1 failed"))
    });
    assert!(report.contains("2 of 3 succeeded"), "{report}");
    let failures = b.text(&b.wait("[data-testid=bulk-failures]"));
    assert!(
        failures.contains(&s(gone, "name")) && failures.contains("not found"),
        "{failures}"
    );
    for k in &chosen[..2] {
        let (_, now) = mock.api(
            "GET",
            &format!("/api/setup-keys/{}", s(k, "id")),
            &owner,
            None,
        );
        let mut expected = k.clone();
        expected["revoked"] = json!(true);
        expected["valid"] = json!(false);
        expected["state"] = json!("revoked");
        expected["updated_at"] = now["updated_at"].clone();
        assert_eq!(now, expected, "more than the revocation changed");
        b.wait_until("the row as revoked", || {
            b.find(&format!("tr[data-id='{}']", s(k, "id")))
                .filter(|r| b.text(r).contains("revoked"))
        });
    }
    assert!(
        b.find(".bulkbar").is_none(),
        "the selection is cleared once all is over"
    );
}
