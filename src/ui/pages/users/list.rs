//! The users of the account, filtered by role and status; people and service users one click
//! apart; a page per user (role, auto groups, blocking, tokens).

use crate::base::i18n::t;
use crate::resources::user::rows;
use crate::resources::User;
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{PageHeader, When};
use crate::ui::kit::list::{named_list_of, ListBody};
use crate::ui::router::href;
use leptos::prelude::*;

#[component]
pub fn UsersPage() -> impl IntoView {
    let auth = use_auth();
    let filters = rows::user_filters();
    let rows = named_list_of(
        "/api/users",
        |u: &User, names, now| rows::user_row(u, names, now),
        None,
    );
    let details = UnsyncCallback::new(move |id: String| {
        view! { <a class="btn btn--small btn--ghost" href=href(&format!("/users/{id}"))>{t("Details")}</a> }
            .into_any()
    });
    view! {
        <PageHeader title=t("Users") subtitle=t("People and service users of this account.")>
            <When when=Signal::derive(move || auth.permissions().module("users").create)>
                <a class="btn btn--primary" href=href("/users/new") data-testid="add-user">{t("Add user")}</a>
            </When>
        </PageHeader>
        <nav class="views" aria-label=t("User views")>
            <a class="btn btn--small btn--ghost" href=href("/users?kind=person") data-testid="user-view">{t("People")}</a>
            <a class="btn btn--small btn--ghost" href=href("/users?kind=service") data-testid="user-view">{t("Service users")}</a>
            <a class="btn btn--small btn--ghost" href=href("/users?status=pending") data-testid="user-view">{t("Pending approval")}</a>
        </nav>
        <ListBody rows columns=rows::USER_COLUMNS filters noun="user" row_actions=details/>
    }
}
