//! The route form's rules: every check the management server makes on `POST/PUT /api/routes`
//! (its routes handler and `management/server/route.go` in netbirdio/netbird), with the same
//! meaning, so that what passes here is accepted there, plus the gaps the server leaves open.
//! Where the client is deliberately stricter, the rule says so.
//!
//! Deliberately stricter than the server (each one is a mistake the server would store):
//! - a routing peer or at least one peer group is required (the server accepts `"peer": ""`
//!   and `"peer_groups": []` and creates a route nobody routes);
//! - `network_id` with leading or trailing whitespace is refused (the server keeps it as is;
//!   `office ` and `office` would then be two different HA groups that look the same);
//! - the metric must be plain digits (`+5` is refused although JSON would carry 5).
//!
//! Deliberately *not* stricter: duplicate domains inside one list, an empty description,
//! host bits in a CIDR (normalized, as the server does), whitespace around a CIDR or a metric
//! (trimmed before sending).

use super::domain;
use crate::base::field_errors::FieldErrors;
use crate::base::i18n::{t, tf};
use crate::base::json::{FromJson, Reader};
use crate::resources::{Group, Peer, Route, RouteKind};
use ipnet::IpNet;
use serde::Serialize;
use std::collections::HashMap;
use std::net::IpAddr;

/// `route.MaxNetIDChar`: the identifier limit, in Unicode characters.
pub const MAX_NETWORK_ID_CHARS: usize = 40;
/// The suffix of the IPv6 twin of an exit node (`V6ExitMergeSet`).
pub const V6_SUFFIX: &str = "-v6";
/// The most domains one route can hold.
pub const MAX_DOMAINS: usize = 32;
pub const METRIC_MIN: i64 = 1;
pub const METRIC_MAX: i64 = 9999;
pub const EXIT_V4: &str = "0.0.0.0/0";
pub const EXIT_V6: &str = "::/0";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RouteShape {
    Subnet,
    Domains,
    ExitNode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Routing {
    Peer,
    PeerGroups,
}

/// What the form holds: text exactly as typed, selections as IDs.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct RouteDraft {
    pub shape: RouteShape,
    pub network_id: String,
    pub description: String,
    /// Subnet: a CIDR as typed. ExitNode: ignored unless it is `::/0` (an existing IPv6 exit
    /// route being edited keeps its network); otherwise the exit node is `0.0.0.0/0`.
    pub network: String,
    /// Domains: as typed, separated by newlines, commas or spaces.
    pub domains: String,
    /// ExitNode on create: also create `::/0` as `<network_id>-v6`. Ignored when editing.
    pub exit_ipv6: bool,
    pub routing: Routing,
    /// Peer ID ("" = none chosen).
    pub peer: String,
    pub peer_groups: Vec<String>,
    /// As typed.
    pub metric: String,
    pub masquerade: bool,
    /// Distribution groups.
    pub groups: Vec<String>,
    pub access_control_groups: Vec<String>,
    pub keep_route: bool,
    pub skip_auto_apply: bool,
    pub enabled: bool,
}

impl FromJson for RouteShape {
    fn from_json(r: &mut Reader<'_>) -> crate::base::json::Result<Self> {
        let unknown = r.error("unknown route shape");
        match r.string()?.as_str() {
            "Subnet" => Ok(RouteShape::Subnet),
            "Domains" => Ok(RouteShape::Domains),
            "ExitNode" => Ok(RouteShape::ExitNode),
            _ => Err(unknown),
        }
    }
}

impl FromJson for Routing {
    fn from_json(r: &mut Reader<'_>) -> crate::base::json::Result<Self> {
        let unknown = r.error("unknown routing");
        match r.string()?.as_str() {
            "Peer" => Ok(Routing::Peer),
            "PeerGroups" => Ok(Routing::PeerGroups),
            _ => Err(unknown),
        }
    }
}

impl Default for RouteDraft {
    fn default() -> Self {
        RouteDraft {
            shape: RouteShape::Subnet,
            network_id: String::new(),
            description: String::new(),
            network: String::new(),
            domains: String::new(),
            exit_ipv6: false,
            routing: Routing::Peer,
            peer: String::new(),
            peer_groups: Vec::new(),
            metric: "9999".into(),
            masquerade: true,
            groups: Vec::new(),
            access_control_groups: Vec::new(),
            keep_route: false,
            skip_auto_apply: false,
            enabled: true,
        }
    }
}

impl RouteDraft {
    /// The draft of an existing route (for edit); shape from network/domains (0.0.0.0/0 or
    /// ::/0 → ExitNode). Domains are shown in Unicode, one list separated by ", ".
    pub fn from_route(r: &Route) -> RouteDraft {
        let kind = r.kind();
        let shape = match kind {
            RouteKind::Domain => RouteShape::Domains,
            RouteKind::ExitNode => RouteShape::ExitNode,
            RouteKind::Ipv4 | RouteKind::Ipv6 => RouteShape::Subnet,
        };
        let routing = if r.peer.is_empty() && !r.peer_groups.is_empty() {
            Routing::PeerGroups
        } else {
            Routing::Peer
        };
        RouteDraft {
            shape,
            network_id: r.network_id.clone(),
            description: r.description.clone(),
            // For domain routes the server sends a placeholder network: drop it.
            network: if shape == RouteShape::Domains {
                String::new()
            } else {
                r.network.clone()
            },
            domains: r
                .domains
                .iter()
                .map(|d| domain::to_unicode(d))
                .collect::<Vec<_>>()
                .join(", "),
            exit_ipv6: false,
            routing,
            peer: r.peer.clone(),
            peer_groups: r.peer_groups.clone(),
            metric: r.metric.to_string(),
            masquerade: r.masquerade,
            groups: r.groups.clone(),
            access_control_groups: r.access_control_groups.clone(),
            keep_route: r.keep_route,
            skip_auto_apply: r.skip_auto_apply,
            enabled: r.enabled,
        }
    }

    /// The domains as typed, split on newlines, commas and spaces (empty pieces dropped).
    pub fn domain_list(&self) -> Vec<&str> {
        split_domains(&self.domains)
    }

    /// The network an exit-node draft stands for.
    pub fn exit_network(&self) -> &'static str {
        if self.network.trim() == EXIT_V6 {
            EXIT_V6
        } else {
            EXIT_V4
        }
    }
}

/// The body of POST/PUT /api/routes. Unused alternatives are ABSENT from the JSON, never
/// `[]` or `""` (the server decides on key presence).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteRequest {
    pub network_id: String,
    pub description: String,
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_groups: Option<Vec<String>>,
    pub metric: i64,
    pub masquerade: bool,
    pub groups: Vec<String>,
    /// None when empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_control_groups: Option<Vec<String>>,
    pub keep_route: bool,
    pub skip_auto_apply: bool,
}

/// Everything the duplicate (409) and existence checks need.
#[derive(Clone, Copy, Debug)]
pub struct RouteContext<'a> {
    pub peers: &'a [Peer],
    /// Group.peers lists member peers (id, name).
    pub groups: &'a [Group],
    pub routes: &'a [Route],
    /// ID of the route being edited: excluded from duplicate checks.
    pub editing: Option<&'a str>,
}

impl RouteContext<'_> {
    fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    fn peer_name<'b>(&'b self, id: &'b str) -> &'b str {
        self.peers
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.name.as_str())
    }

    fn group_name<'b>(&'b self, id: &'b str) -> &'b str {
        self.group(id).map_or(id, |g| g.name.as_str())
    }
}

fn split_domains(text: &str) -> Vec<&str> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect()
}

/// "Enter a network in CIDR notation, like 10.0.0.0/24.", in the chosen language.
fn cidr_hint() -> String {
    t("Enter a network in CIDR notation, like 10.0.0.0/24.")
}

/// `netip.ParsePrefix` + `Masked()`: `/bits` required (decimal, no sign, no leading zero),
/// no zone, IPv4 or IPv6 (IPv4-mapped IPv6 counts as IPv6). Err: a message in the chosen
/// language.
fn parse_prefix(s: &str) -> Result<IpNet, String> {
    let Some((addr, bits)) = s.rsplit_once('/') else {
        return Err(match s.parse::<IpAddr>() {
            Ok(IpAddr::V4(_)) => t(
                "Enter a network in CIDR notation, like 10.0.0.0/24 — a bare address needs /32.",
            ),
            Ok(IpAddr::V6(_)) => t(
                "Enter a network in CIDR notation, like 2001:db8::/64 — a bare address needs /128.",
            ),
            Err(_) if s.contains('%') => {
                t("Leave out the zone (%…): a route's network cannot name an interface.")
            }
            Err(_) => cidr_hint(),
        });
    };
    if addr.contains('%') {
        return Err(t(
            "Leave out the zone (%…): a route's network cannot name an interface.",
        ));
    }
    let ip: IpAddr = addr.parse().map_err(|_| {
        tf(
            "Enter a network in CIDR notation, like 10.0.0.0/24: “{address}” is not an IPv4 or IPv6 address.",
            &[("address", addr)],
        )
    })?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let len = if bits.is_empty()
        || !bits.bytes().all(|b| b.is_ascii_digit())
        || (bits.len() > 1 && bits.starts_with('0'))
    {
        None
    } else {
        bits.parse::<u8>().ok().filter(|&b| b <= max)
    };
    let len = len.ok_or_else(|| {
        tf(
            "The prefix length after / must be a number from 0 to {max}.",
            &[("max", &max.to_string())],
        )
    })?;
    // `new` cannot fail: the length was checked against the family's maximum.
    IpNet::new(ip, len)
        .map(|n| n.trunc())
        .map_err(|_| cidr_hint())
}

/// "10.0.0.1/24" → Ok("10.0.0.0/24"): what the server will store (for the form to show).
/// Err(message, in the chosen language) when not a prefix. Surrounding whitespace is ignored.
pub fn normalized_network(input: &str) -> Result<String, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err(cidr_hint());
    }
    parse_prefix(s).map(|n| n.to_string())
}

fn parse_metric(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(t("Enter a metric from 1 to 9999 (lower is preferred)."));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(t(
            "The metric is a whole number from 1 to 9999: digits only.",
        ));
    }
    match text.parse::<i64>() {
        Ok(m) if (METRIC_MIN..=METRIC_MAX).contains(&m) => Ok(m),
        _ => Err(t("The metric must be between 1 and 9999.")),
    }
}

fn check_network_id(id: &str, limit: usize) -> Option<String> {
    let n = id.chars().count();
    if n == 0 {
        return Some(t("Enter a network identifier (1 to 40 characters)."));
    }
    // Client stricter by design: the server keeps the spaces, which makes look-alike HA groups.
    if id.trim() != id {
        return Some(t(
            "Remove the spaces at the start or end of the network identifier.",
        ));
    }
    if n > limit {
        let twin = limit < MAX_NETWORK_ID_CHARS;
        let (limit, n) = (limit.to_string(), n.to_string());
        let args = [("limit", limit.as_str()), ("n", n.as_str())];
        return Some(if twin {
            // V6_SUFFIX is `-v6`, written out: a key is one literal.
            tf(
                "With the IPv6 twin (named “<identifier>-v6”) the identifier can have at most {limit} characters; this one has {n}.",
                &args,
            )
        } else {
            tf(
                "The network identifier can have at most {limit} characters; this one has {n}.",
                &args,
            )
        });
    }
    None
}

/// The group-ID list checks of `validateGroups`: no empty ID, every ID exists.
fn check_group_ids(
    errs: &mut FieldErrors,
    field: &'static str,
    ids: &[String],
    ctx: &RouteContext,
) -> bool {
    for id in ids {
        if id.is_empty() {
            errs.insert(
                field,
                t("One of the selected groups has an empty ID; choose again."),
            );
            return false;
        }
        if ctx.group(id).is_none() {
            errs.insert(
                field,
                tf(
                    "The group {id} no longer exists; choose again.",
                    &[("id", id)],
                ),
            );
            return false;
        }
    }
    true
}

/// A route's destination as the duplicate check compares it.
#[derive(Clone, Debug, PartialEq)]
enum Dest {
    /// The masked prefix.
    Prefix(String),
    /// The punycode domain list, order kept.
    Domains(Vec<String>),
}

impl Dest {
    fn of_route(r: &Route) -> Option<Dest> {
        if r.kind() == RouteKind::Domain {
            let list = r
                .domains
                .iter()
                .map(|d| domain::to_ascii(d).unwrap_or_else(|_| d.to_lowercase()))
                .collect();
            Some(Dest::Domains(list))
        } else {
            normalized_network(&r.network).ok().map(Dest::Prefix)
        }
    }

    fn describe(&self) -> String {
        match self {
            Dest::Prefix(p) => p.clone(),
            Dest::Domains(d) => d
                .iter()
                .map(|d| domain::to_unicode(d))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// `checkRoutePrefixOrDomainsExistForPeers`: the 409 a create/update would get, as a message.
fn duplicate(dest: &Dest, draft: &RouteDraft, ctx: &RouteContext) -> Option<String> {
    // Who already serves this destination: peer ID → network_id of the route; group ID → same.
    let mut seen_peers: HashMap<&str, &str> = HashMap::new();
    let mut seen_groups: HashMap<&str, &str> = HashMap::new();
    for r in ctx.routes {
        if Some(r.id.as_str()) == ctx.editing || Dest::of_route(r).as_ref() != Some(dest) {
            continue;
        }
        if !r.peer.is_empty() {
            seen_peers.entry(&r.peer).or_insert(&r.network_id);
        }
        for g in &r.peer_groups {
            seen_groups.entry(g).or_insert(&r.network_id);
            for p in ctx.group(g).map_or(&[][..], |g| &g.peers) {
                seen_peers.entry(&p.id).or_insert(&r.network_id);
            }
        }
    }
    let what = dest.describe();
    match draft.routing {
        Routing::Peer => seen_peers.get(draft.peer.as_str()).map(|other| {
            tf(
                "{peer} already routes {destination} (route “{route}”).",
                &[
                    ("peer", ctx.peer_name(&draft.peer)),
                    ("destination", &what),
                    ("route", other),
                ],
            )
        }),
        Routing::PeerGroups => draft.peer_groups.iter().find_map(|g| {
            if let Some(other) = seen_groups.get(g.as_str()) {
                return Some(tf(
                    "Peer group {group} already routes {destination} (route “{route}”).",
                    &[
                        ("group", ctx.group_name(g)),
                        ("destination", &what),
                        ("route", other),
                    ],
                ));
            }
            let group = ctx.group(g)?;
            group.peers.iter().find_map(|p| {
                seen_peers.get(p.id.as_str()).map(|other| {
                    tf(
                        "{peer} from the group {group} already routes {destination} (route “{route}”).",
                        &[
                            ("peer", &p.name),
                            ("group", &group.name),
                            ("destination", &what),
                            ("route", other),
                        ],
                    )
                })
            })
        }),
    }
}

fn build(
    draft: &RouteDraft,
    network_id: String,
    network: Option<String>,
    domains: Option<Vec<String>>,
    metric: i64,
) -> RouteRequest {
    let (peer, peer_groups) = match draft.routing {
        Routing::Peer => (Some(draft.peer.clone()), None),
        Routing::PeerGroups => (None, Some(draft.peer_groups.clone())),
    };
    RouteRequest {
        network_id,
        description: draft.description.clone(),
        enabled: draft.enabled,
        network,
        domains,
        peer,
        peer_groups,
        metric,
        masquerade: draft.masquerade,
        groups: draft.groups.clone(),
        access_control_groups: (!draft.access_control_groups.is_empty())
            .then(|| draft.access_control_groups.clone()),
        keep_route: draft.keep_route,
        skip_auto_apply: draft.skip_auto_apply,
    }
}

/// Whether validate() makes the `::/0` twin: creating an IPv4 exit node with exit_ipv6.
fn makes_twin(draft: &RouteDraft, ctx: &RouteContext) -> bool {
    draft.shape == RouteShape::ExitNode
        && draft.exit_ipv6
        && ctx.editing.is_none()
        && draft.exit_network() == EXIT_V4
}

/// Every rule the server checks on a route write, with its meaning, plus the gaps it leaves
/// open (a non-empty peer / ≥1 peer group). Ok: one request, or two for an exit node with
/// exit_ipv6 (`0.0.0.0/0` named network_id, `::/0` named `<network_id>-v6`, network_id then
/// limited to 37 chars). Err: every problem found, each at its field, with a human message.
///
/// A duplicate (what the server answers with 409) is reported both at the routing control
/// (`peer` or `peer_groups`) and at the destination (`network`, also for exit nodes, or
/// `domains`), since it is the pair that clashes.
pub fn validate(draft: &RouteDraft, ctx: &RouteContext) -> Result<Vec<RouteRequest>, FieldErrors> {
    let mut errs = FieldErrors::default();
    let twin = makes_twin(draft, ctx);

    let limit = if twin {
        MAX_NETWORK_ID_CHARS - V6_SUFFIX.len()
    } else {
        MAX_NETWORK_ID_CHARS
    };
    if let Some(m) = check_network_id(&draft.network_id, limit) {
        errs.insert("network_id", m);
    }

    // Destination.
    let (dest_field, dest, network, domains) = match draft.shape {
        RouteShape::Subnet => match normalized_network(&draft.network) {
            Ok(n) => ("network", Some(Dest::Prefix(n.clone())), Some(n), None),
            Err(m) => {
                errs.insert("network", m);
                ("network", None, None, None)
            }
        },
        RouteShape::ExitNode => {
            let n = draft.exit_network().to_string();
            ("network", Some(Dest::Prefix(n.clone())), Some(n), None)
        }
        RouteShape::Domains => {
            let typed = draft.domain_list();
            let mut ascii = Vec::with_capacity(typed.len());
            let mut bad = Vec::new();
            for d in &typed {
                match domain::check(d) {
                    Ok(a) => ascii.push(a),
                    Err(m) => bad.push(m),
                }
            }
            if typed.is_empty() {
                errs.insert("domains", t("Enter at least one domain, like example.com."));
            } else if typed.len() > MAX_DOMAINS {
                errs.insert(
                    "domains",
                    tf(
                        "A route can hold at most {max} domains; this list has {n}.",
                        &[
                            ("max", &MAX_DOMAINS.to_string()),
                            ("n", &typed.len().to_string()),
                        ],
                    ),
                );
            } else if let Some(message) = domain::problems(&bad) {
                errs.insert("domains", message);
            }
            if errs.get("domains").is_none() {
                (
                    "domains",
                    Some(Dest::Domains(ascii.clone())),
                    None,
                    Some(ascii),
                )
            } else {
                ("domains", None, None, None)
            }
        }
    };

    // Routing peer or peer groups. The server accepts "" / [] here: the client does not.
    let routing_field = match draft.routing {
        Routing::Peer => "peer",
        Routing::PeerGroups => "peer_groups",
    };
    let routing_ok = match draft.routing {
        Routing::Peer => {
            if draft.peer.is_empty() {
                errs.insert("peer", t("Choose the peer that routes this traffic."));
                false
            } else if !ctx.peers.iter().any(|p| p.id == draft.peer) {
                errs.insert(
                    "peer",
                    t("The selected peer no longer exists; choose another."),
                );
                false
            } else {
                true
            }
        }
        Routing::PeerGroups => {
            if draft.peer_groups.is_empty() {
                errs.insert(
                    "peer_groups",
                    t("Choose at least one group of peers that route this traffic."),
                );
                false
            } else {
                check_group_ids(&mut errs, "peer_groups", &draft.peer_groups, ctx)
            }
        }
    };

    let metric = match parse_metric(&draft.metric) {
        Ok(m) => m,
        Err(m) => {
            errs.insert("metric", m);
            0
        }
    };

    if draft.groups.is_empty() {
        errs.insert(
            "groups",
            t("Choose at least one distribution group: the peers that receive this route."),
        );
    } else {
        check_group_ids(&mut errs, "groups", &draft.groups, ctx);
    }
    check_group_ids(
        &mut errs,
        "access_control_groups",
        &draft.access_control_groups,
        ctx,
    );

    // Duplicates (409): only meaningful once the destination and the routing are valid.
    if let (Some(dest), true) = (&dest, routing_ok) {
        let mut dests = vec![dest.clone()];
        if twin {
            dests.push(Dest::Prefix(EXIT_V6.into()));
        }
        if let Some(m) = dests.iter().find_map(|d| duplicate(d, draft, ctx)) {
            errs.insert(routing_field, m.clone());
            errs.insert(dest_field, m);
        }
    }

    if !errs.is_empty() {
        return Err(errs);
    }
    let mut out = vec![build(
        draft,
        draft.network_id.clone(),
        network,
        domains,
        metric,
    )];
    if twin {
        out.push(build(
            draft,
            format!("{}{V6_SUFFIX}", draft.network_id),
            Some(EXIT_V6.into()),
            None,
            metric,
        ));
    }
    Ok(out)
}

/// Per-field validation for "validate on blur": same rules as validate(), restricted to that
/// field's messages.
pub fn validate_field(field: &str, draft: &RouteDraft, ctx: &RouteContext) -> Option<String> {
    validate(draft, ctx).err()?.get(field).map(str::to_string)
}

/// The body a naive form would send with NO client validation (for the agreement test): same
/// mapping as validate() but never refusing; text as typed; metric parsed leniently
/// (unparseable → 0); unused alternatives absent; no IPv6 twin.
pub fn unchecked_request(draft: &RouteDraft) -> RouteRequest {
    let (network, domains) = match draft.shape {
        RouteShape::Subnet => (Some(draft.network.clone()), None),
        RouteShape::ExitNode => (Some(draft.exit_network().to_string()), None),
        RouteShape::Domains => (
            None,
            Some(draft.domain_list().into_iter().map(String::from).collect()),
        ),
    };
    let metric = draft.metric.trim().parse::<i64>().unwrap_or(0);
    build(draft, draft.network_id.clone(), network, domains, metric)
}

/// Every field a server error message (409/422 body `message`, lowercased) may concern, most
/// likely first. Group-list messages are shared by `groups`, `peer_groups` and
/// `access_control_groups` (the server checks them with one function); the first is `groups`.
pub fn server_error_fields(message: &str) -> &'static [&'static str] {
    let m = message.to_lowercase();
    if m.contains("already has this route") {
        return if m.contains("domains [") {
            &["domains", "peer", "peer_groups"]
        } else {
            &["network", "peer", "peer_groups"]
        };
    }
    if m.contains("identifier should be between") {
        &["network_id"]
    } else if m.starts_with("invalid domains") {
        &["domains"]
    } else if m.starts_with("invalid network") || m == "invalid prefix" {
        &["network"]
    } else if m.contains("'network' or 'domains'") || m.contains("domains and network") {
        &["network", "domains"]
    } else if m.contains("metric") {
        &["metric"]
    } else if m.starts_with("peer with id") && m.ends_with("not found") {
        &["peer"]
    } else if m.contains("'peer' or 'peer_groups'") || m.contains("peer with id and peer groups") {
        &["peer", "peer_groups"]
    } else if m.contains("list of group ids should not be empty") {
        &["groups"]
    } else if m.starts_with("group id") {
        &["groups", "peer_groups", "access_control_groups"]
    } else {
        // Not about one control: "couldn't parse json request", "permission denied",
        // "route: <id> not found", and "… peer group <id> doesn't exist" (a group of ANOTHER
        // route with the same destination is gone: nothing in this form can fix it).
        &[]
    }
}

/// Maps a server error message (409/422 body `message`, lowercased) to the field it concerns,
/// e.g. "identifier should be between 1 and 40 characters" → "network_id", "invalid network …"
/// → "network", "invalid domains: …" → "domains", "metric should …" → "metric", "group id …
/// not found" → "groups", "… already has this route" → "network" (or "domains" for domain
/// routes, whose descriptor is "domains [").
pub fn server_error_field(message: &str) -> Option<&'static str> {
    server_error_fields(message).first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::PeerMinimum;

    fn peer(id: &str, name: &str) -> Peer {
        Peer {
            id: id.into(),
            name: name.into(),
            ..Peer::default()
        }
    }

    fn group(id: &str, name: &str, members: &[(&str, &str)]) -> Group {
        Group {
            id: id.into(),
            name: name.into(),
            peers: members
                .iter()
                .map(|(id, name)| PeerMinimum {
                    id: (*id).into(),
                    name: (*name).into(),
                })
                .collect(),
            ..Group::default()
        }
    }

    fn net_route(id: &str, network_id: &str, network: &str, peer: &str, pgs: &[&str]) -> Route {
        Route {
            id: id.into(),
            network_id: network_id.into(),
            enabled: true,
            network_type: if network.contains(':') {
                "IPv6"
            } else {
                "IPv4"
            }
            .into(),
            network: network.into(),
            peer: peer.into(),
            peer_groups: pgs.iter().map(|s| s.to_string()).collect(),
            metric: 9999,
            groups: vec!["all".into()],
            ..Route::default()
        }
    }

    fn dom_route(id: &str, network_id: &str, domains: &[&str], peer: &str, pgs: &[&str]) -> Route {
        Route {
            network_type: "Domain".into(),
            network: "192.0.2.0/32".into(),
            domains: domains.iter().map(|s| s.to_string()).collect(),
            ..net_route(id, network_id, "192.0.2.0/32", peer, pgs)
        }
    }

    struct World {
        peers: Vec<Peer>,
        groups: Vec<Group>,
        routes: Vec<Route>,
    }

    fn world() -> World {
        World {
            peers: vec![
                peer("p1", "gw-1"),
                peer("p2", "gw-2"),
                peer("p3", "gw-3"),
                peer("p4", "laptop"),
            ],
            groups: vec![
                group(
                    "all",
                    "All",
                    &[("p1", "gw-1"), ("p2", "gw-2"), ("p3", "gw-3")],
                ),
                group("gws", "Gateways", &[("p1", "gw-1"), ("p2", "gw-2")]),
                group("g3", "Gw3", &[("p3", "gw-3")]),
                group("empty", "Empty", &[]),
                group("devs", "Devs", &[("p4", "laptop")]),
            ],
            routes: vec![
                net_route("r1", "office", "10.0.0.0/24", "p1", &[]),
                net_route("r2", "lab", "10.1.0.0/16", "", &["gws"]),
                dom_route("r3", "docs", &["bücher.de", "example.com"], "p3", &[]),
                net_route("r4", "v6", "2001:db8::/64", "p2", &[]),
            ],
        }
    }

    impl World {
        fn ctx(&self) -> RouteContext<'_> {
            RouteContext {
                peers: &self.peers,
                groups: &self.groups,
                routes: &self.routes,
                editing: None,
            }
        }
    }

    fn subnet(network_id: &str, network: &str, peer: &str) -> RouteDraft {
        RouteDraft {
            network_id: network_id.into(),
            network: network.into(),
            peer: peer.into(),
            groups: vec!["all".into()],
            ..RouteDraft::default()
        }
    }

    fn domains(network_id: &str, domains: &str, peer: &str) -> RouteDraft {
        RouteDraft {
            shape: RouteShape::Domains,
            domains: domains.into(),
            ..subnet(network_id, "", peer)
        }
    }

    fn fields(r: &Result<Vec<RouteRequest>, FieldErrors>) -> Vec<&'static str> {
        match r {
            Ok(_) => vec![],
            Err(e) => e.fields().collect(),
        }
    }

    #[test]
    fn default_draft() {
        let d = RouteDraft::default();
        assert_eq!(d.shape, RouteShape::Subnet);
        assert_eq!(d.routing, Routing::Peer);
        assert_eq!(d.metric, "9999");
        assert!(d.masquerade && d.enabled);
        assert!(!d.keep_route && !d.skip_auto_apply && !d.exit_ipv6);
        assert!(d.network_id.is_empty() && d.peer.is_empty() && d.groups.is_empty());
    }

    #[test]
    fn cidr_table() {
        let ok = [
            ("10.0.0.1/24", "10.0.0.0/24"),
            ("10.0.0.0/24", "10.0.0.0/24"),
            (" 10.0.0.0/24 ", "10.0.0.0/24"),
            ("2001:db8::1/64", "2001:db8::/64"),
            ("2001:DB8::1/64", "2001:db8::/64"),
            ("0.0.0.0/0", "0.0.0.0/0"),
            ("::/0", "::/0"),
            ("192.168.1.7/32", "192.168.1.7/32"),
            ("10.1.2.3/0", "0.0.0.0/0"),
            ("::ffff:10.0.0.1/120", "::ffff:10.0.0.0/120"),
        ];
        for (input, want) in ok {
            assert_eq!(normalized_network(input).as_deref(), Ok(want), "{input}");
        }
        let bad = [
            "",
            "10.0.0.1",
            "2001:db8::1",
            "fe80::1%eth0/64",
            "fe80::1%eth0",
            "10.0.0.0/33",
            "2001:db8::/129",
            "10.0.0.0/",
            "10.0.0.0/-1",
            "10.0.0.0/+8",
            "10.0.0.0/08",
            "10.0.0/24",
            "010.0.0.0/24",
            "10.0.0.256/24",
            "example.com/24",
            "10.0.0.0/24/8",
            "10.0.0.0 /24",
        ];
        for input in bad {
            assert!(normalized_network(input).is_err(), "{input} should fail");
        }
        assert_eq!(
            normalized_network("10.0.0.1").unwrap_err(),
            "Enter a network in CIDR notation, like 10.0.0.0/24 — a bare address needs /32."
        );
        assert!(normalized_network("2001:db8::1")
            .unwrap_err()
            .contains("/128"));
        assert!(normalized_network("fe80::1%eth0/64")
            .unwrap_err()
            .contains("zone"));
        assert!(normalized_network("10.0.0.0/33")
            .unwrap_err()
            .contains("0 to 32"));
    }

    #[test]
    fn valid_subnet_request() {
        let w = world();
        let reqs = validate(&subnet("home", "192.168.1.9/24", "p1"), &w.ctx()).unwrap();
        assert_eq!(reqs.len(), 1);
        let r = &reqs[0];
        assert_eq!(r.network.as_deref(), Some("192.168.1.0/24"));
        assert_eq!(r.peer.as_deref(), Some("p1"));
        assert_eq!(r.metric, 9999);
        let json = serde_json::to_value(r).unwrap();
        let obj = json.as_object().unwrap();
        for absent in ["domains", "peer_groups", "access_control_groups"] {
            assert!(!obj.contains_key(absent), "{absent} must be absent: {json}");
        }
        assert_eq!(
            json,
            serde_json::json!({"network_id":"home","description":"","enabled":true,
                "network":"192.168.1.0/24","peer":"p1","metric":9999,"masquerade":true,
                "groups":["all"],"keep_route":false,"skip_auto_apply":false})
        );
    }

    #[test]
    fn serialization_of_group_routed_domain_route() {
        let w = world();
        let d = RouteDraft {
            routing: Routing::PeerGroups,
            peer: "p1".into(), // left over from a previous choice: must not be sent
            peer_groups: vec!["g3".into()],
            access_control_groups: vec!["devs".into()],
            keep_route: true,
            ..domains("d", "Bücher.de, *.Example.org\n_sip._tcp.example.com", "")
        };
        let r = validate(&d, &w.ctx()).unwrap().remove(0);
        let json = serde_json::to_value(&r).unwrap();
        let obj = json.as_object().unwrap();
        assert!(!obj.contains_key("network") && !obj.contains_key("peer"));
        assert_eq!(
            json["domains"],
            serde_json::json!(["xn--bcher-kva.de", "*.example.org", "_sip._tcp.example.com"])
        );
        assert_eq!(json["peer_groups"], serde_json::json!(["g3"]));
        assert_eq!(json["access_control_groups"], serde_json::json!(["devs"]));
        assert_eq!(json["keep_route"], true);
    }

    #[test]
    fn network_id_rules() {
        let w = world();
        let check = |id: &str| {
            validate(&subnet(id, "172.16.0.0/12", "p1"), &w.ctx())
                .err()
                .and_then(|e| e.get("network_id").map(String::from))
        };
        assert_eq!(check(&"é".repeat(40)), None); // 80 bytes, 40 characters
        assert_eq!(check(&"a".repeat(40)), None);
        assert!(check(&"é".repeat(41)).unwrap().contains("41"));
        assert!(check(&"a".repeat(41)).is_some());
        assert!(check("").is_some());
        assert_eq!(check("日本のオフィス"), None);
        // Client stricter by design: surrounding whitespace.
        assert!(check(" office").unwrap().contains("spaces"));
        assert!(check("office\t").is_some());
        assert!(check("   ").is_some());
        assert_eq!(check("my office"), None);
    }

    #[test]
    fn metric_rules() {
        let w = world();
        let check = |m: &str| {
            let d = RouteDraft {
                metric: m.into(),
                ..subnet("m", "172.16.0.0/12", "p1")
            };
            validate(&d, &w.ctx()).map(|r| r[0].metric)
        };
        assert_eq!(check("1").unwrap(), 1);
        assert_eq!(check("9999").unwrap(), 9999);
        assert_eq!(check(" 100 ").unwrap(), 100);
        assert_eq!(check("0100").unwrap(), 100);
        for bad in [
            "0",
            "10000",
            "",
            "12a",
            "1.5",
            "+5",
            "-1",
            "1e3",
            "99999999999999999999999",
        ] {
            let e = check(bad).unwrap_err();
            assert!(e.get("metric").is_some(), "{bad:?}");
            assert_eq!(e.fields().count(), 1, "{bad:?}: {e:?}");
        }
    }

    #[test]
    fn domain_rules() {
        let w = world();
        let check = |text: &str| validate(&domains("d", text, "p1"), &w.ctx());
        let r =
            check("example.com *.example.com,_sip._tcp.example.com\nxn--bcher-kva.de EXAMPLE.COM")
                .unwrap();
        assert_eq!(
            r[0].domains.as_ref().unwrap(),
            &[
                "example.com",
                "*.example.com",
                "_sip._tcp.example.com",
                "xn--bcher-kva.de",
                "example.com"
            ]
        );
        assert!(check("*.com localhost 1.2.3.4").is_ok());
        // Duplicates inside one list are not refused (the server does not either).
        assert!(check("a.com a.com").is_ok());
        let label64 = "a".repeat(64);
        for bad in [
            "example.com.",
            "-a.com",
            "a-.com",
            "*",
            "a..b",
            "sub.*.example.com",
            "ab_.com",
            &format!("{label64}.com"),
            "",
            "  ,\n ",
        ] {
            let e = check(bad).unwrap_err();
            assert_eq!(e.fields().collect::<Vec<_>>(), ["domains"], "{bad:?}");
        }
        let msg = check("ok.com -a.com a-.com").unwrap_err();
        assert!(msg.get("domains").unwrap().contains("1 more"), "{msg:?}");
        let many: Vec<String> = (0..32).map(|i| format!("d{i}.com")).collect();
        assert!(check(&many.join(",")).is_ok());
        let e = check(&format!("{} d32.com", many.join(" "))).unwrap_err();
        assert!(e.get("domains").unwrap().contains("33"));
    }

    #[test]
    fn routing_and_group_rules() {
        let w = world();
        let ctx = w.ctx();
        // Client stricter by design: no peer chosen.
        assert_eq!(
            fields(&validate(&subnet("a", "172.16.0.0/12", ""), &ctx)),
            ["peer"]
        );
        assert_eq!(
            fields(&validate(&subnet("a", "172.16.0.0/12", "nope"), &ctx)),
            ["peer"]
        );
        let pg = |groups: &[&str]| RouteDraft {
            routing: Routing::PeerGroups,
            peer_groups: groups.iter().map(|s| s.to_string()).collect(),
            ..subnet("a", "172.16.0.0/12", "")
        };
        assert!(validate(&pg(&["gws", "g3"]), &ctx).is_ok());
        assert!(validate(&pg(&["empty"]), &ctx).is_ok());
        assert_eq!(fields(&validate(&pg(&[]), &ctx)), ["peer_groups"]);
        assert_eq!(
            fields(&validate(&pg(&["gws", "nope"]), &ctx)),
            ["peer_groups"]
        );
        assert_eq!(fields(&validate(&pg(&[""]), &ctx)), ["peer_groups"]);

        let with = |groups: &[&str], acg: &[&str]| RouteDraft {
            groups: groups.iter().map(|s| s.to_string()).collect(),
            access_control_groups: acg.iter().map(|s| s.to_string()).collect(),
            ..subnet("a", "172.16.0.0/12", "p1")
        };
        assert!(validate(&with(&["all", "devs"], &["devs"]), &ctx).is_ok());
        assert_eq!(fields(&validate(&with(&[], &[]), &ctx)), ["groups"]);
        assert_eq!(fields(&validate(&with(&["nope"], &[]), &ctx)), ["groups"]);
        assert_eq!(fields(&validate(&with(&[""], &[]), &ctx)), ["groups"]);
        assert_eq!(
            fields(&validate(&with(&["all"], &["nope"]), &ctx)),
            ["access_control_groups"]
        );
        let many_errors = RouteDraft {
            network_id: String::new(),
            network: "10.0.0.1".into(),
            peer: String::new(),
            metric: "0".into(),
            groups: vec![],
            access_control_groups: vec!["x".into()],
            ..RouteDraft::default()
        };
        assert_eq!(
            fields(&validate(&many_errors, &ctx)),
            [
                "access_control_groups",
                "groups",
                "metric",
                "network",
                "network_id",
                "peer"
            ]
        );
    }

    #[test]
    fn duplicates_by_prefix() {
        let w = world();
        let ctx = w.ctx();
        // r1: office 10.0.0.0/24 via p1. Same masked prefix, other network_id, same peer: 409.
        let e = validate(&subnet("other", "10.0.0.77/24", "p1"), &ctx).unwrap_err();
        assert_eq!(e.fields().collect::<Vec<_>>(), ["network", "peer"]);
        assert!(e.get("peer").unwrap().contains("gw-1"));
        assert!(e.get("peer").unwrap().contains("office"));
        // Another peer on the same prefix is HA, not a duplicate.
        assert!(validate(&subnet("office", "10.0.0.0/24", "p2"), &ctx).is_ok());
        // A different prefix length is a different route.
        assert!(validate(&subnet("office", "10.0.0.0/25", "p1"), &ctx).is_ok());
        // r2: lab 10.1.0.0/16 via group gws (p1, p2): a member peer directly → 409.
        assert_eq!(
            fields(&validate(&subnet("x", "10.1.0.0/16", "p2"), &ctx)),
            ["network", "peer"]
        );
        assert!(validate(&subnet("x", "10.1.0.0/16", "p3"), &ctx).is_ok());
        let pg = |groups: &[&str], net: &str| RouteDraft {
            routing: Routing::PeerGroups,
            peer_groups: groups.iter().map(|s| s.to_string()).collect(),
            ..subnet("x", net, "")
        };
        // The same peer group → 409 naming the group.
        let e = validate(&pg(&["gws"], "10.1.0.0/16"), &ctx).unwrap_err();
        assert!(e.get("peer_groups").unwrap().contains("Gateways"), "{e:?}");
        assert_eq!(e.fields().collect::<Vec<_>>(), ["network", "peer_groups"]);
        // A new group with a member that already serves it: "all" holds p1, p2.
        let e = validate(&pg(&["all"], "10.1.0.0/16"), &ctx).unwrap_err();
        assert!(e.get("peer_groups").unwrap().contains("from the group All"));
        // A group whose member serves it directly (r1 via p1).
        let e = validate(&pg(&["gws"], "10.0.0.0/24"), &ctx).unwrap_err();
        assert!(e
            .get("peer_groups")
            .unwrap()
            .contains("gw-1 from the group Gateways"));
        assert!(validate(&pg(&["g3"], "10.0.0.0/24"), &ctx).is_ok());
        assert!(validate(&pg(&["empty"], "10.0.0.0/24"), &ctx).is_ok());
        // IPv6, masked.
        assert!(validate(&subnet("v", "2001:db8::5/64", "p2"), &ctx).is_err());
        assert!(validate(&subnet("v", "2001:db8::5/64", "p1"), &ctx).is_ok());
        // Disabled routes count too.
        let mut w2 = world();
        w2.routes[0].enabled = false;
        assert!(validate(&subnet("other", "10.0.0.0/24", "p1"), &w2.ctx()).is_err());
    }

    #[test]
    fn duplicates_by_domains_are_order_sensitive() {
        let w = world();
        let ctx = w.ctx();
        // r3: docs [bücher.de, example.com] via p3.
        let e = validate(&domains("x", "xn--bcher-kva.de, EXAMPLE.com", "p3"), &ctx).unwrap_err();
        assert_eq!(e.fields().collect::<Vec<_>>(), ["domains", "peer"]);
        assert!(e.get("domains").unwrap().contains("bücher.de, example.com"));
        assert!(validate(&domains("x", "bücher.de example.com", "p3"), &ctx).is_err());
        assert!(validate(&domains("x", "example.com bücher.de", "p3"), &ctx).is_ok());
        assert!(validate(&domains("x", "bücher.de", "p3"), &ctx).is_ok());
        assert!(validate(&domains("x", "bücher.de example.com", "p1"), &ctx).is_ok());
        // A domain route never clashes with a network route's placeholder.
        assert!(validate(&subnet("x", "192.0.2.0/32", "p3"), &ctx).is_ok());
    }

    #[test]
    fn editing_excludes_the_route_itself() {
        let w = world();
        let mut ctx = w.ctx();
        let d = RouteDraft::from_route(&w.routes[0]);
        assert!(validate(&d, &ctx).is_err());
        ctx.editing = Some("r1");
        let reqs = validate(&d, &ctx).unwrap();
        assert_eq!(reqs.len(), 1);
        assert_eq!(reqs[0].network.as_deref(), Some("10.0.0.0/24"));
        ctx.editing = Some("r3");
        let d = RouteDraft::from_route(&w.routes[2]);
        assert_eq!(d.shape, RouteShape::Domains);
        assert_eq!(d.domains, "bücher.de, example.com");
        assert_eq!(d.network, "");
        assert!(validate(&d, &ctx).is_ok());
    }

    #[test]
    fn from_route_shapes() {
        let w = world();
        let d = RouteDraft::from_route(&w.routes[1]);
        assert_eq!(d.routing, Routing::PeerGroups);
        assert_eq!(d.peer_groups, ["gws"]);
        assert_eq!(d.shape, RouteShape::Subnet);
        assert_eq!(d.metric, "9999");
        let exit6 = net_route("e6", "exit-v6", "::/0", "p1", &[]);
        let d = RouteDraft::from_route(&exit6);
        assert_eq!(d.shape, RouteShape::ExitNode);
        assert!(!d.exit_ipv6);
        // Editing keeps the IPv6 exit route IPv6.
        let ctx = RouteContext {
            editing: Some("e6"),
            ..w.ctx()
        };
        let reqs = validate(&d, &ctx).unwrap();
        assert_eq!(reqs[0].network.as_deref(), Some("::/0"));
        assert_eq!(reqs[0].network_id, "exit-v6");
        let exit4 = net_route("e4", "exit", "0.0.0.0/0", "p1", &[]);
        assert_eq!(RouteDraft::from_route(&exit4).shape, RouteShape::ExitNode);
    }

    #[test]
    fn exit_node_pair() {
        let w = world();
        let ctx = w.ctx();
        let exit = |id: &str, v6: bool| RouteDraft {
            shape: RouteShape::ExitNode,
            exit_ipv6: v6,
            network: "10.9.9.0/24".into(), // left over from the subnet shape: ignored
            ..subnet(id, "", "p1")
        };
        let one = validate(&exit("exit", false), &ctx).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].network.as_deref(), Some("0.0.0.0/0"));
        let two = validate(&exit("exit", true), &ctx).unwrap();
        assert_eq!(two.len(), 2);
        assert_eq!(
            (two[0].network_id.as_str(), two[0].network.as_deref()),
            ("exit", Some("0.0.0.0/0"))
        );
        assert_eq!(
            (two[1].network_id.as_str(), two[1].network.as_deref()),
            ("exit-v6", Some("::/0"))
        );
        assert_eq!(two[1].peer, two[0].peer);
        // 37 characters with the twin, 40 without.
        assert!(validate(&exit(&"é".repeat(37), true), &ctx).is_ok());
        let e = validate(&exit(&"é".repeat(38), true), &ctx).unwrap_err();
        assert!(e.get("network_id").unwrap().contains("37"));
        assert!(validate(&exit(&"é".repeat(38), false), &ctx).is_ok());
        assert!(validate(&exit(&"é".repeat(40), false), &ctx).is_ok());
        // The twin is checked for duplicates too.
        let mut w2 = world();
        w2.routes
            .push(net_route("x6", "someone-v6", "::/0", "p1", &[]));
        let e = validate(&exit("exit", true), &w2.ctx()).unwrap_err();
        assert!(e.get("peer").unwrap().contains("::/0"));
        assert!(validate(&exit("exit", false), &w2.ctx()).is_ok());
        // When editing, no twin is made.
        let ctx = RouteContext {
            editing: Some("zz"),
            ..w.ctx()
        };
        assert_eq!(validate(&exit("exit", true), &ctx).unwrap().len(), 1);
    }

    #[test]
    fn validate_field_matches_validate() {
        let w = world();
        let ctx = w.ctx();
        let d = RouteDraft {
            metric: "x".into(),
            ..subnet("", "10.0.0.1", "p1")
        };
        assert!(validate_field("metric", &d, &ctx).is_some());
        assert!(validate_field("network", &d, &ctx).unwrap().contains("/32"));
        assert!(validate_field("network_id", &d, &ctx).is_some());
        assert_eq!(validate_field("peer", &d, &ctx), None);
        assert_eq!(validate_field("description", &d, &ctx), None);
        let ok = subnet("a", "172.16.0.0/12", "p1");
        assert_eq!(validate_field("network", &ok, &ctx), None);
    }

    #[test]
    fn unchecked_request_never_refuses() {
        let d = RouteDraft {
            metric: "12a".into(),
            network: " 10.0.0.1 ".into(),
            ..subnet(" x ", "", "")
        };
        let r = unchecked_request(&d);
        assert_eq!(r.metric, 0);
        assert_eq!(r.network.as_deref(), Some(" 10.0.0.1 "));
        assert_eq!(r.network_id, " x ");
        assert_eq!(r.peer.as_deref(), Some(""));
        assert_eq!(
            unchecked_request(&RouteDraft {
                metric: "+5".into(),
                ..d.clone()
            })
            .metric,
            5
        );
        let d = RouteDraft {
            shape: RouteShape::Domains,
            routing: Routing::PeerGroups,
            domains: " ,, ".into(),
            ..RouteDraft::default()
        };
        let json = serde_json::to_value(unchecked_request(&d)).unwrap();
        assert_eq!(json["domains"], serde_json::json!([]));
        assert_eq!(json["peer_groups"], serde_json::json!([]));
        assert!(json.get("network").is_none() && json.get("peer").is_none());
        assert!(json.get("access_control_groups").is_none());
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            ("identifier should be between 1 and 40 characters", Some("network_id")),
            ("invalid network 10.0.0.1", Some("network")),
            ("invalid prefix", Some("network")),
            ("invalid domains: invalid domain format: -a.com", Some("domains")),
            ("invalid domains: domains list is empty", Some("domains")),
            ("metric should be between 1 and 9999", Some("metric")),
            ("the list of group ids should not be empty", Some("groups")),
            ("group id should not be empty string", Some("groups")),
            ("group id nope not found", Some("groups")),
            ("peer with id nope not found", Some("peer")),
            ("either 'peer' or 'peer_groups' should be provided", Some("peer")),
            ("only one of 'network' or 'domains' should be provided", Some("network")),
            (
                "failed to add route with prefix 10.0.0.0/24 - peer p1 already has this route",
                Some("network"),
            ),
            (
                "failed to add route with domains [a.com, b.com] - peer group gws already has this route",
                Some("domains"),
            ),
            ("couldn't parse json request", None),
            ("permission denied", None),
            ("route: r9 not found", None),
            (
                "failed to add route with prefix 10.0.0.0/24 - peer group g9 doesn't exist",
                None,
            ),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
        assert!(server_error_fields("group id nope not found").contains(&"peer_groups"));
        assert_eq!(
            server_error_field("METRIC SHOULD be between 1 and 9999"),
            Some("metric")
        );
    }

    #[test]
    fn messages_are_whole_sentences() {
        // Each message is one key of the catalogue (`base::i18n`): these pin the English.
        assert_eq!(
            check_network_id(&"a".repeat(38), MAX_NETWORK_ID_CHARS - V6_SUFFIX.len()).unwrap(),
            format!(
                "With the IPv6 twin (named “<identifier>{V6_SUFFIX}”) the identifier can have at most 37 characters; this one has 38."
            )
        );
        assert_eq!(
            check_network_id(&"a".repeat(41), MAX_NETWORK_ID_CHARS).unwrap(),
            "The network identifier can have at most 40 characters; this one has 41."
        );
        assert_eq!(
            normalized_network("").unwrap_err(),
            "Enter a network in CIDR notation, like 10.0.0.0/24."
        );
        assert_eq!(
            normalized_network("10.0.0.1").unwrap_err(),
            "Enter a network in CIDR notation, like 10.0.0.0/24 — a bare address needs /32."
        );
        assert_eq!(
            normalized_network("x/8").unwrap_err(),
            "Enter a network in CIDR notation, like 10.0.0.0/24: “x” is not an IPv4 or IPv6 address."
        );
        assert_eq!(
            normalized_network("::/129").unwrap_err(),
            "The prefix length after / must be a number from 0 to 128."
        );
    }
}
