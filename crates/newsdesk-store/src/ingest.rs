//! Ingest: pages through the batch pipeline (`newsdesk-batch`), rows into the store.
//!
//! HTML files and directories, WARC files and `{url, html}` JSONL go through
//! [`newsdesk_batch::run`] exactly as `newsdesk batch` runs them (parallel extraction, bad
//! records counted and set aside, a panic fails its record only), into a JSONL file in the
//! data directory. JSONL that already holds extracted rows (the output of `newsdesk batch`) is
//! loaded as it is. The rows are then written in one transaction and the store regrouped.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use newsdesk_batch::{Config, Row, Summary};

use crate::error::StoreError;

/// Settings of one ingest.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Extraction workers (default: every core).
    pub jobs: Option<usize>,
    /// Draw the batch progress bar (only shown when stderr is a terminal).
    pub progress: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            jobs: None,
            progress: true,
        }
    }
}

/// What an ingest did.
#[derive(Clone, Debug, Default)]
pub struct IngestReport {
    /// The batch pipeline's accounting of the pages it read (all runs added up).
    pub batch: Summary,
    /// Rows read from already-extracted JSONL inputs.
    pub rows_loaded: u64,
    /// Articles written (new or replaced); empty pages are not stored.
    pub stored: u64,
    /// Of `stored`, articles whose id was not in the store before.
    pub new: u64,
    /// Rows without an article body, not stored.
    pub empty: u64,
    /// The store afterwards.
    pub articles: u64,
    pub stories: u64,
}

/// Whether a JSONL file holds extracted rows (`newsdesk batch` output) rather than pages.
pub(crate) fn is_row_jsonl(path: &Path) -> bool {
    let is_jsonl = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    if !is_jsonl {
        return false;
    }
    let Ok(file) = File::open(path) else {
        return false;
    };
    // The first line, read at most 16 MiB far.
    let mut first = Vec::new();
    if BufReader::new(file.take(16 << 20))
        .read_until(b'\n', &mut first)
        .is_err()
    {
        return false;
    }
    match serde_json::from_slice::<serde_json::Value>(&first) {
        Ok(v) => v.get("html").is_none() && v.get("seq").is_some() && v.get("status").is_some(),
        Err(_) => false,
    }
}

/// Runs the batch pipeline over `inputs` into `out` (JSONL); returns its summary.
pub(crate) fn extract_to(
    inputs: Vec<PathBuf>,
    out: &Path,
    options: &IngestOptions,
) -> Result<Summary, StoreError> {
    let mut config = Config::new(inputs, out.to_path_buf());
    if let Some(j) = options.jobs {
        config.jobs = j.max(1);
    }
    config.progress = options.progress;
    Ok(newsdesk_batch::run(&config)?)
}

/// Calls `f` with every row of an extracted JSONL file (lines that are not rows are skipped).
pub(crate) fn for_each_row(
    path: &Path,
    mut f: impl FnMut(Row) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let file = File::open(path).map_err(StoreError::io(path))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        buf.clear();
        let read = reader
            .read_until(b'\n', &mut buf)
            .map_err(StoreError::io(path))?;
        if read == 0 {
            return Ok(n);
        }
        if let Ok(row) = serde_json::from_slice::<Row>(&buf) {
            n += 1;
            f(row)?;
        }
    }
}
