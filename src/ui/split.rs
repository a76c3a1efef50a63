//! Pages kept out of the first download. In the release build (the `split` feature) each group
//! below is its own wasm module, fetched the first time one of its pages opens: the first load
//! carries the shell, sign-in and the peers page only. Without the feature (tests, debug builds)
//! the same functions are plain calls.
//!
//! A group is one function that renders any of its pages. It returns a plain function pointer,
//! so nothing generic crosses the module boundary, and a failed download is an error shown on
//! the page with a retry, never a panic.

use super::components::LoadingRows;
use crate::route_match::Page;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;

/// Renders one page of a group.
type Render = fn(Page) -> AnyView;

/// A group's module could not be downloaded (offline, or the console was updated on the server
/// and the old files are gone).
#[derive(Debug)]
pub struct Unavailable;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// Declares a group: under `split` its body goes to a module of its own.
macro_rules! group {
    ($module:ident, $name:ident, $render:expr) => {
        #[cfg_attr(
            feature = "split",
            leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $name() -> Result<Render, Unavailable> {
            Ok($render)
        }
    };
}

group!(routes, routes_group, |page| {
    use super::pages::{route_form::RouteFormPage, routes::RoutesPage};
    match page {
        Page::RouteForm(id) => view! { <RouteFormPage id/> }.into_any(),
        _ => view! { <RoutesPage/> }.into_any(),
    }
});

/// The groups; every page outside them is in the first download.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Group {
    Routes,
}

impl Group {
    const ALL: [Group; 1] = [Group::Routes];

    fn index(self) -> usize {
        self as usize
    }

    async fn load(self) -> Result<Render, Unavailable> {
        #[cfg(feature = "split")]
        macro_rules! call {
            ($f:ident) => {
                $f().await
            };
        }
        #[cfg(not(feature = "split"))]
        macro_rules! call {
            ($f:ident) => {
                $f()
            };
        }
        match self {
            Group::Routes => call!(routes_group),
        }
    }
}

thread_local! {
    /// Each group's renderer once its module is in, so later visits render at once.
    static LOADED: [Cell<Option<Render>>; Group::ALL.len()] = const { [const { Cell::new(None) }; Group::ALL.len()] };
}

fn loaded(group: Group) -> Option<Render> {
    LOADED.with(|l| l[group.index()].get())
}

#[derive(Clone, Copy)]
enum State {
    Loading,
    Ready(Render),
    Failed,
}

/// `page` of `group`: at once when the group is in, else a placeholder while it downloads.
pub fn page(group: Group, page: Page) -> AnyView {
    if let Some(render) = loaded(group) {
        return render(page);
    }
    let state = RwSignal::new(State::Loading);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        attempt.track();
        state.set(State::Loading);
        spawn_local(async move {
            let next = match group.load().await {
                Ok(render) => {
                    LOADED.with(|l| l[group.index()].set(Some(render)));
                    State::Ready(render)
                }
                Err(Unavailable) => State::Failed,
            };
            // The page may have been left while its module was on the way.
            let _ = state.try_set(next);
        });
    });
    (move || match state.get() {
        State::Loading => view! { <LoadingRows/> }.into_any(),
        State::Ready(render) => render(page.clone()),
        State::Failed => view! {
            <div class="notice notice--error" role="alert" data-testid="error-notice">
                <strong class="notice__title">"This page could not be downloaded"</strong>
                <p class="notice__text">
                    "Check your connection and try again. If the console was updated meanwhile, reload the page."
                </p>
                <button type="button" class="btn btn--small" on:click=move |_| attempt.update(|n| *n += 1)>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
    })
    .into_any()
}
