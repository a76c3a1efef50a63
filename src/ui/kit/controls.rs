//! Form controls: every control carries `name` equal to the API field it edits, and an `id`
//! unique per form (`kit::form::Form::control_id`), so two forms on one page never collide; an
//! invalid one has `aria-invalid="true"` and its message linked by `aria-describedby`. A value
//! is taken from `change` events as well as `input`, so one set by autofill, a password manager
//! or an assistive tool is seen and validated too.

use super::form::use_form;
use crate::base::i18n::{t, tf};
use leptos::prelude::*;

/// The id of the control for `name` in the form it is inside (the name alone outside forms).
fn control_id(name: &str) -> String {
    use_form()
        .map(|f| f.control_id(name))
        .unwrap_or_else(|| name.to_string())
}

fn error_id(control: &str) -> String {
    format!("{control}-error")
}

/// A control's `aria-invalid` and `aria-describedby` (its message's id) while it has an error.
/// Signals rather than closures: Leptos compiles the code that keeps an attribute up to date
/// once per signal value type, but once per closure.
fn invalid_described(
    control: &str,
    error: Signal<Option<String>>,
) -> (Signal<Option<&'static str>>, Signal<Option<String>>) {
    let id = error_id(control);
    (
        Signal::derive(move || error.with(Option::is_some).then_some("true")),
        Signal::derive(move || error.with(Option::is_some).then(|| id.clone())),
    )
}

/// One option of a segmented choice: a radio button and its label.
#[component]
pub fn Choice(
    name: &'static str,
    value: &'static str,
    #[prop(into)] label: String,
    checked: Signal<bool>,
    on_choose: Callback<()>,
) -> impl IntoView {
    view! {
        <label class="segmented__option">
            <input type="radio" name=name value=value prop:checked=checked on:change=move |_| on_choose.run(())/>
            {label}
        </label>
    }
}

/// The message under a control, with the id its control points at.
#[component]
fn FieldError(name: &'static str, control: String, error: Signal<Option<String>>) -> impl IntoView {
    let id = error_id(&control);
    move || {
        error.get().map(|e| view! { <p class="field__error" id=id.clone() data-testid=format!("error-{name}")>{e}</p> })
    }
}

/// A labelled text input or textarea. `key` tells apart controls that share their API field's
/// `name` in one form (a nameserver group's `ip` of each row, `nameservers.1.ip`): it makes the
/// id and the error's test id; without it the name does.
#[component]
pub fn TextField(
    name: &'static str,
    #[prop(optional)] key: Option<&'static str>,
    #[prop(into)] label: String,
    value: Signal<String>,
    on_input: Callback<String>,
    on_blur: Callback<()>,
    error: Signal<Option<String>>,
    #[prop(optional, into)] help: Signal<String>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] mono: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let key = key.unwrap_or(name);
    let id = control_id(key);
    let (invalid, described) = invalid_described(&id, error);
    let class = if mono { "input input--mono" } else { "input" };
    // `change` as well as `input`: autofill and assistive tools may fire only `change`. A
    // value already taken is not sent again.
    let take = move |v: String| {
        if value.with_untracked(|now| *now != v) {
            on_input.run(v)
        }
    };
    let control = if multiline {
        view! {
            <textarea id=id.clone() name=name class=class rows="3" placeholder=placeholder spellcheck="false"
                aria-invalid=invalid aria-describedby=described disabled=disabled
                prop:value=value
                on:input:target=move |ev| take(ev.target().value())
                on:change:target=move |ev| take(ev.target().value())
                on:blur=move |_| on_blur.run(())></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name class=class type="text" placeholder=placeholder autocomplete="off" spellcheck="false"
                aria-invalid=invalid aria-describedby=described disabled=disabled
                prop:value=value
                on:input:target=move |ev| take(ev.target().value())
                on:change:target=move |ev| take(ev.target().value())
                on:blur=move |_| on_blur.run(())/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>{label}</label>
            {control}
            <p class="field__hint">{help}</p>
            <FieldError name=key control=id error/>
        </div>
    }
}

/// A labelled checkbox.
#[component]
pub fn CheckField(
    name: &'static str,
    #[prop(into)] label: String,
    checked: Signal<bool>,
    on_change: Callback<bool>,
    #[prop(optional, into)] help: Signal<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="field field--check">
            <label class="check">
                <input type="checkbox" name=name prop:checked=checked disabled=disabled
                    on:change:target=move |ev| on_change.run(ev.target().checked())/>
                {label}
            </label>
            <p class="field__hint">{help}</p>
        </div>
    }
}

/// One choice of a picker.
#[derive(Clone, Debug, PartialEq)]
pub struct PickOption {
    pub id: String,
    pub label: String,
    pub hint: String,
}

/// Picker options in alphabetical order, case-insensitively.
pub fn sort_by_label(options: &mut Vec<PickOption>) {
    crate::base::sort::sort_by_key(options, &|o| o.label.to_lowercase());
}

/// The groups `keep` lets through as picker options, by name, each with its size.
pub fn group_options(
    groups: &[crate::resources::Group],
    keep: fn(&crate::resources::Group) -> bool,
) -> Vec<PickOption> {
    let mut v: Vec<PickOption> = groups
        .iter()
        .filter(|g| keep(g))
        .map(|g| PickOption {
            id: g.id.clone(),
            label: g.name.clone(),
            hint: crate::base::format::peer_count(g.peers_count),
        })
        .collect();
    sort_by_label(&mut v);
    v
}

/// How many options a picker lists at once; the search narrows the rest.
const VISIBLE_OPTIONS: usize = 60;

/// A searchable picker by name, never by raw ID: checkboxes (`multiple`) or radios sharing the
/// API field's `name`, inside a fieldset that carries the same name and the error state.
#[component]
pub fn Picker(
    name: &'static str,
    #[prop(into)] legend: String,
    options: Vec<PickOption>,
    selected: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
    on_blur: Callback<()>,
    error: Signal<Option<String>>,
    #[prop(optional)] multiple: bool,
    #[prop(optional, into)] help: Signal<String>,
) -> impl IntoView {
    let options = StoredValue::new(options);
    let search = RwSignal::new(String::new());
    let id = control_id(name);
    let (invalid, described) = invalid_described(&id, error);
    let label_of = move |id: &str| {
        options
            .with_value(|o| o.iter().find(|x| x.id == id).map(|x| x.label.clone()))
            .unwrap_or_else(|| tf("unknown {id}", &[("id", id)]))
    };
    let toggle = move |id: String, on: bool| {
        let mut next = selected.get_untracked();
        if !multiple {
            next.clear();
        }
        next.retain(|x| *x != id);
        if on {
            next.push(id);
        }
        on_change.run(next);
    };
    // Lower-cased once: a keystroke searches 10,000 peers without allocating per option.
    let haystacks = StoredValue::new(options.with_value(|all| {
        all.iter()
            .map(|o| format!("{}\u{1f}{}", o.label, o.hint).to_lowercase())
            .collect::<Vec<_>>()
    }));
    let visible = move || {
        let needle = search.with(|s| s.trim().to_lowercase());
        let chosen = selected.get();
        options.with_value(|all| {
            haystacks.with_value(|hay| {
                let mut total = 0usize;
                let mut matched = Vec::new();
                for (o, h) in all.iter().zip(hay) {
                    if needle.is_empty() || h.contains(&needle) {
                        total += 1;
                        if matched.len() < VISIBLE_OPTIONS {
                            matched.push(o.clone());
                        }
                    }
                }
                (matched, total, chosen)
            })
        })
    };
    let input_type = if multiple { "checkbox" } else { "radio" };
    let search_label = tf("Search {list}", &[("list", &legend)]);
    view! {
        <fieldset class="field picker" name=name aria-invalid=invalid aria-describedby=described
            on:focusout=move |_| on_blur.run(())>
            <legend class="field__label">{legend}</legend>
            <p class="field__hint">{help}</p>
            <div class="picker__chips" aria-live="polite">
                {move || selected.get().into_iter().map(|id| {
                    let label = label_of(&id);
                    let remove_label = tf("Remove {name}", &[("name", &label)]);
                    view! {
                        <span class="chip">{label}
                            <button type="button" class="chip__remove" aria-label=remove_label on:click=move |_| toggle(id.clone(), false)>"×"</button>
                        </span>
                    }
                }).collect_view()}
            </div>
            <input type="search" class="input picker__search" autocomplete="off" placeholder=t("Search by name…")
                aria-label=search_label prop:value=search
                on:input:target=move |ev| search.set(ev.target().value())/>
            <div class="picker__list">
                {move || {
                    let (shown, total, chosen) = visible();
                    let more = total.saturating_sub(shown.len());
                    let items = shown.into_iter().map(|o| {
                        let checked = chosen.contains(&o.id);
                        let id = o.id.clone();
                        view! {
                            <label class="picker__option">
                                <input type=input_type name=name value=o.id.clone() prop:checked=checked
                                    on:change:target=move |ev| toggle(id.clone(), ev.target().checked())/>
                                <span>{o.label}</span>
                                <span class="picker__hint">{o.hint}</span>
                            </label>
                        }
                    }).collect_view();
                    view! {
                        {items}
                        {(more > 0).then(|| view! { <p class="field__hint">{tf("{count} more: refine the search", &[("count", &more.to_string())])}</p> })}
                        {(total == 0).then(|| view! { <p class="field__hint">{t("Nothing matches.")}</p> })}
                    }
                }}
            </div>
            <FieldError name control=id error/>
        </fieldset>
    }
}
