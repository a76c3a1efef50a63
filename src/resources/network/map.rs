//! The network map's layout: three columns, groups | routing peers | networks. Policies are
//! arcs between groups on the left (arrow at the destination, at both ends when bidirectional);
//! routes run distribution group → routing peer (or peer group) → network. Nodes sit on a
//! fixed grid, so none overlaps another whatever the account. Peers are never drawn one by one
//! except as routing peers, so 10,000 peers make no bigger a map. Pure.

use super::access::ha_key;
use super::matrix::{cell_text, matrix};
use super::Net;
use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use crate::resources::Route;
use ipnet::IpNet;
use std::collections::{HashMap, HashSet};

pub const NODE_W: i32 = 220;
pub const NODE_H: i32 = 34;
const ROW: i32 = 46;
/// Room on the left for the policy arcs.
const ARC_ROOM: i32 = 190;
const COLUMN_GAP: i32 = 130;
const TOP: i32 = 20;
/// More networks than this are drawn as one box per router (its routes list).
pub const MAX_NETWORKS: usize = 150;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Group,
    Router,
    Network,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub label: String,
    pub sub: String,
    /// Top left corner.
    pub x: i32,
    pub y: i32,
    /// What it links to, inside the console.
    pub href: String,
    /// Something to look at: a network with one routing peer where several were meant, an
    /// overlapping network.
    pub marked: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// A policy between two groups; `both` when bidirectional.
    Policy { both: bool },
    /// A route's distribution group to its routing peer.
    Distribution,
    /// A routing peer to its network.
    Routes,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    pub from: usize,
    pub to: usize,
    pub label: String,
    pub href: String,
    /// SVG path data.
    pub path: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub width: i32,
    pub height: i32,
}

/// What the map shows: everything, or what touches one group or one peer's groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    All,
    Group(String),
    Peer(String),
}

fn route_router(r: &Route) -> Option<(String, bool)> {
    if !r.peer.is_empty() {
        Some((r.peer.clone(), false))
    } else {
        r.peer_groups.first().map(|g| (g.clone(), true))
    }
}

pub fn layout(net: &Net, focus: &Focus) -> Layout {
    let wanted: Option<Vec<&str>> = match focus {
        Focus::All => None,
        Focus::Group(g) => Some(vec![g.as_str()]),
        Focus::Peer(p) => Some(net.groups_of(p).to_vec()),
    };
    let keep = |id: &str| wanted.as_ref().is_none_or(|w| w.contains(&id));

    // Policies between groups, one edge per ordered pair (a bidirectional rule: one edge with
    // arrows at both ends, from the rule's source).
    let m = matrix(net);
    let mut group_ids: Vec<&str> = Vec::new();
    let mut policy_edges: Vec<(&str, &str, bool, String, String)> = Vec::new();
    for (i, from) in m.groups.iter().enumerate() {
        for (j, to) in m.groups.iter().enumerate() {
            let grants: Vec<_> = m
                .cell(i, j)
                .iter()
                .filter(|g| g.way == super::access::Way::Out)
                .copied()
                .collect();
            if grants.is_empty() || !(keep(from) || keep(to)) {
                continue;
            }
            let both = grants.iter().all(|g| g.rule.bidirectional);
            let href = format!(
                "/policies/{}",
                crate::base::listing::encode_query_value(&grants[0].policy.id)
            );
            let names: Vec<&str> = grants.iter().map(|g| g.policy.name.as_str()).collect();
            let label = format!("{} — {}", cell_text(&grants), names.join(", "));
            policy_edges.push((from, to, both, label, href));
            for g in [*from, *to] {
                if !group_ids.contains(&g) {
                    group_ids.push(g);
                }
            }
        }
    }

    // Routes: distribution groups → router → network (each found by a map: 1,000 routes).
    let enabled: Vec<&Route> = net.routes.iter().filter(|r| r.enabled).collect();
    let mut routers: Vec<(String, bool)> = Vec::new();
    let mut router_at: HashMap<(String, bool), usize> = HashMap::new();
    let mut networks: Vec<(&str, String)> = Vec::new();
    let mut network_at: HashMap<(&str, String), usize> = HashMap::new();
    let mut network_first: Vec<&Route> = Vec::new();
    let mut network_routers: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut route_edges: Vec<(&str, usize, usize, &Route)> = Vec::new();
    let mut listed: HashSet<&str> = group_ids.iter().copied().collect();
    for r in &enabled {
        let Some(router) = route_router(r) else {
            continue;
        };
        let touches = r.groups.iter().any(|g| keep(g))
            || (router.1 && keep(&router.0))
            || matches!(focus, Focus::Peer(p) if *p == router.0);
        if !touches {
            continue;
        }
        let ri = *router_at.entry(router.clone()).or_insert_with(|| {
            routers.push(router);
            routers.len() - 1
        });
        let key = ha_key(r);
        let ni = *network_at.entry(key.clone()).or_insert_with(|| {
            networks.push(key);
            network_first.push(r);
            networks.len() - 1
        });
        let list = network_routers.entry(ni).or_default();
        if !list.contains(&ri) {
            list.push(ri);
        }
        for g in &r.groups {
            if listed.insert(g.as_str()) {
                group_ids.push(g.as_str());
            }
            route_edges.push((g.as_str(), ri, ni, r));
        }
    }
    group_ids.sort_by(|a, b| net.group_name(a).cmp(net.group_name(b)));

    // Nodes on the grid.
    let col = |c: i32| ARC_ROOM + c * (NODE_W + COLUMN_GAP);
    let row = |i: usize| TOP + i as i32 * ROW;
    let mut nodes: Vec<Node> = Vec::new();
    let mut group_at: HashMap<&str, usize> = HashMap::new();
    for (i, g) in group_ids.iter().enumerate() {
        group_at.insert(g, nodes.len());
        let size = net.group(g).map_or(0, |g| g.peers.len());
        nodes.push(Node {
            kind: NodeKind::Group,
            label: net.group_name(g).to_string(),
            sub: crate::base::format::peer_count(size as u64),
            x: col(0),
            y: row(i),
            href: format!("/groups/{}", crate::base::listing::encode_query_value(g)),
            marked: net.group(g).is_none(),
        });
    }
    let router_base = nodes.len();
    for (i, (id, is_group)) in routers.iter().enumerate() {
        let (label, sub, href) = if *is_group {
            let size = net.group(id).map_or(0, |g| g.peers.len());
            (
                net.group_name(id).to_string(),
                if size == 1 {
                    t("peer group · 1 peer")
                } else {
                    tf(
                        "peer group · {count} peers",
                        &[("count", &thousands(size as u64))],
                    )
                },
                format!("/groups/{}", crate::base::listing::encode_query_value(id)),
            )
        } else {
            let online = net.peer(id).is_some_and(|p| p.connected);
            (
                net.peer_name(id).to_string(),
                if online {
                    t("routing peer · online")
                } else {
                    t("routing peer · offline")
                },
                format!("/peers/{}", crate::base::listing::encode_query_value(id)),
            )
        };
        let offline = !*is_group && !net.peer(id).is_some_and(|p| p.connected);
        nodes.push(Node {
            kind: NodeKind::Router,
            label,
            sub,
            x: col(1),
            y: row(i),
            href,
            marked: offline,
        });
    }
    let network_base = nodes.len();
    let parsed: Vec<Option<IpNet>> = networks
        .iter()
        .map(|(_, n)| n.parse::<IpNet>().ok())
        .collect();
    // Past `MAX_NETWORKS` networks, each router's networks are one box (its routes list).
    let aggregate = networks.len() > MAX_NETWORKS;
    if aggregate {
        for (i, (id, is_group)) in routers.iter().enumerate() {
            let networks_here = network_routers.values().filter(|v| v.contains(&i)).count();
            let via = crate::base::listing::encode_query_value(id);
            nodes.push(Node {
                kind: NodeKind::Network,
                label: if networks_here == 1 {
                    t("1 network")
                } else {
                    tf(
                        "{count} networks",
                        &[("count", &thousands(networks_here as u64))],
                    )
                },
                sub: tf(
                    "routed by {router}",
                    &[(
                        "router",
                        if *is_group {
                            net.group_name(id)
                        } else {
                            net.peer_name(id)
                        },
                    )],
                ),
                x: col(2),
                y: row(i),
                href: format!("/routes?via={via}"),
                marked: false,
            });
        }
    } else {
        for (i, (id, network)) in networks.iter().enumerate() {
            let routers_here: u64 = network_routers
                .get(&i)
                .map(|v| {
                    v.iter()
                        .map(|&ri| {
                            let (rid, is_group) = &routers[ri];
                            if *is_group {
                                net.group(rid).map_or(0, |g| g.peers.len() as u64)
                            } else {
                                1
                            }
                        })
                        .sum()
                })
                .unwrap_or(0);
            let overlaps = parsed[i].is_some_and(|a| {
                a.prefix_len() > 0
                    && parsed.iter().enumerate().any(|(j, b)| {
                        j != i
                            && b.is_some_and(|b| {
                                b.prefix_len() > 0 && (a.contains(&b) || b.contains(&a))
                            })
                    })
            });
            let mut notes = vec![if routers_here > 1 {
                t("HA")
            } else {
                t("one routing peer")
            }];
            if overlaps {
                notes.push(t("overlaps"));
            }
            let first = network_first.get(i);
            nodes.push(Node {
                kind: NodeKind::Network,
                label: network.clone(),
                sub: format!("{id} · {}", notes.join(" · ")),
                x: col(2),
                y: row(i),
                href: first.map_or("/routes".into(), |r| {
                    format!(
                        "/routes/{}",
                        crate::base::listing::encode_query_value(&r.id)
                    )
                }),
                marked: overlaps,
            });
        }
    }

    // Edges.
    let mut edges = Vec::new();
    let mid_y = |n: &Node| n.y + NODE_H / 2;
    for (from, to, both, label, href) in policy_edges {
        let (a, b) = (group_at[from], group_at[to]);
        let (ya, yb) = (mid_y(&nodes[a]), mid_y(&nodes[b]));
        let x = nodes[a].x;
        let bulge = (24 + (ya - yb).abs() / 4).min(ARC_ROOM - 16);
        let path = if a == b {
            format!(
                "M{x} {} C{} {} {} {} {x} {}",
                ya - 8,
                x - 60,
                ya - 30,
                x - 60,
                ya + 30,
                ya + 8
            )
        } else {
            format!("M{x} {ya} C{} {ya} {} {yb} {x} {yb}", x - bulge, x - bulge)
        };
        edges.push(Edge {
            kind: EdgeKind::Policy { both },
            from: a,
            to: b,
            label,
            href,
            path,
        });
    }
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for (g, ri, ni, r) in route_edges {
        let target = if aggregate { ri } else { ni };
        let (a, b, c) = (group_at[g], router_base + ri, network_base + target);
        let href = format!(
            "/routes/{}",
            crate::base::listing::encode_query_value(&r.id)
        );
        for (from, to, kind) in [(a, b, EdgeKind::Distribution), (b, c, EdgeKind::Routes)] {
            if !seen.insert((from, to)) {
                continue;
            }
            let (x1, y1) = (nodes[from].x + NODE_W, mid_y(&nodes[from]));
            let (x2, y2) = (nodes[to].x, mid_y(&nodes[to]));
            let cx = (x1 + x2) / 2;
            edges.push(Edge {
                kind,
                from,
                to,
                label: format!("{} · {}", r.network_id, r.description),
                href: href.clone(),
                path: format!("M{x1} {y1} C{cx} {y1} {cx} {y2} {x2} {y2}"),
            });
        }
    }
    // Aggregated, the networks column holds a box per router, not per network.
    let network_rows = if aggregate {
        routers.len()
    } else {
        networks.len()
    };
    let rows = group_ids.len().max(routers.len()).max(network_rows).max(1);
    Layout {
        nodes,
        edges,
        width: col(2) + NODE_W + 20,
        height: row(rows) + TOP,
    }
}

/// A rectangle of the map, in the layout's units: what the map shows (its `viewBox`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A map taller than this many times its box (at its box's shape) starts at its top, at full
/// width: 1,700 boxes fitted into one screen would each be a pixel high.
const READABLE: f64 = 2.0;

/// Below this many screen pixels per map unit a box's words are under 3.5 pixels high (its
/// label is 13 units): they are not drawn, and the boxes and links are drawn as bare shapes.
pub const WORDS_SCALE: f64 = 0.25;

impl View {
    /// `factor` times as wide (under 1: zoomed in), keeping (`cx`, `cy`) where it is.
    pub fn zoom(self, factor: f64, cx: f64, cy: f64) -> View {
        let w = (self.w * factor).clamp(200.0, 40_000.0);
        let h = self.h * (w / self.w);
        View {
            x: cx - (cx - self.x) * (w / self.w),
            y: cy - (cy - self.y) * (h / self.h),
            w,
            h,
        }
    }

    /// Kept over `map`: its middle never leaves the map, so no pan or zoom loses it.
    pub fn over(self, map: View) -> View {
        let (cx, cy) = (self.x + self.w / 2.0, self.y + self.h / 2.0);
        if !(cx.is_finite() && cy.is_finite()) {
            return map;
        }
        View {
            x: cx.max(map.x).min(map.x + map.w) - self.w / 2.0,
            y: cy.max(map.y).min(map.y + map.h) - self.h / 2.0,
            ..self
        }
    }

    /// Screen pixels per map unit with this view shown in a `width` × `height` box (the drawing
    /// keeps its shape: the tighter side sets the scale).
    pub fn scale(self, width: f64, height: f64) -> f64 {
        (width / self.w).min(height / self.h)
    }

    /// Whether the boxes' words can be read in a `width` × `height` box (`WORDS_SCALE`).
    pub fn shows_words(self, width: f64, height: f64) -> bool {
        self.scale(width, height) >= WORDS_SCALE
    }

    fn touches(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
        x0 < self.x + self.w && self.x < x1 && y0 < self.y + self.h && self.y < y1
    }

    /// Where drawing stops for this view: half a view more on each side, on a grid of half
    /// views, so that panning draws anew only each half view crossed, not on each move.
    pub fn drawn_area(self) -> View {
        let (sx, sy) = (self.w / 2.0, self.h / 2.0);
        let x = ((self.x - sx) / sx).floor() * sx;
        let y = ((self.y - sy) / sy).floor() * sy;
        let x1 = ((self.x + self.w + sx) / sx).ceil() * sx;
        let y1 = ((self.y + self.h + sy) / sy).ceil() * sy;
        View {
            x,
            y,
            w: x1 - x,
            h: y1 - y,
        }
    }
}

impl Layout {
    /// The whole map.
    pub fn full(&self) -> View {
        View {
            x: 0.0,
            y: 0.0,
            w: f64::from(self.width.max(400)),
            h: f64::from(self.height.max(200)),
        }
    }

    /// Where the map starts in a box `aspect` (height / width) in shape: the whole map, unless
    /// it is so tall that it would be unreadable; then its full width, from the top.
    pub fn start(&self, aspect: f64) -> View {
        let full = self.full();
        let aspect = if aspect.is_finite() && aspect > 0.0 {
            aspect
        } else {
            0.5
        };
        if full.h <= full.w * aspect * READABLE {
            full
        } else {
            View {
                h: full.w * aspect,
                ..full
            }
        }
    }

    /// The nodes and the edges (their indices, in drawing order) with any part in `area`. An
    /// edge's part is taken as the box around its two nodes and its arc (a policy's bulges
    /// left of its groups).
    pub fn within(&self, area: View) -> (Vec<usize>, Vec<usize>) {
        let (w, h) = (f64::from(NODE_W), f64::from(NODE_H));
        let nodes = (0..self.nodes.len())
            .filter(|&i| {
                let n = &self.nodes[i];
                let (x, y) = (f64::from(n.x), f64::from(n.y));
                area.touches(x, y, x + w, y + h)
            })
            .collect();
        let edges = (0..self.edges.len())
            .filter(|&i| {
                let e = &self.edges[i];
                let (Some(a), Some(b)) = (self.nodes.get(e.from), self.nodes.get(e.to)) else {
                    return false;
                };
                let (xa, ya, xb, yb) = (
                    f64::from(a.x),
                    f64::from(a.y),
                    f64::from(b.x),
                    f64::from(b.y),
                );
                let room = f64::from(ARC_ROOM);
                area.touches(
                    xa.min(xb) - room,
                    ya.min(yb) - room,
                    xa.max(xb) + w,
                    ya.max(yb) + h + room,
                )
            })
            .collect();
        (nodes, edges)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    fn sample() -> Account {
        let mut bidi = rule("ping", "icmp", &["servers"], &["all"]);
        bidi.bidirectional = true;
        let mut a = account(vec![
            policy("web", vec![rule("web", "tcp", &["devs"], &["servers"])]),
            policy("ping", vec![bidi]),
            policy("self", vec![rule("mesh", "all", &["dbs"], &["dbs"])]),
        ]);
        let route = |id: &str, net_id: &str, network: &str, peer: &str, groups: &[&str]| Route {
            id: id.into(),
            network_id: net_id.into(),
            network: network.into(),
            peer: peer.into(),
            enabled: true,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            ..Route::default()
        };
        a.routes = vec![
            route("r1", "office", "10.0.0.0/16", "p3", &["devs"]),
            route("r2", "office", "10.0.0.0/16", "p4", &["devs"]),
            route("r3", "lab", "10.0.5.0/24", "p4", &["servers", "devs"]),
            Route {
                peer_groups: vec!["servers".into()],
                ..route("r4", "vpc", "10.9.0.0/16", "", &["empty"])
            },
        ];
        a
    }

    fn overlap(a: &Node, b: &Node) -> bool {
        a.x < b.x + NODE_W && b.x < a.x + NODE_W && a.y < b.y + NODE_H && b.y < a.y + NODE_H
    }

    #[test]
    fn no_two_nodes_overlap_and_all_fit() {
        let a = sample();
        let l = layout(&a.net(), &Focus::All);
        for (i, x) in l.nodes.iter().enumerate() {
            assert!(x.x >= 0 && x.y >= 0 && x.x + NODE_W <= l.width && x.y + NODE_H <= l.height);
            for y in &l.nodes[i + 1..] {
                assert!(!overlap(x, y), "{x:?} overlaps {y:?}");
            }
        }
        for e in &l.edges {
            assert!(e.from < l.nodes.len() && e.to < l.nodes.len());
            assert!(e.path.starts_with('M') && !e.path.contains("NaN"));
        }
    }

    #[test]
    fn groups_routers_and_networks_in_their_columns() {
        let a = sample();
        let l = layout(&a.net(), &Focus::All);
        let of = |k: NodeKind| {
            l.nodes
                .iter()
                .filter(|n| n.kind == k)
                .map(|n| n.label.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            of(NodeKind::Group),
            ["All", "dbs-name", "devs-name", "empty-name", "servers-name"]
        );
        assert_eq!(of(NodeKind::Router), ["p3-name", "p4-name", "servers-name"]);
        assert_eq!(
            of(NodeKind::Network),
            ["10.0.0.0/16", "10.0.5.0/24", "10.9.0.0/16"]
        );
        let office = l.nodes.iter().find(|n| n.label == "10.0.0.0/16").unwrap();
        assert!(office.sub.contains("HA") && office.sub.contains("overlaps") && office.marked);
        // Counted in words: one, or a number.
        let sub = |label: &str| {
            l.nodes
                .iter()
                .find(|n| n.label == label)
                .unwrap()
                .sub
                .clone()
        };
        assert_eq!(
            (sub("dbs-name"), sub("devs-name")),
            ("1 peer".into(), "2 peers".into())
        );
        // The bidirectional ping is one edge with both ends.
        let ping: Vec<_> = l
            .edges
            .iter()
            .filter(|e| e.label.contains("ping"))
            .collect();
        assert_eq!(ping.len(), 1);
        assert_eq!(ping[0].kind, EdgeKind::Policy { both: true });
        assert!(ping[0].href.starts_with("/policies/"));
        // One edge per pair: devs → p4 is drawn once though two routes run it.
        let devs = l.nodes.iter().position(|n| n.label == "devs-name").unwrap();
        let p4 = l.nodes.iter().position(|n| n.label == "p4-name").unwrap();
        assert_eq!(
            l.edges
                .iter()
                .filter(|e| e.from == devs && e.to == p4)
                .count(),
            1
        );
    }

    #[test]
    fn many_networks_are_one_box_per_router() {
        let mut a = sample();
        a.routes = (0..MAX_NETWORKS + 50)
            .map(|i| Route {
                id: format!("r{i}"),
                network_id: format!("net-{i}"),
                network: format!("10.{}.{}.0/24", i / 256, i % 256),
                peer: if i % 2 == 0 { "p3".into() } else { "p4".into() },
                enabled: true,
                groups: vec!["devs".into()],
                ..Route::default()
            })
            .collect();
        let l = layout(&a.net(), &Focus::All);
        let networks: Vec<&Node> = l
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Network)
            .collect();
        assert_eq!(networks.len(), 2);
        assert_eq!(networks[0].label, "100 networks");
        assert!(networks[0].href.starts_with("/routes?via=p3"));
        // Each router has one edge to its box.
        let boxes: Vec<usize> = l
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Network)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(l.edges.iter().filter(|e| boxes.contains(&e.to)).count(), 2);
        // The map ends under its last row of boxes, not a row per network further down.
        let lowest = l.nodes.iter().map(|n| n.y + NODE_H).max().unwrap();
        assert!(
            l.height - lowest <= ROW + TOP,
            "{} under {lowest}",
            l.height
        );
        // A router of one network: "1 network".
        a.routes[0].peer = "p5".into();
        let l = layout(&a.net(), &Focus::All);
        let labels: Vec<&str> = l
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Network)
            .map(|n| n.label.as_str())
            .collect();
        assert_eq!(labels, ["1 network", "100 networks", "99 networks"]);
    }

    #[test]
    fn focus_keeps_what_touches_the_group_or_peer() {
        let a = sample();
        let net = a.net();
        let l = layout(&net, &Focus::Group("dbs".into()));
        let labels: Vec<&str> = l.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["dbs-name"]);
        assert_eq!(l.edges.len(), 1);
        // p1 is in devs: the web policy and the routes distributed to devs.
        let l = layout(&net, &Focus::Peer("p1".into()));
        assert!(l.nodes.iter().any(|n| n.label == "servers-name"));
        assert!(l.nodes.iter().any(|n| n.label == "10.0.5.0/24"));
        assert!(!l.nodes.iter().any(|n| n.label == "10.9.0.0/16"));
    }

    #[test]
    fn a_tall_map_starts_at_its_top_and_draws_only_what_is_near_the_view() {
        // 400 groups, each its own policy's source and destination: 400 rows.
        let policies = (0..400)
            .map(|i| {
                let g = format!("g{i:03}");
                policy(&g, vec![rule(&g, "all", &[&g], &[&g])])
            })
            .collect();
        let mut a = account(policies);
        a.groups
            .extend((0..400).map(|i| group(&format!("g{i:03}"), &["p1"])));
        let l = layout(&a.net(), &Focus::All);
        assert!(l.nodes.len() >= 400, "{} nodes", l.nodes.len());
        let full = l.full();
        // In a box half as high as wide the whole map would be unreadable: the top, full width.
        let start = l.start(0.5);
        assert_eq!((start.x, start.y, start.w), (0.0, 0.0, full.w));
        assert!((start.h - full.w * 0.5).abs() < 1e-9 && start.h < full.h);
        let (nodes, edges) = l.within(start.drawn_area());
        assert!(
            !nodes.is_empty() && nodes.len() < l.nodes.len() / 10,
            "{}",
            nodes.len()
        );
        assert!(
            !edges.is_empty() && edges.len() < l.edges.len() / 10,
            "{}",
            edges.len()
        );
        // What is drawn is what touches the area, and all of it.
        let area = start.drawn_area();
        for (i, n) in l.nodes.iter().enumerate() {
            let inside = f64::from(n.y) < area.y + area.h && f64::from(n.y + NODE_H) > area.y;
            assert_eq!(nodes.contains(&i), inside, "{n:?} against {area:?}");
        }
        // The whole map: everything.
        let (nodes, edges) = l.within(full);
        assert_eq!((nodes.len(), edges.len()), (l.nodes.len(), l.edges.len()));
        // A small map starts whole.
        let small = layout(&sample().net(), &Focus::All);
        assert_eq!(small.start(0.5), small.full());
        // Words where they can be read: at the start in a 1,000 × 500 pixel box, not once the
        // 400 rows are fitted into it (a pixel per row at most).
        assert!(start.shows_words(1000.0, 500.0));
        assert!(!full.shows_words(1000.0, 500.0));
        assert!(full.scale(1000.0, 500.0) < 0.05);
    }

    #[test]
    fn the_tighter_side_of_the_box_sets_the_scale() {
        let v = View {
            x: 0.0,
            y: 0.0,
            w: 1000.0,
            h: 500.0,
        };
        assert_eq!(v.scale(500.0, 500.0), 0.5);
        assert_eq!(v.scale(2000.0, 250.0), 0.5);
        assert!(v.shows_words(250.0, 1000.0));
        assert!(!v.shows_words(249.0, 1000.0));
        // Zoomed in 4 times from there, words again.
        let closer = v.zoom(0.25, 500.0, 250.0);
        assert!(closer.shows_words(249.0, 1000.0));
    }

    #[test]
    fn an_edge_crossing_the_view_is_drawn_though_both_its_ends_are_outside() {
        let a = sample();
        let mut l = layout(&a.net(), &Focus::All);
        // Move one end far below, the other far above: the edge between them crosses y = 0.
        let crossing = l.edges.iter().position(|e| e.from != e.to).unwrap();
        let (from, to) = (l.edges[crossing].from, l.edges[crossing].to);
        l.nodes[from].y = -5_000;
        l.nodes[to].y = 5_000;
        let band = View {
            x: 0.0,
            y: -10.0,
            w: 2_000.0,
            h: 20.0,
        };
        let (nodes, edges) = l.within(band);
        assert!(!nodes.contains(&from) && !nodes.contains(&to));
        assert!(edges.contains(&crossing), "{edges:?}");
    }

    #[test]
    fn the_drawn_area_holds_the_view_and_moves_by_half_views() {
        let v = View {
            x: 130.0,
            y: 1_010.0,
            w: 1_000.0,
            h: 500.0,
        };
        let a = v.drawn_area();
        assert!(a.x <= v.x - 500.0 && a.y <= v.y - 250.0);
        assert!(a.x + a.w >= v.x + v.w + 500.0 && a.y + a.h >= v.y + v.h + 250.0);
        // A small pan inside the same half view: the same area (nothing drawn anew).
        let moved = View {
            x: 160.0,
            y: 1_050.0,
            ..v
        };
        assert_eq!(moved.drawn_area(), a);
        // Kept over a map: its middle stays on it.
        let map = View {
            x: 0.0,
            y: 0.0,
            w: 1_000.0,
            h: 4_000.0,
        };
        assert_eq!(v.over(map), v);
        let far = View {
            x: -9_000.0,
            y: 9_000.0,
            ..v
        }
        .over(map);
        assert_eq!((far.x, far.y, far.w), (-500.0, 3_750.0, 1_000.0));
        let lost = View { x: f64::NAN, ..v };
        assert_eq!(lost.over(map), map);
        // Zooming keeps the point under the pointer.
        let z = v.zoom(0.5, 630.0, 1_260.0);
        assert_eq!((z.w, z.h), (500.0, 250.0));
        assert!((z.x - 380.0).abs() < 1e-9 && (z.y - 1_135.0).abs() < 1e-9);
    }
}
