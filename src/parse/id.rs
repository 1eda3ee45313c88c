//! The id rule for articles whose source gives none: a plain-text story is
//! its file, and a JSONL or CSV record without an `id` is its file plus its
//! line or row number. `newsdex index` and `newsdex extract` both name
//! articles through [`file_key`], so they print and store the same ids.
//!
//! The rule: a file's key is its path relative to the file or folder given
//! on the command line (its *root*), without the extension, with `/`
//! between folders. Distinct files under one root therefore get distinct
//! keys (`2021/news/story` and `2022/news/story`), and re-indexing a file
//! from the same root gives it the same key, so it replaces itself. A key of
//! one part would be a bare file name, which corpora reuse in every folder
//! (BBC has five `001.txt`), so a file given by itself, or lying directly in
//! the root, keeps its parent folder's name in front: `business/001` whether
//! `bbc`, `bbc/business` or `bbc/business/001.txt` was given.

use std::path::{Component, Path};

/// The id base of `path`, found under `root` (see the module doc). `root`
/// may be `path` itself, for a file named on the command line.
pub fn file_key(root: &Path, path: &Path) -> String {
    let normal = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let mut parts = match path.strip_prefix(root) {
        Ok(rel) => normal(rel),
        Err(_) => Vec::new(),
    };
    if parts.len() < 2 {
        parts.clear();
        if let Some(parent) = folder_name(path.parent()) {
            parts.push(parent);
        }
        if let Some(name) = path.file_name() {
            parts.push(name.to_string_lossy().into_owned());
        }
    }
    if let Some(last) = parts.last_mut() {
        // `page.html.gz` is `page`, as `page.html` is.
        if let Some(unzipped) = last.strip_suffix(".gz") {
            *last = unzipped.to_string();
        }
        if let Some(stem) = Path::new(last.as_str()).file_stem() {
            *last = stem.to_string_lossy().into_owned();
        }
    }
    parts.join("/")
}

/// The key of a file parsed on its own, as if named on the command line.
pub fn lone_file_key(path: &Path) -> String {
    file_key(path, path)
}

/// The id of record `n` (1-based line or row) of a file without ids of its own.
pub fn record_id(key: &str, n: usize) -> String {
    format!("{key}:{n}")
}

/// The name of a folder, unless it is empty, `.` or `..` (which name nothing).
fn folder_name(dir: Option<&Path>) -> Option<String> {
    let name = dir?.file_name()?.to_string_lossy().into_owned();
    (!name.is_empty() && name != "." && name != "..").then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(root: &str, path: &str) -> String {
        file_key(Path::new(root), Path::new(path))
    }

    #[test]
    fn bbc_ids_stay_readable() {
        let f = "../shared/corpus/bbc/business/001.txt";
        assert_eq!(key("../shared/corpus/bbc", f), "business/001");
        assert_eq!(key("../shared/corpus/bbc/", f), "business/001");
        assert_eq!(key("../shared/corpus/bbc/business", f), "business/001");
        assert_eq!(key(f, f), "business/001");
        assert_eq!(key("../shared/corpus", f), "bbc/business/001");
    }

    #[test]
    fn distinct_files_under_one_root_get_distinct_keys() {
        assert_eq!(key("arch", "arch/2021/news/story.txt"), "2021/news/story");
        assert_eq!(key("arch", "arch/2022/news/story.txt"), "2022/news/story");
        assert_eq!(key("in", "in/a/feed.jsonl"), "a/feed");
        assert_eq!(key("in", "in/b/feed.jsonl"), "b/feed");
        assert_eq!(record_id(&key("in", "in/a/feed.jsonl"), 1), "a/feed:1");
    }

    #[test]
    fn lone_files_and_odd_parents() {
        assert_eq!(lone_file_key(Path::new("story.txt")), "story");
        assert_eq!(lone_file_key(Path::new("./story.txt")), "story");
        assert_eq!(lone_file_key(Path::new("../story.txt")), "story");
        assert_eq!(lone_file_key(Path::new("/x/wire/oil.txt")), "wire/oil");
        assert_eq!(key(".", "./business/001.txt"), "business/001");
        assert_eq!(key("feeds", "feeds/feed.jsonl"), "feeds/feed");
        // Only the last extension goes: `a.b.txt` is `a.b`.
        assert_eq!(key("d", "d/x/a.b.txt"), "x/a.b");
    }
}
