//! `newsdesk batch` and `newsdesk dedup` as a user runs them, including `kill -9` in the middle
//! of a run and `--resume`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use newsdesk_batch::Checkpoint;
use newsdesk_batch::output::parquet::read_batches;
use newsdesk_testdata::pack;
use newsdesk_testdata::warc::WarcWriter;

const BIN: &str = env!("CARGO_BIN_EXE_newsdesk");

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("newsdesk-cli-batch-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A crawl-like WARC of `n` fixture pages plus requests and non-HTML responses.
fn crawl(path: &Path, n: u64) -> pack::Packed {
    let mut w = WarcWriter::create(path).unwrap();
    let packed = pack::pack(&mut w, &pack::fixture_pages().unwrap(), n, 7, 11).unwrap();
    w.finish().unwrap();
    packed
}

fn batch(args: &[&str]) -> Output {
    let out = Command::new(BIN).arg("batch").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "newsdesk batch {args:?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Starts a run, kills it with SIGKILL once its checkpoint shows progress but not the end,
/// and returns the checkpoint it left.
fn kill_mid_run(args: &[&str], checkpoint: &Path) -> Checkpoint {
    let mut child = Command::new(BIN)
        .arg("batch")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Ok(Some(cp)) = Checkpoint::load(checkpoint)
            && cp.next_seq >= 20
        {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be killed"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let cp = Checkpoint::load(checkpoint).unwrap().unwrap();
    assert!(!cp.complete, "killed mid-run");
    cp
}

#[test]
fn kill_9_then_resume_gives_the_uninterrupted_output() {
    let dir = TempDir::new("kill");
    let warc = dir.path("crawl.warc.gz");
    let packed = crawl(&warc, 240);
    let w = warc.to_str().unwrap();
    let common = [
        "-j",
        "2",
        "--checkpoint-every",
        "3",
        "--reference-date",
        "2026-01-01",
    ];

    let full = dir.path("full.jsonl");
    let mut args = vec![w, "--out", full.to_str().unwrap()];
    args.extend(common);
    batch(&args);

    let out = dir.path("out.jsonl");
    let mut args = vec![w, "--out", out.to_str().unwrap()];
    args.extend(common);
    let cp = kill_mid_run(&args, &dir.path("out.jsonl.checkpoint.json"));
    assert!(cp.next_seq < 240);
    args.push("--resume");
    let resumed = batch(&args);
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    let expected = format!("read {} = ok 240 ", packed.records);
    assert!(stderr.contains(&expected), "{stderr}");

    assert_eq!(fs::read(&out).unwrap(), fs::read(&full).unwrap());
    assert_eq!(
        fs::read(dir.path("out.jsonl.failures.jsonl")).unwrap(),
        fs::read(dir.path("full.jsonl.failures.jsonl")).unwrap()
    );
    let a = Checkpoint::load(&dir.path("out.jsonl.checkpoint.json"))
        .unwrap()
        .unwrap();
    let b = Checkpoint::load(&dir.path("full.jsonl.checkpoint.json"))
        .unwrap()
        .unwrap();
    assert_eq!(a.summary, b.summary);
    assert!(a.summary.adds_up());
}

#[test]
fn kill_9_then_resume_parquet() {
    let dir = TempDir::new("kill-parquet");
    let warc = dir.path("crawl.warc.gz");
    crawl(&warc, 300);
    let w = warc.to_str().unwrap();
    let common = [
        "-j",
        "2",
        "-f",
        "parquet",
        "--rows-per-part",
        "10",
        "--checkpoint-every",
        "1",
        "--reference-date",
        "2026-01-01",
    ];

    let full = dir.path("full");
    let mut args = vec![w, "--out", full.to_str().unwrap()];
    args.extend(common);
    batch(&args);

    let out = dir.path("out");
    let mut args = vec![w, "--out", out.to_str().unwrap()];
    args.extend(common);
    kill_mid_run(&args, &out.join("checkpoint.json"));
    args.push("--resume");
    batch(&args);

    for k in 0..30 {
        let name = format!("part-{k:05}.parquet");
        assert_eq!(
            read_batches(&out.join(&name)).unwrap(),
            read_batches(&full.join(&name)).unwrap(),
            "{name}"
        );
    }
    assert!(!out.join("part-00030.parquet").exists());
}

#[test]
fn batch_dedup_and_dedup_command_add_story_fields() {
    let dir = TempDir::new("dedup");
    let warc = dir.path("crawl.warc.gz");
    // 40 responses cycle through the fixture pages, so most pages appear twice or more.
    crawl(&warc, 40);
    let out = dir.path("out.jsonl");
    let run = batch(&[
        warc.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--dedup",
    ]);
    // stderr is a pipe here: a summary, no progress bar.
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("newsdesk batch: read "), "{stderr}");
    assert!(
        !stderr.contains("rec/s") && !stderr.contains('\r'),
        "{stderr}"
    );
    let rows: Vec<serde_json::Value> = fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 40);
    // The first record of each page is the original of its repeats.
    let n = pack::fixture_pages().unwrap().len();
    let (first, repeat) = (&rows[0], &rows[n]);
    assert_eq!(first["story"], repeat["story"]);
    assert_eq!(repeat["original"], first["id"]);
    assert_eq!(repeat["duplicate"], "exact");
    assert!(first.get("duplicate").is_none());

    // `newsdesk dedup` on the output gives the same groups (replacing the fields).
    let again = dir.path("again.jsonl");
    let o = Command::new(BIN)
        .args([
            "dedup",
            out.to_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read(&again).unwrap(), fs::read(&out).unwrap());
    assert!(String::from_utf8_lossy(&o.stderr).contains("40 records in"));
}

#[test]
fn batch_usage_errors() {
    let dir = TempDir::new("usage");
    let o = Command::new(BIN)
        .args([
            "batch",
            dir.path("missing.warc.gz").to_str().unwrap(),
            "--out",
        ])
        .arg(dir.path("o.jsonl"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
