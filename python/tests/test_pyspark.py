"""The PySpark example job in local mode, against `newsdesk batch` on the same WARC files."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

import pytest

pytest.importorskip("pyspark")

from conftest import REPO, run  # noqa: E402

sys.path.insert(0, str(REPO / "examples" / "pyspark"))
import newsdesk_spark  # noqa: E402

DAY = "2024-06-01"


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The executors' Python workers must import the same newsdesk as this process.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsdesk-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    # The job's functions are pickled by reference to this module: ship it to the workers, as
    # spark-submit does with --py-files.
    session.sparkContext.addPyFile(newsdesk_spark.__file__)
    yield session
    session.stop()


def test_job_matches_newsdesk_batch(spark, warcs, bin_dir, tmp_path):
    paths = [str(warcs["set"]), str(warcs["noisy"])]
    listing = tmp_path / "warc.paths"
    listing.write_text("".join(p + "\n" for p in paths))
    out = tmp_path / "spark"
    counts = newsdesk_spark.run(spark, str(listing), str(out), reference_date=DAY)

    batch = tmp_path / "batch"
    run(bin_dir / "newsdesk", "batch", *paths, "--format", "parquet", "--out", batch,
        "--reference-date", DAY)
    summary = json.loads((batch / "checkpoint.json").read_text())["summary"]

    got = spark.read.parquet(str(out))
    # (Spark reads every Parquet column back as nullable: compare names and types.)
    def types(schema):
        return [(f.name, f.dataType.simpleString()) for f in schema]

    assert types(got.schema) == types(newsdesk_spark.schema())
    cols = ["id", "status", "text", "markdown", "title", "authors", "published", "blocks"]
    mine = {r["id"]: r for r in got.select(*cols).collect()}
    theirs = {r["id"]: r for r in spark.read.parquet(str(batch / "part-*.parquet")).select(*cols).collect()}

    # Row counts and texts equal.
    assert len(mine) == len(theirs) == summary["ok"] >= 500
    assert mine.keys() == theirs.keys()
    for id_, row in theirs.items():
        assert mine[id_].asDict() == row.asDict(), id_

    # The per-status counts add up to the batch summary.
    assert counts.get("ok", 0) + counts.get("empty", 0) == summary["ok"]
    assert counts.get("empty", 0) == summary["empty"]
    skipped = Counter({k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("skipped:")})
    failed = Counter({k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("failed:")})
    assert skipped == Counter(summary["skipped"]) and sum(skipped.values()) > 0
    assert failed == Counter(summary["failed"])


def test_command_line(tmp_path, warcs):
    """The job as spark-submit runs it (a script with arguments), on the small WARC."""
    import subprocess

    listing = tmp_path / "paths.txt"
    listing.write_text(f"{warcs['noisy']}\n")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    proc = subprocess.run(
        [sys.executable, str(REPO / "examples/pyspark/newsdesk_spark.py"), str(listing),
         str(tmp_path / "out"), "--status-counts", str(tmp_path / "counts.json"),
         "--reference-date", DAY, "--master", "local[1]"],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    counts = json.loads((tmp_path / "counts.json").read_text())
    assert counts["ok"] > 0 and counts["skipped:warc-type:request"] > 0
    assert list((tmp_path / "out").glob("part-*.parquet"))
