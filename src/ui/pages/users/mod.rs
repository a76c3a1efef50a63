pub mod detail;
pub mod form;
pub mod list;
