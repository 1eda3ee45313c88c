//! What `newsdex index` reads and how it names it: ids unique per file,
//! stored paths, and runs that find nothing to index.

use std::collections::HashSet;
use std::path::Path;

use crate::util::{build, corpus, idx, json, newsdex};

/// Writes `text` to `root/rel`, making folders.
fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const STORY: &str = "A title\n\nLONDON (Reuters) - Britain said on Monday it would act.\n";

#[test]
fn same_file_names_in_different_folders_get_distinct_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write(&input, "2021/news/story.txt", STORY);
    write(&input, "2022/news/story.txt", STORY);
    let line = "{\"title\":\"No id\",\"body\":\"PARIS (AFP) - Hello.\"}\n";
    write(&input, "a/feed.jsonl", line);
    write(&input, "b/feed.jsonl", line);
    let (dir, summary) = build(&[&input], &[]);
    assert_eq!(summary["indexed"], 4, "{summary}");
    assert_eq!(summary["total_documents"], 4, "{summary}");
    assert_eq!(summary["replaced"], 0, "{summary}");
    for id in ["2021/news/story", "2022/news/story", "a/feed:1", "b/feed:1"] {
        json(&idx(&dir), &["show", id, "--format", "json"], 0);
    }
}

#[test]
fn an_id_from_another_file_replaces_it_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write(&input, "2021/news/story.txt", STORY);
    write(&input, "2022/news/story.txt", STORY);
    // Each year given alone: both files are `news/story`.
    let (dir, first) = build(&[&input.join("2021")], &[]);
    assert_eq!(first["replaced_other_file"], 0, "{first}");
    let again = newsdex(&idx(&dir))
        .args(["index", "--format", "json"])
        .arg(input.join("2021"))
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(0),
        "the same file replaces itself quietly"
    );
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        (
            again["replaced"].as_u64(),
            again["replaced_other_file"].as_u64()
        ),
        (Some(1), Some(0))
    );

    let other = newsdex(&idx(&dir))
        .args(["index", "--format", "json"])
        .arg(input.join("2022"))
        .output()
        .unwrap();
    assert_eq!(other.status.code(), Some(3), "a collision is a warning");
    let err = String::from_utf8_lossy(&other.stderr);
    assert!(err.contains("news/story") && err.contains("2021"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&other.stdout).unwrap();
    assert_eq!(v["replaced_other_file"], 1, "{v}");
    assert_eq!(v["warnings"]["duplicate_id"], 1, "{v}");
}

#[test]
fn an_indexed_id_read_twice_in_one_batch_leaves_one_article_the_later() {
    // The batch's replacements of indexed articles are deleted by one query
    // before the batch is added, and a repeat within the run after the copy
    // it replaces: both orders matter here.
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let line = |id: &str, title: &str| {
        format!("{{\"id\":\"{id}\",\"title\":\"{title}\",\"body\":\"PARIS (AFP) - France said on Monday it would act.\"}}\n")
    };
    write(
        &input,
        "feed.jsonl",
        &(line("x", "First") + &line("y", "Other")),
    );
    let (dir, _) = build(&[&input.join("feed.jsonl")], &[]);
    write(
        &input,
        "again.jsonl",
        &(line("x", "Again") + &line("x", "Later")),
    );
    let out = newsdex(&idx(&dir))
        .args(["index", "--format", "json", "--warnings-ok"])
        .arg(input.join("again.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total_documents"], 2, "{v}");
    assert_eq!(v["replaced"], 2, "{v}");
    let x = json(&idx(&dir), &["show", "x", "--format", "json"], 0);
    assert_eq!(x["title"], "Later", "{x}");
    let all = json(&idx(&dir), &["search", "france", "--format", "json"], 0);
    assert_eq!(all["total"], 2, "{all}");
}

#[test]
fn stored_path_is_absolute() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "in/wire/story.txt", STORY);
    let index = tmp.path().join("idx");
    // Indexed with a relative path, from the temp folder.
    newsdex(&index)
        .current_dir(tmp.path())
        .args(["index", "in"])
        .assert()
        .success();
    let shown = json(&index, &["show", "wire/story", "--format", "json"], 0);
    let want = std::fs::canonicalize(tmp.path().join("in/wire/story.txt")).unwrap();
    assert_eq!(shown["path"], want.display().to_string(), "{shown}");
}

#[test]
fn extract_prints_the_ids_the_index_stores() {
    let Some(corpus) = corpus() else { return };
    let out = newsdex(Path::new("unused"))
        .arg("extract")
        .arg(corpus.join("bbc"))
        .output()
        .unwrap();
    // 3: one BBC file is Windows-1252, a repaired-input warning.
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 2225);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        2225,
        "one id per file"
    );
    assert!(ids.iter().any(|i| i == "business/001"), "{:?}", &ids[..3]);
}

/// Runs `newsdex index ARGS` into `index`; exit code and stderr.
fn index_run(index: &Path, args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let out = newsdex(index).arg("index").args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_path_that_does_not_exist_is_an_error_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("idx");
    let (code, err) = index_run(&index, &[tmp.path().join("sample").as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no such file or folder"), "{err}");
    assert!(!index.exists(), "no index left behind");
}

#[test]
fn inputs_without_article_files_are_an_error_and_create_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write(&input, "notes.bin", "binary");
    std::fs::create_dir_all(input.join("empty")).unwrap();
    let index = tmp.path().join("idx");
    for dir in [input.join("empty"), input.clone()] {
        let (code, err) = index_run(&index, &[dir.as_os_str()]);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("no article files") && err.contains(".jsonl"),
            "{err}"
        );
        assert!(!index.exists(), "no index left behind");
    }
}

#[test]
fn a_folder_of_other_files_is_not_indexed_into() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("mine");
    write(&index, "thesis.md", "my work");
    let wire = crate::util::samples().join("wire");
    let (code, err) = index_run(&index, &[wire.as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not a newsdex index"), "{err}");
    assert_eq!(
        std::fs::read_dir(&index).unwrap().count(),
        1,
        "nothing written"
    );
}

#[test]
fn warnings_ok_exits_0_when_input_was_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write(&input, "good.txt", STORY);
    write(&input, "bad.jsonl", "not json\n");
    let index = tmp.path().join("idx");
    let (code, err) = index_run(&index, &[input.as_os_str()]);
    assert_eq!(code, Some(3), "{err}");
    let (code, err) = index_run(&index, &["--warnings-ok".as_ref(), input.as_os_str()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("bad.jsonl"),
        "the warning is still printed: {err}"
    );
}

#[test]
fn an_absurd_memory_budget_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("idx");
    let wire = crate::util::samples().join("wire");
    for mb in ["99999999999999", "18446744073709551615"] {
        let (code, err) = index_run(
            &index,
            &["--memory".as_ref(), mb.as_ref(), wire.as_os_str()],
        );
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("too large") && !err.contains("panicked"),
            "{err}"
        );
    }
    // Large but usable budgets are capped to what the writer can take.
    let (code, err) = index_run(
        &index,
        &["--memory".as_ref(), "20000".as_ref(), wire.as_os_str()],
    );
    assert_eq!(code, Some(0), "{err}");
}
