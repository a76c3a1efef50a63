//! Warnings that never block: how a subnet route relates to the other enabled routes and to
//! NetBird's own overlay network. Exit nodes (`/0`) contain everything by design, so neither a
//! draft exit node nor another route's exit node produces overlap warnings.

use super::validation::{normalized_network, RouteContext, RouteDraft, RouteShape, Routing};
use crate::base::i18n::{t, tf};
use crate::resources::{Route, RouteKind};
use ipnet::IpNet;

/// NetBird's peer address space (CGNAT range).
pub const OVERLAY: &str = "100.64.0.0/10";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
}

fn prefix_of(r: &Route) -> Option<IpNet> {
    if r.kind() == RouteKind::Domain {
        return None;
    }
    normalized_network(&r.network).ok()?.parse().ok()
}

/// "gw-1", "gw-1, gw-2" or "peer group Gateways": who routes a set of routes (a list of names,
/// in the chosen language).
fn via(routes: &[&Route], ctx: &RouteContext) -> String {
    let mut names: Vec<String> = Vec::new();
    for r in routes {
        if !r.peer.is_empty() {
            let name = ctx
                .peers
                .iter()
                .find(|p| p.id == r.peer)
                .map_or(r.peer.as_str(), |p| p.name.as_str());
            names.push(name.to_string());
        }
        for g in &r.peer_groups {
            let name = ctx
                .groups
                .iter()
                .find(|x| x.id == *g)
                .map_or(g.as_str(), |x| x.name.as_str());
            names.push(tf("peer group {name}", &[("name", name)]));
        }
    }
    names.dedup();
    if names.is_empty() {
        t("no routing peer")
    } else {
        names.join(", ")
    }
}

/// For a draft (subnet/exit) against the other ENABLED routes (excluding `editing`):
/// overlaps/contains/contained-in (naming the other route's network_id and its routing peer
/// name or peer-group names); inside NetBird's overlay 100.64.0.0/10; a more specific route
/// served by a single peer while a broader covering one is HA (peer groups or several routes
/// sharing a network_id). Routes sharing network_id and prefix (one HA route) give one warning.
pub fn warnings(draft: &RouteDraft, ctx: &RouteContext) -> Vec<Warning> {
    let mut out = Vec::new();
    if draft.shape != RouteShape::Subnet {
        return out;
    }
    let Some(net) = normalized_network(&draft.network)
        .ok()
        .and_then(|n| n.parse::<IpNet>().ok())
    else {
        return out;
    };
    if net.prefix_len() == 0 {
        return out;
    }
    let mut warn = |message: String| out.push(Warning { message });

    let overlay: IpNet = OVERLAY.parse().expect("overlay prefix");
    let net_text = net.to_string();
    let args = [("network", net_text.as_str()), ("overlay", OVERLAY)];
    if overlay.contains(&net) {
        warn(tf(
            "{network} is inside NetBird's own peer network {overlay}: peers may lose their NetBird addresses to this route.",
            &args,
        ));
    } else if net.contains(&overlay) {
        warn(tf(
            "{network} contains NetBird's own peer network {overlay}: traffic to peers' NetBird addresses must not go through this route.",
            &args,
        ));
    }

    // The other enabled routes, grouped by (network_id, prefix): one HA route per group.
    let mut sets: Vec<(&str, IpNet, Vec<&Route>)> = Vec::new();
    for r in ctx.routes {
        if !r.enabled || Some(r.id.as_str()) == ctx.editing {
            continue;
        }
        let Some(p) = prefix_of(r) else { continue };
        if p.prefix_len() == 0 {
            continue;
        }
        match sets
            .iter_mut()
            .find(|(id, q, _)| *id == r.network_id && *q == p)
        {
            Some(set) => set.2.push(r),
            None => sets.push((&r.network_id, p, vec![r])),
        }
    }

    // The draft itself is HA when it uses peer groups or joins routes of its network_id.
    let draft_single = draft.routing == Routing::Peer
        && !sets
            .iter()
            .any(|(id, p, _)| *id == draft.network_id && *p == net);

    for (id, p, routes) in &sets {
        let who = via(routes, ctx);
        let other = p.to_string();
        // The names (the route's identifier, its peers) last: `tf` fills in order, so a name
        // can never fill another placeholder.
        let args = [
            ("network", net_text.as_str()),
            ("other", other.as_str()),
            ("via", who.as_str()),
            ("route", *id),
        ];
        if *p == net {
            if *id != draft.network_id {
                warn(tf(
                    "Route “{route}” (via {via}) already routes {network}: the route with the lower metric is preferred.",
                    &args,
                ));
            }
        } else if net.contains(p) {
            warn(tf(
                "{network} contains {other} of route “{route}” (via {via}); that more specific route wins for its addresses.",
                &args,
            ));
        } else if p.contains(&net) {
            warn(tf(
                "{network} lies inside {other} of route “{route}” (via {via}); this more specific route wins for its addresses.",
                &args,
            ));
            let ha = routes.len() > 1 || routes.iter().any(|r| !r.peer_groups.is_empty());
            if ha && draft_single {
                warn(tf(
                    "Route “{route}” for {other} is highly available, but this more specific route has a single routing peer: if it goes down, {network} has no failover.",
                    &args,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::{Group, Peer, PeerMinimum};

    fn route(id: &str, network_id: &str, network: &str, peer: &str, pgs: &[&str]) -> Route {
        Route {
            id: id.into(),
            network_id: network_id.into(),
            enabled: true,
            network: network.into(),
            network_type: "IPv4".into(),
            peer: peer.into(),
            peer_groups: pgs.iter().map(|s| s.to_string()).collect(),
            groups: vec!["all".into()],
            metric: 9999,
            ..Route::default()
        }
    }

    fn draft(network_id: &str, network: &str) -> RouteDraft {
        RouteDraft {
            network_id: network_id.into(),
            network: network.into(),
            peer: "p1".into(),
            groups: vec!["all".into()],
            ..RouteDraft::default()
        }
    }

    struct World(Vec<Peer>, Vec<Group>, Vec<Route>);

    fn world() -> World {
        World(
            vec![
                Peer {
                    id: "p1".into(),
                    name: "gw-1".into(),
                    ..Peer::default()
                },
                Peer {
                    id: "p2".into(),
                    name: "gw-2".into(),
                    ..Peer::default()
                },
            ],
            vec![Group {
                id: "gws".into(),
                name: "Gateways".into(),
                peers: vec![PeerMinimum {
                    id: "p2".into(),
                    name: "gw-2".into(),
                }],
                ..Group::default()
            }],
            vec![
                route("r1", "office", "10.0.0.0/16", "p1", &[]),
                route("r2", "lab", "10.10.0.0/16", "", &["gws"]),
                route("r3", "dc", "172.16.0.0/12", "p1", &[]),
                route("r4", "dc", "172.16.0.0/12", "p2", &[]),
                route("r5", "exit", "0.0.0.0/0", "p1", &[]),
                Route {
                    enabled: false,
                    ..route("r6", "old", "192.168.0.0/16", "p1", &[])
                },
                Route {
                    network_type: "Domain".into(),
                    domains: vec!["example.com".into()],
                    ..route("r7", "docs", "192.0.2.0/32", "p1", &[])
                },
            ],
        )
    }

    fn run(w: &World, d: &RouteDraft, editing: Option<&str>) -> Vec<String> {
        let ctx = RouteContext {
            peers: &w.0,
            groups: &w.1,
            routes: &w.2,
            editing,
        };
        warnings(d, &ctx).into_iter().map(|w| w.message).collect()
    }

    #[test]
    fn no_overlap_no_warning() {
        let w = world();
        assert!(run(&w, &draft("x", "10.1.0.0/16"), None).is_empty());
        // Disabled routes, domain placeholders and exit nodes do not count.
        assert!(run(&w, &draft("x", "192.168.1.0/24"), None).is_empty());
        assert!(run(&w, &draft("x", "192.0.2.0/32"), None).is_empty());
        // Invalid drafts and non-subnet shapes give nothing.
        assert!(run(&w, &draft("x", "nope"), None).is_empty());
        let exit = RouteDraft {
            shape: RouteShape::ExitNode,
            ..draft("e", "")
        };
        assert!(run(&w, &exit, None).is_empty());
        assert!(run(&w, &draft("x", "0.0.0.0/0"), None).is_empty());
        // HA partner: same network_id, same prefix.
        assert!(run(&w, &draft("office", "10.0.0.0/16"), None).is_empty());
    }

    #[test]
    fn contains_and_inside() {
        let w = world();
        let m = run(&w, &draft("x", "10.0.5.0/24"), None);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("inside 10.0.0.0/16 of route “office” (via gw-1)"));
        let m = run(&w, &draft("x", "10.0.0.0/8"), None);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("contains 10.0.0.0/16 of route “office”"));
        assert!(m[1].contains("“lab” (via peer group Gateways)"));
        let m = run(&w, &draft("x", "10.0.0.9/16"), None);
        assert!(m[0].contains("already routes 10.0.0.0/16"), "{m:?}");
        // Editing the route itself: no warning against itself.
        assert!(run(&w, &draft("office", "10.0.0.0/16"), Some("r1")).is_empty());
    }

    #[test]
    fn single_peer_inside_ha() {
        let w = world();
        // "lab" is routed by a peer group; "dc" by two routes sharing a network_id.
        for net in ["10.10.1.0/24", "172.16.1.0/24"] {
            let m = run(&w, &draft("x", net), None);
            assert_eq!(m.len(), 2, "{m:?}");
            assert!(m[1].contains("highly available"), "{m:?}");
        }
        // One HA route (two routes) gives one overlap warning naming both peers.
        let m = run(&w, &draft("x", "172.16.1.0/24"), None);
        assert!(m[0].contains("(via gw-1, gw-2)"), "{m:?}");
        // Routed by a group itself: no failover warning.
        let d = RouteDraft {
            routing: Routing::PeerGroups,
            peer_groups: vec!["gws".into()],
            ..draft("x", "10.10.1.0/24")
        };
        assert_eq!(run(&w, &d, None).len(), 1);
        // A single-peer covering route: no failover warning.
        assert_eq!(run(&w, &draft("x", "10.0.1.0/24"), None).len(), 1);
    }

    #[test]
    fn overlay() {
        let w = world();
        let m = run(&w, &draft("x", "100.64.1.0/24"), None);
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("inside NetBird's own peer network"));
        let m = run(&w, &draft("x", "100.0.0.0/8"), None);
        assert!(m[0].contains("contains NetBird's own peer network"));
        assert!(run(&w, &draft("x", "100.128.0.0/10"), None).is_empty());
    }
}
