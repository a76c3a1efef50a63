//! Going back to a list already visited paints at once from what it showed, says that it is
//! updating, and then shows what the server has now; nothing of it outlives the session.

use netbird_e2e::{sign_in, Browser, Mock};
use serde_json::json;
use std::time::Duration;

/// The text of each row of the list shown (groups or routes).
fn table_rows(b: &Browser) -> Vec<String> {
    b.find_all("table tbody tr")
        .iter()
        .map(|r| b.text(r))
        .collect()
}

fn freshness(b: &Browser) -> Option<String> {
    b.find("[data-testid=freshness]").map(|e| b.text(&e))
}

#[test]
fn a_list_visited_before_shows_at_once_then_updates() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/groups");
    b.wait("table tbody tr");
    assert!(freshness(&b).is_none(), "a first visit has nothing kept");
    let before = table_rows(&b);
    b.click(&b.wait("a.sidebar__link[href='/routes']"));
    b.wait_until("the routes list", || {
        (b.current_url().ends_with("/routes") && b.find("[data-testid=freshness]").is_none())
            .then_some(())
    });
    b.wait("table tbody tr");

    // Meanwhile a group is added elsewhere, and the next groups answer is slow.
    let (status, _) = mock.api(
        "POST",
        "/api/groups",
        &mock.token("owner"),
        Some(&json!({ "name": "came-while-away" })),
    );
    assert_eq!(status, 200);
    mock.control(
        "POST",
        "/__mock/fault?kind=slow-2500&path=/api/groups&method=GET&times=1",
    );

    b.script("history.back(); return null;");
    // At once: the rows shown before, and the word that they are being updated.
    let shown = b.wait_for("the kept groups", Duration::from_secs(2), || {
        freshness(&b).filter(|_| b.current_url().ends_with("/groups"))
    });
    assert_eq!(shown, "Shown as last loaded; updating…");
    assert_eq!(table_rows(&b), before, "the rows shown before, unchanged");
    // Then what the server has now.
    b.wait_until("the new group listed", || {
        table_rows(&b)
            .iter()
            .any(|r| r.contains("came-while-away"))
            .then_some(())
    });
    assert_eq!(freshness(&b).as_deref(), Some("Updated."));
    // Forward again: the routes as they were shown, then updated; the peers, slow this time,
    // follow the routes.
    mock.control(
        "POST",
        "/__mock/fault?kind=slow-2500&path=/api/peers&method=GET&times=1",
    );
    b.script("performance.clearMarks('nbc:routes-named'); history.forward(); return null;");
    b.wait_until("the routes, updated", || {
        (b.current_url().ends_with("/routes")
            && freshness(&b).as_deref() == Some("Updated.")
            && b.find("table tbody tr").is_some())
        .then_some(())
    });
    // Meanwhile the routing peers keep the names they had; when the peers arrive with the
    // same names, the rows are not drawn anew (that would drop a click or the focus).
    let routes_before = table_rows(&b);
    b.script("document.querySelectorAll('tbody tr').forEach(r => r.__kept = true); return null");
    b.wait_until("the routing peers named again", || {
        let marks = b.script("return performance.getEntriesByName('nbc:routes-named').length");
        (marks.as_u64() >= Some(2)).then_some(())
    });
    assert_eq!(table_rows(&b), routes_before);
    let kept = b.script(
        "const rows = [...document.querySelectorAll('tbody tr')]; \
         return rows.length > 1 && rows.every(r => r.__kept === true)",
    );
    assert_eq!(
        kept, true,
        "the routes were drawn anew under the same names"
    );

    // Signed out and in again, in the same document: nothing kept from before (a fresh, slow
    // load shows no rows).
    b.click(&b.wait("[data-testid=sign-out]"));
    b.type_into(&b.wait("input[name=token]"), &mock.token("owner"));
    b.click(&b.wait("button[type=submit]"));
    b.wait("[data-testid=current-user]");
    mock.control(
        "POST",
        "/__mock/fault?kind=slow-2500&path=/api/groups&method=GET&times=1",
    );
    b.click(&b.wait("a.sidebar__link[href='/groups']"));
    b.wait("[aria-busy=true]");
    assert!(
        freshness(&b).is_none() && b.find("table tbody tr").is_none(),
        "a new session showed the groups kept from the last one"
    );
    b.wait_until("the groups loaded afresh", || {
        table_rows(&b)
            .iter()
            .any(|r| r.contains("came-while-away"))
            .then_some(())
    });
    assert!(freshness(&b).is_none());
}

/// The search of the peers' "Outdated clients" view, if it is offered.
fn outdated_view(b: &Browser) -> Option<String> {
    b.script(
        "const a = [...document.querySelectorAll('[data-testid=peer-view]')] \
           .find(a => a.textContent === 'Outdated clients'); \
         return a ? new URL(a.href).searchParams.get('q') : null",
    )
    .as_str()
    .map(str::to_string)
}

#[test]
fn the_outdated_clients_view_names_the_newest_version_on_every_visit() {
    let mock = Mock::shared(&[]);
    // The newest version the server lists, compared number by number.
    let (status, peers) = mock.api("GET", "/api/peers", &mock.token("owner"), None);
    assert_eq!(status, 200);
    let newest = peers
        .as_array()
        .expect("a list of peers")
        .iter()
        .filter_map(|p| p["version"].as_str())
        .filter_map(|v| {
            let parts: Option<Vec<u64>> = v.split('.').map(|n| n.parse().ok()).collect();
            parts.map(|p| (p, v.to_string()))
        })
        .max()
        .map(|(_, v)| v)
        .expect("peers with versions");
    let expected = format!("version:<{newest}");

    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/peers");
    b.wait("table tbody tr");
    let first = b.wait_for("the outdated clients view", Duration::from_secs(10), || {
        outdated_view(&b)
    });
    assert_eq!(first, expected);
    b.click(&b.wait("a.sidebar__link[href='/groups']"));
    b.wait_until("the groups list", || {
        (b.current_url().ends_with("/groups") && b.find("table tbody tr").is_some()).then_some(())
    });
    // Back: the kept peers offer the same view, before and after they are loaded again.
    b.script("history.back(); return null;");
    b.wait_for("the kept peers", Duration::from_secs(2), || {
        freshness(&b).filter(|_| b.current_url().ends_with("/peers"))
    });
    assert_eq!(outdated_view(&b).as_deref(), Some(expected.as_str()));
    b.wait_until("the peers updated", || {
        (freshness(&b).as_deref() == Some("Updated.")).then_some(())
    });
    assert_eq!(outdated_view(&b).as_deref(), Some(expected.as_str()));
}
