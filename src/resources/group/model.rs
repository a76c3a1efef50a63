use crate::base::json::FromJson;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct PeerMinimum {
    pub id: String,
    pub name: String,
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
    }
}
