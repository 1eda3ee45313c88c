//! What the browser tests stand on: Debian's Chromium and chromedriver found
//! on the machine, the real `newsdex serve` on a free loopback port, a
//! WebDriver session (fantoccini) and wait loops with a deadline. Every
//! process started here is ended by a guard's Drop, also when a test fails.

use std::future::Future;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// How long any one wait in a browser test may take before it fails. Long,
/// because CI runs the browser next to the other tests on two cores.
pub const WAIT: Duration = Duration::from_secs(30);

/// One browser at a time: each costs a Chromium start and a core.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// The Chromium and chromedriver to use.
pub struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
}

/// Chromium and chromedriver (`NEWSDEX_CHROMIUM`, `NEWSDEX_CHROMEDRIVER`, or
/// on PATH), or None with a printed "skipped" line. Under
/// NEWSDEX_REQUIRE_BROWSER=1 (as .ci/run sets) a missing one fails instead.
pub fn tools() -> Option<Tools> {
    let find = |var: &str, names: &[&str]| -> Option<PathBuf> {
        if let Some(p) = std::env::var_os(var).map(PathBuf::from) {
            return p.is_file().then_some(p);
        }
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    };
    let chromium = find("NEWSDEX_CHROMIUM", &["chromium", "chromium-browser"]);
    let chromedriver = find("NEWSDEX_CHROMEDRIVER", &["chromedriver"]);
    if let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) {
        return Some(Tools {
            chromium,
            chromedriver,
        });
    }
    if std::env::var("NEWSDEX_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!("NEWSDEX_REQUIRE_BROWSER=1 but chromium/chromedriver not found (apt-get install chromium chromium-driver)");
    }
    println!("skipped: chromium/chromedriver not found");
    None
}

/// A child process, killed with its process group when dropped.
struct Guard {
    child: Child,
    log: PathBuf,
}

impl Drop for Guard {
    fn drop(&mut self) {
        // The group, not only the child: chromedriver's Chromium processes
        // would outlive it otherwise. Each guarded child leads its own group.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(30).collect();
            eprintln!("--- last lines of {} ---", self.log.display());
            for line in tail.iter().rev() {
                eprintln!("{line}");
            }
        }
    }
}

/// Start `cmd` in its own process group, its stderr going to `log`.
fn spawn(mut cmd: Command, log: PathBuf) -> Guard {
    let file = std::fs::File::create(&log).expect("log file");
    cmd.stdin(Stdio::null())
        .stderr(Stdio::from(file))
        .process_group(0);
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    Guard { child, log }
}

/// `newsdex serve` over an index on a free loopback port.
pub struct Server {
    /// The page's address, as the server printed it (ends with `/`).
    pub url: String,
    _guard: Guard,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Start the real binary and read the URL from its first line.
    pub fn start(index: &Path) -> Server {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdex"));
        cmd.arg("--index")
            .arg(index)
            .args(["--color", "never", "serve", "--bind", "127.0.0.1:0"])
            .env_remove("NEWSDEX_INDEX")
            .env_remove("NEWSDEX_TOKEN")
            .stdout(Stdio::piped());
        let mut guard = spawn(cmd, dir.path().join("serve.log"));
        let stdout = guard.child.stdout.take().expect("stdout piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = tx.send(lines.next());
            // Keep the pipe drained so that the server never blocks on it.
            for _ in lines {}
        });
        let first = match rx.recv_timeout(WAIT) {
            Ok(Some(Ok(line))) => line,
            other => panic!("newsdex serve printed no first line within {WAIT:?}: {other:?}"),
        };
        let url = first
            .strip_prefix("newsdex: serving ")
            .unwrap_or_else(|| panic!("unexpected first line from newsdex serve: {first:?}"))
            .trim()
            .to_string();
        Server {
            url,
            _guard: guard,
            _dir: dir,
        }
    }
}

/// A free loopback port (bound, then released for chromedriver to take).
fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// Run `test` with a fresh headless Chromium session, one browser at a time;
/// chromedriver and Chromium are stopped afterwards, pass or fail.
pub fn with_browser<F, Fut>(tools: &Tools, test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()>,
{
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let mut cmd = Command::new(&tools.chromedriver);
    cmd.arg(format!("--port={port}")).stdout(Stdio::null());
    let _driver = spawn(cmd, dir.path().join("chromedriver.log"));
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen on port {port} within {WAIT:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    // The profile lives in this test's temp dir, so it goes with it (left to
    // itself Chromium leaves one in /tmp per session).
    let profile = format!("--user-data-dir={}", dir.path().join("profile").display());
    rt.block_on(async {
        let caps = json!({
            "goog:chromeOptions": {
                "binary": tools.chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,900", profile],
            }
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session through chromedriver");
        test(client.clone()).await;
        let _ = client.close().await;
    });
}

/// Run a script (`return ...;`) in the page and give back its value.
pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// Wait until the JavaScript expression `cond` is truthy; its value.
pub async fn wait(c: &Client, what: &str, cond: &str) -> Value {
    let deadline = Instant::now() + WAIT;
    let script = format!("return ({cond});");
    loop {
        let v = js(c, &script).await;
        if truthy(&v) {
            return v;
        }
        if Instant::now() > deadline {
            let url = c.current_url().await.map(|u| u.to_string());
            panic!("waited {WAIT:?} for {what} ({cond}); last value {v}; at {url:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Wait until the page has drawn the view of its current URL (app.js sets
/// `body.dataset.view` when everything of a view is on the page).
pub async fn settled(c: &Client) {
    wait(
        c,
        "the page to draw its view",
        "document.body.dataset.view === location.search",
    )
    .await;
}

/// Go to `url` and wait until its view is drawn.
pub async fn open(c: &Client, url: &str) {
    c.goto(url).await.expect("navigate");
    settled(c).await;
}

/// Click the first element matching `css`. The page may redraw the element
/// between finding and clicking it (the facet sidebar is rebuilt when an
/// answer arrives), so a stale element is found again, a bounded number of
/// times.
pub async fn click(c: &Client, css: &str) {
    let mut tries = 0;
    loop {
        let found = c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        match found.click().await {
            Ok(()) => return,
            Err(e) if tries < 20 && e.to_string().contains("stale element") => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("cannot click {css}: {e}"),
        }
    }
}

/// Type `text` into the field `css` (replacing its text) and press Enter.
pub async fn type_and_enter(c: &Client, css: &str, text: &str) {
    let field = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    field.clear().await.expect("clear");
    field
        .send_keys(&format!("{text}\u{E007}"))
        .await
        .expect("type");
}

/// Save a screenshot as `target/screenshots/NAME.png`; its path.
pub async fn screenshot(c: &Client, name: &str) -> PathBuf {
    // The binary is target/<profile>/newsdex, so this is target/screenshots.
    let target = Path::new(env!("CARGO_BIN_EXE_newsdex"))
        .ancestors()
        .nth(2)
        .expect("target folder")
        .join("screenshots");
    std::fs::create_dir_all(&target).expect("screenshots folder");
    let png = c.screenshot().await.expect("screenshot");
    let path = target.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    path
}
