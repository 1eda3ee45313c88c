//! Articles in other languages than English (issue 13, "Language"): a
//! German page is indexed with German stems, not English ones, and found by
//! its own inflected words; English pages still match by English stems; the
//! language facet keeps a search to one language. The two pages under
//! `tests/fixtures/languages/` were written for this test.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{build, idx, json};

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages")
}

/// The languages of a search's hits, in rank order (none: no hit).
fn hit_languages(index: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = crate::util::newsdex(index)
        .args(&all)
        .output()
        .expect("runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["language"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_german_page_is_found_by_its_own_inflections_and_not_by_english_stems() {
    let (tmp, summary) = build(&[&pages()], &[]);
    assert_eq!(summary["indexed"], 2, "{summary}");
    let index = idx(&tmp);
    // The page says `Haus`; German stems make the plural `Häuser` (and the
    // same without its umlaut) the same word. English stems do not.
    assert_eq!(hit_languages(&index, &["Häuser"]), ["de"]);
    assert_eq!(hit_languages(&index, &["Hauser"]), ["de"]);
    assert_eq!(hit_languages(&index, &["Lieder"]), ["de"]);
    // English stems would make the page's `Lied` (song) the English `lie`,
    // and `lies` would find it.
    assert!(hit_languages(&index, &["lies"]).is_empty());
    // The field syntax covers every language: the title says `Dächer`.
    assert_eq!(hit_languages(&index, &["title:Dach"]), ["de"]);
    assert_eq!(hit_languages(&index, &["body:Giebel"]), ["de"]);
    // Truncation is expanded against the German words too.
    assert_eq!(hit_languages(&index, &["Feuerweh*"]), ["de"]);
    // The English page still matches by English stems (`flooded`).
    assert_eq!(hit_languages(&index, &["flooding"]), ["en"]);
    assert!(hit_languages(&index, &["Haus"]).iter().all(|l| l == "de"));
    // Both pages name Hamburg; the facet keeps to one language.
    let mut both = hit_languages(&index, &["Hamburg"]);
    both.sort();
    assert_eq!(both, ["de", "en"]);
    assert_eq!(
        hit_languages(&index, &["Hamburg", "--language", "de"]),
        ["de"]
    );
    assert_eq!(
        hit_languages(&index, &["Hamburg", "--language", "en"]),
        ["en"]
    );
}

#[test]
fn a_german_hit_shows_its_title_snippet_and_stored_text() {
    let (tmp, _) = build(&[&pages()], &[]);
    let index = idx(&tmp);
    let v = json(&index, &["search", "Häuser", "--format", "json"], 0);
    let hit = &v["hits"][0];
    assert_eq!(
        hit["title"]["text"], "Sturm deckt Dächer an der Elbe ab",
        "{hit}"
    );
    let snippet = hit["snippet"]["text"].as_str().expect("snippet");
    assert!(snippet.contains("Haus"), "{snippet}");
    let marks = hit["snippet"]["highlights"].as_array().expect("highlights");
    let [start, end] = [&marks[0][0], &marks[0][1]].map(|x| x.as_u64().unwrap() as usize);
    assert_eq!(&snippet[start..end], "Haus", "{hit}");
    let id = hit["id"].as_str().expect("id");
    let shown = json(&index, &["show", id, "--format", "json"], 0);
    assert_eq!(
        shown["title"], "Sturm deckt Dächer an der Elbe ab",
        "{shown}"
    );
    assert!(
        shown["body"]
            .as_str()
            .is_some_and(|b| b.contains("Fischmarkt")),
        "{shown}"
    );
    assert_eq!(shown["language"], "de", "{shown}");
}

#[test]
fn significant_terms_of_german_hits_are_german_words() {
    let (tmp, _) = build(&[&pages()], &[]);
    let index = idx(&tmp);
    let v = json(&index, &["terms", "Häuser", "--format", "json"], 0);
    let terms: Vec<&str> = v["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .filter_map(|t| t["term"].as_str())
        .collect();
    // Read from the German body, spelled as the page spells them.
    assert!(terms.contains(&"beschädigt"), "{terms:?}");
    assert!(terms.contains(&"altes haus"), "{terms:?}");
    assert!(!terms.contains(&"flooded"), "{terms:?}");
}
