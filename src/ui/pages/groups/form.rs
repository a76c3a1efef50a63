//! Create a group (`/groups/new`) or see and change one (`/groups/<id>`): its name, its members
//! (a table of 5,000 members stays fast, its first page shown while the rest of the peers list
//! arrives; adding searches every peer by name, IP or DNS label),
//! its resources, where it is used, and a delete that first detaches it from each place it is
//! used. Every membership change is a read-modify-write from a fresh GET, so a member added
//! elsewhere meanwhile is kept.

use super::usage::{holders, Holders};
use crate::base::error::ApiError;
use crate::base::format::{peer_count, thousands};
use crate::base::i18n::{t, tf};
use crate::resources::group::detach::{api_path, detach, fresh_in, read_path};
use crate::resources::group::usage::{usages, Usage};
use crate::resources::group::validation::{
    can_rename, server_error_field, validate_name, with_members, GroupRequest,
};
use crate::resources::peer::rows::{self as peer_rows, Owners};
use crate::resources::{Account, Group, PeerListed};
use crate::ui::api::{both, resource, use_api, Api, Body, BoxedFuture, Verb};
use crate::ui::auth::use_auth;
use crate::ui::kit::bulk::{BulkBar, BulkItem};
use crate::ui::kit::components::{
    loading_rows, page_failure, ErrorNotice, LoadingRows, PageHeader, When,
};
use crate::ui::kit::controls::{sort_by_label, PickOption, Picker, TextField};
use crate::ui::kit::delete::{DeleteOne, Detach};
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::form::{post_once, DraftRestored, Form, FormFooter};
use crate::ui::kit::list::{load_some, now_secs, ListBody};
use crate::ui::kit::table::head_rows;
use crate::ui::kit::task::Task;
use crate::ui::router::{href, use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

/// The peers' answer, asked for with the page's lists and read by the part of the page that
/// needs it (`peers_body`).
type PeersBody = Rc<Cell<Option<Body>>>;

/// Shared, not copied: the page's view takes its own copy of this each time it is drawn.
#[derive(Clone)]
struct Loaded {
    groups: Arc<Vec<Group>>,
    peers: PeersBody,
    holders: Arc<Holders>,
}

/// The peers' answer the page asked for, or, when the page is drawn again with it already
/// read, a new one. Call it from a resource: the request is aborted when that is cleaned up.
fn peers_body(api: Api, opened: &PeersBody) -> BoxedFuture<Result<Body, ApiError>> {
    match opened.take() {
        Some(body) => Box::pin(std::future::ready(Ok(body))),
        None => api.get_body("/api/peers"),
    }
}

#[component]
pub fn GroupPage(id: Option<String>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    // The groups, read once, and the peers asked for with them but read only by the members'
    // table once the page is drawn (10,000 peers are 13 MB: the page does not wait for all of
    // them); the lists that may use the group, read once who is signed in is known (which of
    // them this role may read depends on it: `holders` waits for it).
    let lists = resource(move || {
        let lists = both(
            api.get_list::<Group>("/api/groups"),
            api.get_body("/api/peers"),
        );
        async move {
            let (groups, peers) = lists.await;
            Ok::<_, ApiError>((Arc::new(groups?), Rc::new(Cell::new(Some(peers?)))))
        }
    });
    let users_of = resource(move || {
        let holders = holders(api, auth);
        async move { holders.await.map(Arc::new) }
    });
    let refetch = Callback::new(move |_| {
        lists.refetch();
        users_of.refetch();
    });
    // After a change to the group: what may use it is unchanged (it is used by ID).
    let changed = Callback::new(move |_| lists.refetch());
    let title = StoredValue::new(if id.is_some() {
        t("Group")
    } else {
        t("Add group")
    });
    let id = StoredValue::new(id);
    let failed = move |error: ApiError| page_failure(title.get_value(), error, Some(refetch));
    lists.view(loading_rows, move |result| match result {
        Ok((groups, peers)) => users_of.view(loading_rows, move |holders| match holders {
            Ok(holders) => {
                let data = Loaded {
                    groups: groups.clone(),
                    peers: peers.clone(),
                    holders,
                };
                group_page(id.get_value(), data, changed)
            }
            Err(error) => failed(error),
        }),
        Err(error) => failed(error),
    })
}

/// The new group's page, or the group `id`'s (`changed`: after it is changed).
fn group_page(id: Option<String>, data: Loaded, changed: Callback<()>) -> AnyView {
    let Some(id) = id else {
        return view! {
            <PageHeader title=t("Add group") subtitle=t("A group gathers peers for policies, routes, DNS and setup keys.")/>
            <NewGroup data/>
        }
        .into_any();
    };
    match data.groups.iter().find(|g| g.id == id).cloned() {
        Some(group) => view! { <GroupView group data changed/> }.into_any(),
        None => page_failure(
            t("Group"),
            ApiError::NotFound(t("this group no longer exists")),
            None,
        ),
    }
}

/// A peer as a picker option: name, with IP and DNS label to search by.
fn peer_option(p: PeerListed) -> PickOption {
    PickOption {
        hint: format!("{} · {}", p.ip, p.dns_label),
        id: p.id,
        label: p.name,
    }
}

/// The peer picker once every peer is in (`options`), the loading skeleton until then.
fn member_picker(
    legend: String,
    options: RwSignal<Option<Vec<PickOption>>>,
    selected: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let help = t("Search by name, IP or DNS name.");
    move || match options.get() {
        Some(options) => {
            let (legend, help) = (legend.clone(), help.clone());
            view! {
                <Picker name="peers" legend options multiple=true selected help on_change
                    on_blur=Callback::new(|_| ()) error=Signal::derive(|| None)/>
            }
            .into_any()
        }
        None => view! { <LoadingRows/> }.into_any(),
    }
}

#[component]
fn NewGroup(data: Loaded) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let groups = StoredValue::new(data.groups);
    // The name and the members' IDs.
    let input = Draft::open("group", (String::new(), Vec::<String>::new()), ());
    let draft = input.value;
    let errors = Memo::new(move |_| {
        let mut e = crate::base::field_errors::FieldErrors::default();
        if let Err(m) = draft.with(|(n, _)| groups.with_value(|g| validate_name(n, g, None))) {
            e.insert("name", m);
        }
        e
    });
    let form = Form::new("group", errors.into());
    let saving = Task::new();
    let on_submit = move |ev: SubmitEvent| {
        if !input.submit(form, &ev) {
            return;
        }
        let request = draft.with_untracked(|(name, members)| GroupRequest {
            name: name.trim().to_string(),
            peers: members.clone(),
            resources: Vec::new(),
        });
        let navigate = navigate.clone();
        saving.run(async move {
            let of = |g: &Group| GroupRequest {
                name: g.name.clone(),
                peers: g.peers.iter().map(|p| p.id.clone()).collect(),
                resources: Vec::new(),
            };
            match post_once(api, "/api/groups", &request, of).await {
                Ok(()) => {
                    input.saved();
                    navigate("/groups", NavigateOptions::default())
                }
                Err(e) => form.failed(e, server_error_field),
            }
        })
    };
    // Every peer, to pick members from.
    let options = RwSignal::new(None);
    let peers = data.peers;
    let all_peers = resource(move || {
        let body = peers_body(api, &peers);
        async move {
            let mut all = Vec::new();
            body.await?
                .each_of(0, &mut |p: PeerListed| all.push(peer_option(p)))
                .await?;
            sort_by_label(&mut all);
            let _ = options.try_set(Some(all));
            Ok::<_, ApiError>(())
        }
    });
    let failed = move || {
        all_peers.with(|r| match r {
            Some(Err(error)) => {
                Some(view! { <ErrorNotice error=error.clone() retry=Callback::new(move |_| all_peers.refetch())/> })
            }
            _ => None,
        })
    };
    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="group-form">
            <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
            <TextField name="name" label=t("Name") value=Signal::derive(move || draft.with(|d| d.0.clone()))
                on_input=Callback::new(move |v| input.edit(form, "name", |d| d.0 = v))
                on_blur=form.touch("name") error=form.error_of("name")/>
            {failed}
            {member_picker(t("Members"), options, Signal::derive(move || draft.with(|d| d.1.clone())),
                Callback::new(move |v| input.edit(form, "peers", |d| d.1 = v)))}
            <FormFooter form note=Signal::derive(|| None::<String>) saving=saving.pending()
                can_save=Signal::derive(move || auth.permissions().module("groups").create)
                save_label=t("Create group") save_testid="save-group" cancel="/groups"/>
        </form>
    }
}

/// The write that takes the group `gid` out of one object (`list`: its uses of the group, one
/// or more): read fresh, every use taken out, written back. An object gone meanwhile holds
/// the group no more.
fn detach_item(api: Api, list: Vec<Usage>, gid: String, account: String) -> BulkItem {
    let first = list[0].clone();
    let name = format!("{} · {}", first.kind.label(), first.object_name);
    let work = async move {
        let read = read_path(first.kind, &first.object_id, &account);
        let body = api.send(Verb::Get, &read, None).await?;
        let answer: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| ApiError::Decode(e.to_string()))?;
        let Some(fresh) = fresh_in(first.kind, &answer, &first.object_id, &account) else {
            return Ok(());
        };
        let mut body = fresh.clone();
        for u in &list {
            body = detach(u.kind, &body, &gid).map_err(|b| ApiError::NotSent(b.reason))?;
        }
        let put = api_path(first.kind, &first.object_id, &account);
        api.write::<_, crate::base::json::Ignored>(Verb::Put, &put, &body)
            .await
            .map(|_| ())
    };
    BulkItem::new(name, work)
}

/// Where `usage` links to.
fn usage_link(u: &Usage) -> Option<String> {
    use crate::resources::group::usage::Holder;
    match u.kind.holder() {
        Holder::Route => Some(format!("/routes/{}", u.object_id)),
        Holder::SetupKey => Some(format!("/setup-keys/{}", u.object_id)),
        Holder::Policy => Some("/policies".into()),
        Holder::NameserverGroup => Some("/dns".into()),
        Holder::User => Some("/users".into()),
        Holder::DnsSettings | Holder::AccountSettings => Some("/settings".into()),
    }
}

#[component]
fn GroupView(group: Group, data: Loaded, changed: Callback<()>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let access = move || auth.permissions().module("groups");
    let path = StoredValue::new(format!("/api/groups/{}", group.id));
    let group_id = StoredValue::new(group.id.clone());
    let all_groups = StoredValue::new(data.groups.clone());
    let account_id = data
        .holders
        .account
        .as_ref()
        .map(|a: &Account| a.id.clone())
        .unwrap_or_default();

    // Rename (not for `All`, nor for groups the server manages: jwt, integration).
    let renamable = can_rename(&group);
    // The name, and the peers chosen to be added.
    let input = Draft::open("group", (group.name.clone(), Vec::<String>::new()), ());
    let draft = input.value;
    let loaded_name = group.name.clone();
    let errors = Memo::new(move |_| {
        let mut e = crate::base::field_errors::FieldErrors::default();
        let id = group_id.get_value();
        if let Err(m) =
            draft.with(|(n, _)| all_groups.with_value(|g| validate_name(n, g, Some(&id))))
        {
            e.insert("name", m);
        }
        e
    });
    let form = Form::new("group", errors.into());
    let saving = Task::new();
    // One membership or name change: fresh GET, change only what was asked, PUT.
    let write = move |add: Vec<String>, remove: Vec<String>, new_name: Option<String>| {
        saving.run(async move {
            let result = async {
                let fresh = api.get::<Group>(&path.get_value()).await?;
                let mut request = with_members(&fresh, &add, &remove);
                if let Some(n) = &new_name {
                    request.name = n.clone();
                }
                api.write::<_, Group>(Verb::Put, &path.get_value(), &request)
                    .await
            }
            .await;
            match result {
                Ok(_) => {
                    // Only what was written is saved: a name typed but not yet saved, or peers
                    // chosen but not yet added, stay (kept while the page is read again).
                    draft.update(|(name, chosen)| {
                        if let Some(n) = new_name {
                            *name = n;
                        }
                        chosen.retain(|p| !add.contains(p));
                    });
                    changed.run(())
                }
                Err(e) => form.failed(e, server_error_field),
            }
        })
    };
    let on_rename = move |ev: SubmitEvent| {
        if !input.submit(form, &ev) {
            return;
        }
        write(
            Vec::new(),
            Vec::new(),
            Some(draft.with_untracked(|(n, _)| n.trim().to_string())),
        );
    };

    // Members: the table of their peer rows, first page first, and, once every peer is in, the
    // picker of the others for adding.
    let member_ids: Rc<HashSet<String>> =
        Rc::new(group.peers.iter().map(|p| p.id.clone()).collect());
    let options = RwSignal::new(None);
    let peers = data.peers.clone();
    let head = head_rows(peer_rows::PEER_COLUMNS, &[]);
    let members = resource(move || {
        let body = peers_body(api, &peers);
        let member_ids = member_ids.clone();
        async move {
            let (now, owners) = (now_secs(), Owners::default());
            let others = Rc::new(RefCell::new(Vec::new()));
            let into = others.clone();
            let row = move |p: PeerListed| {
                if member_ids.contains(&p.id) {
                    Some(peer_rows::peer_row(&p, &owners, now))
                } else {
                    into.borrow_mut().push(peer_option(p));
                    None
                }
            };
            let loaded = load_some(body.await?, head, row).await?;
            Ok(loaded.when_whole(move || {
                let mut all = others.take();
                sort_by_label(&mut all);
                let _ = options.try_set(Some(all));
            }))
        }
    });
    let selection = RwSignal::new(HashSet::<String>::new());
    let is_all = group.is_all();
    let editable = move || access().update && !is_all;

    // Where it is used, and the delete that detaches it first: one write per object, every use
    // of the group in it removed together.
    let uses: Vec<Usage> = usages(&data.holders.sources(), &group.id);
    let detach = (!uses.is_empty()).then(|| {
        let (gid, account) = (group.id.clone(), account_id);
        let mut objects: Vec<(String, Vec<Usage>)> = Vec::new();
        for u in uses.iter().cloned() {
            let key = read_path(u.kind, &u.object_id, &account) + "#" + &u.object_id;
            match objects.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(u),
                None => objects.push((key, vec![u])),
            }
        }
        let objects: Rc<Vec<Vec<Usage>>> = Rc::new(objects.into_iter().map(|(_, l)| l).collect());
        let items = move || {
            objects
                .iter()
                .map(|list| detach_item(api, list.clone(), gid.clone(), account.clone()))
                .collect()
        };
        Detach {
            title: t("Detaching the group"),
            items: Rc::new(items),
        }
    });
    // The server's refusal names objects by ID: shown with their names instead.
    let h = &data.holders;
    let names: Vec<(String, String)> = h
        .users
        .iter()
        .map(|u| (u.id.clone(), u.display_name().to_string()))
        .chain(
            h.routes
                .iter()
                .map(|r| (r.id.clone(), r.network_id.clone())),
        )
        .chain(h.policies.iter().map(|p| (p.id.clone(), p.name.clone())))
        .chain(h.nameservers.iter().map(|n| (n.id.clone(), n.name.clone())))
        .chain(h.setup_keys.iter().map(|k| (k.id.clone(), k.name.clone())))
        .collect();
    let group_name = group.name.clone();
    let use_lines: Vec<String> = uses
        .iter()
        .map(|u| format!("{} · {}", u.kind.label(), u.object_name))
        .collect();
    let delete_message = if use_lines.is_empty() {
        tf(
            "Delete the group {name}? This cannot be undone.",
            &[("name", &group_name)],
        )
    } else {
        tf("The group {name} is used in the places below. Each is first changed to no longer use it (read fresh, only this group taken out), then the group is deleted.", &[("name", &group_name)])
    };
    let can_delete = !group.is_all();
    let uses = StoredValue::new(uses);
    let detach = StoredValue::new_local(detach);
    let resources: Vec<String> = group
        .resources
        .iter()
        .map(|r| format!("{} ({})", r.id, r.r#type))
        .collect();
    let title = group.name.clone();
    let issued = if group.issued.is_empty() {
        "api".to_string()
    } else {
        group.issued.clone()
    };
    view! {
        <PageHeader title subtitle=tf("{peers} · issued by {issued}", &[("peers", &peer_count(group.peers_count)), ("issued", &issued)])>
            <DeleteOne testid="delete-group" allowed=Signal::derive(move || access().delete && can_delete)
                name=group_name path=path.get_value() message=delete_message items=use_lines detach=detach.get_value() names
                done=Callback::new(move |_| navigate("/groups", NavigateOptions::default()))/>
        </PageHeader>
        {(!renamable).then(|| view! { <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/> })}
        {(renamable && access().update).then(|| view! {
            <form class="form form--inline" novalidate on:submit=on_rename data-testid="group-form">
                <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
                <TextField name="name" label=t("Name") value=Signal::derive(move || draft.with(|d| d.0.clone()))
                    on_input=Callback::new(move |v| input.edit(form, "name", |d| d.0 = v))
                    on_blur=form.touch("name") error=form.error_of("name")/>
                <FormFooter form note=Signal::derive(|| None::<String>) saving=saving.pending()
                    can_save=Signal::derive(move || access().update && draft.with(|d| d.0.trim() != loaded_name))
                    save_label=t("Rename") save_testid="save-group" cancel="/groups"/>
            </form>
        })}
        <section class="panel" data-testid="group-members">
            <h2 class="panel__title">{t("Members")}</h2>
            <When when=Signal::derive(editable)>
                {member_picker(t("Add members"), options, Signal::derive(move || draft.with(|d| d.1.clone())),
                    Callback::new(move |v| draft.update(|d| d.1 = v)))}
                <button type="button" class="btn btn--primary" data-testid="add-members"
                    disabled=Signal::derive(move || draft.with(|d| d.1.is_empty()) || saving.pending().get())
                    on:click=move |_| { input.restored.set(false); write(draft.with_untracked(|d| d.1.clone()), Vec::new(), None) }>
                    {move || match draft.with(|d| d.1.len()) {
                        0 => t("Add peers"),
                        1 => t("Add 1 peer"),
                        n => tf("Add {count} peers", &[("count", &thousands(n as u64))]),
                    }}
                </button>
                <BulkBar selection label=t("Selected members")>
                    <button type="button" class="btn btn--small btn--danger" data-testid="remove-members"
                        on:click=move |_| { let remove: Vec<String> = selection.get_untracked().into_iter().collect(); selection.set(HashSet::new()); write(Vec::new(), remove, None) }>
                        {t("Remove from group")}
                    </button>
                </BulkBar>
            </When>
            {move || form.server_error().get().map(|e| view! { <ErrorNotice error=e/> })}
            <ListBody rows=members columns=peer_rows::PEER_COLUMNS noun="peer" search=peer_rows::PEER_SEARCH selection/>
        </section>
        {(!resources.is_empty()).then(|| view! {
            <section class="panel"><h2 class="panel__title">{t("Resources")}</h2>
                <ul class="plain-list">{resources.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            </section>
        })}
        <section class="panel" data-testid="group-usage">
            <h2 class="panel__title">{t("Where it is used")}</h2>
            {uses.with_value(|u| if u.is_empty() { view! { <p class="field__hint">{t("Nowhere: it can be deleted as it is.")}</p> }.into_any() } else {
                view! { <ul class="plain-list">{u.iter().map(|u| {
                    let link = usage_link(u).map(|l| href(&l));
                    view! { <li><a href=link>{u.object_name.clone()}</a>" · "<span class="cell__sub">{u.kind.label()}</span></li> }
                }).collect_view()}</ul> }.into_any()
            })}
        </section>
    }
}
