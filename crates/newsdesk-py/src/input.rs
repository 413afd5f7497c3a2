//! Arguments from Python: the page itself and the extraction settings.

use std::time::Duration;

use newsdesk::{Limits, Mode, Options};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

/// A `str` is already decoded: its UTF-8 bytes go to extraction with this header, so no
/// `<meta charset>` in the markup can make newsdesk decode them as something else.
const DECODED: &str = "text/html; charset=utf-8";

/// The page's bytes as Python handed them over: a `bytes` object is borrowed, not copied.
pub(crate) struct Html<'py> {
    data: Data<'py>,
    /// Given as `str`.
    pub decoded: bool,
}

enum Data<'py> {
    Bytes(Bound<'py, PyBytes>),
    Owned(Vec<u8>),
}

impl<'py> Html<'py> {
    pub fn from_py(obj: &Bound<'py, PyAny>) -> PyResult<Html<'py>> {
        if let Ok(s) = obj.cast::<PyString>() {
            // Lone surrogates (from `surrogateescape` decoding) cannot be UTF-8: they become
            // U+FFFD instead of failing the page.
            let data = match s.encode_utf8() {
                Ok(b) => Data::Bytes(b),
                Err(_) => Data::Owned(s.to_string_lossy().into_owned().into_bytes()),
            };
            return Ok(Html {
                data,
                decoded: true,
            });
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Html {
                data: Data::Bytes(b.clone()),
                decoded: false,
            });
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Html {
                data: Data::Owned(b.to_vec()),
                decoded: false,
            });
        }
        Err(PyTypeError::new_err(format!(
            "html must be str or bytes, not {}",
            type_name(obj)
        )))
    }

    pub fn bytes(&self) -> &[u8] {
        match &self.data {
            Data::Bytes(b) => b.as_bytes(),
            Data::Owned(v) => v,
        }
    }
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// The keyword arguments shared by every extraction call, checked once per call.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub mode: Mode,
    pub explain: bool,
    pub reference_date: Option<String>,
    pub limits: Limits,
}

impl Settings {
    pub fn new(
        mode: &str,
        explain: bool,
        reference_date: Option<&Bound<'_, PyAny>>,
        max_bytes: Option<usize>,
        time_budget: Option<f64>,
    ) -> PyResult<Settings> {
        let mode = mode.parse::<Mode>().map_err(PyValueError::new_err)?;
        let mut limits = Limits::default();
        if let Some(n) = max_bytes {
            limits.max_bytes = n;
        }
        if let Some(secs) = time_budget {
            limits.time_budget = Duration::try_from_secs_f64(secs)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "time_budget must be a positive number of seconds, not {secs}"
                    ))
                })?;
        }
        let reference_date = reference_date.map(day).transpose()?;
        Ok(Settings {
            mode,
            explain,
            reference_date,
            limits,
        })
    }

    /// Options for one page. `decoded`: the page was given as `str`.
    pub fn options(
        &self,
        url: Option<String>,
        content_type: Option<String>,
        decoded: bool,
    ) -> Options {
        Options {
            url,
            content_type: if decoded {
                Some(DECODED.to_owned())
            } else {
                content_type
            },
            mode: self.mode,
            explain: self.explain,
            reference_date: self.reference_date.clone(),
            limits: self.limits,
        }
    }
}

/// `"YYYY-MM-DD"`, or a `datetime.date` / `datetime.datetime` (its day), checked: the
/// library would silently use today for a malformed date.
fn day(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let text: String = if let Ok(s) = value.cast::<PyString>() {
        s.to_string_lossy().into_owned()
    } else if value.hasattr("isoformat")? {
        value.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "reference_date must be a 'YYYY-MM-DD' string or a date, not {}",
            type_name(value)
        )));
    };
    let d = text.get(..10).unwrap_or("");
    if is_day(d) && (text.len() == 10 || value.cast::<PyString>().is_err()) {
        Ok(d.to_owned())
    } else {
        Err(PyValueError::new_err(format!(
            "reference_date must look like 'YYYY-MM-DD', not {text:?}"
        )))
    }
}

fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && num(0..4).is_some()
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
}

#[cfg(test)]
mod tests {
    use super::is_day;

    #[test]
    fn days() {
        assert!(is_day("2024-03-07"));
        assert!(!is_day("2024-13-07"));
        assert!(!is_day("2024-3-7"));
        assert!(!is_day("20240307"));
        assert!(!is_day("2024-03-0x"));
        assert!(!is_day("２０２４-03-07"));
    }
}
