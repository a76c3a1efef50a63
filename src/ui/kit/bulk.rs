//! Bulk work for any list: the work for each chosen object runs with at most `IN_FLIGHT`
//! requests at once (a 429 is retried with backoff by the request path itself), a progress bar
//! counts it, and the report names each failure with the server's message. What succeeded stays
//! done; the list refreshes when all is over.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::ui::api::{both, BoxedFuture};
use crate::ui::kit::table::TableRows;
use crate::ui::kit::task::Task;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::rc::Rc;

/// At most this many objects are worked on at once (each is one request at a time).
pub const IN_FLIGHT: usize = 4;

/// The work for one object, and the name the report gives it.
pub struct BulkItem {
    pub name: String,
    pub work: BoxedFuture<Result<(), ApiError>>,
}

impl BulkItem {
    pub fn new(
        name: impl Into<String>,
        work: impl Future<Output = Result<(), ApiError>> + 'static,
    ) -> BulkItem {
        BulkItem {
            name: name.into(),
            work: Box::pin(work),
        }
    }
}

/// Where a bulk run is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// What is being done ("Disabling 3 routes").
    pub title: String,
    pub total: usize,
    pub done: usize,
    /// Each failure: the object's name and why.
    pub failed: Vec<(String, ApiError)>,
    pub finished: bool,
}

/// A list page's bulk runner. `Copy`.
#[derive(Clone, Copy)]
pub struct Bulk {
    progress: RwSignal<Option<Progress>>,
    task: Task,
}

impl Default for Bulk {
    fn default() -> Bulk {
        Bulk::new()
    }
}

impl Bulk {
    pub fn new() -> Bulk {
        Bulk {
            progress: RwSignal::new(None),
            task: Task::new(),
        }
    }

    /// True while a run is under way.
    pub fn running(self) -> Signal<bool> {
        self.task.pending()
    }

    /// The current or last run.
    pub fn progress(self) -> RwSignal<Option<Progress>> {
        self.progress
    }

    /// Runs `items`, `IN_FLIGHT` at a time; `then` runs once all are over (to refresh the
    /// list), unless the page was left meanwhile. A plain closure, not a `Callback`: the run is
    /// usually started from a dialog that is gone by the time it ends, and a callback made
    /// there would be disposed with it.
    pub fn run(self, title: String, items: Vec<BulkItem>, then: impl FnOnce() + 'static) {
        let progress = self.progress;
        progress.set(Some(Progress {
            title,
            total: items.len(),
            ..Progress::default()
        }));
        let queue = Rc::new(RefCell::new(items.into_iter().collect::<VecDeque<_>>()));
        self.task.run(async move {
            let worker = || {
                let queue = queue.clone();
                async move {
                    loop {
                        let next = queue.borrow_mut().pop_front();
                        let Some(item) = next else { break };
                        let result = item.work.await;
                        // The page may have been left: the rest is not started.
                        if progress.is_disposed() {
                            queue.borrow_mut().clear();
                            break;
                        }
                        progress.update(|p| {
                            if let Some(p) = p {
                                p.done += 1;
                                if let Err(e) = result {
                                    p.failed.push((item.name, e));
                                }
                            }
                        });
                    }
                }
            };
            // `IN_FLIGHT` workers (the assertion below keeps the two in step).
            const _: () = assert!(IN_FLIGHT == 4);
            both(both(worker(), worker()), both(worker(), worker())).await;
            if !progress.is_disposed() {
                progress.update(|p| {
                    if let Some(p) = p {
                        p.finished = true;
                    }
                });
                then();
            }
        });
    }
}

/// The progress bar while a run goes on, then the report: how many succeeded, and each failure
/// by name with its message. Dismissed by the user.
#[component]
pub fn BulkReport(bulk: Bulk) -> impl IntoView {
    let progress = bulk.progress();
    move || {
        progress.get().map(|p| {
            let ok = p.done - p.failed.len();
            let status = if p.finished {
                if p.failed.is_empty() {
                    tf(
                        "{task}: done, {ok} of {total} succeeded.",
                        &[("task", &p.title), ("ok", &ok.to_string()), ("total", &p.total.to_string())],
                    )
                } else {
                    tf(
                        "{task}: {ok} of {total} succeeded, {failed} failed.",
                        &[
                            ("task", &p.title),
                            ("ok", &ok.to_string()),
                            ("total", &p.total.to_string()),
                            ("failed", &p.failed.len().to_string()),
                        ],
                    )
                }
            } else {
                tf(
                    "{task}: {done} of {total}…",
                    &[("task", &p.title), ("done", &p.done.to_string()), ("total", &p.total.to_string())],
                )
            };
            let tone = if !p.finished {
                "notice notice--info"
            } else if p.failed.is_empty() {
                "notice notice--good"
            } else {
                "notice notice--warn"
            };
            view! {
                <section class=tone data-testid="bulk-report" aria-busy=(!p.finished).then_some("true")>
                    <p class="notice__text" role="status" aria-live="polite">{status}</p>
                    <progress class="bulk-progress" max=p.total.max(1).to_string() value=p.done.to_string()
                        aria-label=p.title.clone()></progress>
                    {(!p.failed.is_empty()).then(|| view! {
                        <ul class="bulk-failures" data-testid="bulk-failures">
                            {p.failed.into_iter().map(|(name, e)| view! {
                                <li><strong>{name}</strong>": "{e.user_message()}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    {p.finished.then(|| view! {
                        <button type="button" class="btn btn--small" on:click=move |_| progress.set(None)>{t("Dismiss")}</button>
                    })}
                </section>
            }
        })
    }
}

/// A bulk action offered for confirmation: what it does and to what (named, for the preview),
/// and how to start it.
pub struct Proposal {
    pub title: String,
    pub message: String,
    /// The confirm button's label.
    pub verb: String,
    pub items: Vec<String>,
    pub start: Box<dyn Fn()>,
}

/// Where a page keeps the proposal awaiting confirmation.
pub type Proposed = RwSignal<Option<Rc<Proposal>>, LocalStorage>;

/// A chosen row: its ID and the name it is shown with.
pub type Chosen = (String, String);

/// What a bulk action's confirmation says: its title (the report's too), its question, and its
/// confirm button's label.
pub struct Wording {
    pub title: String,
    pub message: String,
    pub verb: String,
}

/// One bulk item per chosen row: `work(id)`, named in the report by the row's name.
pub fn per_row<F>(chosen: &[Chosen], work: impl Fn(&str) -> F) -> Vec<BulkItem>
where
    F: Future<Output = Result<(), ApiError>> + 'static,
{
    chosen
        .iter()
        .map(|(id, name)| BulkItem::new(name.clone(), work(id)))
        .collect()
}

/// A list's bulk actions on its selected rows: the selection (row IDs), the rows the table
/// shows (where the chosen rows' names come from), the proposal awaiting confirmation, and the
/// runner. `Copy`.
#[derive(Clone, Copy)]
pub struct BulkSelection {
    pub selection: RwSignal<HashSet<String>>,
    pub current: RwSignal<TableRows>,
    pub proposed: Proposed,
    pub bulk: Bulk,
}

impl Default for BulkSelection {
    fn default() -> BulkSelection {
        BulkSelection::new()
    }
}

impl BulkSelection {
    pub fn new() -> BulkSelection {
        BulkSelection {
            selection: RwSignal::new(HashSet::new()),
            current: RwSignal::new(TableRows::default()),
            proposed: RwSignal::new_local(None),
            bulk: Bulk::new(),
        }
    }

    /// The selected rows among those shown, as (ID, name).
    pub fn chosen(self) -> Vec<Chosen> {
        self.selection
            .with_untracked(|ids| self.current.with_untracked(|r| r.chosen(ids)))
    }

    /// Offers an action on the chosen rows for confirmation, worded by `wording(count)`. Once
    /// confirmed, runs `items(chosen)`; when all is over, clears the selection and calls
    /// `then` (which reads the list again). Nothing is offered when no shown row is chosen.
    pub fn propose(
        self,
        wording: impl FnOnce(usize) -> Wording,
        items: impl Fn(&[Chosen]) -> Vec<BulkItem> + 'static,
        then: impl Fn() + 'static,
    ) {
        let chosen = self.chosen();
        if chosen.is_empty() {
            return;
        }
        let Wording {
            title,
            message,
            verb,
        } = wording(chosen.len());
        let names = chosen.iter().map(|(_, name)| name.clone()).collect();
        let (bulk, selection, then) = (self.bulk, self.selection, Rc::new(then));
        let task = title.clone();
        let start = move || {
            let then = then.clone();
            bulk.run(task.clone(), items(&chosen), move || {
                selection.try_set(HashSet::new());
                then();
            });
        };
        self.proposed.set(Some(Rc::new(Proposal {
            title,
            message,
            verb,
            items: names,
            start: Box::new(start),
        })));
    }
}

/// The confirmation of the proposal in `proposed`, while there is one.
#[component]
pub fn ProposalDialog(proposed: Proposed) -> impl IntoView {
    use crate::ui::kit::dialog::ConfirmDialog;
    move || {
        proposed.get().map(|p| {
            view! {
                <ConfirmDialog title=p.title.clone() message=p.message.clone() items=p.items.clone()
                    confirm_label=p.verb.clone()
                    on_confirm=Callback::new(move |_| {
                        let p = proposed.get_untracked();
                        proposed.set(None);
                        if let Some(p) = p {
                            (p.start)();
                        }
                    })
                    on_cancel=Callback::new(move |_| proposed.set(None))/>
            }
        })
    }
}

/// The bar over a list while rows are selected: how many, the actions (`children`), and
/// clearing the selection.
#[component]
pub fn BulkBar(
    selection: RwSignal<std::collections::HashSet<String>>,
    /// Names the region for assistive technology ("Selected peers").
    label: String,
    children: ChildrenFn,
) -> impl IntoView {
    use crate::ui::kit::components::When;
    view! {
        <When when=Signal::derive(move || selection.with(|s| !s.is_empty()))>
            <div class="bulkbar" role="region" aria-label=label.clone()>
                <span>{move || tf("{count} selected", &[("count", &selection.with(|s| s.len()).to_string())])}</span>
                {children()}
                <button type="button" class="btn btn--small btn--ghost"
                    on:click=move |_| selection.set(Default::default())>{t("Clear selection")}</button>
            </div>
        </When>
    }
}
