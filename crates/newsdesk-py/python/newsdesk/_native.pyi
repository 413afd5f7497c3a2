"""Type stubs for the compiled module (crates/newsdesk-py/src). Docstrings live in the Rust code."""

import datetime
import os
from typing import (
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Literal,
    Optional,
    Sequence,
    TypedDict,
    Union,
    overload,
)

__version__: str

Html = Union[str, bytes, bytearray]
Mode = Literal["precision", "balanced", "recall"]
Day = Union[str, datetime.date]
StrPath = Union[str, "os.PathLike[str]"]

class Image(TypedDict, total=False):
    url: str
    alt: str
    caption: str
    credit: str

class Credit(TypedDict, total=False):
    text: str
    names: List[str]
    organisations: List[str]

class Metadata(TypedDict):
    url: Optional[str]
    title: Optional[str]
    authors: List[str]
    published: Optional[str]
    published_source: Optional[str]
    modified: Optional[str]
    modified_source: Optional[str]
    site_name: Optional[str]
    language: Optional[str]
    description: Optional[str]
    canonical_url: Optional[str]
    section: Optional[str]
    tags: List[str]
    image: Optional[Image]
    credits: List[Credit]
    syndication_source: Optional[str]
    sources: Dict[str, str]

class Diagnostics(TypedDict, total=False):
    encoding: str
    encoding_source: str
    decode_errors: bool
    parse_errors: int
    truncated: str
    mode: str
    notes: List[str]

# A block: {"kind": "paragraph", "text": ...}, {"kind": "heading", "level": 2, "text": ...},
# {"kind": "list", "ordered": bool, "items": [...]}, {"kind": "quote", "text": ...},
# {"kind": "table", "rows": [[{"text": ..., "header"?: bool}]]},
# {"kind": "figure", "src"?, "alt"?, "caption"?, "credit"?}, {"kind": "preformatted", "text": ...},
# {"kind": "credit", "text": ...}.
Block = Dict[str, Any]

class Removed(TypedDict):
    reason: str
    rule: str
    text: str

class ArticleDict(TypedDict, total=False):
    """The ``dict`` output: always ``text``, ``markdown``, ``blocks``, ``removed``,
    ``diagnostics``; the ``Metadata`` keys too with ``with_metadata=True``."""

    text: str
    markdown: str
    url: Optional[str]
    title: Optional[str]
    authors: List[str]
    published: Optional[str]
    published_source: Optional[str]
    modified: Optional[str]
    modified_source: Optional[str]
    site_name: Optional[str]
    language: Optional[str]
    description: Optional[str]
    canonical_url: Optional[str]
    section: Optional[str]
    tags: List[str]
    image: Optional[Image]
    credits: List[Credit]
    syndication_source: Optional[str]
    sources: Dict[str, str]
    blocks: List[Block]
    removed: List[Removed]
    diagnostics: Diagnostics

class Limits(TypedDict):
    max_bytes: int
    max_nodes: int
    max_depth: int
    time_budget: float

class Article:
    """An extracted article: the body as blocks, and the facts about it."""

    @classmethod
    def from_json(cls, json: str) -> "Article": ...
    @property
    def url(self) -> Optional[str]: ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def authors(self) -> List[str]: ...
    @property
    def published(self) -> Optional[str]: ...
    @property
    def published_source(self) -> Optional[str]: ...
    @property
    def modified(self) -> Optional[str]: ...
    @property
    def modified_source(self) -> Optional[str]: ...
    @property
    def site_name(self) -> Optional[str]: ...
    @property
    def language(self) -> Optional[str]: ...
    @property
    def description(self) -> Optional[str]: ...
    @property
    def canonical_url(self) -> Optional[str]: ...
    @property
    def section(self) -> Optional[str]: ...
    @property
    def tags(self) -> List[str]: ...
    @property
    def image(self) -> Optional[Image]: ...
    @property
    def credits(self) -> List[Credit]: ...
    @property
    def syndication_source(self) -> Optional[str]: ...
    @property
    def sources(self) -> Dict[str, str]: ...
    @property
    def blocks(self) -> List[Block]: ...
    @property
    def removed(self) -> List[Removed]: ...
    @property
    def diagnostics(self) -> Diagnostics: ...
    @property
    def text(self) -> str: ...
    @property
    def text_with_captions(self) -> str: ...
    @property
    def markdown(self) -> str: ...
    @property
    def html(self) -> str: ...
    @property
    def is_empty(self) -> bool: ...
    @property
    def metadata(self) -> Metadata: ...
    def metadata_header(self) -> str: ...
    def to_dict(self, with_metadata: bool = True) -> ArticleDict: ...
    def to_json(self, with_metadata: bool = True) -> str: ...
    def __eq__(self, other: object) -> bool: ...

class Record:
    """One record of an input read by ``read_records``."""

    @property
    def seq(self) -> int: ...
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> Literal["page", "skipped", "failed"]: ...
    @property
    def reason(self) -> Optional[str]: ...
    @property
    def error(self) -> Optional[str]: ...
    @property
    def url(self) -> Optional[str]: ...
    @property
    def warc_record_id(self) -> Optional[str]: ...
    @property
    def warc_date(self) -> Optional[str]: ...
    @property
    def content_type(self) -> Optional[str]: ...
    @property
    def reference_date(self) -> Optional[str]: ...
    @property
    def body(self) -> Optional[bytes]: ...

class RecordReader(Iterator[Record]):
    def __iter__(self) -> "RecordReader": ...
    def __next__(self) -> Record: ...

@overload
def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    output_format: Literal["text", "txt", "markdown", "html", "json"] = "text",
    mode: Mode = "balanced",
    with_metadata: bool = True,
    captions: bool = False,
    content_type: Optional[str] = None,
    explain: bool = False,
    reference_date: Optional[Day] = None,
    max_bytes: Optional[int] = None,
    time_budget: Optional[float] = None,
) -> str: ...
@overload
def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    output_format: Literal["dict"],
    mode: Mode = "balanced",
    with_metadata: bool = True,
    captions: bool = False,
    content_type: Optional[str] = None,
    explain: bool = False,
    reference_date: Optional[Day] = None,
    max_bytes: Optional[int] = None,
    time_budget: Optional[float] = None,
) -> ArticleDict: ...
@overload
def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    output_format: Literal["article"],
    mode: Mode = "balanced",
    with_metadata: bool = True,
    captions: bool = False,
    content_type: Optional[str] = None,
    explain: bool = False,
    reference_date: Optional[Day] = None,
    max_bytes: Optional[int] = None,
    time_budget: Optional[float] = None,
) -> Article: ...
def extract_article(
    html: Html,
    url: Optional[str] = None,
    *,
    mode: Mode = "balanced",
    content_type: Optional[str] = None,
    explain: bool = False,
    reference_date: Optional[Day] = None,
    max_bytes: Optional[int] = None,
    time_budget: Optional[float] = None,
) -> Article: ...
def extract_metadata(
    html: Html,
    url: Optional[str] = None,
    *,
    content_type: Optional[str] = None,
    reference_date: Optional[Day] = None,
    max_bytes: Optional[int] = None,
    time_budget: Optional[float] = None,
) -> Metadata: ...
def extract_many(
    pages: Iterable[Html],
    urls: Optional[Sequence[Optional[str]]] = None,
    *,
    workers: Optional[int] = None,
    output_format: Literal["text", "txt", "markdown", "html", "json", "dict", "article"] = "text",
    mode: Mode = "balanced",
    with_metadata: bool = True,
    captions: bool = False,
    content_types: Optional[Sequence[Optional[str]]] = None,
    explain: bool = False,
    reference_date: Optional[Day] = None,
    max_bytes: Optional[int] = None,
    time_budget: Optional[float] = None,
    errors: Literal["raise", "return", "ignore"] = "raise",
) -> List[Any]: ...
def default_limits() -> Limits: ...
def read_records(
    paths: Union[StrPath, Sequence[StrPath]], *, max_bytes: Optional[int] = None
) -> RecordReader: ...
