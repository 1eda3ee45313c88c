//! The query front end: `search::query::parse` on the whole
//! input, and `config::period_bound` (`--since`/`--until`) on it as both a
//! start and an end bound. Neither may panic; when both bounds parse, the
//! start is before the end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::config::period_bound;
use newsdex::search::query::parse;

fuzz_target!(|s: &str| {
    let _ = parse(s);
    let start = period_bound(s, "--since", false);
    let end = period_bound(s, "--until", true);
    if let (Ok(a), Ok(b)) = (start, end) {
        assert!(a < b, "{s:?}: start {a} is not before end {b}");
    }
});
