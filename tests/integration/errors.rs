//! Bad input gets a one-line message and a non-zero exit code, never a panic
//! and never a silent empty answer.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::util::{build, idx, newsdex, sample_index};

fn one_line_error(cmd: &mut Command, needle: &str) {
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "'{needle}' in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_query_says_where() {
    let (dir, _) = sample_index();
    one_line_error(
        newsdex(&idx(dir)).args(["search", "title:(oil"]),
        "bad query",
    );
    one_line_error(
        newsdex(&idx(dir)).args(["search", "nosuchfield:oil"]),
        "nosuchfield",
    );
    one_line_error(
        newsdex(&idx(dir)).args(["search", "Borisof~7"]),
        "fuzzy distance",
    );
}

#[test]
fn unknown_filter_value_suggests_the_closest() {
    let (dir, _) = sample_index();
    one_line_error(
        newsdex(&idx(dir)).args(["search", "", "--country", "Venezuala"]),
        "did you mean: Venezuela",
    );
    one_line_error(
        newsdex(&idx(dir)).args(["search", "", "--person", "Zzyzx Qwerty"]),
        "no person matches",
    );
    one_line_error(
        newsdex(&idx(dir)).args(["search", "", "--facet", "colour"]),
        "unknown facet",
    );
    one_line_error(
        newsdex(&idx(dir)).args(["search", "", "--since", "March"]),
        "--since",
    );
}

#[test]
fn missing_index_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    one_line_error(
        newsdex(&dir.path().join("nothing")).args(["search", "oil"]),
        "newsdex index",
    );
    one_line_error(
        newsdex(&dir.path().join("nothing")).args(["stats"]),
        "no index at",
    );
}

#[test]
fn no_hits_is_exit_code_1_with_a_message() {
    let (dir, _) = sample_index();
    newsdex(&idx(dir))
        .args(["search", "xylophonequartz"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("0 hits"));
}

#[test]
fn unreadable_file_is_a_named_warning_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("good.txt"),
        "A good title\n\nLONDON (Reuters) - Britain said on Monday it would act.\n",
    )
    .unwrap();
    // A dangling symlink cannot be read, even by root.
    std::os::unix::fs::symlink(tmp.path().join("gone.txt"), input.join("broken.txt")).unwrap();
    std::fs::write(
        input.join("bad.jsonl"),
        "{\"id\": \"a\", \"title\": \"ok\", \"body\": \"fine\"}\nnot json\n",
    )
    .unwrap();
    let (dir, summary) = build(&[&input], &[]);
    assert_eq!(summary["indexed"], 2, "{summary}");
    let details = summary["warning_details"].to_string();
    assert!(details.contains("broken.txt"), "{details}");
    assert!(details.contains("bad.jsonl"), "{details}");
    let out = newsdex(&idx(&dir))
        .args(["index"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "completed with warnings");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.txt"), "{err}");
}

#[test]
fn an_index_with_another_schema_says_how_to_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old");
    std::fs::create_dir(&path).unwrap();
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("headline", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&path, schema.build()).unwrap();
    one_line_error(newsdex(&path).args(["search", "oil"]), "--rebuild");
}

#[test]
fn a_second_writer_is_told_the_index_is_locked() {
    let (dir, _) = build(&[&crate::util::samples().join("wire")], &[]);
    let index = tantivy::Index::open_in_dir(idx(&dir)).unwrap();
    let writer: tantivy::IndexWriter = index.writer(20_000_000).unwrap();
    one_line_error(
        newsdex(&idx(&dir))
            .arg("index")
            .arg(crate::util::samples().join("wire")),
        "locked by another writer",
    );
    drop(writer);
    newsdex(&idx(&dir))
        .arg("index")
        .arg(crate::util::samples().join("wire"))
        .assert()
        .success();
}
