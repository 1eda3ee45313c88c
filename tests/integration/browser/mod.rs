//! The page of `newsdex serve` in a real headless Chromium: searching,
//! facets, the chart (drag, compare, share), an article, the back button,
//! URLs that reproduce a view, hostile article text, and the page's weight
//! and time to first results on Reuters-21578 (printed, not asserted). What
//! the page shows is checked against the CLI's JSON over the same index.

mod analyses;
mod harness;

use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::util;
use harness::{click, js, open, screenshot, settled, type_and_enter, wait, with_browser, Server};

/// What a view shows, read from the page: two equal snapshots are one view.
const SNAPSHOT: &str = r#"
const $ = (s) => [...document.querySelectorAll(s)];
const article = document.getElementById('article');
// With an article open the results are hidden: only the article counts.
const results = article.hidden;
return {
  search: location.search,
  q: document.getElementById('q').value,
  total: results ? document.getElementById('count').dataset.total ?? null : null,
  ids: results ? $('#hits .hit').map((h) => h.dataset.id) : null,
  chips: results ? $('#chips .chip').map((b) => b.textContent) : null,
  checked: results ? $('#facets input:checked').map((i) => i.closest('details').dataset.facet + '=' + i.value) : null,
  legend: results ? $('#legend li').map((li) => li.dataset.query + '=' + li.dataset.total) : null,
  since: document.getElementById('since').value,
  until: document.getElementById('until').value,
  sort: document.getElementById('sort').value,
  measure: document.querySelector('input[name="measure"]:checked').value,
  article: article.hidden ? null : (article.querySelector('h2')?.textContent ?? ''),
  message: document.getElementById('message').hidden ? null : document.getElementById('message').textContent,
};"#;

async fn snapshot(c: &Client) -> Value {
    js(c, SNAPSHOT).await
}

/// `newsdex search ... --format json` (exit 0 with hits, 1 without).
fn cli_search(index: &Path, args: &[&str]) -> Value {
    let out = util::newsdex(index)
        .arg("search")
        .args(args)
        .args(["--format", "json", "--limit", "20"])
        .output()
        .expect("runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "newsdex search {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The hit ids of a CLI search, in their order, as the page lists them.
fn ids(v: &Value) -> Value {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].clone())
        .collect()
}

/// The values and counts of one facet of a CLI search, as `value=count`.
fn facet_counts(v: &Value, facet: &str) -> Vec<String> {
    v["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .find(|f| f["facet"] == facet)
        .expect("facet counted")["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|x| format!("{}={}", x["value"].as_str().unwrap(), x["count"]))
        .collect()
}

/// The same as shown in a facet box of the page.
async fn page_facet_counts(c: &Client, facet: &str) -> Vec<String> {
    let v = js(
        c,
        &format!(
        "return [...document.querySelectorAll('details[data-facet=\"{facet}\"] li')].map((li) => \
         li.querySelector('input').value + '=' + (li.querySelector('.count')?.textContent ?? '?'));"
    ),
    )
    .await;
    serde_json::from_value(v).expect("strings")
}

fn total(v: &Value) -> Value {
    Value::String(v["total"].to_string())
}

#[test]
fn page_searches_filters_charts_and_keeps_its_state_in_the_url() {
    let Some(tools) = harness::tools() else {
        return;
    };
    let index = util::idx(&util::sample_index().0);
    let server = Server::start(&index);
    let base = server.url.trim_end_matches('/').to_string();
    let index = index.as_path();
    // An index without articles: an empty file indexed.
    let empty_dir = tempfile::tempdir().expect("tempdir");
    let empty_file = empty_dir.path().join("empty.jsonl");
    std::fs::write(&empty_file, "").expect("write");
    let (empty, _) = util::build(&[&empty_file], &[]);
    let empty = Server::start(&util::idx(&empty));
    with_browser(&tools, |c| async move {
        // Every article, as `newsdex search ''` lists them.
        open(&c, &server.url).await;
        let all = cli_search(index, &[""]);
        let s0 = snapshot(&c).await;
        assert_eq!(s0["total"], total(&all), "{s0}");
        assert_eq!(s0["ids"], ids(&all));
        screenshot(&c, "browse").await;

        // The find box of a facet lists the values the server matches.
        let find = c
            .find(Locator::Css("details[data-facet=\"country\"] .find"))
            .await
            .expect("the country find box");
        find.send_keys("uni").await.expect("type");
        let out = util::newsdex(index)
            .args(["facets", "country", "--match", "uni", "--format", "json"])
            .output()
            .expect("runs");
        let matched: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let want: Vec<String> = matched["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|x| format!("{}={}", x["value"].as_str().unwrap(), x["count"]))
            .collect();
        assert!(!want.is_empty());
        let want_js = serde_json::to_string(&want).unwrap();
        wait(
            &c,
            "the matching countries",
            &format!(
                "JSON.stringify([...document.querySelectorAll('details[data-facet=\"country\"] li')]\
                 .map((li) => li.querySelector('input').value + '=' + li.querySelector('.count').textContent)) \
                 === {}",
                serde_json::to_string(&want_js).unwrap()
            ),
        )
        .await;
        find.clear().await.expect("clear");
        find.send_keys(" \u{E003}").await.expect("emptied");

        // Type a query: its hits, with the query word marked.
        type_and_enter(&c, "#q", "oil").await;
        wait(&c, "the query in the URL", "location.search === '?q=oil'").await;
        settled(&c).await;
        let oil = cli_search(index, &["oil", "--facet", "person"]);
        let s1 = snapshot(&c).await;
        assert_eq!(s1["total"], total(&oil), "{s1}");
        assert_eq!(s1["ids"], ids(&oil));
        let marks = js(&c, "return [...document.querySelectorAll('#hits mark')].map((m) => m.textContent.toLowerCase());").await;
        let marks = marks.as_array().expect("marks");
        assert!(
            !marks.is_empty() && marks.iter().all(|m| m == "oil"),
            "{marks:?}"
        );
        assert_eq!(
            page_facet_counts(&c, "person").await,
            facet_counts(&oil, "person")
        );

        // Tick the first country: hits and the other facets' counts follow,
        // the country list still counts the other countries (multi-select).
        let first = js(&c, "const i = document.querySelector('details[data-facet=\"country\"] input[type=checkbox]'); \
                            return [i.value, i.closest('label').querySelector('.count').textContent];").await;
        let (country, count) = (
            first[0].as_str().unwrap().to_string(),
            first[1].as_str().unwrap().to_string(),
        );
        click(
            &c,
            &format!("details[data-facet=\"country\"] input[value=\"{country}\"]"),
        )
        .await;
        wait(
            &c,
            "the country in the URL",
            &format!("location.search.includes('country={country}')"),
        )
        .await;
        settled(&c).await;
        let filtered = cli_search(
            index,
            &[
                "oil",
                "--country",
                &country,
                "--facet",
                "person",
                "--facet",
                "country",
            ],
        );
        let s2 = snapshot(&c).await;
        assert_eq!(
            s2["total"],
            Value::String(count),
            "the hits are as many as the box said: {s2}"
        );
        assert_eq!(s2["total"], total(&filtered));
        assert_ne!(
            s2["total"], s1["total"],
            "ticking a country changed nothing"
        );
        assert_eq!(s2["ids"], ids(&filtered));
        assert_eq!(
            s2["checked"],
            serde_json::json!([format!("country={country}")])
        );
        assert_eq!(s2["chips"].as_array().unwrap().len(), 1, "{s2}");
        assert_eq!(
            page_facet_counts(&c, "person").await,
            facet_counts(&filtered, "person")
        );
        assert_eq!(
            page_facet_counts(&c, "country").await,
            facet_counts(&filtered, "country")
        );
        screenshot(&c, "filtered").await;

        // Compare a second query under the same filter, then show shares.
        type_and_enter(&c, "#compare-q", "bank").await;
        wait(
            &c,
            "two queries in the legend",
            "document.querySelectorAll('#legend li').length === 2",
        )
        .await;
        settled(&c).await;
        let bank = cli_search(index, &["bank", "--country", &country]);
        let s3 = snapshot(&c).await;
        assert_eq!(
            s3["legend"],
            serde_json::json!([
                format!("oil={}", filtered["total"]),
                format!("bank={}", bank["total"]),
            ])
        );
        assert!(s3["search"].as_str().unwrap().contains("cmp=bank"), "{s3}");
        click(&c, "input[name=\"measure\"][value=\"share\"]").await;
        wait(
            &c,
            "share in the URL",
            "location.search.includes('share=1')",
        )
        .await;
        settled(&c).await;
        let s4 = snapshot(&c).await;
        assert_eq!(s4["legend"], s3["legend"]);
        assert_eq!(s4["measure"], "share");
        assert_eq!(
            js(
                &c,
                "return document.querySelectorAll('#chart canvas').length;"
            )
            .await,
            1
        );
        screenshot(&c, "compare").await;

        // Open the first hit: every field of `newsdex show`.
        let id = s4["ids"][0].as_str().expect("a hit").to_string();
        click(&c, "#hits .hit-title").await;
        wait(
            &c,
            "the article",
            "!document.getElementById('article').hidden && document.querySelector('#article h2')",
        )
        .await;
        settled(&c).await;
        let shown = util::json(index, &["show", &id, "--format", "json"], 0);
        let s5 = snapshot(&c).await;
        assert_eq!(s5["article"], shown["title"]);
        let names = js(
            &c,
            // Sorted: serde_json's map does not keep the CLI's key order.
            "return [...document.querySelectorAll('#article dt')].map((d) => d.textContent).sort();",
        )
        .await;
        let mut keys: Vec<String> = shown
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "title" && *k != "body")
            .map(|k| k.replace('_', " "))
            .collect();
        keys.sort();
        assert_eq!(
            names,
            serde_json::json!(keys),
            "every field of the article is shown"
        );
        let body = js(
            &c,
            "return document.querySelector('#article .body').textContent;",
        )
        .await;
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(
            squash(body.as_str().unwrap()),
            squash(shown["body"].as_str().unwrap())
        );
        screenshot(&c, "article").await;

        // The back button steps back through the views, each as it was.
        for earlier in [&s4, &s3, &s2, &s1] {
            c.back().await.expect("back");
            wait(
                &c,
                "the earlier URL",
                &format!("location.search === {}", earlier["search"]),
            )
            .await;
            settled(&c).await;
            assert_eq!(&snapshot(&c).await, earlier);
        }

        // A URL opened afresh (a copied link) draws the same view.
        for view in [&s2, &s4, &s5] {
            open(&c, &format!("{base}/{}", view["search"].as_str().unwrap())).await;
            wait(
                &c,
                "the view's content",
                "document.querySelector('#hits .hit, #article h2')",
            )
            .await;
            settled(&c).await;
            assert_eq!(&snapshot(&c).await, view);
        }

        // `/` moves the focus to the search box.
        open(&c, &format!("{base}/?q=oil")).await;
        click(&c, "#count").await;
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: '/' })
            .then(KeyAction::Up { value: '/' });
        c.perform_actions(keys).await.expect("key press");
        wait(
            &c,
            "focus in the search box",
            "document.activeElement.id === 'q'",
        )
        .await;

        drag_sets_dates(&c, &base, index).await;
        messages(&c, &base, &empty.url).await;

        // Phone width: one column, nothing wider than the screen.
        c.set_window_size(390, 844).await.expect("resize");
        open(&c, &format!("{base}/?q=oil")).await;
        let fits = js(
            &c,
            "return document.documentElement.scrollWidth <= window.innerWidth;",
        )
        .await;
        assert_eq!(
            fits,
            Value::Bool(true),
            "the page scrolls sideways at phone width"
        );
        screenshot(&c, "phone").await;

        // The README's picture: three queries over the recent samples.
        c.set_window_size(1280, 900).await.expect("resize");
        open(
            &c,
            &format!("{base}/?since=2021&cmp=bank+OR+rates&cmp=election+OR+vote"),
        )
        .await;
        let legend = js(&c, "return document.querySelectorAll('#legend li').length;").await;
        assert_eq!(legend, 3);
        screenshot(&c, "readme").await;
    });
}

/// Drag across the yearly chart of every article: since/until become the
/// first and last day of the years under the drag, and the hits follow.
async fn drag_sets_dates(c: &Client, base: &str, index: &Path) {
    open(c, &format!("{base}/?interval=year")).await;
    let before = snapshot(c).await;
    let over = c
        .find(Locator::Css("#chart .u-over"))
        .await
        .expect("the chart");
    let width = js(
        c,
        "return document.querySelector('#chart .u-over').getBoundingClientRect().width;",
    )
    .await;
    let width = width.as_f64().expect("width");
    // From the middle to near the right end, in small steps as a hand would.
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: over,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(300)),
            x: width * 0.45,
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    c.perform_actions(drag).await.expect("drag");
    wait(
        c,
        "dates in the URL",
        "location.search.includes('since=') && location.search.includes('until=')",
    )
    .await;
    settled(c).await;
    let after = snapshot(c).await;
    let (since, until) = (
        after["since"].as_str().unwrap(),
        after["until"].as_str().unwrap(),
    );
    assert!(
        since.len() == 10 && since.ends_with("-01-01"),
        "since {since}"
    );
    assert!(
        until.len() == 10 && until.ends_with("-12-31") && since < until,
        "until {until}"
    );
    let cli = cli_search(index, &["", "--since", since, "--until", until]);
    assert_eq!(after["total"], total(&cli), "{after}");
    assert_eq!(after["ids"], ids(&cli));
    let (n_before, n_after): (u64, u64) = (
        before["total"].as_str().unwrap().parse().unwrap(),
        after["total"].as_str().unwrap().parse().unwrap(),
    );
    assert!(n_after > 0 && n_after < n_before, "{n_before} -> {n_after}");
    assert_eq!(
        after["chips"],
        serde_json::json!([format!("from {since} ✕"), format!("up to {until} ✕")])
    );
    screenshot(c, "dates").await;
}

/// An unknown filter value, a query without hits and an empty index each
/// say so on the page.
async fn messages(c: &Client, base: &str, empty: &str) {
    open(c, &format!("{base}/?q=oil&country=narnia")).await;
    let s = snapshot(c).await;
    let message = s["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no message: {s}"));
    assert!(message.contains("narnia"), "{message}");
    assert_eq!(s["ids"], serde_json::json!([]));
    assert_eq!(
        s["chips"].as_array().unwrap().len(),
        1,
        "the bad value can be removed: {s}"
    );

    open(c, &format!("{base}/?q=zzqqxxnothing")).await;
    let s = snapshot(c).await;
    assert_eq!(s["total"], "0");
    let text = js(c, "return document.getElementById('count').textContent;").await;
    assert!(
        text.as_str().unwrap().starts_with("No articles match"),
        "{text}"
    );

    open(c, empty).await;
    let text = js(c, "return document.getElementById('count').textContent;").await;
    assert!(
        text.as_str().unwrap().starts_with("The index is empty"),
        "{text}"
    );
}

const PWNED: &str = "window.__pwned";
const PAYLOADS: [&str; 4] = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "javascript:window.__pwned=1",
    "\"><svg onload=\"window.__pwned=1\">",
];

/// Articles whose every text field carries script, written as JSON Lines.
fn hostile_jsonl() -> String {
    let [script, img, js_url, svg] = PAYLOADS;
    let records = [
        serde_json::json!({
            "id": "hostile-1",
            "title": format!("Hostile {script} headline {img}"),
            "body": format!("The hostile body carries {script} and {img} and {js_url} and {svg} in its text."),
            "dateline": format!("{svg} LONDON"),
            "date": "2020-05-01",
            "people": [img, js_url, svg],
            "source": script,
            "url": js_url,
        }),
        serde_json::json!({
            "id": "hostile-2",
            "title": format!("Second hostile story {svg}"),
            "body": format!("Zürich café naïve résumé: another hostile body linking {js_url}."),
            "date": "2020-06-01",
            "url": format!("https://example.com/{svg}"),
        }),
    ];
    records.iter().map(|r| format!("{r}\n")).collect()
}

async fn assert_not_pwned(c: &Client, when: &str) {
    let v = js(c, &format!("return typeof {PWNED};")).await;
    assert_eq!(v, "undefined", "a payload ran ({when})");
}

#[test]
fn one_per_story_collapses_copies_as_the_cli_does() {
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
        open(&c, &format!("{base}/?q=prime+rate")).await;
        let plain = cli_search(index, &["prime rate"]);
        assert_eq!(snapshot(&c).await["total"], total(&plain));

        // Tick "one per story": the hits and the count are the CLI's
        // collapsed ones, and the URL keeps the choice.
        click(&c, "#collapse").await;
        wait(
            &c,
            "collapse in the URL",
            "location.search.includes('collapse=1')",
        )
        .await;
        settled(&c).await;
        let collapsed = cli_search(index, &["prime rate", "--collapse"]);
        let s = snapshot(&c).await;
        assert_eq!(s["total"], total(&collapsed), "{s}");
        assert_eq!(s["ids"], ids(&collapsed));
        assert!(collapsed["total"].as_u64() < plain["total"].as_u64());
        let count = js(&c, "return document.getElementById('count').textContent;").await;
        assert!(count.as_str().unwrap().contains("stories"), "{count}");
        let copies = collapsed["hits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["copies"].as_u64().unwrap() > 1)
            .count();
        let shown = js(
            &c,
            "return document.querySelectorAll('#hits .copies').length;",
        )
        .await;
        assert_eq!(shown.as_u64(), Some(copies as u64));

        // Back: every copy again.
        c.back().await.expect("back");
        settled(&c).await;
        assert_eq!(snapshot(&c).await["total"], total(&plain));
        let ticked = js(&c, "return document.getElementById('collapse').checked;").await;
        assert_eq!(ticked, Value::Bool(false));
    });
}

#[test]
fn hostile_article_text_is_shown_as_text_and_never_runs() {
    let Some(tools) = harness::tools() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hostile.jsonl");
    std::fs::write(&file, hostile_jsonl()).expect("write");
    let (built, _) = util::build(&[&file], &[]);
    let index = util::idx(&built);
    let server = Server::start(&index);
    let index = index.as_path();
    with_browser(&tools, |c| async move {
        open(&c, &server.url).await;
        type_and_enter(&c, "#q", "hostile").await;
        wait(
            &c,
            "the hostile hits",
            "document.querySelectorAll('#hits .hit').length === 2",
        )
        .await;
        settled(&c).await;
        assert_not_pwned(&c, "search").await;
        let injected = js(&c, "return document.querySelectorAll('#hits script, #hits img, #hits svg, #hits iframe, #hits [onerror], #hits [onload]').length;").await;
        assert_eq!(injected, 0);
        // Titles and snippets as stored, character for character.
        let cli = cli_search(index, &["hostile"]);
        let titles = js(
            &c,
            "return [...document.querySelectorAll('#hits .hit-title')].map((a) => a.textContent);",
        )
        .await;
        let want: Vec<&Value> = cli["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| &h["title"]["text"])
            .collect();
        assert_eq!(titles, serde_json::json!(want));
        let text = js(&c, "return document.getElementById('hits').textContent;").await;
        for payload in PAYLOADS {
            assert!(
                text.as_str().unwrap().contains(payload),
                "{payload} not shown literally"
            );
        }
        // Highlights are byte ranges: after 'Zürich café naïve résumé' the
        // mark must still cover exactly the query word.
        let marks = js(&c, "return [...document.querySelectorAll('#hits mark')].map((m) => m.textContent.toLowerCase());").await;
        let marks = marks.as_array().unwrap();
        assert!(
            !marks.is_empty() && marks.iter().all(|m| m == "hostile"),
            "{marks:?}"
        );

        // The article with every field; its links are http(s) only.
        click(&c, "#hits .hit[data-id=\"hostile-1\"] .hit-title").await;
        wait(&c, "the article", "document.querySelector('#article h2')").await;
        settled(&c).await;
        assert_not_pwned(&c, "article").await;
        let shown = util::json(index, &["show", "hostile-1", "--format", "json"], 0);
        let h2 = js(
            &c,
            "return document.querySelector('#article h2').textContent;",
        )
        .await;
        assert_eq!(h2, shown["title"]);
        let page = js(&c, "return document.getElementById('article').textContent;").await;
        for payload in PAYLOADS {
            assert!(
                page.as_str().unwrap().contains(payload),
                "{payload} not shown literally"
            );
        }
        let bad_links = js(&c, "return [...document.querySelectorAll('a')].filter((a) => !/^https?:/.test(a.href)).map((a) => a.href);").await;
        assert_eq!(bad_links, serde_json::json!([]));
        for link in c
            .find_all(Locator::Css("#article dd a"))
            .await
            .expect("links")
        {
            link.click().await.expect("click a link");
            assert_not_pwned(&c, "link clicked").await;
        }
        // The other hostile story is its similar story: its title is text,
        // and its link opens it (then Back to this one).
        wait(
            &c,
            "the similar stories",
            "document.querySelector('#article .similar a')",
        )
        .await;
        let similar = js(
            &c,
            "return document.querySelector('#article .similar a').textContent;",
        )
        .await;
        assert_eq!(similar, format!("Second hostile story {}", PAYLOADS[3]));
        click(&c, "#article .similar a").await;
        wait(
            &c,
            "the similar story",
            "location.search.includes('article=hostile-2')",
        )
        .await;
        settled(&c).await;
        assert_not_pwned(&c, "similar story opened").await;
        c.back().await.expect("back");
        wait(
            &c,
            "the first article again",
            "location.search.includes('article=hostile-1')",
        )
        .await;
        settled(&c).await;
        // A person chip made of markup filters by that person, as text.
        click(&c, "#article .tags[data-facet=\"person\"] .tag").await;
        wait(
            &c,
            "the person filter",
            "location.search.includes('person=')",
        )
        .await;
        settled(&c).await;
        let chips = js(&c, "return document.getElementById('chips').textContent;").await;
        assert!(chips.as_str().unwrap().contains(PAYLOADS[1]), "{chips}");

        // The second article: an http(s) link whose text is markup.
        open(&c, &format!("{}?article=hostile-2", server.url)).await;
        wait(&c, "the article", "document.querySelector('#article h2')").await;
        let href = js(&c, "return document.querySelector('#article dd a').href;").await;
        assert!(
            href.as_str().unwrap().starts_with("https://example.com/"),
            "{href}"
        );
        click(&c, "#article dd a").await;
        // Give a handler that might have been planted time to fire.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_not_pwned(&c, "end").await;
        screenshot(&c, "hostile").await;
    });
}

/// Median of some milliseconds.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

const PERF: &str = r#"
const mark = performance.getEntriesByName('newsdex:first-results')[0];
const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
return {
  first_results_ms: mark ? mark.startTime : null,
  transferred: all.reduce((n, e) => n + e.transferSize, 0),
  encoded: all.reduce((n, e) => n + e.encodedBodySize, 0),
  decoded: all.reduce((n, e) => n + e.decodedBodySize, 0),
  responses: all.length,
};"#;

/// Prints the page's weight and the time from navigation to the first hits
/// drawn on the Reuters-21578 index (BENCHMARKS.md quotes it).
#[test]
fn page_weight_and_time_to_first_results_on_reuters() {
    let Some(tools) = harness::tools() else {
        return;
    };
    let Some((dir, _)) = util::reuters_index() else {
        return;
    };
    let server = Server::start(&util::idx(dir));
    let base = server.url.trim_end_matches('/').to_string();
    with_browser(&tools, |c| async move {
        for view in ["/", "/?q=oil"] {
            let url = format!("{base}{view}");
            let mut times = Vec::new();
            let mut cold = Value::Null;
            for run in 0..7 {
                open(&c, &url).await;
                let p = js(&c, PERF).await;
                times.push(
                    p["first_results_ms"]
                        .as_f64()
                        .expect("the page marks its first results"),
                );
                if run == 0 {
                    cold = p;
                }
            }
            // Only the session's very first load ("/") finds an empty cache.
            println!(
                "serve page {view} (Reuters-21578): first results drawn {:.0} ms after navigation \
                 on the first load, median {:.0} ms over {} loads; the first load moved {} bytes \
                 ({} bytes of bodies, {} uncompressed) in {} responses",
                cold["first_results_ms"].as_f64().unwrap(),
                median(times.clone()),
                times.len(),
                cold["transferred"],
                cold["encoded"],
                cold["decoded"],
                cold["responses"],
            );
        }
        screenshot(&c, "reuters").await;
    });
}
