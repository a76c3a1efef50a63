use super::{null_default, GroupMinimum};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Peer {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub ip: String,
    #[serde(deserialize_with = "null_default")]
    pub ipv6: String,
    #[serde(deserialize_with = "null_default")]
    pub connection_ip: String,
    #[serde(deserialize_with = "null_default")]
    pub hostname: String,
    /// Already a fully qualified name.
    #[serde(deserialize_with = "null_default")]
    pub dns_label: String,
    #[serde(deserialize_with = "null_default")]
    pub connected: bool,
    #[serde(deserialize_with = "null_default")]
    pub last_seen: String,
    #[serde(deserialize_with = "null_default")]
    pub os: String,
    #[serde(deserialize_with = "null_default")]
    pub version: String,
    #[serde(deserialize_with = "null_default")]
    pub groups: Vec<GroupMinimum>,
    #[serde(deserialize_with = "null_default")]
    pub user_id: String,
    #[serde(deserialize_with = "null_default")]
    pub ssh_enabled: bool,
    #[serde(deserialize_with = "null_default")]
    pub login_expired: bool,
    #[serde(deserialize_with = "null_default")]
    pub approval_required: bool,
    #[serde(deserialize_with = "null_default")]
    pub country_code: String,
    #[serde(deserialize_with = "null_default")]
    pub city_name: String,
    #[serde(deserialize_with = "null_default")]
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
        let peers: Vec<Peer> = serde_json::from_str(json).unwrap();
        assert_eq!(peers[0].groups[0].name, "All");
        assert_eq!(peers[0].dns_label, "stage-host-1.netbird.cloud");
    }

    #[test]
    fn nulls_everywhere_decode() {
        let p: Peer = serde_json::from_str(
            r#"{"id":null,"name":null,"ip":null,"connected":null,"groups":null,"last_seen":null}"#,
        )
        .unwrap();
        assert_eq!(p, Peer::default());
    }
}
