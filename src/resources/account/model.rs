use crate::base::json::FromJson;
use serde::Serialize;

/// Account settings are kept as the raw JSON object as well, because PUT replaces the whole
/// object: the console must send back every field it got, including ones it does not know.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct AccountSettings {
    pub peer_login_expiration_enabled: bool,
    pub peer_login_expiration: i64,
    pub regular_users_view_blocked: bool,
    pub dns_domain: String,
    pub network_range: String,
    /// Whether peers may expose local services through the reverse proxy.
    pub peer_expose_enabled: bool,
    /// The groups whose peers may expose services (`null` when empty; while peer expose is on
    /// the server requires at least one).
    pub peer_expose_groups: Vec<String>,
    /// The groups whose peers get IPv6 overlay addresses: none, no peer gets one.
    pub ipv6_enabled_groups: Vec<String>,
    pub extra: AccountExtraSettings,
}

/// `settings.extra`: the settings NetBird keeps apart (only those the console reads).
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct AccountExtraSettings {
    pub network_traffic_logs_enabled: bool,
    /// The groups whose traffic is logged; none: every peer's.
    pub network_traffic_logs_groups: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Account {
    pub id: String,
    pub domain: String,
    pub created_at: String,
    pub settings: AccountSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_lists_of_the_settings_with_nulls() {
        let a: Account = crate::base::json::decode_str(
            r#"{"id":"acc","domain":"example.com","settings":{"peer_login_expiration_enabled":true,
            "peer_login_expiration":86400,"peer_expose_enabled":false,"peer_expose_groups":null,
            "ipv6_enabled_groups":["gAll"],"jwt_allow_groups":["Administrators"],
            "extra":{"network_traffic_logs_enabled":true,"network_traffic_logs_groups":["g1"]}}}"#,
        )
        .unwrap();
        assert!(a.settings.peer_expose_groups.is_empty());
        assert_eq!(a.settings.ipv6_enabled_groups, ["gAll"]);
        assert!(a.settings.extra.network_traffic_logs_enabled);
        assert_eq!(a.settings.extra.network_traffic_logs_groups, ["g1"]);
        let bare: Account =
            crate::base::json::decode_str(r#"{"id":"acc","settings":{"extra":null}}"#).unwrap();
        assert_eq!(bare.settings.extra, AccountExtraSettings::default());
    }
}
