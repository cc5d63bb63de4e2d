#!/usr/bin/env bash
# The whole test suite, as the README gives it: `bash scripts/test.sh`.
# Installs what it needs on a fresh Debian machine (wasm32 target, nginx, Chromium, npm packages),
# then runs the Rust tests (engine, rule examples, builder), the WASM API in Node, and the
# end-to-end tests in headless Chromium against the built site served by nginx under a sub-path.
# Any part that cannot run fails the command; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-test-env.sh

echo "== Rust tests (workspace, release profile: shared with the site build below)"
cargo test --workspace --release

echo "== Site search byte budget (a first query downloads at most 30 KB gzipped)"
bash scripts/search-bench.sh --check

echo "== Tool-page download size (JS + WASM + rules data, gzip -9, per tool page)"
# Issue 7's ceiling is 80 KB per tool page and its goal 60 KB; the pages are not there yet
# (107-147 KB in November 2026). Until they are, this guards against growth: 150 KB per page.
WASM_BUDGET_BYTES=153600 bash scripts/wasm-size.sh

echo "== WASM API in Node and the site in headless Chromium behind nginx"
bash scripts/e2e.sh
