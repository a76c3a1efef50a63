//! The nameserver groups list.

use crate::base::i18n::t;
use crate::resources::dns::rows;
use crate::resources::NameserverGroup;
use crate::ui::kit::components::PageHeader;
use crate::ui::kit::list::{named_list_of, ListBody};
use leptos::prelude::*;

#[component]
pub fn DnsPage() -> impl IntoView {
    let rows = named_list_of(
        "/api/dns/nameservers",
        rows::NAMESERVER_COLUMNS,
        &[],
        |n: &NameserverGroup, names, _| rows::nameserver_row(n, names),
    );
    view! {
        <PageHeader title=t("DNS") subtitle=t("Nameserver groups pushed to peers.")/>
        <ListBody rows columns=rows::NAMESERVER_COLUMNS noun="nameserver group"/>
    }
}
