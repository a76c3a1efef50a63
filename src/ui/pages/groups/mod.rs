pub mod list;
pub mod form;
pub mod usage;
