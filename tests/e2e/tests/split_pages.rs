//! The pages kept out of the first download (src/ui/split.rs): the peers page loads the peers
//! list's module, then the fleet's and the routes' in the background, and no other; the others fetch theirs once, when first opened or when a link to them is
//! focused or pointed at; and a module that cannot be downloaded gets a clear message and a
//! retry that works, never a panic.

use netbird_e2e::{sign_in, Browser, DistCopy, Mock};

/// The wasm files this document fetched, by name, each with how often.
fn fetched_wasm(b: &Browser) -> Vec<(String, u64)> {
    let v = b.script(
        "const seen = {}; \
         for (const r of performance.getEntriesByType('resource')) { \
           const name = new URL(r.name).pathname.split('/').pop(); \
           if (name.endsWith('.wasm')) seen[name] = (seen[name] || 0) + 1; \
         } \
         return Object.entries(seen).sort();",
    );
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e[0].as_str().unwrap_or("?").to_string(),
                        e[1].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn module_names(fetched: &[(String, u64)]) -> Vec<&str> {
    fetched
        .iter()
        .map(|(n, _)| n.rsplit_once('-').map_or(n.as_str(), |(stem, _hash)| stem))
        .collect()
}

fn open_from_sidebar(b: &Browser, path: &str) {
    b.click(&b.wait(&format!("a.sidebar__link[href='{path}']")));
}

#[test]
fn peers_load_their_module_then_the_fleet_and_routes_and_each_module_is_fetched_once() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/peers");
    b.wait("table tbody tr");
    let fetched = fetched_wasm(&b);
    let names = module_names(&fetched);
    assert!(
        names.contains(&"netbird-console") && names.contains(&"split_peers"),
        "the peers page needs the first-load and peers modules: {names:?}"
    );
    assert!(
        !names.contains(&"split_lists") && !names.contains(&"split_access"),
        "another page's module fetched with the peers page: {names:?}"
    );
    // Once the page is painted, the fleet's module (a peer's page) and the routes' (this user
    // may read routes) follow in the background: those pages then open at once.
    b.wait_until("the fleet and routes modules prefetched", || {
        let fetched = fetched_wasm(&b);
        let names = module_names(&fetched);
        (names.contains(&"split_fleet") && names.contains(&"split_routes")).then_some(())
    });

    open_from_sidebar(&b, "/routes");
    b.wait("[data-testid=add-route]");
    b.wait("table tbody tr");
    let names = module_names(&fetched_wasm(&b)).join(" ");
    assert!(
        names.contains("split_routes"),
        "routes module not fetched: {names}"
    );
    assert!(
        !names.contains("split_lists"),
        "lists module fetched early: {names}"
    );

    // Focusing a link (as the keyboard does; pointing at it does the same) starts the fetch.
    b.script("document.querySelector(\"a.sidebar__link[href='/dns']\").focus(); return null");
    b.wait_until(
        "the lists module fetched on focus, before any click",
        || {
            module_names(&fetched_wasm(&b))
                .contains(&"split_lists")
                .then_some(())
        },
    );
    open_from_sidebar(&b, "/dns");
    b.wait_until("the DNS page", || {
        b.find("h1.page-header__title")
            .filter(|h| b.text(h) == "DNS")
    });
    b.wait("table tbody tr");
    open_from_sidebar(&b, "/routes");
    b.click(&b.wait("[data-testid=add-route]"));
    b.wait("[data-testid=route-form]");

    let fetched = fetched_wasm(&b);
    let names = module_names(&fetched).join(" ");
    assert!(
        names.contains("split_lists"),
        "lists module not fetched: {names}"
    );
    assert!(
        !names.contains("split_access"),
        "access module fetched without a policy page: {names}"
    );
    open_from_sidebar(&b, "/policies");
    b.wait_until("the policies page", || {
        b.find("h1.page-header__title")
            .filter(|h| b.text(h) == "Policies")
    });
    b.wait("table tbody tr");
    let fetched = fetched_wasm(&b);
    let names = module_names(&fetched).join(" ");
    assert!(
        names.contains("split_access"),
        "access module not fetched: {names}"
    );
    assert!(
        fetched.iter().all(|(_, n)| *n == 1),
        "a module fetched twice: {fetched:?}"
    );
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}

#[test]
fn a_module_that_cannot_be_downloaded_gets_a_message_and_a_retry_that_works() {
    let dist = DistCopy::new("split");
    let path = dist.uncompressed("split_routes", "wasm");
    let aside = dist.0.join("aside.bin");
    std::fs::rename(&path, &aside).expect("take the module away");

    let mock = Mock::start_serving(&dist.0, &[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/routes");
    let notice = b.wait("[data-testid=error-notice]");
    assert!(
        b.text(&notice)
            .contains("This page could not be downloaded"),
        "{}",
        b.text(&notice)
    );
    b.screenshot("split-module-unavailable");

    // The rest of the console still works.
    open_from_sidebar(&b, "/peers");
    b.wait("table tbody tr");
    open_from_sidebar(&b, "/routes");
    b.wait("[data-testid=error-notice]");

    // Back on the server, the retry brings the page.
    std::fs::rename(&aside, &path).expect("put the module back");
    let retry = b.wait("[data-testid=error-notice] button");
    b.click(&retry);
    b.wait("[data-testid=add-route]");
    b.wait("table tbody tr");
    assert!(b.find("[data-testid=error-notice]").is_none());

    // The failed fetches are logged by the loader; nothing else went wrong, and no panic.
    let errors = b.uncaught_errors();
    assert!(
        !errors.is_empty()
            && errors
                .iter()
                .all(|e| e.starts_with("console:") && e.contains("WebAssembly")),
        "{errors:?}"
    );
    b.script("sessionStorage.removeItem('__e2e_uncaught'); return null");
}

#[test]
fn a_page_module_pack_that_is_missing_or_cut_short_leaves_its_files_fetched_alone() {
    let dist = DistCopy::new("pack");
    let path = dist.uncompressed("pack_peers", "bin");
    let whole = std::fs::read(&path).expect("the pack");
    let mock = Mock::start_serving(&dist.0, &[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/peers");
    b.wait("table tbody tr");
    // Cut short (a broken upload), then missing (the server answers its index page instead).
    for (case, bytes) in [
        ("cut short", Some(&whole[..whole.len() / 2])),
        ("missing", None),
    ] {
        match bytes {
            Some(bytes) => std::fs::write(&path, bytes).expect("cut the pack"),
            None => std::fs::remove_file(&path).expect("remove the pack"),
        }
        // A load with the stored session: the loader fetches the pack with the API requests.
        b.goto(&format!("{}/peers", mock.url));
        b.wait("table tbody tr");
        let fetched = fetched_wasm(&b);
        let names = module_names(&fetched);
        assert!(
            names.contains(&"split_peers"),
            "pack {case}: the peers module was not fetched alone: {names:?}"
        );
        let packs = b.script(
            "return performance.getEntriesByType('resource')
               .filter(e => new URL(e.name).pathname.split('/').pop().startsWith('pack_peers-')).length;",
        );
        assert_eq!(
            packs.as_u64(),
            Some(1),
            "pack {case}: fetched {packs} times"
        );
        assert!(
            fetched.iter().all(|(_, n)| *n == 1),
            "pack {case}: a file fetched twice: {fetched:?}"
        );
        assert!(
            b.find("[data-testid=error-notice]").is_none(),
            "pack {case}: the page shows an error"
        );
    }
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}
