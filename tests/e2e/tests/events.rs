//! The audit log in Chromium against the mock: filtered to route changes in a date range, the
//! rows shown are exactly the server's events of that kind and those days; the filters live in
//! the URL (a reload keeps them); the export holds every matching event; the chart counts
//! them; the target of a route event that still exists is shown by name and linked.

use netbird_e2e::{encode_query, sign_in_to, Browser, Mock};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn s(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

/// Days since 1970-01-01 of `YYYY-MM-DD…` (the date part of an RFC 3339 timestamp).
fn day(date: &str) -> i64 {
    let (y, m, d): (i64, i64, i64) = (
        date[0..4].parse().unwrap(),
        date[5..7].parse().unwrap(),
        date[8..10].parse().unwrap(),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// The seconds since the epoch of an RFC 3339 UTC timestamp the mock wrote (`…Z`).
fn secs(ts: &str) -> i64 {
    let t = |r: std::ops::Range<usize>| -> i64 { ts[r].parse().unwrap() };
    day(ts) * 86_400 + t(11..13) * 3600 + t(14..16) * 60 + t(17..19)
}

fn date_of(day_number: i64) -> String {
    let z = day_number + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn shown_ids(b: &Browser) -> Vec<String> {
    b.find_all("tbody tr[data-id]")
        .iter()
        .filter_map(|r| b.attr(r, "data-id"))
        .collect()
}

/// Waits until the table lists every event (the first page shows while the rest arrives).
fn all_listed(b: &Browser) {
    b.wait_until("every event listed", || {
        let s = summary(b);
        (!s.is_empty() && !s.contains("loading the rest") && !s.contains("Loading")).then_some(())
    });
}

fn summary(b: &Browser) -> String {
    b.find("[data-testid=table-summary]")
        .map(|e| b.text(&e))
        .unwrap_or_default()
}

/// Sets a control's value as a person would, with the event the page listens for.
fn set_control(b: &Browser, css: &str, value: &str, event: &str) {
    b.wait(css);
    b.script_with(
        "const c = document.querySelector(arguments[0]); c.value = arguments[1];
         c.dispatchEvent(new Event(arguments[2], { bubbles: true })); return null",
        json!([css, value, event]),
    );
}

#[test]
fn route_changes_in_a_date_range_are_listed_kept_in_the_url_and_exported() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let (status, all) = mock.api("GET", "/api/events/audit", &mock.token("owner"), None);
    assert_eq!(status, 200);
    let all = all.as_array().cloned().expect("an event list");
    // The page counts days in the browser's time zone.
    sign_in_to(&b, &mock, "owner", "/events");
    b.wait("tbody tr[data-id]");
    all_listed(&b);
    let offset = -60
        * b.script("return new Date().getTimezoneOffset();")
            .as_i64()
            .expect("the browser's time zone");
    let local_day = |e: &Value| (secs(&s(e, "timestamp")) + offset).div_euclid(86_400);

    // A range holding some of the route changes but not all: three days in the middle.
    let routes: Vec<&Value> = all
        .iter()
        .filter(|e| s(e, "activity_code").starts_with("route."))
        .collect();
    assert!(
        routes.len() >= 6,
        "the mock seeds route changes: {}",
        routes.len()
    );
    let (lo, hi) = (
        routes.iter().map(|e| local_day(e)).min().unwrap(),
        routes.iter().map(|e| local_day(e)).max().unwrap(),
    );
    let (from, to) = ((lo + hi) / 2 - 1, (lo + hi) / 2 + 1);
    let expected: Vec<String> = routes
        .iter()
        .filter(|e| (from..=to).contains(&local_day(e)))
        .map(|e| s(e, "id"))
        .collect();
    assert!(
        !expected.is_empty() && expected.len() < routes.len(),
        "{} of {} route changes in range",
        expected.len(),
        routes.len()
    );
    assert!(expected.len() <= 100, "one page of 100 shows them all");
    let (from, to) = (date_of(from), date_of(to));

    set_control(&b, "select[name=activity]", "routes", "change");
    set_control(&b, "input[name=from]", &from, "change");
    set_control(&b, "input[name=to]", &to, "change");
    set_control(&b, "select[name=size]", "100", "change");
    let want = format!("of {} ", expected.len());
    b.wait_until("the filtered table", || {
        let shown = shown_ids(&b);
        (shown == expected).then_some(())
    });
    assert!(summary(&b).contains(&want), "{}", summary(&b));
    // Newest first, as the server sent them.
    let url = b.current_url();
    for part in [
        "activity=routes".to_string(),
        format!("from={from}"),
        format!("to={to}"),
        "size=100".to_string(),
    ] {
        assert!(url.contains(&part), "{url} keeps {part}");
    }
    // The chart counts the same events over the same days.
    let chart = b.text(&b.wait("[data-testid=events-chart-summary]"));
    assert!(
        chart.contains(&format!("{} event", expected.len()))
            && chart.contains(&format!("from {from} to {to}")),
        "{chart}"
    );
    assert!(b
        .find("[data-testid=events-chart] svg[role=img] title")
        .is_some());
    assert_eq!(
        b.find_all("[data-testid=events-chart] rect.day-chart__bar")
            .len() as i64,
        day(&to) - day(&from) + 1
    );

    // A route that still exists is named and linked from its events' target cell.
    let existing: BTreeSet<String> = mock
        .list("/api/routes")
        .iter()
        .map(|r| s(r, "id"))
        .collect();
    let linked = routes
        .iter()
        .filter(|e| expected.contains(&s(e, "id")))
        .map(|e| s(e, "target_id"))
        .find(|t| existing.contains(t))
        .expect("a shown event whose route exists");
    let link = b.wait(&format!("tbody a[href$='/routes/{linked}']"));
    let name = mock
        .list("/api/routes")
        .into_iter()
        .find(|r| s(r, "id") == linked)
        .map(|r| s(&r, "network_id"))
        .unwrap_or_default();
    assert_eq!(b.text(&link), name);

    b.screenshot("events-routes-in-range");

    // A reload keeps the filters, in the controls and in the rows.
    b.goto(&url);
    b.wait_until("the same rows after a reload", || {
        (shown_ids(&b) == expected).then_some(())
    });
    let value = |css: &str| {
        b.script_with(
            "return document.querySelector(arguments[0]).value",
            json!([css]),
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    assert_eq!(value("select[name=activity]"), "routes");
    assert_eq!(value("input[name=from]"), from);
    assert_eq!(value("input[name=to]"), to);

    // The export holds every matching event, in the order shown.
    let dir = std::env::temp_dir().join(format!("nbc-events-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("download dir");
    b.cdp(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": dir.to_string_lossy()}),
    )
    .expect("downloads allowed");
    set_control(&b, "select[name=size]", "10", "change");
    b.wait_until("a page of 10", || {
        (shown_ids(&b).len() == 10.min(expected.len())).then_some(())
    });
    b.click(&b.wait("[data-testid=export-csv]"));
    let file = b.wait_until("the CSV file", || {
        std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "csv"))
    });
    let text = std::fs::read_to_string(&file).expect("utf-8 csv");
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(
        lines[0].starts_with("\u{feff}id,When,Activity,By,Target,Details"),
        "{}",
        lines[0]
    );
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap_or_default())
        .collect();
    assert_eq!(ids, expected);
    assert!(lines[1..].iter().all(|l| l.contains("Routes: ")));
    let _ = std::fs::remove_dir_all(&dir);

    // Clearing the filters lists every event again.
    b.click(&b.wait("[data-testid=clear-event-filters]"));
    b.wait_until("every event", || {
        let s = summary(&b);
        (s.contains(&format!("of {} events", thousands(all.len()))) && !s.contains("matching"))
            .then_some(())
    });
    assert!(!b.current_url().contains("activity="));
}

#[test]
fn initiator_and_target_filters_narrow_the_log() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let all = mock.list("/api/events/audit");
    // The most active initiator, and one of their targets with a recorded name.
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for e in &all {
        *counts.entry(s(e, "initiator_id")).or_default() += 1;
    }
    let who = counts
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(k, _)| k.clone())
        .unwrap();
    let target = all
        .iter()
        .find(|e| s(e, "initiator_id") == who && !s(e, "target_id").is_empty())
        .map(|e| s(e, "target_id"))
        .unwrap();
    let expected: Vec<String> = all
        .iter()
        .filter(|e| {
            s(e, "initiator_id") == who
                && s(e, "target_id")
                    .to_lowercase()
                    .contains(&target.to_lowercase())
        })
        .map(|e| s(e, "id"))
        .take(25)
        .collect();
    sign_in_to(&b, &mock, "owner", "/events");
    b.wait("tbody tr[data-id]");
    all_listed(&b);
    set_control(&b, "select[name=initiator]", &who, "change");
    set_control(&b, "input[name=target]", &target, "input");
    b.wait_until("the initiator's events on that target", || {
        (shown_ids(&b) == expected).then_some(())
    });
    // In the URL as a query value: a user's ID (`google-oauth2|…`) is percent-encoded there.
    let url = b.current_url();
    assert!(
        url.contains(&format!("target={}", encode_query(&target))),
        "{url}"
    );
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
