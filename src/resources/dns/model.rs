use crate::base::json::FromJson;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Nameserver {
    pub ip: String,
    pub ns_type: String,
    pub port: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct NameserverGroup {
    pub id: String,
    pub name: String,
    pub description: String,
    pub nameservers: Vec<Nameserver>,
    pub enabled: bool,
    pub groups: Vec<String>,
    pub primary: bool,
    /// `null` when empty.
    pub domains: Vec<String>,
    pub search_domains_enabled: bool,
}

/// `GET /api/dns/settings`: one object (the spec's array is wrong).
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct DnsSettings {
    pub disabled_management_groups: Vec<String>,
}
