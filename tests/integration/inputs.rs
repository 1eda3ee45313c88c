//! What newsdex reads and how it presents it: derived titles for stories
//! without a headline, language words, `.json` inputs and the files a walk
//! leaves unread, `extract --format json`, the agency as source, the quick
//! start's build step, and bylines kept out of the people a story is about.

use std::path::Path;

use serde_json::Value;

use crate::util::{build, idx, json, newsdex, sample_index};

/// A temp folder holding `files` (relative path, text).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (rel, text) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

const LEAD_ONLY: &str = "GENEVA (Reuters) - The World Health Organization said on Monday that \
new measles cases in Europe fell by half last year. Officials urged parents to keep vaccinating.\n";

#[test]
fn a_story_without_a_headline_gets_a_derived_title() {
    let input = folder(&[
        ("wire/geneva.txt", LEAD_ONLY),
        (
            "wire/one-line.txt",
            "NAIROBI (AP) - Kenya reopened its border with Somalia.\n",
        ),
        (
            "wire/headed.txt",
            "Measles falls in Europe\n\nGENEVA (Reuters) - Cases fell.\n",
        ),
    ]);
    let (dir, _) = build(&[input.path()], &[]);
    let a = json(&idx(&dir), &["show", "wire/geneva", "--format", "json"], 0);
    assert_eq!(
        a["title"],
        "The World Health Organization said on Monday that new measles cases in Europe fell by…",
        "{a}"
    );
    assert_eq!(a["title_derived"], "true");
    assert_eq!(a["dateline"], "GENEVA (Reuters)");
    // A one-line story is a body with a dateline, not a title.
    let one = json(
        &idx(&dir),
        &["show", "wire/one-line", "--format", "json"],
        0,
    );
    assert_eq!(
        one["body"], "Kenya reopened its border with Somalia.",
        "{one}"
    );
    assert_eq!(one["title"], "Kenya reopened its border with Somalia");
    assert_eq!(one["title_derived"], "true");
    let headed = json(&idx(&dir), &["show", "wire/headed", "--format", "json"], 0);
    assert_eq!(headed["title"], "Measles falls in Europe");
    assert!(headed["title_derived"].is_null(), "{headed}");
    // Search hits carry the title and the mark.
    let r = json(&idx(&dir), &["search", "measles", "--format", "json"], 0);
    for hit in r["hits"].as_array().unwrap() {
        assert!(!hit["title"]["text"].as_str().unwrap().is_empty(), "{hit}");
    }
    let geneva = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "wire/geneva")
        .expect("geneva hit");
    assert_eq!(geneva["title_derived"], "true");
    // The table shows the title instead of a blank line.
    let out = newsdex(&idx(&dir))
        .args(["show", "wire/geneva"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("The World Health Organization said"),
        "{text}"
    );
}

#[test]
fn language_words_are_not_countries() {
    let input = folder(&[(
        "story.txt",
        "Talks\n\nThe minister was quoted in Spanish by local radio. The report, translated \
from French, was read in Portuguese to delegates from Brazil.\n",
    )]);
    let story = input.path().join("story.txt");
    let records = json(
        Path::new("unused"),
        &["extract", "--format", "json", story.to_str().unwrap()],
        0,
    );
    let countries = strings(&records[0]["countries"]);
    assert_eq!(countries, ["Brazil"], "{records}");
}

#[test]
fn json_files_are_read_and_unread_files_are_counted() {
    let input = folder(&[
        (
            "feed.json",
            r#"[{"id": "j1", "title": "Cocoa prices rise", "body": "ABIDJAN (Reuters) - Cocoa rose."},
                {"id": "j2", "title": "Coffee falls", "body": "Coffee fell."}]"#,
        ),
        (
            "single.json",
            "{\n  \"id\": \"j3\",\n  \"title\": \"Tea steady\",\n  \"body\": \"Tea was steady.\"\n}\n",
        ),
        ("story.txt", "Gold gains\n\nGold rose."),
        ("NOTES.md", "# notes"),
        ("docs/howto.md", "# how"),
        ("image.png", "\u{1}\u{2}"),
    ]);
    let (dir, summary) = build(&[input.path()], &[]);
    assert_eq!(summary["indexed"], 4, "{summary}");
    assert_eq!(summary["skipped"], serde_json::json!({}), "{summary}");
    assert_eq!(
        summary["skipped_files_by_extension"],
        serde_json::json!({"md": 2, "png": 1}),
        "{summary}"
    );
    let j3 = json(&idx(&dir), &["show", "j3", "--format", "json"], 0);
    assert_eq!(j3["title"], "Tea steady");
    // The table says it too.
    let out = newsdex(&dir.path().join("again"))
        .args(["index"])
        .arg(input.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("files not read (by extension): md 2, png 1"),
        "{text}"
    );
}

#[test]
fn extract_takes_format_json_and_the_readme_says_which_commands_do() {
    let sample = crate::util::samples().join("wire/caracas-russia.txt");
    let out = newsdex(Path::new("unused"))
        .args(["extract", "--format", "json"])
        .arg(&sample)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(records.as_array().map(Vec::len), Some(1), "{records}");
    assert_eq!(records[0]["id"], "wire/caracas-russia");
    let lines = newsdex(Path::new("unused"))
        .arg("extract")
        .arg(&sample)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&lines.stdout);
    assert_eq!(text.lines().count(), 1);
    assert!(serde_json::from_str::<Value>(text.trim()).is_ok());
    // completions prints a shell script: it takes no --format, and the README says so.
    let c = newsdex(Path::new("unused"))
        .args(["completions", "bash", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(c.status.code(), Some(2));
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(!readme.contains("Every command takes `--index DIR` and `--format json`"));
    assert!(readme.contains("every command but `completions`"));
}

#[test]
fn the_agency_fills_a_missing_source() {
    let input = folder(&[
        (
            "wire/nairobi.txt",
            "Herders move cattle\n\nNAIROBI (AP) - Herders moved cattle.\n",
        ),
        (
            "wire/caracas.txt",
            "Oil output\n\nCARACAS (Reuters) - Output fell.\n",
        ),
        (
            "wire/given.txt",
            "Source: Example Wire\n\nRates\n\nLONDON (Reuters) - Rates held.\n",
        ),
    ]);
    let (dir, _) = build(&[input.path()], &[]);
    let ids = |args: &[&str]| crate::util::hit_ids(&json(&idx(&dir), args, 0));
    assert_eq!(
        ids(&["search", "", "--source", "reuters", "--format", "json"]),
        ["wire/caracas"]
    );
    assert_eq!(
        ids(&["search", "", "--source", "ap", "--format", "json"]),
        ["wire/nairobi"]
    );
    assert_eq!(
        ids(&["search", "", "--agency", "AP", "--format", "json"]),
        ["wire/nairobi"]
    );
    assert_eq!(
        ids(&["search", "", "--source", "Example Wire", "--format", "json"]),
        ["wire/given"]
    );
}

#[test]
fn the_quick_start_build_step_shows_progress() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let quick = readme
        .split("## Quick start")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    let first = quick
        .lines()
        .find(|l| l.starts_with("cargo run"))
        .expect("a cargo run line");
    let build_step = first.split("&&").next().unwrap();
    assert!(build_step.contains("cargo run --release --"), "{first}");
    assert!(
        !build_step.contains(" -q"),
        "the first build shows progress: {first}"
    );
    assert!(first.contains("--warnings-ok"), "{first}");
}

#[test]
fn sample_bylines_are_authors_not_people() {
    let (dir, _) = sample_index();
    let facet = json(
        &idx(dir),
        &["facets", "person", "--top", "1000", "--format", "json"],
        0,
    );
    let people: Vec<&str> = facet["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    for credit in [
        "Lucía Benavides",
        "Pavel Sorokin",
        "Helen Marsh",
        "Nadia Farouk",
        "Graham Whitley",
        "Joanna Pruett",
        "Simon Kerrigan",
    ] {
        assert!(!people.contains(&credit), "{credit} in {people:?}");
    }
    for placeholder in ["Sample Reporter", "Demo Editor", "Example Writer"] {
        assert!(
            !people.contains(&placeholder),
            "{placeholder} in {people:?}"
        );
    }
    // The people the stories are about stay.
    for about in ["Janet Yellen", "Nicolás Maduro", "Tom Caldwell"] {
        assert!(people.contains(&about), "{about} missing from {people:?}");
    }
    let oil = json(
        &idx(dir),
        &["show", "wire/london-oil", "--format", "json"],
        0,
    );
    assert_eq!(oil["author"], "Nadia Farouk, Graham Whitley", "{oil}");
    let fed = json(
        &idx(dir),
        &["show", "wire/washington-fed", "--format", "json"],
        0,
    );
    assert_eq!(
        fed["author"], "Joanna Pruett, Daniel Okafor, Simon Kerrigan",
        "{fed}"
    );
}
