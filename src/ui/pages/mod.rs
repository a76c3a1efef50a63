pub mod home;
pub mod lists;
pub mod login;
pub mod not_found;
pub mod route_form;
pub mod routes;
pub mod settings;
