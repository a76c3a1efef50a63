//! The command palette and the list of shortcuts, on the native `<dialog>` opened as a modal
//! (the page behind is inert, Escape closes, focus returns to where it was). The palette reads
//! the lists the user may see as it opens (actions are there at once) and finds in them as you
//! type: arrow keys move, Enter opens, results grouped by kind.

use super::Overlay;
use crate::base::i18n::{t, tf, LANGUAGES};
use crate::base::json::FromJson;
use crate::base::palette::{find, Entry, Kind, GO_KEYS};
use crate::registry::{visible_resources, Pages, Resource};
use crate::ui::api::use_api;
use crate::ui::auth::{use_auth, SessionEnd};
use crate::ui::kit::dialog::open_modal;
use crate::ui::router::{use_navigate, NavigateOptions};
use leptos::prelude::*;

/// Results listed per kind.
const PER_KIND: usize = 8;

/// What the palette reads of any listed object (the rest of each object is skipped).
#[derive(Default, FromJson)]
struct Findable {
    id: String,
    name: String,
    ip: String,
    dns_label: String,
    network_id: String,
    network: String,
    domains: Vec<String>,
    email: String,
    description: String,
}

/// The kinds the palette finds, by resource.
fn kind_of(resource: Resource) -> Option<Kind> {
    Some(match resource {
        Resource::Peers => Kind::Peer,
        Resource::Groups => Kind::Group,
        Resource::Routes => Kind::Route,
        Resource::Policies => Kind::Policy,
        Resource::Dns => Kind::Nameservers,
        Resource::SetupKeys => Kind::SetupKey,
        Resource::Users => Kind::User,
        _ => return None,
    })
}

fn entry(kind: Kind, segment: &str, x: Findable) -> Entry {
    let target = format!("/{segment}/{}", x.id);
    let (label, detail) = match kind {
        Kind::Peer => (x.name, format!("{} {}", x.ip, x.dns_label)),
        Kind::Route => {
            let reach = if x.network.is_empty() {
                x.domains.join(", ")
            } else {
                x.network
            };
            (x.network_id, format!("{reach} {}", x.description))
        }
        Kind::User if x.name.is_empty() => (x.email, String::new()),
        Kind::User => (x.name, x.email),
        _ => (x.name, x.description),
    };
    Entry::new(kind, label, detail.trim().to_string(), target)
}

/// The actions, found by their words ("add route", "theme", "sign out").
fn actions(can_create: Vec<(&'static str, String)>) -> Vec<Entry> {
    let action = |label: String, target: &str| {
        Entry::new(Kind::Action, label, String::new(), target.to_string())
    };
    let mut all: Vec<Entry> = can_create
        .into_iter()
        .map(|(segment, label)| action(label, &format!("/{segment}/new")))
        .collect();
    all.push(action(t("Theme: light"), "theme:light"));
    all.push(action(t("Theme: dark"), "theme:dark"));
    all.push(action(t("Theme: system"), "theme:"));
    for (code, name) in LANGUAGES {
        all.push(action(
            format!("{}: {name}", t("Language")),
            &format!("language:{code}"),
        ));
    }
    let active = crate::ui::accounts::active_id().unwrap_or_default();
    for account in crate::ui::accounts::saved()
        .into_iter()
        .filter(|c| c.id != active)
    {
        let label = tf("Switch to {account}", &[("account", &account.label)]);
        all.push(action(label, &format!("account:{}", account.id)));
    }
    all.push(action(t("Keyboard shortcuts"), "help:"));
    all.push(action(t("Sign out"), "sign-out:"));
    all
}

/// The "add …" action of a resource whose form creates objects.
fn creatable(resource: Resource) -> Option<String> {
    Some(match resource {
        Resource::Groups => t("Add group"),
        Resource::Routes => t("Add route"),
        Resource::Policies => t("Add policy"),
        Resource::PostureChecks => t("Add posture check"),
        Resource::Dns => t("Add nameserver group"),
        Resource::SetupKeys => t("Add setup key"),
        Resource::Users => t("Add user"),
        _ => return None,
    })
}

/// The heading a kind's results are listed under.
fn heading(kind: Kind) -> String {
    match kind {
        Kind::Action => t("Actions"),
        Kind::Peer => t("Peers"),
        Kind::Group => t("Groups"),
        Kind::Route => t("Routes"),
        Kind::Policy => t("Policies"),
        Kind::Nameservers => t("DNS"),
        Kind::SetupKey => t("Setup keys"),
        Kind::User => t("Users"),
    }
}

/// Renders what `overlay` asks for; `set` closes it (`None`) or opens the other.
pub fn render(overlay: Overlay, set: Callback<Option<Overlay>>) -> AnyView {
    match overlay {
        Overlay::Palette => view! { <Palette set/> }.into_any(),
        Overlay::Help => view! { <Help close=Callback::new(move |_| set.run(None))/> }.into_any(),
    }
}

#[component]
fn Palette(set: Callback<Option<Overlay>>) -> impl IntoView {
    let close = Callback::new(move |_| set.run(None));
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    open_modal(dialog);
    let auth = use_auth();
    let api = use_api();
    let navigate = use_navigate();
    let perms = auth.permissions();
    let sections = visible_resources(&perms);
    let create: Vec<(&'static str, String)> = sections
        .iter()
        .filter(|e| e.pages == Pages::Form && perms.module(e.module).create)
        .filter_map(|e| creatable(e.resource).map(|label| (e.segment, label)))
        .collect();
    let entries = RwSignal::new(actions(create));
    let loading = RwSignal::new(0usize);
    for section in sections
        .iter()
        .filter_map(|e| kind_of(e.resource).map(|k| (e, k)))
    {
        let (e, kind) = section;
        let (path, segment) = (e.api, e.segment);
        loading.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let found: Result<Vec<Findable>, _> = api.get(path).await;
            if let Ok(list) = found {
                let _ = entries.try_update(|all| {
                    all.extend(list.into_iter().map(|x| entry(kind, segment, x)));
                });
            }
            let _ = loading.try_update(|n| *n -= 1);
        });
    }
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let found = Memo::new(move |_| {
        entries.with(|all| {
            query.with(|q| {
                find(all, q, PER_KIND)
                    .into_iter()
                    .map(|e| (e.kind, e.label.clone(), e.detail.clone(), e.target.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let location = crate::ui::router::use_location();
    let switch_failed = RwSignal::new(None::<String>);
    let go = move |target: String| {
        // Switching accounts waits for the other account's answer: the palette stays open
        // until then, to say why if it fails.
        if let Some(id) = target.strip_prefix("account:") {
            let here = location.here_untracked();
            let Some(to) = crate::ui::accounts::saved()
                .into_iter()
                .find(|c| c.id == id)
            else {
                return;
            };
            let (name, navigate) = (to.label.clone(), navigate.clone());
            leptos::task::spawn_local(async move {
                let go = Box::new(move |place: &str| navigate(place, NavigateOptions::default()));
                match crate::ui::accounts::switch(auth, to, Some(here), go).await {
                    Ok(()) => close.run(()),
                    Err(e) => {
                        let _ = switch_failed.try_set(Some(tf(
                            "Could not switch to {account}: {reason}",
                            &[("account", &name), ("reason", &e.user_message())],
                        )));
                    }
                }
            });
            return;
        }
        close.run(());
        if let Some(theme) = target.strip_prefix("theme:") {
            crate::ui::theme::apply(theme);
        } else if let Some(code) = target.strip_prefix("language:") {
            crate::ui::i18n::choose(code);
        } else if target == "sign-out:" {
            auth.end(SessionEnd::SignedOut);
        } else if target == "help:" {
            set.run(Some(Overlay::Help));
        } else {
            navigate(&target, NavigateOptions::default());
        }
    };
    let go_key = go.clone();
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let count = found.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => active.set((active.get_untracked() + 1) % count),
            "ArrowUp" if count > 0 => active.set((active.get_untracked() + count - 1) % count),
            // Closes at once, also with text typed (a search field would clear it first).
            "Escape" => close.run(()),
            "Enter" => {
                if let Some(target) =
                    found.with(|f| f.get(active.get_untracked()).map(|r| r.3.clone()))
                {
                    go_key(target);
                }
            }
            _ => return,
        }
        ev.prevent_default();
    };
    let rows = move || {
        let mut last = None;
        found
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (kind, label, detail, target))| {
                let heading = (last != Some(kind)).then(|| {
                    view! { <li class="palette__heading" role="presentation">{heading(kind)}</li> }
                });
                last = Some(kind);
                let go = go.clone();
                view! {
                    {heading}
                    <li id=format!("palette-{i}") class="palette__item" role="option"
                        aria-selected=move || (active.get() == i).to_string()
                        on:mousemove=move |_| active.set(i)
                        on:click=move |_| go(target.clone())>
                        <span class="palette__label">{label}</span>
                        <span class="palette__detail">{detail}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <dialog class="dialog palette" node_ref=dialog aria-label=t("Find") data-testid="palette"
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); close.run(()) }>
            <input type="search" class="input palette__input" autofocus=true role="combobox"
                aria-expanded="true" aria-controls="palette-results" aria-autocomplete="list"
                aria-activedescendant=move || format!("palette-{}", active.get())
                placeholder=t("Find a peer, group, route, policy, user… or an action")
                aria-label=t("Find")
                prop:value=query
                on:input:target=move |ev| { query.set(ev.target().value()); active.set(0); }
                on:keydown=on_key/>
            <ul id="palette-results" class="palette__results" role="listbox" aria-label=t("Results")>
                {rows}
            </ul>
            <p class="palette__status" role="status">
                {move || if let Some(why) = switch_failed.get() {
                    why
                } else if loading.get() > 0 {
                    t("Reading the lists…")
                } else if found.with(Vec::is_empty) {
                    t("Nothing found.")
                } else {
                    String::new()
                }}
            </p>
        </dialog>
    }
}

#[component]
fn Help(close: Callback<()>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    open_modal(dialog);
    let row = |keys: String, what: String| view! { <tr><th scope="row"><kbd class="kbd">{keys}</kbd></th><td>{what}</td></tr> };
    let mut rows = vec![
        row("Ctrl K · ⌘K".into(), t("Find anything, or run an action")),
        row("/".into(), t("Search the current list")),
        row("n".into(), t("New object, on a list page")),
        row("e".into(), t("Edit, on a detail page")),
        row("?".into(), t("This list")),
        row("Esc".into(), t("Close a dialog")),
    ];
    rows.extend(
        GO_KEYS
            .iter()
            .map(|(key, _, label)| row(format!("g {key}"), t(label))),
    );
    view! {
        <dialog class="dialog" node_ref=dialog aria-labelledby="help-title" data-testid="shortcuts"
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); close.run(()) }>
            <h2 id="help-title" class="dialog__title">{t("Keyboard shortcuts")}</h2>
            <table class="shortcuts"><tbody>{rows}</tbody></table>
            <div class="dialog__actions">
                <button type="button" class="btn" autofocus=true on:click=move |_| close.run(())>{t("Close")}</button>
            </div>
        </dialog>
    }
}
