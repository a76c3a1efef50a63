//! Bulk work on chosen peers: SSH and login expiration on or off, approve, delete (one request
//! per peer, each written back from the server's current version), and adding to or removing
//! from a group (one read-modify-write of that group for all of them: adding 1,000 peers is one
//! PUT that keeps every other member).

use crate::base::i18n::{t, tf};
use crate::resources::group::validation::with_members;
use crate::resources::peer::validation::{request_of, PeerRequest};
use crate::resources::{Group, Peer};
use crate::ui::api::{Api, Verb};
use crate::ui::kit::bulk::{per_row, BulkItem, Chosen, Wording};
use crate::ui::kit::row_actions::write_fresh;

/// A bulk action on peers.
#[derive(Clone, Debug, PartialEq)]
pub enum PeerAction {
    Ssh(bool),
    LoginExpiration(bool),
    Approve,
    Delete,
    /// Add to (`true`) or remove from the group with this ID and name.
    Group(bool, String, String),
}

impl PeerAction {
    /// What the progress and report call the run.
    pub fn task(&self, n: usize) -> String {
        if n == 1 {
            return match self {
                PeerAction::Ssh(true) => t("Enabling SSH on 1 peer"),
                PeerAction::Ssh(false) => t("Disabling SSH on 1 peer"),
                PeerAction::LoginExpiration(true) => t("Enabling login expiration on 1 peer"),
                PeerAction::LoginExpiration(false) => t("Disabling login expiration on 1 peer"),
                PeerAction::Approve => t("Approving 1 peer"),
                PeerAction::Delete => t("Deleting 1 peer"),
                PeerAction::Group(true, _, g) => tf("Adding 1 peer to {group}", &[("group", g)]),
                PeerAction::Group(false, _, g) => {
                    tf("Removing 1 peer from {group}", &[("group", g)])
                }
            };
        }
        let n = &n.to_string();
        match self {
            PeerAction::Ssh(true) => tf("Enabling SSH on {n} peers", &[("n", n)]),
            PeerAction::Ssh(false) => tf("Disabling SSH on {n} peers", &[("n", n)]),
            PeerAction::LoginExpiration(true) => {
                tf("Enabling login expiration on {n} peers", &[("n", n)])
            }
            PeerAction::LoginExpiration(false) => {
                tf("Disabling login expiration on {n} peers", &[("n", n)])
            }
            PeerAction::Approve => tf("Approving {n} peers", &[("n", n)]),
            PeerAction::Delete => tf("Deleting {n} peers", &[("n", n)]),
            PeerAction::Group(true, _, g) => {
                tf("Adding {n} peers to {group}", &[("n", n), ("group", g)])
            }
            PeerAction::Group(false, _, g) => {
                tf("Removing {n} peers from {group}", &[("n", n), ("group", g)])
            }
        }
    }

    fn verb(&self) -> String {
        match self {
            PeerAction::Ssh(true) | PeerAction::LoginExpiration(true) => t("Enable"),
            PeerAction::Ssh(false) | PeerAction::LoginExpiration(false) => t("Disable"),
            PeerAction::Approve => t("Approve"),
            PeerAction::Delete => t("Delete"),
            PeerAction::Group(true, _, _) => t("Add"),
            PeerAction::Group(false, _, _) => t("Remove"),
        }
    }

    fn message(&self, count: usize) -> String {
        if count == 1 {
            return match self {
                PeerAction::Delete => t("Delete this peer? It leaves the network and must be registered again to come back. This cannot be undone."),
                PeerAction::Group(true, _, g) => tf(
                    "Add this peer to {group}? The group is read fresh and written once; its other members stay.",
                    &[("group", g)],
                ),
                PeerAction::Group(false, _, g) => tf(
                    "Remove this peer from {group}? The group is read fresh and written once; its other members stay.",
                    &[("group", g)],
                ),
                _ => tf(
                    "{task}? The peer is written back from the server's current version.",
                    &[("task", &self.task(1))],
                ),
            };
        }
        let n = &count.to_string();
        match self {
            PeerAction::Delete => tf(
                "Delete these {n} peers? They leave the network and must be registered again to come back. This cannot be undone.",
                &[("n", n)],
            ),
            PeerAction::Group(true, _, g) => tf(
                "Add these {n} peers to {group}? The group is read fresh and written once; its other members stay.",
                &[("n", n), ("group", g)],
            ),
            PeerAction::Group(false, _, g) => tf(
                "Remove these {n} peers from {group}? The group is read fresh and written once; its other members stay.",
                &[("n", n), ("group", g)],
            ),
            _ => tf(
                "{task}? Each peer is written back from the server's current version.",
                &[("task", &self.task(count))],
            ),
        }
    }

    /// The work: one item per peer, or one for the group.
    pub fn items(&self, api: Api, chosen: &[Chosen]) -> Vec<BulkItem> {
        if let PeerAction::Group(add, id, name) = self {
            let ids: Vec<String> = chosen.iter().map(|(id, _)| id.clone()).collect();
            let (add, path) = (*add, format!("/api/groups/{id}"));
            let work = async move {
                let fresh = api.get::<Group>(&path).await?;
                let (plus, minus): (&[String], &[String]) =
                    if add { (&ids, &[]) } else { (&[], &ids) };
                let request = with_members(&fresh, plus, minus);
                api.write::<_, Group>(Verb::Put, &path, &request)
                    .await
                    .map(|_| ())
            };
            return vec![BulkItem::new(name.clone(), work)];
        }
        per_row(chosen, |id| {
            let path = format!("/api/peers/{id}");
            let action = self.clone();
            async move {
                if action == PeerAction::Delete {
                    return api.delete(&path).await;
                }
                write_fresh(api, &path, |fresh: &Peer| Ok(changed(&action, fresh)))
                    .await
                    .map(|_: Peer| ())
            }
        })
    }

    /// The confirmation for running this on `n` peers.
    pub fn wording(&self, n: usize) -> Wording {
        Wording {
            title: self.task(n),
            message: self.message(n),
            verb: self.verb(),
        }
    }
}

/// The request writing `fresh` back with the action's one change.
fn changed(action: &PeerAction, fresh: &Peer) -> PeerRequest {
    let mut r = request_of(fresh);
    match action {
        PeerAction::Ssh(on) => r.ssh_enabled = *on,
        PeerAction::LoginExpiration(on) => r.login_expiration_enabled = *on,
        PeerAction::Approve => r.approval_required = Some(false),
        PeerAction::Delete | PeerAction::Group(..) => {}
    }
    r
}
