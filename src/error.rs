//! Library error types. The binary adds context with `anyhow` at the edge;
//! everything here carries enough to print a one-line message that says what
//! is wrong and what to do.

use std::path::PathBuf;

/// Errors of opening, writing and querying an index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no index at {path}: run `newsdex index PATH...` first (or pass --index DIR / set NEWSDEX_INDEX)")]
    NoIndex { path: PathBuf },

    #[error("the index at {path} was built with an incompatible schema ({detail}); rebuild it with `newsdex index --rebuild PATH...`")]
    SchemaMismatch { path: PathBuf, detail: String },

    /// The writer lock (`.tantivy-writer.lock`) is held. tantivy takes it
    /// with an OS file lock (`flock`), which the kernel releases when the
    /// holding process exits in any way, SIGKILL and crashes included: the
    /// file left behind is harmless, and deleting it would only let two
    /// writers in at once. So this error always means a live process.
    #[error("the index at {path} is locked by another writer: a running process (another `newsdex index`?) holds its lock; wait for it to finish (the lock is released when that process exits, even if it is killed, so there is no lock file to delete)")]
    Locked { path: PathBuf },

    #[error("bad query: {0}")]
    Query(String),

    #[error("no {field} matches '{value}'{suggestions}")]
    UnknownFilterValue {
        field: String,
        value: String,
        suggestions: String,
    },

    #[error("bad value for {flag}: {message}")]
    BadArgument { flag: String, message: String },

    #[error("no article with id '{0}' in the index")]
    NotFound(String),

    #[error("schema declaration: {0}")]
    SchemaDeclaration(String),

    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
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
