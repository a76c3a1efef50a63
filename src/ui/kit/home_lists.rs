//! The lists the overview reads, each once: its count cards and the network module's charts
//! share the bodies (the charts are another module, so the type lives here, not in a page).

use crate::base::error::ApiError;
use crate::ui::api::Res;
use std::rc::Rc;

/// A list's body, as read.
pub type ListBody = Result<Rc<Vec<u8>>, ApiError>;

/// The lists the overview reads, by API path, each read once: what its cards and charts share.
#[derive(Clone)]
pub struct HomeLists(pub Vec<(&'static str, Res<ListBody>)>);

impl HomeLists {
    /// A list's body as it loads (`None` while loading, or when the overview does not read it).
    pub fn get(&self, path: &str) -> Option<ListBody> {
        self.0
            .iter()
            .find(|(p, _)| *p == path)
            .and_then(|(_, r)| r.get())
    }
    /// Whether the overview reads this list.
    pub fn reads(&self, path: &str) -> bool {
        self.0.iter().any(|(p, _)| *p == path)
    }
}
