//! Nothing lost: an edit based on a version someone else has since changed is shown side by
//! side before anything is written; a session that expires mid-edit comes back to the form with
//! the draft (the routes form, and every other form); a toggle never undoes a concurrent edit.

use netbird_e2e::{encode_query, first_name, pick, set_text, sign_in, sign_in_to, Browser, Mock};
use serde_json::{json, Value};

fn route(mock: &Mock, id: &str) -> Value {
    let (status, v) = mock.api(
        "GET",
        &format!("/api/routes/{id}"),
        &mock.token("owner"),
        None,
    );
    assert_eq!(status, 200, "{v}");
    v
}

/// A single-peer IPv4 route of the seed, as the server has it.
fn a_peer_route(mock: &Mock) -> Value {
    let (_, v) = mock.api("GET", "/api/routes", &mock.token("owner"), None);
    v.as_array()
        .and_then(|a| {
            a.iter()
                .find(|r| {
                    r["network_type"] == "IPv4" && r["peer"].as_str().is_some_and(|p| !p.is_empty())
                })
                .cloned()
        })
        .expect("a peer-routed IPv4 route in the seed")
}

/// Someone else saves the route: the same body with `change` applied (PUT replaces it all).
fn someone_else_saves(mock: &Mock, r: &Value, change: Value) {
    let mut body = json!({
        "network_id": r["network_id"], "description": r["description"], "enabled": r["enabled"],
        "network": r["network"], "peer": r["peer"], "metric": r["metric"],
        "masquerade": r["masquerade"], "groups": r["groups"],
        "keep_route": r["keep_route"], "skip_auto_apply": r["skip_auto_apply"],
    });
    if let Some(acl) = r["access_control_groups"]
        .as_array()
        .filter(|a| !a.is_empty())
    {
        body["access_control_groups"] = Value::Array(acl.clone());
    }
    for (k, v) in change.as_object().expect("object") {
        body[k] = v.clone();
    }
    let id = r["id"].as_str().unwrap_or_default();
    let (status, v) = mock.api(
        "PUT",
        &format!("/api/routes/{id}"),
        &mock.token("admin"),
        Some(&body),
    );
    assert_eq!(status, 200, "{v}");
}

fn open_edit(b: &Browser, mock: &Mock, id: &str) {
    sign_in(
        b,
        mock,
        &mock.token("owner"),
        &format!("/login?next=%2Froutes%2F{id}"),
    );
    b.wait("[data-testid=route-form]");
}

#[test]
fn a_stale_edit_shows_both_versions_and_can_keep_both() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let r = a_peer_route(&mock);
    let id = r["id"].as_str().unwrap_or_default().to_string();
    open_edit(&b, &mock, &id);
    set_text(&b, "description", "edited in the console");

    // Meanwhile another admin changes the metric.
    let their_metric = if r["metric"] == 4321 { 4322 } else { 4321 };
    someone_else_saves(&mock, &r, json!({ "metric": their_metric }));

    b.click(&b.wait("[data-testid=save-route]"));
    let panel = b.wait("[data-testid=stale-edit]");
    b.screenshot("stale-edit");
    // Nothing was written: the server still has their version only.
    let now = route(&mock, &id);
    assert_eq!(now["metric"], their_metric);
    assert_eq!(now["description"], r["description"]);
    // Both versions, field by field, with who changed what.
    let metric_row = b.wait("[data-testid=stale-edit] tr[data-field=metric]");
    let text = b.text(&metric_row);
    assert!(text.contains("changed on the server"), "{text}");
    assert!(text.contains(&their_metric.to_string()), "{text}");
    assert!(text.contains(&r["metric"].to_string()), "{text}");
    let description_row = b.wait("[data-testid=stale-edit] tr[data-field=description]");
    let text = b.text(&description_row);
    assert!(
        text.contains("changed by you") && text.contains("edited in the console"),
        "{text}"
    );
    assert!(b.text(&panel).contains("Nothing was saved"));

    // Keep both: the form now holds their metric and my description; saving writes both.
    b.click(&b.wait("[data-testid=stale-combine]"));
    b.wait("[data-testid=stale-combined]");
    let metric = b.script("return document.querySelector('[name=metric]').value");
    assert_eq!(metric, their_metric.to_string());
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait_until("back on the list", || {
        Some(b.current_url()).filter(|u| u.ends_with("/routes"))
    });
    let saved = route(&mock, &id);
    assert_eq!(saved["metric"], their_metric);
    assert_eq!(saved["description"], "edited in the console");
}

#[test]
fn a_stale_edit_can_overwrite_or_take_theirs() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let r = a_peer_route(&mock);
    let id = r["id"].as_str().unwrap_or_default().to_string();
    open_edit(&b, &mock, &id);

    // Take theirs: the form shows the server's version, mine is dropped.
    set_text(&b, "description", "mine, to be dropped");
    someone_else_saves(&mock, &r, json!({ "description": "theirs" }));
    b.click(&b.wait("[data-testid=save-route]"));
    let row = b.wait("[data-testid=stale-edit] tr[data-field=description]");
    assert!(b.text(&row).contains("changed by both"), "{}", b.text(&row));
    b.click(&b.wait("[data-testid=stale-theirs]"));
    b.wait_until("their description in the form", || {
        (b.script("return document.querySelector('[name=description]').value") == "theirs")
            .then_some(())
    });
    assert!(b.find("[data-testid=stale-edit]").is_none());

    // Overwrite: another concurrent change, and this time mine wins on purpose.
    let after = route(&mock, &id);
    someone_else_saves(&mock, &after, json!({ "description": "theirs again" }));
    set_text(&b, "description", "mine wins");
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait("[data-testid=stale-edit]");
    b.click(&b.wait("[data-testid=stale-overwrite]"));
    b.wait_until("back on the list", || {
        Some(b.current_url()).filter(|u| u.ends_with("/routes"))
    });
    assert_eq!(route(&mock, &id)["description"], "mine wins");
}

#[test]
fn an_expired_session_mid_edit_comes_back_to_the_draft() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let r = a_peer_route(&mock);
    let id = r["id"].as_str().unwrap_or_default().to_string();
    let admin = mock.token("admin");
    sign_in(&b, &mock, &admin, &format!("/login?next=%2Froutes%2F{id}"));
    b.wait("[data-testid=route-form]");
    set_text(&b, "description", "typed before the token died");
    set_text(&b, "metric", "77");

    mock.revoke(&admin);
    b.click(&b.wait("[data-testid=save-route]"));
    // Back at sign-in (same document, no reload), remembering the form's path.
    let token = b.wait("input[name=token]");
    let url = b.current_url();
    assert!(
        url.contains(&format!("/login?next=%2Froutes%2F{id}")),
        "{url}"
    );
    let kept = b.script("return sessionStorage.getItem('netbird-console.draft') || ''");
    let kept = kept.as_str().unwrap_or_default();
    assert!(kept.contains("typed before the token died"), "{kept}");
    assert!(!kept.contains(&admin), "the draft must not hold the token");
    assert_eq!(
        route(&mock, &id)["description"],
        r["description"],
        "nothing was written"
    );

    b.type_into(&token, &mock.token("owner"));
    b.click(&b.wait("button[type=submit]"));
    b.wait("[data-testid=draft-restored]");
    assert!(b.current_url().ends_with(&format!("/routes/{id}")));
    assert_eq!(
        b.script("return document.querySelector('[name=description]').value"),
        "typed before the token died"
    );
    assert_eq!(
        b.script("return document.querySelector('[name=metric]').value"),
        "77"
    );
    b.screenshot("draft-restored");
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait_until("back on the list", || {
        Some(b.current_url()).filter(|u| u.ends_with("/routes"))
    });
    let saved = route(&mock, &id);
    assert_eq!(saved["description"], "typed before the token died");
    assert_eq!(saved["metric"], 77);
    // Saved: the kept draft is gone, so the form opens clean next time.
    assert_eq!(
        b.script("return sessionStorage.getItem('netbird-console.draft')"),
        Value::Null
    );
}

/// One form of `every_form_comes_back_to_its_draft_after_the_session_ended`.
struct Kept {
    /// The form's page.
    page: String,
    /// Its `data-testid`.
    form: &'static str,
    /// The control typed into, what is typed, and what it held at the start.
    field: &'static str,
    typed: &'static str,
    start: String,
    /// The save button's `data-testid`.
    save: &'static str,
    /// The request the server answers with a 401.
    request: String,
    method: &'static str,
}

/// Each form keeps its input when the session ends under it: the server answers its save with
/// a 401, the console returns to sign-in, and signing in again comes back to the form with the
/// input restored; "Discard them" then shows the form as it started, and nothing was written.
#[test]
fn every_form_comes_back_to_its_draft_after_the_session_ended() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let (peer, peer_name) = first_name(&mock, "/api/peers");
    let account = mock.list("/api/accounts")[0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let version = |m: &Mock| -> Value {
        m.list("/api/accounts")[0]["settings"]["auto_update_version"].clone()
    };
    let version_before = version(&mock);
    let (_, me) = mock.api("GET", "/api/users/current", &owner, None);
    let me = me["id"].as_str().unwrap_or_default().to_string();
    let (group, group_name) = mock
        .list("/api/groups")
        .iter()
        .find(|g| g["issued"] == "api" && g["name"] != "All")
        .map(|g| {
            (
                g["id"].as_str().unwrap_or_default().to_string(),
                g["name"].as_str().unwrap_or_default().to_string(),
            )
        })
        .expect("a group made through the API");
    let forms = [
        Kept {
            page: "/setup-keys/new".into(),
            form: "setup-key-form",
            field: "name",
            typed: "kept key",
            start: String::new(),
            save: "save-setup-key",
            request: "/api/setup-keys".into(),
            method: "POST",
        },
        Kept {
            page: "/users/new".into(),
            form: "new-user-form",
            field: "name",
            typed: "kept user",
            start: String::new(),
            save: "save-user",
            request: "/api/users".into(),
            method: "POST",
        },
        Kept {
            page: "/groups/new".into(),
            form: "group-form",
            field: "name",
            typed: "kept group",
            start: String::new(),
            save: "save-group",
            request: "/api/groups".into(),
            method: "POST",
        },
        Kept {
            page: format!("/peers/{peer}"),
            form: "peer-form",
            field: "name",
            typed: "kept-peer",
            start: peer_name.clone(),
            save: "save-peer",
            request: format!("/api/peers/{peer}"),
            method: "PUT",
        },
        Kept {
            page: format!("/groups/{group}"),
            form: "group-form",
            field: "name",
            typed: "kept-name",
            start: group_name.clone(),
            save: "save-group",
            request: format!("/api/groups/{group}"),
            method: "PUT",
        },
        Kept {
            page: format!("/users/{}", me.replace('|', "%7C")),
            form: "token-form",
            field: "name",
            typed: "kept token",
            start: String::new(),
            save: "create-token",
            // The ID holds a `|`, which the request's path carries encoded.
            request: "/api/users/".into(),
            method: "POST",
        },
        Kept {
            page: "/settings".into(),
            form: "settings-form",
            field: "auto_update_version",
            typed: "0.59.1",
            start: version_before.as_str().unwrap_or_default().to_string(),
            save: "save-settings",
            request: format!("/api/accounts/{account}"),
            method: "PUT",
        },
    ];
    sign_in_to(&b, &mock, "owner", "/");
    for Kept {
        page,
        form,
        field,
        typed,
        start,
        save,
        request,
        method,
    } in &forms
    {
        b.goto(&format!("{}{page}", mock.url));
        b.wait(&format!("[data-testid={form}]"));
        set_text(&b, field, typed);
        mock.control(
            "POST",
            &format!(
                "/__mock/fault?kind=status-401&path={}&method={method}&times=1",
                encode_query(request)
            ),
        );
        b.click(&b.wait(&format!("[data-testid={save}]")));
        let token = b.wait("input[name=token]");
        let url = b.current_url();
        assert!(
            url.contains(&format!("/login?next={}", encode_query(page))),
            "{page}: back at sign-in, heading for the form: {url}"
        );
        let kept = b.script("return sessionStorage.getItem('netbird-console.draft') || ''");
        let kept = kept.as_str().unwrap_or_default();
        assert!(kept.contains(typed), "{page}: the draft is kept: {kept}");
        assert!(
            !kept.contains(&owner),
            "{page}: the draft must not hold the token"
        );

        b.type_into(&token, &owner);
        b.click(&b.wait("button[type=submit]"));
        b.wait(&format!(
            "[data-testid={form}] [data-testid=draft-restored]"
        ));
        assert!(
            b.current_url().ends_with(page.as_str()),
            "{page}: back at the form"
        );
        let value =
            format!("return document.querySelector('[data-testid={form}] [name={field}]').value");
        assert_eq!(b.script(&value), *typed, "{page}: the input restored");
        if page == "/settings" {
            b.screenshot("draft-restored-settings");
        }

        b.click(&b.wait("[data-testid=discard-draft]"));
        b.wait_until(&format!("{page}: the form as it started"), || {
            (b.script(&value) == start.as_str()).then_some(())
        });
        assert!(
            b.find("[data-testid=draft-restored]").is_none(),
            "{page}: no longer said to be restored"
        );
        assert_eq!(
            b.script("return sessionStorage.getItem('netbird-console.draft')"),
            Value::Null,
            "{page}: nothing kept once discarded"
        );
    }
    // Nothing was written by any of them.
    assert!(mock
        .list("/api/setup-keys")
        .iter()
        .all(|k| k["name"] != "kept key"));
    assert!(mock
        .list("/api/users")
        .iter()
        .all(|u| u["name"] != "kept user"));
    assert!(mock
        .list("/api/groups")
        .iter()
        .all(|g| g["name"] != "kept group"));
    assert_eq!(mock.name_of("/api/peers", &peer), peer_name);
    assert_eq!(mock.name_of("/api/groups", &group), group_name);
    let (_, tokens) = mock.api(
        "GET",
        &format!("/api/users/{}/tokens", me.replace('|', "%7C")),
        &owner,
        None,
    );
    assert!(
        tokens
            .as_array()
            .is_some_and(|t| t.iter().all(|t| t["name"] != "kept token")),
        "{tokens}"
    );
    assert_eq!(version(&mock), version_before);
}

/// The groups chosen for a peer (a picker, saved as one write per group) come back too, and so
/// does what was typed meanwhile into the page's other form, not saved.
#[test]
fn the_groups_chosen_for_a_peer_come_back_after_the_session_ended() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let (peer, peer_name) = first_name(&mock, "/api/peers");
    let (_, detail) = mock.api("GET", &format!("/api/peers/{peer}"), &owner, None);
    let member_of: Vec<&str> = detail["groups"]
        .as_array()
        .map(|g| g.iter().filter_map(|g| g["id"].as_str()).collect())
        .unwrap_or_default();
    let groups = mock.list("/api/groups");
    let other = groups
        .iter()
        .find(|g| {
            g["issued"] == "api"
                && g["name"] != "All"
                && !member_of.contains(&g["id"].as_str().unwrap_or_default())
        })
        .expect("a group the peer is not in");
    let gid = other["id"].as_str().unwrap_or_default().to_string();
    let page = format!("/peers/{peer}");
    sign_in_to(&b, &mock, "owner", &page);
    b.wait("[data-testid=peer-form]");
    set_text(&b, "name", "typed-too");
    let chosen =
        format!("[data-testid=peer-groups-form] fieldset[name=groups] input[value='{gid}']");
    b.type_into(
        &b.wait("[data-testid=peer-groups-form] fieldset[name=groups] input[type=search]"),
        other["name"].as_str().unwrap_or_default(),
    );
    b.click(&b.wait(&chosen));
    mock.control(
        "POST",
        &format!(
            "/__mock/fault?kind=status-401&path={}&method=GET&times=1",
            encode_query(&format!("/api/groups/{gid}"))
        ),
    );
    b.click(&b.wait("[data-testid=save-peer-groups]"));
    let token = b.wait("input[name=token]");
    assert!(
        b.current_url()
            .contains(&format!("/login?next={}", encode_query(&page))),
        "back at sign-in, heading for the peer"
    );
    b.type_into(&token, &owner);
    b.click(&b.wait("button[type=submit]"));
    b.wait("[data-testid=peer-groups-form] [data-testid=draft-restored]");
    let is_chosen = format!("return document.querySelector(\"{chosen}\").checked");
    assert_eq!(b.script(&is_chosen), true, "the chosen group restored");
    b.wait("[data-testid=peer-form] [data-testid=draft-restored]");
    assert_eq!(
        b.script("return document.querySelector('[data-testid=peer-form] [name=name]').value"),
        "typed-too",
        "the other form's input restored"
    );
    b.script(
        "document.querySelector('[data-testid=peer-groups-form]').scrollIntoView(); return null",
    );
    b.screenshot("draft-restored-peer-groups");
    // Saving it now adds the peer to the group, and the page is read and built again (the
    // group's count of peers, one more, says so).
    b.click(&b.wait("[data-testid=save-peer-groups]"));
    b.wait_until("the peer added", || {
        let (_, g) = mock.api("GET", &format!("/api/groups/{gid}"), &owner, None);
        g["peers"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["id"] == peer.as_str()))
            .then_some(())
    });
    let count = other["peers_count"].as_u64().unwrap_or_default() + 1;
    let hint = format!(
        "return document.querySelector(\"{chosen}\").closest('label').querySelector('.picker__hint').textContent"
    );
    b.wait_until("the page built again", || {
        (b.script(&hint) == format!("{count} peers").as_str()).then_some(())
    });
    // The name typed is still there and kept; discarding it leaves nothing.
    b.wait("[data-testid=peer-form] [data-testid=draft-restored]");
    assert_eq!(
        b.script("return document.querySelector('[data-testid=peer-form] [name=name]').value"),
        "typed-too",
        "the other form's input survives the save"
    );
    let kept = b.script("return sessionStorage.getItem('netbird-console.draft')");
    let kept = kept.as_str().unwrap_or_default();
    assert!(
        kept.contains("typed-too") && !kept.contains("#peer-groups"),
        "{kept}"
    );
    b.click(&b.wait("[data-testid=peer-form] [data-testid=discard-draft]"));
    b.wait_until("nothing kept", || {
        (b.script("return sessionStorage.getItem('netbird-console.draft')") == Value::Null)
            .then_some(())
    });
    assert_eq!(mock.name_of("/api/peers", &peer), peer_name);
}

#[test]
fn a_toggle_never_undoes_a_concurrent_edit() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let r = a_peer_route(&mock);
    let id = r["id"].as_str().unwrap_or_default().to_string();
    sign_in(&b, &mock, &mock.token("owner"), "/login?next=%2Froutes");
    // The list loaded and its routing peers are named (the rows are drawn anew when the
    // peers arrive, after the routes); now someone else edits the route.
    let peer = r["peer"].as_str().unwrap_or_default();
    let peer_name = mock.name_of("/api/peers", peer);
    let row_css = format!("tr[data-id='{id}']");
    b.wait_until("routing peer named", || {
        b.find(&row_css)
            .filter(|row| b.text(row).contains(&peer_name))
    });
    let switch = b.wait(&format!("{row_css} input[role=switch]"));
    someone_else_saves(
        &mock,
        &r,
        json!({ "description": "renamed elsewhere", "metric": 1234 }),
    );
    b.click(&switch);
    let want = !r["enabled"].as_bool().unwrap_or(false);
    b.wait_until("toggled on the server", || {
        Some(route(&mock, &id)).filter(|x| x["enabled"] == want)
    });
    let now = route(&mock, &id);
    assert_eq!(now["description"], "renamed elsewhere");
    assert_eq!(now["metric"], 1234);
}

/// A group's page holds two changes in one form, its name and the peers chosen to add, saved
/// by two buttons: saving one keeps the other as typed (and not as "restored"), while the page
/// is read again.
#[test]
fn a_group_saves_its_name_or_its_new_members_and_keeps_the_other() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let g = mock.created("/api/groups", &json!({"name": "two-changes"}));
    let gid = g["id"].as_str().unwrap_or_default().to_string();
    let peers = mock.list("/api/peers");
    let choose = |b: &Browser, p: &Value| {
        let field = |k: &str| p[k].as_str().unwrap_or_default().to_string();
        pick(b, "peers", &field("name"), &field("id"));
    };
    let members = |mock: &Mock| -> Vec<String> {
        let (_, g) = mock.api("GET", &format!("/api/groups/{gid}"), &owner, None);
        g["peers"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p["id"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let name_typed = "return document.querySelector('[data-testid=group-form] [name=name]').value";
    let subtitle = |b: &Browser| {
        b.find(".page-header__subtitle")
            .map(|e| b.text(&e))
            .unwrap_or_default()
    };
    sign_in_to(&b, &mock, "owner", &format!("/groups/{gid}"));
    b.wait("[data-testid=group-members]");
    // A new name typed, not saved; a peer added.
    set_text(&b, "name", "two-changes-renamed");
    choose(&b, &peers[0]);
    b.click(&b.wait("[data-testid=add-members]"));
    b.wait_until("the peer added and the page read again", || {
        (subtitle(&b).starts_with("1 peer ") && members(&mock).len() == 1).then_some(())
    });
    assert_eq!(
        b.script(name_typed),
        "two-changes-renamed",
        "the name typed survives"
    );
    assert!(
        b.find("[data-testid=group-form] [data-testid=draft-restored]")
            .is_none(),
        "nothing was restored: the input never left the page"
    );
    assert_eq!(mock.name_of("/api/groups", &gid), "two-changes");
    // Another peer chosen, not added; the name saved.
    choose(&b, &peers[1]);
    b.click(&b.wait("[data-testid=save-group]"));
    b.wait_until("renamed", || {
        (mock.name_of("/api/groups", &gid) == "two-changes-renamed"
            && b.find("h1")
                .is_some_and(|h| b.text(&h) == "two-changes-renamed"))
        .then_some(())
    });
    b.wait_until("the peer chosen survives", || {
        let add = b.find("[data-testid=add-members]")?;
        (b.text(&add) == "Add 1 peer").then_some(())
    });
    assert!(b
        .find("[data-testid=group-form] [data-testid=draft-restored]")
        .is_none());
    b.click(&b.wait("[data-testid=add-members]"));
    b.wait_until("both members", || (members(&mock).len() == 2).then_some(()));
    b.wait_until("nothing left unsaved", || {
        let kept = b.script("return sessionStorage.getItem('netbird-console.draft')");
        (kept == Value::Null).then_some(())
    });
    assert_eq!(mock.name_of("/api/groups", &gid), "two-changes-renamed");
}
