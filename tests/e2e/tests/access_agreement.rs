//! Agreement between the console's pure validation of the access-control forms and
//! netbird-mock, an independent reading of the same server rules, like `route_agreement.rs`:
//! policies, nameserver groups and DNS settings, users and personal access tokens, account
//! settings. One `#[test]` per resource, each with its own mock. No browser: HTTP only, and no
//! built `dist/` either (the mock serves an empty stand-in).
//!
//! For every case of a table:
//! - the client accepts → each request it builds is sent and must get 200 (then undone:
//!   deleted, or the old state PUT back);
//! - the client refuses → the body a naive form would send (what was typed, unchecked) is sent
//!   and must be refused (400/403/404/409/422), and the server's message must map (through the
//!   resource's `server_error_field`) to one of the fields the client flagged, when it maps to
//!   any (a row's field `nameservers.0.ip` counts as flagging `nameservers`);
//! - the client refuses on purpose where the server has a gap → the mock must ACCEPT the naive
//!   body ("client stricter by design", with the reason);
//! - the client refuses what the server answers with a 500 (no field to show it at) → the mock
//!   must answer 500.
//!
//! Facts about the seeded data are read through the API.
//!
//! Needs `target/debug/netbird-mock` (`cargo build -p netbird-mock`, or `NETBIRD_MOCK_BIN`).

use netbird_console::base::field_errors::FieldErrors;
use netbird_console::resources::account::validation as account;
use netbird_console::resources::dns::validation as dns;
use netbird_console::resources::policy::validation as policy;
use netbird_console::resources::user::validation as user;
use netbird_console::resources::{Group, NameserverGroup, Policy, PostureCheck, User};
use netbird_e2e::{Mock, Turn};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

/// Reads a mock answer into the console's models, as the console does (`json::decode`).
fn decode<T: netbird_console::base::json::FromJson>(v: &Value) -> T {
    netbird_console::base::json::decode_str(&v.to_string())
        .unwrap_or_else(|e| panic!("cannot read {v}: {e:?}"))
}

/// An empty stand-in for the console's `dist/` (these tests never load the console), one for
/// every run: the same directory, written again.
fn stub_dist() -> PathBuf {
    let dir = std::env::temp_dir().join("nbc-agree-stub-dist");
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>stub</title>\n",
    )
    .expect("stub index.html");
    dir
}

/// This file's mock, reset as if started with `options`.
fn start(options: &[&str]) -> Turn {
    Mock::shared_serving(&stub_dist(), options)
}

fn get(mock: &Mock, token: &str, path: &str) -> Value {
    let (status, body) = mock.api("GET", path, token, None);
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

/// One API call a case makes.
#[derive(Clone, Debug)]
struct Call {
    method: &'static str,
    path: String,
    token: String,
    body: Value,
}

impl Call {
    fn new(method: &'static str, path: impl Into<String>, token: &str, body: Value) -> Call {
        Call {
            method,
            path: path.into(),
            token: token.to_string(),
            body,
        }
    }
}

/// What the table says the client must do with a draft.
enum Want {
    /// Valid: the mock must accept every request.
    Ok,
    /// Invalid, with (at least) this field flagged: the mock must refuse the naive body.
    Err(&'static str),
    /// The client refuses this field on purpose (the reason); the mock accepts the naive body.
    Stricter(&'static str, &'static str),
    /// The client refuses this field; the server fails on it with a 500 (the reason).
    ServerFails(&'static str, &'static str),
}

/// Whether the client flagged `field`, or a row of it (`nameservers` ← `nameservers.0.ip`).
fn flagged(errs: &FieldErrors, field: &str) -> bool {
    errs.fields()
        .any(|f| f == field || f.strip_prefix(field).is_some_and(|r| r.starts_with('.')))
}

/// Runs cases against one mock and keeps the score.
struct Judge<'a> {
    mock: &'a Mock,
    what: &'static str,
    /// The fields the server's message can concern (any flagged is agreement; none: unmapped).
    map: fn(&str) -> Vec<&'static str>,
    cases: usize,
    agreed: usize,
    stricter: usize,
    failures: Vec<String>,
    unmapped: Vec<String>,
}

impl<'a> Judge<'a> {
    fn new(mock: &'a Mock, what: &'static str, map: fn(&str) -> Vec<&'static str>) -> Self {
        Judge {
            mock,
            what,
            map,
            cases: 0,
            agreed: 0,
            stricter: 0,
            failures: Vec::new(),
            unmapped: Vec::new(),
        }
    }

    fn send(&self, c: &Call) -> (u16, Value) {
        let body = (c.method != "DELETE").then_some(&c.body);
        self.mock.api(c.method, &c.path, &c.token, body)
    }

    /// Sends `calls` in order until one is refused; each accepted one is undone. The refusal.
    fn until_refused(
        &self,
        calls: &[Call],
        undo: &mut dyn FnMut(&Call, &Value),
    ) -> Option<(u16, Value)> {
        let mut refused = None;
        for c in calls {
            let (status, body) = self.send(c);
            if status == 200 {
                undo(c, &body);
            } else if refused.is_none() {
                refused = Some((status, body));
            }
        }
        refused
    }

    /// One case: `client` is the validator's verdict as calls, `naive` what an unchecking form
    /// would send, `undo` reverts an accepted call (given its answer).
    fn case(
        &mut self,
        name: &str,
        want: &Want,
        client: Result<Vec<Call>, FieldErrors>,
        naive: Vec<Call>,
        undo: &mut dyn FnMut(&Call, &Value),
    ) {
        self.cases += 1;
        let what = self.what;
        match (want, client) {
            (Want::Ok, Ok(calls)) => {
                let mut ok = true;
                for c in &calls {
                    let (status, body) = self.send(c);
                    if status == 200 {
                        undo(c, &body);
                    } else {
                        ok = false;
                        self.failures.push(format!(
                            "{name}: client accepts, mock answers {status} {body} to {} {} {}",
                            c.method, c.path, c.body
                        ));
                    }
                }
                if ok {
                    println!("{what}: agree (accepted) {name}");
                    self.agreed += 1;
                }
            }
            (Want::Err(field), Err(errs)) => {
                if !flagged(&errs, field) {
                    self.failures
                        .push(format!("{name}: client did not flag {field}: {errs:?}"));
                    return;
                }
                let Some((status, body)) = self.until_refused(&naive, undo) else {
                    self.failures.push(format!(
                        "{name}: client refuses ({errs:?}), mock accepts {:?}",
                        naive.iter().map(|c| c.body.to_string()).collect::<Vec<_>>()
                    ));
                    return;
                };
                let message = body["message"].as_str().unwrap_or("").to_string();
                if ![400, 403, 404, 409, 422].contains(&status) {
                    self.failures
                        .push(format!("{name}: mock refused with {status} {body}"));
                    return;
                }
                println!("{what}: agree (refused) {name}: {status} {message}");
                let fields = (self.map)(&message);
                if fields.is_empty() {
                    self.unmapped.push(format!("{name}: {status} {message:?}"));
                } else if !fields.iter().any(|f| flagged(&errs, f)) {
                    self.failures.push(format!(
                        "{name}: mock says {status} {message:?} → {fields:?}, client flagged {:?}",
                        errs.fields().collect::<Vec<_>>()
                    ));
                    return;
                }
                self.agreed += 1;
            }
            (Want::Stricter(field, reason), Err(errs)) => {
                if !flagged(&errs, field) || errs.fields().count() != 1 {
                    self.failures
                        .push(format!("{name}: client should flag only {field}: {errs:?}"));
                    return;
                }
                match self.until_refused(&naive, undo) {
                    None => {
                        println!("{what}: client stricter by design: {name} ({field}): {reason}");
                        self.stricter += 1;
                    }
                    Some((status, body)) => self.failures.push(format!(
                        "{name}: listed as client-stricter, but the mock refuses too: {status} {body}"
                    )),
                }
            }
            (Want::ServerFails(field, reason), Err(errs)) => {
                if !flagged(&errs, field) || errs.fields().count() != 1 {
                    self.failures
                        .push(format!("{name}: client should flag only {field}: {errs:?}"));
                    return;
                }
                match self.until_refused(&naive, undo) {
                    Some((500, _)) => {
                        println!("{what}: client refuses what the server fails on: {name} ({field}): {reason}");
                        self.stricter += 1;
                    }
                    other => self.failures.push(format!(
                        "{name}: listed as a server 500, but the mock answers {other:?}"
                    )),
                }
            }
            (Want::Ok, Err(errs)) => self
                .failures
                .push(format!("{name}: client refuses a valid draft: {errs:?}")),
            (_, Ok(calls)) => self.failures.push(format!(
                "{name}: client accepts an invalid draft: {:?}",
                calls.iter().map(|c| c.body.to_string()).collect::<Vec<_>>()
            )),
        }
    }

    /// A failure found outside the table (edits, state checks).
    fn fail(&mut self, what: String) {
        self.failures.push(what);
    }

    fn finish(self, min_cases: usize) {
        let what = self.what;
        for u in &self.unmapped {
            println!("{what}: unmapped server message: {u}");
        }
        for f in &self.failures {
            println!("{what}: DISAGREE {f}");
        }
        println!(
            "{what} agreement: {} of {} cases agreed, {} client-stricter by design, {} disagreed, {} unmapped messages",
            self.agreed,
            self.cases,
            self.stricter,
            self.failures.len(),
            self.unmapped.len()
        );
        assert!(
            self.failures.is_empty(),
            "{what}: {} disagreements",
            self.failures.len()
        );
        assert_eq!(self.agreed + self.stricter, self.cases);
        assert!(self.cases >= min_cases, "{what}: only {} cases", self.cases);
    }
}

fn group_id(groups: &[Group], name: &str) -> String {
    groups
        .iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("seeded group {name} missing"))
        .id
        .clone()
}

/// Seeded groups other than All, by ID (at least `n`).
fn some_groups(groups: &[Group], n: usize) -> Vec<String> {
    let ids: Vec<String> = groups
        .iter()
        .filter(|g| !g.is_all())
        .map(|g| g.id.clone())
        .collect();
    assert!(ids.len() >= n, "need {n} groups besides All");
    ids
}

const UNKNOWN: &str = "d0esn0texist0000000a";

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

/// A ports item as a form without checks would send it: the number, or the text itself.
fn naive_number(text: &str) -> Value {
    text.trim()
        .parse::<i64>()
        .map(Value::from)
        .unwrap_or_else(|_| Value::String(text.trim().to_string()))
}

/// The body a policy form without validation sends: text as typed, choices as chosen.
fn naive_policy(d: &policy::PolicyDraft) -> Value {
    let mut rule = Map::new();
    rule.insert("name".into(), json!(d.name));
    rule.insert("description".into(), json!(d.description));
    rule.insert("enabled".into(), json!(d.enabled));
    rule.insert("action".into(), json!(d.action));
    rule.insert("bidirectional".into(), json!(d.bidirectional));
    rule.insert("protocol".into(), json!(d.protocol));
    // Groups when some are chosen or no resource is kept; the resource when kept.
    let sides = [
        ("sources", "sourceResource", &d.sources, &d.source_resource),
        (
            "destinations",
            "destinationResource",
            &d.destinations,
            &d.destination_resource,
        ),
    ];
    for (key, res_key, ids, res) in sides {
        if res.is_none() || !ids.is_empty() {
            rule.insert(key.into(), json!(ids));
        }
        if let Some(r) = res {
            rule.insert(res_key.into(), json!({"id": r.id, "type": r.r#type}));
        }
    }
    let items: Vec<&str> = d
        .ports
        .split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.iter().any(|i| i.contains('-')) {
        let ranges: Vec<Value> = items
            .iter()
            .map(|i| {
                let (a, b) = i.split_once('-').unwrap_or((i, i));
                json!({"start": naive_number(a), "end": naive_number(b)})
            })
            .collect();
        rule.insert("port_ranges".into(), json!(ranges));
    } else if !items.is_empty() {
        rule.insert("ports".into(), json!(items));
    }
    if d.protocol == policy::NETBIRD_SSH && !d.authorized_groups.is_empty() {
        let mut groups = Map::new();
        for (g, users) in &d.authorized_groups {
            let users: Vec<&str> = users
                .split(',')
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .collect();
            groups.insert(g.clone(), json!(users));
        }
        rule.insert("authorized_groups".into(), Value::Object(groups));
    }
    json!({
        "name": d.name,
        "description": d.description,
        "enabled": d.enabled,
        "source_posture_checks": d.source_posture_checks,
        "rules": [Value::Object(rule)],
    })
}

fn policy_cases(
    groups: &[Group],
    checks: &[PostureCheck],
) -> Vec<(String, policy::PolicyDraft, Want)> {
    use netbird_console::resources::group::GroupResource;
    use policy::PolicyDraft;
    let g = some_groups(groups, 3);
    let (g1, g2, g3) = (g[0].clone(), g[1].clone(), g[2].clone());
    let all = group_id(groups, "All");
    assert!(!checks.is_empty(), "need a seeded posture check");
    let check = checks[0].id.clone();
    let base = PolicyDraft {
        name: "agree".into(),
        sources: vec![g1.clone()],
        destinations: vec![g2.clone()],
        ..PolicyDraft::default()
    };
    let tcp = |ports: &str| PolicyDraft {
        protocol: policy::TCP.into(),
        ports: ports.into(),
        ..base.clone()
    };
    let proto = |p: &str, ports: &str| PolicyDraft {
        protocol: p.into(),
        ports: ports.into(),
        ..base.clone()
    };
    let ssh = |sources: Vec<String>, auth: Vec<(String, &str)>| PolicyDraft {
        protocol: policy::NETBIRD_SSH.into(),
        sources,
        authorized_groups: auth.into_iter().map(|(g, u)| (g, u.to_string())).collect(),
        ..base.clone()
    };
    let resource = |id: &str| {
        Some(GroupResource {
            id: id.into(),
            r#type: "host".into(),
        })
    };
    let c: Vec<(&str, PolicyDraft, Want)> = vec![
        // ---- valid ----
        ("all protocol, no ports", base.clone(), Want::Ok),
        ("name with spaces around (sent trimmed)", PolicyDraft { name: "  agree  ".into(), description: "why".into(), ..base.clone() }, Want::Ok),
        ("drop, one way, disabled", PolicyDraft { action: policy::DROP.into(), bidirectional: false, enabled: false, ..base.clone() }, Want::Ok),
        ("icmp", proto(policy::ICMP, ""), Want::Ok),
        ("tcp every port", tcp(""), Want::Ok),
        ("tcp port 1", tcp("1"), Want::Ok),
        ("tcp port 65535", tcp("65535"), Want::Ok),
        ("udp range 1-65535", proto(policy::UDP, "1-65535"), Want::Ok),
        ("tcp range start = end", tcp("443-443"), Want::Ok),
        ("tcp ports and a range", tcp("22, 80,\n8000 - 8100"), Want::Ok),
        ("tcp leading zero 080", tcp("080"), Want::Ok),
        ("tcp port given twice", tcp("22, 22"), Want::Ok),
        ("All to All", PolicyDraft { sources: vec![all.clone()], destinations: vec![all.clone()], ..base.clone() }, Want::Ok),
        ("a group chosen twice", PolicyDraft { sources: vec![g1.clone(), g1.clone(), g3.clone()], ..base.clone() }, Want::Ok),
        ("existing posture check", PolicyDraft { source_posture_checks: vec![check.clone()], ..base.clone() }, Want::Ok),
        ("destination resource", PolicyDraft { destinations: vec![], destination_resource: resource("agree-resource"), ..base.clone() }, Want::Ok),
        ("netbird-ssh, any local user", ssh(vec![g1.clone()], vec![]), Want::Ok),
        ("netbird-ssh, users for every source", ssh(vec![g1.clone(), g3.clone()], vec![(g1.clone(), "root, admin"), (g3.clone(), "")]), Want::Ok),
        // ---- invalid ----
        ("name empty", PolicyDraft { name: String::new(), ..base.clone() }, Want::Err("name")),
        ("action reject", PolicyDraft { action: "reject".into(), ..base.clone() }, Want::Err("action")),
        ("protocol sctp", proto("sctp", ""), Want::Err("protocol")),
        ("protocol TCP (upper case)", proto("TCP", ""), Want::Err("protocol")),
        ("ports with all", proto(policy::ALL, "80"), Want::Err("ports")),
        ("ports with icmp", proto(policy::ICMP, "1-100"), Want::Err("ports")),
        ("port 0", tcp("0"), Want::Err("ports")),
        ("port 65536", tcp("65536"), Want::Err("ports")),
        ("range from 0", tcp("0-80"), Want::Err("ports")),
        ("range to 65536", tcp("80-65536"), Want::Err("ports")),
        ("port abc", tcp("abc"), Want::Err("ports")),
        ("ports separated by a space", tcp("22 80"), Want::Err("ports")),
        ("sources and a source resource", PolicyDraft { source_resource: resource("agree-resource"), ..base.clone() }, Want::Err("sources")),
        ("destinations and a destination resource", PolicyDraft { destination_resource: resource("agree-resource"), ..base.clone() }, Want::Err("destinations")),
        ("netbird-ssh, a source without users", ssh(vec![g1.clone(), g3.clone()], vec![(g1.clone(), "root")]), Want::Err("authorized_groups")),
        // ---- client stricter by design ----
        ("name of spaces", PolicyDraft { name: "   ".into(), ..base.clone() }, Want::Stricter("name", "the server checks only for \"\" and stores a blank name")),
        ("range backwards", tcp("8100-8000"), Want::Stricter("ports", "the server checks only start >= 1 and end <= 65535, and stores a range that matches no port")),
        ("range start above 65535", tcp("70000-80"), Want::Stricter("ports", "the server keeps the start in a uint16: 70000 wraps around to 4464")),
        ("port +80", tcp("+80"), Want::Stricter("ports", "the form takes plain digits; the server's Atoi reads +80 as 80")),
        ("unknown source group", PolicyDraft { sources: vec![UNKNOWN.into()], ..base.clone() }, Want::Stricter("sources", "the server drops unknown group IDs silently (getValidGroupIDs): the rule would have no source")),
        ("unknown destination group", PolicyDraft { destinations: vec![g2.clone(), UNKNOWN.into()], ..base.clone() }, Want::Stricter("destinations", "the server drops unknown group IDs silently: the rule would not say what was chosen")),
        ("no source group", PolicyDraft { sources: vec![], ..base.clone() }, Want::Stricter("sources", "the server takes \"sources\": [] and stores a rule that matches nothing")),
        ("no destination group", PolicyDraft { destinations: vec![], ..base.clone() }, Want::Stricter("destinations", "as above")),
        ("source resource without an id", PolicyDraft { sources: vec![], source_resource: resource(""), ..base.clone() }, Want::Stricter("sources", "the server does not validate resources (a TODO in savePolicy)")),
        ("unknown posture check", PolicyDraft { source_posture_checks: vec![UNKNOWN.into()], ..base.clone() }, Want::Stricter("source_posture_checks", "the server drops unknown posture check IDs silently (getValidPostureCheckIDs)")),
        ("netbird-ssh, users of an unknown group", ssh(vec![g1.clone()], vec![(g1.clone(), "root"), (UNKNOWN.into(), "root")]), Want::Stricter("authorized_groups", "the server checks only that every source group has an entry")),
        ("netbird-ssh, a user name with a space", ssh(vec![g1.clone()], vec![(g1.clone(), "root admin")]), Want::Stricter("authorized_groups", "the server takes any string as a local user name; \"root admin\" is a typo for two")),
        ("netbird-ssh, a line without a group", ssh(vec![g1.clone()], vec![(g1.clone(), "root"), (String::new(), "admin")]), Want::Stricter("authorized_groups", "the server stores an entry for group \"\"")),
        ("netbird-ssh, a group listed twice", ssh(vec![g1.clone()], vec![(g1.clone(), "root"), (g1.clone(), "admin")]), Want::Stricter("authorized_groups", "a JSON object holds each group once: the second line would silently replace the first")),
    ];
    c.into_iter()
        .map(|(n, d, w)| (n.to_string(), d, w))
        .collect()
}

/// A policy with every rule's ports as ranges: a rule whose ranges are all single ports is
/// saved back as `ports`, the same ports under the other key (see `policy::ports`).
fn same_ports(p: &Policy) -> Policy {
    let mut p = p.clone();
    for r in &mut p.rules {
        for port in std::mem::take(&mut r.ports) {
            let n: i64 = port.trim().parse().expect("a stored port is a number");
            r.port_ranges
                .push(netbird_console::resources::policy::PortRange { start: n, end: n });
        }
    }
    p
}

#[test]
fn client_and_mock_agree_on_policies() {
    let mock = start(&[]);
    let token = mock.token("owner");
    let groups: Vec<Group> = decode(&get(&mock, &token, "/api/groups"));
    let checks: Vec<PostureCheck> = decode(&get(&mock, &token, "/api/posture-checks"));
    let seeded: Vec<Policy> = decode(&get(&mock, &token, "/api/policies"));
    let ctx = policy::PolicyContext {
        groups: &groups,
        posture_checks: &checks,
    };
    let mut j = Judge::new(&mock, "policies", |m| {
        policy::server_error_field(m).into_iter().collect()
    });
    let mut undo = |c: &Call, answer: &Value| {
        if c.method == "POST" {
            let id = answer["id"].as_str().expect("created policy has an id");
            let (status, body) = mock.api("DELETE", &format!("/api/policies/{id}"), &token, None);
            assert_eq!(status, 200, "DELETE policy {id}: {body}");
        }
    };
    for (name, draft, want) in policy_cases(&groups, &checks) {
        let client = policy::validate(&draft, &ctx).map(|req| {
            vec![Call::new(
                "POST",
                "/api/policies",
                &token,
                serde_json::to_value(req).unwrap(),
            )]
        });
        let naive = vec![Call::new(
            "POST",
            "/api/policies",
            &token,
            naive_policy(&draft),
        )];
        j.case(&name, &want, client, naive, &mut undo);
    }

    // Editing: every seeded single-rule policy, loaded into a draft and saved unchanged,
    // validates and the PUT leaves it as it was.
    let mut edits = 0;
    for p in seeded.iter().filter(|p| policy::extra_rules(p) == 0) {
        match policy::validate(&policy::draft_of(p), &ctx) {
            Ok(req) => {
                let body = serde_json::to_value(&req).unwrap();
                let (status, back) = mock.api(
                    "PUT",
                    &format!("/api/policies/{}", p.id),
                    &token,
                    Some(&body),
                );
                let back: Option<Policy> = (status == 200).then(|| decode(&back));
                if back.as_ref().map(same_ports) == Some(same_ports(p)) {
                    edits += 1;
                } else {
                    j.fail(format!("edit {}: PUT {body} → {status} {back:?}", p.name));
                }
            }
            Err(errs) => j.fail(format!("edit {}: client says {errs:?}", p.name)),
        }
    }
    println!("policies: {edits} seeded single-rule policies saved unchanged");
    assert!(edits > 0, "no seeded single-rule policy");

    let after: Vec<Policy> = decode(&get(&mock, &token, "/api/policies"));
    assert_eq!(after.len(), seeded.len(), "the cases left policies behind");
    j.finish(40);
}

// ---------------------------------------------------------------------------------------------
// Nameserver groups and DNS settings
// ---------------------------------------------------------------------------------------------

/// The body a nameserver group form without validation sends.
fn naive_nameservers(d: &dns::NameserverGroupDraft) -> Value {
    let nameservers: Vec<Value> = d
        .nameservers
        .iter()
        .map(|n| json!({"ip": n.ip, "ns_type": "udp", "port": naive_number(&n.port)}))
        .collect();
    json!({
        "name": d.name,
        "description": d.description,
        "nameservers": nameservers,
        "enabled": d.enabled,
        "groups": d.groups,
        "primary": d.primary,
        "domains": d.domain_list(),
        "search_domains_enabled": d.search_domains_enabled,
    })
}

fn ns_cases(
    groups: &[Group],
    seeded: &[NameserverGroup],
) -> Vec<(String, dns::NameserverGroupDraft, Want)> {
    use dns::{NameserverDraft, NameserverGroupDraft};
    let g = some_groups(groups, 2);
    let taken = seeded
        .first()
        .expect("a seeded nameserver group")
        .name
        .clone();
    let other_case = [taken.to_uppercase(), taken.to_lowercase()]
        .into_iter()
        .find(|n| *n != taken)
        .expect("a seeded name with letters");
    let ns = |ip: &str, port: &str| NameserverDraft {
        ip: ip.into(),
        port: port.into(),
    };
    let base = NameserverGroupDraft {
        name: "agree".into(),
        nameservers: vec![ns("1.1.1.1", "53")],
        domains: "example.com".into(),
        groups: vec![g[0].clone()],
        ..NameserverGroupDraft::default()
    };
    let named = |name: String| NameserverGroupDraft {
        name,
        ..base.clone()
    };
    let servers = |list: Vec<NameserverDraft>| NameserverGroupDraft {
        nameservers: list,
        ..base.clone()
    };
    let one = |ip: &str, port: &str| servers(vec![ns(ip, port)]);
    let doms = |text: &str| NameserverGroupDraft {
        domains: text.into(),
        ..base.clone()
    };
    let primary = NameserverGroupDraft {
        primary: true,
        domains: String::new(),
        ..base.clone()
    };
    let three = vec![
        ns("1.1.1.1", "53"),
        ns("8.8.8.8", "53"),
        ns("9.9.9.9", "53"),
    ];
    let mut four = three.clone();
    four.push(ns("1.0.0.1", "53"));
    let c: Vec<(String, NameserverGroupDraft, Want)> = vec![
        // ---- valid ----
        ("match domain".into(), base.clone(), Want::Ok),
        ("name 40 × a".into(), named("a".repeat(40)), Want::Ok),
        ("name 40 × é".into(), named("é".repeat(40)), Want::Ok),
        ("name 40 × 漢".into(), named("漢".repeat(40)), Want::Ok),
        ("name 40 × 🦀".into(), named("🦀".repeat(40)), Want::Ok),
        (format!("name {other_case:?}: a seeded one in another case"), named(other_case.clone()), Want::Ok),
        ("3 nameservers".into(), servers(three.clone()), Want::Ok),
        ("ipv6".into(), one("2606:4700:4700::1111", "53"), Want::Ok),
        ("ipv6 in brackets".into(), one("[2606:4700:4700::1111]", "53"), Want::Ok),
        ("ipv4 in brackets".into(), one("[1.1.1.1]", "53"), Want::Ok),
        ("spaces around the address".into(), one(" 1.1.1.1 ", "53"), Want::Ok),
        ("port 1".into(), one("1.1.1.1", "1"), Want::Ok),
        ("port 65535".into(), one("1.1.1.1", "65535"), Want::Ok),
        ("primary, no domains".into(), primary.clone(), Want::Ok),
        ("several domains, trailing dot, unicode".into(), doms("example.com, corp.example.\nbücher.de xn--bcher-kva.de"), Want::Ok),
        // Go's idna.ToASCII (Punycode profile) decodes an xn-- label without further checks:
        // "zz-" is all basic ("zz"), "a" decodes to U+0080 and encodes back.
        ("domains, xn-- labels Go decodes".into(), doms("xn--zz-.example xn--a.example"), Want::Ok),
        ("search domains with match domains".into(), NameserverGroupDraft { search_domains_enabled: true, ..base.clone() }, Want::Ok),
        ("disabled, two groups, one twice".into(), NameserverGroupDraft { enabled: false, groups: vec![g[0].clone(), g[1].clone(), g[0].clone()], description: "why".into(), ..base.clone() }, Want::Ok),
        // ---- invalid ----
        ("name empty".into(), named(String::new()), Want::Err("name")),
        ("name 41 × é".into(), named("é".repeat(41)), Want::Err("name")),
        ("name 41 × 🦀".into(), named("🦀".repeat(41)), Want::Err("name")),
        (format!("name {taken:?} taken"), named(taken.clone()), Want::Err("name")),
        ("no nameserver".into(), servers(vec![]), Want::Err("nameservers")),
        ("4 nameservers".into(), servers(four), Want::Err("nameservers")),
        ("address empty".into(), one("", "53"), Want::Err("nameservers.0.ip")),
        ("address a host name".into(), one("dns.google", "53"), Want::Err("nameservers.0.ip")),
        ("address 1.1.1".into(), one("1.1.1", "53"), Want::Err("nameservers.0.ip")),
        ("address with a zone".into(), one("fe80::1%eth0", "53"), Want::Err("nameservers.0.ip")),
        ("address with one bracket".into(), one("[2606:4700:4700::1111", "53"), Want::Err("nameservers.0.ip")),
        ("address, second row bad".into(), servers(vec![ns("1.1.1.1", "53"), ns("8.8.8", "53")]), Want::Err("nameservers.1.ip")),
        ("port -1".into(), one("1.1.1.1", "-1"), Want::Err("nameservers.0.port")),
        ("port abc".into(), one("1.1.1.1", "abc"), Want::Err("nameservers.0.port")),
        ("port empty".into(), one("1.1.1.1", ""), Want::Err("nameservers.0.port")),
        ("primary with domains".into(), NameserverGroupDraft { primary: true, ..base.clone() }, Want::Err("domains")),
        ("primary with search domains".into(), NameserverGroupDraft { search_domains_enabled: true, ..primary.clone() }, Want::Err("search_domains_enabled")),
        ("neither primary nor domains".into(), doms(" , "), Want::Err("domains")),
        ("wildcard domain".into(), doms("*.example.com"), Want::Err("domains")),
        ("domain *".into(), doms("*"), Want::Err("domains")),
        ("domain with a bad character".into(), doms("exa!mple.com"), Want::Err("domains")),
        ("domain with an empty label".into(), doms("a..example.com"), Want::Err("domains")),
        ("domain label of 64".into(), doms(&format!("{}.com", "a".repeat(64))), Want::Err("domains")),
        ("domain, xn-- label not punycode (_)".into(), doms("xn--a_b.example"), Want::Err("domains")),
        ("domain, xn-- label not punycode (leading -)".into(), doms("xn---abc.example"), Want::Err("domains")),
        ("domain, xn-- label overflows".into(), doms("xn--99999999999.example"), Want::Err("domains")),
        ("no group".into(), NameserverGroupDraft { groups: vec![], ..base.clone() }, Want::Err("groups")),
        ("unknown group".into(), NameserverGroupDraft { groups: vec![UNKNOWN.into()], ..base.clone() }, Want::Err("groups")),
        ("empty group id".into(), NameserverGroupDraft { groups: vec![String::new()], ..base.clone() }, Want::Err("groups")),
        // ---- client stricter by design ----
        ("port 0".into(), one("1.1.1.1", "0"), Want::Stricter("nameservers.0.port", "the server stores port 0, which no resolver listens on")),
        ("port 65536".into(), one("1.1.1.1", "65536"), Want::Stricter("nameservers.0.port", "the server does not range-check the port")),
        ("port 70000".into(), one("1.1.1.1", "70000"), Want::Stricter("nameservers.0.port", "as above")),
        ("name with a leading space".into(), named(" agree".into()), Want::Stricter("name", "the server keeps the space: \" office\" and \"office\" would be two look-alike groups")),
        ("name with a trailing space".into(), named("agree ".into()), Want::Stricter("name", "as above")),
        ("name of spaces".into(), named("   ".into()), Want::Stricter("name", "the server checks only for \"\"")),
    ];
    c
}

#[test]
fn client_and_mock_agree_on_nameserver_groups_and_dns_settings() {
    let mock = start(&[]);
    let token = mock.token("owner");
    let groups: Vec<Group> = decode(&get(&mock, &token, "/api/groups"));
    let seeded: Vec<NameserverGroup> = decode(&get(&mock, &token, "/api/dns/nameservers"));
    let mut j = Judge::new(&mock, "nameserver groups", |m| {
        dns::server_error_field(m).into_iter().collect()
    });
    let mut undo = |c: &Call, answer: &Value| {
        if c.method == "POST" {
            let id = answer["id"].as_str().expect("created group has an id");
            let path = format!("/api/dns/nameservers/{id}");
            let (status, body) = mock.api("DELETE", &path, &token, None);
            assert_eq!(status, 200, "DELETE {path}: {body}");
        }
    };
    for (name, draft, want) in ns_cases(&groups, &seeded) {
        let client = dns::validate(&draft, &groups, &seeded, None).map(|req| {
            let body = serde_json::to_value(req).unwrap();
            vec![Call::new("POST", "/api/dns/nameservers", &token, body)]
        });
        let naive = vec![Call::new(
            "POST",
            "/api/dns/nameservers",
            &token,
            naive_nameservers(&draft),
        )];
        j.case(&name, &want, client, naive, &mut undo);
    }

    // Editing: every seeded group saved unchanged (itself excluded from the name check), and
    // renamed to another seeded group's name (refused by both).
    let mut edits = 0;
    for g in &seeded {
        match dns::validate(&dns::draft_of(g), &groups, &seeded, Some(&g.id)) {
            Ok(req) => {
                let body = serde_json::to_value(&req).unwrap();
                let path = format!("/api/dns/nameservers/{}", g.id);
                let (status, back) = mock.api("PUT", &path, &token, Some(&body));
                let back: Option<NameserverGroup> = (status == 200).then(|| decode(&back));
                if back.as_ref() == Some(g) {
                    edits += 1;
                } else {
                    j.fail(format!("edit {}: PUT {body} → {status} {back:?}", g.name));
                }
            }
            Err(errs) => j.fail(format!("edit {}: client says {errs:?}", g.name)),
        }
    }
    println!(
        "nameserver groups: {edits} of {} seeded groups saved unchanged",
        seeded.len()
    );
    if let [a, b, ..] = &seeded[..] {
        let draft = dns::NameserverGroupDraft {
            name: b.name.clone(),
            ..dns::draft_of(a)
        };
        let path = format!("/api/dns/nameservers/{}", a.id);
        let client = dns::validate(&draft, &groups, &seeded, Some(&a.id)).map(|req| {
            vec![Call::new(
                "PUT",
                &path,
                &token,
                serde_json::to_value(req).unwrap(),
            )]
        });
        let naive = vec![Call::new("PUT", &path, &token, naive_nameservers(&draft))];
        let mut restore = |_: &Call, _: &Value| {
            let body = serde_json::to_value(dns::request_of(a)).unwrap();
            let (status, back) = mock.api("PUT", &path, &token, Some(&body));
            assert_eq!(status, 200, "restore {}: {back}", a.name);
        };
        j.case(
            "edit: renamed to another group's name",
            &Want::Err("name"),
            client,
            naive,
            &mut restore,
        );
    }
    let after: Vec<NameserverGroup> = decode(&get(&mock, &token, "/api/dns/nameservers"));
    assert_eq!(after, seeded, "the cases changed the nameserver groups");
    j.finish(40);

    // DNS settings: the groups NetBird does not manage DNS for.
    let loaded = get(&mock, &token, "/api/dns/settings");
    let mut j = Judge::new(&mock, "dns settings", |m| {
        // The settings have one field: a group message is about it.
        dns::server_error_field(m)
            .map(|f| {
                if f == "groups" {
                    "disabled_management_groups"
                } else {
                    f
                }
            })
            .into_iter()
            .collect()
    });
    let mut restore = |_: &Call, _: &Value| {
        let (status, back) = mock.api("PUT", "/api/dns/settings", &token, Some(&loaded));
        assert_eq!(status, 200, "restore DNS settings: {back}");
    };
    let g = some_groups(&groups, 2);
    let all = group_id(&groups, "All");
    let settings_cases: Vec<(&str, Vec<String>, Want)> = vec![
        ("none", vec![], Want::Ok),
        ("one group", vec![g[0].clone()], Want::Ok),
        ("All", vec![all], Want::Ok),
        (
            "two groups, one twice",
            vec![g[0].clone(), g[1].clone(), g[0].clone()],
            Want::Ok,
        ),
        (
            "unknown group",
            vec![g[0].clone(), UNKNOWN.into()],
            Want::Err("disabled_management_groups"),
        ),
        (
            "empty group id",
            vec![String::new()],
            Want::Err("disabled_management_groups"),
        ),
    ];
    for (name, ids, want) in settings_cases {
        let client = dns::validate_dns_settings(&ids, &groups)
            .map(|s| {
                vec![Call::new(
                    "PUT",
                    "/api/dns/settings",
                    &token,
                    serde_json::to_value(s).unwrap(),
                )]
            })
            .map_err(|m| {
                let mut e = FieldErrors::default();
                e.insert("disabled_management_groups", m);
                e
            });
        let naive = vec![Call::new(
            "PUT",
            "/api/dns/settings",
            &token,
            json!({ "disabled_management_groups": ids }),
        )];
        j.case(name, &want, client, naive, &mut restore);
    }
    assert_eq!(
        get(&mock, &token, "/api/dns/settings"),
        loaded,
        "DNS settings changed"
    );
    j.finish(6);
}

// ---------------------------------------------------------------------------------------------
// Users and personal access tokens
// ---------------------------------------------------------------------------------------------

/// (name, (actor's token, actor), target, update, want).
type UpdateCase<'u> = (
    String,
    (&'u str, &'u User),
    &'u User,
    user::UserUpdate,
    Want,
);

fn current(mock: &Mock, token: &str) -> User {
    decode(&get(mock, token, "/api/users/current"))
}

fn find_user<'u>(users: &'u [User], what: &str, f: impl Fn(&User) -> bool) -> &'u User {
    users
        .iter()
        .find(|u| f(u))
        .unwrap_or_else(|| panic!("no seeded user: {what}"))
}

#[test]
fn client_and_mock_agree_on_users_and_tokens() {
    let mock = start(&["--invites"]);
    let owner_t = mock.token("owner");
    let admin_t = mock.token("admin");
    let groups: Vec<Group> = decode(&get(&mock, &owner_t, "/api/groups"));
    let users: Vec<User> = decode(&get(&mock, &owner_t, "/api/users"));
    let owner = current(&mock, &owner_t);
    let admin = current(&mock, &admin_t);
    assert_eq!(user::canonical_role(&owner.role), Some(user::OWNER));
    assert_eq!(user::canonical_role(&admin.role), Some(user::ADMIN));
    let plain = |u: &User| !u.is_service_user && !u.is_blocked && !u.pending_approval;
    let regular = find_user(&users, "an active regular user", |u| {
        plain(u) && user::canonical_role(&u.role) == Some(user::USER)
    })
    .clone();
    let service = find_user(&users, "a service user", |u| {
        u.is_service_user && user::canonical_role(&u.role) != Some(user::OWNER)
    })
    .clone();
    let blocked = users
        .iter()
        .find(|u| {
            u.is_blocked
                && !u.pending_approval
                && !u.is_service_user
                && user::canonical_role(&u.role) != Some(user::OWNER)
        })
        .cloned();
    let g = some_groups(&groups, 2);
    let all = group_id(&groups, "All");
    // A non-admin acting, if the mock prints a token for one.
    let lesser = ["network_admin", "auditor", "user", "billing_admin"]
        .iter()
        .find_map(|r| mock.tokens.iter().find(|(role, _, _)| role == r))
        .map(|(_, _, t)| (t.clone(), current(&mock, t)));

    // ---- PUT /api/users/{id} ----
    let mut j = Judge::new(&mock, "user updates", |m| {
        user::server_error_field(m).into_iter().collect()
    });
    let mut restore = |c: &Call, _: &Value| {
        let id = c.path.rsplit('/').next().unwrap_or_default();
        let was = users.iter().find(|u| u.id == id).expect("a seeded user");
        let body = serde_json::to_value(user::update_of(was)).unwrap();
        let (status, back) = mock.api("PUT", &c.path, &owner_t, Some(&body));
        assert_eq!(status, 200, "restore user {id}: {back}");
    };
    let same = |u: &User| user::update_of(u);
    let role = |u: &User, r: &str| user::UserUpdate {
        role: r.into(),
        ..user::update_of(u)
    };
    let block = |u: &User| user::UserUpdate {
        is_blocked: true,
        ..user::update_of(u)
    };
    let auto = |u: &User, ids: Vec<String>| user::UserUpdate {
        auto_groups: ids,
        ..user::update_of(u)
    };
    let (a, o) = ((admin_t.as_str(), &admin), (owner_t.as_str(), &owner));
    let mut table: Vec<UpdateCase> = vec![
        // ---- valid ----
        (
            "admin saves a user unchanged".into(),
            a,
            &regular,
            same(&regular),
            Want::Ok,
        ),
        (
            "admin saves the owner unchanged".into(),
            a,
            &owner,
            same(&owner),
            Want::Ok,
        ),
        (
            "admin saves themselves unchanged".into(),
            a,
            &admin,
            same(&admin),
            Want::Ok,
        ),
        (
            "owner saves themselves unchanged".into(),
            o,
            &owner,
            same(&owner),
            Want::Ok,
        ),
        (
            "admin makes a user network admin".into(),
            a,
            &regular,
            role(&regular, user::NETWORK_ADMIN),
            Want::Ok,
        ),
        (
            "admin makes a user auditor".into(),
            a,
            &regular,
            role(&regular, user::AUDITOR),
            Want::Ok,
        ),
        (
            "admin makes a user billing admin".into(),
            a,
            &regular,
            role(&regular, user::BILLING_ADMIN),
            Want::Ok,
        ),
        (
            "admin makes a user admin".into(),
            a,
            &regular,
            role(&regular, user::ADMIN),
            Want::Ok,
        ),
        (
            "role in upper case".into(),
            a,
            &regular,
            role(&regular, "AUDITOR"),
            Want::Ok,
        ),
        (
            "owner makes an admin a user".into(),
            o,
            &admin,
            role(&admin, user::USER),
            Want::Ok,
        ),
        (
            "admin blocks a user".into(),
            a,
            &regular,
            block(&regular),
            Want::Ok,
        ),
        (
            "admin gives auto groups, one twice".into(),
            a,
            &regular,
            auto(&regular, vec![g[0].clone(), g[1].clone(), g[0].clone()]),
            Want::Ok,
        ),
        (
            "admin clears auto groups".into(),
            a,
            &regular,
            auto(&regular, vec![]),
            Want::Ok,
        ),
        (
            "owner makes a service user admin".into(),
            o,
            &service,
            role(&service, user::ADMIN),
            Want::Ok,
        ),
        // ---- invalid ----
        (
            "unknown role".into(),
            a,
            &regular,
            role(&regular, "superhero"),
            Want::Err("role"),
        ),
        (
            "empty role".into(),
            a,
            &regular,
            role(&regular, ""),
            Want::Err("role"),
        ),
        (
            "admin blocks themselves".into(),
            a,
            &admin,
            block(&admin),
            Want::Err("is_blocked"),
        ),
        (
            "owner blocks themselves".into(),
            o,
            &owner,
            block(&owner),
            Want::Err("is_blocked"),
        ),
        (
            "admin changes their own role".into(),
            a,
            &admin,
            role(&admin, user::USER),
            Want::Err("role"),
        ),
        (
            "owner changes their own role".into(),
            o,
            &owner,
            role(&owner, user::ADMIN),
            Want::Err("role"),
        ),
        (
            "admin changes the owner's role".into(),
            a,
            &owner,
            role(&owner, user::ADMIN),
            Want::Err("role"),
        ),
        (
            "admin blocks the owner".into(),
            a,
            &owner,
            block(&owner),
            Want::Err("is_blocked"),
        ),
        (
            "admin gives the owner role".into(),
            a,
            &regular,
            role(&regular, user::OWNER),
            Want::Err("role"),
        ),
        (
            "owner gives a service user the owner role".into(),
            o,
            &service,
            role(&service, user::OWNER),
            Want::Err("role"),
        ),
        (
            "unknown auto group".into(),
            a,
            &regular,
            auto(&regular, vec![g[0].clone(), UNKNOWN.into()]),
            Want::Err("auto_groups"),
        ),
        (
            "All in auto groups".into(),
            a,
            &regular,
            auto(&regular, vec![all.clone()]),
            Want::Err("auto_groups"),
        ),
        (
            "empty group id in auto groups".into(),
            a,
            &regular,
            auto(&regular, vec![String::new()]),
            Want::Err("auto_groups"),
        ),
    ];
    if let Some(b) = &blocked {
        table.push((
            "admin unblocks a blocked user".into(),
            a,
            b,
            user::UserUpdate {
                is_blocked: false,
                ..same(b)
            },
            Want::Ok,
        ));
    }
    if let Some((t, actor)) = &lesser {
        table.push((
            format!("a {} changes a user's role", actor.role),
            (t.as_str(), actor),
            &regular,
            role(&regular, user::AUDITOR),
            Want::Err("role"),
        ));
        table.push((
            format!("a {} saves a user unchanged", actor.role),
            (t.as_str(), actor),
            &regular,
            same(&regular),
            Want::Err("role"),
        ));
    }
    for (name, (token, actor), target, draft, want) in &table {
        let path = format!("/api/users/{}", target.id);
        let client = user::validate_update(actor, target, draft, &groups).map(|u| {
            vec![Call::new(
                "PUT",
                &path,
                token,
                serde_json::to_value(u).unwrap(),
            )]
        });
        let naive = vec![Call::new(
            "PUT",
            &path,
            token,
            serde_json::to_value(draft).unwrap(),
        )];
        j.case(name, want, client, naive, &mut restore);
    }
    // Nothing changed.
    let now: Vec<User> = decode(&get(&mock, &owner_t, "/api/users"));
    for u in &users {
        let n = now.iter().find(|x| x.id == u.id).expect("user still there");
        if user::update_of(n) != user::update_of(u) {
            j.fail(format!("user {} not restored: {n:?}", u.id));
        }
    }
    j.finish(25);

    new_users(&mock, &owner_t, &admin_t, &groups);
    tokens(&mock, &owner, &admin, &service, &regular, lesser.as_ref());

    // Last, as it cannot be undone: the owner hands the owner role to a user. The client says
    // the owner becomes an admin; the mock must do so.
    let mut j = Judge::new(&mock, "ownership transfer", |m| {
        user::server_error_field(m).into_iter().collect()
    });
    let hand_over = role(&regular, user::OWNER);
    assert!(user::transfers_ownership(&owner, &regular, &hand_over));
    let path = format!("/api/users/{}", regular.id);
    let client = user::validate_update(&owner, &regular, &hand_over, &groups).map(|u| {
        vec![Call::new(
            "PUT",
            &path,
            &owner_t,
            serde_json::to_value(u).unwrap(),
        )]
    });
    j.case(
        "owner gives the owner role",
        &Want::Ok,
        client,
        vec![],
        &mut |_, _| {},
    );
    let after: Vec<User> = decode(&get(&mock, &owner_t, "/api/users"));
    let role_of = |id: &str| {
        after
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.role.clone())
            .unwrap_or_default()
    };
    if role_of(&regular.id) != user::OWNER || role_of(&owner.id) != user::ADMIN {
        j.fail(format!(
            "ownership transfer: new owner is {}, old owner is {}",
            role_of(&regular.id),
            role_of(&owner.id)
        ));
    }
    j.finish(1);
}

/// `POST /api/users`: service users and invitations (the mock runs with `--invites`).
fn new_users(mock: &Mock, owner_t: &str, admin_t: &str, groups: &[Group]) {
    use user::NewUserDraft;
    let before: Vec<User> = decode(&get(mock, owner_t, "/api/users"));
    let g = some_groups(groups, 2);
    let all = group_id(groups, "All");
    let mut j = Judge::new(mock, "new users", |m| {
        user::server_error_field(m).into_iter().collect()
    });
    let mut undo = |_: &Call, answer: &Value| {
        let id = answer["id"].as_str().expect("created user has an id");
        let path = format!("/api/users/{id}");
        let (status, body) = mock.api("DELETE", &path, owner_t, None);
        assert_eq!(status, 200, "DELETE {path}: {body}");
    };
    let svc = |name: &str, role: &str, groups: Vec<String>| NewUserDraft {
        name: name.into(),
        role: role.into(),
        auto_groups: groups,
        is_service_user: true,
        ..NewUserDraft::default()
    };
    let person = |name: &str, email: &str, role: &str| NewUserDraft {
        name: name.into(),
        email: email.into(),
        role: role.into(),
        ..NewUserDraft::default()
    };
    let table: Vec<(&str, NewUserDraft, Want)> = vec![
        // ---- valid ----
        ("service user", svc("agree-bot", user::USER, vec![]), Want::Ok),
        ("service admin with auto groups, one twice", svc("agree-bot", user::ADMIN, vec![g[0].clone(), g[1].clone(), g[0].clone()]), Want::Ok),
        ("service network admin, unicode name", svc("Roboter für Büro", user::NETWORK_ADMIN, vec![]), Want::Ok),
        ("invite a user", person("Agree Person", "agree@example.com", user::USER), Want::Ok),
        ("invite an admin, role in another case", person("Agree Admin", " agree.admin@example.com ", "Admin"), Want::Ok),
        ("invite with auto groups", NewUserDraft { auto_groups: vec![g[1].clone()], ..person("Agree Groups", "agree.groups@example.com", user::AUDITOR) }, Want::Ok),
        // ---- invalid ----
        ("invite without a name", person("", "agree@example.com", user::USER), Want::Err("name")),
        ("invite without an email", person("Agree Person", "", user::USER), Want::Err("email")),
        ("invite an owner", person("Agree Person", "agree@example.com", user::OWNER), Want::Err("role")),
        ("service owner", svc("agree-bot", user::OWNER, vec![]), Want::Err("role")),
        ("unknown role", svc("agree-bot", "superhero", vec![]), Want::Err("role")),
        ("invite, unknown role", person("Agree Person", "agree@example.com", "superhero"), Want::Err("role")),
        // ---- client stricter by design ----
        ("service user without a name", svc("", user::USER, vec![]), Want::Stricter("name", "the server creates it; NetBird's dashboard requires a name")),
        ("service user named with spaces", svc("   ", user::USER, vec![]), Want::Stricter("name", "the server checks only for \"\"")),
        ("service user, unknown auto group", svc("agree-bot", user::USER, vec![UNKNOWN.into()]), Want::Stricter("auto_groups", "the server checks auto groups only on update")),
        ("service user, All in auto groups", svc("agree-bot", user::USER, vec![all.clone()]), Want::Stricter("auto_groups", "as above: the user could then not be saved unchanged")),
        ("invite, not an email", person("Agree Person", "agree.example.com", user::USER), Want::Stricter("email", "the server refuses only an empty email and leaves the rest to the identity provider")),
        ("invite, email with a space", person("Agree Person", "agree @example.com", user::USER), Want::Stricter("email", "as above")),
        ("invite named with spaces", person("   ", "agree@example.com", user::USER), Want::Stricter("name", "the server checks only for \"\"")),
    ];
    for (name, draft, want) in &table {
        let client = user::validate_new_user(draft, groups).map(|r| {
            vec![Call::new(
                "POST",
                "/api/users",
                admin_t,
                serde_json::to_value(r).unwrap(),
            )]
        });
        let mut naive = json!({
            "name": draft.name,
            "role": draft.role,
            "auto_groups": draft.auto_groups,
            "is_service_user": draft.is_service_user,
        });
        if !draft.is_service_user {
            naive["email"] = json!(draft.email);
        }
        j.case(
            name,
            want,
            client,
            vec![Call::new("POST", "/api/users", admin_t, naive)],
            &mut undo,
        );
    }
    let after: Vec<User> = decode(&get(mock, owner_t, "/api/users"));
    assert_eq!(after.len(), before.len(), "the cases left users behind");
    j.finish(15);
}

/// `POST /api/users/{id}/tokens`: the form's rules, then who may make tokens for whom.
fn tokens(
    mock: &Mock,
    owner: &User,
    admin: &User,
    service: &User,
    regular: &User,
    lesser: Option<&(String, User)>,
) {
    use user::TokenDraft;
    let owner_t = mock.token("owner");
    let admin_t = mock.token("admin");
    // Each list's token IDs (`last_used` moves as the tokens are used), as someone allowed to
    // read it.
    let lists = || -> Vec<Vec<Value>> {
        let mut readers = vec![
            (owner_t.as_str(), owner),
            (admin_t.as_str(), admin),
            (owner_t.as_str(), service),
        ];
        readers.extend(lesser.map(|(t, u)| (t.as_str(), u)));
        readers
            .iter()
            .map(|(t, u)| {
                let list = get(mock, t, &format!("/api/users/{}/tokens", u.id));
                let ids = list.as_array().expect("a token list").iter();
                ids.map(|x| x["id"].clone()).collect()
            })
            .collect()
    };
    let before = lists();
    let mut j = Judge::new(mock, "tokens", |m| {
        user::server_error_field(m).into_iter().collect()
    });
    let mut undo = |c: &Call, answer: &Value| {
        let id = answer["personal_access_token"]["id"]
            .as_str()
            .or(answer["id"].as_str())
            .expect("created token has an id");
        let path = format!("{}/{id}", c.path);
        let (status, body) = mock.api("DELETE", &path, &c.token, None);
        assert_eq!(status, 200, "DELETE {path}: {body}");
    };
    let tok = |name: &str, days: &str| TokenDraft {
        name: name.into(),
        expires_in: days.into(),
    };
    let table: Vec<(&str, TokenDraft, Want)> = vec![
        ("30 days", tok("agree", "30"), Want::Ok),
        ("1 day", tok("agree", "1"), Want::Ok),
        ("365 days", tok("agree", "365"), Want::Ok),
        ("spaces around the days", tok("agree", " 7 "), Want::Ok),
        (
            "unicode name with spaces inside",
            tok("CI für Büro", "30"),
            Want::Ok,
        ),
        ("no name", tok("", "30"), Want::Err("name")),
        ("0 days", tok("agree", "0"), Want::Err("expires_in")),
        ("366 days", tok("agree", "366"), Want::Err("expires_in")),
        ("-1 days", tok("agree", "-1"), Want::Err("expires_in")),
        ("days abc", tok("agree", "abc"), Want::Err("expires_in")),
        ("days 1.5", tok("agree", "1.5"), Want::Err("expires_in")),
        ("days empty", tok("agree", ""), Want::Err("expires_in")),
        (
            "name of spaces",
            tok("   ", "30"),
            Want::Stricter("name", "the server checks only for \"\""),
        ),
        (
            "days +30",
            tok("agree", "+30"),
            Want::Stricter(
                "expires_in",
                "the form asks for a plain number; the JSON body would carry 30",
            ),
        ),
    ];
    let path = format!("/api/users/{}/tokens", owner.id);
    for (name, draft, want) in &table {
        let client = user::validate_token(draft).map(|r| {
            vec![Call::new(
                "POST",
                &path,
                &owner_t,
                serde_json::to_value(r).unwrap(),
            )]
        });
        let naive = json!({"name": draft.name, "expires_in": naive_number(&draft.expires_in)});
        j.case(
            name,
            want,
            client,
            vec![Call::new("POST", &path, &owner_t, naive)],
            &mut undo,
        );
    }
    // Who may make tokens for whom (`can_manage_tokens`): the client's answer against the
    // mock's, with a valid draft.
    let mut actors: Vec<(&str, &User)> = vec![(owner_t.as_str(), owner), (admin_t.as_str(), admin)];
    if let Some((t, u)) = lesser {
        actors.push((t.as_str(), u));
    }
    let body = serde_json::to_value(user::validate_token(&tok("agree", "30")).unwrap()).unwrap();
    for (token, actor) in &actors {
        let mut targets = vec![owner, admin, service, regular];
        targets.extend(lesser.map(|(_, u)| u));
        for target in targets {
            let name = format!(
                "{} ({}) makes a token for {} ({}{})",
                actor.id,
                actor.role,
                target.id,
                target.role,
                if target.is_service_user {
                    ", service"
                } else {
                    ""
                }
            );
            let path = format!("/api/users/{}/tokens", target.id);
            let client = if user::can_manage_tokens(actor, target) {
                Ok(vec![Call::new("POST", &path, token, body.clone())])
            } else {
                let mut e = FieldErrors::default();
                e.insert("user", "not allowed");
                Err(e)
            };
            let naive = vec![Call::new("POST", &path, token, body.clone())];
            let want = if user::can_manage_tokens(actor, target) {
                Want::Ok
            } else {
                Want::Err("user")
            };
            j.case(&name, &want, client, naive, &mut undo);
        }
    }
    let after = lists();
    assert_eq!(after, before, "the cases left tokens behind");
    j.finish(20);
}

// ---------------------------------------------------------------------------------------------
// Account settings
// ---------------------------------------------------------------------------------------------

/// The settings a form without validation sends: the loaded object with every setting the
/// form shows set from the draft as typed (an amount the form cannot multiply goes as text).
fn naive_settings(d: &account::SettingsDraft, loaded: &Value) -> Value {
    let secs = |amount: &str, unit: account::DurationUnit| match amount.trim().parse::<i64>() {
        Ok(n) => json!(n.saturating_mul(unit.seconds())),
        Err(_) => json!(amount),
    };
    let allow: Vec<&str> = d
        .jwt_allow_groups
        .split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut s = loaded.as_object().cloned().unwrap_or_default();
    let top = [
        (
            "peer_login_expiration_enabled",
            json!(d.peer_login_expiration_enabled),
        ),
        (
            "peer_login_expiration",
            secs(&d.peer_login_expiration, d.peer_login_expiration_unit),
        ),
        (
            "peer_inactivity_expiration_enabled",
            json!(d.peer_inactivity_expiration_enabled),
        ),
        (
            "peer_inactivity_expiration",
            secs(
                &d.peer_inactivity_expiration,
                d.peer_inactivity_expiration_unit,
            ),
        ),
        (
            "regular_users_view_blocked",
            json!(d.regular_users_view_blocked),
        ),
        (
            "groups_propagation_enabled",
            json!(d.groups_propagation_enabled),
        ),
        ("jwt_groups_enabled", json!(d.jwt_groups_enabled)),
        ("jwt_groups_claim_name", json!(d.jwt_groups_claim_name)),
        ("jwt_allow_groups", json!(allow)),
        (
            "routing_peer_dns_resolution_enabled",
            json!(d.routing_peer_dns_resolution_enabled),
        ),
        ("dns_domain", json!(d.dns_domain)),
        ("network_range", json!(d.network_range)),
        ("network_range_v6", json!(d.network_range_v6)),
        ("lazy_connection_enabled", json!(d.lazy_connection_enabled)),
        ("auto_update_version", json!(d.auto_update_version)),
        ("auto_update_always", json!(d.auto_update_always)),
        ("metrics_push_enabled", json!(d.metrics_push_enabled)),
        ("local_mfa_enabled", json!(d.local_mfa_enabled)),
        ("peer_expose_enabled", json!(d.peer_expose_enabled)),
        ("peer_expose_groups", json!(d.peer_expose_groups)),
        ("ipv6_enabled_groups", json!(d.ipv6_enabled_groups)),
    ];
    for (k, v) in top {
        s.insert(k.into(), v);
    }
    let mut extra = s
        .get("extra")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let inner = [
        ("peer_approval_enabled", json!(d.peer_approval_enabled)),
        ("user_approval_required", json!(d.user_approval_required)),
        (
            "network_traffic_logs_enabled",
            json!(d.network_traffic_logs_enabled),
        ),
        (
            "network_traffic_logs_groups",
            json!(d.network_traffic_logs_groups),
        ),
        (
            "network_traffic_packet_counter_enabled",
            json!(d.network_traffic_packet_counter_enabled),
        ),
    ];
    for (k, v) in inner {
        extra.insert(k.into(), v);
    }
    s.insert("extra".into(), Value::Object(extra));
    Value::Object(s)
}

/// `account::server_error_field`, except for the messages the server says of either range
/// (`parseAndValidateNetworkRange` → `validateIPAddress`, `validateCapacity`: "loopback address
/// range not allowed", "network range too small: need at least …"): those name no family, so
/// either range field flagged is agreement.
fn settings_error_fields(m: &str) -> Vec<&'static str> {
    let either = m.contains("address range not allowed") || m.contains("need at least");
    match account::server_error_field(m) {
        Some("network_range") if either => vec!["network_range", "network_range_v6"],
        f => f.into_iter().collect(),
    }
}

type SettingsCase = (String, account::SettingsDraft, Want);

/// Runs settings cases against one mock; the account is PUT back after each accepted write.
fn run_settings(
    mock: &Mock,
    what: &'static str,
    cases: impl Fn(&account::SettingsDraft, &[Group], usize) -> Vec<SettingsCase>,
    min: usize,
) {
    let token = mock.token("owner");
    let accounts = get(mock, &token, "/api/accounts");
    let loaded_account = accounts[0].clone();
    let id = loaded_account["id"]
        .as_str()
        .expect("account id")
        .to_string();
    let loaded = loaded_account["settings"].clone();
    let groups: Vec<Group> = decode(&get(mock, &token, "/api/groups"));
    let peers = get(mock, &token, "/api/peers")
        .as_array()
        .map_or(0, Vec::len);
    let ctx = account::SettingsContext {
        peers,
        groups: &groups,
    };
    let path = format!("/api/accounts/{id}");
    let mut j = Judge::new(mock, what, settings_error_fields);
    let mut restore = |_: &Call, _: &Value| {
        let body = account::account_request(&loaded_account, loaded.clone());
        let (status, back) = mock.api("PUT", &path, &token, Some(&body));
        assert_eq!(status, 200, "restore the settings: {back}");
    };
    let base = account::draft_of(&loaded);
    println!("{what}: {peers} peers, settings {loaded}");
    for (name, draft, want) in cases(&base, &groups, peers) {
        let client = account::validate(&draft, &loaded, ctx).map(|s| {
            vec![Call::new(
                "PUT",
                &path,
                &token,
                account::account_request(&loaded_account, s),
            )]
        });
        let naive = account::account_request(&loaded_account, naive_settings(&draft, &loaded));
        j.case(
            &name,
            &want,
            client,
            vec![Call::new("PUT", &path, &token, naive)],
            &mut restore,
        );
    }
    let after = get(mock, &token, "/api/accounts")[0]["settings"].clone();
    assert_eq!(after, loaded, "{what}: the settings were not restored");
    j.finish(min);
}

fn settings_cases(
    base: &account::SettingsDraft,
    groups: &[Group],
    peers: usize,
) -> Vec<SettingsCase> {
    use account::{DurationUnit as U, SettingsDraft};
    assert!(
        peers >= 42,
        "the range cases assume a /26 is too small: {peers} peers"
    );
    let g = some_groups(groups, 2);
    let all = group_id(groups, "All");
    let login = |amount: &str, unit: U| SettingsDraft {
        peer_login_expiration: amount.into(),
        peer_login_expiration_unit: unit,
        ..base.clone()
    };
    let idle = |on: bool, amount: &str, unit: U| SettingsDraft {
        peer_inactivity_expiration_enabled: on,
        peer_inactivity_expiration: amount.into(),
        peer_inactivity_expiration_unit: unit,
        ..base.clone()
    };
    let domain = |d: &str| SettingsDraft {
        dns_domain: d.into(),
        ..base.clone()
    };
    let range = |r: &str| SettingsDraft {
        network_range: r.into(),
        ..base.clone()
    };
    let range6 = |r: &str| SettingsDraft {
        network_range_v6: r.into(),
        ..base.clone()
    };
    let update = |v: &str| SettingsDraft {
        auto_update_version: v.into(),
        ..base.clone()
    };
    let b = base.clone();
    let c: Vec<(&str, SettingsDraft, Want)> = vec![
        // ---- valid ----
        ("unchanged", b.clone(), Want::Ok),
        (
            "login expiration 1 hour (3600 s)",
            login("1", U::Hours),
            Want::Ok,
        ),
        (
            "login expiration 60 minutes",
            login("60", U::Minutes),
            Want::Ok,
        ),
        (
            "login expiration 180 days (15552000 s)",
            login("180", U::Days),
            Want::Ok,
        ),
        (
            "login expiration 4320 hours",
            login("4320", U::Hours),
            Want::Ok,
        ),
        (
            "login expiration off, 7 days",
            SettingsDraft {
                peer_login_expiration_enabled: !b.peer_login_expiration_enabled,
                ..login("7", U::Days)
            },
            Want::Ok,
        ),
        (
            "inactivity on, 1 minute",
            idle(true, "1", U::Minutes),
            Want::Ok,
        ),
        ("inactivity on, 2 days", idle(true, "2", U::Days), Want::Ok),
        ("inactivity off, 0", idle(false, "0", U::Hours), Want::Ok),
        ("dns domain", domain("netbird.example.com"), Want::Ok),
        ("dns domain empty (the default)", domain(""), Want::Ok),
        (
            "dns domain with spaces around",
            domain(" corp.example.com "),
            Want::Ok,
        ),
        ("dns domain punycode", domain("xn--bcher-kva.de"), Want::Ok),
        ("network range /16", range("100.72.0.0/16"), Want::Ok),
        (
            "network range with host bits",
            range("100.72.3.4/16"),
            Want::Ok,
        ),
        (
            "network range /25 holds the peers",
            range("10.10.0.0/25"),
            Want::Ok,
        ),
        ("ipv6 range /48", range6("fd00:1234:5678::/48"), Want::Ok),
        ("ipv6 range /64", range6("fd00:1234:5678::/64"), Want::Ok),
        ("ipv6 range /120", range6("fd00:1234:5678::/120"), Want::Ok),
        ("auto update latest", update("latest"), Want::Ok),
        ("auto update disabled", update("disabled"), Want::Ok),
        ("auto update 0.60.0", update("0.60.0"), Want::Ok),
        ("auto update v0.60.0", update("v0.60.0"), Want::Ok),
        ("auto update 1.2.3-rc.1", update("1.2.3-rc.1"), Want::Ok),
        ("auto update not set", update(""), Want::Ok),
        (
            "jwt groups with a claim and an allow list",
            SettingsDraft {
                jwt_groups_enabled: true,
                jwt_groups_claim_name: "groups".into(),
                jwt_allow_groups: "Admins, DevOps\nSRE team".into(),
                ..b.clone()
            },
            Want::Ok,
        ),
        (
            "peer expose with a group",
            SettingsDraft {
                peer_expose_enabled: true,
                peer_expose_groups: vec![g[0].clone()],
                ..b.clone()
            },
            Want::Ok,
        ),
        (
            "ipv6 groups, one twice, and All",
            SettingsDraft {
                ipv6_enabled_groups: vec![g[0].clone(), all.clone(), g[0].clone()],
                ..b.clone()
            },
            Want::Ok,
        ),
        (
            "traffic logs for a group, packet counter",
            SettingsDraft {
                network_traffic_logs_enabled: true,
                network_traffic_logs_groups: vec![g[1].clone()],
                network_traffic_packet_counter_enabled: true,
                ..b.clone()
            },
            Want::Ok,
        ),
        (
            "approvals",
            SettingsDraft {
                peer_approval_enabled: !b.peer_approval_enabled,
                user_approval_required: !b.user_approval_required,
                ..b.clone()
            },
            Want::Ok,
        ),
        (
            "every switch flipped",
            SettingsDraft {
                regular_users_view_blocked: !b.regular_users_view_blocked,
                groups_propagation_enabled: !b.groups_propagation_enabled,
                routing_peer_dns_resolution_enabled: !b.routing_peer_dns_resolution_enabled,
                lazy_connection_enabled: !b.lazy_connection_enabled,
                metrics_push_enabled: !b.metrics_push_enabled,
                local_mfa_enabled: !b.local_mfa_enabled,
                auto_update_always: !b.auto_update_always,
                ..b.clone()
            },
            Want::Ok,
        ),
        // ---- invalid ----
        (
            "login expiration 59 minutes (3540 s)",
            login("59", U::Minutes),
            Want::Err("peer_login_expiration"),
        ),
        (
            "login expiration 181 days",
            login("181", U::Days),
            Want::Err("peer_login_expiration"),
        ),
        (
            "login expiration 4321 hours",
            login("4321", U::Hours),
            Want::Err("peer_login_expiration"),
        ),
        (
            "login expiration 0",
            login("0", U::Hours),
            Want::Err("peer_login_expiration"),
        ),
        (
            "login expiration off and 0",
            SettingsDraft {
                peer_login_expiration_enabled: false,
                ..login("0", U::Hours)
            },
            Want::Err("peer_login_expiration"),
        ),
        (
            "login expiration abc",
            login("abc", U::Hours),
            Want::Err("peer_login_expiration"),
        ),
        (
            "login expiration 1.5",
            login("1.5", U::Days),
            Want::Err("peer_login_expiration"),
        ),
        (
            "inactivity abc",
            idle(true, "abc", U::Hours),
            Want::Err("peer_inactivity_expiration"),
        ),
        (
            "dns domain wildcard",
            domain("*.example.com"),
            Want::Err("dns_domain"),
        ),
        (
            "dns domain with a space",
            domain("exa mple.com"),
            Want::Err("dns_domain"),
        ),
        (
            "dns domain unicode",
            domain("bücher.de"),
            Want::Err("dns_domain"),
        ),
        (
            "dns domain label starts with -",
            domain("-bad.example.com"),
            Want::Err("dns_domain"),
        ),
        (
            "dns domain with an empty label",
            domain("a..example.com"),
            Want::Err("dns_domain"),
        ),
        (
            "dns domain with a trailing dot",
            domain("corp.example.com."),
            Want::Err("dns_domain"),
        ),
        (
            "network range /29",
            range("10.10.0.0/29"),
            Want::Err("network_range"),
        ),
        (
            "network range /26 too small for the peers",
            range("10.10.0.0/26"),
            Want::Err("network_range"),
        ),
        (
            "network range loopback",
            range("127.0.0.0/8"),
            Want::Err("network_range"),
        ),
        (
            "network range multicast",
            range("224.0.0.0/4"),
            Want::Err("network_range"),
        ),
        (
            "network range link-local",
            range("169.254.0.0/16"),
            Want::Err("network_range"),
        ),
        (
            "network range not a range",
            range("100.64.0.0"),
            Want::Err("network_range"),
        ),
        (
            "network range /33",
            range("100.64.0.0/33"),
            Want::Err("network_range"),
        ),
        (
            "network range ipv6",
            range("fd00:1234::/64"),
            Want::Err("network_range"),
        ),
        (
            "ipv6 range /47",
            range6("fd00:1234:5678::/47"),
            Want::Err("network_range_v6"),
        ),
        (
            "ipv6 range /121",
            range6("fd00:1234:5678::/121"),
            Want::Err("network_range_v6"),
        ),
        (
            "ipv6 range ipv4",
            range6("100.72.0.0/16"),
            Want::Err("network_range_v6"),
        ),
        (
            "ipv6 range link-local",
            range6("fe80::/64"),
            Want::Err("network_range_v6"),
        ),
        (
            "ipv6 range multicast",
            range6("ff00::/64"),
            Want::Err("network_range_v6"),
        ),
        (
            "ipv6 range loopback",
            range6("::1/128"),
            Want::Err("network_range_v6"),
        ),
        (
            "ipv6 range not a range",
            range6("fd00::1"),
            Want::Err("network_range_v6"),
        ),
        (
            "ipv6 groups, unknown",
            SettingsDraft {
                ipv6_enabled_groups: vec![g[0].clone(), UNKNOWN.into()],
                ..b.clone()
            },
            Want::Err("ipv6_enabled_groups"),
        ),
        (
            "ipv6 groups, empty id",
            SettingsDraft {
                ipv6_enabled_groups: vec![String::new()],
                ..b.clone()
            },
            Want::Err("ipv6_enabled_groups"),
        ),
        (
            "peer expose without a group",
            SettingsDraft {
                peer_expose_enabled: true,
                peer_expose_groups: vec![],
                ..b.clone()
            },
            Want::Err("peer_expose_groups"),
        ),
        // ---- client stricter by design ----
        (
            "inactivity on, 0",
            idle(true, "0", U::Hours),
            Want::Stricter(
                "peer_inactivity_expiration",
                "the server takes 0, which logs out every peer the moment it disconnects",
            ),
        ),
        (
            "inactivity on, 0 minutes",
            idle(true, "0", U::Minutes),
            Want::Stricter("peer_inactivity_expiration", "as above"),
        ),
        (
            "peer expose, unknown group",
            SettingsDraft {
                peer_expose_enabled: true,
                peer_expose_groups: vec![UNKNOWN.into()],
                ..b.clone()
            },
            Want::Stricter(
                "peer_expose_groups",
                "the server does not check that the groups exist",
            ),
        ),
        (
            "traffic logs, unknown group",
            SettingsDraft {
                network_traffic_logs_enabled: true,
                network_traffic_logs_groups: vec![UNKNOWN.into()],
                ..b.clone()
            },
            Want::Stricter(
                "network_traffic_logs_groups",
                "the server does not check that the groups exist",
            ),
        ),
        (
            "dns domain, xn-- label not punycode",
            domain("xn--a_b.example.com"),
            Want::Stricter(
                "dns_domain",
                "IsValidDomainNoWildcard only matches the pattern; a label that does not decode names nothing",
            ),
        ),
        (
            "dns domain, xn-- label with a leading -",
            domain("xn---abc.example.com"),
            Want::Stricter("dns_domain", "as above"),
        ),
        (
            "jwt groups without a claim name",
            SettingsDraft {
                jwt_groups_enabled: true,
                jwt_groups_claim_name: String::new(),
                ..b.clone()
            },
            Want::Stricter(
                "jwt_groups_claim_name",
                "without a claim name nothing is synced",
            ),
        ),
        (
            "jwt groups with a claim name of spaces",
            SettingsDraft {
                jwt_groups_enabled: true,
                jwt_groups_claim_name: "  ".into(),
                ..b.clone()
            },
            Want::Stricter("jwt_groups_claim_name", "as above"),
        ),
        (
            "auto update banana",
            update("banana"),
            Want::ServerFails(
                "auto_update_version",
                "the server answers an invalid version with a 500 (fmt.Errorf, not a status error)",
            ),
        ),
        (
            "auto update 1.2.3rc1",
            update("1.2.3rc1"),
            Want::ServerFails(
                "auto_update_version",
                "NewSemver wants a - before the pre-release",
            ),
        ),
    ];
    c.into_iter()
        .map(|(n, d, w)| (n.to_string(), d, w))
        .collect()
}

/// With few peers: the smallest IPv4 range the server takes, and one less.
fn small_account_cases(
    base: &account::SettingsDraft,
    _: &[Group],
    peers: usize,
) -> Vec<SettingsCase> {
    assert!(
        account::required_addresses(peers) <= 14,
        "a /28 must hold {peers} peers"
    );
    let range = |r: &str| account::SettingsDraft {
        network_range: r.into(),
        ..base.clone()
    };
    vec![
        (
            format!("network range /28 holds {peers} peers"),
            range("10.10.0.0/28"),
            Want::Ok,
        ),
        ("network range /27".into(), range("10.10.0.0/27"), Want::Ok),
        (
            "network range /29".into(),
            range("10.10.0.0/29"),
            Want::Err("network_range"),
        ),
        (
            "network range /32".into(),
            range("10.10.0.1/32"),
            Want::Err("network_range"),
        ),
    ]
}

#[test]
fn client_and_mock_agree_on_account_settings() {
    let mock = start(&[]);
    run_settings(&mock, "account settings", settings_cases, 60);
    drop(mock);
    // A /28 holds 14 addresses: room for 9 peers and their buffer (10 need 15).
    let small = start(&["--peers", "9"]);
    run_settings(&small, "account settings, 9 peers", small_account_cases, 4);
}
