//! The id ledger of one ingest run: which ids were read, from which file,
//! and how many articles replaced one already indexed. It is what turns a
//! silent id collision (two files giving the same id) into a warning and a
//! count in the summary.
//!
//! Memory: a run may read millions of ids, so the ledger keeps a 64-bit hash
//! of each id (with its file's number: 16 bytes a slot) instead of the id
//! itself (a `String` a slot, about 70 bytes with its allocation: BENCHMARKS.md,
//! "Streaming input"). Exact strings are kept only where a hash cannot
//! decide: the ids read since the last commit, the ids that replaced an
//! article indexed before the run, and ids whose hash another id had. A hash
//! hit is confirmed before it counts as a repeat: against the ids since the
//! last commit, else against the index's last commit (the caller's
//! `committed` answer). Two ids with one hash are told apart, so a collision
//! neither drops an article nor gives a false warning.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

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
#[derive(Debug)]
pub struct IdLedger {
    /// Ids read in this run and owning their hash, by hash: the file each
    /// was last read from.
    by_hash: FxHashMap<u64, u32>,
    /// Of those, the ids read since the last commit (the index cannot
    /// confirm them yet), with the file each was last read from.
    recent: HashMap<String, u32>,
    /// Ids kept whole: those that replaced an article indexed before the run,
    /// and those whose hash an earlier id of the run owns.
    exact: HashMap<String, u32>,
    files: Vec<String>,
    /// Each file's number, by path.
    numbers: HashMap<String, FileNo>,
    /// How an id is hashed (a test gives one that collides).
    hash: fn(&str) -> u64,
    /// Articles that replaced one with the same id (read earlier in this run,
    /// or already in the index).
    pub replaced: u64,
    /// Of those, how many replaced an article from a different file.
    pub replaced_other_file: u64,
}

impl Default for IdLedger {
    fn default() -> IdLedger {
        IdLedger::with_hash(sip_hash)
    }
}

/// SipHash-1-3 with fixed keys (std's `DefaultHasher::new`): a well-mixed
/// 64-bit hash, the same in every run.
fn sip_hash(id: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl IdLedger {
    /// A ledger hashing ids with `hash`.
    fn with_hash(hash: fn(&str) -> u64) -> IdLedger {
        IdLedger {
            by_hash: FxHashMap::default(),
            recent: HashMap::new(),
            exact: HashMap::new(),
            files: Vec::new(),
            numbers: HashMap::new(),
            hash,
            replaced: 0,
            replaced_other_file: 0,
        }
    }

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

    /// Say that the writer committed: the ids read so far can be confirmed
    /// against the index from now on, and their strings are let go.
    pub fn committed(&mut self) {
        self.recent = HashMap::new();
    }

    /// Ids whose strings the ledger holds (read since the last commit, or
    /// kept whole); the rest are held as hashes.
    pub fn strings_held(&self) -> usize {
        self.recent.len() + self.exact.len()
    }

    /// Record that `id` was read from `file`. `in_index` is asked only for
    /// ids not yet seen in this run: `None` when the index did not hold the
    /// id before the run, `Some(stored path)` when it did. `committed` is
    /// asked only when the id's hash was seen before and the id was not read
    /// since the last commit: whether the index's last commit holds a live
    /// article with this id (written by this run, since ids indexed before
    /// the run are kept whole). Counts a replacement whenever the outcome is
    /// not [`IdOutcome::New`], and a replacement from another file when the
    /// earlier path differs from this file's.
    pub fn record(
        &mut self,
        id: &str,
        file: FileNo,
        in_index: impl FnOnce() -> Option<Option<String>>,
        committed: impl FnOnce() -> bool,
    ) -> IdOutcome {
        let no = file as u32;
        let hash = (self.hash)(id);
        let outcome = if let Some(earlier) = self.exact.get_mut(id) {
            let earlier = std::mem::replace(earlier, no);
            IdOutcome::SeenInRun {
                earlier: self.files[earlier as usize].clone(),
            }
        } else if let Some(&earlier) = self.recent.get(id) {
            self.remember(id, hash, no);
            IdOutcome::SeenInRun {
                earlier: self.files[earlier as usize].clone(),
            }
        } else if let Some(&earlier) = self.by_hash.get(&hash) {
            // A hash hit: the same id read before the last commit, or
            // another id with the same hash.
            match in_index() {
                // Indexed before the run and not read in it (it would be
                // kept whole): another id owns the hash.
                Some(stored_path) => {
                    self.exact.insert(id.to_string(), no);
                    IdOutcome::InIndex { stored_path }
                }
                None if committed() => {
                    self.remember(id, hash, no);
                    IdOutcome::SeenInRun {
                        earlier: self.files[earlier as usize].clone(),
                    }
                }
                None => {
                    self.exact.insert(id.to_string(), no);
                    IdOutcome::New
                }
            }
        } else {
            match in_index() {
                None => {
                    self.remember(id, hash, no);
                    IdOutcome::New
                }
                Some(stored_path) => {
                    self.exact.insert(id.to_string(), no);
                    IdOutcome::InIndex { stored_path }
                }
            }
        };
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

    /// Note `id`, which owns `hash`, as last read from file `no`.
    fn remember(&mut self, id: &str, hash: u64, no: u32) {
        self.by_hash.insert(hash, no);
        match self.recent.get_mut(id) {
            Some(file) => *file = no,
            None => {
                self.recent.insert(id.to_string(), no);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index's last commit as `committed` sees it, in a test: no commit.
    fn none() -> bool {
        false
    }

    #[test]
    fn new_ids_replace_nothing() {
        let mut l = IdLedger::default();
        let f = l.file("/a/x.txt");
        assert_eq!(l.record("x", f, || None, none), IdOutcome::New);
        assert_eq!(l.record("y", f, || None, none), IdOutcome::New);
        assert_eq!((l.replaced, l.replaced_other_file), (0, 0));
        assert_eq!(l.path(f), "/a/x.txt");
    }

    #[test]
    fn same_id_from_two_files_in_one_run() {
        let mut l = IdLedger::default();
        let a = l.file("/2021/news/story.txt");
        let b = l.file("/2022/news/story.txt");
        assert_eq!(l.record("news/story", a, || None, none), IdOutcome::New);
        let out = l.record(
            "news/story",
            b,
            || panic!("the run knows it"),
            || panic!("read since the last commit"),
        );
        assert_eq!(
            out,
            IdOutcome::SeenInRun {
                earlier: "/2021/news/story.txt".into()
            }
        );
        assert_eq!((l.replaced, l.replaced_other_file), (1, 1));
    }

    #[test]
    fn a_repeat_after_a_commit_is_confirmed_by_the_index_and_names_the_earlier_file() {
        let mut l = IdLedger::default();
        let a = l.file("/a.jsonl");
        let b = l.file("/b.jsonl");
        l.record("s1", a, || None, none);
        l.record("s2", a, || None, none);
        l.committed();
        assert_eq!(l.strings_held(), 0, "committed ids are held as hashes");
        let out = l.record("s1", b, || None, || true);
        assert_eq!(
            out,
            IdOutcome::SeenInRun {
                earlier: "/a.jsonl".into()
            }
        );
        // And again, before the next commit: known without asking.
        let out = l.record("s1", a, || None, || panic!("read since the commit"));
        assert_eq!(
            out,
            IdOutcome::SeenInRun {
                earlier: "/b.jsonl".into()
            }
        );
        assert_eq!((l.replaced, l.replaced_other_file), (2, 2));
    }

    #[test]
    fn ids_with_one_hash_are_told_apart() {
        // Every id collides.
        let mut l = IdLedger::with_hash(|_| 7);
        let a = l.file("/a.jsonl");
        let b = l.file("/b.jsonl");
        assert_eq!(l.record("x", a, || None, none), IdOutcome::New);
        // Before a commit: "y" is not among the recent ids, and the index
        // does not hold it: new, not a repeat of "x".
        assert_eq!(l.record("y", b, || None, none), IdOutcome::New);
        l.committed();
        // After a commit the index is asked, and says no: new.
        assert_eq!(l.record("z", b, || None, || false), IdOutcome::New);
        // The real repeats are still found, each naming its own file.
        assert_eq!(
            l.record("x", b, || None, || true),
            IdOutcome::SeenInRun {
                earlier: "/a.jsonl".into()
            }
        );
        assert_eq!(
            l.record("y", a, || None, || panic!("kept whole")),
            IdOutcome::SeenInRun {
                earlier: "/b.jsonl".into()
            }
        );
        // An id indexed before the run that collides with a run's id.
        assert_eq!(
            l.record(
                "w",
                a,
                || Some(Some("/old.jsonl".into())),
                || { panic!("not needed") }
            ),
            IdOutcome::InIndex {
                stored_path: Some("/old.jsonl".into())
            }
        );
        assert_eq!((l.replaced, l.replaced_other_file), (3, 3));
    }

    #[test]
    fn a_file_read_in_batches_keeps_its_number() {
        let mut l = IdLedger::default();
        let f = l.file("/feed.jsonl");
        let g = l.file("/other.jsonl");
        assert_ne!(f, g);
        assert_eq!(l.file("/feed.jsonl"), f);
        l.record("a1", f, || None, none);
        let again = l.file("/feed.jsonl");
        l.record("a1", again, || None, none);
        assert_eq!((l.replaced, l.replaced_other_file), (1, 0));
    }

    #[test]
    fn repeated_record_inside_one_file_is_not_another_file() {
        let mut l = IdLedger::default();
        let f = l.file("/feed.jsonl");
        l.record("a1", f, || None, none);
        l.record("a1", f, || None, none);
        assert_eq!((l.replaced, l.replaced_other_file), (1, 0));
    }

    #[test]
    fn ids_already_indexed_compare_stored_paths() {
        let mut l = IdLedger::default();
        let f = l.file("/corpus/bbc/business/001.txt");
        // Re-indexing the same file replaces quietly.
        let same = l.record(
            "business/001",
            f,
            || Some(Some("/corpus/bbc/business/001.txt".into())),
            none,
        );
        assert!(matches!(same, IdOutcome::InIndex { .. }));
        // Another file with an id already indexed replaces loudly.
        let other = l.record(
            "business/002",
            f,
            || Some(Some("/old/002.txt".into())),
            none,
        );
        assert_eq!(
            other,
            IdOutcome::InIndex {
                stored_path: Some("/old/002.txt".into())
            }
        );
        // An indexed article without a stored path cannot be compared.
        l.record("business/003", f, || Some(None), none);
        assert_eq!((l.replaced, l.replaced_other_file), (3, 1));
        // Read again after a commit: known without asking the index.
        l.committed();
        let again = l.record("business/001", f, || panic!("kept whole"), || panic!());
        assert!(matches!(again, IdOutcome::SeenInRun { .. }));
    }
}
