//! The audit events list.

use crate::base::i18n::t;
use crate::resources::event::rows;
use crate::ui::kit::components::PageHeader;
use crate::ui::kit::list::{list_of, ListBody};
use leptos::prelude::*;

#[component]
pub fn EventsPage() -> impl IntoView {
    let filters = rows::event_filters();
    let rows = list_of(
        "/api/events/audit",
        rows::EVENT_COLUMNS,
        &filters,
        rows::event_row,
    );
    view! {
        <PageHeader title=t("Events") subtitle=t("The audit log, newest first.")/>
        <ListBody rows columns=rows::EVENT_COLUMNS filters noun="event"/>
    }
}
