//! A small WARC/1.1 writer for test and benchmark archives.
//!
//! Records are formatted here, byte for byte, so tests can also write the broken ones a crawl
//! really contains (a lying `Content-Length`, a cut-off member); compression is fastwarc's own
//! gzip and zstd writers, one member (frame) per record as crawlers write them.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use fastwarc::stream_io::gzip::{GzipWriter, GzipWriterOptions};
use fastwarc::stream_io::traits::WarcWrite;
use fastwarc::stream_io::zstd::ZstdWriter;

/// How each record is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    /// One gzip member per record (`.warc.gz`).
    Gzip,
    /// One zstd frame per record (`.warc.zst`).
    Zstd,
}

impl Compression {
    /// From a file name: `.warc.gz`, `.warc.zst`, else uncompressed.
    pub fn from_path(path: &Path) -> Compression {
        let name = path.to_string_lossy();
        if name.ends_with(".gz") {
            Compression::Gzip
        } else if name.ends_with(".zst") {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// One HTTP response to archive.
#[derive(Clone, Debug)]
pub struct Response<'a> {
    pub url: &'a str,
    /// `WARC-Date`, e.g. `2024-03-07T10:00:00Z`.
    pub date: &'a str,
    pub status: u16,
    /// The HTTP `Content-Type` header; `None` leaves it out.
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

enum Sink {
    Plain(Box<dyn WarcWrite>),
    Framed(Box<dyn WarcWrite>),
}

/// Counts the bytes that reach the file, so tests know where each record starts.
struct Counting<W> {
    inner: W,
    count: Arc<AtomicU64>,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes WARC records, one compression member per record.
pub struct WarcWriter {
    sink: Sink,
    serial: u64,
    seed: u64,
    written: Arc<AtomicU64>,
}

impl WarcWriter {
    /// Creates `path`, compressed as its extension says.
    pub fn create(path: &Path) -> io::Result<WarcWriter> {
        let file = BufWriter::with_capacity(1 << 20, File::create(path)?);
        Ok(WarcWriter::new(file, Compression::from_path(path)))
    }

    pub fn new<W: Write + 'static>(out: W, compression: Compression) -> WarcWriter {
        let written = Arc::new(AtomicU64::new(0));
        let out = Counting {
            inner: out,
            count: Arc::clone(&written),
        };
        let sink = match compression {
            Compression::None => Sink::Plain(Box::new(
                fastwarc::stream_io::bufread::RawWriterAdapter::new(out),
            )),
            Compression::Gzip => Sink::Framed(Box::new(GzipWriter::with_options(
                out,
                GzipWriterOptions {
                    compression_level: 6,
                    ..GzipWriterOptions::default()
                },
            ))),
            Compression::Zstd => Sink::Framed(Box::new(ZstdWriter::new(out))),
        };
        WarcWriter {
            sink,
            serial: 0,
            seed: 0x6e65_7773_6465_736b,
            written,
        }
    }

    /// The file offset where the next record will start (flushes buffered output).
    pub fn offset(&mut self) -> io::Result<u64> {
        match &mut self.sink {
            Sink::Plain(w) | Sink::Framed(w) => w.flush()?,
        }
        Ok(self.written.load(Ordering::Relaxed))
    }

    /// Record ids are derived from this seed and a counter, so the same calls give the same file.
    pub fn with_seed(mut self, seed: u64) -> WarcWriter {
        self.seed = seed;
        self
    }

    fn next_id(&mut self) -> String {
        self.serial += 1;
        let a = splitmix(self.seed ^ self.serial);
        let b = splitmix(a ^ 0x9e37_79b9_7f4a_7c15);
        format!(
            "<urn:uuid:{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}>",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            (b >> 48) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    }

    /// Writes one record. `declared_len` overrides the `Content-Length` header (to write a
    /// record that lies about its length). Returns the record id.
    pub fn record(
        &mut self,
        warc_type: &str,
        date: &str,
        target_uri: Option<&str>,
        content_type: Option<&str>,
        block: &[u8],
        declared_len: Option<usize>,
    ) -> io::Result<String> {
        let id = self.next_id();
        let mut head = String::with_capacity(256);
        head.push_str("WARC/1.1\r\n");
        head.push_str(&format!("WARC-Type: {warc_type}\r\n"));
        head.push_str(&format!("WARC-Record-ID: {id}\r\n"));
        head.push_str(&format!("WARC-Date: {date}\r\n"));
        if let Some(uri) = target_uri {
            head.push_str(&format!("WARC-Target-URI: {uri}\r\n"));
        }
        if let Some(ct) = content_type {
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        let len = declared_len.unwrap_or(block.len());
        head.push_str(&format!("Content-Length: {len}\r\n\r\n"));
        let out = match &mut self.sink {
            Sink::Plain(w) | Sink::Framed(w) => w,
        };
        out.write_all(head.as_bytes())?;
        out.write_all(block)?;
        out.write_all(b"\r\n\r\n")?;
        if let Sink::Framed(w) = &mut self.sink {
            w.finish()?;
        }
        Ok(id)
    }

    /// A `warcinfo` record, as crawlers start their files.
    pub fn warcinfo(&mut self, date: &str, software: &str) -> io::Result<String> {
        let block = format!("software: {software}\r\nformat: WARC File Format 1.1\r\n");
        self.record(
            "warcinfo",
            date,
            None,
            Some("application/warc-fields"),
            block.as_bytes(),
            None,
        )
    }

    /// A `response` record: HTTP status line and headers, then the body.
    pub fn response(&mut self, r: &Response) -> io::Result<String> {
        let block = http_response(r.status, r.content_type, r.body);
        self.record(
            "response",
            r.date,
            Some(r.url),
            Some("application/http; msgtype=response"),
            &block,
            None,
        )
    }

    /// A `request` record for `url`, as crawlers write before each response.
    pub fn request(&mut self, url: &str, date: &str) -> io::Result<String> {
        let (host, path) = split_url(url);
        let block = format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: newsdesk-testdata\r\nAccept: text/html\r\n\r\n"
        );
        self.record(
            "request",
            date,
            Some(url),
            Some("application/http; msgtype=request"),
            block.as_bytes(),
            None,
        )
    }

    /// Flushes and closes the file.
    pub fn finish(self) -> io::Result<()> {
        let mut out = match self.sink {
            Sink::Plain(w) | Sink::Framed(w) => w,
        };
        out.finish()?;
        out.flush()
    }
}

/// The HTTP message a response record holds.
pub fn http_response(status: u16, content_type: Option<&str>, body: &[u8]) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    let mut block = format!("HTTP/1.1 {status} {reason}\r\n").into_bytes();
    if let Some(ct) = content_type {
        block.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
    }
    block.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    block.extend_from_slice(body);
    block
}

fn split_url(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    }
}

/// splitmix64: a tiny, good-enough mixer for deterministic ids and choices.
pub fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
