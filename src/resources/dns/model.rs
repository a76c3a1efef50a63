use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Nameserver {
    pub ip: String,
    pub ns_type: String,
    pub port: i64,
}

crate::json_object!(Nameserver { ip, ns_type, port });

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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

crate::json_object!(NameserverGroup {
    id,
    name,
    description,
    nameservers,
    enabled,
    groups,
    primary,
    domains,
    search_domains_enabled,
});

/// `GET /api/dns/settings`: one object (the spec's array is wrong).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DnsSettings {
    pub disabled_management_groups: Vec<String>,
}

crate::json_object!(DnsSettings {
    disabled_management_groups,
});
