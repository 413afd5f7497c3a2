//! What a run leaves behind: the stdout table, the JSON report, the text dump, and the
//! floors check of the quality gate.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use serde_json::Value;

use crate::datasets::{Dataset, Truth};
use crate::runner::Prediction;
use crate::safe_file_name;
use crate::score::{PageScore, Summary};

/// One dataset's part of the JSON report.
#[derive(Clone, Debug, Serialize)]
pub struct DatasetReport {
    pub summary: Summary,
    /// `summary` flattened to the names the floors file uses (without the dataset prefix).
    pub metrics: BTreeMap<String, f64>,
    pub pages: Vec<PageScore>,
}

impl DatasetReport {
    pub fn new(summary: Summary, pages: Vec<PageScore>) -> DatasetReport {
        DatasetReport {
            metrics: summary.metrics(),
            summary,
            pages,
        }
    }
}

/// The JSON report (`target/eval/results.json` by default).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub tool: &'static str,
    pub version: &'static str,
    /// `newsdesk` for a run, or the predictions file that was scored.
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passes: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warmup: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    pub datasets_dir: String,
    pub datasets: Vec<DatasetReport>,
}

pub fn write_json(path: &Path, report: &Report) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let json = serde_json::to_string_pretty(report).context("serialising the report")?;
    std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))
}

fn f3(v: f64) -> String {
    format!("{v:.3}")
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The human-readable table of one dataset.
pub fn table(s: &Summary) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "== {} — {}", s.dataset, s.metric);
    let _ = writeln!(
        o,
        "{:>6} {:>6} {:>6} {:>7} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9}  slowest page",
        "pages", "errors", "panics", "P", "R", "F1", "pages/s", "median ms", "p99 ms", "max ms"
    );
    let (pps, med, p99, max, slow) = match &s.timing {
        Some(t) => (
            format!("{:.1}", t.pages_per_s),
            format!("{:.2}", t.median_ms),
            format!("{:.2}", t.p99_ms),
            format!("{:.2}", t.max_ms),
            shorten(&t.max_id, 70),
        ),
        None => ("-".into(), "-".into(), "-".into(), "-".into(), "-".into()),
    };
    let _ = writeln!(
        o,
        "{:>6} {:>6} {:>6} {:>7} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9}  {}",
        s.pages,
        s.errors,
        s.panics,
        f3(s.precision),
        f3(s.recall),
        f3(s.f1),
        pps,
        med,
        p99,
        max,
        slow
    );
    if let (Some(pp), Some(rp)) = (s.precision_pages, s.recall_pages) {
        let _ = writeln!(
            o,
            "  P is the mean over {pp} pages with output, R over {rp} pages with a reference text"
        );
    }
    if let Some(c) = &s.counts {
        let _ = writeln!(o, "  TP {}  FP {}  FN {}  TN {}", c.tp, c.fp, c.fn_, c.tn);
    }
    if s.missing > 0 {
        let _ = writeln!(
            o,
            "  {} pages had no prediction (scored as empty output)",
            s.missing
        );
    }
    if s.nondeterministic > 0 {
        let _ = writeln!(
            o,
            "  {} pages gave different text on different passes",
            s.nondeterministic
        );
    }
    if !s.metadata.is_empty() {
        let _ = writeln!(
            o,
            "  {:<14} {:>5} {:>7} {:>7}  norm compares",
            "metadata", "n", "exact", "norm"
        );
        for f in &s.metadata {
            if f.provided && f.n > 0 {
                let _ = writeln!(
                    o,
                    "  {:<14} {:>5} {:>7} {:>7}  {}",
                    f.field,
                    f.n,
                    f3(f.exact),
                    f3(f.norm),
                    f.norm_is
                );
            } else {
                let why = if f.provided {
                    "not annotated"
                } else {
                    "not provided"
                };
                let _ = writeln!(
                    o,
                    "  {:<14} {:>5} {:>7} {:>7}  {why}",
                    f.field, f.n, "-", "-"
                );
            }
        }
    }
    if !s.worst.is_empty() {
        let list: Vec<String> = s
            .worst
            .iter()
            .map(|(id, f1)| format!("{} ({f1:.2})", shorten(id, 50)))
            .collect();
        let _ = writeln!(o, "  worst pages: {}", list.join(", "));
    }
    const SHOWN: usize = 3;
    for n in s.notes.iter().take(SHOWN) {
        let _ = writeln!(o, "  note: {}", shorten(n, 160));
    }
    if s.notes.len() > SHOWN {
        let _ = writeln!(
            o,
            "  ... {} more notes in the JSON report",
            s.notes.len() - SHOWN
        );
    }
    o
}

/// Writes each page's predicted text to `dir/<dataset>/<name>.txt` (and the reference text to
/// `<name>.expected.txt` where the truth is a text), with an `index.tsv` of id, file and F1,
/// worst first, for diffing by hand.
pub fn dump(dir: &Path, ds: &Dataset, preds: &[Prediction], scores: &[PageScore]) -> Result<()> {
    let dir = dir.join(ds.name.as_str());
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut rows = Vec::with_capacity(ds.pages.len());
    for ((page, pred), score) in ds.pages.iter().zip(preds).zip(scores) {
        let name = safe_file_name(&page.id);
        let out = dir.join(format!("{name}.txt"));
        std::fs::write(&out, &pred.text).with_context(|| format!("writing {}", out.display()))?;
        if let Truth::Body { text } | Truth::Readability { text, .. } = &page.truth {
            let exp = dir.join(format!("{name}.expected.txt"));
            std::fs::write(&exp, text).with_context(|| format!("writing {}", exp.display()))?;
        }
        rows.push((score.f1, page.id.as_str(), name));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut index = String::from("f1\tfile\tid\n");
    for (f1, id, name) in rows {
        let _ = writeln!(index, "{f1:.3}\t{name}.txt\t{id}");
    }
    let path = dir.join("index.tsv");
    std::fs::write(&path, index).with_context(|| format!("writing {}", path.display()))
}

/// Reads a floors file: `{"<dataset>.<metric>": minimum, ...}`; keys starting with `_` are
/// comments.
pub fn read_floors(path: &Path) -> Result<BTreeMap<String, f64>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let v: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let Value::Object(map) = v else {
        bail!("{}: expected a JSON object of floors", path.display());
    };
    let mut floors = BTreeMap::new();
    for (k, v) in map {
        if k.starts_with('_') {
            continue;
        }
        let Some(f) = v.as_f64() else {
            bail!("{}: floor {k:?} is not a number", path.display());
        };
        if !k.contains('.') {
            bail!(
                "{}: floor {k:?} is not of the form <dataset>.<metric>",
                path.display()
            );
        }
        floors.insert(k, f);
    }
    Ok(floors)
}

/// Datasets named by the floors.
pub fn floor_datasets(floors: &BTreeMap<String, f64>) -> Vec<String> {
    let mut v: Vec<String> = floors
        .keys()
        .filter_map(|k| k.split_once('.').map(|(d, _)| d.to_owned()))
        .collect();
    v.dedup();
    v
}

/// Compares the run's metrics with the floors. Returns one line per failure: a metric below
/// its floor, or a floor naming a metric that does not exist. Floors of datasets that were not
/// run are listed as skipped on stderr.
pub fn check_floors(floors: &BTreeMap<String, f64>, results: &[DatasetReport]) -> Vec<String> {
    let mut failures = Vec::new();
    for (key, &floor) in floors {
        let Some((dataset, metric)) = key.split_once('.') else {
            continue;
        };
        let Some(r) = results.iter().find(|r| r.summary.dataset == dataset) else {
            eprintln!("newsdesk-eval: floor {key} skipped: {dataset} was not run");
            continue;
        };
        match r.metrics.get(metric) {
            None => failures.push(format!(
                "{key}: no such metric (known: {})",
                r.metrics.keys().cloned().collect::<Vec<_>>().join(", ")
            )),
            Some(&v) if v < floor => {
                failures.push(format!("{key} = {v:.4} is below its floor {floor:.4}"))
            }
            Some(_) => {}
        }
    }
    failures
}

/// The evaluation page: one table per dataset, metadata tables, and how it was made.
pub fn write_markdown(path: &Path, report: &Report, command: &str) -> Result<()> {
    let mut md = String::new();
    let _ = writeln!(md, "# Evaluation\n");
    let _ = writeln!(
        md,
        "newsdesk {} on the public annotated sets (`../shared/datasets/`, metrics defined in \
         its README and implemented once in `crates/newsdesk-eval/src/metrics.rs`). Single \
         thread; time per page is decode + parse + extract + text render, file reading \
         excluded{}.\n",
        report.version,
        match (report.passes, report.warmup) {
            (Some(p), Some(true)) => format!("; median of {p} passes after a warm-up pass"),
            (Some(p), _) if p > 1 => format!("; median of {p} passes"),
            _ => String::new(),
        }
    );
    let _ = writeln!(md, "- Command: `{command}`");
    let _ = writeln!(md, "- Mode: {}", report.mode.unwrap_or("balanced"));
    let _ = writeln!(md, "- Date: {}", today());
    let _ = writeln!(md, "- Machine: {}\n", machine());
    let _ = writeln!(md, "## Article body\n");
    let _ = writeln!(
        md,
        "| dataset | pages | metric | P | R | F1 | pages/s | median ms | p99 ms | max ms | errors | panics |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
    for d in &report.datasets {
        let s = &d.summary;
        let (pps, med, p99, max) =
            s.timing
                .as_ref()
                .map_or(("-".into(), "-".into(), "-".into(), "-".into()), |t| {
                    (
                        format!("{:.0}", t.pages_per_s),
                        format!("{:.2}", t.median_ms),
                        format!("{:.1}", t.p99_ms),
                        format!("{:.1}", t.max_ms),
                    )
                });
        let _ = writeln!(
            md,
            "| {} | {} | {} | {:.3} | {:.3} | **{:.3}** | {pps} | {med} | {p99} | {max} | {} | {} |",
            s.dataset, s.pages, s.metric, s.precision, s.recall, s.f1, s.errors, s.panics
        );
    }
    let with_meta: Vec<_> = report
        .datasets
        .iter()
        .filter(|d| d.summary.metadata.iter().any(|f| f.provided))
        .collect();
    if !with_meta.is_empty() {
        let _ = writeln!(md, "\n## Metadata\n");
        let _ = writeln!(
            md,
            "Share of pages with a reference value where newsdesk's value matches: exactly \
             (after whitespace folding) and normalised (see the last column).\n"
        );
        let _ = writeln!(
            md,
            "| dataset | field | pages | exact | normalised | normalised compares |"
        );
        let _ = writeln!(md, "|---|---|---|---|---|---|");
        for d in with_meta {
            for f in d.summary.metadata.iter().filter(|f| f.provided) {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {:.3} | {:.3} | {} |",
                    d.summary.dataset, f.field, f.n, f.exact, f.norm, f.norm_is
                );
            }
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(path, md).with_context(|| format!("writing {}", path.display()))
}

fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    newsdesk_dedup::civil_day((secs / 86_400) as i64)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or_else(String::new, |kb| format!(", {} GiB RAM", kb / 1024 / 1024));
    format!(
        "{cpu}, {cores} cores{mem}, {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}
