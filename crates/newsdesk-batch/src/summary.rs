//! The run's accounting: every record read is ok, skipped or failed, each with a reason.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Counts for one run (or, after `--resume`, for the whole output so far).
/// `read == ok + skipped + failed` always holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub read: u64,
    /// Records written to the output (including `empty` ones, where no article was found).
    pub ok: u64,
    /// Of `ok`, those with no article body.
    pub empty: u64,
    /// Records that are not HTML pages, by reason (`warc-type:request`, `http-status:404`,
    /// `not-html:image/jpeg`, ...).
    pub skipped: BTreeMap<String, u64>,
    /// Records or input regions that could not be processed, by reason (`corrupt`,
    /// `bad-record`, `truncated`, `panic`, `not-html`, ...); each is also in the failure file.
    pub failed: BTreeMap<String, u64>,
}

impl Summary {
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    pub fn failed_total(&self) -> u64 {
        self.failed.values().sum()
    }

    /// `read == ok + skipped + failed`.
    pub fn adds_up(&self) -> bool {
        self.read == self.ok + self.skipped_total() + self.failed_total()
    }

    pub(crate) fn skip(&mut self, reason: &str) {
        self.read += 1;
        *self.skipped.entry(reason.to_owned()).or_default() += 1;
    }

    pub(crate) fn fail(&mut self, reason: &str) {
        self.read += 1;
        *self.failed.entry(reason.to_owned()).or_default() += 1;
    }

    pub(crate) fn ok(&mut self, empty: bool) {
        self.read += 1;
        self.ok += 1;
        if empty {
            self.empty += 1;
        }
    }
}

fn breakdown(f: &mut fmt::Formatter<'_>, counts: &BTreeMap<String, u64>) -> fmt::Result {
    if counts.is_empty() {
        return Ok(());
    }
    let parts: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    write!(f, " ({})", parts.join(", "))
}

impl fmt::Display for Summary {
    /// `read 5200 = ok 5000 (empty 12) + skipped 150 (warc-type:request 100, ...) + failed 50 (...)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "read {} = ok {}", self.read, self.ok)?;
        if self.empty > 0 {
            write!(f, " (empty {})", self.empty)?;
        }
        write!(f, " + skipped {}", self.skipped_total())?;
        breakdown(f, &self.skipped)?;
        write!(f, " + failed {}", self.failed_total())?;
        breakdown(f, &self.failed)
    }
}
