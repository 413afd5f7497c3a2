//! Runs a hostile-input test case in a child process and measures its wall time and peak
//! memory there.
//!
//! Peak memory has to be measured in a process of its own: the test harness runs tests on
//! threads of one process, so the process's high-water mark (`VmHWM`) would mix every test's
//! allocations. The parent re-runs the current test binary filtered to one `#[ignore]`d child
//! test, names the case in an environment variable, and reads back the line the child prints.
//!
//! In the child, the case first builds its input; then the high-water mark is reset (writing
//! `5` to `/proc/self/clear_refs`), so the peak that is reported is the one reached while the
//! code under test ran, which includes the input still held. Where the reset is not allowed the
//! peak includes building the input, and the report says so.

use std::process::Command;
use std::time::{Duration, Instant};

/// The environment variable that names the case a child runs.
pub const CASE_VAR: &str = "NEWSDESK_BOUNDED_CASE";

/// What a child measured.
#[derive(Clone, Copy, Debug)]
pub struct Measured {
    pub wall: Duration,
    /// Peak resident memory while the case ran, in KiB.
    pub peak_kib: u64,
    /// Whether the peak was reset after the input was built (see the module doc).
    pub reset: bool,
}

/// The case this process should run, when it is a child.
pub fn child_case() -> Option<String> {
    std::env::var(CASE_VAR).ok()
}

/// In the child: resets the high-water mark, runs `f`, and prints the measurement for the
/// parent. Returns `f`'s result so the child can check it.
pub fn measure<T>(case: &str, f: impl FnOnce() -> T) -> T {
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let start = Instant::now();
    let out = f();
    let wall = start.elapsed();
    let peak = peak_kib().unwrap_or(0);
    println!(
        "BOUNDED case={case} wall_us={} peak_kib={peak} reset={reset}",
        wall.as_micros()
    );
    out
}

/// The process's peak resident set size in KiB (`VmHWM`), on Linux.
pub fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// In the parent: runs `case` in a child process (the current test binary, filtered to the
/// `#[ignore]`d test `child_test`) and returns what it measured. Panics with the child's
/// output when the child fails or reports nothing.
pub fn run_child(child_test: &str, case: &str) -> Measured {
    let exe = std::env::current_exe().expect("the test binary's path");
    let out = Command::new(exe)
        .args([child_test, "--exact", "--ignored", "--nocapture"])
        .args(["--test-threads", "1"])
        .env(CASE_VAR, case)
        .output()
        .expect("run the child test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "case {case}: the child failed ({})\n{stdout}\n{stderr}",
        out.status
    );
    let prefix = format!("BOUNDED case={case} ");
    let line = stdout
        .lines()
        // The harness may print the test's name on the same line first.
        .find_map(|l| l.find(prefix.as_str()).map(|i| &l[i + prefix.len()..]))
        .unwrap_or_else(|| panic!("case {case}: the child reported nothing\n{stdout}\n{stderr}"));
    let field = |name: &str| {
        line.split(' ')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("case {case}: no {name} in {line:?}"))
    };
    let number = |name: &str| -> u64 {
        field(name)
            .parse()
            .unwrap_or_else(|_| panic!("case {case}: {name} in {line:?}"))
    };
    Measured {
        wall: Duration::from_micros(number("wall_us")),
        peak_kib: number("peak_kib"),
        reset: field("reset") == "true",
    }
}

/// A case's bounds, checked in the parent.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    pub wall: Duration,
    pub peak_mib: u64,
}

impl Bounds {
    pub const fn new(wall_ms: u64, peak_mib: u64) -> Bounds {
        Bounds {
            wall: Duration::from_millis(wall_ms),
            peak_mib,
        }
    }
}

/// Runs `case` in a child and asserts its bounds; prints the measurement either way, so CI
/// logs show how close each case runs to its bound.
pub fn check(child_test: &str, case: &str, bounds: Bounds) -> Measured {
    let m = run_child(child_test, case);
    let peak_mib = m.peak_kib.div_ceil(1024);
    eprintln!(
        "{case}: {:.0} ms (bound {} ms), peak {peak_mib} MiB (bound {} MiB{})",
        m.wall.as_secs_f64() * 1000.0,
        bounds.wall.as_millis(),
        bounds.peak_mib,
        if m.reset {
            ""
        } else {
            "; includes building the input"
        }
    );
    assert!(
        m.wall <= bounds.wall,
        "{case} took {:?}, over its bound of {:?}",
        m.wall,
        bounds.wall
    );
    assert!(
        m.peak_kib > 0,
        "{case}: no peak memory reading (not Linux?)"
    );
    assert!(
        peak_mib <= bounds.peak_mib,
        "{case} peaked at {peak_mib} MiB, over its bound of {} MiB",
        bounds.peak_mib
    );
    m
}

/// In the parent: every case of a suite in its own child, each within its bounds.
pub fn check_all<'a>(child_test: &str, cases: impl IntoIterator<Item = (&'a str, Bounds)>) {
    for (case, bounds) in cases {
        check(child_test, case, bounds);
    }
}

/// In the child test: runs the case the parent named, or, run by hand (no case named), every
/// case in this process, which checks the results but not the bounds.
pub fn run_cases<C>(cases: &[C], name: impl Fn(&C) -> &str, run: impl Fn(&C)) {
    match child_case() {
        Some(wanted) => run(cases
            .iter()
            .find(|c| name(c) == wanted)
            .unwrap_or_else(|| panic!("no case {wanted:?}"))),
        None => cases.iter().for_each(run),
    }
}

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(std::path::PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("newsdesk-bounded-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The number in the second column of the table row for `` `name` `` in a Markdown document
/// (docs/limits.md states defaults this way; tests compare them with the code's).
pub fn documented_number(doc: &str, name: &str) -> u64 {
    let row = doc
        .lines()
        .find(|l| l.starts_with(&format!("| `{name}` |")))
        .unwrap_or_else(|| panic!("no table row for `{name}`"));
    row.split('|')
        .nth(2)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no number in the row for `{name}`: {row}"))
}
