//! `newsdesk batch`: the corpus pipeline (`newsdesk-batch`) on the command line.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use clap::ValueEnum;
use newsdesk::Mode;
use newsdesk_batch::{BatchError, Config, Format, Layout};

use crate::extract::ModeArg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Parquet,
}

#[derive(clap::Args)]
pub struct Args {
    /// WARC files (.warc, .warc.gz, .warc.zst), directories of HTML files, HTML files, or
    /// JSONL files with {"url", "html"} per line.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The output: a JSONL file, or a directory of Parquet part files.
    #[arg(long, short, value_name = "OUT")]
    out: PathBuf,
    #[arg(long, short, value_enum, default_value = "jsonl")]
    format: FormatArg,
    /// Extraction workers (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Continue an interrupted run from OUT's checkpoint: no record lost, none written twice.
    #[arg(long)]
    resume: bool,
    /// Afterwards, group the records into stories (fields story, original, duplicate, evidence).
    #[arg(long)]
    dedup: bool,
    #[arg(long, value_enum, default_value = "balanced")]
    mode: ModeArg,
    /// Keep what was cut as boilerplate, with reasons, in each record's `removed`.
    #[arg(long)]
    explain: bool,
    /// Parquet: rows per part file.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    rows_per_part: u64,
    /// Latest plausible publication day for pages without a crawl date (YYYY-MM-DD; default:
    /// today). WARC records use their WARC-Date.
    #[arg(long, value_name = "DATE")]
    reference_date: Option<String>,
    /// Commit (flush, sync, checkpoint) at least every N records (and every 2 seconds).
    #[arg(long, default_value_t = 2_000, value_name = "N")]
    checkpoint_every: u64,
    /// No progress bar (it is also hidden when stderr is not a terminal).
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut config = Config::new(args.inputs, args.out.clone());
    config.format = match args.format {
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Parquet => Format::Parquet,
    };
    if let Some(j) = args.jobs {
        if j == 0 {
            eprintln!("newsdesk batch: -j must be at least 1");
            return Ok(ExitCode::from(2));
        }
        config.jobs = j;
    }
    config.resume = args.resume;
    config.dedup = args.dedup;
    config.progress = !args.quiet;
    config.mode = match args.mode {
        ModeArg::Precision => Mode::Precision,
        ModeArg::Balanced => Mode::Balanced,
        ModeArg::Recall => Mode::Recall,
    };
    config.explain = args.explain;
    config.rows_per_part = args.rows_per_part.max(1);
    config.reference_date = args.reference_date;
    config.commit_every_items = args.checkpoint_every.max(1);
    let started = Instant::now();
    let summary = match newsdesk_batch::run(&config) {
        Ok(s) => s,
        Err(e @ (BatchError::Usage(_) | BatchError::Resume(_))) => {
            eprintln!("newsdesk batch: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    let secs = started.elapsed().as_secs_f64();
    let layout = Layout::new(&args.out, config.format);
    eprintln!("newsdesk batch: {summary}");
    eprintln!(
        "newsdesk batch: {:.1} s, {:.0} records/s with -j {}; output {}, failures {}",
        secs,
        summary.read as f64 / secs.max(1e-9),
        config.jobs,
        layout.out.display(),
        layout.failures().display()
    );
    Ok(ExitCode::SUCCESS)
}
