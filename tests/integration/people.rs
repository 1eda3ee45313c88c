//! One person, one value (issue 13) on the real corpora: Reuters-21578, the
//! BBC and a modern wire story indexed together, as a user tried it.

use serde_json::Value;

use crate::util::{build, corpus, idx, json, newsdex, samples};

/// The values and counts of `facets person --match TEXT`.
fn person_values(index: &std::path::Path, text: &str) -> Vec<(String, u64)> {
    let v = json(
        index,
        &[
            "facets", "person", "--match", text, "--top", "100", "--format", "json",
        ],
        0,
    );
    v["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|x: &Value| {
            (
                x["value"].as_str().expect("value").to_string(),
                x["count"].as_u64().expect("count"),
            )
        })
        .collect()
}

#[test]
fn one_person_one_value_across_reuters_bbc_and_a_modern_story() {
    let Some(corpus) = corpus() else { return };
    let wire = samples().join("wire");
    let (dir, summary) = build(
        &[&corpus.join("reuters21578"), &corpus.join("bbc"), &wire],
        &[],
    );
    let index = idx(&dir);
    let people = &summary["people"];
    assert!(
        people["values_after"].as_u64().unwrap() < people["values_before"].as_u64().unwrap(),
        "{people}"
    );

    // Putin: one value, and the filter finds every article holding it.
    let putin = person_values(&index, "putin");
    assert_eq!(putin.len(), 1, "{putin:?}");
    assert_eq!(putin[0].0, "Vladimir Putin");
    // 14 articles name him in full and one as `President Putin` only.
    assert!(putin[0].1 >= 15, "{putin:?}");
    let hits = json(
        &index,
        &[
            "search", "", "--person", "putin", "--limit", "0", "--format", "json",
        ],
        0,
    );
    assert_eq!(hits["total"].as_u64().unwrap(), putin[0].1, "{hits}");

    // Bush: no title in a name, no spelling variant of George W Bush; the
    // surname alone stays (two Presidents Bush), and so does George Bush.
    let bush = person_values(&index, "bush");
    let names: Vec<&str> = bush.iter().map(|(v, _)| v.as_str()).collect();
    for v in &names {
        let first = v.split(' ').next().unwrap();
        assert!(
            !["President", "Presidents", "Mr", "Vice"].contains(&first),
            "{v} in {names:?}"
        );
    }
    assert!(names.contains(&"George W Bush"), "{names:?}");
    assert!(!names.contains(&"George W. Bush"), "{names:?}");
    assert!(names.contains(&"George Bush"), "{names:?}");

    // Reuters' `reagan` code is shown under the name Reuters' own texts use.
    let reagan = person_values(&index, "reagan");
    assert_eq!(reagan[0].0, "Ronald Reagan", "{reagan:?}");
    assert!(reagan[0].1 >= 166, "{reagan:?}");
    assert!(!reagan.iter().any(|(v, _)| v == "Reagan"), "{reagan:?}");

    // A titled modern name loses its title; a film is no person.
    let powell = person_values(&index, "powell");
    assert!(
        powell.iter().any(|(v, _)| v == "Jerome Powell"),
        "{powell:?}"
    );
    assert!(
        !powell.iter().any(|(v, _)| v.starts_with("Chair")),
        "{powell:?}"
    );
    let witch = newsdex(&index)
        .args(["facets", "person", "--match", "blair witch"])
        .output()
        .unwrap();
    assert_eq!(witch.status.code(), Some(2));
    let err = String::from_utf8_lossy(&witch.stderr);
    assert!(err.contains("no person matches"), "{err}");
}
