//! Reliability: a hostile corpus (truncated, misnested, binary, empty,
//! mis-encoded, huge and unreadable inputs), processes killed or interrupted
//! in the middle of `newsdex index`, a stale writer lock, and a corrupted
//! segment. Every test checks outcomes (counts, exit codes, messages), never
//! timing.
//!
//! "Cannot be read" is simulated with a dangling symlink and a FIFO, not with
//! `chmod 000`: the tests may run as root, and root reads chmod-000 files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::newsdex;

/// One Reuters SGML document.
fn sgml_doc(newid: &str, title: &str, body: &str) -> String {
    format!(
        "<REUTERS TOPICS=\"NO\" NEWID=\"{newid}\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
         <TEXT>\n<TITLE>{title}</TITLE>\n<BODY>{body}\n Reuter\n</BODY></TEXT>\n</REUTERS>\n"
    )
}

/// Writes the hostile corpus under `root/in`; returns the folder and the ids
/// of the articles that must be indexed.
fn hostile_corpus(root: &Path) -> (PathBuf, BTreeSet<String>) {
    let dir = root.join("in");
    std::fs::create_dir_all(dir.join("x.sgm")).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();

    write(
        "good.jsonl",
        b"{\"id\":\"g1\",\"title\":\"Good one\",\"body\":\"Oil prices rose in Caracas.\"}\n\
          {\"id\":\"g2\",\"title\":\"Good two\",\"body\":\"Coffee exports fell.\"}\n",
    );
    // A line that is not JSON and one that is a JSON array, between good ones.
    write(
        "mixed.jsonl",
        b"{\"id\":\"m1\",\"title\":\"Mixed good\",\"body\":\"Fine.\"}\nthis is { not json\n[1, 2, 3]\n",
    );
    // Truncated: the second document stops in the middle of its title.
    let truncated = format!(
        "{}<REUTERS NEWID=\"102\">\n<TEXT>\n<TITLE>CUT OFF IN THE MIDD",
        sgml_doc("101", "WHOLE DOCUMENT", "Complete text.")
    );
    write("truncated.sgm", truncated.as_bytes());
    // Unclosed and misnested tags.
    write(
        "misnested.sgm",
        b"<REUTERS NEWID=\"201\"><TEXT><TITLE>MISNESTED <BODY>inside</TITLE> body</BODY></TEXT></REUTERS>\n\
          <REUTERS NEWID=\"202\"><DATE>1-MAR-1987</DATE><TEXT><TITLE>UNCLOSED TITLE<BODY>Body text.</TEXT></REUTERS>\n",
    );
    // A document without NEWID next to a good one.
    let noid = format!(
        "<REUTERS OLDID=\"5\"><TEXT><TITLE>NO ID</TITLE></TEXT></REUTERS>\n{}",
        sgml_doc("301", "HAS AN ID", "Text.")
    );
    write("noid.sgm", noid.as_bytes());
    // The same NEWID in two files.
    write(
        "dup-a.sgm",
        sgml_doc("401", "FIRST COPY", "First.").as_bytes(),
    );
    write(
        "dup-b.sgm",
        sgml_doc("401", "SECOND COPY", "Second.").as_bytes(),
    );
    // Binary bytes under a .txt name (a gzip-like header, NULs, noise).
    let binary: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .chain([0x1F, 0x8B, 0, 0, 0, 0])
        .collect();
    write("binary.txt", &binary);
    // Empty files.
    write("blank.txt", b"  \n\n\t\n");
    write("empty.jsonl", b"");
    // UTF-16LE with a BOM: valid text, indexed without a warning.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in
        "UTF sixteen title\n\nCARACAS (Reuters) - Venezuela said on Monday.\n".encode_utf16()
    {
        utf16.extend(unit.to_le_bytes());
    }
    write("utf16.txt", &utf16);
    // Windows-1252: indexed, with an encoding warning.
    write(
        "cp1252.txt",
        b"Caf\xe9 prices \x93rise\x94\n\nPARIS (Reuters) - Caf\xe9 owners said prices rose.\n",
    );
    // 50 MB on one line: cut to the body limit with a warning.
    let huge = "crude oil barrel ".repeat(50 * 1024 * 1024 / 17);
    write("huge.txt", huge.as_bytes());
    // A directory named like an SGML file: walked as a folder.
    std::fs::write(
        dir.join("x.sgm/inner.jsonl"),
        b"{\"id\":\"x1\",\"title\":\"Inside a folder named x.sgm\",\"body\":\"Fine.\"}\n",
    )
    .unwrap();
    // A symlink loop, a dangling symlink, and a FIFO (reading it would block).
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.txt"), dir.join("gone.txt")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());

    let ids = [
        "g1",
        "g2",
        "m1",
        "101",
        "102",
        "201",
        "202",
        "301",
        "401",
        "in/utf16",
        "in/cp1252",
        "in/huge",
        "x1",
    ];
    (dir, ids.iter().map(|s| s.to_string()).collect())
}

/// The ids in the index (every article, via search).
fn indexed_ids(index: &Path) -> BTreeSet<String> {
    let out = newsdex(index)
        .args(["search", "", "-n", "10000", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    v["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn hostile_corpus_is_indexed_with_named_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, want_ids) = hostile_corpus(tmp.path());
    let index = tmp.path().join("idx");
    let out = newsdex(&index)
        .args(["index", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();

    assert_eq!(indexed_ids(&index), want_ids);
    assert_eq!(summary["total_documents"], want_ids.len() as u64);

    let details = summary["warning_details"].as_array().unwrap();
    let has = |file: &str, kind: &str| {
        details
            .iter()
            .any(|w| w["path"].as_str().is_some_and(|p| p.ends_with(file)) && w["kind"] == kind)
    };
    for (file, kind) in [
        ("truncated.sgm", "truncated"),
        ("noid.sgm", "missing_id"),
        ("binary.txt", "bad_record"),
        ("blank.txt", "empty"),
        ("empty.jsonl", "empty"),
        ("mixed.jsonl", "bad_record"),
        ("cp1252.txt", "encoding"),
        ("huge.txt", "truncated"),
        ("loop", "unreadable"),
        ("gone.txt", "unreadable"),
        ("pipe.txt", "unreadable"),
    ] {
        assert!(
            has(file, kind),
            "no {kind} warning for {file}: {details:#?}"
        );
        // The human-readable warnings on stderr name the file too.
        assert!(stderr.contains(file), "{file} not named on stderr");
    }
    assert!(
        has("dup-a.sgm", "duplicate_id") || has("dup-b.sgm", "duplicate_id"),
        "{details:#?}"
    );
    let bad_lines = details
        .iter()
        .filter(|w| {
            w["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("mixed.jsonl"))
        })
        .count();
    assert_eq!(bad_lines, 2, "{details:#?}");
    assert!(!has("utf16.txt", "encoding"), "UTF-16 with a BOM is fine");
    assert!(details.iter().all(
        |w| !w["path"].as_str().unwrap_or("").ends_with("misnested.sgm")
            || w["kind"] != "bad_record"
    ));
    // The binary file is skipped, not indexed as garbage.
    assert!(!indexed_ids(&index).contains("in/binary"));

    // The table summary names the skip reasons too.
    let table = newsdex(&index).arg("index").arg(&input).output().unwrap();
    assert_eq!(table.status.code(), Some(3));
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("bad_record"), "{text}");
    assert_eq!(indexed_ids(&index), want_ids, "re-indexing adds nothing");
}

/// The newsdex binary built for these tests.
fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_newsdex"))
}

/// A corpus big enough that indexing takes a while: Reuters-21578 when the
/// shared corpus is there, else 20,000 generated JSONL articles in 40 files.
/// Returns the folder and the number of distinct ids in it.
fn big_corpus(tmp: &Path) -> (PathBuf, u64) {
    if let Some(corpus) = crate::util::corpus() {
        return (corpus.join("reuters21578"), 21_578);
    }
    let dir = tmp.join("gen");
    std::fs::create_dir_all(&dir).unwrap();
    let mut id = 0;
    for file in 0..40 {
        let mut text = String::new();
        for _ in 0..500 {
            id += 1;
            text.push_str(&format!(
                "{{\"id\":\"a{id}\",\"title\":\"Story {id} about oil\",\"body\":\"Prices of crude oil moved in story {id}; traders in London and Caracas said demand was steady.\"}}\n"
            ));
        }
        std::fs::write(dir.join(format!("part-{file:02}.jsonl")), text).unwrap();
    }
    (dir, id)
}

/// A pseudo-random delay of 0..max milliseconds (from the clock; no rand crate).
fn random_millis(max: u64) -> std::time::Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0);
    std::time::Duration::from_millis(nanos % max.max(1))
}

/// Waits (polling, bounded) until `path` exists; false if it never does
/// or the child exits first.
fn wait_for(path: &Path, child: &mut std::process::Child) -> bool {
    for _ in 0..6000 {
        if path.exists() {
            return true;
        }
        if let Ok(Some(_)) = child.try_wait() {
            return path.exists();
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    false
}

/// Spawns `newsdex index` on `input` into `index` (no progress bar, frequent commits).
fn spawn_index(index: &Path, input: &Path) -> std::process::Child {
    std::process::Command::new(bin())
        .arg("--index")
        .arg(index)
        .args(["index", "--no-progress", "--format", "json"])
        .args(["--commit-every", "1000", "--threads", "1"])
        .arg(input)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Documents in the index, via `newsdex stats --format json`.
fn stats_documents(index: &Path) -> u64 {
    let v = crate::util::json(index, &["stats", "--format", "json"], 0);
    v["documents"].as_u64().unwrap()
}

/// Runs `newsdex index` to completion and returns the exit code.
fn index_again(index: &Path, input: &Path) -> i32 {
    let out = newsdex(index)
        .args(["index", "--no-progress"])
        .arg(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out.status.code().unwrap_or(-1)
}

#[test]
fn sigkill_mid_index_leaves_an_index_that_a_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, distinct) = big_corpus(tmp.path());
    let index = tmp.path().join("idx");
    let mut child = spawn_index(&index, &input);
    // Kill once the writer holds its lock (it has started writing), after a
    // random extra delay; where exactly it dies is left to chance.
    let lock = index.join(".tantivy-writer.lock");
    assert!(wait_for(&lock, &mut child), "the writer never started");
    std::thread::sleep(random_millis(1500));
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();

    // The index opens at its last commit, and is sound.
    let committed = stats_documents(&index);
    assert!(committed <= distinct);
    crate::util::json(&index, &["check", "--format", "json"], 0);
    // The lock file is left behind, but the OS lock died with the process:
    // a new writer proceeds, and finishes the job without duplicates.
    assert!(lock.exists());
    let code = index_again(&index, &input);
    assert!(code == 0 || code == 3, "exit code {code}");
    assert_eq!(stats_documents(&index), distinct);
    let report = crate::util::json(&index, &["check", "--format", "json"], 0);
    assert_eq!(report["duplicate_ids"], 0);
    assert_eq!(report["documents"], distinct);
}

#[test]
fn rebuild_under_a_live_writer_fails_and_deletes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, ids) = big_corpus(tmp.path());
    let index = tmp.path().join("idx");
    let mut child = spawn_index(&index, &input);
    let lock = index.join(".tantivy-writer.lock");
    assert!(wait_for(&lock, &mut child), "the writer never started");
    assert!(
        child.try_wait().unwrap().is_none(),
        "the first run finished before the rebuild could start"
    );
    let rebuild = newsdex(&index)
        .args(["index", "--rebuild", "--no-progress"])
        .arg(crate::util::samples().join("wire"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&rebuild.stderr);
    assert_eq!(rebuild.status.code(), Some(2), "{err}");
    assert!(err.contains("locked by another writer"), "{err}");
    let first = child.wait_with_output().unwrap();
    let first_err = String::from_utf8_lossy(&first.stderr);
    assert!(
        matches!(first.status.code(), Some(0 | 3)),
        "the running index must finish: {first_err}"
    );
    assert!(!first_err.contains("FileDoesNotExist"), "{first_err}");
    assert_eq!(stats_documents(&index), ids);
}

#[test]
fn sigint_commits_what_is_done_and_a_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, distinct) = big_corpus(tmp.path());
    let index = tmp.path().join("idx");
    let mut child = spawn_index(&index, &input);
    // The Ctrl-C handler is installed before the index folder is made.
    assert!(wait_for(&index.join("meta.json"), &mut child));
    std::thread::sleep(random_millis(1000));
    let kill = std::process::Command::new("kill")
        .arg("-INT")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = out.status.code();
    // 130 when the signal came mid-run; 0/3 if the run had already finished.
    match code {
        Some(130) => {
            assert!(
                stderr.contains("interrupted: committed")
                    && stderr.contains("run the same command again"),
                "{stderr}"
            );
            let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(summary["interrupted"], true);
            assert_eq!(stats_documents(&index), summary["total_documents"]);
        }
        Some(0) | Some(3) => {}
        other => panic!("exit {other:?}: {stderr}"),
    }
    let code = index_again(&index, &input);
    assert!(code == 0 || code == 3, "exit code {code}");
    assert_eq!(stats_documents(&index), distinct);
}

#[test]
fn check_finds_a_corrupted_segment_and_search_fails_in_one_line() {
    let (dir, _) = crate::util::build(&[&crate::util::samples()], &[]);
    let index = crate::util::idx(&dir);
    let report = crate::util::json(&index, &["check", "--format", "json"], 0);
    assert_eq!(report["healthy"], true, "{report}");

    // Flip bytes in the middle of every .store file (the stored documents).
    let mut flipped = Vec::new();
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store") {
            let mut bytes = std::fs::read(&path).unwrap();
            let (mid, len) = (bytes.len() / 2, bytes.len());
            for b in &mut bytes[mid.saturating_sub(8)..(mid + 8).min(len)] {
                *b ^= 0xFF;
            }
            std::fs::write(&path, bytes).unwrap();
            flipped.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(!flipped.is_empty());

    let out = newsdex(&index)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["healthy"], false);
    let corrupted = report["corrupted_files"].to_string();
    for f in &flipped {
        assert!(corrupted.contains(f.as_str()), "{f} not in {corrupted}");
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("damaged") && err.contains("--rebuild"),
        "{err}"
    );

    // Search reads stored documents for its hits: a one-line error, no panic.
    let out = newsdex(&index).args(["search", "oil"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn limit_above_the_maximum_is_clamped_with_a_note() {
    let (dir, _) = crate::util::sample_index();
    let out = newsdex(&crate::util::idx(dir))
        .args(["search", "", "--limit", "20000", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--limit 20000 is above the maximum of 10000"),
        "{err}"
    );
}

#[test]
fn search_during_index_answers_from_the_last_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, ids) = big_corpus(tmp.path());
    let index = tmp.path().join("idx");
    let mut child = spawn_index(&index, &input);
    assert!(
        wait_for(&index.join("meta.json"), &mut child),
        "index was created"
    );
    // Poll while the writer runs: every answer is a committed state, so the
    // count never goes down and never exceeds the corpus; never an error.
    let mut seen = Vec::new();
    while child.try_wait().unwrap().is_none() && seen.len() < 500 {
        let out = newsdex(&index)
            .args(["search", "", "--limit", "0", "--format", "json"])
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "search failed during indexing: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        seen.push(v["total"].as_u64().unwrap());
    }
    let status = child.wait().unwrap();
    assert!(matches!(status.code(), Some(0) | Some(3)), "{status:?}");
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "counts only grow: {seen:?}"
    );
    assert!(seen.iter().all(|&n| n <= ids), "{seen:?}");
    assert_eq!(stats_documents(&index), ids);
}

/// A size-limited tmpfs mounted on a fresh folder, unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// Mounts a tmpfs of `size` (as `mount -o size=`), or None when this
    /// process may not mount (not root, or a sandbox without CAP_SYS_ADMIN).
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

/// `n` JSONL articles of pseudo-random words (little repetition, so the
/// index is about as big as the text), ids `{prefix}{i}`, in files of 1,000.
fn random_word_corpus(dir: &Path, prefix: &str, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut word = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = 3 + (state % 8) as usize;
        (0..len)
            .map(|i| (b'a' + ((state >> (i * 5)) % 26) as u8) as char)
            .collect::<String>()
    };
    for file in 0..n.div_ceil(1000) {
        let mut text = String::new();
        for i in file * 1000..((file + 1) * 1000).min(n) {
            let title: Vec<String> = (0..6).map(|_| word()).collect();
            let body: Vec<String> = (0..120).map(|_| word()).collect();
            let line = serde_json::json!({
                "id": format!("{prefix}{i}"),
                "title": title.join(" "),
                "body": body.join(" "),
            });
            text.push_str(&line.to_string());
            text.push('\n');
        }
        std::fs::write(dir.join(format!("part-{file:03}.jsonl")), text).unwrap();
    }
}

#[test]
fn disk_full_during_index_is_one_line_and_the_index_stays_at_its_last_commit() {
    let Some(disk) = SmallDisk::mount("8m") else {
        println!("skipped: cannot mount tmpfs");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let index = disk.path().join("idx");

    // A small corpus fits: the first commit.
    let small = tmp.path().join("small");
    random_word_corpus(&small, "s", 50);
    let code = index_again(&index, &small);
    assert_eq!(code, 0);
    let first = stats_documents(&index);
    assert_eq!(first, 50);

    // A much larger one does not fit (about 40 MB of text, no repetition).
    let large = tmp.path().join("large");
    random_word_corpus(&large, "l", 50_000);
    let out = newsdex(&index)
        .args(["index", "--no-progress", "--commit-every", "0"])
        .args(["--commit-interval", "0"])
        .arg(&large)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line expected: {stderr}");
    let line = lines[0];
    assert!(line.contains("disk is full"), "{line}");
    assert!(line.contains(&index.display().to_string()), "{line}");
    assert!(
        line.contains("free space and run the same command again"),
        "{line}"
    );

    // The index opens and answers at its last commit.
    assert_eq!(stats_documents(&index), first);
    let report = crate::util::json(&index, &["check", "--format", "json"], 0);
    assert_eq!(report["documents"], first);
    drop(disk);
}
