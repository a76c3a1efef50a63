pub mod list;
pub mod form;
