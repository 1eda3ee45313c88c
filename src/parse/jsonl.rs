//! JSONL parser: one JSON object per line, described by
//! `schema/article.schema.json`. A `.json` file holding one array of such
//! objects, or one object over several lines, is read the same way, its
//! records named `item N`.
//!
//! Known keys: `id`, `title`, `body` (or `text`), `date`, `dateline`, and
//! the `input` keys of every keyword field in `schema/newsdex.json`
//! (`people`, `countries`, `topics`, `source`, `language`, ...); unknown keys
//! are ignored. Blank lines are skipped; a line that
//! is not a JSON object is a `BadRecord` warning naming its line number. When
//! `id` is missing (or null/empty) the id is `<file key>:<line number>`
//! (1-based; the key is the file's, see [`super::id`]), without a warning. Given non-empty `people` or `countries`
//! mark the article `tagged`. Without a `dateline` key, a dateline lead at
//! the start of the body is recognised and moved out of it.

use std::path::Path;

use serde_json::{Map, Value};

use super::{
    decode_file, id, parse_date_lenient, set_given_dateline, strip_controls, take_dateline,
    ParsedFile, Warning, WarningKind,
};
use crate::article::Article;
use crate::schema::declaration;

/// Parses one JSONL file, as if named by itself.
pub fn parse(path: &Path, bytes: &[u8]) -> ParsedFile {
    parse_as(path, &id::lone_file_key(path), bytes)
}

/// Parses one JSONL file whose records without an id are named after `key`.
pub fn parse_as(path: &Path, key: &str, bytes: &[u8]) -> ParsedFile {
    let mut out = ParsedFile::default();
    let text = decode_file(path, bytes, &mut out.warnings);
    if let Some(items) = whole_file_records(&text) {
        read_items(path, key, items, &mut out);
        return out;
    }
    for (i, line) in text.lines().enumerate() {
        read_line(path, key, i + 1, line, &mut out);
    }
    if text.trim().is_empty() {
        out.warnings
            .push(Warning::new(path, None, WarningKind::Empty, "empty file"));
    }
    out
}

/// Reads line `line_no` (1-based) of a JSON Lines file into `out`: an
/// article, or a warning naming the line. Blank lines are skipped.
pub(crate) fn read_line(path: &Path, key: &str, line_no: usize, line: &str, out: &mut ParsedFile) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    let record = format!("line {line_no}");
    let mut warn = |kind, message: String| {
        out.warnings
            .push(Warning::new(path, Some(record.clone()), kind, message));
    };
    let object = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            warn(
                WarningKind::BadRecord,
                format!("expected a JSON object, found {}", json_kind(&other)),
            );
            return;
        }
        Err(e) => {
            warn(WarningKind::BadRecord, format!("not JSON: {e}"));
            return;
        }
    };
    if let Some(a) = article_from(&object, path, key, line_no, &mut warn) {
        out.articles.push(a);
    }
}

/// True when a file opening with `head` must be read whole: a JSON array,
/// or one object spread over several lines (its first line is not a whole
/// JSON value). JSON Lines (one whole value on the first line) can be read
/// line by line.
pub(crate) fn needs_whole_file(head: &str) -> bool {
    let trimmed = head.trim_start();
    if trimmed.starts_with('[') {
        return true;
    }
    if !trimmed.starts_with('{') {
        return false;
    }
    // A first line longer than the head is one long record, not a
    // pretty-printed object.
    let Some((first, _)) = trimmed.split_once('\n') else {
        return false;
    };
    serde_json::from_str::<Value>(first.trim()).is_err_and(|e| e.is_eof())
}

/// The records of a `.json` file that is one JSON document rather than JSON
/// Lines: the items of a top-level array, or one article object spread over
/// several lines. `None` when the text is JSON Lines (or not JSON at all),
/// which the line reader then reports line by line.
fn whole_file_records(text: &str) -> Option<Vec<Value>> {
    let trimmed = text.trim();
    let one_line = !trimmed.contains('\n');
    if !(trimmed.starts_with('[') || (trimmed.starts_with('{') && !one_line)) {
        return None;
    }
    match serde_json::from_str::<Value>(trimmed).ok()? {
        Value::Array(items) => Some(items),
        object @ Value::Object(_) => Some(vec![object]),
        _ => None,
    }
}

/// Reads the records of a whole-file JSON document; `item N` (1-based) names
/// each in warnings and in ids made for records without one. An object with
/// none of the article keys (`title`, `body`, `text`) is not an article.
fn read_items(path: &Path, key: &str, items: Vec<Value>, out: &mut ParsedFile) {
    if items.is_empty() {
        out.warnings.push(Warning::new(
            path,
            None,
            WarningKind::Empty,
            "empty JSON array",
        ));
    }
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let record = format!("item {n}");
        let mut warn = |kind, message: String| {
            out.warnings
                .push(Warning::new(path, Some(record.clone()), kind, message));
        };
        let Value::Object(object) = item else {
            warn(
                WarningKind::BadRecord,
                format!("expected a JSON object, found {}", json_kind(item)),
            );
            continue;
        };
        if !["title", "body", "text"]
            .iter()
            .any(|k| object.contains_key(*k))
        {
            warn(
                WarningKind::BadRecord,
                "not an article object (no title, body or text key)".to_string(),
            );
            continue;
        }
        if let Some(a) = article_from(object, path, key, n, &mut warn) {
            out.articles.push(a);
        }
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Builds an article from one object; `None` (with an `Empty` warning) when it has no text.
fn article_from(
    o: &Map<String, Value>,
    path: &Path,
    key: &str,
    line_no: usize,
    warn: &mut impl FnMut(WarningKind, String),
) -> Option<Article> {
    let mut a = Article {
        path: path.display().to_string(),
        ..Article::default()
    };
    a.id = match o.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => id::record_id(key, line_no),
    };
    let mut string = |key: &str| string_value(o, key, &mut *warn);
    a.title = string("title").unwrap_or_default();
    a.body = string("body")
        .or_else(|| string("text"))
        .unwrap_or_default();
    // Every declared keyword field is read from the keys it declares as
    // input (`people`, `countries`, `language`, ...).
    for decl in declaration().attributes() {
        for key in &decl.input {
            if a.keywords.contains_key(decl.name.as_str()) {
                break;
            }
            let values = if decl.many {
                string_list(o, key, warn)
            } else {
                string_value(o, key, warn).into_iter().collect()
            };
            a.set_values(&decl.name, values);
        }
    }
    let given_dateline = string_value(o, "dateline", warn);
    let date = o.get("date");
    a.tagged = !a.people().is_empty() || !a.countries().is_empty();

    match given_dateline {
        Some(d) => set_given_dateline(&mut a, &d),
        None => take_dateline(&mut a),
    }
    match date {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.trim().is_empty() => {}
        Some(Value::String(s)) => {
            a.date = parse_date_lenient(s);
            if a.date.is_none() {
                warn(WarningKind::BadDate, format!("bad date '{s}'"));
            }
        }
        Some(Value::Number(n)) => {
            a.date = n
                .as_i64()
                .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0));
            if a.date.is_none() {
                warn(WarningKind::BadDate, format!("bad date {n}"));
            }
        }
        Some(other) => warn(
            WarningKind::BadDate,
            format!("'date' is {}, not a string", json_kind(other)),
        ),
    }
    if a.title.is_empty() && a.body.is_empty() {
        warn(WarningKind::Empty, "no title or body; skipped".to_string());
        return None;
    }
    Some(a)
}

/// A string value; a non-string is a warning.
fn string_value(
    o: &Map<String, Value>,
    key: &str,
    warn: &mut impl FnMut(WarningKind, String),
) -> Option<String> {
    match o.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            let s = strip_controls(s.trim()).into_owned();
            (!s.is_empty()).then_some(s)
        }
        Some(other) => {
            warn(
                WarningKind::BadField,
                format!("'{key}' is {}, not a string; ignored", json_kind(other)),
            );
            None
        }
    }
}

/// A list of strings, or a single string taken as a one-element list.
fn string_list(
    o: &Map<String, Value>,
    key: &str,
    warn: &mut impl FnMut(WarningKind, String),
) -> Vec<String> {
    let mut out = Vec::new();
    match o.get(key) {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => out.push(s.trim().to_string()),
        Some(Value::Array(items)) => {
            for item in items {
                match item {
                    Value::String(s) => out.push(s.trim().to_string()),
                    other => warn(
                        WarningKind::BadField,
                        format!("'{key}' holds {}, not a string; ignored", json_kind(other)),
                    ),
                }
            }
        }
        Some(other) => warn(
            WarningKind::BadField,
            format!("'{key}' is {}, not a list; ignored", json_kind(other)),
        ),
    }
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::field;
    use crate::parse::samples_dir;

    #[test]
    fn reads_json_arrays_and_single_objects() {
        let array = r#"[
  {"id": "x1", "title": "First", "body": "LONDON (Reuters) - Oil rose."},
  {"title": "Second", "text": "More."},
  7,
  {"unrelated": true}
]"#;
        let parsed = parse(Path::new("dir/feed.json"), array.as_bytes());
        let ids: Vec<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x1", "dir/feed:2"]);
        assert_eq!(
            parsed.articles[0].dateline.as_deref(),
            Some("LONDON (Reuters)")
        );
        let records: Vec<&str> = parsed
            .warnings
            .iter()
            .map(|w| w.record.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(records, ["item 3", "item 4"]);
        assert!(parsed
            .warnings
            .iter()
            .all(|w| w.kind == WarningKind::BadRecord));

        let object = "{\n  \"title\": \"Alone\",\n  \"body\": \"Text.\"\n}\n";
        let parsed = parse(Path::new("one.json"), object.as_bytes());
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].title, "Alone");
    }

    #[test]
    fn parses_lines() {
        let text = r#"{"id":"a1","title":"T","body":"B","date":"2021-03-03","people":["Jane Roe"],"countries":[],"topics":"oil","extra":1}

{"title":"No id","text":"BOGOTA, Colombia - Rebels said."}
not json
[1,2]
{"id":7,"title":"Given","body":"PARIS (AFP) -- Hello","dateline":"PARIS (AFP)","date":"soon"}
{"id":"e"}
{"id":"n","title":"x","people":[1,"Ann Lee"],"url":5}
"#;
        let parsed = parse(Path::new("dir/feed.jsonl"), text.as_bytes());
        let ids: Vec<&str> = parsed.articles.iter().map(|a| a.id.as_str()).collect();
        // A file parsed alone keeps its folder in the key (see parse::id).
        assert_eq!(ids, ["a1", "dir/feed:3", "7", "n"]);
        let a = &parsed.articles[0];
        assert!(a.tagged);
        assert_eq!(a.values(field::TOPIC), ["oil"]);
        assert_eq!(a.people(), ["Jane Roe"]);
        assert!(a.date.is_some());
        let b = &parsed.articles[1];
        assert!(!b.tagged);
        assert_eq!(b.body, "Rebels said.");
        assert_eq!(b.dateline.as_deref(), Some("BOGOTA, Colombia"));
        assert_eq!(b.dateline_cities(), ["Bogota"]);
        let c = &parsed.articles[2];
        assert_eq!(c.body, "Hello");
        assert_eq!(c.value(field::AGENCY), Some("AFP"));
        assert_eq!(c.date, None);
        assert_eq!(parsed.articles[3].people(), ["Ann Lee"]);

        let got: Vec<(Option<&str>, WarningKind)> = parsed
            .warnings
            .iter()
            .map(|w| (w.record.as_deref(), w.kind))
            .collect();
        assert_eq!(
            got,
            [
                (Some("line 4"), WarningKind::BadRecord),
                (Some("line 5"), WarningKind::BadRecord),
                (Some("line 6"), WarningKind::BadDate),
                (Some("line 7"), WarningKind::Empty),
                (Some("line 8"), WarningKind::BadField),
                (Some("line 8"), WarningKind::BadField),
            ]
        );
    }

    #[test]
    fn survives_garbage() {
        for bytes in [
            &b"\xff\xfe{"[..],
            b"{\"id\":",
            b"\n\n",
            b"{\"body\": {\"x\": 1}}",
        ] {
            let _ = parse(Path::new("g.jsonl"), bytes);
        }
    }

    #[test]
    fn parses_sample() {
        let path = samples_dir().join("jsonl/articles.jsonl");
        let bytes = std::fs::read(&path).unwrap_or_default();
        let parsed = parse(&path, &bytes);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert_eq!(parsed.articles.len(), 5);
        assert!(parsed.articles.iter().any(|a| a.tagged));
        assert!(parsed.articles.iter().any(|a| !a.tagged));
        assert!(parsed.articles.iter().any(|a| a.dateline.is_some()));
    }

    #[test]
    fn schema_is_valid_json() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/article.schema.json");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let schema: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
}
