//! Coverage analyses on Reuters-21578: `compare` (queries over time),
//! checked against plain searches of the same index.

use newsdex::index::NewsIndex;
use newsdex::schema::FacetField;
use newsdex::search::{self, Interval, SearchRequest};

use crate::util::{idx, json, reuters_index};

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
