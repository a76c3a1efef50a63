//! The pages: the shell's own (overview, sign-in, not found), then one folder per resource with
//! its `list`, `form` and `detail` views. No page imports another page; what two pages share is
//! in `ui::kit`.

pub mod dns;
pub mod events;
pub mod groups;
pub mod home;
pub mod login;
pub mod network;
pub mod not_found;
pub mod peers;
pub mod policies;
pub mod posture_checks;
pub mod routes;
pub mod settings;
pub mod setup_keys;
pub mod users;
