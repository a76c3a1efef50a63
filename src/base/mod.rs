//! Pure code every resource and page shares: JSON reading, errors, field errors, formatting,
//! the list query and table rows, sorting, URLs, the token and the session. Builds and tests on
//! the host.

pub mod config_file;
pub mod connections;
pub mod error;
pub mod export;
pub mod field_errors;
pub mod format;
pub mod i18n;
pub mod json;
pub mod json_array;
pub mod listing;
pub mod palette;
pub mod search;
pub mod session;
pub mod sign_in;
pub mod sort;
pub mod stale;
pub mod token;
pub mod url;
