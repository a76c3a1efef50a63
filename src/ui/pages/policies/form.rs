//! Create a policy (`/policies/new`, or from another one: `?clone=<id>`, `?reverse=<id>`) or
//! change one (`/policies/<id>`): one rule per policy, as the server effectively supports, its
//! ports typed as one list (`22, 80, 443, 8000-8100`), checked with the server's rules before
//! anything is sent, with warnings that do not block (empty groups, duplicates, redundancy).

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::base::url::query_value;
use crate::resources::policy::validation::{
    clone_draft, draft_of, extra_rules, request_of, reverse_draft, server_error_field, validate,
    PolicyContext, PolicyDraft, PolicyRequest, POLICY_FIELDS,
};
use crate::resources::policy::warnings::warnings;
use crate::resources::{Group, Policy, PostureCheck};
use crate::ui::api::{both, resource, use_api};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, page_failure, PageHeader, When};
use crate::ui::kit::controls::{group_options, CheckField, Choice, PickOption, Picker, TextField};
use crate::ui::kit::delete::DeleteOne;
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::edit::{Saver, SaverSpec, StaleChoice};
use crate::ui::kit::form::{DraftRestored, Form, FormFooter};
use crate::ui::router::{href, use_location, use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Everything the form validates against.
#[derive(Clone)]
struct Loaded {
    policies: Vec<Policy>,
    groups: Vec<Group>,
    posture_checks: Vec<PostureCheck>,
}

/// Ids for the local-users control of each source group (they share the API field's name).
const SSH_KEYS: &[&str] = &[
    "authorized_groups.0",
    "authorized_groups.1",
    "authorized_groups.2",
    "authorized_groups.3",
    "authorized_groups.4",
    "authorized_groups.5",
    "authorized_groups.6",
    "authorized_groups.7",
];

const PROTOCOLS: &[(&str, &str)] = &[
    ("all", "All"),
    ("tcp", "TCP"),
    ("udp", "UDP"),
    ("icmp", "ICMP"),
    ("netbird-ssh", "NetBird SSH"),
];

#[component]
pub fn PolicyPage(id: Option<String>) -> impl IntoView {
    let api = use_api();
    let query = use_location().query;
    let from = query.with_untracked(|q| {
        query_value(q, "clone")
            .map(|id| (false, id.to_string()))
            .or_else(|| query_value(q, "reverse").map(|id| (true, id.to_string())))
    });
    let data = resource(move || {
        let lists = both(
            api.get_list::<Policy>("/api/policies"),
            api.get_list::<Group>("/api/groups"),
        );
        let checks = api.get_list::<PostureCheck>("/api/posture-checks");
        async move {
            let ((policies, groups), checks) = both(lists, checks).await;
            Ok::<_, ApiError>(Loaded {
                policies: policies?,
                groups: groups?,
                // A server without posture checks: the policy simply has none to choose.
                posture_checks: checks.unwrap_or_default(),
            })
        }
    });
    let title = if id.is_some() {
        t("Policy")
    } else {
        t("Add policy")
    };
    view! {
        {data.view(loading_rows, move |result| match result {
            Ok(d) => {
                let editing = id.as_ref().and_then(|id| d.policies.iter().find(|p| &p.id == id).cloned());
                if id.is_some() && editing.is_none() {
                    return page_failure(title.clone(), ApiError::NotFound(t("this policy no longer exists")), None);
                }
                let start = match (&editing, &from) {
                    (Some(p), _) => draft_of(p),
                    (None, Some((reverse, from))) => match d.policies.iter().find(|p| &p.id == from) {
                        Some(p) if *reverse => reverse_draft(p),
                        Some(p) => clone_draft(p),
                        None => PolicyDraft::default(),
                    },
                    (None, None) => PolicyDraft::default(),
                };
                let header = editing.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| title.clone());
                let more = editing.as_ref().map(extra_rules).unwrap_or(0);
                let actions = editing.clone().map(|policy| view! { <PolicyActions policy/> });
                view! {
                    <PageHeader title=header subtitle=t("Which groups may reach which, on what protocols and ports.")>
                        {actions}
                    </PageHeader>
                    {if more > 0 {
                        view! {
                            <div class="notice notice--warn" role="status" data-testid="multi-rule">
                                <p class="notice__text">{if more == 1 {
                                    t("This policy has a second rule. The console edits one rule per policy, as NetBird's dashboard does; saving here would drop it, so it is shown read-only.")
                                } else {
                                    tf("This policy has {n} more rules than the first. The console edits one rule per policy, as NetBird's dashboard does; saving here would drop the others, so it is shown read-only.", &[("n", &more.to_string())])
                                }}</p>
                            </div>
                        }.into_any()
                    } else {
                        view! { <PolicyForm data=d editing start/> }.into_any()
                    }}
                }.into_any()
            }
            Err(error) => page_failure(title.clone(), error, Some(Callback::new(move |_| data.refetch()))),
        })}
    }
}

/// Clone, reverse and delete, for a policy being viewed.
#[component]
fn PolicyActions(policy: Policy) -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let access = move || auth.permissions().module("policies");
    let message = tf(
        "Delete the policy {name}? The access it grants ends at once. This cannot be undone.",
        &[("name", &policy.name)],
    );
    let path = format!("/api/policies/{}", policy.id);
    view! {
        <When when=Signal::derive(move || access().create)>
            <a class="btn" data-testid="clone-policy" href=href(&format!("/policies/new?clone={}", policy.id))>{t("Clone")}</a>
            <a class="btn" data-testid="reverse-policy" href=href(&format!("/policies/new?reverse={}", policy.id))>{t("Create reverse")}</a>
        </When>
        <DeleteOne testid="delete-policy" allowed=Signal::derive(move || access().delete)
            name=policy.name.clone() path message
            done=Callback::new(move |_| navigate("/policies", NavigateOptions::default()))/>
    }
}

#[component]
fn PolicyForm(data: Loaded, editing: Option<Policy>, start: PolicyDraft) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let editing_id = StoredValue::new(editing.as_ref().map(|p| p.id.clone()));
    let data = StoredValue::new(data);

    // Input kept when the session ended under the form comes back, with the version it was
    // based on, so the stale-edit check still compares with that.
    let input = Draft::open("policy", start, editing);
    let draft = input.value;

    let errors = Memo::new(move |_| {
        draft.with(|dr| {
            data.with_value(|d| {
                let ctx = PolicyContext {
                    groups: &d.groups,
                    posture_checks: &d.posture_checks,
                };
                validate(dr, &ctx).err().unwrap_or_default()
            })
        })
    });
    let form = Form::new("policy", errors.into());
    let done = Callback::new(move |_| {
        input.saved();
        navigate("/policies", NavigateOptions::default());
    });
    let saver: Saver<Policy, PolicyRequest> = Saver::new(
        api,
        form,
        input.base,
        SaverSpec {
            collection: "/api/policies",
            request_of,
            spec: POLICY_FIELDS,
            field_of: server_error_field,
            id_of: None,
        },
        done,
    );
    let warn = Memo::new(move |_| {
        draft.with(|dr| {
            data.with_value(|d| {
                let ctx = PolicyContext {
                    groups: &d.groups,
                    posture_checks: &d.posture_checks,
                };
                // Warnings are about what would be saved: a draft with errors has none yet.
                let id = editing_id.get_value();
                validate(dr, &ctx)
                    .map(|request| warnings(&request, id.as_deref(), &d.groups, &d.policies))
                    .unwrap_or_default()
            })
        })
    });
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut PolicyDraft)>| {
        input.edit(form, field, |d| f(d));
    };
    let on_submit = move |ev: SubmitEvent| {
        if !input.submit(form, &ev) {
            return;
        }
        let result = draft.with_untracked(|dr| {
            data.with_value(|d| {
                validate(
                    dr,
                    &PolicyContext {
                        groups: &d.groups,
                        posture_checks: &d.posture_checks,
                    },
                )
            })
        });
        if let Ok(request) = result {
            let names: Vec<(String, String)> = data.with_value(|d| {
                d.groups
                    .iter()
                    .map(|g| (g.id.clone(), g.name.clone()))
                    .chain(
                        d.posture_checks
                            .iter()
                            .map(|c| (c.id.clone(), c.name.clone())),
                    )
                    .collect()
            });
            saver.save(editing_id.get_value(), request, names);
        }
    };

    let groups = data.with_value(|d| group_options(&d.groups, |_| true));
    let check_options: Vec<PickOption> = data.with_value(|d| {
        d.posture_checks
            .iter()
            .map(|c| PickOption {
                id: c.id.clone(),
                label: c.name.clone(),
                hint: c.description.clone(),
            })
            .collect()
    });
    let has_checks = !check_options.is_empty();
    let group_name = move |id: &str| {
        data.with_value(|d| {
            d.groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| g.name.clone())
                .unwrap_or_else(|| id.to_string())
        })
    };
    let protocol = move || draft.with(|d| d.protocol.clone());
    let no_ports = move || matches!(protocol().as_str(), "all" | "icmp");
    let is_ssh = move || protocol() == "netbird-ssh";
    let accept = move || draft.with(|d| d.action != "drop");
    let can_save = move || {
        let access = auth.permissions().module("policies");
        if editing_id.with_value(Option::is_some) {
            access.update
        } else {
            access.create
        }
    };
    let resource_text = |r: &Option<crate::resources::group::GroupResource>| {
        r.as_ref().map(|r| {
            tf(
                "Resource {id} ({kind})",
                &[("id", &r.id), ("kind", &r.r#type)],
            )
        })
    };
    let src_resource = draft.with_untracked(|d| resource_text(&d.source_resource));
    let dst_resource = draft.with_untracked(|d| resource_text(&d.destination_resource));
    let src_groups = groups.clone();
    let editing_title = if editing_id.with_value(Option::is_some) {
        t("This policy changed on the server since you opened it")
    } else {
        String::new()
    };
    view! {
        <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
        <form class="form" novalidate on:submit=on_submit data-testid="policy-form">
            <TextField name="name" label=t("Name") value=Signal::derive(move || draft.with(|d| d.name.clone()))
                on_input=Callback::new(move |v: String| edit("name", Box::new(move |d| d.name = v.clone())))
                on_blur=form.touch("name") error=form.error_of("name")/>
            <TextField name="description" label=t("Description") multiline=true value=Signal::derive(move || draft.with(|d| d.description.clone()))
                on_input=Callback::new(move |v: String| edit("description", Box::new(move |d| d.description = v.clone())))
                on_blur=form.touch("description") error=form.error_of("description")/>
            <CheckField name="enabled" label=t("Enabled") checked=Signal::derive(move || draft.with(|d| d.enabled))
                on_change=Callback::new(move |on| edit("enabled", Box::new(move |d| d.enabled = on)))/>
            <fieldset class="field segmented" name="action">
                <legend class="field__label">{t("Action")}</legend>
                <Choice name="action" value="accept" label=t("Accept") checked=Signal::derive(accept)
                    on_choose=Callback::new(move |_| edit("action", Box::new(|d| d.action = "accept".into())))/>
                <Choice name="action" value="drop" label=t("Drop") checked=Signal::derive(move || !accept())
                    on_choose=Callback::new(move |_| edit("action", Box::new(|d| d.action = "drop".into())))/>
            </fieldset>
            <fieldset class="field segmented" name="protocol">
                <legend class="field__label">{t("Protocol")}</legend>
                {PROTOCOLS.iter().map(|&(value, label)| view! {
                    <Choice name="protocol" value label=t(label) checked=Signal::derive(move || protocol() == value)
                        on_choose=Callback::new(move |_| edit("protocol", Box::new(move |d| d.protocol = value.into())))/>
                }).collect_view()}
            </fieldset>
            {match src_resource {
                Some(text) => view! { <p class="field__hint" data-testid="source-resource">{t("Sources")}": "{text}</p> }.into_any(),
                None => view! {
                    <Picker name="sources" legend=t("Sources") options=src_groups multiple=true
                        help=t("Peers in these groups start the connections.")
                        selected=Signal::derive(move || draft.with(|d| d.sources.clone()))
                        on_change=Callback::new(move |v: Vec<String>| edit("sources", Box::new(move |d| d.sources = v.clone())))
                        on_blur=form.touch("sources") error=form.error_of("sources")/>
                }.into_any(),
            }}
            <CheckField name="bidirectional" label=t("Bidirectional") checked=Signal::derive(move || draft.with(|d| d.bidirectional))
                help=t("Destinations may start connections to the sources too.")
                on_change=Callback::new(move |on| edit("bidirectional", Box::new(move |d| d.bidirectional = on)))/>
            {match dst_resource {
                Some(text) => view! { <p class="field__hint" data-testid="destination-resource">{t("Destinations")}": "{text}</p> }.into_any(),
                None => view! {
                    <Picker name="destinations" legend=t("Destinations") options=groups multiple=true
                        help=t("Peers in these groups accept the connections.")
                        selected=Signal::derive(move || draft.with(|d| d.destinations.clone()))
                        on_change=Callback::new(move |v: Vec<String>| edit("destinations", Box::new(move |d| d.destinations = v.clone())))
                        on_blur=form.touch("destinations") error=form.error_of("destinations")/>
                }.into_any(),
            }}
            <TextField name="ports" label=t("Ports") mono=true placeholder="22, 80, 443, 8000-8100"
                value=Signal::derive(move || draft.with(|d| d.ports.clone()))
                disabled=Signal::derive(no_ports)
                help=Signal::derive(move || if no_ports() {
                    t("All and ICMP carry no ports: choose TCP, UDP or NetBird SSH to limit ports.")
                } else {
                    t("Ports and ranges separated by commas; empty means every port.")
                })
                on_input=Callback::new(move |v: String| edit("ports", Box::new(move |d| d.ports = v.clone())))
                on_blur=form.touch("ports") error=form.error_of("ports")/>
            <When when=Signal::derive(is_ssh)>
                <fieldset class="field" name="authorized_groups" data-testid="authorized-groups">
                    <legend class="field__label">{t("Local users per source group")}</legend>
                    <p class="field__hint">{t("Optional. When any is given, every source group needs its local users (comma separated), as NetBird requires.")}</p>
                    {move || draft.with(|d| d.sources.clone()).into_iter().enumerate().map(|(i, gid)| {
                        let key = SSH_KEYS.get(i).copied().unwrap_or("authorized_groups");
                        let label = group_name(&gid);
                        let of = gid.clone();
                        let value = Signal::derive(move || draft.with(|d| {
                            d.authorized_groups.iter().find(|(g, _)| *g == of).map(|(_, u)| u.clone()).unwrap_or_default()
                        }));
                        let gid = gid.clone();
                        view! {
                            <TextField name="authorized_groups" key label value
                                on_input=Callback::new(move |v: String| {
                                    let gid = gid.clone();
                                    edit("authorized_groups", Box::new(move |d| {
                                        d.authorized_groups.retain(|(g, _)| *g != gid);
                                        if !v.trim().is_empty() {
                                            d.authorized_groups.push((gid.clone(), v.clone()));
                                        }
                                    }))
                                })
                                on_blur=form.touch("authorized_groups") error=Signal::derive(|| None)/>
                        }
                    }).collect_view()}
                    {move || form.error_of("authorized_groups").get().map(|e| view! { <p class="field__error" data-testid="error-authorized_groups">{e}</p> })}
                </fieldset>
            </When>
            {has_checks.then(|| view! {
                <Picker name="source_posture_checks" legend=t("Posture checks") options=check_options multiple=true
                    help=t("Source peers must pass these checks to connect.")
                    selected=Signal::derive(move || draft.with(|d| d.source_posture_checks.clone()))
                    on_change=Callback::new(move |v: Vec<String>| edit("source_posture_checks", Box::new(move |d| d.source_posture_checks = v.clone())))
                    on_blur=form.touch("source_posture_checks") error=form.error_of("source_posture_checks")/>
            })}
            {move || {
                let w = warn.get();
                (!w.is_empty()).then(|| view! {
                    <div class="notice notice--warn" role="status" data-testid="policy-warnings">
                        <ul class="plain-list">{w.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {editing_id.get_value().map(|id| view! {
                <StaleChoice saver id title=editing_title
                    reset=Callback::new(move |fresh: Policy| draft.set(draft_of(&fresh)))/>
            })}
            <FormFooter form note=Signal::derive(|| None::<String>) saving=saver.pending()
                can_save=Signal::derive(can_save)
                save_label=t("Save policy") save_testid="save-policy" cancel="/policies"/>
        </form>
    }
}
