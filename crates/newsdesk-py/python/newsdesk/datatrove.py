"""newsdesk as a datatrove extractor step.

>>> from datatrove.executor import LocalPipelineExecutor
>>> from datatrove.pipeline.readers import WarcReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from newsdesk.datatrove import NewsdeskExtractor
>>> LocalPipelineExecutor(pipeline=[
...     WarcReader("crawl/"), NewsdeskExtractor(), JsonlWriter("out/"),
... ], tasks=4).run()

Unlike datatrove's own extractors, which return the text alone, this step keeps what newsdesk
found about the page in ``doc.metadata``: ``title``, ``authors``, ``published``, ``modified``,
``site_name``, ``language``, ``credits`` and the other ``newsdesk.extract_metadata`` keys
(``sources`` and ``url`` are left out: provenance detail, and the reader's ``url`` is kept).
"""

from __future__ import annotations

from typing import Iterable, Optional

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor

import newsdesk

# Metadata keys copied to doc.metadata (see extract_metadata); "url" stays the reader's.
DEFAULT_FIELDS = (
    "title",
    "authors",
    "published",
    "modified",
    "site_name",
    "language",
    "description",
    "canonical_url",
    "section",
    "tags",
    "image",
    "credits",
    "syndication_source",
)


class NewsdeskExtractor(BaseExtractor):
    """Extracts each document's HTML (``doc.text``) with newsdesk.

    Args:
        output_format: ``"text"`` (default) or ``"markdown"`` for ``doc.text``.
        mode: ``"precision"``, ``"balanced"`` (default) or ``"recall"``.
        captions: figure captions and photo credits in the text.
        metadata_fields: which ``extract_metadata`` keys go to ``doc.metadata`` (``None``:
            ``DEFAULT_FIELDS``; an empty tuple keeps none).
        metadata_prefix: prefix for those keys, should they collide with the reader's.
        timeout: newsdesk's time budget per document, in seconds.

    Documents whose page yields no article text are dropped (stat ``dropped``); pages that are
    not HTML, empty or too large are counted by error (``not_html``, ``empty_input``, ...) and
    dropped.

    Extraction runs in the pipeline's own process: datatrove's base class sends every page
    to a child process to survive extractors that hang or crash, but newsdesk bounds its own
    time (``timeout`` becomes its time budget) and turns panics into exceptions, so the
    round trip would only cost time.
    """

    name = "📰 newsdesk"
    _requires_dependencies = ["newsdesk"]

    def __init__(
        self,
        output_format: str = "text",
        mode: str = "balanced",
        captions: bool = False,
        metadata_fields: Optional[Iterable[str]] = None,
        metadata_prefix: str = "",
        timeout: float = 2.0,
    ):
        super().__init__(timeout)
        if output_format not in ("text", "markdown"):
            raise ValueError(f"output_format must be 'text' or 'markdown', not {output_format!r}")
        self.output_format = output_format
        self.mode = mode
        self.captions = captions
        self.metadata_fields = tuple(DEFAULT_FIELDS if metadata_fields is None else metadata_fields)
        self.metadata_prefix = metadata_prefix

    def extract(self, text: str) -> str:
        """The text alone (datatrove's extractor interface)."""
        return newsdesk.extract(
            text,
            output_format=self.output_format,
            mode=self.mode,
            with_metadata=False,
            captions=self.captions,
            time_budget=self.timeout,
        )

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                try:
                    article = newsdesk.extract_article(
                        doc.text,
                        url=doc.metadata.get("url"),
                        mode=self.mode,
                        reference_date=_day(doc.metadata.get("date")),
                        time_budget=self.timeout,
                    )
                except newsdesk.Error as e:
                    self.stat_update(_stat_name(e))
                    continue
                if self.output_format == "markdown":
                    text = article.markdown
                elif self.captions:
                    text = article.text_with_captions
                else:
                    text = article.text
            if not text:
                self.stat_update("dropped")
                continue
            doc.text = text
            if self.metadata_fields:
                found = article.metadata
                for key in self.metadata_fields:
                    doc.metadata[self.metadata_prefix + key] = found[key]
            self.stat_update("forwarded")
            self.update_doc_stats(doc)
            yield doc


def _day(date) -> Optional[str]:
    """The crawl day of a WARC-Date (what `newsdesk batch` uses as the reference date)."""
    if isinstance(date, str) and len(date) >= 10 and date[4:5] == "-":
        return date[:10]
    return None


def _stat_name(e: Exception) -> str:
    # EmptyInput -> empty_input, NotHtml -> not_html, ...
    name = type(e).__name__
    return "".join("_" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))
