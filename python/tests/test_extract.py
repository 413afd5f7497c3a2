"""The Python API: formats, metadata, Article, errors, extract_many, read_records."""

from __future__ import annotations

import datetime
import json
import pickle
import threading

import pytest

import newsdesk

# A small news page, written for these tests.
PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour bridge reopens after repairs - Tidewater Courier</title>
<meta property="og:site_name" content="Tidewater Courier">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<meta name="author" content="Ilse Garrow">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p class="byline">By Ilse Garrow</p>
<p>The harbour bridge in Tidewater reopened to traffic on Tuesday morning after eleven weeks
of repairs to its lifting span, the town council said.</p>
<p>Engineers replaced two corroded cables and the hydraulic pump that raises the deck for
taller boats. Crews worked through the night for most of February to finish before the
fishing season starts.</p>
<p>"We asked a lot of patience from people who cross twice a day," said the council's head of
works, Dario Fairholt. "The detour added twenty minutes each way."</p>
<p>Cyclists will have a separate lane from April, when the painting of the railings is done.
The council put the cost of the repairs at 4.2 million, slightly under the budget set last
autumn.</p>
</article>
<footer>Copyright Tidewater Courier. All rights reserved. Contact us. Privacy policy.</footer>
</body></html>
"""
URL = "https://tidewater-courier.example/news/harbour-bridge-reopens"


def test_text_from_str_and_bytes_agree():
    text = newsdesk.extract(PAGE, URL, with_metadata=False)
    assert text.startswith("The harbour bridge in Tidewater reopened")
    assert "Copyright" not in text and "Sport" not in text
    assert newsdesk.extract(PAGE.encode(), URL, with_metadata=False) == text


def test_text_with_metadata_has_a_header():
    text = newsdesk.extract(PAGE, URL)
    header, _, body = text.partition("\n\n")
    assert "Title: Harbour bridge reopens after repairs" in header
    assert "Authors: Ilse Garrow" in header
    assert body.startswith("The harbour bridge")


def test_output_formats():
    md = newsdesk.extract(PAGE, URL, output_format="markdown", with_metadata=False)
    assert "The harbour bridge" in md
    html = newsdesk.extract(PAGE, URL, output_format="html")
    assert "<p>" in html and "<nav" not in html
    d = newsdesk.extract(PAGE, URL, output_format="dict")
    assert d["title"] == "Harbour bridge reopens after repairs"
    assert d["authors"] == ["Ilse Garrow"]
    assert d["published"].startswith("2024-03-05")
    assert d["site_name"] == "Tidewater Courier"
    assert d["blocks"][0]["kind"] == "paragraph"
    assert d["text"] == newsdesk.extract(PAGE, URL, with_metadata=False)
    assert json.loads(newsdesk.extract(PAGE, URL, output_format="json")) == d
    bare = newsdesk.extract(PAGE, URL, output_format="dict", with_metadata=False)
    assert "title" not in bare and bare["text"] == d["text"]


def test_extract_metadata_has_every_key():
    m = newsdesk.extract_metadata(PAGE, URL)
    assert m["title"] == "Harbour bridge reopens after repairs"
    assert m["url"] == URL
    assert set(m) >= {"authors", "published", "modified", "language", "credits", "sources"}
    assert m["modified"] is None and m["tags"] == []


def test_article_attributes_and_pickle():
    a = newsdesk.extract_article(PAGE, URL)
    assert isinstance(a, newsdesk.Article)
    assert a.title == "Harbour bridge reopens after repairs"
    assert a.authors == ["Ilse Garrow"]
    assert a.published.startswith("2024-03-05")
    assert a.language == "en"
    assert not a.is_empty
    assert a.text == newsdesk.extract(PAGE, URL, with_metadata=False)
    assert a.metadata["title"] == a.title
    assert a.to_dict() == newsdesk.extract(PAGE, URL, output_format="dict")
    assert pickle.loads(pickle.dumps(a)) == a
    assert newsdesk.Article.from_json(a.to_json()) == a
    assert "Harbour bridge" in repr(a)
    assert newsdesk.extract(PAGE, URL, output_format="article") == a


def test_mode_and_reference_date():
    for mode in ("precision", "balanced", "recall"):
        assert "harbour bridge" in newsdesk.extract(PAGE, mode=mode, with_metadata=False)
    # No publication date after the reference day.
    early = newsdesk.extract_metadata(PAGE, reference_date="2024-01-01")
    assert early["published"] is None
    on_day = newsdesk.extract_metadata(PAGE, reference_date=datetime.date(2024, 3, 5))
    assert on_day["published"].startswith("2024-03-05")


def test_a_page_without_article_is_empty_not_an_error():
    a = newsdesk.extract_article("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert a.is_empty and a.text == ""


@pytest.mark.parametrize(
    "html, cls, builtin",
    [
        ("", newsdesk.EmptyInput, ValueError),
        (b"   \n ", newsdesk.EmptyInput, ValueError),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", newsdesk.NotHtml, ValueError),
    ],
)
def test_errors(html, cls, builtin):
    with pytest.raises(cls) as e:
        newsdesk.extract(html)
    assert isinstance(e.value, newsdesk.Error) and isinstance(e.value, builtin)
    assert str(e.value)


def test_too_large():
    with pytest.raises(newsdesk.InputTooLarge) as e:
        newsdesk.extract(PAGE, max_bytes=100)
    assert e.value.limit == 100 and e.value.size == len(PAGE.encode())
    assert "100" in str(e.value)
    # Exceptions survive pickling (multiprocessing, Spark).
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is newsdesk.InputTooLarge and again.limit == 100


@pytest.mark.parametrize(
    "kwargs, exc, words",
    [
        ({"output_format": "pdf"}, ValueError, "output_format"),
        ({"mode": "fast"}, ValueError, "mode"),
        ({"reference_date": "5 March 2024"}, ValueError, "YYYY-MM-DD"),
        ({"reference_date": 20240305}, TypeError, "reference_date"),
        ({"time_budget": -1.0}, ValueError, "time_budget"),
    ],
)
def test_bad_arguments(kwargs, exc, words):
    with pytest.raises(exc, match=words):
        newsdesk.extract(PAGE, **kwargs)


def test_bad_html_type():
    with pytest.raises(TypeError, match="str or bytes"):
        newsdesk.extract(42)


def test_hostile_input_does_not_crash():
    for html in (
        "<" * 100_000,
        "<div>" * 50_000,
        "\ud800 lone surrogate <p>text</p>",
        b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00",
        "<html><body>" + "<table><tr><td>" * 5_000 + "x",
    ):
        try:
            newsdesk.extract(html)
        except newsdesk.Error:
            pass


def test_extract_many_keeps_order_and_matches_extract():
    pages = [PAGE.replace("eleven", str(i)) for i in range(40)]
    one = [newsdesk.extract(p, URL) for p in pages]
    assert newsdesk.extract_many(pages, [URL] * 40, workers=2) == one
    assert newsdesk.extract_many(pages, [URL] * 40, workers=1) == one
    assert newsdesk.extract_many([]) == []
    arts = newsdesk.extract_many(pages[:3], output_format="article")
    assert all(isinstance(a, newsdesk.Article) for a in arts)


def test_extract_many_errors():
    pages = [PAGE, "", PAGE, b"%PDF-1.4\n..."]
    with pytest.raises(newsdesk.EmptyInput) as e:
        newsdesk.extract_many(pages)
    assert e.value.index == 1 and "page 1" in str(e.value)
    got = newsdesk.extract_many(pages, errors="return")
    assert isinstance(got[1], newsdesk.EmptyInput) and isinstance(got[3], newsdesk.NotHtml)
    assert got[3].index == 3 and got[0] == got[2]
    assert newsdesk.extract_many(pages, errors="ignore")[1] is None
    with pytest.raises(ValueError, match="urls has 1 entries for 4 pages"):
        newsdesk.extract_many(pages, [URL])
    with pytest.raises(ValueError):
        newsdesk.extract_many(pages, workers=0)
    with pytest.raises(ValueError):
        newsdesk.extract_many(pages, errors="skip")


def test_gil_is_released():
    """Another Python thread keeps running while a long extraction is in progress."""
    big = PAGE.replace("</article>", "<p>More words about the harbour bridge.</p>" * 40_000 + "</article>")
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        n = len(ticks)
        newsdesk.extract(big, time_budget=30.0)
        during = len(ticks) - n
    finally:
        stop.set()
        t.join()
    assert during > 5


def test_default_limits():
    limits = newsdesk.default_limits()
    assert limits["max_bytes"] == 16 << 20 and limits["time_budget"] > 0


def test_read_records(warcs):
    records = list(newsdesk.read_records(warcs["noisy"]))
    kinds = {r.kind for r in records}
    assert kinds == {"page", "skipped"}
    assert [r.seq for r in records] == list(range(len(records)))
    page = next(r for r in records if r.kind == "page")
    assert page.id == f"{warcs['noisy']}#{page.seq}"
    assert page.url and page.body and page.reference_date
    skipped = [r.reason for r in records if r.kind == "skipped"]
    assert "warc-type:request" in skipped
    assert any(r.startswith("not-html:") for r in skipped)
    with pytest.raises(OSError):
        newsdesk.read_records("/nonexistent/crawl.warc.gz")


def test_version():
    assert newsdesk.__version__.count(".") == 2
