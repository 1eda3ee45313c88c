//! The JSON Schemas of the output shapes that depend on the declaration
//! (`show`, `search`, `facets`, `stats`, `compare`, `cooccur`, `terms`, `similar`), generated from it. The committed
//! files in `schema/` are these documents; a test keeps them equal, and
//! `cargo run --example write_schemas` rewrites them after a change to the
//! declaration.

use serde_json::{json, Map, Value};

use super::{declaration, FacetField, FieldDecl, FieldKind, Resolve};

/// File name and document of every generated schema.
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("show.schema.json", show()),
        ("search-results.schema.json", search_results()),
        ("facets.schema.json", facets()),
        ("stats.schema.json", stats()),
        ("compare.schema.json", compare()),
        ("cooccur.schema.json", cooccur()),
        ("terms.schema.json", terms()),
        ("similar.schema.json", similar()),
        ("dupes.schema.json", dupes()),
        ("openapi.json", super::openapi::document()),
    ]
}

/// The answers of the HTTP API, by the names the OpenAPI document gives
/// them.
pub fn answers() -> Vec<(&'static str, Value)> {
    vec![
        ("search_results", search_results()),
        ("facets", facets()),
        ("show", show()),
        ("stats", stats()),
        ("compare", compare()),
        ("terms", terms()),
        ("similar", similar()),
        ("cooccur", cooccur()),
        ("dupes", dupes()),
    ]
}

/// The whole document with the common header.
fn document(id: &str, title: &str, body: Value) -> Value {
    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    doc.insert("$id".into(), json!(format!("newsdex/{id}")));
    doc.insert("title".into(), json!(title));
    if let Value::Object(rest) = body {
        doc.extend(rest);
    }
    Value::Object(doc)
}

/// An object with exactly these properties, all required.
fn object(props: Vec<(&str, Value)>) -> Value {
    let required: Vec<&str> = props.iter().map(|(k, _)| *k).collect();
    let properties: Map<String, Value> =
        props.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    json!({
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": false
    })
}

fn string_or_null() -> Value {
    json!({"type": ["string", "null"]})
}

fn date_or_null() -> Value {
    json!({"type": ["string", "null"], "format": "date-time"})
}

fn strings() -> Value {
    json!({"type": "array", "items": {"type": "string"}})
}

fn country_ref() -> Value {
    object(vec![
        (
            "id",
            json!({"type": "string", "description": "canonical id (Reuters PLACES code where one exists)"}),
        ),
        (
            "name",
            json!({"type": "string", "description": "display name"}),
        ),
    ])
}

/// The JSON shape of one declared keyword field's values.
fn field_shape(d: &FieldDecl) -> Value {
    if d.kind == FieldKind::Count {
        return json!({"type": "integer", "minimum": 0});
    }
    let resolve = d.facet.as_ref().map(|f| f.resolve);
    if resolve == Some(Resolve::Country) {
        json!({"type": "array", "items": country_ref()})
    } else if d.many {
        strings()
    } else {
        string_or_null()
    }
}

/// The declared keyword fields `keep` selects, by JSON name.
fn attribute_props(keep: impl Fn(&FieldDecl) -> bool) -> Vec<(&'static str, Value)> {
    declaration()
        .attributes()
        .filter(|d| keep(d))
        .map(|d| (d.json.as_str(), field_shape(d)))
        .collect()
}

fn facet_enum() -> Value {
    json!({"enum": FacetField::all().map(FacetField::name).collect::<Vec<_>>()})
}

fn facet_value() -> Value {
    object(vec![
        ("value", json!({"type": "string"})),
        ("label", json!({"type": "string"})),
        ("count", json!({"type": "integer", "minimum": 0})),
    ])
}

fn highlighted() -> Value {
    object(vec![
        ("text", json!({"type": "string"})),
        (
            "highlights",
            json!({
                "type": "array",
                "description": "[start, end) byte offsets into text of the matched terms",
                "items": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
            }),
        ),
    ])
}

/// `newsdex show --format json`.
pub fn show() -> Value {
    let mut props = vec![
        ("id", json!({"type": "string"})),
        ("title", json!({"type": "string"})),
        ("date", date_or_null()),
        ("dateline", string_or_null()),
    ];
    props.extend(attribute_props(|d| d.stored));
    props.push(("path", string_or_null()));
    props.push(("body", json!({"type": "string"})));
    document(
        "show.schema.json",
        "newsdex show --format json",
        object(props),
    )
}

/// One search hit.
fn hit() -> Value {
    let mut props = vec![
        ("rank", json!({"type": "integer", "minimum": 1})),
        ("id", json!({"type": "string"})),
        ("score", json!({"type": ["number", "null"]})),
        ("date", date_or_null()),
        ("dateline", string_or_null()),
        ("title", highlighted()),
        ("snippet", highlighted()),
    ];
    props.extend(attribute_props(|d| d.hit));
    object(props)
}

/// One facet's counts.
fn facet_counts() -> Value {
    object(vec![
        ("facet", facet_enum()),
        ("values", json!({"type": "array", "items": facet_value()})),
        (
            "other",
            json!({"type": "integer", "description": "sum of the counts of the values outside the top N (a document with two such values counts twice)"}),
        ),
        (
            "other_values",
            json!({"type": "integer", "description": "distinct values outside the top N"}),
        ),
    ])
}

fn histogram_bucket() -> Value {
    object(vec![
        ("key", json!({"type": "string"})),
        ("start", json!({"type": "string", "format": "date-time"})),
        ("count", json!({"type": "integer"})),
    ])
}

fn interval_enum() -> Value {
    json!({"enum": ["day", "week", "month", "year"]})
}

fn histogram() -> Value {
    let bucket = histogram_bucket();
    json!({"oneOf": [
        {"type": "null"},
        object(vec![
            ("interval", interval_enum()),
            ("undated", json!({"type": "integer"})),
            ("buckets", json!({"type": "array", "items": bucket})),
        ])
    ]})
}

/// What an answer repeats of its request: the query (when `query`), the
/// filters applied and the date range.
fn scope(query: bool) -> Vec<(&'static str, Value)> {
    let query = query.then(|| ("query", json!({"type": "string"})));
    query
        .into_iter()
        .chain([
            (
                "filters",
                json!({"type": "array", "items": applied_filter()}),
            ),
            ("since", date_or_null()),
            ("until", date_or_null()),
        ])
        .collect()
}

/// The request's [`scope`], then `rest`.
fn scoped(query: bool, rest: Vec<(&'static str, Value)>) -> Vec<(&'static str, Value)> {
    let mut props = scope(query);
    props.extend(rest);
    props
}

/// A filter as applied: what was typed and the stored values it meant.
fn applied_filter() -> Value {
    object(vec![
        ("facet", facet_enum()),
        ("requested", strings()),
        ("values", strings()),
        ("labels", strings()),
    ])
}

/// `newsdex search --format json`.
pub fn search_results() -> Value {
    let mut body = object(scoped(
        true,
        vec![
            (
                "total",
                json!({"type": "integer", "minimum": 0, "description": "documents matching the query and filters"}),
            ),
            ("offset", json!({"type": "integer"})),
            ("limit", json!({"type": "integer"})),
            (
                "sort",
                json!({"enum": ["relevance", "date_asc", "date_desc"]}),
            ),
            ("took_ms", json!({"type": "number"})),
            (
                "hits",
                json!({"type": "array", "items": {"$ref": "#/$defs/hit"}}),
            ),
            ("facets", json!({"type": "array", "items": facet_counts()})),
            ("histogram", histogram()),
            (
                "collapse",
                json!({"oneOf": [{"type": "null"}, object(vec![
                    ("by", json!({"enum": ["earliest", "best"], "description": "which copy stands for its story"})),
                    ("counts", json!({"const": "stories", "description": "total, facets and histogram count stories, not copies"})),
                    ("hidden_copies", json!({"type": "integer", "minimum": 0, "description": "matching copies left out"})),
                ])]}),
            ),
        ],
    ));
    body["$defs"] = json!({ "hit": hit() });
    document(
        "search-results.schema.json",
        "newsdex search --format json",
        body,
    )
}

/// `newsdex dupes --format json`.
pub fn dupes() -> Value {
    let member = object(vec![
        ("id", json!({"type": "string"})),
        ("date", date_or_null()),
        ("title", json!({"type": "string"})),
        ("source", string_or_null()),
    ]);
    let cluster = object(vec![
        (
            "cluster",
            json!({"type": "string", "description": "the cluster id: its first story's id"}),
        ),
        (
            "title",
            json!({"type": "string", "description": "the first story's title"}),
        ),
        (
            "copies",
            json!({"type": "integer", "minimum": 2, "description": "articles in the cluster, in the whole index"}),
        ),
        (
            "matching",
            json!({"type": "integer", "minimum": 1, "description": "of those, the ones matching the query and filters"}),
        ),
        ("first", date_or_null()),
        ("last", date_or_null()),
        ("sources", strings()),
        (
            "members",
            json!({"type": "array", "items": member, "description": "the copies, earliest first (at most 50)"}),
        ),
    ]);
    document(
        "dupes.schema.json",
        "newsdex dupes --format json",
        object(scoped(
            true,
            vec![
                (
                    "total_clusters",
                    json!({"type": "integer", "minimum": 0, "description": "clusters with at least one matching copy"}),
                ),
                (
                    "total_copies",
                    json!({"type": "integer", "minimum": 0, "description": "matching articles that have copies"}),
                ),
                ("limit", json!({"type": "integer"})),
                ("clusters", json!({"type": "array", "items": cluster})),
                ("took_ms", json!({"type": "number"})),
            ],
        )),
    )
}

/// `newsdex facets --format json`.
pub fn facets() -> Value {
    document(
        "facets.schema.json",
        "newsdex facets --format json",
        object(vec![
            ("facet", facet_enum()),
            ("query", json!({"type": "string"})),
            ("total_documents", json!({"type": "integer"})),
            ("matched", string_or_null()),
            ("values", json!({"type": "array", "items": facet_value()})),
            (
                "distinct_values",
                json!({"type": "integer", "description": "distinct values among the counted documents (matching `matched`), however many are listed"}),
            ),
            (
                "own_filter_ignored",
                json!({"type": "boolean", "description": "the request filters this facet and the counts ignore that filter"}),
            ),
            (
                "within",
                json!({"type": "boolean", "description": "the counts were made inside the facet's own filter"}),
            ),
        ]),
    )
}

/// `newsdex compare --format json`.
pub fn compare() -> Value {
    let bucket = object(vec![
        ("key", json!({"type": "string"})),
        ("start", json!({"type": "string", "format": "date-time"})),
        ("count", json!({"type": "integer", "minimum": 0})),
        (
            "share",
            json!({"type": ["number", "null"], "minimum": 0, "maximum": 1, "description": "count over the articles passing the filters in this period; null where there are none"}),
        ),
    ]);
    let series = object(vec![
        ("query", json!({"type": "string"})),
        (
            "total",
            json!({"type": "integer", "minimum": 0, "description": "hits of the query within the filters, dated or not"}),
        ),
        ("undated", json!({"type": "integer", "minimum": 0})),
        ("buckets", json!({"type": "array", "items": bucket})),
    ]);
    let all = object(vec![
        (
            "total",
            json!({"type": "integer", "minimum": 0, "description": "articles passing the filters (the query '')"}),
        ),
        ("undated", json!({"type": "integer", "minimum": 0})),
        (
            "buckets",
            json!({"type": "array", "items": histogram_bucket()}),
        ),
    ]);
    document(
        "compare.schema.json",
        "newsdex compare --format json",
        object(
            [
                vec![("interval", interval_enum())],
                scope(false),
                vec![
            ("all", all),
            ("queries", json!({"type": "array", "items": series})),
            (
                "counts",
                json!({"enum": ["articles", "stories"], "description": "stories when near-duplicate copies were collapsed (--collapse)"}),
            ),
            ("took_ms", json!({"type": "number"})),
                ],
            ]
            .concat(),
        ),
    )
}

/// `newsdex cooccur --format json`.
pub fn cooccur() -> Value {
    let cell = object(vec![
        (
            "value",
            json!({"type": "string", "description": "the column's value"}),
        ),
        (
            "count",
            json!({"type": "integer", "minimum": 0, "description": "hits with both values"}),
        ),
        (
            "expected",
            json!({"type": "number", "minimum": 0, "description": "row count x column count / total: the count if the two were independent"}),
        ),
        (
            "lift",
            json!({"type": ["number", "null"], "minimum": 0, "description": "count / expected; null where expected is 0"}),
        ),
    ]);
    let row = object(vec![
        ("value", json!({"type": "string"})),
        ("label", json!({"type": "string"})),
        ("count", json!({"type": "integer", "minimum": 0})),
        (
            "cells",
            json!({"type": "array", "items": cell, "description": "one per column, in column order"}),
        ),
    ]);
    document(
        "cooccur.schema.json",
        "newsdex cooccur --format json",
        object(scoped(
            true,
            vec![
                (
                    "total",
                    json!({"type": "integer", "minimum": 0, "description": "hits of the query and filters"}),
                ),
                ("rows_facet", facet_enum()),
                ("columns_facet", facet_enum()),
                ("columns", json!({"type": "array", "items": facet_value()})),
                ("rows", json!({"type": "array", "items": row})),
                ("took_ms", json!({"type": "number"})),
            ],
        )),
    )
}

/// `newsdex terms --format json`.
pub fn terms() -> Value {
    let term = object(vec![
        (
            "term",
            json!({"type": "string", "description": "as written most often in the sample, lower-cased"}),
        ),
        ("kind", json!({"enum": ["word", "phrase"]})),
        (
            "foreground",
            json!({"type": "integer", "minimum": 0, "description": "sampled hits containing it"}),
        ),
        (
            "background",
            json!({"type": "integer", "minimum": 0, "description": "articles in the index containing it"}),
        ),
        (
            "score",
            json!({"type": "number", "exclusiveMinimum": 0, "description": "JLH: (fg - bg) * fg / bg of the two proportions"}),
        ),
    ]);
    document(
        "terms.schema.json",
        "newsdex terms --format json",
        object(scoped(
            true,
            vec![
                (
                    "total",
                    json!({"type": "integer", "minimum": 0, "description": "hits of the query and filters"}),
                ),
                (
                    "sampled",
                    json!({"type": "integer", "minimum": 0, "description": "best-ranked hits tokenised: the foreground"}),
                ),
                (
                    "background_documents",
                    json!({"type": "integer", "minimum": 0}),
                ),
                ("heuristic", json!({"enum": ["jlh"]})),
                ("min_doc_count", json!({"type": "integer", "minimum": 1})),
                ("terms", json!({"type": "array", "items": term})),
                ("took_ms", json!({"type": "number"})),
            ],
        )),
    )
}

/// `newsdex similar --format json`.
pub fn similar() -> Value {
    let mut body = object(
        [
        (
            "id",
            json!({"type": "string", "description": "the article compared with"}),
        ),
        ("title", json!({"type": "string"})),
        ]
        .into_iter()
        .chain(scope(false))
        .chain([
        (
            "copies_left_out",
            json!({"type": "integer", "minimum": 0, "description": "near-duplicate copies of the article, never listed"}),
        ),
        (
            "total",
            json!({"type": "integer", "minimum": 0, "description": "articles sharing at least one query word, within the filters"}),
        ),
        ("limit", json!({"type": "integer"})),
        (
            "hits",
            json!({"type": "array", "items": {"$ref": "#/$defs/hit"}}),
        ),
        ("took_ms", json!({"type": "number"})),
        ])
        .collect(),
    );
    body["$defs"] = json!({ "hit": hit() });
    document("similar.schema.json", "newsdex similar --format json", body)
}

/// `newsdex stats --format json`.
pub fn stats() -> Value {
    let distinct = json!({
        "type": "object",
        "propertyNames": facet_enum(),
        "additionalProperties": {"type": "integer"},
        "description": "distinct values per facet"
    });
    document(
        "stats.schema.json",
        "newsdex stats --format json",
        object(vec![
            ("index", json!({"type": "string"})),
            ("documents", json!({"type": "integer"})),
            ("segments", json!({"type": "integer"})),
            ("earliest", date_or_null()),
            ("latest", date_or_null()),
            ("undated", json!({"type": "integer"})),
            ("distinct", distinct),
            ("sources", json!({"type": "array", "items": facet_value()})),
            ("size_bytes", json!({"type": "integer"})),
        ]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed schema files are exactly what the declaration gives;
    /// after changing it, run `cargo run --example write_schemas`.
    #[test]
    fn committed_schemas_equal_the_generated_ones() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
        for (name, generated) in all() {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let committed: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                committed, generated,
                "schema/{name} differs from the declaration: run `cargo run --example write_schemas`"
            );
        }
    }

    #[test]
    fn every_facet_and_hit_field_is_in_the_schemas() {
        let results = search_results();
        let hit = &results["$defs"]["hit"]["properties"];
        for d in declaration().attributes().filter(|d| d.hit) {
            assert!(hit.get(&d.json).is_some(), "{}", d.json);
        }
        let names = &facets()["properties"]["facet"]["enum"];
        assert_eq!(
            names.as_array().map(Vec::len),
            Some(FacetField::all().count())
        );
    }
}
