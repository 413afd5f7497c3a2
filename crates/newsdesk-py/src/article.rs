//! `newsdesk.Article`: the extracted article with typed attributes. Holds the Rust `Article`;
//! attributes are converted when read.

use std::collections::BTreeMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::render::{full, loads, metadata, to_json};

/// An extracted article: the body as blocks, and the facts about it.
///
/// Scalar facts are `str` or `None`; `authors` and `tags` are lists of `str`; `image`,
/// `credits`, `sources`, `blocks`, `removed` and `diagnostics` are plain dicts and lists (their
/// JSON form). `text`, `markdown` and `html` render the body. Articles compare equal when all
/// their fields are equal, and pickle (as JSON).
#[pyclass(frozen, eq, module = "newsdesk", name = "Article")]
#[derive(PartialEq)]
pub(crate) struct Article {
    inner: newsdesk::Article,
}

impl Article {
    pub fn new(inner: newsdesk::Article) -> Article {
        Article { inner }
    }
}

#[pymethods]
impl Article {
    /// An `Article` from the JSON that `to_json()` (or `newsdesk extract --format json`)
    /// wrote; unknown keys such as `text` are ignored.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, json: &str) -> PyResult<Article> {
        serde_json::from_str(json)
            .map(Article::new)
            .map_err(|e| PyValueError::new_err(format!("not an article's JSON: {e}")))
    }

    /// The page URL given to extraction.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }
    /// The headline.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }
    #[getter]
    fn authors(&self) -> Vec<String> {
        self.inner.authors.clone()
    }
    /// ISO 8601 date or date-time.
    #[getter]
    fn published(&self) -> Option<&str> {
        self.inner.published.as_deref()
    }
    /// Where `published` came from (`json-ld`, `meta:article:published_time`, `url`, ...).
    #[getter]
    fn published_source(&self) -> Option<&str> {
        self.inner.published_source.as_deref()
    }
    #[getter]
    fn modified(&self) -> Option<&str> {
        self.inner.modified.as_deref()
    }
    #[getter]
    fn modified_source(&self) -> Option<&str> {
        self.inner.modified_source.as_deref()
    }
    #[getter]
    fn site_name(&self) -> Option<&str> {
        self.inner.site_name.as_deref()
    }
    /// BCP 47 language tag.
    #[getter]
    fn language(&self) -> Option<&str> {
        self.inner.language.as_deref()
    }
    #[getter]
    fn description(&self) -> Option<&str> {
        self.inner.description.as_deref()
    }
    #[getter]
    fn canonical_url(&self) -> Option<&str> {
        self.inner.canonical_url.as_deref()
    }
    #[getter]
    fn section(&self) -> Option<&str> {
        self.inner.section.as_deref()
    }
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.inner.tags.clone()
    }
    /// The lead image: `{url, alt?, caption?, credit?}` or `None`.
    #[getter]
    fn image(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        loads(py, &to_json(&self.inner.image))
    }
    /// Structured credit lines: `[{text, names?, organisations?}]`.
    #[getter]
    fn credits(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        loads(py, &to_json(&self.inner.credits))
    }
    /// The wire service or outlet the story comes from, when the page says so.
    #[getter]
    fn syndication_source(&self) -> Option<&str> {
        self.inner.syndication_source.as_deref()
    }
    /// Where each other metadata field came from, by field name.
    #[getter]
    fn sources(&self) -> BTreeMap<String, String> {
        self.inner.sources.clone()
    }
    /// The body in reading order: dicts with a `kind` (`heading`, `paragraph`, `list`,
    /// `quote`, `table`, `figure`, `preformatted`, `credit`) and its fields.
    #[getter]
    fn blocks(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        loads(py, &to_json(&self.inner.blocks))
    }
    /// What was cut, with reasons (only with `explain=True`).
    #[getter]
    fn removed(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        loads(py, &to_json(&self.inner.removed))
    }
    /// Encoding, parse errors, truncation, mode, notes.
    #[getter]
    fn diagnostics(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        loads(py, &to_json(&self.inner.diagnostics))
    }

    /// Plain text of the running article (paragraphs separated by blank lines; no captions).
    #[getter]
    fn text(&self) -> String {
        self.inner.text()
    }
    /// Plain text with figure captions and photo credits as paragraphs.
    #[getter]
    fn text_with_captions(&self) -> String {
        self.inner.text_with_captions()
    }
    #[getter]
    fn markdown(&self) -> String {
        self.inner.markdown()
    }
    /// The body as a minimal HTML fragment.
    #[getter]
    fn html(&self) -> String {
        self.inner.html()
    }
    /// True when no article body was found.
    #[getter]
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
    /// The metadata fields as a dict, every key present (as `extract_metadata` returns).
    #[getter]
    fn metadata(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        loads(py, &to_json(&metadata(&self.inner)))
    }

    /// The facts as `Key: value` lines (what `with_metadata` puts above the text).
    fn metadata_header(&self) -> String {
        self.inner.metadata_header()
    }

    /// The `extract(..., output_format="dict")` form.
    #[pyo3(signature = (with_metadata=true))]
    fn to_dict(&self, py: Python<'_>, with_metadata: bool) -> PyResult<Py<PyAny>> {
        loads(py, &to_json(&full(&self.inner, with_metadata, false)))
    }

    /// The `extract(..., output_format="json")` form.
    #[pyo3(signature = (with_metadata=true))]
    fn to_json(&self, with_metadata: bool) -> String {
        to_json(&full(&self.inner, with_metadata, false))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let json = to_json(&slf.get().inner);
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, PyTuple::new(slf.py(), [json])?))
    }

    fn __repr__(&self) -> String {
        let title = self.inner.title.as_deref().unwrap_or("");
        let short: String = title.chars().take(60).collect();
        let ellipsis = if short.len() < title.len() { "..." } else { "" };
        format!(
            "<newsdesk.Article title={:?} blocks={} chars={}>",
            format!("{short}{ellipsis}"),
            self.inner.blocks.len(),
            self.inner.text().chars().count()
        )
    }
}
