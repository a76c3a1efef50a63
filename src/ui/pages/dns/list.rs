//! The nameserver groups list: an enable switch in each row (its Enabled cell), a state
//! filter, a page per group, the DNS settings one click away, bulk enable, disable and delete.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::resources::dns::rows;
use crate::resources::dns::validation::{request_of, NameserverGroupRequest};
use crate::resources::names::Names;
use crate::resources::NameserverGroup;
use crate::ui::api::use_api;
use crate::ui::auth::use_auth;
use crate::ui::kit::bulk::{
    per_row, BulkBar, BulkReport, BulkSelection, Chosen, ProposalDialog, Wording,
};
use crate::ui::kit::components::{PageHeader, When};
use crate::ui::kit::list::{named_list_of, ListBody};
use crate::ui::kit::row_actions::{write_fresh, RowSwitches, RowWrite, SwitchAction};
use crate::ui::kit::table::{DataTable, TableRows};
use crate::ui::router::href;
use leptos::prelude::*;

/// The PUT that stores `group` as it is, but switched on or off.
fn with_enabled(group: &NameserverGroup, on: bool) -> Result<NameserverGroupRequest, ApiError> {
    Ok(NameserverGroupRequest {
        enabled: on,
        ..request_of(group)
    })
}

/// A bulk action on the chosen nameserver groups.
#[component]
pub fn DnsPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    // The names the rows were last built with, to build a switched group's row again.
    let seen = StoredValue::new_local(None::<Names>);
    let rows = named_list_of(
        "/api/dns/nameservers",
        |n: &NameserverGroup, names, _| rows::nameserver_row(n, names),
        Some(seen),
    );
    let access = move || auth.permissions().module("nameservers");
    let selected = BulkSelection::new();
    let BulkSelection {
        selection,
        current,
        proposed,
        bulk,
    } = selected;
    let propose = move |action: SwitchAction| {
        let wording = |count: usize| {
            let n = count.to_string();
            let (title, message, verb) = match (action, count == 1) {
                (SwitchAction::Enable, true) => (
                    t("Enable 1 nameserver group"),
                    t("Enable this nameserver group? It is written back from the server's current version."),
                    t("Enable"),
                ),
                (SwitchAction::Disable, true) => (
                    t("Disable 1 nameserver group"),
                    t("Disable this nameserver group? Its peers stop using these nameservers. It is written back from the server's current version."),
                    t("Disable"),
                ),
                (SwitchAction::Delete, true) => (
                    t("Delete 1 nameserver group"),
                    t("Delete this nameserver group? Its peers stop using these nameservers. This cannot be undone."),
                    t("Delete"),
                ),
                (SwitchAction::Enable, false) => (
                    tf("Enable {n} nameserver groups", &[("n", &n)]),
                    tf("Enable these {n} nameserver groups? Each is written back from the server's current version.", &[("n", &n)]),
                    t("Enable"),
                ),
                (SwitchAction::Disable, false) => (
                    tf("Disable {n} nameserver groups", &[("n", &n)]),
                    tf("Disable these {n} nameserver groups? Their peers stop using these nameservers. Each is written back from the server's current version.", &[("n", &n)]),
                    t("Disable"),
                ),
                (SwitchAction::Delete, false) => (
                    tf("Delete {n} nameserver groups", &[("n", &n)]),
                    tf("Delete these {n} nameserver groups? Their peers stop using these nameservers. This cannot be undone.", &[("n", &n)]),
                    t("Delete"),
                ),
            };
            Wording {
                title,
                message,
                verb,
            }
        };
        let items = move |chosen: &[Chosen]| {
            per_row(chosen, |id| {
                action.apply(api, format!("/api/dns/nameservers/{id}"), with_enabled)
            })
        };
        selected.propose(wording, items, move || rows.refetch());
    };
    let actions = UnsyncCallback::new(move |id: String| {
        view! { <a class="btn btn--small btn--ghost" href=href(&format!("/dns/{id}"))>{t("Details")}</a> }
            .into_any()
    });
    // One row's switch: the group is written back from the server's current version, and its
    // row built again from the server's answer; the list is not read again (unless the groups'
    // names are still arriving, below).
    let switches = RowSwitches::new();
    let write = UnsyncCallback::new(move |(id, on): (String, bool)| -> RowWrite {
        Box::pin(async move {
            let path = format!("/api/dns/nameservers/{id}");
            let saved: NameserverGroup =
                write_fresh(api, &path, |fresh| with_enabled(fresh, on)).await?;
            let row = seen.try_with_value(|names| {
                names
                    .as_ref()
                    .filter(|n| !n.groups_pending)
                    .map(|n| rows::nameserver_row(&saved, n))
            });
            match row.flatten() {
                Some(row) => Ok(Some(row)),
                None => {
                    // The groups' names are still arriving: the rows they name would be built
                    // from the list as it was loaded, so the list is read again instead.
                    rows.refetch();
                    Ok(None)
                }
            }
        })
    });
    let filters = rows::nameserver_filters();
    let table = UnsyncCallback::new(move |shown: RwSignal<TableRows>| {
        let cells = switches.cells(
            rows::NAMESERVER_COLUMNS,
            shown,
            Signal::derive(move || !access().update),
            write,
        );
        view! {
            <DataTable columns=rows::NAMESERVER_COLUMNS rows=shown filters=filters.clone() noun="nameserver group"
                selection row_actions=actions cell_view=cells/>
        }
        .into_any()
    });
    view! {
        <PageHeader title=t("DNS") subtitle=t("Nameserver groups pushed to peers.")>
            <a class="btn" href=href("/dns/settings") data-testid="dns-settings">{t("DNS settings")}</a>
            <When when=Signal::derive(move || access().create)>
                <a class="btn btn--primary" href=href("/dns/new") data-testid="add-nameservers">{t("Add nameserver group")}</a>
            </When>
        </PageHeader>
        {switches.failure()}
        <BulkReport bulk/>
        <BulkBar selection label=t("Selected nameserver groups")>
            <When when=Signal::derive(move || access().update)>
                <button type="button" class="btn btn--small" data-testid="bulk-enable" disabled=bulk.running()
                    on:click=move |_| propose(SwitchAction::Enable)>{t("Enable")}</button>
                <button type="button" class="btn btn--small" data-testid="bulk-disable" disabled=bulk.running()
                    on:click=move |_| propose(SwitchAction::Disable)>{t("Disable")}</button>
            </When>
            <When when=Signal::derive(move || access().delete)>
                <button type="button" class="btn btn--small btn--danger" data-testid="bulk-delete" disabled=bulk.running()
                    on:click=move |_| propose(SwitchAction::Delete)>{t("Delete")}</button>
            </When>
        </BulkBar>
        <ListBody rows columns=rows::NAMESERVER_COLUMNS noun="nameserver group" current table/>
        <ProposalDialog proposed/>
    }
}
