pub mod detail;
