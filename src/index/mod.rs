//! The on-disk index: opening or creating it with newsdex's schema, and
//! turning articles into tantivy documents and back.

pub mod check;
pub mod columns;
pub mod document;
pub mod dupes;
pub mod merge;
pub mod optimize;
pub mod rewrite;
pub mod schema;
pub mod stem_cache;
pub mod stored;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyError};

use crate::error::{Error, Result};
pub use schema::Fields;

use crate::schema::declaration;

/// Default index folder, relative to the working directory, when neither
/// `--index` nor `NEWSDEX_INDEX` is given.
pub const DEFAULT_INDEX_DIR: &str = "newsdex-index";

/// An open newsdex index with its field handles.
pub struct NewsIndex {
    pub index: Index,
    pub fields: Fields,
    pub path: PathBuf,
}

impl NewsIndex {
    /// Open an existing index for reading; fails clearly when there is none
    /// or when it was made by an incompatible schema.
    pub fn open(path: &Path) -> Result<NewsIndex> {
        if !path.join("meta.json").is_file() {
            return Err(Error::NoIndex {
                path: path.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(path).map_err(|e| open_error(path, e))?;
        let expected = schema::to_schema(declaration());
        let (have, want) = (schema_json(&index.schema()), schema_json(&expected));
        if have != want {
            return Err(Error::SchemaMismatch {
                path: path.to_path_buf(),
                detail: describe_schema_difference(&index.schema(), &expected),
            });
        }
        schema::register_tokenizers(&index);
        let fields = Fields::new(&index.schema())?;
        Ok(NewsIndex {
            index,
            fields,
            path: path.to_path_buf(),
        })
    }

    /// Open the index for writing, creating it (and its folder) when absent;
    /// `rebuild` deletes whatever was there first, but only once it holds
    /// the writer lock: an index another process is writing is never
    /// deleted (that fails with [`Error::Locked`], as a second writer does).
    pub fn open_or_create(path: &Path, rebuild: bool) -> Result<NewsIndex> {
        if rebuild && path.exists() {
            if !path.join("meta.json").is_file() && dir_has_entries(path) {
                // Refuse to wipe a folder that is not an index: a typo in
                // the index path must not delete someone's files.
                return Err(Error::NotAnIndex {
                    path: path.to_path_buf(),
                    action: "delete",
                });
            }
            let lock = lock_writer(path)?;
            clear_except_lock(path)?;
            // The lock is released when this returns, just before the
            // caller opens its writer (which takes it again): a writer that
            // slips in between finds a fresh empty index and the caller is
            // then told the index is locked; nothing is deleted under it.
            let created = NewsIndex::create(path);
            drop(lock);
            return created;
        }
        if path.join("meta.json").is_file() {
            return NewsIndex::open(path);
        }
        if path.is_dir() && dir_has_entries(path) {
            // Nor fill someone's folder with segment files.
            return Err(Error::NotAnIndex {
                path: path.to_path_buf(),
                action: "index into",
            });
        }
        NewsIndex::create(path)
    }

    /// Create a new index in `path` (made if absent), which holds no index.
    fn create(path: &Path) -> Result<NewsIndex> {
        std::fs::create_dir_all(path)
            .map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
        let index = Index::create_in_dir(path, schema::to_schema(declaration()))
            .map_err(|e| open_error(path, e))?;
        schema::register_tokenizers(&index);
        let fields = Fields::new(&index.schema())?;
        Ok(NewsIndex {
            index,
            fields,
            path: path.to_path_buf(),
        })
    }

    /// A reader that follows the index as other processes commit to it:
    /// it reloads shortly after each commit (tantivy watches the index's
    /// meta file), and a search always sees one whole commit.
    pub fn live_reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?)
    }

    /// A reader that sees the last commit.
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?)
    }
}

/// Map tantivy's errors on open/lock into ours.
pub(crate) fn open_error(path: &Path, e: TantivyError) -> Error {
    match e {
        TantivyError::LockFailure(..) => Error::Locked {
            path: path.to_path_buf(),
        },
        other => Error::Tantivy(other),
    }
}

fn schema_json(schema: &tantivy::schema::Schema) -> String {
    serde_json::to_string(schema).unwrap_or_default()
}

fn describe_schema_difference(
    have: &tantivy::schema::Schema,
    want: &tantivy::schema::Schema,
) -> String {
    let names = |s: &tantivy::schema::Schema| -> Vec<String> {
        s.fields().map(|(_, e)| e.name().to_string()).collect()
    };
    let (h, w) = (names(have), names(want));
    let missing: Vec<_> = w.iter().filter(|n| !h.contains(n)).cloned().collect();
    let extra: Vec<_> = h.iter().filter(|n| !w.contains(n)).cloned().collect();
    if missing.is_empty() && extra.is_empty() {
        "same fields, different options".to_string()
    } else {
        format!(
            "missing fields: [{}], unexpected fields: [{}]",
            missing.join(", "),
            extra.join(", ")
        )
    }
}

/// Take the index folder's writer lock, the same OS file lock tantivy's
/// `IndexWriter` takes, so no writer can start (or is running) while it is held.
fn lock_writer(path: &Path) -> Result<DirectoryLock> {
    let dir = MmapDirectory::open(path).map_err(|e| Error::Tantivy(e.into()))?;
    dir.acquire_lock(&INDEX_WRITER_LOCK).map_err(|e| match e {
        LockError::LockBusy => Error::Locked {
            path: path.to_path_buf(),
        },
        LockError::IoError(io) => Error::io(
            format!("locking {}", path.display()),
            std::io::Error::new(io.kind(), io.to_string()),
        ),
    })
}

/// Delete everything in the index folder but the writer lock file (which
/// the caller holds; deleting it would let a second writer lock a new file).
fn clear_except_lock(path: &Path) -> Result<()> {
    let entries =
        std::fs::read_dir(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        if entry.file_name() == INDEX_WRITER_LOCK.filepath.as_os_str() {
            continue;
        }
        let p = entry.path();
        let removed = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        removed.map_err(|e| Error::io(format!("removing {}", p.display()), e))?;
    }
    Ok(())
}

/// Bytes of every file under `path` (0 for what cannot be read).
pub fn size_on_disk(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn dir_has_entries(path: &Path) -> bool {
    std::fs::read_dir(path)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false)
}
