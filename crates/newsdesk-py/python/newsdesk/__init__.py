"""newsdesk: raw news web pages in, clean structured articles out.

>>> import newsdesk
>>> newsdesk.extract(html, url="https://example.com/news/dam")            # text
>>> newsdesk.extract(html, output_format="dict")                          # text + metadata + blocks
>>> article = newsdesk.extract_article(html); article.title, article.authors, article.blocks
>>> newsdesk.extract_many(pages, urls, workers=8)                         # all cores, GIL released

``read_records`` reads WARC files exactly as ``newsdesk batch`` does; ``newsdesk.datatrove``
holds an extractor step for datatrove pipelines (needs ``pip install datatrove``).
"""

from ._errors import EmptyInput, Error, InputTooLarge, InternalError, NotHtml, Timeout
from ._native import (
    Article,
    Record,
    RecordReader,
    __version__,
    default_limits,
    extract,
    extract_article,
    extract_many,
    extract_metadata,
    read_records,
)

__all__ = [
    "Article",
    "EmptyInput",
    "Error",
    "InputTooLarge",
    "InternalError",
    "NotHtml",
    "Record",
    "RecordReader",
    "Timeout",
    "__version__",
    "default_limits",
    "extract",
    "extract_article",
    "extract_many",
    "extract_metadata",
    "read_records",
]
