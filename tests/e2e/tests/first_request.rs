//! The first request leaves at once (`public/loader.js`): when a list page is loaded with a
//! stored session, the API requests it needs and its wasm module leave before the console's
//! wasm has started, the console takes those answers instead of asking again, and each request
//! is sent exactly once.

use netbird_e2e::{sign_in, Browser, Mock};
use serde_json::Value;
use std::time::Duration;

/// Each list page, its module, and the requests it sends as it opens for an owner, written out
/// here from what the pages do (the console's own tables, `registry::prefetch_table` and
/// `ROLE_READS`, are what is being checked).
const PAGES: &[(&str, &str, &[&str])] = &[
    (
        "/peers",
        "peers",
        &["/api/users/current", "/api/peers", "/api/users"],
    ),
    ("/groups", "fleet", &["/api/users/current", "/api/groups"]),
    (
        "/routes",
        "routes",
        &[
            "/api/users/current",
            "/api/routes",
            "/api/groups",
            "/api/peers",
        ],
    ),
    (
        "/policies",
        "access",
        &[
            "/api/users/current",
            "/api/policies",
            "/api/groups",
            "/api/posture-checks",
        ],
    ),
    (
        "/posture-checks",
        "access",
        &["/api/users/current", "/api/posture-checks", "/api/policies"],
    ),
    (
        "/dns",
        "lists",
        &["/api/users/current", "/api/dns/nameservers", "/api/groups"],
    ),
    (
        "/setup-keys",
        "fleet",
        &["/api/users/current", "/api/setup-keys", "/api/groups"],
    ),
    (
        "/users",
        "lists",
        &["/api/users/current", "/api/users", "/api/groups"],
    ),
    (
        "/events",
        "audit",
        &["/api/users/current", "/api/events/audit"],
    ),
    (
        "/settings",
        "lists",
        &[
            "/api/users/current",
            "/api/accounts",
            "/api/groups",
            "/api/peers",
        ],
    ),
    (
        "/network",
        "network",
        &[
            "/api/users/current",
            "/api/policies",
            "/api/peers",
            "/api/groups",
            "/api/routes",
            "/api/dns/nameservers",
            "/api/dns/settings",
        ],
    ),
    (
        "/health",
        "network",
        &[
            "/api/users/current",
            "/api/peers",
            "/api/groups",
            "/api/policies",
            "/api/routes",
            "/api/dns/nameservers",
            "/api/dns/settings",
        ],
    ),
];

/// The link of the first row that links below `prefix` (`/peers/`) in the table shown.
fn first_link(b: &Browser, prefix: &str) -> String {
    b.script_with(
        "const a = document.querySelector(`main.content table tbody a[href*=\"${arguments[0]}\"]`); \
         return a ? a.getAttribute('href') : null;",
        serde_json::json!([prefix]),
    )
    .as_str()
    .unwrap_or_else(|| panic!("no link to {prefix} in the table"))
    .to_string()
}

/// When each of `paths` was requested and when the console started, in ms since navigation
/// (resource timing and the console's `netbird-console:start` mark).
fn timings(b: &Browser, paths: &[&str]) -> (Vec<Option<f64>>, Option<f64>) {
    let v = b.script_with(
        "const at = {};
         for (const e of performance.getEntriesByType('resource')) {
           const p = new URL(e.name).pathname;
           if (!(p in at)) at[p] = e.startTime;
         }
         const start = performance.getEntriesByName('netbird-console:start')[0];
         return [arguments[0].map(p => p in at ? at[p] : null), start ? start.startTime : null];",
        serde_json::json!([paths]),
    );
    let sent = v[0]
        .as_array()
        .map(|a| a.iter().map(Value::as_f64).collect())
        .unwrap_or_default();
    (sent, v[1].as_f64())
}

#[test]
fn each_list_page_sends_its_requests_once_and_before_the_console_starts() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/");
    b.wait("[data-testid=current-user]");
    for (path, module, reads) in PAGES {
        sends_once_before_the_console_starts(&b, &mock, path, module, reads);
    }
}

/// The lists that may use a group, which the group page reads besides groups and peers (an
/// owner may read all of them).
const GROUP_USERS: &[&str] = &[
    "/api/routes",
    "/api/policies",
    "/api/dns/nameservers",
    "/api/setup-keys",
    "/api/users",
    "/api/dns/settings",
    "/api/accounts",
];

#[test]
fn the_group_page_sends_its_requests_once_and_before_the_console_starts() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/groups");
    b.wait("table tbody tr");
    let group = first_link(&b, "/groups/");
    let mut reads = vec!["/api/users/current", "/api/groups", "/api/peers"];
    reads.extend_from_slice(GROUP_USERS);
    // A group's page, and the page for a new one (the same reads: the name must be new).
    for path in [group.as_str(), "/groups/new"] {
        sends_once_before_the_console_starts(&b, &mock, path, "fleet", &reads);
    }
}

/// Loads `path` afresh (the loader runs again) and checks that each of `reads` was sent once,
/// before the console started, and that `module`'s pack was fetched once, before it too.
fn sends_once_before_the_console_starts(
    b: &Browser,
    mock: &Mock,
    path: &str,
    module: &str,
    reads: &[&str],
) {
    // The page before sends nothing more once left: what it sent is counted before the count
    // starts again (the overview's requests, still arriving, were counted as the next page's).
    b.goto("about:blank");
    std::thread::sleep(Duration::from_millis(300));
    mock.control("DELETE", "/__mock/requests");
    b.goto(&format!("{}{path}", mock.url));
    // Painted, and every answer the loader asked for taken by the console.
    b.wait_for(&format!("{path} painted"), Duration::from_secs(20), || {
        let left = b.script(
            "const p = window.__netbirdPrefetch;
             const painted = document.querySelector('main.content table tbody tr, main.content form, main.content .health-counts');
             return painted && p ? Object.keys(p).length : -1;",
        );
        (left.as_i64() == Some(0)).then_some(())
    });
    // Anything sent twice would have arrived by now.
    std::thread::sleep(Duration::from_millis(400));
    for read in reads {
        let n = sent(mock, read);
        assert_eq!(n, Some(1), "{path}: GET {read} sent {n:?} times, not once");
    }
    let (sent, start) = timings(b, reads);
    let start = start.unwrap_or_else(|| panic!("{path}: the console marked no start"));
    // The page's module too: its pack (the module and its chunks in one file) fetched once,
    // before the console started, and the module not fetched alone.
    let fetched = |prefix: &str| -> Vec<f64> {
        b.script_with(
            "return performance.getEntriesByType('resource')
               .filter(e => new URL(e.name).pathname.split('/').pop().startsWith(arguments[0]))
               .map(e => e.startTime);",
            serde_json::json!([prefix]),
        )
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
    };
    let pack = fetched(&format!("pack_{module}-"));
    assert_eq!(pack.len(), 1, "{path}: pack_{module} fetched {pack:?}");
    assert!(
        pack[0] < start,
        "{path}: pack_{module} fetched at {:.1} ms, after the console started ({start:.1} ms)",
        pack[0]
    );
    let alone = fetched(&format!("split_{module}-"));
    assert!(
        alone.is_empty(),
        "{path}: split_{module} fetched alone at {alone:?} although its pack was in"
    );
    for (read, at) in reads.iter().zip(sent) {
        let at = at.unwrap_or_else(|| panic!("{path}: no timing for {read}"));
        assert!(
            at < start,
            "{path}: {read} was sent at {at:.1} ms, after the console started ({start:.1} ms)"
        );
    }
}

/// How many times `read` was asked for since the mock's log was cleared.
fn sent(mock: &Mock, read: &str) -> Option<u64> {
    mock.control(
        "GET",
        &format!("/__mock/requests?method=GET&path={read}&exact=1"),
    )["count"]
        .as_u64()
}

#[test]
fn a_list_only_some_roles_may_read_is_asked_for_early_only_when_the_user_could_read_it() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/peers");
    b.wait("table tbody tr");
    // Signed in, the console noted which of those lists this user (an owner) may read: all.
    let hint = "return sessionStorage.getItem('netbird-console.reads');";
    let all = "users,routes,policies,nameservers,setup_keys,dns,settings";
    assert_eq!(b.script(hint).as_str(), Some(all));
    // As if the user could not read users when last seen: the loader leaves the users list to
    // the page, which asks for it itself once it knows the role, and only once.
    b.script("sessionStorage.setItem('netbird-console.reads', 'routes,policies');");
    mock.control("DELETE", "/__mock/requests");
    b.goto(&format!("{}/peers", mock.url));
    b.wait("table tbody tr");
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(sent(&mock, "/api/users"), Some(1));
    assert_eq!(sent(&mock, "/api/peers"), Some(1));
    let (at, start) = timings(&b, &["/api/users", "/api/peers"]);
    let start = start.expect("the console marked its start");
    let (users, peers) = (
        at[0].expect("/api/users timed"),
        at[1].expect("/api/peers timed"),
    );
    assert!(
        peers < start,
        "/api/peers at {peers:.1} ms, console at {start:.1} ms"
    );
    assert!(
        users > start,
        "/api/users at {users:.1} ms, before the console started ({start:.1} ms)"
    );
    // The console knows the role again, and says so for the next load.
    assert_eq!(b.script(hint).as_str(), Some(all));
    // Signing out forgets it with the session.
    b.click(&b.wait("[data-testid=sign-out]"));
    b.wait("input[name=token]");
    assert!(b.script(hint).is_null());
}

#[test]
fn nothing_is_requested_before_sign_in_or_for_other_pages() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    // No stored session: the loader sends nothing, the console goes to sign-in.
    b.goto(&format!("{}/peers", mock.url));
    b.wait("input[name=token]");
    assert_eq!(mock.control("GET", "/__mock/requests")["count"], 0);
    assert!(
        b.script("return window.__netbirdPrefetch === undefined")
            .as_bool()
            == Some(true)
    );
    // Signed in, the overview and a peer's page are not in the table: only the console asks.
    b.click(&b.wait("input[name=token]"));
    b.type_into(&b.wait("input[name=token]"), &mock.token("owner"));
    b.click(&b.wait("button[type=submit]"));
    b.wait("table tbody tr");
    let peer = first_link(&b, "/peers/");
    for page in ["/", peer.as_str()] {
        b.goto(&format!("{}{page}", mock.url));
        b.wait("[data-testid=current-user]");
        assert!(
            b.script("return window.__netbirdPrefetch === undefined")
                .as_bool()
                == Some(true),
            "{page}"
        );
    }
    // Answers asked for but not yet taken are dropped once the console moves to another page:
    // a later page never gets an old answer.
    b.goto(&format!("{}/routes", mock.url));
    b.wait("table tbody tr");
    b.click(&b.wait("a.sidebar__link[href='/peers']"));
    b.wait("table tbody tr");
    assert!(
        b.script("return window.__netbirdPrefetch === undefined")
            .as_bool()
            == Some(true)
    );
}

/// The page's main text once it has settled (the user known, every list in).
fn settled_text(b: &Browser, path: &str) -> String {
    b.wait("[data-testid=current-user]");
    b.wait_for(&format!("{path} painted"), Duration::from_secs(20), || {
        b.find("main.content table tbody tr, main.content form")
    });
    // Anything asked for again, or drawn again, would be in by now.
    std::thread::sleep(Duration::from_millis(600));
    b.script("return document.querySelector('main.content').innerText")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// What the list page `path` reads as it opens (`PAGES`) besides who is signed in.
fn page_reads(path: &str) -> Vec<&'static str> {
    let (_, _, reads) = PAGES.iter().find(|p| p.0 == path).expect("a page of PAGES");
    reads
        .iter()
        .copied()
        .filter(|r| *r != "/api/users/current")
        .collect()
}

#[test]
fn a_page_opened_before_the_user_is_known_asks_for_each_list_once_and_shows_them_whole() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/peers");
    b.wait("table tbody tr");
    let peer = first_link(&b, "/peers/");
    // Pages that read some lists only when the role may: the groups (where each is used), the
    // peers (their owners' names), a peer's page (its routes, policies and account), the
    // network (its routes and DNS).
    let mut groups = vec!["/api/groups"];
    groups.extend_from_slice(GROUP_USERS);
    let pages: [(&str, Vec<&str>); 4] = [
        ("/groups", groups),
        ("/network", page_reads("/network")),
        ("/peers", page_reads("/peers")),
        (
            peer.as_str(),
            vec![
                "/api/peers",
                "/api/groups",
                "/api/routes",
                "/api/policies",
                "/api/accounts",
            ],
        ),
    ];
    for (path, reads) in pages {
        // As shown when the user is known at once...
        b.goto(&format!("{}{path}", mock.url));
        let known = settled_text(&b, path);
        // ...and when who is signed in is known only after the page has started loading.
        b.goto("about:blank");
        std::thread::sleep(Duration::from_millis(300));
        mock.control("DELETE", "/__mock/requests");
        mock.control(
            "POST",
            "/__mock/fault?kind=slow-1500&path=/api/users/current&method=GET&times=1",
        );
        b.goto(&format!("{}{path}", mock.url));
        let late = settled_text(&b, path);
        for read in &reads {
            let n = sent(&mock, read);
            assert_eq!(n, Some(1), "{path}: GET {read} sent {n:?} times, not once");
        }
        assert_eq!(
            late, known,
            "{path}: shown otherwise when the user came late"
        );
    }
}
