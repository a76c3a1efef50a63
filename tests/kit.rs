//! Component tests of the shared kit in headless Chromium (wasm-bindgen-test), with fixture data:
//! the form's field state and controls, the stale-edit panel, the confirmation dialog, bulk work.
//! Run with `cargo test --target wasm32-unknown-unknown -p netbird-console`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use netbird_console::base::error::ApiError;
use netbird_console::base::field_errors::FieldErrors;
use netbird_console::base::listing::{Cell as TableCell, Row};
use netbird_console::base::stale::Difference;
use netbird_console::ui::kit::bulk::{
    per_row, Bulk, BulkItem, BulkReport, BulkSelection, Chosen, ProposalDialog, Wording, IN_FLIGHT,
};
use netbird_console::ui::kit::controls::TextField;
use netbird_console::ui::kit::dialog::ConfirmDialog;
use netbird_console::ui::kit::form::{Form, StalePanel};
use netbird_console::ui::kit::list::once_painted;
use netbird_console::ui::kit::table::TableRows;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;
use support::{container, q, tick};

wasm_bindgen_test_configure!(run_in_browser);

fn click(root: &web_sys::HtmlElement, css: &str) {
    let e: web_sys::HtmlElement = q(root, css)
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into();
    e.click();
}

/// Sets an input's value and fires `event` on it, as a browser (or autofill) would.
fn fire(input: &web_sys::Element, value: &str, event: &str) {
    input
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value(value);
    input
        .dispatch_event(&web_sys::Event::new(event).unwrap())
        .unwrap();
}

/// A one-field form: `name` must not be empty.
#[component]
fn NameForm(form_out: RwSignal<Option<Form>>, value: RwSignal<String>) -> impl IntoView {
    let errors = Signal::derive(move || {
        let mut e = FieldErrors::default();
        if value.with(|v| v.trim().is_empty()) {
            e.insert("name", "Enter a name");
        }
        e
    });
    let form = Form::new("thing", errors);
    form_out.set(Some(form));
    view! {
        <TextField name="name" label="Name" value=value.into()
            on_input=Callback::new(move |v| { value.set(v); form.edited("name"); })
            on_blur=form.touch("name") error=form.error_of("name")/>
    }
}

#[wasm_bindgen_test]
async fn a_field_error_shows_after_leaving_it_or_on_submit_and_a_server_error_lands_at_its_field() {
    let root = container();
    let form = RwSignal::new(None::<Form>);
    let value = RwSignal::new(String::new());
    let _m = leptos::mount::mount_to(
        root.clone(),
        move || view! { <NameForm form_out=form value/> },
    );
    tick().await;
    let form = form.get_untracked().expect("form made");
    assert!(
        q(&root, "[data-testid=error-name]").is_none(),
        "not before leaving the field"
    );
    // Leaving the field shows its error, linked to the control.
    let input = q(&root, "input[name=name]").unwrap();
    input
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
    tick().await;
    let message = q(&root, "[data-testid=error-name]").expect("shown after blur");
    assert_eq!(message.text_content().unwrap_or_default(), "Enter a name");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby"), Some(message.id()));
    assert!(!form.submit(), "an invalid form is not sent");
    assert!(form.blocked().get_untracked());
    // Typing fixes it.
    fire(&input, "office", "input");
    tick().await;
    assert!(q(&root, "[data-testid=error-name]").is_none());
    assert!(form.submit());
    // The server refuses: its message lands at the field its text names; editing clears it.
    form.failed(
        ApiError::Validation("name office already exists".into()),
        |m| m.starts_with("name").then_some("name"),
    );
    tick().await;
    let message = q(&root, "[data-testid=error-name]").expect("server error at the field");
    assert!(message
        .text_content()
        .unwrap_or_default()
        .contains("already exists"));
    assert_eq!(value.get_untracked(), "office", "nothing typed is lost");
    fire(&input, "office-2", "input");
    tick().await;
    assert!(q(&root, "[data-testid=error-name]").is_none());
}

#[wasm_bindgen_test]
async fn controls_take_change_events_and_ids_are_unique_per_form() {
    let root = container();
    let (a, b) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (fa, fb) = (RwSignal::new(None), RwSignal::new(None));
    let _m = leptos::mount::mount_to(root.clone(), move || {
        view! { <NameForm form_out=fa value=a/> <NameForm form_out=fb value=b/> }
    });
    tick().await;
    let inputs = root.query_selector_all("input[name=name]").unwrap();
    assert_eq!(inputs.length(), 2);
    let first: web_sys::Element = inputs.get(0).unwrap().unchecked_into();
    let second: web_sys::Element = inputs.get(1).unwrap().unchecked_into();
    assert_ne!(
        first.id(),
        second.id(),
        "two forms on one page never collide"
    );
    let label = q(&root, "label.field__label").unwrap();
    assert_eq!(label.get_attribute("for"), Some(first.id()));
    // A value set by autofill arrives as `change` only.
    fire(&second, "filled", "change");
    tick().await;
    assert_eq!(b.get_untracked(), "filled");
    assert_eq!(a.get_untracked(), "");
}

#[wasm_bindgen_test]
async fn the_stale_edit_panel_shows_both_versions_and_each_way_out() {
    let root = container();
    let chosen = RwSignal::new(Vec::<&'static str>::new());
    let differences = vec![
        Difference {
            field: "metric",
            label: "Metric",
            server: "200".into(),
            mine: "100".into(),
            changed_on_server: true,
            changed_by_me: false,
        },
        Difference {
            field: "description",
            label: "Description",
            server: "theirs".into(),
            mine: "<b>mine</b>".into(),
            changed_on_server: true,
            changed_by_me: true,
        },
    ];
    let _m = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <StalePanel title="It changed".to_string() message="Choose".to_string() differences=differences.clone()
                on_combine=Callback::new(move |_| chosen.update(|c| c.push("combine")))
                on_overwrite=Callback::new(move |_| chosen.update(|c| c.push("overwrite")))
                on_discard=Callback::new(move |_| chosen.update(|c| c.push("discard")))/>
        }
    });
    tick().await;
    let conflict = q(&root, "tr[data-field=description]").expect("row per field");
    assert!(conflict.class_name().contains("diff__conflict"));
    assert!(
        q(&root, "tr[data-field=description] b").is_none(),
        "values are text"
    );
    assert!(q(&root, "tr[data-field=metric]")
        .unwrap()
        .text_content()
        .unwrap_or_default()
        .contains("changed on the server"));
    click(&root, "[data-testid=stale-combine]");
    click(&root, "[data-testid=stale-overwrite]");
    click(&root, "[data-testid=stale-theirs]");
    tick().await;
    assert_eq!(chosen.get_untracked(), ["combine", "overwrite", "discard"]);
}

#[wasm_bindgen_test]
async fn the_confirmation_is_a_modal_dialog_that_escape_cancels() {
    let root = container();
    let outcome = RwSignal::new(Vec::<&'static str>::new());
    let open = RwSignal::new(true);
    let _m = leptos::mount::mount_to(root.clone(), move || {
        move || {
            open.get().then(|| {
                view! {
                    <ConfirmDialog title="Delete routes".to_string() message="Delete 2 routes?".to_string()
                        items=vec!["office (10.0.0.0/24)".into(), "lab (10.1.0.0/24)".into()]
                        confirm_label="Delete".to_string()
                        on_confirm=Callback::new(move |_| outcome.update(|o| o.push("confirm")))
                        on_cancel=Callback::new(move |_| { outcome.update(|o| o.push("cancel")); open.set(false); })/>
                }
            })
        }
    });
    tick().await;
    let dialog: web_sys::HtmlDialogElement = q(&root, "dialog").expect("dialog").unchecked_into();
    assert!(dialog.open(), "opened as a modal");
    assert!(
        dialog.matches(":modal").unwrap(),
        "modal: the page behind is inert"
    );
    let items = q(&root, "[data-testid=dialog-items]").unwrap();
    assert_eq!(items.child_element_count(), 2);
    // Focus is inside, on the safe choice.
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert!(dialog.contains(Some(&focused)));
    assert_eq!(focused.text_content().unwrap_or_default(), "Cancel");
    click(&root, "[data-testid=confirm]");
    tick().await;
    assert_eq!(outcome.get_untracked(), ["confirm"]);
    // Escape (the dialog's `cancel` event) cancels.
    dialog
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("cancel", &{
                let init = web_sys::EventInit::new();
                init.set_cancelable(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    tick().await;
    assert_eq!(outcome.get_untracked(), ["confirm", "cancel"]);
    assert!(q(&root, "dialog").is_none());
}

#[wasm_bindgen_test]
async fn bulk_work_runs_at_most_four_at_once_and_names_each_failure() {
    let root = container();
    let bulk_out = RwSignal::new(None::<Bulk>);
    let _m = leptos::mount::mount_to(root.clone(), move || {
        let bulk = Bulk::new();
        bulk_out.set(Some(bulk));
        view! { <BulkReport bulk/> }
    });
    tick().await;
    let bulk = bulk_out.get_untracked().unwrap();
    let in_flight = Rc::new(Cell::new(0usize));
    let most = Rc::new(Cell::new(0usize));
    let items: Vec<BulkItem> = (0..10)
        .map(|i| {
            let (in_flight, most) = (in_flight.clone(), most.clone());
            BulkItem::new(format!("route-{i}"), async move {
                in_flight.set(in_flight.get() + 1);
                most.set(most.get().max(in_flight.get()));
                // Yield to the other workers, as a request would.
                for _ in 0..3 {
                    leptos::task::tick().await;
                }
                in_flight.set(in_flight.get() - 1);
                if i == 3 || i == 7 {
                    Err(ApiError::NotFound(format!("route {i} not found")))
                } else {
                    Ok(())
                }
            })
        })
        .collect();
    let done = Rc::new(Cell::new(false));
    let then_done = done.clone();
    bulk.run("Disabling routes".into(), items, move || {
        then_done.set(true)
    });
    for _ in 0..60 {
        tick().await;
        if done.get() {
            break;
        }
    }
    assert!(done.get(), "the run ended and called back");
    assert_eq!(most.get(), IN_FLIGHT, "at most four at once, and four used");
    let p = bulk.progress().get_untracked().unwrap();
    assert_eq!((p.total, p.done, p.failed.len()), (10, 10, 2));
    tick().await;
    let report = q(&root, "[data-testid=bulk-report]")
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(report.contains("8 of 10 succeeded, 2 failed"), "{report}");
    let failures = q(&root, "[data-testid=bulk-failures]")
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(
        failures.contains("route-3") && failures.contains("route-7"),
        "{failures}"
    );
}

/// What a dialog's `css` element says, in document order (one entry per element).
fn texts(root: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_bulk_action_on_the_selection_confirms_with_the_chosen_names_then_runs_and_clears_it() {
    let root = container();
    let out = RwSignal::new(None::<BulkSelection>);
    let _m = leptos::mount::mount_to(root.clone(), move || {
        let selected = BulkSelection::new();
        out.set(Some(selected));
        let BulkSelection { proposed, bulk, .. } = selected;
        view! { <BulkReport bulk/> <ProposalDialog proposed/> }
    });
    tick().await;
    let selected = out.get_untracked().unwrap();
    let row = |id: &str, name: &str| Row::new(id, vec![TableCell::text(name)], &[]);
    selected.current.set(TableRows::from(vec![
        row("a", "alpha"),
        row("b", "beta"),
        row("c", "gamma"),
    ]));
    let worked = Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let refreshed = Rc::new(Cell::new(0));
    let propose = {
        let (worked, refreshed) = (worked.clone(), refreshed.clone());
        move || {
            let (worked, refreshed) = (worked.clone(), refreshed.clone());
            selected.propose(
                |n| Wording {
                    title: format!("Disable {n}"),
                    message: format!("Disable these {n}?"),
                    verb: "Disable".into(),
                },
                move |chosen: &[Chosen]| {
                    per_row(chosen, |id| {
                        worked.borrow_mut().push(id.to_string());
                        let fails = id == "c";
                        async move {
                            if fails {
                                Err(ApiError::NotFound("gone".into()))
                            } else {
                                Ok(())
                            }
                        }
                    })
                },
                move || refreshed.set(refreshed.get() + 1),
            )
        }
    };

    // Nothing chosen: nothing is offered.
    propose();
    tick().await;
    assert!(q(&root, "[data-testid=confirm-dialog]").is_none());

    // A chosen ID no longer shown is left out; the others are named, in the table's order.
    selected
        .selection
        .set(["c", "a", "gone"].map(String::from).into());
    propose();
    tick().await;
    assert!(q(&root, "[data-testid=confirm-dialog]").is_some());
    assert_eq!(texts(&root, ".dialog__title"), ["Disable 2"]);
    assert_eq!(
        texts(&root, "[data-testid=dialog-items] li"),
        ["alpha", "gamma"]
    );
    assert!(
        worked.borrow().is_empty(),
        "nothing runs before the confirmation"
    );

    click(&root, "[data-testid=confirm]");
    for _ in 0..20 {
        tick().await;
        if refreshed.get() > 0 {
            break;
        }
    }
    assert!(q(&root, "[data-testid=confirm-dialog]").is_none());
    assert_eq!(*worked.borrow(), ["a", "c"]);
    assert_eq!(
        refreshed.get(),
        1,
        "the list is read again once, when all is over"
    );
    assert!(
        selected.selection.get_untracked().is_empty(),
        "the selection is cleared"
    );
    tick().await;
    let report = texts(&root, "[data-testid=bulk-report] [role=status]").concat();
    assert!(
        report.contains("Disable 2: 1 of 2 succeeded, 1 failed."),
        "{report}"
    );
    assert!(texts(&root, "[data-testid=bulk-failures]")
        .concat()
        .contains("gamma"));
}

fn type_search(root: &web_sys::HtmlElement, css: &str, text: &str) {
    fire(
        &q(root, css).unwrap_or_else(|| panic!("no {css}")),
        text,
        "input",
    );
}

#[wasm_bindgen_test]
async fn a_picker_searches_ten_thousand_peers_by_name_ip_or_dns_and_lists_a_page_of_them() {
    use netbird_console::ui::kit::controls::{PickOption, Picker};
    let root = container();
    let options: Vec<PickOption> = (0..10_000)
        .map(|i| PickOption {
            id: format!("p{i}"),
            label: format!("host-{i:05}"),
            hint: format!("100.64.{}.{} · host-{i:05}.netbird.cloud", i / 256, i % 256),
        })
        .collect();
    let chosen = RwSignal::new(Vec::<String>::new());
    let _m = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Picker name="peers" legend="Members" options=options.clone() multiple=true selected=chosen.into()
                on_change=Callback::new(move |v| chosen.set(v)) on_blur=Callback::new(|_| ())
                error=Signal::derive(|| None)/>
        }
    });
    tick().await;
    let shown = |root: &web_sys::HtmlElement| {
        root.query_selector_all("fieldset[name=peers] input[type=checkbox]")
            .unwrap()
            .length()
    };
    // Unsearched, one page of options and how many more there are.
    assert_eq!(shown(&root), 60);
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("9940 more"));
    // By name, by IP, by DNS name.
    type_search(
        &root,
        "fieldset[name=peers] input[type=search]",
        "HOST-00420",
    );
    tick().await;
    assert!(q(&root, "input[value=p420]").is_some());
    assert_eq!(shown(&root), 1);
    type_search(
        &root,
        "fieldset[name=peers] input[type=search]",
        "00420.netbird",
    );
    tick().await;
    assert!(q(&root, "input[value=p420]").is_some(), "by DNS name");
    type_search(
        &root,
        "fieldset[name=peers] input[type=search]",
        "100.64.38.16",
    );
    tick().await;
    assert!(
        q(&root, "input[value=p9744]").is_some(),
        "100.64.38.16 is host 9,744"
    );
    assert!(q(&root, "input[value=p9745]").is_none());
    assert_eq!(shown(&root), 11, "and 100.64.38.160 to .169");
    type_search(&root, "fieldset[name=peers] input[type=search]", "zzz");
    tick().await;
    assert_eq!(shown(&root), 0);
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Nothing matches."));
    // Choosing emits the ID and shows the name as a chip.
    type_search(
        &root,
        "fieldset[name=peers] input[type=search]",
        "host-00007",
    );
    tick().await;
    click(&root, "input[value=p7]");
    tick().await;
    assert_eq!(chosen.get_untracked(), vec!["p7".to_string()]);
    let chips = q(&root, ".picker__chips")
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(
        chips.contains("host-00007") && !chips.contains("p7×"),
        "{chips}"
    );
}

#[wasm_bindgen_test]
async fn the_key_panel_shows_the_plain_key_once_and_leaving_it_clears_it() {
    use netbird_console::resources::SetupKey;
    use netbird_console::ui::pages::setup_keys::form::KeyPanel;
    use netbird_console::ui::router::Router;
    let root = container();
    let plain = "A6160C4E-7F3B-4E0A-9D11-2B5C3A9F0E42";
    let shown = RwSignal::new(Some(SetupKey {
        id: "k1".into(),
        name: "<b>ci</b>".into(),
        key: plain.into(),
        ..SetupKey::default()
    }));
    let _m = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Router>
                {move || shown.get().map(|key| view! { <KeyPanel key on_done=Callback::new(move |_| shown.set(None))/> })}
            </Router>
        }
    });
    tick().await;
    let text = |css: &str| {
        q(&root, css)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(text("[data-testid=plain-key]"), plain);
    assert_eq!(
        text("[data-testid=install-command]"),
        format!("netbird up --setup-key {plain}")
    );
    assert!(text("[data-testid=key-panel]").contains("you will not see this key again"));
    // The key's name is text, never markup.
    assert!(q(&root, "[data-testid=key-panel] b").is_none());
    click(&root, "[data-testid=key-done]");
    tick().await;
    assert!(q(&root, "[data-testid=key-panel]").is_none());
    assert!(
        !root.inner_html().contains(plain),
        "the key is gone from the page"
    );
    assert!(shown.get_untracked().is_none(), "and from memory");
}

/// A frame painted, then the tasks queued after it (what `once_painted` waits for).
async fn frame_then_tasks() {
    let promise = js_sys::Promise::new(&mut |done, _| {
        let _ = web_sys::window().unwrap().request_animation_frame(&done);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |done, _| {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&done, 0);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Mounts a page that waits with `once_painted(shown)`: whether the wait has ended, and the
/// page (dropping it leaves the page).
fn page_waiting_for(shown: RwSignal<bool>) -> (Rc<Cell<bool>>, impl Sized) {
    let ended = Rc::new(Cell::new(false));
    let e = ended.clone();
    let page = leptos::mount::mount_to(container(), move || {
        let wait = once_painted(move || shown.get());
        let e = e.clone();
        leptos::task::spawn_local(async move {
            wait.await;
            e.set(true);
        });
        view! { <p>"a page"</p> }
    });
    (ended, page)
}

/// A page reads its second list (the routes page's peers, the policies page's groups) once its
/// first is drawn: `once_painted` waits for what it is told, then for a painted frame; a page
/// left before that lets the wait end (its request is aborted), it does not hang.
#[wasm_bindgen_test]
async fn once_painted_waits_for_its_condition_and_a_painted_frame_or_for_the_page_to_go() {
    let shown = RwSignal::new(false);
    let (done, _page) = page_waiting_for(shown);
    for _ in 0..4 {
        frame_then_tasks().await;
    }
    assert!(!done.get(), "it ended before its condition held");
    shown.set(true);
    tick().await;
    assert!(!done.get(), "it ended before a frame was painted");
    for _ in 0..3 {
        frame_then_tasks().await;
    }
    assert!(
        done.get(),
        "it did not end after its condition held and a frame was painted"
    );

    let (ended, page) = page_waiting_for(RwSignal::new(false));
    frame_then_tasks().await;
    assert!(!ended.get(), "it ended though its condition never held");
    drop(page);
    tick().await;
    frame_then_tasks().await;
    assert!(ended.get(), "leaving the page did not end the wait");
}
