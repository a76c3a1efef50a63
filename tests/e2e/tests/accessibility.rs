//! Every page passes axe-core (the npm package, installed by .ci/setup and run inside the page
//! through WebDriver) with no violation of serious or critical impact, in both themes and in
//! German and Chinese; the palette and the shortcut list too.

use netbird_e2e::{on_every_page_in_both_themes, open, pages, sign_in, Browser, Mock};
use serde_json::Value;

/// axe-core's browser build, from `AXE_JS` (set by .ci/setup) or where .ci/setup puts it.
fn axe_source() -> String {
    let path = std::env::var("AXE_JS").unwrap_or_else(|_| {
        format!(
            "{}/.cache/netbird-console-tools/axe/node_modules/axe-core/axe.min.js",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core is missing at {path} ({e}): run `. .ci/setup`"))
}

/// The serious and critical violations on the page as it is now, one line each.
const RUN: &str = "const done = arguments[arguments.length - 1]; \
    axe.run(document, { resultTypes: ['violations'] }) \
      .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical') \
        .map(v => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`))) \
      .catch(e => done(['axe failed: ' + e]));";

fn violations(b: &Browser, axe: &str, what: &str, out: &mut Vec<String>) {
    if b.script("return typeof axe") != Value::String("object".into()) {
        b.script(&format!("{axe}\nreturn null;"));
    }
    for v in b.script_async(RUN).as_array().into_iter().flatten() {
        out.push(format!("{what}: {}", v.as_str().unwrap_or_default()));
    }
}

#[test]
fn every_page_passes_axe_in_both_themes() {
    let axe = axe_source();
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let mut found = Vec::new();
    on_every_page_in_both_themes(&b, &mock, |what| violations(&b, &axe, what, &mut found));
    // The palette with results, and the list of shortcuts.
    open(&b, "/peers");
    b.click(&b.wait("[data-testid=palette-button]"));
    let input = b.wait("[data-testid=palette] input[type=search]");
    b.type_into(&input, "gw");
    b.wait_until("results", || {
        (!b.find_all("[data-testid=palette] [role=option]").is_empty()).then_some(())
    });
    violations(&b, &axe, "the palette", &mut found);
    b.press(&["\u{E00C}"]);
    b.wait_until("the palette closed", || {
        b.find("[data-testid=palette]").is_none().then_some(())
    });
    b.script("document.activeElement.blur(); return null");
    b.press(&["?"]);
    b.wait("[data-testid=shortcuts]");
    violations(&b, &axe, "the shortcuts", &mut found);
    assert!(
        found.is_empty(),
        "axe-core: serious or critical violations:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_page_passes_axe_in_german_and_chinese() {
    let axe = axe_source();
    let mock = Mock::shared(&[]);
    let mut found = Vec::new();
    for language in ["de", "zh-CN"] {
        let b = Browser::start();
        b.goto(&format!("{}/login", mock.url));
        b.script_with(
            "localStorage.setItem('netbird-console.lang', arguments[0]); return null",
            serde_json::json!([language]),
        );
        sign_in(&b, &mock, &mock.token("owner"), "/login");
        b.wait("main.content h1");
        assert_eq!(b.script("return document.documentElement.lang"), language);
        for path in pages(&mock) {
            open(&b, &path);
            violations(&b, &axe, &format!("{language} {path}"), &mut found);
        }
    }
    assert!(
        found.is_empty(),
        "axe-core: serious or critical violations:\n{}",
        found.join("\n")
    );
}
