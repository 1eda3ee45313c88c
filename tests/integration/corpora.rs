//! The BBC plain-text and AG News CSV corpora: every article indexes, the cp1252 file included.

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

#[test]
fn all_7600_agnews_rows_index_with_their_datelines() {
    let Some(corpus) = corpus() else { return };
    let (dir, summary) = build(&[&corpus.join("agnews/test.csv")], &[]);
    assert_eq!(summary["indexed"], 7600, "{summary}");
    let v = json(
        &idx(&dir),
        &[
            "search", "", "--facet", "topic", "--facet", "agency", "--limit", "0", "--format",
            "json",
        ],
        0,
    );
    let topics = v["facets"][0]["values"].to_string();
    for t in ["World", "Sports", "Business", "Sci/Tech"] {
        assert!(topics.contains(t), "{t} in {topics}");
    }
    let agencies = v["facets"][1]["values"].to_string();
    assert!(
        agencies.contains("Reuters") && agencies.contains("AP"),
        "{agencies}"
    );
}
