//! Turning an `Article` into what the caller asked for. The expensive part (rendering,
//! serialising) runs without the GIL, on the extraction thread; only building the Python
//! object needs the GIL.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use newsdesk::{Block, Credit, Diagnostics, Image, Options, Removed};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;
use serde::Serialize;

use crate::article::Article;
use crate::errors::Failure;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Dict,
    Article,
    /// `extract_metadata`: the metadata dict.
    Metadata,
}

impl Format {
    pub fn parse(s: &str) -> PyResult<Format> {
        Ok(match s {
            "text" | "txt" => Format::Text,
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            "json" => Format::Json,
            "dict" => Format::Dict,
            "article" => Format::Article,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "unknown output_format {s:?} (expected text, markdown, html, json, dict or article)"
                )));
            }
        })
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Render {
    pub format: Format,
    pub with_metadata: bool,
    pub captions: bool,
}

/// A result ready to become a Python object.
pub(crate) enum Rendered {
    Str(String),
    /// JSON text to be loaded into a dict (by `json.loads`, which keeps the key order).
    Dict(String),
    Article(Box<newsdesk::Article>),
}

/// Extraction and rendering of one page, panics caught: runs without the GIL.
pub(crate) fn extract_and_render(
    bytes: &[u8],
    options: &Options,
    render: Render,
) -> Result<Rendered, Failure> {
    catch_unwind(AssertUnwindSafe(|| {
        newsdesk::extract(bytes, options)
            .map(|a| render.apply(a))
            .map_err(Failure::Extract)
    }))
    .unwrap_or_else(|panic| Err(Failure::Panic(newsdesk_batch::panic_message(&*panic))))
}

impl Render {
    pub fn apply(self, a: newsdesk::Article) -> Rendered {
        let header = |body: String| {
            let header = if self.with_metadata {
                a.metadata_header()
            } else {
                String::new()
            };
            if header.is_empty() {
                body
            } else {
                format!("{header}\n\n{body}")
            }
        };
        match self.format {
            Format::Text if self.captions => Rendered::Str(header(a.text_with_captions())),
            Format::Text => Rendered::Str(header(a.text())),
            Format::Markdown => Rendered::Str(header(a.markdown())),
            Format::Html => Rendered::Str(a.html()),
            Format::Json => Rendered::Str(to_json(&full(&a, self.with_metadata, self.captions))),
            Format::Dict => Rendered::Dict(to_json(&full(&a, self.with_metadata, self.captions))),
            Format::Metadata => Rendered::Dict(to_json(&metadata(&a))),
            Format::Article => Rendered::Article(Box::new(a)),
        }
    }
}

/// Serialising these views cannot fail (string keys, no custom serialisers).
pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

/// The metadata fields, every one present (`null` / empty when unknown), in `Article` order.
#[derive(Serialize)]
pub(crate) struct Metadata<'a> {
    url: &'a Option<String>,
    title: &'a Option<String>,
    authors: &'a [String],
    published: &'a Option<String>,
    published_source: &'a Option<String>,
    modified: &'a Option<String>,
    modified_source: &'a Option<String>,
    site_name: &'a Option<String>,
    language: &'a Option<String>,
    description: &'a Option<String>,
    canonical_url: &'a Option<String>,
    section: &'a Option<String>,
    tags: &'a [String],
    image: &'a Option<Image>,
    credits: &'a [Credit],
    syndication_source: &'a Option<String>,
    sources: &'a BTreeMap<String, String>,
}

pub(crate) fn metadata(a: &newsdesk::Article) -> Metadata<'_> {
    Metadata {
        url: &a.url,
        title: &a.title,
        authors: &a.authors,
        published: &a.published,
        published_source: &a.published_source,
        modified: &a.modified,
        modified_source: &a.modified_source,
        site_name: &a.site_name,
        language: &a.language,
        description: &a.description,
        canonical_url: &a.canonical_url,
        section: &a.section,
        tags: &a.tags,
        image: &a.image,
        credits: &a.credits,
        syndication_source: &a.syndication_source,
        sources: &a.sources,
    }
}

/// The `json` / `dict` output: the text renderings, the metadata (with `with_metadata`),
/// then the body parts. Keys are the `Article`'s JSON names, as in `newsdesk batch` rows.
#[derive(Serialize)]
pub(crate) struct Full<'a> {
    text: String,
    markdown: String,
    #[serde(flatten)]
    metadata: Option<Metadata<'a>>,
    blocks: &'a [Block],
    removed: &'a [Removed],
    diagnostics: &'a Diagnostics,
}

pub(crate) fn full(a: &newsdesk::Article, with_metadata: bool, captions: bool) -> Full<'_> {
    Full {
        text: if captions {
            a.text_with_captions()
        } else {
            a.text()
        },
        markdown: a.markdown(),
        metadata: with_metadata.then(|| metadata(a)),
        blocks: &a.blocks,
        removed: &a.removed,
        diagnostics: &a.diagnostics,
    }
}

/// `json.loads` on JSON text made by serde: a dict with the keys in serialisation order.
pub(crate) fn loads(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.import(py, "json", "loads")?;
    Ok(loads.call1((PyString::new(py, json),))?.unbind())
}

pub(crate) fn rendered_to_python(py: Python<'_>, r: Rendered) -> PyResult<Py<PyAny>> {
    Ok(match r {
        Rendered::Str(s) => PyString::new(py, &s).into_any().unbind(),
        Rendered::Dict(json) => loads(py, &json)?,
        Rendered::Article(a) => Py::new(py, Article::new(*a))?.into_any(),
    })
}

pub(crate) fn to_python(py: Python<'_>, outcome: Result<Rendered, Failure>) -> PyResult<Py<PyAny>> {
    match outcome {
        Ok(r) => rendered_to_python(py, r),
        Err(f) => Err(f.to_pyerr(py, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdesk::{Article, Figure};

    /// Every `Article` field appears in the `dict` output (under the same name), so a new
    /// field cannot be silently missing from Python. The literal below names every field:
    /// adding one to `Article` breaks this test until it is listed here and in the views.
    #[test]
    fn every_article_field_is_in_the_dict_output() {
        let s = || Some("x".to_owned());
        let a = Article {
            url: s(),
            title: s(),
            authors: vec!["x".into()],
            published: s(),
            published_source: s(),
            modified: s(),
            modified_source: s(),
            site_name: s(),
            language: s(),
            description: s(),
            canonical_url: s(),
            section: s(),
            tags: vec!["x".into()],
            image: Some(Image {
                url: "x".into(),
                ..Image::default()
            }),
            credits: vec![Credit {
                text: "x".into(),
                ..Credit::default()
            }],
            syndication_source: s(),
            sources: [("title".to_owned(), "x".to_owned())].into(),
            blocks: vec![Block::Figure(Figure::default())],
            removed: vec![],
            diagnostics: Diagnostics::default(),
        };
        let keys = |v: serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        let mut article = keys(serde_json::to_value(&a).unwrap());
        article.push("removed".into());
        article.sort();
        let mut dict = keys(serde_json::to_value(full(&a, true, false)).unwrap());
        dict.retain(|k| k != "text" && k != "markdown");
        dict.sort();
        assert_eq!(article, dict);
        // Without metadata, only the body parts remain.
        let body = keys(serde_json::to_value(full(&a, false, false)).unwrap());
        assert_eq!(
            body,
            ["blocks", "diagnostics", "markdown", "removed", "text"]
        );
    }

    #[test]
    fn metadata_keys_are_always_there() {
        let v = serde_json::to_value(metadata(&Article::default())).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.len(), 17);
        assert!(o["title"].is_null());
        assert_eq!(o["authors"], serde_json::json!([]));
        assert_eq!(o["sources"], serde_json::json!({}));
    }

    #[test]
    fn text_with_metadata_has_a_header() {
        let a = Article {
            title: Some("Dam opens".into()),
            blocks: vec![Block::Paragraph {
                text: "Body.".into(),
            }],
            ..Article::default()
        };
        let render = |with_metadata| Render {
            format: Format::Text,
            with_metadata,
            captions: false,
        };
        match render(true).apply(a.clone()) {
            Rendered::Str(s) => assert_eq!(s, "Title: Dam opens\n\nBody."),
            _ => panic!("text expected"),
        }
        match render(false).apply(a) {
            Rendered::Str(s) => assert_eq!(s, "Body."),
            _ => panic!("text expected"),
        }
    }
}
