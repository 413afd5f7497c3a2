//! `newsdesk`: the command-line front end.

mod batch;
mod dedup;
mod extract;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: allocation-heavy parsing runs measurably faster than with the system allocator
/// (docs/benchmarks.md); the library itself leaves the choice to the embedding program.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "newsdesk",
    version,
    about = "Clean, structured articles from news web pages"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article from HTML files, directories of them, or stdin (`-`).
    Extract(extract::Args),
    /// Extract every page of WARC files, HTML directories or JSONL into JSONL or Parquet.
    Batch(batch::Args),
    /// Group extracted JSONL records into stories (near-duplicates and their original).
    Dedup(dedup::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Dedup(args) => dedup::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsdesk: {e:#}");
            ExitCode::from(1)
        }
    }
}
