//! The policy form's rules: what `POST /api/policies` and `PUT /api/policies/{id}` check
//! (netbirdio/netbird: `savePolicy` in the policies handler, `validatePolicy` in
//! `management/server/policy.go`), with the same meaning.
//!
//! A policy holds a list of rules, but the console (like NetBird's own dashboard) treats a
//! policy as one rule: the rule takes the policy's name, description and enabled state. A
//! policy with more rules is not edited by the form (`extra_rules`): the server's answer can
//! leave groups out of later rules' sources, so writing it back could change it.
//!
//! Deliberately stricter than the server:
//! - a name of only spaces is refused, and the name is sent trimmed;
//! - every chosen group and posture check must exist: the server silently drops unknown IDs
//!   (`getValidGroupIDs`, `getValidPostureCheckIDs`) and would store a rule that no longer
//!   says what the admin chose;
//! - a side needs at least one group or a resource (the server takes `"sources": []`);
//! - ports are read from one text field (`ports.rs`): ranges run `1 <= start <= end <= 65535`.
//!
//! netbird-ssh: `authorized_groups` maps user groups to the local user names their users may
//! log in as (an empty list: any local user). When any is given, the server wants an entry for
//! every source group.

use super::model::{AuthorizedGroups, Policy, PolicyRule, PortRange};
use super::ports::{format_ports, parse_ports, Ports};
use crate::base::field_errors::FieldErrors;
use crate::base::i18n::{t, tf};
use crate::base::json::FromJson;
use crate::base::stale::FieldSpec;
use crate::resources::group::GroupResource;
use crate::resources::posture_check::PostureCheck;
use crate::resources::{Group, GroupMinimum};
use serde::Serialize;

pub const ACCEPT: &str = "accept";
pub const DROP: &str = "drop";
pub const ACTIONS: &[&str] = &[ACCEPT, DROP];
pub const ALL: &str = "all";
pub const TCP: &str = "tcp";
pub const UDP: &str = "udp";
pub const ICMP: &str = "icmp";
pub const NETBIRD_SSH: &str = "netbird-ssh";
pub const PROTOCOLS: &[&str] = &[ALL, TCP, UDP, ICMP, NETBIRD_SSH];

/// What the policy form holds: text as typed, choices as IDs.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct PolicyDraft {
    pub name: String,
    pub description: String,
    pub enabled: bool,
    /// `accept` or `drop`.
    pub action: String,
    /// `all`, `tcp`, `udp`, `icmp` or `netbird-ssh`.
    pub protocol: String,
    pub bidirectional: bool,
    /// Group IDs.
    pub sources: Vec<String>,
    pub destinations: Vec<String>,
    /// A network resource instead of source groups: kept from a loaded rule (the form does
    /// not create them). Cleared to choose groups instead.
    pub source_resource: Option<GroupResource>,
    pub destination_resource: Option<GroupResource>,
    /// As typed: `22, 80, 8000-8100`.
    pub ports: String,
    /// Posture check IDs.
    pub source_posture_checks: Vec<String>,
    /// netbird-ssh: (user group ID, local user names as typed, comma separated; empty: any
    /// local user).
    pub authorized_groups: Vec<(String, String)>,
    /// The ID of the rule being edited ("" for a new policy).
    pub rule_id: String,
}

impl Default for PolicyDraft {
    fn default() -> Self {
        PolicyDraft {
            name: String::new(),
            description: String::new(),
            enabled: true,
            action: ACCEPT.into(),
            protocol: ALL.into(),
            bidirectional: true,
            sources: Vec::new(),
            destinations: Vec::new(),
            source_resource: None,
            destination_resource: None,
            ports: String::new(),
            source_posture_checks: Vec::new(),
            authorized_groups: Vec::new(),
            rule_id: String::new(),
        }
    }
}

/// One rule of a policy body. Each pair of alternatives sends one key and leaves the other
/// out: the server decides by key presence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RuleRequest {
    /// Only when editing: keeps the rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub action: String,
    pub bidirectional: bool,
    pub protocol: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ports: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_ranges: Option<Vec<PortRange>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<String>>,
    #[serde(rename = "sourceResource", skip_serializing_if = "Option::is_none")]
    pub source_resource: Option<GroupResource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destinations: Option<Vec<String>>,
    #[serde(
        rename = "destinationResource",
        skip_serializing_if = "Option::is_none"
    )]
    pub destination_resource: Option<GroupResource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorized_groups: Option<AuthorizedGroups>,
}

/// The body of `POST /api/policies` and `PUT /api/policies/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PolicyRequest {
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub source_posture_checks: Vec<String>,
    pub rules: Vec<RuleRequest>,
}

impl PolicyRequest {
    /// Switches the policy and every rule on or off (the bulk action).
    pub fn set_enabled(&mut self, on: bool) {
        self.enabled = on;
        for r in &mut self.rules {
            r.enabled = on;
        }
    }
}

/// What the checks compare against: the account's groups and posture checks.
#[derive(Clone, Copy, Debug)]
pub struct PolicyContext<'a> {
    pub groups: &'a [Group],
    pub posture_checks: &'a [PostureCheck],
}

/// The fields of a policy write, in form order, with the label the form gives them. The rule
/// is one field: the request carries it as an object inside `rules`.
pub const POLICY_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "Name"),
    FieldSpec::new("description", "Description"),
    FieldSpec::new("enabled", "Enabled"),
    FieldSpec::new("rules", "Rule: groups, protocol, ports"),
    FieldSpec::named("source_posture_checks", "Posture checks"),
];

fn ids(groups: &[GroupMinimum]) -> Vec<String> {
    groups.iter().map(|g| g.id.clone()).collect()
}

/// The request that stores `policy` unchanged, all its rules (for the stale check). A
/// multi-rule policy may have lost sources in the server's answer (see the module note): a
/// change written back goes through `rewrite_of`.
pub fn request_of(policy: &Policy) -> PolicyRequest {
    PolicyRequest {
        name: policy.name.clone(),
        description: policy.description.clone(),
        enabled: policy.enabled,
        source_posture_checks: policy.source_posture_checks.clone(),
        rules: policy.rules.iter().map(rule_request_of).collect(),
    }
}

fn rule_request_of(r: &PolicyRule) -> RuleRequest {
    let side = |groups: &[GroupMinimum], resource: &Option<GroupResource>| match resource {
        Some(res) => (None, Some(res.clone())),
        None => (Some(ids(groups)), None),
    };
    let (sources, source_resource) = side(&r.sources, &r.source_resource);
    let (destinations, destination_resource) = side(&r.destinations, &r.destination_resource);
    RuleRequest {
        id: Some(r.id.clone()).filter(|id| !id.is_empty()),
        name: r.name.clone(),
        description: r.description.clone(),
        enabled: r.enabled,
        action: r.action.clone(),
        bidirectional: r.bidirectional,
        protocol: r.protocol.clone(),
        ports: Some(r.ports.clone()).filter(|p| !p.is_empty()),
        port_ranges: Some(r.port_ranges.clone()).filter(|p| !p.is_empty()),
        sources,
        source_resource,
        destinations,
        destination_resource,
        authorized_groups: Some(r.authorized_groups.clone()).filter(|a| !a.is_empty()),
    }
}

/// The request that stores `policy` as it is, for a change made to it (an enable switch, a
/// posture check taken out); refused, saying why, for a policy of more than one rule, whose
/// server answer can leave out groups of its later rules (see the module note): written back,
/// it would lose them.
pub fn rewrite_of(policy: &Policy) -> Result<PolicyRequest, String> {
    if extra_rules(policy) > 0 {
        return Err(tf(
            "Policy “{name}” has more than one rule, and the server's copy of such a policy can leave out some of their groups, so the console does not rewrite it. Change it in the NetBird dashboard or API.",
            &[("name", &policy.name)],
        ));
    }
    Ok(request_of(policy))
}

/// How many rules `policy` has beyond the first: the form edits only single-rule policies.
pub fn extra_rules(policy: &Policy) -> usize {
    policy.rules.len().saturating_sub(1)
}

/// The form's draft of a loaded policy (its first rule).
pub fn draft_of(policy: &Policy) -> PolicyDraft {
    let rule = policy.rules.first().cloned().unwrap_or_default();
    PolicyDraft {
        name: policy.name.clone(),
        description: policy.description.clone(),
        enabled: policy.enabled,
        action: rule.action.clone(),
        protocol: rule.protocol.clone(),
        bidirectional: rule.bidirectional,
        sources: ids(&rule.sources),
        destinations: ids(&rule.destinations),
        source_resource: rule.source_resource.clone(),
        destination_resource: rule.destination_resource.clone(),
        ports: format_ports(&rule.ports, &rule.port_ranges),
        source_posture_checks: policy.source_posture_checks.clone(),
        authorized_groups: rule
            .authorized_groups
            .0
            .iter()
            .map(|(g, users)| (g.clone(), users.join(", ")))
            .collect(),
        rule_id: rule.id,
    }
}

/// A new policy like `policy`: named "Copy of …", no rule ID.
pub fn clone_draft(policy: &Policy) -> PolicyDraft {
    PolicyDraft {
        name: tf("Copy of {name}", &[("name", &policy.name)]),
        rule_id: String::new(),
        ..draft_of(policy)
    }
}

/// A new policy for the way back: sources and destinations (groups and resources) swapped,
/// named "… (reverse)", no rule ID.
pub fn reverse_draft(policy: &Policy) -> PolicyDraft {
    let d = draft_of(policy);
    PolicyDraft {
        name: tf("{name} (reverse)", &[("name", &policy.name)]),
        sources: d.destinations.clone(),
        destinations: d.sources.clone(),
        source_resource: d.destination_resource.clone(),
        destination_resource: d.source_resource.clone(),
        rule_id: String::new(),
        ..d
    }
}

/// Each chosen group exists; each once.
fn check_groups(chosen: &[String], groups: &[Group]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::with_capacity(chosen.len());
    for id in chosen {
        if !groups.iter().any(|g| &g.id == id) {
            return Err(tf(
                "The group {id} no longer exists; choose again.",
                &[("id", id)],
            ));
        }
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

/// One side of the rule: (groups, resource), exactly one of them.
type Side = (Option<Vec<String>>, Option<GroupResource>);

fn check_side(
    chosen: &[String],
    resource: &Option<GroupResource>,
    groups: &[Group],
    empty: String,
    both: String,
) -> Result<Side, String> {
    match resource {
        Some(_) if !chosen.is_empty() => Err(both),
        Some(res) if res.id.is_empty() => Err(empty),
        Some(res) => Ok((None, Some(res.clone()))),
        None if chosen.is_empty() => Err(empty),
        None => Ok((Some(check_groups(chosen, groups)?), None)),
    }
}

fn group_name<'a>(id: &'a str, groups: &'a [Group]) -> &'a str {
    groups
        .iter()
        .find(|g| g.id == id)
        .map_or(id, |g| g.name.as_str())
}

/// netbird-ssh's authorized groups: each group exists and is listed once; user names are
/// comma separated, without spaces inside; when any is given, every source group has one.
fn check_authorized(
    entries: &[(String, String)],
    sources: &[String],
    groups: &[Group],
) -> Result<Option<AuthorizedGroups>, String> {
    let mut out: Vec<(String, Vec<String>)> = Vec::with_capacity(entries.len());
    for (id, users) in entries {
        if id.is_empty() {
            return Err(t("Choose a group for each line of authorized groups."));
        }
        if !groups.iter().any(|g| &g.id == id) {
            return Err(tf(
                "The group {id} no longer exists; choose again.",
                &[("id", id)],
            ));
        }
        let name = group_name(id, groups);
        if out.iter().any(|(g, _)| g == id) {
            return Err(tf(
                "The group “{group}” is listed twice in the authorized groups.",
                &[("group", name)],
            ));
        }
        let mut names: Vec<String> = Vec::new();
        for user in users.split(',').map(str::trim).filter(|u| !u.is_empty()) {
            if user.contains(char::is_whitespace) {
                return Err(tf(
                    "“{user}” (for “{group}”) is not a local user name: separate names with commas.",
                    &[("user", user), ("group", name)],
                ));
            }
            if !names.iter().any(|n| n == user) {
                names.push(user.to_string());
            }
        }
        out.push((id.clone(), names));
    }
    if out.is_empty() {
        return Ok(None);
    }
    let missing: Vec<&str> = sources
        .iter()
        .filter(|s| !out.iter().any(|(g, _)| g == *s))
        .map(|s| group_name(s, groups))
        .collect();
    if !missing.is_empty() {
        return Err(tf(
            "Every source group needs its local users once any group has them: add {groups}.",
            &[("groups", &missing.join(", "))],
        ));
    }
    Ok(Some(AuthorizedGroups(out)))
}

/// The form's checks. Ok: the body to send.
pub fn validate(draft: &PolicyDraft, ctx: &PolicyContext) -> Result<PolicyRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    let name = draft.name.trim();
    if name.is_empty() {
        errs.insert("name", t("Enter a name for the policy."));
    }
    if !ACTIONS.contains(&draft.action.as_str()) {
        errs.insert("action", t("Choose the action: accept or drop."));
    }
    let protocol = draft.protocol.as_str();
    if !PROTOCOLS.contains(&protocol) {
        errs.insert(
            "protocol",
            t("Choose the protocol: all, TCP, UDP, ICMP or NetBird SSH."),
        );
    }
    let (sources, source_resource) = check_side(
        &draft.sources,
        &draft.source_resource,
        ctx.groups,
        t("Choose at least one source group."),
        t("Choose source groups or keep the source resource, not both."),
    )
    .unwrap_or_else(|m| {
        errs.insert("sources", m);
        (None, None)
    });
    let (destinations, destination_resource) = check_side(
        &draft.destinations,
        &draft.destination_resource,
        ctx.groups,
        t("Choose at least one destination group."),
        t("Choose destination groups or keep the destination resource, not both."),
    )
    .unwrap_or_else(|m| {
        errs.insert("destinations", m);
        (None, None)
    });
    let ports = match parse_ports(&draft.ports) {
        Ok(p) if !p.is_none() && (protocol == ALL || protocol == ICMP) => {
            errs.insert(
                "ports",
                t("All and ICMP carry no ports: clear the ports, or choose TCP or UDP."),
            );
            Ports::None
        }
        Ok(p) => p,
        Err(m) => {
            errs.insert("ports", m);
            Ports::None
        }
    };
    let mut posture_checks: Vec<String> = Vec::new();
    for id in &draft.source_posture_checks {
        if !ctx.posture_checks.iter().any(|c| &c.id == id) {
            errs.insert(
                "source_posture_checks",
                tf(
                    "The posture check {id} no longer exists; choose again.",
                    &[("id", id)],
                ),
            );
        } else if !posture_checks.contains(id) {
            posture_checks.push(id.clone());
        }
    }
    let authorized_groups = if protocol == NETBIRD_SSH {
        let src = sources.as_deref().unwrap_or_default();
        check_authorized(&draft.authorized_groups, src, ctx.groups).unwrap_or_else(|m| {
            errs.insert("authorized_groups", m);
            None
        })
    } else {
        None
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    let description = draft.description.clone();
    Ok(PolicyRequest {
        name: name.to_string(),
        description: description.clone(),
        enabled: draft.enabled,
        source_posture_checks: posture_checks,
        rules: vec![RuleRequest {
            id: Some(draft.rule_id.clone()).filter(|id| !id.is_empty()),
            name: name.to_string(),
            description,
            enabled: draft.enabled,
            action: draft.action.clone(),
            bidirectional: draft.bidirectional,
            protocol: draft.protocol.clone(),
            ports: ports.ports(),
            port_ranges: ports.port_ranges(),
            sources,
            source_resource,
            destinations,
            destination_resource,
            authorized_groups,
        }],
    })
}

/// The control a server error message (the body's `message`, lowercased by the server)
/// concerns, if any.
pub fn server_error_field(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    if m.contains("policy name shouldn't be empty") {
        Some("name")
    } else if m.starts_with("unknown action type") {
        Some("action")
    } else if m.starts_with("unknown protocol type") {
        Some("protocol")
    } else if m.starts_with("specify either destinations") {
        Some("destinations")
    } else if m.starts_with("specify either sources") {
        Some("sources")
    } else if m.contains("individual ports or port ranges")
        || m.contains("valid port value")
        || m.contains("protocol ports is not allowed")
    {
        Some("ports")
    } else if m.starts_with("authorized group") {
        Some("authorized_groups")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn groups() -> Vec<Group> {
        let g = |id: &str, name: &str| Group {
            id: id.into(),
            name: name.into(),
            peers_count: 1,
            ..Group::default()
        };
        vec![
            g("gall", "All"),
            g("gdev", "devs"),
            g("gsrv", "servers"),
            g("gops", "ops"),
        ]
    }

    fn checks() -> Vec<PostureCheck> {
        vec![PostureCheck {
            id: "pc1".into(),
            name: "recent".into(),
            ..PostureCheck::default()
        }]
    }

    fn draft() -> PolicyDraft {
        PolicyDraft {
            name: "devs to servers".into(),
            sources: vec!["gdev".into()],
            destinations: vec!["gsrv".into()],
            ..PolicyDraft::default()
        }
    }

    fn check(d: &PolicyDraft) -> Result<PolicyRequest, FieldErrors> {
        let (g, c) = (groups(), checks());
        validate(
            d,
            &PolicyContext {
                groups: &g,
                posture_checks: &c,
            },
        )
    }

    fn fields(d: &PolicyDraft) -> Vec<&'static str> {
        check(d)
            .err()
            .map(|e| e.fields().collect())
            .unwrap_or_default()
    }

    fn message(d: &PolicyDraft, field: &str) -> String {
        check(d).unwrap_err().get(field).unwrap().to_string()
    }

    fn group(id: &str, name: &str) -> GroupMinimum {
        GroupMinimum {
            id: id.into(),
            name: name.into(),
            peers_count: 1,
        }
    }

    #[test]
    fn the_body_is_the_servers() {
        let d = PolicyDraft {
            description: "web".into(),
            protocol: TCP.into(),
            ports: "443, 80".into(),
            bidirectional: false,
            source_posture_checks: vec!["pc1".into()],
            ..draft()
        };
        assert_eq!(
            serde_json::to_value(check(&d).unwrap()).unwrap(),
            json!({"name":"devs to servers","description":"web","enabled":true,
                "source_posture_checks":["pc1"],
                "rules":[{"name":"devs to servers","description":"web","enabled":true,
                    "action":"accept","bidirectional":false,"protocol":"tcp","ports":["443","80"],
                    "sources":["gdev"],"destinations":["gsrv"]}]})
        );
        // A range sends every item as a range; editing keeps the rule's ID; no ports: no key.
        let d = PolicyDraft {
            protocol: UDP.into(),
            ports: "53, 5000-5100".into(),
            rule_id: "r1".into(),
            enabled: false,
            ..draft()
        };
        let r = serde_json::to_value(check(&d).unwrap()).unwrap();
        assert_eq!(r["enabled"], false);
        let rule = &r["rules"][0];
        assert_eq!(rule["id"], "r1");
        assert_eq!(rule["enabled"], false);
        assert_eq!(
            rule["port_ranges"],
            json!([{"start":53,"end":53},{"start":5000,"end":5100}])
        );
        assert!(rule.get("ports").is_none());
        let r = serde_json::to_value(check(&draft()).unwrap()).unwrap();
        let rule = r["rules"][0].as_object().unwrap();
        for absent in [
            "id",
            "ports",
            "port_ranges",
            "sourceResource",
            "destinationResource",
            "authorized_groups",
        ] {
            assert!(!rule.contains_key(absent), "{absent}");
        }
        assert_eq!(r["source_posture_checks"], json!([]));
    }

    #[test]
    fn names_actions_and_protocols() {
        for (name, ok) in [("", false), ("   ", false), (" web ", true)] {
            let d = PolicyDraft {
                name: name.into(),
                ..draft()
            };
            assert_eq!(fields(&d).is_empty(), ok, "{name:?}");
        }
        let d = PolicyDraft {
            name: " web ".into(),
            ..draft()
        };
        assert_eq!(check(&d).unwrap().name, "web");
        assert_eq!(
            message(
                &PolicyDraft {
                    name: "".into(),
                    ..draft()
                },
                "name"
            ),
            "Enter a name for the policy."
        );
        for action in ACTIONS {
            let d = PolicyDraft {
                action: action.to_string(),
                ..draft()
            };
            assert!(check(&d).is_ok());
        }
        let d = PolicyDraft {
            action: "allow".into(),
            ..draft()
        };
        assert_eq!(message(&d, "action"), "Choose the action: accept or drop.");
        for p in PROTOCOLS {
            let d = PolicyDraft {
                protocol: p.to_string(),
                ..draft()
            };
            assert!(check(&d).is_ok(), "{p}");
        }
        let d = PolicyDraft {
            protocol: "TCP".into(),
            ..draft()
        };
        assert_eq!(
            message(&d, "protocol"),
            "Choose the protocol: all, TCP, UDP, ICMP or NetBird SSH."
        );
    }

    #[test]
    fn groups_must_exist_and_are_sent_once() {
        let d = PolicyDraft {
            sources: vec!["gdev".into(), "gops".into(), "gdev".into()],
            ..draft()
        };
        assert_eq!(
            check(&d).unwrap().rules[0].sources,
            Some(vec!["gdev".into(), "gops".into()])
        );
        let d = PolicyDraft {
            sources: vec![],
            destinations: vec!["gone".into()],
            ..draft()
        };
        assert_eq!(fields(&d), ["destinations", "sources"]);
        assert_eq!(message(&d, "sources"), "Choose at least one source group.");
        assert_eq!(
            message(&d, "destinations"),
            "The group gone no longer exists; choose again."
        );
        let d = PolicyDraft {
            destinations: vec![],
            ..draft()
        };
        assert_eq!(
            message(&d, "destinations"),
            "Choose at least one destination group."
        );
    }

    #[test]
    fn resources_replace_groups() {
        let res = GroupResource {
            id: "res1".into(),
            r#type: "host".into(),
        };
        let d = PolicyDraft {
            destinations: vec![],
            destination_resource: Some(res.clone()),
            ..draft()
        };
        let r = serde_json::to_value(check(&d).unwrap()).unwrap();
        let rule = &r["rules"][0];
        assert_eq!(
            rule["destinationResource"],
            json!({"id":"res1","type":"host"})
        );
        assert!(rule.get("destinations").is_none());
        assert_eq!(rule["sources"], json!(["gdev"]));
        let both = PolicyDraft {
            source_resource: Some(res.clone()),
            destination_resource: Some(res.clone()),
            ..draft()
        };
        assert_eq!(
            message(&both, "sources"),
            "Choose source groups or keep the source resource, not both."
        );
        assert_eq!(
            message(&both, "destinations"),
            "Choose destination groups or keep the destination resource, not both."
        );
    }

    #[test]
    fn ports_follow_the_protocol() {
        for p in [ALL, ICMP] {
            let d = PolicyDraft {
                protocol: p.into(),
                ports: "22".into(),
                ..draft()
            };
            assert_eq!(
                message(&d, "ports"),
                "All and ICMP carry no ports: clear the ports, or choose TCP or UDP.",
                "{p}"
            );
        }
        for p in [TCP, UDP, NETBIRD_SSH] {
            let d = PolicyDraft {
                protocol: p.into(),
                ports: "22".into(),
                ..draft()
            };
            assert!(check(&d).is_ok(), "{p}");
        }
        let d = PolicyDraft {
            protocol: TCP.into(),
            ports: "22, 70000".into(),
            ..draft()
        };
        assert_eq!(
            message(&d, "ports"),
            "“70000” is not a port: a port is a whole number from 1 to 65535."
        );
    }

    #[test]
    fn posture_checks_must_exist() {
        let d = PolicyDraft {
            source_posture_checks: vec!["pc1".into(), "pc1".into()],
            ..draft()
        };
        assert_eq!(check(&d).unwrap().source_posture_checks, ["pc1"]);
        let d = PolicyDraft {
            source_posture_checks: vec!["pc9".into()],
            ..draft()
        };
        assert_eq!(
            message(&d, "source_posture_checks"),
            "The posture check pc9 no longer exists; choose again."
        );
    }

    #[test]
    fn ssh_authorized_groups() {
        let ssh = |entries: &[(&str, &str)]| PolicyDraft {
            protocol: NETBIRD_SSH.into(),
            sources: vec!["gdev".into(), "gops".into()],
            authorized_groups: entries
                .iter()
                .map(|(g, u)| (g.to_string(), u.to_string()))
                .collect(),
            ..draft()
        };
        // None given: the key is left out.
        let r = serde_json::to_value(check(&ssh(&[])).unwrap()).unwrap();
        assert!(r["rules"][0].get("authorized_groups").is_none());
        let r = check(&ssh(&[("gdev", "root, admin,,root"), ("gops", "")])).unwrap();
        assert_eq!(
            serde_json::to_value(&r.rules[0].authorized_groups).unwrap(),
            json!({"gdev":["root","admin"],"gops":[]})
        );
        // Not netbird-ssh: not sent.
        let tcp = PolicyDraft {
            protocol: TCP.into(),
            ..ssh(&[("gdev", "root")])
        };
        assert_eq!(check(&tcp).unwrap().rules[0].authorized_groups, None);
        for (entries, msg) in [
            (
                &[("gdev", "root")][..],
                "Every source group needs its local users once any group has them: add ops.",
            ),
            (
                &[("gsrv", "root")],
                "Every source group needs its local users once any group has them: add devs, ops.",
            ),
            (
                &[("gdev", "root"), ("gops", "a b")],
                "“a b” (for “ops”) is not a local user name: separate names with commas.",
            ),
            (
                &[("gdev", ""), ("gdev", "x")],
                "The group “devs” is listed twice in the authorized groups.",
            ),
            (
                &[("", "root")],
                "Choose a group for each line of authorized groups.",
            ),
            (
                &[("gx", "root")],
                "The group gx no longer exists; choose again.",
            ),
        ] {
            assert_eq!(message(&ssh(entries), "authorized_groups"), msg);
        }
    }

    fn loaded() -> Policy {
        Policy {
            id: "p1".into(),
            name: "web".into(),
            description: "to the web servers".into(),
            enabled: true,
            source_posture_checks: vec!["pc1".into()],
            rules: vec![PolicyRule {
                id: "r1".into(),
                name: "web".into(),
                description: "to the web servers".into(),
                enabled: true,
                action: ACCEPT.into(),
                bidirectional: false,
                protocol: TCP.into(),
                port_ranges: vec![
                    PortRange { start: 80, end: 80 },
                    PortRange {
                        start: 8000,
                        end: 8100,
                    },
                ],
                sources: vec![group("gdev", "devs"), group("gops", "ops")],
                destinations: vec![group("gsrv", "servers")],
                ..PolicyRule::default()
            }],
        }
    }

    #[test]
    fn a_loaded_policy_round_trips() {
        let p = loaded();
        let d = draft_of(&p);
        assert_eq!(d.sources, ["gdev", "gops"]);
        assert_eq!(d.ports, "80, 8000-8100");
        assert_eq!(d.rule_id, "r1");
        // Unchanged, the form sends what stores the policy unchanged.
        assert_eq!(check(&d).unwrap(), request_of(&p));
        assert_eq!(
            serde_json::to_value(request_of(&p)).unwrap()["rules"][0],
            json!({"id":"r1","name":"web","description":"to the web servers","enabled":true,
                "action":"accept","bidirectional":false,"protocol":"tcp",
                "port_ranges":[{"start":80,"end":80},{"start":8000,"end":8100}],
                "sources":["gdev","gops"],"destinations":["gsrv"]})
        );
        assert_eq!(extra_rules(&p), 0);
        let mut two = p.clone();
        two.rules.push(PolicyRule::default());
        two.rules.push(PolicyRule::default());
        assert_eq!(extra_rules(&two), 2);
        assert_eq!(request_of(&two).rules.len(), 3);
        assert_eq!(extra_rules(&Policy::default()), 0);
    }

    #[test]
    fn request_of_keeps_resources_ssh_groups_and_an_empty_side() {
        let mut p = loaded();
        let rule = &mut p.rules[0];
        rule.protocol = NETBIRD_SSH.into();
        rule.sources = vec![];
        rule.source_resource = Some(GroupResource {
            id: "res".into(),
            r#type: "subnet".into(),
        });
        rule.destinations = vec![];
        rule.authorized_groups = AuthorizedGroups(vec![("gdev".into(), vec!["root".into()])]);
        let r = serde_json::to_value(request_of(&p)).unwrap();
        let rule = &r["rules"][0];
        assert_eq!(rule["sourceResource"], json!({"id":"res","type":"subnet"}));
        assert!(rule.get("sources").is_none());
        // Every group of a side deleted: still a side, as the server had it.
        assert_eq!(rule["destinations"], json!([]));
        assert_eq!(rule["authorized_groups"], json!({"gdev":["root"]}));
        // The draft keeps the resource and reads the users back.
        let d = draft_of(&p);
        assert_eq!(d.source_resource.unwrap().id, "res");
        assert_eq!(
            d.authorized_groups,
            [("gdev".to_string(), "root".to_string())]
        );
    }

    #[test]
    fn bulk_switch() {
        let mut r = request_of(&loaded());
        r.set_enabled(false);
        assert!(!r.enabled && !r.rules[0].enabled);
    }

    #[test]
    fn only_a_one_rule_policy_is_rewritten() {
        let p = loaded();
        assert_eq!(rewrite_of(&p), Ok(request_of(&p)));
        let mut two = p.clone();
        two.rules.push(p.rules[0].clone());
        let why = rewrite_of(&two).unwrap_err();
        assert!(
            why.contains(&format!("“{}”", p.name)) && why.contains("more than one rule"),
            "{why}"
        );
    }

    #[test]
    fn copies_and_reverses() {
        let p = loaded();
        let c = clone_draft(&p);
        assert_eq!(c.name, "Copy of web");
        assert_eq!(c.rule_id, "");
        assert_eq!(c.sources, ["gdev", "gops"]);
        let mut p2 = p.clone();
        p2.rules[0].destinations = vec![];
        p2.rules[0].destination_resource = Some(GroupResource {
            id: "res".into(),
            r#type: "host".into(),
        });
        let r = reverse_draft(&p2);
        assert_eq!(r.name, "web (reverse)");
        assert_eq!(r.rule_id, "");
        assert!(r.destination_resource.is_none());
        assert_eq!(r.destinations, ["gdev", "gops"]);
        assert_eq!(r.source_resource.unwrap().id, "res");
        assert!(r.sources.is_empty());
        assert_eq!(r.ports, "80, 8000-8100");
    }

    #[test]
    fn drafts_survive_the_draft_store() {
        let d = PolicyDraft {
            source_resource: Some(GroupResource {
                id: "r".into(),
                r#type: "host".into(),
            }),
            authorized_groups: vec![("g".into(), "root".into())],
            ..draft()
        };
        let text = serde_json::to_string(&d).unwrap();
        assert_eq!(crate::base::json::decode_str::<PolicyDraft>(&text), Ok(d));
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            ("policy name shouldn't be empty", Some("name")),
            ("policy rules shouldn't be empty", None),
            (
                "specify either sources or  source resources, not both",
                Some("sources"),
            ),
            (
                "specify either destinations or  destination resources, not both",
                Some("destinations"),
            ),
            (
                "specify either sources or source resources and destinations or destination resources",
                Some("sources"),
            ),
            ("unknown action type", Some("action")),
            ("unknown protocol type: sctp", Some("protocol")),
            (
                "specify either individual ports or port ranges, not both",
                Some("ports"),
            ),
            ("valid port value is in 1..65535 range", Some("ports")),
            ("for all or icmp protocol ports is not allowed", Some("ports")),
            (
                "authorized group for netbird-ssh protocol should be specified for each source group",
                Some("authorized_groups"),
            ),
            ("invalid rule id: r9", None),
            ("policy: p9 not found", None),
            ("couldn't parse json request", None),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
    }
}
