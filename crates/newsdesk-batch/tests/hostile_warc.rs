//! Hostile WARC files through the whole batch pipeline, each in a child process of its own so
//! its wall time and peak memory are measured (`newsdesk_testdata::bounded`): a gzip bomb
//! inside a record, and a file of a million tiny records. The files are generated here (into a
//! temporary directory), not stored. Bounds are for release builds (CI runs this file with
//! `--release`); the measured figures are in docs/limits.md.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use fastwarc::stream_io::gzip::{GzipWriter, GzipWriterOptions};
use newsdesk_batch::{Config, Summary};
use newsdesk_testdata::bounded::{self, Bounds, TempDir};
use newsdesk_testdata::warc::{Response, WarcWriter, http_response};

const PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>Later ferry added</title></head><body><article><h1>Later ferry added</h1>\
    <p>The ferry between Harlow Point and the island will run an extra evening crossing from \
    next month, the operator said on Monday, after a summer in which the last boat regularly \
    left passengers on the quay.</p></article></body></html>";

const GIB: u64 = 1 << 30;

/// A gzip stream at the strongest level (so a bomb is small on disk).
fn gzip_writer<W: Write + 'static>(out: W) -> GzipWriter<W> {
    GzipWriter::with_options(
        out,
        GzipWriterOptions {
            compression_level: 9,
            ..GzipWriterOptions::default()
        },
    )
}

/// Writes `len` bytes of `byte` in chunks, so the bomb is never held inflated.
fn write_repeated(w: &mut impl Write, byte: u8, len: u64) {
    let chunk = vec![byte; 1 << 20];
    for _ in 0..len / chunk.len() as u64 {
        w.write_all(&chunk).expect("compress");
    }
}

fn good(w: &mut WarcWriter, n: usize) {
    w.response(&Response {
        url: &format!("https://e.example/good-{n}"),
        date: "2024-03-07T10:00:00Z",
        status: 200,
        content_type: Some("text/html; charset=utf-8"),
        body: PAGE.as_bytes(),
    })
    .expect("write");
}

/// A good page, a response whose HTTP body is gzip-encoded and inflates to `inflated` bytes of
/// spaces, and a good page.
fn write_http_bomb(path: &Path, inflated: u64) {
    let mut w = WarcWriter::create(path).expect("create");
    good(&mut w, 1);
    let mut gz = gzip_writer(Vec::new());
    write_repeated(&mut gz, b' ', inflated);
    let bomb = gz.into_inner().expect("compress");
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\
        Content-Length: "
        .to_vec();
    block.extend_from_slice(format!("{}\r\n\r\n", bomb.len()).as_bytes());
    block.extend_from_slice(&bomb);
    w.record(
        "response",
        "2024-03-07T10:00:01Z",
        Some("https://e.example/http-bomb"),
        Some("application/http; msgtype=response"),
        &block,
        None,
    )
    .expect("write");
    good(&mut w, 2);
    w.finish().expect("finish");
}

/// [`write_http_bomb`] of 1 GiB (about 1 MB on disk), then a record whose own gzip member
/// inflates to 1 GiB, and a good page.
fn write_gzip_bombs(path: &Path) {
    write_http_bomb(path, GIB);
    // A record of 1 GiB of spaces in a gzip member of its own, appended to the file: the
    // reader has to read past it to the next record.
    let file = fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("append");
    let head =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {GIB}\r\n\r\n");
    let block_len = head.len() as u64 + GIB;
    let mut gz = gzip_writer(BufWriter::new(file));
    write!(
        gz,
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n\
         WARC-Date: 2024-03-07T10:00:02Z\r\nWARC-Target-URI: https://e.example/member-bomb\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {block_len}\r\n\r\n{head}"
    )
    .expect("write");
    write_repeated(&mut gz, b' ', GIB);
    gz.write_all(b"\r\n\r\n").expect("write");
    gz.into_inner().expect("finish").flush().expect("flush");
    let mut w = WarcWriter::new(
        fs::OpenOptions::new()
            .append(true)
            .open(path)
            .expect("append"),
        newsdesk_testdata::warc::Compression::Gzip,
    );
    good(&mut w, 3);
    w.finish().expect("finish");
}

/// Exactly five items: the HTTP bomb once left the stream mid-record and a spurious `corrupt`
/// failure followed it (the reader now resynchronises after a decoded payload over the limit).
fn check_gzip_bombs(s: &Summary) {
    assert_eq!(s.read, 5, "{s}");
    assert_eq!(s.ok, 3, "the pages around the bombs are kept: {s}");
    assert_eq!(s.failed.get("too-large"), Some(&2), "{s}");
    assert!(s.adds_up(), "{s}");
}

/// Records of every kind the reader skips, a million in all, with one tiny page in a hundred;
/// all in one gzip stream (one member), as some crawlers write small files.
fn write_million_tiny_records(path: &Path) {
    let file = BufWriter::with_capacity(1 << 20, File::create(path).expect("create"));
    let mut gz = GzipWriter::new(file);
    let page = http_response(200, Some("text/html"), b"<p>Ferry.</p>");
    let blocks: [(&str, &str, Vec<u8>); 5] = [
        ("metadata", "application/warc-fields", b"a: b\r\n".to_vec()),
        (
            "request",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n".to_vec(),
        ),
        (
            "response",
            "application/http; msgtype=response",
            http_response(404, Some("text/html"), b"-"),
        ),
        (
            "response",
            "application/http; msgtype=response",
            http_response(200, Some("image/png"), b"-"),
        ),
        ("revisit", "application/http; msgtype=response", Vec::new()),
    ];
    for i in 0..1_000_000u32 {
        let (kind, ct, block) = if i % 100 == 0 {
            ("response", "application/http; msgtype=response", &page)
        } else {
            let (k, c, b) = &blocks[i as usize % blocks.len()];
            (*k, *c, b)
        };
        write!(
            gz,
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{i:08x}-0000-4000-8000-000000000000>\r\n\
             WARC-Target-URI: https://e.example/{i}\r\nContent-Type: {ct}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .expect("write");
        gz.write_all(block).expect("write");
        gz.write_all(b"\r\n\r\n").expect("write");
    }
    gz.into_inner().expect("finish").flush().expect("flush");
}

fn check_million_tiny_records(s: &Summary) {
    assert_eq!(s.read, 1_000_000, "{s}");
    assert_eq!(s.ok, 10_000, "{s}");
    assert_eq!(s.failed_total(), 0, "{s}");
    assert_eq!(s.skipped_total(), 990_000, "{s}");
}

struct Hostile {
    name: &'static str,
    write: fn(&Path),
    check: fn(&Summary),
    wall_ms: u64,
    peak_mib: u64,
}

const HOSTILE: &[Hostile] = &[
    Hostile {
        name: "gzip_bombs",
        write: write_gzip_bombs,
        check: check_gzip_bombs,
        wall_ms: 2_000,
        peak_mib: 128,
    },
    Hostile {
        name: "million_tiny_records",
        write: write_million_tiny_records,
        check: check_million_tiny_records,
        wall_ms: 30_000,
        peak_mib: 128,
    },
];

/// Every hostile WARC case in its own child process, within its bounds.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "bounds are for release builds; run `cargo test --release -p newsdesk-batch --test hostile_warc`"
)]
fn hostile_warc_files_stay_within_their_time_and_memory_bounds() {
    bounded::check_all(
        "hostile_warc_child",
        HOSTILE
            .iter()
            .map(|c| (c.name, Bounds::new(c.wall_ms, c.peak_mib))),
    );
}

/// One hostile WARC case, measured; run as a child process by the test above. Run by hand, it
/// runs every case in this process, checking the results but not the bounds.
#[test]
#[ignore = "a child process of hostile_warc_files_stay_within_their_time_and_memory_bounds"]
fn hostile_warc_child() {
    let run = |case: &Hostile| {
        let dir = TempDir::new(case.name);
        let warc = dir.path("input.warc.gz");
        (case.write)(&warc);
        let mut config = Config::new(vec![warc], dir.path("out.jsonl"));
        config.jobs = 2;
        config.reference_date = Some("2026-01-01".into());
        let summary = bounded::measure(case.name, || newsdesk_batch::run(&config))
            .expect("the run completes");
        eprintln!("{}: {summary}", case.name);
        if let Ok(failures) = fs::read_to_string(dir.path("out.jsonl.failures.jsonl")) {
            eprintln!(
                "{}",
                failures.lines().take(10).collect::<Vec<_>>().join("\n")
            );
        }
        (case.check)(&summary);
    };
    bounded::run_cases(HOSTILE, |c| c.name, run);
}
