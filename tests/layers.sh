#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/layers.sh LIBRARY SOURCE_ROOT - the engine's layers call only down:
# base <- scenario <- network <- engine <- models <- analysis. Every symbol an
# object file of the library uses that another object defines must come from
# the same layer or one below it; a call upward (which is also how a loop
# between two folders begins) fails the test, naming the caller, the callee
# and the symbol. The layer of an object is the folder of its source file
# under SOURCE_ROOT/src.
#
# Second rule: no code names a particular model outside the models' own
# files (src/models/) and the scenario layer's model list: every other
# layer and program learns what a model does from the parameter table, the
# column table or the models layer (src/models/seeding.c).
#
# Third rule: the programs (apps/) and the drawing library (draw/) hold a
# scenario and a run by pointer and ask through functions: they include no
# header that brings the fields (scenario/scenario_struct.h,
# engine/run_struct.h, or a header including one).
set -eu
lib=$1 root=$2
layers="base scenario network engine models analysis"
rank() { i=0; for l in $layers; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# object -> rank (models/platform counts as models)
for f in $(cd "$root/src" && find . -name '*.c' | sed 's|^\./||'); do
    layer=${f%%/*}
    echo "$(basename "$f").o $(rank "$layer") $layer"
done >"$tmp/objects"
nm -A -g --defined-only "$lib" 2>/dev/null | awk '{split($1, p, ":"); print $NF, p[2]}' |
    sort -u >"$tmp/defined"
nm -A -u "$lib" 2>/dev/null | awk '{split($1, p, ":"); print p[2], $NF}' | sort -u >"$tmp/used"
awk -v objects="$tmp/objects" -v defined="$tmp/defined" '
    BEGIN {
        while ((getline line < objects) > 0) { split(line, a, " "); rank[a[1]] = a[2]; name[a[1]] = a[3] }
        while ((getline line < defined) > 0) { split(line, a, " "); def[a[1]] = a[2] }
    }
    {
        obj = $1; sym = $2
        if (!(sym in def) || !(obj in rank)) next
        to = def[sym]
        if (!(to in rank)) next
        if (rank[to] > rank[obj]) {
            printf "layers: %s (%s) calls %s in %s (%s), a layer above\n", obj, name[obj], sym, to, name[to]
            bad++
        }
    }
    END { if (bad) { printf "layers: %d calls upward\n", bad; exit 1 } print "layers: every call goes down or across" }
' "$tmp/used"
named=$(cd "$root" && grep -rn 'CS_MODEL_\(PLATFORM\|BASS\|CASCADE\)' src apps draw \
    --include='*.c' --include='*.h' | grep -v '^src/models/' |
    grep -v '^src/scenario/scenario\.h:' || true)
if [ -n "$named" ]; then
    echo "$named" | sed 's/^/layers: names a model outside the models: /'
    exit 1
fi
echo "layers: no model named outside the models"
# Headers that bring the fields: the two, then every header including one,
# until nothing is added.
(cd "$root/src" && find . -name '*.h' | sed 's|^\./||') >"$tmp/headers"
printf 'scenario/scenario_struct.h\nengine/run_struct.h\n' >"$tmp/fields"
while :; do
    before=$(wc -l <"$tmp/fields")
    while read -r h; do
        grep -q "^$h\$" "$tmp/fields" && continue
        grep -o '#include "[^"]*"' "$root/src/$h" | sed 's/#include "//; s/"$//' |
            grep -qxF -f "$tmp/fields" && echo "$h" >>"$tmp/fields"
    done <"$tmp/headers"
    [ "$(wc -l <"$tmp/fields")" = "$before" ] && break
done
fields=$(cd "$root" && grep -rn '#include "' apps draw --include='*.c' --include='*.h' |
    grep -F -f "$tmp/fields" || true)
if [ -n "$fields" ]; then
    echo "$fields" | sed 's/^/layers: reads the fields of a scenario or a run: /'
    exit 1
fi
echo "layers: the programs read no scenario or run fields"
