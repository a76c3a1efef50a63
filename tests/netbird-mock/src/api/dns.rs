//! `/api/dns/nameservers` and `/api/dns/settings`, as `management/server/nameserver.go` and
//! `management/server/dns.go` in netbirdio/netbird answer them.

use super::{empty, json, null_if_empty, validate_group_ids, validate_groups, ApiError, Ctx, Out};
use crate::state::{Nameserver, NsGroup, Op};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

#[derive(Deserialize)]
pub struct NameserverRequest {
    pub ip: Option<String>,
    pub ns_type: Option<String>,
    pub port: Option<i64>,
}

#[derive(Deserialize, Default)]
pub struct NsGroupRequest {
    pub name: Option<String>,
    pub description: Option<String>,
    pub nameservers: Option<Vec<NameserverRequest>>,
    pub enabled: Option<bool>,
    pub groups: Option<Vec<String>>,
    pub primary: Option<bool>,
    pub domains: Option<Vec<String>>,
    pub search_domains_enabled: Option<bool>,
}

#[derive(Serialize)]
pub struct NsGroupView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub nameservers: &'a Vec<Nameserver>,
    pub enabled: bool,
    pub groups: &'a Vec<String>,
    pub primary: bool,
    #[serde(serialize_with = "null_if_empty")]
    pub domains: &'a Vec<String>,
    pub search_domains_enabled: bool,
}

pub fn view(n: &NsGroup) -> NsGroupView<'_> {
    NsGroupView {
        id: &n.id,
        name: &n.name,
        description: &n.description,
        nameservers: &n.nameservers,
        enabled: n.enabled,
        groups: &n.groups,
        primary: n.primary,
        domains: &n.domains,
        search_domains_enabled: n.search_domains_enabled,
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("nameserver group: {id} not found"))
}

pub fn list(ctx: &mut Ctx) -> Out {
    ctx.allow("nameservers", Op::Read)?;
    let v: Vec<NsGroupView> = ctx.st.ns_groups.iter().map(view).collect();
    json(&v)
}

pub fn get(ctx: &mut Ctx) -> Out {
    ctx.allow("nameservers", Op::Read)?;
    let id = ctx.param(0);
    let n = ctx.st.ns_groups.get(&id).ok_or_else(|| not_found(&id))?;
    json(&view(n))
}

/// The handler's `toServerNSList`: any bad ip, type or port is the same message.
fn ns_list(req: Option<Vec<NameserverRequest>>) -> Result<Vec<Nameserver>, ApiError> {
    let bad = || ApiError::invalid("invalid NS servers format");
    let mut out = Vec::new();
    for ns in req.unwrap_or_default() {
        let ip = ns.ip.unwrap_or_default();
        let bare = ip
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .unwrap_or(&ip);
        let addr: IpAddr = bare.parse().map_err(|_| bad())?;
        let t = ns.ns_type.unwrap_or_default().to_lowercase();
        if t != "udp" || ns.port.is_some_and(|p| p < 0) {
            return Err(bad());
        }
        out.push(Nameserver {
            ip: addr.to_string(),
            ns_type: t,
            port: ns.port.unwrap_or_default(),
        });
    }
    Ok(out)
}

/// `validateDomain` in `management/server/nameserver.go`: only a leading `*.` is the wildcard
/// message; any other `*` fails the domain rules.
fn validate_match_domain(d: &str) -> Result<(), String> {
    if d.starts_with("*.") {
        return Err("wildcards not allowed".into());
    }
    let t = d.strip_suffix('.').unwrap_or(d);
    crate::domain::validate_domain(t)
        .map(|_| ())
        .map_err(|e| format!("invalid domain name: {e}"))
}

/// `validateNameServerGroup`, in the server's order: primary/domains (`validateDomainInput`,
/// with each match domain), the nameserver count, the name, the distribution groups.
fn validate(ctx: &Ctx, n: &NsGroup) -> Result<(), ApiError> {
    if !n.primary && n.domains.is_empty() {
        return Err(ApiError::invalid("nameserver group primary status is false and domains are empty, it should be primary or have at least one domain"));
    }
    if n.primary && !n.domains.is_empty() {
        return Err(ApiError::invalid("nameserver group primary status is true and domains are not empty, you should set either primary or domain"));
    }
    if n.primary && n.search_domains_enabled {
        return Err(ApiError::invalid("nameserver group primary status is true and search domains is enabled, you should not set search domains for primary nameservers"));
    }
    for d in &n.domains {
        if let Err(e) = validate_match_domain(d) {
            return Err(ApiError::invalid(format!(
                "nameserver group got an invalid domain: {d} {e:?}"
            )));
        }
    }
    let c = n.nameservers.len();
    if c == 0 || c > 3 {
        return Err(ApiError::invalid(format!(
            "the list of nameservers should be 1 or 3, got {c}"
        )));
    }
    let len = n.name.chars().count();
    if len == 0 || len > 40 {
        return Err(ApiError::invalid(
            "nameserver group name should be between 1 and 40",
        ));
    }
    if ctx
        .st
        .ns_groups
        .iter()
        .any(|o| o.id != n.id && o.name == n.name)
    {
        return Err(ApiError::invalid(format!(
            "nameserver group with name {} already exist",
            n.name
        )));
    }
    validate_groups(ctx.st, &n.groups)
}

fn save(ctx: &mut Ctx, id: Option<String>) -> Out {
    let req: NsGroupRequest = ctx.decode()?;
    let nameservers = ns_list(req.nameservers)?;
    let is_new = id.is_none();
    ctx.allow("nameservers", if is_new { Op::Create } else { Op::Update })?;
    // The PUT handler does not look the group up first: the manager does, after the body and
    // the permission.
    if let Some(id) = &id {
        if !ctx.st.ns_groups.contains(id) {
            return Err(not_found(id));
        }
    }
    let id = id.unwrap_or_default();
    let mut n = NsGroup {
        id,
        name: req.name.unwrap_or_default(),
        description: req.description.unwrap_or_default(),
        nameservers,
        enabled: req.enabled.unwrap_or_default(),
        groups: req.groups.unwrap_or_default(),
        primary: req.primary.unwrap_or_default(),
        domains: req.domains.unwrap_or_default(),
        search_domains_enabled: req.search_domains_enabled.unwrap_or_default(),
    };
    validate(ctx, &n)?;
    if is_new {
        n.id = ctx.st.new_id();
    }
    let id = n.id.clone();
    let name = n.name.clone();
    ctx.st.ns_groups.insert(n);
    ctx.record(
        if is_new {
            "nameserver.group.add"
        } else {
            "nameserver.group.update"
        },
        &id,
        vec![("name", name)],
    );
    json(&view(ctx.st.ns_groups.get(&id).unwrap()))
}

pub fn create(ctx: &mut Ctx) -> Out {
    save(ctx, None)
}

pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    save(ctx, Some(id))
}

pub fn delete(ctx: &mut Ctx) -> Out {
    ctx.allow("nameservers", Op::Delete)?;
    let id = ctx.param(0);
    let n = ctx.st.ns_groups.remove(&id).ok_or_else(|| not_found(&id))?;
    ctx.record("nameserver.group.delete", &id, vec![("name", n.name)]);
    empty()
}

#[derive(Serialize)]
struct DnsSettings<'a> {
    disabled_management_groups: &'a Vec<String>,
}

#[derive(Deserialize)]
struct DnsSettingsRequest {
    disabled_management_groups: Option<Vec<String>>,
}

pub fn get_settings(ctx: &mut Ctx) -> Out {
    ctx.allow("dns", Op::Read)?;
    json(&DnsSettings {
        disabled_management_groups: &ctx.st.dns_disabled_groups,
    })
}

pub fn put_settings(ctx: &mut Ctx) -> Out {
    let req: DnsSettingsRequest = ctx.decode()?;
    ctx.allow("dns", Op::Update)?;
    let list = req.disabled_management_groups.unwrap_or_default();
    validate_group_ids(ctx.st, &list)?;
    let old = std::mem::replace(&mut ctx.st.dns_disabled_groups, list.clone());
    for g in list.iter().filter(|g| !old.contains(g)) {
        let name = ctx
            .st
            .groups
            .get(g)
            .map(|g| g.name.clone())
            .unwrap_or_default();
        ctx.record(
            "dns.setting.disabled.management.group.add",
            g,
            vec![("group", g.clone()), ("group_name", name)],
        );
    }
    for g in old.iter().filter(|g| !list.contains(g)) {
        let name = ctx
            .st
            .groups
            .get(g)
            .map(|g| g.name.clone())
            .unwrap_or_default();
        ctx.record(
            "dns.setting.disabled.management.group.delete",
            g,
            vec![("group", g.clone()), ("group_name", name)],
        );
    }
    json(&DnsSettings {
        disabled_management_groups: &ctx.st.dns_disabled_groups,
    })
}
