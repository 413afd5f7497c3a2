//! JSONL input: one `{"url": ..., "html": ...}` object per line (`content_type` and `id` are
//! optional). A line that is not such an object is a failed item; blank lines are not items.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::Deserialize;

use super::{Item, Origin};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    url: Option<String>,
    html: String,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

pub(crate) struct JsonlSource {
    name: String,
    reader: Option<BufReader<File>>,
    open_error: Option<String>,
    line_no: u64,
    pos: u64,
    buf: Vec<u8>,
    max_bytes: usize,
}

impl JsonlSource {
    pub(crate) fn new(path: &Path, max_bytes: usize) -> JsonlSource {
        let (reader, open_error) = match File::open(path) {
            Ok(f) => (Some(BufReader::with_capacity(1 << 20, f)), None),
            Err(e) => (None, Some(e.to_string())),
        };
        JsonlSource {
            name: path.display().to_string(),
            reader,
            open_error,
            line_no: 0,
            pos: 0,
            buf: Vec::new(),
            max_bytes,
        }
    }

    pub(crate) fn position(&self) -> u64 {
        self.pos
    }

    pub(crate) fn next_item(&mut self) -> Option<Item> {
        if let Some(e) = self.open_error.take() {
            return Some(Item::failed(self.name.clone(), "io", e));
        }
        loop {
            let reader = self.reader.as_mut()?;
            self.buf.clear();
            let n = match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.reader = None;
                    return None;
                }
                Ok(n) => n,
                Err(e) => {
                    self.reader = None;
                    self.line_no += 1;
                    return Some(Item::failed(
                        format!("{}#{}", self.name, self.line_no),
                        "io",
                        e.to_string(),
                    ));
                }
            };
            self.pos += n as u64;
            self.line_no += 1;
            if self.buf.trim_ascii().is_empty() {
                continue;
            }
            let id = format!("{}#{}", self.name, self.line_no);
            let line: Line = match serde_json::from_slice(&self.buf) {
                Ok(l) => l,
                Err(e) => return Some(Item::failed(id, "bad-jsonl", e.to_string())),
            };
            if line.html.len() > self.max_bytes {
                return Some(Item::failed(
                    line.id.unwrap_or(id),
                    "too-large",
                    format!(
                        "{} bytes, over the limit of {}",
                        line.html.len(),
                        self.max_bytes
                    ),
                ));
            }
            return Some(Item::Page {
                origin: Origin {
                    id: line.id.unwrap_or(id),
                    url: line.url,
                    content_type: line.content_type,
                    ..Origin::default()
                },
                body: line.html.into_bytes(),
            });
        }
    }
}
