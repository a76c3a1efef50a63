//! The performance benchmark (README → Performance; run it with `bash .ci/bench`).
//!
//! Builds nothing: it expects the release console in `dist/` (`trunk build --release`;
//! `CONSOLE_DIST` points elsewhere, `.ci/bench` uses `target/bench-dist`) and a
//! built `netbird-mock` (`NETBIRD_MOCK_BIN`, default `target/debug/netbird-mock`; `.ci/bench`
//! uses a release build). It starts the mock with 1,000 peers, with 10,000 peers and 1,000
//! routes, and with 1,000 groups and 1,000 policies beside 10,000 peers, drives headless Chromium over WebDriver (plus a few DevTools-protocol commands through
//! chromedriver) and prints one table, each timing the median of `--runs N` runs (default 5)
//! with min and max.
//!
//! Every timing comes from the page: the table component marks `nbc:table-painted` (a
//! `performance.mark`) after the frame that shows a new listing has been painted, and this
//! program polls for that mark; polling only decides when to read, never what is read.
//! Navigation figures are the mark's `startTime` (milliseconds since the navigation started,
//! with the HTTP cache disabled); interaction figures are the mark minus a `performance.now()`
//! taken in the same script that changes the control. Nothing here asserts a timing.
//!
//! The 10,000-peer navigation's breakdown has a floor beside it: a static page of one script
//! that sends one request, served by a mock of its own, navigated to before each run
//! (`floor_page`), so the first steps read against what this machine allows any page.
//!
//! For looking into a figure: `BENCH_DEBUG=1` prints each navigation's Resource Timing and
//! marks; `BENCH_PROFILE=<folder>` saves a CPU profile of each navigation to a list and each
//! interaction there (with function names if the build was made with `NBC_WASM_NAMES=1`);
//! `BENCH_CHROMIUM_ARGS` passes more switches to Chromium (a trace: `--trace-startup=<categories>
//! --trace-startup-file=<file> --trace-startup-format=json`).

use netbird_e2e::{dist_dir, sign_in, Browser, Mock};
use serde_json::{json, Value};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MARK: &str = "nbc:table-painted";
/// What `--only` picks from.
const SECTIONS: &[&str] = &["1k", "10k", "events", "lists", "network", "4g"];
/// The search keystroke: one character typed into an empty search box.
const SEARCH_CHAR: &str = "k";
/// The other list pages: (page, its API list, what it lists, one character typed into its
/// empty search box, one that some of its rows hold, and whether its rows name groups: they
/// are shown before the groups' names are in, and built again named).
const LISTS: &[(&str, &str, &str, &str, bool)] = &[
    ("/groups", "/api/groups", "groups", "7", false),
    ("/policies", "/api/policies", "policies", "7", false),
    ("/setup-keys", "/api/setup-keys", "setup keys", "b", true),
    (
        "/dns",
        "/api/dns/nameservers",
        "nameserver groups",
        "g",
        true,
    ),
    ("/users", "/api/users", "users", "j", true),
];

fn main() {
    let mut runs = 5usize;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .unwrap_or_else(|| die("--runs needs a positive number"))
            }
            "--only" => only = args.next(),
            "-h" | "--help" => {
                println!("usage: bench [--runs N] [--only SECTION]   (default 5 runs; sections: {}; expects dist/ and a built netbird-mock, see .ci/bench)", SECTIONS.join(", "));
                return;
            }
            other => die(&format!("unknown argument {other} (try --help)")),
        }
    }

    let mut rows: Vec<Figure> = Vec::new();
    let (files, total) = transfer(|name| !on_demand(name));
    for (i, what) in ["raw", "gzip", "brotli"].iter().enumerate() {
        rows.push(
            Figure::once(
                &format!("first-load transfer, {what} (html+js+wasm+css)"),
                total[i] as f64 / 1024.0,
                "KB",
            )
            .target(if *what == "brotli" { "≤ 160" } else { "" }),
        );
    }
    let (later_files, later) = transfer(on_demand);
    rows.push(Figure::once(
        "page modules fetched when first opened, brotli",
        later[2] as f64 / 1024.0,
        "KB",
    ));

    if let Some(o) = &only {
        if !SECTIONS.contains(&o.as_str()) {
            die(&format!(
                "no section {o} (sections: {})",
                SECTIONS.join(", ")
            ));
        }
    }
    let wanted = |section: &str| only.as_deref().is_none_or(|o| o == section);
    let mut chromium = String::new();
    let mut wire = (0, String::new());
    if wanted("1k") {
        eprintln!("[bench] 1,000 peers: {runs} navigations");
        let mock = Mock::start(&["--peers", "1000"]);
        let b = prepared_browser(&mock);
        chromium = b.version().to_string();
        let mut nav = Vec::new();
        for _ in 0..runs {
            nav.push(navigate_painted(&b, &mock, "/peers"));
        }
        wire = over_the_wire(&b);
        rows.push(Figure::once(
            "first load over the wire (measured, encoded bodies)",
            wire.0 as f64 / 1024.0,
            "KB",
        ));
        rows.push(Figure::new(
            "navigation → first peers row painted, 1,000 peers",
            nav,
            "ms",
        ));
    }

    let mut matching = String::new();
    if wanted("10k") {
        eprintln!("[bench] 10,000 peers, 1,000 routes: {runs} runs of each figure");
        let mock = Mock::start(&["--peers", "10000", "--routes", "1000"]);
        let b = prepared_browser(&mock);
        b.cdp("Performance.enable", json!({}))
            .unwrap_or_else(|e| die(&e));
        let (mut nav, mut heap, mut wasm, mut both) = (vec![], vec![], vec![], vec![]);
        let (mut sent, mut whole) = (vec![], vec![]);
        let mut steps: Vec<Vec<f64>> = vec![Vec::new(); STEPS.len()];
        let floor_dir = floor_page();
        let floor_mock = Mock::start_serving(&floor_dir, &[]);
        let mut floor: Vec<Vec<f64>> = vec![Vec::new(); FLOOR_STEPS.len()];
        for _ in 0..runs {
            // Each run of the floor beside one of the console, so both see the same spell.
            for (step, at) in floor.iter_mut().zip(navigate_floor(&b, &floor_mock)) {
                step.push(at);
            }
            nav.push(navigate_painted(&b, &mock, "/peers"));
            // Resource Timing lists a request once its whole answer is in.
            whole.push(all_listed(&b));
            sent.push(request_sent(&b, "/api/peers"));
            for (step, at) in steps.iter_mut().zip(breakdown(&b, "/api/peers")) {
                step.push(at);
            }
            let (h, w) = memory(&b);
            heap.push(h);
            wasm.push(w);
            both.push(h + w);
        }
        drop(floor_mock);
        std::fs::remove_dir_all(&floor_dir).ok();
        let mut search = Vec::new();
        for _ in 0..runs {
            navigate_painted(&b, &mock, "/peers?size=1000");
            search.push(type_search(&b, SEARCH_CHAR));
            matching = summary(&b);
            if !matching.contains("matching") {
                die(&format!(
                    "the search did not filter the table: {matching:?}"
                ));
            }
        }
        // The same keystroke with qualifiers and with an address range (the whole query at
        // once: one input event, as a paste).
        let (mut qualified, mut range) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            for (query, into) in [
                ("os:linux version:<0.40.0 seen:>1d", &mut qualified),
                ("100.80.0.0/12", &mut range),
            ] {
                navigate_painted(&b, &mock, "/peers?size=1000");
                all_listed(&b);
                into.push(type_search(&b, query));
                let shown = summary(&b);
                if !shown.contains("matching") {
                    die(&format!("{query:?} did not filter the table: {shown:?}"));
                }
            }
        }
        // A group of about 5,000 members, and the picker that adds to it.
        let big = mock
            .list("/api/groups")
            .into_iter()
            .filter(|g| g["name"] != "All")
            .max_by_key(|g| g["peers_count"].as_u64().unwrap_or(0))
            .unwrap_or_else(|| die("no group"));
        let big_size = big["peers_count"].as_u64().unwrap_or(0);
        let big_path = format!("/groups/{}", big["id"].as_str().unwrap_or_default());
        let (mut group_page, mut picker) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            group_page.push(navigate_painted(&b, &mock, &big_path));
            let search = "fieldset[name=peers] input[type=search]";
            poll(&b, "the member picker", || b.find(search));
            picker.push(
                b.script_async(&format!(
                    "const done = arguments[arguments.length - 1];
                     const i = document.querySelector('{search}');
                     const t0 = performance.now();
                     i.value = 'web-1';
                     i.dispatchEvent(new Event('input', {{ bubbles: true }}));
                     requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));"
                ))
                .as_f64()
                .unwrap_or_else(|| die("the picker timing")),
            );
        }
        // The command palette over every list (10,000 peers among them): a keystroke that
        // finds one peer by part of its address, typed once the lists are read.
        let mut palette = Vec::new();
        let address = mock.list("/api/peers")[5_000]["ip"]
            .as_str()
            .unwrap_or_else(|| die("no peer address"))
            .to_string();
        for _ in 0..runs {
            navigate_painted(&b, &mock, "/peers");
            b.script(
                "dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));",
            );
            let input = "[data-testid=palette] input[type=search]";
            poll(&b, "the palette's lists", || {
                b.find(".palette__status")
                    .filter(|s| !b.text(s).starts_with("Reading"))
                    .or_else(|| {
                        b.find(input)
                            .filter(|_| b.find(".palette__status").is_none())
                    })
            });
            palette.push(
                b.script_async(&format!(
                    "const done = arguments[arguments.length - 1];
                     const i = document.querySelector('{input}');
                     const t0 = performance.now();
                     i.value = {address:?};
                     i.dispatchEvent(new Event('input', {{ bubbles: true }}));
                     requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));"
                ))
                .as_f64()
                .unwrap_or_else(|| die("the palette timing")),
            );
            if b.find_all("[data-testid=palette] [role=option]").is_empty() {
                die(&format!("the palette found nothing for {address}"));
            }
            b.script(
                "document.querySelector('[data-testid=palette]').dispatchEvent(new Event('cancel', { cancelable: true }));",
            );
        }
        // Adding 1,000 peers to a group through the bulk action: one PUT.
        let mut add = Vec::new();
        let target = mock
            .list("/api/groups")
            .into_iter()
            .find(|g| g["name"] == "team-001")
            .unwrap_or_else(|| die("no team-001 group"));
        let target_id = target["id"].as_str().unwrap_or_default().to_string();
        for _ in 0..runs {
            navigate_painted(&b, &mock, "/peers?size=1000");
            all_listed(&b);
            b.click(&b.wait("thead th.select-col input"));
            b.click(&b.wait("[data-testid=bulk-group-add]"));
            b.wait(&format!(
                "[data-testid=group-choice] option[value='{target_id}']"
            ));
            b.script_with(
                "const s = document.querySelector('[data-testid=group-choice] select[name=group]');
                 s.value = arguments[0]; s.dispatchEvent(new Event('change')); return null",
                json!([target_id]),
            );
            b.click(&b.wait("[data-testid=group-choice-next]"));
            let confirm = b.wait("[data-testid=confirm]");
            mock.control("DELETE", "/__mock/requests");
            let t0 = Instant::now();
            b.click(&confirm);
            poll(&b, "the group add to finish", || {
                b.find("[data-testid=bulk-report]")
                    .filter(|r| b.text(r).contains("1 of 1 succeeded"))
            });
            add.push(t0.elapsed().as_secs_f64() * 1000.0);
            let puts = mock.control(
                "GET",
                &format!("/__mock/requests?method=PUT&path=/api/groups/{target_id}"),
            );
            if puts["count"] != 1 {
                die(&format!("adding 1,000 peers took {puts} PUTs, not one"));
            }
        }
        let mut size = Vec::new();
        for _ in 0..runs {
            navigate_painted(&b, &mock, "/peers");
            size.push(interact(
                &b,
                "const s = document.querySelector('select[name=size]');
                 const t0 = performance.now();
                 s.value = arguments[0];
                 s.dispatchEvent(new Event('change', { bubbles: true }));
                 return t0;",
                "1000",
            ));
            // A 1,000-row page renders the rows near the viewport (virtualised); the page
            // itself holds 1,000.
            let shown = summary(&b);
            if !shown.contains("1–1,000 of") {
                die(&format!(
                    "expected a 1,000-row page after switching, saw {shown:?}"
                ));
            }
        }
        // Sorting every peer by name: the column's link, clicked once the whole list is in.
        let mut sort = Vec::new();
        for _ in 0..runs {
            navigate_painted(&b, &mock, "/peers");
            all_listed(&b);
            sort.push(interact(
                &b,
                "const a = document.querySelector(`thead a.th-sort[href*='sort=${arguments[0]}']`);
                 const t0 = performance.now();
                 a.click();
                 return t0;",
                "name",
            ));
            let url = b.script("return location.search;");
            if !url.as_str().is_some_and(|q| q.contains("sort=name")) {
                die(&format!("the name column's link did not sort: {url}"));
            }
        }
        let mut routes = Vec::new();
        let mut routes_named = Vec::new();
        for _ in 0..runs {
            routes.push(navigate_painted(&b, &mock, "/routes"));
            // The routing peers' names fill in once the peers list is in.
            routes_named.push(mark_time(&b, "nbc:routes-named"));
        }
        // Back from the routes to the peers visited before them, inside the console.
        let mut back = Vec::new();
        for _ in 0..runs {
            navigate_painted(&b, &mock, "/peers");
            all_listed(&b);
            b.click(&b.wait("a.sidebar__link[href='/routes']"));
            poll(&b, "the routes list", || {
                b.find("[data-testid=routes-table] tbody tr, table tbody tr")
                    .filter(|_| b.current_url().ends_with("/routes"))
            });
            settle(&b);
            back.push(interact(
                &b,
                "const t0 = performance.now(); history.back(); return t0;",
                "",
            ));
            if !b.current_url().ends_with("/peers") {
                die(&format!("back went to {}, not /peers", b.current_url()));
            }
        }
        rows.push(
            Figure::new(
                "navigation → first peers row painted, 10,000 peers",
                nav,
                "ms",
            )
            .target("≤ 150"),
        );
        rows.push(
            Figure::new(
                "  of which: navigation → /api/peers request sent",
                sent,
                "ms",
            )
            .target("≤ 30"),
        );
        for (step, values) in STEPS.iter().zip(steps) {
            rows.push(Figure::new(&format!("    breakdown: {step}"), values, "ms"));
        }
        for (step, values) in FLOOR_STEPS.iter().zip(floor) {
            rows.push(Figure::new(&format!("    floor: {step}"), values, "ms"));
        }
        rows.push(
            Figure::new(
                "navigation → every peer listed (sortable), 10,000 peers",
                whole,
                "ms",
            )
            .target("≤ 350"),
        );
        rows.push(
            Figure::new(
                "search keystroke → painted, 10,000 peers, 1,000/page",
                search,
                "ms",
            )
            .target("≤ 50"),
        );
        rows.push(
            Figure::new(
                "qualifier search (os:, version:<, seen:>) → painted, 10,000 peers",
                qualified,
                "ms",
            )
            .target("≤ 50"),
        );
        rows.push(
            Figure::new(
                "address range search (100.80.0.0/12) → painted, 10,000 peers",
                range,
                "ms",
            )
            .target("≤ 50"),
        );
        rows.push(
            Figure::new(
                &format!("navigation → group page painted, {big_size} members"),
                group_page,
                "ms",
            )
            .target("≤ 400"),
        );
        rows.push(
            Figure::new(
                "peer picker keystroke → options painted, 10,000 peers",
                picker,
                "ms",
            )
            .target("≤ 30"),
        );
        rows.push(
            Figure::new(
                "palette keystroke → results painted, 10,000 peers",
                palette,
                "ms",
            )
            .target("≤ 30"),
        );
        rows.push(Figure::new(
            "bulk add 1,000 peers to a group, confirm → done (one PUT)",
            add,
            "ms",
        ));
        rows.push(
            Figure::new(
                "switch 25 → 1,000 rows a page → painted, 10,000 peers",
                size,
                "ms",
            )
            .target("≤ 300"),
        );
        rows.push(Figure::new(
            "sort by name (column clicked) → painted, 10,000 peers",
            sort,
            "ms",
        ));
        rows.push(
            Figure::new(
                "navigation → first routes row painted, 1,000 routes",
                routes,
                "ms",
            )
            .target("≤ 300"),
        );
        rows.push(Figure::new(
            "  then: every routing peer named (10,000 peers read)",
            routes_named,
            "ms",
        ));
        rows.push(
            Figure::new(
                "back to a visited list (peers, 10,000) → painted",
                back,
                "ms",
            )
            .target("≤ 50"),
        );
        rows.push(Figure::new(
            "JS heap (used, after GC), 10,000 peers",
            heap,
            "MB",
        ));
        rows.push(Figure::new("wasm linear memory, 10,000 peers", wasm, "MB"));
        rows.push(Figure::new("JS heap + wasm memory, 10,000 peers", both, "MB").target("≤ 32"));
    }

    // The audit log: the mock seeds 10,000 events over 90 days.
    if wanted("events") {
        eprintln!("[bench] 10,000 events: {runs} runs of each figure");
        let mock = Mock::start(&[]);
        let b = prepared_browser(&mock);
        let (mut nav, mut keystroke, mut activity) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            nav.push(navigate_painted(&b, &mock, "/events"));
            all_listed(&b);
            let before = summary(&b);
            // One character typed into the empty target filter (the page's own filter, which
            // narrows the rows before the table lists them).
            keystroke.push(interact(
                &b,
                "const i = document.querySelector('input[name=target]');
                 const t0 = performance.now();
                 i.value = arguments[0];
                 i.dispatchEvent(new Event('input', { bubbles: true }));
                 return t0;",
                SEARCH_CHAR,
            ));
            let after = summary(&b);
            if after == before {
                die(&format!(
                    "the target filter did not narrow the events: {after:?}"
                ));
            }
        }
        for _ in 0..runs {
            navigate_painted(&b, &mock, "/events");
            all_listed(&b);
            activity.push(interact(
                &b,
                "const s = document.querySelector('select[name=activity]');
                 const t0 = performance.now();
                 s.value = arguments[0];
                 s.dispatchEvent(new Event('change', { bubbles: true }));
                 return t0;",
                "routes",
            ));
        }
        rows.push(
            Figure::new(
                "navigation → first events row painted, 10,000 events",
                nav,
                "ms",
            )
            .target("≤ 300"),
        );
        rows.push(
            Figure::new(
                "events filter keystroke (target) → painted, 10,000 events",
                keystroke,
                "ms",
            )
            .target("≤ 50"),
        );
        rows.push(Figure::new(
            "events activity filter (routes) → painted, 10,000 events",
            activity,
            "ms",
        ));
    }

    // The other lists at a large account's sizes: 1,000 groups and 1,000 policies beside
    // 10,000 peers (the events above: 10,000).
    if wanted("lists") {
        eprintln!("[bench] 1,000 groups and 1,000 policies: {runs} runs of each list");
        let mock = Mock::start(&["--peers", "10000", "--groups", "1000", "--policies", "1000"]);
        let b = prepared_browser(&mock);
        for (path, api, what, typed, names_groups) in LISTS {
            let count = mock.list(api).len();
            let (mut nav, mut named, mut keystroke) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..runs {
                nav.push(navigate_painted(&b, &mock, path));
                if *names_groups {
                    named.push(mark_time(&b, "nbc:list-named"));
                }
                all_listed(&b);
                keystroke.push(type_search(&b, typed));
                let shown = summary(&b);
                if !shown.contains("matching") {
                    die(&format!("{typed:?} did not filter {path}: {shown:?}"));
                }
            }
            rows.push(
                Figure::new(
                    &format!("navigation → first {what} row painted, {count}"),
                    nav,
                    "ms",
                )
                .target("≤ 300"),
            );
            if *names_groups {
                rows.push(Figure::new(
                    "  then: their groups named (1,000 groups read)",
                    named,
                    "ms",
                ));
            }
            rows.push(
                Figure::new(
                    &format!("search keystroke → painted, {count} {what}"),
                    keystroke,
                    "ms",
                )
                .target("≤ 50"),
            );
        }
    }

    // The network's computed views at 10,000 peers and 1,000 routes: a peer's access (its
    // connections, routes and DNS, and the table of them), the map, the health check.
    if wanted("network") {
        eprintln!("[bench] network views, 10,000 peers and 1,000 routes: {runs} runs each");
        let mock = Mock::start(&["--peers", "10000", "--routes", "1000"]);
        let b = prepared_browser(&mock);
        let peer = mock
            .list("/api/peers")
            .iter()
            .find(|p| p["name"] == "laptop-alice")
            .and_then(|p| p["id"].as_str().map(str::to_string))
            .unwrap_or_else(|| die("no laptop-alice among the peers"));
        let views = [
            (
                format!("/network?peer={peer}"),
                "nbc:access-painted",
                "access view painted, one peer",
                "≤ 500",
            ),
            (
                "/network?view=map".to_string(),
                "nbc:map-drawn",
                "map first drawn, every group",
                "≤ 500",
            ),
            (
                "/health".to_string(),
                "nbc:health-painted",
                "health check computed and painted",
                "≤ 1000",
            ),
        ];
        for (path, mark, what, target) in views {
            let (mut times, mut computing) = (Vec::new(), Vec::new());
            for _ in 0..runs {
                let painted = navigate_mark(&b, &mock, &path, mark);
                // The page marks when its lists are all in: what follows is computing and drawing.
                let loaded = b
                    .script("const e = performance.getEntriesByName('nbc:network-loaded'); return e.length ? e[0].startTime : null;")
                    .as_f64()
                    .unwrap_or_else(|| die(&format!("{path}: no nbc:network-loaded mark")));
                times.push(painted);
                computing.push(painted - loaded);
            }
            rows.push(
                Figure::new(
                    &format!("navigation → {what}, 10,000 peers, 1,000 routes"),
                    times,
                    "ms",
                )
                .target(target),
            );
            rows.push(Figure::new(
                &format!("  of it: lists in → {what}"),
                computing,
                "ms",
            ));
        }
    }

    // A first load over a slower network (Chromium's emulation of a fast 4G link), cold cache.
    if wanted("4g") {
        eprintln!("[bench] fast 4G, 1,000 peers: {runs} cold navigations");
        let mock = Mock::start(&["--peers", "1000"]);
        let b = prepared_browser(&mock);
        b.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": 60,
                "downloadThroughput": 9_000_000 / 8,
                "uploadThroughput": 1_500_000 / 8,
            }),
        )
        .unwrap_or_else(|e| die(&format!("DevTools Network.emulateNetworkConditions: {e}")));
        let (mut nav, mut sent) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            nav.push(navigate_painted(&b, &mock, "/peers"));
            all_listed(&b);
            sent.push(request_sent(&b, "/api/peers"));
        }
        rows.push(Figure::new(
            "fast 4G: navigation → /api/peers request sent, 1,000 peers",
            sent,
            "ms",
        ));
        rows.push(Figure::new(
            "fast 4G: navigation → first peers row painted, 1,000 peers",
            nav,
            "ms",
        ));
    }

    println!();
    println!(
        "netbird-console benchmark: median (min, max) of {runs} runs; headless Chromium {chromium}; {}",
        machine()
    );
    println!();
    println!(
        "| {:<58} | {:>9} | {:>9} | {:>9} | {:<4} | {:<6} |",
        "figure", "median", "min", "max", "unit", "target"
    );
    println!(
        "|{:-<60}|{:->11}|{:->11}|{:->11}|{:-<6}|{:-<8}|",
        "", "", "", "", "", ""
    );
    for f in &rows {
        f.print();
    }
    println!();
    let list = |files: &[(String, [u64; 3])]| {
        files
            .iter()
            .map(|(name, [raw, _, br])| format!("{name} {raw} B raw / {br} B brotli"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    println!("files: {}", list(&files));
    println!("on demand: {}", list(&later_files));
    println!(
        "over the wire (everything but /api/ on the last navigation to /peers): {}",
        wire.1
    );
    println!("search: {SEARCH_CHAR:?} typed into the empty search box → {matching:?}");
    println!("KB = 1024 bytes, MB = 1024² bytes; no fonts are shipped (system font stack).");
}

fn die(msg: &str) -> ! {
    eprintln!("bench: {msg}");
    std::process::exit(1)
}

struct Figure {
    name: String,
    values: Vec<f64>,
    unit: &'static str,
    /// The target for this figure, shown beside it (never checked).
    target: &'static str,
}

impl Figure {
    fn new(name: &str, values: Vec<f64>, unit: &'static str) -> Figure {
        Figure {
            name: name.to_string(),
            values,
            unit,
            target: "",
        }
    }

    fn target(mut self, target: &'static str) -> Figure {
        self.target = target;
        self
    }

    /// A deterministic figure, measured once.
    fn once(name: &str, value: f64, unit: &'static str) -> Figure {
        Figure::new(name, vec![value], unit)
    }

    fn print(&self) {
        let mut v = self.values.clone();
        v.sort_by(|a, b| a.total_cmp(b));
        let median = if v.len() % 2 == 1 {
            v[v.len() / 2]
        } else {
            (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
        };
        let fmt = |x: f64| format!("{x:.1}");
        let (min, max) = if v.len() == 1 {
            ("–".to_string(), "–".to_string())
        } else {
            (fmt(v[0]), fmt(v[v.len() - 1]))
        };
        println!(
            "| {:<58} | {:>9} | {:>9} | {:>9} | {:<4} | {:<6} |",
            self.name,
            fmt(median),
            min,
            max,
            self.unit,
            self.target
        );
    }
}

/// The page modules (src/ui/split.rs) that wasm-split-cli cuts out of the first load; they are
/// fetched when a page of theirs first opens. `.ci/size` tells them apart the same way.
fn on_demand(name: &str) -> bool {
    (name.starts_with("split_") || name.starts_with("chunk_")) && name.ends_with(".wasm")
}

/// The files of `dist/` that `keep` picks among those `.ci/size` counts (html + js + wasm + css;
/// the favicon and `config.json` are left out), each raw, `gzip -9` and `brotli -q 11`.
fn transfer(keep: fn(&str) -> bool) -> (Vec<(String, [u64; 3])>, [u64; 3]) {
    let dist = dist_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dist)
        .unwrap_or_else(|e| {
            die(&format!(
                "{}: {e} (run trunk build --release)",
                dist.display()
            ))
        })
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n == "index.html" || n.ends_with(".js") || n.ends_with(".wasm") || n.ends_with(".css")
        })
        .filter(|n| keep(n))
        .collect();
    names.sort();
    let compressed = |tool: &str, args: &[&str], path: &std::path::Path| -> u64 {
        let out = Command::new(tool)
            .args(args)
            .arg(path)
            .stderr(Stdio::inherit())
            .output()
            .unwrap_or_else(|e| die(&format!("{tool}: {e} (run . .ci/setup)")));
        out.stdout.len() as u64
    };
    let mut total = [0u64; 3];
    let mut files = Vec::new();
    for name in names {
        let path = dist.join(&name);
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let gz = compressed("gzip", &["-9c"], &path);
        let br = compressed("brotli", &["-c", "-q", "11"], &path);
        for (t, v) in total.iter_mut().zip([raw, gz, br]) {
            *t += v;
        }
        files.push((name, [raw, gz, br]));
    }
    (files, total)
}

/// A browser with the HTTP cache disabled, a hook that keeps the wasm instance's exports
/// (Trunk passes them in its `TrunkApplicationStarted` event) for reading its memory size,
/// signed in as the owner (the token stays in this tab's sessionStorage across navigations).
fn prepared_browser(mock: &Mock) -> Browser {
    let b = Browser::start();
    let cdp = |cmd: &str, params: Value| {
        b.cdp(cmd, params)
            .unwrap_or_else(|e| die(&format!("DevTools {cmd}: {e}")));
    };
    // The Network domain is on only to turn the HTTP cache off. It keeps no copy of the answers
    // (DevTools would otherwise buffer and decode each body as text: for the 13 MB list of
    // 10,000 peers, tens of milliseconds of the page's main thread that no user pays).
    cdp(
        "Network.enable",
        json!({ "maxTotalBufferSize": 0, "maxResourceBufferSize": 0, "maxPostDataSize": 0 }),
    );
    cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }));
    cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "addEventListener('TrunkApplicationStarted', e => { window.__nbcWasm = e.detail.wasm; });" }),
    );
    if std::env::var_os("BENCH_DEBUG").is_some() {
        // Long animation frames (over 50 ms): where their time went (script, style and layout).
        cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": "window.__nbcFrames = []; try { new PerformanceObserver(l => window.__nbcFrames.push(...l.getEntries())).observe({type: 'long-animation-frame', buffered: true}); } catch (e) {}" }),
        );
    }
    sign_in(&b, mock, &mock.token("owner"), "/peers");
    b.wait("table tbody tr");
    b
}

/// Navigates afresh (via about:blank) to `path` and returns the first `nbc:table-painted` mark's
/// time since navigation start, in ms. Waits until the page has settled (two more frames).
fn navigate_painted(b: &Browser, mock: &Mock, path: &str) -> f64 {
    b.goto("about:blank");
    let profiling = start_profile(b);
    b.goto(&format!("{}{path}", mock.url));
    let t = poll(b, &format!("{MARK} after navigating to {path}"), || {
        b.script(&format!(
            "const e = performance.getEntriesByName('{MARK}'); return e.length ? e[0].startTime : null;"
        ))
        .as_f64()
    });
    if b.find("table tbody tr").is_none() {
        die(&format!("{path}: marked painted but no table row is shown"));
    }
    settle(b);
    if profiling {
        save_profile(b, path);
    }
    debug_timeline(b);
    let marks = b.script(&format!(
        "return performance.getEntriesByName('{MARK}').length;"
    ));
    // A long list marks its first page, then the whole list once it has all arrived.
    if marks.as_u64().is_some_and(|m| m > 2) {
        eprintln!(
            "[bench] note: {path} marked {marks} listings while loading; the first is reported"
        );
    }
    t
}

/// Navigates afresh (via about:blank) to `path` and returns the time of the page's `mark` since
/// navigation start, in ms.
fn navigate_mark(b: &Browser, mock: &Mock, path: &str, mark: &str) -> f64 {
    b.goto("about:blank");
    b.goto(&format!("{}{path}", mock.url));
    let t = mark_time(b, mark);
    settle(b);
    t
}

/// The time of the page's first `mark` since navigation start, in ms, once it is made.
fn mark_time(b: &Browser, mark: &str) -> f64 {
    poll(b, &format!("{mark} on {}", b.current_url()), || {
        b.script_with(
            "const e = performance.getEntriesByName(arguments[0]); return e.length ? e[0].startTime : null;",
            json!([mark]),
        )
        .as_f64()
    })
}

/// When the request for `path` was sent, from Resource Timing (ms after navigation).
/// Resource Timing lists a request once its whole answer is in: this waits for that.
fn request_sent(b: &Browser, path: &str) -> f64 {
    poll(b, &format!("{path} in Resource Timing"), || {
        b.script_with(
            "const r = performance.getEntriesByType('resource').find(r => new URL(r.name).pathname === arguments[0]);
             return r ? r.requestStart : null;",
            json!([path]),
        )
        .as_f64()
    })
}

/// The steps of a navigation to a list, in order (`breakdown`).
const STEPS: &[&str] = &[
    "HTML in",
    "loader ran (requests sent)",
    "API request sent",
    "API first byte",
    "console started (wasm in)",
    "first page of rows decoded",
    "first rows painted",
];

/// The same steps for the machine's floor (`floor_page`).
const FLOOR_STEPS: &[&str] = &["HTML in", "a page's one script ran", "its request sent"];

/// A folder with the least page that sends a request as the console's loader does: its head
/// loads one script file, which reads sessionStorage and sends one request. Served by a mock
/// of its own beside the console's, with the same server and browser, it shows how soon any
/// page can send its first request on this machine: the floor under "API request sent".
fn floor_page() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nbc-bench-floor-{}", std::process::id()));
    let files = [
        (
            "index.html",
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>floor</title>\n\
             <script src=\"floor.js\"></script></head><body><p>floor</p></body></html>\n",
        ),
        (
            "floor.js",
            "sessionStorage.getItem('netbird-console.session');\n\
             fetch('floor.json').catch(() => {});\n\
             performance.mark('floor:ran');\n",
        ),
        ("floor.json", "{}\n"),
    ];
    std::fs::create_dir_all(&dir)
        .and_then(|()| {
            files
                .iter()
                .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
        })
        .unwrap_or_else(|e| {
            die(&format!(
                "cannot write the floor page in {}: {e}",
                dir.display()
            ))
        });
    dir
}

/// Navigates afresh (via about:blank) to the floor page and returns when each of
/// `FLOOR_STEPS` happened (ms since the navigation started).
fn navigate_floor(b: &Browser, mock: &Mock) -> Vec<f64> {
    b.goto("about:blank");
    b.goto(&format!("{}/", mock.url));
    let steps = poll(b, "the floor page's request", || {
        let v = b.script(
            "const nav = performance.getEntriesByType('navigation')[0];
             const ran = performance.getEntriesByName('floor:ran');
             const r = performance.getEntriesByType('resource').find(r => new URL(r.name).pathname === '/floor.json');
             return nav && ran.length && r ? [nav.responseEnd, ran[0].startTime, r.requestStart] : null;",
        );
        v.as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect::<Vec<f64>>())
            .filter(|a| a.len() == FLOOR_STEPS.len())
    });
    settle(b);
    steps
}

/// When each of `STEPS` happened in the last navigation (ms since it started), from Navigation
/// and Resource Timing and the marks of the loader and the console.
fn breakdown(b: &Browser, api: &str) -> Vec<f64> {
    let v = b.script_with(
        "const mark = n => { const e = performance.getEntriesByName(n); return e.length ? e[0].startTime : null; };
         const nav = performance.getEntriesByType('navigation')[0];
         const r = performance.getEntriesByType('resource').find(r => new URL(r.name).pathname === arguments[0]);
         return [nav ? nav.responseEnd : null, mark('netbird-console:loader'),
                 r ? r.requestStart : null, r ? r.responseStart : null,
                 mark('netbird-console:start'), mark('nbc:first-page-decoded'),
                 mark('nbc:table-painted')];",
        json!([api]),
    );
    let steps: Vec<f64> = v
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    if steps.len() != STEPS.len() {
        die(&format!("a step of the navigation was not recorded: {v}"));
    }
    steps
}

/// With BENCH_PROFILE=<folder> set: starts a JS and wasm CPU profile (DevTools' sampling
/// profiler, 0.2 ms) of the navigation about to start. Returns whether it did.
fn start_profile(b: &Browser) -> bool {
    if std::env::var_os("BENCH_PROFILE").is_none() {
        return false;
    }
    b.cdp("Profiler.enable", json!({})).is_ok()
        && b.cdp("Profiler.setSamplingInterval", json!({"interval": 200}))
            .is_ok()
        && b.cdp("Profiler.start", json!({})).is_ok()
}

/// Stops the profile and writes it into BENCH_PROFILE's folder as `<page>-<n>.cpuprofile`
/// (opens in Chromium's DevTools, Performance panel).
fn save_profile(b: &Browser, path: &str) {
    let Some(dir) = std::env::var_os("BENCH_PROFILE").map(std::path::PathBuf::from) else {
        return;
    };
    let Ok(profile) = b.cdp("Profiler.stop", json!({})) else {
        return;
    };
    let page: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    std::fs::create_dir_all(&dir).ok();
    let n = std::fs::read_dir(&dir).map_or(0, |d| d.count());
    let file = dir.join(format!("{}-{n}.cpuprofile", page.trim_matches('_')));
    std::fs::write(&file, profile["profile"].to_string()).ok();
}

/// With BENCH_DEBUG set: prints the last navigation's timeline (Resource Timing and marks).
fn debug_timeline(b: &Browser) {
    if std::env::var_os("BENCH_DEBUG").is_some() {
        let d = b.script(
            "const nav = performance.getEntriesByType('navigation')[0];
             const out = ['nav ' + ['responseStart','responseEnd','domInteractive','domContentLoadedEventEnd'].map(k => k + '=' + nav[k].toFixed(1)).join(' ')];
             for (const r of performance.getEntriesByType('resource')) out.push(new URL(r.name).pathname.slice(0, 40) + ' start=' + r.startTime.toFixed(1) + ' req=' + r.requestStart.toFixed(1) + ' first=' + r.responseStart.toFixed(1) + ' end=' + r.responseEnd.toFixed(1) + ' conn=' + r.connectStart.toFixed(1) + '-' + r.connectEnd.toFixed(1) + ' ' + r.initiatorType);
             for (const m of performance.getEntriesByType('mark')) out.push('mark ' + m.name + ' ' + m.startTime.toFixed(1));
             for (const f of window.__nbcFrames || []) out.push('long frame ' + f.startTime.toFixed(1) + ' +' + f.duration.toFixed(1) + ' render=' + (f.renderStart ? (f.renderStart - f.startTime).toFixed(1) : '-') + ' style+layout=' + (f.styleAndLayoutStart ? (f.startTime + f.duration - f.styleAndLayoutStart).toFixed(1) : '-') + ' blocking=' + f.blockingDuration.toFixed(1) + ' scripts=' + f.scripts.map(s => (s.invoker || s.name).slice(-30) + '@' + s.startTime.toFixed(1) + '/exec' + s.executionStart.toFixed(1) + ':' + s.duration.toFixed(1)).join(','));
             return out.join('\\n');",
        );
        eprintln!("{}", d.as_str().unwrap_or_default());
    }
}

/// Waits until the table lists every row (a long list shows its first page while the rest is
/// still arriving) and returns when that listing was painted.
fn all_listed(b: &Browser) -> f64 {
    poll(b, "the whole list", || {
        let shown = summary(b);
        (!shown.is_empty() && !shown.contains("loading the rest")).then_some(())
    });
    settle(b);
    b.script(&format!(
        "const e = performance.getEntriesByName('{MARK}'); return e.length ? e[e.length - 1].startTime : null;"
    ))
    .as_f64()
    .unwrap_or_else(|| die("no painted mark after the whole list"))
}

/// What the last navigation fetched besides the API, from Resource Timing: the total of the
/// encoded (as transferred, e.g. brotli) body sizes, and a list of what it fetched.
fn over_the_wire(b: &Browser) -> (u64, String) {
    let v = b.script(
        "const seen = new Map();
         const nav = performance.getEntriesByType('navigation')[0];
         seen.set(new URL(nav.name).pathname + ' (document)', nav.encodedBodySize);
         for (const r of performance.getEntriesByType('resource')) {
           const path = new URL(r.name).pathname;
           if (path.startsWith('/api/')) continue;
           const key = path + (r.responseStatus >= 400 ? ' (' + r.responseStatus + ')' : '');
           seen.set(key, Math.max(seen.get(key) || 0, r.encodedBodySize));
         }
         return [...seen.entries()];",
    );
    let entries: Vec<(String, u64)> = v
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e[0].as_str().unwrap_or("?").to_string(),
                        e[1].as_f64().unwrap_or(0.0) as u64,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let total = entries.iter().map(|(_, n)| n).sum();
    let list = entries
        .iter()
        .map(|(p, n)| format!("{p} {n} B"))
        .collect::<Vec<_>>()
        .join(", ");
    (total, list)
}

/// Waits two animation frames, so that nothing of the previous change is still pending.
fn settle(b: &Browser) {
    b.script_async(
        "const done = arguments[arguments.length - 1];
         requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
    );
}

/// Clears the marks, runs `js` (which changes a control in the page and returns the
/// `performance.now()` it took just before) with `arg`, and returns mark − t0 in ms.
fn interact(b: &Browser, js: &str, arg: &str) -> f64 {
    b.script(&format!("performance.clearMarks('{MARK}');"));
    let profiling = start_profile(b);
    let t0 = b
        .script_with(js, json!([arg]))
        .as_f64()
        .unwrap_or_else(|| die("the interaction script returned no t0"));
    let mark = poll(b, &format!("{MARK} after an interaction"), || {
        b.script(&format!(
            "const e = performance.getEntriesByName('{MARK}'); return e.length ? e[0].startTime : null;"
        ))
        .as_f64()
    });
    settle(b);
    if profiling {
        save_profile(b, "interaction");
    }
    mark - t0
}

/// `text` put into the page's empty search box at once (one input event, as a keystroke or a
/// paste): ms until the table is painted again.
fn type_search(b: &Browser, text: &str) -> f64 {
    interact(
        b,
        "const i = document.querySelector('input[name=q]');
         const t0 = performance.now();
         i.value = arguments[0];
         i.dispatchEvent(new Event('input', { bubbles: true }));
         return t0;",
        text,
    )
}

/// Polls `probe` every 20 ms for up to 60 s.
fn poll<T>(b: &Browser, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(v) = probe() {
            return v;
        }
        if Instant::now() > deadline {
            let shot = b.screenshot("bench-timeout");
            die(&format!(
                "timed out waiting for {what} at {} (screenshot {})",
                b.current_url(),
                shot.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// (JS heap used after a full GC, wasm linear memory) in MB.
fn memory(b: &Browser) -> (f64, f64) {
    b.cdp("HeapProfiler.collectGarbage", json!({}))
        .unwrap_or_else(|e| die(&format!("DevTools HeapProfiler.collectGarbage: {e}")));
    let metrics = b
        .cdp("Performance.getMetrics", json!({}))
        .unwrap_or_else(|e| die(&format!("DevTools Performance.getMetrics: {e}")));
    let heap = metrics["metrics"]
        .as_array()
        .and_then(|m| m.iter().find(|x| x["name"] == "JSHeapUsedSize"))
        .and_then(|x| x["value"].as_f64())
        .unwrap_or_else(|| die(&format!("no JSHeapUsedSize in {metrics}")));
    let wasm = b
        .script("return window.__nbcWasm ? window.__nbcWasm.memory.buffer.byteLength : null;")
        .as_f64()
        .unwrap_or_else(|| die("the wasm instance's memory is not reachable"));
    let mb = 1024.0 * 1024.0;
    (heap / mb, wasm / mb)
}

fn summary(b: &Browser) -> String {
    b.script("const s = document.querySelector('[data-testid=table-summary]'); return s ? s.textContent : '';")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|l| l.trim().trim_end_matches(" kB").parse::<f64>().ok())
        })
        .map(|kb| format!(", {:.0} GB RAM", kb / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cores} cores ({cpu}){mem}")
}
