//! The interface for scoring other extractors with these metrics (`bench/` uses it):
//! `list` hands out the pages (optionally decoded once, by newsdesk's decoder, so every
//! extractor reads the same text), `score` reads their predictions back.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::datasets::Dataset;
use crate::runner::{Failure, Prediction};
use crate::safe_file_name;
use crate::score::Provided;

/// One line of `newsdesk-eval list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListLine {
    pub id: String,
    pub path: PathBuf,
    pub url: Option<String>,
    /// With `--decoded DIR`: the UTF-8 file holding the decoded page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decoded: Option<PathBuf>,
    /// With `--decoded DIR`: the encoding newsdesk decoded the page from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// Top-level label of the host, as newsdesk's extractor passes it to the decoder.
fn tld(url: Option<&str>) -> Option<String> {
    let u = url::Url::parse(url?).ok()?;
    u.host_str()?.rsplit('.').next().map(str::to_owned)
}

/// Writes one JSONL line per page of `ds` to `out`, in the dataset's fixed order. With
/// `decoded`, also writes each page decoded to UTF-8 (no BOM, markup untouched, so an in-page
/// `<meta charset>` may still name the original encoding: read these files as UTF-8 text).
pub fn list(ds: &Dataset, decoded: Option<&Path>, mut out: impl Write) -> Result<()> {
    if let Some(dir) = decoded {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    for page in &ds.pages {
        let path = std::fs::canonicalize(&page.path).unwrap_or_else(|_| page.path.clone());
        let mut line = ListLine {
            id: page.id.clone(),
            path,
            url: page.url.clone(),
            decoded: None,
            encoding: None,
        };
        if let Some(dir) = decoded {
            let bytes = std::fs::read(&page.path)
                .with_context(|| format!("reading {}", page.path.display()))?;
            let tld = tld(page.url.as_deref());
            let d = newsdesk_dom::decode(&bytes, None, tld.as_deref().map(str::as_bytes));
            let file = dir.join(format!("{}.html", safe_file_name(&page.id)));
            std::fs::write(&file, d.text.as_bytes())
                .with_context(|| format!("writing {}", file.display()))?;
            line.decoded = Some(std::fs::canonicalize(&file).unwrap_or(file));
            line.encoding = Some(d.encoding.to_owned());
        }
        let json = serde_json::to_string(&line).context("serialising a list line")?;
        writeln!(out, "{json}").context("writing the list")?;
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Authors {
    One(String),
    Many(Vec<String>),
}

/// One line of a predictions file.
#[derive(Deserialize)]
struct PredictionLine {
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    title: Option<String>,
    /// A string (`"; "`-joined when several) or a list of names.
    #[serde(default)]
    author: Option<Authors>,
    /// `YYYY-MM-DD` (a full ISO 8601 date-time is accepted too).
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    site_name: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    ms: Option<f64>,
    /// The extractor failed on this page: counted as an error, scored as empty output.
    #[serde(default)]
    error: Option<String>,
}

/// Predictions read from a JSONL file, by page id.
pub struct Predictions {
    pub by_id: HashMap<String, Prediction>,
    /// The metadata fields that at least one line supplies.
    pub provided: Provided,
    pub notes: Vec<String>,
}

pub fn read_predictions(path: &Path) -> Result<Predictions> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut by_id = HashMap::new();
    let mut notes = Vec::new();
    let mut provided = Provided {
        title: false,
        author: false,
        date: false,
        site_name: false,
        language: false,
    };
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: PredictionLine = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a prediction line", path.display(), i + 1))?;
        provided.title |= l.title.is_some();
        provided.author |= l.author.is_some();
        provided.date |= l.date.is_some();
        provided.site_name |= l.site_name.is_some();
        provided.language |= l.language.is_some();
        if let Some(ms) = l.ms
            && !(ms.is_finite() && ms >= 0.0)
        {
            bail!(
                "{}:{}: ms must be a non-negative number",
                path.display(),
                i + 1
            );
        }
        let authors = match l.author {
            Some(Authors::One(s)) if !s.trim().is_empty() => vec![s],
            Some(Authors::Many(v)) => v.into_iter().filter(|s| !s.trim().is_empty()).collect(),
            _ => Vec::new(),
        };
        let pred = Prediction {
            text: l.text.unwrap_or_default(),
            title: l.title,
            authors,
            published: l.date,
            site_name: l.site_name,
            language: l.language,
            ms: l.ms,
            failure: l.error.map(Failure::Error),
        };
        if by_id.insert(l.id.clone(), pred).is_some() {
            notes.push(format!("{}: several lines, the last one kept", l.id));
        }
    }
    Ok(Predictions {
        by_id,
        provided,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tld_as_the_extractor_sees_it() {
        assert_eq!(tld(Some("https://www.Example.DE/a")), Some("de".into()));
        assert_eq!(tld(Some("not a url")), None);
        assert_eq!(tld(None), None);
    }

    #[test]
    fn reads_predictions() {
        let dir = std::env::temp_dir().join(format!("newsdesk-eval-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("p.jsonl");
        std::fs::write(
            &path,
            concat!(
                r#"{"id": "a", "text": "x y", "author": ["A", "B"], "ms": 1.5}"#,
                "\n\n",
                r#"{"id": "b", "text": "", "title": "T", "author": "C; D", "error": "boom"}"#,
                "\n"
            ),
        )
        .expect("write");
        let p = read_predictions(&path).expect("valid file");
        assert!(p.provided.title && p.provided.author && !p.provided.date);
        assert_eq!(p.by_id["a"].authors, ["A", "B"]);
        assert_eq!(p.by_id["a"].ms, Some(1.5));
        assert_eq!(p.by_id["b"].authors, ["C; D"]);
        assert_eq!(p.by_id["b"].failure, Some(Failure::Error("boom".into())));
        std::fs::write(&path, "{\"id\": 3}\n").expect("write");
        let err = read_predictions(&path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("p.jsonl:1"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
