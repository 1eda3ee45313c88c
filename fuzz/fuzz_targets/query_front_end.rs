//! The query front end: `search::query::parse` on the whole input, and
//! `search::Period::parse` (the date filters) on it. Neither may panic; when
//! the input is a period, its start is before its end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::search::query::parse;
use newsdex::search::Period;

fuzz_target!(|s: &str| {
    let _ = parse(s);
    if let Some(p) = Period::parse(s) {
        assert!(p.start < p.end, "{s:?}: start {} is not before end {}", p.start, p.end);
    }
});
