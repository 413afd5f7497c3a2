//! Scores predictions against a dataset: per page, then per dataset. The same code scores
//! newsdesk's own run and a peer's predictions file, so the two are comparable by construction.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::datasets::{Dataset, DatasetName, Page, Truth};
use crate::metrics::{
    self, Confusion, MeanPrf, ShingleMatch, Timing, date_outcome, day_prefix, fold_ws, name_set,
    normalise_day, normalise_text,
};
use crate::runner::{Failure, Prediction};

/// One metadata field of one page (only fields whose expected value is non-empty).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldScore {
    pub expected: String,
    pub got: Option<String>,
    pub exact: bool,
    pub norm: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateScore {
    pub expected: Option<String>,
    pub got: Option<String>,
    /// `tp`, `fp`, `fn` or `tn`.
    pub outcome: &'static str,
}

/// One page's scores, as written to the JSON report for finding the worst pages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageScore {
    pub id: String,
    /// Page precision; `null` where the page is out of the precision mean (empty output).
    pub p: Option<f64>,
    /// Page recall; `null` where the page is out of the recall mean.
    pub r: Option<f64>,
    pub f1: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub panic: Option<String>,
    /// Scaled shingle counts (scrapinghub, readability).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shingles: Option<ShingleMatch>,
    /// Snippet counts (trafilatura).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippets: Option<Confusion>,
    /// `with` snippets not found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missed: Vec<String>,
    /// `without` snippets found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub found_bad: Vec<String>,
    /// htmldate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateScore>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub meta: BTreeMap<&'static str, FieldScore>,
    #[serde(skip)]
    date_counts: Confusion,
}

/// Which metadata a predictions file supplies at all; fields it never supplies are reported
/// as "not provided" instead of as 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Provided {
    pub title: bool,
    pub author: bool,
    pub date: bool,
    pub site_name: bool,
    pub language: bool,
}

impl Provided {
    pub const ALL: Provided = Provided {
        title: true,
        author: true,
        date: true,
        site_name: true,
        language: true,
    };
}

fn text_field(expected: &str, got: Option<&str>) -> FieldScore {
    let got = got.map(str::to_owned).filter(|g| !g.trim().is_empty());
    let exact = got
        .as_deref()
        .is_some_and(|g| fold_ws(g) == fold_ws(expected));
    let norm = got.as_deref().is_some_and(|g| {
        let n = normalise_text(g);
        !n.is_empty() && n == normalise_text(expected)
    });
    FieldScore {
        expected: expected.to_owned(),
        got,
        exact,
        norm,
    }
}

/// Exact: the authors joined with `sep` against the expected string; norm: as name sets.
fn names_field(expected: &str, authors: &[String], sep: &str) -> FieldScore {
    let got = (!authors.is_empty()).then(|| authors.join(sep));
    let exact = got
        .as_deref()
        .is_some_and(|g| fold_ws(g) == fold_ws(expected));
    let set = name_set(authors);
    let norm = !set.is_empty() && set == name_set(&[expected]);
    FieldScore {
        expected: expected.to_owned(),
        got,
        exact,
        norm,
    }
}

/// Exact: the expected `YYYY-MM-DD` against the day prefix of `published`; norm: both
/// zero-padded days.
fn day_field(expected: &str, published: Option<&str>) -> FieldScore {
    let exact = published.and_then(day_prefix) == Some(fold_ws(expected).as_str());
    let day = normalise_day(expected);
    let norm = day.is_some() && published.and_then(normalise_day) == day;
    FieldScore {
        expected: expected.to_owned(),
        got: published.map(str::to_owned),
        exact,
        norm,
    }
}

/// Exact: the folded strings; norm: the same day.
fn datetime_field(expected: &str, published: Option<&str>) -> FieldScore {
    let mut f = text_field(expected, published);
    let day = normalise_day(expected);
    f.norm = day.is_some() && published.and_then(normalise_day) == day;
    f
}

pub fn score_page(page: &Page, pred: &Prediction, provided: &Provided) -> PageScore {
    let (error, panic) = match &pred.failure {
        Some(Failure::Error(e)) => (Some(e.clone()), None),
        Some(Failure::Panic(p)) => (None, Some(p.clone())),
        None => (None, None),
    };
    let mut s = PageScore {
        id: page.id.clone(),
        p: None,
        r: None,
        f1: 0.0,
        ms: pred.ms,
        error,
        panic,
        shingles: None,
        snippets: None,
        missed: Vec::new(),
        found_bad: Vec::new(),
        date: None,
        meta: BTreeMap::new(),
        date_counts: Confusion::default(),
    };
    let published = pred.published.as_deref();
    let mut meta = |name: &'static str,
                    on: bool,
                    expected: &Option<String>,
                    f: &dyn Fn(&str) -> FieldScore| {
        if on && let Some(e) = expected {
            s.meta.insert(name, f(e));
        }
    };
    match &page.truth {
        Truth::Snippets {
            title,
            date,
            author,
            ..
        } => {
            meta("title", provided.title, title, &|e| {
                text_field(e, pred.title.as_deref())
            });
            meta("date", provided.date, date, &|e| day_field(e, published));
            meta("author", provided.author, author, &|e| {
                names_field(e, &pred.authors, "; ")
            });
        }
        Truth::Readability {
            title,
            byline,
            site_name,
            lang,
            published_time,
            ..
        } => {
            meta("title", provided.title, title, &|e| {
                text_field(e, pred.title.as_deref())
            });
            meta("byline", provided.author, byline, &|e| {
                names_field(e, &pred.authors, ", ")
            });
            meta("siteName", provided.site_name, site_name, &|e| {
                text_field(e, pred.site_name.as_deref())
            });
            meta("lang", provided.language, lang, &|e| {
                text_field(e, pred.language.as_deref())
            });
            meta("publishedTime", provided.date, published_time, &|e| {
                datetime_field(e, published)
            });
        }
        Truth::Body { .. } | Truth::Date { .. } => {}
    }
    match &page.truth {
        Truth::Body { text } | Truth::Readability { text, .. } => {
            let m = metrics::shingle_match(text, &pred.text);
            (s.p, s.r, s.f1) = (m.precision(), m.recall(), m.f1());
            s.shingles = Some(m);
        }
        Truth::Snippets { with, without, .. } => {
            let m = metrics::snippet_match(&pred.text, with, without);
            let c = m.counts;
            s.p = (c.tp + c.fp > 0).then(|| c.precision());
            s.r = (c.tp + c.fn_ > 0).then(|| c.recall());
            s.f1 = if c.tp + c.fp + c.fn_ == 0 {
                1.0
            } else {
                c.f1()
            };
            s.snippets = Some(c);
            s.missed = m.missed;
            s.found_bad = m.found_bad;
        }
        Truth::Date { date } => {
            let c = date_outcome(date.as_deref(), published);
            let outcome = match (c.tp, c.fp, c.fn_) {
                (1, _, _) => "tp",
                (_, 1, _) => "fp",
                (_, _, 1) => "fn",
                _ => "tn",
            };
            s.p = (c.tp + c.fp > 0).then(|| c.precision());
            s.r = (c.tp + c.fn_ > 0).then(|| c.recall());
            s.f1 = if c.tp + c.fp + c.fn_ == 0 {
                1.0
            } else {
                c.f1()
            };
            s.date = Some(DateScore {
                expected: date.clone(),
                got: pred.published.clone(),
                outcome,
            });
            s.date_counts = c;
        }
    }
    s
}

/// Accuracy of one metadata field over the pages where it is annotated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldSummary {
    pub field: &'static str,
    /// Pages with a non-empty expected value.
    pub n: usize,
    pub exact: f64,
    pub norm: f64,
    /// What `norm` compares for this field.
    pub norm_is: &'static str,
    /// False when a predictions file never supplies the field (then not scored).
    pub provided: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub dataset: &'static str,
    /// What P, R and F1 measure.
    pub metric: &'static str,
    pub pages: usize,
    pub errors: usize,
    pub panics: usize,
    /// Score mode: pages without a prediction line (scored as empty output).
    pub missing: usize,
    /// Run mode: pages whose text changed between passes.
    pub nondeterministic: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Shingle metric: pages in the precision and recall means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision_pages: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recall_pages: Option<usize>,
    /// Snippet and date metrics: the summed counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<Confusion>,
    pub metadata: Vec<FieldSummary>,
    pub timing: Option<Timing>,
    /// The lowest page F1s, worst first: where to look next.
    pub worst: Vec<(String, f64)>,
    pub notes: Vec<String>,
}

impl Summary {
    /// Flat metric names, as used by the floors file (`<dataset>.<metric>`): `p`, `r`, `f1`,
    /// and `<field>.exact` / `<field>.norm` for each provided metadata field.
    pub fn metrics(&self) -> BTreeMap<String, f64> {
        let mut m = BTreeMap::new();
        m.insert("p".to_owned(), self.precision);
        m.insert("r".to_owned(), self.recall);
        m.insert("f1".to_owned(), self.f1);
        for f in self.metadata.iter().filter(|f| f.provided) {
            m.insert(format!("{}.exact", f.field), f.exact);
            m.insert(format!("{}.norm", f.field), f.norm);
        }
        m
    }
}

/// The metadata fields of a dataset: (name, provided, what norm compares).
fn fields(name: DatasetName, p: &Provided) -> Vec<(&'static str, bool, &'static str)> {
    match name {
        DatasetName::Readability => vec![
            ("title", p.title, "case/punct"),
            ("byline", p.author, "name set"),
            ("siteName", p.site_name, "case/punct"),
            ("lang", p.language, "case/punct"),
            ("publishedTime", p.date, "same day"),
        ],
        DatasetName::Trafilatura => vec![
            ("title", p.title, "case/punct"),
            ("date", p.date, "padded day"),
            ("author", p.author, "name set"),
        ],
        DatasetName::Scrapinghub | DatasetName::Htmldate => Vec::new(),
    }
}

/// How many of the worst pages a summary names.
const WORST: usize = 5;

pub fn summarise(
    ds: &Dataset,
    scores: &[PageScore],
    provided: &Provided,
    timing: Option<Timing>,
) -> Summary {
    let errors = scores.iter().filter(|s| s.error.is_some()).count();
    let panics = scores.iter().filter(|s| s.panic.is_some()).count();
    let mut sum = Summary {
        dataset: ds.name.as_str(),
        metric: "",
        pages: scores.len(),
        errors,
        panics,
        missing: 0,
        nondeterministic: 0,
        precision: 0.0,
        recall: 0.0,
        f1: 0.0,
        precision_pages: None,
        recall_pages: None,
        counts: None,
        metadata: Vec::new(),
        timing,
        worst: Vec::new(),
        notes: ds.notes.clone(),
    };
    let mut by_f1: Vec<(&str, f64)> = scores.iter().map(|s| (s.id.as_str(), s.f1)).collect();
    by_f1.sort_by(|a, b| a.1.total_cmp(&b.1));
    sum.worst = by_f1
        .into_iter()
        .take(WORST)
        .filter(|w| w.1 < 1.0)
        .map(|(id, f1)| (id.to_owned(), f1))
        .collect();
    match ds.name {
        DatasetName::Scrapinghub | DatasetName::Readability => {
            let m: Vec<ShingleMatch> = scores.iter().filter_map(|s| s.shingles).collect();
            let MeanPrf {
                precision,
                recall,
                f1,
                precision_pages,
                recall_pages,
            } = metrics::mean_prf(&m);
            sum.metric = "body: shingle P/R means, F1 of means";
            (sum.precision, sum.recall, sum.f1) = (precision, recall, f1);
            sum.precision_pages = Some(precision_pages);
            sum.recall_pages = Some(recall_pages);
        }
        DatasetName::Trafilatura | DatasetName::Htmldate => {
            let mut c = Confusion::default();
            for s in scores {
                c.add(s.snippets.as_ref().unwrap_or(&s.date_counts));
            }
            sum.metric = if ds.name == DatasetName::Trafilatura {
                "body: snippets summed over the corpus"
            } else {
                "date: exact day"
            };
            (sum.precision, sum.recall, sum.f1) = (c.precision(), c.recall(), c.f1());
            sum.counts = Some(c);
        }
    }
    for (field, on, norm_is) in fields(ds.name, provided) {
        let annotated: Vec<&FieldScore> = scores.iter().filter_map(|s| s.meta.get(field)).collect();
        let n = if on {
            annotated.len()
        } else {
            count_annotated(ds, field)
        };
        let share = |hit: usize| if n == 0 { 0.0 } else { hit as f64 / n as f64 };
        sum.metadata.push(FieldSummary {
            field,
            n,
            exact: share(annotated.iter().filter(|f| f.exact).count()),
            norm: share(annotated.iter().filter(|f| f.norm).count()),
            norm_is,
            provided: on,
        });
    }
    sum
}

/// Pages annotated with `field`, for fields a predictions file does not supply.
fn count_annotated(ds: &Dataset, field: &str) -> usize {
    ds.pages
        .iter()
        .filter(|p| match (&p.truth, field) {
            (Truth::Readability { title, .. }, "title") => title.is_some(),
            (Truth::Readability { byline, .. }, "byline") => byline.is_some(),
            (Truth::Readability { site_name, .. }, "siteName") => site_name.is_some(),
            (Truth::Readability { lang, .. }, "lang") => lang.is_some(),
            (Truth::Readability { published_time, .. }, "publishedTime") => {
                published_time.is_some()
            }
            (Truth::Snippets { title, .. }, "title") => title.is_some(),
            (Truth::Snippets { date, .. }, "date") => date.is_some(),
            (Truth::Snippets { author, .. }, "author") => author.is_some(),
            _ => false,
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn page(truth: Truth) -> Page {
        Page {
            id: "x".into(),
            path: PathBuf::new(),
            url: None,
            truth,
        }
    }

    #[test]
    fn trafilatura_metadata_exact_and_normalised() {
        let p = page(Truth::Snippets {
            with: vec!["alpha beta".into()],
            without: vec!["menu".into()],
            title: Some("Das  Ministerium".into()),
            date: Some("2022-11-1".into()),
            author: Some("Volkmar Kabisch; Jan Lukas Strozyk".into()),
        });
        let pred = Prediction {
            text: "alpha\nbeta".into(),
            title: Some("das Ministerium!".into()),
            authors: vec!["Volkmar Kabisch".into(), "Jan Lukas Strozyk".into()],
            published: Some("2022-11-01T08:00:00+01:00".into()),
            ..Prediction::default()
        };
        let s = score_page(&p, &pred, &Provided::ALL);
        assert_eq!((s.p, s.r, s.f1), (Some(1.0), Some(1.0), 1.0));
        let m = |f: &str| s.meta.get(f).map(|f| (f.exact, f.norm));
        assert_eq!(m("title"), Some((false, true)));
        assert_eq!(m("date"), Some((false, true)));
        assert_eq!(m("author"), Some((true, true)));
    }

    #[test]
    fn readability_byline_joined_and_as_set() {
        let p = page(Truth::Readability {
            text: "one two three four".into(),
            title: None,
            byline: Some("Alexandre Hervaud, Jérémy Piette".into()),
            site_name: None,
            lang: Some("en-US".into()),
            published_time: Some("2017-11-24T18:42:20.314667".into()),
        });
        let pred = Prediction {
            authors: vec!["Jérémy Piette".into(), "Alexandre Hervaud".into()],
            language: Some("en-us".into()),
            published: Some("2017-11-24".into()),
            ..Prediction::default()
        };
        let s = score_page(&p, &pred, &Provided::ALL);
        let m = |f: &str| s.meta.get(f).map(|f| (f.exact, f.norm));
        assert_eq!(m("byline"), Some((false, true)));
        assert_eq!(m("lang"), Some((false, true)));
        assert_eq!(m("publishedTime"), Some((false, true)));
        assert_eq!(m("title"), None);
        // Empty prediction: out of the precision mean, recall 0.
        assert_eq!((s.p, s.r, s.f1), (None, Some(0.0), 0.0));
    }

    #[test]
    fn failures_count_and_score_as_empty() {
        let p = page(Truth::Date {
            date: Some("2020-01-02".into()),
        });
        let pred = Prediction {
            failure: Some(Failure::Panic("boom".into())),
            ..Prediction::default()
        };
        let s = score_page(&p, &pred, &Provided::ALL);
        assert_eq!(s.panic.as_deref(), Some("boom"));
        assert_eq!(s.date.as_ref().map(|d| d.outcome), Some("fn"));
        let ds = Dataset {
            name: DatasetName::Htmldate,
            pages: vec![p],
            notes: vec![],
        };
        let sum = summarise(&ds, &[s], &Provided::ALL, None);
        assert_eq!((sum.panics, sum.f1), (1, 0.0));
        assert_eq!(sum.counts.map(|c| c.fn_), Some(1));
    }
}
