use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
}

crate::json_object!(SetupKey {
    id,
    name,
    key,
    key_type as "type",
    state,
    valid,
    revoked,
    expires,
    used_times,
    usage_limit,
    last_used,
    auto_groups,
    ephemeral,
});
