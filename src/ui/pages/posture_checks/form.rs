//! Create a posture check (`/posture-checks/new`) or change one (`/posture-checks/<id>`): the
//! NetBird version, OS versions, where peers are, their network ranges and running processes,
//! each switched on or off; the server's rules checked before sending. Deleting one that
//! policies use first takes it out of them, after saying which.

use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::resources::policy::validation::rewrite_of;
use crate::resources::posture_check::validation::{
    draft_of, request_of, server_error_field, used_by, validate, OsLimitDraft, PostureCheckDraft,
    PostureCheckRequest, ProcessDraft, ALLOW, DENY, FIELDS,
};
use crate::resources::{Policy, PostureCheck};
use crate::ui::api::{both, resource, use_api};
use crate::ui::auth::use_auth;
use crate::ui::kit::bulk::BulkItem;
use crate::ui::kit::components::{loading_rows, page_failure, ErrorNotice, PageHeader, When};
use crate::ui::kit::controls::{CheckField, Choice, TextField};
use crate::ui::kit::delete::{DeleteOne, Detach};
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::edit::{Saver, SaverSpec, StaleChoice};
use crate::ui::kit::form::{DraftRestored, Form, FormFooter};
use crate::ui::kit::row_actions::write_fresh;
use crate::ui::router::{href, use_navigate, NavigateOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::rc::Rc;

#[derive(Clone)]
struct Loaded {
    checks: Vec<PostureCheck>,
    policies: Vec<Policy>,
}

/// A country the server's geo database knows.
#[derive(Clone, Debug, Default, PartialEq, crate::base::json::FromJson)]
struct Country {
    country_code: String,
    country_name: String,
}

#[component]
pub fn PostureCheckPage(id: Option<String>) -> impl IntoView {
    let api = use_api();
    let data = resource(move || {
        let lists = both(
            api.get_list::<PostureCheck>("/api/posture-checks"),
            api.get_list::<Policy>("/api/policies"),
        );
        async move {
            let (checks, policies) = lists.await;
            Ok::<_, ApiError>(Loaded {
                checks: checks?,
                policies: policies.unwrap_or_default(),
            })
        }
    });
    let title = if id.is_some() {
        t("Posture check")
    } else {
        t("Add posture check")
    };
    view! {
        {data.view(loading_rows, move |result| match result {
            Ok(d) => {
                let editing = id.as_ref().and_then(|id| d.checks.iter().find(|c| &c.id == id).cloned());
                if id.is_some() && editing.is_none() {
                    return page_failure(title.clone(), ApiError::NotFound(t("this posture check no longer exists")), None);
                }
                let header = editing.as_ref().map(|c| c.name.clone()).unwrap_or_else(|| title.clone());
                let users: Vec<(String, String)> = editing.as_ref().map(|c| used_by(&c.id, &d.policies).into_iter().map(|p| (p.id.clone(), p.name.clone())).collect()).unwrap_or_default();
                let delete = editing.clone().map(|check| view! { <DeleteCheck check users=users.clone()/> });
                let used = (!users.is_empty()).then(|| view! {
                        <p class="field__hint" data-testid="used-by">{t("Used by")}": "
                            {users.iter().map(|(id, name)| view! { <a href=href(&format!("/policies/{id}"))>{name.clone()}</a>" " }).collect_view()}
                        </p>
                });
                view! {
                    <PageHeader title=header subtitle=t("Conditions a peer must meet to connect through the policies that use the check.")>
                        {delete}
                    </PageHeader>
                    {used}
                    <CheckForm data=d editing/>
                }.into_any()
            }
            Err(error) => page_failure(title.clone(), error, Some(Callback::new(move |_| data.refetch()))),
        })}
    }
}

#[component]
fn DeleteCheck(check: PostureCheck, users: Vec<(String, String)>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let name = check.name.clone();
    let message = if users.is_empty() {
        tf(
            "Delete the posture check {name}? This cannot be undone.",
            &[("name", &name)],
        )
    } else {
        tf("The posture check {name} is used by the policies below. Each is first changed to no longer require it (read fresh, only this check taken out), so peers that fail it can then connect through them; then the check is deleted.", &[("name", &name)])
    };
    let items: Vec<String> = users.iter().map(|(_, n)| n.clone()).collect();
    // Each policy read fresh and written back without the check (one gone meanwhile holds it
    // no more).
    let detach = (!users.is_empty()).then(|| {
        let (check_id, users) = (check.id.clone(), Rc::new(users));
        let items = move || {
            users
                .iter()
                .map(|(id, policy)| {
                    let (path, check_id) = (format!("/api/policies/{id}"), check_id.clone());
                    let work = async move {
                        let without = |fresh: &Policy| {
                            let mut request = rewrite_of(fresh).map_err(ApiError::NotSent)?;
                            request.source_posture_checks.retain(|c| *c != check_id);
                            Ok(request)
                        };
                        match write_fresh(api, &path, without).await {
                            Ok(_) | Err(ApiError::NotFound(_)) => Ok(()),
                            Err(e) => Err(e),
                        }
                    };
                    BulkItem::new(format!("{} · {policy}", t("Policy")), work)
                })
                .collect()
        };
        Detach {
            title: t("Detaching the posture check"),
            items: Rc::new(items),
        }
    });
    view! {
        <DeleteOne testid="delete-posture-check" allowed=Signal::derive(move || auth.permissions().module("policies").delete)
            name path=format!("/api/posture-checks/{}", check.id) message items detach
            done=Callback::new(move |_| navigate("/posture-checks", NavigateOptions::default()))/>
    }
}

/// The operating systems of the OS check: field key, label, and the API name of its minimum.
const OSES: &[(&str, &str, &str)] = &[
    ("os_version_check.android", "Android", "min_version"),
    ("os_version_check.darwin", "macOS", "min_version"),
    ("os_version_check.ios", "iOS", "min_version"),
    ("os_version_check.linux", "Linux", "min_kernel_version"),
    ("os_version_check.windows", "Windows", "min_kernel_version"),
];

/// The draft of the `i`th operating system of `OSES`.
fn os_mut(d: &mut PostureCheckDraft, i: usize) -> &mut OsLimitDraft {
    match i {
        0 => &mut d.android,
        1 => &mut d.darwin,
        2 => &mut d.ios,
        3 => &mut d.linux,
        _ => &mut d.windows,
    }
}

fn os_of(d: &PostureCheckDraft, i: usize) -> &OsLimitDraft {
    [&d.android, &d.darwin, &d.ios, &d.linux, &d.windows][i.min(4)]
}

#[component]
fn CheckForm(data: Loaded, editing: Option<PostureCheck>) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let navigate = use_navigate();
    let editing_id = StoredValue::new(editing.as_ref().map(|c| c.id.clone()));
    let data = StoredValue::new(data);
    let start = editing.as_ref().map(draft_of).unwrap_or_default();
    let input = Draft::open("posture-check", start, editing);
    let draft = input.value;
    let check = move |d: &PostureCheckDraft| {
        data.with_value(|dt| editing_id.with_value(|id| validate(d, &dt.checks, id.as_deref())))
    };
    let errors = Memo::new(move |_| draft.with(|d| check(d).err().unwrap_or_default()));
    let form = Form::new("posture-check", errors.into());
    let done = Callback::new(move |_| {
        input.saved();
        navigate("/posture-checks", NavigateOptions::default());
    });
    let saver: Saver<PostureCheck, PostureCheckRequest> = Saver::new(
        api,
        form,
        input.base,
        SaverSpec {
            collection: "/api/posture-checks",
            request_of,
            spec: FIELDS,
            field_of: server_error_field,
            id_of: None,
        },
        done,
    );
    let edit = move |field: &'static str, f: Box<dyn Fn(&mut PostureCheckDraft)>| {
        input.edit(form, field, |d| f(d));
    };
    let on_submit = move |ev: SubmitEvent| {
        if !input.submit(form, &ev) {
            return;
        }
        if let Ok(request) = draft.with_untracked(check) {
            saver.save(editing_id.get_value(), request, Vec::new());
        }
    };
    // The countries the server's geo database knows, for the location check; a server without
    // one answers 412, said in words.
    let countries = resource(move || api.get_list::<Country>("/api/locations/countries"));
    let can_save = move || {
        let access = auth.permissions().module("policies");
        if editing_id.with_value(Option::is_some) {
            access.update
        } else {
            access.create
        }
    };
    let on = move |get: fn(&PostureCheckDraft) -> bool| Signal::derive(move || draft.with(get));
    let action_choice = move |name: &'static str,
                              get: fn(&PostureCheckDraft) -> &String,
                              set: fn(&mut PostureCheckDraft, &str)| {
        view! {
            <fieldset class="field segmented" name="action">
                <legend class="field__label">{t("Action")}</legend>
                <Choice name="action" value=ALLOW label=t("Allow") checked=Signal::derive(move || draft.with(|d| get(d) == ALLOW))
                    on_choose=Callback::new(move |_| edit(name, Box::new(move |d| set(d, ALLOW))))/>
                <Choice name="action" value=DENY label=t("Deny") checked=Signal::derive(move || draft.with(|d| get(d) == DENY))
                    on_choose=Callback::new(move |_| edit(name, Box::new(move |d| set(d, DENY))))/>
            </fieldset>
        }
    };
    let stale_title = t("This posture check changed on the server since you opened it");
    view! {
        <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
        <form class="form" novalidate on:submit=on_submit data-testid="posture-check-form">
            <TextField name="name" label=t("Name") value=Signal::derive(move || draft.with(|d| d.name.clone()))
                on_input=Callback::new(move |v: String| edit("name", Box::new(move |d| d.name = v.clone())))
                on_blur=form.touch("name") error=form.error_of("name")/>
            <TextField name="description" label=t("Description") value=Signal::derive(move || draft.with(|d| d.description.clone()))
                on_input=Callback::new(move |v: String| edit("description", Box::new(move |d| d.description = v.clone())))
                on_blur=form.touch("description") error=form.error_of("description")/>
            {move || form.error_of("checks").get().map(|e| view! { <p class="field__error" data-testid="error-checks">{e}</p> })}

            <section class="panel">
                <CheckField name="nb_version_check" label=t("NetBird client version") checked=on(|d| d.nb_version_on)
                    on_change=Callback::new(move |v| edit("checks", Box::new(move |d| d.nb_version_on = v)))/>
                <When when=on(|d| d.nb_version_on)>
                    <TextField name="min_version" label=t("Oldest version allowed") mono=true placeholder="0.28.0"
                        value=Signal::derive(move || draft.with(|d| d.nb_min_version.clone()))
                        on_input=Callback::new(move |v: String| edit("min_version", Box::new(move |d| d.nb_min_version = v.clone())))
                        on_blur=form.touch("min_version") error=form.error_of("min_version")/>
                </When>
            </section>

            <section class="panel">
                <CheckField name="os_version_check" label=t("Operating system versions") checked=on(|d| d.os_on)
                    on_change=Callback::new(move |v| edit("checks", Box::new(move |d| d.os_on = v)))/>
                <When when=on(|d| d.os_on)>
                    {OSES.iter().enumerate().map(|(i, &(key, label, field))| view! {
                        <div class="ns-row">
                            <CheckField name="allowed" label=tf("{os} allowed", &[("os", label)])
                                checked=Signal::derive(move || draft.with(|d| os_of(d, i).allowed))
                                on_change=Callback::new(move |v| edit(key, Box::new(move |d| os_mut(d, i).allowed = v)))/>
                            <TextField name=field key label=if field == "min_kernel_version" { tf("{os}: oldest kernel", &[("os", label)]) } else { tf("{os}: oldest version", &[("os", label)]) }
                                mono=true
                                value=Signal::derive(move || draft.with(|d| os_of(d, i).min_version.clone()))
                                help=t("Empty: any version.")
                                on_input=Callback::new(move |v: String| edit(key, Box::new(move |d| os_mut(d, i).min_version = v.clone())))
                                on_blur=form.touch(key) error=form.error_of(key)/>
                        </div>
                    }).collect_view()}
                    {move || form.error_of("os_version_check").get().map(|e| view! { <p class="field__error" data-testid="error-os_version_check">{e}</p> })}
                </When>
            </section>

            <section class="panel">
                <CheckField name="geo_location_check" label=t("Location") checked=on(|d| d.geo_on)
                    on_change=Callback::new(move |v| edit("checks", Box::new(move |d| d.geo_on = v)))/>
                <When when=on(|d| d.geo_on)>
                    {action_choice("geo_location_check.action", |d| &d.geo_action, |d, a| d.geo_action = a.into())}
                    <TextField name="country_code" label=t("Countries and cities") multiline=true mono=true
                        value=Signal::derive(move || draft.with(|d| d.locations.clone()))
                        help=t("One per line: a two-letter country code (DE), or a country and city (DE/Berlin).")
                        on_input=Callback::new(move |v: String| edit("country_code", Box::new(move |d| d.locations = v.clone())))
                        on_blur=form.touch("country_code") error=form.error_of("country_code")/>
                    {countries.view(|| view! { <p class="field__hint">{t("Loading…")}</p> }.into_any(), move |result| match result {
                        Ok(list) => view! {
                            <label class="field">
                                <span class="field__label">{t("Add a country")}</span>
                                <select class="select" name="country_pick" data-testid="country-pick"
                                    on:change:target=move |ev| {
                                        let code = ev.target().value();
                                        if !code.is_empty() {
                                            edit("country_code", Box::new(move |d| {
                                                if !d.locations.trim().is_empty() && !d.locations.ends_with('\n') {
                                                    d.locations.push('\n');
                                                }
                                                d.locations.push_str(&code);
                                            }));
                                            ev.target().set_value("");
                                        }
                                    }>
                                    <option value="">{tf("Choose one of {n} countries", &[("n", &list.len().to_string())])}</option>
                                    {list.into_iter().map(|c| view! { <option value=c.country_code.clone()>{format!("{} · {}", c.country_code, c.country_name)}</option> }).collect_view()}
                                </select>
                            </label>
                        }.into_any(),
                        Err(ApiError::PreconditionFailed(_)) => view! {
                            <p class="notice notice--warn" role="status" data-testid="no-geo">
                                {t("This NetBird server has no geolocation database, so it cannot check where peers are; it refuses location checks until one is installed.")}
                            </p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    })}
                </When>
            </section>

            <section class="panel">
                <CheckField name="peer_network_range_check" label=t("Peer network ranges") checked=on(|d| d.ranges_on)
                    on_change=Callback::new(move |v| edit("checks", Box::new(move |d| d.ranges_on = v)))/>
                <When when=on(|d| d.ranges_on)>
                    {action_choice("peer_network_range_check.action", |d| &d.ranges_action, |d, a| d.ranges_action = a.into())}
                    <TextField name="ranges" label=t("Ranges") multiline=true mono=true
                        value=Signal::derive(move || draft.with(|d| d.ranges.clone()))
                        help=t("CIDRs of the peers' local networks, one per line, like 192.168.0.0/16.")
                        on_input=Callback::new(move |v: String| edit("ranges", Box::new(move |d| d.ranges = v.clone())))
                        on_blur=form.touch("ranges") error=form.error_of("ranges")/>
                </When>
            </section>

            <section class="panel">
                <CheckField name="process_check" label=t("Running processes") checked=on(|d| d.processes_on)
                    on_change=Callback::new(move |v| edit("checks", Box::new(move |d| d.processes_on = v)))/>
                <When when=on(|d| d.processes_on)>
                    {move || (0..draft.with(|d| d.processes.len())).map(|i| {
                        let path_field = move |column: usize, label: String, get: fn(&ProcessDraft) -> &String, set: fn(&mut ProcessDraft, String)| view! {
                            <TextField name="processes" key=PROCESS_KEYS.get(i * 3 + column).copied().unwrap_or("processes") label mono=true
                                value=Signal::derive(move || draft.with(|d| d.processes.get(i).map(|p| get(p).clone()).unwrap_or_default()))
                                on_input=Callback::new(move |v: String| edit("processes", Box::new(move |d| if let Some(p) = d.processes.get_mut(i) { set(p, v.clone()) })))
                                on_blur=form.touch("processes") error=Signal::derive(|| None)/>
                        };
                        view! {
                            <div class="ns-row" data-testid="process-row">
                                {path_field(0, t("Linux path"), |p| &p.linux_path, |p, v| p.linux_path = v)}
                                {path_field(1, t("macOS path"), |p| &p.mac_path, |p, v| p.mac_path = v)}
                                {path_field(2, t("Windows path"), |p| &p.windows_path, |p, v| p.windows_path = v)}
                            </div>
                        }
                    }).collect_view()}
                    <button type="button" class="btn btn--small" on:click=move |_| edit("processes", Box::new(|d| d.processes.push(ProcessDraft::default())))>{t("Add process")}</button>
                    {move || form.error_of("processes").get().map(|e| view! { <p class="field__error" data-testid="error-processes">{e}</p> })}
                </When>
            </section>

            {editing_id.get_value().map(|id| view! {
                <StaleChoice saver id title=stale_title.clone()
                    reset=Callback::new(move |fresh: PostureCheck| draft.set(draft_of(&fresh)))/>
            })}
            <FormFooter form note=Signal::derive(|| None::<String>) saving=saver.pending()
                can_save=Signal::derive(can_save)
                save_label=t("Save posture check") save_testid="save-posture-check" cancel="/posture-checks"/>
        </form>
    }
}

/// Ids for the path controls of the process rows (they share the API field's name).
const PROCESS_KEYS: &[&str] = &[
    "processes.0.linux",
    "processes.0.mac",
    "processes.0.windows",
    "processes.1.linux",
    "processes.1.mac",
    "processes.1.windows",
    "processes.2.linux",
    "processes.2.mac",
    "processes.2.windows",
    "processes.3.linux",
    "processes.3.mac",
    "processes.3.windows",
];
