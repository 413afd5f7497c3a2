//! Test data for the corpus pipeline, all made here: WARC files packed from pages (the
//! project's fixture pages, generated pages, or the shared evaluation pages read at run time),
//! broken WARC files, and a generated syndication set with its ground truth.

pub mod bounded;
pub mod pack;
pub mod stories;
pub mod syndication;
pub mod warc;

use std::io;
use std::path::Path;

use syndication::SetPage;
use warc::{Response, WarcWriter};

/// Writes the syndication set's pages as a WARC file (one response record per page).
pub fn write_set_warc(path: &Path, pages: &[SetPage]) -> io::Result<()> {
    let mut w = WarcWriter::create(path)?;
    w.warcinfo("2024-03-01T00:00:00Z", "newsdesk-testdata syndication set")?;
    for p in pages {
        w.response(&Response {
            url: &p.truth.url,
            date: &p.fetched,
            status: 200,
            content_type: Some("text/html; charset=utf-8"),
            body: p.html.as_bytes(),
        })?;
    }
    w.finish()
}
