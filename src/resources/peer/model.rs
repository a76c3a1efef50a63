use crate::base::json::FromJson;
use crate::resources::GroupMinimum;
use serde::Serialize;

/// The client's own settings, as it reports them (read-only here).
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct PeerLocalFlags {
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

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Peer {
    pub id: String,
    pub name: String,
    pub ip: String,
    pub ipv6: String,
    pub connection_ip: String,
    pub hostname: String,
    /// Already a fully qualified name.
    pub dns_label: String,
    pub connected: bool,
    pub last_seen: String,
    pub os: String,
    pub version: String,
    pub groups: Vec<GroupMinimum>,
    pub user_id: String,
    pub ssh_enabled: bool,
    pub login_expired: bool,
    pub approval_required: bool,
    pub country_code: String,
    pub city_name: String,
    pub ephemeral: bool,
    /// Only a peer added by a user's SSO login (`user_id` set) may change it.
    pub login_expiration_enabled: bool,
    /// Only a peer added by a user's SSO login (`user_id` set) may change it.
    pub inactivity_expiration_enabled: bool,
    pub kernel_version: String,
    pub ui_version: String,
    pub serial_number: String,
    pub created_at: String,
    /// `0001-01-01T00:00:00Z` when the peer never logged in through a user.
    pub last_login: String,
    pub geoname_id: i64,
    /// Fully qualified, like `dns_label`.
    pub extra_dns_labels: Vec<String>,
    pub local_flags: PeerLocalFlags,
    /// (Cloud) Why the peer waits for approval.
    pub disapproval_reason: String,
}

/// A peer as the peers list reads it: what its row shows and searches (`rows::peer_row`) and
/// nothing else. A list of 10,000 peers is decoded as it streams in; its other members (kernel
/// and UI versions, serial number, creation and login times, extra labels, local flags, the
/// groups' IDs) are skipped unread, not copied, though still checked as JSON.
#[derive(Clone, Debug, Default, PartialEq, FromJson)]
pub struct PeerListed {
    pub id: String,
    pub name: String,
    pub ip: String,
    pub ipv6: String,
    pub connection_ip: String,
    pub hostname: String,
    pub dns_label: String,
    pub connected: bool,
    pub last_seen: String,
    pub os: String,
    pub version: String,
    pub groups: Vec<GroupName>,
    pub user_id: String,
    pub ssh_enabled: bool,
    pub login_expired: bool,
    pub approval_required: bool,
    pub login_expiration_enabled: bool,
    pub country_code: String,
    pub city_name: String,
}

/// A peer as the network pages and the overview read it (`resources::network`): what they
/// compute and show with, and nothing else. They decode every peer (10,000 of them) before
/// they draw anything; a peer's other members (its groups, which the groups list gives, its
/// other addresses, versions, labels, flags and times) are skipped unread, not copied, though
/// still checked as JSON.
#[derive(Clone, Debug, Default, PartialEq, FromJson)]
pub struct PeerBrief {
    pub id: String,
    pub name: String,
    pub ip: String,
    /// Already a fully qualified name.
    pub dns_label: String,
    pub connected: bool,
    pub last_seen: String,
    pub os: String,
    pub version: String,
    pub login_expired: bool,
    pub approval_required: bool,
}

impl PeerBrief {
    /// What a whole peer reads as, in brief.
    pub fn of(p: &Peer) -> PeerBrief {
        PeerBrief {
            id: p.id.clone(),
            name: p.name.clone(),
            ip: p.ip.clone(),
            dns_label: p.dns_label.clone(),
            connected: p.connected,
            last_seen: p.last_seen.clone(),
            os: p.os.clone(),
            version: p.version.clone(),
            login_expired: p.login_expired,
            approval_required: p.approval_required,
        }
    }
}

/// A group as a listed peer names it.
#[derive(Clone, Debug, Default, PartialEq, FromJson)]
pub struct GroupName {
    pub name: String,
}

impl PeerListed {
    /// What a whole peer reads as, listed.
    pub fn of(p: &Peer) -> PeerListed {
        PeerListed {
            id: p.id.clone(),
            name: p.name.clone(),
            ip: p.ip.clone(),
            ipv6: p.ipv6.clone(),
            connection_ip: p.connection_ip.clone(),
            hostname: p.hostname.clone(),
            dns_label: p.dns_label.clone(),
            connected: p.connected,
            last_seen: p.last_seen.clone(),
            os: p.os.clone(),
            version: p.version.clone(),
            groups: p
                .groups
                .iter()
                .map(|g| GroupName {
                    name: g.name.clone(),
                })
                .collect(),
            user_id: p.user_id.clone(),
            ssh_enabled: p.ssh_enabled,
            login_expired: p.login_expired,
            approval_required: p.approval_required,
            login_expiration_enabled: p.login_expiration_enabled,
            country_code: p.country_code.clone(),
            city_name: p.city_name.clone(),
        }
    }
}

/// What a peer's edit is checked against of every other peer (`validation::PeerContext`):
/// their names, addresses and DNS labels. A peer's page reads the list of 10,000 peers (13 MB)
/// as these, the rest of each peer skipped unread.
#[derive(Clone, Debug, Default, PartialEq, FromJson)]
pub struct PeerAddress {
    pub id: String,
    pub name: String,
    pub ip: String,
    pub dns_label: String,
}

impl PeerAddress {
    pub fn of(p: &Peer) -> PeerAddress {
        PeerAddress {
            id: p.id.clone(),
            name: p.name.clone(),
            ip: p.ip.clone(),
            dns_label: p.dns_label.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_peer_reads_as_the_whole_peer_listed() {
        let json = r#"{"id":"p1","name":"laptop","ip":"100.64.0.1","ipv6":"fd00::1",
          "connection_ip":"203.0.113.9","hostname":"lap","dns_label":"laptop.netbird.cloud",
          "connected":false,"last_seen":"2026-11-20T10:00:00Z","os":"Linux 6.1","version":"0.40.1",
          "groups":[{"id":"g1","name":"All","peers_count":3},{"id":"g2","name":"Devs"}],
          "user_id":"u1","ssh_enabled":true,"login_expired":true,"approval_required":true,
          "login_expiration_enabled":true,"country_code":"DE","city_name":"Berlin",
          "kernel_version":"6.1","serial_number":"X","extra_dns_labels":["a.b"],
          "local_flags":{"block_inbound":true},"created_at":"2023-05-05T09:00:35Z"}"#;
        let whole: Peer = crate::base::json::decode_str(json).unwrap();
        let listed: PeerListed = crate::base::json::decode_str(json).unwrap();
        assert_eq!(listed, PeerListed::of(&whole));
        assert_eq!(listed.groups[1].name, "Devs");
        assert!(listed.ssh_enabled && listed.login_expiration_enabled && !listed.connected);
        // A member it skips is still checked: broken JSON there is an error.
        let broken = json.replace(r#""serial_number":"X""#, r#""serial_number":X"#);
        assert!(crate::base::json::decode_str::<PeerListed>(&broken).is_err());
    }

    #[test]
    fn realistic_peer_batch_entry() {
        let json = r#"[{"id":"chacbco6lnnbn6cg5s90","name":"stage-host-1","ip":"100.64.0.1",
          "connection_ip":"<nil>","connected":true,"last_seen":"2026-11-20T10:00:00Z","os":"Darwin 13.2.1",
          "kernel_version":"23.2.0","geoname_id":2643743,"version":"0.27.3","groups":[{"id":"g","name":"All","peers_count":3,"resources_count":0}],
          "ssh_enabled":false,"user_id":"u","hostname":"stage","ui_version":"","dns_label":"stage-host-1.netbird.cloud",
          "login_expiration_enabled":true,"login_expired":false,"last_login":"0001-01-01T00:00:00Z",
          "inactivity_expiration_enabled":false,"approval_required":false,"country_code":"DE","city_name":"Berlin",
          "serial_number":"","extra_dns_labels":[],"ephemeral":false,"local_flags":{},"accessible_peers_count":0,
          "some_future_field":{"x":1}}]"#;
        let peers: Vec<Peer> = crate::base::json::decode_str(json).unwrap();
        assert_eq!(peers[0].groups[0].name, "All");
        assert_eq!(peers[0].dns_label, "stage-host-1.netbird.cloud");
        assert!(peers[0].login_expiration_enabled);
        assert!(!peers[0].inactivity_expiration_enabled);
        assert_eq!(peers[0].kernel_version, "23.2.0");
        assert_eq!(peers[0].geoname_id, 2643743);
        assert_eq!(peers[0].last_login, "0001-01-01T00:00:00Z");
        assert_eq!(peers[0].local_flags, PeerLocalFlags::default());
    }

    #[test]
    fn every_peer_field_is_read() {
        let p: Peer = crate::base::json::decode_str(
            r#"{"id":"p","name":"n","created_at":"2023-05-05T09:00:35Z","ui_version":"0.14.0",
            "serial_number":"C02XJ0J0JGH7","extra_dns_labels":["a.netbird.cloud"],
            "disapproval_reason":"posture","inactivity_expiration_enabled":true,
            "local_flags":{"rosenpass_enabled":true,"block_inbound":true,"lazy_connection_enabled":true}}"#,
        )
        .unwrap();
        assert_eq!(p.created_at, "2023-05-05T09:00:35Z");
        assert_eq!(p.ui_version, "0.14.0");
        assert_eq!(p.serial_number, "C02XJ0J0JGH7");
        assert_eq!(p.extra_dns_labels, ["a.netbird.cloud"]);
        assert_eq!(p.disapproval_reason, "posture");
        assert!(p.inactivity_expiration_enabled);
        assert!(p.local_flags.rosenpass_enabled && p.local_flags.block_inbound);
        assert!(p.local_flags.lazy_connection_enabled && !p.local_flags.disable_dns);
        let written = serde_json::to_string(&p).unwrap();
        assert_eq!(crate::base::json::decode_str::<Peer>(&written), Ok(p));
    }

    #[test]
    fn nulls_everywhere_decode() {
        let p: Peer = crate::base::json::decode_str(
            r#"{"id":null,"name":null,"ip":null,"connected":null,"groups":null,"last_seen":null}"#,
        )
        .unwrap();
        assert_eq!(p, Peer::default());
    }
}
