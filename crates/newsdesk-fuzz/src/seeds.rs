//! Seed corpora, made here: the project's fixture pages (`crates/newsdesk/tests/fixtures`),
//! WARC files packed from them (whole, damaged, compressed three ways), and generated cases.
//! No third-party pages. `newsdesk-fuzz-seeds DIR` writes them as `DIR/<target>/<name>` for
//! cargo-fuzz; `tests/seeds.rs` runs the bodies over them directly.

use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use fastwarc::stream_io::gzip::GzipWriter;
use newsdesk_testdata::pack::{self, Page};
use newsdesk_testdata::warc::{Compression, Response, WarcWriter, http_response};

use crate::DEFAULT_OPTIONS_HEADER;

/// The fuzz targets, by name.
pub const TARGETS: &[&str] = &["extract", "warc", "dates", "markdown"];

/// One seed: a file name and its bytes.
pub type Seed = (String, Vec<u8>);

/// The seeds of one target.
pub fn for_target(target: &str) -> io::Result<Vec<Seed>> {
    match target {
        "extract" => extract(),
        "warc" => warc(),
        "dates" => Ok(dates()),
        "markdown" => markdown(),
        _ => Err(io::Error::other(format!("no fuzz target {target:?}"))),
    }
}

/// Writes every target's seeds under `dir/<target>/`.
pub fn write_all(dir: &Path) -> io::Result<usize> {
    let mut n = 0;
    for target in TARGETS {
        let sub = dir.join(target);
        std::fs::create_dir_all(&sub)?;
        for (name, bytes) in for_target(target)? {
            std::fs::write(sub.join(name), bytes)?;
            n += 1;
        }
    }
    Ok(n)
}

fn fixtures() -> io::Result<Vec<(String, Page)>> {
    let pages = pack::fixture_pages()?;
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(i, p)| (format!("fixture-{i:02}"), p))
        .collect())
}

/// Small hostile and odd pages: the shapes the hostile-input tests use, at seed size.
fn generated_pages() -> Vec<(&'static str, Vec<u8>)> {
    let p = "<p>The council voted on Monday to close the old bridge to lorries after an \
             inspection found cracks in two of its piers, officials said.</p>";
    let mut out: Vec<(&'static str, Vec<u8>)> = vec![
        ("nested-divs", format!("{}{p}", "<div>".repeat(600)).into_bytes()),
        ("nested-inline", format!("{}{p}", "<b><i>".repeat(300)).into_bytes()),
        (
            "nested-tables",
            format!("{}{p}", "<table><tr><td>".repeat(200)).into_bytes(),
        ),
        (
            "unclosed",
            format!("<html><head><title>T<body><div><p><ul><li><table><tr><td><a href=x>{p}")
                .into_bytes(),
        ),
        ("nul-control", format!("<html>\0\x01\x02<body>\x0b\x1b{p}\0</body>").into_bytes()),
        (
            "many-attributes",
            format!(
                "<div {}>{p}</div>",
                (0..500).map(|i| format!("a{i}=\"{i}\"")).collect::<Vec<_>>().join(" ")
            )
            .into_bytes(),
        ),
        (
            "jsonld",
            format!(
                "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
                 \"@graph\":[{{\"@type\":\"NewsArticle\",\"@id\":\"#a\",\"headline\":\"Bridge shut\",\
                 \"datePublished\":\"2024-03-07T10:30:00+01:00\",\"author\":{{\"@id\":\"#p\"}}}},\
                 {{\"@id\":\"#p\",\"@type\":\"Person\",\"name\":\"Ann Lee\"}}]</script>\
                 <meta property=\"article:published_time\" content=\"2024-03-07\">\
                 <meta property=\"og:image\" content=\"/i.jpg\"></head><body><article>\
                 <h1>Bridge shut</h1><p class=byline>By Ann Lee, March 7, 2024</p>{p}\
                 <figure><img src=\"a b.jpg\" alt=\"x\"><figcaption>The bridge. (AP Photo)\
                 </figcaption></figure><pre>``` ~~~~</pre><table><tr><th>a<th>b<tr><td>1<td>2\
                 </table></article></body></html>"
            )
            .into_bytes(),
        ),
        (
            "meta-charset-lie",
            format!("<meta charset=windows-1252><p>caf\u{e9} \u{201c}quoted\u{201d}</p>{p}")
                .into_bytes(),
        ),
        ("latin1", b"<meta charset=iso-8859-1><p>caf\xe9 na\xefve \xfcber</p>".to_vec()),
        (
            "invalid-utf8",
            [b"<meta charset=utf-8><p>caf\xc3 \xff\xfe \xe2\x80 ".as_slice(), p.as_bytes()].concat(),
        ),
    ];
    let utf16: Vec<u8> = format!("<html><body>{p}</body></html>")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    out.push(("utf16le-no-bom", utf16));
    out
}

fn extract() -> io::Result<Vec<Seed>> {
    let mut out = Vec::new();
    for (name, page) in fixtures()? {
        let mut bytes = DEFAULT_OPTIONS_HEADER.to_vec();
        bytes.extend_from_slice(&page.body);
        out.push((name.clone(), bytes));
    }
    // A few fixtures again under other options: explain, recall, a URL, a charset, small limits.
    for (i, (name, page)) in fixtures()?.into_iter().enumerate().step_by(4) {
        let header = [(i as u8 * 9) | 4, i as u8 * 5 + 1, i as u8 % 6];
        let mut bytes = header.to_vec();
        bytes.extend_from_slice(&page.body);
        out.push((format!("{name}-options"), bytes));
    }
    for (name, page) in generated_pages() {
        let mut bytes = DEFAULT_OPTIONS_HEADER.to_vec();
        bytes.extend_from_slice(&page);
        out.push((format!("gen-{name}"), bytes));
    }
    Ok(out)
}

/// A `Write` whose bytes stay readable after the WARC writer (which wants `'static`) is done.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }
}

fn warc_bytes(
    compression: Compression,
    f: impl FnOnce(&mut WarcWriter) -> io::Result<()>,
) -> io::Result<Vec<u8>> {
    let out = Shared::default();
    let mut w = WarcWriter::new(out.clone(), compression);
    f(&mut w)?;
    w.finish()?;
    Ok(out.take())
}

fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut w = GzipWriter::new(Vec::new());
    w.write_all(bytes)?;
    w.into_inner()
}

fn warc() -> io::Result<Vec<Seed>> {
    // Three small pages keep the seeds small; the reader's paths do not need more.
    let pages: Vec<Page> = pack::fixture_pages()?
        .into_iter()
        .filter(|p| p.body.len() < 7_000)
        .take(3)
        .collect();
    let mut out = Vec::new();
    for (ext, c) in [
        ("warc", Compression::None),
        ("warc.gz", Compression::Gzip),
        ("warc.zst", Compression::Zstd),
    ] {
        let bytes = warc_bytes(c, |w| pack::pack(w, &pages, 3, 2, 2).map(|_| ()))?;
        out.push((format!("crawl.{ext}"), bytes));
        // A record whose Content-Length lies (short and long), between good ones.
        let page = &pages[0].body;
        for (kind, delta) in [("short", -40i64), ("long", 300)] {
            let bytes = warc_bytes(c, |w| {
                let block = http_response(200, Some("text/html"), page);
                let declared = (block.len() as i64 + delta) as usize;
                w.warcinfo("2024-03-07T10:00:00Z", "seed")?;
                w.record(
                    "response",
                    "2024-03-07T10:00:00Z",
                    Some("https://e.example/a"),
                    Some("application/http; msgtype=response"),
                    &block,
                    Some(declared),
                )?;
                w.response(&Response {
                    url: "https://e.example/b",
                    date: "2024-03-07T10:00:01Z",
                    status: 200,
                    content_type: Some("text/html; charset=utf-8"),
                    body: page,
                })
                .map(|_| ())
            })?;
            out.push((format!("lying-length-{kind}.{ext}"), bytes));
        }
    }
    // A cut-off file and a damaged gzip member in the middle.
    let whole = warc_bytes(Compression::Gzip, |w| {
        pack::pack(w, &pages, 3, 0, 0).map(|_| ())
    })?;
    out.push(("cut.warc.gz".into(), whole[..whole.len() * 2 / 3].to_vec()));
    let mut damaged = whole.clone();
    let mid = damaged.len() / 2;
    for b in &mut damaged[mid..mid + 64] {
        *b ^= 0x5a;
    }
    out.push(("damaged.warc.gz".into(), damaged));
    // A gzip-encoded HTTP body, chunked transfer encoding, a resource record, tiny records.
    let page = &pages[0].body;
    let encoded = warc_bytes(Compression::None, |w| {
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend_from_slice(&gzip(page)?);
        w.record(
            "response",
            "2024-03-07T10:00:00Z",
            Some("https://e.example/gz"),
            Some("application/http; msgtype=response"),
            &block,
            None,
        )?;
        let mut chunked =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                .to_vec();
        for part in page.chunks(1000) {
            chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        w.record(
            "response",
            "2024-03-07T10:00:01Z",
            Some("https://e.example/chunked"),
            Some("application/http; msgtype=response"),
            &chunked,
            None,
        )?;
        w.record(
            "resource",
            "2024-03-07T10:00:02Z",
            Some("file:///x.html"),
            Some("text/html"),
            page,
            None,
        )?;
        for i in 0..20 {
            w.record(
                "metadata",
                "2024-03-07T10:00:03Z",
                None,
                None,
                format!("{i}").as_bytes(),
                None,
            )?;
        }
        Ok(())
    })?;
    out.push(("encodings.warc".into(), encoded));
    out.push(("not-warc".into(), b"this is not a WARC file\n".to_vec()));
    out.push(("empty".into(), Vec::new()));
    Ok(out)
}

/// Date strings in the forms pages write, and near misses.
pub const DATE_SEEDS: &[&str] = &[
    "2024-03-07",
    "2024-03-07T10:30:00Z",
    "2024-03-07T10:30:00+01:00",
    "2024-03-07T10:30:00.123456-05:30",
    "2024-03-07 10:30",
    "20240307",
    "2024-02-30",
    "2024-13-01",
    "0999-01-01",
    "1709807400",
    "1709807400000",
    "Thu, 07 Mar 2024 10:30:00 GMT",
    "Thu, 7 Mar 2024 10:30:00 +0100",
    "Thu, 07 Mar 2024 10:30:00 EST",
    "March 7, 2024",
    "Mar. 7, 2024 at 10:30 a.m. ET",
    "7 March 2024",
    "7th of March, 2024",
    "5. März 2024",
    "5 de marzo de 2024",
    "7 mars 2024 à 10h30",
    "07.03.2024",
    "07.03.2024, 10:30 Uhr",
    "03/07/2024",
    "7/3/24",
    "2023/12",
    "2024年3月7日",
    "2024년 3월 7일",
    "Published 7 March 2024, updated 8 March 2024",
    "Updated: 2024-03-08T09:00:00+18:00",
    "2024-03-07T24:00:00",
    "2024-03-07T10:30:60Z",
    "2024-03-07T10:30:00+19:00",
    "+002024-03-07",
    "",
];

fn dates() -> Vec<Seed> {
    DATE_SEEDS
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("date-{i:02}"), s.as_bytes().to_vec()))
        .collect()
}

fn markdown() -> io::Result<Vec<Seed>> {
    let mut out = Vec::new();
    // Fixture bytes decode into blocks full of markup characters, which is what escaping is
    // for; pseudo-random bytes give every kind of block.
    for (name, page) in fixtures()?.into_iter().step_by(3) {
        out.push((name, page.body[..page.body.len().min(4096)].to_vec()));
    }
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for (i, len) in [16usize, 64, 256, 1024, 4096].into_iter().enumerate() {
        let bytes = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        out.push((format!("random-{i}"), bytes));
    }
    Ok(out)
}
