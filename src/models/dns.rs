use super::null_default;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Nameserver {
    #[serde(deserialize_with = "null_default")]
    pub ip: String,
    #[serde(deserialize_with = "null_default")]
    pub ns_type: String,
    #[serde(deserialize_with = "null_default")]
    pub port: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct NameserverGroup {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    #[serde(deserialize_with = "null_default")]
    pub nameservers: Vec<Nameserver>,
    #[serde(deserialize_with = "null_default")]
    pub enabled: bool,
    #[serde(deserialize_with = "null_default")]
    pub groups: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub primary: bool,
    /// `null` when empty.
    #[serde(deserialize_with = "null_default")]
    pub domains: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub search_domains_enabled: bool,
}

/// `GET /api/dns/settings`: one object (the spec's array is wrong).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DnsSettings {
    #[serde(deserialize_with = "null_default")]
    pub disabled_management_groups: Vec<String>,
}
