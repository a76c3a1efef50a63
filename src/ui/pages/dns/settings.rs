//! DNS settings (`/dns/settings`): the groups whose peers keep their own DNS, not managed by
//! NetBird. Saved as a read-modify-write of the settings object, with the stale-edit check.

use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::base::stale::FieldSpec;
use crate::resources::dns::validation::validate_dns_settings;
use crate::resources::{DnsSettings, Group};
use crate::ui::api::{both, resource, use_api};
use crate::ui::auth::use_auth;
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader, When};
use crate::ui::kit::controls::{group_options, Picker};
use crate::ui::kit::drafts::Draft;
use crate::ui::kit::edit::{Saver, SaverSpec, StaleChoice};
use crate::ui::kit::form::{DraftRestored, Form, FormFooter};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

const DNS_SETTINGS_FIELDS: &[FieldSpec] = &[FieldSpec::named(
    "disabled_management_groups",
    "Groups without NetBird DNS",
)];

fn same(s: &DnsSettings) -> DnsSettings {
    s.clone()
}

/// The server names the group it does not know: at the one control.
fn field_of(message: &str) -> Option<&'static str> {
    message
        .starts_with("group id")
        .then_some("disabled_management_groups")
}

#[component]
pub fn DnsSettingsPage() -> impl IntoView {
    let api = use_api();
    // Outside the view the reload rebuilds, so "Saved." stays after it.
    let saved = RwSignal::new(false);
    let data = resource(move || {
        let both_lists = both(
            api.get::<DnsSettings>("/api/dns/settings"),
            api.get_list::<Group>("/api/groups"),
        );
        async move {
            let (settings, groups) = both_lists.await;
            Ok::<_, ApiError>((settings?, groups?))
        }
    });
    view! {
        <PageHeader title=t("DNS settings") subtitle=t("Peers in these groups keep their own DNS configuration: NetBird does not manage it.")/>
        {data.view(loading_rows, move |result| match result {
            Ok((settings, groups)) => view! { <SettingsForm settings groups saved refetch=Callback::new(move |_| data.refetch())/> }.into_any(),
            Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| data.refetch())/> }.into_any(),
        })}
    }
}

#[component]
fn SettingsForm(
    settings: DnsSettings,
    groups: Vec<Group>,
    refetch: Callback<()>,
    saved: RwSignal<bool>,
) -> impl IntoView {
    let api = use_api();
    let auth = use_auth();
    let groups = StoredValue::new(groups);
    let input = Draft::open(
        "dns-settings",
        settings.disabled_management_groups.clone(),
        Some(settings),
    );
    let chosen = input.value;
    let errors = Memo::new(move |_| {
        let mut e = crate::base::field_errors::FieldErrors::default();
        if let Err(m) = chosen.with(|c| groups.with_value(|g| validate_dns_settings(c, g))) {
            e.insert("disabled_management_groups", m);
        }
        e
    });
    let form = Form::new("dns-settings", errors.into());
    let saver: Saver<DnsSettings, DnsSettings> = Saver::new(
        api,
        form,
        input.base,
        SaverSpec {
            collection: "/api/dns/settings",
            request_of: same,
            spec: DNS_SETTINGS_FIELDS,
            field_of,
            id_of: None,
        },
        Callback::new(move |_| {
            input.saved();
            saved.set(true);
            refetch.run(());
        }),
    );
    let on_submit = move |ev: SubmitEvent| {
        saved.set(false);
        if !input.submit(form, &ev) {
            return;
        }
        if let Ok(request) =
            chosen.with_untracked(|c| groups.with_value(|g| validate_dns_settings(c, g)))
        {
            let names: Vec<(String, String)> =
                groups.with_value(|g| g.iter().map(|g| (g.id.clone(), g.name.clone())).collect());
            saver.save(Some(String::new()), request, names);
        }
    };
    let options = groups.with_value(|g| group_options(g, |_| true));
    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="dns-settings-form">
            <DraftRestored restored=input.restored on_discard=Callback::new(move |_| input.discard())/>
            <Picker name="disabled_management_groups" legend=t("Groups without NetBird DNS") options multiple=true
                selected=chosen.into()
                on_change=Callback::new(move |v: Vec<String>| { input.edit(form, "disabled_management_groups", |c| *c = v); saved.set(false); })
                on_blur=form.touch("disabled_management_groups") error=form.error_of("disabled_management_groups")/>
            <StaleChoice saver id=String::new() title=t("The DNS settings changed on the server since you opened them")
                reset=Callback::new(move |fresh: DnsSettings| chosen.set(fresh.disabled_management_groups))/>
            <When when=saved>
                <p class="notice notice--good" role="status" data-testid="dns-settings-saved">{t("Saved.")}</p>
            </When>
            <FormFooter form note=Signal::derive(|| None::<String>) saving=saver.pending()
                can_save=Signal::derive(move || auth.permissions().module("dns").update)
                save_label=t("Save") save_testid="save-dns-settings" cancel="/dns"/>
        </form>
    }
}
