//! Entity extraction: datelines, countries and people from article text.

pub mod countries;
pub mod dateline;
pub mod gazetteer;
pub mod people;
