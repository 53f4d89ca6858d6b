#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/run.sh [--sizes 1e5,1e6] [--workloads w1,w2,w3,w4,gen] [--repeat 3] -
# circlesim's benchmarks (not part of ./test.sh). Installs what they
# need (the peers' numpy and scipy, GNU time), builds the release build, and
# prints a Markdown table: docs/PERFORMANCE.md records it with the machine.
set -euo pipefail
CS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$CS_ROOT/scripts/setup.sh"
CS_PACKAGES="$CS_PACKAGES python3 python3-numpy python3-scipy time"
cs_install_packages
dir="$CS_ROOT/build/release"
cs_build "$dir" -DCMAKE_BUILD_TYPE=Release
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
# Debian's own Python, which has the packages above, whatever else is on PATH.
exec /usr/bin/python3 "$CS_ROOT/bench/run.py" "$dir" "$@"
