#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/python_install.sh PYTHON - `pip install .` from the repository into a
# fresh virtual environment (using the system's cffi, numpy and pandas, and
# no network), then a run from outside the repository with the library the
# package carries.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/circlesim-pip.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
"$python" -m venv --system-site-packages "$work/env"
"$work/env/bin/pip" install --no-build-isolation --no-index --quiet "$root" \
    >"$work/pip.log" 2>&1 || { tail -n 30 "$work/pip.log" >&2; exit 1; }
cd "$work"
env -u CIRCLESIM_LIBRARY "$work/env/bin/python" - "$work/env" "$root" <<'PY'
import os, sys
env, root = sys.argv[1], sys.argv[2]
import circlesim
assert circlesim.__file__.startswith(env), circlesim.__file__
assert circlesim.LIBRARY_PATH.startswith(env), circlesim.LIBRARY_PATH
path = circlesim.shipped("whatif/koc-seeding-a.yaml")
assert path.startswith(env) and os.path.exists(circlesim.shipped("validation/star.txt")), path
sc = circlesim.Scenario.load(path)
run = sc.set("population.size", 1000).set("brand.koc_seeds", 20).set("days", 10).run(seed=2)
ts = run.timeseries
assert list(ts["day"]) == list(range(1, 11)) and ts["dau"].min() > 0
print("python_install: circlesim %s from %s: %d days, GMV %.2f yuan"
      % (circlesim.version(), os.path.relpath(circlesim.LIBRARY_PATH, env),
         len(ts), ts["gmv"].sum()))
PY
