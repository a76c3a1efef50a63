pub mod bulk;
pub mod detail;
pub mod list;
