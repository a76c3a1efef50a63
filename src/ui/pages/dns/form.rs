//! Create a nameserver group (`/dns/new`) or change one (`/dns/<id>`): up to three
//! nameservers (presets for common resolvers), primary or match domains (Unicode shown with
//! its punycode form), search domains, distribution groups; the server's rules checked before
//! sending, and the port range it does not check.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::resources::dns::validation::{
    draft_of, ip_field, port_field, punycode_of, request_of, server_error_field, validate,
    NameserverDraft, NameserverGroupDraft, NameserverGroupRequest, MAX_NAMESERVERS,
    NAMESERVER_FIELDS, PRESETS,
};
use crate::resources::{Group, NameserverGroup};
use crate::ui::api::{both, resource, use_api};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, page_failure, PageHeader, When};
use crate::ui::kit::controls::{group_options, CheckField, Picker, TextField};
use crate::ui::kit::delete::DeleteOne;
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::edit::{Saver, SaverSpec, StaleChoice};
use crate::ui::kit::form::{DraftRestored, Form, FormFooter};
use crate::ui::router::{use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[derive(Clone)]
struct Loaded {
    nameservers: Vec<NameserverGroup>,
    groups: Vec<Group>,
}

#[component]
pub fn NameserverGroupPage(id: Option<String>) -> impl IntoView {
    let api = use_api();
    let data = resource(move || {
        let lists = both(
            api.get_list::<NameserverGroup>("/api/dns/nameservers"),
            api.get_list::<Group>("/api/groups"),
        );
        async move {
            let (nameservers, groups) = lists.await;
            Ok::<_, ApiError>(Loaded {
                nameservers: nameservers?,
                groups: groups?,
            })
        }
    });
    let title = if id.is_some() {
        t("Nameserver group")
    } else {
        t("Add nameserver group")
    };
    view! {
        {data.view(loading_rows, move |result| match result {
            Ok(d) => {
                let editing = id.as_ref().and_then(|id| d.nameservers.iter().find(|n| &n.id == id).cloned());
                if id.is_some() && editing.is_none() {
                    return page_failure(title.clone(), ApiError::NotFound(t("this nameserver group no longer exists")), None);
                }
                let header = editing.as_ref().map(|n| n.name.clone()).unwrap_or_else(|| title.clone());
                let delete = editing.clone().map(|group| view! { <DeleteNameservers group/> });
                view! {
                    <PageHeader title=header subtitle=t("Nameservers NetBird pushes to the peers of the distribution groups.")>
                        {delete}
                    </PageHeader>
                    <NameserverForm data=d editing/>
                }.into_any()
            }
            Err(error) => page_failure(title.clone(), error, Some(Callback::new(move |_| data.refetch()))),
        })}
    }
}

#[component]
fn DeleteNameservers(group: NameserverGroup) -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let message = tf("Delete the nameserver group {name}? Its peers stop using these nameservers. This cannot be undone.", &[("name", &group.name)]);
    view! {
        <DeleteOne testid="delete-nameservers" allowed=Signal::derive(move || auth.permissions().module("nameservers").delete)
            name=group.name path=format!("/api/dns/nameservers/{}", group.id) message
            done=Callback::new(move |_| navigate("/dns", NavigateOptions::default()))/>
    }
}

#[component]
fn NameserverForm(data: Loaded, editing: Option<NameserverGroup>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let editing_id = StoredValue::new(editing.as_ref().map(|n| n.id.clone()));
    let data = StoredValue::new(data);
    let start = editing.as_ref().map(draft_of).unwrap_or_default();
    let input = Draft::open("nameservers", start, editing);
    let draft = input.value;
    let check = move |d: &NameserverGroupDraft| {
        data.with_value(|dt| {
            editing_id.with_value(|id| validate(d, &dt.groups, &dt.nameservers, id.as_deref()))
        })
    };
    let errors = Memo::new(move |_| draft.with(|d| check(d).err().unwrap_or_default()));
    let form = Form::new("nameservers", errors.into());
    let done = Callback::new(move |_| {
        input.saved();
        navigate("/dns", NavigateOptions::default());
    });
    let saver: Saver<NameserverGroup, NameserverGroupRequest> = Saver::new(
        api,
        form,
        input.base,
        SaverSpec {
            collection: "/api/dns/nameservers",
            request_of,
            spec: NAMESERVER_FIELDS,
            field_of: server_error_field,
            id_of: None,
        },
        done,
    );
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut NameserverGroupDraft)>| {
        input.edit(form, field, |d| f(d));
    };
    let on_submit = move |ev: SubmitEvent| {
        if !input.submit(form, &ev) {
            return;
        }
        if let Ok(request) = draft.with_untracked(check) {
            let names: Vec<(String, String)> = data.with_value(|d| {
                d.groups
                    .iter()
                    .map(|g| (g.id.clone(), g.name.clone()))
                    .collect()
            });
            saver.save(editing_id.get_value(), request, names);
        }
    };
    let options = data.with_value(|d| group_options(&d.groups, |_| true));
    let primary = move || draft.with(|d| d.primary);
    let count = move || draft.with(|d| d.nameservers.len());
    let can_save = move || {
        let access = auth.permissions().module("nameservers");
        if editing_id.with_value(Option::is_some) {
            access.update
        } else {
            access.create
        }
    };
    // Each Unicode match domain with the punycode form the server validates.
    let punycode = move || {
        draft.with(|d| {
            d.domain_list()
                .into_iter()
                .filter_map(|dom| punycode_of(dom).map(|p| format!("{dom} → {p}")))
                .collect::<Vec<_>>()
        })
    };
    let stale_title = t("This nameserver group changed on the server since you opened it");
    view! {
        <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
        <form class="form" novalidate on:submit=on_submit data-testid="nameserver-form">
            <TextField name="name" label=t("Name") value=Signal::derive(move || draft.with(|d| d.name.clone()))
                help=t("Up to 40 characters, unique in the account.")
                on_input=Callback::new(move |v: String| edit("name", Box::new(move |d| d.name = v.clone())))
                on_blur=form.touch("name") error=form.error_of("name")/>
            <TextField name="description" label=t("Description") value=Signal::derive(move || draft.with(|d| d.description.clone()))
                on_input=Callback::new(move |v: String| edit("description", Box::new(move |d| d.description = v.clone())))
                on_blur=form.touch("description") error=form.error_of("description")/>
            <fieldset class="field" name="nameservers" data-testid="nameserver-rows">
                <legend class="field__label">{t("Nameservers")}</legend>
                <p class="field__hint">{t("One to three IPv4 or IPv6 addresses, each with its port (53 unless your resolver says otherwise).")}</p>
                <div class="presets">
                    {PRESETS.iter().map(|p| {
                        let name = p.name;
                        view! {
                            <button type="button" class="btn btn--small btn--ghost" data-testid="ns-preset"
                                on:click=move |_| edit("nameservers", Box::new(move |d| {
                                    if let Some(p) = PRESETS.iter().find(|p| p.name == name) { d.nameservers = p.nameservers(); }
                                }))>{name}</button>
                        }
                    }).collect_view()}
                </div>
                {move || (0..count()).map(|i| {
                    let ip_key = ip_field(i).unwrap_or("nameservers");
                    let port_key = port_field(i).unwrap_or("nameservers");
                    view! {
                        <div class="ns-row" data-testid="ns-row">
                            <TextField name="ip" key=ip_key label=tf("Address {n}", &[("n", &(i + 1).to_string())]) mono=true
                                value=Signal::derive(move || draft.with(|d| d.nameservers.get(i).map(|n| n.ip.clone()).unwrap_or_default()))
                                on_input=Callback::new(move |v: String| edit(ip_key, Box::new(move |d| if let Some(n) = d.nameservers.get_mut(i) { n.ip = v.clone() })))
                                on_blur=form.touch(ip_key) error=form.error_of(ip_key)/>
                            <TextField name="port" key=port_key label=t("Port") mono=true
                                value=Signal::derive(move || draft.with(|d| d.nameservers.get(i).map(|n| n.port.clone()).unwrap_or_default()))
                                on_input=Callback::new(move |v: String| edit(port_key, Box::new(move |d| if let Some(n) = d.nameservers.get_mut(i) { n.port = v.clone() })))
                                on_blur=form.touch(port_key) error=form.error_of(port_key)/>
                            <button type="button" class="btn btn--small btn--ghost" data-testid="ns-remove"
                                disabled=move || { count() <= 1 }
                                on:click=move |_| edit("nameservers", Box::new(move |d| if d.nameservers.len() > 1 && i < d.nameservers.len() { d.nameservers.remove(i); }))>
                                {t("Remove")}
                            </button>
                        </div>
                    }
                }).collect_view()}
                <button type="button" class="btn btn--small" data-testid="ns-add" disabled=move || { count() >= MAX_NAMESERVERS }
                    on:click=move |_| edit("nameservers", Box::new(|d| d.nameservers.push(NameserverDraft::default())))>
                    {t("Add nameserver")}
                </button>
                {move || form.error_of("nameservers").get().map(|e| view! { <p class="field__error" data-testid="error-nameservers">{e}</p> })}
            </fieldset>
            <CheckField name="primary" label=t("Primary: resolve every domain") checked=Signal::derive(primary)
                help=t("Otherwise only the match domains below go to these nameservers.")
                on_change=Callback::new(move |on| edit("primary", Box::new(move |d| { d.primary = on; if on { d.search_domains_enabled = false; } })))/>
            <When when=Signal::derive(move || !primary())>
                <TextField name="domains" label=t("Match domains") multiline=true mono=true
                    value=Signal::derive(move || draft.with(|d| d.domains.clone()))
                    help=t("One per line or separated by commas; no wildcards, a trailing dot is fine.")
                    on_input=Callback::new(move |v: String| edit("domains", Box::new(move |d| d.domains = v.clone())))
                    on_blur=form.touch("domains") error=form.error_of("domains")/>
                {move || {
                    let p = punycode();
                    (!p.is_empty()).then(|| view! {
                        <ul class="plain-list field__hint" data-testid="punycode">{p.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    })
                }}
                <CheckField name="search_domains_enabled" label=t("Use the match domains as search domains")
                    checked=Signal::derive(move || draft.with(|d| d.search_domains_enabled))
                    on_change=Callback::new(move |on| edit("search_domains_enabled", Box::new(move |d| d.search_domains_enabled = on)))/>
                {move || form.error_of("search_domains_enabled").get().map(|e| view! { <p class="field__error" data-testid="error-search_domains_enabled">{e}</p> })}
            </When>
            <Picker name="groups" legend=t("Distribution groups") options multiple=true
                help=t("Peers in these groups get these nameservers.")
                selected=Signal::derive(move || draft.with(|d| d.groups.clone()))
                on_change=Callback::new(move |v: Vec<String>| edit("groups", Box::new(move |d| d.groups = v.clone())))
                on_blur=form.touch("groups") error=form.error_of("groups")/>
            <CheckField name="enabled" label=t("Enabled") checked=Signal::derive(move || draft.with(|d| d.enabled))
                on_change=Callback::new(move |on| edit("enabled", Box::new(move |d| d.enabled = on)))/>
            {editing_id.get_value().map(|id| view! {
                <StaleChoice saver id title=stale_title.clone()
                    reset=Callback::new(move |fresh: NameserverGroup| draft.set(draft_of(&fresh)))/>
            })}
            <FormFooter form note=Signal::derive(|| None::<String>) saving=saver.pending()
                can_save=Signal::derive(can_save)
                save_label=t("Save nameserver group") save_testid="save-nameservers" cancel="/dns"/>
        </form>
    }
}
