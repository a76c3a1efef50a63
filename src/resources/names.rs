//! ID → name lookups, so no page ever shows a raw ID where a name exists. Pure.

use crate::base::i18n::tf;
use crate::resources::{Group, Peer, PeerMinimum};
use std::collections::HashMap;

/// ID → name lookups, so no page ever shows a raw ID where a name exists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    pub peers: HashMap<String, String>,
    pub groups: HashMap<String, String>,
    pub group_sizes: HashMap<String, u64>,
}

impl Names {
    pub fn new(peers: &[Peer], groups: &[Group]) -> Names {
        Names::build(peers.iter().map(|p| (&p.id, &p.name)), groups)
    }
    /// From peers decoded as just their ID and name (a page that only names peers decodes a
    /// 10,000-peer list that way, much faster than as whole peers).
    pub fn of(peers: &[PeerMinimum], groups: &[Group]) -> Names {
        Names::build(peers.iter().map(|p| (&p.id, &p.name)), groups)
    }
    fn build<'a>(peers: impl Iterator<Item = (&'a String, &'a String)>, groups: &[Group]) -> Names {
        Names {
            peers: peers.map(|(id, name)| (id.clone(), name.clone())).collect(),
            groups: groups
                .iter()
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect(),
            group_sizes: groups
                .iter()
                .map(|g| (g.id.clone(), g.peers_count))
                .collect(),
        }
    }
    pub fn peer(&self, id: &str) -> String {
        self.peers
            .get(id)
            .cloned()
            .unwrap_or_else(|| tf("unknown peer {id}", &[("id", id)]))
    }
    pub fn group(&self, id: &str) -> String {
        self.groups
            .get(id)
            .cloned()
            .unwrap_or_else(|| tf("unknown group {id}", &[("id", id)]))
    }
    pub fn group_list(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| self.group(id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
