//! The posture checks: what each checks and the policies that use it; a page per check.

use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::resources::posture_check::rows;
use crate::resources::{Policy, PostureCheck};
use crate::ui::api::use_api;
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{PageHeader, When};
use crate::ui::kit::list::{list_with, ListBody};
use crate::ui::router::href;
use leptos::prelude::*;

#[component]
pub fn PostureChecksPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let rows = list_with(
        "/api/posture-checks",
        rows::POSTURE_CHECK_COLUMNS,
        &[],
        move || {
            let policies = api.get_list::<Policy>("/api/policies");
            async move { Ok::<_, ApiError>(policies.await.unwrap_or_default()) }
        },
        |c: &PostureCheck, policies: &Vec<Policy>, _| rows::posture_check_row(c, policies),
    );
    let actions = UnsyncCallback::new(move |id: String| {
        view! { <a class="btn btn--small btn--ghost" href=href(&format!("/posture-checks/{id}"))>{t("Details")}</a> }
            .into_any()
    });
    view! {
        <PageHeader title=t("Posture checks") subtitle=t("Conditions peers must meet for the policies that use them.")>
            <When when=Signal::derive(move || auth.permissions().module("policies").create)>
                <a class="btn btn--primary" href=href("/posture-checks/new") data-testid="add-posture-check">{t("Add posture check")}</a>
            </When>
        </PageHeader>
        <ListBody rows columns=rows::POSTURE_CHECK_COLUMNS noun="posture check" row_actions=actions/>
    }
}
