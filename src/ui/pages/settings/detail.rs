//! Account settings, read-only for now.

use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use crate::resources::Account;
use crate::ui::api::{resource, use_api};
use crate::ui::kit::components::{loading_rows, ErrorNotice, PageHeader};
use leptos::prelude::*;

fn duration(secs: i64) -> String {
    match secs {
        s if s > 0 && s % 86_400 == 0 => tf("{n} days", &[("n", &thousands((s / 86_400) as u64))]),
        s if s > 0 && s % 3600 == 0 => tf("{n} hours", &[("n", &thousands((s / 3600) as u64))]),
        s => tf("{n} seconds", &[("n", &s.to_string())]),
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let api = use_api();
    let account = resource(move || api.get::<Vec<Account>>("/api/accounts"));
    view! {
        <PageHeader title=t("Settings") subtitle=t("Account-wide settings.")/>
        {account.view(loading_rows, move |result| {
            match result {
                Ok(accounts) => {
                    let a = accounts.into_iter().next().unwrap_or_default();
                    let s = a.settings;
                    let expiry = if s.peer_login_expiration_enabled { duration(s.peer_login_expiration) } else { t("off") };
                    view! {
                        <dl class="facts">
                            <dt>{t("Account")}</dt><dd class="cell--mono">{a.id}</dd>
                            <dt>{t("Domain")}</dt><dd>{a.domain}</dd>
                            <dt>{t("Peer login expiration")}</dt><dd>{expiry}</dd>
                            <dt>{t("DNS domain")}</dt><dd>{s.dns_domain}</dd>
                            <dt>{t("Network range")}</dt><dd class="cell--mono">{s.network_range}</dd>
                            <dt>{t("Regular users see peers")}</dt><dd>{if s.regular_users_view_blocked { t("no") } else { t("yes") }}</dd>
                        </dl>
                    }.into_any()
                }
                Err(error) => view! { <ErrorNotice error retry=Callback::new(move |_| account.refetch())/> }.into_any(),
            }
        })}
    }
}
