//! The access-control policies: sources → destinations, protocol and ports, direction and
//! action at a glance; filters by state, protocol and group; an enable switch in each row; bulk
//! enable, disable and delete; a page per policy.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::resources::policy::rows;
use crate::resources::policy::validation::{rewrite_of, PolicyRequest};
use crate::resources::{GroupMinimum, Policy, PostureCheck};
use crate::ui::api::{resource, use_api};
use crate::ui::auth::use_auth;
use crate::ui::kit::bulk::{
    per_row, BulkBar, BulkReport, BulkSelection, Chosen, ProposalDialog, Wording,
};
use crate::ui::kit::components::{ErrorNotice, PageHeader, When};
use crate::ui::kit::list::{list_with, once_painted, ListBody};
use crate::ui::kit::row_actions::{write_fresh, RowSwitches, RowWrite, SwitchAction};
use crate::ui::kit::table::{DataTable, TableRows};
use crate::ui::router::href;
use leptos::prelude::*;

/// The PUT that stores `policy` as it is, but switched on or off (the policy and its rules);
/// not for a policy the console does not rewrite (`rewrite_of`).
fn with_enabled(policy: &Policy, on: bool) -> Result<PolicyRequest, ApiError> {
    let mut request = rewrite_of(policy).map_err(ApiError::NotSent)?;
    request.set_enabled(on);
    Ok(request)
}

#[component]
pub fn PoliciesPage() -> impl IntoView {
    view! {
        <PageHeader title=t("Policies") subtitle=t("Which groups may reach which, on what protocols and ports.")>
            <a class="btn" href=href("/posture-checks") data-testid="posture-checks-link">{t("Posture checks")}</a>
            <When when=Signal::derive(move || use_auth().permissions().module("policies").create)>
                <a class="btn btn--primary" href=href("/policies/new") data-testid="add-policy">{t("Add policy")}</a>
            </When>
        </PageHeader>
        <PolicyList/>
    }
}

#[component]
fn PolicyList() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let checks_seen = StoredValue::new_local(Vec::<PostureCheck>::new());
    let rows = list_with(
        "/api/policies",
        rows::POLICY_COLUMNS,
        &rows::policy_filters(&[]),
        // A server without posture checks: policies show none. Kept, to build a saved
        // policy's row again.
        move || {
            let checks = api.get_list::<PostureCheck>("/api/posture-checks");
            async move {
                let checks = checks.await.unwrap_or_default();
                checks_seen.try_set_value(checks.clone());
                Ok::<_, ApiError>(checks)
            }
        },
        |p: &Policy, checks: &Vec<PostureCheck>, _| rows::policy_row_with(p, checks),
    );
    // The group filters offer the account's groups by name; the policies do not wait for them
    // (each rule names its groups itself). Asked for at once, but read once the policies (or
    // their error) are drawn (1,000 groups beside 10,000 peers are a 2.8 MB list). As ID, name
    // and size: the members each group lists are skipped unread.
    let groups = resource(move || {
        let shown = once_painted(move || rows.with(|r| r.is_some()));
        api.get_list_after::<GroupMinimum>("/api/groups", shown)
    });
    // The group filters' options once the groups are in (none before, or if they fail): built
    // once per groups list, not on each read (the table is drawn again on each load).
    let filters = Memo::new(move |_| {
        groups.with(|g| {
            rows::policy_filters(g.and_then(|g| g.as_ref().ok()).map_or(&[], Vec::as_slice))
        })
    });
    let access = move || auth.permissions().module("policies");
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
                    t("Enable 1 policy"),
                    t("Enable this policy? It is written back from the server's current version."),
                    t("Enable"),
                ),
                (SwitchAction::Disable, true) => (
                    t("Disable 1 policy"),
                    t("Disable this policy? The access it grants ends at once. It is written back from the server's current version."),
                    t("Disable"),
                ),
                (SwitchAction::Delete, true) => (
                    t("Delete 1 policy"),
                    t("Delete this policy? The access it grants ends at once. This cannot be undone."),
                    t("Delete"),
                ),
                (SwitchAction::Enable, false) => (
                    tf("Enable {n} policies", &[("n", &n)]),
                    tf("Enable these {n} policies? Each is written back from the server's current version.", &[("n", &n)]),
                    t("Enable"),
                ),
                (SwitchAction::Disable, false) => (
                    tf("Disable {n} policies", &[("n", &n)]),
                    tf("Disable these {n} policies? The access they grant ends at once. Each is written back from the server's current version.", &[("n", &n)]),
                    t("Disable"),
                ),
                (SwitchAction::Delete, false) => (
                    tf("Delete {n} policies", &[("n", &n)]),
                    tf("Delete these {n} policies? The access they grant ends at once. This cannot be undone.", &[("n", &n)]),
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
                action.apply(api, format!("/api/policies/{id}"), with_enabled)
            })
        };
        selected.propose(wording, items, move || rows.refetch());
    };
    // One row's switch: the policy is written back from the server's current version, and its
    // row in the list built again from the server's answer; the list is not read again.
    let switches = RowSwitches::new();
    let write = UnsyncCallback::new(move |(id, on): (String, bool)| -> RowWrite {
        Box::pin(async move {
            let path = format!("/api/policies/{id}");
            let saved = write_fresh(api, &path, |fresh: &Policy| with_enabled(fresh, on)).await?;
            Ok(checks_seen.try_with_value(|checks| rows::policy_row_with(&saved, checks)))
        })
    });
    let actions = UnsyncCallback::new(move |id: String| {
        view! {
            <a class="btn btn--small btn--ghost" href=href(&format!("/policies/{id}"))>{t("Details")}</a>
        }
        .into_any()
    });
    let table = UnsyncCallback::new(move |shown: RwSignal<TableRows>| {
        let cells = switches.cells(
            rows::POLICY_COLUMNS,
            shown,
            Signal::derive(move || !access().update),
            write,
        );
        view! {
            <DataTable columns=rows::POLICY_COLUMNS rows=shown filters noun="policy" search=rows::POLICY_SEARCH
                selection row_actions=actions cell_view=cells/>
        }
        .into_any()
    });
    view! {
        {move || groups.get().and_then(Result::err).map(|error| view! {
            <ErrorNotice error retry=Callback::new(move |_| groups.refetch())/>
        })}
        {switches.failure()}
        <BulkReport bulk/>
        <BulkBar selection label=t("Selected policies")>
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
        <ListBody rows columns=rows::POLICY_COLUMNS noun="policy" current table/>
        <ProposalDialog proposed/>
    }
}
