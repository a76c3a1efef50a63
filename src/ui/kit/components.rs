//! Small shared pieces: the one way to show an error, page headers, loading placeholders,
//! conditional content, long lists shown in part.

use crate::base::error::ApiError;
use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use leptos::prelude::*;

/// The one way to show an API failure: a title, a sentence with what to do, and a retry
/// button where repeating may help. Server text is rendered as text, never as HTML.
#[component]
pub fn ErrorNotice(
    /// The failure to show.
    error: ApiError,
    /// Called by the "Try again" button; omitted for failures a retry cannot fix.
    #[prop(optional, into)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    let retry = retry.filter(|_| error.is_transient() || matches!(error, ApiError::Decode(_)));
    view! {
        <div class="notice notice--error" role="alert" data-testid="error-notice">
            <strong class="notice__title">{error.title()}</strong>
            <p class="notice__text">{error.user_message()}</p>
            {retry.map(|cb| view! {
                <button type="button" class="btn btn--small" on:click=move |_| cb.run(())>{t("Try again")}</button>
            })}
        </div>
    }
}

/// Its children while `when` is true (built again each time it turns true). Unlike Leptos'
/// `Show`, neither the condition nor the children are generic, so every use shares one compiled
/// copy (each `Show` was compiled anew for its own children's view type).
#[component]
pub fn When(#[prop(into)] when: Signal<bool>, children: ChildrenFn) -> impl IntoView {
    // Re-rendered only when the answer changes, not whenever what it reads changes.
    let when = Memo::new(move |_| when.get());
    move || when.get().then(|| children())
}

/// How many lines a `ShortList` shows before its "Show all" button.
pub const SHORT_LIST: usize = 25;

/// A plain list of `lines` that shows the first `SHORT_LIST` of them and the rest when asked.
/// A peer that receives 1,000 routes (or a group they are distributed to) would otherwise have
/// every line built, styled and laid out before its page is painted: on the network page at
/// 1,000 routes that was most of the drawing.
#[component]
pub fn ShortList(mut lines: Vec<AnyView>) -> impl IntoView {
    let count = lines.len();
    let rest = StoredValue::new_local(lines.split_off(count.min(SHORT_LIST)));
    let all = RwSignal::new(false);
    let list = NodeRef::<leptos::html::Ul>::new();
    let show_all = move |_| {
        all.set(true);
        // The button goes with the click; the focus goes on to the first line it brought in,
        // where reading goes on (not back to the top of the page).
        request_animation_frame(move || {
            if let Some(ul) = list.get_untracked() {
                focus_line(&ul, SHORT_LIST + 1);
            }
        });
    };
    view! {
        <ul class="plain-list" node_ref=list>
            {lines}
            // `all` turns true once (the button goes with it): the rest is moved in then.
            {move || all.get().then(|| rest.try_update_value(std::mem::take))}
        </ul>
        {move || (count > SHORT_LIST && !all.get()).then(|| view! {
            <button type="button" class="btn btn--small" data-testid="show-all" on:click=show_all>
                {tf("Show all {count}", &[("count", &thousands(count as u64))])}
            </button>
        })}
    }
}

/// Focuses the `nth` line (from 1) of `list`: its first link or control, or the line itself.
fn focus_line(list: &web_sys::HtmlElement, nth: usize) {
    use wasm_bindgen::JsCast;
    let Ok(Some(line)) = list.query_selector(&format!(":scope > :nth-child({nth})")) else {
        return;
    };
    let target = match line.query_selector("a[href], button, input, select") {
        Ok(Some(control)) => control,
        _ => {
            let _ = line.set_attribute("tabindex", "-1");
            line
        }
    };
    if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = target.focus();
    }
}

/// A page title with an optional subtitle and actions on the right.
#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(optional, into)] subtitle: Signal<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1 class="page-header__title">{title}</h1>
                <p class="page-header__subtitle">{subtitle}</p>
            </div>
            <div class="page-header__actions">{children.map(|c| c())}</div>
        </header>
    }
}

/// A page that cannot be shown: its header `title` over why (`error`), with a retry where
/// repeating may help (`retry`: reads the page again). The one way a page says it failed to load
/// or that what it shows no longer exists.
pub fn page_failure(title: String, error: ApiError, retry: Option<Callback<()>>) -> AnyView {
    let notice = match retry {
        Some(retry) => view! { <ErrorNotice error retry/> }.into_any(),
        None => view! { <ErrorNotice error/> }.into_any(),
    };
    view! {
        <PageHeader title/>
        {notice}
    }
    .into_any()
}

/// `LoadingRows`, as `Res::view` takes it.
pub fn loading_rows() -> AnyView {
    view! { <LoadingRows/> }.into_any()
}

/// Skeleton rows while a list loads.
#[component]
pub fn LoadingRows() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label=t("Loading")>
            <div class="skeleton__bar"></div>
            <div class="skeleton__bar"></div>
            <div class="skeleton__bar"></div>
        </div>
    }
}
