//! The sign-in's lifetime: the token's expiry in the top bar with a warning a week ahead (PAT
//! from the user's token list, JWT from its claim), the optional idle timeout, and the
//! deployment's title, all from `config.json` read at start.

use base64::Engine;
use netbird_e2e::{sign_in, Browser, DistCopy, Mock};
use serde_json::json;

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

#[test]
fn the_token_expiry_is_shown_and_warned_about_a_week_ahead() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    // The seeded token lasts 90 days: shown, no warning.
    sign_in(&b, &mock, &mock.token("owner"), "/login");
    let badge = b.wait("[data-testid=token-expiry]");
    let text = b.text(&badge);
    assert!(
        text.starts_with("Token expires in 8") || text.starts_with("Token expires in 9"),
        "{text}"
    );
    assert!(!b
        .attr(&badge, "class")
        .unwrap_or_default()
        .contains("badge--warn"));
    b.click(&b.wait("[data-testid=sign-out]"));

    // A token of the same user that expires in 3 days: the one signed in with is the one shown.
    let owner = mock.token("owner");
    let (_, me) = mock.api("GET", "/api/users/current", &owner, None);
    let id = me["id"].as_str().unwrap_or_default();
    let (status, created) = mock.api(
        "POST",
        &format!("/api/users/{id}/tokens"),
        &owner,
        Some(&json!({"name": "short-lived", "expires_in": 3})),
    );
    assert_eq!(status, 200, "{created}");
    let short = created["plain_token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    sign_in(&b, &mock, &short, "/login");
    let badge = b.wait_until("short-lived expiry", || {
        b.find("[data-testid=token-expiry]").filter(|e| {
            b.text(e).contains("expires in 2 days") || b.text(e).contains("expires in 3 days")
        })
    });
    assert!(
        b.attr(&badge, "class")
            .unwrap_or_default()
            .contains("badge--warn"),
        "a token expiring within a week is a warning"
    );
    b.screenshot("token-expiry-warning");
}

#[test]
fn a_jwt_expiry_comes_from_its_claim() {
    let exp = now_secs() + 5 * 3600;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(json!({"sub": "alice", "exp": exp}).to_string());
    let jwt = format!("eyJhbGciOiJSUzI1NiJ9.{payload}.c2lnbmF0dXJl");
    let mock = Mock::shared(&["--jwt", &format!("{jwt}=alice@example.com")]);
    let b = Browser::start();
    sign_in(&b, &mock, &jwt, "/login");
    let badge = b.wait("[data-testid=token-expiry]");
    assert_eq!(b.text(&badge), "Token expires in 4 hours");
    assert!(b
        .attr(&badge, "class")
        .unwrap_or_default()
        .contains("badge--warn"));
}

#[test]
fn the_idle_timeout_signs_out_and_sign_in_returns_to_the_page() {
    let dist = DistCopy::new("idle");
    dist.write(
        "config.json",
        &json!({"idle_timeout_minutes": 1, "title": "Acme VPN"}).to_string(),
    );
    let mock = Mock::start_serving(&dist.0, &[]);
    let b = Browser::start();
    sign_in(
        &b,
        &mock,
        &mock.token("admin"),
        "/login?next=%2Fgroups%3Fq%3Ddev",
    );
    b.wait("table tbody tr");
    // The deployment's title, in the sidebar and the tab.
    let brand = b.wait(".sidebar__brand");
    assert_eq!(b.text(&brand), "Acme VPN");
    assert_eq!(b.script("return document.title"), "Acme VPN");
    // Active use keeps the session: a key press refreshes the activity mark.
    let before = b.script("return Number(localStorage.getItem('netbird-console.activity'))");
    std::thread::sleep(std::time::Duration::from_millis(20));
    b.type_into(&b.wait("input[name=q]"), "x");
    let after = b.script("return Number(localStorage.getItem('netbird-console.activity'))");
    assert!(after.as_f64() > before.as_f64(), "{before} → {after}");
    // Two minutes pass without a key press or click (the clock is the stored mark).
    b.script(
        "localStorage.setItem('netbird-console.activity', String(Date.now() - 120000)); return null",
    );
    let note = b.wait("[data-testid=session-ended]");
    assert!(
        b.text(&note)
            .contains("signed out after 1 minute without activity"),
        "{}",
        b.text(&note)
    );
    assert_eq!(
        b.script("return sessionStorage.getItem('netbird-console.session')"),
        serde_json::Value::Null
    );
    let url = b.current_url();
    assert!(url.contains("/login?next="), "{url}");
    b.type_into(&b.wait("input[name=token]"), &mock.token("admin"));
    b.click(&b.wait("button[type=submit]"));
    b.wait_until("back at the page", || {
        Some(b.current_url()).filter(|u| u.ends_with("/groups?q=devx"))
    });
}

#[test]
fn no_idle_timeout_without_configuration() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("admin"), "/login?next=%2Fgroups");
    b.wait("table tbody tr");
    b.script(
        "localStorage.setItem('netbird-console.activity', String(Date.now() - 86400000)); return null",
    );
    // Longer than the watcher's 5 s period: still signed in.
    std::thread::sleep(std::time::Duration::from_secs(6));
    assert!(b.find("[data-testid=session-ended]").is_none());
    assert!(b.find("[data-testid=current-user]").is_some());
}
