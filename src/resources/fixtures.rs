//! Sample objects for the resources' unit tests (compiled for tests only).

use crate::resources::Peer;

/// A Linux peer last seen on 2026-11-20.
pub fn peer(id: &str, name: &str, ip: &str, connected: bool) -> Peer {
    Peer {
        id: id.into(),
        name: name.into(),
        ip: ip.into(),
        connected,
        os: "Linux 6.8".into(),
        last_seen: "2026-11-20T10:00:00Z".into(),
        ..Peer::default()
    }
}
