//! Models of the NetBird API as the real server sends it: `null` where the spec promises an
//! array, fields missing, enum values the spec does not know. Every field a page reads is
//! defaulted (read with `crate::json`), so no answer a server can send makes decoding fail on a
//! detail. Pure.

mod account;
mod dns;
mod event;
mod group;
mod peer;
mod policy;
pub mod route;
mod setup_key;
mod user;

pub use account::{Account, AccountSettings};
pub use dns::{DnsSettings, Nameserver, NameserverGroup};
pub use event::{Event, MetaValue};
pub use group::{Group, GroupMinimum, PeerMinimum};
pub use peer::Peer;
pub use policy::{Policy, PolicyRule};
pub use route::{Route, RouteKind};
pub use setup_key::SetupKey;
pub use user::{
    current_from_list, CurrentUser, ModuleAccess, Permissions, PersonalAccessToken, User,
};

/// NetBird's "never" timestamp.
pub const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// True for an absent or zero timestamp.
pub fn is_never(ts: &str) -> bool {
    ts.is_empty() || ts.starts_with("0001-01-01")
}
