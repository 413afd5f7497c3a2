//! One output record: where the page came from, its status, the text renderings, and every
//! `Article` field. The JSONL line is this struct serialised; the Parquet columns are listed
//! in `docs/batch-schema.md` and built from the same struct.

use newsdesk::Article;
use serde::{Deserialize, Serialize};

use crate::input::Origin;

/// An extracted record as written to the output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Stable id within the input (`PATH#N` for WARC and JSONL records, the path for files).
    pub id: String,
    /// Position in the run's input stream (skipped and failed records take a position too).
    pub seq: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_record_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_date: Option<String>,
    /// The HTTP `Content-Type` the page was served with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// `ok`, or `empty` when the page has no article body.
    pub status: String,
    /// `Article::text()`: the running text.
    pub text: String,
    /// `Article::markdown()`.
    pub markdown: String,
    /// Every field of the article (`url`, `title`, `authors`, `published`, `blocks`, ...).
    #[serde(flatten)]
    pub article: Article,
}

impl Row {
    pub(crate) fn new(seq: u64, origin: Origin, article: Article) -> Row {
        Row {
            id: origin.id,
            seq,
            warc_record_id: origin.warc_record_id,
            warc_date: origin.warc_date,
            content_type: origin.content_type,
            status: if article.is_empty() { "empty" } else { "ok" }.to_owned(),
            text: article.text(),
            markdown: article.markdown(),
            article,
        }
    }
}

/// A line of the failure file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureLine {
    pub id: String,
    pub seq: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_record_id: Option<String>,
    /// A short, stable key (`corrupt`, `bad-record`, `panic`, ...): what the summary counts.
    pub reason: String,
    /// The error in words.
    pub error: String,
}
