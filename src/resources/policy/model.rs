use crate::base::json::{FromJson, Members, Reader};
use crate::resources::group::GroupResource;
use crate::resources::GroupMinimum;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// A range of ports, both ends included (`port_ranges` items). A single port can be written
/// as a range with `start == end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct PortRange {
    pub start: i64,
    pub end: i64,
}

/// A rule's `authorized_groups` (netbird-ssh): user group ID → the local user names its users
/// may log in as (none: any local user), in the order sent. Read and written as a JSON object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthorizedGroups(pub Vec<(String, Vec<String>)>);

impl AuthorizedGroups {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The local users of group `id`, if it has an entry.
    pub fn get(&self, id: &str) -> Option<&[String]> {
        self.0
            .iter()
            .find(|(g, _)| g == id)
            .map(|(_, users)| users.as_slice())
    }
}

impl FromJson for AuthorizedGroups {
    fn from_json(r: &mut Reader<'_>) -> crate::base::json::Result<Self> {
        Members::<Vec<String>>::from_json(r).map(|m| AuthorizedGroups(m.0))
    }
}

impl Serialize for AuthorizedGroups {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (group, users) in &self.0 {
            map.serialize_entry(group, users)?;
        }
        map.end()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct PolicyRule {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    /// `accept` or `drop`.
    pub action: String,
    pub bidirectional: bool,
    /// `all`, `tcp`, `udp`, `icmp` or `netbird-ssh`.
    pub protocol: String,
    /// Absent when unused; the server never sends both `ports` and `port_ranges`.
    pub ports: Vec<String>,
    pub port_ranges: Vec<PortRange>,
    /// netbird-ssh only; absent when empty.
    pub authorized_groups: AuthorizedGroups,
    /// Group objects in responses (IDs in requests); `null` when empty, and always when the
    /// side is a resource.
    pub sources: Vec<GroupMinimum>,
    pub destinations: Vec<GroupMinimum>,
    /// A network resource instead of source groups (`{id, type}`).
    #[serde(rename = "sourceResource")]
    pub source_resource: Option<GroupResource>,
    #[serde(rename = "destinationResource")]
    pub destination_resource: Option<GroupResource>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Policy {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    /// Posture check IDs the source peers must pass.
    pub source_posture_checks: Vec<String>,
    pub rules: Vec<PolicyRule>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_sources_with_resources() {
        let p: Policy = crate::base::json::decode_str(
            r#"{"id":"p","name":"web","enabled":true,"source_posture_checks":[],"rules":[{"id":"p","name":"web",
            "enabled":true,"action":"accept","bidirectional":true,"protocol":"tcp","ports":["443"],
            "sources":null,"destinations":[{"id":"g","name":"servers","peers_count":2}],
            "sourceResource":{"id":"r","type":"host"}}]}"#,
        )
        .unwrap();
        assert!(p.rules[0].sources.is_empty());
        assert_eq!(p.rules[0].destinations[0].name, "servers");
        assert_eq!(
            p.rules[0].source_resource,
            Some(GroupResource {
                id: "r".into(),
                r#type: "host".into()
            })
        );
        assert_eq!(p.rules[0].destination_resource, None);
    }

    #[test]
    fn every_rule_field_is_read_and_nulls_are_empty() {
        let p: Policy = crate::base::json::decode_str(
            r#"{"id":"p","name":"ssh","description":"admins","enabled":false,
            "source_posture_checks":["pc1","pc2"],"rules":[{"id":"r","name":"ssh","description":"d",
            "enabled":true,"action":"accept","bidirectional":false,"protocol":"netbird-ssh",
            "port_ranges":[{"start":8000,"end":8100},{"start":22,"end":22}],
            "authorized_groups":{"gadm":["root","admin"],"gops":[]},
            "sources":[{"id":"gadm","name":"admins","peers_count":1}],"destinations":null,
            "destinationResource":{"id":"res","type":"subnet"}}]}"#,
        )
        .unwrap();
        assert_eq!(p.source_posture_checks, ["pc1", "pc2"]);
        let r = &p.rules[0];
        assert_eq!(r.description, "d");
        assert!(r.ports.is_empty());
        assert_eq!(
            r.port_ranges,
            [
                PortRange {
                    start: 8000,
                    end: 8100
                },
                PortRange { start: 22, end: 22 }
            ]
        );
        assert_eq!(
            r.authorized_groups.get("gadm"),
            Some(&["root".to_string(), "admin".to_string()][..])
        );
        assert_eq!(r.authorized_groups.get("gops"), Some(&[][..]));
        assert_eq!(r.destination_resource.as_ref().unwrap().r#type, "subnet");
        // Written back as an object, in the order read; the renamed keys keep their names.
        let w = serde_json::to_value(r).unwrap();
        assert_eq!(
            w["authorized_groups"],
            serde_json::json!({"gadm":["root","admin"],"gops":[]})
        );
        assert_eq!(w["destinationResource"]["id"], "res");
        let nulls: Policy = crate::base::json::decode_str(
            r#"{"id":"p","source_posture_checks":null,"rules":[{"ports":null,"port_ranges":null,
            "authorized_groups":null,"sourceResource":null,"sources":null}]}"#,
        )
        .unwrap();
        assert!(nulls.source_posture_checks.is_empty());
        assert_eq!(nulls.rules[0], PolicyRule::default());
    }
}
