//! Look and language: the theme menu, text contrast in both themes, every page in German and
//! Chinese without text spilling out of its box, and the console on a 375 px wide screen.

use netbird_e2e::{
    choose, on_every_page_in_both_themes, open, pages, sign_in, sign_in_to, Browser, Mock,
};
use serde_json::json;

/// The page's background colour as [r, g, b].
fn background(b: &Browser) -> Vec<f64> {
    let v = b.script(
        "return getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).slice(0, 3).map(Number)",
    );
    v.as_array()
        .expect("a colour")
        .iter()
        .map(|x| x.as_f64().unwrap_or(0.0))
        .collect()
}

fn is_dark(rgb: &[f64]) -> bool {
    rgb.iter().sum::<f64>() / 3.0 < 100.0
}

#[test]
fn the_theme_is_chosen_applies_at_once_and_is_remembered() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "light"}]}),
    )
    .expect("emulate a light system");
    sign_in_to(&b, &mock, "owner", "/peers");
    b.wait("[data-testid=table-summary]");
    assert_eq!(
        b.script("return getComputedStyle(document.querySelector('[data-testid=menu]')).display"),
        "none",
        "a wide screen shows every section, no menu button"
    );
    assert!(
        !is_dark(&background(&b)),
        "a light system shows the light theme"
    );
    choose(&b, "select[name=theme]", "dark");
    assert!(is_dark(&background(&b)), "choosing dark applies it at once");
    b.screenshot("theme-dark-peers");
    // A reload shows it from the first paint: loader.js has set it before the wasm is there.
    b.goto(&format!("{}/peers", mock.url));
    let early = b.script(
        "return [document.documentElement.dataset.theme || '', !!document.querySelector('.shell')]",
    );
    assert_eq!(early[0], "dark", "the theme is set as the page loads");
    assert!(is_dark(&background(&b)), "dark after a reload");
    b.wait("[data-testid=table-summary]");
    assert_eq!(
        b.script("return document.querySelector('select[name=theme]').value"),
        "dark",
        "the menu shows the choice"
    );
    // Back to the system's: it follows the system again, either way.
    choose(&b, "select[name=theme]", "");
    assert!(!is_dark(&background(&b)), "the system's (light) again");
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    )
    .expect("emulate a dark system");
    assert!(is_dark(&background(&b)), "a dark system shows dark");
    choose(&b, "select[name=theme]", "light");
    assert!(!is_dark(&background(&b)), "light chosen on a dark system");
    assert_eq!(
        b.script("return localStorage.getItem('netbird-console.theme')"),
        "light"
    );
    assert!(b.uncaught_errors().is_empty(), "{:?}", b.uncaught_errors());
}

/// Text whose contrast with what is behind it is below WCAG AA: 4.5:1, or 3:1 for large text
/// (24 px, or 18.66 px bold). Disabled controls are exempt, as WCAG exempts them.
const LOW_CONTRAST: &str = r#"
const rgba = c => { const m = c.match(/[\d.]+/g) || [0, 0, 0, 0]; return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
const over = (top, below) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat([1]); };
const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
const behind = el => { const layers = []; for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
  let bg = [255, 255, 255, 1]; for (const l of layers.reverse()) bg = over(l, bg); return bg; };
const opacity = el => { let o = 1; for (let e = el; e; e = e.parentElement) o *= +getComputedStyle(e).opacity; return o; };
const low = [];
for (const el of document.querySelectorAll('body *')) {
  if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
  if (el.closest('[disabled], [aria-disabled=true], [aria-hidden=true], option, .splash')) continue;
  const s = getComputedStyle(el); const r = el.getBoundingClientRect();
  if (s.visibility !== 'visible' || r.width === 0 || r.height === 0) continue;
  const bg = behind(el); const fg = rgba(s.color); fg[3] *= opacity(el); const text = over(fg, bg);
  const [a, b] = [lum(text), lum(bg)]; const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(s.fontSize); const large = size >= 24 || (size >= 18.66 && +s.fontWeight >= 700);
  if (ratio < (large ? 3 : 4.5)) low.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)} (${s.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
}
return low;
"#;

#[test]
fn text_keeps_aa_contrast_on_every_page_in_both_themes() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    let mut low = Vec::new();
    on_every_page_in_both_themes(&b, &mock, |what| {
        for v in b.script(LOW_CONTRAST).as_array().into_iter().flatten() {
            low.push(format!("{what}: {v}"));
        }
    });
    b.screenshot("theme-light-routes-form");
    assert!(
        low.is_empty(),
        "text below AA contrast:\n{}",
        low.join("\n")
    );
}

/// Elements whose own text is wider than their box (clipped or spilling out), unless they cut
/// it with an ellipsis on purpose; and how far the page itself is wider than the window.
const OVERFLOW: &str = r#"
const out = [];
for (const el of document.querySelectorAll('body *')) {
  if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
  const s = getComputedStyle(el);
  if (s.display === 'inline' || s.textOverflow === 'ellipsis' || el.closest('[aria-hidden=true], option')) continue;
  if (el.getBoundingClientRect().width === 0) continue;
  if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 50)}": ${el.scrollWidth} > ${el.clientWidth}`);
}
const wide = document.documentElement.scrollWidth - innerWidth;
if (wide > 1) out.push(`the page is ${wide}px wider than the window`);
return out;
"#;

fn overflow_on_every_page(language: &str) {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    b.goto(&format!("{}/login", mock.url));
    b.script_with(
        "localStorage.setItem('netbird-console.lang', arguments[0]); return null",
        json!([language]),
    );
    sign_in(&b, &mock, &mock.token("owner"), "/login");
    b.wait("main.content h1");
    assert_eq!(
        b.script("return document.documentElement.lang"),
        language,
        "the console is shown in {language}"
    );
    let mut spilled = Vec::new();
    for path in pages(&mock) {
        open(&b, &path);
        for v in b.script(OVERFLOW).as_array().into_iter().flatten() {
            spilled.push(format!("{path}: {v}"));
        }
    }
    open(&b, "/routes/new");
    b.screenshot(&format!("{language}-routes-form"));
    assert!(
        spilled.is_empty(),
        "text outside its box in {language}:\n{}",
        spilled.join("\n")
    );
}

#[test]
fn every_page_in_german_keeps_its_text_in_its_boxes() {
    overflow_on_every_page("de");
}

#[test]
fn every_page_in_chinese_keeps_its_text_in_its_boxes() {
    overflow_on_every_page("zh-CN");
}

/// Table cells whose text is one short word (a peer's name, a group's, an address) but is drawn
/// on more than one line: "gw-ams-1" broken after its hyphen in a narrow column.
const BROKEN_WORDS: &str = r#"
const out = [];
for (const el of document.querySelectorAll('.table td > .cell')) {
  const text = el.textContent.trim();
  if (!text || text.length > 32 || /\s/.test(text)) continue;
  const range = document.createRange(); range.selectNodeContents(el);
  const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  if (lines.size > 1) out.push(`"${text}" on ${lines.size} lines`);
}
return out;
"#;

/// In a 1280 px window, where the routes' and groups' tables are wider than their box, each
/// column is as narrow as its content allows: a name is still drawn whole on one line.
#[test]
fn no_short_word_in_a_table_is_broken_across_lines() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in(&b, &mock, &mock.token("owner"), "/peers");
    let mut broken = Vec::new();
    let lists = [
        "/peers",
        "/groups",
        "/routes",
        "/policies",
        "/posture-checks",
        "/dns",
        "/setup-keys",
        "/users",
        "/events",
    ];
    for path in lists {
        open(&b, path);
        b.wait("tbody tr[data-id]");
        for v in b.script(BROKEN_WORDS).as_array().into_iter().flatten() {
            broken.push(format!("{path}: {v}"));
        }
    }
    assert!(
        broken.is_empty(),
        "words broken in their cells:\n{}",
        broken.join("\n")
    );
}

/// Elements that reach past the right edge of a narrow window, outside the tables (which scroll
/// sideways in their own box).
const PAST_THE_EDGE: &str = r#"
const out = [];
for (const el of document.querySelectorAll('body *')) {
  if (el.closest('.table-scroll, [aria-hidden=true]')) continue;
  const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
  if (r.width === 0 || s.visibility !== 'visible') continue;
  if (r.right > innerWidth + 1 || r.left < -1) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(r.left)}–${Math.round(r.right)}`);
}
const wide = document.documentElement.scrollWidth - innerWidth;
if (wide > 1) out.push(`the page is ${wide}px wider than the window`);
return out;
"#;

#[test]
fn on_a_375_px_screen_nothing_but_tables_reaches_past_the_edge() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": true}),
    )
    .expect("a phone-sized window");
    let mut past = Vec::new();
    let mut check = |what: &str| {
        for v in b.script(PAST_THE_EDGE).as_array().into_iter().flatten() {
            past.push(format!("{what}: {v}"));
        }
    };
    b.goto(&format!("{}/login", mock.url));
    b.wait("input[name=token]");
    check("/login");
    b.screenshot("small-login");
    sign_in_to(&b, &mock, "owner", "/peers");
    b.wait("[data-testid=table-summary]");
    assert_eq!(b.script("return innerWidth"), 375);
    // The sections fold into a menu: hidden until the menu button opens them.
    let nav_shown = || {
        b.script(
            "return document.querySelector('.sidebar__links').getBoundingClientRect().height > 0",
        )
    };
    assert_eq!(nav_shown(), false, "the sections are folded away");
    b.click(&b.wait("[data-testid=menu]"));
    assert_eq!(nav_shown(), true, "the menu button shows the sections");
    b.screenshot("small-menu");
    b.click(&b.wait(".sidebar__link[href$='/routes']"));
    b.wait_until("the routes list", || {
        b.current_url().ends_with("/routes").then_some(())
    });
    assert_eq!(
        nav_shown(),
        false,
        "choosing a section folds the menu again"
    );
    open(&b, "/peers");
    check("/peers");
    b.click(&b.wait("[data-testid=columns] summary"));
    b.wait(".columns__list input");
    check("/peers, its columns menu open");
    b.click(&b.wait("[data-testid=columns] summary"));
    // The table scrolls sideways in its own box, its first column kept in view.
    let kept = b.script(
        "const box = document.querySelector('.table-scroll'); box.scrollLeft = 400; \
         const cell = document.querySelector('tbody tr[data-id] td:nth-child(2)'); \
         const r = cell.getBoundingClientRect(), b = box.getBoundingClientRect(); \
         return [box.scrollWidth > box.clientWidth, box.scrollLeft > 0, r.left >= b.left - 1 && r.left < b.left + 80]",
    );
    assert_eq!(
        kept,
        json!([true, true, true]),
        "the table scrolls, its name column stays"
    );
    b.screenshot("small-peers");
    open(&b, "/routes/new");
    check("/routes/new");
    b.screenshot("small-route-form");
    assert!(
        past.is_empty(),
        "past the edge at 375 px:\n{}",
        past.join("\n")
    );
}

/// Whether the list's table fits its box (no sideways scrolling).
const TABLE_FITS: &str = "const box = document.querySelector('.table-scroll'); \
    return box.scrollWidth <= box.clientWidth + 1";

/// The header cells drawn, and how many cells the first row draws.
const DRAWN: &str = "const shown = el => el.getBoundingClientRect().width > 0; \
    return [[...document.querySelectorAll('thead th')].filter(shown).map(th => th.textContent.trim()), \
    [...document.querySelector('tbody tr[data-id]').children].filter(shown).length]";

/// In a 1280 px window the routes table is wider than its box. Hiding two of its columns
/// from "Columns" makes it fit, header and cells alike; they stay hidden on the next visit, and
/// showing one again brings it back.
#[test]
fn columns_hidden_from_a_table_make_it_fit_and_stay_hidden() {
    let mock = Mock::shared(&[]);
    let b = Browser::start();
    sign_in_to(&b, &mock, "owner", "/routes");
    b.wait("tbody tr[data-id]");
    assert_eq!(
        b.script(TABLE_FITS),
        false,
        "the routes table is wider than its box"
    );
    let before = b.script(DRAWN);
    b.click(&b.wait("[data-testid=columns] summary"));
    for key in ["masquerade", "acl"] {
        b.click(&b.wait(&format!("[data-testid=columns] input[value={key}]")));
    }
    b.wait_until("the table fitting", || {
        (b.script(TABLE_FITS) == json!(true)).then_some(())
    });
    b.screenshot("columns-hidden");
    let drawn = b.script(DRAWN);
    let headers: Vec<String> = serde_json::from_value(drawn[0].clone()).unwrap();
    assert!(
        !headers
            .iter()
            .any(|h| h == "Masquerade" || h == "Access control groups"),
        "{headers:?}"
    );
    assert_eq!(
        drawn[0].as_array().unwrap().len() + 2,
        before[0].as_array().unwrap().len()
    );
    assert_eq!(
        drawn[1].as_u64().unwrap() + 2,
        before[1].as_u64().unwrap(),
        "a row's cells are hidden with their headers"
    );
    open(&b, "/peers");
    open(&b, "/routes");
    b.wait("tbody tr[data-id]");
    assert_eq!(b.script(DRAWN), drawn, "hidden again on the next visit");
    b.click(&b.wait("[data-testid=columns] summary"));
    b.click(&b.wait("[data-testid=columns] input[value=acl]"));
    // Escape closes the menu, the focus back on its button.
    b.press(&["\u{E00C}"]);
    assert_eq!(
        b.script(
            "const menu = document.querySelector('[data-testid=columns]'); \
             return [menu.open, document.activeElement === menu.querySelector('summary')]"
        ),
        json!([false, true])
    );
    b.wait_until("the column shown again", || {
        b.script(DRAWN)[0]
            .as_array()
            .is_some_and(|h| h.iter().any(|h| h == "Access control groups"))
            .then_some(())
    });
}
