"""Speed of newsdesk from Python against the CLI's own measurement, on the scrapinghub pages.

    python python/bench_speed.py                       # Python figures only
    python python/bench_speed.py --cli                 # also run newsdesk-eval the same way

Single thread: each page decoded to str once, before timing (as `newsdesk-eval --decoded`
does), then `newsdesk.extract(page, url, output_format="text", with_metadata=False)` timed
on the calling thread's CPU clock (as `--clock cpu`), after a warm-up over the first 50 pages;
3 passes, each page's median; pages/s = pages / sum of medians. That is the eval's method, so
the ratio shows what the Python boundary costs (argument conversion, the GIL release, building
the result str).

Batch helper: `newsdesk.extract_many` over the pages (repeated `--repeat` times so a run lasts
long enough to time) at each `--workers` count, wall clock, best of the passes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import newsdesk

REPO = Path(__file__).resolve().parent.parent


def load(datasets: Path):
    truth = json.loads((datasets / "scrapinghub" / "ground-truth.json").read_text())
    pages, urls = [], []
    for id_ in sorted(truth):
        raw = (datasets / "scrapinghub" / "html" / f"{id_}.html").read_bytes()
        # Decoded once, before timing, as `--decoded` does (the files are UTF-8).
        pages.append(raw.decode("utf-8", errors="replace"))
        urls.append(truth[id_].get("url"))
    return pages, urls


def single_thread(pages, urls, passes: int, warmup_pages: int) -> dict:
    for page, url in list(zip(pages, urls))[:warmup_pages]:
        newsdesk.extract(page, url, with_metadata=False)
    times = [[] for _ in pages]
    clock = time.thread_time_ns
    wall0 = time.perf_counter()
    for _ in range(passes):
        for i, (page, url) in enumerate(zip(pages, urls)):
            t0 = clock()
            newsdesk.extract(page, url, with_metadata=False)
            times[i].append((clock() - t0) / 1e6)
    wall = time.perf_counter() - wall0
    total_ms = sum(statistics.median(t) for t in times)
    return {
        "pages": len(pages),
        "pages_per_s_cpu": len(pages) / (total_ms / 1000),
        "pages_per_s_wall": len(pages) * passes / wall,
    }


def many(pages, urls, workers: int, passes: int, repeat: int) -> dict:
    pages, urls = pages * repeat, urls * repeat
    newsdesk.extract_many(pages[:50], urls[:50], workers=workers, with_metadata=False)
    best, cpu = float("inf"), 0.0
    for _ in range(passes):
        t0, c0 = time.perf_counter(), time.process_time()
        newsdesk.extract_many(pages, urls, workers=workers, with_metadata=False)
        secs = time.perf_counter() - t0
        if secs < best:
            best, cpu = secs, time.process_time() - c0
    # cores_busy: CPU seconds over wall seconds, how many cores the run actually got (on a
    # shared machine, fewer than `workers`).
    return {"workers": workers, "pages": len(pages), "seconds": best,
            "pages_per_s": len(pages) / best, "cores_busy": cpu / best}


def cli_jobs(datasets: Path, workers: int, passes: int, repeat: int) -> dict:
    """The control: `newsdesk extract -j N` over the same pages (files read and written too)."""
    html = datasets / "scrapinghub" / "html"
    files = sorted(str(p) for p in html.glob("*.html")) * repeat
    best = float("inf")
    for _ in range(passes):
        t0 = time.perf_counter()
        subprocess.run([str(REPO / "target/release/newsdesk"), "extract", "-j", str(workers),
                        *files], check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t0)
    return {"workers": workers, "pages": len(files), "seconds": best, "pages_per_s": len(files) / best}


def cli(datasets: Path, passes: int, warmup_pages: int, eval_bin=None) -> float:
    run = [str(eval_bin)] if eval_bin else [
        "cargo", "run", "--release", "--locked", "-q", "-p", "newsdesk-eval", "--"]
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "eval.json"
        subprocess.run(
            [*run, "--datasets", str(datasets), "--dataset", "scrapinghub", "--decoded",
             "--clock", "cpu", "--passes", str(passes), "--warmup-pages", str(warmup_pages),
             "--json", str(out)],
            cwd=REPO, check=True, stdout=subprocess.DEVNULL,
        )
        report = json.loads(out.read_text())
    return report["datasets"][0]["summary"]["timing"]["pages_per_s"]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", type=Path, default=REPO.parent / "shared" / "datasets")
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--warmup-pages", type=int, default=50)
    p.add_argument("--workers", default="1,2", help="extract_many worker counts")
    p.add_argument("--repeat", type=int, default=5, help="corpus repeats for extract_many")
    p.add_argument("--cli", action="store_true", help="also run newsdesk-eval (cargo) the same way")
    p.add_argument("--rounds", type=int, default=1,
                   help="alternate CLI and Python single-thread runs this many times; best of each")
    p.add_argument("--eval-bin", type=Path,
                   help="a built newsdesk-eval to run instead of `cargo run --release`")
    p.add_argument("--skip-many", action="store_true", help="single-thread figures only")
    args = p.parse_args()

    pages, urls = load(args.datasets)
    result = {"newsdesk": newsdesk.__version__, "python": sys.version.split()[0]}
    # On a shared machine the figures move with the neighbours' load: alternating the two and
    # keeping each one's best compares them under the same conditions.
    cli_runs, py_runs = [], []
    for _ in range(args.rounds):
        if args.cli:
            cli_runs.append(cli(args.datasets, args.passes, args.warmup_pages, args.eval_bin))
        py_runs.append(single_thread(pages, urls, args.passes, args.warmup_pages))
    if py_runs:  # --rounds 0: extract_many only
        result["python_single"] = max(py_runs, key=lambda r: r["pages_per_s_cpu"])
        result["python_single_runs"] = [round(r["pages_per_s_cpu"], 1) for r in py_runs]
    if args.cli and py_runs:
        result["cli_pages_per_s_cpu"] = max(cli_runs)
        result["cli_runs"] = [round(r, 1) for r in cli_runs]
        result["ratio"] = result["python_single"]["pages_per_s_cpu"] / result["cli_pages_per_s_cpu"]
    if args.skip_many:
        print(json.dumps(result, indent=2))
        return 0
    result["extract_many"] = [
        many(pages, urls, int(w), args.passes, args.repeat) for w in args.workers.split(",")
    ]
    if args.cli:
        result["cli_extract_jobs"] = [
            cli_jobs(args.datasets, int(w), args.passes, args.repeat) for w in args.workers.split(",")
        ]
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
