//! Coverage analyses on Reuters-21578: `compare` (queries over time),
//! checked against plain searches of the same index.

use newsdex::index::NewsIndex;
use newsdex::schema::FacetField;
use newsdex::search::{self, Interval, SearchRequest};

use crate::schemas::{check, check_part};
use crate::util::{idx, json, newsdex, reuters_index};

fn topic() -> FacetField {
    FacetField::named("topic").expect("declared facet")
}

#[test]
fn compare_series_add_up_to_their_searches() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let news = NewsIndex::open(&idx(dir)).unwrap();
    let searcher = news.reader().unwrap().searcher();
    let queries = vec!["oil".to_string(), "coffee OR cocoa".to_string()];
    let base = SearchRequest::new("ignored").dates(
        Some("1987-03-01T00:00:00Z".parse().unwrap()),
        Some("1987-04-01T00:00:00Z".parse().unwrap()),
    );
    let c = search::compare(&news, &searcher, &queries, &base, Interval::Week).unwrap();

    // `all` is `search ''` under the same dates.
    let everything = search::search(
        &news,
        &searcher,
        &SearchRequest::new("")
            .dates(base.since, base.until)
            .histogram(Interval::Week),
    )
    .unwrap();
    assert_eq!(c.all.total, everything.total);
    assert!(c.all.total > 1000, "{}", c.all.total);
    assert_eq!(
        c.all.buckets,
        everything.histogram.as_ref().unwrap().buckets
    );
    let all_sum: u64 = c.all.buckets.iter().map(|b| b.count).sum();
    assert_eq!(all_sum + c.all.undated, c.all.total as u64);

    let keys: Vec<&str> = c.all.buckets.iter().map(|b| b.key.as_str()).collect();
    // 1 March 1987 was a Sunday: its week starts on Monday 23 February,
    // and 31 March falls in the week of the 30th.
    assert_eq!(keys.first(), Some(&"1987-02-23"), "{keys:?}");
    assert_eq!(keys.len(), 6, "{keys:?}");
    for (q, s) in queries.iter().zip(&c.queries) {
        let alone = search::search(
            &news,
            &searcher,
            &SearchRequest::new(q.as_str()).dates(base.since, base.until),
        )
        .unwrap();
        assert_eq!(s.total, alone.total, "{q}");
        assert!(s.total > 10, "{q}: {}", s.total);
        let sum: u64 = s.buckets.iter().map(|b| b.count).sum();
        assert_eq!(sum, s.total as u64 - s.undated, "{q}");
        let own: Vec<&str> = s.buckets.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(own, keys, "{q}: same periods as all");
        for (b, a) in s.buckets.iter().zip(&c.all.buckets) {
            assert!(b.count <= a.count, "{q} {}", b.key);
            match b.share {
                Some(share) => {
                    assert!((0.0..=1.0).contains(&share), "{q} {}", b.key);
                    assert!((share - b.count as f64 / a.count as f64).abs() < 1e-12);
                }
                None => assert_eq!(a.count, 0),
            }
        }
    }
}

#[test]
fn compare_keeps_the_filters_and_fills_empty_periods() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let news = NewsIndex::open(&idx(dir)).unwrap();
    let searcher = news.reader().unwrap().searcher();
    let base = SearchRequest::new("").filter(topic(), "cocoa");
    let queries = vec!["ICCO".to_string(), "buffer stock".to_string()];
    let c = search::compare(&news, &searcher, &queries, &base, Interval::Day).unwrap();
    let cocoa = json(
        &idx(dir),
        &["search", "", "--topic", "cocoa", "--format", "json"],
        0,
    );
    assert_eq!(c.all.total as u64, cocoa["total"].as_u64().unwrap());
    assert_eq!(c.filters.len(), 1);
    // Cocoa stories are not filed every day: some days are empty, and they
    // are there, with no share.
    assert!(c.all.buckets.iter().any(|b| b.count == 0));
    for s in &c.queries {
        assert!(s.total > 0 && s.total <= c.all.total, "{}", s.query);
        assert_eq!(s.buckets.len(), c.all.buckets.len());
        assert!(s
            .buckets
            .iter()
            .zip(&c.all.buckets)
            .all(|(b, a)| (a.count == 0) == b.share.is_none()));
    }
}

#[test]
fn compare_command_prints_json_csv_and_a_table() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let index = idx(dir);
    let args = ["compare", "oil", "coffee", "--histogram", "month"];
    let v = json(&index, &[&args[..], &["--format", "json"]].concat(), 0);
    check("compare.schema.json", &v);
    assert_eq!(v["all"]["total"], 21578);
    assert_eq!(v["queries"][0]["query"], "oil");
    let oil = json(&index, &["search", "oil", "--format", "json"], 0);
    assert_eq!(v["queries"][0]["total"], oil["total"]);

    let csv = newsdex(&index)
        .args(args)
        .args(["--format", "csv", "--share"])
        .output()
        .unwrap();
    assert_eq!(csv.status.code(), Some(0));
    let text = String::from_utf8(csv.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("period,start,all,oil,coffee"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), v["all"]["buckets"].as_array().unwrap().len());
    assert!(rows.iter().any(|r| r.starts_with("1987-03,1987-03-01,")));

    let lines = newsdex(&index)
        .args(args)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    let text = String::from_utf8(lines.stdout).unwrap();
    assert_eq!(text.lines().count(), 2);
    for line in text.lines() {
        let v = serde_json::from_str(line).unwrap();
        check_part("compare.schema.json", "/properties/queries/items", &v);
    }

    let table = newsdex(&index).args(args).output().unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.contains("\"oil\"") && text.contains('█'), "{text}");
    assert!(text.lines().any(|l| l.starts_with("1987-03 ")), "{text}");
}

#[test]
fn compare_without_hits_exits_1_and_bad_flags_exit_2() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let index = idx(dir);
    let v = json(&index, &["compare", "zzyzxqq", "--format", "json"], 1);
    assert_eq!(v["queries"][0]["total"], 0);
    for bad in [
        &["compare"][..],
        &["compare", "oil", "--histogram", "fortnight"],
        &["compare", "oil", "--country", "atlantis"],
        &["compare", "oil", "--since", "March"],
    ] {
        let out = newsdex(&index).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{bad:?}: {err}");
    }
}

/// Hits of `search '' --topic crude` with these extra filters.
fn crude_hits(index: &std::path::Path, extra: &[&str]) -> u64 {
    let args = [
        &["search", "", "--topic", "crude", "--format", "json"][..],
        extra,
    ]
    .concat();
    let v = json(index, &args, 0);
    v["total"].as_u64().unwrap()
}

#[test]
fn cooccur_counts_pairs_as_filtered_searches_do() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let index = idx(dir);
    let v = json(
        &index,
        &[
            "cooccur", "person", "country", "--topic", "crude", "--format", "json",
        ],
        0,
    );
    check("cooccur.schema.json", &v);
    let total = v["total"].as_u64().unwrap();
    assert_eq!(total, crude_hits(&index, &[]));
    let rows = v["rows"].as_array().unwrap();
    let columns = v["columns"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert_eq!(columns.len(), 10);
    // The rows are the top people of `facets person --topic crude`.
    let facets = json(
        &index,
        &[
            "facets", "person", "--topic", "crude", "--top", "10", "--format", "json",
        ],
        0,
    );
    for (r, f) in rows.iter().zip(facets["values"].as_array().unwrap()) {
        assert_eq!(r["value"], f["value"]);
        assert_eq!(r["count"], f["count"]);
    }
    // The Indonesian oil minister appears with Indonesia, the Saudi one
    // with Saudi Arabia: well above chance.
    let cell = |person: &str, country: &str| {
        let r = rows.iter().find(|r| r["value"] == person).expect(person);
        let j = columns
            .iter()
            .position(|c| c["value"] == country)
            .expect(country);
        r["cells"][j].clone()
    };
    for (person, country) in [("Subroto", "indonesia"), ("Hisham Nazer", "saudi-arabia")] {
        let x = cell(person, country);
        let pair = crude_hits(
            &index,
            &[
                "--filter",
                &format!("person={person}"),
                "--country",
                country,
            ],
        );
        assert_eq!(x["count"].as_u64().unwrap(), pair, "{person} x {country}");
        assert!(
            x["lift"].as_f64().unwrap() > 4.0,
            "{person} x {country}: {x}"
        );
    }
    // Every cell: count <= both margins, lift = count / expected.
    for r in rows {
        for (x, c) in r["cells"].as_array().unwrap().iter().zip(columns) {
            let n = x["count"].as_u64().unwrap();
            assert!(n <= r["count"].as_u64().unwrap() && n <= c["count"].as_u64().unwrap());
            let expected =
                r["count"].as_f64().unwrap() * c["count"].as_f64().unwrap() / total as f64;
            assert!((x["expected"].as_f64().unwrap() - expected).abs() < 1e-9);
            assert!((x["lift"].as_f64().unwrap() - n as f64 / expected).abs() < 1e-9);
        }
    }
}

#[test]
fn cooccur_table_csv_and_bad_input() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let index = idx(dir);
    let out = newsdex(&index)
        .args(["cooccur", "person", "country", "--topic", "crude"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("Subroto (") && l.contains('█')),
        "{text}"
    );
    let out = newsdex(&index)
        .args([
            "cooccur", "country", "topic", "--top", "3", "--format", "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1 + 9, "{text}");
    assert!(text.starts_with("country,country_label,country_count,topic,"));
    for bad in [
        &["cooccur", "person"][..],
        &["cooccur", "person", "colour"],
        &["cooccur", "person", "country", "--top", "0"],
        &["cooccur", "person", "country", "--country", "atlantis"],
    ] {
        let out = newsdex(&index).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("panicked") && !err.is_empty(),
            "{bad:?}: {err}"
        );
    }
    let none = json(
        &index,
        &[
            "cooccur", "person", "country", "zzyzxqq", "--format", "json",
        ],
        1,
    );
    assert_eq!(none["rows"].as_array().unwrap().len(), 0);
}

/// The terms of `terms --topic TOPIC --top N` in rank order.
fn topic_terms(index: &std::path::Path, topic: &str, top: &str) -> Vec<String> {
    let v = json(
        index,
        &["terms", "--topic", topic, "--top", top, "--format", "json"],
        0,
    );
    check("terms.schema.json", &v);
    assert_eq!(v["heuristic"], "jlh");
    let terms = v["terms"].as_array().unwrap();
    let scores: Vec<f64> = terms.iter().map(|t| t["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for t in terms {
        let (fg, bg) = (
            t["foreground"].as_u64().unwrap(),
            t["background"].as_u64().unwrap(),
        );
        assert!(fg >= 3 && fg <= bg, "{t}");
    }
    terms
        .iter()
        .map(|t| t["term"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn terms_of_cocoa_and_grain_are_their_own_words() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let index = idx(dir);
    let cocoa = topic_terms(&index, "cocoa", "25");
    let top10 = &cocoa[..10];
    for want in ["icco", "buffer stock", "cocoa"] {
        assert!(top10.iter().any(|t| t == want), "{want} not in {top10:?}");
    }
    let grain = topic_terms(&index, "grain", "25");
    for want in ["wheat", "grain", "corn"] {
        assert!(
            grain[..10].iter().any(|t| t == want),
            "{want} not in {grain:?}"
        );
    }
    for generic in ["said", "pct", "year", "the", "mln", "reuter"] {
        assert!(
            !cocoa.iter().any(|t| t.split(' ').any(|w| w == generic)),
            "{generic} in {cocoa:?}"
        );
        assert!(
            !grain.iter().any(|t| t.split(' ').any(|w| w == generic)),
            "{generic} in {grain:?}"
        );
    }
    // No bare numbers.
    assert!(cocoa
        .iter()
        .chain(&grain)
        .all(|t| !t.chars().any(|c| c.is_ascii_digit())));
}

#[test]
fn terms_sample_csv_and_bad_input() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let index = idx(dir);
    let v = json(
        &index,
        &["terms", "oil", "--sample", "100", "--format", "json"],
        0,
    );
    assert_eq!(v["sampled"], 100);
    assert!(v["total"].as_u64().unwrap() > 1000);
    let out = newsdex(&index)
        .args(["terms", "--topic", "cocoa", "--top", "5", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("term,kind,foreground,sampled,background,documents,score\n"));
    assert_eq!(text.lines().count(), 6, "{text}");
    for bad in [
        &["terms", "--sample", "0"][..],
        &["terms", "--sample", "20000"],
        &["terms", "--topic", "atlantis"],
        &["terms", "oil AND ("],
    ] {
        let out = newsdex(&index).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("panicked") && !err.is_empty(),
            "{bad:?}: {err}"
        );
    }
    json(&index, &["terms", "zzyzxqq", "--format", "json"], 1);
}

#[test]
fn similar_finds_the_same_story_and_leaves_the_article_out() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let index = idx(dir);
    // 10584: "COCOA BUFFER DIFFERENTIALS DETAILED" (ICCO buffer stock).
    let v = json(&index, &["similar", "10584", "--format", "json"], 0);
    check("similar.schema.json", &v);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 10);
    assert!(hits.iter().all(|h| h["id"] != "10584"));
    let cocoa = hits
        .iter()
        .filter(|h| h["title"]["text"].as_str().unwrap().contains("COCOA"))
        .count();
    assert!(cocoa >= 8, "{cocoa} of 10 about cocoa: {v}");
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));

    // Filters narrow the candidates.
    let v = json(
        &index,
        &[
            "similar",
            "10584",
            "--country",
            "ghana",
            "-n",
            "50",
            "--format",
            "json",
        ],
        0,
    );
    for h in v["hits"].as_array().unwrap() {
        let countries = h["countries"].as_array().unwrap();
        assert!(countries.iter().any(|c| c["id"] == "ghana"), "{h}");
    }
    let out = newsdex(&index)
        .args(["similar", "10584", "-n", "3", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 4);

    let out = newsdex(&index)
        .args(["similar", "no-such-id"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no article with id 'no-such-id'"), "{err}");
}
