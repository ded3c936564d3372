#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600), two at a time.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the
# stable toolchain build with the sanitizer flags cargo-fuzz passes.
set -u
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
secs=${1:-600}
run() { mkdir -p corpus/$1; cargo fuzz run -O $1 -- -max_total_time=$2 -rss_limit_mb=4096 -max_len=4096 > "fuzz-$1.log" 2>&1; echo "$1: exit $?"; grep -E '^Done|stat::number_of_executed_units' "fuzz-$1.log" | tail -n 2; }
run edtf $secs & run cypher $secs & wait
run ingest $secs & run codec $secs & wait
run stores $secs
