pub mod list;
pub mod bulk;
pub mod detail;
