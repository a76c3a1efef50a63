//! Agreement between the console's route validation (`netbird_console::resources::route::validation`) and
//! netbird-mock, an independent reading of the same server rules. No browser: HTTP only.
//!
//! For every draft in the table:
//! - the client accepts → each request it builds is POSTed and must get 200 (then deleted);
//! - the client refuses → the body a naive form would send is POSTed and must be refused
//!   (400/404/409/422), and the server's message must map to one of the fields the client
//!   flagged (when the message is one `server_error_fields` knows);
//! - the client refuses on purpose where the server has a gap → the mock must ACCEPT the naive
//!   body ("client stricter by design", with the reason), and the created route is deleted.
//!
//! Needs `target/debug/netbird-mock` (`cargo build -p netbird-mock`) and a built `dist/`.

use netbird_console::resources::route::validation::{
    server_error_fields, unchecked_request, validate, RouteContext, RouteDraft, RouteRequest,
    RouteShape, Routing,
};
use netbird_console::resources::{Group, Peer, Route};
use netbird_e2e::Mock;
use serde_json::Value;

/// Reads a mock answer into the console's models, as the console does (`json::decode`).
fn decode<T: netbird_console::base::json::FromJson>(
    v: &Value,
) -> Result<T, netbird_console::base::json::Error> {
    netbird_console::base::json::decode_str(&v.to_string())
}

/// What the table says the client must do with a draft.
enum Want {
    /// Valid: the mock must accept every request.
    Ok,
    /// Invalid, with (at least) this field flagged: the mock must refuse the naive body.
    Err(&'static str),
    /// The client refuses this field on purpose; the mock accepts the naive body.
    Stricter(&'static str, &'static str),
}

struct Case {
    name: String,
    draft: RouteDraft,
    want: Want,
}

/// Facts about the seeded data, read through the API (never from the mock's source).
struct Seed {
    peers: Vec<Peer>,
    groups: Vec<Group>,
    routes: Vec<Route>,
}

impl Seed {
    fn group(&self, name: &str) -> String {
        self.groups
            .iter()
            .find(|g| g.name == name)
            .unwrap_or_else(|| panic!("seeded group {name} missing"))
            .id
            .clone()
    }

    fn routes_named(&self, network_id: &str) -> Vec<&Route> {
        let r: Vec<&Route> = self
            .routes
            .iter()
            .filter(|r| r.network_id == network_id)
            .collect();
        assert!(!r.is_empty(), "seeded route {network_id} missing");
        r
    }

    /// Peers that serve no seeded route, directly or through a peer group.
    fn free_peers(&self) -> Vec<String> {
        let mut busy: Vec<&str> = Vec::new();
        for r in &self.routes {
            busy.push(&r.peer);
            for g in &r.peer_groups {
                if let Some(g) = self.groups.iter().find(|x| x.id == *g) {
                    busy.extend(g.peers.iter().map(|p| p.id.as_str()));
                }
            }
        }
        self.peers
            .iter()
            .filter(|p| !busy.contains(&p.id.as_str()))
            .map(|p| p.id.clone())
            .collect()
    }
}

fn get(mock: &Mock, token: &str, path: &str) -> Value {
    let (status, body) = mock.api("GET", path, token, None);
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

fn post(mock: &Mock, token: &str, req: &RouteRequest) -> (u16, Value) {
    let body = serde_json::to_value(req).expect("request JSON");
    mock.api("POST", "/api/routes", token, Some(&body))
}

fn delete(mock: &Mock, token: &str, created: &Value) {
    let id = created["id"].as_str().expect("created route has an id");
    let (status, body) = mock.api("DELETE", &format!("/api/routes/{id}"), token, None);
    assert_eq!(status, 200, "DELETE {id}: {body}");
}

fn cases(s: &Seed) -> Vec<Case> {
    let all = s.group("All");
    let free = s.free_peers();
    assert!(free.len() >= 2, "need two peers that route nothing");
    let (f1, f2) = (free[0].clone(), free[1].clone());
    let office = s.routes_named("office-berlin");
    let office_peer = office[0].peer.clone();
    let office_net = office[0].network.clone();
    let aws = s.routes_named("aws-eu-central-1")[0];
    let aws_net = aws.network.clone();
    let aws_group = aws.peer_groups[0].clone();
    let aws_member = s
        .groups
        .iter()
        .find(|g| g.id == aws_group)
        .and_then(|g| g.peers.first())
        .expect("aws peer group has members")
        .id
        .clone();
    let github = s.routes_named("saas-github")[0];
    let github_domains = github.domains.clone();
    let github_member = s
        .groups
        .iter()
        .find(|g| g.id == github.peer_groups[0])
        .and_then(|g| g.peers.first())
        .expect("github peer group has members")
        .id
        .clone();
    let buecher = s.routes_named("buecher")[0];
    let exit = s
        .routes
        .iter()
        .find(|r| r.network == "0.0.0.0/0" && r.enabled)
        .expect("a seeded exit node");
    let legacy = s
        .routes
        .iter()
        .find(|r| !r.enabled && r.network != "0.0.0.0/0" && r.domains.is_empty())
        .expect("a disabled seeded network route");
    let unknown = "d0esn0texist0000000a".to_string();

    let base = RouteDraft {
        network_id: "agree".into(),
        network: "10.200.0.0/24".into(),
        peer: f1.clone(),
        groups: vec![all.clone()],
        ..RouteDraft::default()
    };
    let subnet = |id: &str, net: &str, peer: &str| RouteDraft {
        network_id: id.into(),
        network: net.into(),
        peer: peer.into(),
        ..base.clone()
    };
    let doms = |list: &str, peer: &str| RouteDraft {
        shape: RouteShape::Domains,
        domains: list.into(),
        network: String::new(),
        peer: peer.into(),
        ..base.clone()
    };
    let by_groups = |net: &str, groups: Vec<String>| RouteDraft {
        routing: Routing::PeerGroups,
        peer_groups: groups,
        peer: String::new(),
        network: net.into(),
        ..base.clone()
    };
    let exit_node = |id: &str, v6: bool, peer: &str| RouteDraft {
        shape: RouteShape::ExitNode,
        exit_ipv6: v6,
        network_id: id.into(),
        network: String::new(),
        peer: peer.into(),
        ..base.clone()
    };
    let metric = |m: &str| RouteDraft {
        metric: m.into(),
        ..base.clone()
    };
    let label64 = "a".repeat(64);
    // A 67-character label: `xn--` plus 63 characters of punycode (the pattern allows it).
    let long_puny = (40..70)
        .map(|n| "a".repeat(n) + "ü")
        .find(|u| {
            netbird_console::resources::route::domain::to_ascii(u).is_ok_and(|a| a.len() == 67)
        })
        .expect("a 67-character punycode label");
    let many: Vec<String> = (0..33).map(|i| format!("d{i}.example")).collect();

    let mut c: Vec<(&str, RouteDraft, Want)> = vec![
        // ---- valid ----
        ("subnet", base.clone(), Want::Ok),
        ("host bits masked", subnet("agree", "10.200.1.7/24", &f1), Want::Ok),
        ("ipv6 host bits", subnet("agree", "2001:db8:77::1/64", &f1), Want::Ok),
        ("ipv4-mapped ipv6", subnet("agree", "::ffff:10.0.0.1/120", &f1), Want::Ok),
        ("host route /32", subnet("agree", "192.168.77.5/32", &f1), Want::Ok),
        ("spaces around cidr and metric", RouteDraft { metric: " 100 ".into(), ..subnet("agree", " 10.201.0.0/16 ", &f1) }, Want::Ok),
        ("metric 1", metric("1"), Want::Ok),
        ("metric 9999", metric("9999"), Want::Ok),
        ("metric leading zero", metric("0042"), Want::Ok),
        ("network_id 40 × é", subnet(&"é".repeat(40), "10.200.2.0/24", &f1), Want::Ok),
        ("network_id inner space", subnet("branch office", "10.200.3.0/24", &f1), Want::Ok),
        ("domains: server ok examples", doms("example.com *.example.com,_sip._tcp.example.com", &f1), Want::Ok),
        ("domains: punycode and upper case", doms("xn--bcher-kva.de\nEXAMPLE.COM", &f1), Want::Ok),
        ("domains: *.com localhost 1.2.3.4", doms("*.com localhost 1.2.3.4", &f1), Want::Ok),
        ("domains: unicode → punycode", doms("bücher.de", &f1), Want::Ok),
        ("domains: underscore inside final label", doms("a.b_c", &f1), Want::Ok),
        ("domains: 67-char xn-- label", doms(&format!("{long_puny}.example"), &f1), Want::Ok),
        ("domains: duplicates in one list", doms("a.example a.example", &f1), Want::Ok),
        ("domains: 32", doms(&many[..32].join(","), &f1), Want::Ok),
        ("domains: same as seeded, other order", doms(&format!("{}, {}", github_domains[1], github_domains[0]), &github_member), Want::Ok),
        ("HA: same prefix, another peer", subnet(&office[0].network_id, &office_net, &f1), Want::Ok),
        ("same prefix, other network_id, other peer", subnet("agree", &office_net, &f2), Want::Ok),
        ("peer groups routing", by_groups("10.200.4.0/24", vec![s.group("finance")]), Want::Ok),
        ("access control groups", RouteDraft { access_control_groups: vec![s.group("databases")], ..base.clone() }, Want::Ok),
        ("flags: disabled, no masquerade, keep, skip", RouteDraft { enabled: false, masquerade: false, keep_route: true, skip_auto_apply: true, ..base.clone() }, Want::Ok),
        ("exit node pair", exit_node("agree-exit", true, &f1), Want::Ok),
        ("exit node pair, 37-char name", exit_node(&"x".repeat(37), true, &f1), Want::Ok),
        ("exit node v4 only, 40-char name", exit_node(&"x".repeat(40), false, &f1), Want::Ok),
        // ---- invalid: identifier ----
        ("network_id empty", subnet("", "10.200.5.0/24", &f1), Want::Err("network_id")),
        ("network_id 41 × é", subnet(&"é".repeat(41), "10.200.5.0/24", &f1), Want::Err("network_id")),
        ("exit node pair, 38-char name", exit_node(&"x".repeat(38), true, &f1), Want::Err("network_id")),
        // ---- invalid: network ----
        ("bare ipv4", subnet("agree", "10.0.0.1", &f1), Want::Err("network")),
        ("bare ipv6", subnet("agree", "2001:db8::1", &f1), Want::Err("network")),
        ("zone", subnet("agree", "fe80::1%eth0/64", &f1), Want::Err("network")),
        ("/33", subnet("agree", "10.0.0.0/33", &f1), Want::Err("network")),
        ("/129", subnet("agree", "2001:db8::/129", &f1), Want::Err("network")),
        ("bits with leading zero", subnet("agree", "10.0.0.0/08", &f1), Want::Err("network")),
        ("octet with leading zero", subnet("agree", "010.0.0.0/24", &f1), Want::Err("network")),
        ("hostname as network", subnet("agree", "example.com/24", &f1), Want::Err("network")),
        ("empty network", subnet("agree", "", &f1), Want::Err("network")),
        // ---- invalid: metric ----
        ("metric 0", metric("0"), Want::Err("metric")),
        ("metric 10000", metric("10000"), Want::Err("metric")),
        ("metric empty", metric(""), Want::Err("metric")),
        ("metric 12a", metric("12a"), Want::Err("metric")),
        ("metric 1.5", metric("1.5"), Want::Err("metric")),
        ("metric -1", metric("-1"), Want::Err("metric")),
        // ---- invalid: domains ----
        ("domains: none", doms(" , ", &f1), Want::Err("domains")),
        ("domains: 33", doms(&many.join(" "), &f1), Want::Err("domains")),
        ("domains: not valid punycode", doms("xn--a_b.example", &f1), Want::Err("domains")),
        // ---- invalid: groups and peers ----
        ("no distribution group", RouteDraft { groups: vec![], ..base.clone() }, Want::Err("groups")),
        ("unknown distribution group", RouteDraft { groups: vec![unknown.clone()], ..base.clone() }, Want::Err("groups")),
        ("empty distribution group id", RouteDraft { groups: vec![String::new()], ..base.clone() }, Want::Err("groups")),
        ("unknown access control group", RouteDraft { access_control_groups: vec![unknown.clone()], ..base.clone() }, Want::Err("access_control_groups")),
        ("unknown peer group", by_groups("10.200.6.0/24", vec![unknown.clone()]), Want::Err("peer_groups")),
        ("unknown peer", subnet("agree", "10.200.6.0/24", &unknown), Want::Err("peer")),
        // ---- invalid: duplicates (409) ----
        ("dup: peer serves the prefix directly", subnet("agree", &office_net, &office_peer), Want::Err("network")),
        ("dup: masked prefix, other network_id", subnet("other-name", &office_net.replace(".0/", ".9/"), &office_peer), Want::Err("network")),
        ("dup: peer is in the route's peer group", subnet("agree", &aws_net, &aws_member), Want::Err("network")),
        ("dup: same peer group", by_groups(&aws_net, vec![aws_group.clone()]), Want::Err("network")),
        ("dup: new group's member serves it", by_groups(&office_net, vec![s.group("routers-eu")]), Want::Err("network")),
        ("dup: disabled route counts", subnet("agree", &legacy.network, &legacy.peer), Want::Err("network")),
        ("dup: domains same order", doms(&github_domains.join(" "), &github_member), Want::Err("domains")),
        ("dup: domains, other case", doms(&github_domains.join(",").to_uppercase(), &github_member), Want::Err("domains")),
        ("dup: unicode vs punycode", doms(&netbird_console::resources::route::domain::to_ascii(&buecher.domains[0]).unwrap(), &buecher.peer), Want::Err("domains")),
        ("dup: exit node", exit_node("agree-exit", false, &exit.peer), Want::Err("network")),
        // ---- client stricter by design ----
        ("no routing peer", subnet("agree", "10.200.7.0/24", ""), Want::Stricter("peer", "the server accepts \"peer\": \"\" and stores a route that no peer routes")),
        ("no peer group", by_groups("10.200.8.0/24", vec![]), Want::Stricter("peer_groups", "the server accepts \"peer_groups\": [] and stores a route that no peer routes")),
        ("network_id leading space", subnet(" agree", "10.200.9.0/24", &f1), Want::Stricter("network_id", "the server keeps the space: \" office\" and \"office\" would be two HA groups that look alike")),
        ("network_id trailing space", subnet("agree ", "10.200.9.0/24", &f1), Want::Stricter("network_id", "as above, and invisible in every list")),
        ("metric +5", metric("+5"), Want::Stricter("metric", "the form asks for a plain number; the JSON body would carry 5")),
    ];
    for bad in [
        "example.com.",
        "-a.com",
        "a-.com",
        "*",
        "a..b",
        "sub.*.example.com",
        "ab_.com",
        label64.as_str(),
        "_com",
        "a.com-",
        "exa!mple.com",
        "http://example.com",
    ] {
        c.push((
            "domains: server rejects",
            doms(bad, &f1),
            Want::Err("domains"),
        ));
    }
    c.into_iter()
        .map(|(name, draft, want)| Case {
            name: match want {
                Want::Err("domains") if name == "domains: server rejects" => {
                    format!("{name} {:?}", draft.domains)
                }
                _ => name.to_string(),
            },
            draft,
            want,
        })
        .collect()
}

#[test]
fn client_and_mock_agree_on_routes() {
    let mock = Mock::shared(&[]);
    let token = mock.token("owner");
    let seed = Seed {
        peers: decode(&get(&mock, &token, "/api/peers")).expect("peers"),
        groups: decode(&get(&mock, &token, "/api/groups")).expect("groups"),
        routes: decode(&get(&mock, &token, "/api/routes")).expect("routes"),
    };
    let ctx = RouteContext {
        peers: &seed.peers,
        groups: &seed.groups,
        routes: &seed.routes,
        editing: None,
    };
    let table = cases(&seed);
    assert!(table.len() >= 40, "only {} cases", table.len());

    let mut failures: Vec<String> = Vec::new();
    let mut unmapped: Vec<String> = Vec::new();
    let (mut agreed, mut stricter) = (0, 0);
    for case in &table {
        let name = &case.name;
        let verdict = validate(&case.draft, &ctx);
        match (&case.want, verdict) {
            (Want::Ok, Ok(requests)) => {
                let mut ok = true;
                for req in &requests {
                    let (status, body) = post(&mock, &token, req);
                    if status == 200 {
                        delete(&mock, &token, &body);
                    } else {
                        ok = false;
                        failures.push(format!(
                            "{name}: client accepts, mock answers {status} {body} to {}",
                            serde_json::to_string(req).unwrap()
                        ));
                    }
                }
                if ok {
                    println!("agree (accepted) {name}: {} request(s)", requests.len());
                    agreed += 1;
                }
            }
            (Want::Err(field), Err(errs)) => {
                if errs.get(field).is_none() {
                    failures.push(format!("{name}: client did not flag {field}: {errs:?}"));
                    continue;
                }
                // What a form without validation sends; for an exit pair, both routes.
                let naive = unchecked_request(&case.draft);
                let mut bodies = vec![naive.clone()];
                if case.draft.shape == RouteShape::ExitNode && case.draft.exit_ipv6 {
                    bodies.push(RouteRequest {
                        network_id: format!("{}-v6", naive.network_id),
                        network: Some("::/0".into()),
                        ..naive
                    });
                }
                let mut refused = None;
                for req in &bodies {
                    let (status, body) = post(&mock, &token, req);
                    if status == 200 {
                        delete(&mock, &token, &body);
                    } else if refused.is_none() {
                        refused = Some((status, body));
                    }
                }
                let Some((status, body)) = refused else {
                    failures.push(format!(
                        "{name}: client refuses ({errs:?}), mock accepts {}",
                        serde_json::to_string(&bodies).unwrap()
                    ));
                    continue;
                };
                let message = body["message"].as_str().unwrap_or("").to_string();
                if ![400, 404, 409, 422].contains(&status) {
                    failures.push(format!("{name}: mock refused with {status} {body}"));
                    continue;
                }
                println!("agree (refused) {name}: {status} {message}");
                let fields = server_error_fields(&message);
                if fields.is_empty() {
                    unmapped.push(format!("{name}: {status} {message:?}"));
                } else if !fields.iter().any(|f| errs.get(f).is_some()) {
                    failures.push(format!(
                        "{name}: mock says {status} {message:?} → {fields:?}, client flagged {:?}",
                        errs.fields().collect::<Vec<_>>()
                    ));
                    continue;
                }
                agreed += 1;
            }
            (Want::Stricter(field, reason), Err(errs)) => {
                if errs.get(field).is_none() || errs.fields().count() != 1 {
                    failures.push(format!("{name}: client should flag only {field}: {errs:?}"));
                    continue;
                }
                let (status, body) = post(&mock, &token, &unchecked_request(&case.draft));
                if status == 200 {
                    delete(&mock, &token, &body);
                    println!("client stricter by design: {name} ({field}): {reason}");
                    stricter += 1;
                } else {
                    failures.push(format!(
                        "{name}: listed as client-stricter, but the mock refuses too: {status} {body}"
                    ));
                }
            }
            (Want::Ok, Err(errs)) => {
                failures.push(format!("{name}: client refuses a valid draft: {errs:?}"))
            }
            (_, Ok(reqs)) => failures.push(format!(
                "{name}: client accepts an invalid draft: {}",
                serde_json::to_string(&reqs).unwrap()
            )),
        }
    }

    // Editing: every seeded route, loaded into a draft and saved unchanged, validates (itself
    // excluded from the duplicate check) and the PUT leaves it exactly as it was.
    let mut edits = 0;
    for r in &seed.routes {
        let draft = RouteDraft::from_route(r);
        let ctx = RouteContext {
            editing: Some(&r.id),
            ..ctx
        };
        match validate(&draft, &ctx) {
            Ok(reqs) if reqs.len() == 1 => {
                let body = serde_json::to_value(&reqs[0]).unwrap();
                let (status, back) =
                    mock.api("PUT", &format!("/api/routes/{}", r.id), &token, Some(&body));
                let back: Option<Route> = decode(&back).ok();
                if status == 200 && back.as_ref() == Some(r) {
                    edits += 1;
                } else {
                    failures.push(format!(
                        "edit {}: PUT {body} → {status} {back:?}",
                        r.network_id
                    ));
                }
            }
            other => failures.push(format!("edit {}: client says {other:?}", r.network_id)),
        }
    }
    println!(
        "route agreement: {edits} of {} seeded routes saved unchanged",
        seed.routes.len()
    );

    // Nothing left behind.
    let after: Vec<Route> = decode(&get(&mock, &token, "/api/routes")).expect("routes");
    assert_eq!(
        after.len(),
        seed.routes.len(),
        "the cases left routes behind"
    );

    for u in &unmapped {
        println!("unmapped server message: {u}");
    }
    for f in &failures {
        println!("DISAGREE {f}");
    }
    println!(
        "route agreement: {agreed} of {} cases agreed, {stricter} client-stricter by design, {} disagreed, {} unmapped messages",
        table.len(),
        failures.len(),
        unmapped.len()
    );
    assert!(failures.is_empty(), "{} disagreements", failures.len());
    assert_eq!(agreed + stricter, table.len());
}
