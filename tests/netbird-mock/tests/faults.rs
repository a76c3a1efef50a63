//! Transport and format faults (`--fault`, `/__mock/fault`) and the request counter, over real
//! HTTP against a mock started in-process.

mod common;

use common::*;
use netbird_mock::fault::FaultRule;
use netbird_mock::server::Config;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn route_body(m: &Mock, network_id: &str) -> Value {
    json!({
        "network_id": network_id,
        "description": "fault test",
        "enabled": true,
        "peer": m.peer_id("db-prod-01"),
        "network": "10.99.0.0/16",
        "metric": 9999,
        "masquerade": true,
        "groups": [m.group_id("engineering")],
        "keep_route": false,
    })
}

fn route_count(m: &Mock) -> usize {
    m.get_ok("/api/routes").as_array().unwrap().len()
}

/// Nothing was written: the read ends at once (EOF) or with a reset.
fn assert_dropped(r: std::io::Result<Vec<u8>>) {
    match r {
        Ok(bytes) => assert!(
            bytes.is_empty(),
            "expected no response, got {:?}",
            String::from_utf8_lossy(&bytes)
        ),
        Err(e) => assert!(
            matches!(
                e.kind(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
            ),
            "{e}"
        ),
    }
}

#[test]
fn drop_closes_the_connection_without_a_response() {
    let m = Mock::start();
    m.fault("kind=drop&path=/api/routes");
    assert_dropped(m.owner_bytes("GET", "/api/routes", None));
    assert_dropped(m.owner_bytes("GET", "/api/routes/whatever", None));
    // Other paths answer normally.
    assert_eq!(m.owner("GET", "/api/peers", None).status, 200);
    // A dropped POST is not processed.
    let before = {
        m.ctl("DELETE", "/__mock/fault");
        route_count(&m)
    };
    m.fault("kind=drop&path=/api/routes&method=POST");
    assert_dropped(m.owner_bytes("POST", "/api/routes", Some(&route_body(&m, "dropped"))));
    assert_eq!(route_count(&m), before);
    let rules = m.faults();
    assert_eq!(
        rules,
        json!([{"kind": "drop", "path": "/api/routes", "method": "POST", "times": null, "hits": 1}])
    );
}

#[test]
fn drop_after_processes_the_request_then_closes() {
    let m = Mock::start();
    let before = route_count(&m);
    m.fault("kind=drop-after&path=/api/routes&method=POST&times=1");
    assert_dropped(m.owner_bytes("POST", "/api/routes", Some(&route_body(&m, "made-it"))));
    // The change happened although the client never heard of it.
    let routes = m.get_ok("/api/routes");
    assert_eq!(routes.as_array().unwrap().len(), before + 1);
    assert!(routes
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["network_id"] == "made-it"));
    // Exactly one POST reached the server.
    assert_eq!(m.requests("POST", "/api/routes"), 1);
}

#[test]
fn truncated_sends_half_of_the_announced_body() {
    let m = Mock::start();
    let full = m.owner("GET", "/api/peers", None);
    assert_eq!(full.status, 200);
    m.fault("kind=truncated&path=/api/peers");
    let bytes = m
        .owner_bytes("GET", "/api/peers", None)
        .expect("a partial response");
    let (status, headers, body) = split_response(&bytes);
    assert_eq!(status, 200);
    let header = |k: &str| {
        headers
            .iter()
            .find(|(h, _)| h == k)
            .map(|(_, v)| v.as_str())
    };
    let announced: usize = header("content-length").unwrap().parse().unwrap();
    assert_eq!(announced, full.body.len());
    assert_eq!(body.len(), announced / 2, "fewer bytes than Content-Length");
    assert!(body.len() < announced);
    assert_eq!(body, full.body[..announced / 2]);
    assert!(serde_json::from_slice::<Value>(&body).is_err());
    assert_eq!(header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        header("content-type"),
        Some("application/json; charset=UTF-8")
    );
}

#[test]
fn format_faults_keep_cors() {
    let m = Mock::start();
    let cases: [(&str, u16, &str); 6] = [
        ("malformed", 200, "application/json; charset=UTF-8"),
        ("html", 502, "text/html; charset=utf-8"),
        ("empty", 200, "application/json; charset=UTF-8"),
        ("status-500", 500, "application/json; charset=UTF-8"),
        ("status-503", 503, "application/json; charset=UTF-8"),
        ("status-403", 403, "application/json; charset=UTF-8"),
    ];
    for (kind, status, ct) in cases {
        m.ctl("DELETE", "/__mock/fault");
        m.fault(&format!("kind={kind}&path=/api/groups"));
        let r = m.owner("GET", "/api/groups", None);
        assert_eq!(r.status, status, "{kind}");
        assert_eq!(r.header("content-type"), Some(ct), "{kind}");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"), "{kind}");
        assert!(r.header("x-request-id").is_some(), "{kind}");
        match kind {
            "malformed" => {
                assert_eq!(r.text(), "{\"id\": \"abc\", \"name\": ");
                assert!(serde_json::from_slice::<Value>(&r.body).is_err());
            }
            "html" => {
                assert!(
                    r.text().contains("<h1>502 Bad Gateway</h1>"),
                    "{}",
                    r.text()
                );
                assert!(serde_json::from_slice::<Value>(&r.body).is_err());
            }
            "empty" => {
                assert!(r.body.is_empty());
                assert_eq!(r.header("content-length"), Some("0"));
            }
            _ => {
                let v = r.json();
                assert_eq!(v["code"], json!(status), "{kind}");
                assert!(v["message"].as_str().is_some_and(|s| !s.is_empty()));
                check_response("GET", "/api/groups", &r);
            }
        }
        assert_eq!(m.faults()[0]["hits"], 1, "{kind}");
    }
    let r = m.owner("GET", "/api/groups", None);
    assert_eq!(r.message(), "forbidden");
    // Replacing faults do not run the handler: a faulted POST creates nothing.
    m.ctl("DELETE", "/__mock/fault");
    let before = route_count(&m);
    m.fault("kind=status-503&path=/api/routes&method=POST");
    let r = m.owner("POST", "/api/routes", Some(&route_body(&m, "never")));
    assert_eq!(r.status, 503);
    assert_eq!(route_count(&m), before);
}

#[test]
fn slow_delays_then_answers_normally() {
    let m = Mock::start();
    m.fault("kind=slow-300&path=/api/routes");
    let t = Instant::now();
    let r = m.owner("GET", "/api/routes", None);
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(r.status, 200);
    check_response("GET", "/api/routes", &r);
    let t = Instant::now();
    assert_eq!(m.owner("GET", "/api/peers", None).status, 200);
    assert!(t.elapsed() < Duration::from_millis(300));
    // Slow rules add up and combine with a replacing fault.
    m.fault("kind=slow-200&path=/api");
    m.fault("kind=status-500&path=/api/routes");
    let t = Instant::now();
    assert_eq!(m.owner("GET", "/api/routes", None).status, 500);
    assert!(
        t.elapsed() >= Duration::from_millis(500),
        "{:?}",
        t.elapsed()
    );
    let hits: Vec<u64> = m
        .faults()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["hits"].as_u64().unwrap())
        .collect();
    assert_eq!(hits, vec![2, 1, 1]);
}

#[test]
fn times_limits_how_often_a_rule_hits() {
    let m = Mock::start();
    m.fault("kind=status-500&path=/api/routes&times=1");
    assert_eq!(m.owner("GET", "/api/routes", None).status, 500);
    assert_eq!(m.owner("GET", "/api/routes", None).status, 200);
    assert_eq!(m.owner("GET", "/api/routes", None).status, 200);
    assert_eq!(
        m.faults(),
        json!([{"kind": "status-500", "path": "/api/routes", "method": null, "times": 1, "hits": 1}])
    );
    // A spent rule lets the next matching one take over.
    m.fault("kind=drop&path=/api/routes&times=2");
    m.fault("kind=html&path=/api/routes");
    assert_dropped(m.owner_bytes("GET", "/api/routes", None));
    assert_dropped(m.owner_bytes("GET", "/api/routes", None));
    assert_eq!(m.owner("GET", "/api/routes", None).status, 502);
}

#[test]
fn auth_is_checked_before_any_fault() {
    let m = Mock::start();
    m.fault("kind=drop&path=/api");
    m.fault("kind=status-500&path=/api/routes");
    // No token, a bad token, an unknown well-formed PAT: the auth answer, with CORS.
    let r = raw_request(
        m.addr,
        "GET",
        "/api/routes",
        &[("Origin", "http://console.test")],
        None,
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.message(), "no valid authentication provided");
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let r = m.call_tok("nbp_short", "GET", "/api/routes", None);
    assert_eq!((r.status, r.message().as_str()), (401, "token invalid"));
    let r = m.call_tok(
        "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6",
        "GET",
        "/api/routes",
        None,
    );
    assert_eq!(r.status, 404);
    // A blocked user still gets the 403.
    let erin = m.user_id("user");
    m.ctl("DELETE", "/__mock/fault");
    let r = m.owner(
        "PUT",
        &format!("/api/users/{erin}"),
        Some(&json!({"role": "user", "auto_groups": [], "is_blocked": true})),
    );
    assert_eq!(r.status, 200);
    m.fault("kind=drop&path=/api");
    let r = m.call("user", "GET", "/api/users/current", None);
    assert_eq!(r.status, 403);
    assert_eq!(m.faults()[0]["hits"], 0);
    // Authenticated: the fault.
    assert_dropped(m.owner_bytes("GET", "/api/routes", None));
    assert_eq!(m.faults()[0]["hits"], 1);
    // The public instance endpoint has no auth to check.
    assert_dropped(raw_bytes(m.addr, "GET", "/api/instance", &[], None));
}

#[test]
fn method_and_prefix_select_requests() {
    let m = Mock::start();
    m.fault("kind=status-503&path=/api/routes&method=post");
    assert_eq!(m.owner("GET", "/api/routes", None).status, 200);
    assert_eq!(
        m.owner("POST", "/api/routes", Some(&route_body(&m, "x")))
            .status,
        503
    );
    m.fault("kind=status-500&path=/api/users");
    assert_eq!(m.owner("GET", "/api/users/current", None).status, 500);
    assert_eq!(m.owner("GET", "/api/peers", None).status, 200);
    // A preflight is never faulted, so the browser sees the fault and not a CORS error.
    m.fault("kind=drop&path=/api");
    let r = raw_request(
        m.addr,
        "OPTIONS",
        "/api/routes",
        &[
            ("Origin", "http://console.test"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
        None,
    );
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn control_endpoints_list_clear_and_reset() {
    let m = Mock::with(Config {
        faults: vec![FaultRule::parse_cli("status-500:/api/routes:GET").unwrap()],
        ..Config::default()
    });
    assert_eq!(m.owner("GET", "/api/routes", None).status, 500);
    m.fault("kind=empty&path=/api/peers&times=3");
    let r = m.ctl("GET", "/__mock/fault");
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.json(),
        json!([
            {"kind": "status-500", "path": "/api/routes", "method": "GET", "times": null, "hits": 1},
            {"kind": "empty", "path": "/api/peers", "method": null, "times": 3, "hits": 0},
        ])
    );
    let r = m.ctl("DELETE", "/__mock/fault");
    assert_eq!((r.status, r.json()), (200, json!([])));
    assert_eq!(m.faults(), json!([]));
    assert_eq!(m.owner("GET", "/api/routes", None).status, 200);
    // Reset brings back the command line's rules, with fresh counts.
    assert_eq!(m.ctl("POST", "/__mock/reset").status, 200);
    assert_eq!(m.faults()[0]["hits"], 0);
    assert_eq!(m.owner("GET", "/api/routes", None).status, 500);

    // Bad requests.
    for q in [
        "kind=bogus&path=/api",
        "kind=status-99&path=/api",
        "kind=slow-x&path=/api",
        "kind=drop&path=api/routes",
        "kind=drop&path=/api&times=x",
        "kind=drop&path=/api&method=G%20T",
    ] {
        let r = m.ctl("POST", &format!("/__mock/fault?{q}"));
        assert_eq!(r.status, 400, "{q}");
        assert_eq!(r.json()["code"], 400, "{q}");
    }
    assert_eq!(m.ctl("PUT", "/__mock/fault").status, 405);
    assert_eq!(m.ctl("GET", "/__mock/revoke").status, 405);
    assert_eq!(m.ctl("GET", "/__mock/nope").status, 404);
    let r = m.ctl("OPTIONS", "/__mock/fault");
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn request_counter_counts_by_method_and_prefix() {
    let m = Mock::start();
    assert_eq!(m.requests("POST", "/api/routes"), 0);
    let body = route_body(&m, "counted");
    let baseline_gets = m.requests("GET", "/api");
    assert!(
        baseline_gets >= 2,
        "route_body looked up a peer and a group"
    );
    assert_eq!(m.owner("POST", "/api/routes", Some(&body)).status, 200);
    assert_eq!(m.requests("POST", "/api/routes"), 1);
    assert_eq!(m.requests("post", "/api/routes"), 1);
    assert_eq!(m.requests("POST", "/api/groups"), 0);
    // Rejected and faulted requests count too: they reached the server.
    assert_eq!(
        raw_request(m.addr, "POST", "/api/routes", &[], Some(b"{}")).status,
        401
    );
    m.fault("kind=drop&path=/api/routes&method=POST");
    assert_dropped(m.owner_bytes("POST", "/api/routes", Some(&body)));
    assert_eq!(m.requests("POST", "/api/routes"), 3);
    m.owner("GET", "/api/routes", None);
    assert_eq!(m.requests("GET", "/api/routes"), 1);
    let all = m.ctl("GET", "/__mock/requests").json()["count"]
        .as_u64()
        .unwrap();
    assert_eq!(all, baseline_gets + 3 + 1);
    let r = m.ctl("GET", "/__mock/requests?path=/api/routes");
    assert_eq!(r.json(), json!({"count": 4}));
    // `exact` counts one path, not the paths below it.
    let routes = m.owner("GET", "/api/routes", None).json();
    let id = routes[0]["id"].as_str().unwrap().to_string();
    m.owner("GET", &format!("/api/routes/{id}"), None);
    let r = m.ctl("GET", "/__mock/requests?method=GET&path=/api/routes");
    assert_eq!(r.json(), json!({"count": 3}));
    let r = m.ctl(
        "GET",
        "/__mock/requests?method=GET&path=/api/routes&exact=1",
    );
    assert_eq!(r.json(), json!({"count": 2}));
    // DELETE zeroes the counts; so does reset.
    assert_eq!(m.ctl("DELETE", "/__mock/requests").status, 200);
    assert_eq!(m.requests("POST", "/api/routes"), 0);
    m.owner("GET", "/api/routes", None);
    assert_eq!(m.requests("GET", "/api/routes"), 1);
    m.ctl("POST", "/__mock/reset");
    assert_eq!(m.requests("GET", "/api"), 0);
}

#[test]
fn cli_fault_and_shape_flags() {
    use std::io::BufRead;
    let exe = env!("CARGO_BIN_EXE_netbird-mock");
    let mut child = std::process::Command::new(exe)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--peers",
            "5",
            "--fault",
            "status-503:/api/routes:GET:1",
            "--fault=slow-10:/api/peers",
            "--hostile",
            "--shape",
            "nulls",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let addr: std::net::SocketAddr = first
        .strip_prefix("netbird-mock listening on http://")
        .expect(&first)
        .parse()
        .unwrap();
    let owner = lines
        .map(|l| l.unwrap())
        .find(|l| l.starts_with("token owner "))
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();
    let auth = format!("Token {owner}");
    let get = |p: &str| raw_request(addr, "GET", p, &[("Authorization", &auth)], None);
    assert_eq!(get("/api/routes").status, 503);
    let r = get("/api/routes");
    assert_eq!(r.status, 200);
    let routes = r.json();
    assert!(routes
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["groups"].is_null()));
    let network_id = routes[0]["network_id"].as_str().unwrap();
    assert!(
        netbird_mock::shape::XSS_PAYLOADS
            .iter()
            .any(|p| network_id.ends_with(p)),
        "{network_id}"
    );
    let r = raw_request(addr, "GET", "/__mock/shape", &[], None);
    assert_eq!(r.json(), json!(["hostile", "nulls"]));
    let r = raw_request(addr, "GET", "/__mock/fault", &[], None);
    assert_eq!(r.json()[1]["kind"], "slow-10");
    child.kill().ok();
    child.wait().ok();

    for bad in [
        vec!["--fault", "bogus:/api"],
        vec!["--fault", "drop"],
        vec!["--shape", "weird"],
    ] {
        let out = std::process::Command::new(exe).args(&bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    let out = std::process::Command::new(exe)
        .arg("--help")
        .output()
        .unwrap();
    let usage = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--fault KIND:PATH_PREFIX",
        "--shape MODE",
        "--hostile",
        "/__mock/fault",
        "/__mock/shape",
        "/__mock/requests",
    ] {
        assert!(usage.contains(needle), "{needle}");
    }
}

#[test]
fn reset_with_options_starts_over_as_started_with_them() {
    let m = Mock::start();
    let peers = |m: &Mock| {
        m.owner("GET", "/api/peers", None)
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    let started_with = peers(&m);
    m.fault("kind=status-503&path=/api/groups");

    // As if started with `--peers 7 --seed 2 --rate-limit 1000`: new data, new tokens.
    let r = m.ctl(
        "POST",
        "/__mock/reset?option=--peers&option=7&option=--seed&option=2&option=--rate-limit&option=1000",
    );
    assert_eq!(r.status, 200);
    let answer = r.json();
    assert_eq!(answer["reset"], true);
    let owner = answer["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["role"] == "owner" && t["expired"] == false)
        .unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        owner,
        m.token("owner"),
        "the answer and the mock agree on the tokens"
    );
    assert_eq!(peers(&m), 7);
    assert_eq!(
        m.owner("GET", "/api/groups", None).status,
        200,
        "faults cleared"
    );

    // Bad options: a 400 that names them, and nothing changes.
    for (query, message) in [
        ("option=--nope", "unknown option --nope"),
        ("option=--peers&option=many", "--peers: not a number: many"),
        (
            "option=--listen&option=127.0.0.1:1",
            "--listen and --serve-dir are fixed when the mock starts",
        ),
        ("option=--help", "--help is not an option of a reset"),
    ] {
        let r = m.ctl("POST", &format!("/__mock/reset?{query}"));
        assert_eq!(r.status, 400, "{query}");
        assert_eq!(r.message(), message, "{query}");
        assert_eq!(peers(&m), 7, "{query} changed the data");
    }

    // Options with spaces and quotes arrive whole (percent-encoded).
    let csp = "default-src 'self'; script-src 'self'";
    let encoded = csp
        .replace(' ', "%20")
        .replace('\'', "%27")
        .replace(';', "%3B");
    let r = m.ctl(
        "POST",
        &format!("/__mock/reset?option=--csp&option={encoded}"),
    );
    assert_eq!(r.status, 200);
    assert_eq!(m.app.cfg().csp.as_deref(), Some(csp));

    // A plain reset goes back to how it started.
    assert_eq!(m.ctl("POST", "/__mock/reset").status, 200);
    assert_eq!(peers(&m), started_with);
    assert_eq!(m.app.cfg().csp, None);
}
