//! What every list page shares: fetching a list (streamed, the first page shown before the rest
//! arrives), turning it into rows (pure, in each resource's `rows`), and the body with its
//! loading, error and table states.

use crate::base::error::ApiError;
use crate::base::json::FromJson;
use crate::base::json_array;
use crate::base::listing::{Column, Filter, Row, SearchSpec};
use crate::resources::names::Names;
use crate::resources::{GroupMinimum, PeerMinimum};
use crate::ui::api::{
    alongside, both, decode, resource, settled_on_cleanup, use_api, Api, Body, BoxedFuture, Res,
};
use crate::ui::kit::components::{loading_rows, ErrorNotice};
use crate::ui::kit::kept::{self, Freshness};
use crate::ui::kit::paint::{after_paint, painted};
use crate::ui::kit::table::{head_rows, DataTable, TableRows};
use leptos::prelude::*;
use std::cell::Cell;
use std::collections::HashSet;
use std::future::Future;
use std::rc::Rc;

/// Seconds since the epoch, for relative times.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

type Rows = Result<TableRows, ApiError>;

/// What follows the rows a list shows first, once it is in: the rows to show instead (the whole
/// list, or the same rows named), and an error to show above them, or instead of the table
/// when there are none.
struct Later {
    rows: Option<TableRows>,
    error: Option<ApiError>,
}

/// A list ready to show: its rows, or only the first page's of a long list together with the
/// rest of it, still arriving, to read and decode once that first page is painted (or its rows
/// with the groups' names still to come, to build again once they are in).
#[derive(Clone)]
pub struct ListData {
    rows: TableRows,
    rest: Option<Rc<Cell<Option<BoxedFuture<Later>>>>>,
    /// The rows this page showed when last visited (`kept`), shown while it loads again.
    kept: bool,
}

/// Reads a list body as it arrives and decodes it into rows. When the view needs only the first
/// `head` rows (the default first page), they are decoded and shown as soon as their bytes are
/// in: the first page of 10,000 peers (13 MB) does not wait for the rest to arrive, and the rest
/// is decoded as it arrives once that page is painted.
/// Once all of it is decoded, the list is kept under `keep` (`kept`), for coming back.
async fn load_list<T: FromJson + 'static>(
    mut body: Body,
    head: Option<usize>,
    keep: Option<String>,
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
                mark_decoded();
                let rest = async move {
                    match rows_as_they_arrive(body, &row).await {
                        Ok(all) => {
                            keep_rows(keep, &all);
                            Later {
                                rows: Some(all),
                                error: None,
                            }
                        }
                        Err(error) => Later {
                            rows: None,
                            error: Some(error),
                        },
                    }
                };
                return Ok(ListData {
                    rows: TableRows::head(head_rows),
                    rest: Some(Rc::new(Cell::new(Some(Box::pin(rest))))),
                    kept: false,
                });
            }
            if !body.read_more().await? {
                break;
            }
        }
    }
    let rows = rows_as_they_arrive(body, &row).await?;
    mark_decoded();
    keep_rows(keep, &rows);
    Ok(ListData {
        rows,
        rest: None,
        kept: false,
    })
}

/// Reads a list body as it arrives and keeps the rows `row` makes of some of its elements (a
/// group's members among every peer); `row` sees each element once, in order. When the view
/// needs only the first `head` rows, they are shown as soon as they are in, and the rest is read
/// once they are painted. A first page not found once 4 KB a row (1 MB at least) has arrived
/// is not waited for: the list is then read whole as it arrives, its bytes dropped as read.
pub async fn load_some<T: FromJson + 'static>(
    mut body: Body,
    head: Option<usize>,
    mut row: impl FnMut(T) -> Option<Row> + 'static,
) -> Result<ListData, ApiError> {
    let mut first = Vec::new();
    // Elements already handed to `row`.
    let mut taken = 0;
    if let Some(n) = head {
        let look = n.saturating_mul(4 << 10).max(1 << 20);
        let mut spans = Vec::new();
        'look: loop {
            json_array::extend(&body.bytes, usize::MAX, &mut spans);
            while let Some(span) = spans.get(taken) {
                // One that does not decode is read again below, for its error.
                let Ok(element) = decode::<T>(&body.bytes[span.clone()]) else {
                    break 'look;
                };
                taken += 1;
                first.extend(row(element));
                if first.len() == n {
                    mark_decoded();
                    let shown = TableRows::head(first.clone());
                    let rest = async move {
                        let mut all = first;
                        match body.each_of(taken, &mut |t| all.extend(row(t))).await {
                            Ok(()) => Later {
                                rows: Some(all.into()),
                                error: None,
                            },
                            Err(error) => Later {
                                rows: None,
                                error: Some(error),
                            },
                        }
                    };
                    return Ok(ListData {
                        rows: shown,
                        rest: Some(Rc::new(Cell::new(Some(Box::pin(rest))))),
                        kept: false,
                    });
                }
            }
            // (A first read may bring more than `look`: all of it is looked through.)
            if body.bytes.len() > look || !body.read_more().await? {
                break;
            }
        }
    }
    body.each_of(taken, &mut |t| first.extend(row(t))).await?;
    mark_decoded();
    Ok(ListData {
        rows: first.into(),
        rest: None,
        kept: false,
    })
}

impl ListData {
    /// Runs `whole` once every row is in (at once if they are), unless the rest fails: for
    /// what a page gathers from the whole list while its rows are built.
    pub fn when_whole(mut self, whole: impl FnOnce() + 'static) -> ListData {
        match self.rest.as_ref().and_then(|rest| rest.take()) {
            Some(rest) => {
                let rest = async move {
                    let later = rest.await;
                    if later.rows.is_some() {
                        whole();
                    }
                    later
                };
                self.rest = Some(Rc::new(Cell::new(Some(Box::pin(rest)))));
            }
            None => whole(),
        }
        self
    }
}

/// The rows of the JSON array of `T`s `body` holds, each built as soon as its element is in.
async fn rows_as_they_arrive<T: FromJson>(body: Body, row: &dyn Fn(&T) -> Row) -> Rows {
    Ok(body.array_of(&|t: T| row(&t)).await?.into())
}

/// For the benchmark's breakdown of a navigation: the first page of rows is decoded.
#[inline(never)]
fn mark_decoded() {
    super::marks::mark("nbc:first-page-decoded");
}

/// Done once `shown()` holds and the frame showing it has been painted (after the tasks
/// queued by then), or once the page waiting for it is left. What `Api::get_list_after` waits
/// for, to read a page's second list after its first is drawn.
pub fn once_painted(shown: impl Fn() -> bool + 'static) -> impl Future<Output = ()> {
    let (promise, resolve) = settled_on_cleanup();
    if let Some(done) = resolve {
        let done = Cell::new(Some(done));
        Effect::new(move |_| {
            if shown() {
                if let Some(done) = done.take() {
                    after_paint(move || {
                        let _ = done.call0(&wasm_bindgen::JsValue::UNDEFINED);
                    });
                }
            }
        });
    }
    async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// The body every list page shares: loading skeleton, the error notice with retry, the table.
#[component]
pub fn ListBody(
    rows: Res<Result<ListData, ApiError>>,
    columns: &'static [Column],
    /// Filter controls (their options may arrive after the rows; their keys may not change).
    #[prop(optional, into)]
    filters: Signal<Vec<Filter>>,
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
    let freshness = Freshness::new();
    rows.view(loading_rows, move |result| {
        let retry = Callback::new(move |_| rows.refetch());
        match result {
            Ok(loaded) => {
                let status = freshness.view(loaded.kept);
                let shown = RwSignal::new(loaded.rows);
                if let Some(current) = current {
                    Effect::new(move |_| current.set(shown.get()));
                }
                // An error instead of the table, or above it.
                let failed = RwSignal::new(None::<ApiError>);
                let notice = RwSignal::new(None::<ApiError>);
                if let Some(rest) = loaded.rest.and_then(|r| r.take()) {
                    after_paint(move || {
                        leptos::task::spawn_local(async move {
                            let later = rest.await;
                            // The page may have been left (its request is then aborted).
                            if shown.is_disposed() {
                                return;
                            }
                            match later.rows {
                                Some(rows) => {
                                    shown.set(rows);
                                    notice.set(later.error);
                                }
                                None => failed.set(later.error),
                            }
                        });
                    });
                }
                let notice = move || notice.get().map(|error| view! { <ErrorNotice error retry/> });
                let body = move || match failed.get() {
                    Some(error) => view! { <ErrorNotice error retry/> }.into_any(),
                    None if table.is_some() => table.map(|t| t.run(shown)).into_any(),
                    None => {
                        match (selection, row_actions) {
                            (Some(selection), Some(row_actions)) => view! {
                                <DataTable columns rows=shown filters=filters noun search selection row_actions/>
                            }.into_any(),
                            (None, Some(row_actions)) => view! {
                                <DataTable columns rows=shown filters=filters noun search row_actions/>
                            }.into_any(),
                            (Some(selection), None) => view! {
                                <DataTable columns rows=shown filters=filters noun search selection/>
                            }.into_any(),
                            _ => view! { <DataTable columns rows=shown filters=filters noun search/> }.into_any(),
                        }
                    }
                };
                view! { {status} {notice} {body} }.into_any()
            }
            Err(error) => view! { <ErrorNotice error retry/> }.into_any(),
        }
    })
}

/// Groups (and, where needed, peers) for showing names instead of IDs.
pub fn names(api: Api, with_peers: bool) -> impl Future<Output = Result<Names, ApiError>> {
    // As ID, name and size: the members each group lists (tens of thousands of peers in a
    // large account) are skipped unread.
    let groups = api.get_list::<GroupMinimum>("/api/groups");
    // Only IDs and names: the rest of each peer is skipped without building it.
    let peers = with_peers.then(|| api.get_list::<PeerMinimum>("/api/peers"));
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

/// A list page's rows from one endpoint, named with the account's groups. Both are asked for at
/// once, but the rows do not wait for the groups (1,000 groups beside 10,000 peers are a 2.8 MB
/// list): unless their names are in first, the rows show them as loading, then are built again
/// named. If the groups fail, the rows stay, with the error and a retry above them. Coming back
/// to the page, the rows of the last visit show until the new ones are in, named.
///
/// `seen`, if given, holds the names the rows were last built with: a page that builds a saved
/// object's row again (its switch) builds it with them.
pub fn named_list_of<T: FromJson + 'static>(
    path: &'static str,
    row: impl Fn(&T, &Names, i64) -> Row + Copy + 'static,
    seen: Option<StoredValue<Option<Names>, LocalStorage>>,
) -> Res<Result<ListData, ApiError>> {
    let api = use_api();
    let (key, earlier) = kept_rows(path, true);
    // The last visit's rows are on screen meanwhile: the new ones are asked for once those are
    // painted, and wait for the names.
    let waits = earlier.is_some();
    let rows = resource(move || {
        let body = api.get_body(path);
        let names: BoxedFuture<Result<Names, ApiError>> = Box::pin(names(api, false));
        let key = key.clone();
        async move {
            if waits {
                painted().await;
            }
            let mut names = names;
            let mut named = None;
            let items = async { body.await?.array_of(&|t: T| t).await };
            let items: Vec<T> = alongside(items, &mut names, &mut named).await?;
            if waits && named.is_none() {
                named = Some(names.as_mut().await);
            }
            let now = now_secs();
            let build = move |names: &Names| -> TableRows {
                if let Some(seen) = seen {
                    seen.try_set_value(Some(names.clone()));
                }
                items
                    .iter()
                    .map(|t| row(t, names, now))
                    .collect::<Vec<_>>()
                    .into()
            };
            Ok(named_rows(Box::new(build), names, named, key))
        }
    });
    show_kept(rows, earlier);
    rows
}

/// For the benchmark: a list that names groups shows them named.
const NAMED: &str = "nbc:list-named";

/// `named_list_of`'s rows, built by `build` with the names if they are in (`named`), else
/// first as loading and again once `names` are in. (Not generic: one copy serves every list.)
#[inline(never)]
fn named_rows(
    build: Box<dyn Fn(&Names) -> TableRows>,
    names: BoxedFuture<Result<Names, ApiError>>,
    named: Option<Result<Names, ApiError>>,
    key: Option<String>,
) -> ListData {
    // Groups that failed before the rows were in fail as if after them: the rows still show.
    let (names, named): (BoxedFuture<Result<Names, ApiError>>, _) = match named {
        Some(Err(error)) => (Box::pin(std::future::ready(Err(error))), None),
        named => (names, named),
    };
    if let Some(Ok(names)) = named {
        let rows = build(&names);
        mark_decoded();
        keep_rows(key, &rows);
        super::marks::mark_painted(NAMED);
        return ListData {
            rows,
            rest: None,
            kept: false,
        };
    }
    let first = build(&Names::pending_groups());
    let edition = first.edition + 1;
    mark_decoded();
    let later = async move {
        let (names, error) = match names.await {
            Ok(names) => (names, None),
            // Said above the rows, which then name the groups by their IDs.
            Err(error) => (Names::default(), Some(error)),
        };
        // The same rows, named: drawn anew.
        let rows = TableRows {
            edition,
            ..build(&names)
        };
        if error.is_none() {
            keep_rows(key, &rows);
        }
        super::marks::mark_painted(NAMED);
        Later {
            rows: Some(rows),
            error,
        }
    };
    ListData {
        rows: first,
        rest: Some(Rc::new(Cell::new(Some(Box::pin(later))))),
        kept: false,
    }
}

/// A list page's rows from one endpoint, built with what `context` fetches alongside it (the
/// names to show IDs by, say). Coming back to the page, the rows it last showed are shown at
/// once while it loads again (`kept`).
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
    list_keeping(path, columns, filters, context, row, true)
}

/// `list_with`, keeping the rows for coming back only if `keep`: a page whose rows are not all
/// it needs (its `context` gathers more as rows are built) loads afresh on every visit.
pub fn list_keeping<T: FromJson + 'static, C: 'static, F>(
    path: &'static str,
    columns: &'static [Column],
    filters: &[Filter],
    context: impl Fn() -> F + 'static,
    row: impl Fn(&T, &C, i64) -> Row + Copy + 'static,
    keep: bool,
) -> Res<Result<ListData, ApiError>>
where
    F: Future<Output = Result<C, ApiError>> + 'static,
{
    let api = use_api();
    let (key, earlier) = kept_rows(path, keep);
    // With the earlier rows shown, the new ones are asked for once those are painted, and
    // replace them whole, not first page first.
    let again = earlier.is_some();
    let head = if again {
        None
    } else {
        head_rows(columns, filters)
    };
    let rows = resource(move || {
        let fetched = both(api.get_body(path), context());
        let key = key.clone();
        async move {
            if again {
                painted().await;
            }
            let (body, context) = fetched.await;
            let context = context?;
            let now = now_secs();
            load_list(body?, head, key, move |t: &T| row(t, &context, now)).await
        }
    });
    show_kept(rows, earlier);
    rows
}

/// Where a list page keeps its rows for coming back (if it does), and the rows it showed when
/// last visited. (Not generic, as `show_kept` and `keep_rows`: one copy serves every list.)
#[inline(never)]
fn kept_rows(path: &str, keep: bool) -> (Option<String>, Option<TableRows>) {
    let key = keep.then(|| kept::key(path));
    let earlier = key.as_deref().and_then(kept::get::<TableRows>);
    (key, earlier)
}

#[inline(never)]
fn show_kept(rows: Res<Result<ListData, ApiError>>, earlier: Option<TableRows>) {
    if let Some(earlier) = earlier {
        rows.show_meanwhile(Ok(ListData {
            rows: earlier,
            rest: None,
            kept: true,
        }));
    }
}

#[inline(never)]
fn keep_rows(key: Option<String>, rows: &TableRows) {
    if let Some(key) = key {
        kept::put(key, rows.clone());
    }
}
