//! ID → name lookups, so no page ever shows a raw ID where a name exists. Pure.

use crate::base::i18n::{t, tf};
use crate::resources::{Group, GroupMinimum, Peer, PeerMinimum};
use std::collections::HashMap;

/// What has come of a list that names wait for.
pub enum Arrival<'a, T> {
    Waiting,
    In(&'a [T]),
    /// Its objects are shown by their IDs (the failure is the page's to say).
    Failed,
}

/// ID → name lookups, so no page ever shows a raw ID where a name exists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    pub peers: HashMap<String, String>,
    pub groups: HashMap<String, String>,
    pub group_sizes: HashMap<String, u64>,
    /// The peers' names are still arriving: a peer not named yet is shown as loading, not as
    /// unknown (a page shows what it has meanwhile; see `pending` and `with_arrived`).
    pub peers_pending: bool,
    /// The groups' names are still arriving (1,000 groups beside 10,000 peers are a 2.8 MB
    /// list): a group is shown as loading meanwhile (see `pending_groups`).
    pub groups_pending: bool,
}

impl Names {
    pub fn new(peers: &[Peer], groups: &[Group]) -> Names {
        Names::build(
            peers.iter().map(|p| (&p.id, &p.name)),
            groups.iter().map(|g| (&g.id, &g.name, g.peers_count)),
        )
    }
    /// From peers decoded as just their ID and name (a page that only names peers decodes a
    /// 10,000-peer list that way, much faster than as whole peers).
    /// Groups as ID, name and size, so: their members are skipped unread.
    pub fn of(peers: &[PeerMinimum], groups: &[GroupMinimum]) -> Names {
        Names::build(
            peers.iter().map(|p| (&p.id, &p.name)),
            groups.iter().map(|g| (&g.id, &g.name, g.peers_count)),
        )
    }
    /// Nothing named yet, the groups' names to come: a list that names only groups shows its
    /// rows with these while they arrive, then builds them again named.
    pub fn pending_groups() -> Names {
        Names {
            groups_pending: true,
            ..Names::default()
        }
    }
    /// Nothing named yet, the groups' and the peers' names to come.
    pub fn pending() -> Names {
        Names {
            peers_pending: true,
            groups_pending: true,
            ..Names::default()
        }
    }
    /// These names (some still pending) with what has arrived of the lists they wait for: a
    /// list in names its objects, one that failed leaves their IDs shown, and meanwhile one
    /// still awaited lends the names `before` (a visit before's) has, if any.
    pub fn with_arrived(
        &self,
        before: Option<&Names>,
        groups: Arrival<'_, GroupMinimum>,
        peers: Arrival<'_, PeerMinimum>,
    ) -> Names {
        let mut names = self.clone();
        if self.groups_pending {
            match groups {
                Arrival::In(groups) => names = names.with_groups(groups),
                Arrival::Failed => names.groups_pending = false,
                Arrival::Waiting => {
                    if let Some(before) = before {
                        names.groups = before.groups.clone();
                    }
                }
            }
        }
        if self.peers_pending {
            match peers {
                Arrival::In(peers) => names = names.with_peers(peers),
                Arrival::Failed => names.peers_pending = false,
                Arrival::Waiting => {
                    if let Some(before) = before {
                        names.peers = before.peers.clone();
                    }
                }
            }
        }
        names
    }
    /// These names with the groups' added.
    pub fn with_groups(&self, groups: &[GroupMinimum]) -> Names {
        Names {
            peers: self.peers.clone(),
            peers_pending: self.peers_pending,
            ..Names::of(&[], groups)
        }
    }
    /// These names with the peers' (decoded as just their ID and name) added.
    pub fn with_peers(&self, peers: &[PeerMinimum]) -> Names {
        Names {
            peers: peers
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect(),
            groups: self.groups.clone(),
            group_sizes: self.group_sizes.clone(),
            peers_pending: false,
            groups_pending: self.groups_pending,
        }
    }
    fn build<'a>(
        peers: impl Iterator<Item = (&'a String, &'a String)>,
        groups: impl Iterator<Item = (&'a String, &'a String, u64)> + Clone,
    ) -> Names {
        Names {
            peers: peers.map(|(id, name)| (id.clone(), name.clone())).collect(),
            groups: groups
                .clone()
                .map(|(id, name, _)| (id.clone(), name.clone()))
                .collect(),
            group_sizes: groups.map(|(id, _, size)| (id.clone(), size)).collect(),
            peers_pending: false,
            groups_pending: false,
        }
    }
    pub fn peer(&self, id: &str) -> String {
        match self.peers.get(id) {
            Some(name) => name.clone(),
            None if self.peers_pending => t("Loading…"),
            None => tf("unknown peer {id}", &[("id", id)]),
        }
    }
    pub fn group(&self, id: &str) -> String {
        match self.groups.get(id) {
            Some(name) => name.clone(),
            None if self.groups_pending => t("Loading…"),
            None => tf("unknown group {id}", &[("id", id)]),
        }
    }
    pub fn group_list(&self, ids: &[String]) -> String {
        if self.groups_pending && ids.iter().any(|id| !self.groups.contains_key(id)) {
            return t("Loading…");
        }
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

#[cfg(test)]
mod pending_tests {
    use super::{Arrival, Names};
    use crate::base::json::decode;
    use crate::resources::{Group, GroupMinimum, PeerMinimum};

    #[test]
    fn peers_still_arriving_show_as_loading_then_by_name() {
        let groups = vec![GroupMinimum {
            id: "g1".into(),
            name: "office".into(),
            peers_count: 2,
        }];
        let peers = vec![PeerMinimum {
            id: "p1".into(),
            name: "gateway".into(),
        }];
        let pending = Names::pending().with_groups(&groups);
        assert_eq!(pending.group("g1"), "office");
        assert_eq!(pending.peer("p1"), "Loading…");
        let named = pending.with_peers(&peers);
        assert_eq!(named.peer("p1"), "gateway");
        assert_eq!(named.peer("p2"), "unknown peer p2");
        // The same as naming both at once.
        assert_eq!(named, Names::of(&peers, &groups));
    }

    #[test]
    fn groups_still_arriving_show_as_loading_once_per_list() {
        let pending = Names::pending_groups();
        assert_eq!(pending.group("g1"), "Loading…");
        assert_eq!(pending.group_list(&["g1".into(), "g2".into()]), "Loading…");
        assert_eq!(pending.group_list(&[]), "");
        let groups = vec![GroupMinimum {
            id: "g1".into(),
            name: "office".into(),
            peers_count: 2,
        }];
        let named = Names::of(&[], &groups);
        assert!(!named.groups_pending);
        assert_eq!(
            named.group_list(&["g1".into(), "g2".into()]),
            "office, unknown group g2"
        );
    }

    #[test]
    fn groups_read_as_id_name_and_size_name_as_whole_groups_do() {
        let body = br#"[{"id": "g1", "name": "office", "issued": "api", "peers_count": 2,
            "peers": [{"id": "p1", "name": "gateway"}, {"id": "p2", "name": "laptop"}],
            "resources_count": 1, "resources": [{"id": "r1", "type": "host"}]},
            {"id": "g2", "name": "empty", "peers_count": 0, "peers": null, "resources": null}]"#;
        let whole: Vec<Group> = decode(body).expect("groups");
        let slim: Vec<GroupMinimum> = decode(body).expect("groups as ID, name and size");
        assert_eq!(whole[0].peers.len(), 2);
        assert_eq!(Names::of(&[], &slim), Names::new(&[], &whole));
        assert_eq!(Names::of(&[], &slim).group_sizes["g1"], 2);
    }

    #[test]
    fn names_fill_in_as_their_lists_arrive_borrowing_a_visit_befores_meanwhile() {
        let groups = vec![GroupMinimum {
            id: "g1".into(),
            name: "office".into(),
            peers_count: 1,
        }];
        let peers = vec![PeerMinimum {
            id: "p1".into(),
            name: "gateway".into(),
        }];
        let pending = Names::pending();
        let nothing = pending.with_arrived(None, Arrival::Waiting, Arrival::Waiting);
        assert_eq!(nothing, pending);
        assert_eq!(
            (nothing.group("g1"), nothing.peer("p1")),
            ("Loading…".into(), "Loading…".into())
        );
        // Whatever order they come in, both in is the same as naming both at once.
        let groups_first = pending.with_arrived(None, Arrival::In(&groups), Arrival::Waiting);
        assert_eq!(
            (groups_first.group("g1"), groups_first.peer("p1")),
            ("office".into(), "Loading…".into())
        );
        let peers_first = pending.with_arrived(None, Arrival::Waiting, Arrival::In(&peers));
        assert_eq!(
            (peers_first.group("g1"), peers_first.peer("p1")),
            ("Loading…".into(), "gateway".into())
        );
        let both = pending.with_arrived(None, Arrival::In(&groups), Arrival::In(&peers));
        assert_eq!(both, Names::of(&peers, &groups));
        // A list that failed leaves its IDs shown, not loading for ever.
        let failed = pending.with_arrived(None, Arrival::Failed, Arrival::In(&peers));
        assert_eq!(failed.group("g1"), "unknown group g1");
        assert!(!failed.groups_pending && !failed.peers_pending);
        // Meanwhile the names of a visit before, still pending for an ID they lack.
        let before = Names::of(&peers, &groups);
        let meanwhile = pending.with_arrived(Some(&before), Arrival::Waiting, Arrival::Waiting);
        assert_eq!(meanwhile.group_list(&["g1".into()]), "office");
        assert_eq!(
            meanwhile.group_list(&["g1".into(), "g9".into()]),
            "Loading…"
        );
        assert_eq!(
            (meanwhile.peer("p1"), meanwhile.peer("p9")),
            ("gateway".into(), "Loading…".into())
        );
        // Names already whole are left as they are.
        assert_eq!(
            before.with_arrived(None, Arrival::Failed, Arrival::Failed),
            before
        );
    }
}
