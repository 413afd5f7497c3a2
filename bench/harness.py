#!/usr/bin/env python3
"""The benchmark's job runner (standard library only); bench/run calls it after the set-up.

1. `newsdesk-eval list --decoded` hands out each dataset's pages, decoded once to UTF-8 by
   newsdesk's decoder, so that every peer reads the same text.
2. One job per (extractor, dataset): a runner process (bench/runners/py_runner.py,
   bench/runners/readability.js or the rust-peers binary) writes predictions JSONL; newsdesk is
   run by `newsdesk-eval` itself. Jobs run `--jobs` at a time, longest first; each one's peak
   RSS is read from the kernel (wait4) when it ends; a job past `--job-timeout` is killed.
3. `newsdesk-eval score` scores every peer's predictions with the project's own metrics.
4. Alone, at the end: the multi-core throughput of `newsdesk extract` on a directory.
5. Everything is written to OUT/results.json, from which bench/report.py writes the page.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

BODY_SETS = ["scrapinghub", "readability", "trafilatura"]
DATE_SETS = ["htmldate"]
LARGE_SETS = {"trafilatura", "htmldate"}

PY_PEERS = ["trafilatura", "readability-lxml", "resiliparse", "newspaper4k", "goose3", "justext", "boilerpy3"]
DATE_PEERS = ["trafilatura", "newspaper4k", "goose3"]
RUST_PEERS = ["dom_smoothie", "rs-trafilatura", "rust-trafilatura"]

# Rough ms per page on this kind of machine: only used to start the longest jobs first.
EST_MS = {
    "readability.js": 200, "goose3": 90, "newspaper4k": 90, "trafilatura": 30,
    "readability-lxml": 22, "justext": 15, "boilerpy3": 10, "rs-trafilatura": 12,
    "rust-trafilatura": 8, "dom_smoothie": 3, "resiliparse": 3, "newsdesk": 10,
}


def log(msg):
    print(f"[bench {datetime.datetime.now().strftime('%H:%M:%S')}] {msg}", flush=True)


def tail(path, n=12):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [l.rstrip("\n") for l in f.readlines() if l.strip()]
        return "\n".join(lines[-n:])
    except OSError:
        return ""


def failure_reason(path):
    """The most telling line of a failed job's log: the last line naming an error, else the last."""
    lines = tail(path, 60).splitlines()
    named = [l.strip() for l in lines if re.search(r"error|fatal|panicked|killed|traceback", l, re.I)]
    return (named or lines or ["(no output)"])[-1][:400]


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def run_measured(cmd, log_path, timeout, cwd=None, stdout_path=None):
    """Runs cmd; returns (exit code or None when killed, wall seconds, peak RSS KiB, timed_out,
    CPU seconds)."""
    with open(log_path, "w", encoding="utf-8") as logf:
        out = open(stdout_path, "w", encoding="utf-8") if stdout_path else logf
        try:
            t0 = time.monotonic()
            p = subprocess.Popen(cmd, stdout=out, stderr=logf, cwd=cwd, stdin=subprocess.DEVNULL)
            killed = threading.Event()

            def kill():
                killed.set()
                try:
                    p.kill()
                except OSError:
                    pass

            timer = threading.Timer(timeout, kill)
            timer.start()
            _, status, usage = os.wait4(p.pid, 0)
            timer.cancel()
            wall = time.monotonic() - t0
            p.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdout_path:
                out.close()
    rc = None if killed.is_set() else p.returncode
    return rc, wall, usage.ru_maxrss, killed.is_set(), usage.ru_utime + usage.ru_stime


def machine_info():
    info = {"os": platform.platform(), "python_harness": platform.python_version()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info["cores"] = os.cpu_count()
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["ram_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    info["distro"] = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return info


def cmd_version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except Exception:
        return None


class Job:
    def __init__(self, name, extractor, dataset, task, cmd, est_s, kind, pred=None, meta=None, report=None):
        self.name, self.extractor, self.dataset, self.task = name, extractor, dataset, task
        self.cmd, self.est_s, self.kind = cmd, est_s, kind
        self.pred, self.meta, self.report = pred, meta, report
        self.result = {}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True, help="the project root")
    ap.add_argument("--out", required=True, help="work directory (bench/out)")
    ap.add_argument("--eval", required=True, help="the newsdesk-eval binary")
    ap.add_argument("--newsdesk", required=True, help="the newsdesk binary")
    ap.add_argument("--python", help="the peers' Python (bench/.venv/bin/python)")
    ap.add_argument("--node", default="node")
    ap.add_argument("--rust-peers", help="the rust-peers binary")
    ap.add_argument("--quick", type=int, default=0, help="only the first N pages of each dataset")
    ap.add_argument("--passes", type=int, default=3, help="timed passes on scrapinghub and readability")
    ap.add_argument("--passes-large", type=int, default=1, help="timed passes on trafilatura and htmldate")
    ap.add_argument("--warmup-pages", type=int, default=100, help="pages in the peers' untimed warm-up pass (0: all)")
    ap.add_argument("--jobs", type=int, default=2, help="jobs at a time (each extractor is single-threaded)")
    ap.add_argument("--job-timeout", type=float, default=2400, help="seconds before a job is killed")
    ap.add_argument("--page-timeout", type=float, default=30, help="seconds per page (Python peers)")
    ap.add_argument("--only", default="", help="comma-separated extractors to run (default: all)")
    ap.add_argument("--datasets", default="", help="comma-separated datasets (default: all four)")
    ap.add_argument("--command", default="bench/run", help="the command line to quote in the report")
    ap.add_argument("--started", type=float, default=time.time(), help="epoch seconds bench/run started")
    args = ap.parse_args()

    out = os.path.abspath(args.out)
    for d in ["pages", "decoded", "pred", "meta", "scores", "logs"]:
        os.makedirs(os.path.join(out, d), exist_ok=True)
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    datasets = [d.strip() for d in args.datasets.split(",") if d.strip()] or BODY_SETS + DATE_SETS
    want = lambda name: not only or name in only  # noqa: E731
    setup = read_json(os.path.join(out, "setup.json")) or {}
    harness_started = time.time()
    load_start = os.getloadavg()

    # --- page lists, decoded once by newsdesk's decoder ---------------------------------------
    lists = {}
    for ds in datasets:
        full = os.path.join(out, "pages", f"{ds}.jsonl")
        logp = os.path.join(out, "logs", f"list-{ds}.log")
        rc, wall, _, _, _ = run_measured(
            [args.eval, "list", "--dataset", ds, "--decoded", os.path.join(out, "decoded", ds)],
            logp, 600, stdout_path=full)
        if rc != 0:
            log(f"newsdesk-eval list --dataset {ds} failed (see {logp}):\n{tail(logp)}")
            continue
        with open(full, encoding="utf-8") as f:
            lines = [l for l in f if l.strip()]
        if args.quick:
            lines = lines[: args.quick]
            path = os.path.join(out, "pages", f"{ds}.quick.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(lines)
        else:
            path = full
        lists[ds] = {"path": path, "pages": len(lines)}
        log(f"{ds}: {len(lines)} pages listed and decoded in {wall:.1f}s")

    # --- jobs ----------------------------------------------------------------------------------
    def passes_for(ds):
        if args.quick:
            return 1
        return args.passes_large if ds in LARGE_SETS else args.passes

    warmup_pages = 5 if args.quick else args.warmup_pages
    jobs = []

    def est(extractor, ds, task):
        n = lists[ds]["pages"]
        ms = EST_MS.get(extractor, 20) * (1.5 if task == "date" else 1)
        warm = n if warmup_pages == 0 else min(n, warmup_pages)
        return 2 + ms * (n * passes_for(ds) + warm) / 1000

    def peer_job(extractor, ds, task, base_cmd, kind):
        name = f"{extractor}.{ds}"
        pred = os.path.join(out, "pred", f"{name}.jsonl")
        meta = os.path.join(out, "meta", f"{name}.json")
        cmd = base_cmd + ["--pages", lists[ds]["path"], "--out", pred, "--meta", meta,
                          "--passes", str(passes_for(ds)), "--warmup", "1",
                          "--warmup-pages", str(warmup_pages)]
        if task == "date":
            cmd += ["--task", "date"]
        for stale in (pred, meta):
            if os.path.exists(stale):
                os.remove(stale)
        return Job(name, extractor, ds, task, cmd, est(extractor, ds, task), kind, pred=pred, meta=meta)

    py_runner = os.path.join(args.root, "bench", "runners", "py_runner.py")
    js_runner = os.path.join(args.root, "bench", "runners", "readability.js")
    rust_built = []
    if args.rust_peers and os.path.exists(args.rust_peers):
        listing = subprocess.run([args.rust_peers, "--list"], capture_output=True, text=True)
        rust_built = [l.split()[0] for l in listing.stdout.splitlines() if l.strip()]
    have_py = bool(args.python) and os.path.exists(args.python)
    have_js = os.path.isdir(os.path.join(args.root, "bench", "node_modules", "@mozilla", "readability"))

    for ds in datasets:
        if ds not in lists:
            continue
        if ds in BODY_SETS:
            for e in PY_PEERS:
                if want(e) and have_py:
                    jobs.append(peer_job(e, ds, "body", [args.python, py_runner, e, "--timeout", str(args.page_timeout)], "python"))
            if want("readability.js") and have_js:
                jobs.append(peer_job("readability.js", ds, "body", [args.node, js_runner], "node"))
            for e in RUST_PEERS:
                if want(e) and e in rust_built:
                    jobs.append(peer_job(e, ds, "body", [args.rust_peers, e], "rust"))
        else:
            for e in DATE_PEERS:
                if want(e) and have_py:
                    jobs.append(peer_job(e, ds, "date", [args.python, py_runner, e, "--timeout", str(args.page_timeout)], "python"))
        if want("newsdesk"):
            report = os.path.join(out, "scores", f"newsdesk.{ds}.json")
            if os.path.exists(report):
                os.remove(report)
            # The same decoded input and the same warm-up as the peers get.
            cmd = [args.eval, "--dataset", ds, "--passes", str(passes_for(ds)), "--json", report, "--decoded"]
            if not args.quick:
                if warmup_pages:
                    cmd += ["--warmup-pages", str(warmup_pages)]
                else:
                    cmd.append("--warmup")
            jobs.append(Job(f"newsdesk.{ds}", "newsdesk", ds, "date" if ds in DATE_SETS else "body", cmd,
                            est("newsdesk", ds, "body") * (2 if args.quick else 1.3), "newsdesk", report=report))

    jobs.sort(key=lambda j: -j.est_s)
    log(f"{len(jobs)} jobs, {args.jobs} at a time; estimated {sum(j.est_s for j in jobs) / 60:.1f} job-minutes")

    def execute(job):
        logp = os.path.join(out, "logs", f"{job.name}.log")
        log(f"start {job.name}")
        rc, wall, rss, killed, cpu = run_measured(job.cmd, logp, args.job_timeout, cwd=args.root)
        r = {"extractor": job.extractor, "dataset": job.dataset, "task": job.task, "kind": job.kind,
             "command": " ".join(shlex.quote(c) for c in job.cmd), "exit": rc, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
             "peak_rss_kb": rss, "timed_out": killed, "log": os.path.relpath(logp, args.root)}
        if job.kind == "newsdesk":
            rep = read_json(job.report)
            if rc == 0 and rep:
                r["score"] = rep["datasets"][0]["summary"]
                r["version"] = newsdesk_version
                r["passes"] = rep.get("passes")
                r["warmup"] = (f"first {warmup_pages} pages" if warmup_pages else "all pages") if rep.get("warmup") else "none"
                r["pages"] = r["score"].get("pages")
            else:
                r["failure"] = f"timed out after {args.job_timeout:.0f}s" if killed else f"exit {rc}: {failure_reason(logp)}"
        else:
            meta = read_json(job.meta)
            if rc == 0 and meta and os.path.exists(job.pred):
                r["meta"] = {k: v for k, v in meta.items() if k != "failed_pages"}
                r["failed_pages"] = meta.get("failed_pages", [])[:20]
                r["version"] = meta.get("version")
                r["runtime"] = meta.get("runtime")
                r["passes"], r["warmup"] = meta.get("passes"), f"first {meta.get('warmup_pages')} pages"
                r["pages"] = meta.get("pages")
                score_json = os.path.join(out, "scores", f"{job.name}.json")
                slog = os.path.join(out, "logs", f"score-{job.name}.log")
                src, _, _, _, _ = run_measured([args.eval, "score", "--dataset", job.dataset, "--predictions", job.pred,
                                             "--json", score_json], slog, 600, cwd=args.root)
                rep = read_json(score_json) if src == 0 else None
                if rep:
                    r["score"] = rep["datasets"][0]["summary"]
                else:
                    r["failure"] = f"scoring failed: {failure_reason(slog)}"
            else:
                r["failure"] = f"timed out after {args.job_timeout:.0f}s" if killed else f"exit {rc}: {failure_reason(logp)}"
        s = r.get("score")
        if s:
            t = s.get("timing") or {}
            log(f"done  {job.name}: F1 {s['f1']:.3f}  {t.get('pages_per_s', 0):.1f} pages/s  "
                f"({wall:.0f}s, {rss / 1024:.0f} MiB)")
        else:
            log(f"FAIL  {job.name}: {r.get('failure', '')[:300]}")
        job.result = r
        return r

    newsdesk_version = cmd_version([args.newsdesk, "--version"]) or "?"
    commit = cmd_version(["git", "-C", args.root, "rev-parse", "--short", "HEAD"])
    if commit:
        dirty = subprocess.run(["git", "-C", args.root, "status", "--porcelain", "--", "crates", "Cargo.toml", "Cargo.lock"],
                               capture_output=True, text=True).stdout.strip()
        newsdesk_version = f"{newsdesk_version.replace('newsdesk ', '')} ({commit}{', uncommitted changes' if dirty else ''})"

    # The machine may be shared: sample the load average while the jobs run, for the page.
    load_samples = []
    stop_sampling = threading.Event()

    def sample_load():
        while not stop_sampling.wait(15):
            load_samples.append(os.getloadavg()[0])

    sampler = threading.Thread(target=sample_load, daemon=True)
    sampler.start()
    runs_started = time.time()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(execute, jobs))
    runs_s = time.time() - runs_started
    stop_sampling.set()
    load_end = os.getloadavg()

    # --- multi-core throughput of `newsdesk extract` on a directory (alone) ---------------------
    throughput = None
    if want("newsdesk") and "scrapinghub" in lists and os.path.exists(args.newsdesk):
        throughput = measure_throughput(args, out)

    rows = [j.result for j in jobs]
    res = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": args.command,
        "quick": args.quick,
        "config": {"passes": args.passes, "passes_large": args.passes_large, "warmup_pages": warmup_pages,
                   "jobs": args.jobs, "job_timeout_s": args.job_timeout, "page_timeout_s": args.page_timeout},
        "machine": machine_info(),
        "tools": {"python": cmd_version([args.python, "--version"]) if have_py else None,
                  "node": cmd_version([args.node, "--version"]), "rustc": cmd_version(["rustc", "--version"]),
                  "newsdesk-eval": cmd_version([args.eval, "--version"])},
        "load_average": {"start": [round(x, 2) for x in load_start], "end": [round(x, 2) for x in load_end],
                         "mean_during_jobs": round(statistics.mean(load_samples), 2) if load_samples else None},
        "jobs_cpu_s": round(sum(j.result.get("cpu_s", 0) for j in jobs), 1),
        "setup": setup,
        "datasets": lists,
        "rows": rows,
        "throughput": throughput,
        "timing": {"setup_s": round(harness_started - args.started, 1), "runs_s": round(runs_s, 1),
                   "total_s": round(time.time() - args.started, 1)},
    }
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
    failed = [r for r in rows if "score" not in r]
    log(f"results in {os.path.join(out, 'results.json')}: {len(rows) - len(failed)} jobs scored, {len(failed)} failed")


def measure_throughput(args, out):
    """`newsdesk extract` over the scrapinghub pages directory: 1 thread, then 2."""
    root = args.root
    html_dir = os.path.join(os.path.dirname(root), "shared", "datasets", "scrapinghub", "html")
    if not os.path.isdir(html_dir):
        html_dir = os.path.join(root, "..", "shared", "datasets", "scrapinghub", "html")
    files = sorted(os.path.join(html_dir, f) for f in os.listdir(html_dir) if f.endswith((".html", ".htm")))
    if args.quick:
        files = files[: max(2, args.quick)]
    n = len(files)
    helptext = subprocess.run([args.newsdesk, "extract", "--help"], capture_output=True, text=True).stdout
    m = re.search(r"(-j, )?--(jobs|threads)\b", helptext)
    jobs_flag = f"--{m.group(2)}" if m else None
    reps = 1 if args.quick else 3
    base = [args.newsdesk, "extract", "--format", "jsonl"]
    devnull = subprocess.DEVNULL

    def one(cmds):
        t0 = time.monotonic()
        procs = [subprocess.Popen(c, stdout=devnull, stderr=devnull) for c in cmds]
        codes = [p.wait() for p in procs]
        return time.monotonic() - t0, codes

    if jobs_flag:
        one_thread = [base + [jobs_flag, "1"] + files]
        two_threads = [base + [jobs_flag, "2"] + files]
        how2 = f"`newsdesk extract {jobs_flag} 2` (one process, 2 threads)"
    else:
        half = (n + 1) // 2
        one_thread = [base + files]
        two_threads = [base + files[:half], base + files[half:]]
        how2 = ("two concurrent single-thread `newsdesk extract` processes over the two halves of the file list "
                "(`newsdesk extract --help` shows no jobs option)")
    log(f"throughput: {n} files, warm-up then {reps} timed runs each at 1 and 2 threads")
    load_1min = os.getloadavg()[0]
    one(one_thread)  # warm-up: page cache, binary loaded
    t1 = [one(one_thread) for _ in range(reps)]
    t2 = [one(two_threads) for _ in range(reps)]
    w1 = statistics.median(t for t, _ in t1)
    w2 = statistics.median(t for t, _ in t2)
    exit_codes = sorted({c for _, cs in t1 + t2 for c in cs})
    return {
        "directory": os.path.relpath(html_dir, root), "files": n, "runs": reps,
        "jobs_option": jobs_flag, "how_1": "`newsdesk extract --format jsonl DIR` (one process, one thread)",
        "how_2": how2, "wall_1_s": round(w1, 3), "wall_2_s": round(w2, 3),
        "pages_per_s_1": round(n / w1, 1), "pages_per_s_2": round(n / w2, 1), "speedup": round(w1 / w2, 2),
        "exit_codes": exit_codes, "load_1min": round(load_1min, 2),
    }


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(main())
