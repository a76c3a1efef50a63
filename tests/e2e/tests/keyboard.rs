//! The keyboard: the command palette finds anything and runs actions; the shortcuts, listed
//! under `?`, move between sections, search, create and edit, and stay quiet while typing.

use netbird_e2e::{sign_in, sign_in_to, Browser, Mock};
use serde_json::Value;

const CTRL: &str = "\u{E009}";
const ESCAPE: &str = "\u{E00C}";
const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";

fn path_is(b: &Browser, path: &str) {
    b.wait_until(&format!("the page {path}"), || {
        let url = b.current_url();
        let here = url.split('?').next().unwrap_or("").to_string();
        here.ends_with(path).then_some(())
    });
}

fn focused(b: &Browser) -> Value {
    b.script(
        "const e = document.activeElement; \
         return e ? [e.tagName.toLowerCase(), e.getAttribute('name') || e.getAttribute('type') || ''] : null",
    )
}

#[test]
fn the_palette_finds_a_peer_among_10000_by_ip_and_opens_it() {
    let mock = Mock::shared(&["--peers", "10000"]);
    let peers = mock.list("/api/peers");
    assert_eq!(peers.len(), 10_000);
    let peer = &peers[7_321];
    let (id, name, ip) = (
        peer["id"].as_str().unwrap(),
        peer["name"].as_str().unwrap(),
        peer["ip"].as_str().unwrap(),
    );
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/login");
    b.wait("main.content h1");
    b.press(&[CTRL, "k"]);
    let input = b.wait("[data-testid=palette] input[type=search]");
    assert_eq!(
        focused(&b),
        serde_json::json!(["input", "search"]),
        "the palette has the focus"
    );
    // Before anything is typed, the actions.
    b.wait_until("the actions", || {
        let items = b.find_all("[data-testid=palette] [role=option]");
        (!items.is_empty()).then_some(())
    });
    b.type_into(&input, ip);
    let option = b.wait_until("the peer found by its IP", || {
        b.find_all("[data-testid=palette] [role=option]")
            .into_iter()
            .find(|o| b.text(o).starts_with(name))
    });
    assert_eq!(
        b.find_all("[data-testid=palette] [role=option]").len(),
        1,
        "one peer has {ip}"
    );
    assert_eq!(b.attr(&option, "aria-selected").as_deref(), Some("true"));
    b.screenshot("palette-peer-by-ip");
    b.press(&[ENTER]);
    path_is(&b, &format!("/peers/{id}"));
    b.wait_until("the peer's page", || {
        b.find("main.content h1")
            .filter(|h| b.text(h).contains(name))
            .map(|_| ())
    });
    assert!(
        b.find("[data-testid=palette]").is_none(),
        "the palette closed"
    );

    // An action: arrow keys pick it, Enter runs it.
    b.press(&[CTRL, "k"]);
    let input = b.wait("[data-testid=palette] input[type=search]");
    b.type_into(&input, "add route");
    b.wait_until("the action", || {
        b.find_all("[data-testid=palette] [role=option]")
            .first()
            .filter(|o| b.text(o).contains("Add route"))
            .map(|_| ())
    });
    b.press(&[ENTER]);
    path_is(&b, "/routes/new");
    // Escape closes it and gives the focus back.
    b.press(&[CTRL, "k"]);
    b.wait("[data-testid=palette] input[type=search]");
    b.press(&[DOWN]);
    b.press(&[ESCAPE]);
    b.wait_until("the palette closed", || {
        b.find("[data-testid=palette]").is_none().then_some(())
    });
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}

#[test]
fn every_shortcut_works_and_none_fires_while_typing() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/peers");
    b.wait("[data-testid=table-summary]");
    // g and a letter: a section.
    for (key, path) in [
        ("r", "/routes"),
        ("g", "/groups"),
        ("a", "/policies"),
        ("d", "/dns"),
        ("k", "/setup-keys"),
        ("u", "/users"),
        ("e", "/events"),
        ("s", "/settings"),
        ("c", "/posture-checks"),
        ("p", "/peers"),
    ] {
        b.press(&["g"]);
        b.press(&[key]);
        path_is(&b, path);
        b.wait("main.content h1");
    }
    b.press(&["g"]);
    b.press(&["h"]);
    b.wait_until("the overview", || {
        b.current_url()
            .ends_with(&format!("{}/", mock.url))
            .then_some(())
    });
    // / searches the list; typing there never fires a shortcut.
    b.press(&["g"]);
    b.press(&["r"]);
    path_is(&b, "/routes");
    b.wait("[data-testid=table-summary]");
    b.press(&["/"]);
    assert_eq!(
        focused(&b),
        serde_json::json!(["input", "q"]),
        "/ focuses the search"
    );
    b.press(&["g"]);
    b.press(&["p"]);
    b.press(&["n"]);
    b.press(&["?"]);
    assert_eq!(
        b.script("return document.querySelector('input[name=q]').value"),
        "gpn?",
        "the keys went into the search"
    );
    assert!(b.current_url().contains("/routes"), "still on the routes");
    assert!(b.find("[data-testid=shortcuts]").is_none());
    b.script("document.activeElement.blur(); return null");
    // n: a new object on a list page.
    b.press(&["n"]);
    path_is(&b, "/routes/new");
    b.wait("form");
    // e: edit on a detail page, the form's first field.
    let (_, routes) = mock.api("GET", "/api/routes", &mock.token("owner"), None);
    let route = routes[0]["id"].as_str().unwrap().to_string();
    b.press(&["g"]);
    b.press(&["r"]);
    path_is(&b, "/routes");
    b.goto(&format!("{}/routes/{route}", mock.url));
    b.wait("form input[name=network_id]");
    b.press(&["e"]);
    assert_eq!(focused(&b)[0], "input", "e puts the focus in the form");
    b.script("document.activeElement.blur(); return null");
    // ? lists the shortcuts; Escape closes the list.
    b.press(&["?"]);
    let help = b.wait("[data-testid=shortcuts]");
    for keys in ["Ctrl K", "g p", "g r", "g g"] {
        assert!(b.text(&help).contains(keys), "the list names {keys}");
    }
    b.screenshot("shortcuts");
    b.press(&[ESCAPE]);
    b.wait_until("the list closed", || {
        b.find("[data-testid=shortcuts]").is_none().then_some(())
    });
    // Ctrl+K works inside a field too.
    b.press(&["/"]);
    b.press(&[CTRL, "k"]);
    b.wait("[data-testid=palette]");
    b.press(&[ESCAPE]);
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}

#[test]
fn n_does_nothing_for_a_role_that_cannot_create() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "auditor", "/routes");
    b.wait("[data-testid=table-summary]");
    b.press(&["n"]);
    b.press(&[CTRL, "k"]);
    let input = b.wait("[data-testid=palette] input[type=search]");
    b.type_into(&input, "add");
    b.wait_until("the lists read", || {
        b.find("[data-testid=palette] .palette__status")
            .filter(|s| !b.text(s).starts_with("Reading"))
            .map(|_| ())
    });
    assert!(
        b.find_all("[data-testid=palette] [role=option]")
            .iter()
            .all(|o| !b.text(o).starts_with("Add")),
        "no add action for an auditor"
    );
    assert!(
        b.current_url().ends_with("/routes"),
        "n did not leave the list"
    );
}
