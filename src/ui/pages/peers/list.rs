//! The peers list.

use crate::base::i18n::t;
use crate::resources::peer::rows;
use crate::ui::kit::components::PageHeader;
use crate::ui::kit::list::{list_of, ListBody};
use leptos::prelude::*;

#[component]
pub fn PeersPage() -> impl IntoView {
    let filters = rows::peer_filters();
    let rows = list_of("/api/peers", rows::PEER_COLUMNS, &filters, rows::peer_row);
    view! {
        <PageHeader title=t("Peers") subtitle=t("Machines in your NetBird network.")/>
        <ListBody rows columns=rows::PEER_COLUMNS filters noun="peer"/>
    }
}
