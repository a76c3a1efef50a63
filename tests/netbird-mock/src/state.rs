//! The in-memory account: models, the role table, audit events.

use crate::net::Prefix;
use crate::util::{Rng, Ts};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub const DEFAULT_DNS_DOMAIN: &str = "netbird.cloud";

pub trait HasId {
    fn id(&self) -> &str;
}

/// Insertion-ordered map from id to item.
#[derive(Clone, Debug)]
pub struct Table<T> {
    items: Vec<T>,
    idx: HashMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            items: Vec::new(),
            idx: HashMap::new(),
        }
    }
}

impl<T: HasId> Table<T> {
    pub fn get(&self, id: &str) -> Option<&T> {
        self.idx.get(id).map(|&i| &self.items[i])
    }
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        match self.idx.get(id) {
            Some(&i) => Some(&mut self.items[i]),
            None => None,
        }
    }
    pub fn contains(&self, id: &str) -> bool {
        self.idx.contains_key(id)
    }
    pub fn insert(&mut self, item: T) {
        let id = item.id().to_string();
        if let Some(&i) = self.idx.get(&id) {
            self.items[i] = item;
        } else {
            self.idx.insert(id, self.items.len());
            self.items.push(item);
        }
    }
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let i = self.idx.remove(id)?;
        let item = self.items.remove(i);
        for (j, it) in self.items.iter().enumerate().skip(i) {
            self.idx.insert(it.id().to_string(), j);
        }
        Some(item)
    }
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

macro_rules! has_id {
    ($($t:ty),*) => {$(impl HasId for $t { fn id(&self) -> &str { &self.id } })*};
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub auto_groups: Vec<String>,
    pub is_blocked: bool,
    pub pending_approval: bool,
    pub is_service_user: bool,
    pub issued: String,
    pub last_login: Ts,
    pub invited: bool,
}

#[derive(Clone, Debug)]
pub struct Pat {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub hashed: String,
    pub expiration: Ts,
    pub created_by: String,
    pub created_at: Ts,
    pub last_used: Option<Ts>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct LocalFlags {
    pub rosenpass_enabled: bool,
    pub rosenpass_permissive: bool,
    pub server_ssh_allowed: bool,
    pub disable_client_routes: bool,
    pub disable_server_routes: bool,
    pub disable_dns: bool,
    pub disable_firewall: bool,
    pub block_lan_access: bool,
    pub block_inbound: bool,
    pub lazy_connection_enabled: bool,
}

#[derive(Clone, Debug)]
pub struct Peer {
    pub id: String,
    pub name: String,
    pub ip: String,
    pub ipv6: Option<String>,
    pub connection_ip: String,
    pub hostname: String,
    pub connected: bool,
    pub last_seen: Ts,
    pub last_login: Ts,
    pub login_expired: bool,
    pub created_at: Ts,
    pub os: String,
    pub kernel_version: String,
    pub version: String,
    pub ui_version: String,
    pub serial_number: String,
    pub geoname_id: i64,
    pub country_code: String,
    pub city_name: String,
    pub user_id: String,
    pub ssh_enabled: bool,
    pub login_expiration_enabled: bool,
    pub inactivity_expiration_enabled: bool,
    pub ephemeral: bool,
    /// The bare label; responses append the account's DNS domain.
    pub dns_label: String,
    pub extra_dns_labels: Vec<String>,
    pub approval_required: bool,
    pub local_flags: LocalFlags,
    /// The serialized peer without `groups`, keyed by the DNS domain it was built with.
    /// Reset (`Default::default()`) whenever the peer changes.
    pub json_cache: std::cell::OnceCell<(String, Vec<u8>)>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ResourceRef {
    #[serde(default)]
    pub id: String,
    #[serde(rename = "type", default)]
    pub kind: String,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub issued: String,
    pub peers: Vec<String>,
    pub resources: Vec<ResourceRef>,
}

#[derive(Clone, Debug)]
pub struct Route {
    pub id: String,
    pub network_id: String,
    pub description: String,
    pub enabled: bool,
    /// Masked prefix for network routes.
    pub network: Option<Prefix>,
    /// Punycode, lowercased, for domain routes.
    pub domains: Vec<String>,
    pub keep_route: bool,
    pub peer: String,
    pub peer_groups: Vec<String>,
    pub metric: i64,
    pub masquerade: bool,
    pub groups: Vec<String>,
    pub access_control_groups: Vec<String>,
    pub skip_auto_apply: bool,
}

impl Route {
    pub fn is_dynamic(&self) -> bool {
        !self.domains.is_empty()
    }
    pub fn network_type(&self) -> &'static str {
        match &self.network {
            _ if self.is_dynamic() => "Domain",
            Some(p) if p.is_v6() => "IPv6",
            Some(_) => "IPv4",
            None => "Invalid",
        }
    }
    /// `getRouteDescriptor`: `prefix 10.0.0.0/24` or `domains [a.com, b.com]`.
    pub fn descriptor(&self) -> String {
        if self.is_dynamic() {
            format!("domains [{}]", self.domains_unicode().join(", "))
        } else {
            format!(
                "prefix {}",
                self.network
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "invalid prefix".into())
            )
        }
    }
    pub fn domains_unicode(&self) -> Vec<String> {
        self.domains
            .iter()
            .map(|d| crate::domain::to_unicode(d))
            .collect()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PortRange {
    pub start: i64,
    pub end: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub action: String,
    pub bidirectional: bool,
    pub protocol: String,
    pub ports: Vec<String>,
    pub port_ranges: Vec<PortRange>,
    pub sources: Vec<String>,
    pub destinations: Vec<String>,
    pub source_resource: Option<ResourceRef>,
    pub destination_resource: Option<ResourceRef>,
    pub authorized_groups: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub source_posture_checks: Vec<String>,
    pub rules: Vec<Rule>,
}

// ---- posture checks (`management/server/posture`), stored in the API's shape

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct MinVersion {
    #[serde(default, deserialize_with = "null_default")]
    pub min_version: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct MinKernelVersion {
    #[serde(default, deserialize_with = "null_default")]
    pub min_kernel_version: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct OsVersionCheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub android: Option<MinVersion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub darwin: Option<MinVersion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ios: Option<MinVersion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linux: Option<MinKernelVersion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub windows: Option<MinKernelVersion>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct GeoLocation {
    #[serde(default, deserialize_with = "null_default")]
    pub country_code: String,
    /// Omitted from responses when empty (`toGeoLocationCheckResponse`).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub city_name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct GeoLocationCheck {
    #[serde(default, deserialize_with = "null_default")]
    pub locations: Vec<GeoLocation>,
    #[serde(default, deserialize_with = "null_default")]
    pub action: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct NetworkRangeCheck {
    #[serde(default, deserialize_with = "null_default")]
    pub ranges: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub action: String,
}

/// All three paths are always written, empty when unset (`toProcessCheckResponse`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct Process {
    #[serde(default, deserialize_with = "null_default")]
    pub linux_path: String,
    #[serde(default, deserialize_with = "null_default")]
    pub mac_path: String,
    #[serde(default, deserialize_with = "null_default")]
    pub windows_path: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct ProcessCheck {
    #[serde(default, deserialize_with = "null_default")]
    pub processes: Vec<Process>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct Checks {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nb_version_check: Option<MinVersion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os_version_check: Option<OsVersionCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_location_check: Option<GeoLocationCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_network_range_check: Option<NetworkRangeCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_check: Option<ProcessCheck>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PostureCheck {
    pub id: String,
    pub name: String,
    pub description: String,
    pub checks: Checks,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Nameserver {
    pub ip: String,
    pub ns_type: String,
    pub port: i64,
}

#[derive(Clone, Debug)]
pub struct NsGroup {
    pub id: String,
    pub name: String,
    pub description: String,
    pub nameservers: Vec<Nameserver>,
    pub enabled: bool,
    pub groups: Vec<String>,
    pub primary: bool,
    pub domains: Vec<String>,
    pub search_domains_enabled: bool,
}

#[derive(Clone, Debug)]
pub struct SetupKey {
    pub id: String,
    pub name: String,
    pub key: String,
    pub kind: String,
    /// `ZERO_TIME` = never expires.
    pub expires: Ts,
    pub revoked: bool,
    pub used_times: i64,
    pub last_used: Ts,
    pub auto_groups: Vec<String>,
    pub updated_at: Ts,
    pub usage_limit: i64,
    pub ephemeral: bool,
    pub allow_extra_dns_labels: bool,
}

impl SetupKey {
    pub fn expired(&self, now: Ts) -> bool {
        self.expires != crate::util::ZERO_TIME && now > self.expires
    }
    /// `IsOverUsed`: a one-off key's limit is 1 whatever is stored; 0 = unlimited.
    pub fn overused(&self) -> bool {
        let limit = if self.kind == "one-off" {
            1
        } else {
            self.usage_limit
        };
        limit > 0 && self.used_times >= limit
    }
    pub fn state(&self, now: Ts) -> &'static str {
        if self.expired(now) {
            "expired"
        } else if self.revoked {
            "revoked"
        } else if self.overused() {
            "overused"
        } else {
            "valid"
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub id: String,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub timestamp: Ts,
    pub activity: String,
    pub activity_code: String,
    pub initiator_id: String,
    pub initiator_name: String,
    pub initiator_email: String,
    pub target_id: String,
    pub meta: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, Default, PartialEq)]
pub struct Extra {
    #[serde(default)]
    pub peer_approval_enabled: bool,
    #[serde(default)]
    pub user_approval_required: bool,
    #[serde(default)]
    pub network_traffic_logs_enabled: bool,
    #[serde(default, deserialize_with = "null_default")]
    pub network_traffic_logs_groups: Vec<String>,
    #[serde(default)]
    pub network_traffic_packet_counter_enabled: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, Default, PartialEq)]
pub struct DashboardFeatures {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_network: Option<bool>,
}

#[derive(Clone, Debug, Serialize, Deserialize, Default, PartialEq)]
pub struct Onboarding {
    #[serde(default)]
    pub signup_form_pending: bool,
    #[serde(default)]
    pub onboarding_flow_pending: bool,
}

/// Deserializes JSON `null` as the type's default (Go: null == absent).
pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub peer_login_expiration_enabled: bool,
    pub peer_login_expiration: i64,
    pub peer_inactivity_expiration_enabled: bool,
    pub peer_inactivity_expiration: i64,
    pub regular_users_view_blocked: bool,
    pub groups_propagation_enabled: bool,
    pub jwt_groups_enabled: bool,
    pub jwt_groups_claim_name: String,
    pub jwt_allow_groups: Vec<String>,
    pub routing_peer_dns_resolution_enabled: bool,
    pub dns_domain: String,
    pub network_range: String,
    pub network_range_v6: String,
    pub peer_expose_enabled: bool,
    pub peer_expose_groups: Vec<String>,
    pub extra: Option<Extra>,
    pub lazy_connection_enabled: bool,
    pub auto_update_version: String,
    pub auto_update_always: bool,
    pub metrics_push_enabled: bool,
    pub agent_network_only: bool,
    pub dashboard_features: Option<DashboardFeatures>,
    pub local_mfa_enabled: bool,
    pub ipv6_enabled_groups: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Account {
    pub id: String,
    pub domain: String,
    pub domain_category: String,
    pub created_at: Ts,
    pub created_by: String,
    pub settings: Settings,
    pub onboarding: Onboarding,
}

has_id!(
    User,
    Pat,
    Peer,
    Group,
    Route,
    Policy,
    NsGroup,
    SetupKey,
    PostureCheck
);

pub struct State {
    pub rng: Rng,
    pub account: Account,
    pub users: Table<User>,
    pub pats: Table<Pat>,
    pub peers: Table<Peer>,
    pub groups: Table<Group>,
    pub routes: Table<Route>,
    pub policies: Table<Policy>,
    pub posture_checks: Table<PostureCheck>,
    pub ns_groups: Table<NsGroup>,
    pub setup_keys: Table<SetupKey>,
    pub dns_disabled_groups: Vec<String>,
    /// Oldest first; served newest first.
    pub events: Vec<Event>,
    pub next_event_id: u64,
    /// Opaque bearer strings accepted as JWTs, mapped to user ids (`--jwt`).
    pub jwts: HashMap<String, String>,
    pub version: String,
    /// A geolocation database is loaded (`--no-geo` turns it off): geo posture checks and
    /// `/api/locations/...` answer 412 without one.
    pub geo: bool,
    /// An IdP manager is configured (`--invites`): inviting regular users works; without one
    /// it answers 412, as a self-hosted server without an IdP does.
    pub idp: bool,
}

impl State {
    pub fn new_id(&mut self) -> String {
        loop {
            let id = self.rng.xid();
            if !self.peers.contains(&id)
                && !self.groups.contains(&id)
                && !self.routes.contains(&id)
                && !self.policies.contains(&id)
                && !self.posture_checks.contains(&id)
                && !self.ns_groups.contains(&id)
                && !self.setup_keys.contains(&id)
                && !self.pats.contains(&id)
            {
                return id;
            }
        }
    }

    pub fn dns_domain(&self) -> &str {
        if self.account.settings.dns_domain.is_empty() {
            DEFAULT_DNS_DOMAIN
        } else {
            &self.account.settings.dns_domain
        }
    }

    pub fn all_group_id(&self) -> Option<String> {
        self.groups
            .iter()
            .find(|g| g.name == "All")
            .map(|g| g.id.clone())
    }

    /// Records an audit event by `initiator` at `ts`.
    pub fn record_at(
        &mut self,
        ts: Ts,
        initiator: &str,
        code: &str,
        target: &str,
        meta: Vec<(&str, String)>,
    ) {
        let (name, email) = self
            .users
            .get(initiator)
            .map(|u| (u.name.clone(), u.email.clone()))
            .unwrap_or_default();
        self.next_event_id += 1;
        self.events.push(Event {
            id: self.next_event_id.to_string(),
            timestamp: ts,
            activity: activity_text(code).to_string(),
            activity_code: code.to_string(),
            initiator_id: initiator.to_string(),
            initiator_name: name,
            initiator_email: email,
            target_id: target.to_string(),
            meta: meta.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        });
    }

    pub fn record(&mut self, initiator: &str, code: &str, target: &str, meta: Vec<(&str, String)>) {
        self.record_at(crate::util::now(), initiator, code, target, meta);
    }
}

/// Human text per activity code, as `management/server/activity/codes.go` words it (every code
/// the server has, including those the spec's enum lacks).
pub fn activity_text(code: &str) -> &'static str {
    match code {
        "peer.user.add" => "Peer added",
        "peer.setupkey.add" => "Peer added",
        "user.join" => "User joined",
        "user.invite" => "User invited",
        "account.create" => "Account created",
        "account.delete" => "Account deleted",
        "user.peer.delete" => "Peer deleted",
        "rule.add" => "Rule added",
        "rule.update" => "Rule updated",
        "rule.delete" => "Rule deleted",
        "policy.add" => "Policy added",
        "policy.update" => "Policy updated",
        "policy.delete" => "Policy deleted",
        "setupkey.add" => "Setup key created",
        "setupkey.update" => "Setup key updated",
        "setupkey.revoke" => "Setup key revoked",
        "setupkey.overuse" => "Setup key overused",
        "group.add" => "Group created",
        "group.update" => "Group updated",
        "peer.group.add" => "Group added to peer",
        "peer.group.delete" => "Group removed from peer",
        "user.group.add" => "Group added to user",
        "user.group.delete" => "Group removed from user",
        "user.role.update" => "User role updated",
        "setupkey.group.add" => "Group added to setup key",
        "setupkey.group.delete" => "Group removed from user setup key",
        "dns.setting.disabled.management.group.add" => {
            "Group added to disabled management DNS setting"
        }
        "dns.setting.disabled.management.group.delete" => {
            "Group removed from disabled management DNS setting"
        }
        "route.add" => "Route created",
        "route.delete" => "Route deleted",
        "route.update" => "Route updated",
        "peer.ssh.enable" => "Peer SSH server enabled",
        "peer.ssh.disable" => "Peer SSH server disabled",
        "peer.rename" => "Peer renamed",
        "peer.login.expiration.enable" => "Peer login expiration enabled",
        "peer.login.expiration.disable" => "Peer login expiration disabled",
        "nameserver.group.add" => "Nameserver group created",
        "nameserver.group.delete" => "Nameserver group deleted",
        "nameserver.group.update" => "Nameserver group updated",
        "account.setting.peer.login.expiration.update" => {
            "Account peer login expiration duration updated"
        }
        "account.setting.peer.login.expiration.enable" => "Account peer login expiration enabled",
        "account.setting.peer.login.expiration.disable" => "Account peer login expiration disabled",
        "personal.access.token.create" => "Personal access token created",
        "personal.access.token.delete" => "Personal access token deleted",
        "service.user.create" => "Service user created",
        "service.user.delete" => "Service user deleted",
        "user.block" => "User blocked",
        "user.unblock" => "User unblocked",
        "user.delete" => "User deleted",
        "group.delete" => "Group deleted",
        "user.peer.login" => "User logged in peer",
        "peer.login.expire" => "Peer login expired",
        "dashboard.login" => "Dashboard login",
        "integration.create" => "Integration created",
        "integration.update" => "Integration updated",
        "integration.delete" => "Integration deleted",
        "account.setting.peer.approval.enable" => "Account peer approval enabled",
        "account.setting.peer.approval.disable" => "Account peer approval disabled",
        "peer.approve" => "Peer approved",
        "peer.approval.revoke" => "Peer approval revoked",
        "transferred.owner.role" => "Transferred owner role",
        "posture.check.create" => "Posture check created",
        "posture.check.update" => "Posture check updated",
        "posture.check.delete" => "Posture check deleted",
        "peer.inactivity.expiration.enable" => "Peer inactivity expiration enabled",
        "peer.inactivity.expiration.disable" => "Peer inactivity expiration disabled",
        "account.peer.inactivity.expiration.enable" => "Account peer inactivity expiration enabled",
        "account.peer.inactivity.expiration.disable" => {
            "Account peer inactivity expiration disabled"
        }
        "account.peer.inactivity.expiration.update" => {
            "Account peer inactivity expiration duration updated"
        }
        "setupkey.delete" => "Setup key deleted",
        "account.setting.group.propagation.enable" => "User group propagation enabled",
        "account.setting.group.propagation.disable" => "User group propagation disabled",
        "account.setting.routing.peer.dns.resolution.enable" => {
            "Account routing peer DNS resolution enabled"
        }
        "account.setting.routing.peer.dns.resolution.disable" => {
            "Account routing peer DNS resolution disabled"
        }
        "network.create" => "Network created",
        "network.update" => "Network updated",
        "network.delete" => "Network deleted",
        "network.resource.create" => "Network resource created",
        "network.resource.update" => "Network resource updated",
        "network.resource.delete" => "Network resource deleted",
        "network.router.create" => "Network router created",
        "network.router.update" => "Network router updated",
        "network.router.delete" => "Network router deleted",
        "resource.group.add" => "Resource added to group",
        "resource.group.delete" => "Resource removed from group",
        "account.dns.domain.update" => "Account DNS domain updated",
        "account.setting.lazy.connection.enable" => "Account lazy connection enabled",
        "account.setting.lazy.connection.disable" => "Account lazy connection disabled",
        "account.network.range.update" => "Account network range updated",
        "peer.ip.update" => "Peer IP updated",
        "user.approve" => "User approved",
        "user.reject" => "User rejected",
        "user.create" => "User created",
        "account.settings.auto.version.update" => "Account AutoUpdate Version updated",
        "account.setting.auto.update.always.enable" => "Account auto-update always enabled",
        "account.setting.auto.update.always.disable" => "Account auto-update always disabled",
        "account.setting.ipv6.enable" => "Account IPv6 overlay enabled",
        "account.setting.ipv6.disable" => "Account IPv6 overlay disabled",
        "identityprovider.create" => "Identity provider created",
        "identityprovider.update" => "Identity provider updated",
        "identityprovider.delete" => "Identity provider deleted",
        "dns.zone.create" => "DNS zone created",
        "dns.zone.update" => "DNS zone updated",
        "dns.zone.delete" => "DNS zone deleted",
        "dns.zone.record.create" => "DNS zone record created",
        "dns.zone.record.update" => "DNS zone record updated",
        "dns.zone.record.delete" => "DNS zone record deleted",
        "peer.job.create" => "Create Job for peer",
        "user.password.change" => "User password changed",
        "user.invite.link.create" => "User invite link created",
        "user.invite.link.accept" => "User invite link accepted",
        "user.invite.link.regenerate" => "User invite link regenerated",
        "user.invite.link.delete" => "User invite link deleted",
        "service.create" => "Service created",
        "service.update" => "Service updated",
        "service.delete" => "Service deleted",
        "service.peer.expose" => "Peer exposed service",
        "service.peer.unexpose" => "Peer unexposed service",
        "service.peer.expose.expire" => "Peer exposed service expired",
        "account.setting.peer.expose.enable" => "Account peer expose enabled",
        "account.setting.peer.expose.disable" => "Account peer expose disabled",
        "account.setting.local.mfa.enable" => "Account local MFA enabled",
        "account.setting.local.mfa.disable" => "Account local MFA disabled",
        "user.peer.session.extend" => "User extended peer session",
        "agent_network.provider.create" => "Agent Network provider created",
        "agent_network.provider.update" => "Agent Network provider updated",
        "agent_network.provider.delete" => "Agent Network provider deleted",
        "agent_network.policy.create" => "Agent Network policy created",
        "agent_network.policy.update" => "Agent Network policy updated",
        "agent_network.policy.delete" => "Agent Network policy deleted",
        "agent_network.guardrail.create" => "Agent Network guardrail created",
        "agent_network.guardrail.update" => "Agent Network guardrail updated",
        "agent_network.guardrail.delete" => "Agent Network guardrail deleted",
        "agent_network.budget_rule.create" => "Agent Network budget rule created",
        "agent_network.budget_rule.update" => "Agent Network budget rule updated",
        "agent_network.budget_rule.delete" => "Agent Network budget rule deleted",
        "agent_network.settings.update" => "Agent Network settings updated",
        "agent_network.settings.delete" => "Agent Network settings deleted",
        "account.setting.metrics.push.enable" => "Account metrics push enabled",
        "account.setting.metrics.push.disable" => "Account metrics push disabled",
        "domain.add" => "Domain added",
        "domain.delete" => "Domain deleted",
        "domain.validate" => "Domain validated",
        _ => "Unknown activity",
    }
}

// ---------------------------------------------------------------------------------------------
// Roles and permissions (as the server's `management/server/permissions/roles`)

pub const MODULES: &[&str] = &[
    "networks",
    "peers",
    "remote_jobs",
    "groups",
    "settings",
    "accounts",
    "dns",
    "nameservers",
    "events",
    "policies",
    "routes",
    "users",
    "setup_keys",
    "pats",
    "identity_providers",
    "services",
    "agent_network",
    "agent_network.providers",
    "agent_network.policies",
    "agent_network.guardrails",
    "agent_network.budgets",
    "agent_network.usage",
    "agent_network.logs",
    "agent_network.settings",
];

pub const ROLES: &[&str] = &[
    "owner",
    "admin",
    "user",
    "billing_admin",
    "auditor",
    "network_admin",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Create,
    Read,
    Update,
    Delete,
}

/// `[create, read, update, delete]` for a role and module; `None` when the role is not in the
/// server's roles map (billing_admin).
pub fn grants(role: &str, module: &str) -> Option<[bool; 4]> {
    const ALL: [bool; 4] = [true; 4];
    const NONE: [bool; 4] = [false; 4];
    const RO: [bool; 4] = [false, true, false, false];
    Some(match role {
        "owner" => ALL,
        "admin" if module == "accounts" => RO,
        "admin" => ALL,
        "user" => NONE,
        "auditor" => RO,
        "network_admin" => match module {
            "networks" | "groups" | "dns" | "nameservers" | "policies" | "routes" | "pats" => ALL,
            "settings" | "accounts" | "events" | "users" | "setup_keys" | "peers"
            | "identity_providers" => RO,
            _ => NONE,
        },
        _ => return None,
    })
}

pub fn role_allows(role: &str, module: &str, op: Op) -> bool {
    grants(role, module).is_some_and(|g| {
        g[match op {
            Op::Create => 0,
            Op::Read => 1,
            Op::Update => 2,
            Op::Delete => 3,
        }]
    })
}

pub fn parse_role(s: &str) -> Option<String> {
    let l = s.to_lowercase();
    ROLES.contains(&l.as_str()).then_some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_keeps_order_and_index() {
        let mut t: Table<Group> = Table::default();
        for id in ["a", "b", "c"] {
            t.insert(Group {
                id: id.into(),
                name: id.into(),
                issued: "api".into(),
                peers: vec![],
                resources: vec![],
            });
        }
        t.remove("a");
        assert_eq!(t.get("c").unwrap().name, "c");
        assert_eq!(
            t.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
            ["b", "c"]
        );
    }

    #[test]
    fn role_table() {
        assert!(role_allows("owner", "accounts", Op::Update));
        assert!(!role_allows("admin", "accounts", Op::Update));
        assert!(role_allows("admin", "accounts", Op::Read));
        assert!(!role_allows("auditor", "routes", Op::Create));
        assert!(role_allows("auditor", "routes", Op::Read));
        assert!(role_allows("network_admin", "routes", Op::Delete));
        assert!(!role_allows("network_admin", "peers", Op::Update));
        assert!(role_allows("network_admin", "peers", Op::Read));
        assert!(!role_allows("network_admin", "remote_jobs", Op::Read));
        assert!(!role_allows("user", "peers", Op::Read));
        assert!(grants("billing_admin", "peers").is_none());
    }
}
