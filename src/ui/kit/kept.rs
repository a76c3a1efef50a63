//! What a page last showed, kept for going back to it: a page visited again paints at once from
//! what it showed, loads again behind it, and says so (`Freshness`). Keyed by page and request,
//! the few most recent; all forgotten when the session changes, so nothing of one account is
//! ever shown under another.

use crate::base::i18n::t;
use crate::ui::kit::components::When;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// How many pages' data are kept (a list of 10,000 peers is a few megabytes).
const KEPT_PAGES: usize = 6;

thread_local! {
    /// (key, value), the most recently stored last.
    static KEPT: RefCell<Vec<(String, Rc<dyn Any>)>> = const { RefCell::new(Vec::new()) };
}

/// The key of what `request` gave on the page shown now (its path, the query left out: the
/// query narrows what is shown, not what was loaded).
pub fn key(request: &str) -> String {
    let page = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    format!("{} {request}", crate::ui::router::here(&page))
}

/// What was kept under `key`, if it is a `T`.
pub fn get<T: Clone + 'static>(key: &str) -> Option<T> {
    KEPT.with_borrow(|kept| {
        kept.iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.downcast_ref::<T>().cloned())
    })
}

/// Keeps `value` under `key`, in place of what was there; the oldest goes beyond the limit.
pub fn put<T: 'static>(key: String, value: T) {
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|(k, _)| *k != key);
        kept.push((key, Rc::new(value)));
        if kept.len() > KEPT_PAGES {
            kept.remove(0);
        }
    });
}

/// Forgets everything kept (the session changed).
pub fn forget() {
    KEPT.with_borrow_mut(Vec::clear);
}

/// Says that a page shows what it had loaded before while it loads again ("updating"), then
/// for a few seconds that it is up to date. Create it with the page, outside the view that
/// shows the data; `view` with each value shown.
#[derive(Clone, Copy)]
pub struct Freshness {
    /// The value shown before this one came from memory.
    was_kept: StoredValue<bool>,
}

impl Freshness {
    pub fn new() -> Freshness {
        Freshness {
            was_kept: StoredValue::new(false),
        }
    }

    /// The status line for a value now shown: `kept` if it came from memory.
    pub fn view(self, kept: bool) -> AnyView {
        let was_kept = self.was_kept.get_value();
        self.was_kept.set_value(kept);
        if kept {
            view! {
                <p class="freshness" role="status" data-testid="freshness">
                    {t("Shown as last loaded; updating…")}
                </p>
            }
            .into_any()
        } else if was_kept {
            let shown = RwSignal::new(true);
            set_timeout(
                move || {
                    let _ = shown.try_set(false);
                },
                Duration::from_secs(4),
            );
            view! {
                <When when=shown>
                    <p class="freshness" role="status" data-testid="freshness">{t("Updated.")}</p>
                </When>
            }
            .into_any()
        } else {
            ().into_any()
        }
    }
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness::new()
    }
}
