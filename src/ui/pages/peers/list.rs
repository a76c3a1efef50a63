//! The peers list: search with qualifiers (`os:linux version:<0.40.0 100.92.0.0/16`), the fleet
//! hygiene views, a detail link per peer, and bulk work on the selected or all matching peers.

use super::bulk::PeerAction;
use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::base::listing::ListQuery;
use crate::resources::peer::rows::{self, Owners};
use crate::resources::{Group, User};
use crate::ui::api::{read_if, use_api};
use crate::ui::auth::use_auth;
use crate::ui::kit::bulk::{BulkBar, BulkReport, BulkSelection, ProposalDialog};
use crate::ui::kit::components::{PageHeader, When};
use crate::ui::kit::list::{list_with, ListBody};
use crate::ui::router::href;
use leptos::prelude::*;

#[component]
pub fn PeersPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let filters = rows::peer_filters();
    // Owners by name: only when this role may list users (else `owner:` matches user IDs),
    // which is known once who is signed in is.
    let rows = list_with(
        "/api/peers",
        rows::PEER_COLUMNS,
        &filters,
        move || {
            let known = auth.known_permissions();
            let users = api.get_list::<User>("/api/users");
            async move {
                let may = known.await.can_read("users");
                // Owners the users list cannot name (it failed) are shown by their IDs.
                let users = read_if(may, users).await.unwrap_or_default();
                Ok::<_, ApiError>(Owners::of(&users))
            }
        },
        rows::peer_row,
    );
    let selected = BulkSelection::new();
    let BulkSelection {
        selection,
        current,
        proposed,
        bulk,
    } = selected;
    let choosing_group = RwSignal::new(None::<bool>);
    let access = move || auth.permissions().module("peers");
    let groups_access = move || auth.permissions().module("groups");

    let propose = move |action: PeerAction| {
        let wording = |n| action.wording(n);
        let run = action.clone();
        selected.propose(
            wording,
            move |chosen| run.items(api, chosen),
            move || rows.refetch(),
        );
    };

    // The hygiene views: one search each, the newest version read off the fleet.
    let views = move || {
        let newest = current.with(|r| rows::newest_version_of(&r.rows));
        rows::hygiene_views(newest.as_deref())
            .into_iter()
            .map(|(label, q)| {
                let link = href(&format!("/peers{}", ListQuery::default().with_search(&q).to_query_string()));
                view! { <a class="btn btn--small btn--ghost" href=link data-testid="peer-view">{label}</a> }
            })
            .collect_view()
    };
    let actions = UnsyncCallback::new(move |id: String| {
        view! { <a class="btn btn--small btn--ghost" href=href(&format!("/peers/{id}"))>{t("Details")}</a> }
            .into_any()
    });
    let button = move |label: String, testid: &'static str, action: PeerAction| {
        view! {
            <button type="button" class="btn btn--small" data-testid=testid disabled=bulk.running()
                on:click=move |_| propose(action.clone())>{label}</button>
        }
    };

    view! {
        <PageHeader title=t("Peers") subtitle=t("Machines in your NetBird network.")/>
        <nav class="views" aria-label=t("Fleet views")>{views}</nav>
        <BulkReport bulk/>
        <BulkBar selection label=t("Selected peers")>
            <When when=Signal::derive(move || access().update)>
                {button(t("SSH on"), "bulk-ssh-on", PeerAction::Ssh(true))}
                {button(t("SSH off"), "bulk-ssh-off", PeerAction::Ssh(false))}
                {button(t("Login expiration on"), "bulk-expiration-on", PeerAction::LoginExpiration(true))}
                {button(t("Login expiration off"), "bulk-expiration-off", PeerAction::LoginExpiration(false))}
                {button(t("Approve"), "bulk-approve", PeerAction::Approve)}
            </When>
            <When when=Signal::derive(move || groups_access().update)>
                <button type="button" class="btn btn--small" data-testid="bulk-group-add" disabled=bulk.running()
                    on:click=move |_| choosing_group.set(Some(true))>{t("Add to group")}</button>
                <button type="button" class="btn btn--small" data-testid="bulk-group-remove" disabled=bulk.running()
                    on:click=move |_| choosing_group.set(Some(false))>{t("Remove from group")}</button>
            </When>
            <When when=Signal::derive(move || access().delete)>
                <button type="button" class="btn btn--small btn--danger" data-testid="bulk-delete" disabled=bulk.running()
                    on:click=move |_| propose(PeerAction::Delete)>{t("Delete")}</button>
            </When>
        </BulkBar>
        {move || choosing_group.get().map(|add| view! {
            <GroupChoice add on_choose=Callback::new(move |g: Option<Group>| {
                choosing_group.set(None);
                if let Some(g) = g {
                    propose(PeerAction::Group(add, g.id, g.name));
                }
            })/>
        })}
        <ListBody rows columns=rows::PEER_COLUMNS filters noun="peer" search=rows::PEER_SEARCH
            selection row_actions=actions current/>
        <ProposalDialog proposed/>
    }
}

/// Chooses the group a bulk group change applies to (never `All`, whose membership is
/// automatic; never a group the server manages).
#[component]
fn GroupChoice(add: bool, on_choose: Callback<Option<Group>>) -> impl IntoView {
    let api = use_api();
    let groups = crate::ui::api::resource(move || api.get_list::<Group>("/api/groups"));
    let chosen = RwSignal::new(String::new());
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    let title = if add {
        t("Add the selected peers to a group")
    } else {
        t("Remove the selected peers from a group")
    };
    let pick = move || {
        let id = chosen.get_untracked();
        groups
            .get()
            .and_then(Result::ok)
            .and_then(|gs| gs.into_iter().find(|g| g.id == id))
    };
    view! {
        <dialog class="dialog" node_ref=dialog aria-labelledby="group-choice-title" data-testid="group-choice"
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); on_choose.run(None) }>
            <h2 id="group-choice-title" class="dialog__title">{title}</h2>
            {move || match groups.get() {
                None => view! { <p>{t("Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <crate::ui::kit::components::ErrorNotice error=e/> }.into_any(),
                Some(Ok(mut gs)) => {
                    gs.retain(|g| !g.is_all() && matches!(g.issued.as_str(), "" | "api"));
                    crate::base::sort::sort_by(&mut gs, &|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
                    view! {
                        <label class="field">
                            <span class="field__label">{t("Group")}</span>
                            <select class="select" name="group" on:change:target=move |ev| chosen.set(ev.target().value())>
                                <option value="">{t("Choose a group")}</option>
                                {gs.into_iter().map(|g| view! { <option value=g.id.clone()>{g.name}</option> }).collect_view()}
                            </select>
                        </label>
                    }.into_any()
                }
            }}
            <div class="dialog__actions">
                <button type="button" class="btn" on:click=move |_| on_choose.run(None)>{t("Cancel")}</button>
                <button type="button" class="btn btn--primary" data-testid="group-choice-next"
                    disabled=Signal::derive(move || chosen.with(String::is_empty))
                    on:click=move |_| on_choose.run(pick())>{t("Next")}</button>
            </div>
        </dialog>
    }
}
