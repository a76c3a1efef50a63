//! Component tests in headless Chromium (wasm-bindgen-test). Run with
//! `cargo test --target wasm32-unknown-unknown -p netbird-console`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use netbird_console::base::error::ApiError;
use netbird_console::base::listing::{Cell, Column, Filter, Row, Tone};
use netbird_console::ui::kit::components::{ErrorNotice, ShortList, SHORT_LIST};
use netbird_console::ui::kit::table::{DataTable, TableRows};
use netbird_console::ui::router::Router;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod support;
use support::{container, q, tick};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn error_notice_renders_server_text_as_text() {
    let root = container();
    let hostile = ApiError::from_status(
        422,
        r#"{"message":"<img src=x onerror=alert(1)><b>bold</b>","code":422}"#,
    );
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ErrorNotice error=hostile.clone()/> },
    );
    tick().await;
    assert!(
        q(&root, "img").is_none(),
        "server text must not become HTML"
    );
    assert!(q(&root, "b").is_none());
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("The server refused the input"));
    // A validation error cannot be fixed by retrying: no retry button.
    assert!(q(&root, "button").is_none());
}

#[wasm_bindgen_test]
async fn error_notice_offers_retry_for_transient_failures() {
    let root = container();
    let clicked = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ErrorNotice error=ApiError::Network retry=Callback::new(move |_| clicked.update(|n| *n += 1))/> }
    });
    tick().await;
    let button: web_sys::HtmlElement = q(&root, "button").expect("retry button").unchecked_into();
    button.click();
    tick().await;
    assert_eq!(clicked.get_untracked(), 1);
}

/// The lines of a list in `root`, as text.
fn lines(root: &web_sys::HtmlElement) -> Vec<String> {
    let all = root
        .query_selector_all("ul.plain-list > li")
        .expect("selector");
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// A `ShortList` of `n` lines ("line 0"…) mounted and drawn: its root, and what keeps it
/// mounted.
async fn short_list_of(n: usize) -> (web_sys::HtmlElement, impl Sized) {
    let root = container();
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        let lines = (0..n)
            .map(|i| view! { <li>{format!("line {i}")}</li> }.into_any())
            .collect();
        view! { <ShortList lines/> }
    });
    tick().await;
    (root, mounted)
}

#[wasm_bindgen_test]
async fn a_short_list_shows_its_first_lines_and_the_rest_when_asked() {
    let n = SHORT_LIST + 5;
    let (root, _mounted) = short_list_of(n).await;
    let shown = lines(&root);
    assert_eq!(shown.len(), SHORT_LIST);
    assert_eq!(shown[SHORT_LIST - 1], format!("line {}", SHORT_LIST - 1));
    let button: web_sys::HtmlElement = q(&root, "[data-testid=show-all]")
        .expect("a button for the rest")
        .unchecked_into();
    assert_eq!(
        button.text_content().unwrap_or_default(),
        format!("Show all {n}")
    );
    button.click();
    tick().await;
    let shown = lines(&root);
    assert_eq!(shown.len(), n, "every line once asked: {shown:?}");
    assert!(
        shown
            .iter()
            .enumerate()
            .all(|(i, l)| *l == format!("line {i}")),
        "in order: {shown:?}"
    );
    assert!(
        q(&root, "[data-testid=show-all]").is_none(),
        "the button goes once all are shown"
    );
}

/// Waits for the next animation frame (and the task after it).
async fn frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    tick().await;
}

/// The text of the focused element, and whether it is a link.
fn focused() -> (String, bool) {
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .expect("something focused");
    (
        active.text_content().unwrap_or_default(),
        active.tag_name() == "A",
    )
}

#[wasm_bindgen_test]
async fn showing_the_rest_of_a_short_list_focuses_the_first_line_it_brought_in() {
    // Plain lines: the line itself takes the focus.
    let (root, _mounted) = short_list_of(SHORT_LIST + 3).await;
    let button: web_sys::HtmlElement = q(&root, "[data-testid=show-all]").unwrap().unchecked_into();
    button.focus().unwrap();
    button.click();
    frame().await;
    assert_eq!(focused(), (format!("line {SHORT_LIST}"), false));
    // Lines of links: the link in that line.
    let root = container();
    let _links = leptos::mount::mount_to(root.clone(), move || {
        let lines = (0..SHORT_LIST + 3)
            .map(|i| {
                view! { <li>"via "<a href=format!("/routes/{i}")>{format!("route {i}")}</a></li> }
                    .into_any()
            })
            .collect();
        view! { <ShortList lines/> }
    });
    tick().await;
    let button: web_sys::HtmlElement = q(&root, "[data-testid=show-all]").unwrap().unchecked_into();
    button.click();
    frame().await;
    assert_eq!(focused(), (format!("route {SHORT_LIST}"), true));
}

#[wasm_bindgen_test]
async fn a_short_list_of_few_lines_shows_them_all_without_a_button() {
    let (root, _mounted) = short_list_of(SHORT_LIST).await;
    assert_eq!(lines(&root).len(), SHORT_LIST);
    assert!(q(&root, "[data-testid=show-all]").is_none());
}

const COLS: &[Column] = &[Column::new("name", "Name"), Column::numeric("n", "Number")];

fn rows(n: usize) -> Vec<Row> {
    (0..n)
        .map(|i| {
            Row::new(
                format!("id-{i}"),
                vec![
                    Cell::text(format!("peer-{i:03}")),
                    Cell::num(i as i64, i.to_string()).badge(Tone::Info),
                ],
                &[],
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn data_table_pages_and_counts() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><DataTable columns=COLS rows=TableRows::from(rows(60)) noun="peer"/></Router> }
    });
    tick().await;
    let body_rows = root.query_selector_all("tbody tr").unwrap().length();
    assert_eq!(body_rows, 25, "default page size");
    let summary = q(&root, "[data-testid=table-summary]")
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert_eq!(summary, "Showing 1–25 of 60 peers");
    // Three pages, the first current, next is a real link with the page in its query.
    let current = q(&root, ".pager__page[aria-current=page]").unwrap();
    assert_eq!(current.text_content().unwrap_or_default(), "1");
    let next = q(&root, "a[aria-label='Next page']").unwrap();
    assert!(next
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?page=2"));
    // Sort headers are links that toggle the direction.
    let sort = q(&root, "th a").unwrap();
    assert!(sort
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?sort=name"));
}

#[wasm_bindgen_test]
async fn a_filter_with_many_options_builds_them_once_it_is_used_and_keeps_its_choice() {
    // A view shared with its filter chosen (the URL's query), as a link would open it.
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let before = window.location().href().unwrap();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some("?via=v-150"))
        .unwrap();
    let root = container();
    let filters = vec![
        Filter {
            key: "via",
            label: "Via",
            options: (0..200)
                .map(|i| (format!("v-{i}"), format!("<b>peer {i}</b>")))
                .collect(),
        },
        Filter {
            key: "kind",
            label: "Kind",
            options: vec![("a".into(), "A".into()), ("b".into(), "B".into())],
        },
    ];
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><DataTable columns=COLS rows=TableRows::from(rows(3)) filters=filters.clone() noun="peer"/></Router> }
    });
    tick().await;
    let options = |name: &str| {
        root.query_selector_all(&format!("select[name={name}] option"))
            .unwrap()
            .length()
    };
    let value = |name: &str| {
        let select = q(&root, &format!("select[name={name}]")).expect("the filter");
        js_sys::Reflect::get(&select, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    // A short list is there from the start.
    assert_eq!(options("kind"), 3);
    // A long one holds "all" and the chosen option, shown chosen, until it is used.
    assert_eq!(options("via"), 2);
    assert_eq!(value("via"), "v-150");
    let via = q(&root, "select[name=via]").unwrap();
    assert!(via.class_list().contains("select--many"));
    via.dispatch_event(&web_sys::Event::new("focus").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(options("via"), 201);
    assert_eq!(
        value("via"),
        "v-150",
        "the choice survives the options arriving"
    );
    // Labels are text, as everywhere.
    assert!(q(&root, "select b").is_none());
    let first = q(&root, "select[name=via] option[value=v-0]").expect("every option");
    assert_eq!(first.text_content().as_deref(), Some("<b>peer 0</b>"));
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&before))
        .unwrap();
}

#[wasm_bindgen_test]
async fn data_table_renders_cells_as_text_and_empty_state() {
    let root = container();
    let hostile = vec![Row::new(
        "x",
        vec![
            Cell::text("<script>window.__pwned=1</script>"),
            Cell::num(1, "1"),
        ],
        &[],
    )];
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><DataTable columns=COLS rows=TableRows::from(hostile.clone()) noun="route"/></Router> }
    });
    tick().await;
    assert!(q(&root, "tbody script").is_none());
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("<script>window.__pwned=1</script>"));

    let empty_root = container();
    let _empty = leptos::mount::mount_to(empty_root.clone(), move || {
        view! { <Router><DataTable columns=COLS rows=TableRows::from(Vec::new()) noun="policy"/></Router> }
    });
    tick().await;
    let empty = q(&empty_root, "[data-testid=table-empty]").expect("empty state");
    assert_eq!(empty.text_content().unwrap_or_default(), "No policies yet.");
}

#[wasm_bindgen_test]
async fn data_table_shows_the_first_page_before_the_rest_arrives() {
    let root = container();
    let shown = RwSignal::new(TableRows::head(rows(25)));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><DataTable columns=COLS rows=shown noun="peer"/></Router> }
    });
    tick().await;
    let summary = || {
        q(&root, "[data-testid=table-summary]")
            .unwrap()
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(summary(), "Showing 1–25 · loading the rest…");
    let card = q(&root, ".table-card").expect("the table");
    assert_eq!(card.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 25);
    let first = q(&root, "tbody tr").expect("a first row");
    // No page 2 to go to yet.
    let next = q(&root, "a[aria-label='Next page']").unwrap();
    assert_eq!(next.get_attribute("href"), None);

    shown.set(TableRows::from(rows(60)));
    tick().await;
    assert_eq!(summary(), "Showing 1–25 of 60 peers");
    assert_eq!(card.get_attribute("aria-busy"), None);
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 25);
    let next = q(&root, "a[aria-label='Next page']").unwrap();
    assert!(next
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?page=2"));
    // The rows already shown stay as they are: the same DOM node, not rendered again.
    assert!(first.is_same_node(q(&root, "tbody tr").as_ref().map(|e| e.as_ref())));
}

#[wasm_bindgen_test]
async fn rows_built_again_under_the_same_ids_are_drawn_anew_and_filters_follow_their_options() {
    let root = container();
    // Names still arriving: the second cell says so.
    let named = |name: &str| -> Vec<Row> {
        (0..3)
            .map(|i| {
                Row::new(
                    format!("id-{i}"),
                    vec![Cell::text(format!("route-{i}")), Cell::text(name)],
                    &[],
                )
                .facet("via", "p1")
            })
            .collect()
    };
    let shown = RwSignal::new(TableRows::from(named("Loading…")));
    let filters = RwSignal::new(vec![Filter {
        key: "via",
        label: "Routed by",
        options: vec![("p1".into(), "Loading…".into())],
    }]);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><DataTable columns=COLS rows=shown filters noun="route"/></Router> }
    });
    tick().await;
    let text = |css: &str| {
        q(&root, css)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert!(text("tbody tr").contains("Loading…"));
    assert_eq!(text("select[name=via] option[value=p1]"), "Loading…");

    shown.set(TableRows {
        edition: 1,
        ..TableRows::from(named("gateway"))
    });
    filters.set(vec![Filter {
        key: "via",
        label: "Routed by",
        options: vec![("p1".into(), "gateway".into())],
    }]);
    tick().await;
    let first = text("tbody tr");
    assert!(
        first.contains("gateway") && !first.contains("Loading…"),
        "{first}"
    );
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 3);
    assert_eq!(text("select[name=via] option[value=p1]"), "gateway");
}

#[wasm_bindgen_test]
async fn a_task_is_pending_while_it_runs_and_does_nothing_once_its_scope_is_gone() {
    use netbird_console::ui::kit::task::Task;
    use std::cell::Cell;
    use std::rc::Rc;
    let owner = Owner::new();
    let task = owner.with(Task::new);
    let pending = task.pending();
    let (release, released) = futures_channel();
    let ran = Rc::new(Cell::new(0));
    let counted = ran.clone();
    task.run(async move {
        released.await;
        counted.set(counted.get() + 1);
    });
    tick().await;
    assert!(pending.get_untracked(), "pending while the work waits");
    release();
    tick().await;
    assert_eq!(ran.get(), 1);
    assert!(!pending.get_untracked(), "not pending once it is done");
    // Its page is gone: a late click neither runs the work nor panics.
    owner.cleanup();
    let counted = ran.clone();
    task.run(async move { counted.set(counted.get() + 1) });
    tick().await;
    assert_eq!(ran.get(), 1);
}

/// A future that completes once the returned function is called.
fn futures_channel() -> (impl FnOnce(), impl std::future::Future<Output = ()>) {
    let resolve = std::rc::Rc::new(std::cell::RefCell::new(None::<js_sys::Function>));
    let keep = resolve.clone();
    let promise = js_sys::Promise::new(&mut |res, _| *keep.borrow_mut() = Some(res));
    let release = move || {
        if let Some(f) = resolve.borrow_mut().take() {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    };
    (release, async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    })
}

#[wasm_bindgen_test]
async fn a_resource_keeps_only_its_latest_run_and_cleans_up_each_run() {
    use netbird_console::ui::api::resource;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    // Mounting starts Leptos' executor, which effects need.
    let _mounted = leptos::mount::mount_to(container(), || ());
    let owner = Owner::new();
    let runs = Rc::new(Cell::new(0));
    // What a run registers with `on_cleanup` (as `api` does to abort its GETs) must be called
    // when the next run starts and when the page goes away.
    let cleaned = Arc::new(AtomicUsize::new(0));
    let (release_first, first) = futures_channel();
    let first = Rc::new(RefCell::new(Some(Box::pin(first))));
    let (counted, cleanups) = (runs.clone(), cleaned.clone());
    let res = owner.with(|| {
        resource(move || {
            let run = counted.get() + 1;
            counted.set(run);
            let cleanups = cleanups.clone();
            on_cleanup(move || {
                cleanups.fetch_add(1, Ordering::SeqCst);
            });
            let wait = first.borrow_mut().take();
            async move {
                if let Some(wait) = wait {
                    wait.await;
                }
                run
            }
        })
    });
    tick().await;
    assert_eq!((runs.get(), res.get()), (1, None), "the first run waits");
    res.refetch();
    tick().await;
    assert_eq!((runs.get(), res.get()), (2, Some(2)));
    assert_eq!(
        cleaned.load(Ordering::SeqCst),
        1,
        "the first run was cleaned up"
    );
    // The first run ends late: its value must not replace the latest.
    release_first();
    tick().await;
    assert_eq!(res.get(), Some(2));
    owner.cleanup();
    tick().await;
    assert_eq!(
        cleaned.load(Ordering::SeqCst),
        2,
        "the last run was cleaned up"
    );
}

#[wasm_bindgen_test]
async fn a_chart_draws_svg_links_with_its_numbers_as_text() {
    use netbird_console::resources::network::glance::Part;
    use netbird_console::ui::pages::network::glance::Bars;
    let root = container();
    let parts = vec![
        Part {
            label: "<b>Online</b>".into(),
            value: 37,
            href: "/peers?q=status%3Aonline".into(),
            marked: false,
        },
        Part {
            label: "Offline".into(),
            value: 1300,
            href: "/peers?q=status%3Aoffline".into(),
            marked: true,
        },
    ];
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><Bars title="Peers online".to_string() parts=parts.clone() testid="chart-test"/></Router> }
    });
    tick().await;
    let links = root.query_selector_all("svg a").unwrap();
    assert_eq!(links.length(), 2);
    for i in 0..links.length() {
        let link: web_sys::Element = links.item(i).unwrap().unchecked_into();
        // An SVG link, not an HTML one inside the SVG (which draws nothing).
        assert_eq!(
            link.namespace_uri().as_deref(),
            Some("http://www.w3.org/2000/svg")
        );
        assert!(link
            .get_attribute("href")
            .unwrap_or_default()
            .starts_with("/peers?q=status"));
    }
    assert!(
        q(&root, "svg rect.chart__bar--marked").is_some(),
        "offline is marked"
    );
    assert!(q(&root, "b").is_none(), "labels are text");
    // Each link is named with its label and number: the chart's text equivalent.
    let names: Vec<String> = (0..links.length())
        .map(|i| {
            let link: web_sys::Element = links.item(i).unwrap().unchecked_into();
            link.get_attribute("aria-label").unwrap_or_default()
        })
        .collect();
    assert_eq!(names, ["<b>Online</b> 37", "Offline 1,300"]);
}

/// A body delivered in these chunks, as a server's answer arrives: every chunk at once (the
/// reader finds each next one already in), or `slowly`, one per task (it waits for each).
fn body_arriving(chunks: &[&str], slowly: bool) -> netbird_console::ui::api::Body {
    let make = js_sys::Function::new_with_args(
        "chunks, slowly",
        "const bytes = chunks.map(x => new TextEncoder().encode(x));
         if (!slowly) return new ReadableStream({ start(c) { for (const x of bytes) c.enqueue(x); c.close(); } });
         let i = 0;
         return new ReadableStream({ pull(c) { return new Promise(done => setTimeout(() => {
           if (i < bytes.length) c.enqueue(bytes[i++]); else c.close();
           globalThis.__chunksDelivered = i;
           done();
         }, 0)); } }, { highWaterMark: 0 });",
    );
    let chunks: js_sys::Array = chunks.iter().map(|c| JsValue::from_str(c)).collect();
    let stream = make
        .call2(&JsValue::NULL, &chunks, &JsValue::from_bool(slowly))
        .expect("a stream")
        .unchecked_into::<web_sys::ReadableStream>();
    netbird_console::ui::api::Body::of_stream(Some(stream), 0)
}

#[wasm_bindgen_test]
async fn a_list_decoded_as_it_arrives_is_what_the_whole_body_holds() {
    use netbird_console::base::json;
    let body = r#" [ {"id":"a","n":[1,{"x":"],"}]} , {"id":"b\u00e9"},12345,"s,]", null ] "#;
    let whole: Vec<serde_json::Value> = json::decode(body.as_bytes()).expect("valid");
    // Cut everywhere: inside strings, numbers, escapes and between elements.
    for (step, slowly) in [(1, false), (2, true), (3, false), (7, true), (64, false)] {
        let chunks: Vec<&str> = (0..body.len())
            .step_by(step)
            .map(|i| &body[i..(i + step).min(body.len())])
            .collect();
        let got = body_arriving(&chunks, slowly)
            .array_of(&|v: serde_json::Value| v)
            .await
            .expect("decoded");
        assert_eq!(got, whole, "chunks of {step}, slowly: {slowly}");
    }
    // Elements are handed out while the next chunk is awaited, not only at the end.
    let handed = std::cell::RefCell::new(Vec::new());
    let chunks = [r#"[{"id":"a"},"#, r#"{"id":"b"},"#, r#"{"id":"c"}]"#];
    let mut body = body_arriving(&chunks, true);
    assert!(body.read_more().await.expect("a chunk"));
    let got = body
        .array_of(&|v: serde_json::Value| {
            let delivered =
                js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__chunksDelivered"))
                    .ok()
                    .and_then(|d| d.as_f64())
                    .unwrap_or(f64::NAN);
            let id = v["id"].as_str().unwrap_or("?").to_string();
            handed.borrow_mut().push((id, delivered));
            v
        })
        .await
        .expect("decoded");
    assert_eq!(got.len(), 3);
    let handed = handed.into_inner();
    let order: Vec<&str> = handed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(order, ["a", "b", "c"]);
    assert!(
        handed[0].1 < 3.0, // NaN (not recorded) fails too
        "the first element waited for the whole body: {handed:?}"
    );
    // `null` is no element; an empty array none either.
    for none in ["null", " [ ] "] {
        let got = body_arriving(&[none], false)
            .array_of(&|v: serde_json::Value| v)
            .await
            .expect("decoded");
        assert!(got.is_empty(), "{none}");
    }
}

#[wasm_bindgen_test]
async fn a_list_read_on_after_its_first_elements_hands_out_each_of_the_others_once() {
    use netbird_console::base::json;
    let body = r#"[{"id":"a"},{"id":"b,]"},{"id":"c"},{"id":"d"}]"#;
    let whole: Vec<serde_json::Value> = json::decode(body.as_bytes()).expect("valid");
    for skip in 0..=whole.len() + 1 {
        for (step, slowly) in [(1, true), (5, false), (body.len(), false)] {
            let chunks: Vec<&str> = (0..body.len())
                .step_by(step)
                .map(|i| &body[i..(i + step).min(body.len())])
                .collect();
            let mut got = Vec::new();
            body_arriving(&chunks, slowly)
                .each_of(skip, &mut |v: serde_json::Value| got.push(v))
                .await
                .expect("decoded");
            assert_eq!(
                got,
                whole[skip.min(whole.len())..],
                "skip {skip}, chunks of {step}"
            );
        }
    }
    // What breaks after the skipped elements is still found, where reading it whole finds it.
    let broken = r#"[{"id":"a"},{"id":"b"},{"id":"c"]"#;
    let at_whole = json::decode::<Vec<serde_json::Value>>(broken.as_bytes())
        .expect_err("invalid")
        .at;
    let got = body_arriving(&[broken], false)
        .each_of(2, &mut |_: serde_json::Value| ())
        .await
        .expect_err("an error");
    assert!(
        matches!(&got, ApiError::Decode(d) if d.ends_with(&format!("at byte {at_whole}"))),
        "{got:?}"
    );
}

#[wasm_bindgen_test]
async fn a_list_that_breaks_as_it_arrives_gets_the_error_of_the_whole_body() {
    use netbird_console::base::json;
    use netbird_console::resources::PeerMinimum;
    // The error reading the body whole gives, or (where the array itself breaks, between
    // elements) one at the same byte.
    for (body, step, same_words) in [
        (r#"[{"id":"a","name":"x"},{"id":"b","name":"y"}"#, 3, true), // cut short
        (r#"[{"id":"a","name":"x"},]"#, 4, false),                    // a trailing comma
        (r#"[{"id":"a","name":"x"}]x"#, 5, true),                     // something after it
        (r#"[{"id":"a","name":"x"},{"id":1,"name":"y"}]"#, 2, true), // an element of the wrong type
        (r#"{"id":"a","name":"x"}"#, 3, true),                       // not an array
        ("[1,\n2]", 1, true),                                        // no objects
    ] {
        let chunks: Vec<&str> = (0..body.len())
            .step_by(step)
            .map(|i| &body[i..(i + step).min(body.len())])
            .collect();
        let whole = json::decode::<Vec<PeerMinimum>>(body.as_bytes()).expect_err("invalid");
        let got = body_arriving(&chunks, step % 2 == 0)
            .array_of(&|p: PeerMinimum| p)
            .await
            .expect_err("an error");
        if same_words {
            assert_eq!(got, ApiError::from(whole), "{body}");
        } else {
            let at = format!("at byte {}", whole.at);
            assert!(
                matches!(&got, ApiError::Decode(d) if d.ends_with(&at)),
                "{body}: {got:?}, reading it whole: {whole}"
            );
        }
    }
}

/// A list's `enabled` column drawn as switches (`RowSwitches`): each shows what the list holds
/// and a click asks its page to write the other state; while the write is under way the switch
/// takes no click and keeps the focus; the saved row then moves the switch without drawing its
/// row anew, and what the list holds is that row; a write that fails leaves the switch where it
/// was and says why above the list.
#[wasm_bindgen_test]
async fn the_enabled_column_is_a_switch_over_what_the_list_holds() {
    use netbird_console::ui::kit::row_actions::{RowSwitches, RowWrite};
    use std::cell::RefCell;
    use std::rc::Rc;
    const SWITCHED: &[Column] = &[
        Column::new("name", "Name"),
        Column::new("enabled", "Enabled"),
    ];
    let row = |id: &str, on: bool| {
        let text = if on { "Enabled" } else { "Disabled" };
        Row::new(id, vec![Cell::text(id), Cell::text(text)], &[])
            .facet("enabled", if on { "yes" } else { "no" })
    };
    let root = container();
    let rows = RwSignal::new(TableRows::from(vec![row("a", true), row("b", false)]));
    let asked = RwSignal::new(Vec::<(String, bool)>::new());
    // Each write waits until the test lets it finish; "b" is refused.
    let releases = Rc::new(RefCell::new(Vec::new()));
    let held = releases.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let switches = RowSwitches::new();
        let held = held.clone();
        let write = UnsyncCallback::new(move |(id, on): (String, bool)| -> RowWrite {
            asked.update(|a| a.push((id.clone(), on)));
            let (release, done) = futures_channel();
            held.borrow_mut()
                .push(Box::new(release) as Box<dyn FnOnce()>);
            Box::pin(async move {
                done.await;
                if id == "b" {
                    return Err(ApiError::Forbidden("no change to b".into()));
                }
                Ok(Some(row(&id, on)))
            })
        });
        let cells = switches.cells(SWITCHED, rows, Signal::derive(|| false), write);
        view! {
            <Router>
                {switches.failure()}
                <DataTable columns=SWITCHED rows noun="policy" cell_view=cells/>
            </Router>
        }
    });
    tick().await;
    let release_next = || {
        let release = releases.borrow_mut().remove(0);
        release();
    };
    let switch = |id: &str| -> web_sys::HtmlInputElement {
        q(
            &root,
            &format!("tr[data-id={id}] td:nth-child(2) input[role=switch]"),
        )
        .unwrap_or_else(|| panic!("the switch of {id} in its Enabled cell"))
        .unchecked_into()
    };
    assert!(switch("a").checked() && !switch("b").checked());
    assert_eq!(
        switch("a").get_attribute("aria-label").as_deref(),
        Some("Enable a")
    );
    // A click asks; while the write is under way the switch stays where the list says, takes
    // no click and keeps the focus.
    let a = switch("a");
    a.focus().unwrap();
    a.click();
    tick().await;
    assert_eq!(asked.get_untracked(), vec![("a".to_string(), false)]);
    assert!(a.checked());
    assert_eq!(a.get_attribute("aria-disabled").as_deref(), Some("true"));
    assert!(!a.disabled());
    a.click();
    tick().await;
    assert_eq!(asked.get_untracked().len(), 1, "a click taken while busy");
    // Saved: the saved row moves the same switch, still focused, and the list holds it.
    release_next();
    tick().await;
    tick().await;
    assert!(switch("a").is_same_node(Some(&a)), "the row was drawn anew");
    assert!(!a.checked());
    assert_eq!(a.get_attribute("aria-disabled"), None);
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    assert!(focused.is_some_and(|f| f.is_same_node(Some(&a))));
    assert_eq!(
        rows.with_untracked(|r| r.rows[0].facets.clone()),
        row("a", false).facets
    );
    assert!(q(&root, "[data-testid=row-action-failure] [role=alert]").is_none());
    // Refused: the switch stays off, free again, and the failure is shown.
    switch("b").click();
    tick().await;
    release_next();
    tick().await;
    tick().await;
    assert!(!switch("b").checked());
    assert_eq!(switch("b").get_attribute("aria-disabled"), None);
    let alert = q(&root, "[data-testid=row-action-failure] [role=alert]")
        .expect("the refusal shown above the list");
    assert!(
        alert
            .text_content()
            .unwrap_or_default()
            .contains("no change to b"),
        "{:?}",
        alert.text_content()
    );
}
