//! Work a click starts (sign in, save, enable, delete), shown as pending while it runs. Leptos'
//! `Action` does this too, but is compiled once per input and output type; every use of `Task`
//! shares one copy.

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::reactive::owner::WeakOwner;
use std::future::Future;
use std::pin::Pin;

/// Async work started from event handlers. `Copy`: move it into handlers freely.
#[derive(Clone, Copy)]
pub struct Task {
    running: RwSignal<usize>,
    /// The scope the task was made in (its page): the work runs in it, so that the page's
    /// cleanup aborts the GETs it makes. Weak: the scope owns the task, not the other way round.
    owner: StoredValue<Option<WeakOwner>>,
}

impl Default for Task {
    fn default() -> Task {
        Task::new()
    }
}

impl Task {
    pub fn new() -> Task {
        Task {
            running: RwSignal::new(0),
            owner: StoredValue::new(Owner::current().map(|o| o.downgrade())),
        }
    }

    /// True while a run is under way.
    pub fn pending(self) -> Signal<bool> {
        let running = self.running;
        Signal::derive(move || running.get() > 0)
    }

    /// Starts `work` now.
    pub fn run(self, work: impl Future<Output = ()> + 'static) {
        self.start(Box::pin(work));
    }

    fn start(self, work: Pin<Box<dyn Future<Output = ()>>>) {
        // `try_`: a click that arrives as its page goes away must not panic.
        let owner = self.owner.try_get_value().flatten();
        let Some(owner) = owner.and_then(|o| o.upgrade()) else {
            return; // The page is gone.
        };
        let work = owner.with(|| ScopedFuture::new_untracked(work));
        let running = self.running;
        running.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            work.await;
            // The page may have been left meanwhile.
            if !running.is_disposed() {
                running.update(|n| *n = n.saturating_sub(1));
            }
        });
    }
}
