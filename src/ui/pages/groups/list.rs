//! The groups list.

use crate::base::i18n::t;
use crate::resources::group::rows;
use crate::resources::Group;
use crate::ui::kit::components::PageHeader;
use crate::ui::kit::list::{list_of, ListBody};
use leptos::prelude::*;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let rows = list_of("/api/groups", rows::GROUP_COLUMNS, &[], |g: &Group, _| {
        rows::group_row(g)
    });
    view! {
        <PageHeader title=t("Groups") subtitle=t("Groups of peers used by policies, routes, DNS and setup keys.")/>
        <ListBody rows columns=rows::GROUP_COLUMNS noun="group"/>
    }
}
