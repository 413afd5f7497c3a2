#!/usr/bin/env python3
"""Writes docs/benchmarks.md and the chart docs/benchmarks.png from bench/out/results.json.

    report.py --results bench/out/results.json --md docs/benchmarks.md --png docs/benchmarks.png

The chart needs matplotlib (bench/run uses the peers' venv, where it is installed); without it
the page is written without the chart.
"""

import argparse
import json
import os
import re

DATASET_INFO = {
    "scrapinghub": ("article body text, 181 news pages", "shingle P/R (mean over pages), F1 of the means"),
    "readability": ("article body text against readability.js's expected output, 130 pages",
                    "shingle P/R (mean over pages), F1 of the means"),
    "trafilatura": ("must-have / must-not-have snippets, 990 pages (mostly German)",
                    "snippet TP/FP/FN summed over the corpus"),
    "htmldate": ("publication date, 1000 pages", "exact day: TP match, FP other date, FN no date"),
}
PUBLISHED = {
    "scrapinghub": "AutoExtract 0.970, rs-trafilatura 0.970, trafilatura 2.0 0.958, newspaper4k 0.949, "
                   "readability.js 0.947, readability-lxml 0.922, goose3 0.896, dom_smoothie 0.865, justext 0.804",
    "trafilatura": "trafilatura 2.2 0.924, news-please 0.836, readability-lxml 0.826, resiliparse 0.811, "
                   "goose3 0.810, newspaper4k 0.801",
    "htmldate": "htmldate (extensive) 0.949, newspaper4k 0.810, news-please 0.810, goose3 0.706",
}
ORDER = ["scrapinghub", "readability", "trafilatura", "htmldate"]


def fmt(v, spec=".3f"):
    return "–" if v is None else format(v, spec)


def mib(kb):
    return "–" if not kb else f"{kb / 1024:.0f} MiB"


def timing(row):
    return (row.get("score") or {}).get("timing") or {}


def place_labels(fig, ax, pts):
    """Labels next to their points, moved around greedily so that they do not overlap."""
    px_per_pt = fig.dpi / 72.0
    placed = []
    candidates = [(5, 3, "left"), (5, -11, "left"), (-5, 3, "right"), (-5, -11, "right"),
                  (5, 13, "left"), (5, -21, "left"), (-5, 13, "right"), (-5, -21, "right"),
                  (5, 23, "left"), (5, -31, "left")]
    for name, x, y in sorted(pts, key=lambda p: (p[0] != "newsdesk", -p[2])):
        px, py = ax.transData.transform((x, y))
        w, h = 5.0 * len(name) * px_per_pt, 9.0 * px_per_pt
        choice = candidates[0]
        for dx, dy, ha in candidates:
            x0 = px + dx * px_per_pt - (w if ha == "right" else 0)
            y0 = py + dy * px_per_pt
            box = (x0, y0, x0 + w, y0 + h)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                choice = (dx, dy, ha)
                break
        dx, dy, ha = choice
        x0 = px + dx * px_per_pt - (w if ha == "right" else 0)
        placed.append((x0, py + dy * px_per_pt, x0 + w, py + dy * px_per_pt + h))
        far = abs(dy) > 12
        ax.annotate(name, (x, y), textcoords="offset points", xytext=(dx, dy), ha=ha, fontsize=8,
                    fontweight="bold" if name == "newsdesk" else "normal",
                    arrowprops={"arrowstyle": "-", "color": "0.5", "lw": 0.5} if far else None)


def chart(res, png, rows_by_ds):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sets = [d for d in ORDER if any("score" in r for r in rows_by_ds.get(d, []))]
    if not sets:
        return False
    cols = 2 if len(sets) > 1 else 1
    nrows = (len(sets) + cols - 1) // cols
    fig, axes = plt.subplots(nrows, cols, figsize=(7 * cols, 5 * nrows), squeeze=False, dpi=110)
    for ax in axes.flat[len(sets):]:
        ax.set_visible(False)
    to_label = []
    for ax, ds in zip(axes.flat, sets):
        pts = [(r["extractor"], timing(r).get("pages_per_s"), r["score"]["f1"])
               for r in rows_by_ds[ds] if "score" in r and timing(r).get("pages_per_s")]
        for name, x, y in pts:
            own = name == "newsdesk"
            ax.scatter([x], [y], s=70 if own else 40, color="#d62728" if own else "#1f77b4",
                       zorder=3, edgecolor="black", linewidth=0.5)
        ax.set_xscale("log")
        ax.set_xlabel("pages per second, one thread (log scale)")
        ax.set_ylabel("date F1" if ds == "htmldate" else "F1")
        ax.set_title(f"{ds}: {DATASET_INFO[ds][0].split(',')[0]}", fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
        if pts:
            lo = min(y for _, _, y in pts)
            ax.set_ylim(max(0.0, lo - 0.05), min(1.0, max(y for _, _, y in pts) + 0.05) + 0.01)
            xs = [x for _, x, _ in pts]
            ax.set_xlim(min(xs) / 1.6, max(xs) * 2.5)
        to_label.append((ax, pts))
    fig.suptitle(f"newsdesk and its peers: quality against speed ({res['generated']})", fontsize=11)
    fig.tight_layout()
    for ax, pts in to_label:
        place_labels(fig, ax, pts)
    fig.savefig(png, dpi=110)
    return True


def page_gaps(scores_dir, ds, rows, limit=10):
    """Pages where newsdesk falls furthest below the best peer on that page."""
    def per_page(name):
        rep = None
        try:
            with open(os.path.join(scores_dir, f"{name}.{ds}.json"), encoding="utf-8") as f:
                rep = json.load(f)
        except (OSError, ValueError):
            return {}
        return {p["id"]: p for p in rep["datasets"][0].get("pages", [])}

    own = per_page("newsdesk")
    if not own:
        return []
    peers = {r["extractor"]: per_page(r["extractor"]) for r in rows if r["extractor"] != "newsdesk" and "score" in r}
    gaps = []
    for pid, p in own.items():
        best = max(((name, pages[pid]["f1"]) for name, pages in peers.items() if pid in pages),
                   key=lambda t: t[1], default=None)
        if best and best[1] - p["f1"] > 0:
            why = p.get("panic") or p.get("error") or ""
            gaps.append((best[1] - p["f1"], pid, p["f1"], best[0], best[1], why))
    gaps.sort(reverse=True)
    return gaps[:limit]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--md", required=True)
    ap.add_argument("--png", required=True)
    args = ap.parse_args()
    with open(args.results, encoding="utf-8") as f:
        res = json.load(f)
    scores_dir = os.path.join(os.path.dirname(os.path.abspath(args.results)), "scores")
    rows_by_ds = {}
    for r in res["rows"]:
        rows_by_ds.setdefault(r["dataset"], []).append(r)
    for rows in rows_by_ds.values():
        rows.sort(key=lambda r: -(r.get("score") or {}).get("f1", -1))

    os.makedirs(os.path.dirname(os.path.abspath(args.md)), exist_ok=True)
    try:
        have_chart = chart(res, args.png, rows_by_ds)
    except ImportError:
        have_chart = False
    m = res["machine"]
    cfg = res["config"]
    t = res["timing"]
    L = []
    w = L.append
    w("# Benchmarks: newsdesk beside its peers")
    w("")
    w(f"Generated by `{res['command']}` on {res['generated']}. This page is written by `bench/report.py`; "
      "do not edit it by hand, rerun `bench/run` (see [bench/README.md](../bench/README.md)).")
    if res.get("quick"):
        w("")
        w(f"**Quick run: only the first {res['quick']} pages of each dataset, one pass. The peers' scores count "
          "the pages they were not run on as empty output, so their figures are NOT comparable.**")
    w("")

    # --- headline: newsdesk's speed against trafilatura and resiliparse ------------------------
    def row_of(ds, name):
        return next((r for r in rows_by_ds.get(ds, []) if r["extractor"] == name and "score" in r), None)

    ratio_lines = []
    for ds in ORDER:
        nd = row_of(ds, "newsdesk")
        if not nd:
            continue
        cells = [ds, fmt(nd["score"]["f1"]), fmt(timing(nd).get("pages_per_s"), ".1f")]
        for peer in ["trafilatura", "resiliparse"]:
            pr = row_of(ds, peer)
            a, b = timing(nd).get("pages_per_s"), timing(pr).get("pages_per_s") if pr else None
            if a and b:
                cells += [f"{b:.1f}", f"**{a / b:.2f}×**"]
            else:
                cells += ["–", "–"]
        ratio_lines.append("| " + " | ".join(cells) + " |")
    if ratio_lines:
        w("## newsdesk's speed as a ratio to trafilatura and resiliparse (same run)")
        w("")
        w("| dataset | newsdesk F1 | newsdesk pages/s | trafilatura pages/s | newsdesk ÷ trafilatura "
          "| resiliparse pages/s | newsdesk ÷ resiliparse |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        L.extend(ratio_lines)
        w("")
        w("pages/s = pages ÷ the sum of the per-page median times, one thread. On htmldate, trafilatura "
          "runs with metadata extraction (its date comes from htmldate inside trafilatura); resiliparse "
          "extracts no dates.")
        w("")

    if have_chart:
        w(f"![F1 against pages per second, one point per extractor]({os.path.basename(args.png)})")
        w("")
        w("F1 against single-thread pages per second (log scale); newsdesk in red.")
        w("")

    # --- one table per dataset ------------------------------------------------------------------
    for ds in ORDER:
        rows = rows_by_ds.get(ds)
        if not rows:
            continue
        what, metric = DATASET_INFO[ds]
        n = res["datasets"].get(ds, {}).get("pages")
        w(f"## {ds}")
        w("")
        w(f"{what}; {metric}. Pages run: {n}.")
        w("")
        w("| extractor | version | P | R | F1 | pages/s | median ms | peak RSS | failed pages |")
        w("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            name = r["extractor"]
            label = f"**{name}**" if name == "newsdesk" else name
            s = r.get("score")
            if not s:
                w(f"| {label} | {r.get('version') or '–'} | – | – | – | – | – | – | "
                  "run failed (below) |")
                continue
            tm = s.get("timing") or {}
            failed = (s.get("errors") or 0) + (s.get("panics") or 0)
            cell = lambda v: f"**{v}**" if name == "newsdesk" else v  # noqa: E731
            w("| " + " | ".join([
                label, r.get("version") or "–", cell(fmt(s["precision"])), cell(fmt(s["recall"])),
                cell(fmt(s["f1"])), cell(fmt(tm.get("pages_per_s"), ".1f")), fmt(tm.get("median_ms"), ".2f"),
                mib(r.get("peak_rss_kb")), str(failed)]) + " |")
        w("")
        if ds in PUBLISHED:
            w(f"Published F1 on this set, for reference (other versions and set-ups): {PUBLISHED[ds]}.")
            w("")
        nd = row_of(ds, "newsdesk")
        if nd:
            above = [r for r in rows if r["extractor"] != "newsdesk" and "score" in r
                     and r["score"]["f1"] > nd["score"]["f1"]]
            if above:
                nd_f1 = nd["score"]["f1"]
                digits = 4 if any(f"{r['score']['f1']:.3f}" == f"{nd_f1:.3f}" for r in above) else 3
                w(f"**newsdesk is below {len(above)} peer(s) on F1 here:** "
                  + ", ".join(f"{r['extractor']} ({r['score']['f1']:.{digits}f})" for r in above)
                  + f", against newsdesk's {nd_f1:.{digits}f}.")
                gaps = page_gaps(scores_dir, ds, rows)
                if gaps:
                    w("")
                    w("<details><summary>The pages where newsdesk falls furthest below the best peer on that page"
                      "</summary>")
                    w("")
                    w("| page | newsdesk page F1 | best peer | its page F1 | newsdesk failure |")
                    w("|---|---:|---|---:|---|")
                    for _, pid, f_own, peer, f_peer, why in gaps:
                        w(f"| `{pid[:70]}` | {f_own:.2f} | {peer} | {f_peer:.2f} | {why[:80]} |")
                    w("")
                    w("</details>")
            else:
                w("newsdesk is at or above every peer's F1 here.")
            w("")

    # --- multi-core ------------------------------------------------------------------------------
    tp = res.get("throughput")
    w("## Multi-core throughput")
    w("")
    if tp:
        w(f"`newsdesk extract --format jsonl` over the {tp['files']} pages of `{tp['directory']}` "
          "(end to end: process start, file reading, decoding, extraction and JSON output), "
          f"median wall time of {tp['runs']} runs after a warm-up run:")
        w("")
        w("| threads | how | wall s | pages/s |")
        w("|---:|---|---:|---:|")
        w(f"| 1 | {tp['how_1']} | {tp['wall_1_s']:.2f} | {tp['pages_per_s_1']:.1f} |")
        w(f"| 2 | {tp['how_2']} | {tp['wall_2_s']:.2f} | {tp['pages_per_s_2']:.1f} |")
        w("")
        w(f"Speed-up at 2 threads: {tp['speedup']:.2f}×." + (
            f" The 1-minute load average when this was measured was {tp['load_1min']:.1f}: above about 1, "
            "other work held a core and the 2-thread figure understates the speed-up."
            if tp.get("load_1min") is not None else ""))
        if not tp.get("jobs_option"):
            w("")
            w("TODO: `newsdesk extract` has no jobs option yet, so the 2-thread figure is two processes over "
              "the two halves of the file list; replace it with `newsdesk extract -j 2` once the CLI has one.")
        if tp.get("exit_codes") not in ([0], None):
            w("")
            w(f"Exit codes seen: {tp['exit_codes']} (1 = some page failed to extract).")
    else:
        w("Not measured in this run.")
    w("")

    # --- method ----------------------------------------------------------------------------------
    w("## How it was measured")
    w("")
    w(f"- Command: `{res['command']}` from the project root. Wall time of this run: "
      f"{t['total_s'] / 60:.1f} min, of which set-up (installing and building the peers and newsdesk) "
      f"{t['setup_s'] / 60:.1f} min and the extractor jobs {t['runs_s'] / 60:.1f} min.")
    la = res["load_average"]
    mean_load = la.get("mean_during_jobs")
    w(f"- Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, {m.get('ram_gib', '?')} GiB RAM, "
      f"{m.get('distro', m.get('os', '?'))}.")
    load_note = (f"mean 1-minute load average while the jobs ran: {mean_load} "
                 f"(this benchmark alone accounts for about {cfg['jobs']})" if mean_load is not None
                 else f"load average {la['start'][0]} at the start of the jobs, {la['end'][0]} at the end")
    cpu_min = res.get("jobs_cpu_s", 0) / 60
    w(f"- Load: {load_note}. The jobs used {cpu_min:.1f} CPU-minutes in all (so about "
      f"{cpu_min / max(1, cfg['jobs']):.0f} minutes of wall time on an otherwise idle machine). "
      "A load above the job count means other work shared the cores and slowed every extractor's "
      "timings alike; compare the figures within this page, not with other runs.")
    tools = res.get("tools", {})
    w(f"- Runtimes: {tools.get('python') or 'Python: none'}, Node.js {tools.get('node') or 'none'}, "
      f"{tools.get('rustc') or 'rustc ?'}; the Rust peers in the release profile (no LTO, like newsdesk).")
    w("- Same input: `newsdesk-eval list --decoded` decodes every page once to UTF-8 with newsdesk's decoder; "
      "every peer gets that decoded string (read from disk before the clock starts). newsdesk is run by "
      "`newsdesk-eval`'s own runner, which times `newsdesk::extract` on the page's raw bytes, so its time "
      "includes decoding, which the peers' does not.")
    w(f"- Timing: only the extraction call, one page at a time, one thread; an untimed warm-up pass first "
      f"(the peers: over the first {cfg['warmup_pages'] or 'all'} pages of each dataset; newsdesk: its runner's "
      f"`--warmup`, all pages); then {cfg['passes']} timed passes on scrapinghub and readability and "
      f"{cfg['passes_large']} on trafilatura and htmldate (the large sets, to stay within 30 minutes). A page's "
      "time is its median over the passes; pages/s = pages ÷ the sum of those medians; median ms is the "
      "median page. Scores come from the first timed pass.")
    w(f"- {cfg['jobs']} extractor jobs ran at a time (each single-threaded) on the machine's "
      f"{m.get('cores', '?')} cores; `--jobs 1` gives quieter timings and takes about twice as long.")
    w("- Peak RSS: the whole runner process's maximum resident set, from the kernel (wait4) when it ended: "
      "for the Python peers it includes the interpreter and the imported libraries, for readability.js "
      "Node.js and jsdom. The peers' runners read one page at a time; newsdesk-eval reads all the pages "
      "of the dataset into memory first, so its figure includes the pages' bytes.")
    w(f"- Failures: a page whose call raised (or panicked) scores as empty output; the Python peers also have "
      f"a {cfg['page_timeout_s']:.0f} s per-page time-out; a job is killed after {cfg['job_timeout_s']:.0f} s.")
    w("- Settings: each peer's defaults for article text — trafilatura `extract(html, url=url)` "
      "(`bare_extraction(..., with_metadata=True)` for dates); readability-lxml `Document(html).summary()`, "
      "its HTML turned into text by `bench/runners/py_runner.py`; resiliparse "
      "`extract_plain_text(html, main_content=True)`; newspaper4k `Article(url, fetch_images=False)` with "
      "`download(input_html=html)` and `parse()` (image fetching would go to the network); goose3 "
      "`Goose().extract(raw_html=html)`; justext with the stoplist of the page's declared language "
      "(`<html lang>`), else English; boilerpy3 `ArticleExtractor`; readability.js "
      "`new Readability(new JSDOM(html, {url}).window.document).parse().textContent`; dom_smoothie "
      "`Readability::new(html, url, None).parse()`; rs-trafilatura `extract_with_options` with the URL; "
      "rust-trafilatura `extract` with the URL and the input declared UTF-8.")
    w("")

    # --- set-up and failures ----------------------------------------------------------------------
    setup = res.get("setup") or {}
    bad = {k: v for k, v in setup.items() if v.get("status") != "ok"}
    w("## Set-up")
    w("")
    w("| component | status | seconds |")
    w("|---|---|---:|")
    for k in ["python", "node", "rust-peers", "newsdesk"]:
        if k in setup:
            w(f"| {k} | {setup[k]['status']} | {setup[k].get('seconds', '–')} |")
    w("")
    if bad:
        w("What did not install or build here (those peers are left out of the tables):")
        w("")
        for k, v in bad.items():
            w(f"- **{k}**: {v['status']}")
            if v.get("error"):
                w("")
                w("  ```")
                for line in v["error"].splitlines():
                    w("  " + line)
                w("  ```")
        w("")
    failed_jobs = [r for r in res["rows"] if "score" not in r]
    if failed_jobs:
        w("Jobs that failed:")
        w("")
        for r in failed_jobs:
            why = re.sub(r"\s+", " ", r.get("failure") or "?")[:300]
            w(f"- {r['extractor']} on {r['dataset']}: {why}")
        w("")
    errs = []
    for r in res["rows"]:
        fp = r.get("failed_pages") or []
        n_err = (r.get("meta") or {}).get("errors", 0) + (r.get("meta") or {}).get("timeouts", 0)
        if n_err:
            kinds = {}
            for p in fp:
                key = re.sub(r"[\s*]+", " ", p["error"]).strip()[:110]
                kinds[key] = kinds.get(key, 0) + 1
            top = "; ".join(f"{k} ({v}×)" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])[:3])
            errs.append(f"- {r['extractor']} on {r['dataset']}: {n_err} page(s) failed — {top}")
    if errs:
        w("Pages on which a peer raised or timed out (scored as empty output):")
        w("")
        L.extend(errs)
        w("")

    with open(args.md, "w", encoding="utf-8") as f:
        f.write("\n".join(L).rstrip() + "\n")
    print(f"wrote {args.md}" + (f" and {args.png}" if have_chart else " (no chart: matplotlib missing)"))


if __name__ == "__main__":
    main()
