#!/usr/bin/env bash
# Prints the raw and gzip -9 size of the browser engine (JS glue + WASM) and their sum, and fails
# when the gzipped sum exceeds the budget (80 KB = 81920 bytes; override with WASM_BUDGET_BYTES).
#
# Usage: scripts/wasm-size.sh [DIR]
#   DIR: a built site's assets/ folder (af_engine.<hash>.js, af_engine_bg.<hash>.wasm), or a
#        build.rs OUT_DIR. Default: the newest OUT_DIR of the root crate under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${WASM_BUDGET_BYTES:-81920}

dir=${1:-}
if [ -z "$dir" ]; then
    newest=$(ls -t target/*/build/afsite-*/out/af_engine_bg.wasm 2>/dev/null | head -n1 || true)
    [ -n "$newest" ] || { echo "wasm-size: no build found; run 'cargo build --release' first" >&2; exit 1; }
    dir=$(dirname "$newest")
fi
shopt -s nullglob
js=("$dir"/af_engine*.js)
wasm=("$dir"/af_engine_bg*.wasm)
[ ${#js[@]} -eq 1 ] && [ ${#wasm[@]} -eq 1 ] || {
    echo "wasm-size: expected one af_engine*.js and one af_engine_bg*.wasm in $dir" >&2; exit 1; }

total_raw=0; total_gz=0
printf '%-40s %10s %12s\n' file raw "gzip -9"
for f in "${js[0]}" "${wasm[0]}"; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '%-40s %10d %12d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-40s %10d %12d\n' "total (JS + WASM)" "$total_raw" "$total_gz"
if [ "$total_gz" -gt "$budget" ]; then
    echo "wasm-size: OVER BUDGET: $total_gz bytes gzipped > $budget" >&2
    exit 1
fi
echo "wasm-size: within budget ($total_gz <= $budget bytes gzipped)"
