//! `newsdesk.read_records`: WARC files (and JSONL, HTML files and directories) read exactly as
//! `newsdesk batch` reads them, for jobs that extract the pages themselves (a Spark
//! `mapPartitions`, a datatrove reader). Same ids, same record selection (2xx HTML responses,
//! HTML resource records), same skip and failure reasons, same damage recovery.

use std::path::PathBuf;

use newsdesk_batch::input::{Item, Origin, Reader};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::input::type_name;

/// One record of an input, in input order.
///
/// `kind` is `"page"` (an HTML page to extract: `body` holds its payload), `"skipped"` (not
/// an HTML page: `reason` says why, e.g. `warc-type:request`, `http-status:404`,
/// `not-html:image/jpeg`) or `"failed"` (damaged or unreadable: `reason` is `corrupt`,
/// `truncated`, `bad-record`, `too-large`, ... and `error` the details). `seq` is the
/// record's position in the reader's stream (what `newsdesk batch` calls `seq` for the same
/// inputs); `id` is `PATH#N` for WARC and JSONL records. `reference_date` is the crawl day
/// (`WARC-Date`), the latest plausible publication date: pass it to `extract`.
#[pyclass(frozen, get_all, module = "newsdesk", name = "Record")]
pub(crate) struct Record {
    seq: u64,
    id: String,
    kind: &'static str,
    reason: Option<String>,
    error: Option<String>,
    url: Option<String>,
    warc_record_id: Option<String>,
    warc_date: Option<String>,
    content_type: Option<String>,
    reference_date: Option<String>,
    body: Option<Py<PyBytes>>,
}

impl Record {
    fn new(py: Python<'_>, seq: u64, item: Item) -> Record {
        let (origin, kind, reason, error, body): (Origin, _, _, _, _) = match item {
            Item::Page { origin, body } => (
                origin,
                "page",
                None,
                None,
                Some(PyBytes::new(py, &body).unbind()),
            ),
            Item::Skipped { origin, reason } => (origin, "skipped", Some(reason), None, None),
            Item::Failed {
                origin,
                reason,
                error,
            } => (origin, "failed", Some(reason.to_owned()), Some(error), None),
        };
        Record {
            seq,
            reference_date: origin.reference_date().map(str::to_owned),
            id: origin.id,
            kind,
            reason,
            error,
            url: origin.url,
            warc_record_id: origin.warc_record_id,
            warc_date: origin.warc_date,
            content_type: origin.content_type,
            body,
        }
    }
}

#[pymethods]
impl Record {
    fn __repr__(&self) -> String {
        let detail = match (&self.reason, &self.url) {
            (Some(r), _) => format!(" reason={r:?}"),
            (None, Some(u)) => format!(" url={u:?}"),
            _ => String::new(),
        };
        format!("<newsdesk.Record {} id={:?}{detail}>", self.kind, self.id)
    }
}

/// Iterator over the records of `read_records`. Reading holds the GIL (the WARC reader is not
/// thread-safe); decompression is a small share of the time next to extraction.
#[pyclass(unsendable, module = "newsdesk", name = "RecordReader")]
pub(crate) struct RecordReader {
    reader: Reader,
    seq: u64,
}

#[pymethods]
impl RecordReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> Option<Record> {
        let item = self.reader.next()?;
        let record = Record::new(py, self.seq, item);
        self.seq += 1;
        Some(record)
    }
}

/// Reads WARC files (`.warc`, `.warc.gz`, `.warc.zst`), JSONL (`{url, html}` per line), HTML
/// files and directories exactly as `newsdesk batch` does, without extracting: an iterator of
/// `Record`s in input order. `paths`: one path or a list. A path that cannot be opened raises
/// `OSError` at once; damage inside a file becomes `failed` records and reading goes on.
/// Bodies over `max_bytes` (default 16 MiB) become `too-large` failures.
#[pyfunction]
#[pyo3(signature = (paths, *, max_bytes=None))]
pub(crate) fn read_records(
    paths: &Bound<'_, PyAny>,
    max_bytes: Option<usize>,
) -> PyResult<RecordReader> {
    let paths: Vec<PathBuf> = if let Ok(p) = paths.extract::<PathBuf>() {
        vec![p]
    } else if let Ok(iter) = paths.try_iter() {
        iter.map(|p| p?.extract::<PathBuf>())
            .collect::<PyResult<_>>()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "paths must be a path or a list of paths, not {}",
            type_name(paths)
        )));
    };
    let max_bytes = max_bytes.unwrap_or(newsdesk::Limits::default().max_bytes);
    let reader = Reader::open(&paths, max_bytes)?;
    Ok(RecordReader { reader, seq: 0 })
}
