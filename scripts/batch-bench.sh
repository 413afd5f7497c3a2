#!/usr/bin/env bash
# The corpus pipeline's measurements (docs/batch.md): WARC files of 1,000 and 5,000 pages packed
# from the shared evaluation pages, run with -j 1 and -j 2 under /usr/bin/time -v (records/s,
# peak RSS, identical output); then the syndication set through batch --dedup, its pairwise
# precision/recall, and the dedup stage alone. Nothing is written outside target/bench.
# Usage: scripts/batch-bench.sh   (NEWSDESK_DATASETS overrides ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
datasets="${NEWSDESK_DATASETS:-../shared/datasets}"
out=target/bench
mkdir -p "$out"
cargo build --release --locked -p newsdesk-cli -p newsdesk-testdata
bin=./target/release/newsdesk
gen=./target/release/newsdesk-testdata

for n in 1000 5000; do
  [ -f "$out/cc-$n.warc.gz" ] || "$gen" warc --out "$out/cc-$n.warc.gz" --responses "$n" --datasets "$datasets"
done

for n in 1000 5000; do
  for j in 1 2; do
    /usr/bin/time -v "$bin" batch "$out/cc-$n.warc.gz" --out "$out/out-$n-j$j.jsonl" -j "$j" -q \
      2> "$out/time-$n-j$j.txt"
    echo "== $n pages, -j $j"
    grep -E "newsdesk batch|Maximum resident|Elapsed|User time" "$out/time-$n-j$j.txt"
  done
  if cmp -s "$out/out-$n-j1.jsonl" "$out/out-$n-j2.jsonl"; then
    echo "== $n pages: -j 1 and -j 2 outputs are byte-identical"
  else
    echo "== $n pages: -j 1 and -j 2 outputs DIFFER" >&2
  fi
done

"$gen" syndication --out "$out/synd"
"$bin" batch "$out/synd/set.warc.gz" --out "$out/synd/out.jsonl" --dedup -q
"$gen" score-dedup --truth "$out/synd/truth.jsonl" "$out/synd/out.jsonl" --min-precision 0.98 --min-recall 0.95
"$gen" dedup-bench "$out/synd/out.jsonl"
"$gen" dedup-bench "$out/out-1000-j2.jsonl"
