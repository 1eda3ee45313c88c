//! The shipped sample corpus: every format indexes, the modern wire story
//! yields its dateline, countries and people, and re-indexing is idempotent.

use crate::util::{build, idx, json, newsdex, sample_index, samples};

#[test]
fn every_sample_format_is_indexed() {
    let (dir, summary) = sample_index();
    assert_eq!(summary["skipped"], serde_json::json!({}), "{summary}");
    let sources = json(&idx(dir), &["facets", "source", "--format", "json"], 0);
    let names: Vec<&str> = sources["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"reuters"), "{names:?}");
    assert!(summary["indexed"].as_u64().unwrap() >= 15, "{summary}");
}

#[test]
fn modern_wire_story_yields_dateline_countries_and_people() {
    let (dir, _) = sample_index();
    let a = json(
        &idx(dir),
        &["show", "wire/caracas-russia", "--format", "json"],
        0,
    );
    assert_eq!(a["dateline_cities"], serde_json::json!(["Caracas"]), "{a}");
    assert_eq!(a["agency"], "Reuters");
    assert!(
        !a["body"].as_str().unwrap().starts_with("CARACAS"),
        "dateline lead is not body text"
    );
    let countries: Vec<&str> = a["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for c in ["venezuela", "russia", "nicaragua", "cuba", "colombia"] {
        assert!(countries.contains(&c), "{c} missing from {countries:?}");
    }
    let people: Vec<&str> = a["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for p in ["Yuri Borisov", "Nicolás Maduro", "Delcy Rodríguez"] {
        assert!(people.contains(&p), "{p} missing from {people:?}");
    }
    assert!(
        !people.contains(&"Maduro"),
        "surname folded into the full name: {people:?}"
    );
    // The credit line's reporters and editor are the byline, not the story's people.
    for credit in ["Lucía Benavides", "Pavel Sorokin", "Helen Marsh"] {
        assert!(!people.contains(&credit), "{credit} in {people:?}");
    }
    assert_eq!(a["author"], "Lucía Benavides");
    assert_eq!(a["title_derived"], serde_json::Value::Null);
}

#[test]
fn diacritics_fold_and_person_filters_resolve_by_surname() {
    let (dir, _) = sample_index();
    let v = json(
        &idx(dir),
        &["search", "Nicolas Maduro", "--format", "json"],
        0,
    );
    assert!(v["total"].as_u64().unwrap() >= 1);
    let v = json(
        &idx(dir),
        &["search", "", "--person", "maduro", "--format", "json"],
        0,
    );
    assert!(
        v["filters"][0]["values"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Nicolás Maduro"),
        "{v}"
    );
}

#[test]
fn indexing_twice_keeps_the_count_and_rebuild_starts_afresh() {
    let (dir, first) = build(&[&samples()], &[]);
    let n = first["total_documents"].as_u64().unwrap();
    let out = newsdex(&idx(&dir))
        .args(["index", "--format", "json"])
        .arg(samples())
        .output()
        .unwrap();
    let second: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(second["total_documents"].as_u64().unwrap(), n);
    assert_eq!(
        second["replaced"].as_u64().unwrap(),
        n,
        "every article replaced itself"
    );
    let out = newsdex(&idx(&dir))
        .args(["index", "--rebuild", "--format", "json"])
        .arg(samples().join("wire"))
        .output()
        .unwrap();
    let rebuilt: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rebuilt["replaced"], 0);
    assert!(rebuilt["total_documents"].as_u64().unwrap() < n);
}

#[test]
fn every_output_format_renders() {
    let (dir, _) = sample_index();
    for format in ["table", "json", "jsonl", "csv"] {
        let out = newsdex(&idx(dir))
            .args(["search", "oil", "--facet", "country", "--format", format])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{format}");
    }
    let out = newsdex(&idx(dir))
        .args(["search", "oil", "--facet", "country"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("hits for \"oil\""), "{text}");
    assert!(!text.contains('\x1b'), "no colour when piped");
    let out = newsdex(&idx(dir))
        .args(["search", "oil", "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("rank,id,date,score"));
}

#[test]
fn completions_are_printed() {
    let (dir, _) = sample_index();
    let out = newsdex(&idx(dir))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("newsdex"));
}
