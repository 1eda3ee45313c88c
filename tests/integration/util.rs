//! Helpers shared by the integration tests: finding the shared corpus,
//! running the real binary, and building indexes once per test process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// The shared corpus folder, or None (with a printed line) when absent.
/// Under NEWSDEX_REQUIRE_CORPUS=1 a missing corpus fails the test instead.
pub fn corpus() -> Option<PathBuf> {
    // The one corpus-location rule, shared with the unit tests and benches.
    if let Some(c) = newsdex::eval::default_corpus_dir().filter(|c| c.join("reuters21578").is_dir())
    {
        return Some(c);
    }
    if std::env::var("NEWSDEX_REQUIRE_CORPUS").is_ok_and(|v| v == "1") {
        panic!("NEWSDEX_REQUIRE_CORPUS=1 but no corpus at $NEWSDEX_CORPUS or ../shared/corpus");
    }
    println!("skipped: corpus not found (set NEWSDEX_CORPUS or place it at ../shared/corpus)");
    None
}

/// The repository's sample corpus.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The newsdex binary with `--index DIR` and no colour.
pub fn newsdex(index: &Path) -> Command {
    let mut cmd = Command::cargo_bin("newsdex").expect("binary built");
    cmd.arg("--index").arg(index).arg("--color").arg("never");
    cmd.env_remove("NEWSDEX_INDEX");
    cmd
}

/// Run newsdex and parse its stdout as JSON, asserting the exit code.
pub fn json(index: &Path, args: &[&str], code: i32) -> Value {
    let out = newsdex(index).args(args).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "newsdex {args:?}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "newsdex {args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// The ids of a search's hits (`--format json` output), sorted.
pub fn hit_ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect();
    ids.sort();
    ids
}

/// Build an index of `paths` in a fresh temporary folder.
pub fn build(paths: &[&Path], extra: &[&str]) -> (tempfile::TempDir, Value) {
    build_in(tempfile::tempdir().expect("tempdir"), paths, extra)
}

/// A folder for an index shared by the whole test process. A static is never
/// dropped, so a plain temp dir would outlive every run (one Reuters index
/// per run filled /tmp); these live under Cargo's target tmp dir instead,
/// named by process id, and each run removes those of processes that ended.
fn shared_dir() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    if let Ok(entries) = std::fs::read_dir(root) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let pid = name
                .strip_prefix("fixture-")
                .and_then(|rest| rest.split('-').next())
                .and_then(|p| p.parse::<u32>().ok());
            if let Some(pid) = pid {
                if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }
    tempfile::Builder::new()
        .prefix(&format!("fixture-{}-", std::process::id()))
        .tempdir_in(root)
        .expect("tempdir in the target tmp dir")
}

fn build_in(dir: tempfile::TempDir, paths: &[&Path], extra: &[&str]) -> (tempfile::TempDir, Value) {
    let index = dir.path().join("idx");
    let mut cmd = newsdex(&index);
    cmd.arg("index").arg("--format").arg("json").args(extra);
    for p in paths {
        cmd.arg(p);
    }
    let out = cmd.output().expect("runs");
    let code = out.status.code();
    assert!(
        code == Some(0) || code == Some(3),
        "index failed: {code:?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = serde_json::from_slice(&out.stdout).expect("summary is JSON");
    (dir, summary)
}

/// The index folder inside a temp dir made by `build`.
pub fn idx(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("idx")
}

/// One index of all of Reuters-21578, built once per test process.
pub fn reuters_index() -> Option<&'static (tempfile::TempDir, Value)> {
    static INDEX: OnceLock<Option<(tempfile::TempDir, Value)>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let corpus = corpus()?;
            Some(build_in(shared_dir(), &[&corpus.join("reuters21578")], &[]))
        })
        .as_ref()
}

/// The sample corpus indexed once per test process.
pub fn sample_index() -> &'static (tempfile::TempDir, Value) {
    static INDEX: OnceLock<(tempfile::TempDir, Value)> = OnceLock::new();
    INDEX.get_or_init(|| build_in(shared_dir(), &[&samples()], &[]))
}

/// `bytes` as one gzip member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

/// One WARC record of `kind` for `uri` holding `content`.
pub fn warc_record(kind: &str, uri: &str, content: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-11-20T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        content.len()
    )
    .into_bytes();
    r.extend_from_slice(content);
    r.extend_from_slice(b"\r\n\r\n");
    r
}
