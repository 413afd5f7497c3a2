//! newsdesk's corpus pipeline: crawl archives in, one clean article per page out, every
//! record accounted for.
//!
//! ```no_run
//! let config = newsdesk_batch::Config::new(
//!     vec!["CC-NEWS-20240307.warc.gz".into()],
//!     "articles.jsonl".into(),
//! );
//! let summary = newsdesk_batch::run(&config)?;
//! assert!(summary.adds_up()); // read = ok + skipped + failed
//! # Ok::<(), newsdesk_batch::BatchError>(())
//! ```
//!
//! - **Inputs** ([`input`]): WARC (`.warc`, `.warc.gz`, `.warc.zst`), directories of HTML
//!   files, single HTML files, JSONL with `{url, html}` per line.
//! - **Pipeline** (`pipeline.rs`): a reader thread, `jobs` rayon workers, the writer; output
//!   order is input order whatever `jobs`; memory bounded by in-flight credits.
//! - **Outputs** ([`output`]): JSONL, or Parquet part files (schema in
//!   `docs/batch-schema.md`); failed records in a side file; a checkpoint for `--resume`.
//! - **Dedup** ([`dedup`]): story groups over the finished output, by `newsdesk-dedup`.
//!
//! # Why these crates
//!
//! - **fastwarc** reads WARC. On crates.io the choice is `fastwarc` (2.x, the Rust core of
//!   Resiliparse's FastWARC, maintained with it) or `warc` (0.4). Reading a 5,000-record,
//!   148 MB `.warc.gz` of real news pages (740 MB of payload) here took fastwarc 0.76-0.81 s;
//!   `warc` took 3.0-4.4 s with its own gzip reader (libflate) and 1.5-2.0 s fed by flate2's
//!   `MultiGzDecoder`. fastwarc also reads `.warc.zst` (zstd, including dictionary streams),
//!   parses HTTP headers and the charset, and reports each record's member offset, which the
//!   resynchronisation after damage relies on. Its cost is compile time (it builds zstd's C
//!   library and a brotli decoder); zstd is shared with the Parquet writer.
//! - **rayon** runs the extraction workers (one pool, `jobs` threads).
//! - **parquet/arrow** (arrow-rs) write Parquet, with only the `arrow` and `zstd` features.
//! - **indicatif** draws the progress bar, and hides it when stderr is not a terminal.

pub mod checkpoint;
pub mod dedup;
mod error;
pub mod input;
pub mod output;
mod pipeline;
pub mod row;
mod summary;

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use newsdesk::{Article, Limits, Mode, Options};

pub use checkpoint::Checkpoint;
pub use error::BatchError;
pub use output::{Format, Layout};
pub use row::{FailureLine, Row};
pub use summary::Summary;

/// The function that turns one page into an article: [`newsdesk::extract`], except in tests
/// that need a record to panic.
pub type Extractor = fn(&[u8], &Options) -> Result<Article, newsdesk::Error>;

/// A batch run's settings. [`Config::new`] gives the defaults the CLI uses.
#[derive(Clone, Debug)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    /// The JSONL file, or the directory of Parquet parts.
    pub out: PathBuf,
    pub format: Format,
    /// Extraction workers.
    pub jobs: usize,
    /// Continue an interrupted run from its checkpoint instead of starting over.
    pub resume: bool,
    /// After the run, group the output into stories (`newsdesk-dedup`).
    pub dedup: bool,
    /// Draw a progress bar (only when stderr is a terminal).
    pub progress: bool,
    pub mode: Mode,
    pub explain: bool,
    pub limits: Limits,
    /// Latest plausible publication day for pages without a crawl date (`YYYY-MM-DD`;
    /// default: the first run's day). WARC records use their `WARC-Date`.
    pub reference_date: Option<String>,
    /// Parquet: rows per part file.
    pub rows_per_part: u64,
    /// Items between reading and writing, at most (the reorder window).
    pub max_in_flight: usize,
    /// Bytes of page bodies between reading and writing, at most.
    pub max_in_flight_bytes: usize,
    /// Commit (flush, sync, checkpoint) after this many items...
    pub commit_every_items: u64,
    /// ...or this much time, whichever comes first.
    pub commit_every: Duration,
    /// The extraction function; tests swap it to inject failures.
    #[doc(hidden)]
    pub extractor: Extractor,
}

impl Config {
    pub fn new(inputs: Vec<PathBuf>, out: PathBuf) -> Config {
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        Config {
            inputs,
            out,
            format: Format::Jsonl,
            jobs,
            resume: false,
            dedup: false,
            progress: false,
            mode: Mode::Balanced,
            explain: false,
            limits: Limits::default(),
            reference_date: None,
            rows_per_part: 10_000,
            max_in_flight: 64,
            max_in_flight_bytes: 64 << 20,
            commit_every_items: 2_000,
            commit_every: Duration::from_secs(2),
            extractor: newsdesk::extract,
        }
    }

    /// What makes two runs' rows differ, besides the input: recorded in the checkpoint.
    fn settings(&self, reference_date: &str) -> String {
        format!(
            "mode={} explain={} max_bytes={} max_nodes={} max_depth={} reference_date={reference_date}",
            self.mode.as_str(),
            self.explain,
            self.limits.max_bytes,
            self.limits.max_nodes,
            self.limits.max_depth,
        )
    }
}

/// Runs a batch: reads every input, extracts every page, writes the output, and (with
/// `config.dedup`) groups it into stories. Bad records never stop it; only an unusable
/// output or a `--resume` that does not match the checkpoint does.
pub fn run(config: &Config) -> Result<Summary, BatchError> {
    if config.inputs.is_empty() {
        return Err(BatchError::Usage("no inputs".into()));
    }
    let specs = input::resolve(&config.inputs).map_err(|e| BatchError::Usage(e.to_string()))?;
    let layout = Layout::new(&config.out, config.format);
    if config.format == Format::Parquet {
        std::fs::create_dir_all(&layout.out).map_err(BatchError::io(&layout.out))?;
    } else if layout.out.is_dir() {
        return Err(BatchError::Usage(format!(
            "{} is a directory; JSONL output is a file",
            layout.out.display()
        )));
    }
    let previous = if config.resume {
        Checkpoint::load(&layout.checkpoint())?
    } else {
        None
    };
    let checkpoint = match previous {
        Some(cp) => {
            let reference_date = cp
                .settings
                .rsplit("reference_date=")
                .next()
                .unwrap_or("")
                .to_owned();
            let settings = config.settings(&reference_date);
            let problem = cp
                .mismatch(config.format, &specs, &settings, config.rows_per_part)
                .or_else(|| output_missing(&layout, &cp));
            if let Some(why) = problem {
                return Err(BatchError::Resume(format!(
                    "{why}; run without --resume to start over"
                )));
            }
            cp
        }
        None => {
            let reference_date = config.reference_date.clone().unwrap_or_else(today);
            let fresh = Checkpoint {
                version: Checkpoint::VERSION,
                format: config.format,
                inputs: specs.clone(),
                settings: config.settings(&reference_date),
                rows_per_part: config.rows_per_part,
                next_seq: 0,
                mark: output::Mark::default(),
                summary: Summary::default(),
                complete: false,
                deduplicated: false,
            };
            // Written before any row, so a stale checkpoint of an earlier run can never be
            // resumed over this run's output.
            fresh.save(&layout.checkpoint())?;
            fresh
        }
    };
    let mut summary = checkpoint.summary.clone();
    let mut checkpoint = if checkpoint.complete {
        checkpoint
    } else {
        let start = pipeline::Start {
            specs,
            layout: layout.clone(),
            checkpoint,
        };
        summary = pipeline::run(config, start)?;
        Checkpoint::load(&layout.checkpoint())?
            .ok_or_else(|| BatchError::Resume("the checkpoint vanished".into()))?
    };
    if config.dedup && checkpoint.complete && !checkpoint.deduplicated {
        let mark = dedup::dedup_output(&layout, &newsdesk_dedup::Params::default())?;
        checkpoint.mark.bytes = mark.bytes;
        checkpoint.deduplicated = true;
        checkpoint.save(&layout.checkpoint())?;
    }
    Ok(summary)
}

/// Why the files a checkpoint describes are not (all) there, if they are not.
fn output_missing(layout: &Layout, cp: &Checkpoint) -> Option<String> {
    let len = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len());
    if cp.format == Format::Jsonl && len(&layout.out) < cp.mark.bytes {
        return Some(format!(
            "{} is shorter than its checkpoint says",
            layout.out.display()
        ));
    }
    if len(&layout.failures()) < cp.mark.failure_bytes {
        return Some(format!(
            "{} is shorter than its checkpoint says",
            layout.failures().display()
        ));
    }
    if cp.format == Format::Parquet
        && let Some(k) = (0..cp.mark.parts).find(|&k| !layout.part(k).is_file())
    {
        return Some(format!("{} is missing", layout.part(k).display()));
    }
    None
}

/// The text of a caught panic (also used by the Python bindings' contained panics).
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_owned()
    }
}

/// Today in UTC, `YYYY-MM-DD`.
fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    newsdesk_dedup::civil_day(days)
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_a_date() {
        let t = super::today();
        assert_eq!(t.len(), 10);
        assert!(t.as_str() > "2024-01-01");
    }
}
