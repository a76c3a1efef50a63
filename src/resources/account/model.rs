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
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Account {
    pub id: String,
    pub domain: String,
    pub created_at: String,
    pub settings: AccountSettings,
}
