//! Seeing the network: a peer's access checked against the server's own list and followed to a
//! policy; the matrix cell of two seeded groups; the question form; the health check's findings
//! and a fix that resolves one; the overview's charts leading to the filtered lists.

use netbird_e2e::{sign_in, Browser, Mock};
use serde_json::{json, Value};
use std::time::Duration;

fn id_of(mock: &Mock, path: &str, name: &str) -> String {
    mock.named(path, name)["id"]
        .as_str()
        .expect("an ID")
        .to_string()
}

fn post(mock: &Mock, path: &str, body: Value) -> Value {
    let (status, v) = mock.api("POST", path, &mock.token("owner"), Some(&body));
    assert_eq!(status, 200, "{path}: {v}");
    v
}

/// Clicks an element of an SVG chart or map (its shape: an SVG link itself has no box),
/// scrolled into view first.
fn click_shape(b: &Browser, css: &str) {
    b.wait(css);
    b.script_with(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'}); return null;",
        json!([css]),
    );
    b.click(&b.wait(css));
}

/// Opens a console path in the signed-in browser, as a link inside it would.
fn go(b: &Browser, mock: &Mock, path: &str) {
    b.goto(&format!("{}{path}", mock.url));
}

/// Signs the owner in on the access view of laptop-alice: the browser and her ID.
fn open_access_of_alice(mock: &Mock) -> (Browser, String) {
    let b = Browser::start();
    let alice = id_of(mock, "/api/peers", "laptop-alice");
    sign_in(
        &b,
        mock,
        &mock.token("owner"),
        &format!("/network?peer={alice}"),
    );
    (b, alice)
}

#[test]
fn a_peers_access_agrees_with_the_server_and_leads_to_its_policy() {
    let mock = Mock::shared(&[]);
    let (b, alice) = open_access_of_alice(&mock);
    let agreement = b.wait("[data-testid=access-agreement] [data-agrees]");
    assert_eq!(
        b.attr(&agreement, "data-agrees").as_deref(),
        Some("yes"),
        "{}",
        b.text(&agreement)
    );
    let summary = b.text(&b.wait("[data-testid=access-summary]"));
    assert!(summary.starts_with("Connected with "), "{summary}");
    b.screenshot("network-peer-access");

    // The console's computation and the server's list agree for every kind of seeded peer:
    // gateways, exit nodes, databases, laptops, phones, one waiting for approval.
    let peers = mock.list("/api/peers");
    let mut checked = 0;
    for p in peers.iter().step_by(3) {
        let id = p["id"].as_str().unwrap();
        go(&b, &mock, &format!("/network?peer={id}"));
        let verdict = b.wait_for("the server's word", Duration::from_secs(10), || {
            b.find("[data-testid=access-agreement] [data-agrees]")
                .filter(|_| b.current_url().ends_with(id))
                .map(|e| (b.attr(&e, "data-agrees"), b.text(&e)))
        });
        assert_eq!(
            verdict.0.as_deref(),
            Some("yes"),
            "{}: {}",
            p["name"],
            verdict.1
        );
        checked += 1;
    }
    assert!(checked >= 15, "{checked}");

    // Alice is in devops: the databases are reached through "DevOps to databases".
    go(&b, &mock, &format!("/network?peer={alice}&q=db-prod-01"));
    let row = b.wait_until("db-prod-01's row", || {
        b.find_all("table tbody tr")
            .into_iter()
            .find(|r| b.text(r).contains("db-prod-01"))
    });
    let text = b.text(&row);
    assert!(text.contains("DevOps to databases"), "{text}");
    assert!(text.contains("TCP 5432, 3306"), "{text}");
    let link = b.wait_until("the policy link", || {
        b.find_all("table tbody tr a")
            .into_iter()
            .find(|a| b.text(a) == "DevOps to databases")
    });
    b.click(&link);
    b.wait_until("the policy's page", || {
        b.current_url().contains("/policies/").then_some(())
    });
    let name = b.wait("input[name=name]");
    b.wait_until("the policy loaded", || {
        (b.attr(&name, "value").as_deref() == Some("DevOps to databases")
            || b.script("return document.querySelector('input[name=name]').value")
                .as_str()
                == Some("DevOps to databases"))
        .then_some(())
    });
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}

#[test]
fn the_matrix_cell_of_two_groups_lists_their_ports_and_the_question_is_answered() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/network?view=matrix");
    let cell = b.wait("[data-testid=matrix] a[data-from=devops][data-to=databases]");
    let text = b.text(&cell);
    assert!(text.contains("TCP 5432, 3306"), "{text}");
    b.click(&cell);
    let detail = b.wait("[data-testid=matrix-detail]");
    b.wait_until("the rules behind the cell", || {
        b.text(&detail)
            .contains("DevOps to databases")
            .then_some(())
    });
    // The one-way rule fills one cell only.
    let back = b.find("[data-testid=matrix] a[data-from=databases][data-to=devops]");
    assert!(back.is_none() || !b.text(back.as_ref().unwrap()).contains("5432"));
    b.screenshot("network-matrix");

    // The question form, answered with the path.
    go(&b, &mock, "/network");
    b.type_into(&b.wait("input[name=from]"), "laptop-alice");
    b.type_into(&b.wait("input[name=to]"), "db-prod-01");
    b.type_into(&b.wait("input[name=port]"), "5432");
    b.click(&b.wait("[data-testid=ask]"));
    let answer = b.wait("[data-testid=question-answer]");
    assert_eq!(b.attr(&answer, "data-verdict").as_deref(), Some("allowed"));
    assert!(
        b.text(&answer).contains("DevOps to databases"),
        "{}",
        b.text(&answer)
    );
    assert!(
        b.current_url().contains("port=5432"),
        "the answer is in the URL"
    );
    // A bad port is marked at its field and asks nothing.
    let port = b.wait("input[name=port]");
    b.clear(&port);
    b.type_into(&port, "70000");
    b.click(&b.wait("[data-testid=ask]"));
    b.wait(".question .field__error");
    assert!(b.current_url().contains("port=5432"));
    // A peer nobody has.
    go(
        &b,
        &mock,
        "/network?from=nobody-here&to=db-prod-01&proto=tcp&port=22",
    );
    let answer = b.wait("[data-testid=question-answer]");
    assert!(
        b.text(&answer).contains("nobody-here"),
        "{}",
        b.text(&answer)
    );
    b.screenshot("network-question");
}

#[test]
fn the_health_check_lists_overlaps_and_lonely_ha_and_a_fix_resolves_one() {
    let mock = Mock::shared(&[]);
    let nyc = id_of(&mock, "/api/peers", "gw-nyc-1");
    let engineering = id_of(&mock, "/api/groups", "engineering");
    // An overlapping network, a route "HA" by a peer group of one, an unused empty group.
    post(
        &mock,
        "/api/routes",
        json!({"network_id": "overlap-test", "description": "", "enabled": true,
        "network": "10.10.5.0/24", "peer": nyc, "metric": 9999, "masquerade": true,
        "groups": [engineering], "keep_route": false}),
    );
    let ams = id_of(&mock, "/api/peers", "gw-ams-1");
    let solo = post(
        &mock,
        "/api/groups",
        json!({"name": "solo-router", "peers": [ams]}),
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    post(
        &mock,
        "/api/routes",
        json!({"network_id": "lonely-ha", "description": "", "enabled": true,
        "network": "10.77.0.0/16", "peer_groups": [solo], "metric": 9999, "masquerade": true,
        "groups": [engineering], "keep_route": false}),
    );
    post(&mock, "/api/groups", json!({"name": "left-over"}));

    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/health");
    b.wait("[data-testid=health-counts]");
    let finding = |rule: &str, needle: &str| {
        b.find_all(&format!("li.finding[data-rule={rule}]"))
            .into_iter()
            .map(|f| b.text(&f))
            .find(|t| t.contains(needle))
    };
    let overlap = finding("route-overlap", "10.10.5.0/24 lies inside 10.10.0.0/16")
        .expect("the overlapping route is found");
    assert!(
        overlap.contains("overlap-test") && overlap.contains("aws-eu-central-1"),
        "{overlap}"
    );
    let lonely = finding("ha-single", "gw-ams-1").expect("the one-peer HA route is found");
    assert!(lonely.contains("lonely-ha"), "{lonely}");
    // The navigation shows the counts.
    b.wait("[data-testid=nav-health-counts]");
    b.screenshot("network-health");

    // The unused empty group's fix deletes it, after asking; the finding is gone.
    b.click(&b.wait("li.finding[data-rule=group-unused][data-first=left-over] [data-testid=fix]"));
    b.click(&b.wait("dialog[open] [data-testid=confirm]"));
    b.wait_until("the finding resolved", || {
        finding("group-unused", "left-over").is_none().then_some(())
    });
    assert!(!mock
        .list("/api/groups")
        .iter()
        .any(|g| g["name"] == "left-over"));
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}

#[test]
fn the_overview_charts_lead_to_the_filtered_lists() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/");
    // Each part's link is named with its label and number (what a screen reader gets).
    let named = b
        .attr(
            &b.wait("[data-testid=chart-online] a[data-label=Offline]"),
            "aria-label",
        )
        .unwrap_or_default();
    let shown: u64 = named
        .strip_prefix("Offline ")
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("no offline count in {named:?}"));
    let expected = mock
        .list("/api/peers")
        .iter()
        .filter(|p| p["connected"] == false)
        .count() as u64;
    assert_eq!(shown, expected, "the chart counts the offline peers");
    b.wait("[data-testid=chart-health]");
    b.wait("[data-testid=chart-events]");
    b.wait("[data-testid=nav-health-counts]");
    b.screenshot("network-overview-charts");
    click_shape(&b, "[data-testid=chart-online] a[data-label=Offline] rect");
    b.wait_until("the offline peers", || {
        b.current_url()
            .ends_with("/peers?q=status%3Aoffline")
            .then_some(())
    });
    b.wait("table tbody tr");
    let rows = b.find_all("table tbody tr");
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| b.text(r).contains("Offline")),
        "only offline peers are listed"
    );

    go(&b, &mock, "/");
    click_shape(
        &b,
        "[data-testid=chart-routes] a[data-label='Exit node'] rect",
    );
    b.wait_until("the exit nodes", || {
        b.current_url().ends_with("/routes?type=exit").then_some(())
    });
    b.wait("table tbody tr");
    assert!(b
        .find_all("table tbody tr")
        .iter()
        .all(|r| b.text(r).contains("0.0.0.0/0") || b.text(r).contains("::/0")));
}

#[test]
fn the_map_draws_groups_routers_and_networks_and_moves_with_the_keys() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/network?view=map");
    let map = b.wait("svg[data-testid=map]");
    let labels: Vec<String> = b
        .find_all("[data-testid=map-node]")
        .iter()
        .filter_map(|n| b.attr(n, "data-label"))
        .collect();
    for expected in [
        "devops",
        "databases",
        "gw-fra-1",
        "192.168.10.0/24",
        "github.com,*.githubusercontent.com",
    ] {
        assert!(
            labels.iter().any(|l| l == expected),
            "{expected} in {labels:?}"
        );
    }
    // No two boxes of the seeded account overlap.
    let overlaps = b.script(
        "const r = [...document.querySelectorAll('[data-testid=map-node] rect')].map(e => e.getBBox());
         let n = 0;
         for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) {
           const a = r[i], c = r[j];
           if (a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height) n++;
         }
         return [r.length, n];",
    );
    assert!(overlaps[0].as_u64().unwrap_or(0) >= 20, "{overlaps}");
    assert_eq!(
        overlaps[1].as_u64(),
        Some(0),
        "overlapping boxes: {overlaps}"
    );
    // The keyboard moves and zooms it; 0 fits it again.
    let view_box = || {
        b.attr(&b.wait("svg[data-testid=map]"), "viewBox")
            .unwrap_or_default()
    };
    let fitted = view_box();
    // Focused as Tab would focus it (a click would follow whatever link it hits).
    b.script("document.querySelector('.map-wrap').focus(); return null;");
    let _ = map;
    b.press(&["+"]);
    b.wait_until("zoomed in", || (view_box() != fitted).then_some(()));
    b.press(&["\u{E014}"]);
    b.press(&["0"]);
    b.wait_until("fitted again", || (view_box() == fitted).then_some(()));
    b.screenshot("network-map");
    // Focused on one group, then a node leads to its object.
    go(
        &b,
        &mock,
        &format!(
            "/network?view=map&group={}",
            id_of(&mock, "/api/groups", "databases")
        ),
    );
    b.wait_until("the focused map", || {
        let n = b.find_all("[data-testid=map-node]").len();
        (n > 0 && n < labels.len()).then_some(())
    });
    click_shape(&b, "[data-testid=map-node][data-label=databases] rect");
    b.wait_until("the group's page", || {
        b.current_url().contains("/groups/").then_some(())
    });
}

#[test]
fn a_peer_receiving_many_routes_lists_the_first_and_the_rest_when_asked() {
    // 200 routes among 200 peers: laptop-alice receives far more than a short list shows.
    let mock = Mock::start(&["--peers", "200", "--routes", "200"]);
    let (b, _) = open_access_of_alice(&mock);
    let lines = "[data-testid=peer-access-routes] ul.plain-list > li";
    let button = b.wait("[data-testid=peer-access-routes] [data-testid=show-all]");
    let text = b.text(&button);
    let all: usize = text
        .strip_prefix("Show all ")
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("the button says how many: {text:?}"));
    let shown = b.find_all(lines).len();
    assert!(all > 25, "a long list: {all}");
    assert!(shown < all, "{shown} lines shown of {all} before asking");
    b.script("document.querySelector('[data-testid=peer-access-routes] [data-testid=show-all]').scrollIntoView({block: 'end'}); return null;");
    b.screenshot("network-peer-routes-short");
    b.click(&button);
    // The rest of that list joins the lines shown, and the button goes.
    let after = b.wait_until("every route listed", || {
        let n = b.find_all(lines).len();
        (n == shown - 25 + all).then_some(n)
    });
    assert!(
        b.find("[data-testid=peer-access-routes] [data-testid=show-all]")
            .is_none(),
        "no button once every route is listed ({after} lines)"
    );
    let first = b.wait(&format!("{lines} a[href^='/routes/']"));
    assert!(!b.text(&first).is_empty(), "each line names its route");
}

#[test]
fn a_tall_map_starts_at_its_top_and_draws_the_rest_as_it_moves() {
    // 200 routes: some 150 networks, one box each, a map many screens tall.
    let mock = Mock::start(&["--peers", "200", "--routes", "200"]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/network?view=map");
    let map = b.wait("svg[data-testid=map]");
    let summary = b.attr(&map, "aria-label").unwrap_or_default();
    let boxes: usize = summary
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count of boxes in {summary:?}"));
    let drawn = || -> Vec<String> {
        serde_json::from_value(b.script(
            "return [...document.querySelectorAll('[data-testid=map-node]')].map(n => n.getAttribute('data-label'));",
        ))
        .expect("labels")
    };
    let view_box = || -> Vec<f64> {
        b.attr(&b.wait("svg[data-testid=map]"), "viewBox")
            .unwrap_or_default()
            .split(' ')
            .filter_map(|v| v.parse().ok())
            .collect()
    };
    // The top of the map at its full width, readable, not all of it squeezed into the box.
    let start = view_box();
    assert_eq!((start[0], start[1]), (0.0, 0.0), "{start:?}");
    assert!(start[3] < start[2] * 2.0, "a readable view: {start:?}");
    let first = drawn();
    assert!(
        !first.is_empty() && first.len() < boxes / 2,
        "{} of {boxes} boxes drawn at the top",
        first.len()
    );
    b.screenshot("network-map-tall");
    // Down with the keys: the boxes further down are drawn, those left above go.
    b.script("document.querySelector('.map-wrap').focus(); return null;");
    let mut below = Vec::new();
    for _ in 0..200 {
        b.press(&["\u{E015}"]);
        below = drawn();
        if below.iter().any(|l| !first.contains(l)) && !below.contains(&first[0]) {
            break;
        }
    }
    assert!(
        below.iter().any(|l| !first.contains(l)) && !below.contains(&first[0]),
        "moving down drew {below:?} (first {first:?})"
    );
    assert!(view_box()[1] > 0.0, "moved down: {:?}", view_box());
    assert!(below.len() < boxes / 2, "{} of {boxes}", below.len());
    // End: the map's bottom; a page further down stops there (the view's middle stays on it).
    let before_end = view_box();
    b.press(&["\u{E010}"]);
    let at_end = b.wait_until("the view moved to the end", || {
        let v = view_box();
        (v != before_end).then_some(v)
    });
    let at_bottom = drawn();
    b.screenshot("network-map-tall-bottom");
    for _ in 0..5 {
        b.press(&["\u{E00F}"]);
    }
    let past = view_box();
    // Fitted: every box, and the whole map's size to check those against.
    b.press(&["0"]);
    b.wait_until("every box drawn once fitted", || {
        (drawn().len() == boxes).then_some(())
    });
    let full = view_box();
    let bottom = full[1] + full[3];
    assert!(
        (at_end[1] + at_end[3] - bottom).abs() < 1.0,
        "End: {at_end:?} in {full:?}"
    );
    assert!(
        !at_bottom.is_empty() && at_bottom.len() < boxes / 2,
        "{} of {boxes} boxes at the bottom",
        at_bottom.len()
    );
    assert!(
        past[1] > at_end[1] && past[1] + past[3] / 2.0 <= bottom + 0.5,
        "pages past the end: {past:?} in {full:?}"
    );
    // Fitted, each box is a few pixels high: drawn as a bare shape, without its words (a
    // 1,700-box map drew 19,000 elements for that), and still a named link.
    let words = || -> (bool, u64, u64) {
        serde_json::from_value(b.script(
            "const m = document.querySelector('svg[data-testid=map]');
             return [!!m.querySelector('.map--shapes'), m.querySelectorAll('text').length,
                     m.querySelectorAll('a[aria-label]').length];",
        ))
        .expect("the map's words")
    };
    let (shapes, texts, named) = words();
    assert!(
        shapes && texts == 0,
        "fitted: shapes {shapes}, {texts} words"
    );
    assert_eq!(named as usize, boxes, "every box a named link");
    b.screenshot("network-map-fitted");
    // Closer in, the words come back.
    let mut closer = words();
    for _ in 0..40 {
        if !closer.0 {
            break;
        }
        b.press(&["+"]);
        closer = words();
    }
    assert!(
        !closer.0 && closer.1 > 0,
        "zoomed in: shapes {}, {} words",
        closer.0,
        closer.1
    );
}
