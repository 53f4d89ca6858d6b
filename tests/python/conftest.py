# SPDX-License-Identifier: MIT
"""The Python package's tests: run by test.sh with CIRCLESIM_LIBRARY naming
a library built without sanitizers and CIRCLESIM_BIN the circlesim command
of the same build, whose files the package's runs must equal."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))


def _bin():
    path = os.environ.get("CIRCLESIM_BIN") or os.path.join(ROOT, "build", "release", "bin",
                                                           "circlesim")
    if not os.access(path, os.X_OK):
        pytest.exit("CIRCLESIM_BIN names no circlesim program: %s" % path, returncode=2)
    return path


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """Runs the circlesim command; returns the completed process."""
    path = _bin()

    def run(*args, check=True):
        p = subprocess.run([path] + [str(a) for a in args], capture_output=True, text=True)
        if check and p.returncode != 0:
            raise AssertionError("circlesim %s: exit %d\n%s" % (" ".join(map(str, args)),
                                                                p.returncode, p.stderr))
        return p
    return run


def scenario_path(name):
    return os.path.join(ROOT, "scenarios", name)
