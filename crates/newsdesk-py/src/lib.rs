//! `newsdesk._native`: the Python bindings, re-exported by the `newsdesk` package
//! (`python/newsdesk/__init__.py`). Type stubs: `python/newsdesk/_native.pyi`.
//!
//! Every entry point converts its inputs while holding the GIL, releases it for extraction and
//! rendering (so other Python threads run, and `extract_many` uses every core), and takes it
//! back only to build the result. A panic inside extraction is caught here and raised as
//! `newsdesk.InternalError`: the interpreter never sees a Rust panic.

/// mimalloc for extraction's allocations, as in the CLI: parsing allocates heavily and runs
/// measurably faster with it (docs/benchmarks.md), so Python gets the CLI's speed.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod article;
mod errors;
mod input;
mod many;
mod records;
mod render;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::article::Article;
use crate::input::{Html, Settings};
use crate::render::{Format, Render, extract_and_render};

/// Extracts the article from one page.
///
/// `html` is the page as `bytes` (decoded by newsdesk: BOM, `content_type` charset, `<meta>`,
/// detection) or as `str` (already decoded; `content_type`'s charset is then ignored).
/// `url` resolves links and images and hints language and charset.
///
/// `output_format`: `"text"` (running text; with `with_metadata`, a `Key: value` header
/// first), `"markdown"` (likewise), `"html"` (the body as a minimal HTML fragment),
/// `"json"` (a JSON string) or `"dict"` (`text`, `markdown`, the metadata fields when
/// `with_metadata`, `blocks`, `removed`, `diagnostics`), or `"article"` (an `Article`).
/// `mode`: `"precision"`, `"balanced"` (falls back to recall when the result is implausibly
/// short) or `"recall"`. `captions`: figure captions and photo credits in the text.
/// `explain`: keep what was cut, with reasons, in `removed`. `reference_date`: no
/// publication date after this day (`"YYYY-MM-DD"` or a `datetime.date`; default today, UTC).
/// `max_bytes` / `time_budget` (seconds) override the default limits (16 MiB, 2 s).
///
/// Raises a `newsdesk.Error` subclass when the page yields no article at all: `EmptyInput`,
/// `InputTooLarge`, `NotHtml`, `Timeout`, or `InternalError` (a bug: extraction panicked).
/// A page without article text is not an error: it gives an empty result.
#[pyfunction]
#[pyo3(signature = (
    html, url=None, *, output_format="text", mode="balanced", with_metadata=true,
    captions=false, content_type=None, explain=false, reference_date=None, max_bytes=None,
    time_budget=None,
))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    output_format: &str,
    mode: &str,
    with_metadata: bool,
    captions: bool,
    content_type: Option<String>,
    explain: bool,
    reference_date: Option<&Bound<'_, PyAny>>,
    max_bytes: Option<usize>,
    time_budget: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let render = Render {
        format: Format::parse(output_format)?,
        with_metadata,
        captions,
    };
    let settings = Settings::new(mode, explain, reference_date, max_bytes, time_budget)?;
    let page = Html::from_py(html)?;
    let options = settings.options(url, content_type, page.decoded);
    let bytes = page.bytes();
    let outcome = py.detach(|| extract_and_render(bytes, &options, render));
    render::to_python(py, outcome)
}

/// Extracts the article from many pages on several threads, with the GIL released.
///
/// `pages`: an iterable of `str` / `bytes` pages; `urls` and `content_types`, when given,
/// hold one entry (or `None`) per page. `workers`: threads (default: every core). The other
/// arguments are those of `extract`. Returns a list in page order.
///
/// `errors`: `"raise"` raises the first failed page's error (its `index` attribute is the
/// page's position) once all pages are done; `"return"` puts the exception object in that
/// page's place; `"ignore"` puts `None` there.
///
/// All pages are held in memory at once: for a corpus, pass chunks of a few thousand pages.
/// Ctrl-C stops the remaining pages and raises `KeyboardInterrupt`.
#[pyfunction]
#[pyo3(signature = (
    pages, urls=None, *, workers=None, output_format="text", mode="balanced",
    with_metadata=true, captions=false, content_types=None, explain=false,
    reference_date=None, max_bytes=None, time_budget=None, errors="raise",
))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments
fn extract_many(
    py: Python<'_>,
    pages: &Bound<'_, PyAny>,
    urls: Option<&Bound<'_, PyAny>>,
    workers: Option<usize>,
    output_format: &str,
    mode: &str,
    with_metadata: bool,
    captions: bool,
    content_types: Option<&Bound<'_, PyAny>>,
    explain: bool,
    reference_date: Option<&Bound<'_, PyAny>>,
    max_bytes: Option<usize>,
    time_budget: Option<f64>,
    errors: &str,
) -> PyResult<Py<PyAny>> {
    let render = Render {
        format: Format::parse(output_format)?,
        with_metadata,
        captions,
    };
    let on_error = many::OnError::parse(errors)?;
    let settings = Settings::new(mode, explain, reference_date, max_bytes, time_budget)?;
    if workers == Some(0) {
        return Err(PyValueError::new_err("workers must be at least 1"));
    }
    many::extract_many(
        py,
        many::Request {
            pages,
            urls,
            content_types,
            workers,
            settings: &settings,
            render,
            on_error,
        },
    )
}

/// The facts about a page, without its body: a dict with every metadata key (`url`, `title`,
/// `authors`, `published`, `published_source`, `modified`, `modified_source`, `site_name`,
/// `language`, `description`, `canonical_url`, `section`, `tags`, `image`, `credits`,
/// `syndication_source`, `sources`), `None` / empty when unknown.
///
/// Arguments and errors as for `extract`. (The body is still extracted: credits and the
/// detected language come from it.)
#[pyfunction]
#[pyo3(signature = (
    html, url=None, *, content_type=None, reference_date=None, max_bytes=None, time_budget=None,
))]
fn extract_metadata(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    content_type: Option<String>,
    reference_date: Option<&Bound<'_, PyAny>>,
    max_bytes: Option<usize>,
    time_budget: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let render = Render {
        format: Format::Metadata,
        with_metadata: true,
        captions: false,
    };
    let settings = Settings::new("balanced", false, reference_date, max_bytes, time_budget)?;
    let page = Html::from_py(html)?;
    let options = settings.options(url, content_type, page.decoded);
    let bytes = page.bytes();
    let outcome = py.detach(|| extract_and_render(bytes, &options, render));
    render::to_python(py, outcome)
}

/// Extracts one page into an `Article` (typed attributes). Arguments and errors as for
/// `extract`.
#[pyfunction]
#[pyo3(signature = (
    html, url=None, *, mode="balanced", content_type=None, explain=false, reference_date=None,
    max_bytes=None, time_budget=None,
))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments
fn extract_article(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    mode: &str,
    content_type: Option<String>,
    explain: bool,
    reference_date: Option<&Bound<'_, PyAny>>,
    max_bytes: Option<usize>,
    time_budget: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let render = Render {
        format: Format::Article,
        with_metadata: true,
        captions: false,
    };
    let settings = Settings::new(mode, explain, reference_date, max_bytes, time_budget)?;
    let page = Html::from_py(html)?;
    let options = settings.options(url, content_type, page.decoded);
    let bytes = page.bytes();
    let outcome = py.detach(|| extract_and_render(bytes, &options, render));
    render::to_python(py, outcome)
}

/// The default limits, as a dict: `max_bytes`, `max_nodes`, `max_depth`, `time_budget`
/// (seconds).
#[pyfunction]
fn default_limits(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let l = newsdesk::Limits::default();
    let d = PyDict::new(py);
    d.set_item("max_bytes", l.max_bytes)?;
    d.set_item("max_nodes", l.max_nodes)?;
    d.set_item("max_depth", l.max_depth)?;
    d.set_item("time_budget", l.time_budget.as_secs_f64())?;
    Ok(d)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(extract_metadata, m)?)?;
    m.add_function(wrap_pyfunction!(extract_article, m)?)?;
    m.add_function(wrap_pyfunction!(default_limits, m)?)?;
    m.add_function(wrap_pyfunction!(records::read_records, m)?)?;
    m.add_class::<Article>()?;
    m.add_class::<records::Record>()?;
    m.add_class::<records::RecordReader>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
