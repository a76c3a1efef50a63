//! `/api/routes`, validated in the server's order with its messages (the routes handler and
//! `management/server/route.go` in netbirdio/netbird).

use super::{empty, json, validate_group_ids, validate_groups, ApiError, Ctx, Out};
use crate::domain;
use crate::net::Prefix;
use crate::state::{Op, Route, State};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const MAX_NET_ID_CHARS: usize = 40;

/// `RouteRequest`: every field optional so that presence can be told apart (null == absent).
#[derive(Deserialize, Default, Debug, Clone)]
pub struct RouteRequest {
    pub network_id: Option<String>,
    pub description: Option<String>,
    pub enabled: Option<bool>,
    pub network: Option<String>,
    pub domains: Option<Vec<String>>,
    pub peer: Option<String>,
    pub peer_groups: Option<Vec<String>>,
    pub metric: Option<i64>,
    pub masquerade: Option<bool>,
    pub groups: Option<Vec<String>>,
    pub keep_route: Option<bool>,
    pub access_control_groups: Option<Vec<String>>,
    pub skip_auto_apply: Option<bool>,
}

#[derive(Serialize)]
pub struct RouteView<'a> {
    pub id: &'a str,
    pub network_id: &'a str,
    pub description: &'a str,
    pub enabled: bool,
    pub peer: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub peer_groups: &'a Vec<String>,
    pub network: String,
    pub network_type: &'static str,
    pub domains: Option<Vec<String>>,
    pub metric: i64,
    pub masquerade: bool,
    pub groups: &'a Vec<String>,
    pub keep_route: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_control_groups: &'a Vec<String>,
    pub skip_auto_apply: bool,
}

impl<'a> RouteView<'a> {
    pub fn of(r: &'a Route) -> Self {
        let dynamic = r.is_dynamic();
        RouteView {
            id: &r.id,
            network_id: &r.network_id,
            description: &r.description,
            enabled: r.enabled,
            peer: &r.peer,
            peer_groups: &r.peer_groups,
            network: if dynamic {
                "192.0.2.0/32".into()
            } else {
                r.network.map(|p| p.to_string()).unwrap_or_default()
            },
            network_type: r.network_type(),
            domains: dynamic.then(|| r.domains_unicode()),
            metric: r.metric,
            masquerade: r.masquerade,
            groups: &r.groups,
            keep_route: r.keep_route,
            access_control_groups: &r.access_control_groups,
            skip_auto_apply: r.skip_auto_apply,
        }
    }
}

/// Handler-side checks (steps 2–4): presence rules, then domains, then the network.
pub fn validate_request(req: &RouteRequest) -> Result<(Option<Prefix>, Vec<String>), ApiError> {
    if req.network.is_some() && req.domains.is_some() {
        return Err(ApiError::invalid(
            "only one of 'network' or 'domains' should be provided",
        ));
    }
    if req.network.is_none() && req.domains.is_none() {
        return Err(ApiError::invalid(
            "either 'network' or 'domains' should be provided",
        ));
    }
    if req.peer.is_none() && req.peer_groups.is_none() {
        return Err(ApiError::invalid(
            "either 'peer' or 'peer_groups' should be provided",
        ));
    }
    if req.peer.is_some() && req.peer_groups.is_some() {
        return Err(ApiError::invalid(
            "only one of 'peer' or 'peer_groups' should be provided",
        ));
    }
    let n = req.network_id.as_deref().unwrap_or("").chars().count();
    if n == 0 || n > MAX_NET_ID_CHARS {
        return Err(ApiError::invalid(format!(
            "identifier should be between 1 and {MAX_NET_ID_CHARS} characters"
        )));
    }
    let mut domains = Vec::new();
    if let Some(list) = &req.domains {
        domains = domain::validate_domains(list).map_err(ApiError::invalid)?;
    }
    let mut network = None;
    if let Some(s) = &req.network {
        let p =
            Prefix::parse(s).ok_or_else(|| ApiError::invalid(format!("invalid network {s}")))?;
        network = Some(p.masked());
    }
    Ok((network, domains))
}

/// Manager-side checks (steps 5–7) on the route to save.
pub fn validate_route(st: &State, r: &Route) -> Result<(), ApiError> {
    if r.metric < 1 || r.metric > 9999 {
        return Err(ApiError::invalid("metric should be between 1 and 9999"));
    }
    let n = r.network_id.chars().count();
    if n == 0 || n > MAX_NET_ID_CHARS {
        return Err(ApiError::invalid(format!(
            "identifier should be between 1 and {MAX_NET_ID_CHARS}"
        )));
    }
    if !r.domains.is_empty() && r.network.is_some() {
        return Err(ApiError::invalid(
            "domains and network should not be provided at the same time",
        ));
    }
    if r.domains.is_empty() && r.network.is_none() {
        return Err(ApiError::invalid("invalid prefix"));
    }
    if !r.peer.is_empty() && !r.peer_groups.is_empty() {
        return Err(ApiError::invalid(
            "peer with id and peer groups should not be provided at the same time",
        ));
    }
    // validateRouteGroups
    if !r.peer_groups.is_empty() {
        validate_group_ids(st, &r.peer_groups)?;
    }
    if !r.access_control_groups.is_empty() {
        validate_group_ids(st, &r.access_control_groups)?;
    }
    validate_groups(st, &r.groups)?;
    check_duplicates(st, r)
}

/// `checkRoutePrefixOrDomainsExistForPeers`.
fn check_duplicates(st: &State, r: &Route) -> Result<(), ApiError> {
    let same: Vec<&Route> = st
        .routes
        .iter()
        .filter(|o| o.id != r.id)
        .filter(|o| {
            if r.is_dynamic() {
                o.is_dynamic() && o.domains.join(",") == r.domains.join(",")
            } else {
                !o.is_dynamic() && o.network.is_some() && o.network == r.network
            }
        })
        .collect();
    let desc = r.descriptor();
    let mut seen_peers: HashSet<&str> = HashSet::new();
    let mut seen_groups: HashSet<&str> = HashSet::new();
    for o in &same {
        if !o.peer.is_empty() {
            seen_peers.insert(&o.peer);
        }
        for gid in &o.peer_groups {
            seen_groups.insert(gid);
            let Some(g) = st.groups.get(gid) else {
                return Err(ApiError::invalid(format!(
                    "failed to add route with {desc} - peer group {gid} doesn't exist"
                )));
            };
            seen_peers.extend(g.peers.iter().map(String::as_str));
        }
    }
    if !r.peer.is_empty() {
        if !st.peers.contains(&r.peer) {
            return Err(ApiError::invalid(format!(
                "peer with id {} not found",
                r.peer
            )));
        }
        if seen_peers.contains(r.peer.as_str()) {
            return Err(ApiError::new(
                409,
                format!(
                    "failed to add route with {desc} - peer {} already has this route",
                    r.peer
                ),
            ));
        }
    }
    for gid in &r.peer_groups {
        let Some(g) = st.groups.get(gid) else {
            continue;
        };
        if seen_groups.contains(gid.as_str()) {
            return Err(ApiError::new(
                409,
                format!(
                    "failed to add route with {desc} - peer group {} already has this route",
                    g.name
                ),
            ));
        }
        for pid in &g.peers {
            if seen_peers.contains(pid.as_str()) {
                let Some(p) = st.peers.get(pid) else {
                    return Err(ApiError::invalid(format!("peer with id {pid} not found")));
                };
                return Err(ApiError::new(
                    409,
                    format!(
                        "failed to add route with {desc} - peer {} from the group {} already has this route",
                        p.name, g.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn build(id: String, req: RouteRequest, network: Option<Prefix>, domains: Vec<String>) -> Route {
    Route {
        id,
        network_id: req.network_id.unwrap_or_default(),
        description: req.description.unwrap_or_default(),
        enabled: req.enabled.unwrap_or_default(),
        network: if domains.is_empty() { network } else { None },
        domains,
        keep_route: req.keep_route.unwrap_or_default(),
        peer: req.peer.unwrap_or_default(),
        peer_groups: req.peer_groups.unwrap_or_default(),
        metric: req.metric.unwrap_or_default(),
        masquerade: req.masquerade.unwrap_or_default(),
        groups: req.groups.unwrap_or_default(),
        access_control_groups: req.access_control_groups.unwrap_or_default(),
        skip_auto_apply: req.skip_auto_apply.unwrap_or_default(),
    }
}

fn meta(r: &Route) -> Vec<(&'static str, String)> {
    vec![
        ("name", r.network_id.clone()),
        (
            "network_range",
            r.network
                .map(|p| p.to_string())
                .unwrap_or_else(|| "invalid Prefix".into()),
        ),
        ("domains", r.domains_unicode().join(", ")),
        ("peer_id", r.peer.clone()),
        ("peer_groups", format!("[{}]", r.peer_groups.join(" "))),
    ]
}

pub fn list(ctx: &mut Ctx) -> Out {
    ctx.allow("routes", Op::Read)?;
    let v: Vec<RouteView> = ctx.st.routes.iter().map(RouteView::of).collect();
    json(&v)
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("route: {id} not found"))
}

pub fn get(ctx: &mut Ctx) -> Out {
    ctx.allow("routes", Op::Read)?;
    let id = ctx.param(0);
    let r = ctx.st.routes.get(&id).ok_or_else(|| not_found(&id))?;
    json(&RouteView::of(r))
}

pub fn create(ctx: &mut Ctx) -> Out {
    let req: RouteRequest = ctx.decode()?;
    let (network, domains) = validate_request(&req)?;
    ctx.allow("routes", Op::Create)?;
    let id = ctx.st.new_id();
    let route = build(id.clone(), req, network, domains);
    validate_route(ctx.st, &route)?;
    let m = meta(&route);
    ctx.st.routes.insert(route);
    ctx.record("route.add", &id, m);
    json(&RouteView::of(ctx.st.routes.get(&id).unwrap()))
}

pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    // GetRoute first: read permission and existence, before the body is read.
    ctx.allow("routes", Op::Read)?;
    if !ctx.st.routes.contains(&id) {
        return Err(not_found(&id));
    }
    let req: RouteRequest = ctx.decode()?;
    let (network, domains) = validate_request(&req)?;
    ctx.allow("routes", Op::Update)?;
    let route = build(id.clone(), req, network, domains);
    validate_route(ctx.st, &route)?;
    let m = meta(&route);
    ctx.st.routes.insert(route);
    ctx.record("route.update", &id, m);
    json(&RouteView::of(ctx.st.routes.get(&id).unwrap()))
}

pub fn delete(ctx: &mut Ctx) -> Out {
    ctx.allow("routes", Op::Delete)?;
    let id = ctx.param(0);
    let Some(r) = ctx.st.routes.remove(&id) else {
        return Err(ApiError::not_found(format!(
            "failed to delete route {id}: route: {id} not found"
        )));
    };
    ctx.record("route.delete", &id, meta(&r));
    empty()
}
