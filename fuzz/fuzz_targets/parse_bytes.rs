//! `parse::parse_bytes` for each of the four formats: the first byte picks
//! the format, the rest is the file's content. Must never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsdex::parse::{parse_bytes, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(pick) % Format::ALL.len()];
    let parsed = parse_bytes(format, Path::new("fuzz/input.x"), bytes);
    for w in &parsed.warnings {
        assert_eq!(w.path, "fuzz/input.x");
        assert!(!w.message.is_empty());
    }
});
