#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ./run.sh [ARGS...] - set up (packages, build) if needed, then run
# `circlesim run ARGS...`. With no ARGS: the built-in default scenario.
set -euo pipefail
CS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$CS_ROOT/scripts/setup.sh"
cs_install_packages
cs_build "$CS_ROOT/build/release" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
exec "$CS_ROOT/build/release/bin/circlesim" run "$@"
