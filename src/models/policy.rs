use super::{null_default, GroupMinimum};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct PolicyRule {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub enabled: bool,
    #[serde(deserialize_with = "null_default")]
    pub action: String,
    #[serde(deserialize_with = "null_default")]
    pub bidirectional: bool,
    #[serde(deserialize_with = "null_default")]
    pub protocol: String,
    #[serde(deserialize_with = "null_default")]
    pub ports: Vec<String>,
    /// Group objects in responses (IDs in requests); `null` when empty.
    #[serde(deserialize_with = "null_default")]
    pub sources: Vec<GroupMinimum>,
    #[serde(deserialize_with = "null_default")]
    pub destinations: Vec<GroupMinimum>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Policy {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    #[serde(deserialize_with = "null_default")]
    pub enabled: bool,
    #[serde(deserialize_with = "null_default")]
    pub rules: Vec<PolicyRule>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_sources_with_resources() {
        let p: Policy = serde_json::from_str(
            r#"{"id":"p","name":"web","enabled":true,"source_posture_checks":[],"rules":[{"id":"p","name":"web",
            "enabled":true,"action":"accept","bidirectional":true,"protocol":"tcp","ports":["443"],
            "sources":null,"destinations":[{"id":"g","name":"servers","peers_count":2}],
            "sourceResource":{"id":"r","type":"host"}}]}"#,
        )
        .unwrap();
        assert!(p.rules[0].sources.is_empty());
        assert_eq!(p.rules[0].destinations[0].name, "servers");
    }
}
