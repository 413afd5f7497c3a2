//! Dataset loaders: the four annotated sets under `../shared/datasets/` turned into one list
//! of [`Page`]s each, in a fixed order (sorted by id) so every consumer sees the same pages.
//! Pages are read from the shared directory in place, never copied; the two archives are
//! unpacked on demand under `target/datasets/`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;

use crate::html_text::html_to_text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatasetName {
    Scrapinghub,
    Readability,
    Trafilatura,
    Htmldate,
}

impl DatasetName {
    pub const ALL: [DatasetName; 4] = [
        DatasetName::Scrapinghub,
        DatasetName::Readability,
        DatasetName::Trafilatura,
        DatasetName::Htmldate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DatasetName::Scrapinghub => "scrapinghub",
            DatasetName::Readability => "readability",
            DatasetName::Trafilatura => "trafilatura",
            DatasetName::Htmldate => "htmldate",
        }
    }
}

impl fmt::Display for DatasetName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DatasetName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        DatasetName::ALL
            .into_iter()
            .find(|d| d.as_str() == s.trim())
            .ok_or_else(|| {
                format!("unknown dataset {s:?} (expected scrapinghub, readability, trafilatura or htmldate)")
            })
    }
}

/// What a page is scored against.
#[derive(Clone, Debug, PartialEq)]
pub enum Truth {
    /// scrapinghub: the annotated `articleBody`.
    Body { text: String },
    /// readability: the text of `expected.html` and the non-empty expected metadata.
    Readability {
        text: String,
        title: Option<String>,
        byline: Option<String>,
        site_name: Option<String>,
        lang: Option<String>,
        published_time: Option<String>,
    },
    /// trafilatura: snippets that must / must not appear, and the non-empty metadata.
    Snippets {
        with: Vec<String>,
        without: Vec<String>,
        title: Option<String>,
        date: Option<String>,
        /// `"; "`-joined when several.
        author: Option<String>,
    },
    /// htmldate: the publication day, `None` where the set has `NaN`.
    Date { date: Option<String> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub id: String,
    /// The HTML file, read in place.
    pub path: PathBuf,
    /// Passed to the extractor as `Options.url`.
    pub url: Option<String>,
    pub truth: Truth,
}

#[derive(Clone, Debug)]
pub struct Dataset {
    pub name: DatasetName,
    pub pages: Vec<Page>,
    /// Skipped cases, duplicates and other oddities found while loading.
    pub notes: Vec<String>,
}

/// Where the datasets are.
#[derive(Clone, Debug)]
pub struct Locations {
    /// The shared, read-only datasets directory (`../shared/datasets`).
    pub datasets: PathBuf,
    /// Where the archives are unpacked (`target/datasets`).
    pub unpacked: PathBuf,
}

impl Locations {
    /// Directory holding an archive dataset: used in place when the datasets dir already holds
    /// it unpacked, else unpacked into `unpacked` by the datasets' own `unpack` script.
    fn archive_dir(&self, name: &str) -> Result<PathBuf> {
        let in_place = self.datasets.join(name);
        if in_place.is_dir() {
            return Ok(in_place);
        }
        let dir = self.unpacked.join(name);
        if dir.join(".complete").is_file() {
            return Ok(dir);
        }
        let script = self.datasets.join("unpack");
        eprintln!(
            "newsdesk-eval: unpacking {name} into {} ...",
            self.unpacked.display()
        );
        let status = Command::new(&script)
            .arg(&self.unpacked)
            .status()
            .with_context(|| format!("running {}", script.display()))?;
        if !status.success() || !dir.join(".complete").is_file() {
            bail!(
                "{} {} failed ({status})",
                script.display(),
                self.unpacked.display()
            );
        }
        Ok(dir)
    }
}

pub fn load(name: DatasetName, loc: &Locations) -> Result<Dataset> {
    let mut ds = match name {
        DatasetName::Scrapinghub => scrapinghub(&loc.datasets.join("scrapinghub")),
        DatasetName::Readability => readability(&loc.datasets.join("readability")),
        DatasetName::Trafilatura => trafilatura(&loc.archive_dir("trafilatura")?),
        DatasetName::Htmldate => htmldate(&loc.archive_dir("htmldate")?),
    }
    .with_context(|| format!("loading the {name} dataset"))?;
    ds.pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(ds)
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&relaxed_json(&text))
        .with_context(|| format!("parsing {}", path.display()))
}

/// The htmldate files were written by pandas and hold bare `NaN` for unknown dates, which is
/// not JSON. Outside strings, `NaN`, `Infinity` and `-Infinity` become `null`.
fn relaxed_json(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("NaN") && !text.contains("Infinity") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let (mut in_str, mut escaped) = (false, false);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
        } else if c == '"' {
            in_str = true;
        } else if let Some(tok) = ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|t| rest.starts_with(t))
        {
            out.push_str("null");
            rest = &rest[tok.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.into()
}

fn non_empty(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(a) => {
            let parts: Vec<&str> = a
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        _ => None,
    }
}

fn scrapinghub(dir: &Path) -> Result<Dataset> {
    #[derive(Deserialize)]
    struct Gt {
        #[serde(rename = "articleBody", default)]
        article_body: String,
        #[serde(default)]
        url: Option<String>,
    }
    let gt: BTreeMap<String, Gt> = read_json(&dir.join("ground-truth.json"))?;
    let mut ds = Dataset {
        name: DatasetName::Scrapinghub,
        pages: Vec::new(),
        notes: Vec::new(),
    };
    for (id, g) in gt {
        let path = dir.join("html").join(format!("{id}.html"));
        if !path.is_file() {
            ds.notes
                .push(format!("{id}: {} missing, skipped", path.display()));
            continue;
        }
        ds.pages.push(Page {
            id,
            path,
            url: g.url.filter(|u| !u.is_empty()),
            truth: Truth::Body {
                text: g.article_body,
            },
        });
    }
    Ok(ds)
}

fn readability(dir: &Path) -> Result<Dataset> {
    let mut ds = Dataset {
        name: DatasetName::Readability,
        pages: Vec::new(),
        notes: Vec::new(),
    };
    let entries = std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?;
    let mut cases: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for case in cases {
        let id = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = case.join("source.html");
        let expected = case.join("expected.html");
        let missing: Vec<&str> = [("source.html", &source), ("expected.html", &expected)]
            .into_iter()
            .filter(|(_, p)| !p.is_file())
            .map(|(n, _)| n)
            .collect();
        if !missing.is_empty() {
            ds.notes
                .push(format!("{id}: no {}, skipped", missing.join(" or ")));
            continue;
        }
        let html =
            std::fs::read(&expected).with_context(|| format!("reading {}", expected.display()))?;
        let meta_path = case.join("expected-metadata.json");
        let meta: BTreeMap<String, Value> = if meta_path.is_file() {
            read_json(&meta_path)?
        } else {
            ds.notes.push(format!(
                "{id}: no expected-metadata.json, metadata not scored"
            ));
            BTreeMap::new()
        };
        ds.pages.push(Page {
            id,
            path: source,
            url: None,
            truth: Truth::Readability {
                text: html_to_text(&html),
                title: non_empty(meta.get("title")),
                byline: non_empty(meta.get("byline")),
                site_name: non_empty(meta.get("siteName")),
                lang: non_empty(meta.get("lang")),
                published_time: non_empty(meta.get("publishedTime")),
            },
        });
    }
    Ok(ds)
}

fn trafilatura(dir: &Path) -> Result<Dataset> {
    #[derive(Deserialize)]
    struct Item {
        file: String,
        #[serde(default)]
        with: Vec<String>,
        #[serde(default)]
        without: Vec<String>,
        #[serde(default)]
        title: Option<Value>,
        #[serde(default)]
        date: Option<Value>,
        #[serde(default)]
        author: Option<Value>,
    }
    let items: BTreeMap<String, Item> = read_json(&dir.join("evaldata.json"))?;
    let mut ds = Dataset {
        name: DatasetName::Trafilatura,
        pages: Vec::new(),
        notes: Vec::new(),
    };
    for (url, it) in items {
        let Some(path) = find_file(dir, &["cache", "eval"], &it.file) else {
            ds.notes
                .push(format!("{url}: {} not found, skipped", it.file));
            continue;
        };
        ds.pages.push(Page {
            id: url.clone(),
            path,
            url: web_url(&url),
            truth: Truth::Snippets {
                with: it.with,
                without: it.without,
                title: non_empty(it.title.as_ref()),
                date: non_empty(it.date.as_ref()),
                author: non_empty(it.author.as_ref()),
            },
        });
    }
    Ok(ds)
}

fn htmldate(dir: &Path) -> Result<Dataset> {
    #[derive(Deserialize)]
    struct Item {
        file: String,
        #[serde(default)]
        date: Option<Value>,
    }
    let mut ds = Dataset {
        name: DatasetName::Htmldate,
        pages: Vec::new(),
        notes: Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    let mut undated = 0;
    for file in ["eval_default.json", "eval_mediacloud_2020.json"] {
        let items: BTreeMap<String, Item> = read_json(&dir.join(file))?;
        for (url, it) in items {
            if !seen.insert(url.clone()) {
                ds.notes
                    .push(format!("{url}: listed again in {file}, first entry kept"));
                continue;
            }
            let Some(path) = find_file(dir, &["test_set", "cache", "eval"], &it.file) else {
                ds.notes
                    .push(format!("{url}: {} not found, skipped", it.file));
                continue;
            };
            let date = non_empty(it.date.as_ref());
            undated += usize::from(date.is_none());
            ds.pages.push(Page {
                id: url.clone(),
                path,
                url: web_url(&url),
                truth: Truth::Date { date },
            });
        }
    }
    if undated > 0 {
        ds.notes.push(format!(
            "{undated} pages have no reference date (NaN): TN without output, FP with one"
        ));
    }
    Ok(ds)
}

/// The id as `Options.url` when it is an http(s) URL: 37 trafilatura keys are labels such
/// as `hard::nowgrenada.com-pm.html` or `xhttps://...`, which must not pose as the page URL.
fn web_url(key: &str) -> Option<String> {
    let u = url::Url::parse(key).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| key.to_owned())
}

fn find_file(dir: &Path, subdirs: &[&str], file: &str) -> Option<PathBuf> {
    // A file name with a path separator or `..` would escape the dataset: not a page.
    if file.is_empty() || file.contains(['/', '\\']) || file == ".." {
        return None;
    }
    subdirs
        .iter()
        .map(|s| dir.join(s).join(file))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_outside_strings_becomes_null() {
        let t =
            r#"{"a": {"date": NaN}, "NaN": "x NaN", "b": [Infinity, -Infinity], "c": "q\"NaN"}"#;
        let v: Value = serde_json::from_str(&relaxed_json(t)).expect("valid after relaxing");
        assert_eq!(v["a"]["date"], Value::Null);
        assert_eq!(v["NaN"], "x NaN");
        assert_eq!(v["b"], serde_json::json!([null, null]));
        assert_eq!(v["c"], "q\"NaN");
    }

    #[test]
    fn only_web_urls_are_urls() {
        assert_eq!(
            web_url("https://a.de/x?y=1"),
            Some("https://a.de/x?y=1".into())
        );
        assert_eq!(web_url("hard::nowgrenada.com-pm.html"), None);
        assert_eq!(web_url("xhttps://www.zoo-berlin.de/"), None);
    }

    #[test]
    fn names() {
        assert_eq!("htmldate".parse::<DatasetName>(), Ok(DatasetName::Htmldate));
        assert!("foo".parse::<DatasetName>().is_err());
        assert_eq!(
            non_empty(Some(&serde_json::json!(["A", "", "B"]))),
            Some("A; B".into())
        );
        assert_eq!(non_empty(Some(&serde_json::json!(" "))), None);
        assert_eq!(non_empty(Some(&Value::Null)), None);
    }
}
