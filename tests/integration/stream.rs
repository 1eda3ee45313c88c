//! Big inputs read in batches (issue 13, streaming): a JSON Lines file or a
//! WARC archive of many batches indexes every record once, with the
//! warnings and ids of a file read whole, plain and gzip.

use std::path::Path;

use serde_json::Value;

use crate::util::{build, gzip, idx, json, newsdex, warc_record};

/// Lines of a feed: 3,500 stories, most without an id; a bad line at 2345;
/// the id `dup` at line 10 and again at line 3000.
fn feed() -> String {
    let mut text = String::new();
    for i in 1..=3500 {
        let line = match i {
            10 => r#"{"id": "dup", "title": "Earlier", "body": "The first telling."}"#.to_string(),
            3000 => r#"{"id": "dup", "title": "Later", "body": "The second telling."}"#.to_string(),
            2345 => "{\"title\": \"cut".to_string(),
            _ => format!(
                r#"{{"title": "Harvest report {i}", "body": "NAIROBI (Reuters) - Farmers in Kenya brought in {i} tonnes of maize this week, officials said."}}"#
            ),
        };
        text.push_str(&line);
        text.push('\n');
    }
    text
}

fn details(summary: &Value) -> Vec<(String, String)> {
    summary["warning_details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|w| {
            (
                w["kind"].as_str().unwrap_or("").to_string(),
                w["record"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_json_lines_file_of_many_batches_indexes_every_record_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = feed();
    for (name, bytes) in [
        ("feed.jsonl", text.clone().into_bytes()),
        ("feed.jsonl.gz", gzip(text.as_bytes())),
    ] {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let (dir, summary) = build(&[&path], &["--threads", "2"]);
        // Every line but the bad one was read; `dup` twice.
        assert_eq!(summary["indexed"], 3499, "{name}: {summary}");
        assert_eq!(summary["total_documents"], 3498, "{name}: {summary}");
        assert_eq!(summary["replaced"], 1, "{name}: {summary}");
        assert_eq!(
            details(&summary),
            [
                ("bad_record".to_string(), "line 2345".to_string()),
                ("duplicate_id".to_string(), "id dup".to_string()),
            ],
            "{name}: {summary}"
        );
        let index = idx(&dir);
        // Batches reach the writer in file order: the later line wins.
        let dup = json(&index, &["show", "dup", "--format", "json"], 0);
        assert_eq!(dup["title"], "Later", "{name}");
        // A file given alone is named with its folder: `FOLDER/feed:LINE`.
        let folder = tmp.path().file_name().unwrap().to_string_lossy();
        for line in [1, 2344, 2346, 3500] {
            let id = format!("{folder}/feed:{line}");
            let a = json(&index, &["show", &id, "--format", "json"], 0);
            assert_eq!(a["dateline"], "NAIROBI (Reuters)", "{name} {id}: {a}");
        }
        let bad = format!("{folder}/feed:2345");
        let missing = newsdex(&index).args(["show", &bad]).output().expect("runs");
        assert_eq!(
            missing.status.code(),
            Some(2),
            "{name}: the bad line is not indexed"
        );
        let kenya = json(
            &index,
            &[
                "search",
                "",
                "--country",
                "kenya",
                "-n",
                "0",
                "--format",
                "json",
            ],
            0,
        );
        assert_eq!(kenya["total"], 3497, "{name}: {kenya}");
    }
}

#[test]
fn a_warc_of_many_batches_indexes_every_page_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // 40 pages (five batches), each after its request; page 23 is gone and
    // the archive ends inside a last, cut record.
    let mut warc = Vec::new();
    for i in 1..=40 {
        let uri = format!("https://harbour.example/news/{i}");
        warc.extend(gzip(&warc_record(
            "request",
            &uri,
            b"GET / HTTP/1.1\r\n\r\n",
        )));
        let response = if i == 23 {
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\ngone".to_string()
        } else {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html lang=\"en\"><head><title>Harbour report {i}</title></head><body><article><p>The harbour authority said on Monday that container traffic on quay {i} rose by a fifth in the first quarter, the fastest growth in a decade.</p></article></body></html>"
            )
        };
        warc.extend(gzip(&warc_record("response", &uri, response.as_bytes())));
    }
    let last = gzip(&warc_record(
        "response",
        "https://harbour.example/cut",
        b"HTTP/1.1 200 OK",
    ));
    warc.extend_from_slice(&last[..last.len() / 2]);
    let path = tmp.path().join("crawl.warc.gz");
    std::fs::write(&path, warc).expect("write");
    let (dir, summary) = build(&[&path], &["--threads", "2"]);
    assert_eq!(summary["indexed"], 39, "{summary}");
    assert_eq!(summary["total_documents"], 39, "{summary}");
    let skipped = &summary["skipped_records"];
    assert_eq!(skipped["request"], 40, "{summary}");
    assert_eq!(skipped["http_404"], 1, "{summary}");
    let kinds = details(&summary);
    assert_eq!(kinds.len(), 1, "{summary}");
    assert_eq!(kinds[0].0, "truncated", "{summary}");
    let index = idx(&dir);
    for i in [1, 22, 24, 40] {
        let id = format!("https://harbour.example/news/{i}");
        let a = json(&index, &["show", &id, "--format", "json"], 0);
        assert_eq!(a["title"], format!("Harbour report {i}"), "{a}");
    }
    assert!(Path::new(&path).exists());
}
