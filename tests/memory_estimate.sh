#!/bin/sh
# SPDX-License-Identifier: MIT
# memory_estimate.sh CIRCLESIM - the memory estimate a run makes before it
# starts (summary.json's run.memory_estimate_bytes) against the peak it then
# reached (run.peak_memory_bytes), at two sizes of the platform model and of
# a Bass run on a generated network: within 25% each. Needs a build without
# sanitizers, whose memory is the program's own.
set -eu
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/bass.yaml" <<'YAML'
model: bass
days: 5
network: {kind: barabasi_albert, m: 5}
YAML
field() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$2"; }
check() {
    name=$1
    shift
    "$bin" run "$@" --quiet --out "$work/out"
    est=$(field memory_estimate_bytes "$work/out/summary.json")
    peak=$(field peak_memory_bytes "$work/out/summary.json")
    # est / peak within [0.75, 1.25], in integer arithmetic.
    if [ $((est * 100)) -lt $((peak * 75)) ] || [ $((est * 100)) -gt $((peak * 125)) ]; then
        echo "memory_estimate.sh: $name: estimate $est bytes, peak $peak bytes: off by more than 25%" >&2
        exit 1
    fi
    echo "memory estimate, $name: $((est / 1048576)) MiB, peak $((peak / 1048576)) MiB"
}
check "platform, 100 000 users" --set population.size=100000 --set warmup_days=5 --days 3
check "platform, 400 000 users" --set population.size=400000 --set warmup_days=5 --days 3
check "Bass on Barabasi-Albert, 200 000 users" "$work/bass.yaml" --set population.size=200000
check "Bass on Barabasi-Albert, 2 000 000 users" "$work/bass.yaml" --set population.size=2000000
