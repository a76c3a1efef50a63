//! NetBird's resources, one folder each: the model as the real server sends it (`null` where
//! the spec promises an array, fields missing, enum values the spec does not know; every field a
//! page reads is defaulted, so no answer a server can send makes decoding fail on a detail), its
//! table rows, and, where the console writes it, its request type, validation and write rules.
//! Pure.

pub mod account;
pub mod cells;
pub mod dns;
pub mod event;
#[cfg(test)]
pub mod fixtures;
pub mod group;
pub mod names;
pub mod network;
pub mod peer;
pub mod policy;
pub mod posture_check;
pub mod route;
pub mod setup_key;
pub mod user;

pub use account::{Account, AccountSettings};
pub use dns::{DnsSettings, Nameserver, NameserverGroup};
pub use event::{Event, MetaValue};
pub use group::{Group, GroupListed, GroupMinimum, PeerMinimum};
pub use peer::{Peer, PeerAddress, PeerBrief, PeerListed};
pub use policy::{Policy, PolicyRule};
pub use posture_check::PostureCheck;
pub use route::{Route, RouteKind};
pub use setup_key::SetupKey;
pub use user::{
    current_from_list, CurrentUser, ModuleAccess, Permissions, PersonalAccessToken, User,
};
