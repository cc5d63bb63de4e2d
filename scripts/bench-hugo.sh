#!/usr/bin/env bash
# Compares this builder with Hugo on the same shared corpus, in one run, with hyperfine.
# Usage: bash scripts/bench-hugo.sh [N ...]   (default: 1000 10000)
# Needs Debian's hugo and hyperfine (installed here if missing) and a release build of afsite.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
if [ ${#missing[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}"; fi
cargo build --release --quiet
# The bench harness lays out the same corpus with our templates (target/bench-corpus/site-N).
AFSITE_BENCH_SIZES="$(IFS=,; echo "${sizes[*]}")" AFSITE_BENCH_RUNS=1 cargo bench --bench build --quiet
for n in "${sizes[@]}"; do
  raw="target/bench-corpus/raw-$n"; site="target/bench-corpus/site-$n"
  hyperfine -w 1 -r 5 -N --export-markdown "target/bench-corpus/hyperfine-$n.md" \
    -n "hugo ($n pages)" "hugo --quiet -s $raw -d /tmp/afsite-bench-hugo-$n" \
    -n "afsite ($n pages)" "target/release/afsite build --root $site --out /tmp/afsite-bench-out-$n"
done
