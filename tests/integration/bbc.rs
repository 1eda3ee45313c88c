//! The BBC plain-text corpus: every file indexes, the cp1252 one included.

use crate::util::{build, corpus, idx, json};

#[test]
fn all_2225_bbc_files_index() {
    let Some(corpus) = corpus() else { return };
    let (dir, summary) = build(&[&corpus.join("bbc")], &[]);
    assert_eq!(summary["indexed"], 2225, "{summary}");
    assert_eq!(summary["total_documents"], 2225);
    let stats = json(&idx(&dir), &["stats", "--format", "json"], 0);
    assert_eq!(stats["documents"], 2225);
    // The one Windows-1252 file is decoded, not dropped: its pound sign survives.
    let sport = json(
        &idx(&dir),
        &[
            "search",
            "",
            "--section",
            "sport",
            "--limit",
            "0",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(sport["total"], 511);
    let shown = json(&idx(&dir), &["show", "sport/199", "--format", "json"], 0);
    assert!(shown["body"].as_str().unwrap().contains('£'), "{shown}");
}
