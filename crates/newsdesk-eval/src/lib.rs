//! newsdesk's evaluation harness: loaders for the four annotated datasets, the benchmark
//! metrics (defined once, here, for newsdesk and for the peer benchmark in `bench/`), a timed
//! single-threaded runner, reports and the floors-based quality gate.
//!
//! The binary `newsdesk-eval` drives it; see the crate README for the command line and the
//! interface other extractors are scored through (`list` and `score`).

pub mod datasets;
pub mod html_text;
pub mod metrics;
pub mod peer;
pub mod report;
pub mod runner;
pub mod score;

use std::path::{Path, PathBuf};

/// The workspace root: `$NEWSDESK_ROOT` if set, else the checkout this crate was compiled in,
/// else the nearest ancestor of the current directory whose `Cargo.toml` has `[workspace]`
/// (the binary was copied elsewhere), else the current directory.
pub fn workspace_root() -> PathBuf {
    if let Some(r) = std::env::var_os("NEWSDESK_ROOT").filter(|r| !r.is_empty()) {
        return PathBuf::from(r);
    }
    let compiled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if compiled.join("Cargo.toml").is_file() {
        return std::fs::canonicalize(&compiled).unwrap_or(compiled);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    cwd.ancestors()
        .find(|d| {
            std::fs::read_to_string(d.join("Cargo.toml")).is_ok_and(|t| t.contains("[workspace]"))
        })
        .map(Path::to_path_buf)
        .unwrap_or(cwd)
}

/// The shared datasets directory: `../shared/datasets` beside the workspace root.
pub fn default_datasets_dir(root: &Path) -> PathBuf {
    let d = root.join("../shared/datasets");
    std::fs::canonicalize(&d).unwrap_or(d)
}

/// 64-bit FNV-1a: a stable, dependency-free hash for file names.
pub fn fnv1a64(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A file name for a page id (URLs included): its readable characters, cut to 60, plus a hash
/// of the whole id so different ids never collide.
pub fn safe_file_name(id: &str) -> String {
    let mut readable = String::new();
    for c in id.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            c
        } else {
            '_'
        };
        if !(c == '_' && readable.ends_with('_')) {
            readable.push(c);
        }
        if readable.len() >= 60 {
            break;
        }
    }
    let readable = match readable.trim_matches(['_', '.']) {
        "" => "page",
        r => r,
    };
    format!("{readable}-{:016x}", fnv1a64(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        let a = safe_file_name("https://die-partei.net/luebeck/2012/05/31/x/");
        assert!(
            a.starts_with("https_die-partei.net_luebeck_2012_05_31_x-"),
            "{a}"
        );
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        );
        assert_ne!(safe_file_name("a/b"), safe_file_name("a?b"));
        assert_eq!(
            safe_file_name("../.."),
            format!("page-{:016x}", fnv1a64("../.."))
        );
        assert_eq!(fnv1a64(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
