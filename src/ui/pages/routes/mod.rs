//! The routes pages: the list, and the form of a route (new, an HA sibling, or one to edit).

pub mod form;
pub mod list;

use crate::resources::Route;

/// A route as a list or dialog names it: its network identifier and what it routes.
fn describe(r: &Route) -> String {
    format!("{} ({})", r.network_id, r.destination())
}
