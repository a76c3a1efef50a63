//! The access-control policies list.

use crate::base::i18n::t;
use crate::resources::policy::rows;
use crate::resources::Policy;
use crate::ui::kit::components::PageHeader;
use crate::ui::kit::list::{list_of, ListBody};
use leptos::prelude::*;

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let rows = list_of(
        "/api/policies",
        rows::POLICY_COLUMNS,
        &[],
        |p: &Policy, _| rows::policy_row(p),
    );
    view! {
        <PageHeader title=t("Policies") subtitle=t("Which groups may reach which, on what protocols and ports.")/>
        <ListBody rows columns=rows::POLICY_COLUMNS noun="policy"/>
    }
}
