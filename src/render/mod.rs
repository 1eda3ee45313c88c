//! Renderers: the same result types printed for people (`human`) and for
//! programs (`json`, `csv`). Every renderer writes to any `io::Write`.

pub mod analyses;
pub mod csv;
pub mod human;
pub mod json;
