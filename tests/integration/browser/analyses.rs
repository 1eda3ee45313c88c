//! The analyses on the page, in Chromium, against the CLI over the same
//! Reuters-21578 index: significant words for topic cocoa, who appears with
//! what for topic crude, the copies among crude's hits, an article's
//! similar stories and its copies; the open panel kept in the URL; errors
//! and empty results said in words.

use std::path::Path;

use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use super::harness::{self, click, js, open, screenshot, settled, wait, with_browser, Server};
use super::{cli_search, ids, snapshot, total};
use crate::util;

/// `newsdex ARGS --format json` (exit 0, or 1 when nothing was found).
fn cli(index: &Path, args: &[&str]) -> Value {
    let out = util::newsdex(index)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "newsdex {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The terms panel's rows as `term|kind|foreground|background`.
const PAGE_TERMS: &str = "return [...document.querySelectorAll('#analysis table.terms tbody tr')]\
    .map((tr) => [tr.dataset.term, tr.dataset.kind, tr.cells[2].textContent.split(' ')[0], \
    tr.cells[3].textContent.split(' ')[0]].join('|'));";

fn cli_terms(v: &Value) -> Value {
    v["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| {
            let n = |k: &str| t[k].as_u64().unwrap();
            Value::String(format!(
                "{}|{}|{}|{}",
                t["term"].as_str().unwrap(),
                t["kind"].as_str().unwrap(),
                group(n("foreground")),
                group(n("background"))
            ))
        })
        .collect()
}

/// `1234` as the page writes it, `1,234`.
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The heat table as `{columns: [value], rows: [[value, [count...]]]}`.
const PAGE_HEAT: &str =
    "const t = document.querySelector('#analysis table.heat'); if (!t) return null; \
    return { columns: [...t.querySelectorAll('thead th')].map((th) => th.dataset.value), \
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [tr.dataset.value, \
    [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.count))]) };";

fn cli_heat(v: &Value) -> Value {
    json!({
        "columns": v["columns"].as_array().unwrap().iter().map(|c| c["value"].clone()).collect::<Vec<_>>(),
        "rows": v["rows"].as_array().unwrap().iter().map(|r| json!([
            r["value"],
            r["cells"].as_array().unwrap().iter().map(|c| c["count"].clone()).collect::<Vec<_>>(),
        ])).collect::<Vec<_>>(),
    })
}

/// Make the page's analysis requests fail as a busy server's would (503,
/// problem+json); every other request goes through.
const FAILING_FETCH: &str = r#"
const real = window.fetch;
window.fetch = (url, init) => {
  const path = new URL(url, location.href).pathname;
  if (/^\/api\/(terms|cooccur|dupes|similar)/.test(path)) {
    return Promise.resolve(new Response(
      JSON.stringify({ title: 'Server busy', detail: 'try again in a moment', status: 503 }),
      { status: 503, headers: { 'content-type': 'application/problem+json' } }));
  }
  return real(url, init);
};
return true;"#;

/// Whether the page has asked `path` since it was loaded.
async fn asked(c: &Client, path: &str) -> bool {
    js(
        c,
        &format!(
            "return performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.startsWith('{path}'));"
        ),
    )
    .await
        == Value::Bool(true)
}

/// Scroll the element `css` to the top of the window (for a screenshot).
async fn scroll_to(c: &Client, css: &str) {
    js(
        c,
        &format!(
            "document.querySelector({}).scrollIntoView(); return true;",
            json!(css)
        ),
    )
    .await;
}

/// The text of the open analysis.
async fn panel_text(c: &Client) -> String {
    js(c, "return document.getElementById('analysis').textContent;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn analyses_on_the_page_match_the_cli_on_reuters() {
    let Some(tools) = harness::tools() else {
        return;
    };
    let Some((dir, _)) = util::reuters_index() else {
        return;
    };
    let index = util::idx(dir);
    let server = Server::start(&index);
    let base = server.url.trim_end_matches('/').to_string();
    let index = index.as_path();
    with_browser(&tools, |c| async move {
        significant_words(&c, &base, index).await;
        who_appears_with_what(&c, &base, index).await;
        copies_and_similar(&c, &base, index).await;
        errors_and_empty_results(&c, &base, index).await;
        phone_width(&c, &base).await;
    });
}

/// Topic cocoa: the panel lists `newsdex terms --topic cocoa`; a click adds
/// the term to the query; Back restores the panel and then closes it.
async fn significant_words(c: &Client, base: &str, index: &Path) {
    open(c, &format!("{base}/?topic=cocoa")).await;
    let closed = snapshot(c).await;
    assert!(
        !asked(c, "/api/terms").await
            && !asked(c, "/api/cooccur").await
            && !asked(c, "/api/dupes").await,
        "a closed panel asked for its data"
    );
    assert_eq!(
        js(c, "return document.getElementById('analysis').hidden;").await,
        Value::Bool(true)
    );

    click(c, "#analyses button[data-panel=\"terms\"]").await;
    wait(
        c,
        "the panel in the URL",
        "location.search.includes('panel=terms')",
    )
    .await;
    settled(c).await;
    let want = cli(index, &["terms", "--topic", "cocoa", "--top", "20"]);
    let shown = js(c, PAGE_TERMS).await;
    assert_eq!(shown, cli_terms(&want));
    // The panel shows the cocoa words the issue names, not generic ones.
    let top10: Vec<&str> = shown.as_array().unwrap()[..10]
        .iter()
        .map(|t| t.as_str().unwrap().split('|').next().unwrap())
        .collect();
    assert!(
        top10.contains(&"icco") && top10.contains(&"buffer stock"),
        "{top10:?}"
    );
    assert!(
        !top10.iter().any(|t| ["said", "pct", "year"].contains(t)),
        "{top10:?}"
    );
    let expanded = js(
        c,
        "return document.querySelector('#analyses button[data-panel=\"terms\"]').getAttribute('aria-expanded');",
    )
    .await;
    assert_eq!(expanded, "true");
    // The hits did not change with the panel.
    let with_panel = snapshot(c).await;
    assert_eq!(with_panel["ids"], closed["ids"]);
    screenshot(c, "analyses-terms").await;

    // Click the first phrase: it joins the query in double quotes.
    let phrase = js(
        c,
        "return document.querySelector('#analysis tr[data-kind=\"phrase\"]').dataset.term;",
    )
    .await;
    let phrase = phrase.as_str().expect("a phrase in the top 20").to_string();
    click(c, "#analysis tr[data-kind=\"phrase\"] button.term").await;
    let quoted = format!("\"{phrase}\"");
    wait(
        c,
        "the phrase in the query",
        &format!("document.getElementById('q').value === {}", json!(quoted)),
    )
    .await;
    settled(c).await;
    let s = snapshot(c).await;
    let hits = cli_search(index, &[&quoted, "--topic", "cocoa"]);
    assert_eq!(s["total"], total(&hits), "{s}");
    assert_eq!(s["ids"], ids(&hits));
    assert_ne!(s["total"], closed["total"], "the query changed nothing");
    assert!(s["search"].as_str().unwrap().contains("panel=terms"), "{s}");
    let narrowed = cli(
        index,
        &["terms", &quoted, "--topic", "cocoa", "--top", "20"],
    );
    assert_eq!(js(c, PAGE_TERMS).await, cli_terms(&narrowed));

    // Back: the panel of the whole topic; Back again: no panel.
    c.back().await.expect("back");
    settled(c).await;
    assert_eq!(snapshot(c).await, with_panel);
    assert_eq!(js(c, PAGE_TERMS).await, cli_terms(&want));
    c.back().await.expect("back");
    settled(c).await;
    assert_eq!(snapshot(c).await, closed);
    assert_eq!(
        js(c, "return document.getElementById('analysis').hidden;").await,
        Value::Bool(true)
    );
    c.forward().await.expect("forward");
    settled(c).await;
    assert_eq!(js(c, PAGE_TERMS).await, cli_terms(&want));
}

/// Topic crude: the heat table is `newsdex cooccur person country`; a
/// cell's click filters by both values and finds as many hits as it said.
async fn who_appears_with_what(c: &Client, base: &str, index: &Path) {
    open(c, &format!("{base}/?topic=crude&panel=cooccur")).await;
    let want = cli(
        index,
        &[
            "cooccur", "person", "country", "--topic", "crude", "--top", "10",
        ],
    );
    let heat = js(c, PAGE_HEAT).await;
    assert_eq!(heat, cli_heat(&want));
    let caption = js(
        c,
        "return document.querySelector('#analysis caption').textContent;",
    )
    .await;
    let fields: Value = serde_json::from_str(
        &ureq::get(&format!("{base}/api/fields"))
            .call()
            .expect("GET /api/fields")
            .into_string()
            .expect("a body"),
    )
    .expect("JSON");
    let label = |name: &str| {
        fields["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .expect("a declared facet")["label"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let named = format!("{} × {}:", label("person"), label("country"));
    assert!(caption.as_str().unwrap().starts_with(&named), "{caption}");
    let headers = js(
        c,
        "return document.querySelectorAll('#analysis th[scope=\"col\"]').length + ',' + \
         document.querySelectorAll('#analysis th[scope=\"row\"]').length;",
    )
    .await;
    assert_eq!(
        headers,
        format!(
            "{},{}",
            want["columns"].as_array().unwrap().len(),
            want["rows"].as_array().unwrap().len()
        )
    );
    scroll_to(c, "#analyses").await;
    screenshot(c, "analyses-cooccur").await;

    // The fullest cell, clicked.
    let (person, country, count) = want["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["cells"].as_array().unwrap().iter().map(move |cell| {
                (
                    r["value"].as_str().unwrap().to_string(),
                    cell["value"].as_str().unwrap().to_string(),
                    cell["count"].as_u64().unwrap(),
                )
            })
        })
        .max_by_key(|x| x.2)
        .expect("a cell");
    assert!(count > 0);
    click(
        c,
        &format!(
            "#analysis tr[data-value={}] td[data-col={}] button",
            json!(person),
            json!(country)
        ),
    )
    .await;
    wait(
        c,
        "both filters in the URL",
        "location.search.includes('person=') && location.search.includes('country=')",
    )
    .await;
    settled(c).await;
    let s = snapshot(c).await;
    assert_eq!(s["total"], Value::String(count.to_string()), "{s}");
    let hits = cli_search(
        index,
        &[
            "",
            "--topic",
            "crude",
            "--person",
            &person,
            "--country",
            &country,
        ],
    );
    assert_eq!(s["total"], total(&hits));
    assert_eq!(s["ids"], ids(&hits));
    assert_eq!(s["chips"].as_array().unwrap().len(), 3, "{s}");
    c.back().await.expect("back");
    settled(c).await;

    // Another facet for the columns: the select, the URL and the table.
    c.find(Locator::Css("#co-cols"))
        .await
        .expect("the columns select")
        .select_by_value("topic")
        .await
        .expect("select topic");
    wait(
        c,
        "the columns in the URL",
        "location.search.includes('cols=topic')",
    )
    .await;
    settled(c).await;
    let by_topic = cli(
        index,
        &[
            "cooccur", "person", "topic", "--topic", "crude", "--top", "10",
        ],
    );
    assert_eq!(js(c, PAGE_HEAT).await, cli_heat(&by_topic));
    assert_ne!(cli_heat(&by_topic), cli_heat(&want));
    // Shade by count: the same numbers, other shades.
    click(c, "#analysis input[name=\"shade\"][value=\"count\"]").await;
    wait(
        c,
        "the shade in the URL",
        "location.search.includes('shade=count')",
    )
    .await;
    settled(c).await;
    assert_eq!(js(c, PAGE_HEAT).await, cli_heat(&by_topic));
    let shades = js(
        c,
        "return new Set([...document.querySelectorAll('#analysis td')].map((td) => td.className)).size;",
    )
    .await;
    assert!(shades.as_u64().unwrap() > 1, "one shade for every cell");
}

/// Topic crude's copies are `newsdex dupes --topic crude`; the largest
/// opens its earliest copy, whose similar stories are `/api/similar` and
/// whose copies the page lists.
async fn copies_and_similar(c: &Client, base: &str, index: &Path) {
    open(c, &format!("{base}/?topic=crude&panel=copies")).await;
    let want = cli(index, &["dupes", "--topic", "crude", "--limit", "20"]);
    let clusters = want["clusters"].as_array().unwrap();
    assert!(!clusters.is_empty());
    let shown = js(
        c,
        "return [...document.querySelectorAll('#analysis li.cluster')].map((li) => li.dataset.cluster + '=' + li.dataset.copies);",
    )
    .await;
    let expected: Vec<String> = clusters
        .iter()
        .map(|k| format!("{}={}", k["cluster"].as_str().unwrap(), k["copies"]))
        .collect();
    assert_eq!(shown, json!(expected));
    let about = panel_text(c).await;
    assert!(
        about.contains(&format!("{} stories have copies", want["total_clusters"])),
        "{about}"
    );
    scroll_to(c, "#analyses").await;
    screenshot(c, "analyses-copies").await;

    // The largest cluster opens its earliest copy.
    let first = &clusters[0];
    let earliest = first["members"][0]["id"].as_str().unwrap().to_string();
    click(c, "#analysis li.cluster a.cluster-title").await;
    wait(c, "the article", "document.querySelector('#article h2')").await;
    settled(c).await;
    let s = snapshot(c).await;
    assert_eq!(s["article"], first["members"][0]["title"]);
    assert!(
        s["search"]
            .as_str()
            .unwrap()
            .contains(&format!("article={earliest}")),
        "{s}"
    );

    // Its similar stories, as the API and the CLI give them.
    let body = ureq::get(&format!("{base}/api/similar/{earliest}?limit=10"))
        .call()
        .expect("GET /api/similar")
        .into_string()
        .expect("a body");
    let api: Value = serde_json::from_str(&body).expect("JSON");
    let page = js(
        c,
        "return [...document.querySelectorAll('#article .similar li')].map((li) => li.dataset.id);",
    )
    .await;
    assert_eq!(page, ids(&api));
    assert_eq!(
        page,
        ids(&cli(index, &["similar", &earliest, "--limit", "10"]))
    );
    assert_eq!(page.as_array().unwrap().len(), 10);
    // A similar story with copies of its own says so.
    let marked = js(
        c,
        "return [...document.querySelectorAll('#article .similar li .meta')].map((m) => /\\+\\d+ cop/.test(m.textContent));",
    )
    .await;
    let with_copies: Vec<bool> = api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["copies"].as_u64().unwrap() > 1)
        .collect();
    assert!(
        with_copies.contains(&true),
        "no similar story with copies to mark"
    );
    assert_eq!(marked, json!(with_copies));
    let members: Vec<&str> = first["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(
        !page
            .as_array()
            .unwrap()
            .iter()
            .any(|id| members.contains(&id.as_str().unwrap())),
        "a copy listed as a similar story"
    );
    scroll_to(c, "#article .similar-stories").await;
    screenshot(c, "analyses-article").await;

    // The copies note, and the search that lists the copies.
    let copies = js(
        c,
        "return document.querySelector('#article .copies-note')?.dataset.copies ?? null;",
    )
    .await;
    assert_eq!(copies, Value::String(first["copies"].to_string()));
    click(c, "#article .copies-note a").await;
    wait(
        c,
        "the results",
        "!document.getElementById('results').hidden",
    )
    .await;
    settled(c).await;
    let s = snapshot(c).await;
    assert_eq!(
        s["total"],
        Value::String(first["copies"].to_string()),
        "{s}"
    );
    let mut listed: Vec<String> = serde_json::from_value(s["ids"].clone()).unwrap();
    listed.sort();
    let mut all: Vec<&str> = members.clone();
    all.sort();
    assert_eq!(listed, all);

    // A similar story opens as an article.
    c.back().await.expect("back");
    settled(c).await;
    let second = page[1].as_str().unwrap().to_string();
    click(
        c,
        &format!("#article .similar li[data-id={}] a", json!(second)),
    )
    .await;
    wait(
        c,
        "the similar story",
        &format!("location.search.includes('article={second}')"),
    )
    .await;
    settled(c).await;
    let shown = util::json(index, &["show", &second, "--format", "json"], 0);
    assert_eq!(snapshot(c).await["article"], shown["title"]);
}

/// A bad query's error is in the message area and the panel says so; an
/// empty result says so in words.
async fn errors_and_empty_results(c: &Client, base: &str, index: &Path) {
    for panel in ["terms", "cooccur", "copies"] {
        open(c, &format!("{base}/?q=cocoa+AND+(&panel={panel}")).await;
        let s = snapshot(c).await;
        let message = s["message"]
            .as_str()
            .unwrap_or_else(|| panic!("no message: {s}"));
        assert!(message.contains("syntax error"), "{message}");
        let text = panel_text(c).await;
        assert!(text.contains("see the message above"), "{panel}: {text}");

        open(c, &format!("{base}/?q=zzqqxxnothing&panel={panel}")).await;
        let text = panel_text(c).await;
        assert!(
            text.contains("No articles match") || text.contains("None of these hits"),
            "{panel}: {text}"
        );
        assert_eq!(snapshot(c).await["message"], Value::Null);
    }
    // An analysis that fails while the search works (the server refusing
    // it, here played by a patched fetch): its reason in the message area,
    // the hits still there, the panel saying where to look.
    open(c, &format!("{base}/?topic=cocoa")).await;
    let hits = snapshot(c).await;
    js(c, FAILING_FETCH).await;
    for panel in ["terms", "cooccur", "copies"] {
        click(c, &format!("#analyses button[data-panel=\"{panel}\"]")).await;
        wait(
            c,
            "the panel in the URL",
            &format!("location.search.includes('panel={panel}')"),
        )
        .await;
        settled(c).await;
        let s = snapshot(c).await;
        assert_eq!(
            s["message"], "Server busy: try again in a moment",
            "{panel}: {s}"
        );
        assert_eq!(s["ids"], hits["ids"], "{panel}");
        let text = panel_text(c).await;
        assert!(text.contains("see the message above"), "{panel}: {text}");
    }
    click(c, "#hits .hit-title").await;
    wait(c, "the article", "document.querySelector('#article h2')").await;
    settled(c).await;
    let s = snapshot(c).await;
    assert_eq!(s["message"], "Server busy: try again in a moment", "{s}");
    let text = js(
        c,
        "return document.querySelector('#article .similar-stories').textContent;",
    )
    .await;
    assert!(
        text.as_str().unwrap().contains("see the message above"),
        "{text}"
    );

    // Hits without copies: the copies panel says so.
    let one = cli_search(index, &["title:countertrade", "--collapse"]);
    let lone = one["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["copies"] == 1)
        .expect("a story without copies")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let q = format!("id:\"{lone}\"");
    assert_eq!(cli(index, &["dupes", &q])["total_clusters"], 0);
    open(c, &format!("{base}/?q={}&panel=copies", urlencode(&q))).await;
    assert_eq!(snapshot(c).await["total"], "1");
    let text = panel_text(c).await;
    assert!(
        text.contains("None of these hits has a near-duplicate copy"),
        "{text}"
    );
}

/// At phone width every panel fits: wide tables scroll inside themselves,
/// the page never sideways.
async fn phone_width(c: &Client, base: &str) {
    c.set_window_size(390, 844).await.expect("resize");
    for view in [
        "?topic=cocoa&panel=terms",
        "?topic=crude&panel=cooccur",
        "?topic=crude&panel=copies",
        "?article=10268",
    ] {
        open(c, &format!("{base}/{view}")).await;
        let fits = js(
            c,
            "return document.documentElement.scrollWidth <= window.innerWidth;",
        )
        .await;
        assert_eq!(
            fits,
            Value::Bool(true),
            "{view} scrolls sideways at phone width"
        );
    }
    screenshot(c, "analyses-phone").await;
    c.set_window_size(1280, 900).await.expect("resize");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
