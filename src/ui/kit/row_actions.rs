//! Actions on one row of a list: the enable switch in its row, writing an object back from the
//! server's current version, the enable, disable or delete a bulk action does to each object,
//! putting the saved object's row in the list, and saying what a row's action could not do.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::base::json::FromJson;
use crate::base::listing::{Column, Row};
use crate::ui::api::{Api, Verb};
use crate::ui::kit::components::ErrorNotice;
use crate::ui::kit::table::{CellView, TableRows};
use crate::ui::kit::task::Task;
use leptos::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A row's change as its page writes it: the row of the object as saved (`None`: no row to
/// put), or why it was not saved.
pub type RowWrite = Pin<Box<dyn Future<Output = Result<Option<Row>, ApiError>>>>;

/// The enable switches of a list's rows: the rows whose change is under way, what the last
/// change could not do, and the work. Made once per page, outside what a reload of the list
/// builds again. `Copy`. The one way a row is switched: its page only says how the object is
/// written and its row built again.
#[derive(Clone, Copy)]
pub struct RowSwitches {
    busy: RwSignal<HashSet<String>>,
    failure: RwSignal<Option<ApiError>>,
    task: Task,
}

impl Default for RowSwitches {
    fn default() -> RowSwitches {
        RowSwitches::new()
    }
}

impl RowSwitches {
    pub fn new() -> RowSwitches {
        RowSwitches {
            busy: RwSignal::new(HashSet::new()),
            failure: RwSignal::new(None),
            task: Task::new(),
        }
    }

    /// The column `enabled` of `columns` drawn as each row's switch over `rows` (`disabled`:
    /// the rows may not be changed). A click runs `write` with (row ID, on): the row is marked
    /// busy meanwhile, and then the saved object's row is put in the list (`put_row`), or the
    /// failure shown where `failure` is drawn.
    pub fn cells(
        self,
        columns: &[Column],
        rows: RwSignal<TableRows>,
        disabled: Signal<bool>,
        write: UnsyncCallback<(String, bool), RowWrite>,
    ) -> CellView {
        let on_change = Callback::new(move |(id, on): (String, bool)| {
            if let Some(work) = write.try_run((id.clone(), on)) {
                self.switch(id, work, rows);
            }
        });
        enabled_switches(columns, rows, disabled, self.busy, on_change)
    }

    fn switch(self, id: String, work: RowWrite, rows: RwSignal<TableRows>) {
        let RowSwitches {
            busy,
            failure,
            task,
        } = self;
        task.run(async move {
            busy.update(|b| {
                b.insert(id.clone());
            });
            failure.set(None);
            let result = work.await;
            busy.update(|b| {
                b.remove(&id);
            });
            match result {
                Ok(Some(row)) => put_row(rows, row),
                Ok(None) => {}
                Err(e) => failure.set(Some(e)),
            }
        });
    }

    /// What the last change could not do (see `RowActionFailure`).
    pub fn failure(self) -> impl IntoView {
        view! { <RowActionFailure failure=self.failure/> }
    }
}

/// Writes the object at `path` back with one change. PUT replaces the whole object, so the
/// write starts from the server's current version (fetched just before), never from a list's
/// possibly stale copy: nobody's concurrent edit is undone by a toggle. `change` turns the
/// fresh object into the request to send, or says why it is not written.
pub async fn write_fresh<T, Req>(
    api: Api,
    path: &str,
    change: impl FnOnce(&T) -> Result<Req, ApiError>,
) -> Result<T, ApiError>
where
    T: FromJson,
    Req: Serialize,
{
    let fresh = api.get::<T>(path).await?;
    api.write::<_, T>(Verb::Put, path, &change(&fresh)?).await
}

/// A bulk action on objects with an enabled switch (policies, routes, nameserver groups).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwitchAction {
    Enable,
    Disable,
    Delete,
}

impl SwitchAction {
    /// The work on the object at `path`: deleted, or written back from the server's current
    /// version as `with_enabled(fresh, on)` makes it.
    pub async fn apply<T, Req>(
        self,
        api: Api,
        path: String,
        with_enabled: impl FnOnce(&T, bool) -> Result<Req, ApiError>,
    ) -> Result<(), ApiError>
    where
        T: FromJson,
        Req: Serialize,
    {
        let on = match self {
            SwitchAction::Delete => return api.delete(&path).await,
            SwitchAction::Enable => true,
            SwitchAction::Disable => false,
        };
        write_fresh(api, &path, |fresh: &T| with_enabled(fresh, on))
            .await
            .map(|_: T| ())
    }
}

/// Puts `row` in place of the listed row with its ID. The rows drawn are not drawn anew (a
/// click or the focus on them stays); what reads the list (its filters, sort, search, export
/// and the row's switch) reads the new row. For an object of the list just saved: the list
/// then says what the server does without being read again.
fn put_row(rows: RwSignal<TableRows>, row: Row) {
    rows.update(|r| {
        if let Some(at) = r.rows.iter().position(|listed| listed.id == row.id) {
            Arc::make_mut(&mut r.rows)[at] = row;
        }
    });
}

/// Whether the list holds the row `id` as enabled (its facet `enabled` is `yes`).
fn listed_enabled(rows: &TableRows, id: &str) -> bool {
    rows.rows
        .iter()
        .find(|row| row.id == id)
        .is_some_and(|row| {
            row.facets
                .iter()
                .any(|(key, value)| *key == "enabled" && value == "yes")
        })
}

/// Draws the column `enabled` of `columns` as each row's switch, showing what the list holds
/// (`rows`; the column's text is what search and export read). `disabled`: the rows may not be
/// changed; `busy`: the rows whose change is under way; `on_change` asks for (row ID, on), and
/// puts the saved object's row in the list (`put_row`) once the server has it. Not generic:
/// the pages share one copy.
fn enabled_switches(
    columns: &[Column],
    rows: RwSignal<TableRows>,
    disabled: Signal<bool>,
    busy: RwSignal<HashSet<String>>,
    on_change: Callback<(String, bool)>,
) -> CellView {
    let column = columns.iter().position(|c| c.key == "enabled");
    UnsyncCallback::new(move |(id, at): (String, usize)| {
        if Some(at) != column {
            return None;
        }
        let name = rows.with_untracked(|r| {
            r.rows
                .iter()
                .find(|row| row.id == id)
                .and_then(|row| row.cells.first())
                .map(|cell| cell.text.clone())
                .unwrap_or_default()
        });
        let (listed_id, busy_id) = (id.clone(), id.clone());
        Some(
            view! {
                <EnableSwitch label=tf("Enable {name}", &[("name", &name)])
                    checked=Signal::derive(move || rows.with(|r| listed_enabled(r, &listed_id)))
                    disabled
                    busy=Signal::derive(move || busy.with(|b| b.contains(&busy_id)))
                    on_change=Callback::new(move |on| on_change.run((id.clone(), on)))/>
            }
            .into_any(),
        )
    })
}

/// An on/off switch in a row (`role="switch"`), named for assistive technology by `label`. It
/// shows `checked`, the server's word: a click asks for the other state (`on_change`) and the
/// switch moves once `checked` does, so a change that fails leaves it where it was. While
/// `busy` it takes no click but keeps the focus (a disabled control would lose it).
#[component]
fn EnableSwitch(
    label: String,
    checked: Signal<bool>,
    disabled: Signal<bool>,
    busy: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="switch" title=move || if checked.get() { t("Enabled") } else { t("Disabled") }>
            <input type="checkbox" role="switch" name="enabled" aria-label=label
                prop:checked=checked disabled=disabled aria-disabled=move || busy.get().then_some("true")
                on:change:target=move |ev| {
                    let wanted = ev.target().checked();
                    ev.target().set_checked(checked.get_untracked());
                    if !busy.get_untracked() {
                        on_change.run(wanted)
                    }
                }/>
            <span class="switch__track" aria-hidden="true"></span>
        </label>
    }
}

/// What a row's action (its switch) could not do, above the table, brought into view when it
/// comes: the row may be far down a long list.
#[component]
fn RowActionFailure(failure: RwSignal<Option<ApiError>>) -> impl IntoView {
    let at = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if failure.with(Option::is_some) {
            if let Some(el) = at.get() {
                request_animation_frame(move || el.scroll_into_view());
            }
        }
    });
    view! {
        <div node_ref=at data-testid="row-action-failure">
            {move || failure.get().map(|error| view! { <ErrorNotice error/> })}
        </div>
    }
}
