//! What a peer takes part in, read off the account's lists: the routes it serves as routing
//! peer (by itself or through a peer group) and the policies that apply to it through its
//! groups. Pure.

use crate::resources::{Peer, Policy, Route};

/// How a peer serves a route.
#[derive(Clone, Debug, PartialEq)]
pub struct Served<'a> {
    pub route: &'a Route,
    /// Through one of its groups (`peer_groups`) rather than as the route's one peer.
    pub via_group: bool,
    /// No other route of the same network has another router: deleting the peer leaves the
    /// network unrouted.
    pub alone: bool,
}

/// The routes `peer` routes, in the routes' order.
pub fn routes_served<'a>(peer: &Peer, routes: &'a [Route]) -> Vec<Served<'a>> {
    let in_group = |ids: &[String]| ids.iter().any(|id| peer.groups.iter().any(|g| &g.id == id));
    routes
        .iter()
        .filter_map(|r| {
            let direct = r.peer == peer.id;
            let via_group = !direct && in_group(&r.peer_groups);
            (direct || via_group).then(|| {
                let others = routes.iter().any(|o| {
                    o.id != r.id
                        && o.network_id == r.network_id
                        && (o.peer != peer.id || !o.peer_groups.is_empty())
                });
                Served {
                    route: r,
                    via_group,
                    alone: direct && !others,
                }
            })
        })
        .collect()
}

/// Which side of a policy a peer is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Source,
    Destination,
    Both,
}

/// The policies with a rule whose sources or destinations hold one of the peer's groups.
pub fn policies_applying<'a>(peer: &Peer, policies: &'a [Policy]) -> Vec<(&'a Policy, Side)> {
    let mine = |groups: &[crate::resources::GroupMinimum]| {
        groups
            .iter()
            .any(|g| peer.groups.iter().any(|p| p.id == g.id))
    };
    policies
        .iter()
        .filter_map(|p| {
            let source = p.rules.iter().any(|r| mine(&r.sources));
            let destination = p.rules.iter().any(|r| mine(&r.destinations));
            match (source, destination) {
                (true, true) => Some((p, Side::Both)),
                (true, false) => Some((p, Side::Source)),
                (false, true) => Some((p, Side::Destination)),
                (false, false) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::{GroupMinimum, PolicyRule};

    fn group(id: &str) -> GroupMinimum {
        GroupMinimum {
            id: id.into(),
            name: id.to_uppercase(),
            peers_count: 1,
        }
    }

    fn route(id: &str, network_id: &str, peer: &str, peer_groups: &[&str]) -> Route {
        Route {
            id: id.into(),
            network_id: network_id.into(),
            peer: peer.into(),
            peer_groups: peer_groups.iter().map(|s| s.to_string()).collect(),
            ..Route::default()
        }
    }

    #[test]
    fn routes_served_directly_through_groups_and_alone() {
        let peer = Peer {
            id: "p1".into(),
            groups: vec![group("g-routers")],
            ..Peer::default()
        };
        let routes = [
            route("r1", "office", "p1", &[]),
            route("r2", "lab", "p1", &[]),
            route("r3", "lab", "p2", &[]),
            route("r4", "dc", "", &["g-routers"]),
            route("r5", "other", "p2", &[]),
        ];
        let served = routes_served(&peer, &routes);
        let got: Vec<(&str, bool, bool)> = served
            .iter()
            .map(|s| (s.route.id.as_str(), s.via_group, s.alone))
            .collect();
        assert_eq!(
            got,
            [
                ("r1", false, true),
                ("r2", false, false),
                ("r4", true, false)
            ]
        );
    }

    #[test]
    fn policies_by_side() {
        let peer = Peer {
            id: "p1".into(),
            groups: vec![group("devs")],
            ..Peer::default()
        };
        let policy = |id: &str, src: &str, dst: &str| Policy {
            id: id.into(),
            rules: vec![PolicyRule {
                sources: vec![group(src)],
                destinations: vec![group(dst)],
                ..PolicyRule::default()
            }],
            ..Policy::default()
        };
        let policies = [
            policy("a", "devs", "servers"),
            policy("b", "ops", "devs"),
            policy("c", "devs", "devs"),
            policy("d", "ops", "servers"),
        ];
        let got: Vec<(&str, Side)> = policies_applying(&peer, &policies)
            .into_iter()
            .map(|(p, s)| (p.id.as_str(), s))
            .collect();
        assert_eq!(
            got,
            [
                ("a", Side::Source),
                ("b", Side::Destination),
                ("c", Side::Both)
            ]
        );
    }
}
