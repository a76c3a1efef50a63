//! The pieces every page is built from: the table and list body, form controls, the form
//! machinery, notices and dialogs, and the task a click starts.

pub mod bulk;
pub mod components;
pub mod controls;
pub mod delete;
pub mod dialog;
pub mod download;
pub mod drafts;
pub mod edit;
pub mod form;
pub mod home_lists;
pub mod kept;
pub mod list;
pub mod marks;
pub mod paint;
pub mod row_actions;
pub mod table;
pub mod task;
