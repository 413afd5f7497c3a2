//! Packing pages into WARC files the way a crawl stores them.

use std::io;
use std::path::{Path, PathBuf};

use crate::warc::{Response, WarcWriter, splitmix};

/// A page to archive.
#[derive(Clone, Debug)]
pub struct Page {
    pub url: String,
    pub body: Vec<u8>,
    /// The HTTP `Content-Type`; `text/html; charset=utf-8` when `None`.
    pub content_type: Option<String>,
}

/// The project's own fixture pages (`crates/newsdesk/tests/fixtures/*/source.html`), with the
/// URL each case's `expected.json` gives.
pub fn fixture_pages() -> io::Result<Vec<Page>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../newsdesk/tests/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let body = std::fs::read(dir.join("source.html"))?;
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        let url = std::fs::read(dir.join("expected.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v.get("url").and_then(|u| u.as_str()).map(str::to_owned))
            .unwrap_or_else(|| format!("https://fixtures.example/{name}"));
        out.push(Page {
            url,
            body,
            content_type: None,
        });
    }
    Ok(out)
}

/// Every `.html`/`.htm` file under `dir`, sorted, with a made-up URL from its file name.
pub fn html_dir_pages(dir: &Path) -> io::Result<Vec<Page>> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let name = f
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            Ok(Page {
                url: format!("https://pages.example/{name}"),
                body: std::fs::read(&f)?,
                content_type: None,
            })
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// What [`pack`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    /// All records, `warcinfo` included.
    pub records: u64,
    /// HTML pages (`200`, `text/html`).
    pub pages: u64,
    /// Request records.
    pub requests: u64,
    /// Responses that are not HTML pages: an image, a 404, a redirect, `robots.txt`.
    pub non_html: u64,
}

/// Writes `responses` HTML responses cycling through `pages` (a page used again gets a new
/// URL), each preceded by its request record every `request_every` pages (0: never), with a
/// non-HTML response every `noise_every` pages (0: never), after a `warcinfo` record.
pub fn pack(
    out: &mut WarcWriter,
    pages: &[Page],
    responses: u64,
    request_every: u64,
    noise_every: u64,
) -> io::Result<Packed> {
    let mut packed = Packed::default();
    let date0 = "2024-03-07T10:00:00Z";
    out.warcinfo(date0, "newsdesk-testdata")?;
    packed.records += 1;
    if pages.is_empty() {
        return Ok(packed);
    }
    for i in 0..responses {
        let page = &pages[(i % pages.len() as u64) as usize];
        let round = i / pages.len() as u64;
        let url = if round == 0 {
            page.url.clone()
        } else {
            let sep = if page.url.contains('?') { '&' } else { '?' };
            format!("{}{sep}copy={round}", page.url)
        };
        let date = format!(
            "2024-03-{:02}T{:02}:{:02}:{:02}Z",
            7 + (i / 86_400) % 20,
            (i / 3600) % 24,
            (i / 60) % 60,
            i % 60
        );
        if request_every > 0 && i % request_every == 0 {
            out.request(&url, &date)?;
            packed.requests += 1;
            packed.records += 1;
        }
        let ct = page
            .content_type
            .clone()
            .unwrap_or_else(|| "text/html; charset=utf-8".to_owned());
        out.response(&Response {
            url: &url,
            date: &date,
            status: 200,
            content_type: Some(&ct),
            body: &page.body,
        })?;
        packed.pages += 1;
        packed.records += 1;
        if noise_every > 0 && i % noise_every == noise_every - 1 {
            noise(out, &url, &date, splitmix(i))?;
            packed.non_html += 1;
            packed.records += 1;
        }
    }
    Ok(packed)
}

/// One response a crawl holds besides pages.
fn noise(out: &mut WarcWriter, url: &str, date: &str, pick: u64) -> io::Result<()> {
    let (status, ct, body): (u16, &str, &[u8]) = match pick % 4 {
        0 => (
            200,
            "image/jpeg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00fake jpeg bytes",
        ),
        1 => (
            404,
            "text/html",
            b"<html><body><h1>Not found</h1></body></html>",
        ),
        2 => (301, "text/html", b""),
        _ => (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
    };
    out.response(&Response {
        url: &format!("{url}#asset"),
        date,
        status,
        content_type: Some(ct),
        body,
    })?;
    Ok(())
}
