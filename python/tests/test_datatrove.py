"""newsdesk.datatrove.NewsdeskExtractor in a real datatrove pipeline (local executor)."""

from __future__ import annotations

import gzip
import json

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("warcio")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.extractors.base import BaseExtractor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import newsdesk  # noqa: E402
from newsdesk.datatrove import NewsdeskExtractor  # noqa: E402

from conftest import run  # noqa: E402


def test_pipeline_keeps_metadata(bin_dir, tmp_path):
    run(bin_dir / "newsdesk-testdata", "syndication", "--out", tmp_path / "in", "--stories", "6")
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(tmp_path / "in"), glob_pattern="*.warc.gz"),
            NewsdeskExtractor(),
            JsonlWriter(str(out)),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    docs = []
    for f in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as lines:
            docs += [json.loads(line) for line in lines]
    pages = [r for r in newsdesk.read_records(tmp_path / "in" / "set.warc.gz") if r.kind == "page"]
    assert len(docs) == len(pages) >= 18
    by_url = {r.url: r for r in pages}
    for doc in docs:
        meta = doc["metadata"]
        assert meta["title"] and meta["authors"] and meta["published"], meta
        assert meta["url"] in by_url  # the reader's url is kept
        r = by_url[meta["url"]]
        expected = newsdesk.extract(
            r.body.decode("utf-8"), url=r.url, with_metadata=False, reference_date=r.reference_date
        )
        assert doc["text"] == expected

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    extractor = next(s for s in stats if "newsdesk" in s["name"])
    assert extractor["stats"]["forwarded"] == len(docs)


def test_is_a_datatrove_extractor():
    step = NewsdeskExtractor(output_format="markdown", metadata_prefix="nd_")
    assert isinstance(step, BaseExtractor)
    assert "harbour" in step.extract("<html><body><article><p>" + "The harbour bridge reopened. " * 20 + "</p></article></body></html>")
    with pytest.raises(ValueError):
        NewsdeskExtractor(output_format="dict")
