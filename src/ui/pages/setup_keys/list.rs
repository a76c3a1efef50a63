//! The setup keys list.

use crate::base::i18n::t;
use crate::resources::setup_key::rows;
use crate::resources::SetupKey;
use crate::ui::kit::components::PageHeader;
use crate::ui::kit::list::{named_list_of, ListBody};
use leptos::prelude::*;

#[component]
pub fn SetupKeysPage() -> impl IntoView {
    let filters = rows::setup_key_filters();
    let rows = named_list_of(
        "/api/setup-keys",
        rows::SETUP_KEY_COLUMNS,
        &filters,
        |k: &SetupKey, names, now| rows::setup_key_row(k, names, now),
    );
    view! {
        <PageHeader title=t("Setup keys") subtitle=t("Keys that register new peers.")/>
        <ListBody rows columns=rows::SETUP_KEY_COLUMNS filters noun="setup key"/>
    }
}
