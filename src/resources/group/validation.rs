//! The group form's rules and membership writes: what `POST/PUT /api/groups` checks
//! (netbirdio/netbird: the groups handler's `createGroup`/`updateGroup`, `validateNewGroup` in
//! `management/server/group.go`), with the same meaning.
//!
//! PUT replaces the group's membership: a missing `peers` or `resources` empties it. So every
//! write sends both, and a change of membership is a read-modify-write of the group as the
//! server has it now (`with_members`), never of a copy loaded earlier. One caveat the API
//! leaves open: a group's `peers` lists only the peers the caller can see, so a caller
//! without the right to read every peer writes back only those.
//!
//! The server refuses: an empty name (422 `group name shouldn't be empty`); on create, a name
//! any group already has (409 `group with name <n> already exists`, whatever issued that
//! group); any PUT on the `All` group (422 `updating group all is not allowed`).
//!
//! Deliberately stricter than the server:
//! - a name of only spaces, or with spaces around it, is refused when the name is new (the
//!   server keeps it as is; `devs ` and `devs` would be two look-alike groups);
//! - renaming a group to a name another group has is refused too (the server checks names
//!   only on create; two groups of one name make `?name=` lookups return either);
//! - groups from JWT claims or from an integration are not renamed: the server re-links a JWT
//!   group to the identity provider's claim by its name, and an integration owns its groups.

use crate::base::field_errors::FieldErrors;
use crate::base::i18n::{t, tf};
use crate::base::json::FromJson;
use crate::base::stale::FieldSpec;
use crate::resources::group::{Group, GroupResource};
use serde::Serialize;
use std::collections::HashSet;

/// `issued` of a group made from JWT group claims.
pub const ISSUED_JWT: &str = "jwt";
/// `issued` of a group made by an integration.
pub const ISSUED_INTEGRATION: &str = "integration";

/// The body of `POST/PUT /api/groups`: `peers` and `resources` are always sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GroupRequest {
    pub name: String,
    pub peers: Vec<String>,
    pub resources: Vec<GroupResource>,
}

/// What the group form holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct GroupDraft {
    pub name: String,
    /// Member peer IDs.
    pub peers: Vec<String>,
}

impl GroupDraft {
    pub fn from_group(g: &Group) -> GroupDraft {
        GroupDraft {
            name: g.name.clone(),
            peers: g.peers.iter().map(|p| p.id.clone()).collect(),
        }
    }
}

/// The request that stores `group` unchanged.
pub fn request_of(group: &Group) -> GroupRequest {
    with_members(group, &[], &[])
}

/// The fields of a group write, in form order, with the label the form gives them. The
/// resources are listed so that combining versions (`base::stale::combine`) keeps them.
pub const GROUP_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "Name"),
    FieldSpec::named("peers", "Peers"),
    FieldSpec::new("resources", "Network resources"),
];

/// Whether the admin may rename `group`: not `All`, not a group from JWT claims or an
/// integration.
pub fn can_rename(group: &Group) -> bool {
    !group.is_all() && group.issued != ISSUED_JWT && group.issued != ISSUED_INTEGRATION
}

/// Whether `group` can be written at all (its members or its name): the server refuses any
/// change to `All`.
pub fn can_edit(group: &Group) -> bool {
    !group.is_all()
}

/// The name check of the form. `groups`: the account's groups; `editing_id`: the group being
/// edited (None when creating). Err: the message, in the chosen language.
pub fn validate_name(name: &str, groups: &[Group], editing_id: Option<&str>) -> Result<(), String> {
    let editing = editing_id.and_then(|id| groups.iter().find(|g| g.id == id));
    if editing.is_some_and(Group::is_all) {
        return Err(t(
            "The All group holds every peer by itself: it cannot be renamed or changed.",
        ));
    }
    if editing.is_some_and(|g| g.name == name) {
        // Unchanged: whatever it is, the server has it already.
        return Ok(());
    }
    if let Some(g) = editing.filter(|g| !can_rename(g)) {
        return Err(if g.issued == ISSUED_JWT {
            t("This group comes from your identity provider's JWT group claims and is matched to them by name: it cannot be renamed here.")
        } else {
            t("This group is managed by an integration: it cannot be renamed here.")
        });
    }
    if name.trim().is_empty() {
        return Err(t("Enter a name for the group."));
    }
    if name.trim() != name {
        return Err(t(
            "Remove the spaces at the start or end of the group name.",
        ));
    }
    let taken = groups
        .iter()
        .any(|g| Some(g.id.as_str()) != editing_id && g.name == name);
    if taken {
        return Err(tf(
            "A group named “{name}” already exists; choose another name.",
            &[("name", name)],
        ));
    }
    Ok(())
}

/// The form's checks: the name (`validate_name`), then the request, with the peers listed once
/// each in the form's order and the edited group's resources kept.
pub fn validate(
    draft: &GroupDraft,
    groups: &[Group],
    editing: Option<&Group>,
) -> Result<GroupRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    if let Err(m) = validate_name(&draft.name, groups, editing.map(|g| g.id.as_str())) {
        errs.insert("name", m);
    }
    if draft.peers.iter().any(String::is_empty) {
        errs.insert(
            "peers",
            t("One of the selected peers has an empty ID; choose again."),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(GroupRequest {
        name: draft.name.clone(),
        peers: once_each(draft.peers.iter()),
        resources: editing.map(|g| g.resources.clone()).unwrap_or_default(),
    })
}

/// Each ID once, first occurrence kept, in order; empty IDs dropped.
fn once_each<'a>(ids: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut seen = HashSet::new();
    ids.filter(|id| !id.is_empty() && seen.insert(id.as_str()))
        .cloned()
        .collect()
}

/// The read-modify-write of a membership: `fresh` (the group as the server has it now) with
/// the peers of `add` added and those of `remove` taken out, and nothing else changed. The
/// fresh members keep their order, the added ones follow in the order given; no peer twice.
/// A peer in both lists is removed.
pub fn with_members(fresh: &Group, add: &[String], remove: &[String]) -> GroupRequest {
    let removed: HashSet<&str> = remove.iter().map(String::as_str).collect();
    let peers = once_each(
        fresh
            .peers
            .iter()
            .map(|p| &p.id)
            .chain(add)
            .filter(|id| !removed.contains(id.as_str())),
    );
    GroupRequest {
        name: fresh.name.clone(),
        peers,
        resources: fresh.resources.clone(),
    }
}

/// Adding peers to, or taking them out of, one group, as one write however many peers: the
/// PUT to send for `target_group_id` (from `groups_fresh`, the groups as just read), or `None`
/// when there is nothing to send (no such group, the `All` group, or no membership change).
pub fn membership_plan(
    groups_fresh: &[Group],
    target_group_id: &str,
    add: &[String],
    remove: &[String],
) -> Option<GroupRequest> {
    let group = groups_fresh.iter().find(|g| g.id == target_group_id)?;
    if !can_edit(group) {
        return None;
    }
    let request = with_members(group, add, remove);
    let before: Vec<&str> = group.peers.iter().map(|p| p.id.as_str()).collect();
    let same = request.peers.len() == before.len()
        && request.peers.iter().zip(&before).all(|(a, b)| a == b);
    (!same).then_some(request)
}

/// The control a server error message (the body's `message`, lowercased by the server)
/// concerns, if any.
pub fn server_error_field(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    if m.contains("group name shouldn't be empty")
        || (m.starts_with("group with name") && m.ends_with("already exists"))
    {
        Some("name")
    } else if m.starts_with("failed to add peer") || m.starts_with("failed to remove peer") {
        Some("peers")
    } else {
        // "updating group all is not allowed", "group with id <id> not found",
        // "couldn't parse json request", "permission denied": not one control's.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::PeerMinimum;

    fn group(id: &str, name: &str, issued: &str, members: &[&str]) -> Group {
        Group {
            id: id.into(),
            name: name.into(),
            issued: issued.into(),
            peers: members
                .iter()
                .map(|p| PeerMinimum {
                    id: (*p).into(),
                    name: format!("peer {p}"),
                })
                .collect(),
            peers_count: members.len() as u64,
            ..Group::default()
        }
    }

    fn world() -> Vec<Group> {
        let mut dbs = group("g2", "dbs", "api", &["p2"]);
        dbs.resources = vec![GroupResource {
            id: "r1".into(),
            r#type: "host".into(),
        }];
        vec![
            group("g0", "All", "api", &["p1", "p2", "p3"]),
            group("g1", "devs", "api", &["p1", "p3"]),
            dbs,
            group("g3", "Engineering", ISSUED_JWT, &[]),
            group("g4", "okta-sync", ISSUED_INTEGRATION, &[]),
            group("g5", "legacy", "", &[]),
        ]
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_on_create() {
        let g = world();
        assert_eq!(validate_name("ops", &g, None), Ok(()));
        assert_eq!(
            validate_name("", &g, None).unwrap_err(),
            "Enter a name for the group."
        );
        assert!(validate_name("   ", &g, None).is_err());
        assert!(validate_name(" ops", &g, None).is_err());
        // The server's 409 `group with name devs already exists`, for any issuer's group.
        assert_eq!(
            validate_name("devs", &g, None).unwrap_err(),
            "A group named “devs” already exists; choose another name."
        );
        assert!(validate_name("Engineering", &g, None).is_err());
        assert!(validate_name("All", &g, None).is_err());
        // Names compare exactly, as the server's lookup does.
        assert_eq!(validate_name("Devs", &g, None), Ok(()));
    }

    #[test]
    fn names_on_edit() {
        let g = world();
        assert_eq!(validate_name("devs", &g, Some("g1")), Ok(()));
        assert_eq!(validate_name("developers", &g, Some("g1")), Ok(()));
        assert!(validate_name("dbs", &g, Some("g1")).is_err());
        assert!(validate_name("", &g, Some("g1")).is_err());
        // All: not even unchanged.
        assert!(validate_name("All", &g, Some("g0")).is_err());
        assert!(validate_name("Everyone", &g, Some("g0")).is_err());
        // JWT and integration groups keep their names; membership edits pass.
        assert_eq!(validate_name("Engineering", &g, Some("g3")), Ok(()));
        assert!(validate_name("Eng", &g, Some("g3"))
            .unwrap_err()
            .contains("JWT"));
        assert!(validate_name("x", &g, Some("g4"))
            .unwrap_err()
            .contains("integration"));
        // Groups from before `issued` existed are the API's.
        assert_eq!(validate_name("older", &g, Some("g5")), Ok(()));
    }

    #[test]
    fn who_may_be_renamed() {
        let g = world();
        let can: Vec<bool> = g.iter().map(can_rename).collect();
        assert_eq!(can, [false, true, true, false, false, true]);
        assert!(!can_edit(&g[0]) && can_edit(&g[3]));
    }

    #[test]
    fn a_write_always_sends_peers_and_resources() {
        let g = world();
        let body = serde_json::to_value(request_of(&g[5])).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"name": "legacy", "peers": [], "resources": []})
        );
        let body = serde_json::to_value(request_of(&g[2])).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"name": "dbs", "peers": ["p2"], "resources": [{"id": "r1", "type": "host"}]})
        );
    }

    #[test]
    fn with_members_changes_only_the_given_peers() {
        let g = world();
        let r = with_members(&g[2], &ids(&["p5", "p2", "p4", "p5"]), &[]);
        assert_eq!(r.peers, ["p2", "p5", "p4"]);
        assert_eq!(r.name, "dbs");
        assert_eq!(r.resources, g[2].resources);
        let r = with_members(&g[1], &[], &ids(&["p1", "p9"]));
        assert_eq!(r.peers, ["p3"]);
        let r = with_members(&g[1], &ids(&["p2"]), &ids(&["p2", "p3"]));
        assert_eq!(r.peers, ["p1"]);
        let r = with_members(&g[1], &ids(&[""]), &[]);
        assert_eq!(r.peers, ["p1", "p3"]);
    }

    #[test]
    fn a_thousand_peers_are_one_write() {
        let g = world();
        let many: Vec<String> = (0..1000).map(|i| format!("n{i}")).collect();
        let plan = membership_plan(&g, "g1", &many, &[]).unwrap();
        assert_eq!(plan.peers.len(), 1002);
        assert_eq!(&plan.peers[..3], ["p1", "p3", "n0"]);
        // Nothing to do, no group, the All group: nothing to send.
        assert_eq!(
            membership_plan(&g, "g1", &ids(&["p1"]), &ids(&["p9"])),
            None
        );
        assert_eq!(membership_plan(&g, "nope", &many, &[]), None);
        assert_eq!(membership_plan(&g, "g0", &many, &[]), None);
        let plan = membership_plan(&g, "g1", &[], &ids(&["p3"])).unwrap();
        assert_eq!(plan.peers, ["p1"]);
    }

    #[test]
    fn the_form() {
        let g = world();
        let d = GroupDraft {
            name: "devs".into(),
            peers: ids(&["p1", "p3", "p1", "p4"]),
        };
        let r = validate(&d, &g, Some(&g[1])).unwrap();
        assert_eq!(r.peers, ["p1", "p3", "p4"]);
        assert_eq!(
            validate(&d, &g, None)
                .unwrap_err()
                .fields()
                .collect::<Vec<_>>(),
            ["name"]
        );
        let d = GroupDraft {
            name: "ops".into(),
            peers: ids(&[""]),
        };
        assert_eq!(
            validate(&d, &g, None)
                .unwrap_err()
                .fields()
                .collect::<Vec<_>>(),
            ["peers"]
        );
        // Editing keeps the resources.
        let d = GroupDraft::from_group(&g[2]);
        assert_eq!(validate(&d, &g, Some(&g[2])).unwrap(), request_of(&g[2]));
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            ("group name shouldn't be empty", Some("name")),
            ("group with name devs already exists", Some("name")),
            (
                "failed to add peer p9 to group g1: failed to add peer to group",
                Some("peers"),
            ),
            (
                "failed to remove peer p1 from group g1: failed to remove peer from group",
                Some("peers"),
            ),
            ("updating group all is not allowed", None),
            ("group with id g9 not found", None),
            ("couldn't parse json request", None),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
    }
}
