# SPDX-License-Identifier: MIT
# scripts/setup.sh - shared by ./run.sh and ./test.sh (sourced, not run):
# installs the Debian packages circlesim needs, then configures and builds.

# Every system package the project needs, in one place.
CS_PACKAGES="build-essential cmake pkg-config libfyaml-dev libssl-dev libcmocka-dev
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev fontconfig fonts-dejavu-core
fonts-wqy-microhei libopenmpi-dev openmpi-bin clang-14 libclang-rt-14-dev valgrind"

# What only the tests need: a real browser for the experiments' reports,
# poppler's pdfinfo to read the handouts' PDFs, man(1) and groff to render
# the manual pages, bash-completion to load the completion script, what the
# Python package needs (cffi, numpy, pandas; venv and pip to install it)
# with pytest, and jsonschema and networkx to read our files as others do.
CS_TEST_PACKAGES="chromium poppler-utils man-db groff-base bash-completion python3-cffi
python3-numpy python3-pandas python3-pytest python3-venv python3-pip python3-setuptools
python3-jsonschema python3-networkx"

# The Python the tests use: Debian's, which has the packages above (a
# python3 earlier on PATH may not).
CS_PYTHON=/usr/bin/python3

# What the browser page needs to be built (scripts/build-web.sh): Debian's
# emscripten (it brings clang, node and python3); tests/web_test.sh runs the
# page in the chromium above.
CS_WEB_PACKAGES="emscripten"

# cs_missing_packages [EXTRA...]: those of CS_PACKAGES and EXTRA not installed.
cs_missing_packages() {
    local p missing=""
    for p in $CS_PACKAGES "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing="$missing $p"
    done
    echo "$missing"
}

# Installs what is missing: as root directly, otherwise through sudo,
# otherwise says the one command needed and exits 2.
# cs_install_packages [EXTRA...]
cs_install_packages() {
    local missing
    missing=$(cs_missing_packages "$@")
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "circlesim: error: these Debian packages are needed:$missing" >&2
        exit 2
    fi
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        # sudo may ask for a password only when someone is there to type it.
        if command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
            sudo="sudo"
        else
            echo "circlesim: error: missing packages; run as root:" >&2
            echo "  apt-get update && apt-get install -y$missing" >&2
            exit 2
        fi
    fi
    echo "circlesim: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends $missing; } \
        >"${TMPDIR:-/tmp}/circlesim-apt.log" 2>&1; then
        tail -n 20 "${TMPDIR:-/tmp}/circlesim-apt.log" >&2
        echo "circlesim: error: apt-get failed (log: ${TMPDIR:-/tmp}/circlesim-apt.log)" >&2
        exit 2
    fi
}

# cs_build DIR [cmake options...]: configure once, then build; output is shown
# only when something fails.
cs_build() {
    local dir=$1
    shift
    local log="$dir.log"
    mkdir -p "$dir"
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        echo "circlesim: building in $dir (first time only)" >&2
        if ! cmake -S "$CS_ROOT" -B "$dir" "$@" >"$log" 2>&1; then
            cat "$log" >&2
            echo "circlesim: error: cmake configure failed" >&2
            exit 1
        fi
    fi
    if ! cmake --build "$dir" -j "$(nproc)" >"$log" 2>&1; then
        grep -E "error|Error" "$log" | head -n 40 >&2
        echo "circlesim: error: build failed (full log: $log)" >&2
        exit 1
    fi
}
