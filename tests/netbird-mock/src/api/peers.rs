//! `/api/peers`, as `management/server/peer.go` in netbirdio/netbird answers it.

use super::{empty, json, ApiError, Ctx, GroupMinimum, Out};
use crate::state::{LocalFlags, Op, Peer, State};
use crate::util::Ts;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Every peer field except `groups` (and the list's `accessible_peers_count`).
#[derive(Serialize)]
pub struct PeerStatic<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub created_at: Ts,
    pub ip: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv6: &'a Option<String>,
    pub connection_ip: &'a str,
    pub connected: bool,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub last_seen: Ts,
    pub os: &'a str,
    pub kernel_version: &'a str,
    pub geoname_id: i64,
    pub version: &'a str,
    pub ssh_enabled: bool,
    pub user_id: &'a str,
    pub hostname: &'a str,
    pub ui_version: &'a str,
    pub dns_label: String,
    pub login_expiration_enabled: bool,
    pub login_expired: bool,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub last_login: Ts,
    pub inactivity_expiration_enabled: bool,
    pub approval_required: bool,
    pub country_code: &'a str,
    pub city_name: &'a str,
    pub serial_number: &'a str,
    pub extra_dns_labels: Vec<String>,
    pub ephemeral: bool,
    pub local_flags: &'a LocalFlags,
}

fn static_json(p: &Peer, domain: &str) -> Vec<u8> {
    serde_json::to_vec(&PeerStatic {
        id: &p.id,
        name: &p.name,
        created_at: p.created_at,
        ip: &p.ip,
        ipv6: &p.ipv6,
        connection_ip: &p.connection_ip,
        connected: p.connected,
        last_seen: p.last_seen,
        os: &p.os,
        kernel_version: &p.kernel_version,
        geoname_id: p.geoname_id,
        version: &p.version,
        ssh_enabled: p.ssh_enabled,
        user_id: &p.user_id,
        hostname: &p.hostname,
        ui_version: &p.ui_version,
        dns_label: format!("{}.{}", p.dns_label, domain),
        login_expiration_enabled: p.login_expiration_enabled,
        login_expired: p.login_expired,
        last_login: p.last_login,
        inactivity_expiration_enabled: p.inactivity_expiration_enabled,
        approval_required: p.approval_required,
        country_code: &p.country_code,
        city_name: &p.city_name,
        serial_number: &p.serial_number,
        extra_dns_labels: p
            .extra_dns_labels
            .iter()
            .map(|l| format!("{l}.{domain}"))
            .collect(),
        ephemeral: p.ephemeral,
        local_flags: &p.local_flags,
    })
    .unwrap_or_default()
}

/// Fills every peer's cached JSON (done at start so the first list is fast too).
pub fn warm_cache(st: &State) {
    let domain = st.dns_domain();
    for p in st.peers.iter() {
        p.json_cache
            .get_or_init(|| (domain.to_string(), static_json(p, domain)));
    }
}

/// Group JSON per group index and each peer's group indexes, built once per request.
pub struct Membership<'a> {
    pub group_json: Vec<Vec<u8>>,
    pub by_peer: HashMap<&'a str, Vec<u32>>,
}

impl<'a> Membership<'a> {
    pub fn new(st: &'a State) -> Self {
        let mut by_peer: HashMap<&str, Vec<u32>> = HashMap::with_capacity(st.peers.len());
        let mut group_json = Vec::with_capacity(st.groups.len());
        for (i, g) in st.groups.iter().enumerate() {
            group_json.push(serde_json::to_vec(&GroupMinimum::of(g)).unwrap_or_default());
            for p in &g.peers {
                by_peer.entry(p.as_str()).or_default().push(i as u32);
            }
        }
        Membership {
            group_json,
            by_peer,
        }
    }
}

/// Appends the peer's JSON object to `out`.
pub fn write_peer(st: &State, m: &Membership, p: &Peer, list: bool, out: &mut Vec<u8>) {
    let domain = st.dns_domain();
    let cached = p
        .json_cache
        .get_or_init(|| (domain.to_string(), static_json(p, domain)));
    let fresh;
    let bytes: &[u8] = if cached.0 == domain {
        &cached.1
    } else {
        fresh = static_json(p, domain);
        &fresh
    };
    out.extend_from_slice(&bytes[..bytes.len() - 1]);
    out.extend_from_slice(b",\"groups\":[");
    if let Some(gs) = m.by_peer.get(p.id.as_str()) {
        for (k, &i) in gs.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&m.group_json[i as usize]);
        }
    }
    out.push(b']');
    if list {
        out.extend_from_slice(b",\"accessible_peers_count\":0");
    }
    out.push(b'}');
}

fn single(st: &State, p: &Peer) -> Out {
    let m = Membership::new(st);
    let mut out = Vec::with_capacity(2048);
    write_peer(st, &m, p, false, &mut out);
    out.push(b'\n');
    Ok(out)
}

/// Peers the caller may see: everything with peers:read, else their own (none if restricted).
fn visible(ctx: &Ctx, p: &Peer) -> bool {
    if ctx.can("peers", Op::Read) {
        return true;
    }
    let u = ctx.user();
    let restricted = ctx.st.account.settings.regular_users_view_blocked
        && matches!(u.role.as_str(), "user" | "billing_admin");
    !restricted && p.user_id == u.id
}

pub fn list(ctx: &mut Ctx) -> Out {
    let name = ctx.query("name").map(str::to_string);
    let ip = ctx.query("ip").map(str::to_string);
    let all = ctx.can("peers", Op::Read);
    let st: &State = ctx.st;
    let m = Membership::new(st);
    let mut out = Vec::with_capacity(st.peers.len() * 1400 + 2);
    out.push(b'[');
    let mut first = true;
    for p in st.peers.iter() {
        if !(all || visible(ctx, p)) {
            continue;
        }
        if name.as_deref().is_some_and(|n| !p.name.contains(n)) {
            continue;
        }
        if ip.as_deref().is_some_and(|i| {
            !p.ip.contains(i) && !p.ipv6.as_deref().is_some_and(|v6| v6.contains(i))
        }) {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        write_peer(st, &m, p, true, &mut out);
    }
    out.extend_from_slice(b"]\n");
    Ok(out)
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("peer not found: {id}"))
}

pub fn get(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    let st: &State = ctx.st;
    let p = st.peers.get(&id).ok_or_else(|| not_found(&id))?;
    if !visible(ctx, p) {
        return Err(ApiError::denied());
    }
    single(st, p)
}

#[derive(Deserialize, Default)]
pub struct PeerRequest {
    pub name: Option<String>,
    pub ssh_enabled: Option<bool>,
    pub login_expiration_enabled: Option<bool>,
    pub inactivity_expiration_enabled: Option<bool>,
    pub approval_required: Option<bool>,
    pub ip: Option<String>,
    pub ipv6: Option<String>,
}

/// The server's DNS label for a peer name (`GetParsedDomainLabel`): the first label of the
/// name, punycoded, every run of characters outside `[a-zA-Z0-9-]` replaced by `-`, lowercased,
/// cut to 59 characters when longer than 58. `None` for an empty name.
pub fn parsed_label(name: &str) -> Option<String> {
    let first = name.strip_suffix('.').unwrap_or(name);
    if first.is_empty() {
        return None;
    }
    let first = first.split('.').next().unwrap_or_default();
    let ascii = crate::domain::to_ascii(first).ok()?;
    let mut out = String::with_capacity(ascii.len());
    let mut in_run = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c.to_ascii_lowercase());
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    if out.len() > 58 {
        out.truncate(59);
    }
    Some(out)
}

/// `UpdatePeerIP` (the server's account.go): permission, the peer, then the range and
/// uniqueness checks; every error but the permission one wrapped as the server wraps it.
fn update_ip(ctx: &mut Ctx, id: &str, ip: std::net::IpAddr) -> Result<(), ApiError> {
    ctx.allow("peers", Op::Update)?;
    let wrap = |e: ApiError| {
        ApiError::new(
            e.status,
            format!("update peer IP transaction: {}", e.message),
        )
    };
    let Some(old) = ctx.st.peers.get(id) else {
        return Err(wrap(ApiError::not_found(format!(
            "get peer: peer not found: {id}"
        ))));
    };
    let new_ip = ip.to_string();
    if old.ip == new_ip {
        return Ok(());
    }
    let range = ctx.st.account.settings.network_range.clone();
    let inside = match (crate::net::Prefix::parse(&range), ip) {
        (Some(p), std::net::IpAddr::V4(a)) if !p.is_v6() => {
            let std::net::IpAddr::V4(net) = p.masked().addr else {
                unreachable!()
            };
            let mask = if p.bits == 0 {
                0
            } else {
                u32::MAX << (32 - p.bits as u32)
            };
            u32::from(a) & mask == u32::from(net)
        }
        _ => false,
    };
    if !inside {
        return Err(wrap(ApiError::invalid(format!(
            "IP {new_ip} is not within the account network range {range}"
        ))));
    }
    if let Some(other) = ctx.st.peers.iter().find(|p| p.id != id && p.ip == new_ip) {
        return Err(wrap(ApiError::invalid(format!(
            "IP {new_ip} is already assigned to peer {}",
            other.id
        ))));
    }
    let old_ip = old.ip.clone();
    let (name, label) = (old.name.clone(), old.dns_label.clone());
    let p = ctx.st.peers.get_mut(id).unwrap();
    p.ip = new_ip.clone();
    p.json_cache = Default::default();
    let fqdn = format!("{label}.{}", ctx.st.dns_domain());
    ctx.record(
        "peer.ip.update",
        id,
        vec![
            ("name", name),
            ("fqdn", fqdn),
            ("old_ip", old_ip),
            ("ip", new_ip),
        ],
    );
    Ok(())
}

/// `updatePeer` in the server's peers handler, then `UpdatePeerIP` and `UpdatePeer`.
pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    let req: PeerRequest = ctx.decode()?;
    if let Some(ip) = &req.ip {
        let addr = crate::net::parse_addr(ip)
            .map_err(|e| ApiError::invalid(format!("invalid IP address {ip}: {e}")))?;
        update_ip(ctx, &id, addr)?;
    }
    ctx.allow("peers", Op::Update)?;
    let Some(old) = ctx.st.peers.get(&id).cloned() else {
        return Err(not_found(&id));
    };
    let name = req.name.unwrap_or_default();
    let mut label = old.dns_label.clone();
    if name != old.name {
        // `GetPeerIdByLabel` finds the peer itself too: a label it already has counts as taken.
        let free = |l: &String| !ctx.st.peers.iter().any(|p| p.dns_label == *l);
        label = match parsed_label(&name).filter(free) {
            Some(l) => l,
            // `getPeerIPDNSLabel`: the label plus the last two octets; an unusable name is
            // a plain Go error, so a 500.
            None => {
                let base = parsed_label(&name)
                    .ok_or_else(|| ApiError::new(500, "internal server error"))?;
                let o = old
                    .ip
                    .parse::<std::net::Ipv4Addr>()
                    .map(|a| a.octets())
                    .unwrap_or_default();
                format!("{base}-{}-{}", o[2], o[3])
            }
        };
    }
    let ssh = req.ssh_enabled.unwrap_or_default();
    let lee = req.login_expiration_enabled.unwrap_or_default();
    let iee = req.inactivity_expiration_enabled.unwrap_or_default();
    // Only peers added with an SSO login (with a user) may change their expiration flags.
    for (changed, what) in [
        (old.login_expiration_enabled != lee, "login"),
        (old.inactivity_expiration_enabled != iee, "inactivity"),
    ] {
        if changed && old.user_id.is_empty() {
            return Err(ApiError::new(
                412,
                format!("this peer hasn't been added with the SSO login, therefore the {what} expiration can't be updated"),
            ));
        }
    }
    {
        let p = ctx.st.peers.get_mut(&id).unwrap();
        p.json_cache = Default::default();
        p.name = name.clone();
        p.dns_label = label;
        p.ssh_enabled = ssh;
        p.login_expiration_enabled = lee;
        p.inactivity_expiration_enabled = iee;
        if let Some(a) = req.approval_required {
            p.approval_required = a;
        }
    }
    let fqdn = format!("{}.{}", old.dns_label, ctx.st.dns_domain());
    let meta = |extra: Vec<(&'static str, String)>| {
        let mut m = vec![
            ("name", name.clone()),
            ("fqdn", fqdn.clone()),
            ("ip", old.ip.clone()),
        ];
        m.extend(extra);
        m
    };
    if old.name != name {
        ctx.record(
            "peer.rename",
            &id,
            meta(vec![("old_name", old.name.clone())]),
        );
    }
    if old.ssh_enabled != ssh {
        ctx.record(
            if ssh {
                "peer.ssh.enable"
            } else {
                "peer.ssh.disable"
            },
            &id,
            meta(vec![]),
        );
    }
    if old.login_expiration_enabled != lee {
        ctx.record(
            if lee {
                "peer.login.expiration.enable"
            } else {
                "peer.login.expiration.disable"
            },
            &id,
            meta(vec![]),
        );
    }
    if old.inactivity_expiration_enabled != iee {
        ctx.record(
            if iee {
                "peer.inactivity.expiration.enable"
            } else {
                "peer.inactivity.expiration.disable"
            },
            &id,
            meta(vec![]),
        );
    }
    let st: &State = ctx.st;
    single(st, st.peers.get(&id).unwrap())
}

/// `DeletePeer`: the peer leaves every group and every policy with a rule whose source or
/// destination resource is the peer is deleted; routes it serves keep pointing at it.
pub fn delete(ctx: &mut Ctx) -> Out {
    ctx.allow("peers", Op::Delete)?;
    let id = ctx.param(0);
    let p = ctx
        .st
        .peers
        .remove(&id)
        .ok_or_else(|| ApiError::not_found(format!("peer {id} account not found")))?;
    for g in ctx.st.groups.iter_mut() {
        g.peers.retain(|x| *x != id);
    }
    let linked: Vec<(String, String)> = ctx
        .st
        .policies
        .iter()
        .filter(|pol| {
            pol.rules.iter().any(|r| {
                [&r.source_resource, &r.destination_resource]
                    .into_iter()
                    .flatten()
                    .any(|res| res.id == id)
            })
        })
        .map(|pol| (pol.id.clone(), pol.name.clone()))
        .collect();
    for (pid, name) in linked {
        ctx.st.policies.remove(&pid);
        ctx.record("policy.delete", &id, vec![("name", name)]);
    }
    let fqdn = format!("{}.{}", p.dns_label, ctx.st.dns_domain());
    ctx.record(
        "user.peer.delete",
        &id,
        vec![("name", p.name), ("fqdn", fqdn), ("ip", p.ip)],
    );
    empty()
}

#[derive(Serialize)]
struct AccessiblePeer<'a> {
    id: &'a str,
    name: &'a str,
    ip: &'a str,
    dns_label: String,
    user_id: &'a str,
    os: &'a str,
    country_code: &'a str,
    city_name: &'a str,
    geoname_id: i64,
    connected: bool,
    #[serde(serialize_with = "crate::util::ser_ts")]
    last_seen: Ts,
}

/// The peers `id` connects with, as the server's network map lists them
/// (`getPeerConnectionResources`): for every enabled rule of every enabled policy, accept or drop
/// alike, a peer among the rule's sources gets its destinations and a peer among its destinations
/// gets its sources (a connection has two ends, whatever the direction). A side is its peer
/// resource when it names one, else its groups' peers. Peers waiting for approval are in no
/// network map, and one waiting itself gets an empty list. Posture checks are not evaluated here:
/// every peer passes them.
pub fn accessible(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    let st: &State = ctx.st;
    let p = st.peers.get(&id).ok_or_else(|| not_found(&id))?;
    if !visible(ctx, p) {
        return Err(ApiError::denied());
    }
    let approved = |pid: &str| st.peers.get(pid).is_some_and(|p| !p.approval_required);
    let side = |resource: &Option<crate::state::ResourceRef>, groups: &Vec<String>| -> Vec<&str> {
        match resource {
            Some(r) if r.kind == "peer" && !r.id.is_empty() => st
                .peers
                .get(&r.id)
                .map(|p| p.id.as_str())
                .into_iter()
                .collect(),
            _ => groups
                .iter()
                .filter_map(|g| st.groups.get(g))
                .flat_map(|g| g.peers.iter().map(String::as_str))
                .collect(),
        }
    };
    let mut reach: HashSet<&str> = HashSet::new();
    if approved(&id) {
        for pol in st.policies.iter().filter(|p| p.enabled) {
            for r in pol.rules.iter().filter(|r| r.enabled) {
                let sources = side(&r.source_resource, &r.sources);
                let destinations = side(&r.destination_resource, &r.destinations);
                if sources.contains(&id.as_str()) {
                    reach.extend(destinations.iter().copied().filter(|p| approved(p)));
                }
                if destinations.contains(&id.as_str()) {
                    reach.extend(sources.iter().copied().filter(|p| approved(p)));
                }
            }
        }
    }
    reach.remove(id.as_str());
    let domain = st.dns_domain();
    let v: Vec<AccessiblePeer> = st
        .peers
        .iter()
        .filter(|p| reach.contains(p.id.as_str()))
        .map(|p| AccessiblePeer {
            id: &p.id,
            name: &p.name,
            ip: &p.ip,
            dns_label: format!("{}.{}", p.dns_label, domain),
            user_id: &p.user_id,
            os: &p.os,
            country_code: &p.country_code,
            city_name: &p.city_name,
            geoname_id: p.geoname_id,
            connected: p.connected,
            last_seen: p.last_seen,
        })
        .collect();
    json(&v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{build, SeedOptions};

    /// Building the list response for 10k peers must be well under 100 ms even in a debug build.
    #[test]
    fn list_10k_peers_is_fast() {
        let (mut st, tokens) = build(&SeedOptions {
            seed: 3,
            peers: 10_000,
            routes: Some(1000),
            groups: None,
            policies: None,
            admin_token: None,
            jwts: vec![],
            geo: true,
            idp: false,
        });
        let owner = tokens
            .iter()
            .find(|t| t.role == "owner")
            .unwrap()
            .user_id
            .clone();
        let mut ctx = Ctx {
            st: &mut st,
            caller: owner,
            params: vec![],
            query: vec![],
            body: b"",
        };
        warm_cache(ctx.st);
        let t = std::time::Instant::now();
        let body = list(&mut ctx).unwrap();
        let el = t.elapsed();
        eprintln!("peers list, 10k peers: {el:?}, {} bytes", body.len());
        assert!(body.len() > 10_000 * 500);
        assert!(el.as_millis() < 100, "{el:?}");
        let t = std::time::Instant::now();
        let body = crate::api::routes::list(&mut ctx).unwrap();
        eprintln!(
            "routes list, 1000 routes: {:?}, {} bytes",
            t.elapsed(),
            body.len()
        );
    }
}
