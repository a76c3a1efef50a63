//! The settings as the stale-edit check compares them: one flat object (the members of
//! `extra` beside the others), each setting a field with its label. Pure.

use crate::base::stale::FieldSpec;
use serde_json::{Map, Value};

/// The members of `settings.extra`.
const EXTRA: &str = "extra";

/// `settings` with the members of `extra` lifted beside the others (`extra` itself gone).
pub fn flat(settings: &Value) -> Value {
    let mut out = Map::new();
    if let Some(obj) = settings.as_object() {
        for (k, v) in obj {
            if k == EXTRA {
                if let Some(extra) = v.as_object() {
                    out.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            } else {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}

/// `flat` undone: the members that `shape` (a settings object as loaded) keeps in `extra` go
/// back there.
pub fn nested(flat: &Map<String, Value>, shape: &Value) -> Value {
    let extra_keys: Vec<&String> = shape
        .get(EXTRA)
        .and_then(Value::as_object)
        .map(|e| e.keys().collect())
        .unwrap_or_default();
    let mut out = Map::new();
    let mut extra = Map::new();
    for (k, v) in flat {
        if extra_keys.contains(&k) {
            extra.insert(k.clone(), v.clone());
        } else {
            out.insert(k.clone(), v.clone());
        }
    }
    if shape.get(EXTRA).is_some() {
        out.insert(EXTRA.into(), Value::Object(extra));
    }
    Value::Object(out)
}

/// The settings the form edits, with the label the form gives them, in form order.
pub const SETTINGS_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("peer_login_expiration_enabled", "Peer login expiration"),
    FieldSpec::new("peer_login_expiration", "Login expires after"),
    FieldSpec::new(
        "peer_inactivity_expiration_enabled",
        "Peer inactivity expiration",
    ),
    FieldSpec::new("peer_inactivity_expiration", "Inactivity expires after"),
    FieldSpec::new(
        "local_mfa_enabled",
        "Multi-factor authentication for local users",
    ),
    FieldSpec::new("user_approval_required", "New users need approval"),
    FieldSpec::new("peer_approval_enabled", "New peers need approval"),
    FieldSpec::new("regular_users_view_blocked", "Regular users see no peers"),
    FieldSpec::new("lazy_connection_enabled", "Lazy connections"),
    FieldSpec::new("peer_expose_enabled", "Peers may expose services"),
    FieldSpec::named("peer_expose_groups", "Groups that may expose services"),
    FieldSpec::new("network_traffic_logs_enabled", "Traffic logs"),
    FieldSpec::named("network_traffic_logs_groups", "Traffic logged for"),
    FieldSpec::new("network_traffic_packet_counter_enabled", "Packet counters"),
    FieldSpec::new(
        "groups_propagation_enabled",
        "Propagate user groups to peers",
    ),
    FieldSpec::new("jwt_groups_enabled", "Groups from the JWT"),
    FieldSpec::new("jwt_groups_claim_name", "JWT groups claim"),
    FieldSpec::new("jwt_allow_groups", "JWT groups allowed to sign in"),
    FieldSpec::new("dns_domain", "DNS domain"),
    FieldSpec::new(
        "routing_peer_dns_resolution_enabled",
        "DNS resolution on routing peers",
    ),
    FieldSpec::new("network_range", "Network range"),
    FieldSpec::new("network_range_v6", "IPv6 network range"),
    FieldSpec::named("ipv6_enabled_groups", "Groups with IPv6"),
    FieldSpec::new("auto_update_version", "Client auto-update"),
    FieldSpec::new("auto_update_always", "Update clients also when idle"),
    FieldSpec::new("metrics_push_enabled", "Client metrics"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flat_and_back() {
        let s = json!({"dns_domain": "corp", "extra": {"peer_approval_enabled": true, "x": 1}, "y": null});
        let f = flat(&s);
        assert_eq!(
            f,
            json!({"dns_domain": "corp", "peer_approval_enabled": true, "x": 1, "y": null})
        );
        assert_eq!(nested(f.as_object().unwrap(), &s), s);
        let bare = json!({"dns_domain": "corp"});
        assert_eq!(nested(flat(&bare).as_object().unwrap(), &bare), bare);
    }
}
