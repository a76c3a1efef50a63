//! Cross-cutting behaviour over real HTTP, against a mock started in-process on an ephemeral
//! port: authentication, CORS, fault injection, scale, static files and the command line.

mod common;

use common::*;
use netbird_mock::server::Config;
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Authentication

#[test]
fn auth_outcomes() {
    let m = Mock::start();
    let get = |auth: Option<&str>| {
        let h: Vec<(&str, &str)> = auth.map(|a| vec![("Authorization", a)]).unwrap_or_default();
        raw_request(m.addr, "GET", "/api/routes", &h, None)
    };
    let owner = m.token("owner");

    let r = get(None);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.json(),
        json!({"message": "no valid authentication provided", "code": 401})
    );
    assert_eq!(get(Some("Basic dXNlcjpwdw==")).status, 401);
    assert_eq!(
        get(Some("Basic dXNlcjpwdw==")).message(),
        "no valid authentication provided"
    );

    assert_eq!(get(Some(&format!("Token {owner}"))).status, 200);
    assert_eq!(get(Some(&format!("token {owner}"))).status, 200);
    assert_eq!(get(Some(&format!("TOKEN {owner}"))).status, 200);
    assert_eq!(get(Some(&format!("Bearer {owner}"))).status, 200);
    assert_eq!(get(Some(&format!("bearer {owner}"))).status, 200);

    for bad in [
        format!("Token  {owner}"),
        "Token nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM7".into(),
        "Token nbp_short".into(),
        "Token".into(),
        "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig".into(),
        format!("Bearer  {owner}"),
    ] {
        let r = get(Some(&bad));
        assert_eq!(r.status, 401, "{bad}");
        assert_eq!(r.message(), "token invalid", "{bad}");
    }

    // Well-formed but unknown → 404 with the (lowercased) base64 sha256.
    let t = "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6";
    let r = get(Some(&format!("Token {t}")));
    assert_eq!(r.status, 404);
    let hash = netbird_mock::pat::hash(t).to_lowercase();
    assert_eq!(r.message(), format!("invalid token: pat: {hash} not found"));

    // Expired.
    let expired = m
        .app
        .tokens()
        .iter()
        .find(|t| t.expired)
        .unwrap()
        .token
        .clone();
    let r = get(Some(&format!("Token {expired}")));
    assert_eq!((r.status, r.message().as_str()), (401, "token invalid"));

    // Unauthenticated instance endpoint; version requires auth.
    let r = get_path(&m, "/api/instance", None);
    assert_eq!(
        (r.status, r.json()),
        (200, json!({"setup_required": false}))
    );
    assert_eq!(get_path(&m, "/api/instance/version", None).status, 401);
    let v = m.get_ok("/api/instance/version");
    assert!(v["management_current_version"].is_string());
}

fn get_path(m: &Mock, path: &str, auth: Option<&str>) -> Resp {
    let h: Vec<(&str, &str)> = auth.map(|a| vec![("Authorization", a)]).unwrap_or_default();
    raw_request(m.addr, "GET", path, &h, None)
}

#[test]
fn jwt_option_maps_bearer_to_user() {
    let m = Mock::with(Config {
        jwts: vec![
            ("opaque-jwt-1".into(), "carol@example.com".into()),
            ("opaque-jwt-2".into(), "nobody".into()),
        ],
        ..Config::default()
    });
    let r = get_path(&m, "/api/users/current", Some("Bearer opaque-jwt-1"));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["role"], "network_admin");
    let r = get_path(&m, "/api/users/current", Some("Bearer opaque-jwt-2"));
    assert_eq!((r.status, r.message().as_str()), (401, "token invalid"));
    // A JWT is not a PAT: `Token opaque-jwt-1` is a malformed PAT.
    assert_eq!(
        get_path(&m, "/api/users/current", Some("Token opaque-jwt-1")).status,
        401
    );
}

#[test]
fn blocked_user_gets_403() {
    let m = Mock::start();
    let erin = m.user_id("user");
    let r = m.owner(
        "PUT",
        &format!("/api/users/{erin}"),
        Some(&json!({"role": "user", "auto_groups": [], "is_blocked": true})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "blocked");
    let r = m.call("user", "GET", "/api/users/current", None);
    assert_eq!(r.status, 403);
    assert_eq!(
        r.message(),
        "failed to validate user permissions: user is blocked"
    );
}

#[test]
fn revoke_control_endpoint() {
    let m = Mock::start();
    let tok = m.token("admin");
    assert_eq!(m.call("admin", "GET", "/api/routes", None).status, 200);
    let r = raw_request(
        m.addr,
        "POST",
        &format!("/__mock/revoke?token={tok}"),
        &[],
        Some(b""),
    );
    assert_eq!(r.status, 200);
    let r = m.call("admin", "GET", "/api/routes", None);
    assert_eq!(r.status, 404);
    assert!(r.message().starts_with("invalid token: pat: "));
    // Reset brings the seeded token back.
    let r = raw_request(m.addr, "POST", "/__mock/reset", &[], Some(b""));
    assert_eq!(r.status, 200);
    assert_eq!(m.call("admin", "GET", "/api/routes", None).status, 200);
}

// ---------------------------------------------------------------------------------------------
// CORS

#[test]
fn cors_behaviour() {
    let m = Mock::start();
    // Preflight: 204 before auth, echoing the requested headers.
    let r = raw_request(
        m.addr,
        "OPTIONS",
        "/api/routes/abc",
        &[
            ("Origin", "http://console.test"),
            ("Access-Control-Request-Method", "PUT"),
            (
                "Access-Control-Request-Headers",
                "authorization, content-type",
            ),
        ],
        None,
    );
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(r.header("access-control-allow-methods"), Some("PUT"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("Authorization, Content-Type")
    );
    assert!(r.header("access-control-allow-credentials").is_none());
    assert!(r.header("access-control-max-age").is_none());
    assert!(r.header("access-control-expose-headers").is_none());

    // Errors on matched routes carry the header too.
    let r = raw_request(
        m.addr,
        "GET",
        "/api/routes",
        &[("Origin", "http://console.test")],
        None,
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert!(r.header("x-request-id").is_some());
    let r = m.owner("GET", "/api/routes/nope", None);
    assert_eq!(r.status, 404);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));

    // Unmatched path: Go's 404 text, no CORS; wrong method: 405, no CORS.
    for (method, path, status) in [
        ("GET", "/api/nope", 404),
        ("OPTIONS", "/api/nope", 404),
        ("GET", "/api/routes/a/b", 404),
        ("PATCH", "/api/routes", 405),
        ("POST", "/api/routes/x", 405),
        ("GET", "/api/users/x", 405),
    ] {
        let r = raw_request(
            m.addr,
            method,
            path,
            &[
                ("Origin", "http://console.test"),
                ("Access-Control-Request-Method", "GET"),
            ],
            None,
        );
        assert_eq!(r.status, status, "{method} {path}");
        assert!(
            r.header("access-control-allow-origin").is_none(),
            "{method} {path}"
        );
        if status == 404 {
            assert_eq!(r.text(), "404 page not found\n");
            assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fault injection, scale, static files, CLI

#[test]
fn fault_injection() {
    let m = Mock::with(Config {
        fail_rate: 1.0,
        ..Config::default()
    });
    let r = m.owner("GET", "/api/routes", None);
    assert_eq!(
        (r.status, r.message().as_str()),
        (500, "internal server error")
    );
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let m = Mock::with(Config {
        rate_limit: 2,
        ..Config::default()
    });
    assert_eq!(m.owner("GET", "/api/routes", None).status, 200);
    assert_eq!(m.owner("GET", "/api/routes", None).status, 200);
    let r = m.owner("GET", "/api/routes", None);
    assert_eq!((r.status, r.message().as_str()), (429, "too many requests"));
    assert_eq!(m.call("admin", "GET", "/api/routes", None).status, 200);
}

#[test]
fn scale_10k_peers_1k_routes() {
    let m = Mock::with(Config {
        peers: 10_000,
        routes: Some(1000),
        ..Config::default()
    });
    let t = std::time::Instant::now();
    let peers = m.get_ok("/api/peers");
    let el = t.elapsed();
    assert_eq!(peers.as_array().unwrap().len(), 10_000);
    let ips: std::collections::HashSet<&str> = peers
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ip"].as_str().unwrap())
        .collect();
    assert_eq!(ips.len(), 10_000);
    eprintln!("GET /api/peers with 10k peers: {el:?} (incl. HTTP and client JSON parse)");
    assert!(el.as_millis() < 2000, "{el:?}");
    assert_eq!(m.get_ok("/api/routes").as_array().unwrap().len(), 1000);
    let all = m.get_ok("/api/groups?name=All");
    assert_eq!(all[0]["peers_count"], 10_000);
}

#[test]
fn static_files() {
    let dir = std::env::temp_dir().join(format!("nbm-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<html>console</html>").unwrap();
    std::fs::write(dir.join("assets/app.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("assets/app.wasm.br"), b"BR").unwrap();
    std::fs::write(dir.join("assets/app.js"), "js").unwrap();
    std::fs::write(dir.join("assets/app.js.gz"), "GZ").unwrap();
    let m = Mock::with(Config {
        serve_dir: Some(dir.clone()),
        ..Config::default()
    });
    let get = |p: &str, ae: &str| raw_request(m.addr, "GET", p, &[("Accept-Encoding", ae)], None);
    let r = get("/", "");
    assert_eq!((r.status, r.text().as_str()), (200, "<html>console</html>"));
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let r = get("/routes/abc", "gzip");
    assert_eq!(r.text(), "<html>console</html>");
    let r = get("/assets/app.wasm", "");
    assert_eq!(
        (r.header("content-type"), r.body.as_slice()),
        (Some("application/wasm"), b"\0asm".as_slice())
    );
    let r = get("/assets/app.wasm", "gzip, deflate, br");
    assert_eq!(
        (r.header("content-encoding"), r.body.as_slice()),
        (Some("br"), b"BR".as_slice())
    );
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    let r = get("/assets/app.js", "gzip");
    assert_eq!(
        (r.header("content-encoding"), r.text().as_str()),
        (Some("gzip"), "GZ")
    );
    let r = get("/assets/app.js", "br;q=0, gzip;q=0");
    assert_eq!(
        (r.header("content-encoding"), r.text().as_str()),
        (None, "js")
    );
    assert_eq!(get("/../etc/passwd", "").text(), "<html>console</html>");
    // /api never falls back.
    let r = get("/api/unknown", "");
    assert_eq!((r.status, r.text().as_str()), (404, "404 page not found\n"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cli_prints_url_and_tokens() {
    use std::io::BufRead;
    let exe = env!("CARGO_BIN_EXE_netbird-mock");
    let admin = "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6";
    let mut child = std::process::Command::new(exe)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--peers",
            "5",
            "--seed",
            "7",
            "--admin-token",
            admin,
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .strip_prefix("netbird-mock listening on http://")
        .expect(&first)
        .to_string();
    let mut toks = vec![];
    for _ in 0..8 {
        toks.push(lines.next().unwrap().unwrap());
    }
    assert_eq!(toks[0], format!("token owner alice@example.com {admin}"));
    assert!(toks
        .iter()
        .any(|l| l.starts_with("token admin terraform nbp_")));
    for role in ["admin", "network_admin", "auditor", "user", "billing_admin"] {
        assert!(
            toks.iter()
                .any(|l| l.starts_with(&format!("token {role} "))),
            "{role}"
        );
    }
    let addr: std::net::SocketAddr = url.parse().unwrap();
    let r = raw_request(
        addr,
        "GET",
        "/api/peers",
        &[("Authorization", &format!("Token {admin}"))],
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json().as_array().unwrap().len(), 5);
    child.kill().ok();
    child.wait().ok();

    let out = std::process::Command::new(exe)
        .args(["--admin-token", "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM7"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid NetBird PAT"));
}
