#!/usr/bin/env bash
# Runs the fuzz loops of fuzz/ (engine API, rules TOML loader, front matter + Markdown).
# Usage: scripts/fuzz.sh [ENGINE_INPUTS] [SEED]   (default 100000; the other targets get a share
# suited to their speed). Stable Rust: libFuzzer-free loops (see fuzz/Cargo.toml). Exit 1 on a panic,
# printing the input and seed that caused it.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
inputs=${1:-100000}
seed=${2:-$(date +%s)}
cargo build --release --quiet
./target/release/engine_api "$inputs" "$seed"
./target/release/front_matter "$inputs" "$seed"
# The rules loader re-reads every rules file per input: about 300 times slower per input.
./target/release/rules_toml "$(( inputs / 100 + 10 ))" "$seed"
