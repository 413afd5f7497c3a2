use std::path::PathBuf;

/// Why a store operation failed. "Not found" is not an error: lookups return `Option`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("the search index is being written by another process; try again when it is done")]
    Busy,
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("ingest: {0}")]
    Batch(#[from] newsdesk_batch::BatchError),
    #[error("the data directory has schema version {found}; this newsdesk reads up to {supported}")]
    NewerSchema { found: i64, supported: i64 },
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { path, source }
    }

    /// tantivy's writer lock is held by another process (a running `ingest` or `serve`).
    pub(crate) fn from_index(e: tantivy::TantivyError) -> StoreError {
        match e {
            tantivy::TantivyError::LockFailure(..) => StoreError::Busy,
            other => StoreError::Index(other),
        }
    }
}
