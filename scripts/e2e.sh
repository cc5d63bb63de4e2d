#!/usr/bin/env bash
# Builds the site under a sub-path, serves it with a private nginx, and runs the WASM-in-Node and
# headless-Chromium tests against it. Any part that cannot run (build, nginx, Chromium) fails the
# command; nothing is skipped.
#
# Usage: scripts/e2e.sh [--site DIR]
#   --site DIR  test an already built site (the contents of public/) instead of building one;
#               it is copied under the sub-path like a fresh build.
# Run scripts/setup-test-env.sh first on a fresh machine (scripts/test.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

prebuilt=""
while [ $# -gt 0 ]; do
    case "$1" in
        --site) prebuilt=${2:?--site needs a directory}; shift 2 ;;
        *) echo "e2e: unknown argument: $1" >&2; exit 2 ;;
    esac
done

base=/programs/autonomous-factory/
tmp=$(mktemp -d /tmp/afsite-e2e.XXXXXX)
site_root=$tmp/site
site_dir=$site_root${base%/}
nginx_pid=""

cleanup() {
    local rc=$?
    if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    if [ $rc -ne 0 ] && [ -s "$tmp/error.log" ]; then
        echo "e2e: nginx error log:" >&2
        tail -n 20 "$tmp/error.log" >&2
    fi
    rm -rf "$tmp"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in nginx node; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || {
        echo "e2e: $tool is missing; run scripts/setup-test-env.sh" >&2; exit 1; }
done
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium is missing; run scripts/setup-test-env.sh" >&2; exit 1; }
[ -d tests/e2e/node_modules/playwright-core ] || {
    echo "e2e: tests/e2e/node_modules is missing; run scripts/setup-test-env.sh" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

start=$(date +%s)
mkdir -p "$site_dir"
if [ -n "$prebuilt" ]; then
    echo "== e2e: using the prebuilt site $prebuilt"
    cp -R "$prebuilt"/. "$site_dir"/
else
    echo "== e2e: building the site into $site_dir (base path $base)"
    cargo run --release -- build --out "$site_dir" --base-path "$base"
fi
[ -f "$site_dir/index.html" ] || { echo "e2e: the build produced no index.html" >&2; exit 1; }
# A second, different program built by the same binary from content alone, on the same nginx
# under its own sub-path (tests/e2e/second-program.test.mjs).
second_base=/programs/ai-transition-2027/
second_dir=$site_root${second_base%/}
echo "== e2e: building the second program (tests/fixtures/ai-transition-2027) into $second_dir"
cargo run --release -- build --root tests/fixtures/ai-transition-2027 --out "$second_dir" --base-path "$second_base"
[ -f "$second_dir/index.html" ] || { echo "e2e: the second program's build produced no index.html" >&2; exit 1; }
# mktemp -d makes a private directory; nginx workers run as an unprivileged user.
chmod -R a+rX "$tmp"

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
sed -e "s|@TMP@|$tmp|g" -e "s|@ROOT@|$site_root|g" -e "s|@PORT@|$port|g" -e "s|@BASE@|$base|g" \
    tests/e2e/nginx.conf.template > "$tmp/nginx.conf"
"$nginx_bin" -t -q -e "$tmp/error.log" -c "$tmp/nginx.conf" -p "$tmp/" || {
    echo "e2e: the nginx config does not validate" >&2; exit 1; }
"$nginx_bin" -e "$tmp/error.log" -c "$tmp/nginx.conf" -p "$tmp/" -g 'daemon off;' &
nginx_pid=$!

base_url="http://127.0.0.1:$port$base"
for _ in $(seq 1 50); do
    if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$base_url"; then
        break
    fi
    kill -0 "$nginx_pid" 2>/dev/null || { echo "e2e: nginx exited at start" >&2; exit 1; }
    sleep 0.1
done
node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$base_url" || {
    echo "e2e: nginx does not serve $base_url" >&2; exit 1; }
echo "== e2e: nginx serves $base_url"

mkdir -p target/e2e
t0=$(date +%s)
# A hung browser test fails after 2 minutes, and the whole run after 40, instead of blocking CI.
# E2E_TESTS narrows the run to some test files (default: all).
# shellcheck disable=SC2086
BASE_URL=$base_url SITE_DIR=$site_dir E2E_OUT_DIR=$repo/target/e2e \
    SECOND_BASE_URL="http://127.0.0.1:$port$second_base" SECOND_SITE_DIR=$second_dir \
    timeout 2400 node --test --test-reporter=spec --test-timeout=120000 ${E2E_TESTS:-tests/wasm-node/ tests/e2e/}
echo "== e2e: tests took $(( $(date +%s) - t0 )) s (all of e2e.sh: $(( $(date +%s) - start )) s)"
