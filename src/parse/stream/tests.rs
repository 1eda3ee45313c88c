use std::io::Write;
use std::path::Path;

use super::*;
use crate::parse::web::warc;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Reads `bytes` from a file called `name` in batches: their record counts,
/// and everything they parse to.
fn batches_of(dir: &Path, name: &str, bytes: &[u8]) -> (Vec<usize>, ParsedFile) {
    let path = dir.join(name);
    let _ = std::fs::write(&path, bytes);
    let Ok(batches) = Batches::open_path(&path, "feed", None) else {
        panic!("{name} did not open");
    };
    let batches: Vec<Batch> = batches.collect();
    let sizes = batches.iter().map(Batch::records).collect();
    let mut all = ParsedFile::default();
    for b in batches {
        all.append(b.parse());
    }
    (sizes, all)
}

/// 2,500 JSON lines: ids from the line number, a bad line, a blank line, a bad date.
fn jsonl() -> String {
    (1..=2500)
        .map(|i| match i {
            1500 => "not json".to_string(),
            1700 => String::new(),
            2100 => r#"{"title": "Late", "body": "Text.", "date": "soon"}"#.to_string(),
            _ => format!(
                r#"{{"title": "Story {i}", "body": "PARIS (Reuters) - Prices rose {i} points."}}"#
            ),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn json_lines_in_batches_read_as_the_whole_file() {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let text = jsonl();
    let whole = jsonl::parse_as(Path::new("x"), "feed", text.as_bytes());
    for (name, bytes) in [
        ("feed.jsonl", text.clone().into_bytes()),
        ("feed.jsonl.gz", gzip(text.as_bytes())),
    ] {
        let (sizes, all) = batches_of(dir.path(), name, &bytes);
        assert!(sizes.len() >= 3, "{name}: {sizes:?}");
        assert!(sizes.iter().all(|&n| n <= BATCH_RECORDS), "{sizes:?}");
        assert_eq!(all.articles.len(), 2498);
        let ids: Vec<&str> = all.articles.iter().map(|a| a.id.as_str()).collect();
        let want: Vec<&str> = whole.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, want);
        assert_eq!(ids[1499], "feed:1501");
        let records: Vec<(Option<&str>, WarningKind)> = all
            .warnings
            .iter()
            .map(|w| (w.record.as_deref(), w.kind))
            .collect();
        assert_eq!(
            records,
            [
                (Some("line 1500"), WarningKind::BadRecord),
                (Some("line 2100"), WarningKind::BadDate)
            ]
        );
        assert_eq!(all.articles[5].dateline.as_deref(), Some("PARIS (Reuters)"));
        assert_eq!(all.articles[5].value("source"), Some("reuters"));
    }
}

#[test]
fn a_cut_gzip_keeps_the_lines_before_the_cut() {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let zipped = gzip(jsonl().as_bytes());
    let (_, all) = batches_of(dir.path(), "cut.jsonl.gz", &zipped[..zipped.len() * 2 / 3]);
    assert!(all.articles.len() > 100 && all.articles.len() < 2498);
    let last = all.warnings.last().map(|w| (w.kind, w.record.is_none()));
    assert_eq!(
        last,
        Some((WarningKind::Truncated, true)),
        "{:?}",
        all.warnings
    );
    assert!(all.warnings.iter().all(|w| w.kind != WarningKind::Empty));
}

#[test]
fn a_bad_byte_in_two_batches_is_one_encoding_warning() {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let mut bytes = Vec::new();
    for i in 1..=2000 {
        let title: &[u8] = if i == 10 || i == 1990 {
            b"Caf\xE9"
        } else {
            b"Cafe"
        };
        bytes.extend_from_slice(b"{\"title\": \"");
        bytes.extend_from_slice(title);
        bytes.extend_from_slice(format!("\", \"body\": \"Line {i}.\"}}\n").as_bytes());
    }
    let (sizes, all) = batches_of(dir.path(), "latin.jsonl", &bytes);
    assert_eq!(sizes, [1000, 1000]);
    assert_eq!(all.articles.len(), 2000);
    assert_eq!(all.articles[9].title, "Café");
    assert_eq!(all.articles[1989].title, "Café");
    let kinds: Vec<WarningKind> = all.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [WarningKind::Encoding]);
}

#[test]
fn a_json_array_and_an_empty_file_are_read_whole() {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let array = r#"[{"title": "One", "body": "A."}, {"title": "Two", "body": "B."}]"#;
    let (sizes, all) = batches_of(dir.path(), "a.json", array.as_bytes());
    assert_eq!((sizes, all.articles.len()), (vec![1], 2));
    let object = "{\n  \"title\": \"Alone\",\n  \"body\": \"Text.\"\n}\n";
    let (sizes, all) = batches_of(dir.path(), "o.json", object.as_bytes());
    assert_eq!((sizes, all.articles.len()), (vec![1], 1));
    let (sizes, all) = batches_of(dir.path(), "e.jsonl", b"\n\n");
    assert!(sizes.iter().all(|&n| n <= 2), "{sizes:?}");
    let kinds: Vec<WarningKind> = all.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [WarningKind::Empty]);
    let (_, all) = batches_of(dir.path(), "bin.jsonl", &[0u8; 5000]);
    assert_eq!(all.warnings.len(), 1);
    assert!(all.warnings[0].message.starts_with("binary file"));
}

#[test]
fn csv_rows_in_batches_read_as_the_whole_file() {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let mut text = String::from("\u{feff}label,title,description\n");
    for i in 1..=2300 {
        match i {
            // A quoted cell over two lines is one row.
            1001 => text.push_str("3,\"Two\nlines\",\"It #39;s down, shares fell.\"\n"),
            1200 => text.push_str("9,Odd label,Body.\n"),
            _ => text.push_str(&format!("2,Match {i} (AP),Team won {i} games.\n")),
        }
    }
    let whole = csv::parse_as(Path::new("x"), "feed", text.as_bytes());
    for (name, bytes) in [
        ("items.csv", text.clone().into_bytes()),
        ("items.csv.gz", gzip(text.as_bytes())),
    ] {
        let (sizes, mut all) = batches_of(dir.path(), name, &bytes);
        assert!(sizes.len() >= 3, "{name}: {sizes:?}");
        assert_eq!(all.articles.len(), 2300);
        all.articles.iter_mut().for_each(|a| a.path = "x".into());
        assert!(all.articles == whole.articles, "{name}: not as read whole");
        assert_eq!(all.articles[1000].title, "Two\nlines");
        assert_eq!(all.articles[1000].body, "It's down, shares fell.");
        assert_eq!(all.articles[1001].id, "feed:1002");
        assert_eq!(all.articles[5].value("agency"), Some("AP"));
        let records: Vec<Option<&str>> = all.warnings.iter().map(|w| w.record.as_deref()).collect();
        assert_eq!(records, [Some("row 1200")]);
    }
}

/// 30 pages, each after its request, and a 404 among them.
fn warc_archive() -> Vec<u8> {
    let mut warc = warc::record("warcinfo", "", b"software: test");
    for i in 1..=30 {
        let uri = format!("https://news.example/story/{i}");
        warc.extend(warc::record("request", &uri, b"GET / HTTP/1.1\r\n\r\n"));
        let response = if i == 17 {
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\ngone".to_string()
        } else {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Story {i}</title></head><body><article><p>The council voted on Tuesday to close bridge number {i} over the river for two years of repairs, officials said.</p></article></body></html>"
            )
        };
        warc.extend(warc::record("response", &uri, response.as_bytes()));
    }
    warc
}

#[test]
fn a_warc_in_batches_reads_as_the_whole_archive() {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let warc = warc_archive();
    let whole = warc::parse_warc(Path::new("x"), "feed", &warc[..]);
    assert_eq!(whole.articles.len(), 29);
    for (name, bytes) in [("crawl.warc", warc.clone()), ("crawl.warc.gz", gzip(&warc))] {
        let (sizes, all) = batches_of(dir.path(), name, &bytes);
        assert!(sizes.len() >= 4, "{name}: {sizes:?}");
        assert!(sizes.iter().all(|&n| n <= BATCH_PAGES), "{sizes:?}");
        assert!(all.articles == whole.articles, "{name}: not as read whole");
        assert_eq!(all.skipped, whole.skipped);
        assert_eq!(all.skipped.get("request"), Some(&30));
        assert_eq!(all.skipped.get("http_404"), Some(&1));
        assert!(all.warnings.is_empty(), "{:?}", all.warnings);
    }
    let cut = &warc[..warc.len() - 100];
    let (_, all) = batches_of(dir.path(), "cut.warc", cut);
    assert_eq!(all.articles.len(), 28);
    let kinds: Vec<WarningKind> = all.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [WarningKind::Truncated]);
    assert_eq!(all.warnings[0].record.as_deref(), Some("record 61"));
}

#[test]
fn progress_reaches_the_file_size() {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let zipped = gzip(jsonl().as_bytes());
    let path = dir.path().join("p.jsonl.gz");
    let _ = std::fs::write(&path, &zipped);
    let Ok(batches) = Batches::open_path(&path, "p", None) else {
        panic!("did not open");
    };
    let marks: Vec<u64> = batches.map(|b| b.read_to).collect();
    assert!(marks.windows(2).all(|w| w[0] <= w[1]), "{marks:?}");
    assert_eq!(marks.last().copied(), Some(zipped.len() as u64));
}
