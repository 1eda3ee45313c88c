//! The lenient date parser (`parse_date_lenient`, crate-private) through its
//! public caller: one JSONL line whose `date` key holds the fuzzer's string.
//! Must never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsdex::parse::{parse_bytes, Format};

fuzz_target!(|date: &str| {
    let line = serde_json::json!({ "id": "f1", "title": "t", "body": "b", "date": date });
    let bytes = format!("{line}\n");
    let _ = parse_bytes(Format::Jsonl, Path::new("fuzz/date.jsonl"), bytes.as_bytes());
});
