//! Outputs: where rows, failures and the checkpoint go, and the writers.
//!
//! Every writer can *commit*: flush, `fsync`, and report a [`Mark`] that `--resume` truncates
//! the output back to. JSONL commits anywhere; Parquet only between part files, because a
//! Parquet file is readable only once its footer is written.

pub mod parquet;

use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::BatchError;
use crate::row::{FailureLine, Row};

/// Output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One JSON object per line, in `OUT`.
    #[default]
    Jsonl,
    /// `OUT/` holds `part-NNNNN.parquet` files of a fixed number of rows each.
    Parquet,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }
}

/// The files of one output.
#[derive(Clone, Debug)]
pub struct Layout {
    pub out: PathBuf,
    pub format: Format,
}

impl Layout {
    pub fn new(out: &Path, format: Format) -> Layout {
        Layout {
            out: out.to_path_buf(),
            format,
        }
    }

    fn beside(&self, suffix: &str) -> PathBuf {
        let mut name = self.out.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        self.out.with_file_name(name)
    }

    /// Failed records, one JSON object per line: `OUT.failures.jsonl` (`OUT/failures.jsonl`
    /// for Parquet).
    pub fn failures(&self) -> PathBuf {
        match self.format {
            Format::Jsonl => self.beside(".failures.jsonl"),
            Format::Parquet => self.out.join("failures.jsonl"),
        }
    }

    /// The resume state: `OUT.checkpoint.json` (`OUT/checkpoint.json` for Parquet).
    pub fn checkpoint(&self) -> PathBuf {
        match self.format {
            Format::Jsonl => self.beside(".checkpoint.json"),
            Format::Parquet => self.out.join("checkpoint.json"),
        }
    }

    /// The `k`-th Parquet part.
    pub fn part(&self, k: u64) -> PathBuf {
        self.out.join(format!("part-{k:05}.parquet"))
    }

    /// Parquet parts present on disk, in order.
    pub fn parts_on_disk(&self) -> Vec<PathBuf> {
        let mut parts: Vec<PathBuf> = fs::read_dir(&self.out)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("part-") && n.ends_with(".parquet"))
            })
            .collect();
        parts.sort();
        parts
    }
}

/// How far the output had got at a commit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Rows written.
    pub rows: u64,
    /// JSONL: bytes of `OUT`.
    pub bytes: u64,
    /// Parquet: complete part files.
    pub parts: u64,
    /// Bytes of the failure file.
    pub failure_bytes: u64,
}

/// A row as a worker hands it to the writer: JSONL rows are serialised on the worker, so
/// the writer thread only copies bytes.
pub(crate) enum Payload {
    Json(Vec<u8>),
    Row(Box<Row>),
}

pub(crate) trait Sink {
    fn write(&mut self, row: Payload) -> Result<(), BatchError>;
    /// Whether a commit now is exact (Parquet: only between parts).
    fn at_boundary(&self) -> bool;
    /// Flushes and syncs; returns the output's position.
    fn commit(&mut self) -> Result<Mark, BatchError>;
    /// Closes the output (the last Parquet part gets its footer).
    fn finish(&mut self) -> Result<Mark, BatchError>;
}

/// Opens `path` for appending after truncating it to `len` (0 for a fresh run).
pub(crate) fn open_truncated(path: &Path, len: u64) -> Result<File, BatchError> {
    let file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(path)
        .map_err(BatchError::io(path))?;
    file.set_len(len).map_err(BatchError::io(path))?;
    let mut file = file;
    use std::io::Seek;
    file.seek(std::io::SeekFrom::Start(len))
        .map_err(BatchError::io(path))?;
    Ok(file)
}

/// JSONL rows into one file.
pub(crate) struct JsonlSink {
    path: PathBuf,
    out: BufWriter<File>,
    mark: Mark,
}

impl JsonlSink {
    pub(crate) fn open(path: &Path, mark: Mark) -> Result<JsonlSink, BatchError> {
        let file = open_truncated(path, mark.bytes)?;
        Ok(JsonlSink {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(1 << 20, file),
            mark,
        })
    }
}

impl Sink for JsonlSink {
    fn write(&mut self, row: Payload) -> Result<(), BatchError> {
        let line = match row {
            Payload::Json(line) => line,
            Payload::Row(row) => {
                let mut line = serde_json::to_vec(&row)?;
                line.push(b'\n');
                line
            }
        };
        self.out
            .write_all(&line)
            .map_err(BatchError::io(&self.path))?;
        self.mark.bytes += line.len() as u64;
        self.mark.rows += 1;
        Ok(())
    }

    fn at_boundary(&self) -> bool {
        true
    }

    fn commit(&mut self) -> Result<Mark, BatchError> {
        self.out.flush().map_err(BatchError::io(&self.path))?;
        self.out
            .get_ref()
            .sync_data()
            .map_err(BatchError::io(&self.path))?;
        Ok(self.mark)
    }

    fn finish(&mut self) -> Result<Mark, BatchError> {
        self.commit()
    }
}

/// The failure side file.
pub(crate) struct FailureSink {
    path: PathBuf,
    out: BufWriter<File>,
    bytes: u64,
}

impl FailureSink {
    pub(crate) fn open(path: &Path, len: u64) -> Result<FailureSink, BatchError> {
        let file = open_truncated(path, len)?;
        Ok(FailureSink {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
            bytes: len,
        })
    }

    pub(crate) fn write(&mut self, line: &FailureLine) -> Result<(), BatchError> {
        let mut bytes = serde_json::to_vec(line)?;
        bytes.push(b'\n');
        self.out
            .write_all(&bytes)
            .map_err(BatchError::io(&self.path))?;
        self.bytes += bytes.len() as u64;
        Ok(())
    }

    pub(crate) fn commit(&mut self) -> Result<u64, BatchError> {
        self.out.flush().map_err(BatchError::io(&self.path))?;
        self.out
            .get_ref()
            .sync_data()
            .map_err(BatchError::io(&self.path))?;
        Ok(self.bytes)
    }
}

/// Writes `contents` to `path` atomically: a temporary file, synced, renamed over it.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), BatchError> {
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let mut file = File::create(&tmp).map_err(BatchError::io(&tmp))?;
    file.write_all(contents).map_err(BatchError::io(&tmp))?;
    file.sync_data().map_err(BatchError::io(&tmp))?;
    fs::rename(&tmp, path).map_err(BatchError::io(path))?;
    Ok(())
}
