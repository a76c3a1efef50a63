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

/// A server message with every ID it names replaced by what the admin knows the object by
/// (`group has been linked to user: google-oauth2|123` → `… user: Alice`). Only whole IDs are
/// replaced: an ID must not run on into letters, digits or `-` either side.
pub fn named_message(message: &str, names: &[(String, String)]) -> String {
    let mut out = message.to_string();
    for (id, name) in names {
        if id.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(at) = out[from..].find(id.as_str()).map(|i| i + from) {
            let end = at + id.len();
            let part = |c: char| c.is_alphanumeric() || c == '-';
            let before = out[..at].chars().next_back().is_some_and(part);
            let after = out[end..].chars().next().is_some_and(part);
            if before || after {
                from = end;
                continue;
            }
            out.replace_range(at..end, name);
            from = at + name.len();
        }
    }
    out
}

#[cfg(test)]
mod message_tests {
    use super::named_message;

    #[test]
    fn ids_in_a_server_message_become_names() {
        let names = [
            ("google-oauth2|123".to_string(), "Alice".to_string()),
            ("d44bb7".to_string(), "office".to_string()),
        ];
        assert_eq!(
            named_message("group has been linked to user: google-oauth2|123", &names),
            "group has been linked to user: Alice"
        );
        assert_eq!(
            named_message("group has been linked to route: d44bb7", &names),
            "group has been linked to route: office"
        );
        // Not inside a longer ID.
        assert_eq!(named_message("route: d44bb7x", &names), "route: d44bb7x");
        assert_eq!(named_message("nothing here", &names), "nothing here");
    }
}
