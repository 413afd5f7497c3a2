//! `newsdesk ingest` and `newsdesk serve` as a user runs them, including `kill -9` in the
//! middle of an ingest: the store must open afterwards whole (SQLite integrity check passes,
//! the index holds exactly the stored articles) and take the rest of the ingest.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsdesk_store::Store;
use newsdesk_testdata::pack;
use newsdesk_testdata::warc::WarcWriter;

const BIN: &str = env!("CARGO_BIN_EXE_newsdesk");

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-serve-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn crawl(path: &Path, n: u64, seed: u64) {
    let mut w = WarcWriter::create(path).expect("warc");
    pack::pack(
        &mut w,
        &pack::fixture_pages().expect("fixture pages"),
        n,
        seed,
        11,
    )
    .expect("pack");
    w.finish().expect("finish");
}

fn ingest(data: &Path, input: &Path) -> std::process::Output {
    let out = Command::new(BIN)
        .args(["ingest", "-q", "-j", "2", "--data"])
        .arg(data)
        .arg(input)
        .output()
        .expect("run newsdesk ingest");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn ingest_killed_at_any_moment_leaves_a_whole_store() {
    let dir = scratch("kill");
    let data = dir.join("data");
    let first = dir.join("first.warc.gz");
    let big = dir.join("big.warc.gz");
    crawl(&first, 40, 3);
    crawl(&big, 400, 5);
    ingest(&data, &first);
    let before = Store::open(&data)
        .expect("open")
        .stats()
        .expect("stats")
        .articles;
    assert!(before > 0);

    // Kill at spread-out moments: during extraction, during the write, around the commits.
    let started = Instant::now();
    let full = Command::new(BIN)
        .args(["ingest", "-q", "-j", "2", "--data"])
        .arg(dir.join("timing"))
        .arg(&big)
        .output()
        .expect("timing run");
    assert!(full.status.success());
    let whole = started.elapsed();
    for frac in [0.15, 0.5, 0.8, 0.9, 0.95, 0.98] {
        let mut child = Command::new(BIN)
            .args(["ingest", "-q", "-j", "2", "--data"])
            .arg(&data)
            .arg(&big)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn ingest");
        std::thread::sleep(whole.mul_f64(frac));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let store = Store::open(&data).expect("the store opens after a kill");
        store.verify().expect("the store is whole after a kill");
        let n = store.stats().expect("stats").articles;
        assert!(n >= before, "articles went from {before} to {n}");
    }
    ingest(&data, &big);
    let store = Store::open(&data).expect("open");
    store.verify().expect("whole");
    assert!(store.stats().expect("stats").articles > before);
}

fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut raw = String::new();
    let _ = s.read_to_string(&mut raw);
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_answers_on_its_address() {
    let dir = scratch("serve");
    let data = dir.join("data");
    let warc = dir.join("c.warc.gz");
    crawl(&warc, 20, 9);
    ingest(&data, &warc);
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", &addr, "--data"])
        .arg(&data)
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn serve");
    let started = Instant::now();
    let health = loop {
        if TcpStream::connect(&addr).is_ok() {
            break get(&addr, "/api/health");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(health.0, 200, "{}", health.1);
    assert!(health.1.contains("\"status\":\"ok\""), "{}", health.1);
    let out = Command::new(BIN)
        .args(["serve", "--addr", "nonsense"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "usage error");
}
