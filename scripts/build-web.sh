#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/build-web.sh [OUT] - circlesim's classroom lessons as a page that
# runs offline in a browser (docs/BROWSER.md): the engine compiled to
# WebAssembly with Debian's emscripten, written to OUT (default build/web):
#
#   OUT/index.html, app.js     the page (web/)
#   OUT/circlesim.js           the engine and web/cs_wasm.c, the wasm inlined
#   OUT/lessons.js             scenarios/classroom/*.yaml as text
#   OUT/parts/                 what the build needs on the way (sources, objects)
#
# libfyaml, the engine's YAML parser, is not packaged for emscripten: its
# Debian source package (the version of the libfyaml-dev the native build
# uses) is fetched into OUT/parts with a private apt configuration, which
# leaves the system's apt sources and lists as they are, and compiled with
# emcc. OpenSSL's SHA-256 and OpenMP's calls are replaced by web/shim.
#
# Incremental: a second run compiles only what changed (make, with each
# object's header dependencies). The same sources give the same bytes.
set -euo pipefail
CS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$CS_ROOT/build/web}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work="$out/parts"
mkdir -p "$work"

die() {
    echo "build-web: error: $*" >&2
    exit 1
}

for tool in emcc emar node make cmake; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "$tool not found (scripts/setup.sh's CS_WEB_PACKAGES lists what the page needs)"
done
# Debian's emscripten runs its optimizer (acorn, terser) on Debian's node
# modules, which live here.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
# Debian's emscripten ships its C library prebuilt: emcc only reads its
# cache, so neither root nor a cache of our own is needed.

# ---- libfyaml's Debian source ----

# The source package of the libfyaml the native build links, so that both
# parse scenarios alike; apt's newest when libfyaml-dev is not installed.
fyaml_version() {
    dpkg-query -W -f='${Version}' libfyaml-dev 2>/dev/null || true
}

# Fetches libfyaml's source package into $work/deb with apt-get source,
# configured entirely under $work/apt: its own deb-src list (the system's
# Debian release, from deb.debian.org or CS_DEBIAN_MIRROR), lists and
# cache. Nothing of the system's apt changes; no root needed.
fetch_fyaml() {
    local apt="$work/apt" codename mirror version
    codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || die "cannot tell the Debian release (no VERSION_CODENAME in /etc/os-release); libfyaml's source is fetched from Debian's archive for this release"
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: libfyaml's source is fetched as a Debian source package"
    command -v dpkg-source >/dev/null 2>&1 || die "dpkg-source not found (package dpkg-dev, part of build-essential): it unpacks libfyaml's source package"
    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    [ -r "$keyring" ] || die "$keyring not found (package debian-archive-keyring): apt checks Debian's signatures with it"
    mirror=${CS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
    rm -rf "$apt" "$work/deb"
    mkdir -p "$apt/sources" "$apt/lists/partial" "$apt/cache/archives/partial" "$work/deb"
    cat >"$apt/sources/deb-src.sources" <<EOF
Types: deb-src
URIs: $mirror
Suites: $codename
Components: main
Signed-By: $keyring
EOF
    local opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt/sources"
        -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
        -o "APT::Sandbox::User=$(id -un)" -o "Debug::NoLocking=1" -qq)
    echo "build-web: fetching libfyaml's source package ($codename, $mirror)" >&2
    # apt-get update only warns when a list cannot be fetched: the list's
    # file is what tells.
    apt-get "${opts[@]}" update >"$apt/update.log" 2>&1 || true
    if ! ls "$apt/lists/"*_source_Sources* >/dev/null 2>&1; then
        cat "$apt/update.log" >&2
        die "could not download Debian's source index ($mirror, $codename main) with apt-get update (above): the network or the mirror is unreachable from here; set CS_DEBIAN_MIRROR to a Debian mirror that is"
    fi
    version=$(fyaml_version)
    (cd "$work/deb" && apt-get "${opts[@]}" source --download-only "libfyaml${version:+=$version}") \
        >"$apt/source.log" 2>&1 || {
        cat "$apt/source.log" >&2
        die "apt-get source libfyaml${version:+=$version} failed (above): $mirror $codename may no longer hold that version"
    }
    local dsc
    dsc=$(ls "$work/deb"/libfyaml_*.dsc 2>/dev/null | head -n 1)
    [ -n "$dsc" ] || die "apt-get source wrote no libfyaml .dsc into $work/deb"
    # apt checked every file against the signed archive index.
    (cd "$work/deb" && dpkg-source --no-check -x "$dsc" libfyaml) >"$apt/unpack.log" 2>&1 || {
        cat "$apt/unpack.log" >&2
        die "dpkg-source could not unpack $dsc"
    }
}

fy="$work/deb/libfyaml"
[ -f "$fy/src/lib/fy-parse.c" ] || fetch_fyaml
fy_version=$(cat "$fy/.tarball-version" 2>/dev/null || echo unknown)

# ---- the build ----

# The engine's sources, read from src/CMakeLists.txt so the list never
# drifts from the native build: the .c files of add_library(circlesim_objects),
# which both native libraries are made of.
engine_sources=$(sed -n '/^add_library(circlesim_objects OBJECT/,/)/p' "$CS_ROOT/src/CMakeLists.txt" |
    tr -s ' \t' '\n\n' | grep -E '^[A-Za-z0-9_./-]+\.c$' || true)
[ -n "$engine_sources" ] || die "no add_library(circlesim_objects OBJECT ...) list of .c files in src/CMakeLists.txt"

# The version, as CMakeLists.txt reads it.
version=$(sed -n 's/^#define CS_VERSION_\(MAJOR\|MINOR\|PATCH\) \+\([0-9]\+\).*/\2/p' \
    "$CS_ROOT/include/circlesim/version.h" | paste -sd.)

# The default scenario embedded as the native build embeds it.
cmake -DIN="$CS_ROOT/scenarios/default.yaml" -DOUT="$work/default_scenario.c.new" \
    -P "$CS_ROOT/cmake/embed.cmake"
cmp -s "$work/default_scenario.c.new" "$work/default_scenario.c" 2>/dev/null ||
    mv "$work/default_scenario.c.new" "$work/default_scenario.c"
rm -f "$work/default_scenario.c.new"

# As the native Release build compiles the engine (CMakeLists.txt's
# circlesim_flags): -O3, and no contraction of a*b+c into fused
# multiply-adds, so that the page's numbers are the native bytes.
opt="-O3 -DNDEBUG -ffp-contract=off"

# A Makefile: parallel, incremental with each object's headers (-MMD).
# Written only when it changes, so an unchanged tree does nothing.
{
    echo "# generated by scripts/build-web.sh; do not edit"
    echo "ROOT := $CS_ROOT"
    echo "FY := $fy"
    echo "W := $work"
    echo "OUT := $out"
    # libfyaml's messages name their file (__FILE__): named from the source
    # tree, not from where it was built, the bytes do not depend on OUT.
    echo "OPT := $opt -ffile-prefix-map=\$(FY)=libfyaml -ffile-prefix-map=\$(ROOT)=circlesim"
    # Without -fopenmp the pragmas that name a thread count vanish, leaving
    # the count unused: not a warning worth showing here.
    echo "ENGINE_CFLAGS := \$(OPT) -Wall -Wextra -Wno-unused-parameter" \
        "-DCIRCLESIM_VERSION='\"$version\"' -I\$(ROOT)/web/shim -I\$(ROOT)/include -I\$(ROOT)/src -I\$(FY)/include"
    echo "FY_CFLAGS := \$(OPT) -w -DHAVE_CONFIG_H -DCS_FYAML_VERSION='\"$fy_version\"'" \
        "-I\$(ROOT)/web/shim/fyaml -I\$(FY)/src -I\$(FY)/include -I\$(FY)/src/lib -I\$(FY)/src/xxhash"
    printf 'ENGINE_OBJS :='
    for f in $engine_sources; do printf ' $(W)/obj/engine/%s' "${f%.c}.o"; done
    echo
    printf 'FY_OBJS :='
    for f in "$fy"/src/lib/*.c "$fy"/src/xxhash/xxhash.c; do
        printf ' $(W)/obj/fyaml/%s' "$(basename "${f%.c}").o"
    done
    echo
    cat <<'EOF'
OBJS := $(W)/obj/cs_wasm.o $(ENGINE_OBJS) $(W)/obj/default_scenario.o $(W)/obj/sha256.o $(W)/libfyaml.a
# One file, the wasm inlined as base64: a page opened from file:// cannot
# fetch a .wasm beside it. Compiled synchronously, so the page's engine is
# ready when the script has run.
LDFLAGS := $(OPT) -sSINGLE_FILE=1 -sWASM_ASYNC_COMPILATION=0 -sMODULARIZE=1 \
  -sEXPORT_NAME=createCirclesim -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=web,node \
  -sEXPORTED_RUNTIME_METHODS=ccall,UTF8ToString -sEXPORTED_FUNCTIONS=_malloc,_free

$(OUT)/circlesim.js: $(OBJS) $(W)/Makefile
	emcc $(LDFLAGS) -o $@ $(OBJS)

$(W)/libfyaml.a: $(FY_OBJS)
	rm -f $@
	emar rcs $@ $(FY_OBJS)

$(W)/obj/engine/%.o: $(ROOT)/src/%.c $(W)/Makefile
	@mkdir -p $(@D)
	emcc $(ENGINE_CFLAGS) -MMD -MP -c $< -o $@

$(W)/obj/fyaml/%.o: $(FY)/src/lib/%.c $(W)/Makefile
	@mkdir -p $(@D)
	emcc $(FY_CFLAGS) -MMD -MP -c $< -o $@

$(W)/obj/fyaml/xxhash.o: $(FY)/src/xxhash/xxhash.c $(W)/Makefile
	@mkdir -p $(@D)
	emcc $(FY_CFLAGS) -MMD -MP -c $< -o $@

$(W)/obj/cs_wasm.o: $(ROOT)/web/cs_wasm.c $(W)/Makefile
	@mkdir -p $(@D)
	emcc $(ENGINE_CFLAGS) -MMD -MP -c $< -o $@

$(W)/obj/sha256.o: $(ROOT)/web/shim/sha256.c $(W)/Makefile
	@mkdir -p $(@D)
	emcc $(ENGINE_CFLAGS) -MMD -MP -c $< -o $@

$(W)/obj/default_scenario.o: $(W)/default_scenario.c $(W)/Makefile
	@mkdir -p $(@D)
	emcc $(OPT) -c $< -o $@

-include $(ENGINE_OBJS:.o=.d) $(FY_OBJS:.o=.d) $(W)/obj/cs_wasm.d $(W)/obj/sha256.d
EOF
} >"$work/Makefile.new"
cmp -s "$work/Makefile.new" "$work/Makefile" 2>/dev/null || mv "$work/Makefile.new" "$work/Makefile"
rm -f "$work/Makefile.new"

echo "build-web: compiling libfyaml $fy_version, the engine and web/cs_wasm.c with $(emcc --version | head -n 1 | sed 's/ (.*//;s/.*) //')" >&2
if ! make -s -C "$work" -f "$work/Makefile" -j "$(nproc)" "$out/circlesim.js" >"$work/build.log" 2>&1; then
    grep -E "error|Error" "$work/build.log" | head -n 40 >&2
    die "the build failed (full log: $work/build.log)"
fi
# Shown, not fatal: the native builds hold the code to -Werror; here a
# warning may be emscripten's alone (32-bit long and size_t) and worth a look.
grep -A3 "warning:" "$work/build.log" >&2 || true

# ---- the page ----

cp "$CS_ROOT/web/index.html" "$CS_ROOT/web/app.js" "$out/"
# The shipped lessons as text in a script: a page opened from file:// may
# not read files beside it. Sorted by file name, so the bytes are stable.
node - "$CS_ROOT/scenarios/classroom" "$out/lessons.js" <<'EOF'
const fs = require('fs');
const [dir, dest] = process.argv.slice(2);
const lessons = {};
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort())
  lessons[f.slice(0, -5)] = fs.readFileSync(dir + '/' + f, 'utf8');
fs.writeFileSync(dest, '// generated by scripts/build-web.sh from scenarios/classroom/*.yaml\n' +
  'const CS_LESSONS = ' + JSON.stringify(lessons, null, 1) + ';\n');
EOF
echo "build-web: $out/index.html ($(($(wc -c <"$out/circlesim.js") / 1000)) KB of engine," \
    "$(ls "$CS_ROOT"/scenarios/classroom/*.yaml | wc -l) lessons)" >&2
