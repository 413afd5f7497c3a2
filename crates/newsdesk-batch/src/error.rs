use std::path::PathBuf;

/// Why a batch run could not start or go on. A bad *record* is never one of these: it is
/// counted, written to the failure file, and the run continues.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("writing Parquet {}: {source}", path.display())]
    Parquet {
        path: PathBuf,
        #[source]
        source: parquet::errors::ParquetError,
    },
    #[error("building the Arrow batch: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot resume: {0}")]
    Resume(String),
    #[error("{0}")]
    Usage(String),
    #[error("the {0} thread panicked")]
    ThreadPanicked(&'static str),
}

impl BatchError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> BatchError {
        let path = path.into();
        move |source| BatchError::Io { path, source }
    }

    pub(crate) fn parquet(
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(parquet::errors::ParquetError) -> BatchError {
        let path = path.into();
        move |source| BatchError::Parquet { path, source }
    }
}
