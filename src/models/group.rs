use super::null_default;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct PeerMinimum {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Group {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub issued: String,
    /// `null` when empty.
    #[serde(deserialize_with = "null_default")]
    pub peers: Vec<PeerMinimum>,
    #[serde(deserialize_with = "null_default")]
    pub peers_count: u64,
    #[serde(deserialize_with = "null_default")]
    pub resources_count: u64,
}

impl Group {
    /// The automatic group every account has.
    pub fn is_all(&self) -> bool {
        self.name == "All"
    }
}

/// A group as embedded in peers and policy rules.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct GroupMinimum {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub peers_count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_peers_and_missing_counts() {
        let g: Group = serde_json::from_str(
            r#"{"id":"g1","name":"All","peers":null,"peers_count":0,"resources":null}"#,
        )
        .unwrap();
        assert!(g.peers.is_empty());
        assert!(g.is_all());
        assert_eq!(g.resources_count, 0);
    }
}
