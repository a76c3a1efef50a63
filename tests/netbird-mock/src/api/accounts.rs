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

/// Go's `netip.ParsePrefix` with its error text (`netip.ParsePrefix("x"): no '/'`, …).
fn parse_prefix_go(s: &str) -> Result<Prefix, String> {
    let fail = |msg: String| Err(format!("netip.ParsePrefix({s:?}): {msg}"));
    let Some(i) = s.rfind('/') else {
        return fail("no '/'".into());
    };
    let addr = match crate::net::parse_addr(&s[..i]) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    if s[..i].contains('%') {
        return fail("IPv6 zones cannot be present in a prefix".into());
    }
    let bits = &s[i + 1..];
    if bits.len() > 1 && !bits.starts_with(|c: char| ('1'..='9').contains(&c)) {
        return fail(format!("bad bits after slash: {bits:?}"));
    }
    let Ok(n) = bits.parse::<i64>() else {
        return fail(format!("bad bits after slash: {bits:?}"));
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    if !(0..=max).contains(&n) {
        return fail("prefix length out of range".into());
    }
    Ok(Prefix {
        addr,
        bits: n as u8,
    })
}

/// `parseAndValidateNetworkRange` in `handlers/accounts/accounts_handler.go`.
fn check_network_range(s: &str, v6: bool, peers: usize) -> Result<Prefix, ApiError> {
    let p = parse_prefix_go(s)
        .map_err(|e| ApiError::invalid(format!("invalid CIDR format: {e}")))?
        .masked();
    if v6 && !p.is_v6() {
        return Err(ApiError::invalid("network range must be an IPv6 address"));
    }
    if !v6 && p.is_v6() {
        return Err(ApiError::invalid("network range must be an IPv4 address"));
    }
    let (loopback, multicast, link_local) = match p.addr {
        IpAddr::V4(a) => (a.is_loopback(), a.is_multicast(), a.is_link_local()),
        IpAddr::V6(a) => {
            let seg = a.segments()[0];
            (
                a.is_loopback(),
                a.is_multicast(),
                (seg & 0xffc0) == 0xfe80 || (a.is_multicast() && (seg & 0x000f) == 2),
            )
        }
    };
    if loopback {
        return Err(ApiError::invalid("loopback address range not allowed"));
    }
    if multicast {
        return Err(ApiError::invalid("multicast address range not allowed"));
    }
    if link_local {
        return Err(ApiError::invalid("link-local address range not allowed"));
    }
    if !v6 && p.bits > 28 {
        return Err(ApiError::invalid(
            "network range too small: minimum size is /28 for IPv4",
        ));
    }
    if v6 && p.bits > 120 {
        return Err(ApiError::invalid(
            "network range too small: minimum size is /120 for IPv6",
        ));
    }
    if v6 && p.bits < 48 {
        return Err(ApiError::invalid(
            "network range too large: maximum size is /48 for IPv6",
        ));
    }
    // validateCapacity: the peers plus half again (at least 10 addresses).
    let host_bits = if v6 { 128 } else { 32 } - p.bits as i64;
    let max_hosts: i64 = if host_bits >= 63 {
        i64::MAX
    } else {
        (1i64 << host_bits) - if v6 { 0 } else { 2 }
    };
    let required = (peers as i64 + (peers as f64 * 0.5) as i64).max(10);
    if max_hosts < required {
        return Err(ApiError::invalid(format!(
            "network range too small: need at least {required} addresses for {peers} peers + buffer, but range provides {max_hosts}"
        )));
    }
    Ok(p)
}

/// `IsValidDomainNoWildcard`: the domain regex on the lowercased name, no punycode conversion.
fn dns_domain_ok(d: &str) -> bool {
    !d.starts_with("*.") && crate::domain::domain_regex().is_match(&d.to_lowercase())
}

pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    let req: AccountRequest = ctx.decode()?;
    let r = req.settings;
    let old = ctx.st.account.settings.clone();
    // updateAccountRequestSettings: the handler's checks come before any permission check.
    let peer_expose_enabled = r.peer_expose_enabled.unwrap_or_default();
    let peer_expose_groups = r.peer_expose_groups.unwrap_or_default();
    if peer_expose_enabled && peer_expose_groups.is_empty() {
        return Err(ApiError::invalid("peer expose requires at least one group"));
    }
    let auto_update_version = match r.auto_update_version {
        Some(v) if v == "latest" || v == "disabled" || super::posture::go_semver_valid(&v) => v,
        // A plain Go error: 500 with the generic message.
        Some(v) if !v.is_empty() => return Err(ApiError::new(500, "internal server error")),
        _ => String::new(),
    };
    let agent_network_only = r.agent_network_only.unwrap_or_default();
    if agent_network_only
        && r.dashboard_features
            .as_ref()
            .is_none_or(|d| d.agent_network != Some(true))
    {
        return Err(ApiError::invalid(
            "agent network only mode requires dashboard_features.agent_network to be enabled",
        ));
    }
    let peers = ctx.st.peers.len();
    let network_range = match r.network_range.as_deref() {
        Some(s) if !s.is_empty() => check_network_range(s, false, peers)?.to_string(),
        // Not given: the effective range stays.
        _ => old.network_range.clone(),
    };
    let network_range_v6 = match r.network_range_v6.as_deref() {
        Some(s) if !s.is_empty() => check_network_range(s, true, peers)?.to_string(),
        _ => String::new(),
    };
    // UpdateAccountOnboarding, then UpdateAccountSettings: account, permission.
    if id != ctx.st.account.id {
        return Err(ApiError::new(
            403,
            "failed to validate user permissions: user is not part of this account",
        ));
    }
    ctx.allow("settings", Op::Update)?;
    let s = Settings {
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
        network_range,
        network_range_v6,
        peer_expose_enabled,
        peer_expose_groups,
        // An omitted `extra` keeps the stored one (UpdateAccountSettings copies it).
        extra: r.extra.or_else(|| old.extra.clone()),
        lazy_connection_enabled: r.lazy_connection_enabled.unwrap_or_default(),
        auto_update_version,
        auto_update_always: r.auto_update_always.unwrap_or_default(),
        metrics_push_enabled: r.metrics_push_enabled.unwrap_or_default(),
        agent_network_only,
        dashboard_features: r.dashboard_features,
        local_mfa_enabled: r.local_mfa_enabled.unwrap_or_default(),
        ipv6_enabled_groups: r.ipv6_enabled_groups.unwrap_or_default(),
    };
    // validateSettingsUpdate
    if s.peer_login_expiration > 180 * 86_400 {
        return Err(ApiError::invalid(
            "peer login expiration can't be larger than 180 days",
        ));
    }
    if s.peer_login_expiration < 3600 {
        return Err(ApiError::invalid(
            "peer login expiration can't be smaller than one hour",
        ));
    }
    if !s.dns_domain.is_empty() && !dns_domain_ok(&s.dns_domain) {
        return Err(ApiError::invalid(format!(
            "invalid domain \"{}\" provided for DNS domain",
            s.dns_domain
        )));
    }
    for g in &s.ipv6_enabled_groups {
        if !ctx.st.groups.contains(g) {
            return Err(ApiError::invalid(format!(
                "IPv6 enabled group {g} does not exist"
            )));
        }
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
    for (was, is, on, off) in [
        (
            old.peer_expose_enabled,
            s.peer_expose_enabled,
            "account.setting.peer.expose.enable",
            "account.setting.peer.expose.disable",
        ),
        (
            old.auto_update_always,
            s.auto_update_always,
            "account.setting.auto.update.always.enable",
            "account.setting.auto.update.always.disable",
        ),
        (
            old.metrics_push_enabled,
            s.metrics_push_enabled,
            "account.setting.metrics.push.enable",
            "account.setting.metrics.push.disable",
        ),
        (
            old.local_mfa_enabled,
            s.local_mfa_enabled,
            "account.setting.local.mfa.enable",
            "account.setting.local.mfa.disable",
        ),
    ] {
        if was != is {
            events.push((if is { on } else { off }, vec![]));
        }
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
