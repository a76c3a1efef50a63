//! The users list.

use crate::base::i18n::t;
use crate::resources::user::rows;
use crate::resources::User;
use crate::ui::kit::components::PageHeader;
use crate::ui::kit::list::{named_list_of, ListBody};
use leptos::prelude::*;

#[component]
pub fn UsersPage() -> impl IntoView {
    let filters = rows::user_filters();
    let rows = named_list_of(
        "/api/users",
        rows::USER_COLUMNS,
        &filters,
        |u: &User, names, now| rows::user_row(u, names, now),
    );
    view! {
        <PageHeader title=t("Users") subtitle=t("People and service users of this account.")/>
        <ListBody rows columns=rows::USER_COLUMNS filters noun="user"/>
    }
}
