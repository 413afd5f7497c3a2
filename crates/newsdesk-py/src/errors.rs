//! newsdesk's errors as Python exceptions. The classes live in `newsdesk/_errors.py`, where
//! each can also subclass the matching built-in (`ValueError`, `TimeoutError`,
//! `RuntimeError`), which `create_exception!` cannot express.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

/// Why a page gave no article.
#[derive(Debug)]
pub(crate) enum Failure {
    Extract(newsdesk::Error),
    /// Extraction panicked (a bug); the message of the panic.
    Panic(String),
}

impl Failure {
    /// The exception for this failure. `index`: the page's position in an `extract_many` call,
    /// set as the exception's `index` attribute and named in its message.
    pub fn to_pyerr(&self, py: Python<'_>, index: Option<usize>) -> PyErr {
        match self.to_exception(py, index) {
            Ok(e) => PyErr::from_value(e),
            Err(e) => e,
        }
    }

    pub fn to_exception<'py>(
        &self,
        py: Python<'py>,
        index: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let prefix = index.map(|i| format!("page {i}: ")).unwrap_or_default();
        let class = |name: &str| -> PyResult<Bound<'py, PyAny>> {
            static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
            ERRORS
                .get_or_try_init(py, || py.import("newsdesk._errors").map(Bound::unbind))?
                .bind(py)
                .getattr(name)
        };
        let e = match self {
            Failure::Extract(e) => {
                let msg = format!("{prefix}{e}");
                match e {
                    newsdesk::Error::Empty => class("EmptyInput")?.call1((msg,))?,
                    newsdesk::Error::TooLarge { size, limit } => {
                        class("InputTooLarge")?.call1((msg, *size, *limit))?
                    }
                    newsdesk::Error::NotHtml(kind) => class("NotHtml")?.call1((msg, *kind))?,
                    newsdesk::Error::Timeout(budget) => {
                        class("Timeout")?.call1((msg, budget.as_secs_f64()))?
                    }
                    _ => class("Error")?.call1((msg,))?,
                }
            }
            Failure::Panic(m) => class("InternalError")?.call1((format!(
                "{prefix}extraction panicked: {m} (a bug in newsdesk: please report it with the page)"
            ),))?,
        };
        if let Some(i) = index {
            e.setattr("index", i)?;
        }
        Ok(e)
    }
}
