//! `/api/policies`, as `management/server/policy.go` in netbirdio/netbird answers it.

use super::{empty, json, null_if_empty, ApiError, Ctx, GroupMinimum, Out};
use crate::state::{Op, Policy, PortRange, ResourceRef, Rule, State};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Deserialize, Default)]
pub struct RuleRequest {
    pub id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub enabled: Option<bool>,
    pub action: Option<String>,
    pub bidirectional: Option<bool>,
    pub protocol: Option<String>,
    pub ports: Option<Vec<String>>,
    pub port_ranges: Option<Vec<PortRange>>,
    pub sources: Option<Vec<String>>,
    pub destinations: Option<Vec<String>>,
    #[serde(rename = "sourceResource")]
    pub source_resource: Option<ResourceRef>,
    #[serde(rename = "destinationResource")]
    pub destination_resource: Option<ResourceRef>,
    pub authorized_groups: Option<BTreeMap<String, Vec<String>>>,
}

#[derive(Deserialize, Default)]
pub struct PolicyRequest {
    pub name: Option<String>,
    pub description: Option<String>,
    pub enabled: Option<bool>,
    pub source_posture_checks: Option<Vec<String>>,
    pub rules: Option<Vec<RuleRequest>>,
}

#[derive(Serialize)]
pub struct RuleView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub enabled: bool,
    pub action: &'a str,
    pub bidirectional: bool,
    pub protocol: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: &'a Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub port_ranges: &'a Vec<PortRange>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub authorized_groups: &'a BTreeMap<String, Vec<String>>,
    #[serde(serialize_with = "null_if_empty")]
    pub sources: Vec<GroupMinimum<'a>>,
    #[serde(serialize_with = "null_if_empty")]
    pub destinations: Vec<GroupMinimum<'a>>,
    #[serde(rename = "sourceResource", skip_serializing_if = "Option::is_none")]
    pub source_resource: &'a Option<ResourceRef>,
    #[serde(
        rename = "destinationResource",
        skip_serializing_if = "Option::is_none"
    )]
    pub destination_resource: &'a Option<ResourceRef>,
}

#[derive(Serialize)]
pub struct PolicyView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub enabled: bool,
    pub source_posture_checks: &'a Vec<String>,
    pub rules: Vec<RuleView<'a>>,
}

/// `toPolicyResponse`, including its cache quirk: a group already listed earlier in the policy
/// is skipped in later `sources` lists.
pub fn view<'a>(st: &'a State, p: &'a Policy) -> PolicyView<'a> {
    let mut cache: HashMap<&str, GroupMinimum<'a>> = HashMap::new();
    let mut rules = Vec::new();
    for r in &p.rules {
        let mut sources = Vec::new();
        for gid in &r.sources {
            if cache.contains_key(gid.as_str()) {
                continue;
            }
            if let Some(g) = st.groups.get(gid) {
                let m = GroupMinimum {
                    resources_count: 0,
                    issued: "",
                    ..GroupMinimum::of(g)
                };
                sources.push(m.clone());
                cache.insert(gid, m);
            }
        }
        let mut destinations = Vec::new();
        for gid in &r.destinations {
            if let Some(m) = cache.get(gid.as_str()) {
                destinations.push(m.clone());
                continue;
            }
            if let Some(g) = st.groups.get(gid) {
                let m = GroupMinimum {
                    resources_count: 0,
                    issued: "",
                    ..GroupMinimum::of(g)
                };
                destinations.push(m.clone());
                cache.insert(gid, m);
            }
        }
        rules.push(RuleView {
            id: &r.id,
            name: &r.name,
            description: &r.description,
            enabled: r.enabled,
            action: &r.action,
            bidirectional: r.bidirectional,
            protocol: &r.protocol,
            ports: &r.ports,
            port_ranges: &r.port_ranges,
            authorized_groups: &r.authorized_groups,
            sources,
            destinations,
            source_resource: &r.source_resource,
            destination_resource: &r.destination_resource,
        });
    }
    PolicyView {
        id: &p.id,
        name: &p.name,
        description: &p.description,
        enabled: p.enabled,
        source_posture_checks: &p.source_posture_checks,
        rules,
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("policy: {id} not found"))
}

pub fn list(ctx: &mut Ctx) -> Out {
    ctx.allow("policies", Op::Read)?;
    let v: Vec<PolicyView> = ctx.st.policies.iter().map(|p| view(ctx.st, p)).collect();
    json(&v)
}

pub fn get(ctx: &mut Ctx) -> Out {
    ctx.allow("policies", Op::Read)?;
    let id = ctx.param(0);
    let p = ctx.st.policies.get(&id).ok_or_else(|| not_found(&id))?;
    json(&view(ctx.st, p))
}

/// The handler's rule checks, in order. "Has sources" and "has a source resource" are key
/// presence (`[]` and `{}` count; absent and `null` do not).
fn validate_rule(r: &RuleRequest) -> Result<(), ApiError> {
    if r.sources.is_some() && r.source_resource.is_some() {
        return Err(ApiError::invalid(
            "specify either sources or  source resources, not both",
        ));
    }
    if r.destinations.is_some() && r.destination_resource.is_some() {
        return Err(ApiError::invalid(
            "specify either destinations or  destination resources, not both",
        ));
    }
    if (r.sources.is_none() && r.source_resource.is_none())
        || (r.destinations.is_none() && r.destination_resource.is_none())
    {
        return Err(ApiError::invalid(
            "specify either sources or source resources and destinations or destination resources",
        ));
    }
    match r.action.as_deref().unwrap_or("") {
        "accept" | "drop" => {}
        _ => return Err(ApiError::invalid("unknown action type")),
    }
    let proto = r.protocol.as_deref().unwrap_or("");
    match proto {
        "all" | "tcp" | "udp" | "icmp" | "netbird-ssh" => {}
        p => return Err(ApiError::invalid(format!("unknown protocol type: {p}"))),
    }
    let ports = r.ports.as_deref().unwrap_or(&[]);
    let ranges = r.port_ranges.as_deref().unwrap_or(&[]);
    if !ports.is_empty() && !ranges.is_empty() {
        return Err(ApiError::invalid(
            "specify either individual ports or port ranges, not both",
        ));
    }
    for p in ports {
        let ok = !p.is_empty()
            && p.trim_start_matches(['+', '-'])
                .bytes()
                .all(|b| b.is_ascii_digit())
            && p.parse::<i64>().is_ok_and(|v| (1..=65535).contains(&v));
        if !ok {
            return Err(ApiError::invalid("valid port value is in 1..65535 range"));
        }
    }
    for pr in ranges {
        if pr.start < 1 || pr.end > 65535 {
            return Err(ApiError::invalid("valid port value is in 1..65535 range"));
        }
    }
    if (proto == "all" || proto == "icmp") && (!ports.is_empty() || !ranges.is_empty()) {
        return Err(ApiError::invalid(
            "for all or icmp protocol ports is not allowed",
        ));
    }
    if proto == "netbird-ssh" {
        if let Some(ag) = &r.authorized_groups {
            if !ag.is_empty()
                && r.sources
                    .as_deref()
                    .unwrap_or(&[])
                    .iter()
                    .any(|s| !ag.contains_key(s))
            {
                return Err(ApiError::invalid(
                    "authorized group for netbird-ssh protocol should be specified for each source group",
                ));
            }
        }
    }
    Ok(())
}

fn save(ctx: &mut Ctx, id: Option<String>) -> Out {
    let req: PolicyRequest = ctx.decode()?;
    let name = req.name.unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::invalid("policy name shouldn't be empty"));
    }
    let rules_req = req.rules.unwrap_or_default();
    if rules_req.is_empty() {
        return Err(ApiError::invalid("policy rules shouldn't be empty"));
    }
    for r in &rules_req {
        validate_rule(r)?;
    }
    let is_new = id.is_none();
    ctx.allow("policies", if is_new { Op::Create } else { Op::Update })?;
    let id = match id {
        Some(id) => id,
        None => ctx.st.new_id(),
    };
    let existing_rule_ids: Vec<String> = ctx
        .st
        .policies
        .get(&id)
        .map(|p| p.rules.iter().map(|r| r.id.clone()).collect())
        .unwrap_or_default();
    let known = |st: &State, ids: Option<Vec<String>>| -> Vec<String> {
        ids.unwrap_or_default()
            .into_iter()
            .filter(|g| st.groups.contains(g))
            .collect()
    };
    let mut rules = Vec::new();
    for r in rules_req {
        let rule_id = match (&r.id, is_new) {
            (Some(rid), false) if !rid.is_empty() => {
                if !existing_rule_ids.contains(rid) {
                    return Err(ApiError::invalid(format!("invalid rule id: {rid}")));
                }
                rid.clone()
            }
            _ => id.clone(),
        };
        rules.push(Rule {
            id: rule_id,
            name: r.name.unwrap_or_default(),
            description: r.description.unwrap_or_default(),
            enabled: r.enabled.unwrap_or_default(),
            action: r.action.unwrap_or_default(),
            bidirectional: r.bidirectional.unwrap_or_default(),
            protocol: r.protocol.unwrap_or_default(),
            ports: r.ports.unwrap_or_default(),
            port_ranges: r.port_ranges.unwrap_or_default(),
            sources: known(ctx.st, r.sources),
            destinations: known(ctx.st, r.destinations),
            source_resource: r.source_resource,
            destination_resource: r.destination_resource,
            authorized_groups: r.authorized_groups.unwrap_or_default(),
        });
    }
    // Unknown posture-check ids are silently dropped (`getValidPostureCheckIDs`).
    let source_posture_checks: Vec<String> = req
        .source_posture_checks
        .unwrap_or_default()
        .into_iter()
        .filter(|p| ctx.st.posture_checks.contains(p))
        .collect();
    let policy = Policy {
        id: id.clone(),
        name: name.clone(),
        description: req.description.unwrap_or_default(),
        enabled: req.enabled.unwrap_or_default(),
        source_posture_checks,
        rules,
    };
    // An update equal to the stored policy is skipped: no save, no event (`policy.Equal`).
    if !is_new && ctx.st.policies.get(&id) == Some(&policy) {
        return json(&view(ctx.st, ctx.st.policies.get(&id).unwrap()));
    }
    ctx.st.policies.insert(policy);
    ctx.record(
        if is_new {
            "policy.add"
        } else {
            "policy.update"
        },
        &id,
        vec![("name", name)],
    );
    json(&view(ctx.st, ctx.st.policies.get(&id).unwrap()))
}

pub fn create(ctx: &mut Ctx) -> Out {
    save(ctx, None)
}

pub fn update(ctx: &mut Ctx) -> Out {
    ctx.allow("policies", Op::Read)?;
    let id = ctx.param(0);
    if !ctx.st.policies.contains(&id) {
        return Err(not_found(&id));
    }
    save(ctx, Some(id))
}

pub fn delete(ctx: &mut Ctx) -> Out {
    ctx.allow("policies", Op::Delete)?;
    let id = ctx.param(0);
    let p = ctx.st.policies.remove(&id).ok_or_else(|| not_found(&id))?;
    ctx.record("policy.delete", &id, vec![("name", p.name)]);
    empty()
}
