#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/readme-picture.sh - redraw the README's pictures of the default
# scenario (docs/img/default.png) and of a lesson's step
# (docs/img/lesson-word-of-mouth.png) with `circlesim render`. Run it after a
# change to the model or the panels, look at the picture, and commit it.
set -euo pipefail
CS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$CS_ROOT/scripts/setup.sh"
cs_install_packages
cs_build "$CS_ROOT/build/release" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
mkdir -p "$CS_ROOT/docs/img"
# Day 240: circles have opened (day 180) and had two months to grow.
"$CS_ROOT/build/release/bin/circlesim" render --png "$CS_ROOT/docs/img/default.png" \
    --day 240 --width 1600 --height 900
echo "wrote docs/img/default.png"
# The teacher's path: the end of Trust beats reach, its third step.
"$CS_ROOT/build/release/bin/circlesim" render scenarios/classroom/word-of-mouth.yaml \
    --png "$CS_ROOT/docs/img/lesson-word-of-mouth.png" --step 3 --width 1600 --height 900
echo "wrote docs/img/lesson-word-of-mouth.png"
