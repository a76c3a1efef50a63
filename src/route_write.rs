//! Writing an existing route back. PUT replaces the whole object, so a toggle must send every
//! field exactly as the server has it, with the unused alternatives absent.

use crate::models::{Route, RouteKind};
use crate::validation::route::RouteRequest;

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_every_shape_without_unused_keys() {
        let net: Route = serde_json::from_value(json!({"id":"r","network_id":"office","network_type":"IPv4",
            "network":"10.0.0.0/24","domains":null,"peer":"p1","metric":100,"masquerade":true,"groups":["g"],
            "access_control_groups":["a"],"enabled":true,"keep_route":false,"skip_auto_apply":false,"description":"d"}))
        .unwrap();
        let body = serde_json::to_value(request_of(&net)).unwrap();
        assert_eq!(
            body,
            json!({"network_id":"office","description":"d","enabled":true,"network":"10.0.0.0/24",
            "peer":"p1","metric":100,"masquerade":true,"groups":["g"],"access_control_groups":["a"],
            "keep_route":false,"skip_auto_apply":false})
        );

        let dom: Route = serde_json::from_value(json!({"id":"r","network_id":"docs","network_type":"Domain",
            "network":"192.0.2.0/32","domains":["a.com"],"peer":"","peer_groups":["pg"],"metric":5,"groups":["g"],
            "enabled":false,"keep_route":true}))
        .unwrap();
        let body = serde_json::to_value(request_of(&dom)).unwrap();
        assert_eq!(body["domains"], json!(["a.com"]));
        assert_eq!(body["peer_groups"], json!(["pg"]));
        for absent in ["network", "peer", "access_control_groups"] {
            assert!(body.get(absent).is_none(), "{absent} must be absent");
        }
    }
}
