//! The OpenAPI document of `newsdex serve`'s API, generated from the field
//! declaration as the JSON Schemas are: every facet is a filter parameter,
//! and the answers are the JSON Schemas of the command line's output.
//! Committed as `schema/openapi.json` and served at `/api/openapi.json`.

use serde_json::{json, Map, Value};

use super::json_schema;
use super::FacetField;

/// The committed document, served by the API.
pub const OPENAPI: &str = include_str!("../../schema/openapi.json");

fn param(name: &str, doc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": doc, "schema": schema})
}

fn string() -> Value {
    json!({"type": "string"})
}

fn strings() -> Value {
    json!({"type": "array", "items": {"type": "string"}})
}

/// Query, filters and dates: what every search-like endpoint takes.
fn filter_params() -> Vec<Value> {
    let mut p = vec![
        param(
            "q",
            "The query, in newsdex's syntax (AND by default; OR, -word, \"phrase\", field:value, word*, word~1). Empty: every article.",
            string(),
        ),
        param(
            "filter",
            "FACET:VALUE, repeatable: the general form of the facet parameters.",
            strings(),
        ),
        param(
            "since",
            "Articles dated from the start of this period: YYYY, YYYY-MM or YYYY-MM-DD.",
            string(),
        ),
        param(
            "until",
            "Articles dated up to the end of this period: YYYY, YYYY-MM or YYYY-MM-DD.",
            string(),
        ),
    ];
    for f in FacetField::all() {
        let d = f.decl();
        p.push(param(
            f.name(),
            &format!(
                "{} Repeatable: OR within the facet, AND across facets. Aliases: {}.",
                d.help,
                d.aliases.join(", ")
            ),
            strings(),
        ));
    }
    p
}

/// Facets, histogram, sort and paging of `/api/search` and the export.
fn search_params() -> Vec<Value> {
    let mut p = filter_params();
    let facets: Vec<&str> = FacetField::all().map(FacetField::name).collect();
    p.extend([
        param(
            "facet",
            "Count the hits' values of this facet (repeatable). Multi-select: a filtered facet is counted without its own filter.",
            json!({"type": "array", "items": {"type": "string", "enum": facets}}),
        ),
        param(
            "facet_top",
            "Values listed per facet.",
            json!({"type": "integer", "minimum": 0, "maximum": 1000, "default": 10}),
        ),
        histogram_param(),
        param(
            "sort",
            "Order of hits.",
            json!({"type": "string", "enum": ["relevance", "date", "-date"], "default": "relevance"}),
        ),
        param(
            "collapse",
            "One hit per story: near-duplicate copies collapsed into the earliest or the best-scoring copy; total, facets and histogram then count stories.",
            json!({"type": "string", "enum": ["earliest", "best"]}),
        ),
        param(
            "limit",
            "Hits per page.",
            json!({"type": "integer", "minimum": 0, "maximum": 100, "default": 10}),
        ),
        param(
            "offset",
            "Hits to skip.",
            json!({"type": "integer", "minimum": 0, "maximum": 10000, "default": 0}),
        ),
    ]);
    p
}

fn histogram_param() -> Value {
    param(
        "histogram",
        "Hits per calendar period.",
        json!({"type": "string", "enum": ["day", "week", "month", "year"]}),
    )
}

fn ok_json(schema: &str, doc: &str) -> Value {
    json!({
        "200": {"description": doc, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}},
        "4XX": {"description": "A bad request: what is wrong, in one line.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/problem"}}}}
    })
}

fn get(summary: &str, params: Vec<Value>, responses: Value) -> Value {
    json!({"get": {"summary": summary, "parameters": params, "responses": responses}})
}

/// The JSON Schemas of the answers, without their `$schema`/`$id` header.
fn component(doc: Value) -> Value {
    let mut doc = doc;
    if let Value::Object(m) = &mut doc {
        m.remove("$schema");
        m.remove("$id");
    }
    doc
}

/// The whole OpenAPI 3.1 document.
pub fn document() -> Value {
    let mut paths = Map::new();
    paths.insert(
        "/api/search".into(),
        get(
            "Search: hits with snippets, multi-select facet counts, a calendar histogram.",
            search_params(),
            ok_json(
                "search_results",
                "The results, as `newsdex search --format json`.",
            ),
        ),
    );
    let mut facet_params = vec![
        json!({"name": "field", "in": "path", "required": true, "schema": {"type": "string", "enum": FacetField::all().map(FacetField::name).collect::<Vec<_>>()}}),
    ];
    facet_params.extend(filter_params());
    facet_params.extend([
        param(
            "match",
            "Keep the values containing this text (case and diacritics ignored).",
            string(),
        ),
        param(
            "top",
            "Values to list.",
            json!({"type": "integer", "minimum": 0, "maximum": 1000, "default": 20}),
        ),
        param(
            "within",
            "Count inside the facet's own filter (no multi-select).",
            json!({"type": "boolean", "default": false}),
        ),
    ]);
    paths.insert(
        "/api/facets/{field}".into(),
        get(
            "The values of one facet with counts, for the query and filters.",
            facet_params,
            ok_json("facets", "As `newsdex facets FIELD --format json`."),
        ),
    );
    paths.insert(
        "/api/articles/{id}".into(),
        get(
            "One article with every stored field (404 for an unknown id).",
            vec![
                json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}),
            ],
            ok_json("show", "As `newsdex show ID --format json`."),
        ),
    );
    paths.insert(
        "/api/stats".into(),
        get(
            "What the index holds.",
            vec![],
            ok_json("stats", "As `newsdex stats --format json`."),
        ),
    );
    let mut compare_params = filter_params();
    compare_params[0] = param("q", "A query to compare (repeatable, 1 to 8).", strings());
    compare_params.push(histogram_param());
    compare_params.push(param(
        "collapse",
        "Count stories, not copies: near-duplicate copies counted once.",
        json!({"type": "string", "enum": ["earliest", "best"]}),
    ));
    paths.insert(
        "/api/compare".into(),
        get(
            "Several queries over time: totals and hits per period, in counts and as a share of all articles passing the filters.",
            compare_params,
            ok_json("compare", "Per query, the same periods."),
        ),
    );
    let mut terms_params = filter_params();
    terms_params.extend([
        param(
            "top",
            "Words and phrases to list.",
            json!({"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
        ),
        param(
            "sample",
            "Best-ranked hits scored against the whole index.",
            json!({"type": "integer", "minimum": 1, "maximum": 10000, "default": 1000}),
        ),
    ]);
    paths.insert(
        "/api/terms".into(),
        get(
            "Significant words and two-word phrases of the hits against the whole index (JLH score).",
            terms_params,
            ok_json("terms", "As `newsdex terms --format json`."),
        ),
    );
    let mut similar_params =
        vec![json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}})];
    similar_params.extend(filter_params().into_iter().skip(1));
    similar_params.push(param(
        "limit",
        "Similar stories to list.",
        json!({"type": "integer", "minimum": 0, "maximum": 100, "default": 10}),
    ));
    paths.insert(
        "/api/similar/{id}".into(),
        get(
            "Stories like one article (more-like-this over title and body), itself and its near-duplicate copies left out.",
            similar_params,
            ok_json("similar", "As `newsdex similar ID --format json`."),
        ),
    );
    let facet_names: Vec<&str> = FacetField::all().map(FacetField::name).collect();
    let mut cooccur_params = vec![
        json!({"name": "rows", "in": "path", "required": true, "schema": {"type": "string", "enum": facet_names}}),
        json!({"name": "columns", "in": "path", "required": true, "schema": {"type": "string", "enum": facet_names}}),
    ];
    cooccur_params.extend(filter_params());
    cooccur_params.push(param(
        "top",
        "Values per side.",
        json!({"type": "integer", "minimum": 1, "maximum": 100, "default": 10}),
    ));
    paths.insert(
        "/api/cooccur/{rows}/{columns}".into(),
        get(
            "Who appears with what: the top values of one facet against another among the hits, with counts and lift.",
            cooccur_params,
            ok_json("cooccur", "As `newsdex cooccur ROWS COLUMNS --format json`."),
        ),
    );
    let mut dupes_params = filter_params();
    dupes_params.push(param(
        "limit",
        "Clusters to list, largest first.",
        json!({"type": "integer", "minimum": 0, "maximum": 100, "default": 10}),
    ));
    paths.insert(
        "/api/dupes".into(),
        get(
            "Near-duplicate clusters with a copy among the hits, largest first, with their copies, dates and sources.",
            dupes_params,
            ok_json("dupes", "As `newsdex dupes --format json`."),
        ),
    );
    paths.insert(
        "/api/export.csv".into(),
        get(
            "Every hit (at most 100,000) as CSV, streamed: id, date, dateline, title, url, countries, people, topics.",
            search_params(),
            json!({"200": {"description": "CSV with a header row.", "content": {"text/csv": {}}}}),
        ),
    );
    paths.insert(
        "/api/fields".into(),
        get(
            "The declared facets: name, label, aliases, JSON key, whether hits show it.",
            vec![],
            json!({"200": {"description": "The facets.", "content": {"application/json": {}}}}),
        ),
    );
    paths.insert(
        "/api/health".into(),
        get(
            "The server is up; how many articles it sees.",
            vec![],
            json!({"200": {"description": "`{\"status\": \"ok\", \"documents\": N}`", "content": {"application/json": {}}}}),
        ),
    );
    let mut schemas = Map::new();
    for (name, doc) in json_schema::answers() {
        schemas.insert(name.into(), component(doc));
    }
    schemas.insert(
        "problem".into(),
        json!({
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "param": {"type": "string"}
            }
        }),
    );
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "newsdex",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The read-only HTTP API of `newsdex serve`: search a news archive with facets, histograms and comparisons. Send `Authorization: Bearer TOKEN` when the server has a token."
        },
        "paths": paths,
        "components": {"schemas": schemas}
    })
}
