//! The setup keys list: state and type filters, a page per key, and bulk revoke and delete.

use crate::base::i18n::{t, tf};
use crate::resources::setup_key::rows;
use crate::resources::setup_key::validation::{update_of, SetupKeyUpdate};
use crate::resources::SetupKey;
use crate::ui::api::use_api;
use crate::ui::auth::use_auth;
use crate::ui::kit::bulk::{
    per_row, BulkBar, BulkReport, BulkSelection, Chosen, ProposalDialog, Wording,
};
use crate::ui::kit::components::{PageHeader, When};
use crate::ui::kit::list::{named_list_of, ListBody};
use crate::ui::kit::row_actions::write_fresh;
use crate::ui::router::href;
use leptos::prelude::*;

#[component]
pub fn SetupKeysPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let filters = rows::setup_key_filters();
    let rows = named_list_of(
        "/api/setup-keys",
        |k: &SetupKey, names, now| rows::setup_key_row(k, names, now),
        None,
    );
    let access = move || auth.permissions().module("setup_keys");
    let selected = BulkSelection::new();
    let BulkSelection {
        selection,
        current,
        proposed,
        bulk,
    } = selected;
    let propose = move |revoke: bool| {
        let wording = |count: usize| {
            let n = count.to_string();
            let (title, message, verb) = match (revoke, count == 1) {
                (true, true) => (
                    t("Revoke 1 setup key"),
                    t("Revoke this setup key? Revoking is irreversible: it registers no more peers. Peers already registered stay."),
                    t("Revoke"),
                ),
                (true, false) => (
                    tf("Revoke {n} setup keys", &[("n", &n)]),
                    tf("Revoke these {n} setup keys? Revoking is irreversible: they register no more peers. Peers already registered stay.", &[("n", &n)]),
                    t("Revoke"),
                ),
                (false, true) => (
                    t("Delete 1 setup key"),
                    t("Delete this setup key? Peers already registered stay. This cannot be undone."),
                    t("Delete"),
                ),
                (false, false) => (
                    tf("Delete {n} setup keys", &[("n", &n)]),
                    tf("Delete these {n} setup keys? Peers already registered stay. This cannot be undone.", &[("n", &n)]),
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
                let path = format!("/api/setup-keys/{id}");
                async move {
                    if revoke {
                        write_fresh(api, &path, |fresh: &SetupKey| {
                            Ok(SetupKeyUpdate {
                                revoked: true,
                                ..update_of(fresh)
                            })
                        })
                        .await
                        .map(|_: SetupKey| ())
                    } else {
                        api.delete(&path).await
                    }
                }
            })
        };
        selected.propose(wording, items, move || rows.refetch());
    };
    let actions = UnsyncCallback::new(move |id: String| {
        view! { <a class="btn btn--small btn--ghost" href=href(&format!("/setup-keys/{id}"))>{t("Details")}</a> }
            .into_any()
    });
    view! {
        <PageHeader title=t("Setup keys") subtitle=t("Keys that register new peers.")>
            <When when=Signal::derive(move || access().create)>
                <a class="btn btn--primary" href=href("/setup-keys/new") data-testid="add-setup-key">{t("Add setup key")}</a>
            </When>
        </PageHeader>
        <BulkReport bulk/>
        <BulkBar selection label=t("Selected setup keys")>
            <When when=Signal::derive(move || access().update)>
                <button type="button" class="btn btn--small" data-testid="bulk-revoke" disabled=bulk.running()
                    on:click=move |_| propose(true)>{t("Revoke")}</button>
            </When>
            <When when=Signal::derive(move || access().delete)>
                <button type="button" class="btn btn--small btn--danger" data-testid="bulk-delete" disabled=bulk.running()
                    on:click=move |_| propose(false)>{t("Delete")}</button>
            </When>
        </BulkBar>
        <ListBody rows columns=rows::SETUP_KEY_COLUMNS filters noun="setup key" selection row_actions=actions current/>
        <ProposalDialog proposed/>
    }
}
