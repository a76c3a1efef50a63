use super::null_default;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct SetupKey {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// Masked (`A6160****`) except in the create response.
    #[serde(deserialize_with = "null_default")]
    pub key: String,
    #[serde(rename = "type", deserialize_with = "null_default")]
    pub key_type: String,
    /// `valid`, `overused`, `expired` or `revoked`.
    #[serde(deserialize_with = "null_default")]
    pub state: String,
    #[serde(deserialize_with = "null_default")]
    pub valid: bool,
    #[serde(deserialize_with = "null_default")]
    pub revoked: bool,
    #[serde(deserialize_with = "null_default")]
    pub expires: String,
    #[serde(deserialize_with = "null_default")]
    pub used_times: u64,
    #[serde(deserialize_with = "null_default")]
    pub usage_limit: u64,
    #[serde(deserialize_with = "null_default")]
    pub last_used: String,
    #[serde(deserialize_with = "null_default")]
    pub auto_groups: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub ephemeral: bool,
}
