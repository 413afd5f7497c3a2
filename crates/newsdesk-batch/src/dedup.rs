//! `--dedup`: groups a finished output into stories and writes the groups into it.
//!
//! Two streaming passes over the output (never all rows in memory): the first feeds each
//! row's text and evidence to [`newsdesk_dedup::Deduper`], the second rewrites each row with
//! `story`, `original`, `duplicate` and `evidence`. A JSONL line keeps its bytes and gains the
//! four fields at its end; a Parquet part gets its four (until then null) columns filled.
//! Both rewrites go through a temporary file and a rename, so an interrupted dedup leaves the
//! output as it was (or, for Parquet, some parts done, which a rerun redoes).

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray, UInt64Array};
use newsdesk_dedup::{Assignment, Deduper, Doc, Params};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde::{Deserialize, Serialize};

use crate::error::BatchError;
use crate::output::parquet::{DEDUP_COLUMNS, string_column};
use crate::output::{Format, Layout, Mark};

/// The fields of an output row that dedup reads (borrowed where JSON allows).
#[derive(Deserialize)]
pub struct DocFields<'a> {
    #[serde(borrow, default)]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub text: Cow<'a, str>,
    #[serde(borrow, default)]
    pub url: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub canonical_url: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub site_name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub published: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub syndication_source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub credits: Vec<CreditFields<'a>>,
}

#[derive(Deserialize)]
pub struct CreditFields<'a> {
    #[serde(borrow, default)]
    pub organisations: Vec<Cow<'a, str>>,
}

impl DocFields<'_> {
    pub fn doc(&self) -> Doc<'_> {
        Doc {
            text: &self.text,
            url: self.url.as_deref(),
            canonical_url: self.canonical_url.as_deref(),
            site_name: self.site_name.as_deref(),
            published: self.published.as_deref(),
            syndication_source: self.syndication_source.as_deref(),
            credit_organisations: self
                .credits
                .iter()
                .flat_map(|c| c.organisations.iter().map(|o| o.as_ref()))
                .collect(),
        }
    }
}

/// The four fields dedup adds to a row.
#[derive(Serialize)]
pub struct DedupFields<'a> {
    pub story: u64,
    pub original: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<&'static str>,
    pub evidence: &'static str,
}

/// Groups a finished output in place; returns the output's new mark (JSONL grows).
pub fn dedup_output(layout: &Layout, params: &Params) -> Result<Mark, BatchError> {
    match layout.format {
        Format::Jsonl => {
            let mut tmp = layout.out.as_os_str().to_os_string();
            tmp.push(".dedup.tmp");
            let tmp = std::path::PathBuf::from(tmp);
            let file = File::create(&tmp).map_err(BatchError::io(&tmp))?;
            let mut out = BufWriter::with_capacity(1 << 20, file);
            let stats = dedup_jsonl(&layout.out, &mut out, params)?;
            let file = out
                .into_inner()
                .map_err(|e| BatchError::io(&tmp)(e.into_error()))?;
            file.sync_data().map_err(BatchError::io(&tmp))?;
            std::fs::rename(&tmp, &layout.out).map_err(BatchError::io(&layout.out))?;
            let bytes = std::fs::metadata(&layout.out)
                .map_err(BatchError::io(&layout.out))?
                .len();
            Ok(Mark {
                rows: stats.rows,
                bytes,
                ..Mark::default()
            })
        }
        Format::Parquet => dedup_parquet(layout, params),
    }
}

/// The JSONL text of one record's dedup fields, `,"story":...` without braces.
fn fields_json(a: &Assignment, ids: &[String]) -> Result<String, BatchError> {
    let fields = DedupFields {
        story: a.story,
        original: &ids[a.original],
        duplicate: a.duplicate.map(|d| d.as_str()),
        evidence: a.evidence.as_str(),
    };
    let json = serde_json::to_string(&fields)?;
    Ok(format!(",{}", &json[1..json.len() - 1]))
}

/// A line without dedup fields a previous dedup added (they are always last).
fn strip_previous(line: &str) -> &str {
    // Inside JSON strings quotes are escaped, so `,"story":` can only be a key.
    match line.rfind(",\"story\":") {
        Some(i) => &line[..i],
        None => line.trim_end().strip_suffix('}').unwrap_or(line),
    }
}

/// What a dedup pass found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DedupStats {
    pub rows: u64,
    pub stories: u64,
    pub exact: u64,
    pub near: u64,
}

impl DedupStats {
    fn of(assignments: &[Assignment]) -> DedupStats {
        let mut s = DedupStats {
            rows: assignments.len() as u64,
            stories: assignments.iter().map(|a| a.story + 1).max().unwrap_or(0),
            ..DedupStats::default()
        };
        for a in assignments {
            match a.duplicate {
                Some(newsdesk_dedup::Duplicate::Exact) => s.exact += 1,
                Some(newsdesk_dedup::Duplicate::Near) => s.near += 1,
                None => {}
            }
        }
        s
    }
}

/// Reads `input` (JSONL rows) and writes them with dedup fields to `out`. Lines that are not
/// JSON objects are copied unchanged (and count as records with no text).
pub fn dedup_jsonl(
    input: &Path,
    out: &mut dyn Write,
    params: &Params,
) -> Result<DedupStats, BatchError> {
    let mut dedup = Deduper::new(params.clone());
    let mut ids: Vec<String> = Vec::new();
    for_each_line(input, |line| {
        let fields: Option<DocFields> = serde_json::from_str(line).ok();
        let id = fields.as_ref().and_then(|f| f.id.as_deref());
        ids.push(id.map_or_else(|| ids.len().to_string(), str::to_owned));
        match &fields {
            Some(f) => dedup.add(&f.doc()),
            None => dedup.add(&Doc::default()),
        };
        Ok(())
    })?;
    let assignments = dedup.finish();
    let mut i = 0usize;
    let mut line_out = Vec::new();
    for_each_line(input, |line| {
        let trimmed = line.trim_end();
        line_out.clear();
        if trimmed.starts_with('{') && trimmed.ends_with('}') {
            line_out.extend_from_slice(strip_previous(trimmed).as_bytes());
            let a = assignments.get(i).ok_or_else(changed)?;
            line_out.extend_from_slice(fields_json(a, &ids)?.as_bytes());
            line_out.push(b'}');
        } else {
            line_out.extend_from_slice(trimmed.as_bytes());
        }
        line_out.push(b'\n');
        out.write_all(&line_out).map_err(BatchError::io(input))?;
        i += 1;
        Ok(())
    })?;
    out.flush().map_err(BatchError::io(input))?;
    Ok(DedupStats::of(&assignments))
}

/// The input grew between the two passes.
fn changed() -> BatchError {
    BatchError::Usage("the input changed while it was being deduplicated".into())
}

/// Calls `f` with each non-blank line of a file.
fn for_each_line(
    path: &Path,
    mut f: impl FnMut(&str) -> Result<(), BatchError>,
) -> Result<(), BatchError> {
    let file = File::open(path).map_err(BatchError::io(path))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(BatchError::io(path))?;
        if n == 0 {
            return Ok(());
        }
        let line = String::from_utf8_lossy(&buf);
        if line.trim().is_empty() {
            continue;
        }
        f(&line)?;
    }
}

fn batches(
    path: &Path,
) -> Result<parquet::arrow::arrow_reader::ParquetRecordBatchReader, BatchError> {
    let file = File::open(path).map_err(BatchError::io(path))?;
    ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.with_batch_size(1024).build())
        .map_err(BatchError::parquet(path))
}

fn dedup_parquet(layout: &Layout, params: &Params) -> Result<Mark, BatchError> {
    let parts = layout.parts_on_disk();
    let mut dedup = Deduper::new(params.clone());
    let mut ids: Vec<String> = Vec::new();
    for part in &parts {
        for batch in batches(part)? {
            let batch = batch?;
            let col = |name: &str| string_column(&batch, name);
            let (id, text) = (col("id"), col("text"));
            let (url, canonical, site) = (col("url"), col("canonical_url"), col("site_name"));
            let (published, syndication, credits) =
                (col("published"), col("syndication_source"), col("credits"));
            fn get(c: Option<&StringArray>, i: usize) -> Option<&str> {
                c.filter(|c| !arrow_array::Array::is_null(*c, i))
                    .map(|c| c.value(i))
            }
            for i in 0..batch.num_rows() {
                ids.push(get(id, i).unwrap_or_default().to_owned());
                let organisations: Vec<CreditFields> = get(credits, i)
                    .and_then(|j| serde_json::from_str(j).ok())
                    .unwrap_or_default();
                let doc = Doc {
                    text: get(text, i).unwrap_or_default(),
                    url: get(url, i),
                    canonical_url: get(canonical, i),
                    site_name: get(site, i),
                    published: get(published, i),
                    syndication_source: get(syndication, i),
                    credit_organisations: organisations
                        .iter()
                        .flat_map(|c| c.organisations.iter().map(|o| o.as_ref()))
                        .collect(),
                };
                dedup.add(&doc);
            }
        }
    }
    let assignments = dedup.finish();
    let mut next = 0usize;
    let mut rows = 0u64;
    for part in &parts {
        let mut tmp = part.as_os_str().to_os_string();
        tmp.push(".tmp");
        let tmp = std::path::PathBuf::from(tmp);
        let file = File::create(&tmp).map_err(BatchError::io(&tmp))?;
        let schema = crate::output::parquet::schema();
        let props = crate::output::parquet::properties();
        let mut writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props))
            .map_err(BatchError::parquet(&tmp))?;
        for batch in batches(part)? {
            let batch = batch?;
            let n = batch.num_rows();
            let these = assignments.get(next..next + n).ok_or_else(changed)?;
            next += n;
            rows += n as u64;
            let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
            let index = |name: &str| schema.index_of(name);
            columns[index(DEDUP_COLUMNS[0])?] =
                Arc::new(these.iter().map(|a| Some(a.story)).collect::<UInt64Array>());
            columns[index(DEDUP_COLUMNS[1])?] = Arc::new(
                these
                    .iter()
                    .map(|a| Some(ids[a.original].as_str()))
                    .collect::<StringArray>(),
            );
            columns[index(DEDUP_COLUMNS[2])?] = Arc::new(
                these
                    .iter()
                    .map(|a| a.duplicate.map(|d| d.as_str()))
                    .collect::<StringArray>(),
            );
            columns[index(DEDUP_COLUMNS[3])?] = Arc::new(
                these
                    .iter()
                    .map(|a| Some(a.evidence.as_str()))
                    .collect::<StringArray>(),
            );
            let batch = RecordBatch::try_new(Arc::clone(&schema), columns)?;
            writer.write(&batch).map_err(BatchError::parquet(&tmp))?;
        }
        let file = writer.into_inner().map_err(BatchError::parquet(&tmp))?;
        file.sync_all().map_err(BatchError::io(&tmp))?;
        std::fs::rename(&tmp, part).map_err(BatchError::io(part))?;
    }
    Ok(Mark {
        rows,
        parts: parts.len() as u64,
        ..Mark::default()
    })
}
