use crate::base::json::FromJson;
use crate::resources::GroupMinimum;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct PolicyRule {
    pub id: String,
    pub name: String,
    pub enabled: bool,
    pub action: String,
    pub bidirectional: bool,
    pub protocol: String,
    pub ports: Vec<String>,
    /// Group objects in responses (IDs in requests); `null` when empty.
    pub sources: Vec<GroupMinimum>,
    pub destinations: Vec<GroupMinimum>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Policy {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub rules: Vec<PolicyRule>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_sources_with_resources() {
        let p: Policy = crate::base::json::decode_str(
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
