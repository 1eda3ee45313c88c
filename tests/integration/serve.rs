//! `newsdex serve`: the real binary listening on a free loopback port over a
//! real index, driven over HTTP. Answers are checked against the command
//! line's own JSON, status codes and problem bodies against the rules of
//! the API, and reload against a concurrent `newsdex index`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{self, newsdex};

/// A running `newsdex serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Start `newsdex --index INDEX serve --bind 127.0.0.1:0 EXTRA...` and
    /// wait (at most a minute) for the line with its URL.
    pub fn start(index: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .arg("--index")
            .arg(index)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .env_remove("NEWSDEX_TOKEN")
            .env_remove("NEWSDEX_INDEX")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("newsdex serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep reading so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let line = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("newsdex serve printed no URL within a minute");
            }
        };
        let base = line
            .strip_prefix("newsdex: serving ")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .trim_end_matches('/')
            .to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Server { child, base }
    }

    /// GET a path; the status, content type and body.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        self.get_with(path, None)
    }

    /// GET a path with an optional bearer token.
    pub fn get_with(&self, path: &str, token: Option<&str>) -> (u16, String, String) {
        let mut req = ureq::get(&format!("{}{path}", self.base)).timeout(Duration::from_secs(60));
        if let Some(t) = token {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        let resp = match req.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("GET {path}: {e}"),
        };
        let status = resp.status();
        let ctype = resp.header("content-type").unwrap_or("").to_string();
        let body = resp.into_string().expect("body");
        (status, ctype, body)
    }

    /// GET a path that must answer 200 with JSON.
    pub fn json(&self, path: &str) -> Value {
        let (status, ctype, body) = self.get(path);
        assert_eq!(status, 200, "GET {path}: {body}");
        assert_eq!(ctype, "application/json", "GET {path}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
    }

    /// GET a path that must answer `status` with a problem body; the body.
    pub fn problem(&self, path: &str, status: u16) -> Value {
        let (got, ctype, body) = self.get(path);
        assert_eq!(got, status, "GET {path}: {body}");
        assert_eq!(ctype, "application/problem+json", "GET {path}");
        let v: Value = serde_json::from_str(&body).expect("problem is JSON");
        assert_eq!(v["status"], status, "{v}");
        assert!(
            v["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "a problem says what is wrong: {v}"
        );
        v
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Results without the one field that differs run to run.
fn without_timing(mut v: Value) -> Value {
    v.as_object_mut().map(|o| o.remove("took_ms"));
    v
}

#[test]
fn search_answers_as_the_command_line_does() {
    let (dir, _) = util::sample_index();
    let index = util::idx(dir);
    let server = Server::start(&index, &[]);
    let api = server.json("/api/search?q=oil&facet=country&facet=person&histogram=month&limit=5");
    let cli = util::json(
        &index,
        &[
            "search",
            "oil",
            "--facet",
            "country",
            "--facet",
            "person",
            "--histogram",
            "month",
            "--limit",
            "5",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(without_timing(api.clone()), without_timing(cli));
    assert!(api["total"].as_u64().unwrap() > 0);

    // Multi-select: a filtered facet is counted without its own filter, so
    // the country counts stay those of the unfiltered query.
    let first = api["facets"][0]["values"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let filtered = server.json(&format!("/api/search?q=oil&facet=country&country={first}"));
    assert!(
        filtered["total"].as_u64() < api["total"].as_u64()
            || api["facets"][0]["values"].as_array().unwrap().len() == 1
    );
    assert_eq!(filtered["facets"][0]["values"], api["facets"][0]["values"]);
    // The general form and an alias mean the same filter.
    let general = server.json(&format!(
        "/api/search?q=oil&facet=country&filter=country:{first}"
    ));
    let alias = server.json(&format!("/api/search?q=oil&facet=country&place={first}"));
    assert_eq!(util::hit_ids(&general), util::hit_ids(&filtered));
    assert_eq!(util::hit_ids(&alias), util::hit_ids(&filtered));
}

#[test]
fn facets_articles_stats_and_fields() {
    let (dir, _) = util::sample_index();
    let index = util::idx(dir);
    let server = Server::start(&index, &[]);

    let listing = server.json("/api/facets/country?top=3");
    let cli = util::json(
        &index,
        &["facets", "country", "--top", "3", "--format", "json"],
        0,
    );
    assert_eq!(listing, cli);
    assert!(listing["values"].as_array().unwrap().len() <= 3);

    let article = server.json("/api/articles/sample-001");
    let shown = util::json(&index, &["show", "sample-001", "--format", "json"], 0);
    assert_eq!(article, shown);
    // An id with a slash (a file path id) is one id, not a route.
    let hit = server.json("/api/search?q=drought&limit=1");
    let id = hit["hits"][0]["id"].as_str().expect("a hit").to_string();
    let encoded: String = id
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    assert_eq!(server.json(&format!("/api/articles/{encoded}"))["id"], id);

    let stats = server.json("/api/stats");
    assert_eq!(
        stats["documents"],
        util::json(&index, &["stats", "--format", "json"], 0)["documents"]
    );
    let health = server.json("/api/health");
    assert_eq!(health["status"], "ok");
    assert_eq!(health["documents"], stats["documents"]);

    // The page's facet list is the declaration's.
    let fields = server.json("/api/fields");
    let names: Vec<&str> = fields["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let declared: Vec<&str> = newsdex::schema::FacetField::all()
        .map(|f| f.name())
        .collect();
    assert_eq!(names, declared);

    let openapi = server.json("/api/openapi.json");
    assert_eq!(openapi["openapi"], "3.1.0");
    assert!(openapi["paths"]["/api/search"].is_object());
}

#[test]
fn bad_requests_are_4xx_problems_never_500() {
    let (dir, _) = util::sample_index();
    let server = Server::start(&util::idx(dir), &[]);
    let v = server.problem("/api/search?q=%22oil", 400);
    assert_eq!(v["param"], "q");
    let v = server.problem("/api/search?q=oil&country=atlantis", 400);
    assert!(v["detail"].as_str().unwrap().contains("atlantis"), "{v}");
    for path in [
        "/api/search?colour=red",
        "/api/search?limit=1000",
        "/api/search?offset=-1",
        "/api/search?histogram=hour",
        "/api/search?sort=popular",
        "/api/search?since=1987-13",
        "/api/search?facet=colour",
        "/api/search?q=a~3",
        "/api/facets/colour",
        "/api/facets/person?match=zzzzzz",
        "/api/stats?x=1",
    ] {
        server.problem(path, 400);
    }
    let long = format!("/api/search?q={}", "a".repeat(2000));
    server.problem(&long, 400);
    server.problem("/api/articles/no-such-id", 404);
    server.problem("/api/nothing", 404);
    server.problem("/assets/..%2F..%2FCargo.toml", 404);
    server.problem("/assets/../Cargo.toml", 404);
}

#[test]
fn every_answer_carries_the_security_headers() {
    let (dir, _) = util::sample_index();
    let server = Server::start(&util::idx(dir), &[]);
    for path in ["/", "/api/search?q=oil", "/api/nothing"] {
        let resp = match ureq::get(&format!("{}{path}", server.base)).call() {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("GET {path}: {e}"),
        };
        let csp = resp.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(resp.header("x-content-type-options"), Some("nosniff"));
    }
    let (status, ctype, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/html"), "{ctype}");
    assert!(body.contains("<title>"), "{body}");
}

#[test]
fn export_streams_every_hit_as_csv() {
    let Some((dir, _)) = util::reuters_index() else {
        return;
    };
    let server = Server::start(&util::idx(dir), &[]);
    let total = server.json("/api/search?topic=cocoa&limit=0")["total"]
        .as_u64()
        .unwrap();
    assert!(total > 50, "{total}");
    let (status, ctype, body) = server.get("/api/export.csv?topic=cocoa&sort=date");
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/csv"), "{ctype}");
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "id",
            "date",
            "dateline",
            "title",
            "url",
            "countries",
            "people",
            "topics"
        ]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("a row")).collect();
    assert_eq!(records.len() as u64, total);
    assert!(records.iter().all(|r| r[7].contains("cocoa")));
    let dates: Vec<&str> = records.iter().map(|r| &r[1]).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "sorted by date");
    server.problem("/api/export.csv?q=%22cocoa", 400);
}

#[test]
fn histograms_and_filters_on_reuters() {
    let Some((dir, _)) = util::reuters_index() else {
        return;
    };
    let index = util::idx(dir);
    let server = Server::start(&index, &[]);
    let api = server.json(
        "/api/search?q=oil&country=venezuela&facet=person&facet=topic&histogram=month&sort=-date&limit=20&offset=5",
    );
    let cli = util::json(
        &index,
        &[
            "search",
            "oil",
            "--country",
            "venezuela",
            "--facet",
            "person",
            "--facet",
            "topic",
            "--histogram",
            "month",
            "--sort",
            "-date",
            "--limit",
            "20",
            "--offset",
            "5",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(without_timing(api.clone()), without_timing(cli));
    let buckets = api["histogram"]["buckets"].as_array().unwrap();
    let sum: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(
        sum + api["histogram"]["undated"].as_u64().unwrap(),
        api["total"].as_u64().unwrap()
    );
    let matched = server.json("/api/facets/person?match=reag&top=5");
    assert!(matched["values"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["label"].as_str().unwrap().to_lowercase().contains("reag")));
}

#[test]
fn a_token_guards_every_route_and_is_required_beyond_loopback() {
    let (dir, _) = util::sample_index();
    let index = util::idx(dir);
    let server = Server::start(&index, &["--token", "s3cret"]);
    let (status, _, _) = server.get("/api/search?q=oil");
    assert_eq!(status, 401);
    server.problem("/api/health", 401);
    server.problem("/", 401);
    let (status, _, _) = server.get_with("/api/search?q=oil", Some("wrong"));
    assert_eq!(status, 401);
    let (status, _, _) = server.get_with("/api/search?q=oil", Some("s3cret"));
    assert_eq!(status, 200);
    // A browser opens /?token=... once and gets a cookie for the page.
    let resp = ureq::get(&format!("{}/?token=s3cret", server.base))
        .call()
        .expect("the page");
    let cookie = resp.header("set-cookie").expect("a cookie").to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let resp = ureq::get(&format!("{}/api/health", server.base))
        .set("Cookie", &pair)
        .call()
        .expect("the cookie lets the page in");
    assert_eq!(resp.status(), 200);

    // Beyond loopback without a token: refused, one line, exit 2.
    let out = newsdex(&index)
        .args(["serve", "--bind", "0.0.0.0:0"])
        .env_remove("NEWSDEX_TOKEN")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("token"), "{err}");

    // No index: refused with the usual advice.
    let out = newsdex(&dir.path().join("none"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newsdex index"));
}

#[test]
fn answers_follow_a_concurrent_index_run() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let samples = util::samples();
    newsdex(&index)
        .args(["index", "--warnings-ok"])
        .arg(samples.join("wire"))
        .assert()
        .success();
    let server = Server::start(&index, &[]);
    let before = server.json("/api/health")["documents"].as_u64().unwrap();
    assert!(before > 0);
    server.problem("/api/articles/sample-001", 404);
    // Another process adds articles while the server runs.
    newsdex(&index)
        .args(["index", "--warnings-ok"])
        .arg(samples.join("jsonl"))
        .assert()
        .success();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut after = before;
    while Instant::now() < deadline {
        after = server.json("/api/health")["documents"].as_u64().unwrap();
        if after > before {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(after > before, "the server still sees {after} documents");
    assert_eq!(server.json("/api/articles/sample-001")["id"], "sample-001");
}

#[test]
fn compare_puts_queries_on_the_same_periods() {
    let Some((dir, _)) = util::reuters_index() else {
        return;
    };
    let server = Server::start(&util::idx(dir), &[]);
    let c = server.json("/api/compare?q=cocoa&q=coffee&q=grain&country=brazil&histogram=month");
    assert_eq!(c["interval"], "month");
    let all = &c["all"];
    let keys = |s: &Value| -> Vec<String> {
        s["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["key"].as_str().unwrap().to_string())
            .collect()
    };
    let queries = c["queries"].as_array().unwrap();
    assert_eq!(queries.len(), 3);
    for (q, name) in queries.iter().zip(["cocoa", "coffee", "grain"]) {
        assert_eq!(q["query"], name);
        assert_eq!(keys(q), keys(all));
        let alone = server.json(&format!("/api/search?q={name}&country=brazil&limit=0"));
        assert_eq!(q["total"], alone["total"], "{name}");
        for (b, a) in q["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .zip(all["buckets"].as_array().unwrap())
        {
            let (n, of) = (b["count"].as_u64().unwrap(), a["count"].as_u64().unwrap());
            assert!(n <= of);
            match b["share"].as_f64() {
                Some(s) => assert!((s - n as f64 / of as f64).abs() < 1e-9),
                None => assert_eq!(of, 0),
            }
        }
    }
    assert_eq!(
        all["total"],
        server.json("/api/search?country=brazil&limit=0")["total"]
    );
    server.problem("/api/compare", 400);
    server.problem("/api/compare?q=a&q=b&q=c&q=d&q=e&q=f&q=g&q=h&q=i", 400);
    server.problem("/api/compare?q=%22oil", 400);
}

/// An analysis over HTTP answers what its command prints.
#[test]
fn analyses_answer_as_their_commands_do() {
    let Some((dir, _)) = util::reuters_index() else {
        return;
    };
    let index = util::idx(dir);
    let server = Server::start(&index, &[]);

    let api = server.json("/api/terms?topic=cocoa&top=10");
    let cli = util::json(
        &index,
        &[
            "terms", "--topic", "cocoa", "--top", "10", "--format", "json",
        ],
        0,
    );
    assert_eq!(without_timing(api.clone()), without_timing(cli));
    let words: Vec<&str> = api["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(words.contains(&"icco"), "{words:?}");

    let api = server.json("/api/cooccur/person/country?topic=crude&top=5");
    let cli = util::json(
        &index,
        &[
            "cooccur", "person", "country", "--topic", "crude", "--top", "5", "--format", "json",
        ],
        0,
    );
    assert_eq!(without_timing(api), without_timing(cli));

    let id = server.json("/api/search?q=cocoa+buffer+stock&limit=1")["hits"][0]["id"]
        .as_str()
        .expect("a hit")
        .to_string();
    let api = server.json(&format!("/api/similar/{id}?limit=5"));
    let cli = util::json(
        &index,
        &["similar", &id, "--limit", "5", "--format", "json"],
        0,
    );
    assert_eq!(without_timing(api.clone()), without_timing(cli));
    assert!(api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["id"] != id.as_str()));

    server.problem("/api/terms?q=%22cocoa", 400);
    server.problem("/api/terms?sample=100000", 400);
    server.problem("/api/cooccur/person/colour", 400);
    server.problem("/api/cooccur/person/country?top=1000", 400);
    server.problem("/api/similar/no-such-id", 404);
    server.problem("/api/similar/1?q=oil", 400);
}
