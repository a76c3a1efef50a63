//! Several NetBird accounts: two saved connections to two mocks on different ports; the top bar
//! switches between them without signing in again, each keeps its own place (page and table
//! state) and language, neither token ever goes to the other's URL, and signing out of one
//! forgets only that one.

use netbird_e2e::{choose, open, Browser, Mock};
use serde_json::Value;

fn sign_in_with(b: &Browser, api_url: &str, token: &str, label: &str) {
    b.type_into(&b.wait("input[name=api_url]"), api_url);
    b.type_into(&b.wait("input[name=token]"), token);
    b.type_into(&b.wait("input[name=label]"), label);
    b.click(&b.wait("button[type=submit]"));
    b.wait("main.content h1");
}

/// The account the top bar shows as active.
fn active(b: &Browser) -> String {
    b.script("const s = document.querySelector('select[name=account]'); return s ? s.options[0].text : ''")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Switches through the top bar to the saved account labelled `label`.
fn switch_to(b: &Browser, label: &str) {
    b.script_with(
        "const s = document.querySelector('select[name=account]'); \
         const o = [...s.options].find(o => o.text.includes(arguments[0]) && o.value && o.value !== '+'); \
         s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return null",
        serde_json::json!([label]),
    );
    b.wait_until(&format!("{label} active"), || {
        (active(b) == label && b.find("main.content h1").is_some()).then_some(())
    });
}

fn at(b: &Browser, path_and_query: &str) {
    b.wait_until(&format!("at {path_and_query}"), || {
        let url = b.current_url();
        url.ends_with(path_and_query).then_some(())
    });
}

fn search_value(b: &Browser) -> Value {
    b.script("const i = document.querySelector('input[name=q]'); return i ? i.value : null")
}

#[test]
fn two_accounts_switch_keep_their_own_place_and_language_and_never_mix_tokens() {
    let prod = Mock::shared(&[]);
    let lab = Mock::start(&["--peers", "7", "--seed", "2"]);
    let (prod_token, lab_token) = (prod.token("owner"), lab.token("owner"));
    let b = Browser::start();
    b.goto(&format!("{}/login", prod.url));
    sign_in_with(&b, &prod.url, &prod_token, "Prod");
    assert_eq!(active(&b), "Prod");
    open(&b, "/peers?q=gw");
    // Add the lab account from the top bar.
    choose(&b, "select[name=account]", "+");
    b.wait("input[name=token]");
    sign_in_with(&b, &lab.url, &lab_token, "Lab");
    assert_eq!(active(&b), "Lab");
    let peers = b.wait("[data-testid=count-peers] [data-testid=count-value]");
    b.wait_until("the lab's 7 peers", || {
        (b.text(&peers) == "7").then_some(())
    });
    open(&b, "/routes?q=exit");
    b.screenshot("accounts-lab");
    // Back to Prod: its page and search as they were, without signing in.
    switch_to(&b, "Prod");
    at(&b, "/peers?q=gw");
    b.wait("[data-testid=table-summary]");
    assert_eq!(search_value(&b), "gw");
    // Lab in German; Prod stays in English.
    switch_to(&b, "Lab");
    at(&b, "/routes?q=exit");
    assert_eq!(search_value(&b), "exit");
    choose(&b, "select[name=language]", "de");
    b.wait_until("German", || {
        (b.script("return document.documentElement.lang") == "de"
            && b.find("main.content h1").is_some())
        .then_some(())
    });
    switch_to(&b, "Prod");
    b.wait_until("English for Prod", || {
        (b.script("return document.documentElement.lang") == "en").then_some(())
    });
    at(&b, "/peers?q=gw");
    switch_to(&b, "Lab");
    b.wait_until("German for Lab", || {
        (b.script("return document.documentElement.lang") == "de").then_some(())
    });
    at(&b, "/routes?q=exit");
    // Each server saw only its own token.
    for (mock, token) in [(&*prod, &prod_token), (&lab, &lab_token)] {
        let seen = mock.control("GET", "/__mock/credentials");
        let seen: Vec<&str> = seen
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(!seen.is_empty());
        assert!(
            seen.iter().all(|c| *c == format!("Token {token}")),
            "{} saw another account's credential: {} of {}",
            mock.url,
            seen.len(),
            seen.len()
        );
    }
    // The palette switches too: Lab → Prod.
    b.press(&["\u{E009}", "k"]);
    let input = b.wait("[data-testid=palette] input[type=search]");
    b.type_into(&input, "Prod");
    b.wait_until("the switch action", || {
        b.find_all("[data-testid=palette] [role=option]")
            .first()
            .filter(|o| b.text(o).contains("Prod"))
            .map(|_| ())
    });
    b.press(&["\u{E007}"]);
    b.wait_until("Prod through the palette", || {
        (active(&b) == "Prod" && b.script("return document.documentElement.lang") == "en")
            .then_some(())
    });
    at(&b, "/peers?q=gw");
    switch_to(&b, "Lab");
    at(&b, "/routes?q=exit");
    // Signing out of Lab forgets Lab only: Prod is one click away.
    b.click(&b.wait("[data-testid=sign-out]"));
    b.wait("input[name=token]");
    let saved = b.find_all(".saved__item");
    assert_eq!(saved.len(), 1, "only Prod is left");
    assert!(b.text(&saved[0]).contains("Prod"));
    let stored = b.script("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)");
    assert!(
        !stored.as_str().unwrap_or_default().contains(&lab_token),
        "the lab's token is gone"
    );
    b.click(&b.wait("[data-testid=saved-sign-in]"));
    b.wait_until("Prod again", || (active(&b) == "Prod").then_some(()));
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}
