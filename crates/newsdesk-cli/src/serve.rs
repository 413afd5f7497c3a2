//! `newsdesk serve` and `newsdesk ingest`: the article store (`newsdesk-store`) and its HTTP
//! server (`newsdesk-serve`) on the command line.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdesk_store::{IngestOptions, Store};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The data directory (SQLite database and search index); created if missing.
    #[arg(long, default_value = "newsdesk-data", value_name = "DIR")]
    data: PathBuf,
    /// Address to listen on (loopback by default: put a proxy in front to expose it).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    addr: SocketAddr,
    /// Deadline of one request, in seconds.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    timeout: u64,
}

#[derive(clap::Args)]
pub struct IngestArgs {
    /// HTML files or directories, WARC files, JSONL with {"url", "html"} per line, or JSONL
    /// that `newsdesk batch` wrote.
    #[arg(required = true, value_name = "PATH")]
    inputs: Vec<PathBuf>,
    /// The data directory; created if missing.
    #[arg(long, default_value = "newsdesk-data", value_name = "DIR")]
    data: PathBuf,
    /// Extraction workers (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let store =
        Store::open(&args.data).with_context(|| format!("opening {}", args.data.display()))?;
    let mut config = newsdesk_serve::Config {
        addr: args.addr,
        ..Default::default()
    };
    config.request_timeout = std::time::Duration::from_secs(args.timeout.max(1));
    newsdesk_serve::run(store, &config).with_context(|| format!("serving on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}

pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    if args.jobs == Some(0) {
        eprintln!("newsdesk ingest: -j must be at least 1");
        return Ok(ExitCode::from(2));
    }
    let started = Instant::now();
    let store =
        Store::open(&args.data).with_context(|| format!("opening {}", args.data.display()))?;
    let options = IngestOptions {
        jobs: args.jobs,
        progress: !args.quiet,
    };
    let report = store.ingest(&args.inputs, &options)?;
    if report.batch.read > 0 {
        eprintln!("newsdesk ingest: pages: {}", report.batch);
    }
    eprintln!(
        "newsdesk ingest: {} stored ({} new, {} from extracted JSONL, {} without text skipped) in {:.1} s; the store now holds {} articles in {} stories",
        report.stored,
        report.new,
        report.rows_loaded,
        report.empty,
        started.elapsed().as_secs_f64(),
        report.articles,
        report.stories
    );
    Ok(ExitCode::SUCCESS)
}
