//! WARC input through fastwarc, made robust for crawl files as they come.
//!
//! fastwarc parses and decompresses; this module decides what each record is and survives
//! damage. Two things go beyond a plain iteration:
//!
//! - **One record of lookahead.** A record is handed on only after the *next* record's header
//!   has parsed (or the file ended cleanly). A record whose `Content-Length` lies leaves the
//!   reader mid-data, so the next header fails to parse: the lying record is then failed
//!   (`bad-record`) instead of being extracted from a cut or overlong body.
//! - **Resynchronisation.** After damage (a corrupt gzip member, a bad header, a panic inside
//!   the reader) the file is scanned from the last good record for the next gzip member, zstd
//!   frame or `WARC/1.` line, and reading restarts there. The damaged region counts as one
//!   failed item; the records after it are still processed. (A `.warc.zst` written with a
//!   dictionary cannot be resumed mid-file: the rest of such a file is the one failure.)

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read, Seek, SeekFrom};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fastwarc::warc::iter::{ArchiveIterator, ArchiveIteratorOptions};
use fastwarc::warc::record::{AutoDecode, WarcRecord, WarcRecordType};

use super::{Item, Origin, is_html_mime, mime_of};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framing {
    Plain,
    Gzip,
    Zstd,
}

/// Largest HTTP or WARC header block accepted (fastwarc's default).
const MAX_HEADER: usize = 32 << 10;

/// Where the WARC bytes are: a file (the batch inputs), or memory (callers that already hold
/// the bytes, and the fuzz target, which must not touch the disk per input).
enum Backing {
    File(PathBuf),
    Memory(Arc<[u8]>),
}

pub(crate) struct WarcSource {
    backing: Backing,
    name: String,
    framing: Framing,
    iter: Option<ArchiveIterator>,
    started: bool,
    done: bool,
    /// Record numbers within the file, for ids.
    ordinal: u64,
    /// The last record read, held until the next header proves its length was right.
    pending: Option<Item>,
    ready: VecDeque<Item>,
    /// File offset of the last record whose header parsed.
    last_good: u64,
    /// File offset where the last resynchronisation restarted reading.
    floor: u64,
    /// Set after damage until a record parses again, so one damaged region is one failure.
    in_damage: bool,
    any_record: bool,
    position: u64,
    max_bytes: usize,
}

impl WarcSource {
    pub(crate) fn new(path: &Path, max_bytes: usize) -> WarcSource {
        WarcSource::with_backing(
            Backing::File(path.to_path_buf()),
            path.display().to_string(),
            max_bytes,
        )
    }

    /// A WARC file held in memory; `name` prefixes the item ids as a path would.
    pub(crate) fn from_bytes(bytes: Arc<[u8]>, name: &str, max_bytes: usize) -> WarcSource {
        WarcSource::with_backing(Backing::Memory(bytes), name.to_owned(), max_bytes)
    }

    fn with_backing(backing: Backing, name: String, max_bytes: usize) -> WarcSource {
        WarcSource {
            backing,
            name,
            framing: Framing::Plain,
            iter: None,
            started: false,
            done: false,
            ordinal: 0,
            pending: None,
            ready: VecDeque::new(),
            last_good: 0,
            floor: 0,
            in_damage: false,
            any_record: false,
            position: 0,
            max_bytes,
        }
    }

    pub(crate) fn position(&self) -> u64 {
        self.position
    }

    fn next_id(&mut self) -> String {
        let id = format!("{}#{}", self.name, self.ordinal);
        self.ordinal += 1;
        id
    }

    pub(crate) fn next_item(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            if !self.started {
                self.started = true;
                self.open();
                continue;
            }
            self.step();
        }
    }

    fn open(&mut self) {
        let mut head = [0u8; 8];
        let read = match &self.backing {
            Backing::File(path) => File::open(path).and_then(|mut f| {
                let len = f.metadata()?.len();
                let mut n = 0;
                while n < head.len() {
                    let m = f.read(&mut head[n..])?;
                    if m == 0 {
                        break;
                    }
                    n += m;
                }
                Ok((len, n))
            }),
            Backing::Memory(bytes) => {
                let n = bytes.len().min(head.len());
                head[..n].copy_from_slice(&bytes[..n]);
                Ok((bytes.len() as u64, n))
            }
        };
        let (len, n) = match read {
            Ok(x) => x,
            Err(e) => {
                return self.finish_with(Item::failed(self.name.clone(), "io", e.to_string()));
            }
        };
        if len == 0 {
            return self.finish_with(Item::failed(
                self.name.clone(),
                "empty-file",
                "the file is empty (0 bytes)",
            ));
        }
        let head = &head[..n];
        self.framing = if head.starts_with(&[0x1f, 0x8b]) {
            Framing::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd])
            || head.starts_with(&[0x5d, 0x2a, 0x4d, 0x18])
        {
            Framing::Zstd
        } else if head.trim_ascii_start().starts_with(b"WARC/") {
            Framing::Plain
        } else {
            return self.finish_with(Item::failed(
                self.name.clone(),
                "not-warc",
                "neither a WARC record nor a gzip or zstd stream at the start of the file",
            ));
        };
        self.restart_at(0);
    }

    fn finish_with(&mut self, item: Item) {
        self.ready.push_back(item);
        self.done = true;
    }

    /// Starts a fresh fastwarc iterator at a file offset (0, or a resynchronisation point).
    fn restart_at(&mut self, offset: u64) {
        let options = ArchiveIteratorOptions {
            stream_detect: true,
            // HTTP headers are parsed per record below, so a bad one fails only its record.
            parse_http: false,
            ..ArchiveIteratorOptions::default()
        };
        let iter = match &self.backing {
            Backing::File(path) => File::open(path)
                .and_then(|mut f| {
                    f.seek(SeekFrom::Start(offset))?;
                    Ok(f)
                })
                .map(|f| {
                    ArchiveIterator::with_options(BufReader::with_capacity(1 << 20, f), options)
                }),
            Backing::Memory(bytes) => {
                let mut cursor = Cursor::new(Arc::clone(bytes));
                cursor.set_position(offset);
                Ok(ArchiveIterator::with_options(cursor, options))
            }
        };
        match iter {
            Ok(iter) => {
                self.iter = Some(iter);
                self.position = offset;
            }
            Err(e) => {
                let id = self.next_id();
                self.finish_with(Item::failed(id, "io", e.to_string()));
            }
        }
    }

    fn step(&mut self) {
        let Some(iter) = self.iter.as_mut() else {
            self.done = true;
            return;
        };
        // fastwarc is third-party code reading hostile bytes: a panic in it is damage too.
        let next = catch_unwind(AssertUnwindSafe(|| iter.next()));
        match next {
            Ok(None) => {
                self.iter = None;
                self.done = true;
                if let Some(p) = self.pending.take() {
                    self.ready.push_back(p);
                }
                if !self.any_record && !self.in_damage {
                    let id = self.next_id();
                    self.ready.push_back(Item::failed(
                        id,
                        "not-warc",
                        "no WARC record in the file",
                    ));
                }
            }
            Ok(Some(Err(e))) => self.damaged(e),
            Err(panic) => self.damaged(io::Error::other(format!(
                "the WARC reader panicked: {}",
                crate::panic_message(&*panic)
            ))),
            Ok(Some(Ok(record))) => {
                let mut record = record.borrow_mut();
                let start = record.stream_pos();
                self.position = start;
                self.last_good = self.last_good.max(start);
                self.any_record = true;
                self.in_damage = false;
                let id = self.next_id();
                let (item, broken) = self.convert(&mut record, id);
                drop(record);
                if let Some(p) = self.pending.take() {
                    self.ready.push_back(p);
                }
                if broken {
                    // The body could not be read to its end: the stream is not where the next
                    // header is. Fail this record and resynchronise.
                    self.ready.push_back(item);
                    self.in_damage = true;
                    self.resync();
                } else {
                    self.pending = Some(item);
                }
            }
        }
    }

    /// The iterator failed: attribute the failure, then resynchronise.
    fn damaged(&mut self, e: io::Error) {
        let header = e.kind() == io::ErrorKind::InvalidData
            && e.to_string().to_ascii_lowercase().contains("header");
        match self.pending.take() {
            // The record before parsed, but no record starts where its length says it ends.
            Some(Item::Page { origin, .. } | Item::Skipped { origin, .. }) if header => {
                self.ready.push_back(Item::Failed {
                    origin,
                    reason: "bad-record",
                    error: format!(
                        "no WARC record starts where this record's Content-Length ends ({e}); \
                         the length is wrong or the bytes after the record are damaged"
                    ),
                });
                self.in_damage = true;
            }
            other => {
                if let Some(p) = other {
                    self.ready.push_back(p);
                }
                if !self.in_damage {
                    let reason = if !self.any_record && header {
                        "not-warc"
                    } else if e.kind() == io::ErrorKind::UnexpectedEof {
                        "truncated"
                    } else {
                        "corrupt"
                    };
                    let id = self.next_id();
                    self.ready.push_back(Item::failed(
                        id,
                        reason,
                        format!("after byte {}: {e}", self.last_good.max(self.floor)),
                    ));
                }
                self.in_damage = true;
            }
        }
        self.resync();
    }

    /// Restarts reading at the next frame (gzip member, zstd frame) or `WARC/1.` line after
    /// the last good record, or ends the file if there is none.
    fn resync(&mut self) {
        self.iter = None;
        let from = self.last_good.max(self.floor) + 1;
        let found = match &self.backing {
            Backing::File(path) => find_restart_in_file(path, from, self.framing),
            Backing::Memory(bytes) => Ok(find_restart_in_bytes(bytes, from, self.framing)),
        };
        match found {
            Ok(Some(at)) => {
                self.floor = at;
                self.restart_at(at);
            }
            Ok(None) => self.done = true,
            Err(e) => {
                let id = self.next_id();
                self.finish_with(Item::failed(id, "io", e.to_string()));
            }
        }
    }

    /// Turns a parsed record into an item. The second value says the stream is broken (the
    /// body could not be read to the end of the record).
    fn convert(&self, record: &mut WarcRecord, id: String) -> (Item, bool) {
        let headers = record.headers();
        let mut origin = Origin {
            id,
            url: headers
                .get("WARC-Target-URI")
                .map(|u| u.trim().trim_matches(['<', '>']).to_owned()),
            warc_record_id: headers.get("WARC-Record-ID").map(|v| v.into_owned()),
            warc_date: headers.get("WARC-Date").map(|v| v.into_owned()),
            content_type: None,
        };
        let record_type = record.record_type();
        let is_resource = record_type == WarcRecordType::Resource;
        if record_type != WarcRecordType::Response && !is_resource {
            let reason = format!("warc-type:{}", record_type_name(record));
            return (Item::Skipped { origin, reason }, false);
        }
        let mut decoded = false;
        if is_resource {
            origin.content_type = record.headers().get("Content-Type").map(|v| v.into_owned());
        } else {
            if !record.is_http() {
                let reason = "not-http".to_owned();
                return (Item::Skipped { origin, reason }, false);
            }
            if let Err(e) = record.parse_http_with_opts(AutoDecode::All, MAX_HEADER, false) {
                let item = Item::Failed {
                    origin,
                    reason: "bad-http",
                    error: e.to_string(),
                };
                return (item, false);
            }
            let Some(http) = record.http_headers() else {
                let item = Item::Failed {
                    origin,
                    reason: "bad-http",
                    error: "no HTTP headers".to_owned(),
                };
                return (item, false);
            };
            let status = http.status_code().unwrap_or(0);
            origin.content_type = http.get("Content-Type").map(|v| v.into_owned());
            decoded =
                http.contains_key("Content-Encoding") || http.contains_key("Transfer-Encoding");
            if !(200..300).contains(&status) {
                let reason = format!("http-status:{status}");
                return (Item::Skipped { origin, reason }, false);
            }
        }
        let mime = origin
            .content_type
            .as_deref()
            .map(mime_of)
            .unwrap_or_default();
        if !is_html_mime(&mime) {
            let reason = format!("not-html:{mime}");
            return (Item::Skipped { origin, reason }, false);
        }
        let expected = record.content_length();
        let max = self.max_bytes;
        let Some(reader) = record.reader_mut() else {
            let item = Item::Failed {
                origin,
                reason: "corrupt",
                error: "record has no payload stream".to_owned(),
            };
            return (item, true);
        };
        let mut body = Vec::with_capacity((expected as usize).min(max + 1));
        if let Err(e) = reader.take(max as u64 + 1).read_to_end(&mut body) {
            let reason = if e.kind() == io::ErrorKind::UnexpectedEof {
                "truncated"
            } else {
                "corrupt"
            };
            let error = format!("reading the payload: {e}");
            return (
                Item::Failed {
                    origin,
                    reason,
                    error,
                },
                true,
            );
        }
        if body.len() > max {
            let item = Item::Failed {
                origin,
                reason: "too-large",
                error: format!("payload over the limit of {max} bytes"),
            };
            // A decoded payload (a gzip bomb in `Content-Encoding`) left part way leaves the
            // stream where fastwarc cannot find the next header: resynchronise instead, or a
            // spurious `corrupt` failure follows this one.
            return (item, decoded);
        }
        if !decoded && (body.len() as u64) < expected {
            let item = Item::Failed {
                origin,
                reason: "truncated",
                error: format!(
                    "the file ends {} bytes into a {expected}-byte payload",
                    body.len()
                ),
            };
            return (item, true);
        }
        (Item::Page { origin, body }, false)
    }
}

fn record_type_name(record: &WarcRecord) -> String {
    record
        .headers()
        .get("WARC-Type")
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_else(|| "none".to_owned())
}

/// What starts a place where reading can restart.
fn restart_needle(framing: Framing) -> &'static [u8] {
    match framing {
        Framing::Gzip => &[0x1f, 0x8b, 0x08],
        Framing::Zstd => &[0x28, 0xb5, 0x2f, 0xfd],
        Framing::Plain => b"\nWARC/1.",
    }
}

/// A needle found at `at`: where reading restarts (a plain WARC restarts after the newline).
fn restart_point(at: u64, framing: Framing) -> u64 {
    if framing == Framing::Plain {
        at + 1
    } else {
        at
    }
}

/// [`find_restart_in_file`] for a WARC held in memory.
fn find_restart_in_bytes(bytes: &[u8], from: u64, framing: Framing) -> Option<u64> {
    let from = usize::try_from(from).ok().filter(|&f| f < bytes.len())?;
    let needle = restart_needle(framing);
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| restart_point((from + i) as u64, framing))
}

/// The first offset at or after `from` where reading can restart.
fn find_restart_in_file(path: &Path, from: u64, framing: Framing) -> io::Result<Option<u64>> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    if from >= len {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(from))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let needle = restart_needle(framing);
    // Scan in chunks, keeping the needle's length minus one bytes of overlap.
    let mut offset = from;
    let mut carry: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        let mut window = std::mem::take(&mut carry);
        let window_start = offset - window.len() as u64;
        window.extend_from_slice(&chunk[..n]);
        if let Some(i) = window.windows(needle.len()).position(|w| w == needle) {
            return Ok(Some(restart_point(window_start + i as u64, framing)));
        }
        offset += n as u64;
        let keep = needle.len() - 1;
        carry = window[window.len().saturating_sub(keep)..].to_vec();
    }
}
