#!/usr/bin/env bash
# The per-page download budget of the tool pages (issue 7): for each tool page of a built site, the
# gzip -9 bytes of the JS modules it loads (following static imports), its engine module (JS glue
# + WASM) and its rules data. Prints a table and fails when any page is above the ceiling
# (80 KB = 81920 bytes; WASM_BUDGET_BYTES overrides); reports pages above the goal (60 KB).
#
# Usage: scripts/wasm-size.sh [SITE_DIR]
#   SITE_DIR: a built site (the contents of public/). Default: build one into target/wasm-size-site.
set -euo pipefail
cd "$(dirname "$0")/.."
ceiling=${WASM_BUDGET_BYTES:-81920}
goal=${WASM_GOAL_BYTES:-61440}

site=${1:-}
if [ -z "$site" ]; then
    site=target/wasm-size-site
    cargo run --release --quiet -- build --out "$site" >/dev/null
fi
[ -f "$site/index.html" ] || { echo "wasm-size: no built site in $site" >&2; exit 1; }
node scripts/wasm-size.mjs "$site" "$ceiling" "$goal"
