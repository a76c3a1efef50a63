//! When signing in fails, the page says exactly why and what to do: a server whose CORS
//! settings refuse this console's origin, a URL that answers but is not the management API, a
//! token the server does not know, a blocked user.

use netbird_e2e::{Browser, Mock};

/// Signs in at `console`'s page with `api_url` and `token`, and returns the notice's text.
fn failed_sign_in(b: &Browser, console: &Mock, api_url: &str, token: &str) -> String {
    b.goto(&format!("{}/login", console.url));
    b.type_into(&b.wait("input[name=api_url]"), api_url);
    b.type_into(&b.wait("input[name=token]"), token);
    b.click(&b.wait("button[type=submit]"));
    let notice = b.wait("[data-testid=error-notice]");
    let text = b.text(&notice);
    assert!(
        !text.contains("nbp_"),
        "the token must never appear in a message: {text}"
    );
    assert!(
        b.current_url().contains("/login"),
        "still on the sign-in page"
    );
    text
}

#[test]
fn a_server_refusing_this_origin_is_told_apart_from_one_that_does_not_answer() {
    let console = Mock::shared(&[]);
    let api = Mock::start(&["--no-cors"]);
    let b = Browser::start();
    let text = failed_sign_in(&b, &console, &api.url, &api.token("owner"));
    assert!(text.contains("CORS"), "{text}");
    assert!(text.contains(&api.url), "names the URL tried: {text}");
    assert!(
        text.contains(&console.url),
        "names the origin to allow: {text}"
    );
    b.screenshot("sign-in-cors");
    // The same server with CORS allowed: signing in from the other origin works.
    let open_api = Mock::start(&[]);
    b.goto(&format!("{}/login", console.url));
    b.type_into(&b.wait("input[name=api_url]"), &open_api.url);
    b.type_into(&b.wait("input[name=token]"), &open_api.token("owner"));
    b.click(&b.wait("button[type=submit]"));
    b.wait("main.content h1");
    assert!(b.current_url().starts_with(&console.url));
}

#[test]
fn a_url_that_answers_with_a_web_page_is_not_the_management_api() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    // Under this path the mock serves the console's page, as a dashboard's address would.
    let wrong = format!("{}/dashboard", mock.url);
    let text = failed_sign_in(&b, &mock, &wrong, &mock.token("owner"));
    assert!(text.contains("Not a NetBird management API"), "{text}");
    assert!(text.contains(&wrong), "{text}");
}

#[test]
fn a_revoked_token_and_a_blocked_user_are_said_so() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let auditor = mock.token("auditor");
    mock.revoke(&auditor);
    let text = failed_sign_in(&b, &mock, &mock.url, &auditor);
    assert!(text.contains("does not know this token"), "{text}");
    // Block erin (role user) through the API, then sign in with her token.
    let owner = mock.token("owner");
    let erin = mock
        .list("/api/users")
        .into_iter()
        .find(|u| {
            u["role"] == "user"
                && u["is_blocked"] == false
                && u["email"].as_str().is_some_and(|e| e.starts_with("erin"))
        })
        .expect("erin");
    let id = erin["id"].as_str().unwrap();
    let (status, body) = mock.api(
        "PUT",
        &format!("/api/users/{id}"),
        &owner,
        Some(&serde_json::json!({"role": "user", "auto_groups": erin["auto_groups"], "is_blocked": true})),
    );
    assert_eq!(status, 200, "{body}");
    let text = failed_sign_in(&b, &mock, &mock.url, &mock.token("user"));
    assert!(text.contains("blocked"), "{text}");
    b.screenshot("sign-in-blocked");
}
