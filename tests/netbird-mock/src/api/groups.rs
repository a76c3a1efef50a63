//! `/api/groups`, as `management/server/group.go` in netbirdio/netbird answers it.

use super::{empty, json, null_if_empty, ApiError, Ctx, Out};
use crate::state::{Group, Op, ResourceRef, State};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub struct GroupRequest {
    pub name: Option<String>,
    pub peers: Option<Vec<String>>,
    pub resources: Option<Vec<ResourceRef>>,
}

#[derive(Serialize)]
pub struct PeerMinimum<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct GroupView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub peers_count: usize,
    pub resources_count: usize,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub issued: &'a str,
    #[serde(serialize_with = "null_if_empty")]
    pub peers: Vec<PeerMinimum<'a>>,
    #[serde(serialize_with = "null_if_empty")]
    pub resources: &'a [ResourceRef],
}

pub fn view<'a>(st: &'a State, g: &'a Group) -> GroupView<'a> {
    let peers: Vec<PeerMinimum> = g
        .peers
        .iter()
        .filter_map(|id| st.peers.get(id))
        .map(|p| PeerMinimum {
            id: &p.id,
            name: &p.name,
        })
        .collect();
    GroupView {
        id: &g.id,
        name: &g.name,
        peers_count: peers.len(),
        resources_count: g.resources.len(),
        issued: &g.issued,
        peers,
        resources: &g.resources,
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("group: {id} not found"))
}

pub fn list(ctx: &mut Ctx) -> Out {
    ctx.allow("groups", Op::Read)?;
    if let Some(name) = ctx.query("name").filter(|n| !n.is_empty()) {
        // `GetGroupByName`: the exact (case-sensitive) name; of several, the one with the most
        // peers (jwt and integration groups may share a name).
        let name = name.to_string();
        let mut best: Option<&Group> = None;
        for g in ctx.st.groups.iter().filter(|g| g.name == name) {
            if best.is_none_or(|b| g.peers.len() > b.peers.len()) {
                best = Some(g);
            }
        }
        let Some(g) = best else {
            return Err(ApiError::not_found(format!("group: {name} not found")));
        };
        return json(&[view(ctx.st, g)]);
    }
    let v: Vec<GroupView> = ctx.st.groups.iter().map(|g| view(ctx.st, g)).collect();
    json(&v)
}

pub fn get(ctx: &mut Ctx) -> Out {
    ctx.allow("groups", Op::Read)?;
    let id = ctx.param(0);
    let g = ctx.st.groups.get(&id).ok_or_else(|| not_found(&id))?;
    json(&view(ctx.st, g))
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.into_iter().filter(|x| seen.insert(x.clone())).collect()
}

pub fn create(ctx: &mut Ctx) -> Out {
    let req: GroupRequest = ctx.decode()?;
    let name = req.name.unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::invalid("group name shouldn't be empty"));
    }
    ctx.allow("groups", Op::Create)?;
    // `validateNewGroup`: any existing group of that exact name, whoever issued it.
    if ctx.st.groups.iter().any(|g| g.name == name) {
        return Err(ApiError::new(
            409,
            format!("group with name {name} already exists"),
        ));
    }
    // Unknown peer ids are stored as given (the membership table has no key on peers); the
    // response, built from the account's peers, leaves them out.
    let peers = dedup(req.peers.unwrap_or_default());
    let id = ctx.st.new_id();
    ctx.st.groups.insert(Group {
        id: id.clone(),
        name: name.clone(),
        issued: "api".into(),
        peers,
        resources: req.resources.unwrap_or_default(),
    });
    ctx.record("group.add", &id, vec![("name", name)]);
    json(&view(ctx.st, ctx.st.groups.get(&id).unwrap()))
}

pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    ctx.allow("groups", Op::Read)?;
    let existing = ctx.st.groups.get(&id).ok_or_else(|| not_found(&id))?;
    if existing.name == "All" {
        return Err(ApiError::invalid("updating group ALL is not allowed"));
    }
    let issued = existing.issued.clone();
    let old_peers = existing.peers.clone();
    let req: GroupRequest = ctx.decode()?;
    let name = req.name.unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::invalid("group name shouldn't be empty"));
    }
    ctx.allow("groups", Op::Update)?;
    let peers = dedup(req.peers.unwrap_or_default());
    for p in peers.iter().filter(|p| !old_peers.contains(p)) {
        let pid = p.clone();
        ctx.record(
            "peer.group.add",
            &pid,
            vec![("group", id.clone()), ("group_name", name.clone())],
        );
    }
    for p in old_peers.iter().filter(|p| !peers.contains(p)) {
        let pid = p.clone();
        ctx.record(
            "peer.group.delete",
            &pid,
            vec![("group", id.clone()), ("group_name", name.clone())],
        );
    }
    ctx.st.groups.insert(Group {
        id: id.clone(),
        name: name.clone(),
        issued,
        peers,
        resources: req.resources.unwrap_or_default(),
    });
    ctx.record("group.update", &id, vec![("name", name)]);
    json(&view(ctx.st, ctx.st.groups.get(&id).unwrap()))
}

/// `validateDeleteGroup`: the first reason a group can't be deleted (raw message), checked in
/// the server's order. `caller` is the deleting user (integration groups).
pub fn delete_blocker(st: &State, g: &Group, caller: &str) -> Option<String> {
    let link = |what: &str, name: &str| Some(format!("group has been linked to {what}: {name}"));
    if g.issued == "integration"
        && !st
            .users
            .get(caller)
            .is_some_and(|u| u.role == "admin" && u.is_service_user)
    {
        return Some("only service users with admin power can delete integration group".into());
    }
    if g.name == "All" {
        return Some("deleting group ALL is not allowed".into());
    }
    if let Some(r) = g.resources.first() {
        return link("network resource", &r.id);
    }
    let id = &g.id;
    let s = &st.account.settings;
    if s.extra
        .as_ref()
        .is_some_and(|e| e.network_traffic_logs_groups.contains(id))
    {
        return link("settings", "traffic event logging");
    }
    if let Some(r) = st.routes.iter().find(|r| {
        r.groups.contains(id) || r.peer_groups.contains(id) || r.access_control_groups.contains(id)
    }) {
        return link("route", &r.network_id);
    }
    if let Some(n) = st.ns_groups.iter().find(|n| n.groups.contains(id)) {
        return link("name server groups", &n.name);
    }
    if let Some(p) = st.policies.iter().find(|p| {
        p.rules
            .iter()
            .any(|r| r.sources.contains(id) || r.destinations.contains(id))
    }) {
        return link("policy", &p.name);
    }
    if let Some(k) = st.setup_keys.iter().find(|k| k.auto_groups.contains(id)) {
        return link("setup key", &k.name);
    }
    if let Some(u) = st.users.iter().find(|u| u.auto_groups.contains(id)) {
        return link("user", &u.id);
    }
    if st.dns_disabled_groups.contains(id) {
        return link("disabled DNS management groups", &g.name);
    }
    None
}

pub fn delete(ctx: &mut Ctx) -> Out {
    ctx.allow("groups", Op::Delete)?;
    let id = ctx.param(0);
    let Some(g) = ctx.st.groups.get(&id) else {
        return Err(ApiError::raw(400, format!("group: {id} not found")));
    };
    if let Some(msg) = delete_blocker(ctx.st, g, &ctx.caller) {
        return Err(ApiError::raw(400, msg));
    }
    let g = ctx.st.groups.remove(&id).unwrap();
    ctx.record("group.delete", &id, vec![("name", g.name)]);
    empty()
}
