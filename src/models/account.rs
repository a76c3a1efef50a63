use super::null_default;
use serde::{Deserialize, Serialize};

/// Account settings are kept as the raw JSON object as well, because PUT replaces the whole
/// object: the console must send back every field it got, including ones it does not know.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct AccountSettings {
    #[serde(deserialize_with = "null_default")]
    pub peer_login_expiration_enabled: bool,
    #[serde(deserialize_with = "null_default")]
    pub peer_login_expiration: i64,
    #[serde(deserialize_with = "null_default")]
    pub regular_users_view_blocked: bool,
    #[serde(deserialize_with = "null_default")]
    pub dns_domain: String,
    #[serde(deserialize_with = "null_default")]
    pub network_range: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Account {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub domain: String,
    #[serde(deserialize_with = "null_default")]
    pub created_at: String,
    #[serde(deserialize_with = "null_default")]
    pub settings: AccountSettings,
}
