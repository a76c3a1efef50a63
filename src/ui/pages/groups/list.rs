//! The groups list: members and resources, who issued each group, and where it is used
//! (routes, policies, nameservers, setup keys, users, settings), computed in the browser from
//! those lists, with a "used / unused" filter.

use super::usage::holders;
use crate::base::i18n::t;
use crate::resources::group::rows;
use crate::resources::group::usage::usage_counts;
use crate::resources::GroupListed;
use crate::ui::api::use_api;
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{PageHeader, When};
use crate::ui::kit::list::{list_with, ListBody};
use crate::ui::router::href;
use leptos::prelude::*;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let filters = rows::group_filters();
    let rows = list_with(
        "/api/groups",
        rows::GROUP_COLUMNS,
        &filters,
        move || {
            let lists = holders(api, auth);
            async move { Ok(usage_counts(&lists.await?.sources())) }
        },
        |g: &GroupListed, counts, _| {
            rows::group_row(g, &counts.get(&g.group.id).copied().unwrap_or_default())
        },
    );
    let actions = UnsyncCallback::new(move |id: String| {
        view! { <a class="btn btn--small btn--ghost" href=href(&format!("/groups/{id}"))>{t("Details")}</a> }
            .into_any()
    });
    view! {
        <PageHeader title=t("Groups") subtitle=t("Groups of peers used by policies, routes, DNS and setup keys.")>
            <When when=Signal::derive(move || auth.permissions().module("groups").create)>
                <a class="btn btn--primary" href=href("/groups/new") data-testid="add-group">{t("Add group")}</a>
            </When>
        </PageHeader>
        <ListBody rows columns=rows::GROUP_COLUMNS filters noun="group" row_actions=actions/>
    }
}
