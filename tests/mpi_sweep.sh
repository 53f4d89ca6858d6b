#!/bin/sh
# SPDX-License-Identifier: MIT
# mpi_sweep.sh MPIEXEC CIRCLESIM CIRCLESIM_MPI SCENARIO WORKDIR - the same
# sweep, calibration and optimization on one process and on 3 MPI ranks
# must write the same bytes.
set -eu
mpiexec=$1 one=$2 many=$3 scenario=$4 work=$5
rm -rf "$work" && mkdir -p "$work"
args="sweep $scenario --vary bass.q=0.1:0.5:0.2 --vary bass.p=0.01,0.03 --replicates 3 --days 15 --keep-series --quiet"
"$one" $args --out "$work/one"
# As CI runs as root; shared memory without CMA works in containers too.
OMPI_MCA_btl_vader_single_copy_mechanism=none \
    "$mpiexec" --allow-run-as-root --oversubscribe -n 3 "$many" $args --out "$work/mpi"
for f in runs.csv summary.csv series.csv experiment.yaml; do
    cmp "$work/one/$f" "$work/mpi/$f"
done
# One rank runs every task itself: the same bytes again.
OMPI_MCA_btl_vader_single_copy_mechanism=none \
    "$mpiexec" --allow-run-as-root --oversubscribe -n 1 "$many" $args --out "$work/mpi1"
for f in runs.csv summary.csv series.csv experiment.yaml; do
    cmp "$work/one/$f" "$work/mpi1/$f"
done
# Resumed under MPI after losing all but two records (and half of a third):
# the same bytes again.
head -c "$(head -n 3 "$work/mpi/runs.csv" | wc -c)" "$work/mpi/runs.csv" > "$work/cut"
head -n 4 "$work/mpi/runs.csv" | tail -n 1 | head -c 9 >> "$work/cut"
mv "$work/cut" "$work/mpi/runs.csv"
rm -f "$work/mpi/summary.csv"
OMPI_MCA_btl_vader_single_copy_mechanism=none \
    "$mpiexec" --allow-run-as-root --oversubscribe -n 2 "$many" $args --out "$work/mpi" --resume
for f in runs.csv summary.csv series.csv experiment.yaml; do
    cmp "$work/one/$f" "$work/mpi/$f"
done
# A bad value: exit 2 from every rank, and no folder.
if "$mpiexec" --allow-run-as-root --oversubscribe -n 2 "$many" sweep "$scenario" \
    --vary bass.q=7 --out "$work/never" --quiet 2>/dev/null; then
    echo "a bad --vary value was accepted" >&2
    exit 1
fi
test ! -e "$work/never"
# A calibration: the rank that runs a replicate must not matter.
targets='targets.points=[{column: buyers, day: 5, value: 800}, {column: buyers, day: 10, value: 3000}]'
set -- calibrate "$scenario" --days 15 --free bass.p=0.001:0.05 --free bass.q=0.05:0.8 \
    --replicates 3 --max-evals 30 --quiet
"$one" "$@" --set "$targets" --out "$work/cal-one"
OMPI_MCA_btl_vader_single_copy_mechanism=none \
    "$mpiexec" --allow-run-as-root --oversubscribe -n 3 "$many" "$@" --set "$targets" \
    --out "$work/cal-mpi"
for f in calibration.csv targets.csv calibrated.yaml; do
    cmp "$work/cal-one/$f" "$work/cal-mpi/$f"
done
# optimize: seeds chosen by greedy, and a budget split; the same bytes.
set -- --set population.size=400 --days 12 --replicates 2 --quiet
"$one" optimize --choose 2 --screen 5 "$@" --out "$work/opt-one"
OMPI_MCA_btl_vader_single_copy_mechanism=none \
    "$mpiexec" --allow-run-as-root --oversubscribe -n 3 "$many" optimize --choose 2 --screen 5 \
    "$@" --out "$work/opt-mpi"
for f in seeds.csv baselines.csv seeds.yaml; do
    cmp "$work/opt-one/$f" "$work/opt-mpi/$f"
done
"$one" optimize --budget 2000 --channels koc,dm --max-evals 4 "$@" --out "$work/bud-one"
OMPI_MCA_btl_vader_single_copy_mechanism=none \
    "$mpiexec" --allow-run-as-root --oversubscribe -n 3 "$many" optimize --budget 2000 \
    --channels koc,dm --max-evals 4 "$@" --out "$work/bud-mpi"
for f in allocation.csv response.csv allocated.yaml; do
    cmp "$work/bud-one/$f" "$work/bud-mpi/$f"
done
# IMM runs on rank 0; its baselines' runs are shared.
cat > "$work/cascade.yaml" <<'YAML'
model: cascade
days: 5
population: {size: 400}
network: {kind: barabasi_albert, m: 2}
cascade: {p: 0.1}
YAML
"$one" optimize "$work/cascade.yaml" --choose 3 --epsilon 0.3 --replicates 2 --quiet \
    --out "$work/imm-one"
OMPI_MCA_btl_vader_single_copy_mechanism=none \
    "$mpiexec" --allow-run-as-root --oversubscribe -n 3 "$many" optimize "$work/cascade.yaml" \
    --choose 3 --epsilon 0.3 --replicates 2 --quiet --out "$work/imm-mpi"
for f in seeds.csv baselines.csv seeds.yaml optimized.yaml; do
    cmp "$work/imm-one/$f" "$work/imm-mpi/$f"
done
echo "mpi sweep, calibrate and optimize: same bytes as one process"
