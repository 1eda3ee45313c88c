//! `parse::dateline::recognize`: never panics, and a recognised lead's
//! length is a valid cut of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::parse::dateline;

fuzz_target!(|text: &str| {
    if let Some(lead) = dateline::recognize(text) {
        assert!(text.get(lead.len..).is_some());
    }
});
