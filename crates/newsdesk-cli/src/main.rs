//! `newsdesk`: the command-line front end.

mod extract;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsdesk: {e:#}");
            ExitCode::from(1)
        }
    }
}
