//! Library error types. The binary adds context with `anyhow` at the edge;
//! everything here carries enough to print a one-line message that says what
//! is wrong and what to do.

use std::path::PathBuf;

/// Errors of opening, writing and querying an index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no index at {path}: nothing has been indexed there yet")]
    NoIndex { path: PathBuf },

    #[error("the index at {path} was built with an incompatible schema ({detail}); rebuild it from its sources")]
    SchemaMismatch { path: PathBuf, detail: String },

    /// The writer lock (`.tantivy-writer.lock`) is held. tantivy takes it
    /// with an OS file lock (`flock`), which the kernel releases when the
    /// holding process exits in any way, SIGKILL and crashes included: the
    /// file left behind is harmless, and deleting it would only let two
    /// writers in at once. So this error always means a live process.
    #[error("the index at {path} is locked by another writer: a running process holds its lock; wait for it to finish (the lock is released when that process exits, even if it is killed, so there is no lock file to delete)")]
    Locked { path: PathBuf },

    /// A path given to read does not exist.
    #[error("no such file or folder: {path}")]
    NoSuchInput { path: PathBuf },

    /// The inputs hold no file in a format newsdex reads.
    #[error("found no article files under {paths} (looked for {extensions}); nothing was indexed")]
    NoArticleFiles { paths: String, extensions: String },

    /// The index folder holds files and is not a newsdex index; it is
    /// neither written into nor deleted.
    #[error("{path} holds other files and is not a newsdex index; refusing to {action} it (choose an empty or new folder)")]
    NotAnIndex { path: PathBuf, action: &'static str },

    /// A memory budget too large to count in bytes on this machine.
    #[error("a writer memory budget of {megabytes} MB is too large (at most {max} MB)")]
    MemoryTooLarge { megabytes: usize, max: usize },

    #[error("bad query: {0}")]
    Query(String),

    #[error("no {field} matches '{value}'{suggestions}")]
    UnknownFilterValue {
        field: String,
        value: String,
        suggestions: String,
    },

    #[error("cannot start the worker threads: {0}")]
    ThreadPool(String),

    #[error("unknown sort order '{0}'; choose relevance, date or -date")]
    UnknownSort(String),

    #[error("unknown way to collapse copies '{0}'; choose earliest or best")]
    UnknownCollapse(String),

    #[error("unknown facet '{name}'; choose one of: {choices}")]
    UnknownFacet { name: String, choices: String },

    #[error("an empty {facet} filter matches nothing; give a value")]
    EmptyFilterValue { facet: String },

    #[error("no article with id '{0}' in the index")]
    NotFound(String),

    /// The server was asked to listen beyond this machine without an
    /// access token.
    #[error("refusing to serve on {addr}: it is reachable from other machines, so an access token is required")]
    TokenRequired { addr: String },

    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },

    #[error("schema declaration: {0}")]
    SchemaDeclaration(String),

    /// A write failed because the filesystem holding the index is full
    /// (ENOSPC). tantivy commits atomically, so what was committed before
    /// is still there; nothing after the last commit is.
    #[error("the disk is full while writing the index at {path}; the index is intact at its last commit; free space and run the same command again")]
    DiskFull { path: PathBuf },

    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),

    #[error("extraction: {0}")]
    Extract(#[from] crate::extract::ExtractError),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// True when `e` (or what it wraps) is "no space left on device": an
/// `io::Error` of kind `StorageFull` / errno 28 in the source chain, or that
/// error's text inside a message (tantivy flattens some errors to strings,
/// e.g. those of its worker threads).
pub fn is_disk_full(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(err) = next {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(28) {
                return true;
            }
        }
        let text = err.to_string();
        if text.contains("No space left on device") || text.contains("os error 28") {
            return true;
        }
        next = err.source();
    }
    false
}

/// Result with the library error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wrap an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}
