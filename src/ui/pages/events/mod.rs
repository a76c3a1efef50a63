mod chart;
pub mod list;
