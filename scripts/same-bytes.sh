#!/bin/sh
# SPDX-License-Identifier: MIT
# same-bytes.sh OLD_BIN NEW_BIN [WORK]: run one battery of commands with two
# builds of circlesim and compare every file they write with cmp. A
# restructuring must keep every output byte; this is how it is shown.
#
# OLD_BIN and NEW_BIN are folders holding a circlesim binary (for example
# build/release/bin of two worktrees). summary.json is compared without its
# "run" line (threads, wall time, host, memory: facts of the machine, not of
# the model); every other file byte for byte. Prints one line per command
# and a last line "same: N files" or "DIFFERENT: ..." (exit 1).
set -eu
old=$1 new=$2 work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work/old" "$work/new"
n=0

battery() {   # battery BIN OUT: every command, outputs under OUT/<name>
    bin=$1 out=$2
    for s in "$here"/scenarios/default.yaml "$here"/scenarios/*/*.yaml; do
        name=$(basename "$(dirname "$s")")-$(basename "$s" .yaml)
        days=15   # long enough for every intervention a shipped scenario makes
        grep -q '^interventions:' "$s" && days=80
        "$bin/circlesim" run "$s" --days $days --threads 2 --quiet --out "$out/$name"
    done
    "$bin/circlesim" run --set population.size=20000 --days 20 --detail --threads 2 \
        --quiet --out "$out/platform-detail"
    "$bin/circlesim" run "$here/scenarios/validation/bass.yaml" --checkpoint-every 5 \
        --quiet --out "$out/bass-checkpoint"
    "$bin/circlesim" graph --set population.size=3000 --out "$out/graph.txt"
    "$bin/circlesim" graph --set population.size=3000 --format gexf --out "$out/graph.gexf"
    "$bin/circlesim" sweep --set population.size=3000 --days 20 --replicates 2 \
        --vary feed.ad_load=0.05,0.2 --vary circles.invite_only=true,false \
        --quiet --out "$out/sweep"
    "$bin/circlesim" sweep --set population.size=2000 --days 10 --design morris:2 \
        --vary feed.ad_load=0.02:0.3 --vary attention.notes=20:80 \
        --quiet --out "$out/morris"
    "$bin/circlesim" sweep --set population.size=2000 --days 10 --design lhs:4 --replicates 2 \
        --vary feed.ad_load=0.02:0.3 --vary brand.price=50:300 --quiet --out "$out/lhs"
    printf 'population: {size: 2000}\ndays: 10\nexperiment:\n  replicates: 2\n  variants:\n    as-is: {}\n    seeded: {brand.koc_seeds: 20}\n    ads: {brand.ad_budget: 500, feed.ad_load: 0.2}\n' \
        >"$work/variants.yaml"
    "$bin/circlesim" sweep "$work/variants.yaml" --quiet --out "$out/variants"
    "$bin/circlesim" compare "$here/scenarios/whatif/inverted-funnel-a.yaml" \
        "$here/scenarios/whatif/broadcast-b.yaml" --set population.size=3000 --days 20 \
        --replicates 3 --quiet --out "$out/compare"
    "$bin/circlesim" calibrate "$here/scenarios/validation/bass-fit.yaml" \
        --free bass.p=0.001:0.1 --free bass.q=0.05:0.9 --max-evals 30 --quiet \
        --out "$out/calibrate"
    "$bin/circlesim" optimize --set population.size=3000 --days 20 --choose 3 \
        --replicates 2 --quiet --out "$out/choose"
    "$bin/circlesim" optimize --set population.size=3000 --days 20 --budget 20000 \
        --channels koc,kol,feed --replicates 2 --max-evals 8 --quiet --out "$out/budget"
}

# set -e does not reach into a function run in a condition, so a failed
# command is found by its message.
for side in old new; do
    eval "bin=\$$side"
    battery "$bin" "$work/$side" >"$work/$side.log" 2>&1
    if grep -q 'error' "$work/$side.log"; then
        echo "the $side build failed: $work/$side.log"; exit 1
    fi
done

bad=
for f in $(cd "$work/old" && find . -type f | sort); do
    a=$work/old/$f b=$work/new/$f
    if [ ! -f "$b" ]; then bad="$bad $f(missing)"; continue; fi
    case $f in
    *summary.json|*.log)
        grep -v '"run": {\|wall_seconds\|seconds' "$a" >"$work/a.tmp" || true
        grep -v '"run": {\|wall_seconds\|seconds' "$b" >"$work/b.tmp" || true
        cmp -s "$work/a.tmp" "$work/b.tmp" || bad="$bad $f" ;;
    *.png) cmp -s "$a" "$b" || bad="$bad $f" ;;
    *) cmp -s "$a" "$b" || bad="$bad $f" ;;
    esac
    n=$((n + 1))
done
extra=$(cd "$work/new" && find . -type f | sort | while read -r f; do
    [ -f "$work/old/$f" ] || printf ' %s(new)' "$f"; done)
bad="$bad$extra"
if [ -n "$bad" ]; then echo "DIFFERENT:$bad"; exit 1; fi
echo "same: $n files ($work)"
