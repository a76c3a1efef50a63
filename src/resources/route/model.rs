use crate::base::i18n::t;
use crate::base::json::FromJson;
use serde::Serialize;

/// A route as the server returns it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Route {
    pub id: String,
    pub network_id: String,
    pub description: String,
    pub enabled: bool,
    /// `IPv4`, `IPv6`, `Domain` (or, in theory, `Invalid`).
    pub network_type: String,
    /// For domain routes the server sends the placeholder `192.0.2.0/32`: ignore it there.
    pub network: String,
    /// `null` for network routes.
    pub domains: Vec<String>,
    /// `""` for group-routed routes.
    pub peer: String,
    /// Omitted when empty.
    pub peer_groups: Vec<String>,
    pub metric: i64,
    pub masquerade: bool,
    /// Distribution groups: who receives the route.
    pub groups: Vec<String>,
    /// Omitted when empty.
    pub access_control_groups: Vec<String>,
    pub keep_route: bool,
    pub skip_auto_apply: bool,
}

/// The four shapes a route can take, as an admin thinks of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RouteKind {
    Ipv4,
    Ipv6,
    Domain,
    ExitNode,
}

impl RouteKind {
    /// How the console names the kind, in the chosen language (`IPv4` and `IPv6` are the same
    /// in every language). A display text only: code compares the kind itself.
    pub fn label(self) -> String {
        match self {
            RouteKind::Ipv4 => "IPv4".to_string(),
            RouteKind::Ipv6 => "IPv6".to_string(),
            RouteKind::Domain => t("Domain"),
            RouteKind::ExitNode => t("Exit node"),
        }
    }
}

impl Route {
    pub fn kind(&self) -> RouteKind {
        if self.network_type.eq_ignore_ascii_case("domain") || !self.domains.is_empty() {
            RouteKind::Domain
        } else if self.network == "0.0.0.0/0" || self.network == "::/0" {
            RouteKind::ExitNode
        } else if self.network_type.eq_ignore_ascii_case("ipv6") || self.network.contains(':') {
            RouteKind::Ipv6
        } else {
            RouteKind::Ipv4
        }
    }

    /// Routed by peer groups (high availability inside one route).
    pub fn is_group_routed(&self) -> bool {
        self.peer.is_empty() && !self.peer_groups.is_empty()
    }

    /// The network or the domain list, as the list shows it.
    pub fn destination(&self) -> String {
        if self.kind() == RouteKind::Domain {
            self.domains.join(", ")
        } else {
            self.network.clone()
        }
    }
}

/// NetBird's metric priority bands (lower metric wins). The value is an identifier that code
/// compares (`"Invalid"`): show [`metric_band_label`] instead.
pub fn metric_band(metric: i64) -> &'static str {
    match metric {
        1..=100 => "High",
        101..=1000 => "Medium",
        1001..=9999 => "Low",
        _ => "Invalid",
    }
}

/// The metric's band as shown, in the chosen language.
pub fn metric_band_label(metric: i64) -> String {
    match metric_band(metric) {
        "High" => t("High"),
        "Medium" => t("Medium"),
        "Low" => t("Low"),
        _ => t("Invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_shapes() {
        let json = r#"[
          {"id":"r1","network_id":"office","description":"","enabled":true,"network_type":"IPv4","network":"10.0.0.0/24",
           "domains":null,"peer":"p1","metric":9999,"masquerade":true,"groups":["g1"],"keep_route":false,"skip_auto_apply":false},
          {"id":"r2","network_id":"docs","description":"","enabled":true,"network_type":"Domain","network":"192.0.2.0/32",
           "domains":["example.com","*.example.org"],"peer":"","peer_groups":["g2"],"metric":100,"masquerade":true,
           "groups":["g1"],"access_control_groups":["g3"],"keep_route":true,"skip_auto_apply":false},
          {"id":"r3","network_id":"exit","enabled":true,"network_type":"IPv6","network":"::/0","domains":null,"peer":"p2",
           "metric":9999,"masquerade":true,"groups":["g1"],"keep_route":false,"skip_auto_apply":true},
          {"id":"r4","network_id":"v6","network_type":"IPv6","network":"2001:db8::/64","peer":"p2","metric":5,"groups":["g1"]}
        ]"#;
        let routes: Vec<Route> = crate::base::json::decode_str(json).unwrap();
        assert_eq!(routes[0].kind(), RouteKind::Ipv4);
        assert_eq!(routes[1].kind(), RouteKind::Domain);
        assert_eq!(routes[1].destination(), "example.com, *.example.org");
        assert!(routes[1].is_group_routed());
        assert_eq!(routes[2].kind(), RouteKind::ExitNode);
        assert_eq!(routes[3].kind(), RouteKind::Ipv6);
        assert!(routes[0].access_control_groups.is_empty());
    }

    #[test]
    fn metric_bands() {
        assert_eq!(metric_band(1), "High");
        assert_eq!(metric_band(100), "High");
        assert_eq!(metric_band(101), "Medium");
        assert_eq!(metric_band(1000), "Medium");
        assert_eq!(metric_band(1001), "Low");
        assert_eq!(metric_band(9999), "Low");
        assert_eq!(metric_band(0), "Invalid");
        assert_eq!(metric_band(10_000), "Invalid");
    }
}
