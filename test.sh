#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ./test.sh [--long] - set up (packages, build with sanitizers and -Werror),
# then run the test suite through ctest, the fuzz targets and a valgrind run,
# install into a temporary prefix and test the C and Python interfaces.
# --long adds the long suites (full replicate counts) and fuzzes for an hour.
set -euo pipefail
CS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$CS_ROOT/scripts/setup.sh"
long=0
for arg in "$@"; do
    case "$arg" in
    --long) long=1 ;;
    -h | --help) echo "usage: ./test.sh [--long]"; exit 0 ;;
    *) echo "test.sh: error: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done
cs_install_packages $CS_TEST_PACKAGES $CS_WEB_PACKAGES
dir="$CS_ROOT/build/sanitize"
cs_build "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIRCLESIM_SANITIZE=ON -DCIRCLESIM_WERROR=ON
export CIRCLESIM_LONG=$long
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$CS_ROOT/tests/lsan.supp}
(cd "$dir" && ctest --output-on-failure -j "$(nproc)" --timeout 600)

# Without the drawing library (a machine without SDL2 builds that way):
# every program must still compile, warning-free, and run.
nodraw="$CS_ROOT/build/nodraw"
cs_build "$nodraw" -DCMAKE_BUILD_TYPE=Release -DCIRCLESIM_DRAW=OFF -DBUILD_TESTING=OFF \
    -DCIRCLESIM_WERROR=ON
"$nodraw/bin/circlesim" run --set population.size=500 --days 3 --quiet --out "$nodraw/smoke" \
    >/dev/null

# The model's evidence (circlesim validate): the quick subset, whose claims
# must hold; --long runs the whole suite, whose tables are read, not
# asserted (docs/MODEL.md 3.6 says what they show).
if [ "$long" = 1 ]; then
    "$nodraw/bin/circlesim" validate --quiet --out "$nodraw/validate"
else
    "$nodraw/bin/circlesim" validate --quick --quiet --out "$nodraw/validate"
    if grep -E '^(claim|docking),.*,(fails|not distinguishable from noise)$' \
        "$nodraw/validate/validation.csv" >&2; then
        echo "validate --quick: a claim of the sources no longer holds (above)" >&2
        exit 1
    fi
fi

# The fuzz targets (tests/fuzz): clang's libFuzzer with the same sanitizers,
# in a build of their own. Each replays its corpus, then tries a fixed number
# of inputs from a fixed seed; --long fuzzes each for 20 minutes instead.
fuzz="$CS_ROOT/build/fuzz"
cs_build "$fuzz" -DCMAKE_C_COMPILER=clang-14 -DCIRCLESIM_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIRCLESIM_WERROR=ON
if [ "$long" = 1 ]; then
    export CIRCLESIM_FUZZ_SECONDS=1200
fi
(cd "$fuzz" && ctest --output-on-failure -j "$(nproc)" --timeout 1500)

# Valgrind on small runs of each model, from a build without sanitizers
# (valgrind cannot run an AddressSanitizer binary): no memory error, no leak.
vg="$CS_ROOT/build/valgrind"
if [ ! -f "$vg/CMakeCache.txt" ]; then
    cmake -S "$CS_ROOT" -B "$vg" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIRCLESIM_WERROR=ON \
        -DBUILD_TESTING=OFF >"$vg.log" 2>&1 || { cat "$vg.log" >&2; exit 1; }
fi
cmake --build "$vg" -j "$(nproc)" >>"$vg.log" 2>&1 ||
    { grep -E "error|Error" "$vg.log" | head -n 40 >&2; exit 1; }
"$CS_ROOT/tests/valgrind.sh" "$vg/bin/circlesim"
# The memory estimate against the peak, in the same build (sanitizers
# would add their own memory to the peak).
"$CS_ROOT/tests/memory_estimate.sh" "$vg/bin/circlesim"

# The library as others use it, from the same build: installed into a
# temporary prefix, a C program built against it with pkg-config and with
# CMake; the Python package over its shared library (pytest, the docs'
# examples included), then `pip install .` into a fresh environment.
"$CS_ROOT/tests/install_test.sh" "$vg"
(cd "$CS_ROOT" && CIRCLESIM_LIBRARY="$vg/lib/libcirclesim.so.0" CIRCLESIM_BIN="$vg/bin/circlesim" \
    "$CS_PYTHON" -m pytest -q -p no:cacheprovider tests/python)
"$CS_ROOT/tests/python_install.sh" "$CS_PYTHON"

# The browser page (docs/BROWSER.md): built with emscripten into build/web,
# each shipped lesson's run in headless chromium must be the same bytes as
# this build's (no sanitizers: its handouts are drawn in seconds).
"$CS_ROOT/tests/web_test.sh" "$vg/bin/circlesim" "$CS_ROOT/build/web"
