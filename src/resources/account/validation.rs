//! The account settings form's rules: what `PUT /api/accounts/{id}` checks (netbirdio/netbird:
//! the accounts handler's `updateAccountRequestSettings`, `parseAndValidateNetworkRange`,
//! `validateCapacity`, and `validateSettingsUpdate` in `management/server/account.go`), with
//! the same meaning.
//!
//! PUT replaces the whole settings object: an omitted optional setting becomes its zero value
//! (omitting `jwt_groups_enabled` turns it off). So the form keeps the settings exactly as
//! loaded, a JSON object, and writes back every member it got, the ones it does not know
//! included; it changes only the members whose value the user changed (`validate`). The
//! form's own view of them is `SettingsDraft`, text as typed.
//!
//! Deliberately stricter than the server:
//! - peer inactivity expiration, when on, is at least a minute (the server takes 0, which
//!   would log out every peer the moment it disconnects);
//! - the peer expose groups, the IPv6 groups and the traffic log groups must exist (the
//!   server checks only the IPv6 ones);
//! - with JWT groups on, a claim name is required (without one nothing is synced);
//! - an invalid `auto_update_version` is refused here: the server answers it with a 500;
//! - a Unicode DNS domain is refused with its punycode form offered (the server refuses it
//!   too, without saying why), and an `xn--` label must be valid punycode.
//!
//! Not checked here: whether the DNS domain is one of the account's custom DNS zones (the
//! console does not load them; the server says so).

use crate::base::field_errors::FieldErrors;
use crate::base::i18n::{t, tf};
use crate::base::json::{FromJson, Reader};
use crate::resources::posture_check::validation::is_version;
use crate::resources::route::domain;
use crate::resources::route::validation::normalized_network;
use crate::resources::Group;
use ipnet::IpNet;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::net::IpAddr;

pub const MINUTE: i64 = 60;
pub const HOUR: i64 = 3600;
pub const DAY: i64 = 86_400;
/// Peer login expiration bounds (`validateSettingsUpdate`): one hour to 180 days.
pub const LOGIN_EXPIRATION_MIN: i64 = HOUR;
pub const LOGIN_EXPIRATION_MAX: i64 = 180 * DAY;
/// The longest IPv4 prefix a network range may have (`MinNetworkBitsIPv4`): 16 addresses.
pub const V4_MAX_BITS: u8 = 28;
/// IPv6 network ranges: from /48 (`MaxNetworkSizeIPv6`) to /120 (`MinNetworkBitsIPv6`).
pub const V6_MIN_BITS: u8 = 48;
pub const V6_MAX_BITS: u8 = 120;
/// `auto_update_version` words besides a version.
pub const AUTO_UPDATE_LATEST: &str = "latest";
pub const AUTO_UPDATE_DISABLED: &str = "disabled";

/// The unit an expiration is typed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum DurationUnit {
    Minutes,
    #[default]
    Hours,
    Days,
}

impl DurationUnit {
    pub fn seconds(self) -> i64 {
        match self {
            DurationUnit::Minutes => MINUTE,
            DurationUnit::Hours => HOUR,
            DurationUnit::Days => DAY,
        }
    }
}

impl FromJson for DurationUnit {
    fn from_json(r: &mut Reader<'_>) -> crate::base::json::Result<Self> {
        let unknown = r.error("unknown duration unit");
        match r.string()?.as_str() {
            "Minutes" => Ok(DurationUnit::Minutes),
            "Hours" => Ok(DurationUnit::Hours),
            "Days" => Ok(DurationUnit::Days),
            _ => Err(unknown),
        }
    }
}

/// What the settings form holds: every setting it edits, text as typed, groups as IDs. The
/// members of `extra` are here flat, under their own names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct SettingsDraft {
    pub peer_login_expiration_enabled: bool,
    /// An amount of `peer_login_expiration_unit`.
    pub peer_login_expiration: String,
    pub peer_login_expiration_unit: DurationUnit,
    pub peer_inactivity_expiration_enabled: bool,
    pub peer_inactivity_expiration: String,
    pub peer_inactivity_expiration_unit: DurationUnit,
    pub regular_users_view_blocked: bool,
    pub groups_propagation_enabled: bool,
    pub jwt_groups_enabled: bool,
    pub jwt_groups_claim_name: String,
    /// Group names from the identity provider, one per line or separated by commas.
    pub jwt_allow_groups: String,
    pub routing_peer_dns_resolution_enabled: bool,
    pub dns_domain: String,
    pub network_range: String,
    pub network_range_v6: String,
    pub lazy_connection_enabled: bool,
    /// `latest`, `disabled`, a version, or empty (not set).
    pub auto_update_version: String,
    pub auto_update_always: bool,
    pub metrics_push_enabled: bool,
    pub local_mfa_enabled: bool,
    pub peer_expose_enabled: bool,
    pub peer_expose_groups: Vec<String>,
    pub ipv6_enabled_groups: Vec<String>,
    /// `extra.peer_approval_enabled`.
    pub peer_approval_enabled: bool,
    /// `extra.user_approval_required`.
    pub user_approval_required: bool,
    /// `extra.network_traffic_logs_enabled`.
    pub network_traffic_logs_enabled: bool,
    /// `extra.network_traffic_logs_groups`.
    pub network_traffic_logs_groups: Vec<String>,
    /// `extra.network_traffic_packet_counter_enabled`.
    pub network_traffic_packet_counter_enabled: bool,
}

/// What the checks need besides the settings.
#[derive(Clone, Copy, Debug)]
pub struct SettingsContext<'a> {
    /// How many peers the account has (a network range must hold them).
    pub peers: usize,
    pub groups: &'a [Group],
}

const EXTRA: &str = "extra";
/// The draft's fields that live in `settings.extra`.
const EXTRA_KEYS: &[&str] = &[
    "peer_approval_enabled",
    "user_approval_required",
    "network_traffic_logs_enabled",
    "network_traffic_logs_groups",
    "network_traffic_packet_counter_enabled",
];

fn member<'a>(obj: &'a Value, key: &str) -> Option<&'a Value> {
    if EXTRA_KEYS.contains(&key) {
        obj.get(EXTRA)?.get(key)
    } else {
        obj.get(key)
    }
}

fn read_bool(obj: &Value, key: &str) -> bool {
    member(obj, key).and_then(Value::as_bool).unwrap_or(false)
}

fn read_i64(obj: &Value, key: &str) -> i64 {
    member(obj, key).and_then(Value::as_i64).unwrap_or(0)
}

fn read_str(obj: &Value, key: &str) -> String {
    member(obj, key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn read_list(obj: &Value, key: &str) -> Vec<String> {
    member(obj, key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// An expiration in seconds as the form shows it: in the largest unit it is a whole number
/// of (days, else hours, else minutes; 0 in hours). Seconds that are not whole minutes are
/// shown rounded, and kept exactly as long as the field is not edited.
pub fn duration_of(seconds: i64) -> (String, DurationUnit) {
    let unit = if seconds == 0 {
        DurationUnit::Hours
    } else if seconds % DAY == 0 {
        DurationUnit::Days
    } else if seconds % HOUR == 0 {
        DurationUnit::Hours
    } else {
        DurationUnit::Minutes
    };
    let step = unit.seconds();
    let amount = (seconds + step / 2).div_euclid(step);
    (amount.to_string(), unit)
}

/// The draft of the settings object (`account.settings`) as loaded.
pub fn draft_of(settings: &Value) -> SettingsDraft {
    let (login, login_unit) = duration_of(read_i64(settings, "peer_login_expiration"));
    let (idle, idle_unit) = duration_of(read_i64(settings, "peer_inactivity_expiration"));
    SettingsDraft {
        peer_login_expiration_enabled: read_bool(settings, "peer_login_expiration_enabled"),
        peer_login_expiration: login,
        peer_login_expiration_unit: login_unit,
        peer_inactivity_expiration_enabled: read_bool(
            settings,
            "peer_inactivity_expiration_enabled",
        ),
        peer_inactivity_expiration: idle,
        peer_inactivity_expiration_unit: idle_unit,
        regular_users_view_blocked: read_bool(settings, "regular_users_view_blocked"),
        groups_propagation_enabled: read_bool(settings, "groups_propagation_enabled"),
        jwt_groups_enabled: read_bool(settings, "jwt_groups_enabled"),
        jwt_groups_claim_name: read_str(settings, "jwt_groups_claim_name"),
        jwt_allow_groups: read_list(settings, "jwt_allow_groups").join("\n"),
        routing_peer_dns_resolution_enabled: read_bool(
            settings,
            "routing_peer_dns_resolution_enabled",
        ),
        dns_domain: read_str(settings, "dns_domain"),
        network_range: read_str(settings, "network_range"),
        network_range_v6: read_str(settings, "network_range_v6"),
        lazy_connection_enabled: read_bool(settings, "lazy_connection_enabled"),
        auto_update_version: read_str(settings, "auto_update_version"),
        auto_update_always: read_bool(settings, "auto_update_always"),
        metrics_push_enabled: read_bool(settings, "metrics_push_enabled"),
        local_mfa_enabled: read_bool(settings, "local_mfa_enabled"),
        peer_expose_enabled: read_bool(settings, "peer_expose_enabled"),
        peer_expose_groups: read_list(settings, "peer_expose_groups"),
        ipv6_enabled_groups: read_list(settings, "ipv6_enabled_groups"),
        peer_approval_enabled: read_bool(settings, "peer_approval_enabled"),
        user_approval_required: read_bool(settings, "user_approval_required"),
        network_traffic_logs_enabled: read_bool(settings, "network_traffic_logs_enabled"),
        network_traffic_logs_groups: read_list(settings, "network_traffic_logs_groups"),
        network_traffic_packet_counter_enabled: read_bool(
            settings,
            "network_traffic_packet_counter_enabled",
        ),
    }
}

/// The seconds an expiration field stands for: the loaded value while the field shows it
/// unchanged, else amount × unit. `None`: the text is not a whole number; `Some(None)`: it
/// is one too large to count in seconds.
fn seconds_of(amount: &str, unit: DurationUnit, loaded_seconds: i64) -> Option<Option<i64>> {
    let text = amount.trim();
    if (text.to_string(), unit) == duration_of(loaded_seconds) {
        return Some(Some(loaded_seconds));
    }
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        text.parse::<i64>()
            .ok()
            .and_then(|n| n.checked_mul(unit.seconds())),
    )
}

fn check_login_expiration(draft: &SettingsDraft, loaded: &Value) -> Result<i64, String> {
    let secs = seconds_of(
        &draft.peer_login_expiration,
        draft.peer_login_expiration_unit,
        read_i64(loaded, "peer_login_expiration"),
    )
    .ok_or_else(|| t("Enter the login expiration as a whole number."))?;
    match secs {
        Some(secs) if (LOGIN_EXPIRATION_MIN..=LOGIN_EXPIRATION_MAX).contains(&secs) => Ok(secs),
        _ => Err(t(
            "Peers must log in again after 1 hour to 180 days (this applies even while login expiration is off).",
        )),
    }
}

fn check_inactivity_expiration(draft: &SettingsDraft, loaded: &Value) -> Result<i64, String> {
    let secs = seconds_of(
        &draft.peer_inactivity_expiration,
        draft.peer_inactivity_expiration_unit,
        read_i64(loaded, "peer_inactivity_expiration"),
    )
    .ok_or_else(|| t("Enter the inactivity expiration as a whole number."))?
    .ok_or_else(|| t("The inactivity expiration is far too long."))?;
    if draft.peer_inactivity_expiration_enabled && secs < MINUTE {
        return Err(t(
            "Set the inactivity expiration to at least one minute, or turn it off.",
        ));
    }
    Ok(secs)
}

/// `IsValidDomainNoWildcard`: ASCII, no leading `*.`, the route domain pattern. Empty is fine
/// (the default domain).
fn check_dns_domain(d: &str) -> Result<(), String> {
    if d.is_empty() {
        return Ok(());
    }
    if d.starts_with("*.") || d == "*" {
        return Err(t(
            "The DNS domain can't be a wildcard: enter a domain like netbird.example.com.",
        ));
    }
    if !d.is_ascii() {
        return Err(match domain::to_ascii(d) {
            Ok(ascii) => tf(
                "Write the DNS domain in its ASCII form: {ascii}.",
                &[("ascii", &ascii)],
            ),
            Err(m) => m,
        });
    }
    domain::check(d).map(|_| ())
}

/// `calculateMaxHosts`: the addresses a prefix holds (an IPv4 one less its network and
/// broadcast addresses).
fn max_hosts(net: &IpNet) -> i64 {
    let host_bits = u32::from(net.max_prefix_len() - net.prefix_len());
    if host_bits >= 63 {
        return i64::MAX;
    }
    let n = 1i64 << host_bits;
    if matches!(net, IpNet::V4(_)) {
        n - 2
    } else {
        n
    }
}

/// `calculateRequiredAddresses`: the peers plus half as many again (rounded down), at least 10.
pub fn required_addresses(peers: usize) -> i64 {
    let peers = peers as i64;
    (peers + peers / 2).max(10)
}

/// `parseAndValidateNetworkRange`: a CIDR of the right family, not loopback, multicast or
/// link-local, within the size bounds, holding the current peers. Ok: the masked prefix, as
/// the server stores it. Empty is fine (the server keeps the current range).
fn check_range(text: &str, v6: bool, peers: usize) -> Result<String, String> {
    let s = text.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    let masked = normalized_network(s).map_err(|_| {
        if v6 {
            t("Enter the IPv6 range in CIDR notation, like fd00:1234:5678::/64.")
        } else {
            t("Enter the network range in CIDR notation, like 100.64.0.0/16.")
        }
    })?;
    // `normalized_network` only returns what parses.
    let net: IpNet = masked.parse().map_err(|_| t("That is not a network."))?;
    match (&net, v6) {
        (IpNet::V6(_), false) => {
            return Err(t(
                "The network range is an IPv4 range, like 100.64.0.0/16; IPv6 has its own field.",
            ))
        }
        (IpNet::V4(_), true) => {
            return Err(t(
                "The IPv6 range is an IPv6 prefix, like fd00:1234:5678::/64.",
            ))
        }
        _ => {}
    }
    let (loopback, multicast, link_local) = match net.network() {
        IpAddr::V4(a) => (a.is_loopback(), a.is_multicast(), a.is_link_local()),
        IpAddr::V6(a) => (a.is_loopback(), a.is_multicast(), a.is_unicast_link_local()),
    };
    if loopback {
        return Err(t("A loopback range can't be the peers' network."));
    }
    if multicast {
        return Err(t("A multicast range can't be the peers' network."));
    }
    if link_local {
        return Err(t("A link-local range can't be the peers' network."));
    }
    let bits = net.prefix_len();
    if !v6 && bits > V4_MAX_BITS {
        return Err(t(
            "The network range is too small: the prefix can be at most /28.",
        ));
    }
    if v6 && bits > V6_MAX_BITS {
        return Err(t(
            "The IPv6 range is too small: the prefix can be at most /120.",
        ));
    }
    if v6 && bits < V6_MIN_BITS {
        return Err(t(
            "The IPv6 range is too large: the prefix must be at least /48.",
        ));
    }
    let need = required_addresses(peers);
    let have = max_hosts(&net);
    if have < need {
        return Err(tf(
            "The range is too small: {peers} peers and room to grow need {need} addresses, and it holds {have}.",
            &[
                ("peers", &peers.to_string()),
                ("need", &need.to_string()),
                ("have", &have.to_string()),
            ],
        ));
    }
    Ok(masked)
}

/// hashicorp/go-version's `NewSemver`, as the server reads `auto_update_version`: a version
/// as `NewVersion` reads it, with a pre-release only after a `-` (`1.2.3-rc.1`, not `1.2rc1`).
pub fn is_semver(text: &str) -> bool {
    let s = text.strip_prefix('v').unwrap_or(text);
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let pre = rest.split_once('+').map_or(rest, |(pre, _)| pre);
    is_version(text) && (pre.is_empty() || (pre.starts_with('-') && pre.len() > 1))
}

fn check_auto_update(v: &str) -> Result<(), String> {
    if v.is_empty() || v == AUTO_UPDATE_LATEST || v == AUTO_UPDATE_DISABLED || is_semver(v) {
        Ok(())
    } else {
        Err(tf(
            "“{version}” is not a version: enter latest, disabled, or a version like 0.60.0.",
            &[("version", v)],
        ))
    }
}

/// Every ID names an existing group; each once, in order.
fn existing_once(ids: &[String], groups: &[Group]) -> Result<Vec<String>, String> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if id.is_empty() {
            return Err(t(
                "One of the selected groups has an empty ID; choose again.",
            ));
        }
        if !groups.iter().any(|g| &g.id == id) {
            return Err(tf(
                "The group {id} no longer exists; choose again.",
                &[("id", id)],
            ));
        }
        if seen.insert(id.as_str()) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

/// The JWT allow list as typed: one name per line or separated by commas (names may hold
/// spaces), trimmed, empty ones dropped.
fn allow_list(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Whether `new` is what the loaded member already says, read the way `draft_of` reads it
/// (absent or `null` reads as the zero value).
fn same_as_loaded(old: Option<&Value>, new: &Value) -> bool {
    let zero = match new {
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Number(n) => n.as_i64() == Some(0),
        _ => false,
    };
    match old {
        None | Some(Value::Null) => zero,
        Some(v) => v == new,
    }
}

/// The settings object to send: `loaded` with each member the user changed set to its new
/// value, and everything else, unknown members included, exactly as loaded.
fn write(loaded: &Value, changes: Vec<(&'static str, Value)>) -> Value {
    let mut out = loaded.as_object().cloned().unwrap_or_default();
    for (key, new) in changes {
        if same_as_loaded(member(loaded, key), &new) {
            continue;
        }
        if EXTRA_KEYS.contains(&key) {
            let extra = out
                .entry(EXTRA)
                .or_insert_with(|| Value::Object(Map::new()));
            if !extra.is_object() {
                *extra = Value::Object(Map::new());
            }
            if let Some(extra) = extra.as_object_mut() {
                extra.insert(key.into(), new);
            }
        } else {
            out.insert(key.into(), new);
        }
    }
    Value::Object(out)
}

/// The form's checks. `loaded`: the settings object as loaded (`account.settings`). Ok: the
/// complete settings object to send, every member kept. Err: every problem at the setting's
/// JSON key (the `extra` members by their own names, e.g. `network_traffic_logs_groups`).
pub fn validate(
    draft: &SettingsDraft,
    loaded: &Value,
    ctx: SettingsContext,
) -> Result<Value, FieldErrors> {
    let mut errs = FieldErrors::default();
    let login = check_login_expiration(draft, loaded).unwrap_or_else(|m| {
        errs.insert("peer_login_expiration", m);
        0
    });
    let idle = check_inactivity_expiration(draft, loaded).unwrap_or_else(|m| {
        errs.insert("peer_inactivity_expiration", m);
        0
    });
    let dns_domain = draft.dns_domain.trim();
    if let Err(m) = check_dns_domain(dns_domain) {
        errs.insert("dns_domain", m);
    }
    let range = check_range(&draft.network_range, false, ctx.peers).unwrap_or_else(|m| {
        errs.insert("network_range", m);
        String::new()
    });
    let range_v6 = check_range(&draft.network_range_v6, true, ctx.peers).unwrap_or_else(|m| {
        errs.insert("network_range_v6", m);
        String::new()
    });
    let auto_update = draft.auto_update_version.trim();
    if let Err(m) = check_auto_update(auto_update) {
        errs.insert("auto_update_version", m);
    }
    if draft.jwt_groups_enabled && draft.jwt_groups_claim_name.trim().is_empty() {
        errs.insert(
            "jwt_groups_claim_name",
            t("Enter the JWT claim that holds the user's groups, like groups."),
        );
    }
    let mut groups = |key: &'static str, ids: &[String]| {
        existing_once(ids, ctx.groups).unwrap_or_else(|m| {
            errs.insert(key, m);
            Vec::new()
        })
    };
    let expose_groups = groups("peer_expose_groups", &draft.peer_expose_groups);
    let ipv6_groups = groups("ipv6_enabled_groups", &draft.ipv6_enabled_groups);
    let log_groups = groups(
        "network_traffic_logs_groups",
        &draft.network_traffic_logs_groups,
    );
    if draft.peer_expose_enabled && draft.peer_expose_groups.is_empty() {
        errs.insert(
            "peer_expose_groups",
            t("Choose at least one group whose peers may expose services, or turn peer expose off."),
        );
    }
    let agent_only = read_bool(loaded, "agent_network_only");
    let agent_feature = loaded
        .get("dashboard_features")
        .and_then(|f| f.get("agent_network"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if agent_only && !agent_feature {
        errs.insert(
            "agent_network_only",
            t("Agent-network-only mode needs the agent network feature turned on."),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let changes = vec![
        (
            "peer_login_expiration_enabled",
            json!(draft.peer_login_expiration_enabled),
        ),
        ("peer_login_expiration", json!(login)),
        (
            "peer_inactivity_expiration_enabled",
            json!(draft.peer_inactivity_expiration_enabled),
        ),
        ("peer_inactivity_expiration", json!(idle)),
        (
            "regular_users_view_blocked",
            json!(draft.regular_users_view_blocked),
        ),
        (
            "groups_propagation_enabled",
            json!(draft.groups_propagation_enabled),
        ),
        ("jwt_groups_enabled", json!(draft.jwt_groups_enabled)),
        (
            "jwt_groups_claim_name",
            json!(draft.jwt_groups_claim_name.trim()),
        ),
        (
            "jwt_allow_groups",
            json!(allow_list(&draft.jwt_allow_groups)),
        ),
        (
            "routing_peer_dns_resolution_enabled",
            json!(draft.routing_peer_dns_resolution_enabled),
        ),
        ("dns_domain", json!(dns_domain)),
        ("network_range", json!(range)),
        ("network_range_v6", json!(range_v6)),
        (
            "lazy_connection_enabled",
            json!(draft.lazy_connection_enabled),
        ),
        ("auto_update_version", json!(auto_update)),
        ("auto_update_always", json!(draft.auto_update_always)),
        ("metrics_push_enabled", json!(draft.metrics_push_enabled)),
        ("local_mfa_enabled", json!(draft.local_mfa_enabled)),
        ("peer_expose_enabled", json!(draft.peer_expose_enabled)),
        ("peer_expose_groups", json!(expose_groups)),
        ("ipv6_enabled_groups", json!(ipv6_groups)),
        ("peer_approval_enabled", json!(draft.peer_approval_enabled)),
        (
            "user_approval_required",
            json!(draft.user_approval_required),
        ),
        (
            "network_traffic_logs_enabled",
            json!(draft.network_traffic_logs_enabled),
        ),
        ("network_traffic_logs_groups", json!(log_groups)),
        (
            "network_traffic_packet_counter_enabled",
            json!(draft.network_traffic_packet_counter_enabled),
        ),
    ];
    Ok(write(loaded, changes))
}

/// A range as the server compares it (masked), or the text when it is not one.
fn masked(text: &str) -> String {
    normalized_network(text).unwrap_or_else(|_| text.trim().to_string())
}

/// What saving `sent` over `loaded` (two settings objects) does to every peer, a sentence
/// each, for the admin to confirm: a new network range (every peer gets a new address), a new
/// DNS domain (every peer gets a new DNS name), peer approval turned off (every waiting peer
/// is approved). Empty: nothing needs confirming.
pub fn confirmations(loaded: &Value, sent: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (key, v6) in [("network_range", false), ("network_range_v6", true)] {
        let (old, new) = (read_str(loaded, key), read_str(sent, key));
        // An empty range keeps the current one.
        if !new.trim().is_empty() && masked(&old) != masked(&new) {
            let new = masked(&new);
            out.push(if v6 {
                tf(
                    "Every peer gets a new IPv6 address in {range}: their connections drop and reconnect, and anything that uses the old addresses (firewall rules, DNS records, bookmarks) stops working.",
                    &[("range", &new)],
                )
            } else {
                tf(
                    "Every peer gets a new address in {range}: their connections drop and reconnect, and anything that uses the old addresses (firewall rules, DNS records, bookmarks) stops working.",
                    &[("range", &new)],
                )
            });
        }
    }
    let (old, new) = (read_str(loaded, "dns_domain"), read_str(sent, "dns_domain"));
    if old != new {
        let args = [("old", old.as_str()), ("new", new.as_str())];
        out.push(if old.is_empty() {
            tf(
                "Every peer's DNS name moves from the default domain to <peer>.{new}: anything that reaches peers by their old names stops resolving.",
                &args,
            )
        } else if new.is_empty() {
            tf(
                "Every peer's DNS name moves from <peer>.{old} back to the default domain: anything that reaches peers by their old names stops resolving.",
                &args,
            )
        } else {
            tf(
                "Every peer's DNS name changes from <peer>.{old} to <peer>.{new}: anything that reaches peers by their old names stops resolving.",
                &args,
            )
        });
    }
    if read_bool(loaded, "peer_approval_enabled") && !read_bool(sent, "peer_approval_enabled") {
        out.push(t(
            "Turning peer approval off approves every peer that is waiting for approval now.",
        ));
    }
    out
}

/// The body of `PUT /api/accounts/{id}`: `settings`, and the account's `onboarding` as loaded
/// when it has one (`loaded_account`: the account object as loaded).
pub fn account_request(loaded_account: &Value, settings: Value) -> Value {
    let mut body = Map::new();
    body.insert("settings".into(), settings);
    if let Some(onboarding) = loaded_account.get("onboarding").filter(|v| !v.is_null()) {
        body.insert("onboarding".into(), onboarding.clone());
    }
    Value::Object(body)
}

/// The control a server error message (the body's `message`, lowercased by the server)
/// concerns, if any.
pub fn server_error_field(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    if m.starts_with("peer login expiration") {
        Some("peer_login_expiration")
    } else if m.contains("for dns domain") || m.starts_with("peer dns domain") {
        Some("dns_domain")
    } else if m.starts_with("ipv6 enabled group") {
        Some("ipv6_enabled_groups")
    } else if m.starts_with("peer expose requires") {
        Some("peer_expose_groups")
    } else if m.starts_with("agent network only") {
        Some("agent_network_only")
    } else if m.contains("must be an ipv6 address") || m.contains("for ipv6") {
        Some("network_range_v6")
    } else if let Some(rest) = m.strip_prefix("invalid cidr format: netip.parseprefix(\"") {
        // The message quotes the range it could not read: an IPv6 one has colons.
        let sent = rest.split('"').next().unwrap_or_default();
        Some(if sent.contains(':') {
            "network_range_v6"
        } else {
            "network_range"
        })
    } else if m.starts_with("invalid cidr format")
        || m.contains("address range not allowed")
        || m.starts_with("network range")
    {
        // Also said of the IPv6 range; the IPv4 one is the one usually edited.
        Some("network_range")
    } else {
        // "internal server error" (an invalid auto update version among others),
        // "permission denied", "couldn't parse json request": not one control's.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A settings object as the server sends it, with members the console does not know.
    fn loaded() -> Value {
        json!({
            "peer_login_expiration_enabled": true,
            "peer_login_expiration": 86400,
            "peer_inactivity_expiration_enabled": false,
            "peer_inactivity_expiration": 600,
            "regular_users_view_blocked": true,
            "groups_propagation_enabled": true,
            "jwt_groups_enabled": false,
            "jwt_groups_claim_name": "",
            "jwt_allow_groups": [],
            "routing_peer_dns_resolution_enabled": true,
            "dns_domain": "",
            "network_range": "100.64.0.0/10",
            "network_range_v6": "fd12:3456:789a::/64",
            "lazy_connection_enabled": false,
            "auto_update_version": "",
            "auto_update_always": false,
            "metrics_push_enabled": false,
            "local_mfa_enabled": false,
            "peer_expose_enabled": false,
            "peer_expose_groups": null,
            "ipv6_enabled_groups": ["gall"],
            "embedded_idp_enabled": true,
            "local_auth_disabled": false,
            "agent_network_only": false,
            "dashboard_features": {"agent_network": false},
            "a_future_setting": {"x": 1},
            "extra": {
                "peer_approval_enabled": true,
                "user_approval_required": false,
                "network_traffic_logs_enabled": false,
                "network_traffic_logs_groups": null,
                "network_traffic_packet_counter_enabled": false,
                "a_future_extra": "kept"
            }
        })
    }

    fn groups() -> Vec<Group> {
        let g = |id: &str, name: &str| Group {
            id: id.into(),
            name: name.into(),
            ..Group::default()
        };
        vec![g("gall", "All"), g("g1", "devs")]
    }

    fn run(d: &SettingsDraft, peers: usize) -> Result<Value, FieldErrors> {
        let g = groups();
        validate(d, &loaded(), SettingsContext { peers, groups: &g })
    }

    fn error(d: &SettingsDraft, peers: usize, field: &str) -> String {
        let e = run(d, peers).unwrap_err();
        assert_eq!(e.fields().collect::<Vec<_>>(), [field], "{e:?}");
        e.get(field).unwrap().to_string()
    }

    #[test]
    fn unchanged_settings_go_back_exactly_as_loaded() {
        let d = draft_of(&loaded());
        assert_eq!(d.peer_login_expiration, "1");
        assert_eq!(d.peer_login_expiration_unit, DurationUnit::Days);
        assert_eq!(
            (
                d.peer_inactivity_expiration.as_str(),
                d.peer_inactivity_expiration_unit
            ),
            ("10", DurationUnit::Minutes)
        );
        assert!(d.peer_approval_enabled && !d.network_traffic_logs_enabled);
        assert_eq!(run(&d, 3).unwrap(), loaded());
        // A settings object with only the always-present members stays that small.
        let bare = json!({"peer_login_expiration_enabled": false, "peer_login_expiration": 3600,
            "peer_inactivity_expiration_enabled": false, "peer_inactivity_expiration": 0,
            "regular_users_view_blocked": false, "peer_expose_enabled": false,
            "peer_expose_groups": null});
        let g = groups();
        let ctx = SettingsContext {
            peers: 0,
            groups: &g,
        };
        assert_eq!(validate(&draft_of(&bare), &bare, ctx).unwrap(), bare);
    }

    #[test]
    fn only_changed_members_change() {
        let mut d = draft_of(&loaded());
        d.jwt_groups_enabled = true;
        d.jwt_groups_claim_name = " groups ".into();
        d.jwt_allow_groups = "Domain Admins\nnetbird-users, ops".into();
        d.network_traffic_logs_enabled = true;
        d.network_traffic_logs_groups = vec!["g1".into(), "g1".into()];
        d.peer_expose_enabled = true;
        d.peer_expose_groups = vec!["g1".into()];
        let sent = run(&d, 3).unwrap();
        let mut want = loaded();
        want["jwt_groups_enabled"] = json!(true);
        want["jwt_groups_claim_name"] = json!("groups");
        want["jwt_allow_groups"] = json!(["Domain Admins", "netbird-users", "ops"]);
        want["extra"]["network_traffic_logs_enabled"] = json!(true);
        want["extra"]["network_traffic_logs_groups"] = json!(["g1"]);
        want["peer_expose_enabled"] = json!(true);
        want["peer_expose_groups"] = json!(["g1"]);
        assert_eq!(sent, want);
        // An `extra` is made only when one of its members is set.
        let mut no_extra = loaded();
        no_extra.as_object_mut().unwrap().remove("extra");
        let g = groups();
        let ctx = SettingsContext {
            peers: 1,
            groups: &g,
        };
        let mut d = draft_of(&no_extra);
        assert_eq!(validate(&d, &no_extra, ctx).unwrap(), no_extra);
        d.user_approval_required = true;
        assert_eq!(
            validate(&d, &no_extra, ctx).unwrap()["extra"],
            json!({"user_approval_required": true})
        );
    }

    #[test]
    fn login_expiration_is_one_hour_to_180_days_even_when_off() {
        let with = |amount: &str, unit: DurationUnit, on: bool| SettingsDraft {
            peer_login_expiration: amount.into(),
            peer_login_expiration_unit: unit,
            peer_login_expiration_enabled: on,
            ..draft_of(&loaded())
        };
        let secs = |d: &SettingsDraft| run(d, 1).unwrap()["peer_login_expiration"].clone();
        assert_eq!(secs(&with("1", DurationUnit::Hours, true)), json!(3600));
        assert_eq!(secs(&with("60", DurationUnit::Minutes, true)), json!(3600));
        assert_eq!(
            secs(&with("180", DurationUnit::Days, true)),
            json!(15_552_000)
        );
        assert_eq!(
            secs(&with("4320", DurationUnit::Hours, false)),
            json!(15_552_000)
        );
        let range = "Peers must log in again after 1 hour to 180 days (this applies even while login expiration is off).";
        for (amount, unit) in [
            ("59", DurationUnit::Minutes),
            ("0", DurationUnit::Hours),
            ("181", DurationUnit::Days),
            ("4321", DurationUnit::Hours),
        ] {
            for on in [true, false] {
                assert_eq!(
                    error(&with(amount, unit, on), 1, "peer_login_expiration"),
                    range,
                    "{amount} {unit:?}"
                );
            }
        }
        for bad in ["", "1.5", "-1", "+2", "one"] {
            assert_eq!(
                error(
                    &with(bad, DurationUnit::Days, true),
                    1,
                    "peer_login_expiration"
                ),
                "Enter the login expiration as a whole number.",
                "{bad:?}"
            );
        }
        assert_eq!(
            error(
                &with("99999999999999999", DurationUnit::Days, true),
                1,
                "peer_login_expiration"
            ),
            "Peers must log in again after 1 hour to 180 days (this applies even while login expiration is off)."
        );
    }

    #[test]
    fn expirations_that_are_not_whole_units_are_kept_until_edited() {
        assert_eq!(duration_of(0), ("0".into(), DurationUnit::Hours));
        assert_eq!(duration_of(86_400 * 7), ("7".into(), DurationUnit::Days));
        assert_eq!(duration_of(5400), ("90".into(), DurationUnit::Minutes));
        assert_eq!(duration_of(3630), ("61".into(), DurationUnit::Minutes));
        let mut odd = loaded();
        odd["peer_login_expiration"] = json!(3630);
        let g = groups();
        let ctx = SettingsContext {
            peers: 1,
            groups: &g,
        };
        let d = draft_of(&odd);
        assert_eq!(
            validate(&d, &odd, ctx).unwrap()["peer_login_expiration"],
            json!(3630)
        );
        let edited = SettingsDraft {
            peer_login_expiration: "62".into(),
            ..d
        };
        assert_eq!(
            validate(&edited, &odd, ctx).unwrap()["peer_login_expiration"],
            json!(3720)
        );
    }

    #[test]
    fn inactivity_expiration_needs_a_minute_when_on() {
        let with = |amount: &str, on: bool| SettingsDraft {
            peer_inactivity_expiration: amount.into(),
            peer_inactivity_expiration_unit: DurationUnit::Minutes,
            peer_inactivity_expiration_enabled: on,
            ..draft_of(&loaded())
        };
        assert_eq!(
            error(&with("0", true), 1, "peer_inactivity_expiration"),
            "Set the inactivity expiration to at least one minute, or turn it off."
        );
        assert_eq!(
            run(&with("0", false), 1).unwrap()["peer_inactivity_expiration"],
            json!(0)
        );
        assert_eq!(
            run(&with("1", true), 1).unwrap()["peer_inactivity_expiration"],
            json!(60)
        );
        assert_eq!(
            error(&with("x", false), 1, "peer_inactivity_expiration"),
            "Enter the inactivity expiration as a whole number."
        );
    }

    #[test]
    fn dns_domain() {
        let with = |d: &str| SettingsDraft {
            dns_domain: d.into(),
            ..draft_of(&loaded())
        };
        for ok in ["netbird.example.com", "Corp.Example.com", "internal", ""] {
            assert!(run(&with(ok), 1).is_ok(), "{ok}");
        }
        assert_eq!(
            run(&with(" corp.example.com "), 1).unwrap()["dns_domain"],
            json!("corp.example.com")
        );
        assert_eq!(
            error(&with("*.example.com"), 1, "dns_domain"),
            "The DNS domain can't be a wildcard: enter a domain like netbird.example.com."
        );
        assert_eq!(
            error(&with("bücher.de"), 1, "dns_domain"),
            "Write the DNS domain in its ASCII form: xn--bcher-kva.de."
        );
        assert_eq!(
            error(&with("example.com."), 1, "dns_domain"),
            "example.com. is not a valid domain: it has an empty label (two dots in a row, or a dot at the start or end)."
        );
        for bad in ["-a.com", "a..b", "ab_.com", "exa mple.com", "*"] {
            assert_eq!(
                run(&with(bad), 1).unwrap_err().fields().collect::<Vec<_>>(),
                ["dns_domain"],
                "{bad}"
            );
        }
    }

    #[test]
    fn network_range() {
        let with = |r: &str| SettingsDraft {
            network_range: r.into(),
            ..draft_of(&loaded())
        };
        assert_eq!(
            run(&with("10.10.0.1/16"), 5).unwrap()["network_range"],
            json!("10.10.0.0/16"),
            "host bits are masked"
        );
        assert_eq!(
            run(&with(""), 5).unwrap()["network_range"],
            json!(""),
            "empty keeps the current range"
        );
        assert!(run(&with("192.168.100.0/28"), 9).is_ok());
        for (bad, msg) in [
            (
                "10.0.0.0",
                "Enter the network range in CIDR notation, like 100.64.0.0/16.",
            ),
            (
                "10.0.0.0/33",
                "Enter the network range in CIDR notation, like 100.64.0.0/16.",
            ),
            (
                "fd00::/64",
                "The network range is an IPv4 range, like 100.64.0.0/16; IPv6 has its own field.",
            ),
            (
                "127.0.0.0/8",
                "A loopback range can't be the peers' network.",
            ),
            (
                "224.0.0.0/24",
                "A multicast range can't be the peers' network.",
            ),
            (
                "169.254.0.0/16",
                "A link-local range can't be the peers' network.",
            ),
            (
                "10.0.0.0/29",
                "The network range is too small: the prefix can be at most /28.",
            ),
        ] {
            assert_eq!(error(&with(bad), 1, "network_range"), msg, "{bad}");
        }
        // Room for the peers: /28 holds 14; 9 peers need 13, 10 need 15.
        assert_eq!(
            error(&with("192.168.100.0/28"), 10, "network_range"),
            "The range is too small: 10 peers and room to grow need 15 addresses, and it holds 14."
        );
        assert_eq!(required_addresses(0), 10);
        assert_eq!(required_addresses(7), 10);
        assert_eq!(required_addresses(9), 13);
        assert_eq!(required_addresses(1000), 1500);
        assert_eq!(required_addresses(3), 10);
        assert!(
            run(&with("100.64.0.0/24"), 169).is_ok(),
            "254 addresses, 169 + 84 needed"
        );
        assert!(run(&with("100.64.0.0/24"), 170).is_err(), "170 + 85 = 255");
    }

    #[test]
    fn network_range_v6() {
        let with = |r: &str| SettingsDraft {
            network_range_v6: r.into(),
            ..draft_of(&loaded())
        };
        assert!(run(&with("fd00:1:2::/48"), 1).is_ok());
        assert_eq!(
            run(&with("fd00::1/120"), 1).unwrap()["network_range_v6"],
            json!("fd00::/120")
        );
        for (bad, msg) in [
            (
                "fd00::/47",
                "The IPv6 range is too large: the prefix must be at least /48.",
            ),
            (
                "fd00::/121",
                "The IPv6 range is too small: the prefix can be at most /120.",
            ),
            (
                "10.0.0.0/16",
                "The IPv6 range is an IPv6 prefix, like fd00:1234:5678::/64.",
            ),
            (
                "fe80::/64",
                "A link-local range can't be the peers' network.",
            ),
            (
                "ff00::/64",
                "A multicast range can't be the peers' network.",
            ),
            (
                "fd00::",
                "Enter the IPv6 range in CIDR notation, like fd00:1234:5678::/64.",
            ),
        ] {
            assert_eq!(error(&with(bad), 1, "network_range_v6"), msg, "{bad}");
        }
        // /120 holds 256 (no network or broadcast address in IPv6): 171 peers need 256.
        assert!(run(&with("fd00::/120"), 171).is_ok());
        assert!(run(&with("fd00::/120"), 172).is_err());
    }

    #[test]
    fn auto_update_versions() {
        for ok in [
            "",
            "latest",
            "disabled",
            "0.60.0",
            "v0.60.0",
            "1",
            "1.2",
            "1.2.3.4",
            "1.2.3-rc.1",
            "1.2.3-1",
            "1.2.3+build.5",
            "1.2.3-rc1+meta",
            "1.2.3--",
        ] {
            assert!(check_auto_update(ok).is_ok(), "{ok}");
        }
        for bad in [
            "Latest",
            "LATEST",
            "1.2rc1",
            "1.2.3-",
            "1.2.3+",
            "V1.2",
            "1..2",
            "1.2.",
            "x",
            "1.2.3 ",
            "99999999999999999999",
        ] {
            assert!(check_auto_update(bad).is_err(), "{bad:?}");
        }
        let d = SettingsDraft {
            auto_update_version: "1.2rc1".into(),
            ..draft_of(&loaded())
        };
        assert_eq!(
            error(&d, 1, "auto_update_version"),
            "“1.2rc1” is not a version: enter latest, disabled, or a version like 0.60.0."
        );
        let trimmed = SettingsDraft {
            auto_update_version: " latest ".into(),
            ..draft_of(&loaded())
        };
        assert_eq!(
            run(&trimmed, 1).unwrap()["auto_update_version"],
            json!("latest")
        );
    }

    #[test]
    fn groups_and_switches_that_need_them() {
        let base = draft_of(&loaded());
        let expose = SettingsDraft {
            peer_expose_enabled: true,
            ..base.clone()
        };
        assert_eq!(
            error(&expose, 1, "peer_expose_groups"),
            "Choose at least one group whose peers may expose services, or turn peer expose off."
        );
        let gone = SettingsDraft {
            ipv6_enabled_groups: vec!["g9".into()],
            ..base.clone()
        };
        assert_eq!(
            error(&gone, 1, "ipv6_enabled_groups"),
            "The group g9 no longer exists; choose again."
        );
        let logs = SettingsDraft {
            network_traffic_logs_groups: vec![String::new()],
            ..base.clone()
        };
        assert_eq!(
            error(&logs, 1, "network_traffic_logs_groups"),
            "One of the selected groups has an empty ID; choose again."
        );
        let jwt = SettingsDraft {
            jwt_groups_enabled: true,
            ..base.clone()
        };
        assert_eq!(
            error(&jwt, 1, "jwt_groups_claim_name"),
            "Enter the JWT claim that holds the user's groups, like groups."
        );
        let mut agent = loaded();
        agent["agent_network_only"] = json!(true);
        let g = groups();
        let e = validate(
            &base,
            &agent,
            SettingsContext {
                peers: 1,
                groups: &g,
            },
        )
        .unwrap_err();
        assert_eq!(
            e.get("agent_network_only"),
            Some("Agent-network-only mode needs the agent network feature turned on.")
        );
        agent["dashboard_features"]["agent_network"] = json!(true);
        assert!(validate(
            &base,
            &agent,
            SettingsContext {
                peers: 1,
                groups: &g
            }
        )
        .is_ok());
    }

    #[test]
    fn confirmations_say_what_happens_to_every_peer() {
        let l = loaded();
        assert!(confirmations(&l, &l).is_empty());
        let mut s = l.clone();
        s["network_range"] = json!("100.64.0.1/10");
        assert!(confirmations(&l, &s).is_empty(), "the same range, masked");
        s["network_range"] = json!("");
        assert!(confirmations(&l, &s).is_empty(), "empty keeps the range");
        s["network_range"] = json!("10.20.0.0/16");
        s["network_range_v6"] = json!("fd00:aaaa::/64");
        s["dns_domain"] = json!("corp.example.com");
        s["extra"]["peer_approval_enabled"] = json!(false);
        assert_eq!(
            confirmations(&l, &s),
            [
                "Every peer gets a new address in 10.20.0.0/16: their connections drop and reconnect, and anything that uses the old addresses (firewall rules, DNS records, bookmarks) stops working.",
                "Every peer gets a new IPv6 address in fd00:aaaa::/64: their connections drop and reconnect, and anything that uses the old addresses (firewall rules, DNS records, bookmarks) stops working.",
                "Every peer's DNS name moves from the default domain to <peer>.corp.example.com: anything that reaches peers by their old names stops resolving.",
                "Turning peer approval off approves every peer that is waiting for approval now.",
            ]
        );
        let mut back = s.clone();
        back["dns_domain"] = json!("");
        assert_eq!(
            confirmations(&s, &back),
            ["Every peer's DNS name moves from <peer>.corp.example.com back to the default domain: anything that reaches peers by their old names stops resolving."]
        );
        let mut renamed = s.clone();
        renamed["dns_domain"] = json!("lab.example.com");
        assert_eq!(
            confirmations(&s, &renamed),
            ["Every peer's DNS name changes from <peer>.corp.example.com to <peer>.lab.example.com: anything that reaches peers by their old names stops resolving."]
        );
    }

    #[test]
    fn the_account_body_keeps_onboarding() {
        let account = json!({"id": "acc", "settings": loaded(),
            "onboarding": {"signup_form_pending": false, "onboarding_flow_pending": true}});
        let body = account_request(&account, json!({"x": 1}));
        assert_eq!(
            body,
            json!({"settings": {"x": 1},
                "onboarding": {"signup_form_pending": false, "onboarding_flow_pending": true}})
        );
        assert_eq!(
            account_request(&json!({"id": "acc", "onboarding": null}), json!({})),
            json!({"settings": {}})
        );
    }

    #[test]
    fn the_draft_reads_and_writes_itself() {
        let d = draft_of(&loaded());
        let back: SettingsDraft =
            crate::base::json::decode_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            (
                "peer login expiration can't be larger than 180 days",
                Some("peer_login_expiration"),
            ),
            (
                "peer login expiration can't be smaller than one hour",
                Some("peer_login_expiration"),
            ),
            (
                "invalid domain \"*.a.com\" provided for dns domain",
                Some("dns_domain"),
            ),
            (
                "peer dns domain corp.example.com conflicts with existing custom dns zone",
                Some("dns_domain"),
            ),
            (
                "ipv6 enabled group g9 does not exist",
                Some("ipv6_enabled_groups"),
            ),
            (
                "peer expose requires at least one group",
                Some("peer_expose_groups"),
            ),
            (
                "agent network only mode requires dashboard_features.agent_network to be enabled",
                Some("agent_network_only"),
            ),
            (
                "network range must be an ipv6 address",
                Some("network_range_v6"),
            ),
            (
                "network range too small: minimum size is /120 for ipv6",
                Some("network_range_v6"),
            ),
            (
                "network range too large: maximum size is /48 for ipv6",
                Some("network_range_v6"),
            ),
            ("network range must be an ipv4 address", Some("network_range")),
            (
                "network range too small: minimum size is /28 for ipv4",
                Some("network_range"),
            ),
            (
                "invalid cidr format: netip.parseprefix(\"10.0.0.0\"): no '/'",
                Some("network_range"),
            ),
            (
                "invalid cidr format: netip.parseprefix(\"fd00::1\"): no '/'",
                Some("network_range_v6"),
            ),
            (
                "invalid cidr format: netip.parseprefix(\"fd00::/129\"): prefix length out of range",
                Some("network_range_v6"),
            ),
            ("loopback address range not allowed", Some("network_range")),
            (
                "network range too small: need at least 15 addresses for 10 peers + buffer, but range provides 14",
                Some("network_range"),
            ),
            ("internal server error", None),
            ("permission denied", None),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
    }
}
