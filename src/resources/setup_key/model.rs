use crate::base::json::FromJson;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct SetupKey {
    pub id: String,
    pub name: String,
    /// Masked (`A6160****`) except in the create response.
    pub key: String,
    #[serde(rename = "type")]
    pub key_type: String,
    /// `valid`, `overused`, `expired` or `revoked`.
    pub state: String,
    pub valid: bool,
    pub revoked: bool,
    pub expires: String,
    pub used_times: u64,
    pub usage_limit: u64,
    pub last_used: String,
    pub auto_groups: Vec<String>,
    pub ephemeral: bool,
    pub updated_at: String,
    pub allow_extra_dns_labels: bool,
}
