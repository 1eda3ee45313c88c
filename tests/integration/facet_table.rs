//! A facet declared in `schema/newsdex.json` reaches every surface without
//! code of its own: the `language` facet, filled from JSON Lines' `language`
//! key, shows in `search --facet`, its filter flags, `facets`, `stats` and
//! the JSON of hits and `show`.

use crate::util::{build, idx, json};

const FEED: &str = r#"{"id": "en-1", "title": "Oil prices rise", "body": "Oil prices rose on Monday in London trading.", "language": "en"}
{"id": "en-2", "title": "Oil output cut", "body": "Producers agreed to cut oil output.", "language": "en"}
{"id": "de-1", "title": "Ölpreis steigt", "body": "Der Ölpreis stieg am Montag, oil traders said.", "language": "de"}
{"id": "xx-1", "title": "Oil without a language", "body": "An oil story that names no language."}
"#;

#[test]
fn the_language_facet_reaches_every_surface() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, FEED).unwrap();
    let (built, _) = build(&[&feed], &[]);
    let index = idx(&built);

    // search --facet language
    let r = json(
        &index,
        &["search", "oil", "--facet", "language", "--format", "json"],
        0,
    );
    let facet = &r["facets"][0];
    assert_eq!(facet["facet"], "language");
    let counts: Vec<(String, u64)> = facet["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_string(),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, [("en".to_string(), 2), ("de".to_string(), 1)]);
    // ... and each hit carries its language.
    let hit_langs: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["language"].as_str())
        .collect();
    assert_eq!(hit_langs.len(), 3, "{r}");

    // --language and the general --filter form narrow alike (case ignored).
    for args in [
        &["search", "oil", "--language", "DE", "--format", "json"][..],
        &[
            "search",
            "oil",
            "--filter",
            "language=de",
            "--format",
            "json",
        ][..],
    ] {
        let r = json(&index, args, 0);
        assert_eq!(r["total"], 1, "{args:?}: {r}");
        assert_eq!(r["hits"][0]["id"], "de-1");
        assert_eq!(r["filters"][0]["facet"], "language");
    }

    // facets language
    let l = json(&index, &["facets", "language", "--format", "json"], 0);
    assert_eq!(l["facet"], "language");
    assert_eq!(l["distinct_values"], 2);

    // stats counts its distinct values
    let s = json(&index, &["stats", "--format", "json"], 0);
    assert_eq!(s["distinct"]["language"], 2, "{s}");

    // show prints it, and null where the article has none
    let a = json(&index, &["show", "en-1", "--format", "json"], 0);
    assert_eq!(a["language"], "en");
    let b = json(&index, &["show", "xx-1", "--format", "json"], 0);
    assert!(b["language"].is_null(), "{b}");
}

#[test]
fn an_unknown_facet_in_the_general_filter_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, FEED).unwrap();
    let (built, _) = build(&[&feed], &[]);
    let out = crate::util::newsdex(&idx(&built))
        .args(["search", "oil", "--filter", "colour=red"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown facet 'colour'"), "{err}");
    assert!(err.contains("language"), "lists the facets: {err}");
}
