//! `newsdesk-fuzz-seeds DIR`: writes every fuzz target's seed corpus as `DIR/<target>/<name>`
//! (what `fuzz/run` passes to cargo-fuzz).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: newsdesk-fuzz-seeds DIR");
        return ExitCode::from(2);
    };
    match newsdesk_fuzz::seeds::write_all(&dir) {
        Ok(n) => {
            eprintln!("newsdesk-fuzz-seeds: {n} seeds under {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("newsdesk-fuzz-seeds: {e}");
            ExitCode::from(1)
        }
    }
}
