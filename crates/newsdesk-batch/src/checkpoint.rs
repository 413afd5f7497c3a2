//! The resume state, written atomically after each commit of the output.
//!
//! A commit writes in this order: output flushed and synced, failure file flushed and synced,
//! then this file (temporary file, sync, rename). So the checkpoint never claims more than is
//! on disk, and `--resume` can cut the output and failure file back to exactly the lengths it
//! records — dropping whatever an interrupted run wrote after its last commit — and go on from
//! item `next_seq`. Nothing is lost (every item before `next_seq` is in the output, the failure
//! file or the skipped counts) and nothing is written twice (everything after it was cut).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::BatchError;
use crate::input::InputSpec;
use crate::output::{Format, Mark, write_atomic};
use crate::summary::Summary;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub version: u32,
    pub format: Format,
    /// The inputs as resolved (path, kind, total bytes); a resume needs the same.
    pub inputs: Vec<InputSpec>,
    /// What changes extraction output: the mode, explain, and the reference date used for
    /// inputs without a crawl date (fixed at the first run, so a resume a day later agrees).
    pub settings: String,
    /// Parquet rows per part file.
    pub rows_per_part: u64,
    /// Items `0..next_seq` are done.
    pub next_seq: u64,
    pub mark: Mark,
    pub summary: Summary,
    /// The run reached the end of its input.
    pub complete: bool,
    /// `--dedup` has rewritten the output with story groups.
    #[serde(default)]
    pub deduplicated: bool,
}

impl Checkpoint {
    pub const VERSION: u32 = 1;

    pub fn load(path: &Path) -> Result<Option<Checkpoint>, BatchError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(BatchError::Io {
                    path: path.to_path_buf(),
                    source: e,
                });
            }
        };
        let cp: Checkpoint = serde_json::from_slice(&bytes)
            .map_err(|e| BatchError::Resume(format!("{}: {e}", path.display())))?;
        if cp.version != Checkpoint::VERSION {
            return Err(BatchError::Resume(format!(
                "{} is version {}, this build writes version {}",
                path.display(),
                cp.version,
                Checkpoint::VERSION
            )));
        }
        Ok(Some(cp))
    }

    pub fn save(&self, path: &Path) -> Result<(), BatchError> {
        let mut bytes = serde_json::to_vec_pretty(self)?;
        bytes.push(b'\n');
        write_atomic(path, &bytes)
    }

    /// Why this checkpoint cannot continue a run with these inputs and settings, if it can't.
    pub fn mismatch(
        &self,
        format: Format,
        inputs: &[InputSpec],
        settings: &str,
        rows_per_part: u64,
    ) -> Option<String> {
        if self.format != format {
            return Some(format!(
                "the output was written as {}, not {}",
                self.format.as_str(),
                format.as_str()
            ));
        }
        let same =
            |a: &InputSpec, b: &InputSpec| a.path == b.path && a.kind == b.kind && a.len == b.len;
        if self.inputs.len() != inputs.len()
            || !self.inputs.iter().zip(inputs).all(|(a, b)| same(a, b))
        {
            return Some("the inputs differ from the interrupted run's (paths or sizes)".into());
        }
        if self.settings != settings {
            return Some(format!(
                "the extraction settings differ (checkpoint: {}, now: {settings})",
                self.settings
            ));
        }
        if format == Format::Parquet && self.rows_per_part != rows_per_part {
            return Some("the Parquet rows per part differ".into());
        }
        None
    }
}
