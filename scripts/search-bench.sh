#!/usr/bin/env bash
# Site search figures (issue 11), measured on this machine:
#   - bytes gzipped that a first query downloads (code + index), per query of tests/search-queries.toml
#   - time per query (warm), hit@3 and MRR on the query set
#   - build-time overhead of the index (same site built with and without templates/search.html)
#   - the same on the 10,000-page benchmark corpus (../shared/bench/gen_corpus.py), chunked index
#   - Pagefind 1.6.0 (`npx -y pagefind@1.6.0`, a measuring tool only, never shipped) on the same
#     built site and queries, side by side
#
# Usage: scripts/search-bench.sh [--check] [--no-pagefind] [--no-corpus] [--pages N] [--runs N]
#   --check  only the byte budget (first query <= 30 KB gzipped on this site); exits non-zero when
#            it is exceeded. scripts/test.sh runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

check=0 pagefind=1 corpus=1 pages=10000 runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --check) check=1; shift ;;
        --no-pagefind) pagefind=0; shift ;;
        --no-corpus) corpus=0; shift ;;
        --pages) pages=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        *) echo "search-bench: unknown argument: $1" >&2; exit 2 ;;
    esac
done

tmp=$(mktemp -d /tmp/afsite-search-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
afsite=$repo/target/release/afsite

"$afsite" build --out "$tmp/site" >/dev/null
if [ $check = 1 ]; then
    node tests/e2e/search-bench.mjs "$tmp/site" --check
    exit 0
fi

# Median wall time (ms) of `runs` builds of root $1 into $2.
build_ms() {
    local root=$1 out=$2 times=()
    "$afsite" build --root "$root" --out "$out" >/dev/null  # warm-up
    for _ in $(seq 1 "$runs"); do
        local t0 t1
        t0=$(date +%s%N)
        "$afsite" build --root "$root" --out "$out" >/dev/null
        t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

# A copy of a site root without the search template: the build without search.
without_search() {
    local from=$1 to=$2
    mkdir -p "$to"
    cp -R "$from/content" "$from/static" "$to/"
    cp -R "$from/templates" "$to/"
    rm -f "$to/templates/search.html"
}

echo "== this site"
without_search "$repo" "$tmp/nosearch-root"
with=$(build_ms "$repo" "$tmp/site-a")
without=$(build_ms "$tmp/nosearch-root" "$tmp/site-b")
echo "build: ${with} ms with search, ${without} ms without (median of $runs)"
if [ $pagefind = 1 ]; then
    # Pagefind gets the same site without this site's own search pages, default settings.
    cp -R "$tmp/site" "$tmp/pf-site"
    rm -rf "$tmp/pf-site/search"
    npx -y pagefind@1.6.0 --site "$tmp/pf-site" --output-subdir pagefind >"$tmp/pagefind.log" 2>&1 || {
        cat "$tmp/pagefind.log" >&2; exit 1; }
    node tests/e2e/search-bench.mjs "$tmp/site" --pagefind --pagefind-site "$tmp/pf-site" --report "$repo/target/search-bench.json"
else
    node tests/e2e/search-bench.mjs "$tmp/site" --report "$repo/target/search-bench.json"
fi

if [ $corpus = 1 ]; then
    echo "== benchmark corpus: $pages pages"
    gen=$repo/../shared/bench/gen_corpus.py
    [ -f "$gen" ] || gen=/work/shared/bench/gen_corpus.py
    python3 "$gen" "$tmp/raw" "$pages"
    root=$tmp/corpus-root
    mkdir -p "$root/content"
    cp -R "$tmp/raw/content/docs" "$root/content/"
    # Tables need a caption in this generator (as in benches/build.rs).
    find "$root/content/docs" -name '*.md' -exec sed -i 's/^| 구분 |/표: 구분별 비율\n\n| 구분 |/' {} +
    cp -R templates static "$root/"
    cp content/site.toml "$root/content/"
    printf '+++\ntitle = "벤치마크"\n+++\n\n벤치마크 코퍼스.\n' > "$root/content/_index.md"
    printf '+++\ntitle = "문서"\norder = 1\n+++\n\n문서 목록.\n' > "$root/content/docs/_index.md"
    without_search "$root" "$tmp/corpus-nosearch"
    with=$(build_ms "$root" "$tmp/corpus-a")
    without=$(build_ms "$tmp/corpus-nosearch" "$tmp/corpus-b")
    echo "build: ${with} ms with search, ${without} ms without (median of $runs); index files: $(find "$tmp/corpus-a/search" -type f | wc -l)"
    node tests/e2e/search-bench.mjs "$tmp/corpus-a" --queries tests/search-queries-corpus.toml --budget $((100 * 1024)) --check
fi
