#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh TARGET CORPUS WORK RUNS SECONDS - replay CORPUS (read-only) through
# a libFuzzer TARGET, then fuzz from seed 1: RUNS inputs, or SECONDS of time
# when SECONDS > 0 (CIRCLESIM_FUZZ_SECONDS overrides it). New inputs go to
# WORK; a crash leaves its input there and fails the test.
set -eu
target=$1 corpus=$2 work=$3 runs=$4 seconds=${CIRCLESIM_FUZZ_SECONDS:-$5}
rm -rf "$work" && mkdir -p "$work/new"
# Absolute paths: the fuzzer runs in WORK, where it may leave files.
target=$(cd "$(dirname "$target")" && pwd)/$(basename "$target")
corpus=$(cd "$corpus" && pwd)
work=$(cd "$work" && pwd)
if [ "$seconds" -gt 0 ]; then
    limit="-max_total_time=$seconds"
else
    limit="-runs=$runs"
fi
# One input may take at most 10 s (a hang is a finding); 2 GB of memory.
cd "$work"
exec "$target" -seed=1 $limit -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$work/" "$work/new" "$corpus"
