#!/bin/sh
# SPDX-License-Identifier: MIT
# valgrind.sh CIRCLESIM - a small run of each model, a small sweep, a small
# comparison and small optimizations under valgrind's memcheck: any memory error or definite or
# indirect leak fails.
set -eu
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/platform.yaml" <<'YAML'
model: platform
days: 20
warmup_days: 5
population: {size: 1500}
YAML
cat > "$work/bass.yaml" <<'YAML'
model: bass
days: 30
population: {size: 2000}
network: {kind: barabasi_albert, m: 3}
YAML
cat > "$work/bass-b.yaml" <<'YAML'
model: bass
days: 30
population: {size: 2000}
network: {kind: barabasi_albert, m: 3}
bass: {q: 0.5}
YAML
cat > "$work/cascade.yaml" <<'YAML'
model: cascade
days: 20
cascade: {seeds: [0, 5], p: 0.2}
population: {size: 2000}
network: {kind: watts_strogatz, k: 6, beta: 0.1}
YAML
# circlesim runs itself again with yielding threads unless this is set;
# valgrind follows no exec, so it is set here and the program checked is
# the one valgrind started.
export GOMP_SPINCOUNT=1000
vg() {
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect "$bin" "$@"
}
for m in platform bass cascade; do
    vg run "$work/$m.yaml" --threads 1 --quiet --detail --out "$work/out-$m"
done
vg sweep "$work/bass.yaml" --vary bass.q=0.1,0.3 --replicates 2 --jobs 1 --quiet --out "$work/sweep"
vg optimize "$work/cascade.yaml" --choose 3 --epsilon 0.3 --replicates 2 --jobs 1 --quiet \
    --out "$work/opt-cascade"
vg optimize "$work/bass.yaml" --choose 2 --screen 4 --replicates 2 --jobs 1 --days 10 --quiet \
    --out "$work/opt-bass"
vg optimize "$work/platform.yaml" --budget 2000 --channels koc,dm --max-evals 3 --replicates 2 \
    --jobs 1 --days 8 --set population.size=500 --set warmup_days=2 --quiet --out "$work/opt-budget"
# A paired comparison and its report (whose page is written through a
# memory stream).
vg compare "$work/bass.yaml" "$work/bass-b.yaml" --replicates 2 --jobs 1 --quiet \
    --out "$work/compare"
vg check "$work/platform.yaml" "$work/bass.yaml"
echo "valgrind: no memory errors, no leaks"
