#!/usr/bin/env bash
# Runs every fuzz target from corpora seeded from ../test-vectors, each for a bounded
# number of executions (default 1,000,000) or time (default 1800 s), whichever comes
# first, and prints libFuzzer's final statistics. Needs cargo-fuzz (cargo install
# cargo-fuzz); RUSTC_BOOTSTRAP lets the stable toolchain take cargo-fuzz's -Z flags.
#   fuzz/run.sh [RUNS] [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-1000000}
seconds=${2:-1800}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(encodings compute challenge serve)
python3 seeds.py
for target in "${targets[@]}"; do
    echo "== $target"
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" -- \
        -runs="$runs" -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 2>&1 |
        grep -E "^(stat::|#[0-9]+ +DONE|==[0-9]+== ERROR|SUMMARY|Done )" || true
done
