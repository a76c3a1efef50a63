//! `/api/accounts` and `/api/events[/audit]`, as `management/server/account.go` and
//! `management/server/event.go` in netbirdio/netbird answer them, and `/api/instance[/version]`.

use super::{json, ApiError, Ctx, Out};
use crate::net::Prefix;
use crate::state::{null_default, DashboardFeatures, Extra, Onboarding, Op, Settings, State};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

#[derive(Serialize)]
struct SettingsView<'a> {
    peer_login_expiration_enabled: bool,
    peer_login_expiration: i64,
    peer_inactivity_expiration_enabled: bool,
    peer_inactivity_expiration: i64,
    regular_users_view_blocked: bool,
    groups_propagation_enabled: bool,
    jwt_groups_enabled: bool,
    jwt_groups_claim_name: &'a str,
    jwt_allow_groups: &'a Vec<String>,
    routing_peer_dns_resolution_enabled: bool,
    dns_domain: &'a str,
    network_range: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    network_range_v6: &'a str,
    peer_expose_enabled: bool,
    #[serde(serialize_with = "super::null_if_empty")]
    peer_expose_groups: &'a Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra: &'a Option<Extra>,
    lazy_connection_enabled: bool,
    auto_update_version: &'a str,
    auto_update_always: bool,
    metrics_push_enabled: bool,
    agent_network_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    dashboard_features: &'a Option<DashboardFeatures>,
    embedded_idp_enabled: bool,
    local_auth_disabled: bool,
    local_mfa_enabled: bool,
    ipv6_enabled_groups: &'a Vec<String>,
}

#[derive(Serialize)]
struct AccountView<'a> {
    id: &'a str,
    settings: SettingsView<'a>,
    domain: &'a str,
    domain_category: &'a str,
    #[serde(serialize_with = "crate::util::ser_ts")]
    created_at: i64,
    created_by: &'a str,
    onboarding: &'a Onboarding,
}

fn view(st: &State) -> AccountView<'_> {
    let a = &st.account;
    let s = &a.settings;
    AccountView {
        id: &a.id,
        settings: SettingsView {
            peer_login_expiration_enabled: s.peer_login_expiration_enabled,
            peer_login_expiration: s.peer_login_expiration,
            peer_inactivity_expiration_enabled: s.peer_inactivity_expiration_enabled,
            peer_inactivity_expiration: s.peer_inactivity_expiration,
            regular_users_view_blocked: s.regular_users_view_blocked,
            groups_propagation_enabled: s.groups_propagation_enabled,
            jwt_groups_enabled: s.jwt_groups_enabled,
            jwt_groups_claim_name: &s.jwt_groups_claim_name,
            jwt_allow_groups: &s.jwt_allow_groups,
            routing_peer_dns_resolution_enabled: s.routing_peer_dns_resolution_enabled,
            dns_domain: &s.dns_domain,
            network_range: &s.network_range,
            network_range_v6: &s.network_range_v6,
            peer_expose_enabled: s.peer_expose_enabled,
            peer_expose_groups: &s.peer_expose_groups,
            extra: &s.extra,
            lazy_connection_enabled: s.lazy_connection_enabled,
            auto_update_version: &s.auto_update_version,
            auto_update_always: s.auto_update_always,
            metrics_push_enabled: s.metrics_push_enabled,
            agent_network_only: s.agent_network_only,
            dashboard_features: &s.dashboard_features,
            embedded_idp_enabled: false,
            local_auth_disabled: false,
            local_mfa_enabled: s.local_mfa_enabled,
            ipv6_enabled_groups: &s.ipv6_enabled_groups,
        },
        domain: &a.domain,
        domain_category: &a.domain_category,
        created_at: a.created_at,
        created_by: &a.created_by,
        onboarding: &a.onboarding,
    }
}

pub fn list(ctx: &mut Ctx) -> Out {
    ctx.allow("settings", Op::Read)?;
    json(&[view(ctx.st)])
}

#[derive(Deserialize, Default)]
struct SettingsRequest {
    peer_login_expiration_enabled: Option<bool>,
    peer_login_expiration: Option<i64>,
    peer_inactivity_expiration_enabled: Option<bool>,
    peer_inactivity_expiration: Option<i64>,
    regular_users_view_blocked: Option<bool>,
    groups_propagation_enabled: Option<bool>,
    jwt_groups_enabled: Option<bool>,
    jwt_groups_claim_name: Option<String>,
    jwt_allow_groups: Option<Vec<String>>,
    routing_peer_dns_resolution_enabled: Option<bool>,
    dns_domain: Option<String>,
    network_range: Option<String>,
    network_range_v6: Option<String>,
    peer_expose_enabled: Option<bool>,
    peer_expose_groups: Option<Vec<String>>,
    extra: Option<Extra>,
    lazy_connection_enabled: Option<bool>,
    auto_update_version: Option<String>,
    auto_update_always: Option<bool>,
    metrics_push_enabled: Option<bool>,
    agent_network_only: Option<bool>,
    dashboard_features: Option<DashboardFeatures>,
    #[allow(dead_code)]
    embedded_idp_enabled: Option<bool>,
    #[allow(dead_code)]
    local_auth_disabled: Option<bool>,
    local_mfa_enabled: Option<bool>,
    ipv6_enabled_groups: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
struct AccountRequest {
    #[serde(default, deserialize_with = "null_default")]
    settings: SettingsRequest,
    onboarding: Option<Onboarding>,
}

fn valid_version(v: &str) -> bool {
    if v.is_empty() || v == "latest" || v == "disabled" {
        return true;
    }
    let v = v.strip_prefix('v').unwrap_or(v);
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    let req: AccountRequest = ctx.decode()?;
    if id != ctx.st.account.id {
        return Err(ApiError::new(403, "user is not part of this account"));
    }
    ctx.allow("settings", Op::Update)?;
    let r = req.settings;
    let old = ctx.st.account.settings.clone();
    let mut s = Settings {
        peer_login_expiration_enabled: r.peer_login_expiration_enabled.unwrap_or_default(),
        peer_login_expiration: r.peer_login_expiration.unwrap_or_default(),
        peer_inactivity_expiration_enabled: r
            .peer_inactivity_expiration_enabled
            .unwrap_or_default(),
        peer_inactivity_expiration: r.peer_inactivity_expiration.unwrap_or_default(),
        regular_users_view_blocked: r.regular_users_view_blocked.unwrap_or_default(),
        groups_propagation_enabled: r.groups_propagation_enabled.unwrap_or_default(),
        jwt_groups_enabled: r.jwt_groups_enabled.unwrap_or_default(),
        jwt_groups_claim_name: r.jwt_groups_claim_name.unwrap_or_default(),
        jwt_allow_groups: r.jwt_allow_groups.unwrap_or_default(),
        routing_peer_dns_resolution_enabled: r
            .routing_peer_dns_resolution_enabled
            .unwrap_or_default(),
        dns_domain: r.dns_domain.unwrap_or_default(),
        network_range: r.network_range.unwrap_or_default(),
        network_range_v6: r.network_range_v6.unwrap_or_default(),
        peer_expose_enabled: r.peer_expose_enabled.unwrap_or_default(),
        peer_expose_groups: r.peer_expose_groups.unwrap_or_default(),
        extra: r.extra,
        lazy_connection_enabled: r.lazy_connection_enabled.unwrap_or_default(),
        auto_update_version: r.auto_update_version.unwrap_or_default(),
        auto_update_always: r.auto_update_always.unwrap_or_default(),
        metrics_push_enabled: r.metrics_push_enabled.unwrap_or_default(),
        agent_network_only: r.agent_network_only.unwrap_or_default(),
        dashboard_features: r.dashboard_features,
        local_mfa_enabled: r.local_mfa_enabled.unwrap_or_default(),
        ipv6_enabled_groups: r.ipv6_enabled_groups.unwrap_or_default(),
    };
    if s.peer_login_expiration < 3600 {
        return Err(ApiError::invalid(
            "peer login expiration can't be smaller than one hour",
        ));
    }
    if s.peer_login_expiration > 180 * 86_400 {
        return Err(ApiError::invalid(
            "peer login expiration can't be larger than 180 days",
        ));
    }
    if !s.dns_domain.is_empty()
        && (s.dns_domain.contains('*') || crate::domain::validate_domain(&s.dns_domain).is_err())
    {
        return Err(ApiError::invalid(format!(
            "invalid domain \"{}\" provided for DNS domain",
            s.dns_domain
        )));
    }
    if s.peer_expose_enabled && s.peer_expose_groups.is_empty() {
        return Err(ApiError::invalid(
            "peer expose groups must be provided when peer expose is enabled",
        ));
    }
    if s.agent_network_only
        && s.dashboard_features
            .as_ref()
            .is_none_or(|d| d.agent_network != Some(true))
    {
        return Err(ApiError::invalid(
            "agent_network_only requires dashboard_features.agent_network to be enabled",
        ));
    }
    for g in s
        .ipv6_enabled_groups
        .iter()
        .chain(s.peer_expose_groups.iter())
    {
        if !ctx.st.groups.contains(g) {
            return Err(ApiError::invalid(format!("group id {g} not found")));
        }
    }
    if s.network_range.is_empty() {
        s.network_range = old.network_range.clone();
    } else {
        let p = Prefix::parse(&s.network_range)
            .filter(|p| !p.is_v6())
            .ok_or_else(|| ApiError::invalid("invalid network range: must be an IPv4 CIDR"))?;
        let IpAddr::V4(a) = p.addr else {
            unreachable!()
        };
        if a.is_loopback() || a.is_multicast() || a.is_link_local() {
            return Err(ApiError::invalid(
                "invalid network range: loopback, multicast and link-local ranges are not allowed",
            ));
        }
        if p.bits > 28 {
            return Err(ApiError::invalid(
                "invalid network range: prefix length must be /28 or shorter",
            ));
        }
        let capacity = (1u64 << (32 - p.bits as u32)).saturating_sub(2);
        if (ctx.st.peers.len() as u64) > capacity {
            return Err(ApiError::invalid(
                "invalid network range: too small for the current peers",
            ));
        }
        s.network_range = p.masked().to_string();
    }
    if !s.network_range_v6.is_empty() {
        let p = Prefix::parse(&s.network_range_v6)
            .filter(|p| p.is_v6() && (48..=120).contains(&p.bits))
            .ok_or_else(|| {
                ApiError::invalid("invalid IPv6 network range: must be between /48 and /120")
            })?;
        s.network_range_v6 = p.masked().to_string();
    }
    if !valid_version(&s.auto_update_version) {
        return Err(ApiError::new(500, "internal server error"));
    }
    let id = ctx.st.account.id.clone();
    let mut events: Vec<(&str, Vec<(&str, String)>)> = vec![];
    if old.peer_login_expiration_enabled != s.peer_login_expiration_enabled {
        events.push((
            if s.peer_login_expiration_enabled {
                "account.setting.peer.login.expiration.enable"
            } else {
                "account.setting.peer.login.expiration.disable"
            },
            vec![],
        ));
    }
    if old.peer_login_expiration != s.peer_login_expiration {
        events.push(("account.setting.peer.login.expiration.update", vec![]));
    }
    if old.peer_inactivity_expiration_enabled != s.peer_inactivity_expiration_enabled {
        events.push((
            if s.peer_inactivity_expiration_enabled {
                "account.peer.inactivity.expiration.enable"
            } else {
                "account.peer.inactivity.expiration.disable"
            },
            vec![],
        ));
    }
    if old.peer_inactivity_expiration != s.peer_inactivity_expiration {
        events.push(("account.peer.inactivity.expiration.update", vec![]));
    }
    if old.groups_propagation_enabled != s.groups_propagation_enabled {
        events.push((
            if s.groups_propagation_enabled {
                "account.setting.group.propagation.enable"
            } else {
                "account.setting.group.propagation.disable"
            },
            vec![],
        ));
    }
    if old.routing_peer_dns_resolution_enabled != s.routing_peer_dns_resolution_enabled {
        events.push((
            if s.routing_peer_dns_resolution_enabled {
                "account.setting.routing.peer.dns.resolution.enable"
            } else {
                "account.setting.routing.peer.dns.resolution.disable"
            },
            vec![],
        ));
    }
    if old.lazy_connection_enabled != s.lazy_connection_enabled {
        events.push((
            if s.lazy_connection_enabled {
                "account.setting.lazy.connection.enable"
            } else {
                "account.setting.lazy.connection.disable"
            },
            vec![],
        ));
    }
    if old.dns_domain != s.dns_domain {
        events.push((
            "account.dns.domain.update",
            vec![
                ("old_dns_domain", old.dns_domain.clone()),
                ("new_dns_domain", s.dns_domain.clone()),
            ],
        ));
    }
    if old.network_range != s.network_range {
        events.push((
            "account.network.range.update",
            vec![
                ("old_network_range", old.network_range.clone()),
                ("new_network_range", s.network_range.clone()),
            ],
        ));
    }
    if old.auto_update_version != s.auto_update_version {
        events.push((
            "account.settings.auto.version.update",
            vec![("version", s.auto_update_version.clone())],
        ));
    }
    ctx.st.account.settings = s;
    if let Some(o) = req.onboarding {
        ctx.st.account.onboarding = o;
    }
    for (code, meta) in events {
        ctx.record(code, &id, meta);
    }
    json(&view(ctx.st))
}

pub fn events(ctx: &mut Ctx) -> Out {
    ctx.allow("events", Op::Read)?;
    let v: Vec<&crate::state::Event> = ctx.st.events.iter().rev().take(10_000).collect();
    json(&v)
}

pub fn instance(_ctx: &mut Ctx) -> Out {
    json(&serde_json::json!({"setup_required": false}))
}

pub fn version(ctx: &mut Ctx) -> Out {
    json(&serde_json::json!({
        "management_current_version": ctx.st.version,
        "management_update_available": false,
    }))
}
