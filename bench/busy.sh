#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/busy.sh BIN [USERS] [DAYS] [REPEATS] - how circlesim's threads wait,
# on an idle machine and beside busy loops (one per core, as a laptop with a
# browser open or a shared server): a platform run and a short-day Bass run
# on one and two threads, with libgomp's default wait (spin 300 000 rounds,
# set explicitly), passive waiting (OMP_WAIT_POLICY=passive) and circlesim's
# own choice (GOMP_SPINCOUNT=1000, what it sets when the user sets neither).
# Prints the median wall seconds and CPU seconds (user + system) of REPEATS.
set -euo pipefail
bin=${1:?usage: bench/busy.sh BIN [USERS] [DAYS] [REPEATS]}
users=${2:-50000}
days=${3:-30}
repeats=${4:-5}
work=$(mktemp -d)
trap 'kill ${loops:-} 2>/dev/null || true; rm -rf "$work"' EXIT
cat >"$work/bass.yaml" <<'YAML'
model: bass
days: 300
population: {size: 200000}
network: {kind: barabasi_albert, m: 5}
bass: {p: 0.0005, q: 0.2}
YAML

# median of the numbers on stdin
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

# one row: LOAD SETTING WORKLOAD THREADS -> median wall and CPU
measure() {
    local load=$1 setting=$2 workload=$3 threads=$4 env=()
    case $setting in
    spin300000) env=(GOMP_SPINCOUNT=300000) ;;
    passive) env=(OMP_WAIT_POLICY=passive) ;;
    spin1000) env=(GOMP_SPINCOUNT=1000) ;;
    esac
    local args=(run --set "population.size=$users" --days "$days")
    [ "$workload" = bass ] && args=(run "$work/bass.yaml")
    : >"$work/times"
    for _ in $(seq "$repeats"); do
        env "${env[@]}" /usr/bin/time -f "%e %U %S" -a -o "$work/times" \
            "$bin" "${args[@]}" --threads "$threads" --quiet --out "$work/o" >/dev/null
        rm -rf "$work/o"
    done
    local wall cpu
    wall=$(awk '{print $1}' "$work/times" | median)
    cpu=$(awk '{print $2 + $3}' "$work/times" | median)
    printf '| %s | %s | %s | %s | %.2f | %.2f |\n' "$load" "$workload" "$setting" "$threads" \
        "$wall" "$cpu"
}

echo "| load | workload | wait | threads | wall s | CPU s |"
echo "|---|---|---|---|---|---|"
for load in idle busy; do
    loops=""
    if [ "$load" = busy ]; then
        for _ in $(seq "$(nproc)"); do
            sh -c 'while :; do :; done' &
            loops="$loops $!"
        done
        sleep 1
    fi
    for workload in platform bass; do
        for setting in spin300000 passive spin1000; do
            for threads in 1 2; do
                measure "$load" "$setting" "$workload" "$threads"
            done
        done
    done
    [ -n "$loops" ] && kill $loops && loops=""
done
