//! The one table component: non-generic over plain `Row`s, with every piece of state
//! (page, size, sort, search, filters) in the URL query. The maths is in `crate::base::listing`.

use super::components::{LoadingRows, When};
use super::paint::after_paint;
use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use crate::base::listing::{
    self, page_window, virtual_window, CellStyle, Column, Filter, ListQuery, PageItem, Row,
    SearchSpec, PAGE_SIZES, VIRTUAL_FROM,
};
use crate::registry::plural_noun;
use crate::ui::preference::{keep, kept};
use crate::ui::router::{here, href};
use crate::ui::router::{use_location, use_navigate, NavigateOptions};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// What a table shows: every row, or while a long list is still arriving, only its leading
/// rows (`more`), enough for the first page of the default view.
#[derive(Clone, Debug, Default)]
pub struct TableRows {
    pub rows: Arc<Vec<Row>>,
    pub more: bool,
    /// Given, only the rows flagged here are listed (a page's own filters narrow them so,
    /// without copying rows).
    pub keep: Option<Arc<Vec<bool>>>,
    /// Changed when the rows are built again with other content under the same IDs (names
    /// that arrived after the rows were first shown): the table then draws its rows anew,
    /// where rows only added to (the rest of a long list) keep those already drawn.
    pub edition: u32,
}

impl TableRows {
    /// The leading rows of a list whose rest is still arriving.
    pub fn head(rows: Vec<Row>) -> TableRows {
        TableRows {
            rows: Arc::new(rows),
            more: true,
            keep: None,
            edition: 0,
        }
    }
}

impl TableRows {
    /// The rows whose IDs are in `ids`, as (ID, name): what a bulk action works on and
    /// names in its preview and report (a row's name is its first cell).
    pub fn chosen(&self, ids: &HashSet<String>) -> Vec<(String, String)> {
        self.rows
            .iter()
            .filter(|row| ids.contains(&row.id))
            .map(|row| {
                let name = row
                    .cells
                    .first()
                    .map(|c| c.text.clone())
                    .unwrap_or_default();
                (row.id.clone(), name)
            })
            .collect()
    }
}

impl TableRows {
    /// How many rows are listed (those kept, when the page narrows them).
    pub fn listed(&self) -> usize {
        self.keep
            .as_ref()
            .map_or(self.rows.len(), |k| k.iter().filter(|b| **b).count())
    }
    fn kept(&self, i: usize) -> bool {
        self.keep
            .as_ref()
            .is_none_or(|k| k.get(i).copied().unwrap_or(false))
    }
}

/// `listing::list_searched` over only the rows the page keeps.
fn list_kept(
    r: &TableRows,
    columns: &[Column],
    q: &ListQuery,
    s: &listing::Search,
) -> listing::Listing {
    if r.keep.is_none() {
        return listing::list_searched(&r.rows, columns, q, s);
    }
    let mut matched = listing::matching_rows(&r.rows, columns, q, s);
    matched.retain(|i| r.kept(*i));
    let matching = matched.len();
    let size = q.size.max(1);
    let pages = matching.div_ceil(size).max(1);
    let page = q.page.clamp(1, pages);
    let start = (page - 1) * size;
    let end = (start + size).min(matching);
    let page_rows = matched
        .get(start..end)
        .map(<[usize]>::to_vec)
        .unwrap_or_default();
    let (first, last) = if page_rows.is_empty() {
        (0, 0)
    } else {
        (start + 1, end)
    };
    listing::Listing {
        page_rows,
        matching,
        page,
        pages,
        first,
        last,
    }
}

impl From<Vec<Row>> for TableRows {
    fn from(rows: Vec<Row>) -> TableRows {
        TableRows {
            rows: Arc::new(rows),
            more: false,
            keep: None,
            edition: 0,
        }
    }
}

/// How many leading rows the current URL's view needs to show its page (`None`: every row),
/// for a table with these columns and filters. Read once, as a page starts loading.
pub fn head_rows(columns: &[Column], filters: &[Filter]) -> Option<usize> {
    let keys: Vec<&str> = filters.iter().map(|f| f.key).collect();
    let query = use_location().query.with_untracked(|pairs| {
        ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), &keys)
    });
    listing::head_rows_needed(&query, columns)
}

/// Draws a cell itself: given (row ID, column index), its view, or `None` for the plain text.
pub type CellView = UnsyncCallback<(String, usize), Option<AnyView>>;

fn render_row(
    row: &Row,
    selection: Option<RwSignal<HashSet<String>>>,
    row_actions: Option<UnsyncCallback<String, AnyView>>,
    cell_view: Option<CellView>,
) -> AnyView {
    let select = selection.map(|sel| {
        let id = row.id.clone();
        let id2 = row.id.clone();
        let label = tf("Select {name}", &[("name", row.cells.first().map(|c| c.text.as_str()).unwrap_or(""))]);
        view! {
            <td class="select-col">
                <input type="checkbox" aria-label=label prop:checked=move || sel.with(|s| s.contains(&id))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        sel.update(|s| { if on { s.insert(id2.clone()); } else { s.remove(&id2); } });
                    }/>
            </td>
        }
    });
    let actions =
        row_actions.map(|cb| view! { <td class="actions-col">{cb.run(row.id.clone())}</td> });
    let cells = row
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if let Some(drawn) = cell_view.and_then(|v| v.run((row.id.clone(), i))) {
                return view! { <td>{drawn}</td> }.into_any();
            }
            let class = match c.style {
                CellStyle::Plain if one_word(&c.text) => "cell cell--word",
                CellStyle::Plain => "cell",
                CellStyle::Strong => "cell cell--strong",
                CellStyle::Mono if one_word(&c.text) => "cell cell--mono cell--word",
                CellStyle::Mono => "cell cell--mono",
                CellStyle::Muted => "cell cell--muted",
                CellStyle::Badge(tone) => tone.class(),
            };
            let sub = c
                .sub
                .clone()
                .map(|s| view! { <span class="cell__sub">{s}</span> });
            view! {
                <td>
                    <span class=class title=c.title.clone()>{c.text.clone()}</span>
                    {sub}
                </td>
            }
            .into_any()
        })
        .collect_view();
    view! { <tr data-id=row.id.clone()>{select}{cells}{actions}</tr> }.into_any()
}

/// Whether a cell's `text` is one short word ("gw-ams-1", "10.10.0.0/16"; 32 bytes at most):
/// drawn on one line, not broken at its hyphens or slashes when its column is narrow. Longer
/// text still breaks to stay in its cell.
fn one_word(text: &str) -> bool {
    text.len() <= 32 && !text.contains(char::is_whitespace)
}

/// The average height of the rows rendered in `body` (the spacer rows left out), in pixels.
fn rendered_row_height(body: &web_sys::Element) -> Option<f64> {
    let mut rows = 0u32;
    let mut top = None;
    let mut bottom = 0.0;
    let mut next = body.first_element_child();
    while let Some(row) = next {
        if row.has_attribute("data-id") {
            let rect = row.get_bounding_client_rect();
            top.get_or_insert(rect.top());
            bottom = rect.bottom();
            rows += 1;
        }
        next = row.next_element_sibling();
    }
    let height = (bottom - top?) / f64::from(rows);
    (height.is_finite() && height >= 8.0).then_some(height)
}

/// What an export writes.
#[derive(Clone, Copy)]
enum Format {
    Csv,
    Json,
}

/// A filter with more options than this renders only the chosen one until the control is first
/// focused or pressed: a routes table's "via" filter has an option per routing peer, a policies
/// table's group filter one per group, and a thousand `<option>`s built and laid out held up the
/// table's first paint by tens of milliseconds. (Such a control has a fixed width, so that it
/// does not widen under the pointer as its options arrive.)
const OPTIONS_UP_FRONT: usize = 50;

/// Where the columns hidden in tables of `noun` are kept.
fn hidden_key(noun: &str) -> String {
    format!("netbird-console.hidden-columns.{noun}")
}

/// The columns hidden in tables of `noun`, as this browser keeps them.
fn stored_hidden(noun: &str, columns: &[Column]) -> Vec<&'static str> {
    listing::hidden_columns(&kept(&hidden_key(noun)).unwrap_or_default(), columns)
}

/// A paginated, sortable, searchable table over `rows`, with export of the current view and,
/// when rows can be selected, "select all matching".
#[component]
pub fn DataTable(
    /// Column definitions; `key` is what `sort=` names in the URL.
    columns: &'static [Column],
    /// The rows, already built from API models (all of them, or the first page's while the
    /// rest is decoded).
    #[prop(into)]
    rows: Signal<TableRows>,
    /// Filter controls; their keys are URL query keys. Their options may change (a page shows
    /// IDs' names once they arrive); their keys may not.
    #[prop(optional, into)]
    filters: Signal<Vec<Filter>>,
    /// Singular noun for counts ("peer").
    noun: &'static str,
    /// Row selection (row IDs), shown as a checkbox column when given.
    #[prop(optional)]
    selection: Option<RwSignal<HashSet<String>>>,
    /// Renders the last, "Actions" column for a row ID.
    #[prop(optional)]
    row_actions: Option<UnsyncCallback<String, AnyView>>,
    /// What the search box understands beyond words (qualifiers, addresses).
    #[prop(optional)]
    search: SearchSpec,
    /// Query keys the page filters its rows by itself before they reach the table (a date
    /// range, say): kept in every link and navigation the table makes, never matched against
    /// the rows' facets.
    #[prop(optional)]
    page_filters: &'static [&'static str],
    /// Draws some cells itself (links, say); search and export still take the cells' text.
    #[prop(optional)]
    cell_view: Option<CellView>,
) -> impl IntoView {
    let filter_keys: Vec<&'static str> = filters.with_untracked(|filters| {
        filters
            .iter()
            .map(|f| f.key)
            .chain(page_filters.iter().copied())
            .collect()
    });
    // A table left frees its rows once the next page is painted: 10,000 rows take
    // milliseconds to free, which the page shown next need not wait for.
    on_cleanup(move || {
        if let Some(shown) = rows.try_get_untracked() {
            after_paint(move || drop(shown));
        }
    });
    let location = use_location();
    let navigate = use_navigate();
    let total = move || rows.with(TableRows::listed);
    let more = move || rows.with(|r| r.more);
    let query = Memo::new(move |_| {
        location.query.with(|pairs| {
            ListQuery::from_pairs(
                pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                &filter_keys,
            )
        })
    });
    let parsed = Memo::new(move |_| query.with(|q| search.parse(&q.q)));
    // What the table itself lists by: the query without the page's own filters.
    let table_query = Memo::new(move |_| {
        let mut q = query.get();
        q.filters
            .retain(|(k, _)| !page_filters.contains(&k.as_str()));
        q
    });
    let page_filtered = move || {
        !page_filters.is_empty()
            && query.with(|q| q.filters.len()) > table_query.with(|q| q.filters.len())
    };
    // Until every row is at hand only the first page of the default view can be listed; any
    // other view waits (shown as loading) for the rest, a frame or two later.
    let listing = Memo::new(move |_| {
        table_query.with(|q| {
            rows.with(|r| {
                let enough = !r.more
                    || listing::head_rows_needed(q, columns).is_some_and(|n| r.rows.len() >= n);
                enough.then(|| parsed.with(|s| list_kept(r, columns, q, s)))
            })
        })
    });
    let waiting = move || listing.with(Option::is_none);
    // Benchmark mark (read by tests/e2e/src/bin/bench.rs): each time a new listing is rendered,
    // mark `nbc:table-painted` once the frame that shows it has been laid out and painted: the
    // next animation frame, then the task after it (not while it waits for rows). Writes nothing.
    // The first listing painted also lets other pages' modules be prefetched (`split`).
    Effect::new(move |_| {
        if listing.with(Option::is_some) {
            super::marks::mark_painted("nbc:table-painted");
            crate::ui::split::first_listing_painted();
        }
    });
    // Long pages (1,000 rows) render only the rows near the viewport, between two spacer rows
    // sized from the measured row height; scrolling moves the window.
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    let window_range = RwSignal::new((0usize, 40usize));
    let row_px = StoredValue::new(48.0f64);
    let measured = StoredValue::new(false);
    let page_len = move || listing.with(|l| l.as_ref().map_or(0, |l| l.page_rows.len()));
    // A frame or event that fires after the table is gone must not touch its (disposed) state.
    let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let still_alive = alive.clone();
    let measure = move || {
        if !still_alive.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let Some(body) = tbody.get_untracked() else {
            return;
        };
        let len = listing.with_untracked(|l| l.as_ref().map_or(0, |l| l.page_rows.len()));
        if len <= VIRTUAL_FROM {
            return;
        }
        // The row height is measured once, from the rows first rendered (again after a
        // resize, which rewraps them). Re-measuring as the window moves let the estimate follow
        // whichever rows were in view: every change resized the spacers, moved the rows under
        // the reader and moved the window again, a loop that never settled.
        if !measured.get_value() {
            if let Some(height) = rendered_row_height(&body) {
                row_px.set_value(height);
                measured.set_value(true);
            }
        }
        let rect = body.get_bounding_client_rect();
        let viewport = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(1000.0);
        let next = virtual_window(len, rect.top(), viewport, row_px.get_value());
        if next != window_range.get_untracked() {
            window_range.set(next);
        }
    };
    let on_frame = measure.clone();
    Effect::new(move |_| {
        listing.track();
        window_range.track();
        request_animation_frame(on_frame.clone());
    });
    let on_scroll = measure.clone();
    let on_scroll = window_event_listener_untyped("scroll", move |_| on_scroll());
    let on_resize = window_event_listener_untyped("resize", move |_| {
        if measured.try_set_value(false).is_none() {
            measure();
        }
    });
    let listeners = send_wrapper::SendWrapper::new((on_scroll, on_resize));
    on_cleanup(move || {
        alive.store(false, std::sync::atomic::Ordering::Relaxed);
        let (a, b) = listeners.take();
        a.remove();
        b.remove();
    });
    let visible = move || {
        // Rows drawn anew under the same IDs list the same: followed apart.
        rows.with(|r| r.edition);
        listing.with(|l| {
            let Some(l) = l else { return Vec::new() };
            let len = l.page_rows.len();
            if len <= VIRTUAL_FROM {
                l.page_rows.clone()
            } else {
                let (start, end) = window_range.get();
                let end = end.min(len);
                l.page_rows[start.min(end)..end].to_vec()
            }
        })
    };
    let span =
        columns.len() + usize::from(selection.is_some()) + usize::from(row_actions.is_some());
    // Whole pixels: keeps float formatting out of the bundle.
    let spacer = move |rows: usize| {
        (rows > 0).then(|| {
            let px = format!("{}px", (rows as f64 * row_px.get_value()) as u64);
            // `style:` sets the property through the CSSOM, which a strict CSP
            // (`style-src 'self'`) allows; an inline style attribute it would block.
            view! { <tr class="spacer" aria-hidden="true"><td colspan=span style:height=px></td></tr> }
        })
    };
    let spacer_above = move || {
        let len = page_len();
        spacer(if len > VIRTUAL_FROM {
            window_range.get().0.min(len)
        } else {
            0
        })
    };
    let spacer_below = move || {
        let len = page_len();
        spacer(if len > VIRTUAL_FROM {
            len - window_range.get().1.min(len)
        } else {
            0
        })
    };

    // The page's own path: a table never outlives its page, so it is read once (untracked: the
    // table must not react to the path changing as its page is left).
    let page_path = StoredValue::new(here(&location.pathname.get_untracked()));
    let link =
        move |q: &ListQuery| href(&format!("{}{}", page_path.get_value(), q.to_query_string()));
    let go = move |q: ListQuery, replace: bool| {
        let path = format!("{}{}", page_path.get_value(), q.to_query_string());
        navigate(
            &path,
            NavigateOptions {
                replace,
                scroll: false,
            },
        );
    };
    let go_search = go.clone();
    let go_size = go.clone();

    let select_all = selection.map(|sel| {
        let page_ids = move || {
            listing.with(|l| rows.with(|r| l.iter().flat_map(|l| &l.page_rows).filter_map(|i| r.rows.get(*i).map(|row| row.id.clone())).collect::<Vec<_>>()))
        };
        let all_checked = move || {
            let ids = page_ids();
            !ids.is_empty() && sel.with(|s| ids.iter().all(|id| s.contains(id)))
        };
        view! {
            <th class="select-col">
                <input type="checkbox" aria-label=t("Select all rows on this page") prop:checked=all_checked
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        let ids = page_ids();
                        sel.update(|s| for id in ids { if on { s.insert(id); } else { s.remove(&id); } });
                    }/>
            </th>
        }
    });
    // Every row the current view matches, across its pages, in display order, given to `f`
    // (`None` once the page was left): what "select all matching" and export take.
    let with_matching = move |f: &mut dyn FnMut(&[&Row])| {
        rows.try_with_untracked(|r| {
            table_query.with_untracked(|q| {
                let shown: Vec<&Row> = parsed
                    .with_untracked(|s| listing::matching_rows(&r.rows, columns, q, s))
                    .into_iter()
                    .filter(|i| r.kept(*i))
                    .filter_map(|i| r.rows.get(i))
                    .collect();
                f(&shown)
            })
        })
    };
    let select_matching = selection.map(|sel| {
        let offer = move || {
            let matching = listing.with(|l| l.as_ref().map_or(0, |l| l.matching));
            let shown = page_len();
            (matching > shown && sel.with(|s| s.len() < matching && !s.is_empty()))
                .then_some(matching)
        };
        move || {
            offer().map(|n| {
                view! {
                    <button type="button" class="btn btn--small" data-testid="select-matching"
                        on:click=move |_| {
                            let mut ids = HashSet::new();
                            with_matching(&mut |shown| ids = shown.iter().map(|r| r.id.clone()).collect());
                            sel.set(ids);
                        }>
                        {tf("Select all {count} matching", &[("count", &thousands(n as u64))])}
                    </button>
                }
            })
        }
    });
    // The export code is a module of its own, fetched on the first export.
    let export_failed = RwSignal::new(false);
    let export = move |format: Format| {
        leptos::task::spawn_local(async move {
            let Ok(write) = crate::ui::split::exporter().await else {
                let _ = export_failed.try_set(true);
                return;
            };
            let _ = export_failed.try_set(false);
            let what = plural_noun(noun, 2);
            with_matching(&mut |shown| {
                write(columns, shown, matches!(format, Format::Json), &what)
            });
        });
    };
    // The columns the reader hid, in every table of this noun in this browser (a preference,
    // not part of the view a link shares): hidden by the stylesheet, so rows are not drawn
    // again when one is hidden or shown. Search, sort and export still take every column.
    let hidden = RwSignal::new(stored_hidden(noun, columns));
    let offset = usize::from(selection.is_some());
    let hide = move || hidden.with(|h| listing::hidden_tokens(h, columns, offset));
    let chooser = (columns.len() > 1).then(|| {
        let choices = columns
            .iter()
            .skip(1)
            .map(|c| {
                let key = c.key;
                view! {
                    <label class="check">
                        // Only this box changes whether its column is hidden: it is ticked as
                        // the table opens, then follows the reader's clicks by itself.
                        <input type="checkbox" name="column" value=key
                            checked=hidden.with_untracked(|h| !h.contains(&key))
                            on:change:target=move |ev| {
                                let shown = ev.target().checked();
                                hidden.update(|h| {
                                    h.retain(|k| *k != key);
                                    if !shown {
                                        h.push(key);
                                    }
                                });
                                // Nothing kept when none is hidden.
                                keep(&hidden_key(noun), &hidden.get_untracked().join(","));
                            }/>
                        {t(c.title)}
                    </label>
                }
            })
            .collect_view();
        // Escape closes the menu, the focus back on its button.
        let menu = NodeRef::<leptos::html::Details>::new();
        let button = NodeRef::<leptos::html::Summary>::new();
        let on_key = move |ev: web_sys::KeyboardEvent| {
            if let (true, Some(menu), Some(button)) =
                (ev.key() == "Escape", menu.get(), button.get())
            {
                if menu.open() {
                    menu.set_open(false);
                    let _ = button.focus();
                }
            }
        };
        view! {
            <details class="columns" data-testid="columns" node_ref=menu on:keydown=on_key>
                <summary class="btn btn--small btn--ghost" node_ref=button>{t("Columns")}</summary>
                <div class="columns__list" role="group" aria-label=t("Columns")>{choices}</div>
            </details>
        }
    });
    let actions_head = row_actions.map(|_| view! { <th class="actions-col">{t("Actions")}</th> });
    let header = columns
        .iter()
        .map(|c| {
            let key = c.key;
            let sort_state = move || {
                query.with(|q| match (q.sort.as_deref() == Some(key), q.desc) {
                    (true, false) => "ascending",
                    (true, true) => "descending",
                    _ => "none",
                })
            };
            view! {
                <th aria-sort=sort_state class=c.numeric.then_some("num")>
                    <a class="th-sort" href=move || query.with(|q| link(&q.toggled_sort(key)))>{t(c.title)}</a>
                </th>
            }
        })
        .collect_view();

    let go_filtered = go.clone();
    let filter_controls = move || {
        filters.get().into_iter().map(|f| {
            let key = f.key;
            let go = go_filtered.clone();
            // The filter's value apart from the rest of the query: each option follows it, so a
            // search keystroke does not visit every option (a group filter has one per group).
            let chosen = Memo::new(move |_| query.with(|q| q.filter(key).map(str::to_owned)));
            // A long list of options waits for the control to be used (`OPTIONS_UP_FRONT`).
            let many = f.options.len() > OPTIONS_UP_FRONT;
            let every = RwSignal::new(!many);
            let all = StoredValue::new(f.options);
            let options = move || {
                let shown: Vec<(String, String)> = if every.get() {
                    all.get_value()
                } else {
                    chosen.with(|c| {
                        all.with_value(|all| {
                            all.iter()
                                .filter(|(value, _)| c.as_deref() == Some(value.as_str()))
                                .cloned()
                                .collect()
                        })
                    })
                };
                shown
                    .into_iter()
                    .map(|(value, label)| {
                        let v = value.clone();
                        view! {
                            <option value=value prop:selected=move || chosen.with(|c| c.as_deref() == Some(v.as_str()))>{label}</option>
                        }
                    })
                    .collect_view()
            };
            let show_every = move || {
                if !every.get_untracked() {
                    every.set(true);
                }
            };
            view! {
                <select class="select" class:select--many=many name=key aria-label=t(f.label)
                    on:focus=move |_| show_every() on:pointerdown=move |_| show_every()
                    on:change:target=move |ev| go(query.get_untracked().with_filter(key, &ev.target().value()), false)>
                    <option value="" prop:selected=move || chosen.with(Option::is_none)>{tf("{filter}: all", &[("filter", &t(f.label))])}</option>
                    {options}
                </select>
            }
        })
        .collect_view()
    };

    let size = Memo::new(move |_| query.with(|q| q.size));
    let pager = move || {
        let l = listing.get().unwrap_or_default();
        let q = query.get();
        let items = page_window(l.page, l.pages, 1)
            .into_iter()
            .map(|item| match item {
                PageItem::Page(n) => {
                    let current = (n == l.page).then_some("page");
                    view! { <a class="pager__page" href=link(&q.with_page(n)) aria-current=current>{n}</a> }.into_any()
                }
                PageItem::Gap => view! { <span class="pager__gap">"…"</span> }.into_any(),
            })
            .collect_view();
        let prev = (l.page > 1).then(|| link(&q.with_page(l.page - 1)));
        let next = (l.page < l.pages).then(|| link(&q.with_page(l.page + 1)));
        view! {
            <nav class="pager" aria-label=t("Pagination")>
                <a class="pager__step" href=prev.clone() aria-disabled=prev.is_none().then_some("true") aria-label=t("Previous page")>"‹"</a>
                {items}
                <a class="pager__step" href=next.clone() aria-disabled=next.is_none().then_some("true") aria-label=t("Next page")>"›"</a>
            </nav>
        }
    };

    let summary = move || {
        let Some(l) = listing.get() else {
            return t("Loading…");
        };
        let (first, last) = (thousands(l.first as u64), thousands(l.last as u64));
        if more() {
            return tf(
                "Showing {first}–{last} · loading the rest…",
                &[("first", &first), ("last", &last)],
            );
        }
        let total = total();
        let things = t(&plural_noun(noun, total as u64));
        let count = thousands(total as u64);
        if l.matching == 0 {
            String::new()
        } else if l.matching == total {
            tf(
                "Showing {first}–{last} of {total} {things}",
                &[
                    ("first", &first),
                    ("last", &last),
                    ("total", &count),
                    ("things", &things),
                ],
            )
        } else {
            tf(
                "Showing {first}–{last} of {matching} matching (of {total} {things})",
                &[
                    ("first", &first),
                    ("last", &last),
                    ("matching", &thousands(l.matching as u64)),
                    ("total", &count),
                    ("things", &things),
                ],
            )
        }
    };

    view! {
        // Busy while the rest of the rows is still arriving (assistive technology, and tests,
        // wait for the whole table).
        <div class="table-card" aria-busy=Signal::derive(move || more().then_some("true"))>
            <div class="toolbar">
                <input type="search" class="input toolbar__search" name="q" autocomplete="off"
                    placeholder=tf("Search {things}…", &[("things", &t(&plural_noun(noun, 2)))]) aria-label=t("Search")
                    prop:value=Signal::derive(move || query.with(|q| q.q.clone()))
                    on:input:target=move |ev| go_search(query.get_untracked().with_search(&ev.target().value()), true)/>
                {filter_controls}
                {select_matching}
                {move || parsed.with(|s| (!s.problems.is_empty()).then(|| {
                    let problems = s.problems.clone();
                    view! {
                        <ul class="toolbar__hint field__error" role="status" data-testid="search-problems">
                            {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ul>
                    }
                }))}
                <When when=export_failed>
                    <span class="field__error" role="alert">{t("The export could not be downloaded. Check your connection and try again.")}</span>
                </When>
                <span class="toolbar__end">
                    {chooser}
                    <button type="button" class="btn btn--small btn--ghost" data-testid="export-csv"
                        disabled=Signal::derive(waiting) on:click=move |_| export(Format::Csv)>{t("Export CSV")}</button>
                    <button type="button" class="btn btn--small btn--ghost" data-testid="export-json"
                        disabled=Signal::derive(waiting) on:click=move |_| export(Format::Json)>{t("Export JSON")}</button>
                </span>
            </div>
            <div class="table-scroll">
                <table class="table" data-hide=hide>
                    <thead><tr>{select_all}{header}{actions_head}</tr></thead>
                    <tbody node_ref=tbody>
                        {spacer_above}
                        // Keyed by position, edition and ID: a page that narrows its rows itself
                        // changes which row is at a position.
                        <For each=visible key=move |i| (*i, rows.with_untracked(|r| (r.edition, r.rows.get(*i).map(|row| row.id.clone()))))
                            children=move |i| rows.with_untracked(|r| r.rows.get(i).map(|row| render_row(row, selection, row_actions, cell_view)))/>
                        {spacer_below}
                    </tbody>
                </table>
            </div>
            <When when=Signal::derive(waiting)>
                <LoadingRows/>
            </When>
            <When when=Signal::derive(move || listing.with(|l| l.as_ref().is_some_and(|l| l.matching == 0)))>
                <p class="table-empty" data-testid="table-empty">
                    {Signal::derive(move || {
                        let things = t(&plural_noun(noun, 2));
                        if total() == 0 && !page_filtered() { tf("No {things} yet.", &[("things", &things)]) } else { tf("No {things} match this search or filter.", &[("things", &things)]) }
                    })}
                </p>
            </When>
            <div class="table-footer">
                <span class="table-footer__summary" data-testid="table-summary">{Signal::derive(summary)}</span>
                <label class="table-footer__size">
                    {t("Rows per page")}" "
                    <select class="select" name="size" on:change:target=move |ev| {
                        let size = ev.target().value().parse().unwrap_or(listing::DEFAULT_PAGE_SIZE);
                        go_size(query.get_untracked().with_size(size), false)
                    }>
                        {PAGE_SIZES.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.to_string() prop:selected=move || size.get() == s>{s}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {pager}
            </div>
        </div>
    }
}
