//! `extract_many`: pages converted under the GIL, extracted and rendered on `workers` threads
//! without it, results put back in page order under the GIL.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use newsdesk::Options;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::errors::Failure;
use crate::input::{Html, Settings};
use crate::render::{Render, Rendered, extract_and_render, rendered_to_python};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OnError {
    Raise,
    Return,
    Ignore,
}

impl OnError {
    pub fn parse(s: &str) -> PyResult<OnError> {
        match s {
            "raise" => Ok(OnError::Raise),
            "return" => Ok(OnError::Return),
            "ignore" => Ok(OnError::Ignore),
            _ => Err(PyValueError::new_err(format!(
                "unknown errors {s:?} (expected raise, return or ignore)"
            ))),
        }
    }
}

pub(crate) struct Request<'a, 'py> {
    pub pages: &'a Bound<'py, PyAny>,
    pub urls: Option<&'a Bound<'py, PyAny>>,
    pub content_types: Option<&'a Bound<'py, PyAny>>,
    pub workers: Option<usize>,
    pub settings: &'a Settings,
    pub render: Render,
    pub on_error: OnError,
}

/// One optional string per page, from an iterable of `str | None` of the pages' length.
fn per_page(
    name: &str,
    values: Option<&Bound<'_, PyAny>>,
    n: usize,
) -> PyResult<Vec<Option<String>>> {
    let Some(values) = values else {
        return Ok(vec![None; n]);
    };
    let v: Vec<Option<String>> = values
        .try_iter()?
        .map(|x| x?.extract::<Option<String>>())
        .collect::<PyResult<_>>()?;
    if v.len() != n {
        return Err(PyValueError::new_err(format!(
            "{name} has {} entries for {n} pages",
            v.len()
        )));
    }
    Ok(v)
}

pub(crate) fn extract_many(py: Python<'_>, req: Request<'_, '_>) -> PyResult<Py<PyAny>> {
    let pages: Vec<Html<'_>> = req
        .pages
        .try_iter()?
        .map(|p| Html::from_py(&p?))
        .collect::<PyResult<_>>()?;
    let n = pages.len();
    let urls = per_page("urls", req.urls, n)?;
    let content_types = per_page("content_types", req.content_types, n)?;
    let jobs: Vec<(&[u8], Options)> = pages
        .iter()
        .zip(urls)
        .zip(content_types)
        .map(|((page, url), ct)| (page.bytes(), req.settings.options(url, ct, page.decoded)))
        .collect();
    let workers = req
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, n.max(1));
    let render = req.render;
    let outcomes = py.detach(|| run(&jobs, workers, render))?;

    let out = PyList::empty(py);
    let mut first_error = None;
    for (i, outcome) in outcomes.into_iter().enumerate() {
        match outcome {
            Ok(r) => out.append(rendered_to_python(py, r)?)?,
            Err(f) => match req.on_error {
                OnError::Raise => {
                    first_error.get_or_insert_with(|| f.to_pyerr(py, Some(i)));
                    out.append(py.None())?;
                }
                OnError::Return => out.append(f.to_exception(py, Some(i))?)?,
                OnError::Ignore => out.append(py.None())?,
            },
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(out.into_any().unbind()),
    }
}

type Outcome = Result<Rendered, Failure>;

/// Extracts every job on `workers` threads (taking the next page as each finishes, so slow
/// pages do not hold up a fixed share). The calling thread collects the results and checks
/// for Ctrl-C between them; on a signal the workers stop taking pages and the signal's
/// exception is returned.
fn run(jobs: &[(&[u8], Options)], workers: usize, render: Render) -> PyResult<Vec<Outcome>> {
    let n = jobs.len();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let mut slots: Vec<Option<Outcome>> = (0..n).map(|_| None).collect();
    let mut interrupted = None;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((bytes, options)) = jobs.get(i) else {
                        break;
                    };
                    let outcome = extract_and_render(bytes, options, render);
                    if tx.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok((i, outcome)) => slots[i] = Some(outcome),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if interrupted.is_none()
                        && let Err(e) = Python::attach(|py| py.check_signals())
                    {
                        stop.store(true, Ordering::Relaxed);
                        interrupted = Some(e);
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    });
    if let Some(e) = interrupted {
        return Err(e);
    }
    // Every page was sent unless a worker stopped early, which only a signal does.
    Ok(slots
        .into_iter()
        .map(|s| s.unwrap_or_else(|| Err(Failure::Panic("worker thread lost the page".into()))))
        .collect())
}
