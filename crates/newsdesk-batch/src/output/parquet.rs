//! Parquet output through arrow-rs: a directory of part files with a fixed number of rows each
//! (so the layout is the same however the run was interrupted and resumed), zstd-compressed.
//! The schema is documented in `docs/batch-schema.md`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use serde::Serialize;

use super::{Layout, Mark, Payload, Sink};
use crate::error::BatchError;
use crate::row::Row;

/// Rows buffered before they become one Arrow batch.
const BATCH_ROWS: usize = 256;

/// Nullable string columns taken from the row or its article, in schema order.
const TEXT_COLUMNS: &[&str] = &[
    "url",
    "warc_record_id",
    "warc_date",
    "content_type",
    "title",
    "published",
    "published_source",
    "modified",
    "modified_source",
    "site_name",
    "language",
    "description",
    "canonical_url",
    "section",
    "syndication_source",
];

/// Columns holding JSON text: nested article parts.
const JSON_COLUMNS: &[&str] = &[
    "image",
    "credits",
    "sources",
    "blocks",
    "removed",
    "diagnostics",
];

/// Columns `--dedup` fills (null until then).
pub const DEDUP_COLUMNS: &[&str] = &["story", "original", "duplicate", "evidence"];

/// The Arrow schema of a part file.
pub fn schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let list = |name: &str| {
        Field::new(
            name,
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        )
    };
    let mut fields = vec![
        text("id", false),
        Field::new("seq", DataType::UInt64, false),
        text("status", false),
    ];
    fields.extend(TEXT_COLUMNS.iter().map(|c| text(c, true)));
    fields.push(list("authors"));
    fields.push(list("tags"));
    fields.push(text("text", false));
    fields.push(text("markdown", false));
    fields.extend(JSON_COLUMNS.iter().map(|c| text(c, true)));
    fields.push(Field::new("story", DataType::UInt64, true));
    fields.extend(DEDUP_COLUMNS[1..].iter().map(|c| text(c, true)));
    Arc::new(Schema::new(fields))
}

/// Writer settings: zstd, row groups of at most 1024 rows or 16 MiB.
pub(crate) fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(1024))
        .set_max_row_group_bytes(Some(16 << 20))
        .build()
}

fn text_field<'a>(row: &'a Row, column: &str) -> Option<&'a str> {
    let a = &row.article;
    match column {
        "url" => a.url.as_deref(),
        "warc_record_id" => row.warc_record_id.as_deref(),
        "warc_date" => row.warc_date.as_deref(),
        "content_type" => row.content_type.as_deref(),
        "title" => a.title.as_deref(),
        "published" => a.published.as_deref(),
        "published_source" => a.published_source.as_deref(),
        "modified" => a.modified.as_deref(),
        "modified_source" => a.modified_source.as_deref(),
        "site_name" => a.site_name.as_deref(),
        "language" => a.language.as_deref(),
        "description" => a.description.as_deref(),
        "canonical_url" => a.canonical_url.as_deref(),
        "section" => a.section.as_deref(),
        "syndication_source" => a.syndication_source.as_deref(),
        _ => None,
    }
}

fn json<T: Serialize>(value: &T) -> Result<String, BatchError> {
    Ok(serde_json::to_string(value)?)
}

fn json_field(row: &Row, column: &str) -> Result<Option<String>, BatchError> {
    let a = &row.article;
    Ok(match column {
        "image" => a.image.as_ref().map(json).transpose()?,
        "credits" if !a.credits.is_empty() => Some(json(&a.credits)?),
        "sources" if !a.sources.is_empty() => Some(json(&a.sources)?),
        "blocks" => Some(json(&a.blocks)?),
        "removed" if !a.removed.is_empty() => Some(json(&a.removed)?),
        "diagnostics" => Some(json(&a.diagnostics)?),
        _ => None,
    })
}

fn list(values: impl Iterator<Item = Vec<String>>) -> ArrayRef {
    let mut builder = ListBuilder::new(StringBuilder::new());
    for v in values {
        for s in v {
            builder.values().append_value(s);
        }
        builder.append(true);
    }
    Arc::new(builder.finish())
}

/// The Arrow batch for some rows.
pub fn to_batch(rows: &[Row]) -> Result<RecordBatch, BatchError> {
    let strings = |f: &dyn Fn(&Row) -> Option<&str>| -> ArrayRef {
        Arc::new(rows.iter().map(f).collect::<StringArray>())
    };
    let mut columns: Vec<ArrayRef> = vec![
        strings(&|r| Some(r.id.as_str())),
        Arc::new(rows.iter().map(|r| r.seq).collect::<UInt64Array>()),
        strings(&|r| Some(r.status.as_str())),
    ];
    for c in TEXT_COLUMNS {
        columns.push(strings(&|r| text_field(r, c)));
    }
    columns.push(list(rows.iter().map(|r| r.article.authors.clone())));
    columns.push(list(rows.iter().map(|r| r.article.tags.clone())));
    columns.push(strings(&|r| Some(r.text.as_str())));
    columns.push(strings(&|r| Some(r.markdown.as_str())));
    for c in JSON_COLUMNS {
        let values = rows
            .iter()
            .map(|r| json_field(r, c))
            .collect::<Result<Vec<_>, _>>()?;
        columns.push(Arc::new(StringArray::from(values)));
    }
    columns.push(Arc::new(UInt64Array::from(vec![None::<u64>; rows.len()])));
    for _ in &DEDUP_COLUMNS[1..] {
        columns.push(Arc::new(StringArray::from(vec![None::<&str>; rows.len()])));
    }
    Ok(RecordBatch::try_new(schema(), columns)?)
}

/// Rows into `OUT/part-NNNNN.parquet`, `rows_per_part` rows per file.
pub(crate) struct ParquetSink {
    layout: Layout,
    rows_per_part: u64,
    writer: Option<(PathBuf, ArrowWriter<File>)>,
    in_part: u64,
    buffered: Vec<Row>,
    mark: Mark,
}

impl ParquetSink {
    pub(crate) fn open(
        layout: &Layout,
        mark: Mark,
        rows_per_part: u64,
    ) -> Result<ParquetSink, BatchError> {
        // Parts from after the mark are from an interrupted run: they are written again.
        for part in layout.parts_on_disk() {
            let index = part
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.strip_prefix("part-"))
                .and_then(|s| s.parse::<u64>().ok());
            if index.is_none_or(|k| k >= mark.parts) {
                std::fs::remove_file(&part).map_err(BatchError::io(&part))?;
            }
        }
        Ok(ParquetSink {
            layout: layout.clone(),
            rows_per_part: rows_per_part.max(1),
            writer: None,
            in_part: 0,
            buffered: Vec::with_capacity(BATCH_ROWS),
            mark,
        })
    }

    fn flush_batch(&mut self) -> Result<(), BatchError> {
        if self.buffered.is_empty() {
            return Ok(());
        }
        if self.writer.is_none() {
            let path = self.layout.part(self.mark.parts);
            let file = File::create(&path).map_err(BatchError::io(&path))?;
            let writer = ArrowWriter::try_new(file, schema(), Some(properties()))
                .map_err(BatchError::parquet(&path))?;
            self.writer = Some((path, writer));
        }
        let batch = to_batch(&self.buffered)?;
        self.buffered.clear();
        if let Some((path, writer)) = self.writer.as_mut() {
            writer.write(&batch).map_err(BatchError::parquet(&*path))?;
        }
        Ok(())
    }

    fn close_part(&mut self) -> Result<(), BatchError> {
        self.flush_batch()?;
        if let Some((path, writer)) = self.writer.take() {
            let file = writer.into_inner().map_err(BatchError::parquet(&path))?;
            file.sync_all().map_err(BatchError::io(&path))?;
            self.mark.parts += 1;
            self.in_part = 0;
        }
        Ok(())
    }
}

impl Sink for ParquetSink {
    fn write(&mut self, row: Payload) -> Result<(), BatchError> {
        let row = match row {
            Payload::Row(row) => *row,
            Payload::Json(line) => serde_json::from_slice(&line)?,
        };
        self.buffered.push(row);
        self.in_part += 1;
        self.mark.rows += 1;
        if self.in_part == self.rows_per_part {
            self.close_part()?;
        } else if self.buffered.len() >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn at_boundary(&self) -> bool {
        self.in_part == 0
    }

    fn commit(&mut self) -> Result<Mark, BatchError> {
        Ok(self.mark)
    }

    fn finish(&mut self) -> Result<Mark, BatchError> {
        self.close_part()?;
        Ok(self.mark)
    }
}

/// Reads every row of some part files back as batches (for `--dedup` and tests).
pub fn read_batches(path: &Path) -> Result<Vec<RecordBatch>, BatchError> {
    let file = File::open(path).map_err(BatchError::io(path))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.with_batch_size(1024).build())
        .map_err(BatchError::parquet(path))?;
    let mut out = Vec::new();
    for batch in reader {
        out.push(batch?);
    }
    Ok(out)
}

/// A string column of a batch, by name.
pub fn string_column<'a>(batch: &'a RecordBatch, name: &str) -> Option<&'a StringArray> {
    batch
        .column_by_name(name)?
        .as_any()
        .downcast_ref::<StringArray>()
}
