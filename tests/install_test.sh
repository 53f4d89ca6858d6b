#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/install_test.sh BUILD - installs BUILD (a build without sanitizers,
# every target built) into a temporary prefix and uses it as a packager's
# user would: the files are where they belong, examples/c/first_run.c builds
# with pkg-config and with find_package(circlesim) (shared and static), and
# each program's run is the same bytes as the installed circlesim's.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "$1" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/circlesim-install.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
prefix="$work/prefix"
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "cmake --install failed"; }
libdir=$(sed -n 's/^libdir=\${prefix}\///p' "$build/circlesim.pc")
[ -n "$libdir" ] || fail "circlesim.pc names no libdir under the prefix"

# What a packager expects under the prefix.
for f in bin/circlesim "$libdir/libcirclesim.a" "$libdir/libcirclesim.so" \
    include/circlesim/circlesim.h include/circlesim/api.h \
    "$libdir/pkgconfig/circlesim.pc" "$libdir/cmake/circlesim/circlesimConfig.cmake" \
    "$libdir/cmake/circlesim/circlesimConfigVersion.cmake" \
    share/circlesim/scenarios/default.yaml share/circlesim/summary.schema.json \
    share/doc/circlesim/LICENSE share/man/man1/circlesim.1 share/man/man1/circlesim-run.1 \
    share/bash-completion/completions/circlesim \
    share/doc/circlesim/README.md share/doc/circlesim/MODEL.md; do
    [ -e "$prefix/$f" ] || fail "not installed: $f"
done
soname=$(objdump -p "$prefix/$libdir/libcirclesim.so" | awk '/SONAME/ {print $2}')
[ "$soname" = "libcirclesim.so.0" ] || fail "soname is '$soname', not libcirclesim.so.0"
# The shared library exports the public API and nothing else: every
# exported name is declared CS_API in the installed headers.
nm -D --defined-only "$prefix/$libdir/libcirclesim.so" | awk '$2 ~ /[TDBRVW]/ {print $3}' |
    sort -u >"$work/exported"
grep -ho 'CS_API[^(;]*[ *]\(cs_[a-z0-9_]*\)' "$prefix"/include/circlesim/*.h |
    grep -o 'cs_[a-z0-9_]*$' | sort -u >"$work/declared"
if ! cmp -s "$work/exported" "$work/declared"; then
    diff "$work/declared" "$work/exported" >&2 || true
    fail "the shared library's exports differ from the headers' CS_API (< declared, > exported)"
fi

# The reference: the installed program's run of the same scenario.
"$prefix/bin/circlesim" run --set population.size=2000 --quiet --out "$work/cli" >/dev/null

check_run() { # NAME PROGRAM
    "$2" "" "$work/$1" >"$work/$1.out" 2>&1 || { cat "$work/$1.out" >&2; fail "$1 failed"; }
    grep -Eq "^circlesim [0-9]+\.[0-9]+\.[0-9]+: day [0-9]+, sales [0-9.]+ yuan$" "$work/$1.out" ||
        { cat "$work/$1.out" >&2; fail "$1 printed no sales line"; }
    cmp "$work/cli/timeseries.csv" "$work/$1/timeseries.csv" ||
        fail "$1's timeseries.csv differs from circlesim run's"
    echo "install_test: $1: $(cat "$work/$1.out")"
}

# pkg-config, against the shared library.
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
[ "$(pkg-config --modversion circlesim)" = "$("$prefix/bin/circlesim" --version | grep -o '[0-9]*\.[0-9]*\.[0-9]*' | head -n 1)" ] ||
    fail "pkg-config's version is not the program's"
# shellcheck disable=SC2046
cc -Wall -Werror "$root/examples/c/first_run.c" $(pkg-config --cflags --libs circlesim) \
    -Wl,-rpath,"$prefix/$libdir" -o "$work/first_run_pc"
ldd "$work/first_run_pc" | grep -q "libcirclesim.so.0 => $prefix/" ||
    fail "the pkg-config build does not load the installed libcirclesim.so.0"
check_run pkgconfig "$work/first_run_pc"

# pkg-config --static names everything libcirclesim.a needs.
# shellcheck disable=SC2046
cc -Wall -Werror "$root/examples/c/first_run.c" $(pkg-config --cflags circlesim) \
    "$prefix/$libdir/libcirclesim.a" $(pkg-config --static --libs circlesim | sed 's/-lcirclesim//') \
    -o "$work/first_run_pc_static"
check_run pkgconfig-static "$work/first_run_pc_static"

# CMake's package: circlesim::engine (shared) and circlesim::engine_static.
cmake -S "$root/examples/c" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_FLAGS="-Wall -Werror" >"$work/cmake.log" 2>&1 &&
    cmake --build "$work/cmake" >>"$work/cmake.log" 2>&1 ||
    { cat "$work/cmake.log" >&2; fail "the CMake example did not build"; }
check_run cmake-shared "$work/cmake/first_run"
if ldd "$work/cmake/first_run_static" | grep -q libcirclesim; then
    fail "first_run_static loads libcirclesim.so"
fi
check_run cmake-static "$work/cmake/first_run_static"

# The installed manual opens where man looks under the prefix.
MANWIDTH=80 man -M "$prefix/share/man" circlesim-sweep 2>/dev/null | grep -q -- "--replicates" ||
    fail "man -M PREFIX/share/man circlesim-sweep does not show sweep's options"

# A bad scenario gets its line and column through the library too.
printf 'days: 10\nfeed:\n  ad_lod: 0.1\n' >"$work/bad.yaml"
if "$work/cmake/first_run" "$work/bad.yaml" 2>"$work/bad.err"; then
    fail "a bad scenario was run"
fi
grep -q "bad.yaml:3:3: error: unknown key 'feed.ad_lod'" "$work/bad.err" ||
    { cat "$work/bad.err" >&2; fail "the bad scenario's error lacks its place"; }
echo "install_test: passed"
