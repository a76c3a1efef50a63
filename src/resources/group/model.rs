use crate::base::json::FromJson;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct PeerMinimum {
    pub id: String,
    pub name: String,
}

/// A network resource in a group: `type` is `peer`, `host`, `subnet` or `domain`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct GroupResource {
    pub id: String,
    pub r#type: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub issued: String,
    /// `null` when empty.
    pub peers: Vec<PeerMinimum>,
    pub peers_count: u64,
    pub resources_count: u64,
    /// `null` when empty. PUT replaces them: a write sends them back.
    pub resources: Vec<GroupResource>,
}

impl Group {
    /// The automatic group every account has.
    pub fn is_all(&self) -> bool {
        self.name == "All"
    }
}

/// A group as embedded in peers and policy rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct GroupMinimum {
    pub id: String,
    pub name: String,
    pub peers_count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_peers_and_missing_counts() {
        let g: Group = crate::base::json::decode_str(
            r#"{"id":"g1","name":"All","peers":null,"peers_count":0,"resources":null}"#,
        )
        .unwrap();
        assert!(g.peers.is_empty());
        assert!(g.is_all());
        assert_eq!(g.resources_count, 0);
        assert!(g.resources.is_empty());
    }

    #[test]
    fn resources_are_read_and_written_with_their_type() {
        let g: Group = crate::base::json::decode_str(
            r#"{"id":"g","name":"dbs","resources":[{"id":"r1","type":"host"},{"id":"r2","type":"subnet"}],"resources_count":2}"#,
        )
        .unwrap();
        assert_eq!(
            g.resources[0],
            GroupResource {
                id: "r1".into(),
                r#type: "host".into()
            }
        );
        let written = serde_json::to_value(&g.resources[1]).unwrap();
        assert_eq!(written, serde_json::json!({"id": "r2", "type": "subnet"}));
    }
}
