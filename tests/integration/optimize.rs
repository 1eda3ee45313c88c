//! `newsdex optimize` on real indexes on disk: the sample corpus indexed in
//! several runs (several segments, and deleted documents from a run that
//! replaced articles), merged; searches, facet counts and `check` agree
//! before and after; the errors.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::util::{hit_ids, json, newsdex, samples};

/// The sample corpus indexed one folder per run, then one `wire` file again
/// (its article replaced: a deleted document left in the `wire` segment).
fn segmented_index() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    for part in ["wire", "jsonl", "csv", "reuters", "wire/london-oil.txt"] {
        let out = newsdex(&index)
            .args(["index", "--no-progress", "--warnings-ok", "--threads", "1"])
            .arg(samples().join(part))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "indexing {part}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    dir
}

/// What a search shows that a merge must not change: the total, the hit
/// ids (sorted: scores may move, since deleted documents no longer count in
/// the term statistics), and the facet counts.
fn answers(index: &Path, query: &str) -> (u64, Vec<String>, Value) {
    let v = json(
        index,
        &[
            "search",
            query,
            "--limit",
            "1000",
            "--facet",
            "country",
            "--facet",
            "topic",
            "--facet",
            "person",
            "--histogram",
            "month",
            "--format",
            "json",
        ],
        0,
    );
    let total = v["total"].as_u64().expect("total");
    (total, hit_ids(&v), v["facets"].clone())
}

fn segments(index: &Path) -> u64 {
    json(index, &["stats", "--format", "json"], 0)["segments"]
        .as_u64()
        .unwrap()
}

/// Run `newsdex optimize ARGS --format json` and check its output against
/// its schema.
fn optimize(index: &Path, args: &[&str]) -> Value {
    let mut all = vec!["optimize", "--format", "json"];
    all.extend_from_slice(args);
    let v = json(index, &all, 0);
    crate::schemas::check("optimize.schema.json", &v);
    v
}

#[test]
fn optimize_merges_into_one_segment_and_searches_agree() {
    let dir = segmented_index();
    let index = dir.path().join("idx");
    let before = segments(&index);
    assert!(before >= 3, "the fixture has several segments: {before}");
    let queries = ["", "oil", "\"interest rates\""];
    let answers_before: Vec<_> = queries.iter().map(|q| answers(&index, q)).collect();
    assert!(answers_before[0].0 > 10, "{:?}", answers_before[0].0);

    let r = optimize(&index, &[]);
    assert_eq!(r["segments_before"], before);
    assert_eq!(r["segments_after"], 1);
    assert_eq!(r["merges"], 1);
    assert_eq!(r["documents_before"], answers_before[0].0);
    assert_eq!(r["documents_after"], answers_before[0].0);
    // At least the replaced `wire/london-oil`.
    assert!(r["deleted_before"].as_u64().unwrap() >= 1, "{r}");
    assert_eq!(r["deleted_after"], 0);
    // The merged segment is written before the old ones go, and they go.
    assert!(r["bytes_after"].as_u64().unwrap() < r["bytes_before"].as_u64().unwrap());

    assert_eq!(segments(&index), 1);
    let answers_after: Vec<_> = queries.iter().map(|q| answers(&index, q)).collect();
    assert_eq!(answers_before, answers_after);
    newsdex(&index).arg("check").assert().success();
    // The old segments' files are gone: one segment's files remain.
    let segment_files = std::fs::read_dir(&index)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "store"))
        .count();
    assert_eq!(segment_files, 1);

    // Again: nothing to do, and it says so.
    let again = optimize(&index, &[]);
    assert_eq!(again["merges"], 0);
    assert_eq!(again["segments_before"], 1);
    assert_eq!(again["segments_after"], 1);
    newsdex(&index)
        .arg("optimize")
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing to merge"));
    assert_eq!(
        queries
            .iter()
            .map(|q| answers(&index, q))
            .collect::<Vec<_>>(),
        answers_before
    );
}

#[test]
fn optimize_leaves_at_most_the_segments_asked_for() {
    let dir = segmented_index();
    let index = dir.path().join("idx");
    let before = segments(&index);
    assert!(before >= 3, "{before}");
    let all = answers(&index, "");

    // As many as there are, or more: nothing merged, nothing removed.
    let r = optimize(&index, &["--segments", &before.to_string()]);
    assert_eq!(r["merges"], 0);
    assert_eq!(segments(&index), before);

    let r = optimize(&index, &["--segments", "2"]);
    assert_eq!(r["segments_after"], 2);
    assert!(r["merges"].as_u64().unwrap() >= 1);
    assert_eq!(segments(&index), 2);
    assert_eq!(answers(&index, ""), all);
    newsdex(&index).arg("check").assert().success();
}

#[test]
fn stats_suggests_optimize_for_many_segments() {
    // Twelve commits of two articles each, with no merges: more segments
    // than `newsdex index` leaves on a small index (its merges join them).
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    {
        let news = newsdex::index::NewsIndex::open_or_create(&index, false).unwrap();
        let mut w = news.writer(1, 20_000_000).unwrap();
        w.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        for commit in 0..12 {
            for n in 0..2 {
                let a = newsdex::article::Article {
                    id: format!("a{commit}-{n}"),
                    title: format!("Oil story {n}"),
                    body: "Crude oil prices rose in Caracas.".into(),
                    ..Default::default()
                };
                w.add_document(newsdex::index::document::to_document(&news.fields, &a))
                    .unwrap();
            }
            w.commit().unwrap();
        }
        w.wait_merging_threads().unwrap();
    }
    assert_eq!(segments(&index), 12);
    newsdex(&index)
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("in 12 segments"))
        .stderr(predicate::str::contains("`newsdex optimize`"));

    let r = optimize(&index, &["--segments", "3"]);
    assert_eq!(r["segments_after"], 3);
    assert_eq!(r["merges"], 3);
    assert_eq!(r["documents_after"], 24);
    newsdex(&index)
        .arg("stats")
        .assert()
        .success()
        .stderr(predicate::str::contains("optimize").not());
    assert_eq!(
        json(
            &index,
            &["search", "oil", "--limit", "100", "--format", "json"],
            0
        )["total"],
        24
    );
}

fn fails_with(mut cmd: Command, needle: &str) {
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(needle), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

#[test]
fn optimize_errors_are_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none");
    let mut cmd = newsdex(&missing);
    cmd.arg("optimize");
    fails_with(cmd, "no index at");
    assert!(!missing.exists(), "optimize created a folder");

    let built = segmented_index();
    let index = built.path().join("idx");
    let mut cmd = newsdex(&index);
    cmd.args(["optimize", "--segments", "0"]);
    fails_with(cmd, "--segments");

    // Another writer holds the lock: refused, and nothing merged.
    let before = segments(&index);
    let tantivy_index = tantivy::Index::open_in_dir(&index).unwrap();
    let writer: tantivy::IndexWriter = tantivy_index.writer(20_000_000).unwrap();
    let mut cmd = newsdex(&index);
    cmd.arg("optimize");
    fails_with(cmd, "locked by another writer");
    drop(writer);
    assert_eq!(segments(&index), before);
    newsdex(&index).arg("optimize").assert().success();
    assert_eq!(segments(&index), 1);
}
