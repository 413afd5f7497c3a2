"""A cc-pyspark-style job: WARC files in, newsdesk articles out as Parquet.

    spark-submit --py-files newsdesk-*.whl newsdesk_spark.py warc_paths.txt s3a://bucket/articles/

The input is a text file listing WARC paths (one per line, like Common Crawl's
``warc.paths``). Each line becomes a task: ``mapPartitions`` reads its WARC files with
``newsdesk.read_records`` (the same record selection, ids and skip/failure reasons as
``newsdesk batch``) and extracts every HTML page with ``newsdesk.extract`` on the executor's
Python worker. The rows have the columns of ``newsdesk batch --format parquet``
(docs/batch-schema.md) without the dedup columns; ``seq`` is the record's position in its own
WARC file and is a signed 64-bit column (Spark has no unsigned types).

Next to the rows, the job counts every record by status (``ok``, ``empty``,
``skipped:<reason>``, ``failed:<reason>``) with an accumulator, prints the counts, and writes
them as JSON when ``--status-counts FILE`` is given (a path on the driver). As in cc-pyspark,
a task that Spark retries is counted twice; the Parquet rows are not affected.

Paths may be local (visible to every executor, e.g. a shared file system), ``http(s)://``
(downloaded to a temporary file) or ``s3://`` (downloaded with boto3, when installed).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from typing import Dict, Iterable, Iterator, Optional, Tuple

LOG = logging.getLogger("newsdesk_spark")

# Nullable string columns in `newsdesk batch`'s Parquet order (after id, seq, status).
TEXT_COLUMNS = (
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
)
# Nested article parts, stored as JSON text. `blocks` and `diagnostics` are always present;
# the others are null when absent or empty, as in `newsdesk batch`.
JSON_COLUMNS = ("image", "credits", "sources", "blocks", "removed", "diagnostics")
ALWAYS_JSON = ("blocks", "diagnostics")


def schema():
    """The Spark schema of the rows (docs/batch-schema.md)."""
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    fields = [
        StructField("id", StringType(), False),
        StructField("seq", LongType(), False),
        StructField("status", StringType(), False),
    ]
    fields += [StructField(c, StringType(), True) for c in TEXT_COLUMNS]
    fields += [StructField(c, ArrayType(StringType(), True), False) for c in ("authors", "tags")]
    fields += [StructField("text", StringType(), False), StructField("markdown", StringType(), False)]
    fields += [StructField(c, StringType(), c not in ALWAYS_JSON) for c in JSON_COLUMNS]
    return StructType(fields)


def _json(value) -> str:
    # The same text as serde_json (newsdesk batch): compact, UTF-8 kept as is.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_row(record, article: Dict) -> Tuple:
    """One Parquet row from a `newsdesk.Record` and its `extract(output_format="dict")`."""
    values = {
        "url": article.get("url"),
        "warc_record_id": record.warc_record_id,
        "warc_date": record.warc_date,
        "content_type": record.content_type,
    }
    row = [record.id, record.seq, "empty" if not article["blocks"] else "ok"]
    row += [values[c] if c in values else article.get(c) for c in TEXT_COLUMNS]
    row += [article["authors"], article["tags"], article["text"], article["markdown"]]
    for c in JSON_COLUMNS:
        v = article.get(c)
        row.append(_json(v) if c in ALWAYS_JSON or v else None)
    return tuple(row)


def failure_reason(error: Exception) -> str:
    """`newsdesk batch`'s failure reason for an extraction error."""
    import newsdesk

    for cls, reason in (
        (newsdesk.EmptyInput, "empty"),
        (newsdesk.InputTooLarge, "too-large"),
        (newsdesk.NotHtml, "not-html"),
        (newsdesk.Timeout, "timeout"),
        (newsdesk.InternalError, "panic"),
    ):
        if isinstance(error, cls):
            return reason
    return "extract"


def _local_copy(path: str) -> Tuple[str, Optional[str]]:
    """A local file for `path`, and the temporary file to delete afterwards (or None)."""
    if path.startswith(("http://", "https://")):
        import shutil
        import urllib.request

        fd, tmp = tempfile.mkstemp(suffix=os.path.basename(path))
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(path) as src:
            shutil.copyfileobj(src, out)
        return tmp, tmp
    if path.startswith(("s3://", "s3a://")):
        import boto3  # only needed for s3 inputs

        bucket, _, key = path.split("://", 1)[1].partition("/")
        fd, tmp = tempfile.mkstemp(suffix=os.path.basename(key))
        os.close(fd)
        boto3.client("s3").download_file(bucket, key, tmp)
        return tmp, tmp
    if path.startswith("file://"):
        return path[len("file://") :], None
    return path, None


def extract_warcs(
    paths: Iterable[str], counts, reference_date: str, mode: str
) -> Iterator[Tuple]:
    """The rows of every WARC file in `paths` (one partition's share), counting statuses."""
    import newsdesk

    seen: Counter = Counter()
    try:
        for line in paths:
            path = line.strip()
            if not path or path.startswith("#"):
                continue
            try:
                local, tmp = _local_copy(path)
            except Exception as e:  # noqa: BLE001 - a missing input fails that input only
                LOG.error("cannot fetch %s: %s", path, e)
                seen["failed:io"] += 1
                continue
            try:
                records = newsdesk.read_records(local)
            except OSError as e:
                LOG.error("cannot read %s: %s", path, e)
                seen["failed:io"] += 1
                continue
            try:
                for record in records:
                    if record.kind != "page":
                        seen[f"{record.kind}:{record.reason}"] += 1
                        continue
                    try:
                        article = newsdesk.extract(
                            record.body,
                            url=record.url,
                            content_type=record.content_type,
                            output_format="dict",
                            mode=mode,
                            reference_date=record.reference_date or reference_date,
                        )
                    except newsdesk.Error as e:
                        seen[f"failed:{failure_reason(e)}"] += 1
                        continue
                    row = to_row(record, article)
                    if local != path:
                        row = (row[0].replace(local, path, 1),) + row[1:]
                    seen[row[2]] += 1
                    yield row
            finally:
                if tmp:
                    os.unlink(tmp)
    finally:
        counts.add(seen)


def run(spark, input_list: str, output: str, *, partitions: Optional[int] = None,
        mode: str = "balanced", reference_date: Optional[str] = None,
        write_mode: str = "errorifexists") -> Dict[str, int]:
    """Runs the job on an existing SparkSession; returns the status counts."""
    from pyspark.accumulators import AccumulatorParam

    class CounterParam(AccumulatorParam):
        def zero(self, value):
            return Counter()

        def addInPlace(self, a, b):
            a.update(b)
            return a

    sc = spark.sparkContext
    counts = sc.accumulator(Counter(), CounterParam())
    # `newsdesk batch` uses today (UTC) for records without a WARC-Date: fix it once, on the
    # driver, so every executor uses the same day.
    day = reference_date or time.strftime("%Y-%m-%d", time.gmtime())
    paths = sc.textFile(input_list)
    n = partitions or max(1, paths.count())
    # One WARC file per task by default: WARC files are the unit of work, as in cc-pyspark.
    rows = paths.repartition(n).mapPartitions(
        lambda part: extract_warcs(part, counts, day, mode)
    )
    spark.createDataFrame(rows, schema()).write.mode(write_mode).parquet(output)
    return dict(sorted(counts.value.items()))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="text file listing WARC paths, one per line")
    p.add_argument("output", help="Parquet output directory")
    p.add_argument("--partitions", type=int, help="tasks (default: one per WARC file)")
    p.add_argument("--mode", default="balanced", choices=("precision", "balanced", "recall"))
    p.add_argument("--reference-date", help="YYYY-MM-DD for records without WARC-Date")
    p.add_argument("--status-counts", help="also write the status counts here (JSON)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output")
    p.add_argument("--master", help="Spark master for a run without spark-submit, e.g. local[4]")
    args = p.parse_args(argv)

    from pyspark.sql import SparkSession

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    builder = SparkSession.builder.appName("newsdesk-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    start = time.monotonic()
    counts = run(
        spark,
        args.input,
        args.output,
        partitions=args.partitions,
        mode=args.mode,
        reference_date=args.reference_date,
        write_mode="overwrite" if args.overwrite else "errorifexists",
    )
    secs = time.monotonic() - start
    pages = counts.get("ok", 0) + counts.get("empty", 0)
    LOG.info("%d pages in %.1f s; records by status: %s", pages, secs, json.dumps(counts))
    print(json.dumps({"seconds": round(secs, 2), "counts": counts}))
    if args.status_counts:
        with open(args.status_counts, "w", encoding="utf-8") as f:
            json.dump(counts, f, indent=2)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
