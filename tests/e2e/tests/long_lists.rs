//! A long list arriving over a slow link: the table shows its first page as soon as those bytes
//! are in, a view that needs every row waits for them, and once the rest has arrived the table
//! lists everything.

use netbird_e2e::{sign_in, Browser, Mock};
use std::time::{Duration, Instant};

fn summary(b: &Browser) -> Option<String> {
    b.find("[data-testid=table-summary]").map(|s| b.text(&s))
}

/// How long the mock holds back the rest of a trickled peers list.
const PAUSE: Duration = Duration::from_secs(8);

/// Signs in and opens `next` with the peers' answer trickled: its first 64 KiB at once, the rest
/// `PAUSE` later. The browser, and when it started.
fn open_with_peers_trickled(mock: &Mock, token: &str, next: &str) -> (Browser, Instant) {
    mock.control(
        "POST",
        "/__mock/fault?kind=trickle-8000&path=/api/peers&method=GET",
    );
    let b = Browser::start();
    let started = Instant::now();
    sign_in(&b, mock, token, next);
    (b, started)
}

/// Waits for the table's first page, shown while the rest of its list is still held back (less
/// than `PAUSE` after `started`), and returns the IDs of the rows `rows` finds.
fn first_page_while_arriving(b: &Browser, started: Instant, rows: &str) -> Vec<String> {
    let early = b.wait_until("the first page while the rest is arriving", || {
        summary(b).filter(|t| t.contains("loading the rest"))
    });
    assert!(
        started.elapsed() < PAUSE,
        "the first page must show before the rest of the body is sent"
    );
    assert!(early.starts_with("Showing 1–25"), "{early}");
    b.find_all(rows)
        .iter()
        .filter_map(|r| b.attr(r, "data-id"))
        .collect()
}

#[test]
fn a_long_list_shows_its_first_page_before_the_rest_arrives() {
    let mock = Mock::shared(&["--peers", "2000"]);
    let token = mock.token("owner");
    let (status, peers) = mock.api("GET", "/api/peers", &token, None);
    assert_eq!(status, 200);
    let peers = peers.as_array().expect("a list of peers").clone();
    assert_eq!(peers.len(), 2000);
    // About 2.6 MB: the mock sends the first 64 KiB (some 50 peers) at once and the rest 8 s
    // later (time enough to sign in and type a search meanwhile).
    let (b, started) = open_with_peers_trickled(&mock, &token, "/login?next=%2Fpeers");

    let ids = first_page_while_arriving(&b, started, "tbody tr[data-id]");
    let server_first: Vec<&str> = peers[..25]
        .iter()
        .map(|p| p["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        ids, server_first,
        "the server's first 25 peers, in its order"
    );
    b.screenshot("peers-first-page-while-loading");

    // A search cannot be answered from the first page: the table waits for every row.
    let wanted = &peers[1500];
    let name = wanted["name"].as_str().expect("a peer name");
    let search = b.wait("input[name=q]");
    b.type_into(&search, name);
    let waiting = b.wait_until("the search waiting for the rest", || {
        summary(&b).filter(|t| t == "Loading…")
    });
    assert!(
        started.elapsed() < PAUSE,
        "checked while the rest was still on its way ({waiting})"
    );
    assert!(b.find_all("tbody tr[data-id]").is_empty());

    // Once the rest has arrived the search is answered over all 2,000 peers.
    let found = b.wait_until("the search over every peer", || {
        summary(&b).filter(|t| t.contains("of 2,000 peers)"))
    });
    assert!(started.elapsed() >= PAUSE, "{found}");
    let wanted_id = wanted["id"].as_str().expect("a peer id");
    assert!(
        b.find(&format!("tbody tr[data-id='{wanted_id}']"))
            .is_some(),
        "{found}: peer {name} is listed"
    );
    // Backspace over the search (WebDriver's clear fires no input event).
    b.type_into(&search, &"\u{E003}".repeat(name.chars().count()));
    b.wait_until("the whole list, unsearched", || {
        summary(&b).filter(|t| t == "Showing 1–25 of 2,000 peers")
    });
    assert!(
        b.find("a.pager__page[href*='page=80']").is_some(),
        "80 pages"
    );
}

#[test]
fn a_group_page_shows_its_first_members_before_the_rest_of_the_peers_arrives() {
    let mock = Mock::shared(&["--peers", "2000"]);
    let token = mock.token("owner");
    let (status, peers) = mock.api("GET", "/api/peers", &token, None);
    assert_eq!(status, 200);
    let peers = peers.as_array().expect("a list of peers").clone();
    let id = |i: usize| peers[i]["id"].as_str().expect("a peer id").to_string();
    let name = |i: usize| peers[i]["name"].as_str().expect("a peer name").to_string();
    // Members early in the peers list and one near its end; a peer after it stays out.
    let members: Vec<String> = (0..30).chain([1990]).map(id).collect();
    let (status, group) = mock.api(
        "POST",
        "/api/groups",
        &token,
        Some(&serde_json::json!({"name": "early-and-late", "peers": members})),
    );
    assert_eq!(status, 200, "{group}");
    let group_id = group["id"].as_str().expect("a group id");
    let (b, started) = open_with_peers_trickled(
        &mock,
        &token,
        &format!("/login?next=%2Fgroups%2F{group_id}"),
    );

    // The first page of members while the rest of the peers is on its way; the picker of
    // peers to add waits for all of them.
    let shown =
        first_page_while_arriving(&b, started, "[data-testid=group-members] tbody tr[data-id]");
    assert_eq!(
        shown,
        members[..25],
        "the first 25 members, in the peers' order"
    );
    assert!(
        b.find("fieldset[name=peers]").is_none(),
        "the picker before every peer is in"
    );
    assert!(
        b.find("[data-testid=group-members] .skeleton").is_some(),
        "the picker's place shows it loading"
    );
    b.screenshot("group-first-members-while-loading");

    // Once every peer is in: all 31 members, and the picker offers the others only.
    let whole = b.wait_until("every member", || {
        summary(&b).filter(|t| t == "Showing 1–25 of 31 peers")
    });
    assert!(started.elapsed() >= PAUSE, "{whole}");
    let search = b.wait("fieldset[name=peers] input[type=search]");
    b.type_into(&search, &name(1999));
    b.wait(&format!("fieldset[name=peers] input[value='{}']", id(1999)));
    b.type_into(
        &search,
        &format!(
            "{}{}",
            "\u{E003}".repeat(name(1999).chars().count()),
            name(1990)
        ),
    );
    b.wait_until("the search for a member", || {
        b.find(&format!("fieldset[name=peers] input[value='{}']", id(1999)))
            .is_none()
            .then_some(())
    });
    assert!(
        b.find(&format!("fieldset[name=peers] input[value='{}']", id(1990)))
            .is_none(),
        "a member is not offered to add"
    );
}
