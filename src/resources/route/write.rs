//! Writing an existing route back. PUT replaces the whole object, so a toggle must send every
//! field exactly as the server has it, with the unused alternatives absent; and an edit must not
//! silently overwrite what someone else changed since the form loaded (stale-edit check).

use crate::base::stale::{self, fields_of, Difference, FieldSpec, Fields};
use crate::resources::route::validation::RouteRequest;
use crate::resources::{Route, RouteKind};
use serde_json::Value;

/// The request that stores `route` unchanged (change a field of it before sending).
pub fn request_of(route: &Route) -> RouteRequest {
    let is_domain = route.kind() == RouteKind::Domain;
    let group_routed = route.is_group_routed();
    RouteRequest {
        network_id: route.network_id.clone(),
        description: route.description.clone(),
        enabled: route.enabled,
        network: (!is_domain).then(|| route.network.clone()),
        domains: is_domain.then(|| route.domains.clone()),
        peer: (!group_routed).then(|| route.peer.clone()),
        peer_groups: group_routed.then(|| route.peer_groups.clone()),
        metric: route.metric,
        masquerade: route.masquerade,
        groups: route.groups.clone(),
        access_control_groups: (!route.access_control_groups.is_empty())
            .then(|| route.access_control_groups.clone()),
        keep_route: route.keep_route,
        skip_auto_apply: route.skip_auto_apply,
    }
}

/// The fields of a route write, in form order, with the label the form gives them.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("network_id", "Network identifier"),
    FieldSpec::new("description", "Description"),
    FieldSpec::new("network", "Network"),
    FieldSpec::new("domains", "Domains"),
    FieldSpec::named("peer", "Routing peer"),
    FieldSpec::named("peer_groups", "Routing peer groups"),
    FieldSpec::new("metric", "Metric"),
    FieldSpec::new("masquerade", "Masquerade"),
    FieldSpec::named("groups", "Distribution groups"),
    FieldSpec::named("access_control_groups", "Access control groups"),
    FieldSpec::new("keep_route", "Keep routes"),
    FieldSpec::new("skip_auto_apply", "Skip auto-apply"),
    FieldSpec::new("enabled", "Enabled"),
];

/// A route's write, as the fields the stale-edit check compares.
pub fn route_fields(route: &Route) -> Fields {
    fields_of(&request_of(route))
}

/// Whether the server's copy differs, in anything a write sends, from the one the form loaded.
/// The API has no ETags and PUT replaces the whole object, so this is checked before each PUT.
pub fn changed_on_server(loaded: &Route, fresh: &Route) -> bool {
    request_of(loaded) != request_of(fresh)
}

/// The fields where the server's current version and the user's differ, given the version the
/// form loaded. `name` turns a peer or group ID into what the admin knows it by.
pub fn differences(
    loaded: &Route,
    fresh: &Route,
    mine: &RouteRequest,
    name: &dyn Fn(&str) -> String,
) -> Vec<Difference> {
    stale::differences(
        &route_fields(loaded),
        &route_fields(fresh),
        &fields_of(mine),
        FIELDS,
        name,
    )
}

/// The server's current version with the user's own changes on top (`stale::combine`), as a
/// route to edit further.
pub fn combine(loaded: &Route, fresh: &Route, mine: &RouteRequest) -> Route {
    let mut merged = stale::combine(
        &route_fields(loaded),
        &route_fields(fresh),
        &fields_of(mine),
        FIELDS,
    );
    merged.insert("id".into(), Value::String(fresh.id.clone()));
    crate::base::json::decode_str(&Value::Object(merged).to_string())
        .unwrap_or_else(|_| fresh.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn route(v: Value) -> Route {
        crate::base::json::decode_str(&v.to_string()).unwrap()
    }

    fn office() -> Route {
        route(
            json!({"id":"r","network_id":"office","network_type":"IPv4","network":"10.0.0.0/24",
            "peer":"p1","metric":100,"masquerade":true,"groups":["g1"],"enabled":true,"description":"d"}),
        )
    }

    #[test]
    fn a_change_in_a_field_nobody_writes_is_not_a_change() {
        let loaded = office();
        let mut fresh = office();
        fresh.network_type = "ipv4".into();
        assert!(!changed_on_server(&loaded, &fresh));
        fresh.metric = 200;
        assert!(changed_on_server(&loaded, &fresh));
    }

    #[test]
    fn differences_say_who_changed_what() {
        let loaded = office();
        let mut fresh = office();
        fresh.metric = 200; // someone else
        fresh.description = "theirs".into(); // both
        let mut mine = request_of(&loaded);
        mine.groups = vec!["g2".into()]; // me
        mine.description = "mine".into(); // both
        let name = |id: &str| format!("name-of-{id}");
        let d = differences(&loaded, &fresh, &mine, &name);
        let fields: Vec<_> = d.iter().map(|x| x.field).collect();
        assert_eq!(fields, ["description", "metric", "groups"]);
        assert!(d[0].is_conflict());
        assert_eq!(
            (d[0].server.as_str(), d[0].mine.as_str()),
            ("theirs", "mine")
        );
        assert!(d[1].changed_on_server && !d[1].changed_by_me);
        assert_eq!((d[1].server.as_str(), d[1].mine.as_str()), ("200", "100"));
        assert!(!d[2].changed_on_server && d[2].changed_by_me);
        assert_eq!(d[2].server, "name-of-g1");
        assert_eq!(d[2].mine, "name-of-g2");
    }

    #[test]
    fn combine_keeps_their_changes_and_mine() {
        let loaded = office();
        let mut fresh = office();
        fresh.metric = 200;
        fresh.enabled = false;
        let mut mine = request_of(&loaded);
        mine.network = Some("10.1.0.0/24".into());
        let merged = combine(&loaded, &fresh, &mine);
        assert_eq!(merged.id, "r");
        assert_eq!(merged.metric, 200);
        assert!(!merged.enabled);
        assert_eq!(merged.network, "10.1.0.0/24");
        assert_eq!(merged.peer, "p1");
    }

    #[test]
    fn combine_follows_a_switch_to_peer_groups() {
        let loaded = office();
        let mut fresh = office();
        fresh.peer = "p2".into(); // they moved the routing peer
        let mut mine = request_of(&loaded);
        mine.peer = None;
        mine.peer_groups = Some(vec!["pg".into()]);
        let merged = combine(&loaded, &fresh, &mine);
        assert!(merged.is_group_routed());
        assert_eq!(merged.peer_groups, ["pg"]);
        let body = serde_json::to_value(request_of(&merged)).unwrap();
        assert!(body.get("peer").is_none(), "{body}");
    }

    #[test]
    fn round_trips_every_shape_without_unused_keys() {
        let net: Route = crate::base::json::decode_str(&json!({"id":"r","network_id":"office","network_type":"IPv4",
            "network":"10.0.0.0/24","domains":null,"peer":"p1","metric":100,"masquerade":true,"groups":["g"],
            "access_control_groups":["a"],"enabled":true,"keep_route":false,"skip_auto_apply":false,"description":"d"}).to_string())
        .unwrap();
        let body = serde_json::to_value(request_of(&net)).unwrap();
        assert_eq!(
            body,
            json!({"network_id":"office","description":"d","enabled":true,"network":"10.0.0.0/24",
            "peer":"p1","metric":100,"masquerade":true,"groups":["g"],"access_control_groups":["a"],
            "keep_route":false,"skip_auto_apply":false})
        );

        let dom: Route = crate::base::json::decode_str(&json!({"id":"r","network_id":"docs","network_type":"Domain",
            "network":"192.0.2.0/32","domains":["a.com"],"peer":"","peer_groups":["pg"],"metric":5,"groups":["g"],
            "enabled":false,"keep_route":true}).to_string())
        .unwrap();
        let body = serde_json::to_value(request_of(&dom)).unwrap();
        assert_eq!(body["domains"], json!(["a.com"]));
        assert_eq!(body["peer_groups"], json!(["pg"]));
        for absent in ["network", "peer", "access_control_groups"] {
            assert!(body.get(absent).is_none(), "{absent} must be absent");
        }
    }
}
