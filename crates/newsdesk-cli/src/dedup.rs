//! `newsdesk dedup`: story groups for extracted JSONL (the output of `batch` or `extract`).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdesk_dedup::Params;

#[derive(clap::Args)]
pub struct Args {
    /// JSONL records with at least `text` (and `id`, `url`, `canonical_url`, `site_name`,
    /// `published`, `syndication_source`, `credits` when known). Read twice, so not stdin.
    #[arg(value_name = "IN.jsonl")]
    input: PathBuf,
    /// Where to write the records with `story`, `original`, `duplicate` and `evidence`
    /// added (default: stdout).
    #[arg(long, short, value_name = "OUT")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.out.as_deref() == Some(args.input.as_path()) {
        eprintln!("newsdesk dedup: --out must differ from the input");
        return Ok(ExitCode::from(2));
    }
    let started = Instant::now();
    let params = Params::default();
    let stats = match &args.out {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("creating {}", path.display()))?;
            let mut out = BufWriter::with_capacity(1 << 20, file);
            newsdesk_batch::dedup::dedup_jsonl(&args.input, &mut out, &params)?
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
            let stats = newsdesk_batch::dedup::dedup_jsonl(&args.input, &mut out, &params)?;
            out.flush()?;
            stats
        }
    };
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "newsdesk dedup: {} records in {} stories ({} exact and {} near duplicates), {:.2} s, {:.0} records/s",
        stats.rows,
        stats.stories,
        stats.exact,
        stats.near,
        secs,
        stats.rows as f64 / secs.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}
