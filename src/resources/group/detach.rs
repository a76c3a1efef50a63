//! Taking a group out of an object that uses it, so that the group can then be deleted. PUT
//! replaces the whole object and the console's models do not know every field, so the plan works
//! on the object's JSON exactly as a GET just returned it and gives the PUT body: the same
//! members with the group taken out, and the answer's shapes turned into the request's where
//! they differ. Members a request does not have are sent back as they came (the server ignores
//! them, and a newer server's fields are not lost). Pure.
//!
//! One detach takes the group out of every place in the object, not only the one its `UseKind`
//! names (a route that both receives and routes through the group gets one write). It is
//! `Blocked` where the object would then break the server's rules: a route with no
//! distribution group, a group-routed route with no routing peer group, a policy rule with no
//! source or no destination, a nameserver group with no group, peer expose on with no group.
//!
//! A policy rule's `authorized_groups` (which users may SSH in) is left as it is: the server
//! does not count it as a use, and a key for a group that no longer exists authorizes nobody,
//! whereas taking out the last key would authorize every user.

use crate::base::i18n::{t, tf};
use crate::resources::group::usage::{Holder, UseKind};
use crate::resources::route::write::request_of;
use crate::resources::Route;
use serde_json::{Map, Value};
use std::fmt;

/// Why a group cannot be taken out of an object: a message for the admin, in the chosen
/// language, naming the object and what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocked {
    pub reason: String,
}

impl fmt::Display for Blocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl Blocked {
    fn new(reason: String) -> Blocked {
        Blocked { reason }
    }

    /// The fresh copy is not the JSON the plan expects (not an object, a list that is not a
    /// list, a required member missing): nothing is written.
    fn unexpected() -> Blocked {
        Blocked::new(t(
            "The server's copy of this object is not in the form the console expects, so it was left unchanged.",
        ))
    }
}

/// The PUT body that stores `fresh` (the object as its GET returned it; for the account
/// settings, the account) without `group_id`.
pub fn detach(kind: UseKind, fresh: &Value, group_id: &str) -> Result<Value, Blocked> {
    let object = fresh.as_object().ok_or_else(Blocked::unexpected)?;
    match kind.holder() {
        Holder::Route => route(fresh, object, group_id),
        Holder::Policy => policy(object, group_id),
        Holder::NameserverGroup => nameserver_group(object, group_id),
        Holder::SetupKey => setup_key(object, group_id),
        Holder::User => user(object, group_id),
        Holder::DnsSettings => dns_settings(object, group_id),
        Holder::AccountSettings => account_settings(object, group_id),
    }
}

/// What the admin should know before the group is taken out of `fresh`, though the server
/// accepts it: the object then does something wider or different (in the chosen language).
pub fn cautions(kind: UseKind, fresh: &Value, group_id: &str) -> Vec<String> {
    let only = |list: Option<&Value>| {
        list.and_then(Value::as_array)
            .is_some_and(|ids| !ids.is_empty() && ids.iter().all(|id| id == group_id))
    };
    let mut found = Vec::new();
    let route_open = kind.holder() == Holder::Route && only(fresh.get("access_control_groups"));
    if route_open {
        found.push(tf(
            "Route “{name}” would no longer be access-controlled: every peer of its distribution groups could use it.",
            &[("name", text(fresh, "network_id"))],
        ));
    }
    if kind.holder() == Holder::AccountSettings {
        let settings = &fresh["settings"];
        if only(settings.get("ipv6_enabled_groups")) {
            found.push(t(
                "No group would then get IPv6 addresses: every peer would lose its IPv6 address.",
            ));
        }
        let extra = &settings["extra"];
        if extra["network_traffic_logs_enabled"] == Value::Bool(true)
            && only(extra.get("network_traffic_logs_groups"))
        {
            found.push(t(
                "Traffic logging would then record the traffic of every peer, not only of chosen groups.",
            ));
        }
    }
    found
}

/// The URL the object is written to (PUT), which is also where it is read from where the API
/// can read one such object (see `read_path`). `account_id` is used for the account settings
/// only, whose uses have no object ID.
pub fn api_path(kind: UseKind, object_id: &str, account_id: &str) -> String {
    let id = segment(object_id);
    match kind.holder() {
        Holder::Route => format!("/api/routes/{id}"),
        Holder::Policy => format!("/api/policies/{id}"),
        Holder::NameserverGroup => format!("/api/dns/nameservers/{id}"),
        Holder::SetupKey => format!("/api/setup-keys/{id}"),
        Holder::User => format!("/api/users/{id}"),
        Holder::DnsSettings => "/api/dns/settings".to_string(),
        Holder::AccountSettings => format!("/api/accounts/{}", segment(account_id)),
    }
}

/// The URL to read the object fresh from: `api_path`, except for users and the account, which
/// the API only lists (`fresh_in` picks the object out of the list).
pub fn read_path(kind: UseKind, object_id: &str, account_id: &str) -> String {
    match kind.holder() {
        Holder::User => "/api/users".to_string(),
        Holder::AccountSettings => "/api/accounts".to_string(),
        _ => api_path(kind, object_id, account_id),
    }
}

/// The object in what `read_path` answered: the answer itself, or the user or account of that
/// ID in the list. `None`: it is gone.
pub fn fresh_in<'a>(
    kind: UseKind,
    answer: &'a Value,
    object_id: &str,
    account_id: &str,
) -> Option<&'a Value> {
    let listed = |id: &str| {
        answer
            .as_array()?
            .iter()
            .find(|o| o.get("id").and_then(Value::as_str) == Some(id))
    };
    match kind.holder() {
        Holder::User => listed(object_id),
        Holder::AccountSettings => listed(account_id),
        _ => answer.is_object().then_some(answer),
    }
}

/// A path segment with every character but the unreserved ones percent-encoded (user IDs such
/// as `google-oauth2|1234` hold `|`, and an ID must never open a query or another segment).
fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A string member of `object` (`""` when missing), for messages.
fn text<'a>(object: &'a Value, key: &str) -> &'a str {
    object.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Takes `group_id` out of a list of group IDs (`null` or missing: none). True when it was there
/// and the list is now empty.
fn take_out(list: Option<&mut Value>, group_id: &str) -> Result<bool, Blocked> {
    match list {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Array(ids)) => {
            let before = ids.len();
            ids.retain(|id| id.as_str() != Some(group_id));
            Ok(ids.len() < before && ids.is_empty())
        }
        Some(_) => Err(Blocked::unexpected()),
    }
}

/// A list of groups (or posture checks) as the answer gives it, objects or IDs, as IDs.
fn to_ids(list: &mut Value) -> Result<(), Blocked> {
    let Value::Array(items) = list else {
        return Err(Blocked::unexpected());
    };
    for item in items {
        if item.is_string() {
            continue;
        }
        let id = item.get("id").and_then(Value::as_str);
        *item = Value::String(id.ok_or_else(Blocked::unexpected)?.to_string());
    }
    Ok(())
}

/// A `null` member removed: where the server decides on presence, `null` reads as absent
/// anyway, and the request says so plainly.
fn drop_null(object: &mut Map<String, Value>, key: &str) {
    if object.get(key).is_some_and(Value::is_null) {
        object.remove(key);
    }
}

/// Routes: the body is `route::write::request_of` (its key-presence rules: `network` or
/// `domains`, `peer` or `peer_groups`, never both, no empty `access_control_groups`), plus the
/// members it does not write.
fn route(fresh: &Value, object: &Map<String, Value>, group_id: &str) -> Result<Value, Blocked> {
    let mut route: Route =
        crate::base::json::decode_str(&fresh.to_string()).map_err(|_| Blocked::unexpected())?;
    let group_routed = route.is_group_routed();
    let had_groups = !route.groups.is_empty();
    for list in [
        &mut route.groups,
        &mut route.peer_groups,
        &mut route.access_control_groups,
    ] {
        list.retain(|g| g != group_id);
    }
    let name = route.network_id.as_str();
    if had_groups && route.groups.is_empty() {
        return Err(Blocked::new(tf(
            "Route “{name}” is distributed to this group alone. Give the route another distribution group, or delete the route, first.",
            &[("name", name)],
        )));
    }
    if group_routed && route.peer_groups.is_empty() {
        return Err(Blocked::new(tf(
            "Route “{name}” is routed by this group's peers alone. Give the route another routing peer or peer group, or delete the route, first.",
            &[("name", name)],
        )));
    }
    let Ok(Value::Object(mut body)) = serde_json::to_value(request_of(&route)) else {
        return Err(Blocked::unexpected());
    };
    const ALTERNATIVES: [&str; 5] = [
        "network",
        "domains",
        "peer",
        "peer_groups",
        "access_control_groups",
    ];
    for (key, value) in object {
        if !body.contains_key(key) && !ALTERNATIVES.contains(&key.as_str()) {
            body.insert(key.clone(), value.clone());
        }
    }
    Ok(Value::Object(body))
}

/// Policies: each rule's `sources` and `destinations` as group IDs (the answer gives group
/// objects), a side with a resource (`sourceResource`, `destinationResource`) without the group
/// list, `source_posture_checks` as IDs.
fn policy(object: &Map<String, Value>, group_id: &str) -> Result<Value, Blocked> {
    let mut body = object.clone();
    let name = object.get("name").and_then(Value::as_str).unwrap_or("");
    if let Some(checks) = body.get_mut("source_posture_checks") {
        if !checks.is_null() {
            to_ids(checks)?;
        }
    }
    let Some(Value::Array(rules)) = body.get_mut("rules") else {
        return Err(Blocked::unexpected());
    };
    // The server's answer leaves a group out of a rule's sources when an earlier rule of the
    // same policy already named it: writing such a policy back would lose those sources.
    if rules.len() > 1 {
        return Err(Blocked::new(tf(
            "Policy “{name}” has more than one rule, and the server's copy of such a policy can leave out some of their groups, so the console does not rewrite it. Take the group out of this policy in the NetBird dashboard or API first.",
            &[("name", name)],
        )));
    }
    for rule in rules {
        let rule = rule.as_object_mut().ok_or_else(Blocked::unexpected)?;
        for side in &RULE_SIDES {
            let (groups, resource) = (side.groups, side.resource);
            drop_null(rule, resource);
            drop_null(rule, groups);
            let Some(list) = rule.get_mut(groups) else {
                continue;
            };
            to_ids(list)?;
            if take_out(Some(list), group_id)? {
                if !rule.contains_key(resource) {
                    return Err(Blocked::new((side.emptied)(name)));
                }
                rule.remove(groups);
            }
        }
    }
    Ok(Value::Object(body))
}

/// One side of a policy rule: its group list, its resource (the request holds one or the other),
/// and the message when the group was the side's last.
struct RuleSide {
    groups: &'static str,
    resource: &'static str,
    emptied: fn(&str) -> String,
}

const RULE_SIDES: [RuleSide; 2] = [
    RuleSide {
        groups: "sources",
        resource: "sourceResource",
        emptied: only_source,
    },
    RuleSide {
        groups: "destinations",
        resource: "destinationResource",
        emptied: only_destination,
    },
];

/// Policy `name`'s rule would have no source left.
fn only_source(name: &str) -> String {
    tf(
        "A rule of policy “{name}” has this group as its only source. Give the rule another source, or delete the policy, first.",
        &[("name", name)],
    )
}

/// Policy `name`'s rule would have no destination left.
fn only_destination(name: &str) -> String {
    tf(
        "A rule of policy “{name}” has this group as its only destination. Give the rule another destination, or delete the policy, first.",
        &[("name", name)],
    )
}

/// Nameserver groups: the request has the answer's members (its `id` the server ignores).
fn nameserver_group(object: &Map<String, Value>, group_id: &str) -> Result<Value, Blocked> {
    let mut body = object.clone();
    if take_out(body.get_mut("groups"), group_id)? {
        let name = object.get("name").and_then(Value::as_str).unwrap_or("");
        return Err(Blocked::new(tf(
            "Nameserver group “{name}” is used by this group's peers alone. Give it another distribution group, or delete the nameserver group, first.",
            &[("name", name)],
        )));
    }
    Ok(Value::Object(body))
}

/// A list the request requires present and not `null` (`auto_groups` of users and setup keys),
/// without the group.
fn required_list(body: &mut Map<String, Value>, key: &str, group_id: &str) -> Result<(), Blocked> {
    take_out(body.get_mut(key), group_id)?;
    if body.get(key).is_none_or(Value::is_null) {
        body.insert(key.to_string(), Value::Array(Vec::new()));
    }
    Ok(())
}

/// Setup keys: PUT changes `auto_groups` and `revoked` only; a missing `revoked` would read as
/// `false`, so it must be there.
fn setup_key(object: &Map<String, Value>, group_id: &str) -> Result<Value, Blocked> {
    if !object.get("revoked").is_some_and(Value::is_boolean) {
        return Err(Blocked::unexpected());
    }
    let mut body = object.clone();
    required_list(&mut body, "auto_groups", group_id)?;
    Ok(Value::Object(body))
}

/// Users: PUT replaces `role`, `auto_groups` and `is_blocked`; a missing `is_blocked` would
/// unblock the user, a missing `role` is refused.
fn user(object: &Map<String, Value>, group_id: &str) -> Result<Value, Blocked> {
    let has_role = object.get("role").is_some_and(Value::is_string);
    if !has_role || !object.get("is_blocked").is_some_and(Value::is_boolean) {
        return Err(Blocked::unexpected());
    }
    let mut body = object.clone();
    required_list(&mut body, "auto_groups", group_id)?;
    Ok(Value::Object(body))
}

/// DNS settings: `disabled_management_groups` (`null` in the answer: sent as `[]`).
fn dns_settings(object: &Map<String, Value>, group_id: &str) -> Result<Value, Blocked> {
    let mut body = object.clone();
    required_list(&mut body, "disabled_management_groups", group_id)?;
    Ok(Value::Object(body))
}

/// Account settings: `fresh` is the account; the body is `{settings}` with every setting as it
/// came (PUT resets any left out) and no `onboarding` (left out, the server keeps it).
fn account_settings(object: &Map<String, Value>, group_id: &str) -> Result<Value, Blocked> {
    let Some(Value::Object(settings)) = object.get("settings") else {
        return Err(Blocked::unexpected());
    };
    let mut settings = settings.clone();
    let expose_emptied = take_out(settings.get_mut("peer_expose_groups"), group_id)?;
    if expose_emptied && settings.get("peer_expose_enabled") == Some(&Value::Bool(true)) {
        return Err(Blocked::new(t(
            "Peer expose is on and allowed for this group alone. In the settings, allow it for another group or turn peer expose off first.",
        )));
    }
    take_out(settings.get_mut("ipv6_enabled_groups"), group_id)?;
    if let Some(Value::Object(extra)) = settings.get_mut("extra") {
        take_out(extra.get_mut("network_traffic_logs_groups"), group_id)?;
    }
    let mut body = Map::new();
    body.insert("settings".to_string(), Value::Object(settings));
    Ok(Value::Object(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A network route routed by one peer, as `GET /api/routes/{id}` returns it.
    fn office_route() -> Value {
        json!({"id":"r1","network_id":"office","description":"Office LAN","enabled":true,
            "network_type":"IPv4","network":"10.0.0.0/24","domains":null,"peer":"p1","metric":9999,
            "masquerade":true,"groups":["devs","ops"],"access_control_groups":["devs","admins"],
            "keep_route":false,"skip_auto_apply":false})
    }

    /// A domain route routed by peer groups (`peer` is `""`, `network` the placeholder).
    fn docs_route() -> Value {
        json!({"id":"r2","network_id":"docs","description":"","enabled":false,"network_type":"Domain",
            "network":"192.0.2.0/32","domains":["example.com","*.example.org"],"peer":"",
            "peer_groups":["gateways","backup-gw"],"metric":100,"masquerade":true,"groups":["ops"],
            "keep_route":true,"skip_auto_apply":true,"a_newer_field":{"x":1}})
    }

    fn blocked(result: Result<Value, Blocked>) -> String {
        result.expect_err("must be blocked").reason
    }

    #[test]
    fn route_network_peer_routed() {
        let body = detach(UseKind::RouteDistribution, &office_route(), "devs").unwrap();
        assert_eq!(
            body,
            json!({"id":"r1","network_id":"office","description":"Office LAN","enabled":true,
                "network_type":"IPv4","network":"10.0.0.0/24","peer":"p1","metric":9999,
                "masquerade":true,"groups":["ops"],"access_control_groups":["admins"],
                "keep_route":false,"skip_auto_apply":false})
        );
    }

    #[test]
    fn route_domains_group_routed_keeps_the_alternatives_apart() {
        let body = detach(UseKind::RouteRoutingPeers, &docs_route(), "gateways").unwrap();
        assert_eq!(
            body,
            json!({"id":"r2","network_id":"docs","description":"","enabled":false,
                "network_type":"Domain","domains":["example.com","*.example.org"],
                "peer_groups":["backup-gw"],"metric":100,"masquerade":true,"groups":["ops"],
                "keep_route":true,"skip_auto_apply":true,"a_newer_field":{"x":1}})
        );
        for absent in ["network", "peer", "access_control_groups"] {
            assert!(body.get(absent).is_none(), "{absent} must be absent");
        }
    }

    #[test]
    fn route_last_access_control_group_goes_with_a_caution() {
        let mut route = office_route();
        route["access_control_groups"] = json!(["devs"]);
        let body = detach(UseKind::RouteAccessControl, &route, "devs").unwrap();
        assert!(body.get("access_control_groups").is_none(), "{body}");
        assert_eq!(body["groups"], json!(["ops"]));
        assert_eq!(
            cautions(UseKind::RouteAccessControl, &route, "devs"),
            ["Route “office” would no longer be access-controlled: every peer of its distribution groups could use it."]
        );
        assert!(cautions(UseKind::RouteAccessControl, &office_route(), "devs").is_empty());
    }

    #[test]
    fn route_blocked_without_distribution_or_routing_peers() {
        let mut route = office_route();
        route["groups"] = json!(["devs"]);
        assert_eq!(
            blocked(detach(UseKind::RouteAccessControl, &route, "devs")),
            "Route “office” is distributed to this group alone. Give the route another distribution group, or delete the route, first."
        );
        let mut route = docs_route();
        route["peer_groups"] = json!(["gateways"]);
        assert_eq!(
            blocked(detach(UseKind::RouteRoutingPeers, &route, "gateways")),
            "Route “docs” is routed by this group's peers alone. Give the route another routing peer or peer group, or delete the route, first."
        );
    }

    /// A single-rule policy between groups, as `GET /api/policies/{id}` returns it.
    fn ssh_policy() -> Value {
        json!({"id":"pol1","name":"devs to servers","description":"SSH","enabled":true,
            "source_posture_checks":["pc1"],
            "rules":[{"id":"pol1","name":"devs to servers","description":"","enabled":true,
                "action":"accept","bidirectional":false,"protocol":"netbird-ssh","ports":["22"],
                "authorized_groups":{"devs":["root"],"admins":[]},
                "sources":[{"id":"devs","name":"Devs","peers_count":3},
                           {"id":"admins","name":"Admins","peers_count":1}],
                "destinations":[{"id":"servers","name":"Servers","peers_count":2,"resources_count":0}]}]})
    }

    #[test]
    fn policy_groups_become_ids() {
        let body = detach(UseKind::PolicySource, &ssh_policy(), "devs").unwrap();
        assert_eq!(
            body,
            json!({"id":"pol1","name":"devs to servers","description":"SSH","enabled":true,
                "source_posture_checks":["pc1"],
                "rules":[{"id":"pol1","name":"devs to servers","description":"","enabled":true,
                    "action":"accept","bidirectional":false,"protocol":"netbird-ssh","ports":["22"],
                    "authorized_groups":{"devs":["root"],"admins":[]},
                    "sources":["admins"],"destinations":["servers"]}]})
        );
        // A group that is not there changes nothing but the shapes.
        let same = detach(UseKind::PolicySource, &ssh_policy(), "nobody").unwrap();
        assert_eq!(same["rules"][0]["sources"], json!(["devs", "admins"]));
    }

    #[test]
    fn policy_with_a_source_resource() {
        let fresh = json!({"id":"pol3","name":"to a host","description":"","enabled":true,
            "source_posture_checks":null,
            "rules":[{"id":"pol3","name":"to a host","description":"","enabled":true,
                "action":"accept","bidirectional":false,"protocol":"tcp","port_ranges":[{"start":8000,"end":8080}],
                "sources":null,"sourceResource":{"id":"res1","type":"host"},
                "destinations":[{"id":"devs","name":"Devs","peers_count":3},
                                {"id":"ops","name":"Ops","peers_count":1}]}]});
        let body = detach(UseKind::PolicyDestination, &fresh, "devs").unwrap();
        assert_eq!(
            body,
            json!({"id":"pol3","name":"to a host","description":"","enabled":true,
                "source_posture_checks":null,
                "rules":[{"id":"pol3","name":"to a host","description":"","enabled":true,
                    "action":"accept","bidirectional":false,"protocol":"tcp",
                    "port_ranges":[{"start":8000,"end":8080}],
                    "sourceResource":{"id":"res1","type":"host"},"destinations":["ops"]}]})
        );
        // The last destination group, with a destination resource beside it (a shape the
        // server does not send, but a request may not hold both).
        let mut both = fresh.clone();
        both["rules"][0]["destinations"] = json!([{"id":"devs","name":"Devs","peers_count":3}]);
        both["rules"][0]["destinationResource"] = json!({"id":"res2","type":"subnet"});
        let body = detach(UseKind::PolicyDestination, &both, "devs").unwrap();
        assert!(body["rules"][0].get("destinations").is_none());
        assert_eq!(
            body["rules"][0]["destinationResource"],
            json!({"id":"res2","type":"subnet"})
        );
    }

    #[test]
    fn policy_blocked_cases() {
        let mut only_source = ssh_policy();
        only_source["rules"][0]["sources"] = json!([{"id":"devs","name":"Devs","peers_count":3}]);
        assert_eq!(
            blocked(detach(UseKind::PolicySource, &only_source, "devs")),
            "A rule of policy “devs to servers” has this group as its only source. Give the rule another source, or delete the policy, first."
        );
        assert_eq!(
            blocked(detach(UseKind::PolicyDestination, &ssh_policy(), "servers")),
            "A rule of policy “devs to servers” has this group as its only destination. Give the rule another destination, or delete the policy, first."
        );
        let mut two_rules = ssh_policy();
        let rule = two_rules["rules"][0].clone();
        two_rules["rules"].as_array_mut().unwrap().push(rule);
        assert!(blocked(detach(UseKind::PolicySource, &two_rules, "devs"))
            .starts_with("Policy “devs to servers” has more than one rule"));
    }

    #[test]
    fn nameserver_group() {
        let fresh = json!({"id":"ns1","name":"Office DNS","description":"","nameservers":[
            {"ip":"10.0.0.53","ns_type":"udp","port":53}],"enabled":true,"groups":["ops","devs"],
            "primary":false,"domains":["corp.example"],"search_domains_enabled":true});
        let body = detach(UseKind::NameserverDistribution, &fresh, "devs").unwrap();
        let mut want = fresh.clone();
        want["groups"] = json!(["ops"]);
        assert_eq!(body, want);
        let mut primary = fresh.clone();
        primary["groups"] = json!(["devs"]);
        primary["domains"] = Value::Null;
        assert_eq!(
            blocked(detach(UseKind::NameserverDistribution, &primary, "devs")),
            "Nameserver group “Office DNS” is used by this group's peers alone. Give it another distribution group, or delete the nameserver group, first."
        );
    }

    #[test]
    fn setup_key_keeps_revoked() {
        let fresh = json!({"id":"k1","name":"CI runners","key":"A6160****","type":"reusable",
            "expires":"0001-01-01T00:00:00Z","valid":false,"revoked":true,"used_times":4,
            "last_used":"2026-11-20T10:00:00Z","auto_groups":["devs"],"updated_at":"2026-11-20T10:00:00Z",
            "state":"revoked","usage_limit":0,"ephemeral":true,"allow_extra_dns_labels":false});
        let body = detach(UseKind::SetupKeyAutoGroup, &fresh, "devs").unwrap();
        let mut want = fresh.clone();
        want["auto_groups"] = json!([]);
        assert_eq!(body, want);
        let mut no_revoked = fresh.clone();
        no_revoked.as_object_mut().unwrap().remove("revoked");
        assert!(detach(UseKind::SetupKeyAutoGroup, &no_revoked, "devs").is_err());
    }

    #[test]
    fn user_keeps_role_and_block() {
        let fresh = json!({"id":"google-oauth2|1234","email":"ann@example.com","name":"Ann",
            "role":"admin","status":"blocked","auto_groups":["devs","ops"],"is_current":false,
            "is_service_user":false,"is_blocked":true,"pending_approval":false,"issued":"api",
            "last_login":"0001-01-01T00:00:00Z"});
        let body = detach(UseKind::UserAutoGroup, &fresh, "devs").unwrap();
        let mut want = fresh.clone();
        want["auto_groups"] = json!(["ops"]);
        assert_eq!(body, want);
        assert_eq!(body["is_blocked"], json!(true));
        let mut null_groups = fresh.clone();
        null_groups["auto_groups"] = Value::Null;
        let body = detach(UseKind::UserAutoGroup, &null_groups, "devs").unwrap();
        assert_eq!(
            body["auto_groups"],
            json!([]),
            "auto_groups must not be null"
        );
        for missing in ["is_blocked", "role"] {
            let mut partial = fresh.clone();
            partial.as_object_mut().unwrap().remove(missing);
            assert_eq!(
                blocked(detach(UseKind::UserAutoGroup, &partial, "devs")),
                "The server's copy of this object is not in the form the console expects, so it was left unchanged."
            );
        }
    }

    #[test]
    fn dns_settings() {
        let body = detach(
            UseKind::DnsManagementDisabled,
            &json!({"disabled_management_groups":["devs","ops"]}),
            "devs",
        )
        .unwrap();
        assert_eq!(body, json!({"disabled_management_groups":["ops"]}));
        let body = detach(
            UseKind::DnsManagementDisabled,
            &json!({"disabled_management_groups":null}),
            "devs",
        )
        .unwrap();
        assert_eq!(body, json!({"disabled_management_groups":[]}));
    }

    /// The account as one element of `GET /api/accounts` returns it.
    fn account() -> Value {
        json!({"id":"acc1","domain":"example.com","domain_category":"private",
            "created_at":"2026-01-02T03:04:05Z","created_by":"u1",
            "settings":{"peer_login_expiration_enabled":true,"peer_login_expiration":86400,
                "peer_inactivity_expiration_enabled":false,"peer_inactivity_expiration":600,
                "regular_users_view_blocked":true,"groups_propagation_enabled":true,
                "jwt_groups_enabled":false,"jwt_groups_claim_name":"","jwt_allow_groups":["devs"],
                "routing_peer_dns_resolution_enabled":true,"dns_domain":"netbird.cloud",
                "network_range":"100.64.0.0/16","network_range_v6":"fd00:1234:5678::/64",
                "peer_expose_enabled":true,"peer_expose_groups":["devs","ops"],
                "lazy_connection_enabled":false,"auto_update_version":"disabled",
                "auto_update_always":false,"metrics_push_enabled":false,"agent_network_only":false,
                "embedded_idp_enabled":false,"local_auth_disabled":false,"local_mfa_enabled":false,
                "ipv6_enabled_groups":["devs"],
                "extra":{"peer_approval_enabled":false,"user_approval_required":false,
                    "network_traffic_logs_enabled":true,"network_traffic_logs_groups":["devs"],
                    "network_traffic_packet_counter_enabled":false}},
            "onboarding":{"signup_form_pending":false,"onboarding_flow_pending":false}})
    }

    #[test]
    fn account_settings_whole_with_the_group_out() {
        let body = detach(UseKind::PeerExpose, &account(), "devs").unwrap();
        let mut settings = account()["settings"].clone();
        settings["peer_expose_groups"] = json!(["ops"]);
        settings["ipv6_enabled_groups"] = json!([]);
        settings["extra"]["network_traffic_logs_groups"] = json!([]);
        assert_eq!(body, json!({ "settings": settings }));
        assert_eq!(
            body["settings"]["jwt_allow_groups"],
            json!(["devs"]),
            "names from the identity provider, not group IDs"
        );
        assert_eq!(
            cautions(UseKind::Ipv6Enabled, &account(), "devs"),
            [
                "No group would then get IPv6 addresses: every peer would lose its IPv6 address.",
                "Traffic logging would then record the traffic of every peer, not only of chosen groups."
            ]
        );
        assert!(cautions(UseKind::Ipv6Enabled, &account(), "ops").is_empty());
    }

    #[test]
    fn account_settings_blocked_when_peer_expose_loses_its_last_group() {
        let mut a = account();
        a["settings"]["peer_expose_groups"] = json!(["devs"]);
        assert_eq!(
            blocked(detach(UseKind::PeerExpose, &a, "devs")),
            "Peer expose is on and allowed for this group alone. In the settings, allow it for another group or turn peer expose off first."
        );
        a["settings"]["peer_expose_enabled"] = json!(false);
        let body = detach(UseKind::PeerExpose, &a, "devs").unwrap();
        assert_eq!(body["settings"]["peer_expose_groups"], json!([]));
        a["settings"]["peer_expose_groups"] = Value::Null;
        let body = detach(UseKind::Ipv6Enabled, &a, "devs").unwrap();
        assert_eq!(body["settings"]["peer_expose_groups"], Value::Null);
    }

    #[test]
    fn shapes_the_plan_does_not_know_are_left_alone() {
        for kind in UseKind::ALL {
            assert!(detach(kind, &json!([]), "devs").is_err(), "{kind:?}");
        }
        assert!(detach(
            UseKind::UserAutoGroup,
            &json!({"role":"user","is_blocked":false,"auto_groups":"devs"}),
            "devs"
        )
        .is_err());
        assert!(detach(
            UseKind::PolicySource,
            &json!({"name":"p","rules":null}),
            "devs"
        )
        .is_err());
        assert!(detach(UseKind::PeerExpose, &json!({"id":"acc1"}), "devs").is_err());
        assert!(detach(
            UseKind::RouteDistribution,
            &json!({"metric":"high"}),
            "devs"
        )
        .is_err());
    }

    #[test]
    fn a_body_detached_again_stays_the_same() {
        // The groups page may hand a body back in for another use in the same object.
        let cases = [
            (UseKind::RouteDistribution, office_route()),
            (UseKind::RouteRoutingPeers, docs_route()),
            (UseKind::PolicySource, ssh_policy()),
            (UseKind::PeerExpose, account()),
        ];
        for (kind, fresh) in cases {
            let once = detach(kind, &fresh, "devs").unwrap();
            assert_eq!(detach(kind, &once, "devs").unwrap(), once, "{kind:?}");
        }
    }

    #[test]
    fn paths() {
        let cases = [
            (
                UseKind::RouteDistribution,
                "r1",
                "/api/routes/r1",
                "/api/routes/r1",
            ),
            (
                UseKind::PolicyDestination,
                "p1",
                "/api/policies/p1",
                "/api/policies/p1",
            ),
            (
                UseKind::NameserverDistribution,
                "ns1",
                "/api/dns/nameservers/ns1",
                "/api/dns/nameservers/ns1",
            ),
            (
                UseKind::SetupKeyAutoGroup,
                "k1",
                "/api/setup-keys/k1",
                "/api/setup-keys/k1",
            ),
            (
                UseKind::UserAutoGroup,
                "google-oauth2|1234",
                "/api/users/google-oauth2%7C1234",
                "/api/users",
            ),
            (
                UseKind::DnsManagementDisabled,
                "",
                "/api/dns/settings",
                "/api/dns/settings",
            ),
            (
                UseKind::TrafficLogging,
                "",
                "/api/accounts/acc1",
                "/api/accounts",
            ),
        ];
        for (kind, id, put, get) in cases {
            assert_eq!(api_path(kind, id, "acc1"), put);
            assert_eq!(read_path(kind, id, "acc1"), get);
        }
        assert_eq!(
            api_path(UseKind::PolicySource, "a/b?c#d", ""),
            "/api/policies/a%2Fb%3Fc%23d"
        );
    }

    #[test]
    fn the_fresh_object_in_the_answer() {
        let users = json!([{"id":"u1","role":"user"},{"id":"google-oauth2|1234","role":"admin"}]);
        let found = fresh_in(UseKind::UserAutoGroup, &users, "google-oauth2|1234", "acc1");
        assert_eq!(found.unwrap()["role"], "admin");
        assert!(fresh_in(UseKind::UserAutoGroup, &users, "gone", "acc1").is_none());
        let accounts = json!([account()]);
        let found = fresh_in(UseKind::PeerExpose, &accounts, "", "acc1").unwrap();
        assert_eq!(found["domain"], "example.com");
        let route = office_route();
        assert_eq!(
            fresh_in(UseKind::RouteDistribution, &route, "r1", "acc1"),
            Some(&route)
        );
        assert!(fresh_in(UseKind::RouteDistribution, &json!([]), "r1", "acc1").is_none());
    }
}
