use crate::base::json::{FromJson, Reader};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct PeerMinimum {
    pub id: String,
    pub name: String,
}

/// A network resource in a group: `type` is `peer`, `host`, `subnet` or `domain`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct GroupResource {
    pub id: String,
    pub r#type: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub issued: String,
    /// `null` when empty.
    pub peers: Vec<PeerMinimum>,
    pub peers_count: u64,
    pub resources_count: u64,
    /// `null` when empty. PUT replaces them: a write sends them back.
    pub resources: Vec<GroupResource>,
}

impl Group {
    /// The automatic group every account has.
    pub fn is_all(&self) -> bool {
        self.name == "All"
    }
}

/// A group as embedded in peers and policy rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct GroupMinimum {
    pub id: String,
    pub name: String,
    pub peers_count: u64,
}

/// How many members' names a group's row in the groups list shows.
pub const LISTED_MEMBERS: usize = 5;

/// A group as the groups list shows it: its first members' names, not every member (the All
/// group lists every peer, 10,000 at a large account, which are skipped unread), and no
/// resources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupListed {
    pub group: GroupMinimum,
    pub issued: String,
    pub resources_count: u64,
    /// The names of the first `LISTED_MEMBERS` members.
    pub first_members: Vec<String>,
}

impl GroupListed {
    /// What a whole group reads as, listed.
    pub fn of(g: &Group) -> GroupListed {
        GroupListed {
            group: GroupMinimum {
                id: g.id.clone(),
                name: g.name.clone(),
                peers_count: g.peers_count,
            },
            issued: g.issued.clone(),
            resources_count: g.resources_count,
            first_members: g
                .peers
                .iter()
                .take(LISTED_MEMBERS)
                .map(|p| p.name.clone())
                .collect(),
        }
    }
}

impl FromJson for GroupListed {
    fn from_json(r: &mut Reader<'_>) -> crate::base::json::Result<Self> {
        let mut g = GroupListed::default();
        r.fields(&mut |r, name| match name {
            "issued" => {
                g.issued = r.string()?;
                Ok(())
            }
            "resources_count" => {
                g.resources_count = r.integer()?;
                Ok(())
            }
            "peers" => r.each(&mut |r| {
                if g.first_members.len() < LISTED_MEMBERS {
                    g.first_members.push(PeerMinimum::from_json(r)?.name);
                    Ok(())
                } else {
                    r.skip()
                }
            }),
            _ => g.group.read_member(r, name),
        })?;
        Ok(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_group_reads_its_first_members_and_checks_the_rest() {
        let members: Vec<String> = (0..7)
            .map(|i| format!(r#"{{"id":"p{i}","name":"peer-{i}"}}"#))
            .collect();
        let body = format!(
            r#"{{"id":"g","name":"office","issued":"jwt","peers_count":7,"resources_count":2,
              "peers":[{}],"resources":[{{"id":"r","type":"host"}}]}}"#,
            members.join(",")
        );
        let whole: Group = crate::base::json::decode_str(&body).unwrap();
        let listed: GroupListed = crate::base::json::decode_str(&body).unwrap();
        assert_eq!(listed, GroupListed::of(&whole));
        assert_eq!(
            listed.first_members,
            ["peer-0", "peer-1", "peer-2", "peer-3", "peer-4"]
        );
        assert_eq!((listed.group.peers_count, listed.resources_count), (7, 2));
        // A member past the first few is skipped, not unchecked: a broken one is still an error.
        let broken = body.replace(r#""name":"peer-6""#, r#""name":peer-6"#);
        assert!(crate::base::json::decode_str::<GroupListed>(&broken).is_err());
    }

    #[test]
    fn null_peers_and_missing_counts() {
        let g: Group = crate::base::json::decode_str(
            r#"{"id":"g1","name":"All","peers":null,"peers_count":0,"resources":null}"#,
        )
        .unwrap();
        assert!(g.peers.is_empty());
        assert!(g.is_all());
        assert_eq!(g.resources_count, 0);
        assert!(g.resources.is_empty());
    }

    #[test]
    fn resources_are_read_and_written_with_their_type() {
        let g: Group = crate::base::json::decode_str(
            r#"{"id":"g","name":"dbs","resources":[{"id":"r1","type":"host"},{"id":"r2","type":"subnet"}],"resources_count":2}"#,
        )
        .unwrap();
        assert_eq!(
            g.resources[0],
            GroupResource {
                id: "r1".into(),
                r#type: "host".into()
            }
        );
        let written = serde_json::to_value(&g.resources[1]).unwrap();
        assert_eq!(written, serde_json::json!({"id": "r2", "type": "subnet"}));
    }
}
