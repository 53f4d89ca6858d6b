# SPDX-License-Identifier: MIT
"""The package's declarations against the public headers: every function the
headers export (CS_API) that the package declares has the same signature,
and every one it leaves out is left out on purpose."""

import glob
import os
import re

from conftest import ROOT

import circlesim
from circlesim import _lib

# Exported functions the package does not call, and why.
NOT_DECLARED = {
    # printf-style reporting: Python raises exceptions instead.
    "cs_diag_at", "cs_diag_set", "cs_diag_error", "cs_diag_warn_at", "cs_diag_warn_set",
    "cs_diag_warn", "cs_diag_init_muted",
    # random streams, for C programs that draw their own numbers.
    "cs_pcg32_seed", "cs_pcg32_bounded64", "cs_rng_stream", "cs_rng_key",
    "cs_rng_stream_keyed", "cs_mix64",
}


def normalize(decl):
    decl = re.sub(r"__attribute__\s*\(\(.*?\)\)|CS_PRINTF\(\d+, *\d+\)", "", decl)
    decl = decl.replace("CS_API", "").replace("extern", "")
    decl = re.sub(r"\s+", " ", decl).strip().rstrip(";").strip()
    return re.sub(r"\s*([*,()\[\]])\s*", r"\1", decl)


def declarations(text):
    """{name: normalized declaration} of the functions in C text."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"(?m)^\s*#.*$", "", text)  # preprocessor lines
    out = {}
    for m in re.finditer(r"[A-Za-z_][^;{}#]*?\b(cs_[a-z0-9_]+)\s*\([^;{}]*\)[^;{}]*;", text):
        out[m.group(1)] = normalize(m.group(0))
    return out


def header_api():
    api = {}
    for path in glob.glob(os.path.join(ROOT, "include", "circlesim", "*.h")):
        text = open(path).read()
        for name, decl in declarations(text).items():
            if re.search(r"CS_API[^;]*\b%s\s*\(" % name, text):
                api[name] = decl
    return api


def test_every_exported_function_is_declared_alike():
    api = header_api()
    ours = declarations(_lib.CDEF)
    assert len(api) > 40, "the headers' CS_API functions were not found"
    missing = sorted(set(api) - set(ours) - NOT_DECLARED)
    assert not missing, "exported but not declared in the package: %s" % missing
    for name, decl in ours.items():
        if name in api:
            assert decl == api[name], "%s differs:\n  header:  %s\n  package: %s" % (
                name, api[name], decl)
    stale = sorted(n for n in NOT_DECLARED if n not in api)
    assert not stale, "NOT_DECLARED names functions the headers lack: %s" % stale


def test_the_library_is_the_one_named():
    want = os.environ.get("CIRCLESIM_LIBRARY")
    if want:
        assert circlesim.LIBRARY_PATH == want
    assert re.fullmatch(r"\d+\.\d+\.\d+", circlesim.version())
    text = open(os.path.join(ROOT, "include", "circlesim", "version.h")).read()
    parts = [re.search(r"#define CS_VERSION_%s (\d+)" % p, text).group(1)
             for p in ("MAJOR", "MINOR", "PATCH")]
    assert circlesim.version() == ".".join(parts)


# The structures and constants the package declares, against the headers
# as a C compiler lays them out: a field added in C must fail here, not
# corrupt a call.
STRUCTS = {
    "cs_diag": ["out", "errors", "muted", "hint"],
    "cs_compare_options": ["replicates", "jobs", "threads", "stop"],
    "cs_sweep_options": ["design", "replicates", "jobs", "threads", "stop"],
    "cs_compared": ["a_mean", "b_mean", "diff_mean", "diff_lo", "diff_hi", "rel"],
}
CONSTANTS = ["CS_OK", "CS_ERR_RUNTIME", "CS_ERR_INPUT", "CS_ERR_NOMEM", "CS_ERR_INTERRUPTED"]


def test_structures_and_constants_match_the_compiler(tmp_path):
    import shutil
    import subprocess
    cc = shutil.which("cc")
    assert cc, "a C compiler is needed to lay out the headers' structures"
    lines = ['#include <stddef.h>', '#include <stdio.h>', '#include "circlesim/circlesim.h"',
             "int main(void) {"]
    for s, fields in STRUCTS.items():
        lines.append('printf("%s %%zu\\n", sizeof(%s));' % (s, s))
        lines += ['printf("%s.%s %%zu\\n", offsetof(%s, %s));' % (s, f, s, f) for f in fields]
    lines += ['printf("%s %%d\\n", (int)%s);' % (c, c) for c in CONSTANTS]
    lines.append("return 0; }")
    (tmp_path / "probe.c").write_text("\n".join(lines))
    subprocess.run([cc, "-I", os.path.join(ROOT, "include"), str(tmp_path / "probe.c"),
                    "-o", str(tmp_path / "probe")], check=True)
    got = dict(line.split() for line in subprocess.run(
        [str(tmp_path / "probe")], capture_output=True, text=True, check=True).stdout.splitlines())
    ffi = _lib.ffi
    for s, fields in STRUCTS.items():
        assert ffi.sizeof(s) == int(got[s]), s
        for f in fields:
            assert ffi.offsetof(s, f) == int(got["%s.%s" % (s, f)]), (s, f)
    for c in CONSTANTS:
        assert getattr(_lib.lib, c) == int(got[c]), c
