//! Integration tests: each builds a real index on disk and drives the real
//! `newsdex` binary.

mod analyses;
mod browser;
mod corpora;
mod dupes;
mod errors;
mod facet_table;
mod filters;
mod ingest;
mod inputs;
mod languages;
mod optimize;
mod people;
mod queries;
mod reliability;
mod reuters;
mod samples;
mod schemas;
mod serve;
mod stream;
mod terms_reference;
mod util;
mod web;
