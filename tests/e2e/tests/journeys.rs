//! User journeys of the foundation: sign in, see the overview, sign out; bad tokens; a token
//! revoked mid-session. Each test starts its own mock and browser.

use netbird_e2e::{sign_in, sign_in_to, Browser, DistCopy, Mock};
use serde_json::json;

#[test]
fn sign_in_see_counts_and_sign_out() {
    let mock = Mock::shared(&["--peers", "120"]);
    let b = Browser::start();
    b.goto(&mock.url);
    // Not signed in: the shell sends us to sign-in.
    b.wait("input[name=token]");
    assert!(b.current_url().contains("/login"), "{}", b.current_url());
    b.screenshot("sign-in");
    sign_in(&b, &mock, &mock.token("owner"), "/login");
    let user = b.wait("[data-testid=current-user]");
    b.wait_until("user name", || {
        Some(b.text(&user)).filter(|t| t.contains("alice") || t.contains("Alice"))
    });
    // The peer count on the overview equals the API's.
    let value = b.wait("[data-testid=count-peers] [data-testid=count-value]");
    assert_eq!(b.text(&value), "120");
    let (_, routes) = mock.api("GET", "/api/routes", &mock.token("owner"), None);
    let routes_card = b.wait("[data-testid=count-routes] [data-testid=count-value]");
    assert_eq!(
        b.text(&routes_card),
        routes.as_array().map(|a| a.len()).unwrap_or(0).to_string()
    );
    for section in [
        "groups",
        "policies",
        "nameservers",
        "setup_keys",
        "users",
        "events",
    ] {
        b.wait(&format!(
            "[data-testid=count-{section}] [data-testid=count-value]"
        ));
    }
    b.screenshot("home");
    // The token is in sessionStorage (not remembered), never in the URL.
    let stored = b.script("return sessionStorage.getItem('netbird-console.session') || ''");
    assert!(stored.as_str().unwrap_or("").contains(&mock.token("owner")));
    assert_eq!(b.script("return localStorage.length"), 0);
    assert!(!b.current_url().contains("nbp_"));

    b.click(&b.wait("[data-testid=sign-out]"));
    b.wait("input[name=token]");
    assert_eq!(
        b.script("return sessionStorage.getItem('netbird-console.session')"),
        serde_json::Value::Null
    );
    // Nothing the console stored is left (the harness keeps its own error log there).
    assert_eq!(
        b.script("return Object.keys(sessionStorage).filter(k => k !== '__e2e_uncaught').length + localStorage.length"),
        0
    );
    // After signing out, the protected pages send us back to sign-in.
    b.goto(&format!("{}/routes", mock.url));
    b.wait("input[name=token]");
}

#[test]
fn bad_checksum_is_refused_before_any_request() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let good = mock.token("owner");
    // Change the last character: the checksum no longer matches.
    let last = good.chars().last().unwrap_or('0');
    let bad = format!(
        "{}{}",
        &good[..good.len() - 1],
        if last == 'A' { 'B' } else { 'A' }
    );
    sign_in(&b, &mock, &bad, "/login");
    let err = b.wait("[data-testid=token-error]");
    assert!(b.text(&err).contains("checksum"), "{}", b.text(&err));
    let input = b.wait("input[name=token]");
    assert_eq!(b.attr(&input, "aria-invalid").as_deref(), Some("true"));
    // Nothing was sent: the mock recorded no request from this token (its audit log is unchanged
    // and the page shows no server error).
    assert!(b.find("[data-testid=error-notice]").is_none());
    b.screenshot("sign-in-bad-checksum");
}

#[test]
fn unknown_token_gets_a_clear_error() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    // Well-formed (valid checksum) but unknown to the server: NetBird answers 404 invalid token.
    sign_in(
        &b,
        &mock,
        "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6",
        "/login",
    );
    let notice = b.wait("[data-testid=error-notice]");
    let text = b.text(&notice);
    assert!(text.contains("does not know this token"), "{text}");
    assert!(
        !text.contains("nbp_"),
        "the token must never appear in a message: {text}"
    );
    assert!(b.current_url().contains("/login"));
}

#[test]
fn revoked_token_returns_to_sign_in_and_back_to_the_page() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let admin = mock.token("admin");
    sign_in(&b, &mock, &admin, "/login?next=%2Fgroups");
    b.wait_until("groups page", || {
        b.find("table tbody tr")
            .filter(|_| b.current_url().ends_with("/groups"))
    });
    // Revoke it behind the console's back, then use the console.
    mock.revoke(&admin);
    b.goto(&format!("{}/routes?q=office", mock.url));
    let note = b.wait("[data-testid=session-ended]");
    assert!(b.text(&note).contains("session ended"));
    let url = b.current_url();
    assert!(url.contains("/login?next="), "{url}");
    assert_eq!(
        b.script("return sessionStorage.getItem('netbird-console.session')"),
        serde_json::Value::Null
    );
    // Sign in again with another token: back to the page we were on, with its query.
    sign_in(
        &b,
        &mock,
        &mock.token("owner"),
        &url.replacen(&mock.url, "", 1),
    );
    b.wait_until("return to routes", || {
        Some(b.current_url()).filter(|u| u.ends_with("/routes?q=office"))
    });
    b.wait("table tbody tr");
    // The table state came back with the URL: the search box holds the query.
    let search = b.wait("input[name=q]");
    b.wait_until("search restored", || {
        Some(b.script("return document.querySelector('input[name=q]').value"))
            .filter(|v| v == "office")
    });
    let _ = search;
}

#[test]
fn service_user_signs_in_through_the_fallback() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    // Service users get 403 on /api/users/current; the console falls back to /api/users.
    let svc = mock
        .tokens
        .iter()
        .find(|(_, who, _)| who == "terraform")
        .map(|(_, _, t)| t.clone())
        .expect("service token");
    sign_in(&b, &mock, &svc, "/login");
    let user = b.wait("[data-testid=current-user]");
    b.wait_until("service user name", || {
        Some(b.text(&user)).filter(|t| t.contains("terraform"))
    });
    b.wait("[data-testid=count-routes]");
}

#[test]
fn navigation_follows_the_role() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("user"), "/login");
    b.wait("[data-testid=current-user]");
    // A plain user may read nothing: no sections in the sidebar, and the overview says why.
    b.wait_until("no-access note", || {
        b.find(".notice")
            .filter(|n| b.text(n).contains("does not allow"))
    });
    assert!(b.find(".sidebar a[href='/routes']").is_none());
    let na = Browser::start();
    sign_in(&na, &mock, &mock.token("network_admin"), "/login");
    na.wait(".sidebar a[href='/routes']");
    assert!(na.find(".sidebar a[href='/routes']").is_some());
}

#[test]
fn unknown_page_shows_not_found() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    b.goto(&format!("{}/no/such/page", mock.url));
    let nf = b.wait("[data-testid=not-found]");
    assert!(b.text(&nf).contains("Page not found"));
}

#[test]
fn jwt_bearer_sign_in_and_remember_me() {
    let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    let mock = Mock::shared(&["--jwt", &format!("{jwt}=alice@example.com")]);
    let b = Browser::start();
    b.goto(&format!("{}/login", mock.url));
    b.click(&b.wait("input[name=remember]"));
    let token = b.wait("input[name=token]");
    b.type_into(&token, &format!("Bearer {jwt}"));
    b.click(&b.wait("button[type=submit]"));
    let user = b.wait("[data-testid=current-user]");
    b.wait_until("alice", || {
        Some(b.text(&user)).filter(|t| t.contains("Alice"))
    });
    // Remembered: in localStorage, not sessionStorage; survives a reload.
    let stored = b.script("return localStorage.getItem('netbird-console.session') || ''");
    assert!(stored.as_str().unwrap_or("").contains(jwt));
    assert_eq!(
        b.script("return sessionStorage.getItem('netbird-console.session')"),
        serde_json::Value::Null
    );
    b.goto(&format!("{}/groups", mock.url));
    b.wait("table tbody tr");
    // Sign-out clears it everywhere.
    b.click(&b.wait("[data-testid=sign-out]"));
    b.wait("input[name=token]");
    assert_eq!(
        b.script("return localStorage.getItem('netbird-console.session')"),
        serde_json::Value::Null
    );
}

#[test]
fn unreachable_api_gets_a_network_message() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9);
    b.goto(&format!("{}/login", mock.url));
    let url = b.wait("input[name=api_url]");
    b.type_into(&url, &format!("http://127.0.0.1:{closed}"));
    b.type_into(&b.wait("input[name=token]"), &mock.token("owner"));
    b.click(&b.wait("button[type=submit]"));
    let notice = b.wait("[data-testid=error-notice]");
    let text = b.text(&notice);
    assert!(text.contains("Cannot reach the NetBird API"), "{text}");
    assert!(
        text.contains(&format!("Nothing answers at http://127.0.0.1:{closed}")),
        "{text}"
    );
    assert!(!text.contains("nbp_"));
    // A URL without a scheme is refused at its field before anything is sent.
    b.clear(&url);
    b.type_into(&url, "netbird.example.com");
    b.click(&b.wait("button[type=submit]"));
    let field = b.wait("#api_url-error");
    assert!(b.text(&field).contains("https://"));
}

#[test]
fn rate_limited_gets_are_retried_with_backoff() {
    // 120 requests a minute: the bucket refills two tokens a second.
    let mock = Mock::shared(&["--rate-limit", "120"]);
    let b = Browser::start();
    let token = mock.token("owner");
    sign_in(&b, &mock, &token, "/login");
    b.wait("[data-testid=count-peers] [data-testid=count-value]");
    // Drain this token's bucket behind the console's back.
    let mut limited = false;
    for _ in 0..300 {
        if mock.api("GET", "/api/instance/version", &token, None).0 == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited, "the mock never rate-limited");
    // Reload: the first answers are 429; the console waits and retries, and every card loads.
    b.goto(&mock.url);
    for section in [
        "peers",
        "groups",
        "routes",
        "policies",
        "nameservers",
        "setup_keys",
        "users",
        "events",
    ] {
        b.wait(&format!(
            "[data-testid=count-{section}] [data-testid=count-value]"
        ));
    }
    assert!(
        b.find(".card__error").is_none(),
        "a card gave up although the limit recovers"
    );
}

#[test]
fn config_json_sets_the_default_api_url() {
    // A copy of the release build with a config.json, as a deployer would add one.
    let dist = DistCopy::new("config");
    let mock = Mock::start_serving(&dist.0, &[]);
    // The configured URL is the mock's own address spelled differently (localhost), so the
    // placeholder proves where it came from.
    let configured = mock.url.replace("127.0.0.1", "localhost");
    dist.write("config.json", &format!(r#"{{"api_url": "{configured}"}}"#));
    let b = Browser::start();
    b.goto(&format!("{}/login", mock.url));
    let input = b.wait("input[name=api_url]");
    b.wait_until("configured placeholder", || {
        b.attr(&input, "placeholder").filter(|p| p == &configured)
    });
    // Signing in with the field left empty uses it.
    b.type_into(&b.wait("input[name=token]"), &mock.token("owner"));
    b.click(&b.wait("button[type=submit]"));
    b.wait("[data-testid=current-user]");
    let stored = b.script("return sessionStorage.getItem('netbird-console.session') || ''");
    assert!(
        stored.as_str().unwrap_or("").contains(&configured),
        "{stored}"
    );
}

/// The policy README documents for deployers.
const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

#[test]
fn runs_under_a_strict_content_security_policy() {
    let mock = Mock::shared(&["--csp", STRICT_CSP]);
    let b = Browser::start();
    // Count violations from the first moment the page can observe them.
    sign_in(&b, &mock, &mock.token("owner"), "/login");
    b.wait("[data-testid=count-routes] [data-testid=count-value]");
    b.script(
        "window.__cspViolations = 0; \
         document.addEventListener('securitypolicyviolation', () => window.__cspViolations++); return null",
    );
    b.goto(&format!("{}/routes/new", mock.url));
    b.script(
        "window.__cspViolations = 0; \
         document.addEventListener('securitypolicyviolation', () => window.__cspViolations++); return null",
    );
    b.wait("[data-testid=route-form]");
    let inline = b.script("return document.querySelectorAll('script:not([src])').length");
    assert_eq!(inline, 0, "no inline script may be needed");
    assert_eq!(b.script("return window.__cspViolations"), 0);
}

#[test]
fn assets_are_served_precompressed() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    b.goto(&format!("{}/login", mock.url));
    b.wait("input[name=token]");
    // Resource Timing: the wasm crossed the wire compressed (the build ships .br/.gz files and
    // the server picks one by Accept-Encoding).
    let sizes = b.script(
        "const r = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm')); \
         return r ? [r.encodedBodySize, r.decodedBodySize] : null",
    );
    let encoded = sizes[0].as_f64().unwrap_or(0.0);
    let decoded = sizes[1].as_f64().unwrap_or(0.0);
    assert!(decoded > 0.0, "no wasm resource entry: {sizes}");
    assert!(
        encoded < decoded / 2.0,
        "wasm not compressed on the wire: {encoded} of {decoded} bytes"
    );
}

#[test]
fn a_thousand_row_page_renders_the_rows_in_view_and_scrolls_through_all() {
    let mock = Mock::shared(&["--peers", "2000"]);
    let b = Browser::start();
    sign_in(
        &b,
        &mock,
        &mock.token("owner"),
        "/login?next=%2Fpeers%3Fsize%3D1000",
    );
    let summary = b.wait_until("a 1,000-row page", || {
        b.find("[data-testid=table-summary]")
            .map(|s| b.text(&s))
            .filter(|t| t.contains("1–1,000 of 2,000"))
    });
    let rendered = b.find_all("tbody tr[data-id]").len();
    assert!(
        (10..200).contains(&rendered),
        "{summary}: {rendered} rows in the DOM, expected only those near the viewport"
    );
    // Scrolling through the page shows every one of its 1,000 rows, once each. After each step
    // it waits (up to 120 frames) until rows cover the viewport where the table is, as a
    // reader's eye would, then counts the rows and scrolls on by most of a screen; at the bottom
    // it looks a few frames more. Each script returns after at most 5 s of this, so none runs
    // into WebDriver's script timeout however slow the machine draws; what was seen, and how
    // often rows did not cover the viewport in time, is kept in the page between scripts.
    let mut seen = json!(null);
    for _ in 0..200 {
        seen = b.script_async(
            "const done = arguments[arguments.length - 1]; const began = performance.now(); \
             const s = window.__scroll = window.__scroll || {ids: new Set(), still: 0, waited: 0, uncovered: 0}; \
             const rows = () => [...document.querySelectorAll('tbody tr[data-id]')].map(r => r.getBoundingClientRect()); \
             const covered = () => { const body = document.querySelector('tbody').getBoundingClientRect(); const rs = rows(); \
               return [0.1, 0.5, 0.9].map(f => innerHeight * f).filter(y => y > body.top && y < body.bottom) \
                 .every(y => rs.some(r => r.top <= y && r.bottom >= y)); }; \
             const step = () => { \
               if (performance.now() - began > 5000) { done(['more', s.ids.size, s.uncovered]); return; } \
               if (!covered()) { if (++s.waited < 120) { requestAnimationFrame(step); return; } s.uncovered++; } \
               s.waited = 0; \
               document.querySelectorAll('tbody tr[data-id]').forEach(r => s.ids.add(r.dataset.id)); \
               if (window.scrollY + innerHeight >= document.documentElement.scrollHeight - 2) { \
                 if (++s.still > 10) { done(['end', s.ids.size, s.uncovered]); return; } \
               } else { \
                 s.still = 0; \
                 window.scrollBy(0, innerHeight * 0.8); \
               } \
               requestAnimationFrame(() => requestAnimationFrame(step)); }; \
             step();",
        );
        if seen[0] == "end" {
            break;
        }
    }
    assert_eq!(
        seen,
        json!(["end", 1000, 0]),
        "rows seen while scrolling to the end, and steps where rows did not cover the viewport"
    );
    b.screenshot("peers-1000-scrolled");
}

/// The detail pages of a peer, a policy, a nameserver group, a posture check, a setup key and a
/// route delete what they show after asking: Cancel deletes nothing, "Delete" deletes it and goes
/// back to the list. A posture check that policies use is first taken out of them; a delete
/// the server refuses (a policy came to use the check meanwhile) is shown there, and the
/// object stays.
#[test]
fn each_detail_page_deletes_what_it_shows_after_asking() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let id_of = |v: &serde_json::Value| v["id"].as_str().unwrap_or_default().to_string();
    // A route is named by its network identifier.
    let name_of = |v: &serde_json::Value| {
        v["name"]
            .as_str()
            .or(v["network_id"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let policies = mock.list("/api/policies");
    let used_checks: Vec<String> = policies
        .iter()
        .flat_map(|p| {
            p["source_posture_checks"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    let checks = mock.list("/api/posture-checks");
    let unused_check = checks
        .iter()
        .find(|c| !used_checks.contains(&id_of(c)))
        .expect("a posture check no policy uses");
    let cases = [
        (
            "/peers",
            "/api/peers",
            "delete-peer",
            mock.list("/api/peers")[0].clone(),
        ),
        (
            "/policies",
            "/api/policies",
            "delete-policy",
            policies[0].clone(),
        ),
        (
            "/dns",
            "/api/dns/nameservers",
            "delete-nameservers",
            mock.list("/api/dns/nameservers")[0].clone(),
        ),
        (
            "/posture-checks",
            "/api/posture-checks",
            "delete-posture-check",
            unused_check.clone(),
        ),
        (
            "/setup-keys",
            "/api/setup-keys",
            "delete-setup-key",
            mock.list("/api/setup-keys")[0].clone(),
        ),
        (
            "/routes",
            "/api/routes",
            "delete-route",
            mock.list("/api/routes")[0].clone(),
        ),
    ];
    let listed = |api: &str, id: &str| mock.list(api).iter().any(|x| id_of(x) == id);
    let mut first = true;
    for (list, api, button, object) in &cases {
        let (id, name) = (id_of(object), name_of(object));
        let page = format!("{list}/{id}");
        if first {
            sign_in_to(&b, &mock, "owner", &page);
            first = false;
        } else {
            b.goto(&format!("{}{page}", mock.url));
        }
        let delete = format!("[data-testid={button}]");
        b.click(&b.wait(&delete));
        let dialog = b.text(&b.wait("[data-testid=confirm-dialog]"));
        assert!(
            dialog.contains(&format!("Delete {name}")),
            "{page}: {dialog}"
        );
        b.click(&b.wait("[data-testid=confirm-dialog] button:not([data-testid=confirm])"));
        b.wait_until(&format!("{page}: the dialog closed"), || {
            b.find("[data-testid=confirm-dialog]")
                .is_none()
                .then_some(())
        });
        assert!(listed(api, &id), "{page}: Cancel deleted it");

        b.click(&b.wait(&delete));
        b.click(&b.wait("[data-testid=confirm-dialog] [data-testid=confirm]"));
        b.wait_until(&format!("{page}: back at {list}"), || {
            b.current_url().ends_with(list).then_some(())
        });
        assert!(!listed(api, &id), "{page}: not deleted");
    }
    // In use: the dialog names the policies; each is written back without the check (nothing
    // else of it changed), then the check is deleted.
    let owner = mock.token("owner");
    let gid = id_of(&mock.named("/api/groups", "devops"));
    let new_check = |name: &str| {
        id_of(&mock.created(
            "/api/posture-checks",
            &json!({"name": name, "checks": {"nb_version_check": {"min_version": "0.28.0"}}}),
        ))
    };
    // A policy of `rules` alike rules that requires `check`.
    let policy_requiring = |name: &str, check: &str, rules: usize| {
        let rule = json!({"name": name, "enabled": true, "action": "accept", "bidirectional": true,
            "protocol": "all", "sources": [gid], "destinations": [gid]});
        id_of(&mock.created(
            "/api/policies",
            &json!({"name": name, "enabled": true, "source_posture_checks": [check],
                "rules": vec![rule; rules]}),
        ))
    };
    let check = new_check("retiring-check");
    let policy = policy_requiring("guarded-by-retiring", &check, 1);
    b.goto(&format!("{}/posture-checks/{check}", mock.url));
    b.click(&b.wait("[data-testid=delete-posture-check]"));
    let dialog = b.text(&b.wait("[data-testid=confirm-dialog]"));
    assert!(
        dialog.contains("guarded-by-retiring") && dialog.contains("Detach and delete"),
        "{dialog}"
    );
    b.screenshot("delete-posture-check-in-use");
    b.click(&b.wait("[data-testid=confirm-dialog] [data-testid=confirm]"));
    b.wait_until("detached, deleted, back at the list", || {
        b.current_url().ends_with("/posture-checks").then_some(())
    });
    assert!(!listed("/api/posture-checks", &check), "not deleted");
    let (_, p) = mock.api("GET", &format!("/api/policies/{policy}"), &owner, None);
    assert_eq!(p["source_posture_checks"], json!([]), "{p}");
    assert_eq!(p["name"], "guarded-by-retiring");
    assert_eq!(p["rules"][0]["sources"][0]["id"], gid.as_str(), "{p}");
    assert_eq!(p["rules"][0]["protocol"], "all", "{p}");
    // A policy of two rules is not rewritten: the report names it, and nothing is deleted.
    let check = new_check("kept-check");
    let two_rules = policy_requiring("two-rule-user", &check, 2);
    b.goto(&format!("{}/posture-checks/{check}", mock.url));
    b.click(&b.wait("[data-testid=delete-posture-check]"));
    b.click(&b.wait("[data-testid=confirm-dialog] [data-testid=confirm]"));
    let failures = b.text(&b.wait("[data-testid=bulk-failures]"));
    assert!(
        failures.contains("two-rule-user")
            && failures.contains("more than one rule")
            && !failures.contains("server said"),
        "{failures}"
    );
    assert!(
        listed("/api/posture-checks", &check),
        "deleted though still used"
    );
    let (_, p) = mock.api("GET", &format!("/api/policies/{two_rules}"), &owner, None);
    assert_eq!(p["source_posture_checks"], json!([check.as_str()]), "{p}");
    // Refused: a policy came to use the check after its page was read. The page stays, says
    // why, and the check is still there.
    let check = new_check("late-check");
    let page = format!("/posture-checks/{check}");
    b.goto(&format!("{}{page}", mock.url));
    let delete = b.wait("[data-testid=delete-posture-check]");
    policy_requiring("late-user", &check, 1);
    b.click(&delete);
    let dialog = b.text(&b.wait("[data-testid=confirm-dialog]"));
    assert!(dialog.contains("Delete late-check"), "{dialog}");
    b.click(&b.wait("[data-testid=confirm-dialog] [data-testid=confirm]"));
    let error = b.text(&b.wait("[data-testid=error-notice]"));
    assert!(
        error.contains("The server cannot do this") && error.contains("linked to policy"),
        "{error}"
    );
    assert!(b.current_url().ends_with(&page), "stayed on the check");
    assert!(
        listed("/api/posture-checks", &check),
        "a refused delete deleted it"
    );
    b.screenshot("delete-refused");
}
