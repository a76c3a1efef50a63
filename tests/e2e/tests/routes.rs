//! Route journeys in Chromium: create each shape, see it listed, edit its network, toggle it,
//! delete it; bad input is marked at its field and nothing is sent; a server 409 lands at its
//! field with the input kept.

use netbird_e2e::{
    blur, choose, first_name, pick, row_named_after_loading, set_text, sign_in_to, Browser, Mock,
};
use serde_json::Value;

fn routes(mock: &Mock) -> Vec<Value> {
    mock.list("/api/routes")
}

fn open_form(b: &Browser, mock: &Mock) {
    sign_in_to(b, mock, "owner", "/routes/new");
    b.wait("[data-testid=route-form]");
}

#[test]
fn create_subnet_route_edit_toggle_delete() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let (peer_id, peer_name) = first_name(&mock, "/api/peers");
    let (group_id, group_name) = first_name(&mock, "/api/groups");
    open_form(&b, &mock);
    set_text(&b, "network_id", "lab-net");
    set_text(&b, "network", "10.99.7.1/24");
    blur(&b);
    b.wait_until("masking preview", || {
        b.find("[name=network] ~ .field__hint")
            .filter(|h| b.text(h).contains("10.99.7.0/24"))
    });
    pick(&b, "peer", &peer_name, &peer_id);
    pick(&b, "groups", &group_name, &group_id);
    b.screenshot("route-form");
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait_until("back on the list", || {
        Some(b.current_url()).filter(|u| u.ends_with("/routes"))
    });
    let row = b.wait_until("new row", || {
        b.find_all("tbody tr")
            .into_iter()
            .find(|r| b.text(r).contains("lab-net"))
    });
    assert!(b.text(&row).contains("10.99.7.0/24"), "{}", b.text(&row));
    assert!(b.text(&row).contains(&peer_name));
    let created = routes(&mock)
        .into_iter()
        .find(|r| r["network_id"] == "lab-net")
        .expect("created");
    let id = created["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(created["network"], "10.99.7.0/24");
    assert_eq!(created["peer"], peer_id.as_str());
    b.screenshot("routes-list");

    // Edit its network: the official dashboard cannot.
    b.goto(&format!("{}/routes/{id}", mock.url));
    b.wait("[data-testid=route-form]");
    set_text(&b, "network", "10.99.8.0/24");
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait_until("edited", || {
        routes(&mock)
            .into_iter()
            .find(|r| r["id"] == id.as_str() && r["network"] == "10.99.8.0/24")
    });

    // Toggle it from the list, once its routing peer is named (the rows are drawn anew when
    // the peers arrive, after the routes).
    b.wait_until("routing peer named", || {
        b.find(&format!("tr[data-id='{id}']"))
            .filter(|row| b.text(row).contains(&peer_name))
    });
    let switch_css = format!("tr[data-id='{id}'] input[role=switch]");
    let switch = b.wait(&switch_css);
    // Tag every row's DOM node: a toggle must not rebuild the other rows (or this one).
    b.script("document.querySelectorAll('tbody tr').forEach(r => r.__kept = true); return null");
    b.click(&switch);
    b.wait_until("disabled on the server", || {
        routes(&mock)
            .into_iter()
            .find(|r| r["id"] == id.as_str() && r["enabled"] == false)
    });
    let is_checked = format!("return document.querySelector(\"{switch_css}\").checked");
    b.wait_until("switch off", || {
        (b.script(&is_checked) == false).then_some(())
    });
    let kept = b.script(
        "const rows = [...document.querySelectorAll('tbody tr')]; \
         return rows.length > 1 && rows.every(r => r.__kept === true)",
    );
    assert_eq!(kept, true, "toggling one route re-rendered rows");
    // The list holds the route as the server has it: its state filter lists it as disabled.
    choose(&b, "select[name=enabled]", "no");
    b.wait(&format!("tr[data-id='{id}']"));
    choose(&b, "select[name=enabled]", "yes");
    b.wait_until("no longer listed as enabled", || {
        b.find(&format!("tr[data-id='{id}']"))
            .is_none()
            .then_some(())
    });
    choose(&b, "select[name=enabled]", "");
    // PUT replaced the whole object without losing anything.
    let after = routes(&mock)
        .into_iter()
        .find(|r| r["id"] == id.as_str())
        .expect("still there");
    assert_eq!(after["network"], "10.99.8.0/24");
    assert_eq!(after["groups"], serde_json::json!([group_id]));

    // Delete it from its page, with a confirmation that names it.
    b.click(&b.wait(&format!("tr[data-id='{id}'] a[href$='/routes/{id}']")));
    b.click(&b.wait("[data-testid=delete-route]"));
    let dialog = b.wait("[data-testid=confirm-dialog]");
    assert!(b.text(&dialog).contains("lab-net"), "{}", b.text(&dialog));
    b.click(&b.wait("[data-testid=confirm-dialog] [data-testid=confirm]"));
    b.wait_until("back at the list", || {
        b.current_url().ends_with("/routes").then_some(())
    });
    b.wait_until("deleted", || {
        (!routes(&mock).iter().any(|r| r["id"] == id.as_str())).then_some(())
    });
}

#[test]
fn create_domain_route_and_exit_node_pair() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let (peer_id, peer_name) = first_name(&mock, "/api/peers");
    let (group_id, group_name) = first_name(&mock, "/api/groups");
    open_form(&b, &mock);
    b.click(&b.wait("input[name=shape][value=domains]"));
    set_text(&b, "network_id", "docs");
    set_text(&b, "domains", "wiki.example.net, *.bücher.example");
    b.wait_until("punycode preview", || {
        b.find("[name=domains] ~ .field__hint")
            .filter(|h| b.text(h).contains("xn--bcher-kva"))
    });
    pick(&b, "peer", &peer_name, &peer_id);
    pick(&b, "groups", &group_name, &group_id);
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait_until("domain route", || {
        routes(&mock)
            .into_iter()
            .find(|r| r["network_id"] == "docs")
    });
    let r = routes(&mock)
        .into_iter()
        .find(|r| r["network_id"] == "docs")
        .unwrap_or_default();
    assert_eq!(r["network_type"], "Domain");
    assert_eq!(
        r["domains"],
        serde_json::json!(["wiki.example.net", "*.bücher.example"])
    );

    b.goto(&format!("{}/routes/new", mock.url));
    b.click(&b.wait("input[name=shape][value=exit]"));
    set_text(&b, "network_id", "egress-fra");
    b.click(&b.wait("input[name=exit_ipv6]"));
    pick(&b, "peer", &peer_name, &peer_id);
    pick(&b, "groups", &group_name, &group_id);
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait_until("exit pair", || {
        let all = routes(&mock);
        let v4 = all
            .iter()
            .any(|r| r["network_id"] == "egress-fra" && r["network"] == "0.0.0.0/0");
        let v6 = all
            .iter()
            .any(|r| r["network_id"] == "egress-fra-v6" && r["network"] == "::/0");
        (v4 && v6).then_some(())
    });
}

#[test]
fn bad_input_is_marked_and_nothing_is_sent() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let before = routes(&mock).len();
    open_form(&b, &mock);
    set_text(&b, "network_id", &"x".repeat(41));
    set_text(&b, "network", "10.0.0.1");
    set_text(&b, "metric", "0");
    blur(&b);
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait("[data-testid=form-blocked]");
    for field in ["network_id", "network", "metric"] {
        let input = b.wait(&format!("input[name={field}]"));
        assert_eq!(
            b.attr(&input, "aria-invalid").as_deref(),
            Some("true"),
            "{field}"
        );
        // The control points at its message (ids are unique per form: `route-<n>-<field>`).
        let described = b.attr(&input, "aria-describedby").unwrap_or_default();
        assert!(
            described.ends_with(&format!("-{field}-error")),
            "{described}"
        );
        let message = b.wait(&format!("#{described}"));
        assert_eq!(
            b.attr(&message, "data-testid").as_deref(),
            Some(format!("error-{field}").as_str())
        );
    }
    for field in ["peer", "groups"] {
        let set = b.wait(&format!("fieldset[name={field}]"));
        assert_eq!(
            b.attr(&set, "aria-invalid").as_deref(),
            Some("true"),
            "{field}"
        );
    }
    b.screenshot("route-form-errors");
    assert_eq!(
        routes(&mock).len(),
        before,
        "an invalid form must send nothing"
    );
    // What was typed is still there.
    let v = b.script("return document.querySelector('input[name=network]').value");
    assert_eq!(v, "10.0.0.1");
}

#[test]
fn server_conflict_is_shown_at_its_field_and_input_kept() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let (peer_id, peer_name) = first_name(&mock, "/api/peers");
    let (group_id, group_name) = first_name(&mock, "/api/groups");
    open_form(&b, &mock);
    set_text(&b, "network_id", "race");
    set_text(&b, "network", "10.77.0.0/16");
    pick(&b, "peer", &peer_name, &peer_id);
    pick(&b, "groups", &group_name, &group_id);
    // Someone else creates the same prefix on the same peer after the form loaded.
    let body = serde_json::json!({"network_id": "other-admin", "network": "10.77.0.0/16", "peer": peer_id,
        "metric": 9999, "masquerade": true, "groups": [group_id], "enabled": true, "description": ""});
    let (status, _) = mock.api("POST", "/api/routes", &mock.token("owner"), Some(&body));
    assert_eq!(status, 200);
    b.click(&b.wait("[data-testid=save-route]"));
    let err = b.wait("[data-testid=error-network]");
    assert!(
        b.text(&err).contains("already has this route"),
        "{}",
        b.text(&err)
    );
    let input = b.wait("input[name=network]");
    assert_eq!(b.attr(&input, "aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        b.script("return document.querySelector('input[name=network_id]').value"),
        "race"
    );
    assert!(b.current_url().contains("/routes/new"));
}

#[test]
fn add_a_routing_peer_for_ha_with_overlap_warnings_and_filter() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    // A single-peer subnet route to extend.
    let base = routes(&mock)
        .into_iter()
        .find(|r| r["network_type"] == "IPv4" && r["peer"] != "" && r["network"] != "0.0.0.0/0")
        .expect("a peer-routed IPv4 route");
    let (base_id, base_name, base_peer) = (
        base["id"].as_str().unwrap_or_default().to_string(),
        base["network_id"].as_str().unwrap_or_default().to_string(),
        base["peer"].as_str().unwrap_or_default().to_string(),
    );
    let (_, peers) = mock.api("GET", "/api/peers", &mock.token("owner"), None);
    let other = peers
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] != base_peer.as_str()).cloned())
        .expect("another peer");
    let (other_id, other_name) = (
        other["id"].as_str().unwrap_or_default().to_string(),
        other["name"].as_str().unwrap_or_default().to_string(),
    );

    let siblings_before = routes(&mock)
        .iter()
        .filter(|r| r["network_id"] == base_name.as_str())
        .count();
    // From the route's page: another routing peer for its network.
    sign_in_to(&b, &mock, "owner", &format!("/routes/{base_id}"));
    let add = b.wait(&format!(
        "[data-testid=add-routing-peer][href$='/routes/new?ha={base_id}']"
    ));
    b.click(&add);
    b.wait("[data-testid=route-form]");
    // Prefilled from the sibling: same identifier and network, no peer yet.
    assert_eq!(
        b.script("return document.querySelector('input[name=network_id]').value"),
        base_name.as_str()
    );
    assert_eq!(
        b.script("return document.querySelector('input[name=network]').value"),
        base["network"].clone()
    );
    pick(&b, "peer", &other_name, &other_id);
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait_until("HA sibling", || {
        let same: Vec<Value> = routes(&mock)
            .into_iter()
            .filter(|r| r["network_id"] == base_name.as_str())
            .collect();
        (same.len() == siblings_before + 1 && same.iter().any(|r| r["peer"] == other_id.as_str()))
            .then_some(())
    });
    // The list shows them together as HA, and filters by routing peer.
    let marker = format!("HA · {} routing peers", siblings_before + 1);
    let row = b.wait_until("HA marker", || {
        b.find_all("tbody tr")
            .into_iter()
            .find(|r| b.text(r).contains(&marker))
    });
    assert!(b.text(&row).contains(&base_name));
    b.goto(&format!("{}/routes?via={other_id}", mock.url));
    b.wait_until("filtered to one", || {
        let rows = b.find_all("tbody tr");
        (!rows.is_empty() && rows.iter().all(|r| b.text(r).contains(&other_name))).then_some(())
    });

    // The same prefix under another identifier: a (non-blocking) warning names the existing route.
    b.goto(&format!("{}/routes/new", mock.url));
    set_text(&b, "network_id", "shadow");
    set_text(&b, "network", base["network"].as_str().unwrap_or_default());
    let warn = b.wait("[data-testid=route-warnings]");
    assert!(b.text(&warn).contains(&base_name), "{}", b.text(&warn));
    // A route inside NetBird's own overlay range is warned about.
    set_text(&b, "network", "100.64.10.0/24");
    let warn = b.wait("[data-testid=route-warnings]");
    assert!(b.text(&warn).contains("100.64.0.0/10"), "{}", b.text(&warn));
}

/// A route routed by one peer: (route ID, peer ID, peer name).
fn peer_routed(mock: &Mock) -> (String, String, String) {
    let route = routes(mock)
        .into_iter()
        .find(|r| r["peer"].as_str().is_some_and(|p| !p.is_empty()))
        .expect("the demo account has a route with a routing peer");
    let peer_id = route["peer"].as_str().unwrap_or_default().to_string();
    let peer_name = mock.name_of("/api/peers", &peer_id);
    let route_id = route["id"].as_str().unwrap_or_default().to_string();
    (route_id, peer_id, peer_name)
}

/// Signs in to the routes page with the list at `path` under the mock's fault `kind`.
fn open_routes_with(mock: &Mock, path: &str, kind: &str) -> Browser {
    mock.control(
        "POST",
        &format!("/__mock/fault?kind={kind}&path={path}&method=GET"),
    );
    let b = Browser::start();
    sign_in_to(&b, mock, "owner", "/routes");
    b
}

/// Waits until the routes page has named its routes as far as it can (each list it names them
/// with is in or has failed).
fn named_as_far_as_can_be(b: &Browser) {
    b.wait_until("the routes named as far as they can be", || {
        let marks = b.script("return performance.getEntriesByName('nbc:routes-named').length");
        (marks.as_u64() >= Some(1)).then_some(())
    });
}

/// A route distributed to a group: (route ID, group name).
fn group_distributed(mock: &Mock) -> (String, String) {
    let route = routes(mock)
        .into_iter()
        .find(|r| r["groups"].as_array().is_some_and(|g| !g.is_empty()))
        .expect("the demo account has a route with a distribution group");
    let group_name = mock.name_of(
        "/api/groups",
        route["groups"][0].as_str().unwrap_or_default(),
    );
    (
        route["id"].as_str().unwrap_or_default().to_string(),
        group_name,
    )
}

#[test]
fn routes_are_listed_before_the_peers_arrive_and_name_their_routing_peers_after() {
    let mock = Mock::shared(&[]);
    let (route_id, peer_id, peer_name) = peer_routed(&mock);
    // The peers list (13 MB at 10,000 peers) takes its time; the routes and groups do not.
    let b = open_routes_with(&mock, "/api/peers", "slow-2500");
    let row = format!("tbody tr[data-id='{route_id}']");
    row_named_after_loading(
        &b,
        &row,
        &peer_name,
        "the routing peer",
        "routes-before-peers",
    );
    // The "routed by" filter names it too, and filters by it.
    let option = b.wait(&format!("select[name=via] option[value='{peer_id}']"));
    assert_eq!(b.text(&option), peer_name);
    b.goto(&format!("{}/routes?via={peer_id}", mock.url));
    b.wait_until("filtered to the peer's routes", || {
        let rows = b.find_all("tbody tr");
        (!rows.is_empty() && rows.iter().all(|r| b.text(r).contains(&peer_name))).then_some(())
    });
}

#[test]
fn routes_stay_listed_when_the_peers_fail_and_are_named_after_a_retry() {
    let mock = Mock::shared(&[]);
    let (route_id, _, peer_name) = peer_routed(&mock);
    stay_listed_and_are_named_after_a_retry(
        &mock,
        "/api/peers",
        &route_id,
        &peer_name,
        "routing peer",
    );
}

/// With the list at `path` failing, the route `route_id` is listed with what that list names
/// (`name`, the route's `what`) shown by its ID, not as loading, with the error above; after
/// the retry it is named and the error is gone.
fn stay_listed_and_are_named_after_a_retry(
    mock: &Mock,
    path: &str,
    route_id: &str,
    name: &str,
    what: &str,
) {
    let b = open_routes_with(mock, path, "status-500");
    let row = format!("tbody tr[data-id='{route_id}']");
    let notice = b.wait("[data-testid=error-notice]");
    named_as_far_as_can_be(&b);
    assert!(b.text(&notice).len() > 20, "{}", b.text(&notice));
    let shown = b.text(&b.wait(&row));
    assert!(
        !shown.contains("Loading…") && !shown.contains(name),
        "the {what} is shown by its ID, not as loading: {shown}"
    );
    mock.control("DELETE", "/__mock/fault");
    b.click(&b.wait("[data-testid=error-notice] button"));
    b.wait_until(&format!("the {what} named after the retry"), || {
        b.find(&row).filter(|r| b.text(r).contains(name))
    });
    assert!(b.find("[data-testid=error-notice]").is_none());
}

#[test]
fn routes_are_listed_before_the_groups_arrive_and_name_their_groups_after() {
    let mock = Mock::shared(&[]);
    let (route_id, group_name) = group_distributed(&mock);
    // The groups list (2.8 MB beside 10,000 peers) is read once the routes are drawn.
    let b = open_routes_with(&mock, "/api/groups", "slow-2500");
    let row = format!("tbody tr[data-id='{route_id}']");
    row_named_after_loading(
        &b,
        &row,
        &group_name,
        "the distribution group",
        "routes-before-groups",
    );
    let option = b.wait("select[name=group] option:not([value=''])");
    assert!(!b.text(&option).contains("Loading…"), "{}", b.text(&option));
}

#[test]
fn routes_stay_listed_when_the_groups_fail_and_are_named_after_a_retry() {
    let mock = Mock::shared(&[]);
    let (route_id, group_name) = group_distributed(&mock);
    stay_listed_and_are_named_after_a_retry(
        &mock,
        "/api/groups",
        &route_id,
        &group_name,
        "distribution group",
    );
}
