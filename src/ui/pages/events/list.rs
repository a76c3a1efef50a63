//! The audit log: every event the server returns (newest first, at most 10,000), narrowed by
//! the page's own filters (activity by resource, initiator, target, a date range; all in the
//! URL), a bar chart of events per day over what is shown, and the shared table with its
//! search, pages and export. Meta values and targets that are IDs of objects that still exist
//! are shown by name and linked, once their lists arrive: those are fetched after the first
//! rows are painted, only the ones the log points at and this role may read.

use super::chart::DayChart;
use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::base::json::Members;
use crate::resources::event::activity;
use crate::resources::event::links::{self, Directory, Kind, Named, Piece};
use crate::resources::event::rows::{self, EventFilter, EVENT_COLUMNS, FILTER_KEYS};
use crate::resources::{Event, MetaValue};
use crate::ui::api::use_api;
use crate::ui::auth::use_auth;
use crate::ui::kit::components::PageHeader;
use crate::ui::kit::list::{list_keeping, ListBody};
use crate::ui::kit::table::{CellView, DataTable, TableRows};
use crate::ui::router::{href, use_location, use_navigate, NavigateOptions};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// What the page keeps of each event besides its row, for the cells it draws itself.
struct Kept {
    initiator: String,
    who: String,
    email: String,
    target: String,
    meta: Members<MetaValue>,
}

/// The events' kept parts by ID, filled as the rows are built (the first page's rows may be
/// built twice: once from the head of the list, once with the rest).
#[derive(Default)]
struct Store {
    offset: i64,
    events: RefCell<HashMap<String, Arc<Kept>>>,
}

impl Store {
    fn keep(&self, e: &Event) {
        self.events.borrow_mut().insert(
            e.id.clone(),
            Arc::new(Kept {
                initiator: e.initiator_id.clone(),
                who: if e.initiator_name.is_empty() {
                    e.initiator_email.clone()
                } else {
                    e.initiator_name.clone()
                },
                email: if e.initiator_name.is_empty() {
                    String::new()
                } else {
                    e.initiator_email.clone()
                },
                target: e.target_id.clone(),
                meta: e.meta.clone(),
            }),
        );
    }
    fn get(&self, id: &str) -> Option<Arc<Kept>> {
        self.events.borrow().get(id).cloned()
    }
}

/// Seconds east of UTC here, now (the browser's time zone; the date filter and the chart
/// count calendar days in it).
fn local_offset() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64) * 60
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let store = Rc::new(Store {
        offset: local_offset(),
        ..Store::default()
    });
    let context = store.clone();
    let rows = list_keeping(
        "/api/events/audit",
        EVENT_COLUMNS,
        &[],
        move || {
            let store = context.clone();
            async move { Ok::<_, ApiError>(store) }
        },
        |e: &Event, store: &Rc<Store>, now| {
            store.keep(e);
            rows::event_row(e, store.offset, now)
        },
        // Loaded afresh on every visit: the store gathers more than the rows.
        false,
    );
    let table = UnsyncCallback::new(move |shown: RwSignal<TableRows>| {
        view! { <EventsBody shown store=store.clone()/> }.into_any()
    });
    view! {
        <PageHeader title=t("Events") subtitle=t("The audit log, newest first.")/>
        <ListBody rows columns=EVENT_COLUMNS noun="event" table/>
    }
}

/// The filters, the chart and the table over the loaded rows.
#[component]
fn EventsBody(shown: RwSignal<TableRows>, store: Rc<Store>) -> impl IntoView {
    let offset = store.offset;
    let location = use_location();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| location.query.with(|q| EventFilter::from_pairs(q)));
    let dir = RwSignal::new(Directory::default());
    load_names(shown, dir, store.clone());

    // The rows the table gets: all of them, or those the filters keep (once every row is in:
    // until then, none, and the table waits).
    let narrowed = Memo::new_with_compare(
        move |_| {
            filter.with(|f| {
                shown.with(|all| {
                    if f.is_empty() {
                        return all.clone();
                    }
                    if all.more {
                        return TableRows::head(Vec::new());
                    }
                    let keep = if f.target.is_empty() {
                        rows::narrow(&all.rows, f, &Directory::default(), offset)
                    } else {
                        dir.with(|d| rows::narrow(&all.rows, f, d, offset))
                    };
                    TableRows {
                        rows: all.rows.clone(),
                        more: false,
                        keep: Some(Arc::new(keep)),
                        edition: all.edition,
                    }
                })
            })
        },
        |a: Option<&TableRows>, b: Option<&TableRows>| match (a, b) {
            (Some(a), Some(b)) => {
                let same_keep = match (&a.keep, &b.keep) {
                    (None, None) => true,
                    (Some(x), Some(y)) => Arc::ptr_eq(x, y),
                    _ => false,
                };
                !(Arc::ptr_eq(&a.rows, &b.rows) && a.more == b.more && same_keep)
            }
            _ => true,
        },
    );

    let go = move |key: &'static str, value: String, replace: bool| {
        let path = location.pathname.get_untracked();
        let query = location
            .query
            .with_untracked(|q| rows::with_param(q, key, &value));
        navigate(
            &format!("{}{query}", crate::ui::router::here(&path)),
            NavigateOptions {
                replace,
                scroll: false,
            },
        );
    };
    let go_activity = go.clone();
    let go_initiator = go.clone();
    let go_target = go.clone();
    let go_from = go.clone();
    let go_to = go.clone();

    // The selected values alone, so that typing in the target filter redraws no options.
    let activity_now = Memo::new(move |_| filter.with(|f| f.activity.clone()));
    let initiator_now = Memo::new(move |_| filter.with(|f| f.initiator.clone()));
    let activity_options = move || {
        let selected = activity_now.get();
        let groups =
            shown.with(|r| activity::filter_options(rows::codes(&r.rows), Some(&selected)));
        groups
            .into_iter()
            .map(|g| {
                let sel = selected.clone();
                let codes = g
                    .codes
                    .into_iter()
                    .map(|(code, label)| {
                        let on = code == sel;
                        view! { <option value=code prop:selected=on>{label}</option> }
                    })
                    .collect_view();
                view! {
                    <optgroup label=g.name>
                        <option value=g.slug prop:selected={g.slug == selected}>{g.label}</option>
                        {codes}
                    </optgroup>
                }
            })
            .collect_view()
    };
    let initiator_options = move || {
        let selected = initiator_now.get();
        let mut people = shown.with(|r| rows::initiators(&r.rows));
        if !selected.is_empty() && !people.iter().any(|(id, _)| *id == selected) {
            people.push((selected.clone(), selected.clone()));
        }
        people
            .into_iter()
            .map(|(id, name)| {
                let on = id == selected;
                view! { <option value=id prop:selected=on>{name}</option> }
            })
            .collect_view()
    };
    let query_value = move |key: &'static str| {
        location.query.with(|q| {
            crate::base::url::query_value(q, key)
                .unwrap_or("")
                .to_string()
        })
    };
    let any_filter = move || filter.with(|f| !f.is_empty());
    let clear = move || {
        let q: Vec<(String, String)> = location.query.with(|q| {
            q.iter()
                .filter(|(k, _)| !FILTER_KEYS.contains(&k.as_str()) && k != "page")
                .cloned()
                .collect()
        });
        let rest = rows::with_param(&q, "page", "");
        href(&format!(
            "{}{rest}",
            crate::ui::router::here(&location.pathname.get())
        ))
    };

    // The chart: events per day over what the table lists.
    let per_day = Memo::new(move |_| {
        let range = filter.with(|f| f.days);
        narrowed.with(|r| {
            let days: Vec<i64> = r
                .rows
                .iter()
                .enumerate()
                .filter(|(i, _)| {
                    r.keep
                        .as_ref()
                        .is_none_or(|k| k.get(*i).copied().unwrap_or(false))
                })
                .map(|(_, row)| row)
                .filter_map(|row| {
                    rows::row_secs(row).map(|s| crate::resources::event::days::day_of(s, offset))
                })
                .collect();
            let (first, counts) = crate::resources::event::days::per_day(&days, range);
            (!r.more && !counts.is_empty()).then_some((first, counts))
        })
    });

    let cell_view: CellView = UnsyncCallback::new(move |(id, col): (String, usize)| {
        let kept = store.get(&id)?;
        match col {
            rows::COL_INITIATOR => Some(initiator_cell(kept, dir)),
            rows::COL_TARGET => Some(target_cell(kept, dir)),
            rows::COL_DETAILS => Some(details_cell(kept, dir)),
            _ => None,
        }
    });

    view! {
        <div class="event-filters" role="group" aria-label=t("Filter events")>
            <label class="field">
                <span class="field__label">{t("Activity")}</span>
                <select class="select" name="activity"
                    on:change:target=move |ev| go_activity("activity", ev.target().value(), false)>
                    <option value="" prop:selected=move || activity_now.with(String::is_empty)>{t("All activity")}</option>
                    {activity_options}
                </select>
            </label>
            <label class="field">
                <span class="field__label">{t("Initiator")}</span>
                <select class="select" name="initiator"
                    on:change:target=move |ev| go_initiator("initiator", ev.target().value(), false)>
                    <option value="" prop:selected=move || initiator_now.with(String::is_empty)>{t("Anyone")}</option>
                    {initiator_options}
                </select>
            </label>
            <label class="field">
                <span class="field__label">{t("Target")}</span>
                <input type="search" class="input" name="target" autocomplete="off"
                    placeholder=t("Name or ID")
                    prop:value=move || query_value("target")
                    on:input:target=move |ev| go_target("target", ev.target().value(), true)/>
            </label>
            <label class="field">
                <span class="field__label">{t("From")}</span>
                <input type="date" class="input" name="from" prop:value=move || query_value("from")
                    on:change:target=move |ev| go_from("from", ev.target().value(), false)/>
            </label>
            <label class="field">
                <span class="field__label">{t("To")}</span>
                <input type="date" class="input" name="to" prop:value=move || query_value("to")
                    on:change:target=move |ev| go_to("to", ev.target().value(), false)/>
            </label>
            {move || any_filter().then(|| view! {
                <a class="btn btn--small btn--ghost event-filters__clear" href=clear data-testid="clear-event-filters">{t("Clear filters")}</a>
            })}
        </div>
        {move || per_day.get().map(|(first, counts)| view! { <DayChart first counts/> })}
        <DataTable columns=EVENT_COLUMNS rows=narrowed noun="event" page_filters=FILTER_KEYS cell_view/>
    }
}

/// A piece of an event: a link to the object, or its text.
fn piece_view(piece: Piece) -> AnyView {
    match piece {
        Piece::Link { kind, id, name } => {
            view! { <a href=href(&kind.page(&id)) title=id>{name}</a> }.into_any()
        }
        Piece::Text(text) => view! { <span>{text}</span> }.into_any(),
    }
}

/// Who did it, as the event names them, linked to the user while they exist.
fn initiator_cell(kept: Arc<Kept>, dir: RwSignal<Directory>) -> AnyView {
    (move || {
        let link = dir.with(|d| {
            d.find(&kept.initiator)
                .filter(|(k, _)| *k == Kind::User)
                .map(|(k, _)| k.page(&kept.initiator))
        });
        let who = kept.who.clone();
        let name = match link {
            Some(page) => view! { <a class="cell" href=href(&page)>{who}</a> }.into_any(),
            None => view! { <span class="cell">{who}</span> }.into_any(),
        };
        let email = (!kept.email.is_empty())
            .then(|| view! { <span class="cell__sub">{kept.email.clone()}</span> });
        view! { {name}{email} }
    })
    .into_any()
}

/// The target: the object by name with a link while it exists, else the ID.
fn target_cell(kept: Arc<Kept>, dir: RwSignal<Directory>) -> AnyView {
    if kept.target.is_empty() {
        return view! { <span class="cell cell--muted">"–"</span> }.into_any();
    }
    let recorded = match kept.meta.get("name") {
        Some(MetaValue::Text(n)) if !n.is_empty() => Some(n.clone()),
        _ => None,
    };
    let target = kept.target.clone();
    (move || {
        let piece = dir.with(|d| Piece::of(&target, d));
        match piece {
            Piece::Link { .. } => {
                view! { <span class="cell">{piece_view(piece)}</span> }.into_any()
            }
            Piece::Text(id) => view! {
                <span class="cell cell--mono">{id}</span>
                {recorded.clone().map(|n| view! { <span class="cell__sub">{n}</span> })}
            }
            .into_any(),
        }
    })
    .into_any()
}

/// The meta as key/value pairs, IDs of existing objects by name and linked.
fn details_cell(kept: Arc<Kept>, dir: RwSignal<Directory>) -> AnyView {
    if kept.meta.is_empty() {
        return view! { <span class="cell cell--muted">"–"</span> }.into_any();
    }
    (move || {
        let lines = dir.with(|d| links::meta_lines(&kept.meta, d));
        let items = lines
            .into_iter()
            .map(|line| {
                let n = line.pieces.len();
                let pieces = line
                    .pieces
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let sep = (i + 1 < n).then_some(", ");
                        view! { {piece_view(p)}{sep} }
                    })
                    .collect_view();
                view! { <div class="event-meta__item"><dt>{line.key}</dt><dd>{pieces}</dd></div> }
            })
            .collect_view();
        view! { <dl class="event-meta">{items}</dl> }
    })
    .into_any()
}

/// Once every event is in and painted: fetches the lists the log points at (that this role
/// may read), each merged into `dir` as it arrives. Never before the rows are on screen, and
/// a list that fails leaves its IDs as text.
fn load_names(shown: RwSignal<TableRows>, dir: RwSignal<Directory>, store: Rc<Store>) {
    let api = use_api();
    let auth = use_auth();
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        if shown.with(|r| r.more) || started.get_value() {
            return;
        }
        started.set_value(true);
        let kinds = {
            let events = store.events.borrow();
            shown.with_untracked(|r| {
                let pairs: Vec<(&str, &Members<MetaValue>)> = r
                    .rows
                    .iter()
                    .filter_map(|row| {
                        let code = row
                            .facets
                            .iter()
                            .find(|(k, _)| *k == "activity")
                            .map_or("", |(_, v)| v.as_ref());
                        events.get(&row.id).map(|k| (code, &k.meta))
                    })
                    .collect();
                let perms = auth.permissions();
                links::kinds_needed(pairs, |m| perms.can_read(m))
            })
        };
        request_animation_frame(move || {
            set_timeout(
                move || {
                    for kind in kinds {
                        let list = api.get_list::<Named>(kind.list_path());
                        leptos::task::spawn_local(async move {
                            if let Ok(items) = list.await {
                                let _ = dir.try_update(|d| d.add(kind, &items));
                            }
                        });
                    }
                },
                Duration::ZERO,
            )
        });
    });
}
