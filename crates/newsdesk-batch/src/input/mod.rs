//! Inputs: WARC files, directories of HTML files, single HTML files and JSONL `{url, html}`.
//!
//! Every input becomes a stream of [`Item`]s in a fixed order: the order of the arguments, then
//! file order inside a WARC or JSONL file, then sorted path order inside a directory. An item
//! is a page to extract, a record skipped (with its reason) or a failure (with its reason):
//! the run accounts for each one, which is what makes `read = ok + skipped + failed` exact and
//! `--resume` possible (an item's position in this stream is its `seq`).

mod jsonl;
mod warc;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

/// Where a record came from; copied into its output row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Origin {
    /// Stable within the input: `PATH#N` for the N-th record (0-based) of a WARC file,
    /// `PATH#LINE` for JSONL (1-based line), the file path for HTML files.
    pub id: String,
    pub url: Option<String>,
    pub warc_record_id: Option<String>,
    pub warc_date: Option<String>,
    /// The HTTP `Content-Type` header (its charset is passed to extraction).
    pub content_type: Option<String>,
}

impl Origin {
    /// The crawl day (`YYYY-MM-DD` of `WARC-Date`), when the record has one: no publication
    /// date can be later, so it is the page's reference date for extraction.
    pub fn reference_date(&self) -> Option<&str> {
        self.warc_date
            .as_deref()
            .and_then(|d| d.get(..10))
            .filter(|d| d.as_bytes().get(4) == Some(&b'-'))
    }
}

/// One unit of work, in input order.
#[derive(Debug)]
pub enum Item {
    Page {
        origin: Origin,
        body: Vec<u8>,
    },
    Skipped {
        origin: Origin,
        reason: String,
    },
    Failed {
        origin: Origin,
        reason: &'static str,
        error: String,
    },
}

impl Item {
    pub(crate) fn failed(id: String, reason: &'static str, error: impl Into<String>) -> Item {
        Item::Failed {
            origin: Origin {
                id,
                ..Origin::default()
            },
            reason,
            error: error.into(),
        }
    }

    pub(crate) fn size(&self) -> usize {
        match self {
            Item::Page { body, .. } => body.len(),
            _ => 0,
        }
    }
}

/// What kind of input a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Warc,
    Jsonl,
    Html,
    Directory,
}

/// One input argument, resolved before the run starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputSpec {
    pub path: PathBuf,
    pub kind: InputKind,
    /// Total bytes (all files, for a directory): the progress bar's length and, with the
    /// path, what `--resume` checks to make sure the input did not change.
    pub len: u64,
    /// For a directory: its HTML files, sorted.
    #[serde(skip)]
    pub files: Vec<PathBuf>,
}

/// Resolves input arguments: a directory means every `.html`/`.htm` file in it (recursively,
/// sorted), `.warc`/`.warc.gz`/`.warc.zst` a WARC file, `.jsonl`/`.ndjson` JSONL, anything
/// else is sniffed. A path that cannot be read is an error (a usage error, before any work).
pub fn resolve(paths: &[PathBuf]) -> io::Result<Vec<InputSpec>> {
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let meta = fs::metadata(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk_html(path, &mut files)?;
            files.sort();
            let len = files
                .iter()
                .map(|f| fs::metadata(f).map(|m| m.len()).unwrap_or(0))
                .sum();
            out.push(InputSpec {
                path: path.clone(),
                kind: InputKind::Directory,
                len,
                files,
            });
            continue;
        }
        out.push(InputSpec {
            path: path.clone(),
            kind: kind_of(path)?,
            len: meta.len(),
            files: Vec::new(),
        });
    }
    Ok(out)
}

fn kind_of(path: &Path) -> io::Result<InputKind> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let ends = |s: &str| name.ends_with(s);
    if ends(".warc") || ends(".warc.gz") || ends(".warc.zst") || ends(".arc.gz") {
        return Ok(InputKind::Warc);
    }
    if ends(".jsonl") || ends(".ndjson") {
        return Ok(InputKind::Jsonl);
    }
    if ends(".html") || ends(".htm") || ends(".xhtml") {
        return Ok(InputKind::Html);
    }
    // Unknown name: look at the first bytes. Anything unrecognised goes to the WARC reader,
    // which reports it as a failed input ("not-warc") rather than stopping the run.
    let mut head = [0u8; 8];
    let n = fs::File::open(path)?.read(&mut head)?;
    let head = &head[..n];
    let text = head.trim_ascii_start();
    Ok(if text.starts_with(b"{") {
        InputKind::Jsonl
    } else if text.starts_with(b"<") {
        InputKind::Html
    } else {
        InputKind::Warc
    })
}

/// Appends every `.html`/`.htm` file under `dir`, recursively, in directory order; `newsdesk
/// extract DIR` lists its inputs with it too.
pub fn walk_html(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk_html(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// The inputs read exactly as `newsdesk batch` reads them, without extracting: every record
/// of every input as an [`Item`] (page, skipped or failed, with the same ids, origins and
/// reasons), in input order. For callers that extract pages themselves, such as the Python
/// package. Not `Send`: fastwarc's iterator is not.
pub struct Reader {
    items: Items,
}

impl Reader {
    /// Resolves `paths` as `newsdesk batch` does (a path that cannot be read is an error);
    /// bodies over `max_bytes` become `too-large` failures without being kept in memory.
    pub fn open(paths: &[PathBuf], max_bytes: usize) -> io::Result<Reader> {
        let specs = resolve(paths)?;
        let settings = ReadSettings { max_bytes };
        Ok(Reader {
            items: Items::new(specs, settings, Arc::new(AtomicU64::new(0))),
        })
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        self.items.next_item(false)
    }
}

/// The reader side's settings.
#[derive(Clone, Debug)]
pub(crate) struct ReadSettings {
    /// Bodies over this many bytes are failed as `too-large` without being kept in memory.
    pub max_bytes: usize,
}

/// The items of all inputs, in order. Lives on the reader thread (fastwarc's iterator is not
/// `Send`); `position` is shared with the progress bar.
pub(crate) struct Items {
    specs: Vec<InputSpec>,
    next_spec: usize,
    current: Option<Source>,
    settings: ReadSettings,
    /// Bytes of input consumed, over all inputs.
    position: Arc<AtomicU64>,
    done_bytes: u64,
}

enum Source {
    Files {
        files: Vec<PathBuf>,
        next: usize,
        pos: u64,
    },
    Warc(Box<warc::WarcSource>),
    Jsonl(jsonl::JsonlSource),
}

impl Items {
    pub(crate) fn new(
        specs: Vec<InputSpec>,
        settings: ReadSettings,
        position: Arc<AtomicU64>,
    ) -> Items {
        Items {
            specs,
            next_spec: 0,
            current: None,
            settings,
            position,
            done_bytes: 0,
        }
    }

    /// The next item. With `skip` (items before the resume point), a source may leave the
    /// body unread when that cannot change what the item is.
    pub(crate) fn next_item(&mut self, skip: bool) -> Option<Item> {
        loop {
            if self.current.is_none() {
                let spec = self.specs.get(self.next_spec)?.clone();
                self.next_spec += 1;
                self.current = Some(match spec.kind {
                    InputKind::Warc => Source::Warc(Box::new(warc::WarcSource::new(
                        &spec.path,
                        self.settings.max_bytes,
                    ))),
                    InputKind::Jsonl => {
                        Source::Jsonl(jsonl::JsonlSource::new(&spec.path, self.settings.max_bytes))
                    }
                    InputKind::Html => Source::Files {
                        files: vec![spec.path.clone()],
                        next: 0,
                        pos: 0,
                    },
                    InputKind::Directory => Source::Files {
                        files: spec.files.clone(),
                        next: 0,
                        pos: 0,
                    },
                });
            }
            let (item, pos) = match self.current.as_mut()? {
                Source::Files { files, next, pos } => {
                    let item = files.get(*next).map(|f| {
                        let (item, len) = read_html_file(f, skip, self.settings.max_bytes);
                        *pos += len;
                        item
                    });
                    *next += 1;
                    (item, *pos)
                }
                Source::Warc(w) => (w.next_item(), w.position()),
                Source::Jsonl(j) => (j.next_item(), j.position()),
            };
            self.position
                .store(self.done_bytes + pos, Ordering::Relaxed);
            match item {
                Some(item) => return Some(item),
                None => {
                    self.current = None;
                    self.done_bytes += self.specs[self.next_spec - 1].len;
                    self.position.store(self.done_bytes, Ordering::Relaxed);
                }
            }
        }
    }
}

/// Reads a WARC file held in memory item by item, exactly as a batch run reads a WARC file:
/// the same skips, failures and resynchronisation after damage; bodies over `max_bytes` are
/// failed as `too-large`. `name` stands for the path in the ids (`NAME#N`). For callers that
/// already hold the bytes, and for the `warc` fuzz target.
pub fn warc_items(bytes: impl Into<Arc<[u8]>>, name: &str, max_bytes: usize) -> WarcItems {
    WarcItems(Box::new(warc::WarcSource::from_bytes(
        bytes.into(),
        name,
        max_bytes,
    )))
}

/// The items of an in-memory WARC file ([`warc_items`]).
pub struct WarcItems(Box<warc::WarcSource>);

impl Iterator for WarcItems {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        self.0.next_item()
    }
}

fn read_html_file(path: &Path, skip: bool, max_bytes: usize) -> (Item, u64) {
    let id = path.display().to_string();
    let len = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if skip {
        // Resume: the item is discarded, and a file is one item whatever it holds.
        return (Item::failed(id, "skipped-on-resume", ""), len);
    }
    if len > max_bytes as u64 {
        return (
            Item::failed(
                id,
                "too-large",
                format!("{len} bytes, over the limit of {max_bytes}"),
            ),
            len,
        );
    }
    match fs::read(path) {
        Ok(body) => (
            Item::Page {
                origin: Origin {
                    id,
                    ..Origin::default()
                },
                body,
            },
            len,
        ),
        Err(e) => (Item::failed(id, "io", e.to_string()), len),
    }
}

/// The MIME type of a `Content-Type` header value, lowercased, without parameters.
pub(crate) fn mime_of(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a MIME type can hold an HTML page. An absent type is left to the extractor's own
/// sniffing.
pub(crate) fn is_html_mime(mime: &str) -> bool {
    matches!(mime, "" | "text/html" | "application/xhtml+xml")
}
