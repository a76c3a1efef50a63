//! The shared list pieces in Chromium against the mock: bulk work with its preview, progress
//! and failure report (on routes), export of the current view, the language menu, and a row
//! switched while the names its list shows are still arriving.

use netbird_e2e::{sign_in, Browser, Mock};
use serde_json::{json, Value};

fn routes(mock: &Mock) -> Vec<Value> {
    mock.list("/api/routes")
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_string()
}

fn open_routes(b: &Browser, mock: &Mock, query: &str) {
    sign_in(
        b,
        mock,
        &mock.token("owner"),
        &format!("/login?next=%2Froutes{query}"),
    );
    b.wait("[data-testid=table-summary]");
    b.wait_until("rows", || b.find("tbody tr[data-id]"));
}

fn select(b: &Browser, route_id: &str) {
    let boxes = b.wait(&format!("tr[data-id='{route_id}'] td.select-col input"));
    b.click(&boxes);
}

#[test]
fn bulk_disable_previews_runs_and_names_each_failure() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let enabled: Vec<Value> = routes(&mock)
        .into_iter()
        .filter(|r| r["enabled"] == true)
        .take(3)
        .collect();
    assert_eq!(enabled.len(), 3, "the demo data has enabled routes");
    open_routes(&b, &mock, "%3Fsize%3D100");
    for r in &enabled {
        select(&b, &id(r));
    }
    // One of them goes away on the server before the run: its failure is reported by name.
    let gone = &enabled[2];
    let (status, _) = mock.api(
        "DELETE",
        &format!("/api/routes/{}", id(gone)),
        &mock.token("owner"),
        None,
    );
    assert_eq!(status, 200);

    b.click(&b.wait("[data-testid=bulk-disable]"));
    let dialog = b.wait("[data-testid=confirm-dialog]");
    let preview = b.text(&b.wait("[data-testid=dialog-items]"));
    for r in &enabled {
        let name = r["network_id"].as_str().unwrap_or_default();
        assert!(preview.contains(name), "{name} missing from {preview}");
    }
    assert!(
        b.text(&dialog).contains("Disable 3 routes"),
        "{}",
        b.text(&dialog)
    );
    b.screenshot("routes-bulk-preview");
    b.click(&b.wait("[data-testid=confirm]"));

    let report = b.wait_until("the report", || {
        b.find("[data-testid=bulk-report]")
            .filter(|r| b.text(r).contains("2 of 3 succeeded, 1 failed"))
    });
    let failures = b.text(&b.wait("[data-testid=bulk-failures]"));
    let gone_name = gone["network_id"].as_str().unwrap_or_default();
    assert!(failures.contains(gone_name), "{failures}");
    assert!(b.attr(&report, "aria-busy").is_none());
    b.screenshot("routes-bulk-report");
    // What succeeded stays done; the rest of the routes is untouched.
    let now = routes(&mock);
    for r in &enabled[..2] {
        let after = now
            .iter()
            .find(|x| x["id"] == r["id"])
            .expect("still there");
        assert_eq!(after["enabled"], false, "{after}");
        assert_eq!(
            after["network"], r["network"],
            "a toggle must keep every field"
        );
        assert_eq!(after["groups"], r["groups"]);
    }
    assert!(!now.iter().any(|x| x["id"] == gone["id"]));
    // The list refreshed: the disabled routes show as off.
    b.wait_until("switches off", || {
        let off = enabled[..2].iter().all(|r| {
            b.script_with(
                "const e = document.querySelector(`tr[data-id='${arguments[0]}'] input[role=switch]`); return e ? e.checked : null",
                json!([id(r)]),
            ) == json!(false)
        });
        off.then_some(())
    });
}

#[test]
fn select_all_matching_then_cancel_changes_nothing() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let before = routes(&mock);
    assert!(
        before.len() > 10,
        "the demo data has more than a page of routes"
    );
    open_routes(&b, &mock, "%3Fsize%3D10");
    let first = b.wait("tbody tr[data-id]");
    let first_id = b.attr(&first, "data-id").unwrap_or_default();
    select(&b, &first_id);
    let all = b.wait("[data-testid=select-matching]");
    assert!(
        b.text(&all).contains(&before.len().to_string()),
        "{}",
        b.text(&all)
    );
    b.click(&all);
    b.wait_until("all selected", || {
        b.find(".bulkbar")
            .filter(|bar| b.text(bar).contains(&format!("{} selected", before.len())))
    });
    b.click(&b.wait("[data-testid=bulk-delete]"));
    b.wait("[data-testid=confirm-dialog]");
    // Escape cancels the native dialog.
    b.script("document.querySelector('dialog').dispatchEvent(new Event('cancel', {cancelable: true})); return null");
    b.wait_until("dialog closed", || {
        b.find("[data-testid=confirm-dialog]")
            .is_none()
            .then_some(())
    });
    assert_eq!(routes(&mock).len(), before.len(), "nothing was deleted");
}

#[test]
fn export_writes_every_matching_row_and_never_the_token() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let dir = std::env::temp_dir().join(format!("nbc-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("download dir");
    b.cdp(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": dir.to_string_lossy()}),
    )
    .expect("downloads allowed");
    let all = routes(&mock);
    // A filter that matches some routes but not all, over more than one page of 10.
    let enabled: Vec<String> = all
        .iter()
        .filter(|r| r["enabled"] == true)
        .map(id)
        .collect();
    assert!(
        enabled.len() > 10 && enabled.len() < all.len(),
        "{} of {}",
        enabled.len(),
        all.len()
    );
    open_routes(&b, &mock, "%3Fenabled%3Dyes%26size%3D10");
    let page: Vec<String> = b
        .find_all("tbody tr[data-id]")
        .iter()
        .filter_map(|r| b.attr(r, "data-id"))
        .collect();
    assert_eq!(page.len(), 10);
    b.click(&b.wait("[data-testid=export-csv]"));
    let file = b.wait_until("the CSV file", || {
        std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "csv"))
    });
    let text = std::fs::read_to_string(&file).expect("utf-8 csv");
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(lines[0].starts_with("\u{feff}id,Network"), "{}", lines[0]);
    // Every matching row, not just the page, in the order shown.
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap_or_default())
        .collect();
    assert_eq!(ids.len(), enabled.len());
    assert!(ids.iter().all(|i| enabled.iter().any(|e| e == i)));
    assert_eq!(
        &ids[..10],
        page.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
    );
    for token in ["owner", "admin", "network_admin", "auditor"] {
        let t = mock.token(token);
        assert!(!text.contains(&t), "the token leaked into the export");
    }
    assert!(!text.contains("nbp_"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn chinese_can_be_chosen_and_is_remembered() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/login?next=%2Froutes");
    b.wait("[data-testid=table-summary]");
    let sign_out = || b.text(&b.wait("[data-testid=sign-out]"));
    assert_eq!(sign_out(), "Sign out");
    b.script("const s = document.querySelector('select[name=language]'); s.value = 'zh-CN'; s.dispatchEvent(new Event('change')); return null");
    b.wait_until("Chinese", || {
        (b.script("return document.documentElement.lang") == json!("zh-CN")
            && b.find("[data-testid=sign-out]")
                .is_some_and(|e| b.text(&e) != "Sign out"))
        .then_some(())
    });
    let translated = sign_out();
    // Still on the routes list, with its data.
    assert!(b.current_url().ends_with("/routes"));
    b.wait("tbody tr[data-id]");
    b.screenshot("routes-zh-CN");
    // Remembered: a reload comes back in Chinese.
    b.goto(&format!("{}/routes", mock.url));
    b.wait_until("Chinese after a reload", || {
        b.find("[data-testid=sign-out]")
            .filter(|e| b.text(e) == translated)
    });
    // And back to English.
    b.script("const s = document.querySelector('select[name=language]'); s.value = 'en'; s.dispatchEvent(new Event('change')); return null");
    b.wait_until("English", || {
        b.find("[data-testid=sign-out]")
            .filter(|e| b.text(e) == "Sign out")
    });
    assert_eq!(
        b.script("return document.documentElement.lang"),
        json!("en")
    );
}

/// A row switched off while the names its list shows are still arriving (a large account on a
/// slow link: 10,000 peers are 13 MB) stays listed as off once they are in: the rows built
/// again with the names list the object as the server now has it.
fn switched_before_the_names_stay_switched(page: &str, api: &str, slow: &str, named: &str) {
    // A mock of its own: the slow answer is this test's, not a parallel one's.
    let mock = Mock::start(&[]);
    let b = Browser::start();
    let owner = mock.token("owner");
    let on = mock
        .list(api)
        .into_iter()
        .find(|o| o["enabled"] == true)
        .unwrap_or_else(|| panic!("an enabled object at {api}"));
    let id = id(&on);
    mock.control(
        "POST",
        &format!("/__mock/fault?kind=slow-2500&path={slow}&method=GET&times=1"),
    );
    sign_in(
        &b,
        &mock,
        &owner,
        &format!("/login?next={}", page.replace('/', "%2F")),
    );
    let switch = format!("tr[data-id='{id}'] input[role=switch]");
    let switch_now = b.wait(&switch);
    let named_yet = format!("return performance.getEntriesByName('{named}').length > 0");
    assert_eq!(
        b.script(&named_yet),
        false,
        "{page}: the names were in before the switch; the test proves nothing"
    );
    b.click(&switch_now);
    b.wait_until("switched off on the server", || {
        let (_, now) = mock.api("GET", &format!("{api}/{id}"), &owner, None);
        (now["enabled"] == false).then_some(())
    });
    b.wait_for("the names", std::time::Duration::from_secs(20), || {
        (b.script(&named_yet) == true).then_some(())
    });
    let checked = format!("return document.querySelector(\"{switch}\").checked");
    b.wait_until("the switch off after the names", || {
        (b.script(&checked) == false).then_some(())
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(b.script(&checked), false, "{page}: the switch went back on");
}

#[test]
fn a_route_switched_before_the_peers_names_arrive_stays_switched() {
    switched_before_the_names_stay_switched(
        "/routes",
        "/api/routes",
        "/api/peers",
        "nbc:routes-named",
    );
}

#[test]
fn a_nameserver_group_switched_before_the_groups_names_arrive_stays_switched() {
    switched_before_the_names_stay_switched(
        "/dns",
        "/api/dns/nameservers",
        "/api/groups",
        "nbc:list-named",
    );
}
