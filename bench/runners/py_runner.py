#!/usr/bin/env python3
"""One runner for the Python peers of the newsdesk benchmark.

    py_runner.py EXTRACTOR --pages PAGES.jsonl --out PRED.jsonl --meta META.json
                 [--passes N] [--warmup N] [--warmup-pages N] [--task body|date] [--timeout S]

Reads the page list written by `newsdesk-eval list --decoded DIR` (one JSON object a line: id,
path, url, decoded), imports only the one extractor asked for, then runs `warmup` untimed passes
(over the first `warmup-pages` pages, 0 = all) and `passes` timed passes over all pages. Each
decoded UTF-8 page is read from disk before its call, outside the timing; only the extraction
call is timed. The output kept is the first timed pass's. A page that raises or runs past the timeout gives empty output
(and is not retried in later passes). Writes one prediction a line (id, text, optional date,
ms = the page's median over the timed passes, error when it failed) and a JSON of facts about the run: the peer's
version, the peak RSS of this process (the Python interpreter's own baseline included), errors.

Each peer is called with its recommended/default settings for article text.
"""

import argparse
import json
import re
import resource
import signal
import statistics
import sys
import time
from importlib.metadata import version as dist_version

# --- HTML to text, for the one peer that returns HTML (readability-lxml) ---------------------

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
}


def html_to_text(fragment):
    """Text of an HTML fragment: inline text joined as is, a line break around block elements."""
    import lxml.html

    if not fragment or not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    parts = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower() in BLOCK_TAGS
        if block:
            parts.append("\n")
        if isinstance(el.tag, str) and el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def iso_day(value):
    """A date value (datetime, date or string) as YYYY-MM-DD, or None. Outside the timing."""
    if value is None or value == "":
        return None
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return m.group(0)
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(s).strftime("%Y-%m-%d")
    except Exception:
        return None


# --- justext: the stoplist for the page's declared language, else English ---------------------

JUSTEXT_LANGS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ms": "Malay", "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal",
    "nb": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "zh": "Chinese",
}
LANG_RE = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})"
    r"|<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*[\"']?\s*([A-Za-z]{2,3})",
    re.I,
)


# --- the peers -------------------------------------------------------------------------------


def make_extractor(name, task):
    """(function(html, url) -> (text, date), version string) for one peer, imported here only."""
    want_date = task == "date"

    if name == "trafilatura":
        import trafilatura

        if want_date:
            # Dates come from trafilatura's metadata extraction (htmldate inside trafilatura).
            def run(html, url):
                doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
                if doc is None:
                    return "", None
                return doc.text or "", doc.date
        else:
            def run(html, url):
                return trafilatura.extract(html, url=url) or "", None

        return run, dist_version("trafilatura")

    if name == "readability-lxml":
        from readability import Document

        def run(html, url):
            return Document(html).summary(), None

        return run, dist_version("readability-lxml")

    if name == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text

        def run(html, url):
            return extract_plain_text(html, main_content=True), None

        return run, dist_version("resiliparse")

    if name == "newspaper4k":
        import newspaper

        def run(html, url):
            article = newspaper.Article(url or "http://localhost/", fetch_images=False)
            article.download(input_html=html)
            article.parse()
            return article.text or "", (article.publish_date if want_date else None)

        return run, dist_version("newspaper4k")

    if name == "goose3":
        from goose3 import Goose

        goose = Goose()

        def run(html, url):
            article = goose.extract(raw_html=html)
            return article.cleaned_text or "", (article.publish_date if want_date else None)

        return run, dist_version("goose3")

    if name == "justext":
        import justext

        available = set(justext.get_stoplists())
        stoplists = {}

        def stoplist_for(html):
            m = LANG_RE.search(html[:20000])
            code = (m.group(1) or m.group(2)).lower()[:2] if m else "en"
            lang = JUSTEXT_LANGS.get(code, "English")
            if lang not in available:
                lang = "English"
            if lang not in stoplists:
                stoplists[lang] = justext.get_stoplist(lang)
            return stoplists[lang]

        def run(html, url):
            paragraphs = justext.justext(html, stoplist_for(html))
            return "\n".join(p.text for p in paragraphs if not p.is_boilerplate), None

        return run, dist_version("justext")

    if name == "boilerpy3":
        from boilerpy3 import extractors

        extractor = extractors.ArticleExtractor(raise_on_failure=False)

        def run(html, url):
            return extractor.get_content(html) or "", None

        return run, dist_version("boilerpy3")

    raise SystemExit(f"py_runner: unknown extractor {name}")


# readability-lxml returns HTML: its text is taken after the timed call.
POSTPROCESS = {"readability-lxml": html_to_text}


class PageTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise PageTimeout()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("extractor")
    ap.add_argument("--pages", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="untimed warm-up passes")
    ap.add_argument("--warmup-pages", type=int, default=0, help="pages in a warm-up pass: the first N (0: all)")
    ap.add_argument("--task", choices=["body", "date"], default="body")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per page and call")
    args = ap.parse_args()

    pages = []
    with open(args.pages, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            url = rec.get("url") or ""
            # Some datasets use pseudo-URLs as ids ("hard::name.html"): those are not passed on.
            url = url if re.match(r"https?://", url, re.I) else None
            pages.append((rec["id"], url, rec.get("decoded") or rec["path"]))

    def read(path):
        # Outside the timing. Read page by page, so that the peak RSS is not the whole dataset's.
        with open(path, "rb") as page:
            return page.read().decode("utf-8", errors="replace")

    run, version = make_extractor(args.extractor, args.task)
    post = POSTPROCESS.get(args.extractor)
    signal.signal(signal.SIGALRM, on_alarm)

    n = len(pages)
    outputs = [None] * n
    errors = {}
    times = [[] for _ in range(n)]
    started = time.perf_counter()
    for p in range(args.warmup + args.passes):
        for i, (pid, url, path) in enumerate(pages):
            if p < args.warmup and 0 < args.warmup_pages <= i:
                break
            if pid in errors:
                # A page that crashed or timed out once is not run again: its output stays empty
                # and its time is the one of its failed call.
                if p >= args.warmup:
                    times[i].append(times[i][0] if times[i] else errors[pid][1])
                continue
            html = read(path)
            signal.setitimer(signal.ITIMER_REAL, args.timeout)
            t0 = time.perf_counter()
            try:
                result = run(html, url)
                ms = (time.perf_counter() - t0) * 1000.0
                signal.setitimer(signal.ITIMER_REAL, 0)
            except PageTimeout:
                ms = (time.perf_counter() - t0) * 1000.0
                errors[pid] = (f"timeout after {args.timeout:g}s", ms)
                result = ("", None)
            except BaseException as e:  # a crash = empty output
                ms = (time.perf_counter() - t0) * 1000.0
                signal.setitimer(signal.ITIMER_REAL, 0)
                if isinstance(e, KeyboardInterrupt):
                    raise
                errors[pid] = (f"{type(e).__name__}: {e}"[:300], ms)
                result = ("", None)
            if p >= args.warmup:
                times[i].append(ms)
            if p >= args.warmup and outputs[i] is None:
                outputs[i] = result
    wall = time.perf_counter() - started
    peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    with open(args.out, "w", encoding="utf-8") as f:
        for i, (pid, url, path) in enumerate(pages):
            text, date = outputs[i] or ("", None)
            if post and text:
                try:
                    text = post(text)
                except Exception:
                    text = ""
            rec = {"id": pid, "text": text or "", "ms": statistics.median(times[i]) if times[i] else 0.0}
            day = iso_day(date)
            if day:
                rec["date"] = day
            if pid in errors:
                rec["error"] = errors[pid][0]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    meta = {
        "extractor": args.extractor,
        "version": version,
        "runtime": f"Python {sys.version.split()[0]}",
        "task": args.task,
        "pages": n,
        "passes": args.passes,
        "warmup": args.warmup,
        "warmup_pages": (min(args.warmup_pages, n) if args.warmup_pages else n) if args.warmup else 0,
        "peak_rss_kb": peak_rss_kb,
        "wall_s": wall,
        "errors": sum(1 for e in errors.values() if not e[0].startswith("timeout")),
        "timeouts": sum(1 for e in errors.values() if e[0].startswith("timeout")),
        "failed_pages": [{"id": k, "error": v[0]} for k, v in errors.items()],
    }
    with open(args.meta, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)


if __name__ == "__main__":
    main()
