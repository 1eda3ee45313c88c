//! Score newsdex's extraction on the hand-labelled dev set and against the
//! Reuters-21578 editors' tags:
//! `cargo run --release --example score_extraction [-- --json] [--labels eval/heldout/labels.jsonl]`
//! (`--labels` scores another labelled set, a path relative to the repository).
//! The corpus is `$NEWSDEX_CORPUS`, else `CARGO_MANIFEST_DIR/../shared/corpus`.

use std::path::Path;

use anyhow::{bail, Result};
use newsdex::eval;

fn main() -> Result<()> {
    let Some(corpus) = eval::default_corpus_dir() else {
        bail!("corpus not found: set NEWSDEX_CORPUS");
    };
    let json = std::env::args().any(|a| a == "--json");
    let args: Vec<String> = std::env::args().collect();
    let set = args
        .iter()
        .position(|a| a == "--labels")
        .and_then(|i| args.get(i + 1))
        .map_or("eval/dev/labels.jsonl", String::as_str);
    let labels = Path::new(env!("CARGO_MANIFEST_DIR")).join(set);
    let report = eval::score(&labels, &corpus)?;
    let tags = eval::reuters_tag_agreement(&corpus)?;
    if json {
        println!(
            "{}",
            serde_json::json!({ "dev": report, "reuters_tags": tags })
        );
        return Ok(());
    }
    println!(
        "Misses per story (strict people):\n{}",
        report.misses_text()
    );
    println!("Dev set {}", labels.display());
    println!("{report}");
    println!("{tags}");
    Ok(())
}
