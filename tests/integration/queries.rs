//! Queries as people type them: apostrophes, truncated and fuzzy words
//! combined with other terms, and filters that restrict without scoring.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::util::{idx, json, newsdex, reuters_index, sample_index};

/// Total hits of a query (exit 0 or 1, never an error).
fn total(index: &Path, args: &[&str]) -> u64 {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--limit", "0", "--format", "json"]);
    let out = newsdex(index).args(&all).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["total"].as_u64().unwrap()
}

/// Hit ids with their scores.
fn scores(index: &Path, args: &[&str]) -> HashMap<String, f64> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--limit", "1000", "--format", "json"]);
    let v = json(index, &all, 0);
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap().to_string(),
                h["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn apostrophes_search_instead_of_failing() {
    let (dir, _) = sample_index();
    let index = idx(dir);
    assert!(total(&index, &["Venezuela's"]) >= 1);
    assert_eq!(
        total(&index, &["Venezuela's"]),
        total(&index, &["\"Venezuela s\""])
    );
    for q in [
        "China's",
        "O'Neill",
        "Reagan's budget",
        "Côte d'Ivoire",
        "don't",
    ] {
        total(&index, &[q]);
    }
}

#[test]
fn filters_do_not_change_scores() {
    let (dir, _) = sample_index();
    let index = idx(dir);
    let v = json(&index, &["search", "oil", "--format", "json"], 0);
    let country = |h: &Value, i: usize| h["countries"][i]["id"].as_str().map(str::to_string);
    let hits = v["hits"].as_array().unwrap();
    let first = country(&hits[0], 0).expect("the first oil story has a country");
    // A second country, from another story, for an OR of two.
    let second = hits
        .iter()
        .flat_map(|h| (0..4).filter_map(move |i| country(h, i)))
        .find(|c| *c != first)
        .expect("a second country");
    let plain = scores(&index, &["oil"]);
    for filters in [
        vec!["--country", first.as_str()],
        vec!["--country", first.as_str(), "--country", second.as_str()],
        vec!["--since", "1900-01-01"],
    ] {
        let mut args = vec!["oil"];
        args.extend_from_slice(&filters);
        let filtered = scores(&index, &args);
        assert!(!filtered.is_empty(), "{filters:?}");
        for (id, s) in &filtered {
            assert!(
                (plain[id] - s).abs() < 1e-4,
                "{filters:?}: {id} scores {s}, {} without the filter",
                plain[id]
            );
        }
    }
}

#[test]
fn truncation_and_fuzzy_combine_rank_and_fold_on_reuters() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let index = idx(dir);
    let t = |q: &str| total(&index, &[q]);
    let econom = t("econom*");
    let trade = t("trade");
    let both = t("econom* trade");
    assert_eq!(t("econom* OR trade"), econom + trade - both);
    assert_eq!(t("econom* -trade"), econom - both);
    assert_eq!(t("(econom* OR trade) -econom*"), trade - both);
    assert!(t("title:econom*") < econom);
    assert_eq!(t("Nicolás*"), t("nicolas*"));
    assert!(t("Nicolás*") > 0);
    assert!(t("Nicolás*") <= t("nicol*"));
    assert!(t("volcker") <= t("Volckr~1"));
    // Ranked: the top scores of a prefix differ.
    let s = scores(&index, &["econom*"]);
    let mut distinct: Vec<i64> = s.values().map(|v| (v * 1000.0) as i64).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() > 10, "{} distinct scores", distinct.len());
}

/// A title that starts or ends with punctuation keeps its highlights: the
/// byte ranges point at the query's words in the whole title.
#[test]
fn titles_keep_their_highlights_whatever_they_start_with() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"t1\",\"title\":\"<b>Hostile</b> bid for 'Oil' firm\",\"body\":\"A hostile bid was made for an oil firm.\"}\n",
    )
    .unwrap();
    let (built, _) = crate::util::build(&[&input], &[]);
    let index = idx(&built);
    for (query, word) in [("hostile", "Hostile"), ("oil", "Oil")] {
        let v = json(&index, &["search", query, "--format", "json"], 0);
        let title = &v["hits"][0]["title"];
        let text = title["text"].as_str().unwrap();
        assert_eq!(text, "<b>Hostile</b> bid for 'Oil' firm");
        let spans: Vec<&str> = title["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| &text[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize])
            .collect();
        assert_eq!(spans, [word], "{query}: {title}");
    }
}
