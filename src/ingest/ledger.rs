//! The id ledger of one ingest run: which ids were read, from which file,
//! and how many articles replaced one already indexed. It is what turns a
//! silent id collision (two files giving the same id) into a warning and a
//! count in the summary.

use std::collections::HashMap;

/// A file of the run, as numbered by [`IdLedger::file`].
pub type FileNo = usize;

/// What became of one article's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdOutcome {
    /// The id is new to the index and to this run.
    New,
    /// The id was already read in this run, from the file named here (which
    /// may be the same file: a record repeated inside it).
    SeenInRun { earlier: String },
    /// The id was in the index before this run; `stored_path` is the file the
    /// indexed article came from, when the index knows it.
    InIndex { stored_path: Option<String> },
}

/// Ids seen in one run, the file each came from, and replacement counts.
#[derive(Debug, Default)]
pub struct IdLedger {
    seen: HashMap<String, FileNo>,
    files: Vec<String>,
    /// Each file's number, by path.
    numbers: HashMap<String, FileNo>,
    /// Articles that replaced one with the same id (read earlier in this run,
    /// or already in the index).
    pub replaced: u64,
    /// Of those, how many replaced an article from a different file.
    pub replaced_other_file: u64,
}

impl IdLedger {
    /// Number a file about to be read (the number it already has, when its
    /// articles come in several batches); its path is how later messages
    /// name it.
    pub fn file(&mut self, path: impl Into<String>) -> FileNo {
        let path = path.into();
        if let Some(&no) = self.numbers.get(&path) {
            return no;
        }
        self.files.push(path.clone());
        self.numbers.insert(path, self.files.len() - 1);
        self.files.len() - 1
    }

    /// The path of a numbered file.
    pub fn path(&self, file: FileNo) -> &str {
        &self.files[file]
    }

    /// Record that `id` was read from `file`. `in_index` is asked only for
    /// ids not yet seen in this run: `None` when the index does not hold the
    /// id, `Some(stored path)` when it does. Counts a replacement whenever
    /// the outcome is not [`IdOutcome::New`], and a replacement from another
    /// file when the earlier path differs from this file's.
    pub fn record(
        &mut self,
        id: &str,
        file: FileNo,
        in_index: impl FnOnce() -> Option<Option<String>>,
    ) -> IdOutcome {
        let outcome = match self.seen.get(id) {
            Some(&earlier) => IdOutcome::SeenInRun {
                earlier: self.files[earlier].clone(),
            },
            None => match in_index() {
                None => IdOutcome::New,
                Some(stored_path) => IdOutcome::InIndex { stored_path },
            },
        };
        self.seen.insert(id.to_string(), file);
        let earlier_path = match &outcome {
            IdOutcome::New => return outcome,
            IdOutcome::SeenInRun { earlier } => Some(earlier.as_str()),
            IdOutcome::InIndex { stored_path } => stored_path.as_deref(),
        };
        self.replaced += 1;
        if earlier_path.is_some_and(|p| p != self.files[file]) {
            self.replaced_other_file += 1;
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_replace_nothing() {
        let mut l = IdLedger::default();
        let f = l.file("/a/x.txt");
        assert_eq!(l.record("x", f, || None), IdOutcome::New);
        assert_eq!(l.record("y", f, || None), IdOutcome::New);
        assert_eq!((l.replaced, l.replaced_other_file), (0, 0));
        assert_eq!(l.path(f), "/a/x.txt");
    }

    #[test]
    fn same_id_from_two_files_in_one_run() {
        let mut l = IdLedger::default();
        let a = l.file("/2021/news/story.txt");
        let b = l.file("/2022/news/story.txt");
        assert_eq!(l.record("news/story", a, || None), IdOutcome::New);
        let out = l.record("news/story", b, || panic!("the run knows it"));
        assert_eq!(
            out,
            IdOutcome::SeenInRun {
                earlier: "/2021/news/story.txt".into()
            }
        );
        assert_eq!((l.replaced, l.replaced_other_file), (1, 1));
    }

    #[test]
    fn a_file_read_in_batches_keeps_its_number() {
        let mut l = IdLedger::default();
        let f = l.file("/feed.jsonl");
        let g = l.file("/other.jsonl");
        assert_ne!(f, g);
        assert_eq!(l.file("/feed.jsonl"), f);
        l.record("a1", f, || None);
        let again = l.file("/feed.jsonl");
        l.record("a1", again, || None);
        assert_eq!((l.replaced, l.replaced_other_file), (1, 0));
    }

    #[test]
    fn repeated_record_inside_one_file_is_not_another_file() {
        let mut l = IdLedger::default();
        let f = l.file("/feed.jsonl");
        l.record("a1", f, || None);
        l.record("a1", f, || None);
        assert_eq!((l.replaced, l.replaced_other_file), (1, 0));
    }

    #[test]
    fn ids_already_indexed_compare_stored_paths() {
        let mut l = IdLedger::default();
        let f = l.file("/corpus/bbc/business/001.txt");
        // Re-indexing the same file replaces quietly.
        let same = l.record("business/001", f, || {
            Some(Some("/corpus/bbc/business/001.txt".into()))
        });
        assert!(matches!(same, IdOutcome::InIndex { .. }));
        // Another file with an id already indexed replaces loudly.
        let other = l.record("business/002", f, || Some(Some("/old/002.txt".into())));
        assert_eq!(
            other,
            IdOutcome::InIndex {
                stored_path: Some("/old/002.txt".into())
            }
        );
        // An indexed article without a stored path cannot be compared.
        l.record("business/003", f, || Some(None));
        assert_eq!((l.replaced, l.replaced_other_file), (3, 1));
    }
}
