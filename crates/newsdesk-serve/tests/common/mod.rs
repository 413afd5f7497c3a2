//! Shared by the end-to-end tests: a real server on a free loopback port, a plain HTTP/1.1
//! client over `TcpStream`, and the labelled article collection as HTML pages.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use newsdesk_serve::{App, Config};
use newsdesk_store::Store;

/// A fresh directory under cargo's scratch space for integration tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A running server; stopped (gracefully) on drop.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(store: Store) -> Server {
        Server::start_app(App::new(store, Config::default()))
    }

    pub fn start_app(app: App) -> Server {
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                addr_tx
                    .send(listener.local_addr().expect("addr"))
                    .expect("send addr");
                let shutdown = async move {
                    let _ = stop_rx.await;
                };
                newsdesk_serve::serve(listener, Arc::new(app), shutdown)
                    .await
                    .expect("serve");
            });
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("server started");
        Server {
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        request(self.addr, "GET", path, &[], b"")
    }

    pub fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Reply {
        request(
            self.addr,
            "POST",
            path,
            &[("Content-Type", content_type)],
            body,
        )
    }

    pub fn json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.body);
        r.json()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`, so the body ends at EOF).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write head");
    // The server may answer (413) before reading a large body and close: ignore write errors.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..end]).trim(), 16).unwrap_or(0);
        if size == 0 || b.len() < end + 2 + size {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[(end + 4 + size).min(b.len())..];
    }
}

/// One article of the labelled collection.
#[derive(Clone, Debug)]
pub struct Labelled {
    pub topic: String,
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// Reads `tests/fixtures/related.txt`.
pub fn collection() -> Vec<Labelled> {
    let text = include_str!("../fixtures/related.txt");
    let mut out: Vec<Labelled> = Vec::new();
    let mut topic = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("# ") {
            continue;
        }
        if let Some(t) = line.strip_prefix("## ") {
            topic = t.to_owned();
        } else if let Some(t) = line.strip_prefix("= ") {
            out.push(Labelled {
                topic: topic.clone(),
                title: t.to_owned(),
                paragraphs: Vec::new(),
            });
        } else if let Some(a) = out.last_mut() {
            a.paragraphs.push(line.to_owned());
        }
    }
    out
}

const SITES: [(&str, &str); 4] = [
    ("The Harbour Gazette", "harbour-gazette.example"),
    ("Northern Courier", "northern-courier.example"),
    ("Plains Daily Record", "plains-record.example"),
    ("Riverbend Times", "riverbend-times.example"),
];

/// A page as a news site would publish it: navigation, article, a teaser rail, a footer.
pub fn page(
    site: &str,
    url: &str,
    title: &str,
    author: &str,
    date: &str,
    paragraphs: &[String],
    credit: Option<&str>,
) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let credit = credit
        .map(|c| format!("<p><em>{c}</em></p>"))
        .unwrap_or_default();
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T08:00:00Z">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/business">Business</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {author} · {date}</p>
{body}{credit}
</article>
<aside><h2>Most read</h2><ul><li><a href="/x">Council reviews parking fees</a></li><li><a href="/y">Weekend markets return</a></li></ul></aside>
</main>
<footer><p>© {site}. All rights reserved.</p></footer>
</body></html>
"#
    )
}

/// Where each page of the labelled collection came from.
#[derive(Clone, Debug)]
pub struct PageTruth {
    pub url: String,
    pub topic: String,
    /// The index of the original in the collection (copies share it).
    pub original: usize,
    pub is_copy: bool,
}

/// Writes the collection as HTML files into `dir`: every article once, plus two syndicated
/// copies (other sites, a credit line, a day later) of every fourth article.
pub fn write_collection(dir: &Path) -> Vec<PageTruth> {
    std::fs::create_dir_all(dir).expect("dir");
    let mut truth = Vec::new();
    for (i, a) in collection().iter().enumerate() {
        let (site, host) = SITES[i % SITES.len()];
        let day = 1 + (i * 5) % 27;
        let date = format!("2024-03-{day:02}");
        let slug: String = a
            .title
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let url = format!("https://{host}/news/{slug}");
        let author = ["Ana Ruiz", "Ben Okoro", "Chloe Tan", "Dev Mehta"][(i / 3) % 4];
        let html = page(site, &url, &a.title, author, &date, &a.paragraphs, None);
        std::fs::write(dir.join(format!("{i:03}.html")), html).expect("write");
        truth.push(PageTruth {
            url,
            topic: a.topic.clone(),
            original: i,
            is_copy: false,
        });
        if i % 4 == 0 {
            for c in 1..=2 {
                let (csite, chost) = SITES[(i + c) % SITES.len()];
                let curl = format!("https://{chost}/wire/{slug}");
                let cdate = format!("2024-03-{:02}", day + 1);
                let credit = format!("This story was first published by {site}.");
                let html = page(
                    csite,
                    &curl,
                    &a.title,
                    author,
                    &cdate,
                    &a.paragraphs,
                    Some(&credit),
                );
                std::fs::write(dir.join(format!("{i:03}-copy{c}.html")), html).expect("write");
                truth.push(PageTruth {
                    url: curl,
                    topic: a.topic.clone(),
                    original: i,
                    is_copy: true,
                });
            }
        }
    }
    truth
}

/// A store in a fresh scratch directory holding the labelled collection, ingested through
/// the batch pipeline as `newsdesk ingest` does it.
pub fn filled(name: &str) -> (PathBuf, Store, Vec<PageTruth>) {
    let dir = scratch(name);
    let pages = dir.join("pages");
    let truth = write_collection(&pages);
    let store = Store::open(&dir.join("data")).expect("open store");
    let report = store
        .ingest(
            &[pages],
            &newsdesk_store::IngestOptions {
                jobs: Some(2),
                progress: false,
            },
        )
        .expect("ingest");
    assert_eq!(report.stored as usize, truth.len(), "every page stored");
    (dir, store, truth)
}
