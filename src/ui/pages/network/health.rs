//! `/health`: the health check's findings, most severe first, each naming its objects (linked),
//! the list behind it when they are many, and a fix where one is safe. The counts per severity
//! go to the navigation (`HealthCounts`).

use super::data::{load, load_health, HealthData, NetData};
use crate::base::error::ApiError;
use crate::base::i18n::{t, tf};
use crate::resources::network::health::{check, counts, Extra, Finding, Fix, Named, Severity};
use crate::resources::network::Lists;
use crate::resources::Route;
use crate::ui::api::{both, resource, use_api, Api, Verb};
use crate::ui::app::HealthCounts;
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader};
use crate::ui::kit::dialog::ConfirmDialog;
use crate::ui::kit::list::now_secs;
use crate::ui::kit::marks::mark_painted;
use crate::ui::kit::task::Task;
use crate::ui::router::href;
use leptos::prelude::*;
use std::rc::Rc;

/// The findings of these lists now.
pub fn findings(lists: &Lists, extra: &HealthData) -> Vec<Finding> {
    check(
        &lists.net(),
        &Extra {
            setup_keys: &extra.setup_keys,
            users: &extra.users,
            tokens: &extra.tokens,
            account: extra.account.as_ref(),
            now: now_secs(),
        },
    )
}

/// Reads everything the health check needs, once who is signed in is known.
pub fn load_all(
    api: Api,
    auth: crate::ui::auth::Auth,
) -> impl std::future::Future<Output = Result<(Rc<NetData>, Rc<HealthData>), ApiError>> {
    let known = auth.known_permissions();
    async move {
        let perms = known.await;
        let (net, extra) = both(load(api, &perms), load_health(api, auth, &perms)).await;
        crate::ui::kit::marks::mark("nbc:network-loaded");
        Ok((Rc::new(net?), Rc::new(extra?)))
    }
}

#[component]
pub fn HealthPage() -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let data = resource(move || load_all(api, auth));
    view! {
        <PageHeader title=t("Health check") subtitle=t("Findings read off the account's lists, most severe first.")/>
        {data.view(loading_rows, move |result| match result {
            Ok((net, extra)) => view! {
                <super::Unread data=net.clone()/>
                <Findings net extra refetch=Callback::new(move |_| data.refetch())/>
            }.into_any(),
            Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| data.refetch())/> }.into_any(),
        })}
    }
}

fn object_path(o: &Named) -> String {
    format!(
        "{}/{}",
        o.kind.path(),
        crate::base::listing::encode_query_value(&o.id)
    )
}

/// How many objects a finding names before "and N more".
const NAMED: usize = 8;

#[component]
fn Findings(net: Rc<NetData>, extra: Rc<HealthData>, refetch: Callback<()>) -> impl IntoView {
    let found = findings(&net.lists, &extra);
    let c = counts(&found);
    if let Some(shared) = use_context::<HealthCounts>() {
        shared.0.set(Some(c));
    }
    mark_painted("nbc:health-painted");
    let sections = Severity::ALL.into_iter().map(|severity| {
        let here: Vec<Finding> = found.iter().filter(|f| f.severity == severity).cloned().collect();
        let title = format!("{} ({})", severity.label(), here.len());
        view! {
            <section class="panel" id=severity.key() data-testid=format!("health-{}", severity.key())>
                <h2 class="panel__title">{title}</h2>
                {if here.is_empty() {
                    view! { <p class="field__hint">{t("Nothing found.")}</p> }.into_any()
                } else {
                    view! { <ul class="findings">{here.into_iter().map(|f| view! { <FindingItem finding=f refetch/> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        }
    }).collect_view();
    let chip = |s: Severity, n: usize| {
        view! { <a class=s.tone().class() href=format!("#{}", s.key()) data-testid=format!("health-count-{}", s.key())>{format!("{} {}", n, s.label())}</a> }
    };
    view! {
        <p class="health-counts" data-testid="health-counts">
            {chip(Severity::Critical, c[0])}" "{chip(Severity::Warning, c[1])}" "{chip(Severity::Notice, c[2])}
        </p>
        {sections}
    }
}

#[component]
fn FindingItem(finding: Finding, refetch: Callback<()>) -> impl IntoView {
    let api = use_api();
    let task = Task::new();
    let failed = RwSignal::new(None::<ApiError>);
    let asking = RwSignal::new(false);
    let more = finding.objects.len().saturating_sub(NAMED);
    let objects = finding
        .objects
        .iter()
        .take(NAMED)
        .enumerate()
        .map(|(i, o)| {
            view! {
                {(i > 0).then_some(", ")}<a href=href(&object_path(o))>{o.name.clone()}</a>
            }
        })
        .collect_view();
    let fix = finding.fix.clone();
    let (label, question) = match &fix {
        Some(Fix::DeleteGroup(_)) => (t("Delete the group"), t("The group holds nothing and nothing uses it. Delete it?")),
        Some(Fix::Masquerade(_)) => (t("Turn masquerade on"), t("Peers using this exit node will have their traffic masqueraded behind the routing peer. Turn masquerade on?")),
        None => (String::new(), String::new()),
    };
    let first = finding
        .objects
        .first()
        .map(|o| o.name.clone())
        .unwrap_or_default();
    let first_name = finding
        .objects
        .first()
        .map(|o| o.name.clone())
        .unwrap_or_default();
    let run = move || {
        let Some(fix) = fix.clone() else { return };
        task.run(async move {
            let result = match fix {
                Fix::DeleteGroup(id) => {
                    api.delete(&format!(
                        "/api/groups/{}",
                        crate::base::listing::encode_query_value(&id)
                    ))
                    .await
                }
                Fix::Masquerade(id) => masquerade(api, &id).await,
            };
            match result {
                Ok(()) => refetch.run(()),
                Err(e) => failed.set(Some(e)),
            }
        });
    };
    let run = StoredValue::new_local(run);
    view! {
        <li class="finding" data-rule=finding.rule data-first=first>
            <span class=finding.severity.tone().class()>
                {finding.severity.label()}
            </span>
            " "<span class="finding__message">{finding.message.clone()}</span>
            <span class="finding__objects">{objects}
                {(more > 0).then(|| view! { " "{tf("and {count} more", &[("count", &crate::base::format::thousands(more as u64))])} })}
            </span>
            {finding.list.clone().map(|l| view! { " "<a href=href(&l)>{t("Show them all")}</a> })}
            {finding.fix.is_some().then(|| view! {
                " "<button type="button" class="btn btn--small" data-testid="fix" disabled=task.pending()
                    on:click=move |_| asking.set(true)>{label.clone()}</button>
            })}
            {move || failed.get().map(|e| view! { <ErrorNotice error=e/> })}
            {move || asking.get().then(|| view! {
                <ConfirmDialog title=first_name.clone() message=question.clone() confirm_label=t("Fix")
                    on_confirm=Callback::new(move |_| { asking.set(false); run.with_value(|r| r()); })
                    on_cancel=Callback::new(move |_| asking.set(false))/>
            })}
        </li>
    }
}

/// Turns masquerade on for a route. PUT replaces the whole route, so the request is the route
/// as the server has it now with only masquerade changed: nobody's other changes are undone.
async fn masquerade(api: Api, id: &str) -> Result<(), ApiError> {
    use crate::resources::route::write::request_of;
    let path = format!(
        "/api/routes/{}",
        crate::base::listing::encode_query_value(id)
    );
    let fresh: Route = api.get(&path).await?;
    if fresh.masquerade {
        return Ok(());
    }
    let mut request = request_of(&fresh);
    request.masquerade = true;
    api.write::<_, Route>(Verb::Put, &path, &request)
        .await
        .map(|_| ())
}
