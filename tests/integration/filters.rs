//! Filters and counts that say what they did: person filters by surname and
//! full name, facet fields in queries resolved as the flags resolve them,
//! counts and labels that do not mislead (issue 10).

use std::path::Path;

use serde_json::Value;

use crate::util::{build, idx, json, newsdex};

/// (id, people, countries, title). Seven people values, two named Bush
/// and one Laura (not a Bush the full names ask for).
const STORIES: &[(&str, &[&str], &[&str], &str)] = &[
    ("p1", &["Putin"], &["russia"], "Putin speaks"),
    (
        "p2",
        &["Vladimir Putin"],
        &["russia", "japan"],
        "Putin in Tokyo",
    ),
    (
        "p3",
        &["Vladimir V. Putin"],
        &["russia"],
        "Kremlin statement",
    ),
    (
        "b1",
        &["George W Bush"],
        &["usa", "japan"],
        "Bush visits Tokyo",
    ),
    ("b2", &["George W. Bush"], &["usa"], "Bush budget"),
    (
        "b3",
        &["George Bush"],
        &["usa", "uk"],
        "Trade deficit talks",
    ),
    ("b4", &["Laura Bush"], &["usa"], "Library opening"),
    ("t1", &["Tony Blair"], &["uk", "japan"], "Blair in Japan"),
    (
        "t2",
        &["Tony Blair", "George W Bush"],
        &["uk", "usa"],
        "Trade deficit summit",
    ),
    ("m1", &["Nicolás Maduro"], &["venezuela"], "Maduro speaks"),
];

fn feed_index() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let lines: Vec<String> = STORIES
        .iter()
        .map(|(id, people, countries, title)| {
            serde_json::json!({
                "id": id, "title": title, "body": format!("{title}. A story."),
                "date": "2021-03-03", "people": people, "countries": countries,
            })
            .to_string()
        })
        .collect();
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let (built, _) = build(&[&feed], &[]);
    (dir, built)
}

fn ids(v: &Value) -> Vec<String> {
    crate::util::hit_ids(v)
}

fn search(index: &Path, args: &[&str]) -> Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "--limit", "100"]);
    json(index, &all, 0)
}

fn stdout(index: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    let out = newsdex(index).args(args).output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn a_surname_finds_every_person_with_it_and_a_full_name_narrows() {
    let (_feed, built) = feed_index();
    let index = idx(&built);
    // An exact value (`Putin`) no longer stops the surname lookup.
    let r = search(&index, &["", "--person", "putin"]);
    assert_eq!(ids(&r), ["p1", "p2", "p3"], "{r}");
    let r = search(&index, &["", "--person", "blair"]);
    assert_eq!(ids(&r), ["t1", "t2"]);
    let r = search(&index, &["", "--person", "bush"]);
    assert_eq!(ids(&r), ["b1", "b2", "b3", "b4", "t2"]);
    // `George W. Bush` was folded into `George W Bush` at index time (one
    // person, one value): three values.
    assert_eq!(r["filters"][0]["values"].as_array().unwrap().len(), 3);
    // A full name narrows; `.` is nothing.
    let r = search(&index, &["", "--person", "george w bush"]);
    assert_eq!(ids(&r), ["b1", "b2", "t2"]);
    let r = search(&index, &["", "--person", "George W. Bush"]);
    assert_eq!(ids(&r), ["b1", "b2", "t2"]);
    // The table says which values a surname matched.
    let (out, _, code) = stdout(&index, &["search", "", "--person", "bush"]);
    assert_eq!(code, Some(0));
    let head = out.lines().next().unwrap();
    assert!(head.contains("person: bush (3 values: "), "{head}");
    for name in ["George W Bush", "George Bush", "Laura Bush"] {
        assert!(head.contains(name), "{head}");
    }
    assert!(!head.contains("George W. Bush"), "{head}");
    // One value for one name: no list.
    let (out, _, _) = stdout(&index, &["search", "", "--person", "maduro"]);
    assert!(
        out.lines()
            .next()
            .unwrap()
            .contains("person: Nicolás Maduro"),
        "{out}"
    );
}

#[test]
fn facet_fields_in_queries_resolve_as_the_filter_flags_do() {
    let (_feed, built) = feed_index();
    let index = idx(&built);
    let flag = ids(&search(&index, &["", "--country", "Japan"]));
    assert_eq!(flag, ["b1", "p2", "t1"]);
    for q in [
        "country:Japan",
        "country:japan",
        "place:JAPAN",
        "countries:Japan",
    ] {
        assert_eq!(ids(&search(&index, &[q])), flag, "{q}");
    }
    assert_eq!(ids(&search(&index, &["person:Maduro"])), ["m1"]);
    assert_eq!(ids(&search(&index, &["person:nicolas"])), ["m1"]);
    assert_eq!(ids(&search(&index, &["person:putin"])), ["p1", "p2", "p3"]);
    assert_eq!(
        ids(&search(
            &index,
            &["person:\"george w bush\" AND country:uk"]
        )),
        ["t2"]
    );
    assert_eq!(ids(&search(&index, &["tokyo -person:bush"])), ["p2"]);
    // A value that matches nothing fails as the flag does.
    let (_, flag_err, code) = stdout(&index, &["search", "", "--person", "putn"]);
    assert_eq!(code, Some(2));
    let (_, query_err, code) = stdout(&index, &["search", "person:putn"]);
    assert_eq!(code, Some(2), "{query_err}");
    assert!(query_err.contains("did you mean: Putin"), "{query_err}");
    assert!(flag_err.contains("did you mean: Putin"), "{flag_err}");
}

#[test]
fn facet_tables_say_how_many_values_and_counts_are_left_out() {
    let (_feed, built) = feed_index();
    let index = idx(&built);
    // Countries: usa 5, japan 3, russia 3, uk 3, venezuela 1 (15 tags).
    let r = search(&index, &["", "--facet", "country", "--facet-top", "2"]);
    let c = &r["facets"][0];
    assert_eq!(c["values"].as_array().unwrap().len(), 2);
    assert_eq!(c["other_values"], 3, "{c}");
    assert_eq!(c["other"], 7, "{c}");
    let (out, _, _) = stdout(
        &index,
        &["search", "", "--facet", "country", "--facet-top", "2"],
    );
    assert!(
        out.contains("country (top 2 of 5 values; the other 3 counted 7 times)"),
        "{out}"
    );
    // 0 lists none, and the sums still cover every value.
    let r = search(&index, &["", "--facet", "country", "--facet-top", "0"]);
    let c = &r["facets"][0];
    assert!(c["values"].as_array().unwrap().is_empty(), "{c}");
    assert_eq!(
        (c["other_values"].as_u64(), c["other"].as_u64()),
        (Some(5), Some(15))
    );
}

#[test]
fn facets_say_their_counts_ignore_their_own_filter_and_within_counts_inside_it() {
    let (_feed, built) = feed_index();
    let index = idx(&built);
    let plain = json(
        &index,
        &[
            "facets",
            "country",
            "--country",
            "japan",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(plain["own_filter_ignored"], true);
    assert_eq!(plain["distinct_values"], 5);
    let (out, _, _) = stdout(&index, &["facets", "country", "--country", "japan"]);
    assert!(
        out.contains("counts ignore the country filter; add --within to count inside it"),
        "{out}"
    );
    // Countries that appear alongside Japan: each of the three Japan stories.
    let within = json(
        &index,
        &[
            "facets",
            "country",
            "--country",
            "japan",
            "--within",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(within["within"], true);
    assert_eq!(within["own_filter_ignored"], false);
    let counts: Vec<(String, u64)> = within["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().into(),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64)> = [("japan", 3), ("russia", 1), ("uk", 1), ("usa", 1)]
        .iter()
        .map(|(a, b)| (a.to_string(), *b))
        .collect();
    assert_eq!(counts, want);
    // Without a filter on the facet, the header has nothing to say about it.
    let (out, _, _) = stdout(&index, &["facets", "person", "--country", "japan"]);
    assert!(!out.contains("ignore"), "{out}");
}

#[test]
fn headers_use_singular_and_do_not_quote_quotes() {
    let (_feed, built) = feed_index();
    let index = idx(&built);
    let (out, _, _) = stdout(&index, &["search", "maduro"]);
    assert!(out.starts_with("1 hit for \"maduro\""), "{out}");
    let (out, _, _) = stdout(&index, &["search", "\"trade deficit\""]);
    assert!(out.starts_with("2 hits for \"trade deficit\" ·"), "{out}");
    let (out, _, _) = stdout(&index, &["facets", "country", "maduro"]);
    assert!(
        out.starts_with("country: 1 of 1 value, over \"maduro\" (1 document)"),
        "{out}"
    );
}

#[test]
fn jsonl_and_csv_say_that_facets_and_the_histogram_were_left_out() {
    let (_feed, built) = feed_index();
    let index = idx(&built);
    for format in ["jsonl", "csv"] {
        let (_, err, code) = stdout(
            &index,
            &[
                "search",
                "bush",
                "--facet",
                "country",
                "--histogram",
                "month",
                "--format",
                format,
            ],
        );
        assert_eq!(code, Some(0));
        assert!(
            err.contains("facet counts and the histogram left out"),
            "{format}: {err}"
        );
        assert!(err.contains("--format json"), "{err}");
        let (_, err, _) = stdout(&index, &["search", "bush", "--format", format]);
        assert!(err.is_empty(), "nothing left out, nothing said: {err}");
    }
}

#[test]
fn facets_reach_every_value_past_ten_thousand() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("people.jsonl");
    let n = 20_000;
    let lines: Vec<String> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("d{i}"), "title": "Meeting", "body": "A meeting.",
                "people": [format!("Person{i:05} Example")], "countries": ["usa"],
            })
            .to_string()
        })
        .collect();
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let (built, summary) = build(&[&feed], &[]);
    assert_eq!(summary["indexed"], n);
    let index = idx(&built);
    let all = json(&index, &["facets", "person", "--format", "json"], 0);
    assert_eq!(all["distinct_values"], n, "the true distinct count");
    assert_eq!(
        all["values"].as_array().unwrap().len(),
        20,
        "--top's default"
    );
    // Values sort by count, then name: the last one is past any 10,000 cut.
    let last = json(
        &index,
        &[
            "facets",
            "person",
            "--match",
            "person19999",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(last["distinct_values"], 1);
    assert_eq!(last["values"][0]["value"], "Person19999 Example");
    let many = json(
        &index,
        &[
            "facets", "person", "--match", "example", "--top", "0", "--format", "json",
        ],
        0,
    );
    assert_eq!(many["distinct_values"], n);
    assert!(many["values"].as_array().unwrap().is_empty());
}
