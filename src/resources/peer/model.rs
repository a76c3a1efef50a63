use crate::base::json::FromJson;
use crate::resources::GroupMinimum;
use serde::Serialize;

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
}

#[cfg(test)]
mod tests {
    use super::*;

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
