//! What every list page shares: fetching a list (streamed, the first page shown before the rest
//! arrives), turning it into rows (pure, in each resource's `rows`), and the body with its
//! loading, error and table states.

use crate::base::error::ApiError;
use crate::base::json::{self, FromJson};
use crate::base::json_array;
use crate::base::listing::{Column, Filter, Row, SearchSpec};
use crate::resources::names::Names;
use crate::resources::{Group, PeerMinimum};
use crate::ui::api::{both, decode, resource, use_api, Api, Body, BoxedFuture, Res};
use crate::ui::kit::components::{loading_rows, ErrorNotice};
use crate::ui::kit::table::{head_rows, DataTable, TableRows};
use leptos::prelude::*;
use std::cell::Cell;
use std::collections::HashSet;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

/// Seconds since the epoch, for relative times.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

type Rows = Result<Vec<Row>, ApiError>;

/// A list ready to show: its rows, or only the first page's of a long list together with the
/// rest of it, still arriving, to read and decode once that first page is painted.
#[derive(Clone)]
pub struct ListData {
    rows: TableRows,
    rest: Option<Rc<Cell<Option<BoxedFuture<Rows>>>>>,
}

/// Reads a list body as it arrives and decodes it into rows. When the view needs only the first
/// `head` rows (the default first page), they are decoded and shown as soon as their bytes are
/// in: the first page of 10,000 peers (13 MB) does not wait for the rest to arrive.
async fn load_list<T: FromJson + 'static>(
    mut body: Body,
    head: Option<usize>,
    row: impl Fn(&T) -> Row + 'static,
) -> Result<ListData, ApiError> {
    if let Some(n) = head {
        let mut spans = Vec::new();
        loop {
            json_array::extend(&body.bytes, n, &mut spans);
            if spans.len() == n {
                let head_rows: Option<Vec<Row>> = spans
                    .into_iter()
                    .map(|span| decode::<T>(&body.bytes[span]).ok().map(|t| row(&t)))
                    .collect();
                // An element that does not decode: the whole body is decoded, for its error.
                let Some(head_rows) = head_rows else { break };
                let rest = async move { rows_of(&body.read_to_end().await?, &row) };
                return Ok(ListData {
                    rows: TableRows::head(head_rows),
                    rest: Some(Rc::new(Cell::new(Some(Box::pin(rest))))),
                });
            }
            if !body.read_more().await? {
                break;
            }
        }
    }
    Ok(ListData {
        rows: rows_of(&body.read_to_end().await?, &row)?.into(),
        rest: None,
    })
}

/// The rows of a JSON array of `T`s, each built as its element is read.
fn rows_of<T: FromJson>(body: &[u8], row: &dyn Fn(&T) -> Row) -> Rows {
    let mut rows = Vec::new();
    json::decode_each(body, &mut |t: T| rows.push(row(&t)))?;
    Ok(rows)
}

/// Runs `f` after the next frame is painted, behind the tasks queued by then (the table's own
/// after-paint work, an input event), so that a long `f` holds up nothing already waiting.
fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        set_timeout(move || set_timeout(f, Duration::ZERO), Duration::ZERO)
    });
}

/// The body every list page shares: loading skeleton, the error notice with retry, the table.
#[component]
pub fn ListBody(
    rows: Res<Result<ListData, ApiError>>,
    columns: &'static [Column],
    #[prop(optional)] filters: Vec<Filter>,
    noun: &'static str,
    /// Row selection, for bulk actions.
    #[prop(optional)]
    selection: Option<RwSignal<HashSet<String>>>,
    #[prop(optional)] row_actions: Option<UnsyncCallback<String, AnyView>>,
    #[prop(optional)] search: SearchSpec,
    /// Given, it holds the rows the table shows (for a page that names selected rows).
    #[prop(optional)]
    current: Option<RwSignal<TableRows>>,
    /// Draws the table over the loaded rows itself (a page that narrows them first, or draws
    /// some cells itself), instead of the plain one.
    #[prop(optional)]
    table: Option<UnsyncCallback<RwSignal<TableRows>, AnyView>>,
) -> impl IntoView {
    let filters = StoredValue::new(filters);
    rows.view(loading_rows, move |result| {
        let retry = Callback::new(move |_| rows.refetch());
        match result {
            Ok(loaded) => {
                let shown = RwSignal::new(loaded.rows);
                if let Some(current) = current {
                    Effect::new(move |_| current.set(shown.get()));
                }
                let failed = RwSignal::new(None::<ApiError>);
                if let Some(rest) = loaded.rest.and_then(|r| r.take()) {
                    after_paint(move || {
                        leptos::task::spawn_local(async move {
                            let rest = rest.await;
                            // The page may have been left (its request is then aborted).
                            if shown.is_disposed() {
                                return;
                            }
                            match rest {
                                Ok(all) => shown.set(all.into()),
                                Err(error) => failed.set(Some(error)),
                            }
                        });
                    });
                }
                (move || match failed.get() {
                    Some(error) => view! { <ErrorNotice error retry/> }.into_any(),
                    None if table.is_some() => table.map(|t| t.run(shown)).into_any(),
                    None => {
                        match (selection, row_actions) {
                            (Some(selection), Some(row_actions)) => view! {
                                <DataTable columns rows=shown filters=filters.get_value() noun search selection row_actions/>
                            }.into_any(),
                            (None, Some(row_actions)) => view! {
                                <DataTable columns rows=shown filters=filters.get_value() noun search row_actions/>
                            }.into_any(),
                            _ => view! { <DataTable columns rows=shown filters=filters.get_value() noun search/> }.into_any(),
                        }
                    }
                })
                .into_any()
            }
            Err(error) => view! { <ErrorNotice error retry/> }.into_any(),
        }
    })
}

/// Groups (and, where needed, peers) for showing names instead of IDs.
pub fn names(api: Api, with_peers: bool) -> impl Future<Output = Result<Names, ApiError>> {
    let groups = api.get::<Vec<Group>>("/api/groups");
    // Only IDs and names: the rest of each peer is skipped without building it.
    let peers = with_peers.then(|| api.get::<Vec<PeerMinimum>>("/api/peers"));
    async move {
        let peers = async move {
            match peers {
                Some(p) => p.await,
                None => Ok(Vec::new()),
            }
        };
        let (groups, peers) = both(groups, peers).await;
        Ok(Names::of(&peers?, &groups?))
    }
}

/// A list page's rows from one endpoint; `row` builds a row from each element (given the time
/// now, for relative times).
pub fn list_of<T: FromJson + 'static>(
    path: &'static str,
    columns: &'static [Column],
    filters: &[Filter],
    row: impl Fn(&T, i64) -> Row + Copy + 'static,
) -> Res<Result<ListData, ApiError>> {
    let api = use_api();
    let head = head_rows(columns, filters);
    resource(move || {
        let body = api.get_body(path);
        async move {
            let now = now_secs();
            load_list(body.await?, head, move |t: &T| row(t, now)).await
        }
    })
}

/// A list page's rows from one endpoint, named with the account's groups.
pub fn named_list_of<T: FromJson + 'static>(
    path: &'static str,
    columns: &'static [Column],
    filters: &[Filter],
    row: impl Fn(&T, &Names, i64) -> Row + Copy + 'static,
) -> Res<Result<ListData, ApiError>> {
    let api = use_api();
    list_with(path, columns, filters, move || names(api, false), row)
}

/// A list page's rows from one endpoint, built with what `context` fetches alongside it (the
/// names to show IDs by, say).
pub fn list_with<T: FromJson + 'static, C: 'static, F>(
    path: &'static str,
    columns: &'static [Column],
    filters: &[Filter],
    context: impl Fn() -> F + 'static,
    row: impl Fn(&T, &C, i64) -> Row + Copy + 'static,
) -> Res<Result<ListData, ApiError>>
where
    F: Future<Output = Result<C, ApiError>> + 'static,
{
    let api = use_api();
    let head = head_rows(columns, filters);
    resource(move || {
        let fetched = both(api.get_body(path), context());
        async move {
            let (body, context) = fetched.await;
            let context = context?;
            let now = now_secs();
            load_list(body?, head, move |t: &T| row(t, &context, now)).await
        }
    })
}
