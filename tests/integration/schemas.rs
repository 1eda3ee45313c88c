//! Every JSON shape newsdex writes matches its JSON Schema in `schema/`:
//! required keys present, no keys the schema does not declare, recursively.
//! (A small structural check, enough to catch drift between code and contract.)

use serde_json::Value;

use crate::util::{idx, json, newsdex, sample_index, samples};

fn load(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        Some(name) => &root["$defs"][name],
        None => schema,
    }
}

/// Check `v` against `schema`; `at` names the place for messages.
fn conforms(root: &Value, schema: &Value, v: &Value, at: &str) {
    let schema = resolve(root, schema);
    if let Some(options) = schema["oneOf"].as_array() {
        let fits = options.iter().any(|o| {
            let o = resolve(root, o);
            (o["type"] == "null" && v.is_null()) || (o["type"] == "object" && v.is_object())
        });
        assert!(fits, "{at}: {v} fits none of oneOf");
        if let Some(o) = options
            .iter()
            .map(|o| resolve(root, o))
            .find(|o| o["type"] == "object" && v.is_object())
        {
            conforms(root, o, v, at);
        }
        return;
    }
    if let (Some(props), Some(obj)) = (schema["properties"].as_object(), v.as_object()) {
        for req in schema["required"].as_array().into_iter().flatten() {
            let key = req.as_str().unwrap();
            assert!(
                obj.contains_key(key),
                "{at}: missing required key '{key}' in {v}"
            );
        }
        if schema["additionalProperties"] == Value::Bool(false) {
            for key in obj.keys() {
                assert!(
                    props.contains_key(key),
                    "{at}: key '{key}' is not in the schema"
                );
            }
        }
        for (key, value) in obj {
            if let Some(sub) = props.get(key) {
                conforms(root, sub, value, &format!("{at}.{key}"));
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, item) in arr.iter().enumerate() {
            conforms(root, items, item, &format!("{at}[{i}]"));
        }
    }
}

pub(crate) fn check(schema: &str, v: &Value) {
    let root = load(schema);
    conforms(&root, &root, v, schema);
}

/// Check `v` against the part of a schema at a JSON pointer (one line of a
/// JSON Lines output against the items of an array, say).
pub(crate) fn check_part(schema: &str, pointer: &str, v: &Value) {
    let root = load(schema);
    let part = root
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{schema}: no {pointer}"));
    conforms(&root, part, v, &format!("{schema}{pointer}"));
}

#[test]
fn search_output_matches_its_schema() {
    let (dir, _) = sample_index();
    let v = json(
        &idx(dir),
        &[
            "search",
            "oil",
            "--country",
            "russia",
            "--facet",
            "country",
            "--facet",
            "person",
            "--histogram",
            "month",
            "--format",
            "json",
        ],
        0,
    );
    assert!(!v["hits"].as_array().unwrap().is_empty());
    check("search-results.schema.json", &v);
}

#[test]
fn index_stats_show_and_facets_outputs_match_their_schemas() {
    let (dir, summary) = sample_index();
    check("index-summary.schema.json", summary);
    check(
        "stats.schema.json",
        &json(&idx(dir), &["stats", "--format", "json"], 0),
    );
    check(
        "show.schema.json",
        &json(
            &idx(dir),
            &["show", "wire/caracas-russia", "--format", "json"],
            0,
        ),
    );
    check(
        "facets.schema.json",
        &json(&idx(dir), &["facets", "person", "--format", "json"], 0),
    );
}

#[test]
fn extract_lines_match_their_schema() {
    let out = newsdex(&samples())
        .arg("extract")
        .arg(samples())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() >= 15);
    for line in text.lines() {
        check("extract.schema.json", &serde_json::from_str(line).unwrap());
    }
}

#[test]
#[should_panic(expected = "is not in the schema")]
fn the_check_rejects_an_undeclared_key() {
    let mut v = serde_json::json!({"id": "a", "dateline": [], "countries": [], "people": []});
    check("extract.schema.json", &v);
    v["surprise"] = serde_json::json!(1);
    check("extract.schema.json", &v);
}
